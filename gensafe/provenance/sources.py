"""Access to the source registry for the provenance stages.

The registry format and its validation belong to ``gensafe.source_registry``;
this module only loads it (or accepts an already loaded one) and answers the
questions the provenance checks ask: what kind of source is this, what
licence and which contract / commitment / authorisation records does it
reference.  Documents whose source is not registered get the kind
``unregistered`` and each stage decides by its ``unregistered`` option.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Iterator, Sequence

from gensafe.source_registry import Registry, RegistryError, SourceInfo, load_registry
from gensafe.stages.base import StageError

#: kinds whose documents are collected from the web by the operator (§4.1.3 b)
WEB_KINDS = ("self_collected", "domain")
UNREGISTERED = "unregistered"

__all__ = ["Registry", "SourceInfo", "open_registry", "iter_sources", "source_kind", "WEB_KINDS", "UNREGISTERED"]


_LOADED: dict[tuple[str, int, int], Registry] = {}


def open_registry(registry: Any) -> Registry | None:
    """A loaded registry from a path, a Registry, or None (no registry configured).

    A path is parsed once per process while the file is unchanged: the three
    provenance stages of a pipeline (and the audit store) share one registry.
    """
    if registry is None or registry == "":
        return None
    if isinstance(registry, Registry):
        return registry
    path = str(registry)
    try:
        st = os.stat(path)
        key = (os.path.abspath(path), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    if key is not None and key in _LOADED:
        return _LOADED[key]
    try:
        reg = load_registry(path)
    except RegistryError as exc:
        raise StageError(str(exc)) from None
    if key is not None:
        _LOADED[key] = reg
    return reg


def iter_sources(registry: Any) -> Iterator[SourceInfo]:
    """Every SourceInfo of a registry given as path, Registry or iterable of SourceInfo."""
    reg = registry if not isinstance(registry, (str, bytes)) and hasattr(registry, "__iter__") else open_registry(registry)
    if reg is None:
        return iter(())
    return iter(reg)


def source_kind(registry: Registry | None, source_id: str | None) -> str:
    """The registered kind of a source, or ``unregistered``."""
    if registry is None or not source_id:
        return UNREGISTERED
    info = registry.get(source_id)
    return info.kind if info is not None else UNREGISTERED


def references(info: SourceInfo | None, names: Iterable[str]) -> list[str]:
    """Non-empty references of the given registry fields (authorizations, contracts, ...)."""
    if info is None:
        return []
    out: list[str] = []
    for name in names:
        out.extend(r for r in getattr(info, name, ()) or () if r)
    return out


def distinct_rows(*columns: Any) -> tuple[list[tuple[Any, ...]], Any]:
    """The distinct value tuples of some Arrow columns, and per row the index of its tuple.

    A batch holds few sources and licences, so a verdict worked out once per
    distinct tuple and broadcast with ``take`` replaces a Python step per row.
    Nulls are kept apart from empty strings (messages quote the value).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    encs = [pc.dictionary_encode(c, null_encoding="encode") for c in columns]
    dicts = [e.dictionary.to_pylist() for e in encs]
    key = encs[0].indices.cast(pa.int64())
    for e, d in zip(encs[1:], dicts[1:]):
        key = pc.add(pc.multiply(key, pa.scalar(max(len(d), 1), pa.int64())), e.indices.cast(pa.int64()))
    kenc = pc.dictionary_encode(key)
    combos = []
    for k in kenc.dictionary.to_pylist():
        parts = []
        for d in reversed(dicts[1:]):
            k, i = divmod(k, max(len(d), 1))
            parts.append(d[i])
        parts.append(dicts[0][k])
        combos.append(tuple(reversed(parts)))
    return combos, kenc.indices


def column_or_nulls(batch: Any, name: str) -> Any:
    """A batch's string column, or nulls when the batch has no such column."""
    import pyarrow as pa

    return batch.column(name) if name in batch.schema.names else pa.nulls(batch.num_rows, pa.string())


def broadcast(per_key: Sequence[tuple[Any, ...] | None], idx: Any, columns: Sequence[tuple[str, Any]],
              per_row: Callable[[int, int], tuple[Any, ...]] | None = None) -> dict[str, Any]:
    """Output columns from one result row per distinct key (see :func:`distinct_rows`).

    ``per_key[j]`` is the row every document of key ``j`` gets, or None when that
    key's documents are judged one by one: ``per_row(i, j)`` gives document ``i``'s
    row.  When no key needs that, the columns are built with ``take`` and no Python
    step per document.  ``columns`` names each row field and its Arrow type.
    """
    import pyarrow as pa

    if all(r is not None for r in per_key):
        return {name: pa.array([r[k] for r in per_key], typ).take(idx)  # type: ignore[index]
                for k, (name, typ) in enumerate(columns)}
    assert per_row is not None, "a key without a row needs per_row"
    out: list[list[Any]] = [[] for _ in columns]
    for i, j in enumerate(idx.to_pylist()):
        row = per_key[j]
        for values, v in zip(out, row if row is not None else per_row(i, j)):
            values.append(v)
    return {name: pa.array(values, typ) for (name, typ), values in zip(columns, out)}
