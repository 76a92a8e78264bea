"""Where inputs and outputs live: local paths and object-store URIs through one layer.

Every file gensafe reads or writes outside DuckDB goes through this module:
inputs, shards, provenance, rejected records, completion markers, run files
and manifests.  A path is either a local path or a URI: ``s3://bucket/key``
(AWS S3 and S3-compatible stores), ``gs://bucket/key`` (Google Cloud
Storage) or ``hf://datasets/org/name/file`` (the Hugging Face Hub).

The layer is ``pyarrow.fs``, not fsspec: pyarrow is already a dependency,
its S3 and GCS clients are native (the AWS and Google C++ SDKs, with
multipart uploads and parallel range reads), and Parquet reads and writes
go straight through it with no Python in the byte path.  Credentials and
endpoints come the usual way: the AWS SDK's default chain
(``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``/``AWS_SESSION_TOKEN``,
``AWS_PROFILE`` and ``~/.aws/config``, instance and container roles), the
endpoint from ``AWS_ENDPOINT_URL_S3`` or ``AWS_ENDPOINT_URL`` (MinIO, Ceph,
OSS, a local test server), the region from ``AWS_REGION`` /
``AWS_DEFAULT_REGION`` or, failing that, the bucket itself.  GCS uses
Google's default credentials (``GOOGLE_APPLICATION_CREDENTIALS``).  Arrow
has no Hub client, so ``hf://`` goes through ``huggingface_hub``'s fsspec
filesystem wrapped in ``pyarrow.fs.PyFileSystem`` (it reads ``HF_TOKEN``).

Object stores have no rename.  What local disks get from write-to-temp
and rename, they get from two properties of an object PUT: an object
appears whole or not at all (an interrupted upload leaves nothing under the
name), and it is written under its final, deterministic name.  The commit
point of a task is its completion marker, written last; a retry deletes
what an unfinished attempt left under the task's names first, and only the
run's manifest says which shards make up a run.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
from functools import lru_cache
from typing import IO, Any, Iterator

import pyarrow.fs as pafs

#: URI schemes served by this layer (``gcs://`` is an alias of ``gs://``)
SCHEMES = ("s3", "gs", "gcs", "hf")


class StorageError(Exception):
    """A path or store gensafe cannot use (unknown scheme, missing client, no credentials)."""


def is_store_failure(exc: BaseException) -> bool:
    """True for an error of the store or the network (retry later), not of the bytes read."""
    if isinstance(exc, (ConnectionError, TimeoutError, PermissionError, FileNotFoundError)):
        return True
    msg = str(exc)
    return "AWS Error" in msg or "google::cloud" in msg or "HTTP" in msg or "curl" in msg


def one_line(exc: BaseException) -> str:
    """The first line of an error message (the SDKs' messages run over several)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def is_uri(path: str) -> bool:
    """True for an object-store URI (``s3://…``, ``gs://…``, ``hf://…``)."""
    scheme, sep, _ = str(path).partition("://")
    return bool(sep) and scheme.lower() in SCHEMES


def _split(uri: str) -> tuple[str, str]:
    scheme, _, rest = uri.partition("://")
    scheme = scheme.lower()
    if scheme == "gcs":
        scheme = "gs"
    return scheme, rest.strip("/") if scheme != "hf" else rest.rstrip("/")


def _endpoint() -> str | None:
    return os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL") or None


@lru_cache(maxsize=64)
def _s3(bucket: str, endpoint: str | None, region: str | None) -> pafs.FileSystem:
    kwargs: dict[str, Any] = {
        # small objects (markers, manifests) go up in one PUT; large ones as multipart uploads
        "allow_delayed_open": True,
    }
    if endpoint:
        kwargs["endpoint_override"] = endpoint
        kwargs["region"] = region or "us-east-1"
    elif region:
        kwargs["region"] = region
    else:
        try:
            kwargs["region"] = pafs.resolve_s3_region(bucket)
        except OSError:
            pass  # the SDK's default region; a wrong one fails with the store's own message
    try:
        return pafs.S3FileSystem(**kwargs)
    except Exception as exc:  # noqa: BLE001 - the SDK's messages are the useful part
        raise StorageError(f"cannot open S3 for bucket {bucket!r}: {exc}") from None


@lru_cache(maxsize=4)
def _gcs() -> pafs.FileSystem:
    try:
        return pafs.GcsFileSystem()
    except Exception as exc:  # noqa: BLE001
        raise StorageError(f"cannot open Google Cloud Storage: {exc}") from None


@lru_cache(maxsize=1)
def _hf() -> pafs.FileSystem:
    try:
        from huggingface_hub import HfFileSystem
    except ImportError as exc:  # pragma: no cover - datasets depends on huggingface_hub
        raise StorageError(f"hf:// paths need huggingface_hub ({exc})") from None
    return pafs.PyFileSystem(pafs.FSSpecHandler(HfFileSystem()))


def resolve(path: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem that holds ``path`` and the path within it."""
    if not is_uri(path):
        return pafs.LocalFileSystem(), os.path.abspath(path)
    scheme, rest = _split(path)
    if scheme == "s3":
        bucket = rest.split("/", 1)[0]
        if not bucket:
            raise StorageError(f"{path}: no bucket in the URI")
        region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
        return _s3(bucket, _endpoint(), region), rest
    if scheme == "gs":
        return _gcs(), rest
    return _hf(), rest


def arrow_paths(paths: list[str]) -> tuple[pafs.FileSystem | None, list[str]]:
    """Paths for ``pyarrow.dataset``: local ones as they are, URIs as the store's filesystem and its paths."""
    if not paths or not is_uri(paths[0]):
        return None, paths
    fs, _ = resolve(paths[0])
    return fs, [resolve(p)[1] for p in paths]


def _uri(like: str, fs_path: str) -> str:
    """A listed object's path as a URI of the same scheme as ``like``."""
    scheme = like.partition("://")[0]
    return f"{scheme}://{fs_path}"


# ---------------------------------------------------------------- names

def join(base: str, *parts: str) -> str:
    """``os.path.join`` for local paths, ``/``-joined keys for URIs."""
    if is_uri(base):
        return posixpath.join(base.rstrip("/"), *parts)
    return os.path.join(base, *parts)


def basename(path: str) -> str:
    return posixpath.basename(path.rstrip("/")) if is_uri(path) else os.path.basename(path.rstrip(os.sep))


def absolute(path: str) -> str:
    """An absolute local path, or the URI unchanged (what manifests and the ``runs`` table record)."""
    return path if is_uri(path) else os.path.abspath(path)


# ---------------------------------------------------------------- facts

def info(path: str) -> pafs.FileInfo:
    fs, p = resolve(path)
    return fs.get_file_info(p)


def exists(path: str) -> bool:
    if not is_uri(path):
        return os.path.exists(path)
    return info(path).type != pafs.FileType.NotFound


def isfile(path: str) -> bool:
    if not is_uri(path):
        return os.path.isfile(path)
    return info(path).type == pafs.FileType.File


def isdir(path: str) -> bool:
    """A local folder, or a URI prefix that has objects under it."""
    if not is_uri(path):
        return os.path.isdir(path)
    return info(path).type == pafs.FileType.Directory


def size(path: str) -> int:
    if not is_uri(path):
        return os.path.getsize(path)
    i = info(path)
    if i.type == pafs.FileType.NotFound:
        raise FileNotFoundError(path)
    return int(i.size or 0)


def identity(path: str) -> tuple[int, int]:
    """(size, modification time in ns) of a file, or (-1, 0) for a folder: what a task pins its input to."""
    if not is_uri(path):
        st = os.stat(path)
        if not os.path.isfile(path):
            return -1, 0
        return st.st_size, st.st_mtime_ns
    i = info(path)
    if i.type == pafs.FileType.NotFound:
        raise FileNotFoundError(path)
    if i.type != pafs.FileType.File:
        return -1, 0
    return int(i.size or 0), int(i.mtime_ns or 0)


def walk_files(path: str) -> Iterator[tuple[str, int]]:
    """Every file under a folder or prefix, recursively, as (path, size), in name order."""
    if not is_uri(path):
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for f in sorted(files):
                p = os.path.join(root, f)
                yield p, os.path.getsize(p)
        return
    fs, p = resolve(path)
    sel = pafs.FileSelector(p, recursive=True, allow_not_found=True)
    for i in sorted(fs.get_file_info(sel), key=lambda i: i.path):
        if i.type == pafs.FileType.File:
            yield _uri(path, i.path), int(i.size or 0)


def listdir(path: str) -> list[str]:
    """Names directly in a folder (or under a prefix); empty when there is none."""
    if not is_uri(path):
        return sorted(os.listdir(path)) if os.path.isdir(path) else []
    fs, p = resolve(path)
    sel = pafs.FileSelector(p, recursive=False, allow_not_found=True)
    return sorted(posixpath.basename(i.path) for i in fs.get_file_info(sel))


def glob(pattern: str) -> list[str]:
    """Paths matching a glob pattern (``*``, ``?``, ``[…]``, ``**``), sorted."""
    if not is_uri(pattern):
        import glob as _glob

        return sorted(_glob.glob(pattern, recursive=True))
    import re

    scheme, rest = _split(pattern)
    first = re.search(r"[*?\[]", rest)
    if first is None:
        return [pattern] if isfile(pattern) else []
    base = rest[:first.start()].rsplit("/", 1)[0]
    rx = re.compile(_glob_regex(rest))
    return [p for p, _ in walk_files(f"{scheme}://{base}") if rx.fullmatch(_split(p)[1])]


def _glob_regex(pattern: str) -> str:
    """A glob as a regex over ``/``-separated keys: ``*`` and ``?`` stay within one level, ``**`` does not."""
    import re

    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[" and "]" in pattern[i + 1:]:
            j = pattern.index("]", i + 1)
            body = pattern[i + 1:j]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


# ---------------------------------------------------------------- reading

def open_input(path: str) -> IO[bytes]:
    """A seekable binary file for reading (local or remote)."""
    if not is_uri(path):
        return open(path, "rb")
    fs, p = resolve(path)
    return fs.open_input_file(p)  # type: ignore[return-value]


def read_bytes(path: str) -> bytes:
    with open_input(path) as fh:
        return fh.read()


def sha256(path: str, bufsize: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open_input(path) as fh:
        while True:
            b = fh.read(bufsize)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


def local_copy(path: str, folder: str) -> str:
    """``path`` itself when local, else a copy of it downloaded into ``folder``."""
    if not is_uri(path):
        return path
    dest = os.path.join(folder, hashlib.sha1(path.encode()).hexdigest()[:16] + "-" + basename(path))
    with open_input(path) as src, open(dest, "wb") as out:
        shutil.copyfileobj(src, out, 1 << 22)
    return dest


# ---------------------------------------------------------------- writing

def makedirs(path: str) -> None:
    """Create a local folder; object stores need none (a key's prefix is its folder)."""
    if not is_uri(path):
        os.makedirs(path, exist_ok=True)


class HashingSink:
    """A write-only stream that hashes and counts what passes to the store.

    A shard's sha256 and size come from the bytes as they are uploaded,
    so nothing is downloaded again to checksum it.
    """

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.hasher = hashlib.sha256()
        self.bytes = 0

    def write(self, data: bytes) -> int:
        self.hasher.update(data)
        self.bytes += len(data)
        self.raw.write(data)
        return len(data)

    def tell(self) -> int:
        return self.bytes

    def flush(self) -> None:
        pass

    @property
    def closed(self) -> bool:
        return bool(self.raw.closed)

    def close(self) -> None:
        if not self.raw.closed:
            self.raw.close()  # completes the upload: the object appears now, whole

    def hexdigest(self) -> str:
        return self.hasher.hexdigest()


def open_output(path: str) -> HashingSink:
    """A new object (or file) under its final name; it exists only once closed."""
    if not is_uri(path):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        return HashingSink(open(path, "wb"))
    fs, p = resolve(path)
    return HashingSink(fs.open_output_stream(p, compression=None))


def write_bytes(path: str, data: bytes) -> None:
    """Write a whole file at once: temp file, fsync and rename locally, one PUT on a store."""
    if not is_uri(path):
        tmp = f"{path}.tmp{os.getpid()}"
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return
    sink = open_output(path)
    sink.write(data)
    sink.close()


def remove(path: str) -> None:
    """Delete a file or object; a missing one is no error."""
    if not is_uri(path):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        return
    fs, p = resolve(path)
    try:
        fs.delete_file(p)
    except FileNotFoundError:
        pass


def remove_tree(path: str) -> None:
    """Delete a folder (or every object under a prefix); a missing one is no error."""
    if not is_uri(path):
        shutil.rmtree(path, ignore_errors=True)
        return
    fs, p = resolve(path)
    try:
        fs.delete_dir_contents(p, missing_dir_ok=True)
    except FileNotFoundError:
        pass
