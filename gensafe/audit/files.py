"""How ``gensafe audit verify`` reads a run's files: safely, and remotely only when told to.

Paths come from the database under test, so they are data, not trust:

* a local path is read only when it is a regular file (a FIFO or a device
  named by a crafted manifest would block or never end);
* an object-store URI (``s3://``, ``gs://``, ``hf://``, through
  :mod:`gensafe.storage`) is read only under a prefix the auditor named
  with ``--output``: a crafted ``runs.output_dir`` must not make verify
  contact a host of someone else's choosing.  A run whose folder is remote
  and not named is a finding, so pointing a run elsewhere hides nothing.
"""
from __future__ import annotations

import contextvars
import glob as _glob
import os
from contextlib import contextmanager
from typing import Any, Iterator

import pyarrow.dataset as pads
import pyarrow.parquet as pq

from gensafe import storage
from gensafe.writers import sha256_file

_REMOTE: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("remote_prefixes", default=())


class RemoteNotAllowed(OSError):
    """An object-store path outside the prefixes the auditor named."""


@contextmanager
def remote_allowed(prefixes: list[str] | tuple[str, ...]) -> Iterator[None]:
    """Allow reads under these URIs (and only these) for the duration of a verify."""
    token = _REMOTE.set(tuple(p.rstrip("/") for p in prefixes if storage.is_uri(p)))
    try:
        yield
    finally:
        _REMOTE.reset(token)


def _check(path: str) -> None:
    if storage.is_uri(path) and not any(path == p or path.startswith(p + "/") for p in _REMOTE.get()):
        raise RemoteNotAllowed(13, f"not read: give --output {path.rsplit('/_', 1)[0]} to let verify read "
                                   "this object store", path)


def join(base: str, *parts: str) -> str:
    return storage.join(base, *parts)


def isfile(path: str) -> bool:
    """A regular local file, or an object under an allowed prefix."""
    if storage.is_uri(path):
        _check(path)
        return storage.isfile(path)
    return os.path.isfile(path)


def read(path: str) -> bytes:
    """A file's bytes; ``OSError`` (``RemoteNotAllowed`` included) when it is not a readable file."""
    if not isfile(path):
        raise FileNotFoundError(2, "No such regular file", path)
    if storage.is_uri(path):
        return storage.read_bytes(path)
    with open(path, "rb") as fh:
        return fh.read()


def sha(path: str) -> str | None:
    """sha256 of a file, None when there is no such regular file."""
    if not isfile(path):
        return None
    return storage.sha256(path) if storage.is_uri(path) else sha256_file(path)


def parquet(out_dir: str, sub: str, recursive: bool = False) -> list[str]:
    """The ``*.parquet`` files under ``out_dir/sub``."""
    if storage.is_uri(out_dir):
        _check(out_dir)
        return storage.glob(join(out_dir, sub, "**", "*.parquet") if recursive else join(out_dir, sub, "*.parquet"))
    pat = os.path.join(_glob.escape(out_dir), sub, *(["**"] if recursive else []), "*.parquet")
    return sorted(_glob.glob(pat, recursive=recursive))


def names(out_dir: str, sub: str, suffix: str) -> list[str]:
    """Paths of the files named ``*<suffix>`` directly under ``out_dir/sub``."""
    if storage.is_uri(out_dir):
        _check(out_dir)
        return [join(out_dir, sub, n) for n in storage.listdir(join(out_dir, sub)) if n.endswith(suffix)]
    return sorted(_glob.glob(os.path.join(_glob.escape(out_dir), sub, "*" + _glob.escape(suffix))))


def relative(full: str, out_dir: str) -> str:
    """``full`` relative to ``out_dir`` with ``/`` separators (how manifests name shards)."""
    if storage.is_uri(out_dir):
        return full[len(out_dir.rstrip("/")) + 1:]
    return os.path.relpath(full, out_dir).replace(os.sep, "/")


def dataset(files: list[str]) -> tuple[Any, list[str]]:
    """A pyarrow dataset over Parquet files (all local, or all in one store), and their column names."""
    if storage.is_uri(files[0]):
        for f in files:
            _check(f)
        fs, _ = storage.resolve(files[0])
        paths = [storage.resolve(f)[1] for f in files]
    else:
        fs, paths = None, files
    import pyarrow as pa

    schema = pa.unify_schemas([pq.read_schema(p, filesystem=fs) for p in paths], promote_options="permissive")
    return pads.dataset(paths, schema=schema, format="parquet", filesystem=fs), list(schema.names)


def isdir(path: str) -> bool:
    """A local folder; a URI only when allowed (then it is taken as given)."""
    if storage.is_uri(path):
        return any(path.rstrip("/") == p or path.startswith(p + "/") for p in _REMOTE.get())
    return os.path.isdir(path)
