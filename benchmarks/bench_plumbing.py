"""Plumbing alone: read → no-op stage → decide → write Parquet → DuckDB.

Baseline in the same run: a plain ``pyarrow.json`` read of the same files and
a zstd Parquet write, the floor any JSONL-to-Parquet tool pays.  Also peak
RSS of one worker over 1× and 4× the corpus, to show memory does not grow
with corpus size.

    python benchmarks/bench_plumbing.py [--corpus ../shared/corpus] [--repeats 3]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from machine import busy_cpu_seconds, others_cores

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus")


def _pipeline(files: list[str], out: str, workers: int = 1) -> str:
    ins = "\n".join(f'[[inputs]]\npath = "{f}"\n' for f in files)
    text = f'''[pipeline]
name = "bench-plumbing"
{ins}
[output]
dir = "{out}"
[execution]
workers = {workers}
chunk_bytes = 33554432
[[stages]]
type = "noop"
'''
    p = os.path.join(out + ".toml")
    with open(p, "w") as fh:
        fh.write(text)
    return p


def gensafe_run(files: list[str], workers: int = 1) -> dict:
    """Run in a fresh process so peak RSS is this run's alone."""
    with tempfile.TemporaryDirectory() as tmp:
        p = _pipeline(files, os.path.join(tmp, "out"), workers)
        code = (
            "import json, resource, time, sys\n"
            "import pyarrow as pa\n"
            # pyarrow imports pandas on its first pa.array() (~0.2 s): an import, like gensafe's own
            "pa.array([0])\n"
            "from gensafe.config import load_pipeline\n"
            "from gensafe.executor import peak_rss_mb, run_pipeline\n"
            f"cfg = load_pipeline({p!r})\n"
            "def cpu():\n"
            "    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime\n"
            "c = cpu(); t = time.perf_counter(); r = run_pipeline(cfg, progress=False)\n"
            "dt = time.perf_counter() - t; dc = cpu() - c\n"
            "print(json.dumps({'seconds': dt, 'cpu_s': dc, 'records': r.input_records, 'bytes': r.input_bytes,"
            # VmHWM: ru_maxrss would include this benchmark's own peak, inherited at spawn
            " 'rss_mb': peak_rss_mb()}))\n"
        )
        busy0, t = busy_cpu_seconds(), time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        res["others_cores"] = others_cores(busy0, busy_cpu_seconds(), res["cpu_s"], time.perf_counter() - t)
        return res


def baseline_pyarrow(files: list[str]) -> dict:
    import pyarrow as pa
    import pyarrow.json as pj
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as tmp:
        busy0 = busy_cpu_seconds()
        c = time.process_time()
        t = time.perf_counter()
        n = 0
        size = 0
        for i, f in enumerate(files):
            table = pj.read_json(f, read_options=pj.ReadOptions(use_threads=False, block_size=1 << 24))
            pq.write_table(table, os.path.join(tmp, f"{i}.parquet"), compression="zstd")
            n += table.num_rows
            size += os.path.getsize(f)
        dt, dc = time.perf_counter() - t, time.process_time() - c
        return {"seconds": dt, "cpu_s": dc, "records": n, "bytes": size,
                "others_cores": others_cores(busy0, busy_cpu_seconds(), dc, dt)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "results", "plumbing"))
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.corpus, "*.jsonl")))
    if not files:
        sys.exit(f"no corpus at {args.corpus}")
    import pyarrow as pa

    pa.set_cpu_count(1)
    os.environ["OMP_NUM_THREADS"] = "1"
    load0 = os.getloadavg()
    # alternate the two so that a burst of other work hits both alike
    runs, base = [], []
    for _ in range(args.repeats):
        runs.append(gensafe_run(files))
        base.append(baseline_pyarrow(files))
    size_mb = runs[0]["bytes"] / 1e6
    med = lambda rs, k: statistics.median(r[k] for r in rs)  # noqa: E731
    g_s, g_c = med(runs, "seconds"), med(runs, "cpu_s")
    b_s, b_c = med(base, "seconds"), med(base, "cpu_s")
    two = [gensafe_run(files, workers=2) for _ in range(max(1, args.repeats - 1))]
    t2 = med(two, "seconds")
    one, four = gensafe_run(files), gensafe_run(files * 4)
    rss1, rss4 = one["rss_mb"], four["rss_mb"]
    # what one more byte costs once the fixed costs (DuckDB connect, planning start) are paid
    marginal = 3 * size_mb / max(four["cpu_s"] - one["cpu_s"], 1e-9)
    load1 = os.getloadavg()
    others = [r["others_cores"] for r in runs + base if r.get("others_cores") is not None]
    res = {
        "corpus_mb": round(size_mb, 1), "records": runs[0]["records"], "repeats": args.repeats,
        "gensafe_plumbing_mb_s_per_core": round(size_mb / g_s, 1),
        "gensafe_plumbing_mb_per_cpu_s": round(size_mb / g_c, 1),
        "gensafe_plumbing_docs_s_per_core": round(runs[0]["records"] / g_s),
        "gensafe_plumbing_marginal_mb_per_cpu_s_1x_to_4x": round(marginal, 1),
        "baseline_pyarrow_json_to_parquet_mb_s": round(size_mb / b_s, 1),
        "baseline_pyarrow_json_to_parquet_mb_per_cpu_s": round(size_mb / b_c, 1),
        "ratio_gensafe_vs_baseline": round(b_s / g_s, 2),
        "ratio_gensafe_vs_baseline_cpu_time": round(b_c / g_c, 2),
        "two_workers_mb_s": round(size_mb / t2, 1),
        "scaling_efficiency_1_to_2": round(g_s / t2 / 2, 2),
        "peak_rss_mb_1x": round(rss1), "peak_rss_mb_4x": round(rss4),
        "gensafe_wall_s_each": [round(r["seconds"], 2) for r in runs],
        "baseline_wall_s_each": [round(r["seconds"], 2) for r in base],
        "others_cores_median": round(statistics.median(others), 2) if others else None,
        "loadavg_1min_start_end": [round(load0[0], 2), round(load1[0], 2)],
        "cores": os.cpu_count(),
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "note": ("single process, pyarrow threads = 1; medians of repeats, gensafe and baseline runs alternated; "
                 "MB/s from wall clock, MB per CPU-second from getrusage (this process and its children, DuckDB's "
                 "threads included); marginal: 3x corpus / (CPU of the 4x run - CPU of the 1x run); "
                 "gensafe times cover run_pipeline (planning, reading, writing, provenance, "
                 "DuckDB load, manifest) but not the interpreter start and imports; 2-worker figure includes process spawn; "
                 "others_cores: cores other processes kept busy during the runs (/proc/stat)"),
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".json", "w") as fh:
        json.dump(res, fh, indent=1)
    md = ["| measure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in res.items()]
    with open(args.out + ".md", "w") as fh:
        fh.write("# Plumbing benchmark\n\n" + "\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
