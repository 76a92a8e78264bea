"""Precision and recall of gensafe.pii on the authored fixture set (tests/fixtures/pii/cases.jsonl)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from gensafe.pii import detect

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "pii" / "cases.jsonl"


def load() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def score() -> tuple[Counter, Counter, Counter, list[str]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    for case in load():
        text = case["text"]
        got = {(f.type, f.start, f.end) for f in detect(text)}
        exp = {(e["type"], e["start"], e["end"]) for e in case["expected"]}
        for t, *_ in got & exp:
            tp[t] += 1
        for t, s, e in got - exp:
            fp[t] += 1
            errors.append(f"{case['id']} false positive {t} {text[s:e]!r}")
        for t, s, e in exp - got:
            fn[t] += 1
            errors.append(f"{case['id']} missed {t} {text[s:e]!r}")
    return tp, fp, fn, errors


def test_fixture_set_is_large_and_bilingual() -> None:
    cases = load()
    assert len(cases) >= 80
    langs = Counter(c["lang"] for c in cases)
    assert langs["zh"] >= 30 and langs["en"] >= 30
    negatives = [c for c in cases if not c["expected"]]
    assert len(negatives) >= 30  # look-alikes that must not fire
    for c in cases:
        for e in c["expected"]:
            assert c["text"][e["start"]:e["end"]] == e["value"], c["id"]


def test_structured_precision_recall() -> None:
    tp, fp, fn, errors = score()
    s_tp = sum(n for t, n in tp.items() if not t.startswith("sensitive:"))
    s_fp = sum(n for t, n in fp.items() if not t.startswith("sensitive:"))
    s_fn = sum(n for t, n in fn.items() if not t.startswith("sensitive:"))
    precision = s_tp / max(1, s_tp + s_fp)
    recall = s_tp / max(1, s_tp + s_fn)
    assert precision >= 0.97 and recall >= 0.95, errors


def test_sensitive_precision_recall() -> None:
    tp, fp, fn, errors = score()
    s_tp = sum(n for t, n in tp.items() if t.startswith("sensitive:"))
    s_fp = sum(n for t, n in fp.items() if t.startswith("sensitive:"))
    s_fn = sum(n for t, n in fn.items() if t.startswith("sensitive:"))
    assert s_tp / max(1, s_tp + s_fp) >= 0.9 and s_tp / max(1, s_tp + s_fn) >= 0.9, errors


def test_checksum_failures_never_reported() -> None:
    """Every negative case (look-alike, failed checksum) yields no finding at all."""
    bad = []
    for case in load():
        if not case["expected"]:
            got = detect(case["text"])
            if got:
                bad.append((case["id"], [(f.type, case["text"][f.start:f.end]) for f in got]))
    assert bad == []
