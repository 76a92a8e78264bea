"""Regular expressions for the contact channels of an ad: chat handles with
their id, phone numbers, and domains - plain or written to dodge filters
(``xx点top``, ``www點xx點com``, ``x p j 8 8 8 . c o m``, ``ｘｘ．ｃｏｍ``, ``xx dot com``).

They run on the *folded* text (:func:`fold`): ASCII and full-width letters
lower-cased and full-width forms made half-width, one character for one, so a
match's offsets are offsets into the original text.  Full width is detected
on the original span afterwards (it is itself an obfuscation).
"""
from __future__ import annotations

import re

from gensafe.adsignals.terms import HANDLE_NAMES_STRONG, HANDLE_NAMES_WEAK


def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
    for c in range(0xFF01, 0xFF5F):
        half = c - 0xFEE0
        table[c] = half + 32 if ord("A") <= half <= ord("Z") else half
    table[0x3000] = 0x20  # ideographic space
    return table


FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower-case ASCII and half-width forms, same length as ``text`` (offsets carry over)."""
    return text.translate(FOLD)


_FULLWIDTH_RX = re.compile("[\uff01-\uff5e\u3000]")


def has_fullwidth(s: str) -> bool:
    """True when ``s`` holds a full-width form or an ideographic space (then :func:`fold` differs from lower())."""
    return _FULLWIDTH_RX.search(s) is not None


def is_fullwidth(s: str) -> bool:
    return any(0xFF01 <= ord(c) <= 0xFF5E for c in s)


TLDS = ("com|net|org|top|vip|cc|xyz|app|me|co|tv|cn|club|io|bet|live|site|info|win|shop|online|fun|asia|hk|la|pw|ws|"
        "biz|ink|wang|cyou|icu|c0m|n3t")
_SPACED_TLDS = "|".join(" ?".join(t) for t in ("com", "net", "top", "vip", "cc", "xyz", "app", "cn", "live", "bet",
                                                "club", "me", "co", "tv"))
# separators that stand for the dot of a domain
_OBF_DOT = r"(?: \. |\s?(?:。|点|點|丶|·)\s?|\s?[(（]点[)）]\s?|【\.】|\[\.\]|\(\.\)|（\.）| dot | ?\(dot\) ?| ?\[dot\] ?)"
_LABEL = r"[a-z0-9][a-z0-9-]{0,40}"

#: a domain with at least one obfuscated dot (点/點/。/spaced/dot), or the www spelled out
DOMAIN_OBF = re.compile(
    rf"(?<![a-z0-9.])(?:(?:www|三w|3w|w w w)(?:{_OBF_DOT}|\.))?(?:{_LABEL}(?:{_OBF_DOT}|\.)){{0,2}}{_LABEL}"
    rf"{_OBF_DOT}(?:{TLDS})(?![a-z0-9])"
    rf"|(?<![a-z0-9])(?:www|三w|3w){_OBF_DOT}{_LABEL}(?:\.|{_OBF_DOT})(?:{TLDS})(?![a-z0-9])"
    rf"|(?<![a-z0-9])(?:[a-z0-9] ){{2,}}[a-z0-9]? ?\. ?(?:{_SPACED_TLDS})(?![a-z0-9])"
    rf"|(?<![a-z0-9.])(?:{_LABEL}\.){{1,3}}(?:c0m|n3t)(?![a-z0-9])"
)
#: a cheap necessary condition of DOMAIN_OBF (10x faster to scan): a TLD after a dot-like character
DOMAIN_OBF_TRIGGER = re.compile(rf"[点點。丶·\])）】.t ] ?(?:{TLDS}|{_SPACED_TLDS})(?![a-z0-9])|c0m|n3t")
#: how far before its TLD an obfuscated domain can start (www + three labels and their dots)
DOMAIN_OBF_REACH = 160

#: a plain domain or URL (a channel, but ordinary text has them too)
URL = re.compile(rf"https?://[^\s<>\"'）)\]]+|(?<![a-z0-9.@/])(?:www\.)?(?:{_LABEL}\.){{1,3}}(?:{TLDS})(?![a-z0-9.])")

_DIGIT = "0-9零一二三四五六七八九幺洞两拐勾⓪①②③④⑤⑥⑦⑧⑨"
_ID_NUM = rf"\+?[{_DIGIT}](?:[\s-]?[{_DIGIT}]){{4,}}"
_ID_NUM_LONG = rf"[{_DIGIT}](?:[\s-]?[{_DIGIT}]){{6,}}"
_ID_ALNUM_DIGIT = r"@?(?=[a-z_-]*[0-9])[a-z][a-z0-9_-]{3,29}"
_ID_ALNUM = r"@?[a-z][a-z0-9_-]{3,29}"
_SEP = r"\s?(?:号码|号|id|账号)?\s?[:：]\s?"
_names = lambda ns: "|".join(re.escape(n) for n in sorted(ns, key=len, reverse=True))  # noqa: E731

_HEART = "[❤💗💕💖♥\ufe0f]*"  # 微💗, 薇❤️: a heart (or two) after the name
#: a chat/QQ/Telegram handle with its number or id
HANDLE = re.compile(
    rf"(?:{_names(HANDLE_NAMES_STRONG)}){_HEART}(?:{_SEP}(?:{_ID_NUM}|{_ID_ALNUM})|\s?(?:号码|号|id)?\s?(?:{_ID_NUM}|{_ID_ALNUM_DIGIT}|@{_ID_ALNUM}))"
    rf"|(?<![a-z])(?:{_names(HANDLE_NAMES_WEAK)}){_HEART}(?:{_SEP}(?:{_ID_NUM}|{_ID_ALNUM})|\s?@{_ID_ALNUM}|\s?{_ID_NUM_LONG})"
    rf"|(?<![a-z])(?:snapchat|wechat|signal|wickr|kik|line)(?: id)?\s?[:：]\s?@?[a-z0-9_.-]{{3,30}}"
    rf"|(?<![a-z])(?:telegram|tg|whatsapp|wickr|signal|snapchat|snap|kik|wechat)\s?[(（]@?[a-z0-9_.-]{{3,30}}[)）]"
    rf"|(?<![a-z0-9.])t\.me/[a-z0-9_]{{3,40}}"
    # a few filler characters between the name and an id with digits: 加微信获取 kouzi666, 微信搜索：abc123
    rf"|(?:微信|vx|v信|薇信|威信|qq|扣扣|tg|telegram){_HEART}(?:获取|搜索|搜|联系|咨询|同号|号是|号码是|是|找|上)\s?[:：]?\s?(?:{_ID_NUM}|{_ID_ALNUM_DIGIT}|@{_ID_ALNUM})"
    rf"|(?<![a-z])(?:wickr|signal|telegram|whatsapp|kik|snapchat)(?: me)? at @?[a-z0-9_.-]{{3,30}}"
)
#: an English-style phone number after call/text/phone (a weak channel: businesses list theirs)
PHONE_EN = re.compile(r"(?<![a-z])(?:call|text|phone|tel)\s?:?\s?\+?\(?[0-9]{2,4}\)?[\s.-]?[0-9]{3}[\s.-]?[0-9]{3,4}(?![0-9])")
#: an e-mail address (a weak channel: ordinary text has them too)
EMAIL = re.compile(r"(?<![a-z0-9._%+-])[a-z0-9._%+-]{2,40}@[a-z0-9-]{2,30}(?:\.[a-z0-9-]{2,20}){1,3}(?![a-z0-9])")
_ALL_NAMES = sorted(set(HANDLE_NAMES_STRONG + HANDLE_NAMES_WEAK + ["snapchat", "wechat", "signal", "wickr", "kik", "line"]),
                    key=len, reverse=True)
#: where a handle can start (4x faster to scan than HANDLE): an ASCII app name at a word start, the first
#: character of a Chinese or emoji name, or t.me/; HANDLE is then matched at each such position
HANDLE_TRIGGER = re.compile(
    "(?<![a-z])(?:" + "|".join(re.escape(n) for n in _ALL_NAMES if n.isascii() and n[0].isalpha()) + ")"
    + "|[" + "".join(sorted({re.escape(n[0]) for n in _ALL_NAMES if not n[0].isascii()})) + "]|t\\.me/")

#: a mainland mobile number, also spaced or dashed
PHONE = re.compile(r"(?<![0-9])1[3-9][0-9](?:[\s-]?[0-9]){8}(?![0-9])")
