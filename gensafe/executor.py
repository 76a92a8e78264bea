"""Run a pipeline: tasks in worker processes, resumable after a crash.

Each task (a file or a line-aligned byte range) writes its shards under
deterministic names and, last of all, a completion marker.  A re-run skips
tasks with a marker and rewrites the others from scratch, so a SIGKILL at
any moment leaves nothing duplicated and nothing lost.  The executor
interface is deliberately narrow (``map(tasks) -> markers``) so that a Ray
Data executor can stand in for the local one.
"""
from __future__ import annotations

import errno
import glob
import json
import multiprocessing as mp
import os
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Protocol

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from gensafe import __version__, storage, store, subset
from gensafe.config import PipelineConfig
from gensafe.errors import ConfigError, RunError
from gensafe.outdir import MARKERS, PROVENANCE, REJECTED, RUN_FILE, RunResult
from gensafe.pipeline import Pipeline
from gensafe.run_load import record_run
from gensafe.runlock import LockHeld, hold_run
from gensafe.stages import StageError
from gensafe.readers import REJECTED_SCHEMA, InputChanged, ReadStats, Task, plan_tasks, read_task
from gensafe.writers import (GroupedParquetWriter, OutputFile, ShardWriter, atomic_write_bytes, output_table,
                             provenance_table)

#: provenance row groups: larger ones are cheaper to write, smaller ones cost DuckDB less
#: memory when the run is loaded (65,536-row groups took it from +100 MB to +200 MB at 4x)
PROVENANCE_ROW_GROUP = 8192


# ------------------------------------------------------------------ one task

def _clean_task(out_dir: str, task_id: str) -> None:
    """Remove whatever an interrupted attempt at this task left behind."""
    if storage.is_uri(out_dir):
        _clean_task_remote(out_dir, task_id)
        return
    patterns = [f"kept/part-{task_id}-*", f"removed/part-{task_id}-*",
                f"{PROVENANCE}/{task_id}.parquet*", f"{REJECTED}/{task_id}.parquet*"]
    for pat in patterns:
        for p in glob.glob(os.path.join(out_dir, pat)):
            os.remove(p)


def _clean_task_remote(out_dir: str, task_id: str) -> None:
    """The same on object storage, by name rather than by listing a folder of every task's shards.

    An attempt writes shards 0000, 0001, … in order and an object exists
    only once its upload completed, so its leftovers are the shards from
    0000 up to the first name that does not exist.
    """
    for kind in ("kept", "removed"):
        seq = 0
        while True:
            path = storage.join(out_dir, kind, f"part-{task_id}-{seq:04d}.parquet")
            if not storage.exists(path):
                break
            storage.remove(path)
            seq += 1
    for sub in (PROVENANCE, REJECTED):
        storage.remove(storage.join(out_dir, sub, f"{task_id}.parquet"))


def run_task(task: Task, config: PipelineConfig, pipeline: Pipeline, out_dir: str) -> dict[str, Any]:
    """Process one task end to end and write its completion marker."""
    t0 = time.perf_counter()
    _clean_task(out_dir, task.task_id)
    task.check_unchanged()
    spec = config.inputs[task.input_index]
    stats = ReadStats()
    kept_w = ShardWriter(out_dir, "kept", task.task_id, config.shard_rows, config.shard_bytes)
    removed_w = ShardWriter(out_dir, "removed", task.task_id, config.shard_rows, config.shard_bytes)
    prov_file = OutputFile(storage.join(out_dir, PROVENANCE, f"{task.task_id}.parquet"))
    prov_writer: GroupedParquetWriter | None = None
    n_kept = n_removed = 0
    batches = read_task(task, spec, stats, config.batch_size, config.max_doc_bytes)
    for batch in subset.apply(batches, task.path, stats, config.subset):
        decided = pipeline.process(batch)
        is_kept = pc.equal(decided.column("decision"), "kept")
        kept_here = pc.sum(is_kept).as_py() or 0
        if kept_here == decided.num_rows:  # the common case: nothing to split, no copy
            parts = [(decided, kept_w, False)]
        elif kept_here == 0:
            parts = [(decided, removed_w, True)]
        else:
            parts = [(decided.filter(is_kept), kept_w, False), (decided.filter(pc.invert(is_kept)), removed_w, True)]
        for part, writer, removed in parts:
            where = writer.write(output_table(part, removed, config.output_columns))
            prov = provenance_table(part, where)
            if prov_writer is None:
                prov_writer = GroupedParquetWriter(prov_file.sink, prov.schema, group_rows=PROVENANCE_ROW_GROUP)
            prov_writer.write_table(prov)
            if removed:
                n_removed += part.num_rows
            else:
                n_kept += part.num_rows
    task.check_unchanged()  # read to the end of a file that stayed the same, or no marker
    shards = [s.to_dict() for s in kept_w.close() + removed_w.close()]
    prov_sha = None
    if prov_writer is not None:
        prov_writer.close()
        prov_sha = prov_file.commit()[1]
    if stats.rejected:
        rej = pa.Table.from_pylist([r.__dict__ for r in stats.rejected], schema=REJECTED_SCHEMA)
        rej_file = OutputFile(storage.join(out_dir, REJECTED, f"{task.task_id}.parquet"))
        pq.write_table(rej, rej_file.sink)
        rej_file.commit()
    marker = {
        "task_id": task.task_id, "input_file": task.path, "format": task.format,
        "start": task.start, "end": task.end, "first_line": task.first_line,
        "file_size": task.file_size, "file_mtime_ns": task.file_mtime_ns,
        "input_records": stats.records, "input_bytes": stats.bytes, "input_sha256": stats.hasher.hexdigest(),
        "kept": n_kept, "removed": n_removed, "rejected": len(stats.rejected),
        "rejections": [r.message() for r in stats.rejected[:20]],
        "shards": shards, "provenance_sha256": prov_sha, "seconds": round(time.perf_counter() - t0, 3),
        "stage_stats": pipeline.stats(), "pid": os.getpid(), "peak_rss_mb": peak_rss_mb(),
        # the run's provenance comes from the workers, so the parent need not load the stages
        "provenance": json.loads(json.dumps(pipeline.provenance(), default=str)),
    }
    # the commit point of the task: written last, in one piece
    atomic_write_bytes(storage.join(out_dir, MARKERS, f"{task.task_id}.json"),
                       json.dumps(marker, ensure_ascii=False, indent=1).encode())
    return marker


def peak_rss_mb() -> float | None:
    """This process's own peak resident memory (MB).

    From ``VmHWM``, not ``ru_maxrss``: on Linux a process started from a large
    parent inherits the parent's ``ru_maxrss``, so that would overstate a worker.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    try:
        import resource

        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    except (ImportError, OSError):
        return None


# ------------------------------------------------------------------ executors

class Executor(Protocol):
    """Runs tasks and yields their completion markers as they finish."""

    def map(self, config: PipelineConfig, tasks: list[Task], out_dir: str) -> Iterator[dict[str, Any]]: ...


_WORKER: dict[str, Any] = {}


def _worker_init(config: PipelineConfig) -> None:
    _WORKER["config"] = config
    _WORKER["pipeline"] = None


def _worker_run(args: tuple[Task, str]) -> dict[str, Any]:
    """Run one task; the stages are loaded on a worker's first task.

    A stage that cannot load (a missing model, a bad library) comes back as a
    ``setup_error`` marker that stops the run: a failing pool initializer
    would instead be restarted forever.
    """
    task, out_dir = args
    pipe = _WORKER.get("pipeline")
    if pipe is None:
        try:
            pipe = Pipeline.from_config(_WORKER["config"])
            pipe.setup()
        except (ConfigError, StageError) as exc:
            return {"task_id": task.task_id, "setup_error": str(exc)}
        _WORKER["pipeline"] = pipe
    return run_task(task, _WORKER["config"], pipe, out_dir)


@dataclass
class LocalExecutor:
    """N worker processes (spawned, each with its own stages) or in-process when N = 1."""

    workers: int = 1
    #: an already set-up pipeline to reuse when running in-process
    pipeline: Pipeline | None = None

    def map(self, config: PipelineConfig, tasks: list[Task], out_dir: str) -> Iterator[dict[str, Any]]:
        if not tasks:
            return
        n = max(1, min(self.workers, len(tasks)))
        if n == 1:
            pipe = self.pipeline or Pipeline.from_config(config)
            pipe.setup()
            for t in tasks:
                yield run_task(t, config, pipe, out_dir)
            return
        ctx = mp.get_context("spawn")
        # largest tasks first keeps the workers evenly busy at the end
        order = sorted(tasks, key=lambda t: -t.size)
        with ctx.Pool(n, initializer=_worker_init, initargs=(config,), maxtasksperchild=None) as pool:
            yield from pool.imap_unordered(_worker_run, [(t, out_dir) for t in order])


# ------------------------------------------------------------------ a run

def _load_markers(out_dir: str) -> dict[str, dict[str, Any]]:
    folder = storage.join(out_dir, MARKERS)
    paths = [storage.join(folder, n) for n in storage.listdir(folder) if n.endswith(".json")]
    if storage.is_uri(out_dir) and len(paths) > 1:
        # one GET per marker: many at once, or resuming 10^5 tasks would take tens of minutes
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=32) as pool:
            blobs = list(pool.map(storage.read_bytes, paths))
    else:
        blobs = [storage.read_bytes(p) for p in paths]
    out = {}
    for blob in blobs:
        m = json.loads(blob)
        out[m["task_id"]] = m
    return out


def _task_of(name: str) -> str | None:
    """The task id in an output file name (``part-<task>-<seq>.parquet``, ``<task>.parquet``, ``<task>.json``)."""
    if name.startswith("part-"):
        return name[len("part-"):].split(".parquet")[0].rsplit("-", 1)[0]
    for ext in (".parquet", ".json"):
        if ext in name:
            return name.split(ext)[0]
    return None


def remove_stale(out_dir: str, planned: set[str]) -> int:
    """Delete the outputs of tasks that are not in this plan; return how many had finished.

    A task id pins its input's path, size, mtime and byte range, so a
    marker outside the plan belongs to an input that changed or vanished
    since: its shards must go, or the run would count old and new records
    side by side.  Files of a task that failed mid-way go too.
    """
    n = 0
    for sub in (MARKERS, "kept", "removed", PROVENANCE, REJECTED):
        folder = storage.join(out_dir, sub)
        for name in storage.listdir(folder):
            tid = _task_of(name)
            if tid is None or tid in planned:
                continue
            if sub == MARKERS and name.endswith(".json"):
                n += 1
            storage.remove(storage.join(folder, name))
    return n


def prepare_output(config: PipelineConfig, out_dir: str, overwrite: bool) -> bool:
    """Make the output tree; True when this call started it (wrote its run file)."""
    run_file = storage.join(out_dir, RUN_FILE)
    if overwrite and storage.exists(out_dir):
        for sub in ("kept", "removed", MARKERS, PROVENANCE, REJECTED):
            storage.remove_tree(storage.join(out_dir, sub))
        for f in (run_file, storage.join(out_dir, "manifest.json")):
            storage.remove(f)
    if storage.exists(run_file):
        prev = json.loads(storage.read_bytes(run_file))
        if prev.get("config_hash") != config.hash:
            raise RunError(f"{out_dir} holds the output of a different pipeline configuration "
                           f"(config hash {prev.get('config_hash', '?')[:12]} ≠ {config.hash[:12]}); "
                           "use --overwrite to replace it, or choose another --output")
    for sub in ("kept", "removed", MARKERS, PROVENANCE, REJECTED):
        storage.makedirs(storage.join(out_dir, sub))
    if not storage.exists(run_file):
        atomic_write_bytes(run_file, json.dumps({"pipeline": config.name, "config_hash": config.hash,
                                                 "gensafe_version": __version__}).encode())
        return True
    return False


def plan(config: PipelineConfig) -> list[Task]:
    """The run's tasks; with ``--limit`` one per file, since the limit counts a file's first records."""
    chunk = config.chunk_bytes if config.subset.limit is None else 1 << 62
    tasks = plan_tasks(config.inputs, chunk)
    if not tasks:
        raise RunError("no input files match: " + ", ".join(s.path for s in config.inputs))
    return tasks


def describe_run(config: PipelineConfig, max_listed: int = 20) -> dict[str, Any]:
    """What a run of ``config`` would do, after validating it, without reading or writing anything.

    ``gensafe run --dry-run`` prints this: the inputs and their files, the
    tasks, the stages with the columns they add, the policy rules, and
    where the output and the database would go.  Stage types, options and
    the policy's columns are checked as a real run checks them; nothing is
    loaded (no automaton, no model) and no folder is created.
    """
    if not config.inputs:
        raise RunError(f"{config.path}: no [[inputs]]")
    pipe = Pipeline.from_config(config)
    pipe.check()
    store.memory_limit()
    tasks = plan(config)
    inputs = []
    for i, spec in enumerate(config.inputs):
        mine = [t for t in tasks if t.input_index == i]
        files = list(dict.fromkeys(t.path for t in mine))
        sizes = {t.path: t.size if t.end < 0 else 0 for t in mine}
        for t in mine:
            if t.end >= 0:
                sizes[t.path] += t.size
        inputs.append({"path": spec.path, "format": spec.format, "dataset": spec.dataset,
                       "files": len(files), "bytes": sum(sizes.values()),
                       "listed": [{"file": f, "bytes": sizes[f]} for f in files[:max_listed]]})
    return {
        "pipeline": config.name, "config": config.path, "config_hash": config.hash,
        "inputs": inputs,
        "tasks": len(tasks), "task_bytes": sum(t.size for t in tasks),
        "listed_tasks": [{"task_id": t.task_id, "file": t.path, "start": t.start, "end": t.end}
                         for t in tasks[:max_listed]],
        "stages": [{"type": spec["type"], "name": st.name, "columns": st.output_columns()}
                   for spec, st in zip(config.stages, pipe.stages)],
        "policy": [dict(r) for r in config.policy],
        "output_columns": config.output_columns,
        "subset": config.subset.describe(),
        "output_dir": config.output_dir, "db": config.db, "workers": config.workers,
    }


def run_pipeline(config: PipelineConfig, executor: Executor | None = None, overwrite: bool = False,
                 progress: bool = True, on_marker: Callable[[dict[str, Any]], None] | None = None) -> RunResult:
    """Run a pipeline to completion, load DuckDB, and check the books.

    The output folder and the database are locked for the whole run, and
    every check that can fail (stages, the database's lock and
    writability) runs before the work.  Failures come back as ``RunError``
    with one line to show: an unwritable folder, a full disk, an input that
    changed under the run.
    """
    if not config.inputs:
        raise RunError(f"{config.path}: no [[inputs]]")
    out_dir = config.output_dir
    pipe = Pipeline.from_config(config)  # stage types and options are checked before any work starts
    store.memory_limit()  # likewise the setting the load at the end needs
    executor = executor or LocalExecutor(config.workers)
    if isinstance(executor, LocalExecutor) and executor.workers > 1:
        pipe.check()  # the workers load the stages; a stage that cannot load stops the run at once
    else:
        pipe.setup()  # in-process runs use it; on Ray, stage errors surface here, not in an actor
    try:
        with hold_run(out_dir, config.db):
            store.check_writable(config.db)
            return _run_locked(config, pipe, executor, overwrite, progress, on_marker)
    except LockHeld as exc:
        raise RunError(str(exc)) from None
    except InputChanged as exc:
        raise RunError(f"{exc}; finished tasks are kept") from None
    except OSError as exc:
        raise RunError(_os_error_line(exc, out_dir)) from None


def _os_error_line(exc: OSError, out_dir: str) -> str:
    """One line for a failed write or read: what, where, and that a rerun resumes."""
    if not exc.errno and not exc.filename:
        return str(exc)  # already one line (e.g. from store.check_writable)
    where = f" ({exc.filename})" if exc.filename else ""
    hint = {errno.ENOSPC: "free some space and run again: finished tasks are kept",
            errno.EDQUOT: "free some space and run again: finished tasks are kept",
            errno.EROFS: f"choose a writable --output (now {out_dir})",
            errno.EACCES: f"choose a writable --output (now {out_dir}) or fix its permissions"}.get(exc.errno or 0,
                                                                                           "finished tasks are kept")
    return f"{exc.strerror or exc}{where}; {hint}"


def _run_locked(config: PipelineConfig, pipe: Pipeline, executor: Executor, overwrite: bool, progress: bool,
                on_marker: Callable[[dict[str, Any]], None] | None) -> RunResult:
    out_dir = config.output_dir
    started = time.time()
    t0 = time.perf_counter()
    started_tree = prepare_output(config, out_dir, overwrite)
    tasks = plan(config)
    stale = remove_stale(out_dir, {t.task_id for t in tasks})
    done = _load_markers(out_dir)
    todo = [t for t in tasks if t.task_id not in done]
    if not todo and not overwrite:
        prev = store.recorded_run(config.db, out_dir, config.hash, [t.task_id for t in tasks])
        if prev is not None:
            return RunResult(run_id=prev["run_id"], output_dir=out_dir, db=config.db,
                             input_records=prev["input_records"], kept=prev["kept"], removed=prev["removed"],
                             rejected=prev["rejected"], tasks=prev["tasks"], skipped_tasks=len(tasks), seconds=0.0,
                             input_bytes=prev["input_bytes"], accounting_ok=prev["accounting_ok"],
                             already_recorded=True)
    if isinstance(executor, LocalExecutor):
        executor.pipeline = pipe
    bar = None
    if progress:
        from tqdm import tqdm

        # the bar counts bytes on disk (compressed files, datasets folders) as tasks finish
        sizes = {t.task_id: t.size for t in todo}
        bar = tqdm(total=sum(sizes.values()), unit="B", unit_scale=True, unit_divisor=1024,
                   desc=f"gensafe {config.name}", dynamic_ncols=True, mininterval=0.5)
    docs = 0
    fresh: list[dict[str, Any]] = []
    stream = executor.map(config, todo, out_dir)
    try:
        for marker in stream:
            if "setup_error" in marker:
                raise StageError(marker["setup_error"])
            done[marker["task_id"]] = marker
            fresh.append(marker)
            docs += marker["input_records"]
            if on_marker:
                on_marker(marker)
            if bar is not None:
                bar.update(sizes.get(marker["task_id"], 0))
                el = max(time.perf_counter() - t0, 1e-9)
                bar.set_postfix_str(f"{docs / el:,.0f} docs/s")
    except (ConfigError, StageError):
        if started_tree and not fresh and not _load_markers(out_dir):
            # nothing was written: leave no run file that would tie the folder to this config
            storage.remove(storage.join(out_dir, RUN_FILE))
        raise
    finally:
        if hasattr(stream, "close"):
            stream.close()  # stops the workers now if the run failed
        if bar is not None:
            bar.close()
    markers = [done[t.task_id] for t in tasks]
    if pipe.ready:
        provenance = pipe.provenance()
    else:
        recorded = [m["provenance"] for m in fresh + markers if m.get("provenance")]
        provenance = recorded[0] if recorded else pipe.provenance()
    if config.subset.active:
        provenance["input_subset"] = config.subset.describe()  # a partial look says so in runs and the manifest
    try:
        result = record_run(config, markers, out_dir, provenance, started=started,
                            skipped=len(tasks) - len(todo), seconds=time.perf_counter() - t0)
    except duckdb.Error as exc:
        raise RunError(f"loading the run into {config.db} failed: {str(exc).splitlines()[0]}; "
                       "the output is complete: run again to load it") from None
    result.stale_tasks = stale
    return result
