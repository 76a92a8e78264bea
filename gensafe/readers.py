"""Readers: every input format becomes batches with the contract's input columns.

A reader never drops a record silently: each one is either yielded as a row
or reported as a ``Rejection`` naming the file and line, and the reader
counts every record it saw so the run can reconcile its books.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterator

import orjson
import pyarrow as pa

from gensafe.config import FieldMap, InputSpec, detect_format

INPUT_SCHEMA = pa.schema([
    ("doc_id", pa.string()),
    ("source_id", pa.string()),
    ("text", pa.string()),
    ("url", pa.string()),
    ("timestamp", pa.string()),
    ("license", pa.string()),
    ("lang", pa.string()),
    ("input_file", pa.string()),
    ("input_line", pa.int64()),
    ("meta", pa.string()),
])

REJECTED_SCHEMA = pa.schema([
    ("input_file", pa.string()),
    ("input_line", pa.int64()),
    ("reason", pa.string()),
    ("excerpt", pa.string()),
])

_EXCERPT = 200


@dataclass(frozen=True)
class Task:
    """A unit of work: one file, or a byte range of a plain JSONL file."""

    task_id: str
    input_index: int
    path: str
    format: str
    start: int = 0
    end: int = -1  # -1: to the end of the file
    first_line: int = 1

    @property
    def size(self) -> int:
        if self.end >= 0:
            return self.end - self.start
        try:
            return os.path.getsize(self.path) if os.path.isfile(self.path) else 0
        except OSError:
            return 0


@dataclass
class Rejection:
    input_file: str
    input_line: int
    reason: str
    excerpt: str = ""

    def message(self) -> str:
        return f"{self.input_file}:{self.input_line}: {self.reason}"


@dataclass
class ReadStats:
    records: int = 0
    bytes: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    #: sha256 of the bytes this task read (JSONL) or of the whole file (other formats)
    hasher: Any = field(default_factory=hashlib.sha256)


@lru_cache(maxsize=1)
def _tld_extractor():
    import tldextract

    # suffix_list_urls=() keeps it offline: the bundled Public Suffix List snapshot is used
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=65536)
def registered_domain(url: str) -> str | None:
    """The registrable domain of a URL (``news.example.co.uk`` → ``example.co.uk``)."""
    try:
        ext = _tld_extractor()(url)
    except Exception:  # malformed URL: no domain
        return None
    if hasattr(type(ext), "top_domain_under_public_suffix"):
        rd = ext.top_domain_under_public_suffix
    else:  # tldextract < 5.3
        rd = ext.registered_domain
    if rd:
        return rd.lower()
    return ext.domain.lower() if ext.domain else None


def content_id(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _opt_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):
        return v
    return str(v)


class BatchBuilder:
    """Turns field dictionaries into contract rows, rejecting what cannot be used."""

    def __init__(self, spec: InputSpec, path: str, stats: ReadStats, max_doc_bytes: int) -> None:
        self.f = spec.fields
        self.spec = spec
        self.path = path
        self.stats = stats
        self.max_doc_bytes = max_doc_bytes
        self.taken = {self.f.text, self.f.id, self.f.url, self.f.source, self.f.timestamp,
                      self.f.license, self.f.lang}
        self.cols: dict[str, list[Any]] = {n: [] for n in INPUT_SCHEMA.names}

    def __len__(self) -> int:
        return len(self.cols["doc_id"])

    def reject(self, line: int, reason: str, excerpt: str = "") -> None:
        self.stats.rejected.append(Rejection(self.path, line, reason, excerpt[:_EXCERPT]))

    def add(self, rec: Any, line: int) -> None:
        f = self.f
        if not isinstance(rec, dict):
            self.reject(line, f"record is a JSON {type(rec).__name__}, not an object", repr(rec))
            return
        text = rec.get(f.text)
        if text is None:
            self.reject(line, f"missing text field {f.text!r}", orjson.dumps(rec)[:_EXCERPT].decode("utf-8", "replace"))
            return
        if not isinstance(text, str):
            self.reject(line, f"text field {f.text!r} is a {type(text).__name__}, not a string", repr(text))
            return
        if not text.strip():
            self.reject(line, "empty text")
            return
        if len(text) * 4 > self.max_doc_bytes and len(text.encode("utf-8", "surrogatepass")) > self.max_doc_bytes:
            self.reject(line, f"document of {len(text.encode('utf-8', 'surrogatepass'))} bytes exceeds "
                              f"max_doc_bytes={self.max_doc_bytes}", text)
            return
        c = self.cols
        doc_id = rec.get(f.id)
        c["doc_id"].append(str(doc_id) if doc_id not in (None, "") else content_id(text))
        url = _opt_str(rec.get(f.url))
        source = self.spec.source or _opt_str(rec.get(f.source))
        if not source and url:
            source = registered_domain(url)
        c["source_id"].append(source or self.spec.dataset)
        c["text"].append(text)
        c["url"].append(url)
        c["timestamp"].append(_opt_str(rec.get(f.timestamp)))
        c["license"].append(_opt_str(rec.get(f.license)))
        c["lang"].append(_opt_str(rec.get(f.lang)))
        c["input_file"].append(self.path)
        c["input_line"].append(line)
        if rec.keys() <= self.taken:
            c["meta"].append("{}")
        else:
            rest = {k: v for k, v in rec.items() if k not in self.taken}
            c["meta"].append(orjson.dumps(rest, default=str).decode())

    def flush(self) -> pa.RecordBatch | None:
        if not len(self):
            return None
        batch = pa.RecordBatch.from_pydict(self.cols, schema=INPUT_SCHEMA)
        self.cols = {n: [] for n in INPUT_SCHEMA.names}
        return batch


# ---------------------------------------------------------------- JSONL

def _open_binary(path: str) -> io.BufferedIOBase:
    p = path.lower()
    if p.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if p.endswith((".zst", ".zstd")):
        import zstandard

        raw = zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), read_across_frames=True, closefd=True)
        return io.BufferedReader(raw, buffer_size=1 << 20)  # type: ignore[arg-type]
    return open(path, "rb")


def _lines(task: Task, max_line: int, hasher: Any, chunk: int = 1 << 22) -> Iterator[tuple[int, bytes | None, int]]:
    """Yield (line number, line bytes or None when over ``max_line``, byte length) for the task's range.

    Ranges are aligned to line starts at planning time, so adjacent ranges
    never share or lose a line.
    """
    fh = _open_binary(task.path)
    with fh:
        if task.start:
            fh.seek(task.start)
        line_no = task.first_line
        pos = task.start
        end = task.end
        while end < 0 or pos < end:
            line = fh.readline(max_line + 1)
            if not line:
                return
            hasher.update(line)
            n = len(line)
            if n > max_line and not line.endswith(b"\n"):
                # oversized record: skip to its end without holding it in memory
                while True:
                    more = fh.readline(chunk)
                    hasher.update(more)
                    n += len(more)
                    if not more or more.endswith(b"\n"):
                        break
                yield line_no, None, n
            else:
                yield line_no, line, n
            pos += n
            line_no += 1


def read_jsonl(task: Task, spec: InputSpec, stats: ReadStats, batch_size: int,
               max_doc_bytes: int) -> Iterator[pa.RecordBatch]:
    b = BatchBuilder(spec, task.path, stats, max_doc_bytes)
    loads = orjson.loads
    max_line = max_doc_bytes * 2 + 4096  # JSON escaping can double a document's size
    for line_no, line, n in _lines(task, max_line, stats.hasher):
        stats.bytes += n
        if line is None:
            stats.records += 1
            b.reject(line_no, f"record of {n} bytes exceeds the limit of {max_line} bytes (max_doc_bytes={max_doc_bytes})")
            continue
        if line in (b"\n", b"\r\n"):
            continue  # an empty line is no record in JSONL
        stats.records += 1
        try:
            rec = loads(line)
        except orjson.JSONDecodeError as exc:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as uexc:
                b.reject(line_no, f"bytes are not valid UTF-8 (at byte {uexc.start})",
                         line[:_EXCERPT].decode("utf-8", "replace"))
                continue
            b.reject(line_no, f"malformed JSON: {exc.msg} (column {exc.colno})",
                     line[:_EXCERPT].decode("utf-8", "replace"))
            continue
        b.add(rec, line_no)
        if len(b) >= batch_size:
            yield b.flush()  # type: ignore[misc]
    out = b.flush()
    if out is not None:
        yield out


# ---------------------------------------------------------------- Parquet, CSV, datasets

def _hash_file(path: str, stats: ReadStats) -> None:
    with open(path, "rb") as fh:
        while True:
            b = fh.read(1 << 20)
            if not b:
                break
            stats.hasher.update(b)


def _rows_to_batches(rows: Iterator[tuple[int, Any]], b: BatchBuilder, stats: ReadStats,
                     batch_size: int) -> Iterator[pa.RecordBatch]:
    for line_no, rec in rows:
        stats.records += 1
        b.add(rec, line_no)
        if len(b) >= batch_size:
            yield b.flush()  # type: ignore[misc]
    out = b.flush()
    if out is not None:
        yield out


def read_parquet(task: Task, spec: InputSpec, stats: ReadStats, batch_size: int,
                 max_doc_bytes: int) -> Iterator[pa.RecordBatch]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(task.path)
    stats.bytes += os.path.getsize(task.path)
    _hash_file(task.path, stats)
    b = BatchBuilder(spec, task.path, stats, max_doc_bytes)

    def rows() -> Iterator[tuple[int, Any]]:
        row = 1
        for rb in pf.iter_batches(batch_size=batch_size):
            for rec in rb.to_pylist():
                yield row, rec
                row += 1

    yield from _rows_to_batches(rows(), b, stats, batch_size)


def read_csv(task: Task, spec: InputSpec, stats: ReadStats, batch_size: int,
             max_doc_bytes: int) -> Iterator[pa.RecordBatch]:
    b = BatchBuilder(spec, task.path, stats, max_doc_bytes)
    delim = "\t" if task.path.lower().rstrip(".gz").endswith(".tsv") else ","
    csv.field_size_limit(max(max_doc_bytes * 2, 1 << 20))
    _hash_file(task.path, stats)
    raw = _open_binary(task.path)
    stats.bytes += task.size
    with io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delim)

        def rows() -> Iterator[tuple[int, Any]]:
            while True:
                try:
                    rec = next(reader)
                except StopIteration:
                    return
                except UnicodeDecodeError as exc:
                    stats.records += 1
                    b.reject(reader.line_num + 1, f"bytes are not valid UTF-8 (at byte {exc.start}); rest of file unreadable")
                    return
                except csv.Error as exc:
                    stats.records += 1
                    b.reject(reader.line_num, f"malformed CSV: {exc}")
                    continue
                if None in rec:  # more cells than header columns
                    stats.records += 1
                    b.reject(reader.line_num, f"row has {len(rec) - 1 + len(rec[None])} cells, header has {len(rec) - 1}")
                    continue
                yield reader.line_num, rec

        yield from _rows_to_batches(rows(), b, stats, batch_size)


def read_hf(task: Task, spec: InputSpec, stats: ReadStats, batch_size: int,
            max_doc_bytes: int) -> Iterator[pa.RecordBatch]:
    """A ``save_to_disk`` folder, or local data files through ``load_dataset(..., streaming=True)``."""
    import datasets

    path = task.path
    if os.path.isdir(path) and (os.path.exists(os.path.join(path, "dataset_info.json"))
                                or os.path.exists(os.path.join(path, "state.json"))):
        ds = datasets.load_from_disk(path)
        if isinstance(ds, datasets.DatasetDict):
            ds = ds[spec.split or next(iter(ds))]
        it = ds.to_iterable_dataset()
    else:
        fmt = detect_format(path, None)
        builder = {"jsonl": "json", "parquet": "parquet", "csv": "csv"}[fmt]
        it = datasets.load_dataset(builder, data_files=path, split=spec.split or "train", streaming=True)
    b = BatchBuilder(spec, path, stats, max_doc_bytes)
    rows = ((i + 1, rec) for i, rec in enumerate(it))
    yield from _rows_to_batches(rows, b, stats, batch_size)


READERS: dict[str, Callable[..., Iterator[pa.RecordBatch]]] = {
    "jsonl": read_jsonl, "parquet": read_parquet, "csv": read_csv, "hf": read_hf,
}


def read_task(task: Task, spec: InputSpec, stats: ReadStats, batch_size: int = 2048,
              max_doc_bytes: int = 8 * 1024 * 1024) -> Iterator[pa.RecordBatch]:
    """Read one task; an unreadable file becomes one rejection, not a crash."""
    try:
        yield from READERS[task.format](task, spec, stats, batch_size, max_doc_bytes)
    except (OSError, EOFError) as exc:
        stats.records += 1
        stats.rejected.append(Rejection(task.path, 0, f"unreadable file: {exc}"))
    except Exception as exc:  # corrupt Parquet, broken archive, dataset errors
        if type(exc).__module__.startswith(("pyarrow", "zstandard", "datasets", "gzip")) or isinstance(exc, ValueError):
            stats.records += 1
            stats.rejected.append(Rejection(task.path, 0, f"unreadable file: {type(exc).__name__}: {exc}"))
        else:
            raise


def _line_ranges(path: str, chunk_bytes: int) -> list[tuple[int, int, int]]:
    """Split a plain file into (start, end, first line) ranges that begin at line starts."""
    import mmap

    size = os.path.getsize(path)
    out: list[tuple[int, int, int]] = []
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        start, line = 0, 1
        while start < size:
            target = start + chunk_bytes
            if target >= size:
                end = size
            else:
                nl = mm.find(b"\n", target - 1)
                end = size if nl < 0 else nl + 1
            out.append((start, end, line))
            if end < size:
                line += mm[start:end].count(b"\n")
            start = end
    return out


def plan_tasks(inputs: list[InputSpec], chunk_bytes: int) -> list[Task]:
    """Split inputs into tasks: plain JSONL by line-aligned byte ranges, everything else per file."""
    tasks: list[Task] = []
    for i, spec in enumerate(inputs):
        for j, path in enumerate(spec.files()):
            fmt = spec.format
            size = os.path.getsize(path) if os.path.isfile(path) else 0
            plain = fmt == "jsonl" and not path.lower().endswith((".gz", ".zst", ".zstd"))
            if plain and size > chunk_bytes:
                for k, (start, end, first) in enumerate(_line_ranges(path, chunk_bytes)):
                    tasks.append(Task(f"{i:03d}-{j:05d}-{k:04d}", i, path, fmt, start, end, first))
            else:
                tasks.append(Task(f"{i:03d}-{j:05d}-0000", i, path, fmt))
    return tasks


def read_path(path: str, fields: FieldMap | None = None, batch_size: int = 2048,
              dataset: str | None = None, format: str | None = None,
              rejected: list[Rejection] | None = None) -> Iterator[pa.RecordBatch]:
    """Convenience reader for one path (any format); rejections are appended to ``rejected``."""
    fmt = detect_format(path, format)
    spec = InputSpec(path=path, format=fmt, dataset=dataset or os.path.splitext(os.path.basename(path.rstrip("/")))[0],
                     fields=fields or FieldMap())
    for task in plan_tasks([spec], 1 << 62):
        stats = ReadStats()
        yield from read_task(task, spec, stats, batch_size)
        if rejected is not None:
            rejected.extend(stats.rejected)
