"""The one decision step: declarative rules over the stages' annotations.

Keeping the verdict out of the stages means a user can change what removes a
document (keywords alone? only with classifier agreement?) in the pipeline
file, and an auditor can read the rule that removed any document from its
``reasons``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import pyarrow as pa

from gensafe.config import ConfigError
from gensafe.stages.base import append_columns
from gensafe.taxonomy import BY_CODE, UNSAFE_CODES


class PolicyError(ConfigError):
    """A policy rule that cannot be applied to the batches the stages produce."""


_RULE_KEYS = {"reason", "risks", "confirm", "match", "flag", "codes"}


def validate_rules(rules: Any, where: str = "policy.remove") -> None:
    if not isinstance(rules, list):
        raise PolicyError(f"{where} must be a list of [[policy.remove]] tables")
    for i, r in enumerate(rules):
        w = f"{where}[{i}]"
        if not isinstance(r, dict):
            raise PolicyError(f"{w} must be a table")
        unknown = set(r) - _RULE_KEYS
        if unknown:
            raise PolicyError(f"{w}: unknown key(s) {sorted(unknown)}; known: {sorted(_RULE_KEYS)}")
        if not r.get("reason"):
            raise PolicyError(f"{w}: needs a 'reason'")
        if bool(r.get("risks")) == bool(r.get("flag")):
            raise PolicyError(f"{w}: needs exactly one of 'risks' (a list column) or 'flag' (a bool column)")
        if r.get("match", "code") not in ("code", "group"):
            raise PolicyError(f"{w}: match must be 'code' or 'group'")
        if r.get("confirm") and not r.get("risks"):
            raise PolicyError(f"{w}: 'confirm' only applies to a 'risks' rule")
        for c in r.get("codes", []) or []:
            if c not in BY_CODE and c not in {"A1", "A2", "A3", "A4", "A5"}:
                raise PolicyError(f"{w}: unknown risk code or group {c!r}")


@dataclass(frozen=True)
class Rule:
    reason: str
    risks: str | None = None
    confirm: str | None = None
    match: str = "code"
    flag: str | None = None
    codes: tuple[str, ...] = ()

    def columns(self) -> list[str]:
        return [c for c in (self.risks, self.confirm, self.flag) if c]

    def _limit(self, codes: Iterable[str]) -> list[str]:
        if not self.codes:
            return list(codes)
        return [c for c in codes if c in self.codes or c[:2] in self.codes]


DECISION_FIELDS = [
    pa.field("decision", pa.string()),
    pa.field("reasons", pa.list_(pa.string())),
    pa.field("risk_codes", pa.list_(pa.string())),
    pa.field("unsafe", pa.bool_()),
]


class Policy:
    def __init__(self, rules: list[dict[str, Any]]) -> None:
        validate_rules(rules)
        self.rules = [Rule(reason=r["reason"], risks=r.get("risks"), confirm=r.get("confirm"),
                           match=r.get("match", "code"), flag=r.get("flag"),
                           codes=tuple(r.get("codes", []) or ())) for r in rules]

    def required_columns(self) -> set[str]:
        return {c for r in self.rules for c in r.columns()}

    def check_columns(self, available: Iterable[str]) -> None:
        missing = sorted(self.required_columns() - set(available))
        if missing:
            raise PolicyError(
                f"policy refers to column(s) {missing} that no stage produces; "
                f"available: {sorted(set(available))}")

    def decide(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        """Append ``decision``, ``reasons``, ``risk_codes`` and ``unsafe``."""
        self.check_columns(batch.schema.names)
        n = batch.num_rows
        reasons: list[list[str]] = [[] for _ in range(n)]
        risks: list[list[str]] = [[] for _ in range(n)]
        cache: dict[str, list[Any]] = {}

        def col(name: str) -> list[Any]:
            if name not in cache:
                cache[name] = batch.column(name).to_pylist()
            return cache[name]

        for rule in self.rules:
            if rule.flag:
                for i, ok in enumerate(col(rule.flag)):
                    if ok is False:
                        reasons[i].append(rule.reason)
                continue
            base = col(rule.risks)  # type: ignore[arg-type]
            conf = col(rule.confirm) if rule.confirm else None
            for i, codes in enumerate(base):
                if not codes:
                    continue
                codes = rule._limit(codes)
                if conf is not None:
                    other = conf[i] or []
                    if rule.match == "group":
                        groups = {c[:2] for c in other}
                        codes = [c for c in codes if c[:2] in groups]
                    else:
                        codes = [c for c in codes if c in other]
                if not codes:
                    continue
                for c in codes:
                    tag = f"{rule.reason}:{c}"
                    if tag not in reasons[i]:
                        reasons[i].append(tag)
                    if c not in risks[i]:
                        risks[i].append(c)
        decision = ["removed" if r else "kept" for r in reasons]
        unsafe = [any(c in UNSAFE_CODES for c in r) for r in risks]
        return append_columns(batch, {
            "decision": pa.array(decision, pa.string()),
            "reasons": pa.array(reasons, pa.list_(pa.string())),
            "risk_codes": pa.array([sorted(r) for r in risks], pa.list_(pa.string())),
            "unsafe": pa.array(unsafe, pa.bool_()),
        })
