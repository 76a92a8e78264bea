"""Ad-signals stage: throughput (MB/s per core) next to a naive baseline, and
its flag rate on all of the benign corpus.

* ``ad_signals stage``: ``AdSignalsStage.process`` on record batches of 2048
  documents: pass 1 (Arrow lower-case + byte automaton of the trade terms over
  the batch) and pass 2 (fold, full automaton, regexes, window logic) on the
  candidates only.  One process = one core; MB/s per core = UTF-8 bytes / CPU
  seconds of the process (wall-clock figures beside it).
* ``naive baseline``: pass 2 on every whole document (fold, full automaton,
  regexes, window logic: ``AdDetector._region`` per text) - what the stage
  would cost without its prefilter and its regions; same verdicts.
* ``flag rate``: the stage over every record of every corpus file: how many
  ordinary documents it flags (target: well under 0.1 %), per source, with the
  ids and evidence kinds of each flagged document (never its text).

    python benchmarks/bench_adsignals.py [--corpus ../shared/corpus] [--mb 20] [--repeats 3]
"""
from __future__ import annotations

import argparse
import collections
import gc
import glob
import json
import os
import platform
import statistics
import sys
import time

import pyarrow as pa

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from gensafe.adsignals.detect import AdDetector  # noqa: E402
from gensafe.adsignals.stage import AdSignalsStage  # noqa: E402
from machine import busy_cpu_seconds, others_cores  # noqa: E402

DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus")
BATCH = 2048


def read(path: str, mb: float | None = None) -> list[dict]:
    out, used = [], 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append(rec)
            used += len(rec["text"].encode("utf-8"))
            if mb is not None and used >= mb * 1e6:
                break
    return out


def to_batches(recs: list[dict]) -> list[pa.RecordBatch]:
    return [pa.RecordBatch.from_pydict({"doc_id": [r["id"] for r in recs[i:i + BATCH]],
                                        "text": [r["text"] for r in recs[i:i + BATCH]]})
            for i in range(0, len(recs), BATCH)]


def measure(fn, nbytes: int, repeats: int) -> dict:
    cpu, wall, others = [], [], []
    for _ in range(repeats):
        b0, w0, c0 = busy_cpu_seconds(), time.perf_counter(), time.process_time()
        fn()
        c1, w1, b1 = time.process_time(), time.perf_counter(), busy_cpu_seconds()
        cpu.append(c1 - c0)
        wall.append(w1 - w0)
        others.append(others_cores(b0, b1, c1 - c0, w1 - w0))
    c, w = statistics.median(cpu), statistics.median(wall)
    return {"mb": round(nbytes / 1e6, 2), "cpu_s": round(c, 3), "wall_s": round(w, 3),
            "mb_s_per_core": round(nbytes / 1e6 / c, 1), "mb_s_wall": round(nbytes / 1e6 / w, 1),
            "others_cores": others[len(others) // 2], "repeats": repeats}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--mb", type=float, default=20.0, help="MB of text per language for the throughput runs")
    ap.add_argument("--baseline-mb", type=float, default=2.0, help="MB per language for the slow naive baseline")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    args = ap.parse_args()

    if not glob.glob(os.path.join(args.corpus, "*.jsonl")):
        raise SystemExit(f"no corpus files in {args.corpus} (give --corpus)")
    stage = AdSignalsStage()
    stage.setup()
    det = AdDetector()
    res: dict = {"python": platform.python_version(), "date": time.strftime("%Y-%m-%d %H:%M:%S"),
                 "load_at_start": os.getloadavg()[0], "throughput": {}, "baseline": {}}
    for lang in ("zh", "en"):
        recs = []
        for p in sorted(glob.glob(os.path.join(args.corpus, f"{lang}_*.jsonl"))):
            recs += read(p, args.mb - sum(len(r["text"].encode()) for r in recs) / 1e6)
            if sum(len(r["text"].encode()) for r in recs) >= args.mb * 1e6:
                break
        bts = to_batches(recs)
        nbytes = sum(len(r["text"].encode("utf-8")) for r in recs)
        gc.freeze()
        res["throughput"][lang] = measure(lambda: [stage.process(b) for b in bts], nbytes, args.repeats)
        small, used = [], 0
        for r in recs:
            small.append(r["text"])
            used += len(r["text"].encode("utf-8"))
            if used >= args.baseline_mb * 1e6:
                break
        res["baseline"][lang] = measure(lambda: [det._region(t, 0) for t in small], used, 1)
        print(lang, res["throughput"][lang], "naive", res["baseline"][lang], flush=True)

    # flag rate over every record of the corpus
    flagged, by_source, n_by_source, total, nbytes = [], collections.Counter(), collections.Counter(), 0, 0
    st = AdSignalsStage()
    c0 = time.process_time()
    cpu = 0.0
    for p in sorted(glob.glob(os.path.join(args.corpus, "*.jsonl"))):
        recs = read(p)
        for r in recs:
            n_by_source[r.get("source", "")] += 1
        for i in range(0, len(recs), BATCH):
            chunk = recs[i:i + BATCH]
            b = pa.RecordBatch.from_pydict({"text": [r["text"] for r in chunk]})
            t0 = time.process_time()
            out = st.process(b)
            cpu += time.process_time() - t0
            nbytes += sum(len(r["text"].encode("utf-8")) for r in chunk)
            for k, (risks, cats, ev) in enumerate(zip(out.column("ad_risks").to_pylist(),
                                                     out.column("ad_categories").to_pylist(),
                                                     out.column("ad_evidence").to_pylist())):
                if risks:
                    r = chunk[k]
                    by_source[r.get("source", "")] += 1
                    flagged.append({"id": r["id"], "source": r.get("source", ""), "risks": risks, "categories": cats,
                                    "evidence_kinds": sorted({e["kind"] for e in ev})})
        total += len(recs)
    res["corpus"] = {"documents": total, "mb": round(nbytes / 1e6, 1), "flagged": len(flagged),
                     "flag_rate": round(len(flagged) / max(total, 1), 6), "stage_cpu_s": round(cpu, 2),
                     "stage_mb_s_per_core": round(nbytes / 1e6 / cpu, 1) if cpu else None,
                     "total_cpu_s_incl_json": round(time.process_time() - c0, 1),
                     "by_source": {s: {"flagged": by_source[s], "documents": n_by_source[s]} for s in sorted(n_by_source)},
                     "stage_stats": st.stats(), "flagged_documents": flagged}
    print("corpus", {k: v for k, v in res["corpus"].items() if k not in ("by_source", "flagged_documents")})

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "adsignals.json"), "w", encoding="utf-8") as fh:
        json.dump(res, fh, ensure_ascii=False, indent=1)
    L = ["# Ad-signals stage benchmark", "",
         f"`python benchmarks/bench_adsignals.py` - {res['date']}, Python {res['python']}, load average at start "
         f"{res['load_at_start']:.1f} on a shared 2-core machine; single process, MB/s per core = UTF-8 bytes / CPU "
         f"seconds, medians of {args.repeats} runs, batches of {BATCH} documents.", "",
         "| lang | slice MB | stage MB/s per core | stage MB/s wall | others' cores | naive baseline MB/s per core | speed-up |",
         "|---|---:|---:|---:|---:|---:|---:|"]
    for lang in ("zh", "en"):
        t, b = res["throughput"][lang], res["baseline"][lang]
        L.append(f"| {lang} | {t['mb']} | {t['mb_s_per_core']} | {t['mb_s_wall']} | {t['others_cores']} | "
                 f"{b['mb_s_per_core']} | {t['mb_s_per_core'] / b['mb_s_per_core']:.0f}x |")
    c = res["corpus"]
    L += ["", f"Flag rate on all of the corpus: **{c['flagged']} of {c['documents']} documents "
          f"({100 * c['flag_rate']:.4f} %)**, {c['mb']} MB, stage {c['stage_mb_s_per_core']} MB/s per core.", "",
          "| source | documents | flagged |", "|---|---:|---:|"]
    for s, v in c["by_source"].items():
        L.append(f"| {s} | {v['documents']} | {v['flagged']} |")
    L += ["", "Flagged documents (ids, trades and evidence kinds; the texts stay in the corpus):", ""]
    L += [f"- `{f['id']}` ({f['source']}): {', '.join(f['categories'])} - {', '.join(f['evidence_kinds'])}"
          for f in c["flagged_documents"]] or ["- none"]
    with open(os.path.join(args.out, "adsignals.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
