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
            "from gensafe.config import load_pipeline\n"
            "from gensafe.executor import run_pipeline\n"
            f"cfg = load_pipeline({p!r})\n"
            "t = time.perf_counter(); r = run_pipeline(cfg, progress=False); dt = time.perf_counter() - t\n"
            "print(json.dumps({'seconds': dt, 'records': r.input_records, 'bytes': r.input_bytes,"
            " 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
            " 'children_rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
        )
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])


def baseline_pyarrow(files: list[str]) -> dict:
    import pyarrow as pa
    import pyarrow.json as pj
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        n = 0
        size = 0
        for i, f in enumerate(files):
            table = pj.read_json(f, read_options=pj.ReadOptions(use_threads=False, block_size=1 << 24))
            pq.write_table(table, os.path.join(tmp, f"{i}.parquet"), compression="zstd")
            n += table.num_rows
            size += os.path.getsize(f)
        return {"seconds": time.perf_counter() - t, "records": n, "bytes": size}


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
    runs = [gensafe_run(files) for _ in range(args.repeats)]
    base = [baseline_pyarrow(files) for _ in range(args.repeats)]
    size_mb = runs[0]["bytes"] / 1e6
    g_s = statistics.median(r["seconds"] for r in runs)
    b_s = statistics.median(r["seconds"] for r in base)
    two = [gensafe_run(files, workers=2) for _ in range(max(1, args.repeats - 1))]
    t2 = statistics.median(r["seconds"] for r in two)
    rss1 = gensafe_run(files)["rss_mb"]
    rss4 = gensafe_run(files * 4)["rss_mb"]
    res = {
        "corpus_mb": round(size_mb, 1), "records": runs[0]["records"], "repeats": args.repeats,
        "gensafe_plumbing_mb_s_per_core": round(size_mb / g_s, 1),
        "gensafe_plumbing_docs_s_per_core": round(runs[0]["records"] / g_s),
        "baseline_pyarrow_json_to_parquet_mb_s": round(size_mb / b_s, 1),
        "ratio_gensafe_vs_baseline": round(b_s / g_s, 2),
        "two_workers_mb_s": round(size_mb / t2, 1),
        "scaling_efficiency_1_to_2": round(g_s / t2 / 2, 2),
        "peak_rss_mb_1x": round(rss1), "peak_rss_mb_4x": round(rss4),
        "note": "single process, pyarrow threads = 1; medians of repeats; 2-worker figure includes process spawn",
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
