"""Fast, deterministic hashed n-gram features for Chinese and English text.

Why this exists: scikit-learn's ``HashingVectorizer`` builds every n-gram as a
Python string, which made feature extraction ~85 % of the classifier's cost.
Here a whole batch is encoded once into a ``uint32`` code-point array and all
n-gram hashes are computed with numpy arithmetic (wrapping ``uint32``
multiply/xor, murmur3's finaliser), so the cost is a few vector passes per
batch.  The hash uses fixed constants, never Python's salted ``hash()``, so the
same text gives the same features in every process, at train and inference
time.

Features (all hashed into one space of ``2**bits`` columns):

* character n-grams of the orders in ``char_orders`` over a normalised text
  (lower-cased, full-width ASCII folded, digits folded to ``0``, all white
  space folded to one space) that never cross a document boundary;
  optionally only for n-grams that contain a non-ASCII character
  (``ascii_chars=False``: English is then covered by words);
* word n-grams (``word_orders``) of ASCII alphanumeric tokens (English).

Documents are rows; counts are summed and each row is scaled by
``1/sqrt(number of n-grams)`` (a length normalisation that needs no
de-duplication, so inference can use the un-merged sparse matrix directly).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

import numpy as np
import scipy.sparse as sp

_U32 = np.uint32
# odd multipliers (golden-ratio / murmur3 constants); fixed forever: changing
# them changes every hash and therefore invalidates trained models.
_P = (_U32(0x9E3779B1), _U32(0x85EBCA77), _U32(0xC2B2AE3D), _U32(0x27D4EB2F))
_SEED_CHAR = _U32(0x165667B1)
_SEED_WORD = _U32(0xD3A2646C)
_WORD_BASE = _U32(0x01000193)  # FNV prime, odd => invertible mod 2**32


def _fmix32(h: np.ndarray) -> np.ndarray:
    """murmur3 finaliser, in place on a uint32 array (good avalanche)."""
    h ^= h >> _U32(16)
    h *= _U32(0x85EBCA6B)
    h ^= h >> _U32(13)
    h *= _U32(0xC2B2AE35)
    h ^= h >> _U32(16)
    return h


@dataclass(frozen=True)
class FeatureConfig:
    """Featuriser parameters; stored in ``model.json`` so inference matches training."""

    bits: int = 18
    char_orders: tuple[int, ...] = (1, 2, 3)
    word_orders: tuple[int, ...] = (1, 2)
    ascii_chars: bool = False
    max_chars: int = 0  # 0 = whole document
    version: int = 1
    #: rows with more n-grams than this are scaled as if they had this many with the same composition
    #: (``sqrt(cap) / n`` instead of ``1 / sqrt(n)``); 0 = off (models before 2.0).  Why: with 1/sqrt(n)
    #: a long document's score grows like sqrt(n) times its mean n-gram weight, and historic speeches
    #: (median ~5,000 n-grams) drifted over the threshold: 10 % of inaugural and State of the Union
    #: addresses flagged at cap 0, 0.4 % at 1024, with BBC news and film reviews unchanged (docs/classifier.md)
    length_cap: int = 0

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["char_orders"] = list(self.char_orders)
        d["word_orders"] = list(self.word_orders)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "FeatureConfig":
        d = dict(d)
        d["char_orders"] = tuple(d.get("char_orders", ()))
        d["word_orders"] = tuple(d.get("word_orders", ()))
        return cls(**d)


_TABLE: np.ndarray | None = None


def _norm_table() -> np.ndarray:
    """Code point -> normalised code point (one gather per batch instead of many masks)."""
    global _TABLE
    if _TABLE is None:
        t = np.arange(0x110000, dtype=_U32)
        t[0xFF01:0xFF5F] -= _U32(0xFEE0)  # full-width ASCII variants -> ASCII
        t[1:33] = 32  # control characters and white space -> ' '
        t[[0x3000, 0xA0, 0x2028, 0x2029, 0x200B]] = 32
        t[0x31:0x3A] = 0x30  # digits -> '0' (numbers rarely carry risk)
        t[0xFF11:0xFF1A] = 0x30
        _TABLE = t
    return _TABLE


def encode_batch(texts: list[str], max_chars: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Normalised code points of all texts joined by 0, and each position's row.

    Returns ``(cps, rows)``; separators have row ``-1``.
    """
    if max_chars:
        texts = [t[:max_chars] for t in texts]
    joined = "\x00".join(t.replace("\x00", " ") for t in texts).lower()
    cps = _norm_table()[np.frombuffer(joined.encode("utf-32-le", errors="surrogatepass"), dtype=_U32)]
    sep = cps == 0
    rows = np.cumsum(sep, dtype=np.int32)
    rows[sep] = -1
    return cps, rows


def _char_hashes(cps: np.ndarray, rows: np.ndarray, orders: Iterable[int], ascii_chars: bool, bits: int):
    """Per order, (rows, columns) of its character n-grams, grouped by row."""
    orders = sorted(orders)
    out_r: list[np.ndarray] = []
    out_c: list[np.ndarray] = []
    if not orders or cps.shape[0] == 0:
        return out_r, out_c
    nonascii = cps > 127
    if not ascii_chars:
        # documents without any non-ASCII character yield no n-gram: drop them
        has = np.zeros(int(rows.max()) + 2, bool)
        has[rows[nonascii] + 1] = True
        keep = has[rows + 1]
        keep[rows < 0] = True
        if not keep.all():
            cps, rows, nonascii = cps[keep], rows[keep], nonascii[keep]
    n = cps.shape[0]
    valid0 = rows >= 0
    space = cps == 32
    for k in orders:
        m = n - k + 1
        if m <= 0:
            continue
        h = (cps[:m] * _P[0]) + (_SEED_CHAR + _U32(k))
        v = valid0[:m].copy()
        anyna = nonascii[:m].copy() if not ascii_chars else None
        allsp = space[:m].copy()
        for j in range(1, k):
            h ^= h >> _U32(15)
            h *= _P[j % 4]
            h += cps[j:j + m]
            v &= valid0[j:j + m]
            if anyna is not None:
                anyna |= nonascii[j:j + m]
            allsp &= space[j:j + m]
        v &= ~allsp
        if anyna is not None:
            v &= anyna
        h = _fmix32(h)
        h >>= _U32(32 - bits)
        out_r.append(rows[:m][v])
        out_c.append(h[v].astype(np.int32))
    return out_r, out_c


def _word_hashes(cps: np.ndarray, rows: np.ndarray, orders: Iterable[int], bits: int):
    """(row, column) of ASCII word n-grams (English tokens), in position order."""
    orders = sorted(orders)
    if not orders or cps.shape[0] == 0:
        return [], []
    is_w = ((cps >= 0x61) & (cps <= 0x7A)) | ((cps >= 0x30) & (cps <= 0x39))
    d = np.diff(is_w.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(d == 1)
    ends = np.flatnonzero(d == -1)
    if starts.size == 0:
        return [], []
    # polynomial hash of each token: sum c_j * B^(j-start), via prefix sums mod 2**32
    lo, hi = int(starts[0]), int(ends[-1])
    seg = cps[lo:hi]
    pw = np.full(seg.shape[0], _WORD_BASE, dtype=_U32)
    pw[0] = 1
    pw = np.cumprod(pw, dtype=_U32)
    inv = np.full(seg.shape[0], _U32(pow(int(_WORD_BASE), -1, 2**32)), dtype=_U32)
    inv[0] = 1
    inv = np.cumprod(inv, dtype=_U32)
    pref = np.zeros(seg.shape[0] + 1, dtype=_U32)
    np.cumsum(seg * pw, dtype=_U32, out=pref[1:])
    s, e = starts - lo, ends - lo
    wh = (pref[e] - pref[s]) * inv[s]
    wrow = rows[starts]
    out_r, out_c = [], []
    nw = wh.shape[0]
    for k in orders:
        m = nw - k + 1
        if m <= 0:
            continue
        h = wh[:m] * _P[0] + _SEED_WORD + _U32(k)
        v = np.ones(m, bool)
        for j in range(1, k):
            h = (h ^ (h >> _U32(15))) * _P[j % 4] + wh[j:j + m]
            v &= wrow[j:j + m] == wrow[:m]
        h = _fmix32(h)
        h >>= _U32(32 - bits)
        out_r.append(wrow[:m][v])
        out_c.append(h[v].astype(np.int32))
    return out_r, out_c


#: a text is "CJK" when ideographs (and other code points >= U+2E80) are at least this share of
#: those plus ASCII letters; see :func:`cjk_share_rows`
CJK_MIN_SHARE = 0.2


def cjk_share_rows(cps: np.ndarray, rows: np.ndarray, n: int, min_share: float = CJK_MIN_SHARE) -> np.ndarray:
    """Which of the ``n`` rows of an encoded batch are mainly Chinese (bool ``(n,)``).

    Why: score distributions differ between scripts, so the any-unsafe head may
    carry a threshold per script; this is the script test used both when that
    threshold is chosen (training) and where it is applied (inference), on the
    code points the featuriser has already normalised (two compares, two
    bincounts per batch).
    """
    ok = rows >= 0
    big = (cps >= 0x2E80) & ok
    lat = (cps >= 0x61) & (cps <= 0x7A) & ok
    c = np.bincount(rows[big], minlength=n)[:n]
    a = np.bincount(rows[lat], minlength=n)[:n]
    return (c > 0) & (c >= min_share * (c + a))


def cjk_rows(texts: list[str]) -> np.ndarray:
    """:func:`cjk_share_rows` of raw texts (training and evaluation)."""
    cps, rows = encode_batch(list(texts))
    return cjk_share_rows(cps, rows, len(texts))


class Featurizer:
    """Texts -> sparse ``(n, 2**bits)`` float32 CSR matrix (see module doc)."""

    def __init__(self, config: FeatureConfig | None = None) -> None:
        self.config = config or FeatureConfig()
        self.n_features = 1 << self.config.bits

    def _pieces(self, texts: list[str], script: list | None = None):
        c = self.config
        cps, rows = encode_batch(texts, c.max_chars)
        if script is not None:
            script.append(cjk_share_rows(cps, rows, len(texts)))
        cr, cc = _char_hashes(cps, rows, c.char_orders, c.ascii_chars, c.bits)
        pieces = list(zip(cr, cc))
        if c.word_orders:
            wr, wc = _word_hashes(cps, rows, c.word_orders, c.bits)
            pieces.extend(zip(wr, wc))
        return pieces

    def transform_parts(self, texts: list[str], script: list | None = None) -> tuple[list[sp.csr_matrix], np.ndarray]:
        """Un-merged CSR parts (duplicates not summed) and the per-row scale.

        ``sum(parts) * scale[:, None]`` equals :meth:`transform`; inference
        multiplies each part by the weights directly, skipping the sort that
        merging duplicates would need.  A list passed as ``script`` receives
        :func:`cjk_share_rows` of the batch (computed from the same encoding).
        """
        n = len(texts)
        parts, total = [], np.zeros(n, np.int64)
        for r, c in self._pieces(texts, script):
            counts = np.bincount(r, minlength=n)
            total += counts
            indptr = np.zeros(n + 1, np.int64)
            np.cumsum(counts, out=indptr[1:])
            data = np.ones(c.shape[0], np.float32)
            parts.append(sp.csr_matrix((data, c, indptr), shape=(n, self.n_features)))
        if not parts:  # no n-gram at all (empty texts): one empty part keeps shapes right
            parts.append(sp.csr_matrix((n, self.n_features), dtype=np.float32))
        total = np.maximum(total, 1)
        scale = 1.0 / np.sqrt(total)
        if self.config.length_cap:
            cap = self.config.length_cap
            scale = np.where(total <= cap, scale, np.sqrt(cap) / total)
        return parts, scale.astype(np.float32)

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        """Merged, scaled CSR matrix (training, evaluation)."""
        parts, scale = self.transform_parts(texts)
        x = parts[0]
        for p in parts[1:]:
            x = x + p
        x = sp.csr_matrix(x)
        x.sum_duplicates()
        return sp.diags(scale).dot(x).tocsr().astype(np.float32)
