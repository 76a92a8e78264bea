"""Annotation rules as a versioned TOML file, and their check against §4.3.2 / B.2.1.3.2.

The checker reads what B.2.1.3.2 asks an auditor to find in the rules:
a) objectives, data formats, methods and quality indicators; b) separate
functional and safety rules, each with an execution and a review stage;
c) functional rules on authenticity, accuracy, objectivity and diversity;
d) safety rules on the major risks (every group A.1–A.5 addressed); e) the
safety rules cover every risk code of Appendix A — derived from
:mod:`gensafe.taxonomy`, the one list of codes; and, for B.2.1.3.3 a), a
spot-check system with handling for functional batches and a full review
for safety items.  It checks presence and substance (non-empty text), not
whether the text is good: that stays the auditor's judgement.

``gensafe annotate rules-template`` prints a template written by the
gensafe team that a provider can adopt and adapt (``gensafe/data/
annotation_rules.toml``).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from gensafe.annotation.schema import AnnotationError, now, transactional
from gensafe.taxonomy import CODES, GROUPS, RISK_TYPES

TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "annotation_rules.toml"
CONTENT_KEYS = ("objectives", "data_formats", "methods", "quality_indicators")
STAGES = ("execution", "review")
PRINCIPLES = ("authenticity", "accuracy", "objectivity", "diversity")
MIN_GUIDANCE_CHARS = 8


@dataclass
class RuleCheck:
    expected: str  # the B.2.1.3 expected result it serves, e.g. "B.2.1.3.2 a)"
    name: str
    ok: bool
    detail: str
    optional: bool = False

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class RulesReport:
    path: str
    version: str
    issued: str | None
    sha256: str
    checks: list[RuleCheck] = field(default_factory=list)
    spot_sample_size: int | None = None
    spot_min_accuracy: float | None = None
    missing_codes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """All required checks pass (e) is optional in B.2.1.3.2.3, reported but not required)."""
        return all(c.ok for c in self.checks if not c.optional)

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "version": self.version, "issued": self.issued, "sha256": self.sha256,
                "ok": self.ok, "missing_codes": self.missing_codes, "spot_sample_size": self.spot_sample_size,
                "spot_min_accuracy": self.spot_min_accuracy, "checks": [c.as_dict() for c in self.checks]}


def _filled(v: Any) -> bool:
    return isinstance(v, str) and len(v.strip()) >= MIN_GUIDANCE_CHARS


def _section(doc: dict[str, Any], name: str) -> dict[str, Any]:
    v = doc.get(name)
    return v if isinstance(v, dict) else {}


def load_rules(path: str) -> tuple[dict[str, Any], str]:
    """Parse a rules file; a one-line error naming the file (and line, for TOML syntax) otherwise."""
    if not os.path.isfile(path):
        raise AnnotationError(f"{path}: no such file")
    data = Path(path).read_bytes()
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise AnnotationError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise AnnotationError(f"{path}: invalid TOML: {exc}") from None
    return doc, hashlib.sha256(data).hexdigest()


def check_rules(path: str) -> RulesReport:
    """Check a rules file against B.2.1.3.2 a)–e) and B.2.1.3.3 a)."""
    doc, digest = load_rules(path)
    meta = _section(doc, "rules")
    version = meta.get("version")
    if not isinstance(version, str) or not version.strip():
        raise AnnotationError(f"{path}: [rules] version is missing (rules are versioned: §4.3.2, B.2.1.3.2)")
    issued = meta.get("issued")
    rep = RulesReport(path=path, version=version.strip(), issued=str(issued) if issued is not None else None,
                      sha256=digest)
    func, safe = _section(doc, "functional"), _section(doc, "safety")

    # a) content
    missing = [f"{s}.{k}" for s, sec in (("functional", func), ("safety", safe)) for k in CONTENT_KEYS
               if not _filled(sec.get(k))]
    rep.checks.append(RuleCheck("B.2.1.3.2 a)", "objectives, data formats, methods, quality indicators",
                                not missing, "missing or empty: " + ", ".join(missing) if missing else
                                "present in both the functional and the safety rules"))
    # b) separate rules, execution and review stages
    problems = [f"[{s}] section missing" for s, sec in (("functional", func), ("safety", safe)) if not sec]
    problems += [f"{s}.stages.{st}" for s, sec in (("functional", func), ("safety", safe)) if sec
                 for st in STAGES if not _filled(_section(sec, "stages").get(st))]
    rep.checks.append(RuleCheck("B.2.1.3.2 b)", "separate functional and safety rules, execution and review stages",
                                not problems, "missing: " + ", ".join(problems) if problems else
                                "separate [functional] and [safety] rules, each with execution and review stages"))
    # c) functional principles
    pr = _section(func, "principles")
    gaps = [p for p in PRINCIPLES if not _filled(pr.get(p))]
    rep.checks.append(RuleCheck("B.2.1.3.2 c)", "functional rules on authenticity, accuracy, objectivity, diversity",
                                not gaps, "functional.principles lacks " + ", ".join(gaps) if gaps else
                                "all four principles described"))
    # d) + e) safety rules per risk code, codes from the taxonomy
    risks = _section(safe, "risks")
    unknown = sorted(k for k in risks if k not in CODES)
    covered = {c for c in CODES if _filled(risks.get(c))}
    rep.missing_codes = [c for c in CODES if c not in covered]
    groups_missing = [g for g in GROUPS if not any(r.code in covered for r in RISK_TYPES if r.group == g)]
    d_ok = not groups_missing and not unknown
    detail = []
    if groups_missing:
        detail.append("no guidance for risk group(s) " + ", ".join(groups_missing))
    if unknown:
        detail.append("unknown risk code(s) " + ", ".join(unknown) + " (expected A1a … A5b)")
    rep.checks.append(RuleCheck("B.2.1.3.2 d)", "safety rules on the major risks of training data and generated "
                                "content", d_ok, "; ".join(detail) if detail else
                                f"guidance for every risk group {', '.join(GROUPS)}"))
    rep.checks.append(RuleCheck("B.2.1.3.2 e)", f"safety rules cover all {len(CODES)} risk types of Appendix A",
                                not rep.missing_codes,
                                f"{len(covered)} of {len(CODES)} covered; missing " + ", ".join(rep.missing_codes)
                                if rep.missing_codes else f"all {len(CODES)} codes have guidance", optional=True))
    # B.2.1.3.3 a) spot-check system with handling; full review of safety items
    sc = _section(func, "spot_check")
    size, acc = sc.get("sample_size"), sc.get("min_accuracy")
    bad = []
    if not (isinstance(size, int) and not isinstance(size, bool) and size > 0):
        bad.append("functional.spot_check.sample_size (a positive whole number per batch)")
    else:
        rep.spot_sample_size = size
    if not (isinstance(acc, (int, float)) and not isinstance(acc, bool) and 0 < acc <= 1):
        bad.append("functional.spot_check.min_accuracy (a share in (0, 1])")
    else:
        rep.spot_min_accuracy = float(acc)
    bad += [f"functional.spot_check.{k}" for k in ("method", "on_inaccurate", "on_illegal") if not _filled(sc.get(k))]
    rv = _section(safe, "review")
    if rv.get("full_review") is not True:
        bad.append("safety.review.full_review = true")
    mr = rv.get("min_reviewers")
    if not (isinstance(mr, int) and not isinstance(mr, bool) and mr >= 1):
        bad.append("safety.review.min_reviewers (≥ 1)")
    if not _filled(rv.get("method")):
        bad.append("safety.review.method")
    rep.checks.append(RuleCheck("B.2.1.3.3 a)", "functional spot-check system with handling; full review of safety "
                                "items", not bad, "missing or invalid: " + "; ".join(bad) if bad else
                                f"spot check of {size} items per batch, accuracy ≥ {acc}, re-annotation and "
                                f"invalidation described; every safety item reviewed by ≥ {mr} reviewer(s)"))
    return rep


@transactional
def record_rules(con: duckdb.DuckDBPyConnection, path: str) -> tuple[RulesReport, bool]:
    """Check and record a rules version (with its checks) so batches and the report can refer to it.

    A version already recorded with other content is refused: a changed rules
    file gets a new version.  Returns the check and whether it was new.
    """
    rep = check_rules(path)
    row = con.execute("SELECT rules_sha256 FROM annot_rules WHERE rules_version = ?", [rep.version]).fetchone()
    if row is not None:
        if row[0] != rep.sha256:
            raise AnnotationError(f"{path}: rules version {rep.version!r} is already recorded with other content; "
                                  "give the changed rules a new version")
        return rep, False
    con.execute("INSERT INTO annot_rules VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [rep.version, rep.sha256, os.path.abspath(path), rep.issued, rep.ok, rep.spot_sample_size,
                 rep.spot_min_accuracy, now()])
    con.executemany("INSERT INTO annot_rules_checks VALUES (?, ?, ?, ?, ?, ?)",
                    [[rep.version, c.expected, c.name, c.optional, c.ok, c.detail] for c in rep.checks])
    return rep, True


def template_text() -> str:
    """The rules template shipped with gensafe (written by the gensafe team, CC0)."""
    return TEMPLATE.read_text(encoding="utf-8")
