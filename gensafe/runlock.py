"""Locks that keep two runs off one output folder or one audit database.

Two runs writing the same folder overwrite each other's shards and markers;
two runs loading one DuckDB file fail at the end, after all their work.  A
run therefore takes an exclusive ``flock`` on a lock file next to each
before it starts; the second run stops at once and names the holder (pid,
host, start time, command line), which the holder wrote into the file.
The kernel drops a ``flock`` when its process dies, so a killed run leaves
no stale lock behind.
"""
from __future__ import annotations

import json
import os
import socket
import sys
import time
from contextlib import ExitStack, contextmanager
from typing import Iterator

from gensafe import storage

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, runs are not guarded
    fcntl = None  # type: ignore[assignment]


class LockHeld(Exception):
    """The output folder or database is in use by another run (or cannot hold a lock file)."""


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096) or b"{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "another process"
    return (f"pid {info.get('pid')} on {info.get('host')} since {info.get('started')}"
            + (f" ({info['command']})" if info.get("command") else ""))


@contextmanager
def hold(lock_path: str, what: str) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` for the block; ``what`` names the guarded thing in errors."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    try:
        os.makedirs(os.path.dirname(os.path.abspath(lock_path)), exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LockHeld(f"cannot write {what}: {exc.strerror or exc} ({os.path.dirname(os.path.abspath(lock_path))})") \
            from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise LockHeld(f"{what} is in use by another gensafe run: {_holder(fd)}; "
                           "wait for it to finish (a killed run frees it at once)") from None
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "command": " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))[:300]}
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        except OSError:
            pass  # a full disk: the lock holds all the same, only its note is missing
        try:
            yield
        finally:
            try:
                os.ftruncate(fd, 0)
            except OSError:
                pass
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def hold_run(out_dir: str, db: str) -> Iterator[None]:
    """Lock a run's output folder and its audit database (one lock when the database lives in the folder).

    An object-store prefix holds no lock (a bucket has no ``flock``); the
    database's lock still keeps two runs of one machine apart, and runs
    from several machines must not share an output prefix.
    """
    with ExitStack() as stack:
        if not storage.is_uri(out_dir):
            stack.enter_context(hold(os.path.join(out_dir, ".gensafe.lock"), f"output folder {out_dir}"))
        stack.enter_context(hold(db + ".lock", f"audit database {db}"))
        yield
