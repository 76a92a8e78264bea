"""Normalisation (each evasion), matching, spans, boundaries, exceptions, co-occurrence, stage."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensafe.keywords.library import load_library
from gensafe.keywords.matcher import Matcher, RiskRule, available_backends
from gensafe.keywords.normalize import normalize, normalize_batch, normalize_with_map, span_to_original
from gensafe.keywords.stage import EVIDENCE_TYPE, KeywordStage

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "keywords" / "small"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_library(SMALL))


def hits(m: Matcher, text: str) -> list[tuple[str, str]]:
    """(term, original substring) of every hit."""
    return [(m.terms[h.term].term, text[h.start:h.end]) for h in m.match(text)]


# ---------------------------------------------------------------- normalisation

@pytest.mark.parametrize("raw,norm", [
    ("ＳＥＸ ＰＯＲＮ", "sex porn"),                 # full-width
    ("SeX PoRn", "sex porn"),                          # case
    ("臺灣獨立", "台湾独立"),                          # traditional -> simplified
    ("敏\u200b感\u200d词", "敏感词"),                  # zero-width
    ("敏-感-词", "敏感词"), ("敏 感 词", "敏感词"), ("敏*感*词", "敏感词"), ("敏.感.词", "敏感词"),
    ("敏 - 感", "敏感"), ("敏．感", "敏感"),           # runs and full-width separators
    ("p0rn s3x a55 h4x0r", "porn sex ass haxor"),     # leetspeak inside letter tokens
    ("2024 8964 10:30 $100", "2024 8964 10:30 $100"),  # numbers stay numbers
    ("рorn", "porn"), ("сеx", "cex"), ("ѕех", "sex"),                  # Cyrillic homoglyphs
    ("pórn", "porn"), ("ﬁne", "fine"), ("𝐬𝐞𝐱", "sex"),  # marks, ligatures, math letters
    ("a-ss a.ss a ss", "a-ss a.ss a ss"),              # Latin separators are never removed
    ("free\nporn\tnow", "free porn now"),             # line breaks become spaces
    ("敏 \n 感", "敏感"),
    ("测试，句子。", "测试，句子。"),                  # real punctuation is kept
])
def test_normalize_evasions(raw: str, norm: str) -> None:
    assert normalize(raw) == norm
    n, offsets = normalize_with_map(raw)
    assert n == norm
    if offsets is not None:
        assert len(offsets) == len(n) + 1 and offsets[-1] == len(raw)
        assert list(offsets) == sorted(offsets)


def test_offsets_point_into_original() -> None:
    raw = "前文 敏\u200b-感*词 后文"
    n, offsets = normalize_with_map(raw)
    i = n.index("敏感词")
    a, b = span_to_original(offsets, i, i + 3)
    assert raw[a:b] == "敏\u200b-感*词"


CHARS = st.sampled_from(list("ab sxAZ01345@$敏感詞臺-*.·_\u200b\u200dＡｓ１ﬁé\u0301İ\n\t\u3000𝐬，。…") + ["\x00"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(CHARS, max_size=12), min_size=1, max_size=6))
def test_batch_agrees_with_reference(docs: list[str]) -> None:
    nb = normalize_batch(docs)
    for i, d in enumerate(docs):
        ref, offsets = normalize_with_map(d.replace("\x00", " "))
        assert nb.segment(i) == ref == normalize(d.replace("\x00", " "))
        if offsets is not None:
            assert len(offsets) == len(ref) + 1
            assert all(0 <= o <= len(d) for o in offsets)
        elif not nb.changed:
            assert len(ref) == len(d)


# ---------------------------------------------------------------- matching

@pytest.mark.parametrize("text,term,span", [
    ("ＰＯＲＮ here", "porn", "ＰＯＲＮ"),
    ("PoRn here", "porn", "PoRn"),
    ("p0rn here", "porn", "p0rn"),
    ("рorn here", "porn", "рorn"),                   # Cyrillic р
    ("pо\u200brn here", "porn", "pо\u200brn"),        # homoglyph + zero-width
    ("这是敏-感-词吗", "敏感词", "敏-感-词"),
    ("这是敏 感 词吗", "敏感词", "敏 感 词"),
    ("这是敏*感*词吗", "敏感词", "敏*感*词"),
    ("这是敏.感.词吗", "敏感词", "敏.感.词"),
    ("这是敏\u200b感词吗", "敏感词", "敏\u200b感词"),
    ("这是ﬁne敏感詞吗", "敏感词", "敏感詞"),          # a ligature before the hit shifts offsets
    ("主张台独吗", "臺獨", "台独"),                   # traditional term, simplified text
    ("主张臺獨吗", "臺獨", "臺獨"),
    ("a bomb\nrecipe", "bomb recipe", "bomb\nrecipe"),   # hard-wrapped multi-word term
])
def test_evasions_are_matched_with_original_spans(matcher: Matcher, text: str, term: str, span: str) -> None:
    assert (term, span) in hits(matcher, text)


def test_no_match_across_english_word_boundaries(matcher: Matcher) -> None:
    assert hits(matcher, "class assignment, passage, bass") == []
    assert hits(matcher, "the therapist said") == []
    assert hits(matcher, "a-ss a ss") == []
    assert ("rapist", "rapist") in hits(matcher, "the rapist said")
    assert ("ass", "ass") in hits(matcher, "what an ass.")
    assert ("ass", "ass") in hits(matcher, "蠢ass蛋")  # CJK is a boundary for Latin words


def test_substring_mode_matches_inside_words(matcher: Matcher) -> None:
    assert ("xyzzy", "xyzzy") in hits(matcher, "fooxyzzybar")


def test_exceptions(matcher: Matcher) -> None:
    assert hits(matcher, "breast cancer screening and breast feeding") == []
    assert ("breast", "breast") in hits(matcher, "the breast is")
    assert hits(matcher, "性别平等，性能很好，可能性") == []
    assert ("性", "性") in hits(matcher, "关于性的话题")


def test_cooccurrence(matcher: Matcher) -> None:
    assert hits(matcher, "今天开盒了一个新玩具") == []
    assert ("开盒", "开盒") in hits(matcher, "开盒他的住址")
    assert hits(matcher, "开盒" + "很长的一段无关内容" * 3 + "住址") == []
    assert ("hack", "hack") in hits(matcher, "hack her account")
    assert hits(matcher, "a life hack for cooking") == []


def test_cooccurrence_veto(tmp_path: Path) -> None:
    """``!x`` entries of cooccur veto a hit when x is inside the same window."""
    (tmp_path / "terms").mkdir()
    (tmp_path / "manifest.toml").write_text((SMALL / "manifest.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "terms" / "t.tsv").write_text(
        "term\tcodes\tlang\tmode\tseverity\texceptions\tcooccur\n"
        "骗老人\tA1h\tzh\tsubstring\t3\t\t如何|教你|!防范|!识破@8\n"
        "scam the elderly\tA1h\ten\tword\t3\t\thow to|!protect@30\n", encoding="utf-8")
    m = Matcher(load_library(tmp_path))
    assert ("骗老人", "骗老人") in hits(m, "教你骗老人的钱")
    assert hits(m, "教你识破骗老人的套路") == []
    assert hits(m, "骗老人的钱") == []                                   # no marker
    assert hits(m, "识破" + "很长的一段无关内容" * 2 + "，教你骗老人") != []  # the veto is outside the window
    assert hits(m, "how to scam the elderly") != []
    assert hits(m, "how to protect parents from people who scam the elderly") == []
    res = m.match_batch(["教你识破骗老人的套路"], keep_rejected=True)
    assert [r.reason for r in res.rejected] == ["vetoed by '识破' within 8"]


def test_batch_documents_do_not_leak(matcher: Matcher) -> None:
    docs = ["敏感", "词", "开盒", "住址", None, "", "porn"]
    res = matcher.match_batch(docs)
    assert [(h.doc, docs[h.doc][h.start:h.end]) for h in res.hits] == [(6, "porn")]


def test_overlapping_hits_are_all_reported(matcher: Matcher) -> None:
    found = hits(matcher, "porn sex")
    assert ("porn", "porn") in found and ("sex", "sex") in found


@pytest.mark.parametrize("backend", available_backends())
def test_backends_agree(backend: str) -> None:
    lib = load_library(SMALL)
    ref = Matcher(lib, "pyahocorasick")
    m = Matcher(lib, backend)
    texts = ["ＰＯＲＮ 敏-感-词 “quoted” porn", "plain ascii porn and sex", "关于性的话题 p0rn", "é porn"]
    key = lambda r: [(h.doc, h.term, h.start, h.end) for h in r.hits]  # noqa: E731
    assert key(m.match_batch(texts)) == key(ref.match_batch(texts))


# ---------------------------------------------------------------- risk rule and stage

def test_risk_rule() -> None:
    rule = RiskRule(strong_severity=3, min_weak_hits=2)
    assert rule.assess([("A1d", 0, 3)])[0] == ["A1d"]
    risks, weak, scores = rule.assess([("A1f", 1, 2)])
    assert risks == [] and weak == ["A1f"] and scores["A1f"] == 0.5
    assert rule.assess([("A1f", 1, 2), ("A1f", 2, 2)])[0] == ["A1f"]
    assert rule.assess([("A1f", 1, 2), ("A1f", 1, 2)])[0] == []   # the same term twice is one term
    assert rule.assess([("A1f", i, 1) for i in range(10)])[0] == []  # low severity never alone


def test_stage_columns_and_provenance() -> None:
    stage = KeywordStage(library=str(SMALL))
    stage.setup()
    batch = pa.RecordBatch.from_pydict({"doc_id": ["a", "b", "c", "d"],
                                        "text": ["hello", "炸药配方在此", "一个违禁品", None]})
    out = stage.process(batch)
    assert out.schema.field("kw_evidence").type == EVIDENCE_TYPE
    assert out.column("kw_hits").to_pylist() == [0, 1, 1, 0]
    assert out.column("kw_risks").to_pylist() == [[], ["A1d"], [], []]
    assert out.column("kw_weak_risks").to_pylist() == [[], [], ["A1h"], []]
    ev = out.column("kw_evidence").to_pylist()[1][0]
    assert ev == {"term": "炸药配方", "code": "A1d", "start": 0, "end": 4, "severity": 3}
    assert out.column("doc_id").to_pylist() == ["a", "b", "c", "d"]
    assert set(stage.output_columns()) <= set(out.schema.names)
    prov = stage.provenance()
    assert prov["keyword_library"] == "fixture-small"
    assert prov["keyword_library_version"] == "1.0"
    assert prov["keyword_library_hash"].startswith("sha256:")
    assert prov["keyword_library_updated"] == "2026-01-05"


def test_stage_multi_code_terms_and_registry() -> None:
    from gensafe.stages.registry import build_stage

    stage = build_stage({"type": "keywords", "library": str(SMALL), "min_weak_hits": 1})
    out = stage.process(pa.RecordBatch.from_pydict({"text": ["他们歧视外地人"]}))
    assert out.column("kw_risks").to_pylist() == [["A2d", "A2i"]]
    assert [e["code"] for e in out.column("kw_evidence").to_pylist()[0]] == ["A2d", "A2i"]


def test_stage_rejects_unknown_options() -> None:
    from gensafe.stages.base import StageError

    with pytest.raises(StageError, match="unknown option"):
        KeywordStage(libary="x")
    with pytest.raises(StageError, match="not a keyword library"):
        KeywordStage(library="/nonexistent/lib").setup()


def test_stage_caps_evidence_but_counts_all_hits() -> None:
    stage = KeywordStage(library=str(SMALL), max_evidence=3)
    out = stage.process(pa.RecordBatch.from_pydict({"text": ["porn " * 10, "porn"]}))
    assert out.column("kw_hits").to_pylist() == [10, 1]
    assert [len(x) for x in out.column("kw_evidence").to_pylist()] == [3, 1]
    assert stage.stats()["keywords_hits"] == 11


def test_stage_reloads_a_changed_library(tmp_path: Path) -> None:
    import shutil

    lib = tmp_path / "lib"
    shutil.copytree(SMALL, lib)
    first = KeywordStage(library=str(lib))
    batch = pa.RecordBatch.from_pydict({"text": ["a brandnewterm here"]})
    assert first.process(batch).column("kw_hits").to_pylist() == [0]
    with (lib / "terms" / "en.tsv").open("a", encoding="utf-8") as fh:
        fh.write("brandnewterm\tA1h\ten\tword\t3\t\t\n")
    second = KeywordStage(library=str(lib))
    assert second.process(batch).column("kw_risks").to_pylist() == [["A1h"]]
    assert second.provenance()["keyword_library_hash"] != first.provenance()["keyword_library_hash"]


def test_nul_and_mixed_batches_keep_spans(matcher: Matcher) -> None:
    docs = ["a\x00porn", "敏\u200b感词 and ＰＯＲＮ", "plain porn"]
    res = matcher.match_batch(docs)
    got = sorted((h.doc, docs[h.doc][h.start:h.end]) for h in res.hits)
    assert got == sorted([(0, "porn"), (1, "ＰＯＲＮ"), (1, "敏\u200b感词"), (2, "porn")])


def test_stage_pickles_without_the_automaton() -> None:
    import pickle

    stage = KeywordStage(library=str(SMALL))
    stage.setup()
    clone = pickle.loads(pickle.dumps(stage))
    assert clone.matcher is None
    out = clone.process(pa.RecordBatch.from_pydict({"text": ["炸药配方"]}))
    assert out.column("kw_risks").to_pylist() == [["A1d"]]
