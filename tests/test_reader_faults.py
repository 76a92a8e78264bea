"""Bad input a reader meets, each record kept, or rejected by its line (issue 12)."""
import gzip
import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from gensafe.readers import MAX_NESTING, read_path


def _read(path, **kw):
    rejected = []
    batches = list(read_path(str(path), rejected=rejected, **kw))
    rows = pa.Table.from_batches(batches).select(["doc_id", "text", "input_line"]).to_pylist() if batches else []
    return rows, rejected


def _lines(n):
    return b"".join(json.dumps({"id": f"d{i}", "text": f"line {i} " + "word " * (i % 7)}).encode() + b"\n"
                    for i in range(n))


@pytest.mark.parametrize("ext,compress", [("gz", gzip.compress), ("zst", zstandard.ZstdCompressor().compress)])
def test_truncated_archive_keeps_every_complete_line_and_rejects_the_cut_one(tmp_path, ext, compress):
    data = _lines(30000)
    blob = compress(data)
    cut = blob[: len(blob) * 6 // 10]
    f = tmp_path / f"t.jsonl.{ext}"
    f.write_bytes(cut)
    # what a reader can possibly get: the decompressed prefix
    d = zstandard.ZstdDecompressor().decompressobj() if ext == "zst" else __import__("zlib").decompressobj(31)
    prefix = d.decompress(cut)
    complete = prefix.count(b"\n")
    rows, rej = _read(f)
    assert len(rows) == complete and rows[-1]["input_line"] == complete
    assert [r.input_line for r in rej] == [complete + 1]
    assert "truncated" in rej[0].reason


def test_intact_archives_of_several_members_read_whole(tmp_path):
    f = tmp_path / "m.jsonl.gz"
    f.write_bytes(gzip.compress(_lines(10)) + gzip.compress(_lines(5)))
    rows, rej = _read(f)
    assert len(rows) == 15 and not rej


def test_corrupt_archive_keeps_what_came_before(tmp_path):
    blob = bytearray(gzip.compress(_lines(20000)))
    blob[len(blob) // 2: len(blob) // 2 + 50] = b"\x00" * 50
    f = tmp_path / "c.jsonl.gz"
    f.write_bytes(bytes(blob))
    rows, rej = _read(f)
    # the lines before the damage are kept; garbled lines are rejected one by one; the stream's end is named
    assert len(rows) > 9000 and all(r["doc_id"] == f"d{r['input_line'] - 1}" for r in rows[:9000])
    assert "corrupt gzip data" in rej[-1].reason and rej[-1].input_line > rows[-1]["input_line"]


def test_bom_and_cr_only_line_endings(tmp_path):
    f = tmp_path / "bom.jsonl"
    f.write_bytes(b"\xef\xbb\xbf" + _lines(3))
    rows, rej = _read(f)
    assert len(rows) == 3 and not rej
    f = tmp_path / "cr.jsonl"
    f.write_bytes(_lines(6).replace(b"\n", b"\r"))
    rows, rej = _read(f)
    assert [r["input_line"] for r in rows] == [1, 2, 3, 4, 5, 6] and not rej
    c = tmp_path / "bom.csv"
    c.write_bytes("\ufeffid,text\r7,hello\r8,world\r".encode())
    rows, rej = _read(c)
    assert [(r["doc_id"], r["input_line"]) for r in rows] == [("7", 2), ("8", 3)] and not rej


def test_ids_are_kept_exactly_as_given(tmp_path):
    f = tmp_path / "ids.jsonl"
    f.write_text('{"id": 123, "text": "a"}\n{"id": "123", "text": "b"}\n'
                 '{"id": 123456789012345678901234567890, "text": "c"}\n{"id": true, "text": "d"}\n'
                 '{"id": {"a": 1}, "text": "e"}\n{"id": 1.50, "text": "f"}\n')
    want = ["json:123", "123", "json:123456789012345678901234567890", "json:true", 'json:{"a":1}', "json:1.50"]
    rows, rej = _read(f)
    assert [r["doc_id"] for r in rows] == want and not rej
    # the careful line-by-line path (a bad line sends the batch there) gives the same ids
    f.write_text(f.read_text() + "not json\n")
    rows, rej = _read(f)
    assert [r["doc_id"] for r in rows] == want and len(rej) == 1


def test_deep_nesting_is_rejected_not_a_crash(tmp_path):
    """pyarrow.json segfaults at 20,000 levels, pa.array at 1,000: run in a child so a crash fails the test."""
    f = tmp_path / "deep.jsonl"
    with open(f, "w") as fh:
        fh.write('{"id": "a", "text": "fine"}\n')
        fh.write('{"id": "b", "text": "deep", "m": ' + '{"a":' * 1000 + "1" + "}" * 1000 + "}\n")
        fh.write('{"id": "c", "text": "deeper", "m": ' + "[" * 20000 + "]" * 20000 + "}\n")
        fh.write('{"id": "d", "text": "code {[({[]})]} is fine", "m": [[[1]]]}\n')
    code = ("import sys; from gensafe.readers import read_path; rej = []; "
            "n = sum(b.num_rows for b in read_path(sys.argv[1], rejected=rej)); "
            "print(n, [(r.input_line, r.reason) for r in rej])")
    p = subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.startswith("2 ") and "(2, 'record is nested 1,001 levels deep" in p.stdout
    assert f"(3, 'record is nested 20,001 levels deep; the limit is {MAX_NESTING}')" in p.stdout


def test_csv_bad_byte_unclosed_quote_and_extra_cells_cost_one_row_each(tmp_path):
    c = tmp_path / "bad.csv"
    c.write_bytes(b'id,text\n1,hel\xfflo\n2,world\n3,"multi\nline"\n\n4,"unclosed\n5,five\n6,a,b\n7,"seven"\n')
    rows, rej = _read(c)
    assert [(r["doc_id"], r["text"]) for r in rows] == [("2", "world"), ("3", "multi\nline"), ("5", "five"),
                                                        ("7", "seven")]
    assert [(r.input_line, r.reason.split(":")[0]) for r in rej] == [
        (2, "bytes are not valid UTF-8 (at byte 5 of the row)"), (7, "malformed CSV"), (9, "row has 3 cells, header has 2")]
    c.write_bytes(b'id,text\n1,ok\n2,"never closed\n3,three\n4,four\n')
    rows, rej = _read(c)
    assert [r["doc_id"] for r in rows] == ["1", "3", "4"] and [r.input_line for r in rej] == [3]


def test_parquet_bad_cell_rejects_its_row_only(tmp_path):
    text = pa.array([b"good one", b"bad \xff byte", b"also good"], pa.binary()).view(pa.string())
    f = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": text}), f)
    rows, rej = _read(f)
    assert [r["doc_id"] for r in rows] == ["a", "c"]
    assert [(r.input_line, r.reason.split(":")[0]) for r in rej] == [(2, "unreadable cell")]
