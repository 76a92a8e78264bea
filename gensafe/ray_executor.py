"""A Ray Data executor: the same tasks, markers and shards, on a Ray cluster.

The unit Ray schedules is a gensafe task (a file or a line-aligned byte
range), mapped with ``Dataset.map_batches`` over an actor pool: each actor
builds the pipeline once (keyword automaton, model), then runs
``gensafe.executor.run_task`` exactly as a local worker does.  Keeping the
task as the unit is what makes the result identical to the local executor —
the same deterministic shard names, the same completion markers (so resume
works the same), the same line numbers for rejected records — while Ray
provides placement across machines, retries of failed actors and back
pressure.  Inputs and outputs must be on storage every node can see: a
shared disk, or a bucket (``s3://``, ``gs://``) that the actors read and
write directly through ``gensafe.storage``; no record passes through Ray's
object store.  The driver's object-store settings (endpoint, region,
profile, credentials: the ``AWS_*``, ``GOOGLE_APPLICATION_CREDENTIALS`` and
``HF_*`` variables that are set) go to the actors in their runtime
environment, so they reach the same bucket the driver planned against.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from typing import Any, Iterator

from gensafe.config import PipelineConfig
from gensafe.readers import Task


class _TaskRunner:
    """One per Ray actor: the pipeline is set up once and reused for every task."""

    def __init__(self, config: PipelineConfig, out_dir: str) -> None:
        from gensafe.pipeline import Pipeline

        self.config = config
        self.out_dir = out_dir
        self.pipeline = Pipeline.from_config(config)
        self.pipeline.setup()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        from gensafe.executor import run_task

        markers = []
        for raw in batch["task"]:
            task = Task(**json.loads(raw))
            markers.append(json.dumps(run_task(task, self.config, self.pipeline, self.out_dir)))
        return {"marker": markers}


#: environment variables that say which object store to use and how to sign in to it
_STORE_ENV_PREFIXES = ("AWS_", "GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CLOUD_PROJECT", "HF_")


def store_env() -> dict[str, str]:
    """The object-store settings of this process, for the actors' runtime environment."""
    return {k: v for k, v in os.environ.items() if k.startswith(_STORE_ENV_PREFIXES)}


@dataclass
class RayExecutor:
    """Runs tasks on Ray Data; ``address=None`` starts a local Ray instance with ``workers`` CPUs."""

    address: str | None = None
    workers: int = 1

    def _init(self) -> None:
        import ray

        if ray.is_initialized():
            return
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                  "ignore_reinit_error": True}
        if self.address:
            kwargs["address"] = self.address
        else:
            kwargs["num_cpus"] = self.workers
        ray.init(**kwargs)

    def map(self, config: PipelineConfig, tasks: list[Task], out_dir: str) -> Iterator[dict[str, Any]]:
        if not tasks:
            return
        import ray

        self._init()
        items = [{"task": json.dumps(asdict(t))} for t in sorted(tasks, key=lambda t: -t.size)]
        ds = ray.data.from_items(items, override_num_blocks=len(items))
        out = ds.map_batches(
            _TaskRunner,
            fn_constructor_kwargs={"config": config, "out_dir": out_dir},
            batch_size=1,
            batch_format="numpy",
            concurrency=max(1, min(self.workers, len(items))),
            num_cpus=1,
            **({"runtime_env": {"env_vars": env}} if (env := store_env()) else {}),
        )
        for row in out.iter_rows():
            yield json.loads(row["marker"])
