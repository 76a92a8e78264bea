"""Aho-Corasick keyword matching with word boundaries, exceptions and co-occurrence.

One automaton per library, built once per worker over the *normalised* terms
(see :mod:`gensafe.keywords.normalize`).  A whole record batch is normalised
and scanned as one NUL-joined string, so the per-document Python cost is a
few C calls; only the (rare) raw hits go through Python for the word-mode
boundary check, exceptions, co-occurrence and the mapping back to original
offsets.

Backends (all report every overlapping match with character offsets):

* ``daachorse`` - charwise double-array automaton on ``str``, and the bytewise
  one on ASCII batches (byte offsets are character offsets there).  Fastest in
  ``benchmarks/bench_keywords.py``; in the ``fast`` extra.
* ``ahocorasick_rs`` - Rust ``aho-corasick`` (``BytesAhoCorasick`` on ASCII
  batches); in the ``fast`` extra.
* ``pyahocorasick`` - the core dependency and the fallback when neither is
  installed.

Overlapping matches are used so that a short term inside a longer one (or a
rejected word-mode candidate) never hides another hit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from gensafe.keywords.library import Library, Term, normalize_terms
from gensafe.keywords.normalize import NormalizedBatch, normalize_batch, normalize_with_map

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
BACKENDS = ("daachorse", "ahocorasick_rs", "pyahocorasick")

Finder = Callable[[str], list[tuple[int, int, int]]]


def available_backends() -> list[str]:
    out = []
    for name, mod in (("daachorse", "daachorse"), ("ahocorasick_rs", "ahocorasick_rs"),
                      ("pyahocorasick", "ahocorasick")):
        try:
            __import__(mod)
        except ImportError:
            continue
        out.append(name)
    return out


def build_finder(patterns: Sequence[str], backend: str = "auto") -> tuple[str, Finder]:
    """An overlapping-match function ``s -> [(start, end, pattern_id)]`` over ``patterns``."""
    if backend == "auto":
        avail = available_backends()
        if not avail:
            raise RuntimeError("no Aho-Corasick backend installed (pip install pyahocorasick)")
        backend = avail[0]
    if not patterns:
        return backend, lambda s: []
    if backend == "daachorse":
        import daachorse

        cw = daachorse.CharwiseDoubleArrayAhoCorasick(list(patterns))
        bw = daachorse.DoubleArrayAhoCorasick([p.encode() for p in patterns])

        def find_daac(s: str) -> list[tuple[int, int, int]]:
            if s.isascii():
                return bw.find_overlapping(s.encode())
            b = s.encode()
            if len(b) < 1.25 * len(s):
                # mostly ASCII (English with a few curly quotes or accents): the
                # bytewise automaton is faster; convert the hits' byte offsets only
                return _bytes_to_chars(b, bw.find_overlapping(b))
            return cw.find_overlapping(s)

        return backend, find_daac
    if backend == "ahocorasick_rs":
        import ahocorasick_rs

        ac = ahocorasick_rs.AhoCorasick(list(patterns))
        ascii_ids = [i for i, p in enumerate(patterns) if p.isascii()]
        bac = ahocorasick_rs.BytesAhoCorasick([patterns[i].encode() for i in ascii_ids]) if ascii_ids else None
        ids = ascii_ids

        def find_rs(s: str) -> list[tuple[int, int, int]]:
            if s.isascii():
                if bac is None:
                    return []
                return [(a, b, ids[p]) for p, a, b in bac.find_matches_as_indexes(s.encode(), overlapping=True)]
            return [(a, b, p) for p, a, b in ac.find_matches_as_indexes(s, overlapping=True)]

        return backend, find_rs
    if backend == "pyahocorasick":
        import ahocorasick

        auto = ahocorasick.Automaton()
        for i, p in enumerate(patterns):
            auto.add_word(p, (i, len(p)))
        auto.make_automaton()

        def find_py(s: str) -> list[tuple[int, int, int]]:
            return [(e - n + 1, e + 1, i) for e, (i, n) in auto.iter(s)]

        return backend, find_py
    raise ValueError(f"unknown matcher backend {backend!r}; choose from auto, {', '.join(BACKENDS)}")


def _bytes_to_chars(b: bytes, hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Convert UTF-8 byte offsets of hits to character offsets (one decode pass in all)."""
    if not hits:
        return hits
    offsets = sorted({x for a, e, _ in hits for x in (a, e)})
    conv: dict[int, int] = {}
    pb = pc = 0
    for off in offsets:
        pc += len(b[pb:off].decode("utf-8"))
        pb = off
        conv[off] = pc
    return [(conv[a], conv[e], p) for a, e, p in hits]


@dataclass(frozen=True)
class _Entry:
    term: int                    # index into Matcher.terms
    word: bool
    exceptions: tuple[str, ...]  # normalised
    cooccur: tuple[str, ...]     # normalised; one of them must occur within ``window``
    window: int
    veto: tuple[str, ...] = ()   # normalised ``!term`` entries of cooccur: none may occur within ``window``

    @property
    def plain(self) -> bool:
        return not (self.word or self.exceptions or self.cooccur or self.veto)


@dataclass
class Hit:
    """One accepted hit: ``start``/``end`` are original character offsets."""

    doc: int
    term: int
    start: int
    end: int
    norm_start: int
    norm_end: int


@dataclass
class Rejected:
    """A candidate the checks turned down (for ``gensafe keywords test``)."""

    term: int
    norm_start: int
    norm_end: int
    reason: str


@dataclass
class BatchMatches:
    """Hits of a batch, grouped by nothing: use ``by_doc()`` or the flat lists."""

    n_docs: int
    hits: list[Hit] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    candidates: int = 0


class Matcher:
    """The automaton of one library plus the per-term checks.

    Build once per worker (``Matcher(load_library(path))``); ``match_batch``
    is the hot path, ``explain`` the human-facing one.
    """

    def __init__(self, library: Library, backend: str = "auto") -> None:
        self.library = library
        self.terms: list[Term] = library.terms
        by_pattern: dict[str, list[_Entry]] = {}
        extra = sorted({x.removeprefix("!") for t in self.terms for x in (*t.exceptions, *t.cooccur)})
        extra_norm = dict(zip(extra, normalize_terms(extra)))
        for i, t in enumerate(self.terms):
            co = tuple(extra_norm[x] for x in t.cooccur if not x.startswith("!") and extra_norm[x])
            veto = tuple(extra_norm[x[1:]] for x in t.cooccur if x.startswith("!") and extra_norm[x[1:]])
            e = _Entry(i, t.mode == "word", tuple(extra_norm[x] for x in t.exceptions if extra_norm[x]),
                       co, t.window, veto)
            by_pattern.setdefault(t.norm, []).append(e)
        self.patterns: list[str] = list(by_pattern)
        self.entries: list[tuple[_Entry, ...]] = [tuple(v) for v in by_pattern.values()]
        #: pattern ids whose entries need no check: accepted straight away
        self.plain: list[int | None] = [v[0].term if len(v) == 1 and v[0].plain else None
                                        for v in self.entries]
        self.backend, self._find = build_finder(self.patterns, backend)

    # ------------------------------------------------------------------ checks
    @staticmethod
    def _check(e: _Entry, s: str, a: int, b: int, lo: int, hi: int) -> str | None:
        """Why candidate ``s[a:b]`` (inside the document ``s[lo:hi]``) is rejected, or None."""
        if e.word and ((a > lo and s[a - 1] in _ALNUM) or (b < hi and s[b] in _ALNUM)):
            return "word boundary"
        for x in e.exceptions:
            n = len(x)
            if n >= b - a and s.find(x, max(lo, b - n), min(hi, a + n)) >= 0:
                return f"exception {x!r}"
        if e.cooccur or e.veto:
            region = s[max(lo, a - e.window):min(hi, b + e.window)]
            if e.cooccur and not any(c in region for c in e.cooccur):
                return f"no co-occurring term within {e.window}"
            for v in e.veto:
                if v in region:
                    return f"vetoed by {v!r} within {e.window}"
        return None

    def _scan(self, nb: NormalizedBatch, keep_rejected: bool = False) -> tuple[list[tuple[int, int, int, int]], list[Rejected], int]:
        raw = self._find(nb.text)
        if not raw:
            return [], [], 0
        s = nb.text
        arr = np.asarray(raw, dtype=np.int64)
        docs = nb.doc_of(arr[:, 0]).tolist()
        starts = nb.starts
        accepted: list[tuple[int, int, int, int]] = []
        rejected: list[Rejected] = []
        plain = self.plain
        entries = self.entries
        check = self._check
        for (a, b, pid), d in zip(raw, docs):
            t = plain[pid]
            if t is not None:
                accepted.append((d, t, a, b))
                continue
            lo = int(starts[d])
            hi = int(starts[d + 1]) - 1
            for e in entries[pid]:
                why = check(e, s, a, b, lo, hi)
                if why is None:
                    accepted.append((d, e.term, a, b))
                elif keep_rejected:
                    rejected.append(Rejected(e.term, a - lo, b - lo, why))
        return accepted, rejected, len(raw)

    # ------------------------------------------------------------------ public
    def match_normalized(self, nb: NormalizedBatch) -> list[tuple[int, int, int, int]]:
        """Accepted hits ``(doc, term, norm_start, norm_end)`` in batch-string offsets (no mapping)."""
        return self._scan(nb)[0]

    def match_batch(self, texts: Sequence[str | None], keep_rejected: bool = False) -> BatchMatches:
        """Match a batch of documents; hit spans are offsets into each original text."""
        nb = normalize_batch(texts)
        accepted, rejected, n_raw = self._scan(nb, keep_rejected)
        out = BatchMatches(len(texts), rejected=rejected, candidates=n_raw)
        if not accepted:
            return out
        accepted.sort(key=lambda h: (h[0], h[2], h[3], h[1]))  # by document, then position
        starts = nb.starts
        maps: dict[int, Any] = {}

        def offsets_of(d: int) -> Any:
            if not nb.changed:
                return None
            if d not in maps:
                raw = (texts[d] or "").replace("\x00", " ")
                if raw.isascii():  # every ASCII step is 1:1 (lower, leet, line breaks)
                    maps[d] = None
                else:
                    norm, offsets = normalize_with_map(raw)
                    if norm != nb.segment(d):  # the two implementations must agree
                        raise RuntimeError(f"normaliser mismatch on document {d}")
                    maps[d] = offsets
            return maps[d]

        for d, t, a, b in accepted:
            lo = int(starts[d])
            na, nbd = a - lo, b - lo
            offsets = offsets_of(d)
            if offsets is None:
                out.hits.append(Hit(d, t, na, nbd, na, nbd))
            else:
                out.hits.append(Hit(d, t, int(offsets[na]), int(offsets[nbd - 1]) + 1, na, nbd))
        return out

    def match(self, text: str) -> list[Hit]:
        """Hits in one text (original offsets)."""
        return self.match_batch([text]).hits


# ---------------------------------------------------------------------- scoring

@dataclass(frozen=True)
class RiskRule:
    """How hits become risks (documented in docs/keywords.md and the stage).

    * a code is a **risk** (``kw_risks``) when one of its terms with severity
      ≥ ``strong_severity`` hits, or at least ``min_weak_hits`` *distinct*
      terms of severity ≥ ``medium_severity`` (and below strong) hit;
    * any other code with a hit is a **weak risk** (``kw_weak_risks``): the
      policy should only act on it with classifier agreement;
    * the **score** per code is ``min(1, strong + medium / min_weak_hits +
      low / (2 * min_weak_hits))`` over distinct terms (1 strong term = 1.0,
      one medium term = 0.5 and one low term = 0.25 with the defaults).  A
      code is a risk exactly when its strong + medium part reaches 1, so
      low-severity terms alone never make a risk, whatever their number.
    """

    strong_severity: int = 3
    medium_severity: int = 2
    min_weak_hits: int = 2

    def assess(self, hits: Sequence[tuple[str, int, int]]) -> tuple[list[str], list[str], dict[str, float]]:
        """``hits`` as (code, term index, severity) → (risks, weak risks, scores)."""
        strong: dict[str, set[int]] = {}
        medium: dict[str, set[int]] = {}
        low: dict[str, set[int]] = {}
        order: list[str] = []
        for code, term, sev in hits:
            if code not in strong:
                strong[code], medium[code], low[code] = set(), set(), set()
                order.append(code)
            if sev >= self.strong_severity:
                strong[code].add(term)
            elif sev >= self.medium_severity:
                medium[code].add(term)
            else:
                low[code].add(term)
        risks: list[str] = []
        weak: list[str] = []
        scores: dict[str, float] = {}
        k = max(self.min_weak_hits, 1)
        for code in sorted(order):
            base = len(strong[code]) + len(medium[code]) / k
            scores[code] = min(1.0, base + len(low[code]) / (2 * k))
            (risks if base >= 1.0 else weak).append(code)
        return risks, weak, scores
