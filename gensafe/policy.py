"""The one decision step: declarative rules over the stages' annotations.

Keeping the verdict out of the stages means a user can change what removes a
document (keywords alone? only with classifier agreement?) in the pipeline
file, and an auditor can read the rule that removed any document from its
``reasons``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from gensafe.errors import ConfigError
from gensafe.stages.base import append_columns
from gensafe.taxonomy import BY_CODE, GROUP_OF, GROUPS, is_unsafe


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
        if r.get("match", "code") not in ("code", "group", "any"):
            raise PolicyError(f"{w}: match must be 'code', 'group' or 'any'")
        if r.get("confirm") and not r.get("risks"):
            raise PolicyError(f"{w}: 'confirm' only applies to a 'risks' rule")
        for c in r.get("codes", []) or []:
            if c not in BY_CODE and c not in GROUPS:
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
        return [c for c in codes if c in self.codes or GROUP_OF.get(c) in self.codes]


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
        """Append ``decision``, ``reasons``, ``risk_codes`` and ``unsafe``.

        Rows no rule can touch (no risk codes, no failed flag) are decided in
        bulk with Arrow; the rules run in Python only on the few rows that
        carry an annotation.
        """
        self.check_columns(batch.schema.names)
        n = batch.num_rows
        touched = None
        for rule in self.rules:
            if rule.flag:
                m = pc.fill_null(pc.equal(batch.column(rule.flag), False), False)
            else:
                m = pc.fill_null(pc.greater(pc.list_value_length(batch.column(rule.risks)), 0), False)
            touched = m if touched is None else pc.or_(touched, m)
        rows = pc.indices_nonzero(touched).to_pylist() if touched is not None else []
        if not rows:
            return append_columns(batch, {
                "decision": pa.repeat(pa.scalar("kept", pa.string()), n),
                "reasons": _empty_lists(n),
                "risk_codes": _empty_lists(n),
                "unsafe": pa.array(np.zeros(n, dtype=bool)),
            })
        sub = batch.take(pa.array(rows, pa.int64()))
        m = len(rows)
        reasons: list[list[str]] = [[] for _ in range(m)]
        risks: list[list[str]] = [[] for _ in range(m)]
        cache: dict[str, list[Any]] = {}

        def col(name: str) -> list[Any]:
            if name not in cache:
                cache[name] = sub.column(name).to_pylist()
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
                    if rule.match == "any":  # any confirming code will do (e.g. the any-unsafe head's gate)
                        codes = codes if other else []
                    elif rule.match == "group":
                        groups = {GROUP_OF.get(c) for c in other} - {None}
                        codes = [c for c in codes if GROUP_OF.get(c) in groups]
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
        none: list[str] = []
        all_reasons: list[list[str]] = [none] * n
        all_risks: list[list[str]] = [none] * n
        decision = ["kept"] * n
        unsafe = np.zeros(n, dtype=bool)
        for j, i in enumerate(rows):
            all_reasons[i] = reasons[j]
            all_risks[i] = sorted(risks[j])
            if reasons[j]:
                decision[i] = "removed"
            unsafe[i] = is_unsafe(risks[j])
        return append_columns(batch, {
            "decision": pa.array(decision, pa.string()),
            "reasons": pa.array(all_reasons, pa.list_(pa.string())),
            "risk_codes": pa.array(all_risks, pa.list_(pa.string())),
            "unsafe": pa.array(unsafe),
        })


def _empty_lists(n: int) -> pa.Array:
    """``n`` empty ``list<string>`` values, built without a Python list per row."""
    return pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], pa.string()))
