"""Parquet shard writers: zstd, rolled by rows or bytes, atomic, checksummed.

A shard is written under a temporary name and renamed only when complete,
so a crash never leaves a half shard under a real name, and its name is a
pure function of the task and sequence number, so a re-run rewrites the
same names instead of adding duplicates.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, asdict
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

OUTPUT_BASE = ["doc_id", "source_id", "text", "url", "timestamp", "license", "lang", "meta"]
NOT_PROVENANCE = {"text", "text_out", "meta"}


def sha256_file(path: str, bufsize: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while True:
            b = fh.read(bufsize)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


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
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class ShardWriter:
    """Writes one tree (``kept`` or ``removed``) of one task."""

    def __init__(self, out_dir: str, kind: str, task_id: str, shard_rows: int, shard_bytes: int) -> None:
        self.out_dir = out_dir
        self.kind = kind
        self.task_id = task_id
        self.shard_rows = shard_rows
        self.shard_bytes = shard_bytes
        self.seq = 0
        self.writer: pq.ParquetWriter | None = None
        self.rows = 0
        self.bytes = 0
        self.tmp = ""
        self.name = ""
        self.shards: list[ShardInfo] = []
        os.makedirs(os.path.join(out_dir, kind), exist_ok=True)

    def _open(self, schema: pa.Schema) -> None:
        self.name = f"{self.kind}/part-{self.task_id}-{self.seq:04d}.parquet"
        self.tmp = os.path.join(self.out_dir, f"{self.name}.tmp")
        self.writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")
        self.rows = 0
        self.bytes = 0

    def _close(self) -> None:
        if self.writer is None:
            return
        self.writer.close()
        final = os.path.join(self.out_dir, self.name)
        os.replace(self.tmp, final)
        self.shards.append(ShardInfo(self.name, self.kind, self.rows, os.path.getsize(final), sha256_file(final)))
        self.writer = None
        self.seq += 1

    def write(self, table: pa.Table) -> list[tuple[str, int]]:
        """Write rows; return (shard name, row index in shard) for each row."""
        where: list[tuple[str, int]] = []
        offset = 0
        n = table.num_rows
        while offset < n:
            if self.writer is None:
                self._open(table.schema)
            take = min(n - offset, self.shard_rows - self.rows)
            part = table.slice(offset, take)
            self.writer.write_table(part)  # type: ignore[union-attr]
            where.extend((self.name, self.rows + i) for i in range(take))
            self.rows += take
            self.bytes += part.nbytes
            offset += take
            if self.rows >= self.shard_rows or self.bytes >= self.shard_bytes:
                self._close()
        return where

    def close(self) -> list[ShardInfo]:
        self._close()
        return self.shards


def output_table(batch: pa.RecordBatch, removed: bool) -> pa.Table:
    """The columns written to a kept/removed shard: the record plus (for removed) why."""
    t = pa.Table.from_batches([batch])
    cols = [c for c in OUTPUT_BASE if c in t.column_names]
    out = t.select(cols)
    if "text_out" in t.column_names:
        masked = pc.coalesce(t.column("text_out"), t.column("text"))
        out = out.set_column(out.column_names.index("text"), "text", masked)
    if removed:
        out = out.append_column("reasons", t.column("reasons")).append_column("risk_codes", t.column("risk_codes"))
    return out


def provenance_table(batch: pa.RecordBatch, where: list[tuple[str, int]]) -> pa.Table:
    t = pa.Table.from_batches([batch])
    t = t.select([c for c in t.column_names if c not in NOT_PROVENANCE])
    t = t.append_column("output_shard", pa.array([w[0] for w in where], pa.string()))
    t = t.append_column("output_row", pa.array([w[1] for w in where], pa.int64()))
    if "text_out" in batch.schema.names:
        t = t.append_column("text_masked", pc.is_valid(batch.column("text_out")))
    return t
