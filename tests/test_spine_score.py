import json

import pyarrow.parquet as pq
from click.testing import CliRunner

from conftest import spine_pipeline, write_jsonl
from gensafe.cli import main


def test_score_jsonl_keeps_fields_and_adds_verdicts(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": "a garden bomb", "custom": {"k": 1}},
        {"id": "b", "text": "harmless words", "url": "https://x.example.com/1"},
    ], raw_lines=["{bad json"])
    p = spine_pipeline(tmp_path, [str(src)])
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["score", str(src), "-o", str(out), "--pipeline", str(p)])
    assert r.exit_code == 0, r.output
    assert "scored 2 records" in r.output and "in.jsonl:3" in r.output
    recs = [json.loads(l) for l in out.read_text().splitlines()]
    assert recs[0]["custom"] == {"k": 1} and recs[0]["unsafe"] is True and recs[0]["risks"] == ["A1d"]
    assert recs[1]["unsafe"] is False and recs[1]["risks"] == [] and recs[1]["url"] == "https://x.example.com/1"
    assert recs[1]["pii"] == []


def test_score_parquet_roundtrip(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": "bomb"}, {"text": "flat earth"}])
    p = spine_pipeline(tmp_path, [str(src)])
    pq_in = tmp_path / "in.parquet"
    CliRunner().invoke(main, ["score", str(src), "-o", str(tmp_path / "tmp.jsonl"), "--pipeline", str(p)])
    import pyarrow as pa

    pq.write_table(pa.table({"text": ["bomb", "flat earth", "fine"]}), pq_in)
    out = tmp_path / "out.parquet"
    r = CliRunner().invoke(main, ["score", str(pq_in), "-o", str(out), "--pipeline", str(p)])
    assert r.exit_code == 0, r.output
    t = pq.read_table(out).to_pylist()
    assert [x["unsafe"] for x in t] == [True, False, False]  # A5a is reported but is not one of the 29
    assert t[1]["risks"] == ["A5a"]


def test_score_bad_output_format(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": "x"}])
    p = spine_pipeline(tmp_path, [str(src)])
    r = CliRunner().invoke(main, ["score", str(src), "-o", str(tmp_path / "o.csv"), "--pipeline", str(p)])
    assert r.exit_code == 1 and "output must be .jsonl or .parquet" in r.output
