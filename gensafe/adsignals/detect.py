"""Find the parts of an illegal ad and decide by their co-occurrence.

An ad has three parts: a **channel** (a chat handle with its id, a phone
number, a domain - plain or obfuscated -, or a "私聊/DM me" pointer), an
**offer** (a lure: 注册送, 首充, 日入, 无抵押, for sale...) and a **trade**
(the vocabulary of gambling, pornography, drugs, weapons, forged documents,
fraud, bank-card trade or personal-data trade).  Each is innocent alone: a
news story about gambling has the trade but no channel, a shop ad has channel
and offer but no illegal trade.  A trade is flagged only when its words stand
within ``window`` characters of a channel and the parts reach ``min_points``:

    points = channel   2 (handle, mobile or disguised number, obfuscated domain) or 1 (plain URL, e-mail, hotline, pointer)
           + trade     sum of distinct terms, 2 for an unambiguous one (百家乐, 冰毒, 假证), 1 otherwise; at most 2
           + offer     sum of distinct lures, 1 each, 0.5 for an everyday sales word (价格, 包邮); at most 2
           + 1         when another, obfuscated domain stands in the window

and when fewer than two distinct report markers (警方, 反诈, court, scam...)
stand within ``report_window`` of the channel (reports and warnings quote
ads).  A lure inside quotation marks (“注册送彩金”) is a quotation, not an offer.

Speed: pass 1 lower-cases the ASCII letters of the batch's Arrow text column
and scans its UTF-8 data buffer with a byte automaton of the trade terms only
(plus their full-width forms), which says which documents hold a trade term -
about 0.5 % of ordinary text.  Only
those go on to pass 2: the folded text (:func:`patterns.fold`), the automaton
of every term list, the regular expressions and the window logic in Python.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from gensafe.adsignals import patterns, terms
from gensafe.keywords.matcher import build_finder

VERSION = "1"
SEP = "\x00"
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_DISGUISED_DIGITS = frozenset("零一二三四五六七八九幺洞两拐勾⓪①②③④⑤⑥⑦⑧⑨")

#: every handle name, longest first: the name a handle match starts with
_HANDLE_NAMES = sorted(terms.HANDLE_NAMES_STRONG + terms.HANDLE_NAMES_WEAK, key=len, reverse=True)

ROLE_TRADE, ROLE_LURE, ROLE_POINTER, ROLE_REPORT = 1, 2, 4, 8
#: trades whose soft words licensed businesses use too (下款, 网贷): without a hard word they need a strong channel
_NEEDS_STRONG_CHANNEL = frozenset(["fraud"])


@dataclass(frozen=True)
class Span:
    kind: str    # contact, phone, domain, url, pointer, lure, or a trade (gambling, porn, ...)
    start: int
    end: int
    term: str = ""


@dataclass
class Verdict:
    """The flagged trades of one document and the spans that support them."""

    categories: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    suppressed: bool = False


def _bounded(s: str, a: int, b: int) -> bool:
    """True unless an ASCII-alphanumeric term continues into letters or digits (``meth`` in ``method``)."""
    return not ((a > 0 and s[a - 1] in _ALNUM) or (b < len(s) and s[b] in _ALNUM))


def _quoted(s: str, a: int, b: int) -> bool:
    before = s[max(0, a - 12):a]
    i = max(before.rfind("“"), before.rfind("「"), before.rfind("\""))
    if i < 0 or any(q in before[i + 1:] for q in "”」"):
        return False
    after = s[b:b + 12]
    return any(q in after for q in "”」\"")


def _non_overlapping(spans: list[Span]) -> list[Span]:
    """Per kind, the longest spans that do not overlap an already kept one (leftmost first)."""
    out: list[Span] = []
    last_end: dict[str, int] = {}
    for s in sorted(spans, key=lambda s: (s.kind, s.start, -(s.end - s.start))):
        if s.start >= last_end.get(s.kind, -1):
            out.append(s)
            last_end[s.kind] = s.end
    return out


_NEGATIONS_1 = frozenset("不没别勿非禁")
_NEGATIONS_2 = frozenset(["拒绝", "禁止", "严禁", "谢绝", "远离", "不要", "不做", "不碰", "不搞", "打击", "抵制"])


def _negated(s: str, a: int) -> bool:
    """True when the word at ``a`` is refused rather than offered (不约炮, 拒绝赌博, no drugs)."""
    return (a >= 1 and s[a - 1] in _NEGATIONS_1) or s[max(0, a - 2):a] in _NEGATIONS_2 \
        or s[max(0, a - 3):a] == "no " or s[max(0, a - 4):a] == "not "


def _fullwidth_variant(term: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in term)


def _presence_finder(patterns_: list[str]) -> Callable[[bytes], np.ndarray]:
    """``utf8 bytes -> (start, end, pattern) rows`` of every (overlapping) hit of ``patterns_``, byte offsets."""
    encoded = [p.encode("utf-8") for p in patterns_]
    try:
        import daachorse
    except ImportError:
        _, find = build_finder([p.decode("latin-1") for p in encoded], "auto")
        return lambda b: np.asarray(find(b.decode("latin-1")), dtype=np.int64).reshape(-1, 3)
    auto = daachorse.DoubleArrayAhoCorasick(encoded)
    return lambda b: np.asarray(auto.find_overlapping(b), dtype=np.int64).reshape(-1, 3)


_ALNUM_BYTE = np.zeros(256, dtype=bool)
for _c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
    _ALNUM_BYTE[_c] = True


class AdDetector:
    """Co-occurrence detector over batches of texts (see module doc)."""

    def __init__(self, window: int = 200, min_points: float = 4, report_window: int = 500,
                 backend: str = "auto") -> None:
        self.window = int(window)
        self.min_points = float(min_points)
        self.report_window = int(report_window)
        roles: dict[str, int] = {}
        cats: dict[str, list[str]] = {}
        for cat, words in terms.CATEGORY_TERMS.items():
            for w in words:
                roles[w] = roles.get(w, 0) | ROLE_TRADE
                cats.setdefault(w, []).append(cat)
        for lst, role in ((terms.LURES, ROLE_LURE), (terms.POINTERS, ROLE_POINTER), (terms.REPORT_MARKERS, ROLE_REPORT)):
            for w in lst:
                roles[w] = roles.get(w, 0) | role
        self.patterns: list[str] = list(roles)
        self.roles = [roles[p] for p in self.patterns]
        self.cats: list[tuple[str, ...]] = [tuple(cats.get(p, ())) for p in self.patterns]
        self.trade_weight = [2 if p in terms.HARD_TERMS else 1 for p in self.patterns]
        self.lure_weight = [0.5 if p in terms.GENERIC_LURES else 1.0 for p in self.patterns]
        self.bounded = [p.isascii() and p[:1].isalnum() and p[-1:].isalnum() for p in self.patterns]
        self.backend, self._find = build_finder(self.patterns, backend)
        trade = sorted(cats)
        trade += sorted({v for t in trade for v in (_fullwidth_variant(t), _fullwidth_variant(t.upper()))} - set(trade))
        self._trade_bounded = np.array([t.isascii() and t[:1].isalnum() and t[-1:].isalnum() for t in trade], dtype=bool)
        self._presence = _presence_finder(trade)
        self._trade_patterns = trade
        _, self._trade_find = build_finder(trade, backend)

    @staticmethod
    def fingerprint() -> str:
        """Hash of the term lists and patterns (recorded in a run's provenance)."""
        h = hashlib.sha256(VERSION.encode())
        for name in ("CATEGORY_CODES", "CATEGORY_TERMS", "HARD_TERMS", "LURES", "GENERIC_LURES", "POINTERS",
                     "REPORT_MARKERS", "PHONE_NAMES", "HANDLE_NAMES_STRONG", "HANDLE_NAMES_WEAK"):
            v = getattr(terms, name)
            h.update(repr(sorted(v) if isinstance(v, frozenset) else v).encode())
        for rx in (patterns.DOMAIN_OBF, patterns.URL, patterns.HANDLE, patterns.PHONE, patterns.EMAIL, patterns.PHONE_EN):
            h.update(rx.pattern.encode())
        return h.hexdigest()[:16]

    # ------------------------------------------------------------------ batch
    def candidates(self, texts: Sequence[str | None]) -> np.ndarray:
        """Indices of the documents that hold a trade term (pass 1)."""
        return self.candidates_arrow(pa.array(["" if t is None else t for t in texts], type=pa.large_string()))

    def _hit_rows(self, data: bytes, offsets: np.ndarray) -> np.ndarray:
        """Rows (documents) of the trade hits in ``data``; English words only at word boundaries."""
        hits = self._presence(data)
        if not len(hits):
            return np.zeros(0, dtype=np.int64)
        start, end = hits[:, 0], hits[:, 1]
        rows = np.searchsorted(offsets[1:], start, side="right")
        check = self._trade_bounded[hits[:, 2]]
        if check.any():
            buf = np.frombuffer(data, dtype=np.uint8)
            n = len(buf)
            left = _ALNUM_BYTE[buf[np.maximum(start - 1, 0)]] & (start != offsets[rows])
            right = _ALNUM_BYTE[buf[np.minimum(end, n - 1)]] & (end != offsets[rows + 1]) & (end < n)
            rows = rows[~(check & (left | right))]
        return np.unique(rows)

    def candidates_arrow(self, texts: pa.Array | pa.ChunkedArray) -> np.ndarray:
        """Pass 1 on an Arrow string column without making Python strings: lower-case it
        in Arrow, scan its UTF-8 data buffer, map hits to rows through the offsets."""
        if isinstance(texts, pa.ChunkedArray):
            texts = texts.combine_chunks() if texts.num_chunks != 1 else texts.chunk(0)
        if len(texts) == 0:
            return np.zeros(0, dtype=np.int64)
        if pa.types.is_string(texts.type):
            texts = texts.cast(pa.large_string())
        elif not pa.types.is_large_string(texts.type):
            raise TypeError(f"expected a string column, got {texts.type}")
        low = pc.ascii_lower(texts)  # full-width forms are patterns of their own (both cases)
        _, off_buf, data_buf = low.buffers()
        offsets = np.frombuffer(off_buf, dtype=np.int64)[low.offset:low.offset + len(low) + 1]
        a, b = int(offsets[0]), int(offsets[-1])
        if b <= a:
            return np.zeros(0, dtype=np.int64)
        return self._hit_rows(data_buf.to_pybytes()[a:b], offsets - a)

    def detect(self, texts: Sequence[str | None]) -> dict[int, Verdict]:
        """Verdicts of the candidate documents (pass 2); documents without a trade term have none."""
        out: dict[int, Verdict] = {}
        for d in self.candidates(texts).tolist():
            out[d] = self.verdict(texts[d] or "")
        return out

    # ------------------------------------------------------------------ one document
    @staticmethod
    def _obfuscated_domains(seg: str, zones: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
        """DOMAIN_OBF matches in ``zones``, searched only just before the TLDs its trigger finds."""
        done = -1
        for a, b in zones:
            for t in patterns.DOMAIN_OBF_TRIGGER.finditer(seg, a, b):
                if t.end() <= done:
                    continue
                m = patterns.DOMAIN_OBF.search(seg, max(a, t.start() - patterns.DOMAIN_OBF_REACH), min(b, t.end() + 12))
                while m is not None and m.end() < t.end():
                    m = patterns.DOMAIN_OBF.search(seg, m.end(), min(b, t.end() + 12))
                if m is not None and m.start() >= done:
                    done = m.end()
                    yield m

    @staticmethod
    def _handles(seg: str, zones: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
        """HANDLE matches in ``zones``, tried only where its trigger says a name starts."""
        done = -1
        for a, b in zones:
            for t in patterns.HANDLE_TRIGGER.finditer(seg, a, b):
                if t.start() < done:
                    continue
                m = patterns.HANDLE.match(seg, t.start(), b)
                if m is not None:
                    done = m.end()
                    yield m

    def _channels(self, text: str, seg: str, zones: list[tuple[int, int]]) -> list[tuple[Span, int]]:
        """Channels found inside ``zones`` (``[a, b)`` ranges of ``seg``), with their strength."""
        found: list[tuple[Span, int]] = []
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return all(b <= x or a >= y for x, y in taken)

        def each(rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
            for a, b in zones:
                yield from rx.finditer(seg, a, b)

        for m in self._handles(seg, zones):
            strength = 2
            name = next((n for n in _HANDLE_NAMES if seg.startswith(n, m.start())), "")
            if name not in terms.PHONE_NAMES:
                name = None
            else:
                num = seg[m.start() + len(name):m.end()]
                digits = "".join(c for c in num if c.isdigit() or c in _DISGUISED_DIGITS)
                mobile = len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789"
                strength = 2 if mobile or any(c in _DISGUISED_DIGITS or "０" <= c <= "９" for c in text[m.start():m.end()]) else 1
            found.append((Span("contact" if name is None else "phone", m.start(), m.end()), strength))
            taken.append(m.span())
        for m in self._obfuscated_domains(seg, zones):
            if free(*m.span()):
                found.append((Span("domain", m.start(), m.end()), 2))
                taken.append(m.span())
        for m in each(patterns.EMAIL):  # before URL, whose domain part it holds
            if free(*m.span()):
                found.append((Span("email", m.start(), m.end()), 1))
                taken.append(m.span())
        for m in each(patterns.URL):
            if free(*m.span()):
                obf = patterns.is_fullwidth(text[m.start():m.end()])
                found.append((Span("domain" if obf else "url", m.start(), m.end()), 2 if obf else 1))
                taken.append(m.span())
        for m in each(patterns.PHONE_EN):
            if free(*m.span()):
                found.append((Span("phone", m.start(), m.end()), 1))
                taken.append(m.span())
        for m in each(patterns.PHONE):
            if free(*m.span()):
                found.append((Span("phone", m.start(), m.end()), 2))
                taken.append(m.span())
        return found

    def verdict(self, text: str) -> Verdict:
        """The decision for one document (see module doc); spans are offsets into ``text``.

        Only the regions around trade words are examined (every part of a
        decision lies within ``window`` of a channel that lies within
        ``window`` of a trade word): a long document with one trade word
        costs a few hundred characters of work, not its whole length.
        """
        low = text.lower()
        if len(low) != len(text):
            low = patterns.fold(text)
        starts = [a for a, b, p in self._trade_find(low)
                  if not (self._trade_bounded[p] and not _bounded(low, a, b))]
        v = Verdict()
        if not starts:
            return v
        margin = self.window + max(self.window, self.report_window) + 64
        regions: list[list[int]] = []
        for a in sorted(starts):
            lo, hi = max(0, a - margin), min(len(text), a + margin)
            if regions and lo <= regions[-1][1]:
                regions[-1][1] = hi
            else:
                regions.append([lo, hi])
        merged: dict[tuple[str, int, int], Span] = {}
        cats: set[str] = set()
        same = len(low) == len(text)
        for lo, hi in regions:
            flagged, suppressed = self._region(text[lo:hi], lo, low[lo:hi] if same else None)
            v.suppressed = v.suppressed or suppressed
            for cat, spans in flagged.items():
                cats.add(cat)
                merged.update(spans)
        if cats:
            v.categories = sorted(cats)
            v.codes = sorted({terms.CATEGORY_CODES[c] for c in cats})
            v.evidence = sorted(merged.values(), key=lambda s: (s.start, s.end, s.kind))
            v.suppressed = False
        return v

    def _region(self, text: str, base: int, low: str | None = None) -> tuple[dict[str, dict[tuple[str, int, int], Span]], bool]:
        """Flagged trades of one region (``text`` starts at ``base`` in the document) and whether a
        report suppressed one; spans in document offsets.  ``low`` is ``text.lower()`` when known: it is
        the folded text unless full-width forms are present (lower-casing other scripts changes no match)."""
        seg = low if low is not None and not patterns.has_fullwidth(text) else patterns.fold(text)
        trade: list[Span] = []
        lures: list[Span] = []
        pointers: list[Span] = []
        reports: list[Span] = []
        tw: dict[str, int] = {}
        lw: dict[str, float] = {}
        for a, b, p in self._find(seg):
            if self.bounded[p] and not _bounded(seg, a, b):
                continue
            r, term = self.roles[p], self.patterns[p]
            if r & ROLE_TRADE and _negated(seg, a):
                continue  # 不约炮，只卖文 / 拒绝黄赌毒: the trade is refused, not offered
            if r & ROLE_TRADE:
                trade.extend(Span(c, a, b, term) for c in self.cats[p])
                tw[term] = self.trade_weight[p]
            elif r & ROLE_LURE and not _quoted(seg, a, b):
                lures.append(Span("lure", a, b, term))
                lw[term] = self.lure_weight[p]
            if r & ROLE_POINTER:
                pointers.append(Span("pointer", a, b, term))
            if r & ROLE_REPORT:
                reports.append(Span("report", a, b, term))
        lures = _non_overlapping(lures)  # 新人注册送 is one lure, not 新人注册 + 注册送
        trade = _non_overlapping(trade)
        suppressed = False
        flagged: dict[str, dict[tuple[str, int, int], Span]] = {}
        if not trade:
            return flagged, suppressed
        zones: list[tuple[int, int]] = []
        reach = self.window + 80  # a channel's own length beyond the window
        for t in sorted(trade, key=lambda s: s.start):
            a, b = max(0, t.start - reach), min(len(seg), t.end + reach)
            if zones and a <= zones[-1][1]:
                zones[-1] = (zones[-1][0], max(zones[-1][1], b))
            else:
                zones.append((a, b))
        channels = self._channels(text, seg, zones) + [(s, 1) for s in pointers]
        # no channel at all: a trade word itself anchors the window, strength 0, and only strong lures
        # and no report marker whatever count (注册送彩金 + 首充返水 + 百家乐 is an ad even without a link)
        channels += [(t, 0) for t in trade]
        obf = [s for s, _ in channels if s.kind == "domain"]
        reports.sort(key=lambda s: s.start)
        rep_pos = [s.start for s in reports]
        for ch, strength in channels:
            lo, hi = ch.start - self.window, ch.end + self.window
            near_trade: dict[str, dict[str, Span]] = {}
            for s in trade:
                if s.end > lo and s.start < hi:
                    near_trade.setdefault(s.kind, {})[s.term] = s
            if not near_trade:
                continue
            near_lures = {s.term: s for s in lures if s.end > lo and s.start < hi and (strength or lw[s.term] >= 1)}
            offer = min(sum(lw[t] for t in near_lures), 2.0)
            bonus = 1 if any(o != ch and o.end > lo and o.start < hi for o in obf) else 0
            for cat, tt in near_trade.items():
                hard = any(tw[t] >= 2 for t in tt)
                if not hard and (strength == 0 or (strength == 1 and cat in _NEEDS_STRONG_CHANNEL)):
                    continue  # no channel needs an unambiguous trade word; soft loan words need a real handle
                if strength + min(sum(tw[t] for t in tt), 2) + offer + bonus < self.min_points:
                    continue
                a = bisect.bisect_left(rep_pos, ch.start - self.report_window)
                b = bisect.bisect_right(rep_pos, ch.end + self.report_window)
                if len({reports[k].term for k in range(a, b)}) >= (2 if strength else 1):
                    suppressed = True
                    continue
                ev = flagged.setdefault(cat, {})
                for s in [ch, *tt.values(), *near_lures.values()] if strength else [*tt.values(), *near_lures.values()]:
                    ev[(s.kind, s.start + base, s.end + base)] = Span(s.kind, s.start + base, s.end + base, s.term)
        return flagged, suppressed
