"""Evasion-robust text normalisation with a map back to original offsets.

Keyword matching runs on a *normalised* view of the text so that the usual
evasions (full-width letters, case, traditional characters, zero-width
characters, separators between Chinese characters, leetspeak, Cyrillic or
Greek look-alikes) do not defeat it, while evidence spans still point into
the original text.  Terms of a library are normalised with the very same
function, so a term and a text agree by construction.

The normalisation is defined per character plus two context rules:

1. **character map** (``lower()`` then one table lookup per character): NFKC,
   removal of combining marks (``é`` → ``e``), case folding, Cyrillic/Greek
   homoglyphs → Latin, typographic quotes/dashes → ASCII, traditional →
   simplified Chinese (OpenCC ``t2s`` applied character by character, so the
   mapping is context-free and 1:1), and deletion of invisible characters
   (zero-width space/joiners, bidi marks, soft hyphen, variation selectors…).
   Full-width *punctuation* such as ``，`` is deliberately left alone: it is a
   real boundary and mapping it would only cost time.
2. **leetspeak** (``0→o 1→i 3→e 4→a 5→s 7→t @→a $→s``) only inside a token of
   ``[a-z0-9@$]`` that has a leet character next to a letter, so ``h4x0r`` →
   ``haxor`` while ``2024`` and ``8964`` stay numbers.  1:1, offsets unchanged.
3. **line breaks**: newlines and tabs become spaces (1:1), so a multi-word term
   survives hard-wrapped lines.
4. **CJK separators**: runs of 1–3 separator characters (space, ``- * . _ · ~
   | / \\ + # = ^``, newline…) *between two Han characters* are removed
   (``敏-感``, ``敏 感``, ``敏*感``, ``敏.感`` → ``敏感``).  Separators between
   Latin letters are never removed, so two real English words are never joined.

Steps 2-4 commute (4 treats a newline and a space alike), so the batch path
may run them in any order.

Speed: the table is compiled once into a regex character class; texts are
lower-cased with ``str.lower`` (C speed) and only the runs of characters that
actually need mapping go through ``str.translate``.  ASCII texts skip steps 1
and 3 entirely.  :func:`normalize_batch` normalises a whole record batch as
one joined string (NUL-separated), which removes the per-document Python
overhead.  The offset map is only built (per document, with the reference
implementation :func:`normalize_with_map`) when a document has a hit *and*
its length changed, which is rare.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from itertools import chain
from typing import Sequence

import numpy as np

#: Leet characters and what they stand for (inside letter tokens only).
LEET: dict[str, str] = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_LEET_TRANS = str.maketrans(LEET)
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@$")

#: Look-alike letters from other scripts (lower case, after case folding).
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ɡ": "g", "һ": "h",
    "ԛ": "q", "ԝ": "w", "ү": "y", "ӏ": "l", "ɩ": "i",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w", "ς": "s", "σ": "o", "μ": "u",
    # Latin look-alikes
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "ƅ": "b",
}

#: Typographic punctuation mapped 1:1 to ASCII (quotes, dashes, dots, spaces).
PUNCT: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "\u0060": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\ufe63": "-", "\uff0d": "-", "\u2043": "-",
    "\u2022": "·", "\u30fb": "·", "\uff65": "·", "\u2027": "·", "\u2219": "·", "\u22c5": "·",
    "\uff0a": "*", "\u2217": "*", "\uff0e": ".", "\uff3f": "_", "\uff5e": "~", "\u301c": "~", "\uff5c": "|",
    "\uff0f": "/", "\uff3c": "\\", "\uff0b": "+", "\uff03": "#", "\uff1d": "=", "\uff3e": "^",
}

#: Invisible characters that are letters or symbols by category but render as nothing.
INVISIBLE_EXTRA = "\u115f\u1160\u3164\uffa0\u2800\u180e\u034f"

#: Separators removed between two Han characters (after the character map).
SEPARATORS = " \t\r\n\x0b\x0c-*._·~|/\\+#=^'\"`"
_SEP_CLASS = "".join("\\" + c if c in "-\\^]'\"" else c for c in SEPARATORS)
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# the charset comes first so the regex engine can skip quickly to a separator
_RX_SEP = re.compile(f"[{_SEP_CLASS}](?<=[{HAN}][{_SEP_CLASS}])[{_SEP_CLASS}]{{0,2}}(?=[{HAN}])")
_RX_HAN = re.compile(f"[{HAN}]")
_LINE_BREAKS = "\n\t\r\f\v"


def _spaces(s: str) -> str:
    """Line breaks and tabs → spaces (1:1), so multi-word terms survive hard-wrapped lines.

    Runs of spaces are *not* collapsed: that changes offsets and costs a regex
    pass over every space of English text (halving throughput), for an evasion
    (double spaces inside a phrase) that the classifier covers better.
    """
    for c in _LINE_BREAKS:
        if c in s:
            s = s.replace(c, " ")
    return s
# a leet character next to a letter: the charset first, again for a fast scan
_RX_LEET_PROBE = re.compile(r"[0-9@$](?:(?<=[a-z][0-9@$])|(?=[a-z]))")
_RX_TOKEN_FWD = re.compile(r"[a-z0-9@$]*")

#: Character joining documents in :func:`normalize_batch` (kept by the map, never a term char).
DOC_SEP = "\x00"
_RX_DOC_SEP = re.compile(DOC_SEP)


def _char_class(chars: Sequence[str]) -> str:
    cps = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        a, b = cps[i], cps[j]
        parts.append(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}")
        i = j + 1
    return "[" + "".join(parts) + "]"


def _strip_marks(s: str) -> str:
    d = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(ch for ch in d if unicodedata.category(ch) not in ("Mn", "Me")))


def _char_map(c: str) -> str:
    """The context-free normalisation of one (already lower-cased) character."""
    if c in INVISIBLE_EXTRA:
        return ""
    cat = unicodedata.category(c)
    if cat in ("Cf", "Mn", "Me"):
        return ""
    if c in PUNCT:
        return PUNCT[c]
    if cat == "Zs":
        return " "
    x = unicodedata.normalize("NFKC", c)
    if cat[0] in "PS" and not any(ch.isalnum() for ch in x):
        # real punctuation stays as it is (，。！…): it is a boundary, not an evasion
        return c
    x = _strip_marks(x).casefold()
    x = "".join(HOMOGLYPHS.get(ch, PUNCT.get(ch, ch)) for ch in x)
    return x


@dataclass(frozen=True)
class _Tables:
    trans: dict[int, str]          # for str.translate
    rx_map: re.Pattern[str]        # runs of BMP characters that need mapping
    rx_lenchange: re.Pattern[str]  # characters whose mapping changes length


# one plain range: sre scans for it at memory speed
_RX_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_RX_ASTRAL_RUN = re.compile("[\U00010000-\U0010ffff]+")


_TABLES: _Tables | None = None
_LOCK = threading.Lock()


def _code_points():
    return chain(range(0x80, 0xD800), range(0xE000, 0x10000), range(0x1D400, 0x1D800),
                 range(0x1F100, 0x1F200), range(0xE0000, 0xE0080), range(0xE0100, 0xE01F0))


def _build_tables() -> _Tables:
    import opencc  # imported lazily: only needed to build the table once per process

    table: dict[str, str] = {}
    for cp in _code_points():
        c = chr(cp)
        x = _char_map(c)
        if x != c:
            table[c] = x
    # traditional → simplified, character by character (context-free, 1:1)
    han = [chr(cp) for cp in chain(range(0x3400, 0x4DC0), range(0x4E00, 0xA000), range(0xF900, 0xFB00))]
    src = [table.get(c, c) for c in han]
    out = opencc.OpenCC("t2s").convert("\n".join(src)).split("\n")
    if len(out) == len(src):
        for c, s, o in zip(han, src, out):
            if len(o) == 1 and o != s:
                table[c] = o
    # lower-case ASCII letters never need the table (str.lower did it)
    trans = {ord(k): v for k, v in table.items()}
    # BMP only: sre compiles a BMP class into a fast bitmap but scans a list of
    # ranges for a class with astral characters (8x slower); astral runs are
    # found with one plain range instead (_RX_ASTRAL_RUN) and translated whole
    rx_map = re.compile(_char_class([k for k in table if ord(k) < 0x10000]) + "+")
    lench = [k for k, v in table.items() if len(v) != 1]
    rx_len = re.compile(_char_class(lench)) if lench else re.compile("(?!x)x")
    return _Tables(trans, rx_map, rx_len)


def tables() -> _Tables:
    """The compiled character tables (built once per process, ~0.5 s)."""
    global _TABLES
    if _TABLES is None:
        with _LOCK:
            if _TABLES is None:
                _TABLES = _build_tables()
    return _TABLES


def _leet(s: str) -> str:
    """Map leet characters inside tokens that mix letters and leet characters (1:1)."""
    probe = _RX_LEET_PROBE.search(s)
    if probe is None:
        return s
    parts: list[str] = []
    last = 0
    n = len(s)
    while probe is not None:
        start = probe.start()
        while start > last and s[start - 1] in _TOKEN_CHARS:
            start -= 1
        end = _RX_TOKEN_FWD.match(s, probe.start()).end()
        parts.append(s[last:start])
        parts.append(s[start:end].translate(_LEET_TRANS))
        last = end
        probe = _RX_LEET_PROBE.search(s, last) if last < n else None
    parts.append(s[last:])
    return "".join(parts)


def _table_map(low: str, t: _Tables) -> str:
    """Apply the character table to a lower-cased, non-ASCII string."""
    trans = t.trans

    def repl(m: re.Match[str]) -> str:
        return m.group().translate(trans)

    out = t.rx_map.sub(repl, low)
    if _RX_ASTRAL.search(out) is not None:
        out = _RX_ASTRAL_RUN.sub(repl, out)
    return out


def _map_chars(s: str, t: _Tables) -> str:
    low = s.lower()
    if low.isascii():
        return low
    return _table_map(low, t)


def _remove_cjk_separators(s: str) -> str:
    if s.isascii() or _RX_HAN.search(s) is None:
        return s
    return _RX_SEP.sub("", s)


def normalize(text: str) -> str:
    """The normalised matching view of ``text`` (no offset map)."""
    t = tables()
    s = _map_chars(text, t)
    s = _spaces(_leet(s))
    return _remove_cjk_separators(s)


def normalize_with_map(text: str) -> tuple[str, np.ndarray | None]:
    """Normalise ``text`` and return ``(normalised, offsets)``.

    ``offsets[j]`` is the index in ``text`` of the character that produced
    normalised character ``j`` (length ``len(normalised) + 1``; the last entry
    is ``len(text)``).  ``offsets`` is ``None`` when the normalisation kept
    every character in place (identity map), which is the common case.
    """
    t = tables()
    low = text.lower()
    n = len(text)
    if len(low) == n:
        mapped = _map_chars(text, t)
        if len(mapped) == n:
            stage_a_idx = None
        else:
            lens = np.ones(n, dtype=np.int64)
            for m in t.rx_lenchange.finditer(low):
                lens[m.start()] = len(t.trans[ord(m.group())])
            stage_a_idx = np.repeat(np.arange(n, dtype=np.int64), lens)
    else:
        # a character whose lower case has another length (rare, e.g. "İ"): per character
        pieces: list[str] = []
        idx: list[int] = []
        for i, c in enumerate(text):
            for ch in c.lower():
                out = t.trans.get(ord(ch), ch)
                pieces.append(out)
                idx.extend([i] * len(out))
        mapped = "".join(pieces)
        stage_a_idx = np.asarray(idx, dtype=np.int64)
    s = _spaces(_leet(mapped))
    base = stage_a_idx
    if not s.isascii() and _RX_HAN.search(s) is not None:
        seps = list(_RX_SEP.finditer(s))
        if seps:
            keep = np.ones(len(s), dtype=bool)
            for m in seps:
                keep[m.start():m.end()] = False
            s = _RX_SEP.sub("", s)
            base = (base if base is not None else np.arange(len(keep), dtype=np.int64))[keep]
    if base is None:
        return s, None
    return s, np.append(base, n)


def span_to_original(offsets: np.ndarray | None, start: int, end: int) -> tuple[int, int]:
    """Map a normalised span ``[start, end)`` to original character offsets."""
    if offsets is None:
        return start, end
    return int(offsets[start]), int(offsets[end - 1]) + 1


@dataclass
class NormalizedBatch:
    """A batch of documents normalised as one NUL-joined string.

    ``starts[i]`` is where document ``i`` begins in ``text``; document ``i``
    ends at ``starts[i + 1] - 1`` (its NUL separator).  When ``changed`` is
    False no character moved anywhere in the batch, so normalised offsets are
    original offsets; otherwise a document's map comes from
    :func:`normalize_with_map` (only needed for documents with hits).
    """

    text: str
    starts: np.ndarray
    changed: bool

    def doc_of(self, positions: np.ndarray) -> np.ndarray:
        """Document index of each normalised position."""
        return np.searchsorted(self.starts, positions, side="right") - 1

    def segment(self, i: int) -> str:
        return self.text[int(self.starts[i]):int(self.starts[i + 1]) - 1]


def normalize_batch(texts: Sequence[str | None]) -> NormalizedBatch:
    """Normalise many documents at once (each step is one pass over a joined string).

    ``None`` texts count as empty.  NUL characters inside documents are
    replaced by spaces first (1:1, offsets unchanged) because NUL separates
    the documents.  ASCII documents skip the character table and the CJK
    separator step, so in a mostly-English batch only the non-ASCII documents
    pay for them.
    """
    n = len(texts)
    low = ["" if d is None else d.lower() for d in texts]
    joined = DOC_SEP.join(low)
    if joined.count(DOC_SEP) != max(n - 1, 0):
        low = [d.replace(DOC_SEP, " ") for d in low]
        joined = DOC_SEP.join(low)
    # lower() only ever lengthens a string (İ → i̇), so equal sums mean equal lengths
    changed = len(joined) != sum(len(d) for d in texts if d is not None) + max(n - 1, 0)
    if not joined.isascii():
        t = tables()
        non_ascii = [i for i, d in enumerate(low) if not d.isascii()]
        whole = len(non_ascii) * 4 > n * 3  # mostly non-ASCII (Chinese): map the whole string
        part = joined if whole else DOC_SEP.join([low[i] for i in non_ascii])
        changed = changed or t.rx_lenchange.search(part) is not None
        mapped = _table_map(part, t)
        if _RX_HAN.search(mapped) is not None:
            removed = _RX_SEP.sub("", mapped)
            changed = changed or len(removed) != len(mapped)
            mapped = removed
        if whole:
            joined = mapped
        else:
            for i, seg in zip(non_ascii, mapped.split(DOC_SEP)):
                low[i] = seg
            joined = DOC_SEP.join(low)
    s = _spaces(_leet(joined))
    starts = np.empty(n + 1, dtype=np.int64)
    starts[0] = 0
    if n:
        if changed:
            sep = np.fromiter((m.start() for m in _RX_DOC_SEP.finditer(s)), dtype=np.int64, count=n - 1)
            starts[1:-1] = sep + 1
        else:
            np.cumsum(np.fromiter(map(len, low[:-1]), dtype=np.int64, count=n - 1) + 1, out=starts[1:-1])
        starts[-1] = len(s) + 1
    return NormalizedBatch(s, starts, changed)
