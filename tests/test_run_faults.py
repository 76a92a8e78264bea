"""Fault cases of a run, each reproduced the way a user meets it (issue 12)."""
import os

import duckdb
import pytest
from click.testing import CliRunner

from conftest import spine_pipeline, write_jsonl
from gensafe.cli import main


def _run(p, *args):
    return CliRunner().invoke(main, ["run", str(p), "--no-progress", *args])


@pytest.mark.parametrize("name", ['输出 "quoted" \'single\'',
                                  'x"]); COPY (SELECT 42 AS pwned) TO \'pwned.csv\'; --'])
def test_output_paths_are_never_sql(tmp_path, corpus, monkeypatch, name):
    """Chinese characters and quotes in the output folder load fine; a crafted folder name runs no SQL."""
    monkeypatch.chdir(tmp_path)
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"text": "fine"}], raw_lines=['{"oops"'])
    out = tmp_path / name
    p = spine_pipeline(tmp_path, [str(corpus), str(bad)])
    r = _run(p, "-o", str(out))
    assert r.exit_code == 0, r.output
    assert not (tmp_path / "pwned.csv").exists()
    con = duckdb.connect(str(out / "audit.duckdb"), read_only=True)
    assert con.execute("SELECT input_records, kept + removed, rejected, accounting_ok FROM runs").fetchone() \
        == (122, 121, 1, True)
    con.close()
    v = CliRunner().invoke(main, ["audit", "verify", "--db", str(out / "audit.duckdb")])
    assert v.exit_code == 0, v.output
    assert not (tmp_path / "pwned.csv").exists()


@pytest.mark.parametrize("content", [b"", b'{"oops"\nnot json\n', b"\x1f\x8b\x08garbage"])
def test_run_with_nothing_kept_or_removed_stores_its_rejections(tmp_path, content):
    """An empty file, a file of bad lines, a corrupt archive: rc 0 and every rejection in DuckDB."""
    f = tmp_path / ("in.jsonl.gz" if content.startswith(b"\x1f\x8b") else "in.jsonl")
    f.write_bytes(content)
    p = spine_pipeline(tmp_path, [str(f)])
    r = _run(p)
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
    con = duckdb.connect(str(tmp_path / "out" / "audit.duckdb"), read_only=True)
    n_rej = {b"": 0, b'{"oops"\nnot json\n': 2}.get(content, 1)
    assert con.execute("SELECT input_records, kept, removed, rejected, accounting_ok FROM runs").fetchone() \
        == (n_rej, 0, 0, n_rej, True)
    assert con.execute("SELECT count(*) FROM rejected").fetchone()[0] == n_rej
