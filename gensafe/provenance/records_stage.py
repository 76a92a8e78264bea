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
from gensafe.provenance.sources import UNREGISTERED, WEB_KINDS, open_registry, source_kind
from gensafe.stages.base import Stage, StageError, append_columns
from gensafe.stages.columns import broadcast, column_or_nulls, distinct_rows


def _row(v: RecordVerdict) -> tuple[bool, str, str]:
    return v.ok, v.reason, v.kind  # not dataclasses.astuple: it deep-copies, and this runs per web document


class CollectionRecordStage(Stage):
    """Options: ``registry`` (path), ``unregistered`` (``self_collected`` - check the
    document's own URL and timestamp, the default - | ``block`` | ``allow``)."""

    name = "records"
    USES_REGISTRY = True
    OPTIONS = ("registry", "unregistered")
    #: in RecordVerdict's field order
    COLUMNS = {"record_ok": pa.bool_(), "record_reason": pa.string(), "source_kind": pa.string()}

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
        # most sources' verdicts depend on the source alone: one per distinct source, broadcast;
        # web-collected sources' documents are each checked for their own URL and timestamp
        sources, idx = distinct_rows(column_or_nulls(batch, "source_id"))
        kinds = [source_kind(self._registry, sid) for (sid,) in sources]
        infos = [self._registry.get(sid) if (self._registry is not None and sid) else None for (sid,) in sources]
        per_source = [None if self._per_document(kind, info, sid) else
                      _row(check_record(kind, info, sid, None, None, self.unregistered))
                      for (sid,), kind, info in zip(sources, kinds, infos)]
        urls: list[Any] = []
        tss: list[Any] = []
        if any(r is None for r in per_source):
            urls = column_or_nulls(batch, "url").to_pylist()
            tss = column_or_nulls(batch, "timestamp").to_pylist()

        def per_document(i: int, j: int) -> tuple[Any, ...]:
            return _row(check_record(kinds[j], infos[j], sources[j][0], urls[i], tss[i], self.unregistered))

        cols = broadcast(per_source, idx, self.COLUMNS, per_document)
        self._counts["docs"] += batch.num_rows
        self._counts["not_ok"] += batch.num_rows - (pc.sum(cols["record_ok"]).as_py() or 0)
        return append_columns(batch, cols)
