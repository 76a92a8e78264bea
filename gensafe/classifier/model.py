"""The linear multi-label risk model: fused weights, safe serialisation.

One weight matrix holds every head (its risk codes + "any unsafe"), with
Platt calibration folded in, so scoring a batch is one sparse ``X @ W`` plus a
sigmoid.  A model directory holds ``weights.npz`` (plain arrays, loaded with
``allow_pickle=False``) and ``model.json`` (codes, thresholds, featuriser
parameters, provenance) with the sha256 of ``weights.npz`` and of the
decision-relevant JSON fields; :func:`load_model` refuses a directory whose
weights or thresholds do not match, so nothing but files we wrote (and
recorded) is ever used, and nothing is unpickled.  The model hash recorded in
run provenance (``model_sha256``) covers both.
"""
from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from gensafe.classifier.encoder import EncoderError, EncoderHead, load_head
from gensafe.classifier.features import FeatureConfig, Featurizer
from gensafe.taxonomy import BY_CODE, CODES

ANY_HEAD = "any_unsafe"
WEIGHTS_FILE = "weights.npz"
META_FILE = "model.json"
FORMAT = "gensafe-linear-v1"


class ModelError(Exception):
    """A model directory that is missing, malformed or fails its hash check."""


#: a code probability at which a keyword hit of the code's group counts as confirmed even below the
#: any-unsafe gate; the classifier stage applies it and training's policy simulation mirrors it
KEYWORD_CONFIRM = 0.7

def sha256_file(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def config_digest(meta: dict[str, Any]) -> str:
    """sha256 of the decision-relevant parts of ``model.json`` (features, thresholds, codes)."""
    keys = ("codes", "features", "threshold_strong", "threshold_weak", "format")
    d = {k: meta.get(k) for k in keys}
    if meta.get("any_threshold_cjk") is not None:  # only in models that have one: older hashes stay valid
        d["any_threshold_cjk"] = meta["any_threshold_cjk"]
    for k in ("decision", "thin_codes", "cascade"):  # who decides, which codes never name a risk, the encoder band (2.x)
        if meta.get(k) is not None:
            d[k] = meta[k]
    blob = json.dumps(d, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def model_digest(weights_sha: str, config_sha: str) -> str:
    """The model hash recorded in provenance: covers weights and thresholds."""
    return hashlib.sha256(f"{weights_sha}:{config_sha}".encode()).hexdigest()


def _sigmoid(z: np.ndarray) -> np.ndarray:
    z = np.clip(z, -30.0, 30.0, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    np.reciprocal(z, out=z)
    return z


@dataclass
class LinearRiskModel:
    """Calibrated linear heads over hashed n-gram features.

    ``weights`` is ``(n_features, k + 1)``: columns 0..k-1 follow ``codes``
    (``taxonomy.CODES`` for a model trained on the current taxonomy, 31 codes
    for the shipped one), column k is the "any unsafe" head.  Probabilities are
    ``sigmoid(X @ weights + bias)`` (calibration already folded in).  A model may
    cover fewer codes than the taxonomy (one trained before a code was added):
    the classifier stage gives the others no score and never names them.
    """

    weights: np.ndarray
    bias: np.ndarray
    features: FeatureConfig
    threshold_strong: np.ndarray  # (32,)
    threshold_weak: np.ndarray  # (32,)
    name: str = "gensafe-default"
    version: str = "0"
    meta: dict[str, Any] = field(default_factory=dict)
    hash: str = ""
    #: the any-unsafe head's strong threshold for mainly-Chinese texts
    #: (features.cjk_share_rows); None = ``threshold_strong[-1]`` for every text
    any_strong_cjk: float | None = None
    #: the sentence-encoder head consulted for the any-unsafe head's uncertain band (gensafe.classifier.encoder);
    #: None = n-grams alone
    cascade: EncoderHead | None = None

    def __post_init__(self) -> None:
        self._featurizer = Featurizer(self.features)
        self._w32 = np.ascontiguousarray(self.weights, dtype=np.float32)
        self._w_any = np.ascontiguousarray(self._w32[:, -1])

    # --- the Classifier protocol -------------------------------------------
    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the heads, in column order: those in ``model.json``, or the taxonomy's for a new model."""
        return tuple(self.meta.get("codes") or CODES)

    @property
    def thresholds(self) -> dict[str, tuple[float, float]]:
        """code -> (strong, weak) probability thresholds."""
        return {c: (float(self.threshold_strong[i]), float(self.threshold_weak[i])) for i, c in enumerate(self.codes)}

    @property
    def any_threshold(self) -> tuple[float, float]:
        return float(self.threshold_strong[-1]), float(self.threshold_weak[-1])

    def any_strong_for(self, is_cjk: np.ndarray) -> np.ndarray:
        """Per-document strong threshold of the any-unsafe head."""
        t = np.full(len(is_cjk), self.threshold_strong[-1], np.float32)
        if self.any_strong_cjk is not None:
            t[np.asarray(is_cjk, bool)] = self.any_strong_cjk
        return t

    def predict_with_thresholds(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities ``(n, k + 1)`` and each document's any-unsafe strong threshold ``(n,)``."""
        script: list = []
        p = _sigmoid(self.decision_function(texts, script).astype(np.float32, copy=False))
        is_cjk = script[0] if script else np.zeros(len(texts), bool)
        return p, self.any_strong_for(is_cjk)

    def predict_any_first(self, texts: list[str], need: Callable[[np.ndarray, np.ndarray], np.ndarray]
                          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The any-unsafe head for every text; the code heads only where ``need(p_any, threshold)`` is true.

        Returns ``(codes (n, k) with NaN rows where not computed, p_any (n,), strong threshold (n,),
        computed (n,) bool)``.  Why: with ``decision = any_head`` the code heads only name the risk of a
        document the any-unsafe head flags or gates; one weight column instead of all of them made the
        scoring ~10x cheaper (benchmarks/results/cascade.md), which pays for the cascade's encoder.
        The numbers where computed are those of :meth:`predict_with_thresholds`.
        """
        script: list = []
        texts = list(texts)
        n, k = len(texts), self._w32.shape[1] - 1
        parts, scale = self._featurizer.transform_parts(texts, script)
        z = np.zeros(n, np.float32)
        for p in parts:
            z += p @ self._w_any
        z *= scale
        z += self.bias[-1]
        if self.cascade is not None and n:
            z = self.cascade.refine(texts, z)
        p_any = _sigmoid(z.astype(np.float32, copy=False))
        thr = self.any_strong_for(script[0] if script else np.zeros(n, bool))
        computed = np.asarray(need(p_any, thr), bool)
        codes = np.full((n, k), np.nan, np.float32)
        rows = np.flatnonzero(computed)
        if len(rows):
            zc = np.zeros((len(rows), k + 1), np.float32)
            for p in parts:
                zc += p[rows] @ self._w32
            zc *= scale[rows, None]
            zc += self.bias
            codes[rows] = _sigmoid(zc[:, :k])
        return codes, p_any, thr, computed

    def decision_function(self, texts: list[str], script: list | None = None) -> np.ndarray:
        """Raw (calibrated) logits ``(n, k + 1)`` for all heads at once."""
        parts, scale = self._featurizer.transform_parts(list(texts), script)
        z = parts[0] @ self._w32 if parts else np.zeros((len(texts), self._w32.shape[1]), np.float32)
        for p in parts[1:]:
            z += p @ self._w32
        z *= scale[:, None]
        z += self.bias
        if self.cascade is not None and len(texts):
            z[:, -1] = self.cascade.refine(list(texts), z[:, -1])
        return z

    def predict_all(self, texts: list[str]) -> np.ndarray:
        """Probabilities ``(n, k + 1)``: the ``codes`` then the any-unsafe head."""
        return _sigmoid(self.decision_function(texts).astype(np.float32, copy=False))

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities ``(n, k)`` in ``codes`` order."""
        return self.predict_all(texts)[:, : len(self.codes)]

    def predict_unsafe(self, texts: list[str]) -> np.ndarray:
        return self.predict_all(texts)[:, -1]

    # --- serialisation ------------------------------------------------------
    def save(self, out_dir: str | os.PathLike, dtype: str = "int16") -> Path:
        """Write ``weights.npz`` + ``model.json`` (with the weights' sha256).

        ``int16`` (default) stores each head's column as integers times a
        per-column scale (``max|w| / 32767``): converting it back is one
        vectorised multiply, where float16 -> float32 took ~0.8 s for a 2^20-row
        model on a loaded machine, and weights too small to matter (< 1/65534 of
        the column's largest) become zeros that compress away.  ``float16`` and
        ``float32`` are still written and read.
        """
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        wpath = out / WEIGHTS_FILE
        tmp = out / (WEIGHTS_FILE + ".tmp.npz")
        arrays = {"bias": self.bias.astype(np.float32)}
        if dtype == "int16":
            w = np.asarray(self.weights, np.float32)
            scale = (np.abs(w).max(axis=0) / 32767.0).astype(np.float32)
            scale[scale == 0] = 1.0
            arrays["weights"] = np.rint(w / scale).astype(np.int16)
            arrays["scale"] = scale
        else:
            arrays["weights"] = self.weights.astype(dtype)
        np.savez_compressed(tmp, **arrays)
        os.replace(tmp, wpath)
        wsha = sha256_file(wpath)
        meta = dict(self.meta)
        meta.pop("cascade", None)
        if self.cascade is not None:
            meta["cascade"] = self.cascade.save(out)
        meta.update(
            {
                "format": FORMAT,
                "name": self.name,
                "version": self.version,
                "codes": list(self.codes),
                "heads": list(self.codes) + [ANY_HEAD],
                "features": self.features.to_json(),
                "threshold_strong": [round(float(x), 6) for x in self.threshold_strong],
                "threshold_weak": [round(float(x), 6) for x in self.threshold_weak],
                "any_threshold_cjk": None if self.any_strong_cjk is None else round(float(self.any_strong_cjk), 6),
                "weights_file": WEIGHTS_FILE,
                "weights_dtype": dtype,
                "weights_sha256": wsha,
            }
        )
        meta["config_sha256"] = config_digest(meta)
        meta["model_sha256"] = self.hash = model_digest(wsha, meta["config_sha256"])
        (out / META_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        self.meta = meta
        return out


def load_model(model_dir: str | os.PathLike, verify: bool = True) -> LinearRiskModel:
    """Load a model directory; verify the weights' sha256 against ``model.json``.

    A directory whose files are not what they claim (a ``model.json`` that is
    not an object or lacks a key, weights that are not an ``.npz``) raises
    ``ModelError`` naming it, so a run stops with one line, not a traceback.
    """
    try:
        return _load_model(model_dir, verify)
    except ModelError:
        raise
    except EncoderError as exc:
        raise ModelError(str(exc)) from None
    except (KeyError, TypeError, ValueError, AttributeError, OSError, zipfile.BadZipFile) as exc:
        raise ModelError(f"{model_dir}: not a valid gensafe model ({type(exc).__name__}: {exc})") from None


def _load_model(model_dir: str | os.PathLike, verify: bool = True) -> LinearRiskModel:
    d = Path(model_dir)
    mpath, wpath = d / META_FILE, d / WEIGHTS_FILE
    if not mpath.is_file() or not wpath.is_file():
        raise ModelError(f"{d}: not a gensafe model directory (needs {META_FILE} and {WEIGHTS_FILE})")
    try:
        meta = json.loads(mpath.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(f"{mpath}: invalid JSON ({exc})") from None
    if meta.get("format") != FORMAT:
        raise ModelError(f"{mpath}: unknown model format {meta.get('format')!r}")
    codes = meta.get("codes")
    if not isinstance(codes, list) or not codes or len(set(codes)) != len(codes):
        raise ModelError(f"{mpath}: 'codes' must be a list of distinct risk codes")
    unknown = [c for c in codes if c not in BY_CODE]
    if unknown:  # the taxonomy may have codes the model lacks (added later), never the other way round
        raise ModelError(f"{mpath}: model codes not in gensafe.taxonomy: {', '.join(map(str, unknown))}")
    digest = sha256_file(wpath)
    if verify and digest != meta.get("weights_sha256"):
        raise ModelError(
            f"{wpath}: sha256 {digest[:16]}… does not match model.json ({str(meta.get('weights_sha256'))[:16]}…); "
            "refusing to load a modified model"
        )
    cdig = config_digest(meta)
    if verify and cdig != meta.get("config_sha256"):
        raise ModelError(f"{mpath}: features/thresholds changed since the model was written (config sha256 mismatch); "
                         "refusing to load a modified model")
    with np.load(wpath, allow_pickle=False) as z:
        weights, bias = z["weights"], z["bias"]
        scale = z["scale"] if "scale" in z.files else None
    if scale is not None:  # int16 columns times a per-column scale (see LinearRiskModel.save)
        if scale.shape != (weights.shape[1],) if weights.ndim == 2 else True:
            raise ModelError(f"{wpath}: scale shape {scale.shape} does not match the weights {weights.shape}")
        weights = weights.astype(np.float32)
        weights *= scale
    feats = FeatureConfig.from_json(meta["features"])
    n_heads = len(codes) + 1
    if weights.shape != (1 << feats.bits, n_heads) or bias.shape != (n_heads,):
        raise ModelError(f"{wpath}: weight shape {weights.shape} does not match the featuriser ({1 << feats.bits}, {n_heads})")
    return LinearRiskModel(
        weights=weights,
        bias=bias.astype(np.float32),
        features=feats,
        threshold_strong=np.asarray(meta["threshold_strong"], np.float32),
        threshold_weak=np.asarray(meta["threshold_weak"], np.float32),
        name=meta.get("name", "gensafe-model"),
        version=str(meta.get("version", "0")),
        meta=meta,
        hash=model_digest(digest, cdig),
        any_strong_cjk=None if meta.get("any_threshold_cjk") is None else float(meta["any_threshold_cjk"]),
        cascade=load_head(d, meta["cascade"], verify) if meta.get("cascade") else None,
    )


def default_model_dir() -> Path:
    """The model shipped inside the package."""
    return Path(__file__).resolve().parent.parent / "models" / "default"
