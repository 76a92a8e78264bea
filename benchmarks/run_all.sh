#!/usr/bin/env bash
# Run every gensafe benchmark, one after the other (the machine has few cores:
# never two heavy things at once), then collect the results that are present
# into benchmarks/results/summary.md.
#
#   bash benchmarks/run_all.sh                    # everything
#   ONLY="e2e peers" bash benchmarks/run_all.sh   # a subset (names of bench_<name>.py)
#   SUMMARY_ONLY=1 bash benchmarks/run_all.sh     # just rebuild summary.md from results/*.json
#   CORPUS=/path/to/corpus bash benchmarks/run_all.sh
#
# Each benchmark writes benchmarks/results/<name>.json and <name>.md itself; a
# benchmark that fails is reported in the summary and does not stop the rest.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PY="${PYTHON:-python}"
CORPUS="${CORPUS:-$ROOT/../shared/corpus}"
RESULTS="$HERE/results"
STATUS="$(mktemp "${TMPDIR:-/tmp}/gensafe-run_all.XXXXXX")"   # this invocation's outcomes, for the summary
trap 'rm -f "$STATUS"' EXIT
mkdir -p "$RESULTS"
cd "$ROOT"

if [ -z "${SUMMARY_ONLY:-}" ]; then
  # the component benchmarks of the other modules first, then the end-to-end and peer runs
  names=()
  for f in "$HERE"/bench_*.py; do
    n="$(basename "$f" .py)"; n="${n#bench_}"
    case "$n" in e2e|peers) ;; *) names+=("$n") ;; esac
  done
  names+=(e2e peers)
  if [ -n "${ONLY:-}" ]; then names=($ONLY); fi
    for n in "${names[@]}"; do
    script="$HERE/bench_$n.py"
    [ -f "$script" ] || { echo "no $script"; echo "$n missing" >> "$STATUS"; continue; }
    args=()
    case "$n" in
      peers)
        [ -x "$HERE/peer_env/.venv/bin/python" ] || bash "$HERE/peer_env/setup.sh" || true
        args=(--corpus "$CORPUS") ;;
      e2e|plumbing) args=(--corpus "$CORPUS") ;;
    esac
    echo "=== bench_$n ==="
    start=$(date +%s)
    if "$PY" "$script" "${args[@]}"; then st=ok; else st="failed (exit $?)"; fi
    echo "$n $st $(( $(date +%s) - start ))s" | tee -a "$STATUS"
  done
fi

"$PY" - "$RESULTS" "$STATUS" <<'EOF'
"""Collect benchmarks/results/*.json into summary.md: one row per headline figure."""
import glob
import json
import os
import sys
import time

results = sys.argv[1]
rows = []  # (benchmark, measure, value, compared with)


def add(bench, measure, value, against=""):
    if value is not None and value != "":
        rows.append((bench, measure, value, against))


def get(d, *path):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


def load(name):
    p = os.path.join(results, name + ".json")
    if not os.path.exists(p):
        return None
    with open(p, encoding="utf-8") as fh:
        return json.load(fh)


def generic(name, d, limit=8):
    """Headline numbers of a result file this script has no recipe for: ratios first, then rates."""
    rank = (("ratio", "speedup", "vs_", "efficiency"), ("mb_s", "mb_per_s", "mb/s"),
            ("docs_s", "docs_per_s"), ("f1", "precision", "recall", "auc", "rss"))
    found = []

    def walk(x, path):
        if len(path) > 4:
            return
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, path + [str(k)])
        elif isinstance(x, (int, float)) and not isinstance(x, bool) and path:
            leaf = path[-1].lower()
            if leaf.endswith("_best"):
                return
            for i, keys in enumerate(rank):
                if any(k in leaf for k in keys):
                    found.append((i, len(found), " / ".join(path), x))
                    break

    walk(d, [])
    for _, _, k, v in sorted(found)[:limit]:
        add(name, k, v)


e2e = load("e2e")
if e2e:
    ps = e2e.get("per_stage", {})
    for k, v in ps.get("stages", {}).items():
        add("e2e", f"stage: {k} (MB/s/core)", v["mb_s"], f"{ps.get('slice_mb')} MB slice")
    e = e2e.get("e2e", {})
    one = e.get("one_worker", {})
    add("e2e", "end to end, 1 worker (MB/s/core)", one.get("mb_s_per_core"),
        "aim ≥ 5; stages: " + ", ".join(e2e.get("stages_run", [])))
    add("e2e", "end to end, 1 worker (docs/s/core)", one.get("docs_s_per_core"))
    add("e2e", "end to end, 1 worker (MB per CPU-second)", one.get("mb_per_cpu_s"), "contention-proof per-core rate")
    add("e2e", "scaling 1→2 workers, local", get(e, "scaling_local", "efficiency"), "aim ≥ 0.9 (wall clock)")
    add("e2e", "scaling 1→2 workers, local, CPU-time based", get(e, "scaling_local", "cpu_efficiency"), "contention-free view")
    add("e2e", "scaling 1→2 workers, Ray", get(e, "scaling_ray", "efficiency"))
    m = e.get("memory", {})
    if m:
        add("e2e", "peak RSS per worker 1× / 4× (MB)", f"{m.get('workers_rss_mb_1x')} / {m.get('workers_rss_mb_4x')}", "flat memory")
        add("e2e", "peak RSS driver 1× / 4× (MB)", f"{m.get('driver_rss_mb_1x')} / {m.get('driver_rss_mb_4x')}")
    if e2e.get("stages_skipped"):
        add("e2e", "stages skipped", ", ".join(e2e["stages_skipped"]))

peers = load("peers")
if peers:
    for k, v in peers.get("rows", {}).items():
        if "mb_s" in v:
            add("peers", f"{k} ({v['scope']}, MB/s)", v["mb_s"], f"{v.get('mb')} MB zh+en slice")
        else:
            add("peers", k, "skipped", v.get("skipped", "")[:120])
    for k, v in (peers.get("ratios") or {}).items():
        add("peers", k.replace("_", " "), v)

plumbing = load("plumbing")
if plumbing:
    for k in ("gensafe_plumbing_mb_s_per_core", "gensafe_plumbing_mb_per_cpu_s", "baseline_pyarrow_json_to_parquet_mb_s",
              "baseline_pyarrow_json_to_parquet_mb_per_cpu_s", "ratio_gensafe_vs_baseline",
              "ratio_gensafe_vs_baseline_cpu_time", "scaling_efficiency_1_to_2", "peak_rss_mb_1x", "peak_rss_mb_4x",
              "others_cores_median"):
        add("plumbing", k.replace("_", " "), plumbing.get(k))

for p in sorted(glob.glob(os.path.join(results, "*.json"))):
    name = os.path.splitext(os.path.basename(p))[0]
    if name in ("e2e", "peers", "plumbing"):
        continue
    try:
        generic(name, load(name))
    except Exception as exc:  # a malformed file is reported, not fatal
        add(name, "unreadable", str(exc)[:100])

status = ""
sp = sys.argv[2] if len(sys.argv) > 2 else ""
if sp and os.path.exists(sp):
    with open(sp) as fh:
        status = fh.read().strip()

lines = ["# Benchmark summary", "",
         f"Collected by `bash benchmarks/run_all.sh` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} from "
         "`benchmarks/results/*.json`; the per-benchmark `.md` files hold the full tables, methods and repeats. "
         "Machine: 2 shared cores, so multi-worker figures are floors.", "",
         "| benchmark | measure | value | context |", "|---|---|---:|---|"]
lines += [f"| [{b}]({b}.md) | {m} | {v} | {a} |" for b, m, v, a in rows]
if status:
    lines += ["", "Last run: " + "; ".join(status.splitlines())]
with open(os.path.join(results, "summary.md"), "w", encoding="utf-8") as fh:
    fh.write("\n".join(lines) + "\n")
print("\n".join(lines))
EOF
