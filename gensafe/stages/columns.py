"""Building a stage's columns once per distinct key of a batch, and reading optional input columns.

A batch holds few sources and licences, so a stage that judges a document by
them works out one verdict per distinct tuple (:func:`distinct_rows`) and
spreads it over the rows with ``take`` (:func:`broadcast`) instead of a Python
step per row.  The provenance stages use them; any stage may.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import pyarrow as pa
import pyarrow.compute as pc


def distinct_rows(*columns: Any) -> tuple[list[tuple[Any, ...]], Any]:
    """The distinct value tuples of some Arrow columns, and per row the index of its tuple.

    Nulls are kept apart from empty strings (messages quote the value).
    """
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
    return batch.column(name) if name in batch.schema.names else pa.nulls(batch.num_rows, pa.string())


def broadcast(per_key: Sequence[tuple[Any, ...] | None], idx: Any,
              columns: Mapping[str, pa.DataType] | Sequence[tuple[str, pa.DataType]],
              per_row: Callable[[int, int], tuple[Any, ...]] | None = None) -> dict[str, Any]:
    """Output columns from one result row per distinct key (see :func:`distinct_rows`).

    ``per_key[j]`` is the row every document of key ``j`` gets, or None when that
    key's documents are judged one by one: ``per_row(i, j)`` gives document ``i``'s
    row.  When no key needs that, the columns are built with ``take`` and no Python
    step per document.  ``columns`` names each row field and its Arrow type (a
    stage's ``COLUMNS``, or (name, type) pairs), in the row's field order.
    """
    cols = list(columns.items()) if isinstance(columns, Mapping) else list(columns)
    if all(r is not None for r in per_key):
        return {name: pa.array([r[k] for r in per_key], typ).take(idx)  # type: ignore[index]
                for k, (name, typ) in enumerate(cols)}
    assert per_row is not None, "a key without a row needs per_row"
    out: list[list[Any]] = [[] for _ in cols]
    for i, j in enumerate(idx.to_pylist()):
        row = per_key[j]
        for values, v in zip(out, row if row is not None else per_row(i, j)):
            values.append(v)
    return {name: pa.array(values, typ) for (name, typ), values in zip(cols, out)}
