"""Small built-in stages: a no-op (plumbing benchmarks) and a length annotator."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from gensafe.stages.base import Stage, append_columns


class NoopStage(Stage):
    name = "noop"
    OPTIONS = ()

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        return batch


class LengthStage(Stage):
    """Annotates text length in characters; flags documents outside [min, max]."""

    name = "length"
    OPTIONS = ("min_chars", "max_chars")
    COLUMNS = {"n_chars": pa.int32(), "length_ok": pa.bool_()}

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        n = pc.utf8_length(batch.column("text"))
        lo = int(self.options.get("min_chars", 0))
        hi = int(self.options.get("max_chars", 10**12))
        ok = pc.and_(pc.greater_equal(n, lo), pc.less_equal(n, hi))
        return append_columns(batch, {"n_chars": n, "length_ok": ok})
