"""Keyword libraries as governed assets: loading, validation, coverage, import, diff.

A library is a folder::

    <library>/manifest.toml   name, version, updated = "YYYY-MM-DD", languages,
                              maintainer, licence, description
    <library>/terms/*.tsv     header ``term codes lang mode severity exceptions cooccur``

Every problem is reported with the file and line it comes from, because
libraries are edited by people and imported from third parties.  Counts are
taken *after* normalisation (the matcher's own normaliser) and deduplicated,
so ``Sex``, ``ＳＥＸ`` and ``s3x`` are one term, which is what B.1.1's
"at least 10,000 terms" can honestly mean.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from gensafe import taxonomy
from gensafe.keywords.normalize import DOC_SEP, normalize_batch

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

COLUMNS = ("term", "codes", "lang", "mode", "severity", "exceptions", "cooccur")
MODES = ("substring", "word")
LANGS = ("zh", "en")
#: space-delimited languages default to whole-word matching
DEFAULT_MODE = {"zh": "substring"}
MANIFEST_REQUIRED = ("name", "version", "updated", "languages", "maintainer", "licence")
MAX_AGE_DAYS = 7  # B.1.1: "updated at least once a week"
MIN_TOTAL = 10_000


class LibraryError(ValueError):
    """A library that cannot be loaded; the message names the file and line."""


@dataclass(frozen=True)
class Term:
    term: str
    codes: tuple[str, ...]
    lang: str
    mode: str
    severity: int
    exceptions: tuple[str, ...] = ()
    cooccur: tuple[str, ...] = ()
    window: int = 0
    source: str = ""      # "terms/A1d.zh.tsv:12"
    norm: str = ""        # the normalised term the automaton matches

    @property
    def code(self) -> str:
        """The primary risk code."""
        return self.codes[0]

    def row(self) -> list[str]:
        """The TSV row (canonical column order)."""
        co = "|".join(self.cooccur) + (f"@{self.window}" if self.cooccur else "")
        return [self.term, ",".join(self.codes), self.lang, self.mode, str(self.severity),
                "|".join(self.exceptions), co]

    def key(self) -> tuple[str, str]:
        return (self.norm, self.code)


@dataclass
class Manifest:
    name: str
    version: str
    updated: dt.date
    languages: list[str]
    maintainer: str
    licence: str
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "updated": self.updated.isoformat(),
                "languages": list(self.languages), "maintainer": self.maintainer,
                "licence": self.licence, "description": self.description}


@dataclass
class Library:
    path: Path
    manifest: Manifest
    terms: list[Term]
    #: rows whose (normalised term, primary code) repeats an earlier row
    duplicates: int = 0
    _hash: str | None = None

    @property
    def name(self) -> str:
        return self.manifest.name

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def content_hash(self) -> str:
        """sha256 over the manifest and the sorted canonical term rows.

        File layout, comments and row order do not change the hash; any change
        to a term, its codes, mode, severity, exceptions or co-occurrence does.
        """
        if self._hash is None:
            h = hashlib.sha256()
            h.update(json.dumps(self.manifest.as_dict(), sort_keys=True, ensure_ascii=False).encode())
            for row in sorted("\t".join(t.row()) for t in self.terms):
                h.update(b"\n")
                h.update(row.encode())
            self._hash = "sha256:" + h.hexdigest()
        return self._hash

    def counts(self) -> dict[str, dict[str, int]]:
        """Distinct normalised terms per primary code and language."""
        seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for t in self.terms:
            seen[t.code][t.lang].add(t.norm)
        return {code: {lang: len(s) for lang, s in by_lang.items()} for code, by_lang in seen.items()}

    def distinct_per_code(self) -> dict[str, int]:
        seen: dict[str, set[str]] = defaultdict(set)
        for t in self.terms:
            seen[t.code].add(t.norm)
        return {c: len(s) for c, s in seen.items()}

    def distinct_total(self) -> int:
        """Distinct normalised terms in the whole library (a term under two codes counts once)."""
        return len({t.norm for t in self.terms})

    def provenance(self) -> dict[str, str]:
        return {"keyword_library": self.name, "keyword_library_version": self.version,
                "keyword_library_hash": self.content_hash,
                "keyword_library_updated": self.manifest.updated.isoformat()}


# --------------------------------------------------------------------------- loading

def _parse_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise LibraryError(f"{where}: 'updated' must be a date YYYY-MM-DD, got {value!r}") from None


def load_manifest(path: Path) -> Manifest:
    mf = path / "manifest.toml"
    if not mf.is_file():
        raise LibraryError(f"{mf}: missing (a library needs manifest.toml and terms/*.tsv)")
    try:
        data = tomllib.loads(mf.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LibraryError(f"{mf}: invalid TOML: {exc}") from None
    if "licence" not in data and "license" in data:
        data["licence"] = data.pop("license")
    missing = [k for k in MANIFEST_REQUIRED if k not in data]
    if missing:
        raise LibraryError(f"{mf}: missing field(s) {', '.join(missing)}")
    langs = data["languages"]
    if not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
        raise LibraryError(f"{mf}: 'languages' must be a list of language codes")
    known = set(MANIFEST_REQUIRED) | {"description"}
    return Manifest(name=str(data["name"]), version=str(data["version"]),
                    updated=_parse_date(data["updated"], str(mf)), languages=list(langs),
                    maintainer=str(data["maintainer"]), licence=str(data["licence"]),
                    description=str(data.get("description", "")),
                    extra={k: v for k, v in data.items() if k not in known})


@dataclass
class _RawRow:
    term: str
    codes: tuple[str, ...]
    lang: str
    mode: str
    severity: int
    exceptions: tuple[str, ...]
    cooccur: tuple[str, ...]
    window: int
    source: str


_COOCCUR = re.compile(r"^(?P<terms>.+)@(?P<n>\d+)$")


def parse_row(fields: dict[str, str], where: str, default_lang: str | None = None) -> _RawRow:
    """Validate one TSV row (given as column → value); errors name ``where`` (file:line)."""
    term = (fields.get("term") or "").strip()
    if not term:
        raise LibraryError(f"{where}: empty term")
    if any(ch in term for ch in "\t\r\n"):
        raise LibraryError(f"{where}: term contains a tab or newline")
    codes = tuple(c.strip() for c in (fields.get("codes") or "").split(",") if c.strip())
    if not codes:
        raise LibraryError(f"{where}: term {term!r} has no risk code")
    for c in codes:
        if c not in taxonomy.BY_CODE:
            raise LibraryError(f"{where}: unknown risk code {c!r} (expected {taxonomy.CODES[0]} ... {taxonomy.CODES[-1]})")
    lang = (fields.get("lang") or default_lang or "").strip()
    if lang not in LANGS:
        raise LibraryError(f"{where}: unknown language {lang!r} (expected one of {', '.join(LANGS)})")
    mode = (fields.get("mode") or "").strip() or DEFAULT_MODE.get(lang, "word")
    if mode not in MODES:
        raise LibraryError(f"{where}: bad mode {mode!r} (expected substring or word)")
    sev_s = (fields.get("severity") or "").strip() or "2"
    try:
        severity = int(sev_s)
    except ValueError:
        severity = 0
    if severity not in (1, 2, 3):
        raise LibraryError(f"{where}: bad severity {sev_s!r} (expected 1, 2 or 3)")
    exc_s = (fields.get("exceptions") or "").strip()
    exceptions = tuple(e.strip() for e in exc_s.split("|") if e.strip()) if exc_s else ()
    co_s = (fields.get("cooccur") or "").strip()
    cooccur: tuple[str, ...] = ()
    window = 0
    if co_s:
        m = _COOCCUR.match(co_s)
        if not m:
            raise LibraryError(f"{where}: bad cooccur {co_s!r} (expected term2|term3|!veto@N)")
        cooccur = tuple(x.strip() for x in m.group("terms").split("|") if x.strip())
        window = int(m.group("n"))
        if not cooccur or window <= 0:
            raise LibraryError(f"{where}: bad cooccur {co_s!r} (need at least one term and N > 0)")
        if all(x.startswith("!") for x in cooccur) or any(x == "!" for x in cooccur):
            raise LibraryError(f"{where}: bad cooccur {co_s!r} (need at least one term without '!'; "
                               "'!term' only vetoes)")
    return _RawRow(term, codes, lang, mode, severity, exceptions, cooccur, window, where)


def _read_tsv(path: Path, rel: str) -> list[_RawRow]:
    rows: list[_RawRow] = []
    header: list[str] | None = None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LibraryError(f"{rel}: not UTF-8 ({exc})") from None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            unknown = [c for c in header if c not in COLUMNS]
            if header[:1] != ["term"] or unknown:
                raise LibraryError(f"{rel}:{lineno}: bad header {line!r}; expected the columns "
                                   f"{' '.join(COLUMNS)} (tab-separated), first 'term'")
            if "codes" not in header:
                raise LibraryError(f"{rel}:{lineno}: header lacks the 'codes' column")
            continue
        if len(cells) > len(header):
            raise LibraryError(f"{rel}:{lineno}: {len(cells)} fields but the header has {len(header)}")
        rows.append(parse_row(dict(zip(header, cells)), f"{rel}:{lineno}"))
    return rows


def normalize_terms(terms: Sequence[str]) -> list[str]:
    """Normalise many terms in one batch (the matcher's normaliser)."""
    if not terms:
        return []
    return normalize_batch(list(terms)).text.split(DOC_SEP)


def _finish(rows: list[_RawRow]) -> tuple[list[Term], int]:
    norms = normalize_terms([r.term for r in rows])
    terms: list[Term] = []
    seen: set[tuple[str, str]] = set()
    dups = 0
    for r, n in zip(rows, norms):
        n = n.strip()
        if not n:
            raise LibraryError(f"{r.source}: term {r.term!r} is empty after normalisation")
        key = (n, r.codes[0])
        if key in seen:
            dups += 1
        seen.add(key)
        terms.append(Term(r.term, r.codes, r.lang, r.mode, r.severity, r.exceptions, r.cooccur,
                          r.window, r.source, n))
    return terms, dups


def load_library(path: str | Path) -> Library:
    """Load and validate a library folder (raises :class:`LibraryError`)."""
    root = Path(path)
    if not root.is_dir():
        raise LibraryError(f"{root}: not a keyword library folder")
    manifest = load_manifest(root)
    files = sorted((root / "terms").glob("*.tsv")) if (root / "terms").is_dir() else []
    if not files:
        raise LibraryError(f"{root / 'terms'}: no *.tsv term files")
    rows: list[_RawRow] = []
    for f in files:
        rel = str(f.relative_to(root.parent)) if root.parent != f else str(f)
        for r in _read_tsv(f, rel):
            if r.lang not in manifest.languages:
                raise LibraryError(f"{r.source}: language {r.lang!r} is not in the manifest's "
                                   f"languages {manifest.languages}")
            rows.append(r)
    terms, dups = _finish(rows)
    return Library(root, manifest, terms, dups)


# --------------------------------------------------------------------------- B.1.1 check

@dataclass
class Compliance:
    as_of: dt.date
    age_days: int
    total: int
    total_pairs: int
    rows: list[dict[str, Any]]
    problems: list[str]

    @property
    def compliant(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {"compliant": self.compliant, "as_of": self.as_of.isoformat(), "age_days": self.age_days,
                "total_distinct_terms": self.total, "total_term_code_pairs": self.total_pairs,
                "min_total": MIN_TOTAL, "max_age_days": MAX_AGE_DAYS, "codes": self.rows,
                "problems": self.problems}


def check_compliance(lib: Library, as_of: dt.date | None = None) -> Compliance:
    """B.1.1: ≥ 10,000 terms, ≥ 200 per A.1 type, ≥ 100 per A.2 type, ≤ 7 days old."""
    as_of = as_of or dt.date.today()
    counts = lib.counts()
    per_code = lib.distinct_per_code()
    langs = lib.manifest.languages
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for rt in taxonomy.RISK_TYPES:
        n = per_code.get(rt.code, 0)
        ok = n >= rt.min_keywords_b11
        row = {"code": rt.code, "name": rt.name_en, "required": rt.min_keywords_b11, "total": n,
               "ok": ok, **{lang: counts.get(rt.code, {}).get(lang, 0) for lang in langs}}
        rows.append(row)
        if not ok:
            problems.append(f"{rt.code}: {n} distinct terms, B.1.1 requires at least {rt.min_keywords_b11}")
    total = lib.distinct_total()
    if total < MIN_TOTAL:
        problems.append(f"total: {total} distinct terms, B.1.1 requires at least {MIN_TOTAL}")
    age = (as_of - lib.manifest.updated).days
    if age > MAX_AGE_DAYS:
        problems.append(f"updated {lib.manifest.updated.isoformat()}: {age} days old as of "
                        f"{as_of.isoformat()}, B.1.1 requires an update at least every {MAX_AGE_DAYS} days")
    elif age < 0:
        problems.append(f"updated {lib.manifest.updated.isoformat()} is after the as-of date "
                        f"{as_of.isoformat()}: the library did not exist then")
    return Compliance(as_of, age, total, sum(per_code.values()), rows, problems)


# --------------------------------------------------------------------------- import

@dataclass
class ImportResult:
    path: Path
    added: int
    duplicates: int
    read: int


def read_word_list(file: str | Path) -> list[dict[str, str]]:
    """Read a plain word list (one term a line, ``#`` comments) or a CSV.

    A CSV whose header has a ``term`` column keeps its other known columns
    (codes, lang, mode, severity, exceptions, cooccur); any other CSV takes its
    first column as the term.  Returns rows as column → value, each with a
    ``_line`` entry for error messages.
    """
    p = Path(file)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LibraryError(f"{p}: no such file") from None
    except UnicodeDecodeError as exc:
        raise LibraryError(f"{p}: not UTF-8 ({exc})") from None
    out: list[dict[str, str]] = []
    if p.suffix.lower() in (".csv", ".tsv"):
        dialect = "excel-tab" if p.suffix.lower() == ".tsv" else "excel"
        reader = csv.reader(io.StringIO(text), dialect=dialect)
        rows = list(reader)
        if not rows:
            return out
        header = [h.strip().lower() for h in rows[0]]
        if "term" in header:
            body = rows[1:]
            start = 2
        else:
            header = ["term"]
            body = rows
            start = 1
        for i, r in enumerate(body, start):
            if not r or not "".join(r).strip() or r[0].startswith("#"):
                continue
            row = {h: v for h, v in zip(header, r) if h in COLUMNS}
            row["_line"] = str(i)
            out.append(row)
        return out
    for i, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        out.append({"term": s, "_line": str(i)})
    return out


def _safe_stem(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", s).strip("_") or "imported"


def import_terms(library: str | Path, file: str | Path, code: str, lang: str, *,
                 severity: int = 2, mode: str | None = None, touch: bool = True,
                 today: dt.date | None = None) -> ImportResult:
    """Import a word list or CSV into ``code`` as ``terms/<code>.<lang>.import-<name>.tsv``.

    Terms already in the library for that code (after normalisation) are
    skipped; an existing import file of the same name is extended.  With
    ``touch`` the manifest's ``updated`` date is set to today, because an
    import is an update of the library (B.1.1's weekly update).
    """
    taxonomy.validate_code(code)
    root = Path(library)
    lib = load_library(root)
    if lang not in lib.manifest.languages:
        raise LibraryError(f"language {lang!r} is not in the library's languages {lib.manifest.languages}")
    if mode is not None and mode not in MODES:
        raise LibraryError(f"bad mode {mode!r} (expected substring or word)")
    raw = read_word_list(file)
    rows: list[_RawRow] = []
    for r in raw:
        fields = {"codes": code, "lang": lang, "mode": mode or "", "severity": str(severity), **r}
        if "codes" in r and r["codes"].strip():
            fields["codes"] = r["codes"]
        fields.setdefault("mode", mode or "")
        rows.append(parse_row(fields, f"{file}:{r['_line']}", default_lang=lang))
    new_terms, _ = _finish(rows)
    existing = {t.key() for t in lib.terms}
    target = root / "terms" / f"{code}.{lang}.import-{_safe_stem(Path(file).stem)}.tsv"
    added: list[Term] = []
    dups = 0
    for t in new_terms:
        if t.key() in existing:
            dups += 1
            continue
        existing.add(t.key())
        added.append(t)
    if added:
        lines: list[str] = []
        if not target.exists():
            lines.append(f"# imported from {Path(file).name} into {code} ({lang}) on "
                         f"{(today or dt.date.today()).isoformat()}")
            lines.append("\t".join(COLUMNS))
        lines += ["\t".join(t.row()) for t in added]
        with target.open("a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        if touch:
            touch_manifest(root, today or dt.date.today())
    return ImportResult(target, len(added), dups, len(raw))


def touch_manifest(root: Path, day: dt.date) -> None:
    """Set ``updated`` in the manifest to ``day`` (keeps the rest of the file as written)."""
    mf = root / "manifest.toml"
    text = mf.read_text(encoding="utf-8")
    new, n = re.subn(r'(?m)^updated\s*=\s*.*$', f'updated = "{day.isoformat()}"', text, count=1)
    if n == 0:
        new = text.rstrip("\n") + f'\nupdated = "{day.isoformat()}"\n'
    mf.write_text(new, encoding="utf-8")


# --------------------------------------------------------------------------- diff

def diff_libraries(old: Library, new: Library) -> dict[str, Any]:
    """Added, removed and changed terms per primary risk code.

    Terms are keyed by (normalised term, primary code); a term is *changed*
    when its other fields (codes, language, mode, severity, exceptions,
    co-occurrence) differ.
    """
    def index(lib: Library) -> dict[tuple[str, str], Term]:
        out: dict[tuple[str, str], Term] = {}
        for t in lib.terms:
            out.setdefault(t.key(), t)
        return out

    a, b = index(old), index(new)
    per_code: dict[str, dict[str, list[Any]]] = defaultdict(lambda: {"added": [], "removed": [], "changed": []})
    for k in sorted(b.keys() - a.keys()):
        per_code[k[1]]["added"].append(b[k].term)
    for k in sorted(a.keys() - b.keys()):
        per_code[k[1]]["removed"].append(a[k].term)
    for k in sorted(a.keys() & b.keys()):
        ra, rb = a[k].row()[1:], b[k].row()[1:]
        if ra != rb:
            fields = [c for c, x, y in zip(COLUMNS[1:], ra, rb) if x != y]
            per_code[k[1]]["changed"].append({"term": b[k].term, "fields": fields,
                                              "old": dict(zip(COLUMNS[1:], ra)),
                                              "new": dict(zip(COLUMNS[1:], rb))})
    codes = {c: per_code[c] for c in taxonomy.CODES if c in per_code}
    return {"old": {"name": old.name, "version": old.version, "hash": old.content_hash},
            "new": {"name": new.name, "version": new.version, "hash": new.content_hash},
            "codes": codes,
            "summary": {k: sum(len(v[k]) for v in codes.values()) for k in ("added", "removed", "changed")}}


def iter_rows(terms: Iterable[Term]) -> Iterable[str]:
    for t in terms:
        yield "\t".join(t.row())
