"""Per-stage and end-to-end throughput, scaling and memory of gensafe on ../shared/corpus.

What it measures (single core unless said otherwise; pyarrow and BLAS
threads pinned to 1):

* **per stage** - ``stage.process`` over pre-read batches of a ~20 MB zh+en
  slice of the corpus: normalisation alone, keywords (normalisation
  included), classifier, PII, provenance (license + records + robots on the
  corpus as is, whose sources are not web-collected), robots on the same
  slice with synthetic URLs and collection times (every document looked up
  against a robots cache), and the write half of a task (decide, split,
  zstd Parquet shards, per-shard provenance).
* **end to end** - ``gensafe run`` of a keywords + ad_signals + classifier + pii +
  license + records + robots pipeline over the whole corpus, 1 worker, in a
  fresh process (DuckDB load included).
* **scaling** - the same run with 2 local workers and with
  ``--executor ray`` (2 workers); efficiency = t1 / (2 · t2).
* **memory** - peak RSS of the worker processes (``RUSAGE_CHILDREN`` of a
  fresh driver process running 2 workers) over 1× and 4× the corpus (4×:
  every file listed 4 times, each in its own ``[[inputs]]`` with a different
  dataset name), and the driver's own peak.

Stages that cannot be loaded (for example the classifier before its model is
trained) are skipped and reported as skipped with the reason.

    python benchmarks/bench_e2e.py [--corpus ../shared/corpus] [--repeats 3] [--quick]
"""
from __future__ import annotations

import os

# pin native thread pools before numpy/pyarrow are imported anywhere
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import glob
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable

from machine import busy_cpu_seconds

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
FIXTURES = os.path.join(HERE, "fixtures")
REGISTRY = os.path.join(FIXTURES, "corpus_sources.toml")
ROBOTS_CACHE = os.path.join(FIXTURES, "robots")
CONTENT_STAGES = ["keywords", "ad_signals", "classifier", "pii"]
PROVENANCE_STAGES = ["license", "records", "robots"]

POLICY = {
    "keywords": [{"reason": "keyword", "risks": "kw_risks"}],
    "ad_signals": [{"reason": "ad signals", "risks": "ad_risks"}],
    "classifier": [{"reason": "classifier", "risks": "clf_risks"}],
    "pii": [{"reason": "personal information", "flag": "pii_ok"}],
    "license": [{"reason": "licence not allowed", "flag": "license_ok"}],
    "records": [{"reason": "no collection record", "flag": "record_ok"}],
    "robots": [{"reason": "robots/opt-out", "flag": "robots_ok"}],
}


#: stage-table overrides of the baseline pipeline (set by --baseline): the previous shipped model, every code scored
BASELINE: dict[str, dict[str, Any]] = {}


def baseline_model(rev: str, tmp: str) -> str:
    """The shipped model directory as it was at git revision ``rev``, extracted into ``tmp``."""
    import subprocess

    out = os.path.join(tmp, f"model-{rev}")
    os.makedirs(out, exist_ok=True)
    names = subprocess.run(["git", "-C", ROOT, "ls-tree", "--name-only", rev, "gensafe/models/default/"],
                           capture_output=True, text=True, check=True).stdout.split()
    for n in names:
        blob = subprocess.run(["git", "-C", ROOT, "show", f"{rev}:{n}"], capture_output=True, check=True).stdout
        with open(os.path.join(out, os.path.basename(n)), "wb") as fh:
            fh.write(blob)
    return out


def stage_spec(name: str, baseline: bool = False) -> dict[str, Any]:
    """The pipeline-file table of a stage as the benchmark configures it (defaults, plus the robots cache)."""
    if baseline and name in BASELINE:
        return {"type": name, **BASELINE[name]}
    if name == "robots":
        return {"type": "robots", "cache": ROBOTS_CACHE, "crawler_user_agent": "gensafe-bench"}
    return {"type": name}


def available_stages(names: list[str]) -> tuple[list[str], dict[str, str]]:
    """Stages that build and set up here; the others with the reason they cannot."""
    from gensafe.stages.registry import build_stage

    ok, skipped = [], {}
    for n in names:
        try:
            spec = stage_spec(n)
            if n in PROVENANCE_STAGES:
                spec["registry"] = REGISTRY
            build_stage(spec).setup()
            ok.append(n)
        except Exception as exc:  # a stage that has not landed yet, a missing model...
            skipped[n] = f"{type(exc).__name__}: {exc}"
    return ok, skipped


# ------------------------------------------------------------------ pipeline files

def _toml_value(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def write_pipeline(path: str, inputs: list[tuple[str, str]], stages: list[str], out_dir: str,
                   workers: int, chunk_bytes: int, baseline: bool = False) -> str:
    lines = ["[pipeline]", 'name = "bench-e2e"']
    if any(s in PROVENANCE_STAGES for s in stages):  # only provenance stages need the source registry
        lines.append(f"registry = {_toml_value(REGISTRY)}")
    lines.append("")
    for f, ds in inputs:
        lines += ["[[inputs]]", f"path = {_toml_value(f)}", f"dataset = {_toml_value(ds)}", ""]
    lines += ["[output]", f"dir = {_toml_value(out_dir)}", "",
              "[execution]", f"workers = {workers}", f"chunk_bytes = {chunk_bytes}", ""]
    for s in stages:
        lines.append("[[stages]]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in stage_spec(s, baseline).items()]
        lines.append("")
    for s in stages:
        for rule in POLICY[s]:
            lines.append("[[policy.remove]]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in rule.items()]
            lines.append("")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    return path


# A fresh driver process: runs the CLI exactly as a user does and reports its
# own and its (waited-for) children's peak RSS.
_DRIVER = r"""
import json, os, resource, sys, time
from gensafe.cli import main
t = time.perf_counter()
try:
    main(sys.argv[2:], standalone_mode=False)
finally:
    wall = time.perf_counter() - t
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    from gensafe.executor import peak_rss_mb  # VmHWM: ru_maxrss would include this benchmark's own peak
    with open(sys.argv[1], "w") as fh:
        json.dump({"wall_s": wall, "driver_rss_mb": peak_rss_mb(), "children_rss_mb": kids.ru_maxrss / 1024,
                   "driver_cpu_s": me.ru_utime + me.ru_stime, "children_cpu_s": kids.ru_utime + kids.ru_stime}, fh)
"""


def _markers(out_dir: str) -> list[dict[str, Any]]:
    out = []
    for f in glob.glob(os.path.join(out_dir, "_markers", "*.json")):
        with open(f, encoding="utf-8") as fh:
            out.append(json.load(fh))
    return out


def gensafe_run(pipeline: str, workers: int, executor: str = "local", timeout: float = 900) -> dict[str, Any]:
    """``gensafe run PIPELINE --json`` in a fresh process; the run summary plus RSS figures."""
    fd, usage = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    cmd = [sys.executable, "-c", _DRIVER, usage, "run", pipeline, "--json", "--overwrite",
           "--workers", str(workers), "--executor", executor]
    busy0 = busy_cpu_seconds()
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    outer = time.perf_counter() - t
    busy1 = busy_cpu_seconds()
    if proc.returncode != 0:
        raise RuntimeError(f"gensafe run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    res = json.loads(proc.stdout[proc.stdout.index("{"):])
    with open(usage) as fh:
        res.update(json.load(fh))
    os.remove(usage)
    res["process_s"] = outer  # interpreter start + imports + run
    res["cpu_s"] = res["driver_cpu_s"] + res["children_cpu_s"]
    if busy0 is not None and busy1 is not None:
        # cores busy with other people's work while this ran (Ray workers are not our children: they count here)
        res["others_cores"] = round(max(0.0, (busy1 - busy0) - res["cpu_s"]) / outer, 2)
    res.pop("rejections", None)
    return res


# ------------------------------------------------------------------ per stage

def make_slice(files: list[str], target_bytes: int, path: str) -> int:
    """A zh+en slice: the first lines of every file in proportion to its size."""
    total = sum(os.path.getsize(f) for f in files)
    written = 0
    with open(path, "wb") as out:
        for f in files:
            want = target_bytes * os.path.getsize(f) / total
            got = 0
            with open(f, "rb") as fh:
                for line in fh:
                    if got >= want:
                        break
                    out.write(line)
                    got += len(line)
            written += got
    return written


def read_batches(path: str, batch_size: int = 2048) -> list:
    from gensafe.readers import read_path

    return list(read_path(path, batch_size=batch_size, dataset="slice"))


def with_synthetic_urls(batches: list) -> list:
    """Give every document a URL on one of the fixture hosts and a collection time.

    Hosts, paths and times are derived from the document id, so the robots
    lookups are deterministic and spread over both snapshots of each host,
    and several paths hit disallow rules."""
    import hashlib

    import pyarrow as pa

    from gensafe.stages.base import append_columns

    sections = ["news", "forum/42/edit", "private", "private/press", "search", "blog", "cart", "p"]
    out = []
    for b in batches:
        urls, ts, src = [], [], []
        for doc_id in b.column("doc_id").to_pylist():
            h = int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=8).digest(), "little")
            urls.append(f"https://site{h % 24:02d}.bench.example/{sections[(h >> 8) % len(sections)]}/{h >> 20}")
            ts.append("2026-03-15T12:00:00Z" if (h >> 5) & 1 else "2026-09-01T00:00:00Z")
            src.append("bench-web")
        out.append(append_columns(b, {"url": pa.array(urls, pa.string()), "timestamp": pa.array(ts, pa.string()),
                                      "source_id": pa.array(src, pa.string())}))
    return out


def time_it(fn: Callable[[], Any], repeats: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def per_stage(files: list[str], stages: list[str], slice_mb: float, repeats: int, tmp: str) -> dict[str, Any]:
    from gensafe.pipeline import Pipeline
    from gensafe.policy import Policy
    from gensafe.stages.registry import build_stage

    slice_path = os.path.join(tmp, "slice.jsonl")
    nbytes = make_slice(files, int(slice_mb * 1e6), slice_path)
    batches = read_batches(slice_path)  # warm the page cache and the reader's imports
    read_s, read_runs = time_it(lambda: read_batches(slice_path), repeats)
    docs = sum(b.num_rows for b in batches)
    res: dict[str, Any] = {"slice_mb": round(nbytes / 1e6, 2), "slice_docs": docs, "repeats": repeats, "stages": {}}

    def record(name: str, seconds: float, runs: list[float], note: str = "") -> None:
        res["stages"][name] = {"seconds": round(seconds, 3), "runs": [round(x, 3) for x in runs],
                               "docs_s": round(docs / seconds), "mb_s": round(nbytes / 1e6 / seconds, 2),
                               **({"note": note} if note else {})}
        print(f"  {name:<28} {nbytes / 1e6 / seconds:8.2f} MB/s  {docs / seconds:10,.0f} docs/s", flush=True)

    record("read (JSONL → batches)", read_s, read_runs, "gensafe.readers.read_path, batches of 2048")

    def run_stage(spec: dict[str, Any], data: list) -> Callable[[], list]:
        st = build_stage(spec)
        st.setup()
        st.process(data[0])  # warm caches that are built lazily on first use
        return lambda: [st.process(b) for b in data]

    if "keywords" in stages:
        from gensafe.keywords.normalize import normalize_batch

        texts = [b.column("text").to_pylist() for b in batches]
        s, r = time_it(lambda: [normalize_batch(t) for t in texts], repeats)
        record("normalise", s, r, "gensafe.keywords.normalize.normalize_batch alone")
        s, r = time_it(run_stage(stage_spec("keywords"), batches), repeats)
        record("keywords (normalise+match)", s, r)
    for name in ("ad_signals", "classifier", "pii"):
        if name in stages:
            s, r = time_it(run_stage(stage_spec(name), batches), repeats)
            record(name, s, r)
    prov = [s for s in PROVENANCE_STAGES if s in stages]
    if prov:
        specs = [dict(stage_spec(s), registry=REGISTRY) for s in prov]
        built = [build_stage(sp) for sp in specs]
        for b in built:
            b.setup()

        def chain(data: list) -> Callable[[], list]:
            def go() -> list:
                out = []
                for b in data:
                    for st in built:
                        b = st.process(b)
                    out.append(b)
                return out
            return go

        s, r = time_it(chain(batches), repeats)
        record("provenance (" + "+".join(prov) + ")", s, r,
               "corpus as is: registered non-web sources, robots not applicable")
        if "robots" in prov:
            web = with_synthetic_urls(batches)
            s, r = time_it(run_stage(dict(stage_spec("robots"), registry=REGISTRY), web), repeats)
            record("robots (every doc looked up)", s, r,
                   "synthetic URLs on 24 fixture hosts, 2 snapshots each, 8 path kinds")
            s, r = time_it(chain(web), repeats)
            record("provenance, web documents", s, r, "license+records+robots with synthetic URLs")

    # the write half of a task: decide, split kept/removed, zstd shards, provenance parquet
    pipe_stages = [dict(stage_spec(s), **({"registry": REGISTRY} if s in PROVENANCE_STAGES else {}))
                   for s in stages]
    rules = [r for s in stages for r in POLICY[s]]
    pipe = Pipeline([build_stage(sp) for sp in pipe_stages], Policy(rules))
    pipe.setup()
    annotated = [pipe.annotate(b) for b in batches]
    res["slice_removed"] = sum(pipe.policy.decide(b).column("decision").to_pylist().count("removed")
                               for b in annotated)

    def write_half() -> None:
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        from gensafe.writers import ShardWriter, output_table, provenance_table

        out = os.path.join(tmp, "write")
        shutil.rmtree(out, ignore_errors=True)
        kept_w = ShardWriter(out, "kept", "bench", 100_000, 256 << 20)
        removed_w = ShardWriter(out, "removed", "bench", 100_000, 256 << 20)
        os.makedirs(os.path.join(out, "_provenance"), exist_ok=True)
        prov_writer = None
        for b in annotated:
            d = pipe.policy.decide(b)
            is_kept = pc.equal(d.column("decision"), "kept")
            for mask, w, removed in ((is_kept, kept_w, False), (pc.invert(is_kept), removed_w, True)):
                part = d.filter(mask)
                if not part.num_rows:
                    continue
                where = w.write(output_table(part, removed))
                prov = provenance_table(part, where)
                if prov_writer is None:
                    schema = prov.schema
                    prov_writer = pq.ParquetWriter(os.path.join(out, "_provenance", "bench.parquet"), schema,
                                                   compression="zstd")
                prov_writer.write_table(prov.cast(prov_writer.schema) if prov.schema != prov_writer.schema else prov)
        kept_w.close()
        removed_w.close()
        if prov_writer is not None:
            prov_writer.close()

    s, r = time_it(write_half, repeats)
    record("write (decide+shards+provenance)", s, r, "gensafe.policy + gensafe.writers, as run_task does")
    total = sum(v["seconds"] for k, v in res["stages"].items() if k in
                ("keywords (normalise+match)", "classifier", "pii", "write (decide+shards+provenance)")
                or k.startswith("provenance ("))
    res["sum_of_stages_mb_s"] = round(nbytes / 1e6 / total, 2)
    return res


# ------------------------------------------------------------------ end to end

_SETUP = r"""
import json, resource, sys, time
t = time.perf_counter()
from gensafe.config import load_pipeline
from gensafe.pipeline import Pipeline
cfg = load_pipeline(sys.argv[1])
t1 = time.perf_counter()
Pipeline.from_config(cfg).setup()
t2 = time.perf_counter()
ru = resource.getrusage(resource.RUSAGE_SELF)
from gensafe.executor import peak_rss_mb
print(json.dumps({"import_s": t1 - t, "setup_s": t2 - t1, "cpu_s": ru.ru_utime + ru.ru_stime,
                  "rss_mb": peak_rss_mb()}))
"""


def setup_cost(pipeline: str, repeats: int) -> dict[str, Any]:
    """What every worker pays once before its first task: imports, then building every stage."""
    rs = []
    for _ in range(repeats):
        proc = subprocess.run([sys.executable, "-c", _SETUP, pipeline], capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            return {"error": proc.stderr[-500:]}
        rs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    res = {k: round(statistics.median(r[k] for r in rs), 2) for k in rs[0]}
    print(f"  worker setup: imports {res['import_s']}s, stages {res['setup_s']}s, {res['cpu_s']} CPU-s, "
          f"{res['rss_mb']:.0f} MB", flush=True)
    return res


def store_figures(out_dir: str) -> dict[str, Any]:
    """What the audit store costs, single-threaded, on one run's per-shard provenance Parquet.

    * load: ``CREATE TABLE documents AS SELECT * FROM read_parquet(...)`` in a fresh
      DuckDB file (what the end of a run does, less the bookkeeping);
    * the per-source qualified-rate aggregate over the loaded table, and over the
      Parquet files directly (no load at all);
    * the same provenance rewritten into hive partitions by source, and one
      source's figures read from its partition only (the 10 TB layout of docs/scaling.md).
    """
    import duckdb

    files = sorted(glob.glob(os.path.join(out_dir, "_provenance", "*.parquet")))
    if not files:
        return {}
    src = f"read_parquet({json.dumps(files)}, union_by_name = true)"
    agg = ("SELECT source_id, count(*) AS docs, count(*) FILTER (WHERE NOT unsafe) AS qualified, "
           "count(*) FILTER (WHERE decision = 'removed') AS removed FROM {} GROUP BY source_id")
    shards = glob.glob(os.path.join(out_dir, "kept", "*.parquet")) + glob.glob(os.path.join(out_dir, "removed", "*.parquet"))
    res: dict[str, Any] = {"provenance_files": len(files),
                           "provenance_mb": round(sum(os.path.getsize(f) for f in files) / 1e6, 1),
                           "shards_mb": round(sum(os.path.getsize(f) for f in shards) / 1e6, 1)}
    db = os.path.join(out_dir, "_bench_store.duckdb")
    con = duckdb.connect(db)
    con.execute("SET threads = 1")
    t = time.perf_counter()
    con.execute(f"CREATE TABLE documents AS SELECT * FROM {src}")
    load_s = time.perf_counter() - t
    rows = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    res.update(rows=rows, load_s=round(load_s, 3), load_rows_s=round(rows / load_s),
               db_mb=round(os.path.getsize(db) / 1e6, 1))
    t = time.perf_counter()
    con.execute(agg.format("documents")).fetchall()
    res["qualified_rate_on_table_s"] = round(time.perf_counter() - t, 4)
    t = time.perf_counter()
    n_src = len(con.execute(agg.format(src)).fetchall())
    res["qualified_rate_on_parquet_s"] = round(time.perf_counter() - t, 4)
    part = os.path.join(out_dir, "_provenance_hive")
    t = time.perf_counter()
    con.execute(f"COPY (SELECT * FROM {src}) TO '{part}' (FORMAT parquet, PARTITION_BY (source_id), "
                f"COMPRESSION zstd)")
    res["repartition_s"] = round(time.perf_counter() - t, 3)
    one = con.execute("SELECT source_id FROM documents GROUP BY 1 ORDER BY count(*) LIMIT 1").fetchone()[0]
    hive = f"read_parquet('{part}/*/*.parquet', hive_partitioning = true)"
    t = time.perf_counter()
    con.execute(agg.format(hive) .replace("GROUP BY", f"WHERE source_id = '{one}' GROUP BY")).fetchall()
    res["one_source_hive_s"] = round(time.perf_counter() - t, 4)
    t = time.perf_counter()
    con.execute(agg.format(src).replace("GROUP BY", f"WHERE source_id = '{one}' GROUP BY")).fetchall()
    res["one_source_full_scan_s"] = round(time.perf_counter() - t, 4)
    res["sources"] = n_src
    con.close()
    print(f"  store: load {rows:,} rows in {load_s:.2f}s ({rows / load_s:,.0f} rows/s, 1 thread); "
          f"qualified rate {res['qualified_rate_on_table_s']}s on table, {res['qualified_rate_on_parquet_s']}s on "
          f"Parquet; one source {res['one_source_hive_s']}s hive vs {res['one_source_full_scan_s']}s full scan",
          flush=True)
    return res


def end_to_end(files: list[str], stages: list[str], repeats: int, tmp: str, chunk_mb: int,
               ray: bool, quick: bool) -> dict[str, Any]:
    inputs = [(f, os.path.splitext(os.path.basename(f))[0]) for f in files]
    size = sum(os.path.getsize(f) for f in files)
    chunk = chunk_mb << 20
    out: dict[str, Any] = {"corpus_mb": round(size / 1e6, 1), "chunk_mb": chunk_mb, "stages": stages}

    def pipeline(name: str, ins: list[tuple[str, str]], workers: int) -> str:
        return write_pipeline(os.path.join(tmp, name + ".toml"), ins, stages, os.path.join(tmp, name), workers, chunk)

    def runs(name: str, p: str, workers: int, n: int, executor: str = "local", keep: bool = False,
             nbytes: int = size) -> list[dict[str, Any]]:
        rs = []
        for i in range(n):
            r = gensafe_run(p, workers, executor)
            if workers > 1 and executor == "local":
                # each worker reports its own peak (VmHWM) in its completion markers
                peaks = [m.get("peak_rss_mb") for m in _markers(os.path.join(tmp, name))]
                if peaks and all(x is not None for x in peaks):
                    r["children_rss_mb"] = max(peaks)
            rs.append(r)
            if keep and i == 0:
                out["store"] = store_figures(os.path.join(tmp, name))
            shutil.rmtree(os.path.join(tmp, name), ignore_errors=True)  # every repeat starts from nothing
            print(f"  {name} #{i + 1}: {r['seconds']:.1f}s run, {r['wall_s']:.1f}s CLI, "
                  f"{nbytes / 1e6 / r['seconds']:.2f} MB/s, kept {r['kept']} removed {r['removed']} "
                  f"rejected {r['rejected']}, driver {r['driver_rss_mb']:.0f} MB, "
                  f"workers {r['children_rss_mb']:.0f} MB, cpu {r['cpu_s']:.1f}s, "
                  f"others busy {r.get('others_cores', '?')} cores", flush=True)
        return rs

    def summary(rs: list[dict[str, Any]], workers: int) -> dict[str, Any]:
        t = statistics.median(r["seconds"] for r in rs)
        return {"workers": workers, "repeats": len(rs), "seconds": round(t, 2),
                "runs_s": [round(r["seconds"], 2) for r in rs],
                "cli_wall_s": round(statistics.median(r["wall_s"] for r in rs), 2),
                "mb_s": round(size / 1e6 / t, 2), "mb_s_per_core": round(size / 1e6 / t / workers, 2),
                "docs_s": round(rs[0]["input_records"] / t), "docs_s_per_core": round(rs[0]["input_records"] / t / workers),
                "records": rs[0]["input_records"], "kept": rs[0]["kept"], "removed": rs[0]["removed"],
                "rejected": rs[0]["rejected"], "accounting_ok": all(r.get("accounting_ok", True) for r in rs),
                "driver_rss_mb": round(max(r["driver_rss_mb"] for r in rs)),
                "workers_rss_mb": round(max(r["children_rss_mb"] for r in rs)),
                "cpu_s": round(statistics.median(r["cpu_s"] for r in rs), 2),
                # contention-proof per-core rate: bytes per CPU second of the driver and its workers
                "mb_per_cpu_s": round(size / 1e6 / statistics.median(r["cpu_s"] for r in rs), 2),
                "others_cores": [r.get("others_cores") for r in rs]}

    p1 = pipeline("w1", inputs, 1)
    out["worker_setup"] = setup_cost(p1, repeats)
    if BASELINE:  # the named baseline, alternating with the shipped runs so that both see the same machine
        pb = write_pipeline(os.path.join(tmp, "w1base.toml"), inputs, stages, os.path.join(tmp, "w1base"), 1, chunk,
                            baseline=True)
        one, base = [], []
        for _ in range(max(repeats, 3)):
            one += runs("w1", p1, 1, 1, keep=not one)
            base += runs("w1base", pb, 1, 1)
        out["one_worker_baseline"] = {**summary(base, 1), "baseline": BASELINE.get("_name", "")}
    else:
        one = runs("w1", p1, 1, repeats, keep=True)
    out["one_worker"] = summary(one, 1)
    if BASELINE:
        out["one_worker_vs_baseline"] = round(out["one_worker_baseline"]["seconds"] / out["one_worker"]["seconds"], 3)
    p2 = pipeline("w2", inputs, 2)
    two = runs("w2", p2, 2, repeats)
    out["two_workers"] = summary(two, 2)
    t1, t2 = out["one_worker"]["seconds"], out["two_workers"]["seconds"]
    out["scaling_local"] = {
        "t1_s": t1, "t2_s": t2, "efficiency": round(t1 / (2 * t2), 3),
        # contention-free view: CPU seconds the same work costs on 1 and on 2 workers
        "cpu_1_s": out["one_worker"]["cpu_s"], "cpu_2_s": out["two_workers"]["cpu_s"],
        "cpu_efficiency": round(out["one_worker"]["cpu_s"] / out["two_workers"]["cpu_s"], 3)}
    if ray:
        try:
            pr = pipeline("ray2", inputs, 2)
            rr = runs("ray2", pr, 2, 1 if quick else max(1, repeats - 1), executor="ray")
            s = summary(rr, 2)
            # Ray workers are not children of the driver: their memory and CPU are not seen here
            s.pop("workers_rss_mb")
            s["cpu_s"] = None
            s["mb_per_cpu_s"] = "n/a"
            s["others_cores"] = "n/a (Ray workers count as others)"
            out["ray_two_workers"] = s
            out["scaling_ray"] = {"t1_s": t1, "t2_s": s["seconds"], "efficiency": round(t1 / (2 * s["seconds"]), 3),
                                  "note": "t2 includes starting a local Ray instance and its actors "
                                          "(each builds the pipeline once)"}
            same = (s["kept"], s["removed"]) == (out["one_worker"]["kept"], out["one_worker"]["removed"])
            out["ray_same_counts_as_local"] = same
        except Exception as exc:  # Ray missing or failing: report, do not fake
            out["ray_two_workers"] = {"skipped": f"{type(exc).__name__}: {str(exc)[-500:]}"}
    # memory: worker processes at 1x (the 2-worker runs above) and 4x
    ins4 = [(f, f"{ds}-copy{k}") for k in range(4) for f, ds in inputs]
    p4 = pipeline("x4", ins4, 2)
    four = runs("x4", p4, 2, 1, nbytes=4 * size)
    cpu1 = out["one_worker"]["cpu_s"]
    out["scaling_local"]["cpu_efficiency_4x"] = round(4 * cpu1 / four[0]["cpu_s"], 3)
    # wall clock with the start-up amortised: 4x the corpus on 2 workers against 4 x the 1-worker time
    out["scaling_local"]["efficiency_4x"] = round(4 * t1 / (2 * four[0]["seconds"]), 3)
    out["scaling_local"]["others_cores_4x"] = four[0].get("others_cores")
    out["memory"] = {
        "workers_rss_mb_1x": out["two_workers"]["workers_rss_mb"],
        "workers_rss_mb_4x": round(four[0]["children_rss_mb"]),
        "driver_rss_mb_1x": out["two_workers"]["driver_rss_mb"],
        "driver_rss_mb_4x": round(four[0]["driver_rss_mb"]),
        "single_process_rss_mb_1x": out["one_worker"]["driver_rss_mb"],
        "run_4x_s": round(four[0]["seconds"], 1),
        "cpu_4x_s": round(four[0]["cpu_s"], 1),
        "run_4x_mb_s": round(4 * size / 1e6 / four[0]["seconds"], 2),
        "records_4x": four[0]["input_records"],
        "method": "peak resident memory (VmHWM) of a fresh driver process and, from their completion markers, "
                  "of each worker (the largest is shown); not ru_maxrss, which a process inherits from a large "
                  "parent (this benchmark); the driver plans, validates and loads DuckDB",
    }
    return out


# ------------------------------------------------------------------ report

def render(res: dict[str, Any]) -> str:
    L = ["# End-to-end benchmark", "",
         f"`python benchmarks/bench_e2e.py` on {res['machine']}, {res['date']}. "
         f"Corpus: {res['corpus']}. Stages run: {', '.join(res['stages_run'])}."]
    if res["stages_skipped"]:
        L.append("")
        L.append("**Skipped stages** (could not be loaded here): " +
                 "; ".join(f"`{k}` — {v}" for k, v in res["stages_skipped"].items()))
    ps = res["per_stage"]
    L += ["", f"## Per stage (single core, {ps['slice_mb']} MB zh+en slice, {ps['slice_docs']:,} docs, "
              f"median of {ps['repeats']})", "", "| stage | MB/s per core | docs/s per core | note |", "|---|---:|---:|---|"]
    for k, v in ps["stages"].items():
        L.append(f"| {k} | {v['mb_s']} | {v['docs_s']:,} | {v.get('note', '')} |")
    L.append(f"| **sum of stages + write** | **{ps['sum_of_stages_mb_s']}** | | harmonic sum of the timed stages |")
    e = res.get("e2e")
    if e:
        L += ["", f"## End to end (`gensafe run`, whole corpus {e['corpus_mb']} MB, tasks of {e['chunk_mb']} MB)", "",
              "| run | seconds (median) | MB/s | MB/s per core | MB per CPU-second | docs/s per core | kept | removed | runs |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for key, label in (("one_worker", "local, 1 worker"),
                           ("one_worker_baseline", f"baseline: {e.get('one_worker_baseline', {}).get('baseline', '')}, "
                                                   "1 worker"),
                           ("two_workers", "local, 2 workers"),
                           ("ray_two_workers", "Ray Data, 2 workers")):
            v = e.get(key)
            if not v:
                continue
            if "skipped" in v:
                L.append(f"| {label} | skipped: {v['skipped']} | | | | | | | |")
                continue
            L.append(f"| {label} | {v['seconds']} | {v['mb_s']} | {v['mb_s_per_core']} | {v['mb_per_cpu_s']} "
                     f"| {v['docs_s_per_core']:,} "
                     f"| {v['kept']:,} | {v['removed']:,} | {v['runs_s']} |")
        if "one_worker_vs_baseline" in e:
            L += ["", f"1 worker, shipped against the baseline (runs alternating, medians): "
                      f"{e['one_worker_vs_baseline']:.2f}× the baseline's speed."]
        L.append("")
        L.append("Cores busy with other people's work during each run (from /proc/stat, minus this run's own CPU): "
                 + "; ".join(f"{lbl} {e[k]['others_cores']}" for k, lbl in (("one_worker", "1 worker"),
                             ("two_workers", "2 workers")) if k in e and "others_cores" in e[k]) + ".")
        L += ["", "| scaling 1 → 2 workers | efficiency t1 / (2·t2) |", "|---|---:|",
              f"| local | {e['scaling_local']['efficiency']:.0%} |",
              f"| local, CPU-time based (cpu_1 / cpu_2: what the second worker costs, contention aside) "
              f"| {e['scaling_local']['cpu_efficiency']:.0%} |"]
        if "scaling_ray" in e:
            L.append(f"| Ray Data (cold start included) | {e['scaling_ray']['efficiency']:.0%} |")
        if "efficiency_4x" in e["scaling_local"]:
            L.append(f"| local, 4× corpus on 2 workers vs 4 × the 1-worker time (start-up amortised) "
                     f"| {e['scaling_local']['efficiency_4x']:.0%} |")
        if "cpu_efficiency_4x" in e["scaling_local"]:
            L.append(f"| local, CPU time, 4× corpus on 2 workers vs 4 × the 1-worker run (start-up and per-run "
                     f"costs amortised, hence > 100 % possible) | {e['scaling_local']['cpu_efficiency_4x']:.0%} |")
        if "ray_same_counts_as_local" in e:
            L += ["", "Ray Data run kept and removed the same numbers of documents as the local runs: "
                  + ("yes." if e["ray_same_counts_as_local"] else "**no**.")]
        ws = e.get("worker_setup") or {}
        if "setup_s" in ws:
            L += ["", f"Every worker pays once, before its first task: {ws['setup_s']} s to build the stages, their "
                      f"imports included ({ws['cpu_s']} CPU-s for the whole process, {ws['rss_mb']:.0f} MB), "
                      "median of fresh processes."]
        m = e["memory"]
        L += ["", "| peak RSS | 1× corpus | 4× corpus |", "|---|---:|---:|",
              f"| per worker (2 workers) | {m['workers_rss_mb_1x']} MB | {m['workers_rss_mb_4x']} MB |",
              f"| driver (plans, loads DuckDB) | {m['driver_rss_mb_1x']} MB | {m['driver_rss_mb_4x']} MB |",
              "", f"1-worker run in one process: {m['single_process_rss_mb_1x']} MB peak. "
              f"4× run: {m['records_4x']:,} records in {m['run_4x_s']} s ({m['run_4x_mb_s']} MB/s on 2 workers). "
              f"Method: {m['method']}."]
    st = (e or {}).get("store")
    if st:
        L += ["", f"## Audit store (DuckDB, 1 thread, the 1-worker run's {st['provenance_files']} provenance files, "
                  f"{st['provenance_mb']} MB)", "", "| step | value |", "|---|---:|",
              f"| load into `documents` | {st['rows']:,} rows in {st['load_s']} s = {st['load_rows_s']:,} rows/s |",
              f"| per-source qualified rate on the table | {st['qualified_rate_on_table_s']} s |",
              f"| the same straight on the Parquet files (no load) | {st['qualified_rate_on_parquet_s']} s |",
              f"| rewrite into hive partitions by source | {st['repartition_s']} s |",
              f"| one source: hive partition vs full scan | {st['one_source_hive_s']} s vs {st['one_source_full_scan_s']} s |"]
    if st and "shards_mb" in st:
        L += ["", f"Output of the 1-worker run: {st['shards_mb']} MB of kept/removed Parquet shards and "
                  f"{st['provenance_mb']} MB of per-shard provenance Parquet for {e['corpus_mb']} MB of JSONL input."]
    L += ["", f"Total benchmark time {res['total_s']:.0f} s. " + res["notes"]]
    return "\n".join(L) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--slice-mb", type=float, default=20.0)
    ap.add_argument("--chunk-mb", type=int, default=8, help="task size of the end-to-end runs")
    ap.add_argument("--no-ray", action="store_true")
    ap.add_argument("--skip-e2e", action="store_true", help="per-stage figures only")
    ap.add_argument("--quick", action="store_true", help="1 repeat everywhere (a smoke run)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "e2e"))
    ap.add_argument("--baseline", default="99f0629", metavar="REV",
                    help="git revision whose shipped model (every code scored) is run as the 1-worker baseline, "
                         "alternating with the shipped runs; 'none' to skip (default: 99f0629, model 2.0.0)")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.corpus, "*.jsonl")))
    if not files:
        sys.exit(f"no corpus at {args.corpus}")
    repeats = 1 if args.quick else args.repeats
    import pyarrow as pa

    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    sys.path.insert(0, ROOT)
    t0 = time.perf_counter()
    stages, skipped = available_stages(CONTENT_STAGES + PROVENANCE_STAGES)
    print(f"stages: {stages}; skipped: {list(skipped)}", flush=True)
    res: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared), Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "corpus": f"{len(files)} files, {sum(os.path.getsize(f) for f in files) / 1e6:.1f} MB",
        "stages_run": stages, "stages_skipped": skipped,
    }
    with tempfile.TemporaryDirectory(prefix="gensafe-bench-") as tmp:
        if args.baseline != "none" and "classifier" in stages and not args.skip_e2e:
            BASELINE["classifier"] = {"model": baseline_model(args.baseline, tmp), "code_scores": "all"}
            BASELINE["_name"] = f"model at {args.baseline}, every code scored"
        print("per stage:", flush=True)
        res["per_stage"] = per_stage(files, stages, args.slice_mb, repeats, tmp)
        if not args.skip_e2e:
            print("end to end:", flush=True)
            res["e2e"] = end_to_end(files, stages, repeats, tmp, args.chunk_mb, not args.no_ray, args.quick)
    res["total_s"] = round(time.perf_counter() - t0, 1)
    res["notes"] = ("The machine has 2 cores shared with other work, so 2-worker figures are a floor. "
                    "MB are 10^6 bytes of JSONL input. Per-stage figures exclude reading; end-to-end figures "
                    "include reading, every stage, decision, writing Parquet, per-shard provenance and the DuckDB load.")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".json", "w") as fh:
        json.dump(res, fh, indent=1, ensure_ascii=False)
    md = render(res)
    with open(args.out + ".md", "w") as fh:
        fh.write(md)
    print(md)


if __name__ == "__main__":
    main()
