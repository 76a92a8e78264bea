"""PIIStage columns, policy actions, consent, and mask() semantics."""
from __future__ import annotations

import pyarrow as pa
import pytest

from gensafe.pii import DEFAULT_POLICY, detect, mask
from gensafe.pii.masking import partial_mask
from gensafe.pii.stage import PII_TYPE, PIIStage
from gensafe.stages.base import StageError
from gensafe.stages.registry import build_stage

ID = "11010519491231002X"
TEXTS = [
    f"张某身份证{ID}，电话13812345678，患有糖尿病",
    "nothing personal here",
    "SSN 536-22-1234 and IP address 203.0.113.9",
    "服务器地址192.168.1.100",
]


def batch(texts: list[str] = TEXTS, sources: list[str] | None = None) -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict({
        "doc_id": [f"d{i}" for i in range(len(texts))],
        "source_id": sources or ["web"] * len(texts),
        "text": texts,
    })


def test_registry_builds_stage_and_columns() -> None:
    stage = build_stage({"type": "pii"})
    assert isinstance(stage, PIIStage) and stage.name == "pii"
    stage.setup()
    out = stage.process(batch())
    for col in stage.output_columns():
        assert col in out.schema.names
    assert out.schema.field("pii").type == PII_TYPE
    assert out.schema.field("pii_count").type == pa.int32()
    assert out.schema.field("pii_ok").type == pa.bool_()
    assert out.column("text").to_pylist() == TEXTS  # original text untouched
    assert stage.provenance()["pii_detector_version"]


def test_default_policy_masks_identifiers_keeps_ip() -> None:
    out = PIIStage().process(batch()).to_pylist()
    r0 = out[0]
    assert [p["type"] for p in r0["pii"]] == ["id_card_cn", "mobile_cn", "sensitive:medical", "sensitive:medical"]
    assert r0["pii_count"] == 4 and r0["pii_sensitive_count"] == 3  # ID numbers count as sensitive
    assert r0["text_out"] == "张某身份证[ID_CARD]，电话[PHONE]，患有糖尿病"
    assert r0["pii_ok"] is True and "masked id_card_cn,mobile_cn" in r0["pii_reason"]
    # spans refer to the original text
    span = r0["pii"][0]
    assert TEXTS[0][span["start"]:span["end"]] == ID
    assert out[1]["pii"] == [] and out[1]["text_out"] is None and out[1]["pii_reason"] is None
    assert out[3]["pii_count"] == 1 and out[3]["text_out"] is None  # IPs kept by default


def test_remove_policy_sets_pii_ok_false() -> None:
    stage = PIIStage(policy={"ssn_us": "remove"})
    out = stage.process(batch()).to_pylist()
    assert out[2]["pii_ok"] is False and "remove ssn_us" in out[2]["pii_reason"]
    assert "[SSN]" in out[2]["text_out"]
    assert [r["pii_ok"] for r in out] == [True, True, False, True]
    assert stage.stats()["docs_pii_remove"] == 1


def test_partial_mask_keeps_length() -> None:
    stage = PIIStage(policy={"id_card_cn": "partial", "mobile_cn": "partial"})
    r0 = stage.process(batch()).to_pylist()[0]
    assert r0["text_out"] == "张某身份证110***********002X，电话138****5678，患有糖尿病"
    assert len(r0["text_out"]) == len(TEXTS[0])


def test_consent_sources() -> None:
    texts = [TEXTS[0], TEXTS[0]]
    stage = PIIStage(consent_sources=["crm"], policy={"sensitive:*": "remove"})
    out = stage.process(batch(texts, ["crm", "web"])).to_pylist()
    # consented source: non-sensitive PI kept, but sensitive PI needs separate consent
    assert out[0]["pii_ok"] is False and "consent records" in out[0]["pii_reason"]
    assert out[0]["text_out"] is not None and "13812345678" in out[0]["text_out"]
    assert out[1]["pii_ok"] is False and "13812345678" not in out[1]["text_out"]
    both = PIIStage(consent_sources=["crm"], sensitive_consent_sources=["crm"], policy={"sensitive:*": "remove"})
    r = both.process(batch(texts, ["crm", "web"])).to_pylist()[0]
    assert r["pii_ok"] is True and r["text_out"] is None and r["pii_count"] == 4


def test_bad_options_raise_stage_error() -> None:
    with pytest.raises(StageError):
        PIIStage(policy={"email": "shred"})
    with pytest.raises(StageError):
        PIIStage(policy=["email"])
    with pytest.raises(StageError):
        PIIStage(placeholder="[{nope}]")


def test_sensitive_can_be_disabled() -> None:
    out = PIIStage(sensitive=False).process(batch()).to_pylist()
    assert all(not p["type"].startswith("sensitive:") for r in out for p in r["pii"])


def test_mask_function_and_placeholder() -> None:
    text = "mail a@b.com or call (415) 555-2671"
    found = detect(text)
    assert mask(text, found) == "mail [EMAIL] or call [PHONE]"
    assert mask(text, found, {"email": "keep", "phone_us": "mask"}, placeholder="<{type}>") == "mail a@b.com or call <phone_us>"
    assert mask(text, found, {"*": "keep"}) == text
    assert mask(text, []) == text
    assert DEFAULT_POLICY["ipv4"] == "keep"


def test_partial_mask_helper() -> None:
    assert partial_mask("zhang.san@example.com", "email") == "z********@example.com"
    assert partial_mask("138-1234-5678", "mobile_cn") == "138-****-5678"
    assert partial_mask("6217 0012 3456 7893", "bank_card") == "6217 **** **** 7893"


def test_empty_and_null_text() -> None:
    b = pa.RecordBatch.from_pydict({"text": pa.array(["", None], type=pa.string())})
    out = PIIStage().process(b).to_pylist()
    assert [r["pii_count"] for r in out] == [0, 0]


def test_batch_scan_equals_per_document_detect() -> None:
    """The stage scans a batch joined with separators; results must equal detect() per text."""
    import json
    from pathlib import Path

    cases = [json.loads(x)["text"] for x in (Path(__file__).resolve().parents[1] / "fixtures" / "pii" / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = cases + ["", "我", "患者", "0", "@", "a@b.co", "::1", "京A12345"] + [c[:7] for c in cases]
    stage = PIIStage()
    out = stage.process(batch(texts)).to_pylist()
    for text, row in zip(texts, out):
        expected = [f.as_dict() for f in detect(text)]
        assert row["pii"] == expected, text
