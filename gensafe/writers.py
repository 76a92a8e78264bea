"""Parquet shard writers: zstd, rolled by rows or bytes, atomic, checksummed.

On local disk a shard is written under a temporary name and renamed only
when complete, so a crash never leaves a half shard under a real name; on
object storage, which has no rename, it is uploaded under its real name
and appears only when the upload completes (see ``gensafe.storage``).
Its name is a pure function of the task and sequence number, so a re-run
rewrites the same names instead of adding duplicates.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, asdict
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from gensafe import storage
from gensafe.config import ConfigError
from gensafe.readers import ORIGINAL

#: gensafe's own columns at the head of every shard; the record's original fields follow
OUTPUT_BASE = ["doc_id", "source_id", "text"]
#: why a document was removed: always in removed shards, in kept ones when asked for
REMOVAL_COLUMNS = ["reasons", "risk_codes"]
NOT_PROVENANCE = {"text", "text_out", "meta"}


def sha256_file(path: str, bufsize: int = 1 << 20) -> str:
    """The sha256 of a local file or an object."""
    return storage.sha256(path, bufsize)


class OutputFile:
    """One output file, committed whole: a temp name renamed on commit, or an upload completed on commit.

    ``sink`` is what a writer writes to; ``commit`` returns the file's size
    and sha256 (on object storage hashed as it was uploaded, never read back).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        if storage.is_uri(path):
            self._upload: storage.HashingSink | None = storage.open_output(path)
            self.sink: Any = self._upload
        else:
            self._upload = None
            self.sink = f"{path}.tmp"

    def commit(self) -> tuple[int, str]:
        if self._upload is not None:
            self._upload.close()
            return self._upload.bytes, self._upload.hexdigest()
        os.replace(self.sink, self.path)
        return os.path.getsize(self.path), sha256_file(self.path)


@dataclass
class ShardInfo:
    path: str  # relative to the output directory
    kind: str
    rows: int
    bytes: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def atomic_write_bytes(path: str, data: bytes) -> None:
    """Write a whole small file (a marker, a manifest) so that it appears complete or not at all."""
    storage.write_bytes(path, data)


#: rows are buffered into row groups of about this size before they reach Parquet:
#: one row group per 2,048-row batch made files slower to write and to load
ROW_GROUP_ROWS = 65536
ROW_GROUP_BYTES = 32 << 20


class GroupedParquetWriter:
    """A zstd ``ParquetWriter`` that gathers small tables into full row groups.

    Memory stays bounded by ``ROW_GROUP_BYTES`` per open writer.
    ``group_rows=0`` writes every table as it comes.
    """

    def __init__(self, path: Any, schema: pa.Schema, group_rows: int = ROW_GROUP_ROWS,
                 group_bytes: int = ROW_GROUP_BYTES) -> None:
        self.schema = schema
        self.group_rows = group_rows
        self.group_bytes = group_bytes
        self._writer = pq.ParquetWriter(path, schema, compression="zstd")
        self._pending: list[pa.Table] = []
        self._rows = 0
        self._bytes = 0

    def write_table(self, table: pa.Table) -> None:
        if table.schema != self.schema:
            table = table.cast(self.schema)
        self._pending.append(table)
        self._rows += table.num_rows
        self._bytes += table.nbytes
        if self._rows >= self.group_rows or self._bytes >= self.group_bytes:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self._writer.write_table(pa.concat_tables(self._pending), row_group_size=max(self._rows, 1))
            self._pending, self._rows, self._bytes = [], 0, 0

    def close(self) -> None:
        self.flush()
        self._writer.close()


def _cast_to(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with ``schema``'s fields in its order: missing ones null, others cast."""
    n = table.num_rows
    cols = [table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(n, f.type)
            for f in schema]
    return pa.Table.from_arrays(cols, schema=schema)


class ShardWriter:
    """Writes one tree (``kept`` or ``removed``) of one task."""

    def __init__(self, out_dir: str, kind: str, task_id: str, shard_rows: int, shard_bytes: int) -> None:
        self.out_dir = out_dir
        self.kind = kind
        self.task_id = task_id
        self.shard_rows = shard_rows
        self.shard_bytes = shard_bytes
        self.seq = 0
        self.writer: GroupedParquetWriter | None = None
        self.rows = 0
        self.bytes = 0
        self.file: OutputFile | None = None
        self.name = ""
        self.shards: list[ShardInfo] = []
        #: the schema of the open shard (or of the next one)
        self.schema: pa.Schema | None = None
        storage.makedirs(storage.join(out_dir, kind))

    def _conform(self, table: pa.Table) -> pa.Table:
        """``table`` in the shard's schema, or the shard closed when no schema holds both.

        Batches of one task can differ in their original fields (a field
        absent from one batch, an int in one and a float in the next); rows
        go into one shard as long as Arrow can widen the schema to hold
        them, which it does for missing fields, nulls and numeric types.  A
        clash (a string here, a number there) closes the shard and starts
        the next one with the new schema.
        """
        if self.schema is None or table.schema == self.schema:
            self.schema = table.schema
            return table
        try:
            merged = pa.unify_schemas([self.schema, table.schema], promote_options="permissive")
            out = _cast_to(table, merged)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            merged, out = table.schema, table
        if not merged.equals(self.schema):
            self._close()  # a Parquet file has one schema: rows in the new one start a new shard
            self.schema = merged
        return out

    def _open(self, schema: pa.Schema) -> None:
        self.name = f"{self.kind}/part-{self.task_id}-{self.seq:04d}.parquet"
        self.file = OutputFile(storage.join(self.out_dir, self.name))
        self.writer = GroupedParquetWriter(self.file.sink, schema)
        self.rows = 0
        self.bytes = 0

    def _close(self) -> None:
        if self.writer is None:
            return
        self.writer.close()
        nbytes, sha = self.file.commit()  # type: ignore[union-attr]
        self.shards.append(ShardInfo(self.name, self.kind, self.rows, nbytes, sha))
        self.writer = None
        self.seq += 1

    def write(self, table: pa.Table) -> list[tuple[str, int, int]]:
        """Write rows; return where they went as (shard name, first row in shard, row count) runs."""
        where: list[tuple[str, int, int]] = []
        offset = 0
        n = table.num_rows
        table = self._conform(table)
        while offset < n:
            if self.writer is None:
                self._open(table.schema)
            take = min(n - offset, self.shard_rows - self.rows)
            part = table.slice(offset, take)
            self.writer.write_table(part)  # type: ignore[union-attr]
            where.append((self.name, self.rows, take))
            self.rows += take
            self.bytes += part.nbytes
            offset += take
            if self.rows >= self.shard_rows or self.bytes >= self.shard_bytes:
                self._close()
        return where

    def close(self) -> list[ShardInfo]:
        self._close()
        return self.shards


def output_table(batch: pa.RecordBatch, removed: bool, annotations: list[str] | tuple[str, ...] = ()) -> pa.Table:
    """The columns written to a kept/removed shard.

    ``doc_id``, ``source_id`` and ``text`` (masked where a stage masked it),
    then every original field of the record under its own name and type,
    then the ``annotations`` the pipeline asks for (``[output] columns``),
    and, in removed shards, ``reasons`` and ``risk_codes``.  An original
    field whose name one of gensafe's columns already takes keeps its
    ``input:`` prefix, in both trees alike, so a field never changes name
    between shards.
    """
    names = list(OUTPUT_BASE)
    arrays: list[Any] = [batch.column(c) for c in names]
    if "text_out" in batch.schema.names:
        arrays[2] = pc.coalesce(batch.column("text_out"), batch.column("text"))
    tail = list(dict.fromkeys(list(annotations) + REMOVAL_COLUMNS))
    reserved = set(names) | set(tail)
    for name in batch.schema.names:
        if name.startswith(ORIGINAL):
            field_name = name[len(ORIGINAL):]
            names.append(name if field_name in reserved else field_name)
            arrays.append(batch.column(name))
    for name in tail:
        if name in annotations and name not in batch.schema.names:
            raise ConfigError(f"output.columns: no stage produced a column {name!r}")
        if name in annotations or (removed and name in REMOVAL_COLUMNS):
            names.append(name)
            arrays.append(batch.column(name))
    return pa.Table.from_arrays(arrays, names=names)


def provenance_table(batch: pa.RecordBatch, where: list[tuple[str, int, int]]) -> pa.Table:
    """The audit columns of ``batch`` plus, per row, the shard and row it was written to."""
    t = pa.Table.from_batches([batch])
    t = t.select([c for c in t.column_names if c not in NOT_PROVENANCE and not c.startswith(ORIGINAL)])
    shard = pa.chunked_array([pa.repeat(pa.scalar(name, pa.string()), count) for name, _, count in where], pa.string())
    row = pa.chunked_array([pa.array(np.arange(first, first + count, dtype=np.int64)) for _, first, count in where],
                           pa.int64())
    t = t.append_column("output_shard", shard)
    t = t.append_column("output_row", row)
    if "text_out" in batch.schema.names:
        t = t.append_column("text_masked", pc.is_valid(batch.column("text_out")))
    return t
