"""Licence policy: may this data be used for training under its licence?

GB/T 45654-2025 §4.1.3 a) asks that open-source data be used within its
licence, and B.2.1.1.3 b) has an auditor check at least 10 % of the
open-source datasets.  Licences arrive as SPDX expressions, often compound
(``MIT OR GPL-3.0-only``, ``CC-BY-4.0 AND ODbL-1.0``), so a verdict must be
computed over the expression tree, not looked up as a string:

* ``A OR B``  - the licensee may choose, so the *best* verdict counts;
* ``A AND B`` - both bind, so the *worst* verdict counts and conditions add up;
* ``A WITH E`` - the policy may name the combination; otherwise the base
  licence's verdict counts and the exception is noted in the condition.

A missing, unparseable or unlisted licence is ``unknown`` and not allowed,
unless the source registry references an authorisation (or contract) for
the source.  The policy file format is documented in ``docs/provenance.md``.
"""
from __future__ import annotations

import fnmatch
import hashlib
import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

from license_expression import (
    AND,
    OR,
    ExpressionError,
    LicenseSymbol,
    LicenseWithExceptionSymbol,
)

from gensafe.source_registry import spdx_licensing

DEFAULT_POLICY_PATH = Path(__file__).resolve().parent.parent / "data" / "license_policy.toml"

VERDICTS = ("allowed", "conditional", "forbidden", "unknown")
#: rank used to combine verdicts: OR takes the max, AND the min
_RANK = {"forbidden": 0, "unknown": 1, "conditional": 2, "allowed": 3}

class LicensePolicyError(Exception):
    """A user error in a licence policy file (names the file and the key)."""


@dataclass(frozen=True)
class PolicyEntry:
    verdict: str
    condition: str = ""
    authorizable: bool = False


@dataclass(frozen=True)
class LicenseVerdict:
    """The outcome for one licence expression (or for its absence)."""

    expr: str
    verdict: str
    condition: str
    ok: bool
    reason: str


@dataclass
class LicensePolicy:
    """Licence ids and patterns mapped to verdicts; see module docstring."""

    path: str
    version: str
    hash: str
    exact: dict[str, PolicyEntry] = field(default_factory=dict)
    patterns: list[tuple[str, PolicyEntry]] = field(default_factory=list)

    # -- lookup --------------------------------------------------------
    def entry(self, key: str, patterns: bool = True) -> PolicyEntry | None:
        """Policy entry for one licence id: exact match, else the longest matching pattern."""
        k = key.lower()
        if k in self.exact or not patterns:
            return self.exact.get(k)
        for pat, entry in self.patterns:  # sorted longest first
            if fnmatch.fnmatchcase(k, pat):
                return entry
        return None

    # -- evaluation ----------------------------------------------------
    def evaluate(self, expr: str | None, authorizations: Iterable[str] = ()) -> LicenseVerdict:
        """Verdict for an SPDX expression; ``authorizations`` are registry references
        (authorisation documents or contracts) that can lift unknown/authorizable verdicts."""
        auths = [a for a in authorizations if a]
        text = (expr or "").strip()
        if not text:
            return _authorise(LicenseVerdict("", "unknown", "", False, "no licence on document or source"), auths)
        try:
            tree = spdx_licensing().parse(text, validate=False)
        except ExpressionError as exc:
            return _authorise(
                LicenseVerdict(text, "unknown", "", False, f"unparseable licence expression {text!r}: {exc}"), auths)
        if tree is None:
            return _authorise(LicenseVerdict(text, "unknown", "", False, "empty licence expression"), auths)
        verdict, conds, authorizable, why = self._eval(tree)
        condition = ", ".join(dict.fromkeys(a.strip() for c in conds if c for a in c.split(",") if a.strip()))
        norm = str(tree)
        ok = verdict in ("allowed", "conditional")
        reason = f"{norm}: {verdict}" + (f" ({condition})" if condition else "") + (f"; {why}" if why else "")
        result = LicenseVerdict(norm, verdict, condition, ok, reason)
        if not ok and (verdict == "unknown" or authorizable):
            result = _authorise(result, auths)
        return result

    def _eval(self, node: Any) -> tuple[str, list[str], bool, str]:
        """(verdict, conditions, authorizable, explanation) of one expression node."""
        if isinstance(node, LicenseWithExceptionSymbol):
            full = f"{node.license_symbol.key} WITH {node.exception_symbol.key}"
            entry = self.entry(full, patterns=False)
            if entry is not None:
                return entry.verdict, [entry.condition], entry.authorizable, ""
            v, conds, auth, why = self._eval(node.license_symbol)
            return v, conds + [f"exception {node.exception_symbol.key}"], auth, why
        if isinstance(node, LicenseSymbol):
            entry = self.entry(node.key)
            if entry is None:
                return "unknown", [], True, f"{node.key} is not in the licence policy"
            return entry.verdict, [entry.condition], entry.authorizable, ""
        if isinstance(node, (AND, OR)):
            parts = [self._eval(a) for a in node.args]
            if isinstance(node, OR):
                # the best option; among equally good ones the one with fewest conditions
                best = max(parts, key=lambda p: (_RANK[p[0]], -len([c for c in p[1] if c])))
                return best
            worst = min(_RANK[p[0]] for p in parts)
            verdict = next(v for v, r in _RANK.items() if r == worst)
            conds = [c for p in parts for c in p[1]]
            auth = all(p[2] for p in parts if _RANK[p[0]] < _RANK["conditional"])
            why = "; ".join(p[3] for p in parts if p[3])
            return verdict, conds, auth, why
        return "unknown", [], True, f"unsupported licence expression node {node!r}"


def _authorise(v: LicenseVerdict, auths: list[str]) -> LicenseVerdict:
    if not auths:
        return v
    refs = ", ".join(auths)
    return LicenseVerdict(v.expr, v.verdict, (v.condition + "; " if v.condition else "") + f"authorised by {refs}",
                          True, f"{v.reason}; lifted by registry authorisation {refs}")


def _entry_from(value: Any, where: str) -> PolicyEntry:
    if isinstance(value, str):
        value = {"verdict": value}
    if not isinstance(value, dict):
        raise LicensePolicyError(f"{where}: expected a verdict string or a table, got {value!r}")
    unknown = sorted(set(value) - {"verdict", "condition", "authorizable"})
    if unknown:
        raise LicensePolicyError(f"{where}: unknown field(s) {unknown}; known: verdict, condition, authorizable")
    verdict = value.get("verdict")
    if verdict not in VERDICTS:
        raise LicensePolicyError(f"{where}: verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    condition = value.get("condition", "")
    if not isinstance(condition, str):
        raise LicensePolicyError(f"{where}: condition must be a string")
    authorizable = value.get("authorizable", False)
    if not isinstance(authorizable, bool):
        raise LicensePolicyError(f"{where}: authorizable must be true or false")
    return PolicyEntry(verdict, condition, authorizable)


def parse_policy(text: str, path: str = "<policy>") -> LicensePolicy:
    """Validate policy TOML text; raises :class:`LicensePolicyError` naming file and key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LicensePolicyError(f"{path}: invalid TOML: {exc}") from None
    unknown = sorted(set(data) - {"version", "licenses"})
    if unknown:
        raise LicensePolicyError(f"{path}: unknown top-level key(s) {unknown}; expected 'version' and [licenses]")
    table = data.get("licenses")
    if not isinstance(table, dict) or not table:
        raise LicensePolicyError(f"{path}: no [licenses] table")
    policy = LicensePolicy(path=path, version=str(data.get("version", "")),
                           hash=hashlib.sha256(text.encode("utf-8")).hexdigest())
    patterns = []
    for key, value in table.items():
        entry = _entry_from(value, f"{path}: [licenses] {key!r}")
        if any(ch in key for ch in "*?["):
            patterns.append((key.lower(), entry))
        else:
            policy.exact[key.lower()] = entry
    policy.patterns = sorted(patterns, key=lambda p: -len(p[0]))
    return policy


def load_policy(path: str | Path | None = None) -> LicensePolicy:
    """Load a policy file; ``None`` loads the shipped default policy."""
    p = Path(path) if path else DEFAULT_POLICY_PATH
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise LicensePolicyError(f"{p}: cannot read licence policy ({exc.strerror})") from None
    return parse_policy(text, str(p))


def effective_license(doc_license: str | None, source_license: str | None) -> str:
    """The licence that governs a document: its own field wins over its source's."""
    if doc_license and doc_license.strip():
        return doc_license.strip()
    return (source_license or "").strip()


def sample_open_source(registry: Any, seed: int = 0, fraction: float = 0.10,
                       policy: LicensePolicy | None = None) -> list[dict[str, Any]]:
    """B.2.1.1.3 b): a seeded random sample of at least ``fraction`` of the
    open-source datasets in the registry, each with its licence verdict.

    The sample is drawn from the ids in sorted order, so it depends only on
    the registry content and the seed.
    """
    from gensafe.provenance.sources import iter_sources

    policy = policy or load_policy()
    open_sources = sorted((s for s in iter_sources(registry) if s.kind == "open_source"), key=lambda s: s.id)
    if not open_sources:
        return []
    n = max(1, math.ceil(fraction * len(open_sources) - 1e-9))
    chosen = random.Random(seed).sample(open_sources, n)
    rows = []
    for s in sorted(chosen, key=lambda s: s.id):
        v = policy.evaluate(s.license, list(s.authorizations) + list(s.contracts))
        rows.append({"source_id": s.id, "license": s.license or "", "license_expr": v.expr,
                     "license_verdict": v.verdict, "license_condition": v.condition, "license_ok": v.ok,
                     "license_reason": v.reason, "population": len(open_sources), "seed": seed})
    return rows
