"""Canonical, order-independent digests of table rows, computed in Python.

The same function hashes a table when a run is recorded and again when it
is verified, over rows fetched with a plain ``SELECT *``: no SQL function
of the (possibly crafted) database takes part, and neither the row order
nor the column order of the table changes a digest.  A row's digest covers
its column names and canonical values; a table's digest is the sha256 of
its sorted row digests, so it is a multiset hash: a duplicated row counts.
"""
from __future__ import annotations

import base64
import datetime as _dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def canonical(value: Any) -> Any:
    """A JSON value that stands for ``value`` unambiguously (type-tagged where JSON is ambiguous)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return {"float": repr(value)}  # repr round-trips; tagged so that 1.0 and 1 differ
    if isinstance(value, decimal.Decimal):
        return {"decimal": str(value)}
    if isinstance(value, _dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, _dt.time):
        return {"time": value.isoformat()}
    if isinstance(value, _dt.timedelta):
        return {"timedelta": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, uuid.UUID):
        return {"uuid": str(value)}
    if isinstance(value, Mapping):
        return {"map": sorted([[canonical(k), canonical(v)] for k, v in value.items()], key=_dumps)}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return {type(value).__name__: str(value)}


def _dumps(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def row_digest(columns: Sequence[str], row: Sequence[Any]) -> str:
    """sha256 of one row: its (column, value) pairs sorted by column name."""
    pairs = sorted(zip(columns, (canonical(v) for v in row)), key=lambda p: p[0])
    return hashlib.sha256(_dumps(pairs).encode("utf-8")).hexdigest()


def set_digest(digests: Iterable[str]) -> str:
    """sha256 of a multiset of row digests (sorted, so the row order does not matter)."""
    h = hashlib.sha256()
    for d in sorted(digests):
        h.update(d.encode("ascii"))
        h.update(b"\n")
    return h.hexdigest()


def value_text(value: Any) -> str:
    """A row value as one short, unambiguous piece of text (for findings)."""
    text = _dumps(canonical(value))
    return text if len(text) <= 80 else text[:77] + "…"
