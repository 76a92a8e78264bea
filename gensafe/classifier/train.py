"""Training: per-head linear models, Platt calibration, per-code thresholds.

Each of the 32 heads (31 codes + "any unsafe") is a scikit-learn
``SGDClassifier(loss="log_loss")`` on the hashed features, scaled per head by
NB-SVM log-count ratios (Wang & Manning 2012; the scaling is folded into the
head's weights, so inference is unchanged); positives of rare codes are
up-weighted (``sqrt(neg/pos)``, capped).  Calibration is Platt
scaling of each head's logit on the validation split, folded into the weight
column, and the thresholds are chosen on the same validation split:

* ``threshold_strong``: the lowest probability at which validation precision
  is at least ``target_precision`` (the highest-recall such point); where no
  threshold reaches it (thin heads), the relaxed targets are tried in turn and
  the model card says which one was used;
* ``threshold_weak``: the probability that keeps ``weak_recall`` of the
  validation positives (for confirming keyword hits), never above strong;
* the any-unsafe head gets thresholds for itself alone on validation; the
  shipped model replaces them with thresholds for the whole default policy,
  chosen on leave-one-family-out scores (``gensafe.classifier.lofo``), since
  in-family validation overstated what the model does on a new source.

Heads with fewer than ``min_val_pos`` validation positives cannot be tuned
honestly: they keep the uncalibrated logit and the fallback thresholds, and
are listed under ``thin_heads`` in ``model.json``.
"""
from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from joblib import Parallel, delayed
import scipy.sparse as sp
from scipy.special import expit
from sklearn.linear_model import LogisticRegression, SGDClassifier

from gensafe.classifier.data import Example, label_matrix
from gensafe.classifier.features import FeatureConfig, Featurizer
from gensafe.classifier.model import ANY_HEAD, LinearRiskModel
from gensafe.taxonomy import CODES


#: sources of unlabelled ordinary text used as extra negatives
BACKGROUND_SOURCES = frozenset({"corpus", "negatives"})


@dataclass
class TrainConfig:
    features: FeatureConfig = FeatureConfig()
    alpha: float = 1e-6
    epochs: int = 15
    max_pos_weight: float = 20.0
    target_precision: float = 0.9
    weak_recall: float = 0.9
    #: tried in order when target_precision is unreachable (thin heads with ~10 validation positives)
    relaxed_precision: tuple[float, ...] = (0.8, 0.7)
    any_max_fpr: float = 0.05
    min_val_pos: int = 8
    fallback_strong: float = 0.9
    fallback_weak: float = 0.5
    average: bool = True
    nb_scale: bool = True  # NB-SVM feature scaling per head (folded into W)
    nb_smoothing: float = 1.0
    nb_min_pos: int = 1000  # rare heads: ratios too noisy (measured: hurts their PR-AUC)
    solver: str = "sgd"  # or "liblinear" (LogisticRegression; slower)
    C: float = 10.0
    seed: int = 20250615
    n_jobs: int = 2


def _fit_head(x, y: np.ndarray, w: np.ndarray, cfg: TrainConfig, seed: int):
    """One binary head; returns (coef, intercept) or None for a head with no positives."""
    pos = int(y.sum())
    if pos == 0:
        return None
    neg = len(y) - pos
    pw = float(np.clip(np.sqrt(neg / max(pos, 1)), 1.0, cfg.max_pos_weight))
    sw = w * np.where(y == 1, pw, 1.0)
    if cfg.solver == "liblinear":
        clf = LogisticRegression(C=cfg.C, solver="liblinear", max_iter=200, random_state=seed)
    else:
        clf = SGDClassifier(
            loss="log_loss", penalty="l2", alpha=cfg.alpha, max_iter=cfg.epochs, tol=None,
            random_state=seed, average=cfg.average, learning_rate="optimal",
        )
    r = None
    if cfg.nb_scale and pos >= cfg.nb_min_pos:
        r = _nb_ratio(x, y, cfg.nb_smoothing)
        x = x @ sp.diags(r)
    clf.fit(x, y, sample_weight=sw)
    coef = clf.coef_.ravel().astype(np.float32)
    if r is not None:
        coef *= r  # (X diag(r)) w == X (r * w): the scaling folds into the weights
    return coef, float(clf.intercept_[0])


def _nb_ratio(x, y: np.ndarray, a: float) -> np.ndarray:
    """NB-SVM log-count ratio per feature (Wang & Manning 2012), on presence counts."""
    xb = x.copy()
    xb.data[:] = 1.0
    p = np.asarray(xb[y == 1].sum(axis=0)).ravel() + a
    q = np.asarray(xb[y == 0].sum(axis=0)).ravel() + a
    return np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)


def _platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    lr = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000)
    lr.fit(z.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def pick_strong(p: np.ndarray, y: np.ndarray, target: float, min_tp: int = 3) -> float | None:
    """Lowest threshold with precision >= target (max recall); None if unreachable."""
    order = np.argsort(-p, kind="stable")
    ps, ys = p[order], y[order]
    tp = np.cumsum(ys)
    k = np.arange(1, len(ys) + 1)
    prec = tp / k
    # only cut between distinct scores
    last = np.r_[ps[1:] != ps[:-1], True]
    ok = (prec >= target) & last & (tp >= min_tp) & (ys == 1)
    if not ok.any():
        return None
    i = int(np.flatnonzero(ok).max())
    return float(ps[i])


def pick_recall(p: np.ndarray, y: np.ndarray, recall: float) -> float:
    """Threshold keeping ``recall`` of the positives."""
    pos = np.sort(p[y == 1])[::-1]
    if pos.size == 0:
        return 1.0
    k = max(int(np.ceil(recall * pos.size)) - 1, 0)
    return float(pos[k])


def pick_fpr(p: np.ndarray, y: np.ndarray, max_fpr: float) -> float:
    """Lowest threshold whose false-positive rate on negatives is <= max_fpr."""
    neg = np.sort(p[y == 0])[::-1]
    if neg.size == 0:
        return 0.5
    k = int(np.floor(max_fpr * neg.size))
    return float(np.nextafter(np.float32(neg[min(k, neg.size - 1)]), np.float32(2.0)))


def _labelled(val: list[Example]) -> np.ndarray:
    """Validation rows that count for the false-positive rate (labelled, not background text)."""
    lab = np.array([e.source not in BACKGROUND_SOURCES for e in val], bool)
    y = label_matrix(val)[:, -1] if val else np.zeros(0, np.int8)
    return lab if int((lab & (y == 0)).sum()) >= 50 else np.ones(len(val), bool)


def train_model(
    train: list[Example],
    val: list[Example],
    cfg: TrainConfig | None = None,
    name: str = "gensafe-model",
    version: str = "0",
    provenance: dict[str, Any] | None = None,
    log=print,
    featurizer: Any = None,
) -> LinearRiskModel:
    """Fit, calibrate and threshold all heads; returns an unsaved model.

    ``featurizer`` (anything with ``transform(texts)`` and ``n_features``)
    replaces the hashed n-gram featuriser; the benchmark uses it to train the
    scikit-learn ``HashingVectorizer`` baseline with the very same heads.  The
    returned model's own ``predict_*`` always use ``cfg.features``, so use
    ``model.weights``/``model.bias`` directly with a custom featuriser.

    The any-unsafe head's thresholds set here budget the head alone on
    validation (strong: FPR <= ``any_max_fpr``; gate: FPR <= twice that);
    ``training/train_default.py`` replaces them with thresholds for the whole
    default policy chosen on leave-one-family-out scores
    (:func:`gensafe.classifier.lofo.choose_policy_thresholds`).
    """
    cfg = cfg or TrainConfig()
    t0 = time.perf_counter()
    fz = featurizer or Featurizer(cfg.features)
    xtr = fz.transform([e.text for e in train])
    ytr = label_matrix(train)
    wtr = np.asarray([e.weight for e in train], np.float64)
    log(f"features: {xtr.shape[0]} train docs, nnz={xtr.nnz}, {time.perf_counter() - t0:.1f}s")
    heads = list(range(ytr.shape[1]))
    fits = Parallel(n_jobs=cfg.n_jobs, prefer="threads")(
        delayed(_fit_head)(xtr, ytr[:, h], wtr, cfg, cfg.seed + h) for h in heads
    )
    log(f"fitted {len(heads)} heads, {time.perf_counter() - t0:.1f}s")
    d = fz.n_features
    W = np.zeros((d, len(heads)), np.float32)
    b = np.full(len(heads), -12.0, np.float32)  # a head without data never fires
    for h, f in enumerate(fits):
        if f is not None:
            W[:, h], b[h] = f
    # calibration + thresholds on validation
    xva = fz.transform([e.text for e in val]) if val else None
    yva = label_matrix(val) if val else np.zeros((0, len(heads)), np.int8)
    strong = np.full(len(heads), cfg.fallback_strong, np.float32)
    weak = np.full(len(heads), cfg.fallback_weak, np.float32)
    info: dict[str, dict[str, Any]] = {}
    zva = np.asarray(xva @ W + b) if xva is not None else None
    pva = expit(zva) if zva is not None else None  # calibrated in place below, head by head
    for h in heads:
        code = CODES[h] if h < len(CODES) else ANY_HEAD
        n_tr = int(ytr[:, h].sum())
        n_va = int(yva[:, h].sum()) if len(val) else 0
        rec: dict[str, Any] = {"train_pos": n_tr, "val_pos": n_va}
        if fits[h] is None:
            rec["status"] = "no training data"
            strong[h], weak[h] = 1.0, 1.0
            info[code] = rec
            continue
        if zva is None or n_va < cfg.min_val_pos:
            rec["status"] = "thin: uncalibrated, fallback thresholds"
            info[code] = rec
            continue
        a, c = _platt(zva[:, h], yva[:, h])
        if a <= 0:  # a head that does not rank validation data: keep raw logit
            a, c = 1.0, 0.0
            rec["status"] = "calibration failed (non-positive slope): uncalibrated, fallback thresholds"
            info[code] = rec
            continue
        W[:, h] *= a
        b[h] = a * b[h] + c
        p = expit(a * zva[:, h] + c)
        pva[:, h] = p
        if code == ANY_HEAD:
            lab = _labelled(val)
            neg = lab & (yva[:, h] == 0)
            s_thr = pick_fpr(p[neg], np.zeros(int(neg.sum()), np.int8), cfg.any_max_fpr) if neg.any() else 0.5
            gate = pick_fpr(p[neg], np.zeros(int(neg.sum()), np.int8), 2 * cfg.any_max_fpr) if neg.any() else 0.3
            pos = lab & (yva[:, h] == 1)
            rec["status"] = (f"calibrated; strong at FPR <= {cfg.any_max_fpr} of labelled safe validation documents, "
                             f"gate at twice that (the head alone)")
            rec.update({"platt_a": round(a, 5), "platt_b": round(c, 5), "gate": round(gate, 6),
                        "val_recall": round(float((p[pos] >= s_thr).mean()), 5) if pos.any() else None})
            strong[h], weak[h] = min(s_thr, 1.0), min(gate, s_thr, 1.0)
            info[code] = rec
            continue
        s, got = None, None
        for tgt in (cfg.target_precision, *cfg.relaxed_precision):
            s = pick_strong(p, yva[:, h], tgt)
            if s is not None:
                got = tgt
                break
        if s is None:
            s = max(cfg.fallback_strong, float(p.max()) + 1e-6) if p.size else cfg.fallback_strong
            s = min(s, 1.0)
            rec["status"] = (f"calibrated; no threshold reaches precision {min(cfg.relaxed_precision + (cfg.target_precision,))} "
                             f"on validation: strong = max({cfg.fallback_strong}, above every validation score)")
        elif got == cfg.target_precision:
            rec["status"] = f"calibrated; strong at validation precision >= {got}"
        else:
            rec["status"] = f"calibrated; strong at validation precision >= {got} ({cfg.target_precision} unreachable)"
        wk = min(pick_recall(p, yva[:, h], cfg.weak_recall), s)
        strong[h], weak[h] = s, max(wk, 0.05)
        rec.update({"platt_a": round(a, 5), "platt_b": round(c, 5)})
        info[code] = rec
    log(f"calibrated, {time.perf_counter() - t0:.1f}s")
    meta = {
        "trained_at": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "train_config": {k: (v.to_json() if hasattr(v, "to_json") else v) for k, v in cfg.__dict__.items()},
        "heads_info": info,
        "thin_heads": [k for k, v in info.items() if not str(v.get("status", "")).startswith("calibrated;")],
        "n_train": len(train),
        "n_val": len(val),
        "provenance": provenance or {},
    }
    return LinearRiskModel(weights=W, bias=b, features=cfg.features, threshold_strong=strong,
                           threshold_weak=weak, name=name, version=version, meta=meta,
                           any_strong_cjk=None)
