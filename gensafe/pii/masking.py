"""Per-type PI policy (keep / mask / partial / remove) and text masking.

Masking rewrites only the output copy of the text (``text_out``); spans in
findings always refer to the original ``text``.  Two mask styles:

* ``mask``: the span becomes a placeholder such as ``[ID_CARD]`` (length changes);
* ``partial``: each letter/digit of the span except a kept prefix and suffix
  becomes ``*``; separators stay, so the **length is preserved** and offsets
  into the original text stay valid for the masked text too
  (``110101199003074514`` → ``110***********4514``).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from gensafe.pii.detectors import PIIFinding

ACTIONS = ("keep", "mask", "partial", "remove")

#: documented defaults: identifiers and contact data are masked; IPs, plates and
#: organisation codes kept; sensitive-category signals kept (counted only).
DEFAULT_POLICY: dict[str, str] = {
    "id_card_cn": "mask",
    "passport": "mask",
    "hkmo_permit": "mask",
    "tw_permit": "mask",
    "ssn_us": "mask",
    "nino_uk": "mask",
    "hkid": "mask",
    "twid": "mask",
    "bank_card": "mask",
    "mobile_cn": "mask",
    "landline_cn": "mask",
    "phone_us": "mask",
    "phone_uk": "mask",
    "email": "mask",
    "uscc": "keep",
    "ipv4": "keep",
    "ipv6": "keep",
    "plate_cn": "keep",
    "sensitive:*": "keep",
    "*": "keep",
}

LABELS: dict[str, str] = {
    "id_card_cn": "ID_CARD",
    "passport": "PASSPORT",
    "hkmo_permit": "HKMO_PERMIT",
    "tw_permit": "TW_PERMIT",
    "ssn_us": "SSN",
    "nino_uk": "NINO",
    "hkid": "ID_CARD",
    "twid": "ID_CARD",
    "bank_card": "BANK_CARD",
    "mobile_cn": "PHONE",
    "landline_cn": "PHONE",
    "phone_us": "PHONE",
    "phone_uk": "PHONE",
    "email": "EMAIL",
    "uscc": "USCC",
    "ipv4": "IP",
    "ipv6": "IP",
    "plate_cn": "PLATE",
}

#: characters kept visible at the start and end of a ``partial`` mask
_PARTIAL_KEEP: dict[str, tuple[int, int]] = {
    "id_card_cn": (3, 4), "bank_card": (4, 4), "mobile_cn": (3, 4), "uscc": (2, 4),
    "plate_cn": (2, 0),
}


def merge_policy(overrides: Mapping[str, str] | None) -> dict[str, str]:
    """DEFAULT_POLICY updated with ``overrides``; unknown actions raise ``ValueError``."""
    policy = dict(DEFAULT_POLICY)
    for k, a in (overrides or {}).items():
        if a not in ACTIONS:
            raise ValueError(f"pii policy for {k!r}: unknown action {a!r} (use one of {', '.join(ACTIONS)})")
        policy[str(k)] = a
    return policy


def action_for(ptype: str, policy: Mapping[str, str]) -> str:
    """Exact type, then ``sensitive:*`` for sensitive categories, then ``*``, then ``keep``."""
    if ptype in policy:
        return policy[ptype]
    if ptype.startswith("sensitive:") and "sensitive:*" in policy:
        return policy["sensitive:*"]
    return policy.get("*", "keep")


def label_for(ptype: str) -> str:
    return LABELS.get(ptype, ptype.replace("sensitive:", "SENSITIVE_").upper())


def partial_mask(value: str, ptype: str) -> str:
    """Star out the alphanumerics of ``value`` except a type-specific prefix/suffix; same length."""
    if ptype == "email" and "@" in value:
        local, domain = value.split("@", 1)
        return local[:1] + "*" * (len(local) - 1) + "@" + domain
    alnum = sum(c.isalnum() for c in value)
    head, tail = _PARTIAL_KEEP.get(ptype, (3, 4) if alnum >= 10 else (1, 1))
    if head + tail >= alnum:
        head, tail = (1, 1) if alnum > 2 else (0, 0)
    out = []
    i = 0
    for c in value:
        if c.isalnum():
            out.append(c if i < head or i >= alnum - tail else "*")
            i += 1
        else:
            out.append(c)
    return "".join(out)


def mask(
    text: str,
    findings: Sequence[PIIFinding],
    policy: Mapping[str, str] | None = None,
    placeholder: str = "[{label}]",
) -> str:
    """Return ``text`` with every finding whose action is mask/partial/remove replaced.

    ``remove`` types are masked with the placeholder too, so that an output that
    still carries the document (e.g. ``gensafe score``) never shows them.
    Overlapping findings: the first one (by start) wins.
    """
    pol = DEFAULT_POLICY if policy is None else policy
    parts: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        act = action_for(f.type, pol)
        if act == "keep" or f.start < pos:
            continue
        parts.append(text[pos:f.start])
        if act == "partial":
            parts.append(partial_mask(text[f.start:f.end], f.type))
        else:
            parts.append(placeholder.format(label=label_for(f.type), type=f.type))
        pos = f.end
    if pos == 0 and not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)
