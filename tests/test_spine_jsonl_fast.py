"""The columnar JSONL path must give exactly what reading line by line gives.

The reference here is independent of the reader's block splitting: it reads
the file with ``readline`` and feeds each line to ``BatchBuilder``, as the
reader did before it read whole batches at once.
"""
import hashlib
import json
import random
import tracemalloc

import orjson
import pyarrow as pa
import pytest

from gensafe.config import FieldMap, InputSpec
from gensafe.readers import ORIGINAL, BatchBuilder, ReadStats, Task, plan_tasks, read_jsonl

GOOD = [
    {"id": "a1", "text": "hello world", "source": "s1", "lang": "en"},
    {"text": "无编号的中文文本", "url": "https://news.example.com.cn/a"},
    {"id": 17, "text": "numeric id", "timestamp": "2024-01-01T00:00:00Z"},
    {"id": "", "text": "empty id gets a content id", "source": ""},
    {"text": "extra fields", "meta": {"k": [1, 2.5, None]}, "score": 0.25},
    {"text": "emoji 😀 and \u2028 separators", "license": "cc-by", "url": None},
    {"text": "  padded  ", "source": "s2", "url": "not a url"},
    {"text": "tab\tinside and nul \u0000", "id": "t"},
]
BAD_LINES = [
    b'{"text": broken',
    b'{"id": "no text"}',
    b'{"text": "   "}',
    b'{"text": "\xe3\x80\x80\n"}',  # ideographic space + newline escape... raw newline splits the line
    b'{"text": "bad \xff bytes"}',
    b'[1, 2]',
    b'{"text": 42}',
    b'{"text": null}',
    b'{}',
    b'',
    b'   ',
    b'\r',
    b'{"text": "a"}{"text": "b"}',
    b'{"text": "a"} {"text": "b"}',
    b'\xef\xbb\xbf{"text": "bom"}',
    b'{"text": "dup", "text": "key"}',
    b'{"text": "raw\ttab"}',
    b'{"text": "lone \\ud800 surrogate"}',
    b'{"text": "x", "n": NaN}',
    b'{"text": "x",',
    b'"id": "continued"}',
    b'{"text": "a", "m":',
    b'{"k": 1}}',
    b'  {"text": "leading space"}',
    b'{"text": "\\u3000\\u2003"}',
    b'{"text": "x" }  \r',
    b'{"text": "' + b"y" * 3000 + b'"}',
    b'{"text": "' + b"z" * 9000 + b'"}',
]


def _reference(path, spec, max_doc_bytes, start=0, end=-1, first_line=1):
    """Line by line with readline, as the reader worked before it read batches at once."""
    stats = ReadStats()
    b = BatchBuilder(spec, path, stats, max_doc_bytes)
    max_line = max_doc_bytes * 2 + 4096
    rows = []
    with open(path, "rb") as fh:
        fh.seek(start)
        pos, line_no = start, first_line
        while end < 0 or pos < end:
            line = fh.readline()
            if not line:
                break
            stats.hasher.update(line)
            stats.bytes += len(line)
            pos += len(line)
            body = line[:-1] if line.endswith(b"\n") else line
            if len(body) > max_line:
                stats.records += 1
                b.reject(line_no, f"line of {len(line):,} bytes is longer than the reader reads ({max_line:,} bytes: "
                                  f"twice max_doc_bytes={max_doc_bytes:,}, for JSON escapes)")
            elif line not in (b"\n", b"\r\n"):
                stats.records += 1
                try:
                    rec = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    try:
                        line.decode("utf-8")
                        b.reject(line_no, f"malformed JSON: {exc.msg} (column {exc.colno})",
                                 line[:200].decode("utf-8", "replace"))
                    except UnicodeDecodeError as uexc:
                        b.reject(line_no, f"bytes are not valid UTF-8 (at byte {uexc.start})",
                                 line[:200].decode("utf-8", "replace"))
                else:
                    b.add(rec, line_no)
            line_no += 1
    out = b.flush()
    if out is not None:
        rows = out.to_pylist()
    return rows, stats


def _fast(path, spec, max_doc_bytes, batch_size, block, task=None, columnar=True):
    stats = ReadStats()
    task = task or Task("t", 0, str(path), "jsonl")
    rows = [r for bt in read_jsonl(task, spec, stats, batch_size, max_doc_bytes, block_bytes=block,
                                   columnar=columnar) for r in bt.to_pylist()]
    return rows, stats


def _as_written(rows):
    """Rows without null original fields: batches differ in which fields they carry, shards do not."""
    return [{k: v for k, v in r.items() if v is not None or not k.startswith(ORIGINAL)} for r in rows]


def _same(a, b):
    (ra, sa), (rb, sb) = a, b
    assert _as_written(ra) == _as_written(rb)
    assert [(r.input_line, r.reason, r.excerpt) for r in sa.rejected] == \
           [(r.input_line, r.reason, r.excerpt) for r in sb.rejected]
    assert (sa.records, sa.bytes, sa.hasher.hexdigest()) == (sb.records, sb.bytes, sb.hasher.hexdigest())


def _random_file(path, rng, n, bad_rate, final_newline=True):
    lines = []
    for i in range(n):
        if rng.random() < bad_rate:
            lines.append(rng.choice(BAD_LINES))
        else:
            rec = dict(rng.choice(GOOD))
            if "id" in rec and rec["id"] not in ("", None):
                rec["id"] = f"{rec['id']}-{i}"
            lines.append(json.dumps(rec, ensure_ascii=rng.random() < 0.5).encode())
    data = b"\n".join(lines) + (b"\n" if final_newline else b"")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("seed", range(12))
def test_columnar_equals_line_by_line(tmp_path, seed):
    rng = random.Random(seed)
    spec = InputSpec(path="", format="jsonl", dataset="fuzz", fields=FieldMap(),
                     source="fixed" if seed % 5 == 4 else None)
    bad_rate = [0.0, 0.002, 0.05, 0.3][seed % 4]
    p = _random_file(tmp_path / "f.jsonl", rng, rng.randint(1, 3000), bad_rate, final_newline=seed % 3 != 0)
    max_doc = rng.choice([1000, 8 << 20])
    ref = _reference(str(p), spec, max_doc)
    for batch_size, block in ((7, 64), (2048, 1 << 22), (100, 5000), (1, 1 << 16)):
        _same(_fast(p, spec, max_doc, batch_size, block), ref)
    _same(_fast(p, spec, max_doc, 50, 333, columnar=False), ref)


def test_columnar_with_byte_ranges(tmp_path):
    rng = random.Random(99)
    p = _random_file(tmp_path / "r.jsonl", rng, 4000, 0.02)
    spec = InputSpec(path=str(p), format="jsonl", dataset="r", fields=FieldMap())
    ref_rows, ref_stats = _reference(str(p), spec, 1000)
    rows, rejected, records = [], [], 0
    for t in plan_tasks([spec], 20_000):
        r, s = _fast(p, spec, 1000, 64, 4096, task=t)
        r2, s2 = _reference(str(p), spec, 1000, t.start, t.end, t.first_line)
        _same((r, s), (r2, s2))
        rows += r
        rejected += s.rejected
        records += s.records
    assert _as_written(rows) == _as_written(ref_rows) and records == ref_stats.records
    assert [x.input_line for x in rejected] == [x.input_line for x in ref_stats.rejected]


def test_oversized_record_is_streamed_not_held(tmp_path):
    """A record far beyond the limit, longer than a read block, is skipped and counted exactly."""
    p = tmp_path / "big.jsonl"
    huge = b'{"text": "' + b"q" * 3_000_000 + b'"}'
    p.write_bytes(b'{"text": "a"}\n' + huge + b'\n{"text": "b"}\n' + huge)
    spec = InputSpec(path=str(p), format="jsonl", dataset="big", fields=FieldMap())
    ref = _reference(str(p), spec, 1000)
    tracemalloc.start()
    got = _fast(p, spec, 1000, 16, 4096)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1_000_000  # never the 3 MB record
    _same(got, ref)
    assert [r["text"] for r in got[0]] == ["a", "b"]
    assert [r.input_line for r in got[1].rejected] == [2, 4]
    assert got[1].hasher.hexdigest() == hashlib.sha256(p.read_bytes()).hexdigest()


def test_fast_path_is_taken_for_clean_input(tmp_path, monkeypatch):
    """Clean lines must not fall back to the per-line path (that is the point of it)."""
    from gensafe import readers

    p = _random_file(tmp_path / "clean.jsonl", random.Random(1), 500, 0.0)
    calls = []
    real = readers._read_lines_one_by_one
    monkeypatch.setattr(readers, "_read_lines_one_by_one", lambda *a: calls.append(1) or real(*a))
    spec = InputSpec(path=str(p), format="jsonl", dataset="c", fields=FieldMap())
    rows, stats = _fast(p, spec, 8 << 20, 128, 1 << 20)
    assert len(rows) == 500 and not stats.rejected and not calls
    assert isinstance(pa.Table.from_pylist(rows), pa.Table)


def test_whitespace_list_is_pythons():
    """The blank-text check in Arrow must treat as whitespace exactly what ``str.strip`` strips."""
    import sys

    import pyarrow.compute as pc

    from gensafe.readers import _BLANK, WHITESPACE

    assert list(WHITESPACE) == [c for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    samples = ["", " ", "\u3000\n", "a", " a ", "\x1c", "\x85", "\u200b", "x\n", "\u2028\u2029 \t"]
    assert pc.match_substring_regex(pa.array(samples), _BLANK).to_pylist() == [not s.strip() for s in samples]


def test_extra_fields_stop_the_arrow_attempts(tmp_path, monkeypatch):
    """Once a batch has fields beyond the contract's, later batches skip the pyarrow.json parse it would decline."""
    from gensafe import readers

    p = tmp_path / "extra.jsonl"
    p.write_bytes(b"".join(json.dumps({"text": f"doc {i}", "score": i}).encode() + b"\n" for i in range(400)))
    calls = []
    real = readers.ColumnarJsonl._arrow
    monkeypatch.setattr(readers.ColumnarJsonl, "_arrow", lambda self, lines: calls.append(1) or real(self, lines))
    spec = InputSpec(path=str(p), format="jsonl", dataset="e", fields=FieldMap())
    rows, stats = _fast(p, spec, 8 << 20, 50, 1 << 20)
    assert len(rows) == 400 and not stats.rejected and calls == [1]
    assert json.loads(rows[-1]["meta"]) == {"score": 399}
