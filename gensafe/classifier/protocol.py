"""The ``Classifier`` protocol: what the classifier stage needs from a model.

Anything with these attributes works (a transformers or ONNX model, a client of
an internal service); the stage loads it from ``classifier = "module:factory"``
in the pipeline file.  See ``docs/classifier.md`` for a worked example.
"""
from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import numpy as np

from gensafe.plugins import PluginError, load_object
from gensafe.taxonomy import CODE_INDEX


@runtime_checkable
class Classifier(Protocol):
    """A multi-label risk scorer over (some of) the codes of ``taxonomy.CODES``.

    * ``codes``: the codes it scores, in the column order of its output; each
      must be in ``taxonomy.CODES`` (a taxonomy code it lacks gets no score and
      is never named, so a code added to the taxonomy does not break a model);
    * ``predict_proba(texts)``: ``(len(texts), len(codes))`` probabilities in [0, 1];
    * ``thresholds``: code -> ``(strong, weak)``; a code scoring ``>= strong``
      goes to ``clf_risks``, ``>= weak`` to ``clf_weak_risks``;
    * ``name``, ``version``, ``hash``: recorded in the run's provenance.

    Optional: ``predict_unsafe(texts) -> (n,)`` and ``any_threshold`` (strong,
    weak) for an "any unsafe" head; without it the stage uses the maximum
    code score over the A.1-A.4 codes.
    """

    name: str
    version: str
    hash: str

    @property
    def codes(self) -> tuple[str, ...]: ...

    @property
    def thresholds(self) -> dict[str, tuple[float, float]]: ...

    def predict_proba(self, texts: list[str]) -> np.ndarray: ...


class ClassifierError(Exception):
    """A plug-in classifier that cannot be loaded or breaks the protocol."""


def load_factory(spec: str, options: dict[str, Any] | None = None) -> Classifier:
    """Build a classifier from ``"package.module:factory"`` (called with ``options``)."""
    try:
        factory = load_object(spec, "classifier")
    except PluginError as exc:
        raise ClassifierError(str(exc)) from None
    clf = factory(**(options or {}))
    check_classifier(clf, spec)
    return clf


def check_classifier(clf: Any, where: str = "classifier") -> None:
    """Fail early, with a clear message, on an object that breaks the protocol."""
    for attr in ("codes", "thresholds", "predict_proba", "name", "version", "hash"):
        if not hasattr(clf, attr):
            raise ClassifierError(f"{where}: missing attribute {attr!r} of the Classifier protocol")
    codes = tuple(clf.codes)
    if not codes or len(set(codes)) != len(codes):
        raise ClassifierError(f"{where}: codes must be distinct risk codes of gensafe.taxonomy")
    unknown = [c for c in codes if c not in CODE_INDEX]
    if unknown:
        raise ClassifierError(f"{where}: codes not in gensafe.taxonomy: {', '.join(map(str, unknown))}")
    missing = [c for c in codes if c not in clf.thresholds]
    if missing:
        raise ClassifierError(f"{where}: no thresholds for {', '.join(missing)}")
