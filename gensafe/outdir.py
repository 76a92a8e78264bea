"""The output folder of a run: its layout and what a finished run reports.

A run's folder holds ``kept/`` and ``removed/`` shards, one completion
marker per task, the per-task provenance and rejected records the audit
store is loaded from, and the run file that ties the folder to one
pipeline configuration.  The executor writes this layout and the run
loader (``gensafe.run_load``) reads it; both take the names from here.
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

MARKERS = "_markers"
PROVENANCE = "_provenance"
REJECTED = "_rejected"
RUN_FILE = "_run.json"


@dataclass
class RunResult:
    """The books of a finished run, as the CLI and the tests see them."""

    run_id: str
    output_dir: str
    db: str
    input_records: int
    kept: int
    removed: int
    rejected: int
    tasks: int
    skipped_tasks: int
    seconds: float
    input_bytes: int
    rejections: list[str] = field(default_factory=list)
    accounting_ok: bool = True
    #: True when this very output was already loaded as ``run_id``: nothing was run or stored again
    already_recorded: bool = False
    #: tasks whose outputs were discarded because their input changed, vanished or was added since
    stale_tasks: int = 0
    #: the chain head this run made, the head before it, and the receipt file that carries both
    manifest_sha256: str = ""
    prev_manifest_sha256: str | None = None
    receipt: str = ""
    signed: bool = False


def new_run_id() -> str:
    """A sortable, unique run id: UTC time to the second plus 8 random hex digits."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:8]
