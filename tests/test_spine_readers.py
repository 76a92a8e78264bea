import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from conftest import write_jsonl
from gensafe.config import FieldMap, InputSpec
from gensafe.readers import ReadStats, plan_tasks, read_path, read_task, registered_domain


def _read_all(path, **kw):
    rejected = []
    batches = list(read_path(str(path), rejected=rejected, **kw))
    rows = [r for b in batches for r in b.to_pylist()]
    return rows, rejected


def test_jsonl_fields_ids_and_sources(tmp_path):
    p = write_jsonl(tmp_path / "d.jsonl", [
        {"id": "a", "text": "hello", "source": "given", "extra": 1},
        {"text": "no id here", "url": "https://news.example.co.uk/x"},
        {"text": "no url no source"},
    ])
    rows, rej = _read_all(p)
    assert not rej
    assert rows[0]["doc_id"] == "a" and rows[0]["source_id"] == "given"
    assert json.loads(rows[0]["meta"]) == {"extra": 1}
    assert rows[1]["doc_id"].startswith("sha1:") and rows[1]["source_id"] == "example.co.uk"
    assert rows[2]["source_id"] == "d"  # the input's dataset name
    assert [r["input_line"] for r in rows] == [1, 2, 3]


def test_custom_field_names(tmp_path):
    p = write_jsonl(tmp_path / "d.jsonl", [{"content": "x", "uid": 7, "site": "https://a.example.org/"}])
    rows, _ = _read_all(p, fields=FieldMap(text="content", id="uid", url="site"))
    assert rows[0]["text"] == "x" and rows[0]["doc_id"] == "json:7" and rows[0]["source_id"] == "example.org"


def test_bad_records_are_rejected_with_file_and_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    with open(p, "wb") as fh:
        fh.write(b'{"text": "fine"}\n')
        fh.write(b'{"text": broken\n')
        fh.write(b'{"id": "no text"}\n')
        fh.write(b'{"text": "   "}\n')
        fh.write(b'{"text": "bad \xff bytes"}\n')
        fh.write(b'[1, 2]\n')
        fh.write(b'{"text": 42}\n')
        fh.write(b'{"text": "' + b"x" * 5000 + b'"}\n')
        fh.write(b'{"text": "last"}\n')
    rejected = []
    spec = InputSpec(path=str(p), format="jsonl", dataset="bad", fields=FieldMap())
    stats = ReadStats()
    rows = [r for t in plan_tasks([spec], 1 << 30) for b in read_task(t, spec, stats, max_doc_bytes=1000)
            for r in b.to_pylist()]
    rejected = stats.rejected
    assert [r["text"] for r in rows] == ["fine", "last"]
    reasons = {r.input_line: r.reason for r in rejected}
    assert set(reasons) == {2, 3, 4, 5, 6, 7, 8}
    assert "malformed JSON" in reasons[2]
    assert "missing text field" in reasons[3]
    assert reasons[4] == "empty text"
    assert "not valid UTF-8" in reasons[5]
    assert "not an object" in reasons[6]
    assert "not a string" in reasons[7]
    assert "exceeds" in reasons[8]
    assert stats.records == 9
    assert all(r.message().startswith(f"{p}:") for r in rejected)


def test_unreadable_file_is_one_rejection(tmp_path):
    p = tmp_path / "broken.parquet"
    p.write_bytes(b"not a parquet file at all")
    rows, rej = _read_all(p)
    assert rows == [] and len(rej) == 1 and "unreadable file" in rej[0].reason


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_jsonl(tmp_path, suffix):
    data = "".join(json.dumps({"text": f"t{i}"}) + "\n" for i in range(30)).encode()
    p = tmp_path / f"c{suffix}"
    p.write_bytes(gzip.compress(data) if suffix.endswith("gz") else zstandard.ZstdCompressor().compress(data))
    rows, rej = _read_all(p)
    assert [r["text"] for r in rows] == [f"t{i}" for i in range(30)] and not rej


def test_parquet_and_csv(tmp_path):
    pq.write_table(pa.table({"text": ["a", "b", None], "id": ["1", "2", "3"]}), tmp_path / "x.parquet")
    rows, rej = _read_all(tmp_path / "x.parquet")
    assert [r["doc_id"] for r in rows] == ["1", "2"] and rej[0].input_line == 3
    (tmp_path / "x.csv").write_text('id,text\n1,"multi\nline"\n2,plain\n3,"a",extra\n', encoding="utf-8")
    rows, rej = _read_all(tmp_path / "x.csv")
    assert [r["text"] for r in rows] == ["multi\nline", "plain"]
    assert len(rej) == 1 and "cells" in rej[0].reason


def test_hf_save_to_disk(tmp_path):
    import datasets

    datasets.Dataset.from_dict({"text": ["alpha", "beta"], "source": ["s", "s"]}).save_to_disk(str(tmp_path / "ds"))
    rows, rej = _read_all(tmp_path / "ds", format="hf")
    assert [r["text"] for r in rows] == ["alpha", "beta"] and not rej


def test_byte_ranges_cover_every_line_once(tmp_path):
    recs = [{"id": str(i), "text": "x" * (i % 37 + 1)} for i in range(500)]
    p = write_jsonl(tmp_path / "big.jsonl", recs)
    spec = InputSpec(path=str(p), format="jsonl", dataset="big", fields=FieldMap())
    tasks = plan_tasks([spec], chunk_bytes=997)
    assert len(tasks) > 10
    seen = []
    for t in tasks:
        st = ReadStats()
        for b in read_task(t, spec, st):
            seen.extend(zip(b.column("doc_id").to_pylist(), b.column("input_line").to_pylist()))
    assert [s[0] for s in seen] == [str(i) for i in range(500)]
    assert [s[1] for s in seen] == list(range(1, 501))


def test_registered_domain():
    assert registered_domain("https://a.b.example.com.cn/x") == "example.com.cn"
    assert registered_domain("not a url") in (None, "not a url")
