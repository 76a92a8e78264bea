"""The 31 risk types of GB/T 45654-2025 Appendix A: the one source of truth.

Stages, the audit schema and the reports all index risks by these codes, so a
code that is not in this table is a bug wherever it appears.  Everything
else — the groups a policy rule may name, which codes make a document
unsafe, the counts in help texts, the ``risk_types`` table of an audit
database (rewritten on connect when this table changes) — is derived from
``RISK_TYPES`` and ``GROUPS`` below.

Adding a risk code touches this file only: add a ``RiskType`` row (and its
group to ``GROUPS`` if the group is new).  The policy, the store (the
``risk_types`` row is written on the next connect), the audit report and the
help texts follow.  The shipped classifier model keeps loading: it scores
the codes it was trained on, gives the new one no score (NaN in
``clf_scores``) and never names it, and the audit item B.1.4 says so until a
model is retrained with the code (``gensafe model train``).  A keyword
library may list terms under the new code.  tests/test_taxonomy_new_code.py
checks all of this with a 32nd row added here and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class RiskType:
    """One risk type: its code (``A1a``), group (``A1``), names, and the two rules it takes part in."""

    code: str
    group: str
    name_en: str
    name_zh: str
    counts_for_5pct_rule: bool
    min_keywords_b11: int


RISK_TYPES: tuple[RiskType, ...] = (
    RiskType('A1a', 'A1', 'Incitement to subvert state power and overthrow the socialist system', '煽动颠覆国家政权、推翻社会主义制度', True, 200),
    RiskType('A1b', 'A1', 'Endangering national security and national interest, harming the national image', '危害国家安全和利益、损害国家形象', True, 200),
    RiskType('A1c', 'A1', 'Incitement of separatism, undermining national unity and social stability', '煽动分裂国家、破坏国家统一和社会稳定', True, 200),
    RiskType('A1d', 'A1', 'Promotion of terrorism or extremism', '宣扬恐怖主义、极端主义', True, 200),
    RiskType('A1e', 'A1', 'Promotion of ethnic hatred', '宣扬民族仇恨', True, 200),
    RiskType('A1f', 'A1', 'Promotion of violence, obscenity or pornography', '宣扬暴力、淫秽色情', True, 200),
    RiskType('A1g', 'A1', 'Dissemination of false and harmful information', '传播虚假有害信息', True, 200),
    RiskType('A1h', 'A1', 'Other content prohibited by laws and administrative regulations', '其他法律、行政法规禁止的内容', True, 200),
    RiskType('A2a', 'A2', 'Discrimination on the basis of ethnicity', '民族歧视内容', True, 100),
    RiskType('A2b', 'A2', 'Discrimination on the basis of beliefs', '信仰歧视内容', True, 100),
    RiskType('A2c', 'A2', 'Nationality-based discrimination', '国别歧视内容', True, 100),
    RiskType('A2d', 'A2', 'Discrimination on the basis of regional origin', '地域歧视内容', True, 100),
    RiskType('A2e', 'A2', 'Gender discrimination', '性别歧视内容', True, 100),
    RiskType('A2f', 'A2', 'Age discrimination', '年龄歧视内容', True, 100),
    RiskType('A2g', 'A2', 'Occupation-based discrimination', '职业歧视内容', True, 100),
    RiskType('A2h', 'A2', 'Health-based discrimination', '健康歧视内容', True, 100),
    RiskType('A2i', 'A2', 'Other types of discriminatory content', '其他方面歧视内容', True, 100),
    RiskType('A3a', 'A3', 'Infringement of the intellectual property rights of others', '侵犯他人知识产权', True, 0),
    RiskType('A3b', 'A3', 'Violation of business ethics', '违反商业道德', True, 0),
    RiskType('A3c', 'A3', 'Disclosure of the trade secrets of others', '泄露他人商业秘密', True, 0),
    RiskType('A3d', 'A3', 'Use of algorithms, data, platforms etc. for monopolistic or unfair competition', '利用算法、数据、平台等优势，实施垄断和不正当竞争行为', True, 0),
    RiskType('A3e', 'A3', 'Other commercial violations', '其他商业违法违规行为', True, 0),
    RiskType('A4a', 'A4', 'Endangerment of the physical or mental health of another', '危害他人身心健康', True, 0),
    RiskType('A4b', 'A4', 'Unauthorized use of the likeness of another', '侵害他人肖像权', True, 0),
    RiskType('A4c', 'A4', 'Defamation of the reputation of another', '侵害他人名誉权', True, 0),
    RiskType('A4d', 'A4', 'Defamation of the honor of another', '侵害他人荣誉权', True, 0),
    RiskType('A4e', 'A4', "Infringement of others' right to privacy", '侵害他人隐私权', True, 0),
    RiskType('A4f', 'A4', "Infringement of others' personal information rights and interests", '侵害他人个人信息权益', True, 0),
    RiskType('A4g', 'A4', 'Infringement of other legitimate rights and interests of others', '侵犯他人其他合法权益', True, 0),
    RiskType('A5a', 'A5', 'Inaccurate content grossly inconsistent with scientific knowledge or mainstream perception', '内容不准确，严重不符合科学常识或主流认知', False, 0),
    RiskType('A5b', 'A5', 'Unreliable content that, though not grossly wrong, cannot help the user', '内容不可靠，虽然不包含严重错误的内容，但无法对使用者形成帮助', False, 0),
)

GROUPS: dict[str, tuple[str, str]] = {
    "A1": ("Violating core socialist values", "违反社会主义核心价值观"),
    "A2": ("Discriminatory content", "歧视性内容"),
    "A3": ("Commercial violations", "商业违法违规"),
    "A4": ("Infringement of others' legitimate rights and interests", "侵犯他人合法权益"),
    "A5": ("Unable to meet the safety needs of specific service types", "无法满足特定服务类型的安全需求"),
}

CODES: tuple[str, ...] = tuple(r.code for r in RISK_TYPES)
CODE_INDEX: dict[str, int] = {c: i for i, c in enumerate(CODES)}
BY_CODE: dict[str, RiskType] = {r.code: r for r in RISK_TYPES}
#: The 29 codes of A.1-A.4 whose share decides the 5 % rule (§4.1.1) and the
#: "qualified" rate; A.5 (accuracy, reliability) is reported separately.
UNSAFE_CODES: frozenset[str] = frozenset(r.code for r in RISK_TYPES if r.counts_for_5pct_rule)
#: The codes reported but not counted for the 5 % rule (A.5: accuracy, reliability).
REPORTED_ONLY_CODES: tuple[str, ...] = tuple(c for c in CODES if c not in UNSAFE_CODES)
#: The 17 codes of A.1 and A.2 that B.1.1 requires keyword coverage for.
KEYWORD_REQUIRED: dict[str, int] = {r.code: r.min_keywords_b11 for r in RISK_TYPES if r.min_keywords_b11}
#: code -> its group (``A1a`` -> ``A1``)
GROUP_OF: dict[str, str] = {r.code: r.group for r in RISK_TYPES}
#: groups whose codes count for the 5 % rule, in order
UNSAFE_GROUPS: tuple[str, ...] = tuple(g for g in GROUPS if any(GROUP_OF[c] == g for c in UNSAFE_CODES))


def group_of(code: str) -> str:
    """The group of a risk code (``A1a`` -> ``A1``); KeyError for an unknown code."""
    return BY_CODE[code].group


def is_unsafe(codes: Iterable[str]) -> bool:
    """True when any code counts against the qualified rate (A.1-A.4)."""
    return any(c in UNSAFE_CODES for c in codes)


def validate_code(code: str) -> str:
    """``code`` itself when it is a risk code; a ValueError naming the valid range otherwise."""
    if code not in BY_CODE:
        raise ValueError(f"unknown risk code {code!r}; expected one of {CODES[0]} ... {CODES[-1]}")
    return code


def _section(group: str) -> str:
    return f"{group[0]}.{group[1:]}"  # A1 -> A.1, the standard's numbering


def unsafe_summary() -> str:
    """Words for what makes a document unsafe, e.g. ``29 A.1–A.4 risk types``, for help texts and reports."""
    return f"{len(UNSAFE_CODES)} {_section(UNSAFE_GROUPS[0])}–{_section(UNSAFE_GROUPS[-1])} risk types"
