"""Documents to sample from: data files, sample files or URL lists.

Data files go through the spine's reader (``gensafe.readers.read_path``) so
ids and source ids follow the contract; while it is absent, a small JSONL /
Parquet reader with the same id rule is used.  URL lists (``*.urls`` or
``*.txt``: one ``URL`` or ``URL<TAB>text`` per line, ``#`` comments) are the
pre-collection case of §4.1.1 a: the sample is drawn over URLs and only the
sampled pages need fetching.
"""
from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
from pathlib import Path
from typing import Any, Iterator

URL_LIST_SUFFIXES = (".urls", ".txt")


class InputError(Exception):
    """A user error in an input file (names the file and line)."""


def is_url_list(path: str) -> bool:
    return path.endswith(URL_LIST_SUFFIXES)


def expand(locations: list[str] | tuple[str, ...]) -> list[str]:
    """Paths and globs → sorted existing files (URLs, which cannot be read offline, are refused)."""
    files: list[str] = []
    for loc in locations:
        if "://" in loc:
            raise InputError(f"{loc}: remote locations cannot be sampled directly; "
                             "list the candidate URLs in a .urls file and pass it with --input")
        matches = sorted(glob.glob(loc, recursive=True)) if any(c in loc for c in "*?[") else [loc]
        for m in matches:
            p = Path(m)
            if p.is_dir():
                files.extend(sorted(str(f) for f in p.rglob("*") if f.is_file()))
            elif p.exists():
                files.append(str(p))
            else:
                raise InputError(f"{m}: no such file")
    return files


def _sha1_id(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_url_list(path: str) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            url, _, text = line.partition("\t")
            url = url.strip()
            if "://" not in url:
                raise InputError(f"{path}:{lineno}: expected a URL (optionally followed by a tab and text), got {url[:60]!r}")
            yield {"doc_id": url, "source_id": None, "url": url, "text": text if _ else None,
                   "lang": None, "input_file": path, "input_line": lineno}


def _open_text(path: str):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if path.endswith(".zst"):
        import zstandard

        return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(open(path, "rb")), encoding="utf-8")
    return open(path, encoding="utf-8")


def _read_jsonl_fallback(path: str) -> Iterator[dict[str, Any]]:
    with _open_text(path) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{lineno}: invalid JSON ({exc.msg})") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise InputError(f"{path}:{lineno}: expected an object with a string 'text'")
            text = rec["text"]
            did = rec.get("id")
            yield {"doc_id": str(did) if did not in (None, "") else _sha1_id(text),
                   "source_id": rec.get("source"), "url": rec.get("url"), "text": text,
                   "lang": rec.get("lang"), "input_file": path, "input_line": lineno}


def _read_with_spine(path: str) -> Iterator[dict[str, Any]] | None:
    try:
        from gensafe.readers import read_path  # type: ignore[attr-defined]
    except ImportError:
        return None

    def gen() -> Iterator[dict[str, Any]]:
        cols = ("doc_id", "source_id", "url", "text", "lang", "input_file", "input_line")
        for batch in read_path(path):
            names = set(batch.schema.names)
            data = {c: batch.column(c).to_pylist() if c in names else [None] * batch.num_rows for c in cols}
            for i in range(batch.num_rows):
                yield {c: data[c][i] for c in cols}
    return gen()


def read_documents(path: str) -> Iterator[dict[str, Any]]:
    """Rows with doc_id, source_id, url, text, lang, input_file, input_line."""
    if is_url_list(path):
        yield from read_url_list(path)
        return
    spine = _read_with_spine(path)
    if spine is not None:
        yield from spine
        return
    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        t = pq.read_table(path)
        names = set(t.column_names)
        for i, rec in enumerate(t.to_pylist(), 1):
            text = rec.get("text") or ""
            did = rec.get("doc_id") or rec.get("id")
            yield {"doc_id": str(did) if did else _sha1_id(text),
                   "source_id": rec.get("source_id") or rec.get("source"), "url": rec.get("url"),
                   "text": text, "lang": rec.get("lang"), "input_file": path, "input_line": i}
        return
    yield from _read_jsonl_fallback(path)
