"""The example queries in docs/audit_schema.md run against a real run's database."""
import re
from pathlib import Path

import duckdb
from click.testing import CliRunner

from conftest import spine_pipeline, write_jsonl
from gensafe.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "audit_schema.md"


def test_documented_queries_run(tmp_path, corpus):
    bad = write_jsonl(tmp_path / "bad.jsonl", [], raw_lines=["{broken"])
    p = spine_pipeline(tmp_path, [str(corpus), str(bad)])
    assert CliRunner().invoke(main, ["run", str(p), "--no-progress"]).exit_code == 0
    queries = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(queries) >= 6
    con = duckdb.connect(str(tmp_path / "out" / "audit.duckdb"), read_only=True)
    results = [con.execute(q).fetchall() for q in queries]
    assert all(r for r in results), "every documented query returns rows on a real run"
    assert results[0][0][-1] is True  # balanced
    assert results[5][0][1] == 1      # the bad line's number
