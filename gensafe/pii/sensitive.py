"""Sensitive personal information (PIPL Art. 28) as keyword-and-context signals.

Art. 28 names biometrics, religious belief, specific identity, medical
health, financial accounts, whereabouts (行踪轨迹) and the personal
information of minors under 14.  None of these has a format, so they are
detected as a *term* from a small authored list **near a personal
reference** (a pronoun, a kinship or role word such as 患者/用户/patient, a
masked name like 张某, Mr./Ms. + name, or a structured PI finding) within
``window`` characters.  A term with no person nearby ("糖尿病的治疗方法") is
general knowledge, not someone's information, and does not fire.

Precision caveat: a pronoun within the window does not prove that the term is
*about* that person ("他研究癌症" fires as medical).  These signals are meant
for counting and sampling (B.2.1.2.3 c/e), not for automatic removal.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from gensafe.pii.detectors import PIIFinding

try:  # the Rust automaton is ~3x faster; pyahocorasick is a core dependency
    import ahocorasick_rs as _ac_rs
except ImportError:  # pragma: no cover - exercised only without the 'fast' extra
    _ac_rs = None
import ahocorasick as _ac_py

#: category → authored terms (zh and en).  English terms match case-insensitively
#: on word boundaries; Chinese terms match as substrings.
SENSITIVE_TERMS: dict[str, tuple[str, ...]] = {
    "biometric": (
        "指纹信息", "指纹数据", "采集指纹", "录入指纹", "人脸信息", "人脸数据", "面部特征", "面部识别", "虹膜", "声纹", "掌纹", "基因检测",
        "基因信息", "DNA样本", "步态特征", "fingerprint", "fingerprints", "face scan", "facial recognition data",
        "iris scan", "retina scan", "voiceprint", "DNA sample", "genetic test", "biometric data",
    ),
    "religion": (
        "基督徒", "佛教徒", "穆斯林", "天主教徒", "道教徒", "受洗", "皈依", "宗教信仰", "信仰基督", "信仰佛教",
        "信仰伊斯兰", "做礼拜", "Christian", "Muslim", "Buddhist", "Catholic", "Jewish", "Hindu",
        "baptized", "baptised", "converted to Islam", "religious belief", "religious beliefs",
    ),
    "specific_identity": (
        "残疾人", "残疾证", "刑满释放", "前科", "犯罪记录", "服刑", "吸毒史", "性取向", "同性恋", "变性",
        "低保户", "失信被执行人", "艾滋病感染者", "criminal record", "ex-convict", "disability",
        "sexual orientation", "gay", "lesbian", "transgender", "undocumented", "refugee status", "on parole",
    ),
    "medical": (
        "患有", "确诊", "诊断为", "病历", "病史", "住院", "抑郁症", "癌症", "肿瘤", "艾滋病", "HIV", "乙肝",
        "糖尿病", "精神病", "精神分裂", "怀孕", "流产", "体检报告", "处方药", "化疗", "diagnosed with",
        "medical record", "medical records", "medical history", "HIV positive", "cancer", "depression",
        "diabetes", "pregnant", "prescription", "hospitalized", "hospitalised", "chemotherapy", "schizophrenia",
    ),
    "financial": (
        "银行账户", "存款", "余额", "信用记录", "征信", "贷款", "欠款", "负债", "支付宝账号",
        "微信支付账号", "工资", "月薪", "年收入", "bank account", "credit score",
        "credit history", "salary", "loan", "debt", "account balance", "annual income",
    ),
    "whereabouts": (
        "行踪", "行程轨迹", "出行记录", "家住", "家庭住址", "住址", "开房记录", "入住记录", "定位信息", "位置信息",
        "GPS定位", "home address", "lives at", "location history", "whereabouts", "GPS location",
        "checked into", "travel history",
    ),
    "minor": (
        "未满十四周岁", "不满十四周岁", "未满14周岁", "不满14周岁", "未成年人", "小学生", "幼儿园", "学龄前",
        "under 14", "under the age of 14", "kindergarten", "elementary school student", "toddler",
    ),
}

#: characters that, right before a Chinese term, make it a different word
#: ("大家住" = everyone stays, "一家住" = a family stays, "中小学生" is kept)
_ZH_BLOCKED_PREFIX: dict[str, str] = {"家住": "大一全两咱", "住址": "新旧原", "余额": "无", "定位信息": "产品"}

# ages under 14 ("9岁", "十三周岁", "7-year-old", "aged 12") count as minor terms.  The
# trigger words go into the same automaton; the number next to them is checked here.
_AGE_TRIGGERS: dict[str, str] = {
    "岁": "zh", "周岁": "zh", "year-old": "en", "years-old": "en", "year old": "en", "years old": "en",
    "aged": "aged", "Aged": "aged",
}
_AGE_ZH_BEFORE = re.compile(r"(?:(?<![0-9])(?P<d>[0-9]{1,2}) ?|(?<![一二三四五六七八九十百零两])(?P<c>十[一二三]|[一二三四五六七八九十两]))$")
_AGE_EN_BEFORE = re.compile(r"(?<![0-9A-Za-z])(?P<d>[0-9]{1,2})[- ]$")
_AGE_AFTER = re.compile(r" (?P<d>[0-9]{1,2})(?![0-9A-Za-z])")
_ZH_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12, "十三": 13}


def _minor_age_span(kind: str, text: str, s: int, e: int) -> tuple[int, int] | None:
    """Span of "<age> 岁 / year-old" or "aged <age>" when the age is 1–13, else None."""
    if kind == "aged":
        m = _AGE_AFTER.match(text, e)
        return (s, m.end()) if m and 1 <= int(m.group("d")) <= 13 else None
    m = (_AGE_ZH_BEFORE if kind == "zh" else _AGE_EN_BEFORE).search(text, max(0, s - 4), s)
    if m is None:
        return None
    age = int(m.group("d")) if m.group("d") else _ZH_NUM[m.group("c")]
    return (m.start(), e) if 1 <= age <= 13 else None


_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
#: personal references: pronouns, roles, kinship, masked names, titles + names
PERSON_RE = re.compile(
    r"(?<!其)他|她|我(?!国|们国|校|院|省|市|司|军|党)|你|患者|病人|用户|本人|先生|女士|同学|小朋友|孩子|儿子|女儿|"
    r"妻子|丈夫|老公|老婆|父亲|母亲|爸爸|妈妈|员工|当事人|被告人?|原告|"
    rf"[{_SURNAMES}]某+|"
    r"(?i:\b(?:he|she|his|her|him|hers|i|me|my|mine|patient|user|customer|client|employee|son|daughter|"
    r"wife|husband|mother|father|child|mrs?|ms|miss|dr)\b)"
)
DEFAULT_WINDOW = 40


def _variants(term: str) -> set[str]:
    if term.isascii():
        return {term, term.lower(), term.upper(), term[:1].upper() + term[1:].lower(), term.title()}
    return {term}


def _to_char_offsets(data: bytes, raw: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Convert (pattern, byte start, byte end) hits, sorted by start, to character offsets."""
    out = []
    bpos = cpos = 0
    for idx, bs, be in raw:
        cpos += len(data[bpos:bs].decode("utf-8"))
        cend = cpos + len(data[bs:be].decode("utf-8"))
        out.append((idx, cpos, cend))
        bpos = bs
    return out


def _is_word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


class SensitiveDetector:
    """Finds sensitive-category terms and keeps those near a personal reference."""

    def __init__(self, terms: dict[str, Sequence[str]] | None = None, window: int = DEFAULT_WINDOW) -> None:
        self.window = int(window)
        self.terms = {k: tuple(vs) for k, vs in (terms or SENSITIVE_TERMS).items()}
        patterns: list[str] = []
        self._meta: list[tuple[str, bool]] = []  # (category, needs word boundaries)
        seen: set[str] = set(_AGE_TRIGGERS)
        for trig, kind in _AGE_TRIGGERS.items():
            patterns.append(trig)
            self._meta.append(("age:" + kind, trig.isascii()))
        for cat, words in self.terms.items():
            for w in words:
                for var in sorted(_variants(w)):
                    if var not in seen:
                        seen.add(var)
                        patterns.append(var)
                        self._meta.append((cat, var.isascii()))
        self._patterns = patterns
        if _ac_rs is not None:
            # a DFA over UTF-8 bytes is ~3x faster than the str interface, which
            # converts every offset; byte offsets of the (rare) hits are converted here
            self._rs = _ac_rs.BytesAhoCorasick(
                [p.encode("utf-8") for p in patterns],
                matchkind=_ac_rs.MatchKind.LeftmostLongest,
                implementation=_ac_rs.Implementation.DFA,
            )
            self._py = None
        else:  # pragma: no cover
            self._rs = None
            self._py = _ac_py.Automaton()
            for i, p in enumerate(patterns):
                self._py.add_word(p, (i, len(p)))
            self._py.make_automaton()

    def _term_hits(self, text: str) -> Iterable[tuple[str, int, int]]:
        if self._rs is not None:
            data = text.encode("utf-8")
            raw = self._rs.find_matches_as_indexes(data)
            if raw and len(data) != len(text):  # non-ASCII: byte offsets -> character offsets
                raw = _to_char_offsets(data, raw)
        else:  # pragma: no cover
            raw = [(i, end - n + 1, end + 1) for end, (i, n) in self._py.iter_long(text)]
        for idx, s, e in raw:
            cat, ascii_term = self._meta[idx]
            if ascii_term and ((s > 0 and _is_word_char(text[s - 1])) or (e < len(text) and _is_word_char(text[e]))):
                continue
            if s > 0 and text[s - 1] in _ZH_BLOCKED_PREFIX.get(text[s:e], ""):
                continue
            if cat.startswith("age:"):
                span = _minor_age_span(cat[4:], text, s, e)
                if span is None:
                    continue
                cat, (s, e) = "minor", span
            yield cat, s, e

    def detect(self, text: str, structured: Sequence[PIIFinding] = ()) -> list[PIIFinding]:
        """Sensitive findings (type ``sensitive:<category>``) with a personal reference nearby."""
        hits = list(self._term_hits(text))
        if not hits:
            return []
        out: list[PIIFinding] = []
        w = self.window
        n = len(text)
        # structured findings do not overlap each other: sorted by start, their ends are sorted too
        ends = sorted(f.end for f in structured)
        starts = sorted(f.start for f in structured)
        for cat, s, e in sorted(hits, key=lambda h: h[1]):
            lo, hi = max(0, s - w), min(n, e + w)
            # a structured finding is near when it starts before hi and ends after lo
            near = bool(ends) and bisect_right(starts, hi) > bisect_left(ends, lo)
            if not near:
                near = PERSON_RE.search(text, lo, s) is not None or PERSON_RE.search(text, e, hi) is not None
            if near:
                out.append(PIIFinding(f"sensitive:{cat}", s, e, True, text[s:e]))
        return out
