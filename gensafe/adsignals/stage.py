"""``AdSignalsStage``: flag illegal ads and spam by the co-occurrence of a
contact channel, an offer and an illegal trade (:mod:`gensafe.adsignals.detect`).

Adds (docs/architecture.md):

* ``ad_risks`` - ``list<string>``: risk codes of the flagged trades (gambling,
  drugs, weapons, forged documents, fraud, bank-card trade A1h; pornography
  A1f; personal-data trade A4f), empty for almost every document;
* ``ad_categories`` - ``list<string>``: the flagged trades by name;
* ``ad_evidence`` - ``list<struct<kind, start, end>>``: the supporting spans
  (character offsets into the original ``text``): the channel (``contact``,
  ``phone``, ``domain`` for an obfuscated one, ``url``, ``pointer``), the
  trade words (kind = the trade) and the lures (``lure``).

A pipeline removes on ``ad_risks`` with a ``[[policy.remove]]`` rule
(pipelines/default.toml: reason "ad signals").
"""
from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa

from gensafe.adsignals.detect import VERSION, AdDetector, Verdict
from gensafe.stages.base import Stage, StageError, append_columns

EVIDENCE_TYPE = pa.list_(pa.struct([("kind", pa.string()), ("start", pa.int32()), ("end", pa.int32())]))


class AdSignalsStage(Stage):
    """Illegal-ad and spam detector.

    Options: ``window`` (characters around a channel in which trade words and
    lures count, default 200), ``min_points`` (default 4; see the detect module),
    ``report_window`` (characters around a channel searched for report markers,
    default 500), ``text_column`` (text).
    """

    name = "ad_signals"
    OPTIONS = ("window", "min_points", "report_window", "text_column")
    COLUMNS = {"ad_risks": pa.list_(pa.string()), "ad_categories": pa.list_(pa.string()), "ad_evidence": EVIDENCE_TYPE}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        try:
            self.window = int(options.get("window", 200))
            self.min_points = float(options.get("min_points", 4))
            self.report_window = int(options.get("report_window", 500))
        except (TypeError, ValueError) as exc:
            raise StageError(f"ad_signals stage: bad numeric option ({exc})") from None
        if self.window <= 0 or self.report_window < 0 or self.min_points <= 0:
            raise StageError("ad_signals stage: window and min_points must be positive, report_window not negative")
        self.text_column = str(options.get("text_column", "text"))
        self.detector: AdDetector | None = None
        self._counts: Counter[str] = Counter()

    def setup(self) -> None:
        if self.detector is None:
            self.detector = AdDetector(self.window, self.min_points, self.report_window)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["detector"] = None  # automata are rebuilt per worker (setup)
        return state

    def provenance(self) -> dict[str, Any]:
        return {"ad_signals_version": VERSION, "ad_signals_hash": AdDetector.fingerprint()}

    def stats(self) -> dict[str, float]:
        return {f"ad_signals_{k}": float(v) for k, v in self._counts.items()}

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        self.setup()
        assert self.detector is not None
        idx = batch.schema.get_field_index(self.text_column)
        if idx < 0:
            raise StageError(f"ad_signals stage: no column {self.text_column!r} in the batch")
        col = batch.column(idx)
        n = batch.num_rows
        cand = self.detector.candidates_arrow(col).tolist()
        self._counts["docs"] += n
        self._counts["candidates"] += len(cand)
        flagged: dict[int, Verdict] = {}
        for i in cand:
            text = col[i].as_py()
            if not text:
                continue
            v = self.detector.verdict(text)
            if v.suppressed:
                self._counts["suppressed_report"] += 1
            if v.codes:
                flagged[i] = v
                self._counts["flagged"] += 1
                for c in v.categories:
                    self._counts[f"flagged_{c}"] += 1
        return append_columns(batch, columns(n, flagged))


def _lists(n: int, rows: dict[int, list[Any]], values_type: pa.DataType) -> pa.Array:
    """A list column of ``n`` rows, empty except ``rows`` (built from offsets: most batches flag nothing)."""
    offsets = np.zeros(n + 1, dtype=np.int32)
    flat: list[Any] = []
    for i in sorted(rows):
        flat.extend(rows[i])
        offsets[i + 1] = len(rows[i])
    np.cumsum(offsets, out=offsets)
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), pa.array(flat, type=values_type))


def columns(n: int, flagged: dict[int, Verdict]) -> dict[str, pa.Array]:
    """The stage's three columns for ``n`` rows, given the verdicts of the flagged rows."""
    return {
        "ad_risks": _lists(n, {i: v.codes for i, v in flagged.items()}, pa.string()),
        "ad_categories": _lists(n, {i: v.categories for i, v in flagged.items()}, pa.string()),
        "ad_evidence": _lists(n, {i: [{"kind": s.kind, "start": s.start, "end": s.end} for s in v.evidence]
                                  for i, v in flagged.items()}, EVIDENCE_TYPE.value_type),
    }
