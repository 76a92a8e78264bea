"""Test-only stages for the spine's tests (plugged in by dotted path)."""
from __future__ import annotations

import os
import time

import pyarrow as pa

from gensafe.stages.base import Stage, append_columns


class WordRiskStage(Stage):
    """Flags a document with a risk code when it contains a trigger word (strong) or a weak word."""

    name = "word_risk"

    def output_columns(self) -> list[str]:
        return ["t_risks", "t_weak", "t_confirm", "t_ok"]

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        texts = batch.column("text").to_pylist()
        strong = [["A1d"] if "bomb" in t else (["A5a"] if "flat earth" in t else []) for t in texts]
        weak = [["A2e"] if "weakword" in t else [] for t in texts]
        confirm = [["A2a"] if "confirm" in t else [] for t in texts]
        ok = [("forbidden" not in t) for t in texts]
        delay = float(os.environ.get("GENSAFE_TEST_DELAY", "0"))
        if delay:
            time.sleep(delay)
        return append_columns(batch, {
            "t_risks": pa.array(strong, pa.list_(pa.string())),
            "t_weak": pa.array(weak, pa.list_(pa.string())),
            "t_confirm": pa.array(confirm, pa.list_(pa.string())),
            "t_ok": pa.array(ok, pa.bool_()),
        })

    def provenance(self) -> dict[str, str]:
        return {"keyword_library": "test-words", "keyword_library_version": "1"}


class BrokenSetupStage(Stage):
    """A stage whose resources cannot load (like a missing model): fails in ``setup``."""

    name = "broken_setup"

    def setup(self) -> None:
        from gensafe.stages import StageError

        raise StageError("broken_setup: model folder /nowhere does not exist")

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        return batch
