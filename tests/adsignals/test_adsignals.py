"""The ad-signals stage: illegal ads and spam flagged by the co-occurrence of a
contact channel, a lure and an illegal trade, with spans into the original
text; ordinary ads, news about gambling and police warnings left alone.

The texts here are written for this test (not drawn from the generated seed
files), so they check the detector on phrasings its term lists were not tuned on.
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from click.testing import CliRunner

from gensafe.adsignals.detect import AdDetector
from gensafe.adsignals.patterns import fold
from gensafe.adsignals.stage import AdSignalsStage
from gensafe.cli import main
from gensafe.config import load_pipeline
from gensafe.pipeline import DEFAULT_PIPELINE
from gensafe.stages import StageError, build_stage

POSITIVES: list[tuple[str, str]] = [
    # gambling sign-ups with obfuscated domains and handles
    ("鸿福国际百家乐，新会员注册送58元，首充再送百分之三十，网址 hf8866点top ，客服薇信：hf_kefu01", "A1h"),
    ("今晚时时彩计划已更新，跟着导师走，稳赚不赔！平台www點bo365點cc，不会玩的加扣扣 三九六七二八一五零", "A1h"),
    ("线上真人视讯娱乐城，日返水1.2%，提款三分钟到账，ＷＷＷ．ＪＳ５５８．ＣＯＭ", "A1h"),
    ("Sign up at lucky-spin dot com for 100 free spins and a 200% first deposit bonus, best online casino, tg @luckyspin_vip", "A1h"),
    # pornography
    ("宅男必备，无码成人视频每日更新，永久免费观看，复制网址 ml69。xyz 到浏览器，懂的都懂", "A1f"),
    ("同城约炮，学生妹包夜，照片保真，加V：yuehui_520 私聊价格", "A1f"),
    ("Hot nudes and live cams, lifetime access $10, DM me on telegram @hotcams_24", "A1f"),
    # drugs and weapons
    ("冰毒现货，纯度高，全国顺丰隐秘发货，量大从优，飞机号：@ice_king88", "A1h"),
    ("出售PCP气狗，威力大，分件发货，配瞄准镜，联系微信 gun8899a", "A1h"),
    ("Selling cocaine and pressed bars, discreet shipping, crypto only. Signal: plugman77", "A1h"),
    # forged documents, fraud, cards, personal data
    ("办理假毕业证、假学历，学信网可查，七天出证，先做后付，QQ：2837461950", "A1h"),
    ("兼职刷单，一单一结，日入三百，宝妈学生均可，手机号 幺三八 零零七五 二六四九", "A1h"),
    ("无抵押贷款，黑户也能下，不看征信，当天放款，VX: daikuan_888", "A1h"),
    ("高价收银行卡四件套，一套一千二，用完就还，TG：@card_buyer", "A1h"),
    ("社工库查询：开房记录、手机号实名查询，半小时出结果，企鹅 1829374650", "A4f"),
]

NEGATIVES: list[str] = [
    # ordinary ads and notices with a WeChat id or phone number
    "本店新到一批新鲜荔枝，今天下单包邮，顺丰冷链发货，需要的朋友加微信 lizhi_shop88 下单。",
    "招聘前台文员一名，月薪五千，五险一金，双休，有意者请联系人事部电话 13912345678。",
    "游戏新版本上线，新玩家注册送一千钻石，首充双倍，详情见官网公告。",
    "二手山地车转让，九成新，价格八百，同城自提，vx：bike_2023",
    # news, police warnings and education about the same trades
    "警方破获一起网络赌博案，犯罪嫌疑人以“注册送彩金”为诱饵，诱导受害人在境外百家乐网站充值，涉案金额上亿元。",
    "反诈提醒：刷单就是诈骗！凡是要求你先垫付的兼职都是骗局，接到此类信息请立即拨打96110举报。",
    "记者调查：一些网站把网址写成“xx点com”逃避监管，推广色情视频和赌博平台，网信部门已依法关停。",
    "The police arrested twelve people who ran an illegal online casino; investigators said the ring promised sign-up bonuses.",
    "禁毒宣传：冰毒、大麻都是毒品，吸食会造成严重危害。发现贩毒线索请拨打举报电话 110。",
    # speeches and fiction
    "同志们，革命先烈推翻了旧政府，打败了敌人，我们今天要继续奋斗，建设更加美好的国家。",
    "“你这个赌鬼，又把工资输光了！”她把门摔得震天响。窗外下着雨，他坐在台阶上一言不发。",
    # a refused trade next to a handle (from an ordinary blog's self-promotion)
    "欢迎关注我的公众号，微信号是：443407599，欢迎添加交流，不约炮，只卖文。",
    # code and technical text with URLs and the word 'method'
    "Use the method described at https://docs.python.org/3/library/re.html; the slots and dumps of json are documented there.",
]


#: authored evaluation sets (tests/fixtures/adsignals/cases.jsonl): five sets of ads and ordinary texts,
#: each written before a revision of the term lists and scored once before it (docs/ad_signals.md has the
#: honest first-sight recall of each); together they guard against regressions in recall and precision
CASES = [json.loads(line) for line in
         (Path(__file__).resolve().parents[1] / "fixtures" / "adsignals" / "cases.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def detector() -> AdDetector:
    return AdDetector()


def test_authored_sets_recall_floor_and_no_false_positive(detector: AdDetector) -> None:
    ads = [c["text"] for c in CASES if c["label"] == "ad"]
    ordinary = [c["text"] for c in CASES if c["label"] == "ordinary"]
    assert len(ads) >= 100 and len(ordinary) >= 40
    caught = sum(1 for t in ads if detector.verdict(t).codes)
    assert caught / len(ads) >= 0.75, caught
    assert [t for t in ordinary if detector.verdict(t).codes] == []


@pytest.mark.parametrize("text,code", POSITIVES)
def test_illegal_ads_are_flagged_with_their_code(detector: AdDetector, text: str, code: str) -> None:
    v = detector.verdict(text)
    assert code in v.codes, (text, v)


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_ads_news_and_warnings_are_not_flagged(detector: AdDetector, text: str) -> None:
    v = detector.verdict(text)
    assert v.codes == [], (text, v)


def test_news_quoting_an_ad_is_suppressed_as_a_report(detector: AdDetector) -> None:
    ad = "百家乐注册送58元，首充返水，网址 hf8866点top ，加薇信：hf_kefu01"
    assert detector.verdict(ad).codes == ["A1h"]
    report = "警方提醒：犯罪嫌疑人发布广告称" + ad + "，受害人充值后无法提现，已依法立案。"
    v = detector.verdict(report)
    assert v.codes == [] and v.suppressed


def test_an_ad_without_any_channel_needs_strong_lures_and_no_report_word(detector: AdDetector) -> None:
    assert detector.verdict("线上百家乐火爆上线，新人注册送88元，首充再加赠百分之五十，天天有活动。").codes == ["A1h"]
    # one lure is not enough without a channel, and neither are everyday sales words
    assert detector.verdict("线上百家乐火爆上线，新人注册送88元。").codes == []
    assert detector.verdict("百家乐的规则很简单，价格便宜的筹码套装包邮到家。").codes == []
    # one report word is enough to suppress a channel-less match
    assert detector.verdict("警方提示：线上百家乐以新人注册送88元、首充加赠为诱饵。").codes == []


def test_trade_words_alone_or_channel_alone_do_not_flag(detector: AdDetector) -> None:
    assert detector.verdict("百家乐是一种起源于意大利的纸牌游戏，在澳门赌场很常见。").codes == []
    assert detector.verdict("注册送好礼，首充优惠，欢迎加微信 shop_2024 了解详情。").codes == []
    # a channel too far from the trade words (more than the window apart)
    far = "百家乐注册送彩金。" + "今天天气很好，我们去公园散步。" * 40 + "微信：abc12345"
    assert detector.verdict(far).codes == []


def test_evidence_spans_point_into_the_original_text(detector: AdDetector) -> None:
    text = "【推荐】线上百家乐，注册送38元，网址：ｂｏ８８点ｔｏｐ，客服 V信：kf_2024"
    v = detector.verdict(text)
    assert v.codes == ["A1h"]
    kinds = {s.kind: text[s.start:s.end] for s in v.evidence}
    assert kinds["gambling"] == "百家乐"
    assert kinds["lure"] == "注册送"
    assert kinds["domain"] == "ｂｏ８８点ｔｏｐ"
    assert kinds["contact"] == "V信：kf_2024"


def test_fold_keeps_offsets() -> None:
    s = "ＡＢＣ点ｃｏｍ　WWW"
    assert len(fold(s)) == len(s)
    assert fold(s) == "abc点com www"


def test_english_terms_need_word_boundaries(detector: AdDetector) -> None:
    assert detector.candidates(["the method is described below"]).tolist() == []
    assert detector.candidates(["selling meth cheap"]).tolist() == [0]
    # a term at the start of a row is bounded by the row, not by the previous row's last letter
    assert detector.candidates(["abc", "meth for sale"]).tolist() == [1]


def test_stage_columns_batch_and_counts() -> None:
    stage = build_stage({"type": "ad_signals"})
    assert isinstance(stage, AdSignalsStage)
    texts = [NEGATIVES[0], POSITIVES[0][0], None, "", POSITIVES[5][0]]
    out = stage.process(pa.RecordBatch.from_pydict({"text": pa.array(texts, pa.string())}))
    assert out.num_rows == len(texts)
    assert out.column("ad_risks").to_pylist() == [[], ["A1h"], [], [], ["A1f"]]
    assert out.column("ad_categories").to_pylist()[1] == ["gambling"]
    ev = out.column("ad_evidence").to_pylist()[4]
    assert {e["kind"] for e in ev} >= {"porn", "contact"}
    for e in ev:
        assert 0 <= e["start"] < e["end"] <= len(texts[4])
    stats = stage.stats()
    assert stats["ad_signals_docs"] == 5 and stats["ad_signals_flagged"] == 2
    assert set(stage.output_columns()) == {"ad_risks", "ad_categories", "ad_evidence"}
    assert stage.provenance()["ad_signals_hash"]


def test_stage_matches_detector_on_many_rows(detector: AdDetector) -> None:
    texts = [t for t, _ in POSITIVES] + NEGATIVES
    texts = texts * 3
    stage = AdSignalsStage()
    got = stage.process(pa.RecordBatch.from_pydict({"text": texts})).column("ad_risks").to_pylist()
    assert got == [detector.verdict(t).codes for t in texts]


def test_stage_rejects_unknown_and_bad_options() -> None:
    with pytest.raises(StageError, match="unknown option"):
        build_stage({"type": "ad_signals", "windw": 10})
    with pytest.raises(StageError, match="bad numeric option"):
        build_stage({"type": "ad_signals", "window": "wide"})
    with pytest.raises(StageError, match="positive"):
        build_stage({"type": "ad_signals", "window": 0})


def test_default_pipeline_runs_the_stage_and_removes_on_its_risks() -> None:
    cfg = load_pipeline(DEFAULT_PIPELINE)
    assert "ad_signals" in [s["type"] for s in cfg.stages]
    rules = [r for r in cfg.policy if r.get("risks") == "ad_risks"]
    assert rules and rules[0]["reason"] == "ad signals"


def _ads_pipeline(tmp_path: Path, src: Path) -> Path:
    p = tmp_path / "ads.toml"
    p.write_text(f"""[pipeline]
name = "ads-test"

[[inputs]]
path = "{src}"

[output]
dir = "{tmp_path / 'out'}"

[execution]
workers = 1
batch_size = 4

[[stages]]
type = "ad_signals"

[[policy.remove]]
reason = "ad signals"
risks = "ad_risks"
""", encoding="utf-8")
    return p


def _corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"ad-{i}", "text": t} for i, (t, _) in enumerate(POSITIVES)]
    rows += [{"id": f"ok-{i}", "text": t} for i, t in enumerate(NEGATIVES)]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return src


def test_score_cli_removes_ads_with_reasons_and_spans(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    out = tmp_path / "scored.jsonl"
    r = CliRunner().invoke(main, ["score", str(src), "-o", str(out), "--pipeline", str(_ads_pipeline(tmp_path, src))])
    assert r.exit_code == 0, r.output
    recs = {x["id"]: x for x in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    for i, (text, code) in enumerate(POSITIVES):
        rec = recs[f"ad-{i}"]
        assert rec["decision"] == "removed" and rec["reasons"] == [f"ad signals:{code}"], rec
        assert rec["ad_risks"] == [code] and rec["ad_evidence"]
    assert all(recs[f"ok-{i}"]["decision"] == "kept" for i in range(len(NEGATIVES)))


def test_run_cli_stores_ad_columns_and_balances(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    r = CliRunner().invoke(main, ["run", str(_ads_pipeline(tmp_path, src)), "--no-progress"])
    assert r.exit_code == 0, r.output
    con = duckdb.connect(str(tmp_path / "out" / "audit.duckdb"), read_only=True)
    assert con.execute("SELECT input_records, kept, removed, accounting_ok FROM runs").fetchone() == (
        len(POSITIVES) + len(NEGATIVES), len(NEGATIVES), len(POSITIVES), True)
    rows = con.execute("SELECT doc_id, reasons FROM documents WHERE decision = 'removed' ORDER BY doc_id").fetchall()
    assert {d for d, _ in rows} == {f"ad-{i}" for i in range(len(POSITIVES))}
    assert all(len(rs) == 1 and rs[0].startswith("ad signals:") for _, rs in rows)
