"""A pipeline in memory: its stages and its policy, applied to one batch.

The executors, ``gensafe score`` and source assessment all go through
``Pipeline.process`` so a document gets the same verdict whichever way it
is examined.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow as pa

from gensafe.config import PipelineConfig, load_pipeline
from gensafe.policy import Policy
from gensafe.stages import Stage, build_stage

DEFAULT_PIPELINE = Path(__file__).resolve().parent.parent / "pipelines" / "default.toml"


class Pipeline:
    def __init__(self, stages: list[Stage], policy: Policy, config: PipelineConfig | None = None) -> None:
        self.stages = stages
        self.policy = policy
        self.config = config
        self._ready = False
        self._provenance: dict[str, Any] | None = None

    @classmethod
    def from_config(cls, config: PipelineConfig) -> "Pipeline":
        return cls([build_stage(s, config.registry) for s in config.stages], Policy(config.policy), config)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str] | None = None) -> "Pipeline":
        return cls.from_config(load_pipeline(path or DEFAULT_PIPELINE))

    def setup(self) -> None:
        if not self._ready:
            for s in self.stages:
                s.setup()
            self.check()
            self._ready = True

    @property
    def ready(self) -> bool:
        return self._ready

    def check(self) -> None:
        """Validate the policy against the stages' declared columns, loading nothing.

        A parent that only hands work to worker processes calls this instead
        of ``setup``: it must not pay for a keyword automaton and a model it
        never uses.
        """
        declared = set()
        for s in self.stages:
            declared.update(s.output_columns())
        # only columns the stages declare can be checked before data flows
        undeclared_ok = any(not s.output_columns() for s in self.stages)
        if not undeclared_ok:
            from gensafe.policy import DECISION_FIELDS
            from gensafe.readers import INPUT_SCHEMA

            available = declared | set(INPUT_SCHEMA.names)
            self.policy.check_columns(available)
            wanted = self.config.output_columns if self.config is not None else []
            available |= {f.name for f in DECISION_FIELDS}
            missing = [c for c in wanted if c not in available]
            if missing:
                from gensafe.config import ConfigError

                raise ConfigError(f"output.columns: {missing} not produced by any stage; "
                                  f"available: {sorted(available - {'text', 'meta'})}")

    def annotate(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        self.setup()
        for s in self.stages:
            batch = s.process(batch)
        return batch

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        """Annotate with every stage, then decide."""
        return self.policy.decide(self.annotate(batch))

    def provenance(self) -> dict[str, Any]:
        """Versions and hashes of every stage's resources (computed once per pipeline)."""
        if self._provenance is None:
            out: dict[str, Any] = {}
            for s in self.stages:
                out.update(s.provenance())
            self._provenance = out
        return dict(self._provenance)

    def stats(self) -> dict[str, dict[str, float]]:
        return {s.name: s.stats() for s in self.stages if s.stats()}
