"""``records`` stage: collection / contract / authorisation records per document (§4.1.3).

Adds ``record_ok`` (bool), ``record_reason`` and ``source_kind``; a pipeline
removes ``record_ok = false`` documents with a ``flag = "record_ok"`` rule.
Verdicts of registry-level checks are cached per source.
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa

from gensafe.provenance.records import RecordVerdict, check_record
from gensafe.provenance.sources import open_registry, source_kind
from gensafe.stages.base import Stage, StageError, append_columns

COLUMNS = ["record_ok", "record_reason", "source_kind"]


class CollectionRecordStage(Stage):
    """Options: ``registry`` (path), ``unregistered`` (``self_collected`` - check the
    document's own URL and timestamp, the default - | ``block`` | ``allow``)."""

    name = "records"

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.unregistered = options.get("unregistered", "self_collected")
        if self.unregistered not in ("self_collected", "block", "allow"):
            raise StageError(f"records: unregistered must be 'self_collected', 'block' or 'allow', "
                             f"got {self.unregistered!r}")
        self._registry = None
        self._ready = False
        self._counts = {"docs": 0, "not_ok": 0}

    def setup(self) -> None:
        if not self._ready:
            self._registry = open_registry(self.options.get("registry"))
            self._ready = True

    def output_columns(self) -> list[str]:
        return list(COLUMNS)

    def provenance(self) -> dict[str, str]:
        self.setup()
        out = {"records_unregistered": self.unregistered}
        if self._registry is not None:
            out["records_registry_hash"] = self._registry.hash
        return out

    def stats(self) -> dict[str, float]:
        return dict(self._counts)

    def verdict(self, source_id: str | None, url: str | None, timestamp: str | None) -> RecordVerdict:
        self.setup()
        kind = source_kind(self._registry, source_id)
        info = self._registry.get(source_id) if (self._registry is not None and source_id) else None
        return check_record(kind, info, source_id, url, timestamp, self.unregistered)

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        self.setup()
        n = batch.num_rows
        names = batch.schema.names

        def col(name: str) -> list[Any]:
            return batch.column(name).to_pylist() if name in names else [None] * n

        sids, urls, tss = col("source_id"), col("url"), col("timestamp")
        ok, reason, kind = [], [], []
        for sid, url, ts in zip(sids, urls, tss):
            v = self.verdict(sid, url, ts)
            ok.append(v.ok)
            reason.append(v.reason)
            kind.append(v.kind)
        self._counts["docs"] += n
        self._counts["not_ok"] += ok.count(False)
        return append_columns(batch, {"record_ok": pa.array(ok, pa.bool_()),
                                      "record_reason": pa.array(reason, pa.string()),
                                      "source_kind": pa.array(kind, pa.string())})
