"""Metrics of a risk model on labelled data (``gensafe model eval``).

Per code: precision, recall and F1 at the model's strong threshold, PR-AUC
(average precision over scores) and support; micro and macro averages over
codes with support; per risk group (a document is positive for a group when
any of its codes is in it, predicted when any predicted code is); the
any-unsafe head's precision, recall and false-positive rate at its strong
threshold (and the recall at FPR 5 %); the most confused code pairs.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

from gensafe.classifier.data import Example, label_matrix
from gensafe.taxonomy import CODES, GROUPS, group_of


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _r(x: float) -> float:
    return round(float(x), 4)


def evaluate_scores(
    probs: np.ndarray,
    any_prob: np.ndarray | None,
    examples: list[Example],
    strong: np.ndarray,
    any_threshold: float | np.ndarray | None = None,
    any_gate: float | None = None,
) -> dict[str, Any]:
    """Metrics from precomputed probabilities ``(n, 31)`` (+ any-unsafe ``(n,)``).

    ``any_gate``: codes count only where the any-unsafe probability reaches it,
    as in the classifier stage (its ``any_gate`` option), so the metrics are
    those of the columns the stage writes.
    """
    y = label_matrix(examples)
    yc, yany = y[:, : len(CODES)], y[:, -1]
    pred = probs >= strong[: len(CODES)]
    if any_prob is not None and any_gate is not None:
        pred &= (any_prob >= any_gate)[:, None]
    per: dict[str, Any] = {}
    tps = fps = fns = 0
    macro = []
    for i, c in enumerate(CODES):
        t, p = yc[:, i] == 1, pred[:, i]
        tp, fp, fn = int((t & p).sum()), int((~t & p).sum()), int((t & ~p).sum())
        pr, rc, f1 = _prf(tp, fp, fn)
        sup = int(t.sum())
        ap = average_precision_score(t, probs[:, i]) if 0 < sup < len(t) else None
        per[c] = {"precision": _r(pr), "recall": _r(rc), "f1": _r(f1), "pr_auc": None if ap is None else _r(ap),
                  "support": sup, "predicted": int(p.sum()), "threshold": _r(strong[i])}
        if sup:
            tps, fps, fns = tps + tp, fps + fp, fns + fn
            macro.append((pr, rc, f1))
    mp, mr, mf = _prf(tps, fps, fns)
    out: dict[str, Any] = {
        "n": len(examples),
        "n_unsafe": int(yany.sum()),
        "per_code": per,
        "micro": {"precision": _r(mp), "recall": _r(mr), "f1": _r(mf)},
        "macro": {k: _r(np.mean([m[j] for m in macro])) if macro else 0.0 for j, k in enumerate(("precision", "recall", "f1"))},
        "macro_over": len(macro),
    }
    groups: dict[str, Any] = {}
    for g in GROUPS:
        idx = [i for i, c in enumerate(CODES) if group_of(c) == g]
        t, p = yc[:, idx].any(1), pred[:, idx].any(1)
        tp, fp, fn = int((t & p).sum()), int((~t & p).sum()), int((t & ~p).sum())
        pr, rc, f1 = _prf(tp, fp, fn)
        neg = int((~t & (yany == 0)).sum())
        groups[g] = {"precision": _r(pr), "recall": _r(rc), "f1": _r(f1), "support": int(t.sum()),
                     "fpr_on_safe": _r(int((p & (yany == 0)).sum()) / neg) if neg else None}
    out["per_group"] = groups
    # any-code decision (what a policy on clf_risks alone removes)
    anyc = pred.any(1)
    safe = yany == 0
    out["any_code"] = {"recall": _r(anyc[yany == 1].mean()) if yany.any() else None,
                       "fpr": _r(anyc[safe].mean()) if safe.any() else None}
    if any_prob is not None:
        thr = 0.5 if any_threshold is None else any_threshold
        p = any_prob >= thr
        tp, fp, fn = int((p & (yany == 1)).sum()), int((p & safe).sum()), int((~p & (yany == 1)).sum())
        pr, rc, f1 = _prf(tp, fp, fn)
        thr_out = _r(thr) if np.ndim(thr) == 0 else [_r(t) for t in np.unique(thr)]  # per-document (per script)
        head: dict[str, Any] = {"threshold": thr_out, "precision": _r(pr), "recall": _r(rc), "f1": _r(f1),
                                "fpr": _r(fp / safe.sum()) if safe.any() else None}
        if 0 < yany.sum() < len(yany):
            head["roc_auc"] = _r(roc_auc_score(yany, any_prob))
            head["pr_auc"] = _r(average_precision_score(yany, any_prob))
            negs = np.sort(any_prob[safe])[::-1]
            t5 = negs[int(np.floor(0.05 * len(negs)))] if len(negs) else 1.0
            head["recall_at_fpr_5pct"] = _r((any_prob[yany == 1] > t5).mean())
        combined = p | anyc
        head["combined_with_codes"] = {"recall": _r(combined[yany == 1].mean()) if yany.any() else None,
                                       "fpr": _r(combined[safe].mean()) if safe.any() else None}
        out["any_unsafe"] = head
    conf: Counter = Counter()
    for i in range(len(examples)):
        true = set(np.flatnonzero(yc[i]))
        if not true:
            continue
        for j in np.flatnonzero(pred[i]):
            if j not in true:
                for t in true:
                    conf[(CODES[t], CODES[j])] += 1
    out["confused_pairs"] = [{"true": a, "predicted": b, "count": n} for (a, b), n in conf.most_common(10)]
    return out


def evaluate_model(model, examples: list[Example], batch_size: int = 4096) -> dict[str, Any]:
    """Score ``examples`` with a :class:`LinearRiskModel` (or any Classifier) and evaluate."""
    texts = [e.text for e in examples]
    chunks, anys, thrs = [], [], []
    has_any = hasattr(model, "predict_all")
    per_doc = hasattr(model, "predict_with_thresholds")
    for i in range(0, len(texts), batch_size):
        if per_doc:
            p, t = model.predict_with_thresholds(texts[i:i + batch_size])
            chunks.append(p[:, : len(CODES)])
            anys.append(p[:, -1])
            thrs.append(t)
        elif has_any:
            p = model.predict_all(texts[i:i + batch_size])
            chunks.append(p[:, : len(CODES)])
            anys.append(p[:, -1])
        else:
            chunks.append(np.asarray(model.predict_proba(texts[i:i + batch_size]), np.float32))
    probs = np.concatenate(chunks) if chunks else np.zeros((0, len(CODES)), np.float32)
    any_prob = (np.concatenate(anys) if anys else None) if has_any else None
    strong = np.asarray([model.thresholds[c][0] for c in CODES], np.float32)
    any_thr = model.any_threshold if hasattr(model, "any_threshold") else None
    if per_doc and thrs:
        thr_any = np.concatenate(thrs)
    else:
        thr_any = any_thr[0] if any_thr else None
    return evaluate_scores(probs, any_prob, examples, strong, thr_any, any_thr[1] if any_thr else None)


def format_report(m: dict[str, Any]) -> str:
    """Human-readable table of :func:`evaluate_scores` output."""
    lines = [f"documents: {m['n']} (unsafe {m['n_unsafe']})", "",
             f"{'code':6} {'prec':>6} {'rec':>6} {'f1':>6} {'pr_auc':>7} {'support':>8} {'pred':>6}"]
    for c, r in m["per_code"].items():
        ap = "-" if r["pr_auc"] is None else f"{r['pr_auc']:.3f}"
        lines.append(f"{c:6} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {ap:>7} {r['support']:8d} {r['predicted']:6d}")
    lines.append(f"micro  P={m['micro']['precision']:.3f} R={m['micro']['recall']:.3f} F1={m['micro']['f1']:.3f}")
    lines.append(f"macro  P={m['macro']['precision']:.3f} R={m['macro']['recall']:.3f} F1={m['macro']['f1']:.3f} (over {m['macro_over']} codes with support)")
    lines.append("")
    lines.append("group  prec    rec     f1  support  fpr_on_safe")
    for g, r in m["per_group"].items():
        fpr = "-" if r["fpr_on_safe"] is None else f"{r['fpr_on_safe']:.4f}"
        lines.append(f"{g:6} {r['precision']:.3f} {r['recall']:.3f} {r['f1']:.3f} {r['support']:8d}  {fpr}")
    if "any_unsafe" in m:
        a = m["any_unsafe"]
        lines.append("")
        lines.append(f"any-unsafe head @ {a['threshold']}: precision {a['precision']:.3f} recall {a['recall']:.3f} FPR {a['fpr']}"
                     + (f"  ROC-AUC {a['roc_auc']:.3f} recall@FPR5% {a['recall_at_fpr_5pct']:.3f}" if "roc_auc" in a else ""))
        cw = a["combined_with_codes"]
        lines.append(f"head OR any strong code: recall {cw['recall']} FPR {cw['fpr']}")
    lines.append(f"any strong code: recall {m['any_code']['recall']} FPR {m['any_code']['fpr']}")
    if m["confused_pairs"]:
        lines.append("")
        lines.append("most confused (true -> predicted): " + ", ".join(f"{p['true']}->{p['predicted']} {p['count']}" for p in m["confused_pairs"]))
    return "\n".join(lines)
