"""The Ray Data executor gives the same kept/removed sets and DuckDB counts as the local one."""
import os

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from conftest import spine_pipeline
from gensafe.cli import main

ray = pytest.importorskip("ray")


def _state(out):
    kept = sorted(pq.read_table(os.path.join(out, "kept")).column("doc_id").to_pylist())
    removed = sorted(pq.read_table(os.path.join(out, "removed")).column("doc_id").to_pylist())
    con = duckdb.connect(os.path.join(out, "audit.duckdb"), read_only=True)
    counts = con.execute("SELECT input_records, kept, removed, rejected, accounting_ok FROM runs").fetchall()
    per_source = con.execute("SELECT source_id, documents, unqualified FROM source_qualified_rate ORDER BY 1").fetchall()
    con.close()
    return kept, removed, counts, per_source


def test_ray_matches_local_and_resumes(tmp_path, corpus):
    (tmp_path / "local").mkdir()
    (tmp_path / "ray").mkdir()
    p_local = spine_pipeline(tmp_path / "local", [str(corpus)], chunk_bytes=2500)
    p_ray = spine_pipeline(tmp_path / "ray", [str(corpus)], workers=2, chunk_bytes=2500)
    assert CliRunner().invoke(main, ["run", str(p_local), "--no-progress"]).exit_code == 0
    try:
        r = CliRunner().invoke(main, ["run", str(p_ray), "--no-progress", "--executor", "ray"])
        assert r.exit_code == 0, r.output + repr(r.exception)
        assert _state(tmp_path / "local" / "out") == _state(tmp_path / "ray" / "out")
        # resume: drop two markers, the re-run redoes only those tasks and still balances
        markers = sorted(os.listdir(tmp_path / "ray" / "out" / "_markers"))
        for m in markers[:2]:
            os.remove(tmp_path / "ray" / "out" / "_markers" / m)
        r = CliRunner().invoke(main, ["run", str(p_ray), "--no-progress", "--executor", "ray"])
        assert r.exit_code == 0 and f"{len(markers) - 2} of {len(markers)} tasks already done" in r.output
        kept, removed, _, _ = _state(tmp_path / "ray" / "out")
        assert kept == _state(tmp_path / "local" / "out")[0] and len(removed) == len(set(removed))
    finally:
        ray.shutdown()
