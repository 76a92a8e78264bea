"""Readers: every input format becomes batches with the contract's input columns.

A reader never drops a record silently: each one is either yielded as a row
or reported as a ``Rejection`` naming the file and line, and the reader
counts every record it saw so the run can reconcile its books.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import Any, Callable, Iterable, Iterator

import orjson
import pyarrow as pa

from gensafe import storage
from gensafe.config import FieldMap, InputSpec, detect_format
from gensafe.storage import StorageError

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

#: every original field of a record except its text travels through the stages as a
#: column named ``ORIGINAL + field`` with its own type, so shards can keep it as it came
ORIGINAL = "input:"

REJECTED_SCHEMA = pa.schema([
    ("input_file", pa.string()),
    ("input_line", pa.int64()),
    ("reason", pa.string()),
    ("excerpt", pa.string()),
])

_EXCERPT = 200


class InputChanged(Exception):
    """An input file changed (or vanished) between planning and the end of its task.

    The task then fails instead of finishing: a marker over a half-read file
    would make the loss permanent, since a resumed run skips finished tasks.
    """


def file_identity(path: str) -> tuple[int, int]:
    """(size, mtime in ns) of a file or object, or (-1, 0) for a folder: what a task's marker pins its input to."""
    return storage.identity(path)


@dataclass(frozen=True)
class Task:
    """A unit of work: one file, or a byte range of a plain JSONL file.

    Its id is derived from the input's path, size and modification time and
    the byte range, never from its position in the plan: adding a file that
    sorts first, or changing one, makes new ids, so a resumed run cannot
    mistake one task's marker for another's.
    """

    task_id: str
    input_index: int
    path: str
    format: str
    start: int = 0
    end: int = -1  # -1: to the end of the file
    first_line: int = 1
    #: the file's size and mtime when the task was planned (-1, 0: a folder, not checked)
    file_size: int = -1
    file_mtime_ns: int = 0

    def check_unchanged(self) -> None:
        """Raise ``InputChanged`` if the file is not the one the task was planned on."""
        if self.file_size < 0:
            return
        try:
            now = file_identity(self.path)
        except OSError as exc:
            raise InputChanged(f"{self.path} vanished during the run ({exc.strerror or exc}); "
                               "its task was not recorded: run again to redo it") from None
        if now != (self.file_size, self.file_mtime_ns):
            raise InputChanged(f"{self.path} changed during the run (size {self.file_size:,} → {now[0]:,} bytes"
                               f"{'' if now[0] != self.file_size else ', modified'}); its task was not recorded: "
                               "run again to redo it")

    @property
    def size(self) -> int:
        if self.end >= 0:
            return self.end - self.start
        try:
            if storage.isfile(self.path):
                return storage.size(self.path)
            # a datasets folder: the bytes of its files
            return sum(n for _, n in storage.walk_files(self.path)) if storage.isdir(self.path) else 0
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


def line_too_long(n: int, max_line: int, max_doc_bytes: int) -> str:
    """The rejection reason for an over-long line, saying which setting to change."""
    return (f"line of {n:,} bytes is longer than the reader reads ({max_line:,} bytes: "
            f"twice max_doc_bytes={max_doc_bytes:,}, for JSON escapes)")


def content_id(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _opt_str(v: Any) -> str | None:
    """A contract field as text: a string as it is, any other value as its JSON text (``true``, not ``True``)."""
    if v is None:
        return None
    if isinstance(v, str):
        return v
    return _json_text(v)


#: the prefix of an id given as a JSON number, boolean, object or array: 123 and "123" stay two ids
ID_JSON = "json:"


class _Token(str):
    """A JSON number kept as the text it was written as."""


def id_text(v: Any, raw: bytes | None = None, field: str = "id") -> str | None:
    """A given id, exactly: a string as it is; any other JSON value as ``json:`` + its JSON text.

    orjson reads an integer beyond 64 bits as a float, so a float id is
    re-read from its line (``raw``) to keep every digit it was written with.
    """
    if v is None or type(v) is str:
        return v
    if type(v) is float and raw is not None:
        import json

        try:
            rec = json.loads(raw, parse_float=_Token, parse_int=_Token)
        except (ValueError, RecursionError):
            rec = None
        tok = rec.get(field) if isinstance(rec, dict) else None
        if isinstance(tok, _Token):
            return ID_JSON + str(tok)
    return ID_JSON + _json_text(v)


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
        #: per accepted row: its original fields (without the text), or its row in an Arrow source
        self.originals: list[dict[str, Any]] = []
        self.src_rows: list[int] = []

    def __len__(self) -> int:
        return len(self.cols["doc_id"])

    def reject(self, line: int, reason: str, excerpt: str = "") -> None:
        self.stats.rejected.append(Rejection(self.path, line, reason, excerpt[:_EXCERPT]))

    def add(self, rec: Any, line: int, src_row: int | None = None, raw: bytes | None = None) -> None:
        """Add one record; ``src_row`` is its row in the Arrow batch it came from, ``raw`` its JSON line."""
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
        doc_id = id_text(rec.get(f.id), raw, f.id)
        c["doc_id"].append(doc_id if doc_id else content_id(text))
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
        if src_row is None:
            self.originals.append(rec)
        else:
            self.src_rows.append(src_row)

    def flush(self, source: pa.RecordBatch | pa.Table | None = None) -> pa.RecordBatch | None:
        """The rows added since the last flush; ``source``: the Arrow batch their ``src_row`` index."""
        if not len(self):
            return None
        batch = pa.RecordBatch.from_pydict(self.cols, schema=INPUT_SCHEMA)
        if source is not None:
            idx = pa.array(self.src_rows, pa.int64())
            batch = with_originals(batch, {n: source.column(n).take(idx) for n in source.schema.names
                                           if n != self.f.text})
        else:
            batch = with_originals(batch, python_columns(self.originals, self.f.text))
        self.cols = {n: [] for n in INPUT_SCHEMA.names}
        self.originals, self.src_rows = [], []
        return batch


def _parquet_safe(t: pa.DataType) -> bool:
    """False for types Parquet cannot store (a struct without fields, as ``{}`` infers to)."""
    if pa.types.is_struct(t):
        return t.num_fields > 0 and all(_parquet_safe(t.field(i).type) for i in range(t.num_fields))
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return _parquet_safe(t.value_type)
    if pa.types.is_map(t):
        return _parquet_safe(t.key_type) and _parquet_safe(t.item_type)
    return True


def python_column(values: list[Any]) -> pa.Array:
    """An Arrow column for one original field's values, typed as Arrow infers them.

    Values Arrow cannot put in one type (an int here, a string there, numbers
    beyond int64, ``{}``) become their JSON text in a string column, so no
    record is lost to a type clash.
    """
    try:
        arr = pa.array(values)
        if _parquet_safe(arr.type):
            return arr
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
        pass
    return pa.array([v if v is None or isinstance(v, str) else _json_text(v) for v in values], pa.string())


def _json_text(v: Any) -> str:
    try:
        return orjson.dumps(v, default=str).decode()
    except TypeError:  # orjson.JSONEncodeError: e.g. an integer beyond 64 bits
        import json

        return json.dumps(v, default=str, ensure_ascii=False)


def python_columns(records: list[dict[str, Any]], text_field: str) -> dict[str, pa.Array]:
    """The original fields of parsed records (all but the text), in first-seen order.

    A field that is absent or null in every record of the batch gives no
    column; the shard writer fills it with nulls where other batches have it.
    """
    keys: dict[str, None] = {}
    for r in records:
        keys.update(dict.fromkeys(r))
    keys.pop(text_field, None)
    out = {}
    for k in keys:
        vals = [r.get(k) for r in records]
        if any(v is not None for v in vals):
            out[k] = python_column(vals)
    return out


def with_originals(batch: pa.RecordBatch, originals: dict[str, pa.Array | pa.ChunkedArray]) -> pa.RecordBatch:
    """``batch`` with the original fields appended as ``ORIGINAL + name`` columns."""
    if not originals:
        return batch
    arrays = list(batch.columns)
    fields = list(batch.schema)
    for name, arr in originals.items():
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        arrays.append(arr)
        fields.append(pa.field(ORIGINAL + name, arr.type))
    return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))


def original_columns(schema: pa.Schema) -> list[str]:
    """The names of the original-field columns of a batch (prefix included)."""
    return [n for n in schema.names if n.startswith(ORIGINAL)]


# ---------------------------------------------------------------- JSONL

class _Decompressed(io.RawIOBase):
    """A .gz or .zst file read as far as it is intact.

    ``gzip.open`` raises at a truncated end and loses what it had already
    decompressed in that call, and zstandard's stream reader ends a
    truncated file silently; either way records vanish.  This stream ends
    at the damage instead and notes it in ``damage``, so a reader keeps
    every complete record and rejects the tail by its line.
    """

    def __init__(self, raw: Any, kind: str) -> None:
        self.kind = kind
        self._raw = raw  # the compressed bytes (a local file or an object-store stream); closed with this
        self._d: Any = None
        self._buf = memoryview(b"")
        self._done = False
        self._read = 0
        self.damage: str | None = None

    def _new(self) -> Any:
        if self.kind == "gzip":
            import zlib

            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        import zstandard

        return zstandard.ZstdDecompressor().decompressobj()

    def readable(self) -> bool:
        return True

    def _feed(self, chunk: bytes) -> bytes:
        import zlib

        import zstandard

        out = []
        while chunk:
            if self._d is None or self._d.eof:
                if self._d is not None and not chunk.strip(b"\0"):
                    break  # zero padding after the last member, as gzip allows
                self._d = self._new()
            piece, chunk = chunk[:1 << 14], chunk[1 << 14:]  # small pieces: little is lost at a corrupt spot
            saved = self._d.copy() if self.kind == "gzip" else None
            try:
                out.append(self._d.decompress(piece))
            except (zlib.error, zstandard.ZstdError) as exc:
                if saved is not None:
                    out.append(_clean_prefix(saved, piece))
                self.damage = f"corrupt {self.kind} data near compressed byte {self._read:,} ({exc})"
                self._done = True
                break
            if self._d.eof:
                chunk = self._d.unused_data + chunk
        return b"".join(out)

    def readinto(self, b: Any) -> int:
        while not len(self._buf) and not self._done:
            chunk = self._raw.read(1 << 18)
            if not chunk:
                self._done = True
                if self._d is not None and not self._d.eof:
                    self.damage = f"the {self.kind} file is truncated (it ends inside its compressed stream)"
                break
            self._read += len(chunk)
            self._buf = memoryview(self._feed(chunk))
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def _clean_prefix(state: Any, piece: bytes) -> bytes:
    """What a zlib stream in ``state`` yields from the longest prefix of ``piece`` it accepts (bisection)."""
    import zlib

    lo, hi, best = 0, len(piece), b""
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            best_mid = state.copy().decompress(piece[:mid])
        except zlib.error:
            hi = mid - 1
        else:
            lo, best = mid, best_mid
    return best


def _open_binary(path: str) -> io.BufferedIOBase:
    """A decompressed, buffered binary stream of a local file or an object-store URI."""
    p = path.lower()
    raw: Any = open(path, "rb") if not storage.is_uri(path) else \
        io.BufferedReader(storage.open_input(path), buffer_size=1 << 22)  # type: ignore[arg-type]
    if p.endswith(".gz"):
        return io.BufferedReader(_Decompressed(raw, "gzip"), buffer_size=1 << 20)
    if p.endswith((".zst", ".zstd")):
        return io.BufferedReader(_Decompressed(raw, "zstd"), buffer_size=1 << 20)
    return raw


def damage_of(fh: Any) -> str | None:
    """Why a compressed stream ended early (truncated, corrupt), or None."""
    return getattr(getattr(fh, "raw", None), "damage", None)


#: (first line number, lines without newlines or None for one oversized record, bytes, last line had a newline)
_Block = tuple[int, "list[bytes] | None", int, bool]


def _split_long(line_no: int, lines: list[bytes], nbytes: int, max_line: int) -> Iterator[_Block]:
    """Pass a block of lines on, singling out any longer than ``max_line`` as oversized."""
    if max(map(len, lines)) <= max_line:
        yield line_no, lines, nbytes, True
        return
    run: list[bytes] = []
    first = line_no
    for i, line in enumerate(lines):
        if len(line) > max_line:
            if run:
                yield first, run, sum(map(len, run)) + len(run), True
                run = []
            yield line_no + i, None, len(line) + 1, True
            first = line_no + i + 1
        else:
            run.append(line)
    if run:
        yield first, run, sum(map(len, run)) + len(run), True


def _line_blocks(task: Task, max_line: int, hasher: Any, block: int = 1 << 22,
                 status: dict[str, Any] | None = None) -> Iterator[_Block]:
    """The task's lines, a block at a time, with no Python step per line.

    A record longer than ``max_line`` comes out as ``(line, None, bytes, _)``
    and is skipped without ever being held in memory.  Ranges are aligned to
    line starts at planning time, so adjacent ranges never share or lose a
    line; a line that straddles the range end anyway is read to its end.
    A UTF-8 byte order mark at the start of a file is dropped, and a file
    whose lines end in CR alone (old Mac style) is split at its CRs.  A
    compressed file that ends early sets ``status["damage"]`` (and
    ``status["damaged_line"]`` when it ends inside a line, which then comes
    out as ``(line, None, ...)``): every complete line before is kept.
    """
    status = {} if status is None else status
    fh = _open_binary(task.path)
    with fh:
        if task.start:
            fh.seek(task.start)
        line_no = task.first_line
        left = task.end - task.start if task.end >= 0 else None  # range bytes not yet read
        carry = b""
        skipped = -1  # >= 0: bytes of an oversized record consumed so far
        first = task.start == 0
        cr_only = False
        while True:
            past_end = left is not None and left <= 0
            if past_end:
                if not carry and skipped < 0:
                    return
                data = fh.readline(block)  # finish the straddling line, nothing more
            else:
                data = fh.read(block if left is None else min(block, left))
            if not data:
                break
            if left is not None:
                left -= len(data)
            hasher.update(data)
            if first:
                first = False
                if data.startswith(b"\xef\xbb\xbf"):
                    data = data[3:]
                cr_only = b"\n" not in data and b"\r" in data
            if cr_only:
                data = data.replace(b"\r", b"\n")
            if skipped >= 0:
                nl = data.find(b"\n")
                if nl < 0:
                    skipped += len(data)
                    continue
                yield line_no, None, skipped + nl + 1, True
                line_no += 1
                skipped = -1
                data = data[nl + 1:]
                if not data:
                    continue
            buf = carry + data if carry else data
            cut = buf.rfind(b"\n")
            if cut < 0:
                carry = buf
            else:
                lines = buf[:cut].split(b"\n")
                carry = buf[cut + 1:]
                yield from _split_long(line_no, lines, cut + 1, max_line)
                line_no += len(lines)
            if len(carry) > max_line:
                skipped, carry = len(carry), b""
        status["damage"] = damage_of(fh)
        status["next_line"] = line_no
        if skipped >= 0:
            yield line_no, None, skipped, False
        elif carry:
            if status["damage"]:
                status["damaged_line"] = line_no
                yield line_no, None, len(carry), False
            else:
                yield (line_no, None, len(carry), False) if len(carry) > max_line else (line_no, [carry], len(carry), False)


#: the code points Python's ``str.isspace`` accepts (tests/test_spine_jsonl_fast.py checks the list)
WHITESPACE = (0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002,
              0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)


def _blank_pattern() -> str:
    """An RE2 pattern true exactly where Python's ``not text.strip()`` is."""
    return "^[" + "".join(f"\\x{{{c:x}}}" for c in WHITESPACE) + "]*$"


_BLANK = _blank_pattern()


#: the deepest nesting a record may have.  pyarrow.json's parser recurses per level and crashes the
#: whole process on deep input (SIGSEGV at 20,000 levels), and so does ``pa.array`` on a value orjson
#: accepted (1,000 levels); a deeper record is rejected by its line instead
MAX_NESTING = 100


def _brackets(lines: list[bytes]) -> int:
    """An upper bound of the nesting depth of any line: its count of ``{`` and ``[`` (one C pass each)."""
    return max(map(int.__add__, map(bytes.count, lines, repeat(b"{")), map(bytes.count, lines, repeat(b"["))))


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth(line: bytes) -> int:
    """The nesting depth of one JSON text, brackets inside strings not counted (for the rare suspect line)."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub(b"", line)):
        if m.group() in (b"{", b"["):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class ColumnarJsonl:
    """Builds a batch from many JSONL lines at once, or declines.

    The fast path: ``pyarrow.json`` parses the lines straight into Arrow
    when every line is one object whose contract fields are strings and
    nothing else; otherwise orjson parses them and the columns are built
    with list comprehensions.  Checks (text present, not blank, not
    oversized, valid UTF-8, one object per line) run on whole columns.  If
    any line fails any check, ``batch`` returns None and the caller reads
    those lines one at a time with ``BatchBuilder``, which names the file
    and line of each bad record; both paths give identical rows.
    """

    def __init__(self, spec: InputSpec, path: str, max_doc_bytes: int) -> None:
        f = spec.fields
        self.f = f
        self.spec = spec
        self.path = path
        self.max_doc_bytes = max_doc_bytes
        self.names = list(dict.fromkeys([f.text, f.id, f.url, f.source, f.timestamp, f.license, f.lang]))
        self.taken = set(self.names)
        import pyarrow.json as pj

        self._pj = pj
        self._read_opts = pj.ReadOptions(use_threads=False, block_size=1 << 24)
        self._parse_opts = pj.ParseOptions(explicit_schema=pa.schema([(n, pa.string()) for n in self.names]),
                                           unexpected_field_behavior="infer")
        #: off once a batch had fields beyond the contract's: the rest of the file
        #: likely has them too, and each parse pyarrow.json then declines is wasted
        self._try_arrow = True

    def batch(self, lines: list[bytes], first_line: int) -> pa.RecordBatch | None:
        """Rows for ``lines`` (numbered from ``first_line``), or None if any line needs a closer look."""
        data_brackets = sum(map(bytes.count, lines, repeat(b"{"))) + sum(map(bytes.count, lines, repeat(b"[")))
        if data_brackets - len(lines) > MAX_NESTING and _brackets(lines) > MAX_NESTING:
            return None  # maybe nested too deep for pyarrow: the careful path measures each such line
        got = self._arrow(lines) if self._try_arrow else None
        if got is None:
            got = self._orjson(lines)
            if got is None:
                return None
        cols, meta, originals = got
        batch = self._finish(cols, meta, len(lines), first_line)
        return None if batch is None else with_originals(batch, originals)

    def _arrow(self, lines: list[bytes]) -> tuple[dict[str, pa.Array], None, dict[str, pa.Array]] | None:
        # every line starts an object: no blank lines, no values spread over lines
        if not all(map(bytes.startswith, lines, repeat(b"{"))):
            return None
        data = b"\n".join(lines)
        try:
            opts = self._read_opts if len(data) < (1 << 24) else \
                self._pj.ReadOptions(use_threads=False, block_size=len(data) + 1)
            t = self._pj.read_json(pa.py_buffer(data), read_options=opts, parse_options=self._parse_opts)
            # one row per line, and no fields beyond the contract's (those go to ``meta``)
            if t.num_columns != len(self.names):
                self._try_arrow = False
                return None
            if t.num_rows != len(lines):
                return None
            cols = {n: t.column(n).combine_chunks() for n in self.names}
            for a in cols.values():
                a.validate(full=True)  # pyarrow.json does not check UTF-8
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            return None
        # a field null or absent on every line gives no column, as on the other paths
        originals = {n: a for n, a in cols.items() if n != self.f.text and a.null_count < len(a)}
        return cols, None, originals

    def _orjson(self, lines: list[bytes]) -> tuple[dict[str, pa.Array], list[str] | None,
                                                   dict[str, pa.Array]] | None:
        loads = orjson.loads
        try:
            recs = [loads(line) for line in lines]
        except orjson.JSONDecodeError:
            return None
        if not all(type(r) is dict for r in recs):
            return None
        cols: dict[str, pa.Array] = {}
        for name in self.names:
            vals = [r.get(name) for r in recs]
            if name == self.f.text and not all(type(v) is str for v in vals):
                return None
            if name == self.f.id and not all(v is None or type(v) is str for v in vals):
                cols[name] = pa.array([id_text(v, line, name) for v, line in zip(vals, lines)], pa.string())
                continue
            try:
                cols[name] = pa.array(vals, pa.string())
            except (pa.ArrowTypeError, pa.ArrowInvalid):
                cols[name] = pa.array([_opt_str(v) for v in vals], pa.string())
        taken = self.taken
        originals = python_columns(recs, self.f.text)
        if all(r.keys() <= taken for r in recs):
            return cols, None, originals
        dumps = orjson.dumps
        meta = ["{}" if r.keys() <= taken else
                dumps({k: v for k, v in r.items() if k not in taken}, default=str).decode() for r in recs]
        return cols, meta, originals

    def _finish(self, cols: dict[str, pa.Array], meta: list[str] | None, n: int,
                first_line: int) -> pa.RecordBatch | None:
        import numpy as np
        import pyarrow.compute as pc

        f = self.f
        text = cols[f.text]
        if text.null_count:
            return None
        if pc.max(pc.binary_length(text)).as_py() > self.max_doc_bytes:
            return None
        if pc.any(pc.match_substring_regex(text, _BLANK)).as_py():
            return None
        ids = cols[f.id]
        no_id = _missing(ids)
        if no_id is not None:
            idx = pc.indices_nonzero(no_id)
            given = ids.to_pylist()
            for i, t in zip(idx.to_pylist(), text.take(idx).to_pylist()):
                given[i] = content_id(t)
            ids = pa.array(given, pa.string())
        if self.spec.source:
            source = pa.repeat(pa.scalar(self.spec.source, pa.string()), n)
        else:
            source = cols[f.source]
            no_source = _missing(source)
            if no_source is not None:
                idx = pc.indices_nonzero(no_source)
                given = source.to_pylist()
                urls = cols[f.url].take(idx).to_pylist()
                for i, url in zip(idx.to_pylist(), urls):
                    given[i] = (registered_domain(url) if url else None) or self.spec.dataset
                source = pa.array(given, pa.string())
        return pa.RecordBatch.from_arrays([
            ids, source, text, cols[f.url], cols[f.timestamp], cols[f.license], cols[f.lang],
            pa.repeat(pa.scalar(self.path, pa.string()), n),
            pa.array(np.arange(first_line, first_line + n, dtype=np.int64)),
            pa.array(meta, pa.string()) if meta is not None else pa.repeat(pa.scalar("{}", pa.string()), n),
        ], schema=INPUT_SCHEMA)


def _missing(values: pa.Array) -> pa.Array | None:
    """A mask of null or empty strings, or None when there are none (the usual case, decided cheaply)."""
    import pyarrow.compute as pc

    lens = pc.binary_length(values)
    if not values.null_count and (not len(values) or pc.min(lens).as_py() > 0):
        return None
    # a typed scalar: comparing with a Python int costs ~0.2 s on first use in a process
    return pc.fill_null(pc.equal(lens, pa.scalar(0, lens.type)), True)


def _read_lines_one_by_one(b: BatchBuilder, stats: ReadStats, lines: list[bytes], first_line: int,
                           last_nl: bool) -> None:
    """The careful path: each line on its own, each bad one rejected with its file and line."""
    loads = orjson.loads
    last = len(lines) - 1
    for j, line in enumerate(lines):
        if j < last or last_nl:
            line += b"\n"
        line_no = first_line + j
        if line in (b"\n", b"\r\n"):
            continue  # an empty line is no record in JSONL
        stats.records += 1
        if line.count(b"{") + line.count(b"[") > MAX_NESTING:
            depth = json_depth(line)
            if depth > MAX_NESTING:
                b.reject(line_no, f"record is nested {depth:,} levels deep; the limit is {MAX_NESTING}",
                         line[:_EXCERPT].decode("utf-8", "replace"))
                continue
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
        b.add(rec, line_no, raw=line)


def read_jsonl(task: Task, spec: InputSpec, stats: ReadStats, batch_size: int,
               max_doc_bytes: int, block_bytes: int = 1 << 22, columnar: bool = True) -> Iterator[pa.RecordBatch]:
    """JSONL in batches: whole batches of lines at once, one line at a time only where one is bad.

    ``columnar=False`` reads every line on its own (the reference the fast
    path is tested against).
    """
    b = BatchBuilder(spec, task.path, stats, max_doc_bytes)
    fast = ColumnarJsonl(spec, task.path, max_doc_bytes)
    max_line = max_doc_bytes * 2 + 4096  # JSON escaping can double a document's size
    pending: list[bytes] = []
    pending_first = task.first_line
    pending_nl = True

    def drain(upto: int) -> Iterator[pa.RecordBatch]:
        nonlocal pending, pending_first
        while len(pending) >= upto and pending:
            part, pending = pending[:batch_size], pending[batch_size:]
            first, pending_first = pending_first, pending_first + len(part)
            out = fast.batch(part, first) if columnar else None
            if out is not None:
                stats.records += len(part)
                yield out
                continue
            _read_lines_one_by_one(b, stats, part, first, bool(pending) or pending_nl)
            out = b.flush()
            if out is not None:
                yield out

    status: dict[str, Any] = {}
    for line_no, lines, n, last_nl in _line_blocks(task, max_line, stats.hasher, block_bytes, status):
        stats.bytes += n
        if lines is None:
            yield from drain(1)
            pending_first = line_no + 1
            stats.records += 1
            if status.get("damaged_line") == line_no:
                b.reject(line_no, f"{status['damage']}: this line is cut short")
            else:
                b.reject(line_no, line_too_long(n, max_line, max_doc_bytes))
            continue
        if not pending:
            pending_first = line_no
        pending.extend(lines)
        pending_nl = last_nl
        yield from drain(batch_size)
    yield from drain(1)
    if status.get("damage") and "damaged_line" not in status:
        # the stream broke at a line end: whatever followed is unknown, one rejection stands for it
        stats.records += 1
        b.reject(status["next_line"], f"{status['damage']}: nothing after line {status['next_line'] - 1:,} "
                                      "could be read")


# ---------------------------------------------------------------- Parquet, CSV, datasets

def _hash_file(path: str, stats: ReadStats) -> None:
    with storage.open_input(path) as fh:
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

    pf = pq.ParquetFile(storage.open_input(task.path))
    stats.bytes += storage.size(task.path)
    _hash_file(task.path, stats)
    b = BatchBuilder(spec, task.path, stats, max_doc_bytes)
    yield from _arrow_to_batches(pf.iter_batches(batch_size=batch_size), b, stats)


def _row_or_error(rb: pa.RecordBatch, i: int) -> dict[str, Any] | Exception:
    try:
        return rb.slice(i, 1).to_pylist()[0]
    except (pa.ArrowException, ValueError) as exc:
        return exc


def _arrow_to_batches(source: Iterable[pa.RecordBatch | pa.Table], b: BatchBuilder,
                      stats: ReadStats) -> Iterator[pa.RecordBatch]:
    """Rows of Arrow batches (Parquet, datasets); original fields keep their Arrow types.

    A cell that cannot be read (bytes that are not UTF-8 in a string column)
    rejects its row, not the file; a file that breaks part-way (a corrupt
    page) keeps the rows before and rejects the rest as one record.
    """
    row = 1
    it = iter(source)
    while True:
        try:
            rb = next(it)
        except StopIteration:
            break
        except (pa.ArrowException, OSError, ValueError) as exc:
            stats.records += 1
            b.reject(row, f"unreadable from row {row:,} on: {type(exc).__name__}: {str(exc)[:300]}")
            break
        try:
            recs: list[Any] = rb.to_pylist()
        except (pa.ArrowException, ValueError):
            recs = [_row_or_error(rb, i) for i in range(rb.num_rows)]
        for i, rec in enumerate(recs):
            stats.records += 1
            if isinstance(rec, Exception):
                b.reject(row + i, f"unreadable cell: {type(rec).__name__}: {str(rec)[:300]}")
            else:
                b.add(rec, row + i, src_row=i)
        row += rb.num_rows
        out = b.flush(source=rb)
        if out is not None:
            yield out


class _CsvLines:
    """The physical lines of a CSV file, numbered, with the lines of the record being parsed kept.

    When a record turns out malformed (an unclosed quote that would swallow
    every later row, a stray quote), its first line is rejected and the
    lines after it are fed to the parser again, so one bad row costs one row.
    """

    def __init__(self, fh: Iterator[str]) -> None:
        self.fh = fh
        self.replay: list[str] = []
        self.line = 0  # number of the last line handed to the parser
        self.record: list[str] = []
        self.record_first = 1

    def __iter__(self) -> "_CsvLines":
        return self

    def __next__(self) -> str:
        text = self.replay.pop() if self.replay else next(self.fh)
        self.line += 1
        self.record.append(text)
        return text

    def start_record(self) -> None:
        self.record = []
        self.record_first = self.line + 1

    def retry_after_first_line(self) -> None:
        """Give the parser the current record's lines again, all but its first."""
        self.replay.extend(reversed(self.record[1:]))
        self.line = self.record_first
        self.start_record()


def read_csv(task: Task, spec: InputSpec, stats: ReadStats, batch_size: int,
             max_doc_bytes: int) -> Iterator[pa.RecordBatch]:
    """CSV/TSV with a header row; each malformed row is rejected by its line, the rest kept.

    Bytes that are not UTF-8 reject their row (decoded with
    ``surrogateescape``, then checked), a UTF-8 byte order mark is dropped,
    lines may end in LF, CRLF or CR alone, and quoting is parsed strictly so
    an unclosed quote is found instead of merging later rows into one.
    """
    b = BatchBuilder(spec, task.path, stats, max_doc_bytes)
    delim = "\t" if task.path.lower().removesuffix(".gz").endswith(".tsv") else ","
    csv.field_size_limit(max(max_doc_bytes * 2, 1 << 20))
    _hash_file(task.path, stats)
    raw = _open_binary(task.path)
    stats.bytes += task.size
    with io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        lines = _CsvLines(fh)
        reader = csv.reader(lines, delimiter=delim, strict=True)

        def rows() -> Iterator[tuple[int, Any]]:
            header: list[str] | None = None
            while True:
                lines.start_record()
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    stats.records += 1
                    first = lines.record_first
                    b.reject(first, f"malformed CSV: {exc} (a quote opened on this line is not closed as CSV "
                                    "requires)" if "unexpected end" in str(exc) or "expected after" in str(exc)
                             else f"malformed CSV: {exc}", lines.record[0][:_EXCERPT] if lines.record else "")
                    lines.retry_after_first_line()
                    continue
                if not cells:
                    continue  # a blank line is no record
                line_no = lines.record_first
                if any(_has_surrogates(c) for c in cells):
                    bad = "".join(lines.record).encode("utf-8", "surrogateescape")
                    try:
                        bad.decode("utf-8")
                        at = ""
                    except UnicodeDecodeError as uexc:
                        at = f" (at byte {uexc.start} of the row)"
                    if header is None:
                        header = ["\ufffd" if _has_surrogates(c) else c for c in cells]
                        b.reject(line_no, f"header bytes are not valid UTF-8{at}")
                        stats.records += 1
                        continue
                    stats.records += 1
                    b.reject(line_no, f"bytes are not valid UTF-8{at}",
                             bad[:_EXCERPT].decode("utf-8", "replace"))
                    continue
                if header is None:
                    header = cells
                    continue
                if len(cells) > len(header):
                    stats.records += 1
                    b.reject(line_no, f"row has {len(cells)} cells, header has {len(header)}")
                    continue
                yield line_no, dict(zip(header, cells))

        yield from _rows_to_batches(rows(), b, stats, batch_size)
    if damage_of(raw):
        stats.records += 1
        b.reject(lines.line + 1, f"{damage_of(raw)}: nothing after line {lines.line:,} could be read")
        out = b.flush()
        if out is not None:
            yield out


def _has_surrogates(text: str) -> bool:
    """True when ``surrogateescape`` decoding put undecodable bytes into ``text``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_hf(task: Task, spec: InputSpec, stats: ReadStats, batch_size: int,
            max_doc_bytes: int) -> Iterator[pa.RecordBatch]:
    """A ``save_to_disk`` folder, or local data files through ``load_dataset(..., streaming=True)``."""
    import datasets

    path = task.path
    if storage.is_uri(path):
        raise StorageError(f"{path}: a datasets folder must be on local disk (list its Parquet or JSONL "
                           "files as the input instead)")
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
    stats.bytes += task.size
    b = BatchBuilder(spec, path, stats, max_doc_bytes)
    # Arrow tables, not Python rows: the original columns keep the dataset's types
    yield from _arrow_to_batches(it.with_format("arrow").iter(batch_size=batch_size), b, stats)


READERS: dict[str, Callable[..., Iterator[pa.RecordBatch]]] = {
    "jsonl": read_jsonl, "parquet": read_parquet, "csv": read_csv, "hf": read_hf,
}


def read_task(task: Task, spec: InputSpec, stats: ReadStats, batch_size: int = 2048,
              max_doc_bytes: int = 8 * 1024 * 1024) -> Iterator[pa.RecordBatch]:
    """Read one task; an unreadable file becomes one rejection, not a crash."""
    try:
        yield from READERS[task.format](task, spec, stats, batch_size, max_doc_bytes)
    except (OSError, EOFError) as exc:
        task.check_unchanged()  # a file deleted or truncated mid-read fails the task, it is no bad record
        if storage.is_uri(task.path) and storage.is_store_failure(exc):
            # a store that cannot be reached is no bad record either: the task fails, a rerun redoes it
            raise StorageError(f"cannot read {task.path}: {storage.one_line(exc)}") from None
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


def task_id(input_index: int, path: str, identity: tuple[int, int], start: int, end: int, k: int) -> str:
    """``<input>-<12 hex of path, size, mtime, range>-<range no>``: the same task gets the same id on a rerun."""
    key = f"{storage.absolute(path)}\0{identity[0]}\0{identity[1]}\0{start}\0{end}"
    return f"{input_index:03d}-{hashlib.sha1(key.encode('utf-8', 'surrogateescape')).hexdigest()[:12]}-{k:04d}"


def plan_tasks(inputs: list[InputSpec], chunk_bytes: int) -> list[Task]:
    """Split inputs into tasks: plain JSONL by line-aligned byte ranges, everything else per file."""
    tasks: list[Task] = []
    for i, spec in enumerate(inputs):
        for path in spec.files():
            fmt = spec.format
            ident = file_identity(path) if storage.exists(path) else (-1, 0)
            size = max(ident[0], 0)
            # an object is read front to back in one task: splitting it would read it all to count lines
            plain = fmt == "jsonl" and not path.lower().endswith((".gz", ".zst", ".zstd")) \
                and not storage.is_uri(path)
            if plain and size > chunk_bytes:
                for k, (start, end, first) in enumerate(_line_ranges(path, chunk_bytes)):
                    tasks.append(Task(task_id(i, path, ident, start, end, k), i, path, fmt, start, end, first,
                                      *ident))
            else:
                tasks.append(Task(task_id(i, path, ident, 0, -1, 0), i, path, fmt, file_size=ident[0],
                                  file_mtime_ns=ident[1]))
    return tasks


def read_path(path: str, fields: FieldMap | None = None, batch_size: int = 2048,
              dataset: str | None = None, format: str | None = None,
              rejected: list[Rejection] | None = None) -> Iterator[pa.RecordBatch]:
    """Convenience reader for one path (any format); rejections are appended to ``rejected``."""
    fmt = detect_format(path, format)
    spec = InputSpec(path=path, format=fmt, dataset=dataset or os.path.splitext(storage.basename(path))[0],
                     fields=fields or FieldMap())
    for task in plan_tasks([spec], 1 << 62):
        stats = ReadStats()
        yield from read_task(task, spec, stats, batch_size)
        if rejected is not None:
            rejected.extend(stats.rejected)
