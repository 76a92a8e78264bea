"""The default policy's verdict on labelled texts, computed by the real pipeline.

Why: training chooses the any-unsafe head's thresholds for the budget of the
*whole* default policy (keywords, spam signals, personal information and the
classifier together), and evaluation reports that verdict.  Both run the
stages and ``Policy.decide`` of ``pipelines/default.toml`` itself, with only
the classifier's scores swapped in (:class:`FixedScores`), so there is no
second description of the policy to keep in step.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pyarrow as pa

from gensafe.classifier.data import Example
from gensafe.classifier.lofo import any_head_oof, balanced_weights, calibrated, lofo_report, recall_at_family_fpr
from gensafe.classifier.stage import ClassifierStage
from gensafe.readers import INPUT_SCHEMA

BATCH = 4096


class FixedScores:
    """A classifier that returns given probabilities, row by row, in call order.

    It carries another model's codes, thresholds and metadata, so the
    classifier stage makes exactly the decisions it would make for that model
    if the model had produced these scores (out-of-fold scores, for example).
    """

    def __init__(self, model: Any, probs: np.ndarray, any_threshold: np.ndarray) -> None:
        self.model = model
        self.probs = np.asarray(probs, np.float32)
        self.thr = np.asarray(any_threshold, np.float32)
        self.pos = 0
        self.codes = model.codes
        self.thresholds = model.thresholds
        self.any_threshold = model.any_threshold
        self.meta = getattr(model, "meta", {})
        self.name, self.version, self.hash = model.name, model.version, model.hash

    def predict_with_thresholds(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        a, b = self.pos, self.pos + len(texts)
        if b > len(self.probs):
            raise IndexError("FixedScores: more texts than scores")
        self.pos = b
        return self.probs[a:b], self.thr[a:b]


@dataclass
class Verdicts:
    removed: np.ndarray  # bool per text
    reasons: list[list[str]]
    kw_weak: np.ndarray  # bool: a weaker keyword hit (for threshold search)


def _batch(texts: Sequence[str]) -> pa.RecordBatch:
    n = len(texts)
    cols = {f.name: pa.nulls(n, f.type) for f in INPUT_SCHEMA}
    cols["text"] = pa.array(list(texts), pa.string())
    cols["doc_id"] = pa.array([str(i) for i in range(n)], pa.string())
    return pa.RecordBatch.from_pydict(cols, schema=INPUT_SCHEMA)


def default_pipeline(model: Any, pipeline_path: str | os.PathLike[str] | None = None):
    """The default pipeline with ``model`` (or a :class:`FixedScores`) in its classifier stage."""
    from gensafe.pipeline import Pipeline

    pipe = Pipeline.from_file(pipeline_path)
    found = False
    for s in pipe.stages:
        if isinstance(s, ClassifierStage):
            s.use_classifier(model)
            found = True
    if not found:
        raise ValueError("the pipeline has no classifier stage")
    return pipe


def policy_verdicts(texts: Sequence[str], model: Any, pipeline_path: str | os.PathLike[str] | None = None,
                    batch: int = BATCH) -> Verdicts:
    """Run the default pipeline (every stage, then ``Policy.decide``) over ``texts``."""
    pipe = default_pipeline(model, pipeline_path)
    removed = np.zeros(len(texts), bool)
    kw_weak = np.zeros(len(texts), bool)
    reasons: list[list[str]] = []
    for i in range(0, len(texts), batch):
        out = pipe.process(_batch(texts[i:i + batch]))
        removed[i:i + out.num_rows] = np.asarray(out.column("decision").to_pylist()) == "removed"
        reasons.extend(out.column("reasons").to_pylist())
        if "kw_weak_risks" in out.schema.names:
            kw_weak[i:i + out.num_rows] = [bool(x) for x in out.column("kw_weak_risks").to_pylist()]
    return Verdicts(removed, reasons, kw_weak)


def never_fires(model: Any, n: int) -> FixedScores:
    """Scores that no threshold reaches: the verdict of every other stage alone."""
    return FixedScores(model, np.zeros((n, len(model.codes) + 1), np.float32), np.full(n, 2.0, np.float32))


def evaluate_lofo(model, examples: Sequence[Example], log=print, pipeline_path=None) -> dict:
    """LOFO report of ``model``'s recipe on ``examples``: the default policy's verdict with out-of-fold
    scores, and the any-unsafe head alone at a macro FPR of 5 %."""
    from gensafe.classifier.features import cjk_rows
    from gensafe.classifier.train import TrainConfig

    # the caller's examples keep their weights: folds train on balanced copies
    exs = [dataclasses.replace(e, weight=float(w)) for e, w in zip(examples, balanced_weights(list(examples)))]
    cfg_json = (getattr(model, "meta", {}) or {}).get("train_config", {})
    cfg = TrainConfig(features=model.features, seed=int(cfg_json.get("seed", TrainConfig.seed)),
                      epochs=int(cfg_json.get("epochs", TrainConfig.epochs)), alpha=float(cfg_json.get("alpha", TrainConfig.alpha)))
    p = calibrated(model, any_head_oof(exs, cfg, log=log))
    texts = [e.text for e in exs]
    probs = model.predict_all(texts)
    probs[:, -1] = np.nan_to_num(p, nan=0.0)
    thr = model.any_strong_for(cjk_rows(texts)) if hasattr(model, "any_strong_for") else \
        np.full(len(texts), model.any_threshold[0], np.float32)
    v = policy_verdicts(texts, FixedScores(model, probs, thr), pipeline_path)
    t5, head5 = recall_at_family_fpr(exs, p, 0.05)
    return {"lofo_policy": lofo_report(exs, v.removed, "the model's own thresholds").as_dict(),
            "lofo_head_at_fpr5": lofo_report(exs, head5, f"any-unsafe head alone at {t5:.4f} (macro FPR 5 %)").as_dict()}
