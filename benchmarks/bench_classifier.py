#!/usr/bin/env python
"""Classifier throughput and accuracy: gensafe's numpy featuriser vs sklearn HashingVectorizer.

Speed: docs/s and MB/s on one core for featurise + score of all 32 heads
(31 codes + any-unsafe, one fused X @ W) over a ~10 MB zh/en slice of the
benign corpus in batches of 2048, median of --repeats runs, for
  * gensafe: `gensafe.classifier.features.Featurizer` (the shipped model's config)
  * baseline: sklearn `HashingVectorizer(analyzer="char_wb", ngram_range=(1, 3), n_features=2**18)`
Accuracy: both featurisers train the very same heads (SGD log-loss, Platt,
thresholds on validation) on the same grouped split of the labelled pool +
seeds + a corpus sample, and are compared on the held-out test split.

    python benchmarks/bench_classifier.py [--mb 10] [--repeats 3] [--no-accuracy]
Writes benchmarks/results/classifier.{json,md}.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import glob  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from scipy.special import expit  # noqa: E402
from sklearn.feature_extraction.text import HashingVectorizer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gensafe.classifier.features import Featurizer  # noqa: E402
from gensafe.classifier.model import default_model_dir, load_model  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
BATCH = 2048


def corpus_slice(mb: float) -> list[str]:
    """First lines of each corpus file, equal byte share per file, ~mb MB in all."""
    files = sorted(CORPUS.glob("*.jsonl"))
    per = mb * 1e6 / len(files)
    out = []
    for f in files:
        got = 0
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                t = json.loads(line)["text"]
                out.append(t)
                got += len(t.encode("utf-8"))
                if got >= per:
                    break
    return out


class Baseline:
    """sklearn HashingVectorizer char_wb 1-3 + the same fused heads."""

    def __init__(self, bits: int = 18) -> None:
        self.vec = HashingVectorizer(analyzer="char_wb", ngram_range=(1, 3), n_features=1 << bits,
                                     alternate_sign=False, norm="l2", dtype=np.float32)
        self.n_features = 1 << bits

    def transform(self, texts):
        return self.vec.transform(texts)


def time_pipeline(fn, texts: list[str], repeats: int) -> dict:
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        for i in range(0, len(texts), BATCH):
            fn(texts[i:i + BATCH])
        times.append(time.process_time() - t0)
    med = statistics.median(times)
    return {"seconds_cpu": [round(t, 3) for t in times], "median_s": round(med, 3), "mb": round(mb, 2),
            "docs": len(texts), "mb_per_s_per_core": round(mb / med, 2), "docs_per_s_per_core": round(len(texts) / med)}


def accuracy(args) -> dict:
    import training.train_default as td
    from gensafe.classifier.data import read_jsonl, split_examples
    from gensafe.classifier.evaluate import evaluate_scores
    from gensafe.classifier.features import cjk_rows
    from gensafe.classifier.train import train_model

    exs = []
    for p in [Path(args.data) / "train_zh.jsonl", Path(args.data) / "train_en.jsonl"] + sorted(
            Path(p) for p in glob.glob(str(ROOT / "training" / "seeds" / "*.jsonl"))):
        exs.extend(read_jsonl(p))
    corp, _ = td.load_corpus(CORPUS)
    split = split_examples(exs + corp, val_pct=10, test_pct=10)
    test = [e for e in split.test if e.source != "corpus"]
    test_corpus = [e for e in split.test if e.source == "corpus"]
    res = {}
    for name, fz in (("gensafe", None), ("baseline", Baseline(td.CONFIG.features.bits))):
        t0 = time.perf_counter()
        m = train_model(split.train, split.val, td.CONFIG, name=name, log=lambda *a: None, featurizer=fz)
        train_s = time.perf_counter() - t0

        def probs(texts, m=m, fz=fz):
            if fz is None:
                return m.predict_all(texts)
            return expit(np.asarray(fz.transform(texts) @ m.weights.astype(np.float32)) + m.bias)

        p = probs([e.text for e in test])
        gate = float(m.threshold_weak[-1])  # the stage's any_gate (codes count only at or above it)
        t_any = m.any_strong_for(cjk_rows([e.text for e in test]))  # per-script any-unsafe thresholds, as the stage
        ev = evaluate_scores(p[:, :31], p[:, -1], test, m.threshold_strong[:31], t_any, gate)
        pc = probs([e.text for e in test_corpus])
        flagged = (((pc[:, :31] >= m.threshold_strong[:31]).any(1) & (pc[:, -1] >= gate))
                   | (pc[:, -1] >= m.any_strong_for(cjk_rows([e.text for e in test_corpus])))).mean()
        a = ev["any_unsafe"]
        aps = [v["pr_auc"] for v in ev["per_code"].values() if v["pr_auc"] is not None and v["support"] >= 5]
        res[name] = {"train_s": round(train_s, 1), "any_roc_auc": a["roc_auc"], "any_recall": a["recall"], "any_fpr": a["fpr"],
                     "any_recall_at_fpr_5pct": a["recall_at_fpr_5pct"], "micro_f1": ev["micro"]["f1"], "macro_f1": ev["macro"]["f1"],
                     "mean_code_pr_auc": round(float(np.mean(aps)), 4), "corpus_test_flagged": round(float(flagged), 4),
                     "n_test": len(test), "n_test_corpus": len(test_corpus)}
        print(name, res[name], flush=True)
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "train"))
    ap.add_argument("--no-accuracy", action="store_true")
    args = ap.parse_args()
    texts = corpus_slice(args.mb)
    model = load_model(default_model_dir())
    w = model._w32
    base = Baseline(model.features.bits)
    fz = Featurizer(model.features)

    def ours_feat(b):
        fz.transform_parts(b)

    def base_feat(b):
        base.transform(b)

    def ours_full(b):  # what the classifier stage calls: scores + per-document (per-script) thresholds
        model.predict_with_thresholds(b)

    def base_full(b):
        z = np.asarray(base.transform(b) @ w) + model.bias
        expit(z)

    model.predict_all(texts[:10])
    speed = {
        "gensafe_featurise+score": time_pipeline(ours_full, texts, args.repeats),
        "baseline_featurise+score": time_pipeline(base_full, texts, args.repeats),
        "gensafe_featurise_only": time_pipeline(ours_feat, texts, args.repeats),
        "baseline_featurise_only": time_pipeline(base_feat, texts, args.repeats),
    }
    for k, v in speed.items():
        print(k, v, flush=True)
    ratio = speed["gensafe_featurise+score"]["mb_per_s_per_core"] / speed["baseline_featurise+score"]["mb_per_s_per_core"]
    result = {"machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                          "note": "CPU time of one process (time.process_time), 2-core shared machine"},
              "batch_size": BATCH, "model": {"name": model.name, "version": model.version, "hash": model.hash,
                                             "features": model.features.to_json()},
              "speed": speed, "speedup_featurise+score": round(ratio, 2)}
    if not args.no_accuracy:
        result["accuracy_test_split"] = accuracy(args)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "classifier.json").write_text(json.dumps(result, indent=1) + "\n")
    L = ["# Classifier benchmark", "",
         f"`python benchmarks/bench_classifier.py` — {speed['gensafe_featurise+score']['docs']} docs, "
         f"{speed['gensafe_featurise+score']['mb']} MB of zh/en corpus text, batches of {BATCH}, one core (process CPU time), "
         f"median of {args.repeats}. Model {model.name} {model.version}.", "",
         "| pipeline | median s | MB/s/core | docs/s/core |", "|---|---|---|---|"]
    for k, v in speed.items():
        L.append(f"| {k} | {v['median_s']} | {v['mb_per_s_per_core']} | {v['docs_per_s_per_core']} |")
    L.append("")
    L.append(f"Speed-up of featurise + score (all 32 heads, one fused `X @ W`) over the sklearn `HashingVectorizer(char_wb, 1-3)` "
             f"baseline: **{ratio:.1f}×**.")
    if "accuracy_test_split" in result:
        L += ["", "Accuracy, same heads/training/thresholds, held-out grouped test split (labelled pool + seeds):", "",
              "| featuriser | train s | any ROC-AUC | any recall | any FPR | recall@FPR5% | micro F1 | macro F1 | mean code PR-AUC | corpus test flagged |",
              "|---|---|---|---|---|---|---|---|---|---|"]
        for k, v in result["accuracy_test_split"].items():
            L.append(f"| {k} | {v['train_s']} | {v['any_roc_auc']} | {v['any_recall']} | {v['any_fpr']} | {v['any_recall_at_fpr_5pct']} | "
                     f"{v['micro_f1']} | {v['macro_f1']} | {v['mean_code_pr_auc']} | {v['corpus_test_flagged']} |")
    (out / "classifier.md").write_text("\n".join(L) + "\n")
    print("\n".join(L))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
