"""The one decision step (gensafe/policy.py), tested on hand-built batches."""
from __future__ import annotations

import pyarrow as pa
import pytest

from gensafe.errors import ConfigError
from gensafe.policy import Policy, PolicyError, validate_rules

LIST = pa.list_(pa.string())


def _batch(**cols: list) -> pa.RecordBatch:
    n = len(next(iter(cols.values())))
    arrays = {"doc_id": pa.array([f"d{i}" for i in range(n)])}
    for name, values in cols.items():
        arrays[name] = pa.array(values, LIST if name.endswith("_risks") else pa.bool_())
    return pa.RecordBatch.from_pydict(arrays)


def _decide(rules: list[dict], **cols: list) -> list[dict]:
    out = Policy(rules).decide(_batch(**cols)).to_pylist()
    return [{k: r[k] for k in ("decision", "reasons", "risk_codes", "unsafe")} for r in out]


def test_risks_rule_removes_per_code_and_marks_unsafe() -> None:
    got = _decide([{"reason": "kw", "risks": "kw_risks"}], kw_risks=[["A1d", "A2e"], [], None, ["A5a"]])
    assert got[0] == {"decision": "removed", "reasons": ["kw:A1d", "kw:A2e"], "risk_codes": ["A1d", "A2e"],
                      "unsafe": True}
    assert got[1] == got[2] == {"decision": "kept", "reasons": [], "risk_codes": [], "unsafe": False}
    # A.5 codes remove but do not count against the qualified rate
    assert got[3] == {"decision": "removed", "reasons": ["kw:A5a"], "risk_codes": ["A5a"], "unsafe": False}


def test_confirm_by_code_and_by_group() -> None:
    weak = [["A1d"], ["A1d"], ["A2e"]]
    conf = [["A1d"], ["A1a"], ["A1a"]]
    by_code = _decide([{"reason": "w", "risks": "w_risks", "confirm": "c_risks"}], w_risks=weak, c_risks=conf)
    assert [r["decision"] for r in by_code] == ["removed", "kept", "kept"]
    by_group = _decide([{"reason": "w", "risks": "w_risks", "confirm": "c_risks", "match": "group"}],
                       w_risks=weak, c_risks=conf)
    assert [r["reasons"] for r in by_group] == [["w:A1d"], ["w:A1d"], []]


def test_confirm_by_any_code() -> None:
    got = _decide([{"reason": "w", "risks": "w_risks", "confirm": "c_risks", "match": "any"}],
                  w_risks=[["A1d"], ["A1d"]], c_risks=[["A2e"], []])
    assert [r["reasons"] for r in got] == [["w:A1d"], []]


def test_codes_limit_a_rule_to_codes_or_groups() -> None:
    got = _decide([{"reason": "r", "risks": "r_risks", "codes": ["A2", "A1d"]}],
                  r_risks=[["A1a", "A2c"], ["A1d"], ["A3a"]])
    assert [r["reasons"] for r in got] == [["r:A2c"], ["r:A1d"], []]


def test_flag_rule_fires_on_false_only() -> None:
    got = _decide([{"reason": "licence", "flag": "license_ok"}], license_ok=[True, False, None])
    assert [r["decision"] for r in got] == ["kept", "removed", "kept"]
    assert got[1]["reasons"] == ["licence"] and not got[1]["unsafe"]


def test_several_rules_add_up() -> None:
    got = _decide([{"reason": "kw", "risks": "kw_risks"}, {"reason": "pii", "flag": "pii_ok"}],
                  kw_risks=[["A4e"], []], pii_ok=[False, False])
    assert got[0]["reasons"] == ["kw:A4e", "pii"] and got[1]["reasons"] == ["pii"]


@pytest.mark.parametrize("rule, message", [
    ({"risks": "x_risks"}, "needs a 'reason'"),
    ({"reason": "r"}, "exactly one of 'risks'"),
    ({"reason": "r", "risks": "x", "flag": "y"}, "exactly one of 'risks'"),
    ({"reason": "r", "risks": "x", "match": "word"}, "match must be 'code', 'group' or 'any'"),
    ({"reason": "r", "flag": "x", "confirm": "y"}, "'confirm' only applies"),
    ({"reason": "r", "risks": "x", "codes": ["A9"]}, "unknown risk code or group 'A9'"),
    ({"reason": "r", "risks": "x", "bogus": 1}, r"unknown key\(s\) \['bogus'\]"),
])
def test_bad_rules_are_config_errors_naming_the_rule(rule: dict, message: str) -> None:
    with pytest.raises(PolicyError, match=message) as info:
        validate_rules([rule], where="p.toml: policy.remove")
    assert isinstance(info.value, ConfigError) and "p.toml: policy.remove[0]" in str(info.value)


def test_a_rule_on_a_column_no_stage_makes_is_refused() -> None:
    with pytest.raises(PolicyError, match=r"column\(s\) \['missing_risks'\]"):
        Policy([{"reason": "r", "risks": "missing_risks"}]).decide(_batch(kw_risks=[[]]))
