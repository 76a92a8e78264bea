"""Span recall and precision of gensafe.pii over written forms (tests/fixtures/pii/forms.jsonl).

A finding counts only with the exact type and span.  Negative cases (failed
checksums, impossible dates/octets, look-alikes) must give no finding at all:
a number that fails its check is never reported — neither as its own kind nor
as another (an identity number with a bad check character is not a card).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from gensafe.pii import detect_structured
from gensafe.pii.stage import PIIStage

FORMS = Path(__file__).resolve().parents[1] / "fixtures" / "pii" / "forms.jsonl"


def load() -> list[dict]:
    return [json.loads(line) for line in FORMS.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(cases: list[dict]) -> tuple[Counter, Counter, Counter, list[str]]:
    """(true positives, false positives, misses) per form, and a readable list of errors."""
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    for case in cases:
        text = case["text"]
        got = {(f.type, f.start, f.end) for f in detect_structured(text)}
        exp = {(e["type"], e["start"], e["end"]) for e in case["expected"]}
        form = case["form"]
        tp[form] += len(got & exp)
        for t, s, e in sorted(got - exp):
            fp[form] += 1
            errors.append(f"{case['id']} false positive {t} {text[s:e]!r}")
        for t, s, e in sorted(exp - got):
            fn[form] += 1
            errors.append(f"{case['id']} missed {t} {text[s:e]!r}")
    return tp, fp, fn, errors


def test_suite_shape() -> None:
    cases = load()
    langs = Counter(c["lang"] for c in cases)
    assert len(cases) >= 120 and langs["zh"] >= 40 and langs["en"] >= 40
    forms = Counter(c["form"] for c in cases)
    for kind in ("ipv4", "ipv6", "email", "card", "id", "uscc", "mobile"):
        assert forms[kind] >= 4 and forms[f"{kind}-neg"] >= 1, kind
    assert sum(n for f, n in forms.items() if f.endswith("-neg")) >= 40  # 43 today
    for c in cases:
        for e in c["expected"]:
            assert c["text"][e["start"]:e["end"]] == e["value"], c["id"]


def test_span_recall_and_precision() -> None:
    tp, fp, fn, errors = score(load())
    t, p, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    recall, precision = t / (t + n), t / max(1, t + p)
    assert recall >= 0.95 and precision >= 0.97, (round(recall, 3), round(precision, 3), errors)


@pytest.mark.parametrize("kind", ["ipv4", "ipv6", "email", "card", "id", "uscc", "mobile"])
def test_recall_per_kind(kind: str) -> None:
    tp, _fp, fn, errors = score([c for c in load() if c["form"] == kind])
    assert tp[kind] / (tp[kind] + fn[kind]) >= 0.9, errors


def test_negatives_never_reported() -> None:
    """Every checksum-failing or look-alike case yields nothing (the issue asks ≥ 99 %; the suite is small, so all)."""
    _tp, fp, _fn, errors = score([c for c in load() if c["form"].endswith("-neg")])
    assert sum(fp.values()) == 0, errors


def test_stage_batch_agrees_on_forms() -> None:
    """The stage scans a batch joined by NUL runs; grouped numbers and IDN e-mail must split back the same."""
    import pyarrow as pa

    cases = load()
    stage = PIIStage(sensitive=False)
    out = stage.process(pa.RecordBatch.from_pydict({"doc_id": [c["id"] for c in cases], "text": [c["text"] for c in cases]}))
    for case, pii in zip(cases, out.column("pii").to_pylist()):
        assert [(p["type"], p["start"], p["end"]) for p in pii] == [
            (f.type, f.start, f.end) for f in detect_structured(case["text"])
        ], case["id"]
