"""Checksum and plausibility rules for structured personal identifiers.

Regexes only find *candidates*; these functions decide whether a candidate is
a real-looking identifier.  Each rule cites the standard it implements, so a
reviewer can check it against the source rather than against this code.
Every function takes the candidate with separators already stripped (except
where noted) and returns ``bool``.
"""
from __future__ import annotations

import datetime as _dt
import ipaddress

#: first two digits of a GB/T 2260 administrative division code (province level):
#: 11–15 north, 21–23 north-east, 31–37 east, 41–46 central-south,
#: 50–54 south-west, 61–65 north-west, 71 Taiwan, 81 Hong Kong, 82 Macao.
PROVINCE_CODES: frozenset[str] = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_card_check_char(first17: str) -> str:
    """GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


#: earliest birth date accepted in a resident identity number.  Why 1870: the
#: 18-digit number (GB 11643-1999) was given to every living resident from 1999,
#: and the oldest people then alive (and since, in household-register records
#: that keep the numbers of the deceased) were born in the 1870s–1880s; test
#: data and public suites use such dates too.  A lower bound is still needed
#: because it is the date, with the province code and the check character,
#: that tells an identity number from any other 18 digits.
ID_EARLIEST_BIRTH = _dt.date(1870, 1, 1)


def plausible_birth_date(yyyymmdd: str, today: _dt.date | None = None, earliest: _dt.date = ID_EARLIEST_BIRTH) -> bool:
    """A real calendar date between ``earliest`` (default :data:`ID_EARLIEST_BIRTH`) and today."""
    try:
        d = _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return earliest <= d <= (today or _dt.date.today())


def valid_cn_id_card(s: str) -> bool:
    """18-character mainland resident identity number (GB 11643-1999).

    Province prefix in :data:`PROVINCE_CODES`, birth date plausible
    (:data:`ID_EARLIEST_BIRTH` … today), and the MOD 11-2 check character
    (``X`` for 10, upper or lower case) correct.
    """
    if len(s) != 18 or not s[:17].isdigit():
        return False
    if s[:2] not in PROVINCE_CODES or not plausible_birth_date(s[6:14]):
        return False
    return s[17].upper() == id_card_check_char(s[:17])


def id_card_shaped(s: str) -> bool:
    """18 characters laid out like a resident identity number: province code, a real
    date with a year 1800 or later and not in the future, digits, a digit/X last —
    whatever the check character says.

    Why: such a number is an identity number written down (or mistyped), not a
    bank card, even when it happens to pass Luhn (one in ten do); it is then
    reported as ``id_card_cn`` only when :func:`valid_cn_id_card` holds, and
    never as a card.  Random 18-digit card numbers look like this about once in
    a thousand, so card recall barely changes.
    """
    if len(s) != 18 or not s[:17].isdigit() or s[17] not in "0123456789Xx":
        return False
    return s[:2] in PROVINCE_CODES and plausible_birth_date(s[6:14], earliest=_dt.date(1800, 1, 1))


def first_gen_id_shaped(s: str) -> bool:
    """15 digits laid out like a first-generation (1984–2004) resident identity number:
    province code + six-digit area, then YYMMDD, then a 3-digit sequence.  They have
    no check digit, so gensafe does not report them, but it must not call them a
    15-digit (UATP) card either."""
    if len(s) != 15 or not s.isdigit() or s[:2] not in PROVINCE_CODES:
        return False
    try:
        _dt.date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
    except ValueError:
        return False
    return True


def luhn_ok(digits: str) -> bool:
    """ISO/IEC 7812-1 Luhn (mod 10) check over a digit string."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def plausible_card_iin(digits: str) -> bool:
    """Issuer identification number of a payment card network that issues 13–19 digit PANs.

    Visa 4; Mastercard 51–55 and 2221–2720; Mir 2200–2204; Amex 34/37;
    Diners 36, 38, 300–305; JCB 3528–3589; Discover 6011/644–649/65;
    UnionPay 62 (and 81 for newer ranges); Maestro 50, 56–58, 6x; mainland
    domestic-only BINs 95xx (16–19 digits); UATP (airline cards) 1 with exactly
    15 digits.
    """
    n = len(digits)
    if not 13 <= n <= 19:
        return False
    d1, d2 = digits[0], digits[:2]
    if d1 == "1":
        return n == 15
    if d1 == "4":
        return True
    if d1 == "5":
        return d2 in {"50", "51", "52", "53", "54", "55", "56", "57", "58"}
    if d1 == "6":
        return True
    if d1 == "3":
        if d2 in {"34", "37"}:
            return n == 15
        if d2 in {"36", "38"} or 300 <= int(digits[:3]) <= 305:
            return n in (14, 15, 16, 17, 18, 19)
        return 3528 <= int(digits[:4]) <= 3589
    if d1 == "2":
        p4 = int(digits[:4])
        return 2221 <= p4 <= 2720 or 2200 <= p4 <= 2204
    if d2 == "81":
        return n >= 16
    if d2 == "95":  # mainland banks' domestic BINs (ICBC 9558, ABC 9559, …)
        return n >= 16
    return False


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z
_USCC_VALUE = {c: i for i, c in enumerate(_USCC_CHARS)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character (mod 31 over the 31-symbol alphabet)."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """GB 11714-1997 organisation code check character (mod 11, ``X`` for 10)."""
    total = 0
    for c, w in zip(first8, _ORG_WEIGHTS):
        v = int(c) if c.isdigit() else ord(c) - 55
        total += v * w
    r = 11 - total % 11
    return "X" if r == 10 else ("0" if r == 11 else str(r))


def valid_uscc(s: str) -> bool:
    """18-character unified social credit code (GB 32100-2015).

    Registration authority (1–9, A, N, Y), category digit, a province-level
    region code, the embedded GB 11714 organisation code check character and
    the final GB 32100 check character must all agree.
    """
    if len(s) != 18 or any(c not in _USCC_VALUE for c in s):
        return False
    if s[0] not in "123456789ANY" or not s[1].isdigit() or not s[2:8].isdigit():
        return False
    if s[2:4] not in PROVINCE_CODES:
        return False
    if org_code_check_char(s[8:16]) != s[16]:
        return False
    return uscc_check_char(s[:17]) == s[17]


#: publicised SSNs that were never anyone's own (SSA: Woolworth wallet card, 1940s ads)
_SSN_DEAD = frozenset({"078051120", "219099999", "457555462"})


def valid_us_ssn(digits: str) -> bool:
    """US Social Security number in the ranges the SSA can issue.

    Area 000, 666 and 900–999, group 00 and serial 0000 are never issued.
    """
    if len(digits) != 9 or not digits.isdigit():
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
        return False
    return digits not in _SSN_DEAD


_NI_BAD_PREFIX = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})


def valid_uk_nino(s: str) -> bool:
    """UK National Insurance number (HMRC NIM39110 rules), separators stripped.

    First letter not D, F, I, Q, U, V; second not D, F, I, O, Q, U, V;
    prefixes BG, GB, NK, KN, TN, NT, ZZ never issued; suffix A–D.
    """
    if len(s) != 9:
        return False
    a, b = s[0], s[1]
    if a in "DFIQUV" or b in "DFIOQUV" or s[:2] in _NI_BAD_PREFIX:
        return False
    return s[2:8].isdigit() and s[8] in "ABCD"


def valid_nanp(digits: str) -> bool:
    """North American Numbering Plan number (10 digits, country code stripped).

    Area code and exchange start with 2–9 and are not N11 service codes.
    """
    if len(digits) != 10:
        return False
    area, exch = digits[:3], digits[3:6]
    if area[0] in "01" or exch[0] in "01":
        return False
    return area[1:] != "11" and exch[1:] != "11"


def valid_ipv4(s: str) -> bool:
    """Dotted-quad IPv4 with octets 0–255 and no leading zeros (``ipaddress`` rules)."""
    try:
        ipaddress.IPv4Address(s)
    except ValueError:
        return False
    return True


def ipv4_can_identify(s: str) -> bool:
    """False for addresses that never point at one host: unspecified (0.x), loopback,
    multicast, limited broadcast and the 240/4 reserved block.

    The detector no longer uses this as a filter (an IP literal is reported
    whatever it points at, as recognizer suites and reviewers expect); it stays
    for callers that want to tell host addresses from special ones."""
    a = ipaddress.IPv4Address(s)
    return not (a.is_unspecified or a.is_loopback or a.is_multicast or a.is_reserved or s.startswith("0."))


def valid_ipv6(s: str) -> bool:
    """An IPv6 address ``ipaddress`` accepts, excluding the bare ``::``."""
    if s == "::":
        return False
    try:
        ipaddress.IPv6Address(s)
    except ValueError:
        return False
    return True


def hkid_check_char(body: str) -> str:
    """Hong Kong identity card check character for 1–2 letters + 6 digits (mod 11, ``A`` for 10).

    A one-letter prefix is padded with a space worth 36; letters are A=10 … Z=35;
    weights 9…2 over the 8 positions.
    """
    chars = body if len(body) == 8 else " " + body
    total = 0
    for w, c in zip(range(9, 1, -1), chars):
        val = 36 if c == " " else (ord(c) - 55 if c.isalpha() else int(c))
        total += w * val
    r = (11 - total % 11) % 11
    return "A" if r == 10 else str(r)


def valid_hkid(s: str) -> bool:
    """``A123456(3)`` / ``AB9876543`` with parentheses optional: letters, 6 digits, check char."""
    s = s.replace("(", "").replace(")", "")
    if len(s) not in (8, 9):
        return False
    body, check = s[:-1], s[-1]
    n_letters = len(body) - 6
    if not (body[:n_letters].isalpha() and body[n_letters:].isdigit()):
        return False
    return hkid_check_char(body) == check


# Taiwan national ID: the letter is the issuing city/county, coded as two digits
_TW_LETTER = {c: n for c, n in zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36))}


def valid_tw_id(s: str) -> bool:
    """Taiwan national identification number: letter + 1/2 (sex) + 8 digits, weighted mod 10."""
    if len(s) != 10 or s[0] not in _TW_LETTER or s[1] not in "12" or not s[1:].isdigit():
        return False
    code = _TW_LETTER[s[0]]
    total = code // 10 + (code % 10) * 9
    for w, c in zip((8, 7, 6, 5, 4, 3, 2, 1), s[1:9]):
        total += w * int(c)
    total += int(s[9])
    return total % 10 == 0
