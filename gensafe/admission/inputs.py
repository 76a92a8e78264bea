"""Documents to sample from: data files, sample files or URL lists.

Data files go through the spine's reader (``gensafe.readers.read_path``) so
ids and source ids follow the contract, in every format the spine reads.  URL lists (``*.urls`` or
``*.txt``: one ``URL`` or ``URL<TAB>text`` per line, ``#`` comments) are the
pre-collection case of §4.1.1 a: the sample is drawn over URLs and only the
sampled pages need fetching.
"""
from __future__ import annotations

import glob
import io
from pathlib import Path
from typing import Any, Iterator

from gensafe import storage

URL_LIST_SUFFIXES = (".urls", ".txt")


class InputError(Exception):
    """A user error in an input file (names the file and line)."""


def is_url_list(path: str) -> bool:
    return path.endswith(URL_LIST_SUFFIXES)


def expand(locations: list[str] | tuple[str, ...]) -> list[str]:
    """Paths and globs → sorted existing files (URLs, which cannot be read offline, are refused)."""
    files: list[str] = []
    for loc in locations:
        if storage.is_uri(loc):  # a bucket: s3://, gs://, hf:// (docs/storage.md)
            if any(c in loc for c in "*?["):
                found = storage.glob(loc)
            elif storage.isfile(loc):
                found = [loc]
            else:
                found = [p for p, _ in storage.walk_files(loc)]
            if not found:
                raise InputError(f"{loc}: no such object")
            files.extend(found)
            continue
        if "://" in loc:
            raise InputError(f"{loc}: web locations cannot be sampled directly; "
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


def read_url_list(path: str) -> Iterator[dict[str, Any]]:
    with (io.StringIO(storage.read_bytes(path).decode("utf-8")) if storage.is_uri(path)
          else open(path, encoding="utf-8")) as fh:
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


def read_documents(path: str, rejected: list) -> Iterator[dict[str, Any]]:
    """Rows with doc_id, source_id, url, text, lang, input_file, input_line.

    Bad records (malformed JSON, no text, …) cannot be assessed: they are
    appended to ``rejected`` (the spine's Rejection, naming file and line)
    and sampling goes on over the rest.
    """
    if is_url_list(path):
        yield from read_url_list(path)
        return
    from gensafe.readers import read_path

    cols = ("doc_id", "source_id", "url", "text", "lang", "input_file", "input_line")
    for batch in read_path(path, rejected=rejected):
        data = {c: batch.column(c).to_pylist() for c in cols}
        for i in range(batch.num_rows):
            yield {c: data[c][i] for c in cols}
