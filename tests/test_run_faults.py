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
