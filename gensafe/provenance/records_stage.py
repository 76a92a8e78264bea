"""``records`` stage: collection / contract / authorisation records per document (§4.1.3).

Adds ``record_ok`` (bool), ``record_reason`` and ``source_kind``; a pipeline
removes ``record_ok = false`` documents with a ``flag = "record_ok"`` rule.
Verdicts of registry-level checks are cached per source.
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from gensafe.provenance.records import RecordVerdict, check_record, check_source
from gensafe.provenance.sources import (UNREGISTERED, WEB_KINDS, column_or_nulls, distinct_rows, open_registry,
                                        source_kind)
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

    def _per_document(self, kind: str, info: Any, source_id: str | None) -> bool:
        """Whether a source's verdict depends on each document's URL and timestamp."""
        if kind == UNREGISTERED and self.unregistered in ("block", "allow"):
            return False
        if check_source(info, source_id) is not None:
            return False
        return kind in WEB_KINDS or kind == UNREGISTERED

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        self.setup()
        n = batch.num_rows
        # most sources' verdicts depend on the source alone: one per distinct source, broadcast;
        # web-collected sources' documents are each checked for their own URL and timestamp
        sources, idx = distinct_rows(column_or_nulls(batch, "source_id"))
        per_source: list[RecordVerdict | None] = []
        for (sid,) in sources:
            kind = source_kind(self._registry, sid)
            info = self._registry.get(sid) if (self._registry is not None and sid) else None
            per_source.append(None if self._per_document(kind, info, sid) else self.verdict(sid, None, None))
        if all(v is not None for v in per_source):
            ok_arr = pa.array([v.ok for v in per_source], pa.bool_()).take(idx)  # type: ignore[union-attr]
            reason_arr = pa.array([v.reason for v in per_source], pa.string()).take(idx)  # type: ignore[union-attr]
            kind_arr = pa.array([v.kind for v in per_source], pa.string()).take(idx)  # type: ignore[union-attr]
        else:
            urls = column_or_nulls(batch, "url").to_pylist()
            tss = column_or_nulls(batch, "timestamp").to_pylist()
            ok, reason, kind = [], [], []
            for i, j in enumerate(idx.to_pylist()):
                v = per_source[j] or self.verdict(sources[j][0], urls[i], tss[i])
                ok.append(v.ok)
                reason.append(v.reason)
                kind.append(v.kind)
            ok_arr, reason_arr, kind_arr = pa.array(ok, pa.bool_()), pa.array(reason, pa.string()), pa.array(kind, pa.string())
        self._counts["docs"] += n
        self._counts["not_ok"] += n - (pc.sum(ok_arr).as_py() or 0)
        return append_columns(batch, {"record_ok": ok_arr, "record_reason": reason_arr, "source_kind": kind_arr})
