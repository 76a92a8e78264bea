"""``ClassifierStage``: score every document for all risk codes at once.

Adds ``clf_scores`` (``list<float32>``, one per ``taxonomy.CODES``, in that
order; NaN for a code the model has no head for, e.g. one added to the
taxonomy after the model was trained: such a code is never named),
``clf_unsafe`` (float32, the any-unsafe head), ``clf_risks`` (codes at or above
their strong threshold) and ``clf_weak_risks`` (codes at or above their weak
threshold).  With ``any_head = true`` (default) a document whose any-unsafe
score reaches that head's strong threshold but no code's also gets its
highest-scoring A.1-A.4 code in ``clf_risks`` (the head is tuned for recall at
a fixed false-positive rate; the per-code thresholds for precision); a model
with ``predict_with_thresholds`` (the shipped one) gives that threshold per
document (one for mainly-Chinese texts, one for the rest).

With ``any_gate = true`` (default) codes count only where the any-unsafe head
agrees at its *weak* threshold (the gate): ``clf_risks`` and
``clf_weak_risks`` stay empty below it.  Why: each code head is tuned for its
own precision, so OR-ing all of them plus keyword confirmations added false
positives the any-unsafe head would not make (measured on the grouped held-out
split, docs/classifier.md); the gate keeps the stage's false-positive rate
where the training script set it.  One exception: a code the head itself is
sure of (probability ≥ ``keyword_confirm``, default 0.7) still goes into
``clf_weak_risks`` below the gate, so that a keyword hit the classifier agrees
with on the same code group is not lost because the any-unsafe head is unsure
("Buy cocaine and heroin online …": keyword A1h, A1h head 0.80, any-unsafe
0.29); its cost on the held-out split is in docs/classifier.md.

Options: ``model`` (model directory; default the shipped
``gensafe/models/default``), or ``classifier = "module:factory"`` plus
``classifier_options`` (table) for a plug-in implementing
:class:`gensafe.classifier.protocol.Classifier`; ``any_head`` (bool);
``any_gate`` (bool); ``keyword_confirm`` (float, or false to turn it off);
``code_scores``: ``"flagged"`` (default) or ``"all"``.

With a model whose any-unsafe head decides (the shipped one) the code heads
only name the risk of a document the head flags or gates, so by default
(``code_scores = "flagged"``) only those documents are scored on every code
and the rest get a null ``clf_scores`` (``clf_unsafe`` is always there): one
weight column instead of all of them, which pays for the cascade's sentence
encoder (gensafe/classifier/encoder.py).  ``code_scores = "all"`` scores
every document on every code; verdicts are identical either way.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from gensafe.classifier.model import KEYWORD_CONFIRM, ModelError, default_model_dir, load_model
from gensafe.classifier.protocol import ClassifierError, check_classifier, load_factory
from gensafe.stages.base import Stage, StageError, append_columns
from gensafe.taxonomy import CODE_INDEX, CODES, UNSAFE_CODES

_N = len(CODES)
#: the A.1-A.4 columns of a model whose codes are ``taxonomy.CODES``
_UNSAFE_IDX = np.array([i for i, c in enumerate(CODES) if c in UNSAFE_CODES])


class ClassifierStage(Stage):
    name = "classifier"
    OPTIONS = ("model", "classifier", "classifier_options", "any_head", "any_gate", "keyword_confirm",
               "head_decides", "thin_codes", "code_scores")
    COLUMNS = {"clf_scores": pa.list_(pa.float32()), "clf_unsafe": pa.float32(), "clf_risks": pa.list_(pa.string()),
               "clf_weak_risks": pa.list_(pa.string())}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.clf = None
        self._docs = 0
        self._flagged = 0

    def setup(self) -> None:
        if self.clf is not None:
            return
        try:
            if self.options.get("classifier"):
                self.clf = load_factory(str(self.options["classifier"]), self.options.get("classifier_options") or {})
            else:
                self.clf = load_model(self.options.get("model") or default_model_dir())
                check_classifier(self.clf, "model")
        except (ModelError, ClassifierError) as exc:
            raise StageError(f"classifier stage: {exc}") from None
        self._configure()

    def use_classifier(self, clf: Any) -> None:
        """Score with ``clf`` (a loaded model or any :class:`Classifier`) instead of loading one.

        Training and evaluation use it to run the real stage and policy on
        out-of-fold scores (``gensafe.verdicts``).
        """
        self.clf = clf
        self._configure()

    def _configure(self) -> None:
        #: the model's codes (column order of its scores): ``taxonomy.CODES`` or a subset of it
        self._codes = codes = tuple(self.clf.codes)
        self._n = len(codes)
        self._unsafe_idx = np.array([i for i, c in enumerate(codes) if c in UNSAFE_CODES], dtype=np.intp)
        #: where each model column goes in ``clf_scores`` (None: the model's codes are the taxonomy's)
        self._to_taxonomy = None if codes == CODES else np.array([CODE_INDEX[c] for c in codes], dtype=np.intp)
        th = self.clf.thresholds
        self._strong = np.array([th[c][0] for c in codes], np.float32)
        self._weak = np.array([th[c][1] for c in codes], np.float32)
        self._any_thr = getattr(self.clf, "any_threshold", None)
        self._use_any = bool(self.options.get("any_head", True)) and self._any_thr is not None
        self._use_gate = bool(self.options.get("any_gate", True)) and self._any_thr is not None
        meta = getattr(self.clf, "meta", {}) or {}
        #: models trained for it (meta "decision" = "any_head") let the any-unsafe head alone decide;
        #: the code heads only name the risk (see module doc)
        self._head_decides = bool(self.options.get("head_decides", meta.get("decision") == "any_head")) \
            and self._any_thr is not None
        thin = set(self.options.get("thin_codes", meta.get("thin_codes", [])) or [])
        self._attributable = np.array([c in UNSAFE_CODES and c not in thin for c in codes])
        mode = self.options.get("code_scores", "flagged")
        if mode not in ("flagged", "all"):
            raise StageError(f"classifier stage: code_scores must be \"flagged\" or \"all\", not {mode!r}")
        #: "flagged": the code heads score only documents the any-unsafe head flags or gates (they only name
        #: the risk there; the rest get null clf_scores); "all": every document on every code (slower)
        self._codes_flagged_only = mode == "flagged" and self._head_decides and hasattr(self.clf, "predict_any_first")
        default_conf = None if self._head_decides else KEYWORD_CONFIRM
        conf = self.options.get("keyword_confirm", default_conf)
        self._confirm = None if conf is None or conf is False else float(conf)

    def provenance(self) -> dict[str, str]:
        self.setup()
        return {"model": str(self.clf.name), "model_version": str(self.clf.version), "model_hash": str(self.clf.hash)}

    def stats(self) -> dict[str, float]:
        return {"clf_docs": float(self._docs), "clf_flagged": float(self._flagged)}

    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(n, k)`` code probabilities (the model's ``codes``) and ``(n,)`` any-unsafe probabilities."""
        return self._score(texts)[:2]

    def _score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Code and any-unsafe probabilities, and per-document any-unsafe thresholds where the model has them."""
        return self._score_rows(texts)[:3]

    def _score_rows(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
        """As ``_score``, plus which rows have code scores (None: all of them)."""
        self.setup()
        if self._codes_flagged_only:
            gate = np.float32(self._any_thr[1])
            probs, anyp, thr, computed = self.clf.predict_any_first(texts, lambda p, t: (p >= t) | (p >= gate))
            return probs, anyp.astype(np.float32, copy=False), thr, computed
        return (*self._score_all(texts), None)

    def _score_all(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        if hasattr(self.clf, "predict_with_thresholds"):
            allp, thr = self.clf.predict_with_thresholds(texts)
            return allp[:, :self._n].astype(np.float32, copy=False), allp[:, -1].astype(np.float32, copy=False), thr
        if hasattr(self.clf, "predict_all"):
            allp = self.clf.predict_all(texts)
            probs, anyp = allp[:, :self._n], allp[:, -1]
        else:
            probs = np.asarray(self.clf.predict_proba(texts), dtype=np.float32)
            if hasattr(self.clf, "predict_unsafe"):
                anyp = np.asarray(self.clf.predict_unsafe(texts), dtype=np.float32)
            else:
                anyp = probs[:, self._unsafe_idx].max(axis=1) if len(texts) else np.zeros(0, np.float32)
        if probs.shape != (len(texts), self._n):
            raise StageError(f"classifier returned shape {probs.shape}, expected ({len(texts)}, {self._n})")
        return probs.astype(np.float32, copy=False), anyp.astype(np.float32, copy=False), None

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        self.setup()
        col = batch.column("text")
        texts = [t if t is not None else "" for t in col.to_pylist()]
        n = len(texts)
        probs, anyp, any_thr, computed = self._score_rows(texts)
        if self._head_decides:
            strong, weak = self._head_decision(probs, anyp, any_thr)
        else:
            strong, weak = self._code_decision(probs, anyp, any_thr)
        full = probs
        if self._to_taxonomy is not None:  # a model without a head for every taxonomy code: NaN = not scored
            full = np.full((n, _N), np.nan, np.float32)
            full[:, self._to_taxonomy] = probs
        mask = None if computed is None else pa.array(~computed)  # null: the code heads were not needed
        scores = pa.FixedSizeListArray.from_arrays(pa.array(full.reshape(-1), pa.float32()), _N, mask=mask)
        scores = scores.cast(pa.list_(pa.float32()))
        codes = np.array(self._codes, dtype=object)
        risks = pa.array([list(codes[r]) for r in strong], pa.list_(pa.string()))
        wrisks = pa.array([list(codes[r]) for r in weak], pa.list_(pa.string()))
        self._docs += n
        self._flagged += int(strong.any(axis=1).sum())
        return append_columns(batch, {
            "clf_scores": scores,
            "clf_unsafe": pa.array(anyp, pa.float32()),
            "clf_risks": risks,
            "clf_weak_risks": wrisks,
        })

    def _head_decision(self, probs: np.ndarray, anyp: np.ndarray, any_thr: np.ndarray | None):
        """The any-unsafe head decides, the code heads name the risk.

        ``clf_risks``: documents at or above the head's (per-script) strong
        threshold; ``clf_weak_risks``: at or above its gate.  Each such document
        carries the attributable codes (A.1-A.4, not thin) at or above their own
        threshold, or else the most probable attributable code.  Why: on source
        families held out from training, every extra path by which a single
        code head could remove a document added false positives (historic
        speeches as A1a, quoted dialogue as A4d) without adding recall
        (docs/classifier.md, leave-one-family-out).
        """
        n = len(anyp)
        strong_t = np.full(n, self._any_thr[0], np.float32) if any_thr is None else any_thr
        fire = anyp >= strong_t
        gate = anyp >= self._any_thr[1]
        att = np.where(self._attributable, probs, -1.0)
        top = np.zeros_like(att, dtype=bool)
        if n:
            top[np.arange(n), np.argmax(att, axis=1)] = True
        strong_codes = ((att >= self._strong) | top) & self._attributable
        weak_codes = ((att >= self._weak) | top) & self._attributable
        return strong_codes & fire[:, None], weak_codes & gate[:, None]

    def _code_decision(self, probs: np.ndarray, anyp: np.ndarray, any_thr: np.ndarray | None):
        """Per-code thresholds, gated by the any-unsafe head (models and plug-ins without ``head_decides``)."""
        n = len(anyp)
        strong = probs >= self._strong
        weak = probs >= self._weak
        if self._use_gate and n:
            below = anyp < self._any_thr[1]
            strong[below] = False
            weak[below] = False
            if self._confirm is not None:
                weak[below] |= probs[below] >= self._confirm
        if self._use_any and n:
            unsafe_idx = self._unsafe_idx
            fire = (anyp >= (self._any_thr[0] if any_thr is None else any_thr)) & ~strong[:, unsafe_idx].any(axis=1)
            if fire.any():
                top = unsafe_idx[np.argmax(probs[:, unsafe_idx], axis=1)]
                rows = np.flatnonzero(fire)
                strong[rows, top[rows]] = True
                weak[rows, top[rows]] = True
        return strong, weak
