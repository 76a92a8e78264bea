"""Shared pieces of the authored ad/spam generators: invented brands, contact
handles and domains, and the obfuscations real spam uses to dodge filters.

Every name, number and domain here is invented (random letters and digits from
a seeded generator); none was copied from real spam.  The obfuscations are the
point: a filter that only matches ``xx.com`` and ``微信`` misses ``xx点top`` and
``薇❤``, so the training texts must show them in their many spellings.
"""
from __future__ import annotations

import random
import string

TLDS = ["com", "net", "top", "vip", "cc", "xyz", "app", "me", "co", "tv", "cn", "club", "io", "bet", "live", "site"]
DOMAIN_HEADS = ["xpj", "hg", "yb", "js", "amh", "bet", "ky", "lh", "dj", "tyc", "bm", "ag", "bb", "mg", "pt", "hy", "xs",
                "yl", "jl", "ms", "ob", "sb", "wd", "fh", "hs", "kk", "tt", "qp", "cp", "xg", "vns", "ty", "dd", "lx"]
DOMAIN_TAILS = ["888", "365", "0088", "5599", "6688", "777", "99", "1188", "2266", "8899", "520", "3344", "66", "9988", "1314",
                "0", "168", "518", "789", "2828"]

# ---------------------------------------------------------------- digits
ZH_DIGITS = {"0": "零", "1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六", "7": "七", "8": "八", "9": "九"}
ZH_DIGITS_ALT = {"0": "洞", "1": "幺", "2": "两", "7": "拐", "9": "勾"}
CIRCLED = {str(i): c for i, c in enumerate("⓪①②③④⑤⑥⑦⑧⑨")}


def fullwidth(s: str) -> str:
    """ASCII letters, digits and the dot as their full-width forms (ｗｗｗ．ｘｘ．ｃｏｍ)."""
    out = []
    for ch in s:
        if "!" <= ch <= "~":
            out.append(chr(ord(ch) + 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice(string.digits) for _ in range(n - 1))


def obfuscate_number(rng: random.Random, num: str) -> str:
    """A phone/QQ number as spam writes it to slip past number filters."""
    style = rng.randrange(8)
    if style == 0:
        return num
    if style == 1:  # all Chinese numerals
        return "".join(ZH_DIGITS[c] for c in num)
    if style == 2:  # mixed Arabic and Chinese
        return "".join(ZH_DIGITS[c] if rng.random() < 0.5 else c for c in num)
    if style == 3:  # spaced
        step = rng.choice([3, 4])
        return " ".join(num[i:i + step] for i in range(0, len(num), step))
    if style == 4:  # full width
        return fullwidth(num)
    if style == 5:  # dashed
        return "-".join(num[i:i + 3] for i in range(0, len(num), 3))
    if style == 6:  # circled digits for part of it
        cut = rng.randrange(1, len(num))
        return num[:cut] + "".join(CIRCLED[c] for c in num[cut:])
    # radio-style digits (幺 洞 拐 勾)
    return "".join(ZH_DIGITS_ALT.get(c, ZH_DIGITS[c]) for c in num)


def phone(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice(string.digits) for _ in range(9))


def qq(rng: random.Random) -> str:
    return digits(rng, rng.choice([8, 9, 10]))


def wx_id(rng: random.Random) -> str:
    """An invented WeChat/Telegram-style id: letters, digits, an underscore."""
    head = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 6)))
    tail = "".join(rng.choice(string.digits) for _ in range(rng.randint(2, 5)))
    sep = rng.choice(["", "", "_", "-"])
    return head + sep + tail if rng.random() < 0.8 else head + tail + rng.choice(["a", "b", "x", "vip", "kf"])


# ---------------------------------------------------------------- domains
def domain_base(rng: random.Random) -> str:
    return rng.choice(DOMAIN_HEADS) + rng.choice(DOMAIN_TAILS) + (rng.choice(["", "", "", "a", "x", "app", "vip"]))


def obfuscate_domain(rng: random.Random, base: str | None = None, tld: str | None = None) -> str:
    """``base.tld`` in one of the dodges Chinese spam uses (点top, 點com, spaced, full width, www spelled out...)."""
    base = base or domain_base(rng)
    tld = tld or rng.choice(TLDS)
    style = rng.randrange(16)
    if style == 0:
        return f"{base}点{tld}"
    if style == 1:
        return f"{base}點{tld}"
    if style == 2:
        return f"www点{base}点{tld}"
    if style == 3:
        return f"{base}。{tld}"
    if style == 4:
        return " ".join(f"{base}.{tld}")
    if style == 5:
        return fullwidth(f"www.{base}.{tld}")
    if style == 6:
        return f"三W点{base}点{tld}"
    if style == 7:
        return f"{base}（点）{tld}"
    if style == 8:
        return f"{base}【.】{tld}"
    if style == 9:
        return f"{base} dot {tld}"
    if style == 10:
        return f"{base}·{tld}"
    if style == 11:
        return f"{base}.{tld.replace('o', '0')}" if "o" in tld else f"{base}丶{tld}"
    if style == 12:
        return f"w w w . {base} . {tld}"
    if style == 13:
        return f"{base.upper()}.{tld.upper()}"
    if style == 14:
        return f"{base}点{fullwidth(tld)}"
    return f"https://{base}.{tld}"


def plain_domain(rng: random.Random) -> str:
    return f"{domain_base(rng)}.{rng.choice(TLDS)}"


# ---------------------------------------------------------------- contacts (zh)
WX_NAMES = ["微信", "V信", "VX", "vx", "薇信", "威信", "wx", "WX", "薇", "v", "V", "微❤", "薇❤", "v❤", "卫星", "维信", "徽信",
            "危信", "VX号", "绿泡泡", "💚", "🌿"]
QQ_NAMES = ["QQ", "qq", "扣扣", "Q", "企鹅", "🐧", "球球", "抠抠", "蔻蔻", "Q号", "QQ群", "群号"]
TG_NAMES = ["TG", "tg", "飞机", "纸飞机", "✈", "✈️", "电报", "telegram", "Telegram", "飞机号", "TG频道"]
ADD_VERBS = ["加", "➕", "+", "添加", "联系", "咨询", "认准", "速加", "滴滴", "戳"]


def wx_handle(rng: random.Random) -> str:
    name = rng.choice(WX_NAMES)
    ident = wx_id(rng) if rng.random() < 0.6 else obfuscate_number(rng, phone(rng))
    sep = rng.choice(["：", ":", " ", "", "：", "号："])
    return f"{name}{sep}{ident}"


def qq_handle(rng: random.Random) -> str:
    name = rng.choice(QQ_NAMES)
    sep = rng.choice(["：", ":", " ", "", "："])
    return f"{name}{sep}{obfuscate_number(rng, qq(rng))}"


def tg_handle(rng: random.Random) -> str:
    name = rng.choice(TG_NAMES)
    sep = rng.choice(["：", ":", " ", "", "："])
    return f"{name}{sep}@{wx_id(rng)}"


def phone_handle(rng: random.Random) -> str:
    name = rng.choice(["电话", "手机", "热线", "Tel", "☎", "📞", "联系电话", "电", "手机号"])
    return f"{name}{rng.choice(['：', ':', ' '])}{obfuscate_number(rng, phone(rng))}"


def contact(rng: random.Random, kinds: str = "wqtp") -> str:
    """One contact line: WeChat (w), QQ (q), Telegram (t) or phone (p), with an add-me verb half the time."""
    k = rng.choice(kinds)
    h = {"w": wx_handle, "q": qq_handle, "t": tg_handle, "p": phone_handle}[k](rng)
    if rng.random() < 0.5:
        h = rng.choice(ADD_VERBS) + h
    return h


def vague_contact(rng: random.Random) -> str:
    """A contact pointer without a number (私聊, 看主页), as comment spam writes it."""
    return rng.choice(["私聊", "私信我", "私聊我拉你进群", "看我主页", "主页有联系方式", "戳我头像", "看简介", "评论区扣1我私你",
                       "滴滴我", "加我好友细聊", "留言我主动联系你", "懂的来私", "后台回复暗号", "私我发链接", "有意者私"])


# ---------------------------------------------------------------- contacts (en)
def en_contact(rng: random.Random) -> str:
    k = rng.randrange(7)
    if k == 0:
        return f"Telegram: @{wx_id(rng)}"
    if k == 1:
        return f"WhatsApp +{rng.choice(['1', '44', '60', '63', '234', '855'])} {digits(rng, 3)} {digits(rng, 3)} {digits(rng, 4)}"
    if k == 2:
        return f"Wickr / Signal: {wx_id(rng)}"
    if k == 3:
        return f"tg @{wx_id(rng)}"
    if k == 4:
        return f"DM me on telegram ({wx_id(rng)})"
    if k == 5:
        return f"snap: {wx_id(rng)}"
    return f"email {wx_id(rng)}@{rng.choice(['protonmail', 'tutanota', 'mailfence'])}.{rng.choice(['com', 'ch'])}"


def en_domain(rng: random.Random) -> str:
    base = rng.choice(["lucky", "vegas", "spin", "win", "royal", "jack", "slot", "bet", "cash", "hot", "date", "cam", "fast",
                       "easy", "vip", "gold"]) + rng.choice(["pot", "king", "777", "zone", "hub", "club", "x", "24", "city",
                                                            "play", "now", "go", "max"])
    tld = rng.choice(["com", "net", "xyz", "top", "io", "live", "club", "bet", "site", "vip"])
    style = rng.randrange(7)
    if style == 0:
        return f"{base}.{tld}"
    if style == 1:
        return f"{base} dot {tld}"
    if style == 2:
        return f"{base}[.]{tld}"
    if style == 3:
        return f"{base} (dot) {tld}"
    if style == 4:
        return " ".join(f"{base}.{tld}")
    if style == 5:
        return f"www . {base} . {tld}"
    return f"{base}(.){tld}"


def pick(rng: random.Random, pool: list[str], k: int) -> list[str]:
    return rng.sample(pool, min(k, len(pool)))
