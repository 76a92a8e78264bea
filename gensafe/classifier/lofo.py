"""Leave-one-family-out (LOFO) evaluation: how the model does on data it has never seen.

Why: a random or even a grouped split of the labelled pool shares its source
families between training and test, so it measures how well the model
memorises the surface of those families (ROC-AUC 0.93 on the own split was
0.71 on an outside evaluation set).  Holding out a whole source family at a
time, training on the rest and scoring it predicts what happens on a new
data source.  Features, weights and thresholds are chosen on these
out-of-fold scores, never on a random split.

Only the any-unsafe head is refitted per fold (the default policy's verdict
depends on the keyword stage, which does not learn, and on that head), so
the out-of-fold verdict is exactly the default policy's verdict.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from gensafe.classifier.data import Example

#: source datasets that are one family (translations, train/dev halves, one benchmark's parts)
FAMILY_PREFIXES: tuple[tuple[str, str], ...] = (
    ("MultiJail", "MultiJail"),
    ("COLD", "COLD"),
    ("JADE-RAG-rules", "JADE"),
    ("SafetyPrompts-CipherChat", "CipherChat"),
    ("JailBench", "JailBench"),
    ("AdvBench", "redteam-behaviours"),
    ("HarmBench", "redteam-behaviours"),
    ("TDC2023", "redteam-behaviours"),
)
#: unlabelled ordinary text used as extra negatives: never a held-out family
BACKGROUND = frozenset({"corpus", "negatives"})


def family_of(ex: Example) -> str:
    """The LOFO family of an example: its source dataset, with related datasets merged."""
    s = ex.source or "?"
    for prefix, fam in FAMILY_PREFIXES:
        if s.startswith(prefix):
            return fam
    if s == "seeds":  # authored seeds: one family per language (our own writing, judged like any source)
        return f"seeds-{ex.lang or 'xx'}"
    return s


def is_authored(family: str) -> bool:
    """Our own examples (seeds, authored ads and requests): reported, but not in the threshold budget.

    Why: they are written against failures we already know (hard negatives in
    red-team frames, ads with their obfuscations), so as a held-out "source"
    they measure a deliberately adversarial case, not a new real source.
    """
    return family.startswith(("seeds-", "authored-"))


def is_a5_only(ex: Example) -> bool:
    """Unsafe only by A.5 codes: not counted by the 5 % rule, left out of the any-unsafe head."""
    return ex.unsafe and bool(ex.risks) and all(c.startswith("A5") for c in ex.risks)


def balanced_weights(examples: Sequence[Example], power: float = 0.5) -> np.ndarray:
    """Per-example weights so that no family dominates the any-unsafe head.

    Within each (family, label) the rows share a total weight proportional to
    ``n ** power`` (square root by default): COLD's 25k rows then weigh ~6x a
    family of 700 rows instead of 36x.  The sources' own label-noise weights
    (``Example.weight``) are kept; A.5-only rows get weight 0.
    """
    fams = np.array([family_of(e) for e in examples])
    y = np.array([e.unsafe for e in examples])
    w = np.array([e.weight for e in examples], np.float64)
    for f in np.unique(fams):
        for lab in (False, True):
            m = (fams == f) & (y == lab)
            n = int(m.sum())
            if n:
                w[m] *= n ** power / n
    w[np.array([is_a5_only(e) for e in examples], bool)] = 0.0
    return w * (len(w) / max(w.sum(), 1e-12))


def oof_logits(examples: Sequence[Example], fit_rows: Callable[[np.ndarray], Callable[[np.ndarray], np.ndarray]],
               families: Sequence[str] | None = None, log=print) -> np.ndarray:
    """Out-of-fold any-unsafe logits: each labelled family scored by a model trained without it.

    ``fit_rows(train_idx)`` trains on those rows and returns ``score(idx) -> logits``.
    Background rows (ordinary text) are always in training and get ``nan``.
    """
    fams = np.array([family_of(e) for e in examples])
    out = np.full(len(examples), np.nan)
    todo = sorted(set(fams) - BACKGROUND) if families is None else list(families)
    for k, f in enumerate(todo):
        held = fams == f
        score = fit_rows(np.flatnonzero(~held))
        out[held] = score(np.flatnonzero(held))
        log(f"  LOFO {k + 1}/{len(todo)}: {f} ({int(held.sum())} docs)")
    return out


@dataclass
class FamilyRates:
    n_unsafe: int
    n_safe: int
    recall: float | None
    fpr: float | None


@dataclass
class LofoReport:
    """Out-of-fold verdict quality per family, language and overall."""

    threshold_note: str
    families: dict[str, FamilyRates] = field(default_factory=dict)
    by_lang: dict[str, FamilyRates] = field(default_factory=dict)
    pooled: FamilyRates | None = None
    macro_recall: float | None = None
    macro_fpr: float | None = None

    def as_dict(self) -> dict:
        def fr(r: FamilyRates | None):
            return None if r is None else {"n_unsafe": r.n_unsafe, "n_safe": r.n_safe,
                                           "recall": r.recall, "fpr": r.fpr}
        return {"thresholds": self.threshold_note, "macro_recall": self.macro_recall, "macro_fpr": self.macro_fpr,
                "pooled": fr(self.pooled), "by_lang": {k: fr(v) for k, v in self.by_lang.items()},
                "families": {k: fr(v) for k, v in self.families.items()}}


def _rate(flag: np.ndarray, sel: np.ndarray) -> float | None:
    return round(float(flag[sel].mean()), 4) if sel.any() else None


def rates(flag: np.ndarray, y: np.ndarray, sel: np.ndarray) -> FamilyRates:
    pos, neg = sel & y, sel & ~y
    return FamilyRates(int(pos.sum()), int(neg.sum()), _rate(flag, pos), _rate(flag, neg))


def lofo_report(examples: Sequence[Example], removed: np.ndarray, note: str, min_safe: int = 20) -> LofoReport:
    """Recall and FPR of a verdict (``removed``, bool per example) per family, per language and macro-averaged.

    A.5-only rows are left out (the 5 % rule does not count them); background
    rows too (their rate is reported per corpus source elsewhere).  The macro
    FPR averages families with at least ``min_safe`` safe documents.
    """
    fams = np.array([family_of(e) for e in examples])
    y = np.array([e.unsafe for e in examples])
    keep = ~np.isin(fams, list(BACKGROUND)) & ~np.array([is_a5_only(e) for e in examples], bool)
    real = keep & ~np.array([is_authored(f) for f in fams], bool)
    lang = np.array([e.lang for e in examples])
    rep = LofoReport(threshold_note=note)
    for f in sorted(set(fams[keep])):
        rep.families[f] = rates(removed, y, keep & (fams == f))
    # languages, pooled and macro figures are over real sources; our authored families are listed, not averaged in
    for L in ("zh", "en"):
        rep.by_lang[L] = rates(removed, y, real & (lang == L))
    if (keep & ~real).any():
        rep.by_lang["authored"] = rates(removed, y, keep & ~real)
    rep.pooled = rates(removed, y, real)
    reals = {f: r for f, r in rep.families.items() if not is_authored(f)}
    recs = [r.recall for r in reals.values() if r.recall is not None and r.n_unsafe >= 20]
    fprs = [r.fpr for r in reals.values() if r.fpr is not None and r.n_safe >= min_safe]
    rep.macro_recall = round(float(np.mean(recs)), 4) if recs else None
    rep.macro_fpr = round(float(np.mean(fprs)), 4) if fprs else None
    return rep


def recall_at_family_fpr(examples: Sequence[Example], score: np.ndarray, max_fpr: float = 0.05,
                         base: np.ndarray | None = None, min_safe: int = 20) -> tuple[float, np.ndarray]:
    """Lowest threshold on ``score`` whose verdict (``base`` OR score >= t) keeps every
    held-out family's mean FPR (macro over families with ``min_safe`` safe rows) within ``max_fpr``.

    Returns ``(threshold, removed)``.  Macro over families, not pooled, so that
    COLD's 16k safe comments do not decide the threshold for everyone.
    """
    fams = np.array([family_of(e) for e in examples])
    y = np.array([e.unsafe for e in examples])
    ok = ~np.isnan(score)
    base = np.zeros(len(score), bool) if base is None else base
    neg_fams = [f for f in sorted(set(fams[ok])) if ((fams == f) & ~y & ok).sum() >= min_safe]
    masks = [(fams == f) & ~y & ok for f in neg_fams]
    cand = np.unique(score[ok & ~y])[::-1]
    s = np.where(ok, score, -np.inf)

    def macro(t: float) -> float:
        flag = base | (s >= t)
        return float(np.mean([flag[m].mean() for m in masks])) if masks else 0.0

    # binary search over candidate thresholds (macro FPR is monotone in t)
    lo, hi = 0, len(cand) - 1
    best = float(cand[0]) + 1e-6 if len(cand) else 1.0
    while lo <= hi:
        mid = (lo + hi) // 2
        if macro(float(cand[mid])) <= max_fpr:
            best = float(cand[mid])
            lo = mid + 1
        else:
            hi = mid - 1
    return best, base | (s >= best)


@dataclass
class PolicyThresholds:
    """The any-unsafe head's thresholds for the default policy, chosen on out-of-fold scores."""

    gate: float
    strong_cjk: float
    strong_other: float
    macro_recall: float
    note: str


def choose_policy_thresholds(examples: Sequence[Example], p_oof: np.ndarray, base: np.ndarray, kw_weak: np.ndarray,
                             is_cjk: np.ndarray, max_fpr: float, hold: tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                                 np.ndarray, np.ndarray] | None = None,
                             max_hold_rate: float = 0.01, max_hold_source_rate: float = 0.02,
                             gates: Sequence[float] = (0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)) -> PolicyThresholds:
    """Gate and per-script strong thresholds of the any-unsafe head for the default policy's verdict.

    The verdict is ``base`` (every other stage's removals) OR (a weaker
    keyword hit AND score >= gate) OR score >= strong.  For each gate, each
    script gets the lowest strong threshold that keeps (a) the macro FPR over
    held-out families of that script within ``max_fpr`` and (b) the share of
    ordinary held-out text removed within ``max_hold_rate`` overall and
    ``max_hold_source_rate`` for every corpus source (``hold`` = scores,
    base, kw_weak, is_cjk and source of that text, scored by the final model).
    The gate with the highest macro recall over held-out families wins.
    """
    fams = np.array([family_of(e) for e in examples])
    y = np.array([e.unsafe for e in examples])
    a5 = np.array([is_a5_only(e) for e in examples], bool)
    real = ~np.array([is_authored(f) for f in fams], bool)
    ok = ~np.isnan(p_oof) & ~a5 & real
    p = np.where(np.isnan(p_oof), -1.0, p_oof)
    best: PolicyThresholds | None = None
    for g in gates:
        flag_g = base | (kw_weak & (p >= g))
        ts = {}
        for name, sel in (("cjk", is_cjk), ("other", ~is_cjk)):
            s_ok = ok & sel
            masks = [(fams == f) & ~y & s_ok for f in sorted(set(fams[s_ok]))]
            masks = [m for m in masks if m.sum() >= 20]
            cand = np.unique(p[s_ok & ~y])[::-1]
            cand = cand[cand > 0.02]
            hsel = None
            if hold is not None:
                hp, hbase, hkw, hcjk, hsrc = hold
                hsel = hcjk if name == "cjk" else ~hcjk
                hflag_g = hbase | (hkw & (hp >= g))

            def fine(t: float) -> bool:
                f = flag_g | (p >= t)
                if masks and np.mean([f[m].mean() for m in masks]) > max_fpr:
                    return False
                if hsel is not None and hsel.any():
                    hf = (hflag_g | (hp >= t))[hsel]
                    if hf.mean() > max_hold_rate:
                        return False
                    srcs = hsrc[hsel]
                    for s in np.unique(srcs):
                        m = srcs == s
                        if m.sum() >= 50 and hf[m].mean() > max_hold_source_rate:
                            return False
                return True

            lo, hi, t_best = 0, len(cand) - 1, 1.0
            while lo <= hi:  # the verdict only grows as t falls: binary search for the lowest fine t
                mid = (lo + hi) // 2
                if fine(float(cand[mid])):
                    t_best = float(cand[mid])
                    lo = mid + 1
                else:
                    hi = mid - 1
            ts[name] = t_best
        thr = np.where(is_cjk, ts["cjk"], ts["other"])
        flag = flag_g | (p >= thr)
        recs = [flag[(fams == f) & y & ok].mean() for f in sorted(set(fams[ok & y])) if ((fams == f) & y & ok).sum() >= 20]
        mr = float(np.mean(recs)) if recs else 0.0
        if best is None or mr > best.macro_recall + 1e-9:
            best = PolicyThresholds(float(g), ts["cjk"], ts["other"], mr, "")
    assert best is not None
    best.note = (f"chosen on leave-one-family-out scores: per script, the lowest any-unsafe threshold keeping the default "
                 f"policy's macro FPR over held-out real (non-authored) families <= {max_fpr:.1%} and ordinary held-out text removed "
                 f"<= {max_hold_rate:.1%} overall and <= {max_hold_source_rate:.1%} per source; gate from {list(gates)} "
                 f"by macro recall")
    return best


def any_head_oof(examples: Sequence[Example], cfg, log=print) -> np.ndarray:
    """Out-of-fold raw logits of the any-unsafe head trained with ``cfg`` (a ``TrainConfig``) and the examples' weights."""
    from gensafe.classifier.data import label_matrix
    from gensafe.classifier.features import Featurizer
    from gensafe.classifier.train import _fit_head
    from gensafe.taxonomy import CODES

    X = Featurizer(cfg.features).transform([e.text for e in examples])
    y = label_matrix(list(examples))[:, -1]
    w = np.array([e.weight for e in examples], np.float64)

    def fit_rows(idx: np.ndarray):
        got = _fit_head(X[idx], y[idx], w[idx], cfg, cfg.seed + len(CODES))
        if got is None:  # no unsafe example outside the held-out family
            return lambda j: np.full(len(j), -12.0)
        coef, b = got
        return lambda j: np.asarray(X[j] @ coef).ravel() + b

    return oof_logits(examples, fit_rows, log=log)


def calibrated(model, logits: np.ndarray) -> np.ndarray:
    """Fold logits on the probability scale of ``model``'s any-unsafe head (its Platt calibration; nan stays nan)."""
    info = (getattr(model, "meta", {}) or {}).get("heads_info", {}).get("any_unsafe", {})
    a, c = float(info.get("platt_a", 1.0)), float(info.get("platt_b", 0.0))
    z = a * np.nan_to_num(logits) + c
    return np.where(np.isnan(logits), np.nan, 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def format_lofo(rep: dict) -> str:
    """Plain-text table of an :func:`evaluate_lofo` (or :func:`lofo_report`) result."""
    lp = rep["lofo_policy"] if "lofo_policy" in rep else rep
    lh = rep.get("lofo_head_at_fpr5")
    out = [f"{'family':28s} {'recall':>7s} {'FPR':>7s} {'unsafe':>7s} {'safe':>7s}" + ("  head@FPR5" if lh else "")]

    def row(name: str, r: dict, h: dict | None) -> str:
        f = lambda v: "      -" if v is None else f"{v:7.3f}"  # noqa: E731
        s = f"{name:28s} {f(r['recall'])} {f(r['fpr'])} {r['n_unsafe']:7d} {r['n_safe']:7d}"
        return s + (f"  {f(h['recall'])}" if h else "")

    for fam, r in lp["families"].items():
        out.append(row(fam, r, lh["families"].get(fam) if lh else None))
    for lang, r in lp["by_lang"].items():
        out.append(row(f"[{lang}]", r, lh["by_lang"].get(lang) if lh else None))
    out.append(row("[pooled]", lp["pooled"], lh["pooled"] if lh else None))
    out.append(f"macro over families: recall {lp['macro_recall']}, FPR {lp['macro_fpr']}"
               + (f"; head alone at FPR 5 %: macro recall {lh['macro_recall']}" if lh else ""))
    return "\n".join(out)


def _positive_weight(y: np.ndarray) -> float:
    return float(np.clip(np.sqrt((len(y) - y.sum()) / max(y.sum(), 1)), 1, 20))


def fit_encoder_head(E: np.ndarray, y: np.ndarray, w: np.ndarray, C: float = 1.0) -> tuple[np.ndarray, float]:
    """The cascade's linear head on sentence embeddings: (coef, intercept) of a weighted logistic regression.

    Rows of weight 0 (A.5-only) are left out; positives are up-weighted by
    sqrt(negatives / positives) as in training/encoder_experiments.py.
    """
    from sklearn.linear_model import LogisticRegression

    keep = w > 0
    Et, yt, wt = E[keep], y[keep].astype(bool), w[keep]
    clf = LogisticRegression(C=C, max_iter=300)
    clf.fit(Et, yt, sample_weight=wt * np.where(yt, _positive_weight(yt), 1.0))
    return clf.coef_.ravel().astype(np.float32), float(clf.intercept_[0])


def encoder_head_oof(examples: Sequence[Example], E: np.ndarray, C: float = 1.0, log=print) -> np.ndarray:
    """Out-of-fold logits of the cascade's encoder head (``E``: the examples' embeddings, examples' weights)."""
    from gensafe.classifier.data import label_matrix

    y = label_matrix(list(examples))[:, -1].astype(bool)
    w = np.array([e.weight for e in examples], np.float64)

    def fit_rows(idx: np.ndarray):
        if not y[idx][w[idx] > 0].any():
            return lambda j: np.full(len(j), -12.0)
        coef, b = fit_encoder_head(E[idx], y[idx], w[idx], C)
        return lambda j: E[j] @ coef + b

    return oof_logits(examples, fit_rows, log=log)
