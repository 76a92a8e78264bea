#!/usr/bin/env python
"""What the classifier cascade costs, and what scoring the code heads only where needed buys back.

One core, the classifier stage alone (``ClassifierStage.process`` on batches of
2048) over a zh+en slice of ../shared/corpus, median of --repeats, four ways:

  baseline   every head on every document, no encoder (the stage as model 2.0 ran it)
  +cascade   every head on every document, encoder on the uncertain band
  any-first  the any-unsafe head first, code heads only where it flags or gates, no encoder
  shipped    any-first + cascade (``code_scores = "flagged"``, the default)

Also: the share of documents in the band, the encoder's own load time (paid
once per worker, on its first band document) and the model's load time.
Verdicts (``clf_risks``, ``clf_weak_risks``) must be identical between
baseline-with-cascade and shipped; the benchmark checks it.

    python benchmarks/bench_cascade.py [--mb 10] [--repeats 3]
Writes benchmarks/results/cascade.{json,md}.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pyarrow as pa  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_classifier import corpus_slice  # noqa: E402
from gensafe.classifier.encoder import embed  # noqa: E402
from gensafe.classifier.model import default_model_dir, load_model  # noqa: E402
from gensafe.classifier.stage import ClassifierStage  # noqa: E402

BATCH = 2048


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "cascade"))
    args = ap.parse_args()
    texts = corpus_slice(args.mb)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    batches = [pa.RecordBatch.from_pydict({"doc_id": [str(i) for i in range(j, j + len(texts[j:j + BATCH]))],
                                           "text": texts[j:j + BATCH]}) for j in range(0, len(texts), BATCH)]
    t = time.perf_counter()
    model = load_model(default_model_dir())
    load_s = time.perf_counter() - t
    head = model.cascade
    t = time.perf_counter()
    embed(["warm-up"], 512)
    enc_load_s = time.perf_counter() - t

    def stage(code_scores: str, cascade: bool) -> ClassifierStage:
        st = ClassifierStage(code_scores=code_scores)
        st.use_classifier(model)
        return st

    variants = {"baseline": ("all", False), "+cascade": ("all", True), "any-first": ("flagged", False),
                "shipped": ("flagged", True)}
    res: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores (shared), Python {platform.python_version()}",
                 "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "slice_mb": round(mb, 2),
                 "docs": len(texts), "model": f"{model.name} {model.version}", "model_load_s": round(load_s, 3),
                 "encoder_load_s": round(enc_load_s, 3), "variants": {}}
    outputs = {}
    for rep in range(args.repeats):
        for name, (mode, cas) in variants.items():
            st = stage(mode, cas)
            model.cascade = head if cas else None
            if head is not None:
                head.encoded = 0
            t = time.perf_counter()
            got = [st.process(b) for b in batches]
            dt = time.perf_counter() - t
            v = res["variants"].setdefault(name, {"runs": []})
            v["runs"].append(round(dt, 3))
            v["band_docs"] = head.encoded if (cas and head is not None) else 0
            if rep == 0:
                outputs[name] = [(b.column("clf_risks").to_pylist(), b.column("clf_weak_risks").to_pylist()) for b in got]
    model.cascade = head
    for name, v in res["variants"].items():
        med = statistics.median(v["runs"])
        v.update({"seconds": med, "mb_s": round(mb / med, 2), "docs_s": round(len(texts) / med)})
    base = res["variants"]["baseline"]["seconds"]
    for v in res["variants"].values():
        v["vs_baseline"] = round(base / v["seconds"], 2)
    res["band_share"] = round(res["variants"]["shipped"]["band_docs"] / len(texts), 4)
    res["shipped_verdicts_equal_all_codes_with_cascade"] = outputs["shipped"] == outputs["+cascade"]
    res["anyfirst_verdicts_equal_baseline"] = outputs["any-first"] == outputs["baseline"]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(res, indent=1) + "\n")
    L = ["# Classifier cascade: cost and pay-back", "",
         f"`python benchmarks/bench_cascade.py` on {res['machine']}, {res['date']}. Slice: {mb:.2f} MB, {len(texts):,} "
         f"documents of ../shared/corpus (zh+en). Model {res['model']}. One core, the classifier stage alone, median of "
         f"{args.repeats}.", "",
         "| variant | seconds | MB/s per core | docs/s | × baseline | band docs | runs |", "|---|---:|---:|---:|---:|---:|---|"]
    for name, v in res["variants"].items():
        L.append(f"| {name} | {v['seconds']:.3f} | {v['mb_s']} | {v['docs_s']:,} | {v['vs_baseline']} | {v['band_docs']} | "
                 f"{v['runs']} |")
    L += ["", f"Band: {res['band_share']:.2%} of the documents reach the encoder. Model load {load_s:.2f} s; the encoder "
          f"loads on a worker's first band document: {enc_load_s:.2f} s.",
          f"Verdicts of `shipped` equal those of `+cascade` (every code scored): {res['shipped_verdicts_equal_all_codes_with_cascade']}; "
          f"`any-first` equal `baseline`: {res['anyfirst_verdicts_equal_baseline']}.", ""]
    out.with_suffix(".md").write_text("\n".join(L))
    print("\n".join(L))


if __name__ == "__main__":
    main()
