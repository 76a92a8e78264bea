"""Validators and detectors of gensafe.pii on constructed identifiers.

Check digits are computed here (independently of gensafe's own helpers where
practical) so that a wrong weight table in the library makes these fail.
"""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensafe.pii import detect, detect_structured
from gensafe.pii import validators as v


# --- independent reference implementations --------------------------------------------
def ref_id_check(first17: str) -> str:
    # GB 11643: weight_i = 2^(17-i) mod 11 for i = 0..16 (left to right)
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(first17))
    return "10X98765432"[total % 11]


def ref_luhn_digit(prefix: str) -> str:
    digits = [int(c) for c in prefix][::-1]
    total = 0
    for i, d in enumerate(digits):
        if i % 2 == 0:  # these positions get doubled once the check digit is appended
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def types(text: str) -> list[tuple[str, str]]:
    return [(f.type, text[f.start:f.end]) for f in detect(text)]


# --- ID card ---------------------------------------------------------------------------
def test_id_weights_match_reference() -> None:
    for p in ("11010519491231002", "44030419850612345", "32010219950601018", "65010120000229123"):
        assert v.id_card_check_char(p) == ref_id_check(p)


def test_id_check_x_and_lowercase() -> None:
    p = "32010219950601018"
    assert ref_id_check(p) == "X"
    assert v.valid_cn_id_card(p + "X") and v.valid_cn_id_card(p + "x")
    assert not v.valid_cn_id_card(p + "0")


@pytest.mark.parametrize(
    "first17,reason",
    [
        ("99010519491231002", "region 99"),
        ("00010519491231002", "region 00"),
        ("11010518691231002", "born 1869, before ID_EARLIEST_BIRTH"),
        ("11010519490230002", "30 February"),
        ("11010519491301002", "month 13"),
    ],
)
def test_id_implausible_rejected(first17: str, reason: str) -> None:
    full = first17 + ref_id_check(first17)
    assert not v.valid_cn_id_card(full), reason
    assert detect_structured(f"身份证{full}") == []


def test_id_leap_day_and_future() -> None:
    assert v.plausible_birth_date("20000229")
    assert not v.plausible_birth_date("19000229")
    assert v.plausible_birth_date("18800101") and v.plausible_birth_date("18700101")
    assert not v.plausible_birth_date("18691231")
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).strftime("%Y%m%d")
    assert not v.plausible_birth_date(tomorrow)


@settings(max_examples=150, deadline=None)
@given(
    region=st.sampled_from(sorted(v.PROVINCE_CODES)),
    rest=st.integers(0, 9999),
    day=st.dates(dt.date(1920, 1, 1), dt.date(2015, 12, 31)),
    seq=st.integers(0, 999),
    bump=st.integers(1, 10),
)
def test_id_property(region: str, rest: int, day: dt.date, seq: int, bump: int) -> None:
    first17 = f"{region}{rest:04d}{day:%Y%m%d}{seq:03d}"
    good = ref_id_check(first17)
    text = f"身份证号{first17 + good}。"
    assert types(text)[:1] == [("id_card_cn", first17 + good)]
    wrong = "10X98765432"[("10X98765432".index(good) + bump) % 11]
    assert all(f.type != "id_card_cn" for f in detect_structured(f"身份证号{first17 + wrong}。"))


# --- Luhn / bank cards -----------------------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(
    iin=st.sampled_from(["4", "51", "55", "62", "6011", "2221", "35"]),
    body=st.text("0123456789", min_size=11, max_size=14),
)
def test_card_property(iin: str, body: str) -> None:
    prefix = (iin + body)[:18]
    if iin == "35":
        prefix = "3530" + prefix[4:]
    number = prefix + ref_luhn_digit(prefix)
    assert v.luhn_ok(number)
    assert ("bank_card", number) in types(f"卡号 {number} 。")
    broken = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not v.luhn_ok(broken)
    assert all(f.type != "bank_card" for f in detect_structured(f"卡号 {broken} 。"))


def test_card_needs_plausible_iin() -> None:
    prefix = "123456781234567"
    number = prefix + ref_luhn_digit(prefix)
    assert v.luhn_ok(number) and not v.plausible_card_iin(number)
    assert detect_structured(f"ref {number} x") == []


def test_amex_length_rule() -> None:
    assert v.plausible_card_iin("378282246310005")
    assert not v.plausible_card_iin("3782822463100059")


# --- USCC ------------------------------------------------------------------------------
def test_uscc_published_example_and_mutations() -> None:
    code = "91350100M000100Y43"  # the example printed in GB 32100-2015
    assert v.valid_uscc(code)
    for i, repl in ((17, "4"), (16, "X"), (0, "Z"), (2, "9")):
        mutated = code[:i] + repl + code[i + 1:]
        assert not v.valid_uscc(mutated), mutated


def test_uscc_and_id_both_18_digits() -> None:
    first17 = "11010519491231002"
    idn = first17 + ref_id_check(first17)
    assert [f.type for f in detect_structured(idn)] == ["id_card_cn"]


# --- SSN / NINO / NANP -----------------------------------------------------------------
@pytest.mark.parametrize("ssn", ["000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567", "123-45-0000", "078-05-1120"])
def test_ssn_invalid_ranges(ssn: str) -> None:
    assert detect_structured(f"SSN {ssn}") == []


def test_ssn_valid_and_spaced_needs_context() -> None:
    assert types("SSN: 536-22-1234")[0] == ("ssn_us", "536-22-1234")
    assert types("social security 536 22 1234")[0] == ("ssn_us", "536 22 1234")
    assert detect_structured("room 536 22 1234") == []


@pytest.mark.parametrize("nino,ok", [("AB123456C", True), ("QQ123456C", False), ("GB123456A", False), ("DA123456A", False), ("AB123456E", False)])
def test_nino(nino: str, ok: bool) -> None:
    assert v.valid_uk_nino(nino) is ok


def test_nanp_rules() -> None:
    assert v.valid_nanp("4155552671")
    assert not v.valid_nanp("1235552671")  # area starts with 1
    assert not v.valid_nanp("4115552671")  # N11 area
    assert not v.valid_nanp("4151552671")  # exchange starts with 1


# --- IP addresses ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,expected",
    [
        ("IP 192.168.0.1 blocked", [("ipv4", "192.168.0.1")]),
        ("IP 999.1.1.1 is invalid", []),
        ("IP 192.168.01.1 has a leading zero", []),
        ("version 1.2.3.4", []),
        ("v10.20.30.40 release", []),
        ("address 1.2.3.4", [("ipv4", "1.2.3.4")]),
        ("1.2.3.4.5 is a dotted number", []),
        ("host ::1 and 2001:db8::1", [("ipv6", "::1"), ("ipv6", "2001:db8::1")]),
        ("a::b::c is not valid", []),
    ],
)
def test_ip(text: str, expected: list[tuple[str, str]]) -> None:
    assert types(text) == expected


# --- boundaries and look-alikes --------------------------------------------------------
def test_digit_boundaries() -> None:
    assert detect_structured("x13812345678") == []
    assert detect_structured("3.13812345678") == []
    assert detect_structured("138123456789") == []  # 12 digits
    assert types("电话13812345678。") == [("mobile_cn", "13812345678")]
    assert types("call 13812345678.") == [("mobile_cn", "13812345678")]


def test_offsets_are_character_offsets() -> None:
    text = "😀中文🚀 邮箱 a.b@example.org"
    (f,) = detect(text)
    assert text[f.start:f.end] == "a.b@example.org"


def test_empty_and_plain_text() -> None:
    assert detect("") == []
    assert detect("The quick brown fox jumps over the lazy dog. 今天天气很好。") == []


# --- sensitive categories --------------------------------------------------------------
def test_sensitive_needs_personal_reference() -> None:
    assert detect("糖尿病是一种常见的慢性病。") == []
    found = detect("患者张某患有糖尿病")
    assert {f.type for f in found} == {"sensitive:medical"} and all(f.sensitive for f in found)


def test_sensitive_near_structured_pi() -> None:
    found = detect("ID 13812345678 — diagnosed with diabetes")
    assert ("sensitive:medical", True) in {(f.type, f.sensitive) for f in found}


def test_english_terms_respect_word_boundaries() -> None:
    assert all(f.type != "sensitive:financial" for f in detect("He downloaded the file"))  # 'loan' inside 'downloaded'
    assert any(f.type == "sensitive:financial" for f in detect("He took a LOAN"))


def test_minor_ages() -> None:
    assert ("sensitive:minor", "12岁") in types("她12岁")
    assert all(f.type != "sensitive:minor" for f in detect("她14岁"))
    assert all(f.type != "sensitive:minor" for f in detect("他二十三岁"))
    assert ("sensitive:minor", "aged 5") in types("the child, aged 5, said")


@pytest.mark.parametrize(
    "text",
    ["Option<&C1::E> in Rust", "免费电话：400-886-5590", "call 800-820-6666 toll free"],
)
def test_non_identifying_lookalikes(text: str) -> None:
    assert detect_structured(text) == []


def test_blocked_prefixes() -> None:
    assert all(f.type != "sensitive:whereabouts" for f in detect("我建议大家住在市中心"))
    assert any(f.type == "sensitive:whereabouts" for f in detect("我家住在市中心"))


def test_pyahocorasick_fallback_matches_rust(monkeypatch: pytest.MonkeyPatch) -> None:
    import gensafe.pii.sensitive as sens

    text = "患者张某确诊糖尿病，her 7-year-old son is HIV positive, has diabetes; 我家住北京，12岁"
    fast = sens.SensitiveDetector().detect(text)
    monkeypatch.setattr(sens, "_ac_rs", None)
    slow = sens.SensitiveDetector().detect(text)
    assert fast == slow and len(fast) >= 5


_ALPHABET = st.sampled_from(list("0123456789 -.+()@:xX京A患者他岁abcEGCWHM\x00") + ["13812345678", "4111111111111111", "a.b@c.org", "fe80::1"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_detect_never_fails_and_spans_are_sane(text: str) -> None:
    from gensafe.pii import mask

    found = detect(text)
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.value
    structured = [f for f in found if not f.sensitive or not f.type.startswith("sensitive:")]
    for a, b in zip(structured, structured[1:]):
        assert a.end <= b.start
    partial = {f.type: "partial" for f in found}
    assert len(mask(text, found, partial)) == len(text)


@pytest.mark.parametrize(
    "text,value",
    [("电话0755-23456789-801转前台", "0755-23456789-801"), ("电话（010）62345678", "（010）62345678"),
     ("Tel (021) 55551234", "(021) 55551234")],
)
def test_landline_forms(text: str, value: str) -> None:
    assert types(text) == [("landline_cn", value)]


def test_id_card_spaced_6_8_4() -> None:
    assert types("身份证 110105 19491231 002X 已核验") == [("id_card_cn", "110105 19491231 002X")]
    assert detect_structured("身份证 110105 19491231 0021") == []


def test_hkid_and_taiwan_id_published_examples() -> None:
    # the examples printed in most descriptions of the two check-digit schemes
    assert v.valid_hkid("A123456(3)") and v.valid_hkid("A1234563")
    assert not v.valid_hkid("A123456(4)") and not v.valid_hkid("A12345(3)")
    assert v.valid_tw_id("A123456789")
    assert not v.valid_tw_id("A123456788") and not v.valid_tw_id("A323456789")
    assert types("HKID A1234564 typo") == []  # fails the check, no context for a passport
    assert types("passport A123456789") == [("passport", "A123456789")]  # context decides
