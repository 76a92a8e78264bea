"""Build the shipped default keyword library from authored component lists.

The terms of ``keyword_libraries/default/terms/*.tsv`` are generated, not
hand-edited: each risk code's vocabulary lives in ``tools/terms/*.py`` as short
lists of harmful-act verbs, objects and phrase templates written by the gensafe
team.  Composing them here keeps the library reproducible and reviewable (a
reviewer reads a few hundred component words instead of ten thousand rows) and
guarantees a deterministic output: same components, byte-identical TSVs.

Run from the repository root::

    python keyword_libraries/tools/build_default.py
"""
from __future__ import annotations

import importlib
import re
import sys
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Iterable, Sequence

HERE = Path(__file__).resolve().parent
LIBRARY = HERE.parent / "default"
HEADER = "term\tcodes\tlang\tmode\tseverity\texceptions\tcooccur"
MODULES = ("a1_state", "a1_terror", "a1_sex_violence", "a1_false", "a1_illegal", "a2_discrimination", "a3_a4", "a4_abuse",
           "calls_and_offers", "requests")


@dataclass
class Term:
    term: str
    codes: tuple[str, ...]
    lang: str
    severity: int
    exceptions: str = ""
    cooccur: str = ""

    @property
    def mode(self) -> str:
        return "substring" if self.lang == "zh" else "word"

    def row(self) -> str:
        return "\t".join([self.term, ",".join(self.codes), self.lang, self.mode,
                          str(self.severity), self.exceptions, self.cooccur])


class Library:
    """Collects terms per (primary code, language); the first definition of a term wins.

    "A term" is the phrase together with its co-occurrence rule: the same act
    may be listed bare (severity 1-2, e.g. ``自制炸弹``) and again with a how-to
    marker rule at severity 3 (``自制炸弹`` near ``教你|如何…``).  Both rows are
    kept; the distinct-term counts still count the phrase once per code.
    """

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], dict[tuple[str, str], Term]] = {}

    def add(self, code: str, lang: str, terms: Iterable[str], severity: int, *,
            exceptions: str | Sequence[str] = "", cooccur: str = "",
            also: Sequence[str] = ()) -> None:
        if severity not in (1, 2, 3):
            raise ValueError(f"severity must be 1..3, got {severity}")
        if lang not in ("zh", "en"):
            raise ValueError(f"unknown language {lang}")
        exc = exceptions if isinstance(exceptions, str) else "|".join(exceptions)
        bucket = self.files.setdefault((code, lang), {})
        for t in terms:
            t = " ".join(t.split()) if lang == "en" else t.strip()
            if not t or (t, cooccur) in bucket:
                continue
            if "\t" in t or t.startswith("#"):
                raise ValueError(f"bad term {t!r}")
            bucket[(t, cooccur)] = Term(t, (code, *also), lang, severity, exc, cooccur)

    def count_nested_once(self) -> int:
        """Make a medium term inside a longer medium-or-strong term of the same codes count once.

        ``RiskRule`` makes a code a risk on two *distinct* severity-2 terms, so
        ``ethnic cleansing`` inside ``calls for ethnic cleansing`` (both 2) used
        to turn one mention into two hits and a removal - severity 3 in
        disguise.  Each longer term becomes an exception of the shorter one (a
        hit inside it does not count), so one mention is one hit.  Containment
        is judged on the matcher's normalised forms (whole words for English).
        Returns the number of terms that got exceptions.
        """
        from gensafe.keywords.library import normalize_terms

        terms = [t for bucket in self.files.values() for t in bucket.values()]
        norms = dict(zip((id(t) for t in terms), normalize_terms([t.term for t in terms])))
        by_code: dict[str, list[Term]] = {}
        for t in terms:
            if t.severity >= 2 and not t.cooccur:
                by_code.setdefault(t.codes[0], []).append(t)
        changed = 0
        for group in by_code.values():
            for short in group:
                if short.severity != 2:
                    continue
                s = norms[id(short)]
                pat = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)") if short.lang == "en" else None
                longer = [t.term for t in group if t is not short and len(norms[id(t)]) > len(s)
                          and set(short.codes) <= set(t.codes)
                          and (pat.search(norms[id(t)]) if pat else s in norms[id(t)])]
                if longer:
                    have = [e for e in short.exceptions.split("|") if e]
                    short.exceptions = "|".join(have + [x for x in longer if x not in have])
                    changed += 1
        return changed

    def write(self, out: Path) -> int:
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.tsv"):
            old.unlink()
        n = 0
        for (code, lang) in sorted(self.files):
            terms = self.files[(code, lang)]
            lines = [f"# {code} ({lang}) - generated by keyword_libraries/tools/build_default.py; do not edit by hand",
                     HEADER]
            lines += [t.row() for t in terms.values()]
            (out / f"{code}.{lang}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
            n += len(terms)
        return n


def cat(*parts: Iterable[str], sep: str = "") -> list[str]:
    """Cartesian concatenation: cat(["出售", "贩卖"], ["冰毒"]) -> ["出售冰毒", "贩卖冰毒"]."""
    return [sep.join(p) for p in product(*parts)]


def fill(templates: Iterable[str], *slots: Iterable[str]) -> list[str]:
    """Fill ``{}`` templates with every combination of slot values."""
    slot_lists = [list(s) for s in slots]
    return [t.format(*vals) for t in templates for vals in product(*slot_lists)]


def build() -> Library:
    lib = Library()
    sys.path.insert(0, str(HERE))
    for name in MODULES:
        importlib.import_module(f"terms.{name}").build(lib)
    lib.count_nested_once()
    return lib


def main() -> None:
    lib = build()
    n = lib.write(LIBRARY / "terms")
    print(f"wrote {n} rows in {len(lib.files)} files to {LIBRARY / 'terms'}")


if __name__ == "__main__":
    main()
