"""Tests of gensafe.classifier: featuriser, model files, stage, CLI, plug-in protocol."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from click.testing import CliRunner

from gensafe.classifier.data import DataError, read_jsonl, split_examples
from gensafe.classifier.features import FeatureConfig, Featurizer
from gensafe.classifier.model import ModelError, default_model_dir, load_model
from gensafe.classifier.stage import ClassifierStage
from gensafe.classifier.train import TrainConfig, train_model
from gensafe.cli import main
from gensafe.stages.base import StageError
from gensafe.taxonomy import CODES

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "classifier"
TINY = FIX / "tiny.jsonl"
TEXTS = ["Hello world, hello again!", "你好世界，今天天气很好。", "", "Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ 123 和 mixed 文本",
         "a\x00b", "x" * 50, "lone surrogate \ud800 中文 😀 emoji"]


# --- featuriser ---------------------------------------------------------------

def test_featuriser_deterministic_and_batch_independent():
    fz = Featurizer(FeatureConfig(bits=16))
    a = fz.transform(TEXTS)
    b = fz.transform(TEXTS)
    assert (a != b).nnz == 0
    # each row is the same whether featurised alone or inside a batch
    for i, t in enumerate(TEXTS):
        single = fz.transform([t])
        assert (single != a[i]).nnz == 0
    assert a.shape == (len(TEXTS), 1 << 16)
    assert a[2].nnz == 0  # empty text
    assert a[1].nnz > 0 and a[0].nnz > 0


def test_parts_equal_merged_matrix():
    """Inference (un-merged parts) and training (merged matrix) see the same features."""
    fz = Featurizer(FeatureConfig(bits=14))
    x = fz.transform(TEXTS)
    parts, scale = fz.transform_parts(TEXTS)
    w = np.random.default_rng(0).standard_normal((1 << 14, 5)).astype(np.float32)
    z = sum(p @ w for p in parts) * scale[:, None]
    np.testing.assert_allclose(z, x @ w, rtol=1e-5, atol=1e-5)


def test_featuriser_normalises_width_digits_case():
    fz = Featurizer(FeatureConfig(bits=16))
    x = fz.transform(["ＨＥＬＬＯ 2024 世界", "hello 1999 世界"])
    assert (x[0] != x[1]).nnz == 0


def test_featuriser_stable_across_processes():
    """No salted Python hash(): another interpreter with another PYTHONHASHSEED agrees."""
    code = ("from gensafe.classifier.features import Featurizer, FeatureConfig;"
            "x=Featurizer(FeatureConfig(bits=18)).transform(['Stable hashing 稳定的哈希 test']);"
            "print(sorted(x.indices.tolist()))")
    outs = set()
    for seed in ("1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                           cwd=Path(__file__).resolve().parents[2], check=True)
        outs.add(r.stdout.strip())
    assert len(outs) == 1
    here = sorted(Featurizer(FeatureConfig(bits=18)).transform(["Stable hashing 稳定的哈希 test"]).indices.tolist())
    assert outs.pop() == str(here)


# --- data ----------------------------------------------------------------------

def test_read_jsonl_and_bad_code_reports_file_line():
    exs = list(read_jsonl(TINY))
    assert len(exs) == 40 and sum(e.unsafe for e in exs) == 20
    with pytest.raises(DataError, match=r"bad.jsonl:2: unknown risk code 'Z9z'"):
        list(read_jsonl(FIX / "bad.jsonl"))


def test_grouped_split_keeps_families_together():
    from gensafe.classifier.data import parse_record
    recs = [parse_record({"text": f"I hate {g} so much.", "risks": ["A2e"], "id": f"HateCheck:{i}",
                          "source_dataset": "HateCheck", "source_label": f"functionality=x;target_ident={g}"}, "t")
            for i, g in enumerate(["women", "Muslims", "immigrants", "gay people"])]
    assert len({r.group for r in recs}) == 1
    s = split_examples(recs)
    assert max(len(s.train), len(s.val), len(s.test)) == 4


# --- model ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    exs = list(read_jsonl(TINY))
    s = split_examples(exs, val_pct=30, test_pct=0)
    cfg = TrainConfig(features=FeatureConfig(bits=12), epochs=5, n_jobs=1, min_val_pos=2)
    m = train_model(s.train, s.val, cfg, name="tiny", version="t1", log=lambda *a: None)
    out = tmp_path_factory.mktemp("model")
    m.save(out)
    return out


def test_save_load_round_trip(tiny_model):
    m = load_model(tiny_model)
    assert m.name == "tiny" and m.version == "t1" and len(m.hash) == 64
    p = m.predict_all(TEXTS)
    assert p.shape == (len(TEXTS), 32) and np.all((p >= 0) & (p <= 1))
    m2 = load_model(tiny_model)
    np.testing.assert_array_equal(p, m2.predict_all(TEXTS))
    meta = json.loads((tiny_model / "model.json").read_text())
    assert meta["codes"] == list(CODES) and meta["model_sha256"] == m.hash


def test_weight_formats_round_trip(tiny_model, tmp_path):
    """int16 (default, per-column scale) and float16 files give the same scores as the float32 weights."""
    m = load_model(tiny_model)
    with np.load(tiny_model / "weights.npz", allow_pickle=False) as z:
        assert z["weights"].dtype == np.int16 and z["scale"].shape == (32,)
    ref = m.predict_all(TEXTS)
    for dtype, tol in (("float16", 2e-3), ("float32", 1e-6), ("int16", 1e-6)):
        m.save(tmp_path / dtype, dtype=dtype)
        got = load_model(tmp_path / dtype).predict_all(TEXTS)
        np.testing.assert_allclose(got, ref, atol=tol)


def test_tampered_weights_refused(tiny_model, tmp_path):
    import shutil
    d = tmp_path / "m"
    shutil.copytree(tiny_model, d)
    with np.load(d / "weights.npz", allow_pickle=False) as z:
        w, b = z["weights"].copy(), z["bias"].copy()
    w[0, 0] += 1
    np.savez_compressed(d / "weights.npz", weights=w, bias=b)
    with pytest.raises(ModelError, match="does not match"):
        load_model(d)


def test_tampered_thresholds_refused(tiny_model, tmp_path):
    import shutil
    d = tmp_path / "m"
    shutil.copytree(tiny_model, d)
    meta = json.loads((d / "model.json").read_text())
    meta["threshold_strong"][0] = 0.0
    (d / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="config sha256"):
        load_model(d)


def test_shipped_model_loads_and_is_small():
    # load time is measured in benchmarks/bench_classifier.py, not asserted here (shared machines are noisy)
    d = default_model_dir()
    size = sum(p.stat().st_size for p in d.iterdir())
    assert size < 50 * 1024 * 1024
    m = load_model(d)
    p = m.predict_proba(["今天天气很好，我们去公园散步。", "The museum opens on Tuesday."])
    assert p.shape == (2, 31)
    assert m.meta["thin_heads"] is not None


# --- stage ---------------------------------------------------------------------

def _batch(texts):
    return pa.RecordBatch.from_pydict({"doc_id": [str(i) for i in range(len(texts))], "text": texts})


def test_stage_columns_and_shapes(tiny_model):
    st = ClassifierStage(model=str(tiny_model))
    st.setup()
    texts = TEXTS[:-1] + [None]  # (Arrow strings cannot hold lone surrogates)
    out = st.process(_batch(texts))
    assert out.num_rows == len(texts)
    for c in st.output_columns():
        assert c in out.schema.names
    assert out.schema.field("clf_scores").type == pa.list_(pa.float32())
    assert out.schema.field("clf_unsafe").type == pa.float32()
    assert out.schema.field("clf_risks").type == pa.list_(pa.string())
    scores = out.column("clf_scores").to_pylist()
    assert all(len(s) == 31 for s in scores)
    for risks, weak in zip(out.column("clf_risks").to_pylist(), out.column("clf_weak_risks").to_pylist()):
        assert set(risks) <= set(weak) and set(risks) <= set(CODES)
    prov = st.provenance()
    assert prov["model"] == "tiny" and prov["model_version"] == "t1" and len(prov["model_hash"]) == 64


def test_stage_gate_hides_codes_below_the_any_head(tiny_model, tmp_path):
    """Codes are reported only where the any-unsafe head reaches its weak threshold (the gate)."""
    from gensafe.classifier.model import LinearRiskModel

    base = load_model(tiny_model)
    texts = ["you are a worthless idiot", "thanks for the helpful review", "滚吧你这个废物", "今天天气很好"]

    def run(gate: float, **opts):
        ws = base.threshold_weak.copy()
        ws[-1] = gate
        m = LinearRiskModel(weights=base.weights, bias=base.bias, features=base.features,
                            threshold_strong=np.zeros(32, np.float32) + 1e-6, threshold_weak=ws, name="g", version="1")
        d = tmp_path / f"g{gate}{len(opts)}"
        m.save(d)
        st = ClassifierStage(model=str(d), any_head=False, **opts)
        out = st.process(_batch(texts))
        return out.column("clf_risks").to_pylist(), out.column("clf_weak_risks").to_pylist(), out.column("clf_unsafe").to_pylist()

    open_r, open_w, anyp = run(0.0)
    assert all(r for r in open_r)  # every code strong at a threshold of 1e-6
    closed_r, closed_w, _ = run(1.0, keyword_confirm=False)
    assert closed_r == [[]] * len(texts) and closed_w == [[]] * len(texts)
    # below the gate a code the head is sure of still confirms keyword hits (weak), never alone (strong)
    sure_r, sure_w, _ = run(1.0, keyword_confirm=0.0)
    assert sure_r == [[]] * len(texts) and all(len(w) == 31 for w in sure_w)
    assert run(1.0, any_gate=False)[0] == open_r
    mid = sorted(anyp)[len(anyp) // 2]
    mid_r = run(mid)[0]
    assert [bool(r) for r in mid_r] == [p >= mid for p in anyp]


def _ex(text, unsafe, source, lang="en", risks=None):
    from gensafe.classifier.data import Example

    return Example(text=text, risks=tuple(risks or (("A2a",) if unsafe else ())), unsafe=unsafe, source=source, lang=lang)


def test_lofo_families_and_balanced_weights():
    from gensafe.classifier.lofo import balanced_weights, family_of

    exs = ([_ex(f"c{i}", i % 2 == 0, "COLD-train", "zh") for i in range(400)]
           + [_ex(f"d{i}", True, "COLD-dev", "zh") for i in range(100)]
           + [_ex(f"m{i}", True, "MultiJail-en") for i in range(25)] + [_ex(f"n{i}", True, "MultiJail-zh", "zh") for i in range(25)]
           + [_ex("h", True, "HalluQA", "zh", ["A5a"])] + [_ex("s", True, "seeds", "zh")])
    fams = [family_of(e) for e in exs]
    assert fams[0] == "COLD" and fams[450] == "COLD" and fams[510] == fams[540] == "MultiJail"
    assert fams[-1] == "seeds-zh" and fams[-2] == "HalluQA"
    w = balanced_weights(exs)
    cold_unsafe = sum(wi for wi, e, f in zip(w, exs, fams) if f == "COLD" and e.unsafe)  # 300 rows
    mj = sum(wi for wi, f in zip(w, fams) if f == "MultiJail")  # 50 rows
    assert cold_unsafe / mj == pytest.approx((300 ** 0.5) / (50 ** 0.5), rel=1e-6)
    assert w[-2] == 0.0  # A.5-only rows never teach the any-unsafe head


def test_oof_scores_never_see_their_own_family():
    from gensafe.classifier.lofo import oof_logits

    exs = [_ex(f"{f}{i}", i % 2 == 0, f) for f in ("A", "B", "C") for i in range(10)] + [_ex("bg", False, "corpus")]
    seen = {}

    def fit_rows(idx):
        trained_on = {exs[i].source for i in idx}
        def score(j):
            for i in j:
                seen[exs[i].source] = trained_on
            return np.zeros(len(j))
        return score

    oof = oof_logits(exs, fit_rows, log=lambda *_: None)
    assert all(src not in trained and "corpus" in trained for src, trained in seen.items())
    assert set(seen) == {"A", "B", "C"} and np.isnan(oof[-1]) and not np.isnan(oof[:-1]).any()


def test_policy_thresholds_keep_macro_fpr_and_ordinary_text_budgets():
    from gensafe.classifier.lofo import choose_policy_thresholds, lofo_report

    rng = np.random.default_rng(0)
    exs, p = [], []
    for f, sep in (("F1", 0.5), ("F2", 0.2), ("F3", 0.35)):
        for i in range(600):
            u = i % 3 == 0
            exs.append(_ex(f"{f}{i}", u, f, "zh" if f != "F3" else "en"))
            p.append(min(1.0, sep * u + rng.random() * 0.6))
    p = np.array(p)
    n = len(exs)
    base = np.zeros(n, bool)
    kw_weak = rng.random(n) < 0.1
    is_cjk = np.array([e.lang == "zh" for e in exs])
    th = choose_policy_thresholds(exs, p, base, kw_weak, is_cjk, 0.05, gates=(0.3, 0.5))
    thr = np.where(is_cjk, th.strong_cjk, th.strong_other)
    flag = base | (kw_weak & (p >= th.gate)) | (p >= thr)
    rep = lofo_report(exs, flag, th.note)
    zh_fpr = np.mean([rep.families[f].fpr for f in ("F1", "F2")])
    assert zh_fpr <= 0.05 and rep.families["F3"].fpr <= 0.05
    assert rep.macro_recall == pytest.approx(th.macro_recall, abs=1e-3)
    # ordinary held-out text that the head would flag tightens the threshold
    hold_p = rng.random(1000) * 0.7
    src = np.array(["news"] * 500 + ["speeches"] * 500)
    hold = (hold_p, np.zeros(1000, bool), np.zeros(1000, bool), np.ones(1000, bool), src)
    th2 = choose_policy_thresholds(exs, p, base, kw_weak, is_cjk, 0.05, hold=hold, max_hold_rate=0.01, gates=(0.3, 0.5))
    assert th2.strong_cjk >= th.strong_cjk and (hold_p >= th2.strong_cjk).mean() <= 0.01


def test_real_pipeline_verdict_on_given_scores(tiny_model):
    """Training and evaluation judge the default policy with the real stages and Policy.decide."""
    from gensafe.verdicts import FixedScores, never_fires, policy_verdicts

    m = load_model(tiny_model)
    m.meta = dict(m.meta, decision="any_head", thin_codes=["A1a"])
    texts = ["今天天气很好。", "The museum opens on Tuesday.", "你好", "Thanks for the review."]
    base = policy_verdicts(texts, never_fires(m, len(texts)))
    assert not base.removed.any()
    probs = np.zeros((4, 32), np.float32)
    probs[:, -1] = [0.99, 0.01, 0.99, 0.01]
    probs[:, 0] = 0.99  # A1a is thin: it never names the risk
    probs[:, 8] = 0.6
    v = policy_verdicts(texts, FixedScores(m, probs, np.full(4, 0.5, np.float32)))
    assert v.removed.tolist() == [True, False, True, False]
    assert v.reasons[0] == ["classifier:A2a"]


def test_cjk_rows_script_test():
    from gensafe.classifier.features import cjk_rows

    got = cjk_rows(["今天天气很好，我们去公园散步。", "The museum opens on Tuesday.", "", "我用 Python 写了一个 web 服务",
                    "A long English sentence that quotes one word 中 in Chinese."])
    assert got.tolist() == [True, False, False, True, False]


def test_cjk_threshold_is_applied_and_hashed(tiny_model, tmp_path):
    import shutil

    m = load_model(tiny_model)
    m.any_strong_cjk = 0.123
    m.save(tmp_path / "c")
    m2 = load_model(tmp_path / "c")
    assert m2.any_strong_cjk == pytest.approx(0.123)
    p, t = m2.predict_with_thresholds(["今天天气很好，我们去公园散步。", "The museum opens on Tuesday."])
    assert p.shape == (2, 32) and t.tolist() == pytest.approx([0.123, float(m2.threshold_strong[-1])])
    d = tmp_path / "t"
    shutil.copytree(tmp_path / "c", d)
    meta = json.loads((d / "model.json").read_text())
    meta["any_threshold_cjk"] = 0.9
    (d / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="config sha256"):
        load_model(d)
    # a model written before per-script thresholds (no key) keeps its hash
    from gensafe.classifier.model import config_digest
    meta.pop("any_threshold_cjk")
    assert config_digest(meta) == config_digest({**meta, "any_threshold_cjk": None})


def test_stage_default_model_and_bad_path(tmp_path):
    st = ClassifierStage()
    out = st.process(_batch(["The museum opens a new exhibition next Tuesday."]))
    assert out.column("clf_risks").to_pylist() == [[]]
    with pytest.raises(StageError, match="not a gensafe model directory"):
        ClassifierStage(model=str(tmp_path)).setup()


def test_stage_with_plugin_classifier(monkeypatch):
    monkeypatch.syspath_prepend(str(FIX))
    st = ClassifierStage(classifier="tiny_plugin:make", classifier_options={"strong": 0.5, "weak": 0.3})
    out = st.process(_batch(["you stupid worthless loser", "the library opens at nine"]))
    assert out.column("clf_risks").to_pylist()[0] == ["A4d"]
    assert out.column("clf_risks").to_pylist()[1] == []
    assert st.provenance() == {"model": "tiny-insult", "model_version": "0.1", "model_hash": "tiny-insult-0.1"}
    with pytest.raises(StageError, match="cannot be loaded"):
        ClassifierStage(classifier="no_such_module_xyz:make").setup()


def test_stage_registry_resolves():
    from gensafe.stages.registry import build_stage
    st = build_stage({"type": "classifier"})
    assert isinstance(st, ClassifierStage)


# --- CLI -----------------------------------------------------------------------

def test_cli_train_and_eval(tmp_path):
    r = CliRunner()
    out = tmp_path / "m"
    res = r.invoke(main, ["model", "train", "--data", str(TINY), "--out", str(out), "--bits", "12", "--val-pct", "30",
                          "--name", "tiny-cli", "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output.strip().splitlines()[-1])
    assert summary["n_train"] + summary["n_val"] == 40
    res = r.invoke(main, ["model", "eval", "--data", str(TINY), "--model", str(out), "--json"])
    assert res.exit_code == 0, res.output
    m = json.loads(res.output)
    assert m["n"] == 40 and m["n_unsafe"] == 20
    assert set(m["per_code"]) == set(CODES)
    assert m["per_code"]["A2e"]["support"] == 3
    for k in ("micro", "macro", "per_group", "any_unsafe", "confused_pairs"):
        assert k in m
    assert 0 <= m["any_unsafe"]["recall"] <= 1
    assert m["default_policy"]["pooled"]["n_unsafe"] == 20 and "families" in m["default_policy"]
    res = r.invoke(main, ["model", "eval", "--data", str(TINY), "--model", str(out)])
    assert res.exit_code == 0 and "A2e" in res.output and "micro" in res.output
    assert "default policy verdict per source family" in res.output
    res = r.invoke(main, ["model", "eval", "--data", str(TINY), "--model", str(out), "--lofo", "--json"])
    assert res.exit_code == 0, res.output
    m = json.loads(res.output)
    fams = m["lofo_policy"]["families"]
    assert sum(f["n_unsafe"] for f in fams.values()) == 20 and m["lofo_head_at_fpr5"]["pooled"]["n_unsafe"] == 20
    res = r.invoke(main, ["model", "info", "--model", str(out), "--json"])
    assert res.exit_code == 0 and json.loads(res.output)["name"] == "tiny-cli"


def test_cli_errors_are_clean(tmp_path):
    r = CliRunner()
    res = r.invoke(main, ["model", "train", "--data", str(FIX / "bad.jsonl"), "--out", str(tmp_path / "x")])
    assert res.exit_code == 1 and "bad.jsonl:2" in res.output and "Traceback" not in res.output
    res = r.invoke(main, ["model", "eval", "--data", str(TINY), "--model", str(tmp_path)])
    assert res.exit_code == 1 and "not a gensafe model directory" in res.output
    assert r.invoke(main, ["model", "--help"]).exit_code == 0


def test_training_is_reproducible(tmp_path):
    """Same data + seed -> byte-identical weights (what train_default.py relies on)."""
    r = CliRunner()
    shas = []
    for k in range(2):
        res = r.invoke(main, ["model", "train", "--data", str(TINY), "--out", str(tmp_path / f"m{k}"), "--bits", "12", "--json"])
        assert res.exit_code == 0, res.output
        shas.append(json.loads(res.output.strip().splitlines()[-1])["weights_sha256"])
    assert shas[0] == shas[1]


def test_head_decides_gate_confirms_keywords_and_thin_codes_never_named(tiny_model):
    from gensafe.verdicts import FixedScores
    from gensafe.policy import Policy

    m = load_model(tiny_model)
    m.meta = dict(m.meta, decision="any_head", thin_codes=["A1a", "A1b"])
    m.threshold_strong[-1], m.threshold_weak[-1] = 0.8, 0.4
    probs = np.zeros((3, 32), np.float32)
    probs[:, 0] = 0.99  # A1a: thin, never named
    probs[:, 1] = 0.98  # A1b: thin
    probs[:, 30] = 0.9  # A5b: not an A.1-A.4 code, never named by the head
    probs[:, 21] = 0.3  # A3e: the best attributable code
    probs[:, -1] = [0.9, 0.5, 0.1]
    st = ClassifierStage()
    st.use_classifier(FixedScores(m, probs, np.full(3, 0.8, np.float32)))
    out = st.process(_batch(["a", "b", "c"]))
    assert out.column("clf_risks").to_pylist() == [["A3e"], [], []]
    assert out.column("clf_weak_risks").to_pylist() == [["A3e"], ["A3e"], []]
    batch = out.append_column("kw_weak_risks", pa.array([["A4d"], ["A4d"], ["A4d"]], pa.list_(pa.string())))
    rules = [{"reason": "keyword+classifier", "risks": "kw_weak_risks", "confirm": "clf_weak_risks", "match": "any"},
             {"reason": "classifier", "risks": "clf_risks"}]
    got = Policy(rules).decide(batch)
    assert got.column("reasons").to_pylist() == [["keyword+classifier:A4d", "classifier:A3e"],
                                                ["keyword+classifier:A4d"], []]
