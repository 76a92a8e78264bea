"""Structured personal-information detectors: candidate regexes + validation.

Why a few grouped passes and not one regex per type: CPython's ``re`` skips
quickly to positions whose first character can start a match, so grouping
patterns by their first character (digits / upper-case letters / ``@`` /
hex-and-colon / province abbreviations) and skipping a pass when its cheap
pre-check fails keeps the cost close to one scan of the text.  Each candidate
is then validated (checksums, dates, ranges, context words) in Python; only
validated candidates become :class:`PIIFinding` objects.  Offsets are
character offsets into the original string.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from gensafe.pii import validators as v

DETECTOR_VERSION = "pii-1.1.0"


@dataclass(frozen=True, slots=True)
class PIIFinding:
    """One piece of personal information: its type, span in the original text, and value."""

    type: str
    start: int
    end: int
    sensitive: bool = False
    value: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"type": self.type, "start": self.start, "end": self.end, "sensitive": self.sensitive}


#: structured types and whether they count as *sensitive* personal information.
#: bank_card: PIPL Art. 28 "financial accounts"; identity-document numbers:
#: GB/T 35273-2020 Annex B lists them as sensitive (个人身份信息).
STRUCTURED_TYPES: dict[str, bool] = {
    "id_card_cn": True,
    "passport": True,
    "hkmo_permit": True,
    "tw_permit": True,
    "ssn_us": True,
    "nino_uk": True,
    "hkid": True,
    "twid": True,
    "bank_card": True,
    "mobile_cn": False,
    "landline_cn": False,
    "phone_us": False,
    "phone_uk": False,
    "email": False,
    "uscc": False,
    "ipv4": False,
    "ipv6": False,
    "plate_cn": False,
}

# --- boundaries --------------------------------------------------------------
# ASCII mode everywhere: in Unicode mode ``\w`` matches CJK characters, which
# would reject "电话13812345678".  A candidate must not continue a longer
# alphanumeric run, nor a dotted/dashed number ("3.1381…", "…5678-9").
_LB = r"(?<![0-9A-Za-z_])(?<![0-9][.\-/:])"
_RB = r"(?![0-9A-Za-z_])(?![.\-/][0-9])"  # ":" may follow (IPv4 ":port", "电话13812345678:")
_SEP = r"[ \-]"

#: one named branch per candidate shape (kept as a list so benchmarks can run
#: them one by one as the naive baseline)
DIGIT_BRANCHES: tuple[str, ...] = (
    # 18-char ID card or unified social credit code that starts with a digit
    # (also written 6-8-4 with single spaces: "110105 19491231 002X")
    r"(?P<id18>[1-9][0-9]{5} ?[0-9]{8} ?[0-9]{3}[0-9Xx])",
    r"(?P<uscc>[1-9ANY][0-9][0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10})",
    # mobile: optional +86 / 0086 prefix, then 3-4-4 with optional separators
    r"(?P<mobile>(?:(?:\+|00)86[ \-]?|\(\+?86\) ?)?1[3-9][0-9](?:[ \-]?[0-9]{4}){2})",
    # landline: 0 + 2–3 digit area code (or "(0xx)") + separator + 7–8 digit local number
    # (ASCII or full-width parentheses), optional "-ext" of 1–5 digits
    r"(?P<landline>(?:(?:\+|00)86[ \-]?)?(?:[(（]0[1-9][0-9]{1,2}[)）][ \-]?|0[1-9][0-9]{1,2}[ \-])(?P<local>[2-9][0-9]{6,7}|[2-9][0-9]{2,3}[ \-][0-9]{4})(?:-[0-9]{1,5})?)",
    # US SSN: 3-2-4 with dashes or spaces
    r"(?P<ssn>[0-9]{3}(?P<ssep>[ \-])[0-9]{2}(?P=ssep)[0-9]{4})",
    # US phone: +1 optional, (AAA) EEE-NNNN / AAA-EEE-NNNN / AAA.EEE.NNNN / AAA EEE NNNN
    r"(?P<phone_us>(?:\+?1[ .\-]?)?(?:\([2-9][0-9]{2}\)[ .\-]?|[2-9][0-9]{2}[ .\-])[2-9][0-9]{2}[ .\-][0-9]{4})",
    # UK phone: +44 or domestic 0, 10 significant digits in 2–3 groups
    r"(?P<phone_uk>(?:\+44[ \-]?(?:\(0\)[ \-]?)?|0)(?:[1-37-9][0-9]{1,4})[ \-]?[0-9]{3,4}[ \-]?[0-9]{3,4})",
    # payment card: 13–19 digits, plain or in groups of 4 (Amex 4-6-5, UATP 4-5-6)
    r"(?P<card>[2-69][0-9]{3}(?:[ \-]?[0-9]{4}){2}(?:[ \-]?[0-9]{1,4})(?:[ \-]?[0-9]{1,3})?"
    r"|3[47][0-9]{2}[ \-]?[0-9]{6}[ \-]?[0-9]{5}|81[0-9]{14,17}|1[0-9]{3}(?P<usep>[ \-]?)[0-9]{5}(?P=usep)[0-9]{6})",
    # IPv4 dotted quad (validated by ipaddress); a CIDR "/nn" is checked after the match
    r"(?P<ipv4>[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})",
    # 8–10 digit document numbers: 台胞证 (8 or 10 digits) or a digit-only passport
    # (US/UK: 9 digits) — reported only with a context word
    r"(?P<docnum>[0-9]{8,10})",
)
ALPHA_BRANCHES: tuple[str, ...] = (
    r"(?P<uscc_a>[ANY][0-9][0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10})",
    # Chinese ordinary passport: E + 8 digits, E + letter + 7 digits (2017+), G + 8 digits
    r"(?P<passport_cn>E[0-9]{8}|E[A-HJ-NP-Z][0-9]{7}|G[0-9]{8})",
    # HK/Macao permits: 往来港澳通行证 C/W (+ letter) + digits; 回乡证 H/M + 8 or 10 digits
    r"(?P<hkmo>[CW][0-9A-HJ-NP-Z][0-9]{7}|[HM][0-9]{8}(?:[0-9]{2})?)",
    # UK National Insurance number, optionally spaced "AB 12 34 56 C"
    r"(?P<nino>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D])",
    # Hong Kong identity card: 1–2 letters + 6 digits + check char, "(3)" parentheses optional
    r"(?P<hkid>[A-Z]{1,2}[0-9]{6}(?:\([0-9A]\)|[0-9A]))",
    # Taiwan national identification number: letter + 1/2 + 8 digits
    r"(?P<twid>[A-Z][12][0-9]{8})",
    # generic passport (needs a context word): 1–2 letters + 6–9 digits
    r"(?P<passport_gen>[A-Z]{1,2}[0-9]{6,9})",
)
_DIGIT_PATTERN = _LB + "(?:" + "|".join(DIGIT_BRANCHES) + ")" + _RB
_ALPHA_PATTERN = _LB + "(?:" + "|".join(ALPHA_BRANCHES) + ")" + _RB

_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_%+\-])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9\-]{2,59})(?![A-Za-z0-9\-])",
    re.ASCII,
)
# internationalised domains (IDNA 2008 labels in Unicode, RFC 6531 local parts):
# tried only when the ASCII pattern finds nothing at an "@"
_IDN_DOMAIN = re.compile(
    r"(?:[^\W_](?:[\w\-]{0,61}[^\W_])?\.)+(?P<tld>xn--[A-Za-z0-9\-]{2,59}(?![\w\-])|[A-Za-z]{2,24}(?![A-Za-z0-9\-\u00c0-\u024f])|[^\W\d_]{2,24})"
)
_LOCAL_CHARS = frozenset("._%+-")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: top-level domains written in CJK scripts (ICANN root zone).  CJK text has no
#: spaces, so "例子.中国谢谢" must be cut at a known TLD, not at the next space.
CJK_TLDS: tuple[str, ...] = tuple(sorted({
    "中国", "中國", "公司", "网络", "網絡", "网址", "網址", "在线", "中文网", "商城", "集团", "我爱你", "手机", "移动",
    "香港", "台湾", "台灣", "澳門", "澳门", "新加坡", "政务", "公益", "企业", "游戏", "商标", "网店", "网站", "广东", "佛山",
    "信息", "八卦", "时尚", "微博", "联通", "世界", "购物", "健康", "娱乐", "招聘", "餐厅", "点看", "慈善", "机构", "組織機構",
    "コム", "みんな", "ストア", "クラウド", "ポイント", "한국", "닷컴", "닷넷", "삼성",
}, key=len, reverse=True))
_HEX = frozenset("0123456789abcdefABCDEF:")
_HEX_DOT = _HEX | {"."}  # an IPv6 address may end in a dotted quad (::ffff:192.0.2.1)
_ZONE = re.compile(r"%[0-9A-Za-z_.\-]{1,15}")
_PREFIX = re.compile(r"/([0-9]{1,3})(?![0-9])")
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# plate: province abbreviation + issuing-authority letter + 5 (regular) or 6 (new-energy)
# characters from the plate alphabet (no I/O), optional ·/space after the letter,
# optionally ending in 挂/学/警/港/澳.  The pattern starts at the ASCII letter (so
# ``re`` skips through CJK text at C speed) and looks back for the province.
_PLATE_RE = re.compile(
    rf"[A-HJ-NP-Z](?<=[{_PROVINCES}][A-HJ-NP-Z])[·• ]?(?P<tail>[A-HJ-NP-Z0-9]{{5,6}}|[A-HJ-NP-Z0-9]{{4}}[挂学警港澳])(?![0-9A-Za-z])",
    re.ASCII,
)
_DIGIT_RE = re.compile(_DIGIT_PATTERN, re.ASCII)
_ALPHA_RE = re.compile(_ALPHA_PATTERN, re.ASCII)
# Candidate finders.  CPython's ``re`` only skips ahead quickly when a pattern
# *starts* with a literal or a character class, so the detectors above (which
# start with look-behinds) are never run with ``finditer`` over a whole text:
# these finders locate short candidate regions first, and the detectors are
# run only inside them.  This is what makes one pass cost ~one C-speed scan.
# ≥7 chars of digits, separators and capitals (USCC codes hold letters)
_NUM_CAND = re.compile(r"[0-9+(（][0-9A-Z ().+\-（）]{6,}[Xx]?")
_ALPHA_CAND = re.compile(r"[A-Z][A-Z]? ?[0-9][0-9]")
_IPV6_ANCHOR = re.compile(r":[0-9A-Fa-f]{0,4}:")
# numbers written in groups ("1101 0119 9001 0112 37", "4111  1111  1111  1111",
# "91 110000 600037341L"): 2–7 groups of digits/capitals joined by one separator
# used throughout (1–3 spaces or 1–2 dashes); see _scan_grouped
_GROUPED_RE = re.compile(
    r"(?<![0-9A-Za-z_])(?<![0-9][.\-/:])[0-9][0-9A-Z]{0,9}(?P<sep> {1,3}|-{1,2})[0-9A-Z]{1,13}(?:(?P=sep)[0-9A-Z]{1,13}){0,5}[Xx]?"
    r"(?![0-9A-Za-z_])(?![.\-/][0-9])",
    re.ASCII,
)

# context words (lower-cased) looked for in a window before the candidate
_CTX_WINDOW = 24
# a negative label ("订单号：", "order no. ", "ISBN ") sits right before its number;
# a wider window would hide real numbers that merely follow an order mention
_NEG_WINDOW = 12
_NEG_CONTEXT = re.compile(
    r"(?i:\b(?:isbn|issn|doi|order|invoice|tracking|sku|serial|ref|version|ver|release|build|"
    r"patent|part|model|item|product)\b)|订单|单号|运单|快递|流水号|交易号|发票|版本|序列号|条形码|条码|批号|专利|商品编码|型号"
)
_PASSPORT_CONTEXT = re.compile(r"护照|(?i:passport)")
_HKMO_CONTEXT = re.compile(r"通行证|回乡证|港澳|(?i:permit|exit-entry)")
_TW_CONTEXT = re.compile(r"台胞证|台湾居民来往大陆通行证|(?i:\bmtp\b)")
_HKID_CONTEXT = re.compile(r"身份证|身份證|(?i:\bhkid\b|identity card|\bid card\b)")
_SSN_CONTEXT = re.compile(r"(?i:\bssn\b|social security)|社会安全号")
_IPV4_CTX = re.compile(
    r"(?i:\b(?:ip|ipv4|address|addr|host|server|inet|ping|ssh|https?|proxy|dns|gateway|subnet|client|from|src|dst)\b)"
    r"|地址|服务器|主机|代理|网关|子网|登录"
)
_IPV4_NEG = re.compile(r"(?i:\b(?:version|ver|v|release|oid|build|python|node|mib|firmware)\b)|版本|固件")


_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888", "400"})


def _before(text: str, start: int, window: int = _CTX_WINDOW) -> str:
    return text[max(0, start - window):start].lower()


def _has_any(hay: str, words: re.Pattern[str]) -> bool:
    return words.search(hay) is not None


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def _classify_digit(m: re.Match[str], text: str) -> PIIFinding | None:
    kind = m.lastgroup
    s, e = m.start(), m.end()
    val = m.group()
    ctx = _before(text, s)
    if kind != "ipv4" and _has_any(_before(text, s, _NEG_WINDOW), _NEG_CONTEXT):
        return None
    if kind == "id18":
        t = number_type(val.replace(" ", ""))
        return PIIFinding(t, s, e, STRUCTURED_TYPES[t], val) if t is not None else None
    if kind == "uscc":
        return PIIFinding("uscc", s, e, False, val) if v.valid_uscc(val) else None
    if kind == "mobile":
        return PIIFinding("mobile_cn", s, e, False, val)
    if kind == "landline":
        # "020 7946 0958" is Guangzhou or London: with no CJK text nearby, and a
        # valid UK shape, call it a UK number
        if " " in m.group("local") and not _CJK.search(text, max(0, s - _CTX_WINDOW), min(len(text), e + _CTX_WINDOW)):
            d = _digits(val)
            if val.startswith("0") and len(d) == 11:
                return PIIFinding("phone_uk", s, e, False, val)
        return PIIFinding("landline_cn", s, e, False, val)
    if kind == "ssn":
        if v.valid_us_ssn(_digits(val)) and (val[3] == "-" or _has_any(ctx, _SSN_CONTEXT)):
            return PIIFinding("ssn_us", s, e, True, val)
        return None
    if kind == "phone_us":
        d = _digits(val)
        if len(d) == 11:
            d = d[1:]
        # toll-free service numbers (US 8xx, mainland 400/800) belong to businesses
        if not v.valid_nanp(d) or d[:3] in _TOLL_FREE:
            return None
        return PIIFinding("phone_us", s, e, False, val)
    if kind == "phone_uk":
        d = _digits(val)
        if val.startswith("+44"):
            d = "0" + d[2:]
        if len(d) not in (10, 11) or (" " not in val and "-" not in val and not val.startswith("+")):
            return None
        return PIIFinding("phone_uk", s, e, False, val)
    if kind == "card":
        t = number_type(_digits(val))
        return PIIFinding(t, s, e, STRUCTURED_TYPES[t], val) if t is not None else None
    if kind == "ipv4":
        # every valid IP literal is reported, loopback and broadcast included: it
        # is an IP address in the text whatever it points at (policy keeps IPs)
        if not v.valid_ipv4(val):
            return None
        after = text[e:e + 12]
        if _has_any(_before(text, s, 16), _IPV4_NEG) or _has_any(after, _IPV4_NEG) or (s > 0 and text[s - 1] in "vV"):
            return None
        # small dotted numbers ("3.3.9.45", "8.1.2.4") are section or version numbers
        # unless an address word is nearby; 0.0.0.0 is the "any address" literal
        octets = [int(x) for x in val.split(".")]
        if (octets[0] < 10 and max(octets) < 100 and val != "0.0.0.0"
                and not (_has_any(ctx, _IPV4_CTX) or _has_any(after, _IPV4_CTX))):
            return None
        # a CIDR prefix length belongs to the address ("10.0.0.0/8"); an impossible
        # one ("/123") is left out of the span
        pm = _PREFIX.match(text, e)
        if pm is not None and int(pm.group(1)) <= 32 and not (pm.end() < len(text) and _alnum_ascii(text[pm.end()])):
            e = pm.end()
            val = text[s:e]
        return PIIFinding("ipv4", s, e, False, val)
    if kind == "docnum":
        if _has_any(ctx, _TW_CONTEXT) and len(val) in (8, 10):
            return PIIFinding("tw_permit", s, e, True, val)
        if _has_any(ctx, _PASSPORT_CONTEXT) and len(val) == 9:
            return PIIFinding("passport", s, e, True, val)
        return None
    return None


def number_type(compact: str) -> str | None:
    """The type of a number written without separators, or ``None``.

    One place decides between identity number, credit code and card, so that
    every written form (plain, one separator, groups) gets the same answer:
    a valid resident ID wins; a valid USCC next; a number laid out like an ID
    (province, date, 18 characters) that fails its check is nothing — never a
    card; otherwise a card needs Luhn and a real issuer prefix, and a 15-digit
    number laid out like a first-generation ID is not a (UATP) card.
    """
    n = len(compact)
    if n == 18:
        up = compact.upper()
        if v.valid_cn_id_card(up):
            return "id_card_cn"
        if v.valid_uscc(up):
            return "uscc"
        if v.id_card_shaped(up):
            return None
    if 13 <= n <= 19 and compact.isdigit() and v.luhn_ok(compact) and v.plausible_card_iin(compact):
        if n == 15 and compact[0] == "1" and v.first_gen_id_shaped(compact):
            return None
        return "bank_card"
    return None


def _grouped_type(groups: list[str]) -> str | None:
    """Type of a number written as ``groups`` (separators removed), or ``None``.

    Why the group-size rules: identity numbers and credit codes carry strong
    checks (province, date, mod-11/mod-31), so any grouping of 2–5 groups of
    two or more characters is accepted for them; a card has only Luhn (one
    number in ten passes), so it must also *look* like a card — a first group
    of 4 digits, middle groups of 3–6 and 13–19 digits in all (4-4-4-4,
    4-6-5, 4-5-6, 4-4-4-4-3) — and a phone number is 3-4-4.  This keeps rows
    of small numbers in tables from adding up to a card.
    """
    compact = "".join(groups)
    sizes = [len(g) for g in groups]
    n = len(compact)
    if n == 18 and len(groups) <= 5 and min(sizes[:-1]) >= 2:
        t = number_type(compact)
        if t != "bank_card":
            return t
    if n == 11 and sizes == [3, 4, 4] and compact[0] == "1" and compact[1] in "3456789" and compact.isdigit():
        return "mobile_cn"
    if 13 <= n <= 19 and sizes[0] in (4, 6) and len(groups) <= 5 and all(3 <= k <= 6 for k in sizes[1:-1]) and compact.isdigit():
        return number_type(compact) if not (n == 18 and v.id_card_shaped(compact)) else None
    return None


def _scan_grouped(text: str, a: int, b: int, found: list[PIIFinding]) -> None:
    """Numbers written in groups inside the candidate region ``text[a:b]``.

    A run that can be one number (≤ 19 characters, ≤ 5 groups) is that number
    or nothing.  A longer run is searched: the longest run of groups first,
    then shorter runs, from each group on, so "卡号 4111 1111 1111 1111 2023"
    still finds the card.
    """
    for m in _GROUPED_RE.finditer(text, a, b):
        e0 = m.end()
        if e0 < len(text) and (_alnum_ascii(text[e0]) or (text[e0] in "./-" and e0 + 1 < len(text) and text[e0 + 1].isdigit())):
            continue
        sep = m.group("sep")
        val = m.group()
        groups = val.split(sep)
        compact = "".join(groups)
        if len(groups) <= 5 and v.id_card_shaped(compact.upper()) and number_type(compact) is None:
            # one identity number written in groups that fails its check: nothing
            # inside it is a phone number either ("1101 0119 9001 0112 30")
            s0 = m.start()
            found[:] = [f for f in found if not (f.start >= s0 and f.end <= e0)]
            continue
        # spans of the groups in text
        offs = []
        pos = m.start()
        for g in groups:
            offs.append(pos)
            pos += len(g) + len(sep)
        k = len(groups)
        if len(compact) <= 19 and k <= 5:
            # the run can be one number: it is that number or nothing — a 19-digit
            # card failing Luhn must not yield a 16-digit card from its first groups
            t = _grouped_type(groups)
            if t is not None and not _has_any(_before(text, m.start(), _NEG_WINDOW), _NEG_CONTEXT):
                found.append(PIIFinding(t, m.start(), e0, STRUCTURED_TYPES[t], val))
            continue
        i = 0
        while i < k - 1:
            for j in range(k, i + 1, -1):
                t = _grouped_type(groups[i:j])
                if t is not None:
                    s, e = offs[i], offs[j - 1] + len(groups[j - 1])
                    if _has_any(_before(text, s, _NEG_WINDOW), _NEG_CONTEXT):
                        break
                    found.append(PIIFinding(t, s, e, STRUCTURED_TYPES[t], text[s:e]))
                    i = j - 1
                    break
            i += 1


def _classify_alpha(m: re.Match[str], text: str) -> PIIFinding | None:
    kind = m.lastgroup
    s, e = m.start(), m.end()
    val = m.group()
    ctx = _before(text, s)
    if _has_any(_before(text, s, _NEG_WINDOW), _NEG_CONTEXT):
        return None
    if kind == "uscc_a":
        return PIIFinding("uscc", s, e, False, val) if v.valid_uscc(val) else None
    if kind == "passport_cn":
        return PIIFinding("passport", s, e, True, val)
    if kind == "hkmo":
        if _has_any(ctx, _HKMO_CONTEXT):
            return PIIFinding("hkmo_permit", s, e, True, val)
        if _has_any(ctx, _PASSPORT_CONTEXT):
            return PIIFinding("passport", s, e, True, val)
        return None
    if kind == "nino":
        return PIIFinding("nino_uk", s, e, True, val) if v.valid_uk_nino(val.replace(" ", "")) else None
    if kind == "hkid":
        if v.valid_hkid(val) and ("(" in val or _has_any(ctx, _HKID_CONTEXT)):
            return PIIFinding("hkid", s, e, True, val)
        kind = "passport_gen"
    if kind == "twid":
        if v.valid_tw_id(val) and not _has_any(ctx, _PASSPORT_CONTEXT):
            return PIIFinding("twid", s, e, True, val)
        kind = "passport_gen"
    if kind == "passport_gen":
        if "(" in val:
            return None
        if _has_any(ctx, _PASSPORT_CONTEXT):
            return PIIFinding("passport", s, e, True, val)
        if _has_any(ctx, _HKMO_CONTEXT):
            return PIIFinding("hkmo_permit", s, e, True, val)
        return None
    return None


def _alnum_ascii(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


def _scan_digits(text: str, found: list[PIIFinding]) -> None:
    n = len(text)
    for cm in _NUM_CAND.finditer(text):
        a, b = cm.span()
        for m in _DIGIT_RE.finditer(text, a, b):
            e = m.end()
            # the candidate ends the string for the regex (endpos), so re-check the right boundary
            if e < n and (_alnum_ascii(text[e]) or (text[e] in "./-" and e + 1 < n and text[e + 1].isdigit())):
                if not (text[e] == "/" and m.lastgroup == "ipv4"):  # CIDR: "10.0.0.0/8"
                    continue
            f = _classify_digit(m, text)
            if f is not None:
                found.append(f)
        # a separator run inside the region: try the grouped forms too
        if b - a >= 12 and (text.find(" ", a, b) >= 0 or text.find("-", a, b) >= 0):
            _scan_grouped(text, a, b, found)


def _scan_alpha(text: str, found: list[PIIFinding]) -> None:
    pos = 0
    for cm in _ALPHA_CAND.finditer(text):
        if cm.start() < pos:
            continue
        m = _ALPHA_RE.match(text, cm.start())
        if m is None:
            continue
        pos = m.end()
        f = _classify_alpha(m, text)
        if f is not None:
            found.append(f)


def _scan_ipv6(text: str, found: list[PIIFinding]) -> None:
    """IPv6 literals: full, compressed (``2001:db8::1``, ``::1``), with an embedded
    dotted quad (``::ffff:192.0.2.1``, ``64:ff9b::192.0.2.1``), a zone
    (``fe80::1%eth0``) or a prefix length (``2001:db8::/32``)."""
    pos = 0
    n = len(text)
    for am in _IPV6_ANCHOR.finditer(text):
        if am.start() < pos:
            continue
        s, e = am.start(), am.end()
        while s > 0 and text[s - 1] in _HEX:
            s -= 1
        while e < n and text[e] in _HEX_DOT:
            e += 1
        pos = e
        while text[e - 1] == ".":  # sentence punctuation, not part of the address
            e -= 1
        if s > 0 and (_alnum_ascii(text[s - 1]) or text[s - 1] in ".:"):
            continue
        val = text[s:e]
        end = e
        zm = _ZONE.match(text, end) if end < n and text[end] == "%" else None
        if zm is not None:
            end = zm.end()
        pm = _PREFIX.match(text, end) if end < n and text[end] == "/" else None
        if pm is not None and int(pm.group(1)) <= 128:
            end = pm.end()
        else:
            pm = None
        if end < n and (_alnum_ascii(text[end]) or (text[end] == "." and end + 1 < n and text[end + 1].isdigit())):
            continue
        if val == "::":
            if pm is None:  # bare "::" is C++/Rust/Python syntax far more often than an address
                continue
        elif val.count(":") < 2 or not v.valid_ipv6(val):
            continue
        elif "." not in val and val != "::1" and zm is None and pm is None:
            # "::" shorthand is also Rust/C++ path syntax ("f64::", "C1::E"): without a
            # zone or prefix, want a digit, two non-empty groups and one of ≥ 3 hex digits
            groups = [g for g in val.split(":") if g]
            if not any(c.isdigit() for c in val) or ("::" in val and (len(groups) < 2 or max(map(len, groups)) < 3)):
                continue
        found.append(PIIFinding("ipv6", s, end, False, text[s:end]))


def _idn_email(text: str, i: int, lo: int) -> tuple[int, int] | None:
    """Span of an internationalised address around the "@" at ``i`` (``用户@例子.中国``,
    ``info@bücher.de``, ``josé@correo.españa``), or ``None``; ``lo`` bounds the local part.

    The domain must hold a non-ASCII character (the ASCII pattern handles the
    rest).  A local part is Unicode only when the domain is: with an ASCII
    domain, "发送到abc@qq.com" is ``abc@qq.com``.
    """
    dm = _IDN_DOMAIN.match(text, i + 1)
    if dm is None or dm.group().isascii():
        return None
    # CJK text has no spaces, so a "label" mixing CJK and Latin letters is running
    # text, not a domain ("微博@腾讯NOW直播…官方网站now.qq.com")
    for label in dm.group().split(".")[:-1]:
        if _CJK_CHAR.search(label) and (not label.isascii() and any(c.isascii() for c in label) or len(label) > 12):
            return None
    end = dm.end()
    tld = dm.group("tld")
    if _CJK_CHAR.search(tld):
        cut = next((t for t in CJK_TLDS if tld.startswith(t)), None)
        if cut is None:
            return None
        end = dm.start("tld") + len(cut)
    start = i
    # a local part does not mix CJK with other scripts: "客服邮箱kefu@例子.公司" is kefu@…
    cjk = _CJK_CHAR.match(text[i - 1]) is not None if i > 0 else False
    while start > lo and i - start < 64 and (text[start - 1].isalnum() or text[start - 1] in _LOCAL_CHARS or text[start - 1] == "_"):
        if (_CJK_CHAR.match(text[start - 1]) is not None) != cjk:
            break
        start -= 1
    while start < i and text[start] in _LOCAL_CHARS:
        start += 1
    if start == i:
        return None
    return start, end


def _scan_email(text: str, found: list[PIIFinding]) -> None:
    # anchored at each "@": the e-mail regex starts with a look-behind, so it is
    # only run in a small window around an "@" (local part ≤ 64 characters)
    n = len(text)
    pos = 0
    i = text.find("@")
    while i >= 0:
        if i >= pos:
            m = _EMAIL_RE.search(text, max(pos, i - 64), min(n, i + 256))
            if m is not None and m.start() <= i < m.end():
                dom = m.group().rsplit(".", 1)[-1].lower()
                if dom not in _FILE_EXT:
                    found.append(PIIFinding("email", m.start(), m.end(), False, m.group()))
                pos = m.end()
            elif not text[i + 1:i + 64].isascii():
                span = _idn_email(text, i, max(pos, i - 64))
                if span is not None:
                    found.append(PIIFinding("email", span[0], span[1], False, text[span[0]:span[1]]))
                    pos = span[1]
        i = text.find("@", i + 1)


def detect_structured(text: str) -> list[PIIFinding]:
    """All validated structured findings in ``text``, overlaps resolved (earliest, then longest)."""
    found: list[PIIFinding] = []
    _scan_digits(text, found)
    _scan_alpha(text, found)
    if "@" in text:
        _scan_email(text, found)
    if ":" in text:
        _scan_ipv6(text, found)
    for m in _PLATE_RE.finditer(text):
        start = m.start() - 1  # the province character
        if start > 0 and _alnum_ascii(text[start - 1]):
            continue
        tail = m.group("tail")
        if sum(c.isdigit() for c in tail) >= 3:
            found.append(PIIFinding("plate_cn", start, m.end(), False, text[start:m.end()]))
    return resolve_overlaps(found)


_FILE_EXT = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "js", "css", "py", "md"})


def resolve_overlaps(found: list[PIIFinding]) -> list[PIIFinding]:
    """Drop findings overlapping an earlier (or, at the same start, longer) one."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[PIIFinding] = []
    last_end = -1
    for f in found:
        if f.start >= last_end:
            out.append(f)
            last_end = f.end
    return out
