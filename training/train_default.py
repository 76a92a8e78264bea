#!/usr/bin/env python
"""Reproduce the shipped default risk model (gensafe/models/default) exactly.

Inputs (never committed to the project):
  --data DIR     the labelled pool: DIR/train_zh.jsonl, DIR/train_en.jsonl
                 (default ../shared/train; see its SOURCES.md)
  --corpus DIR   ordinary zh/en text, JSONL with id/text (default ../shared/corpus):
                 a deterministic hash-selected sample becomes extra safe examples
                 and a disjoint slice measures the false-positive rate
  training/seeds/*.jsonl   the project's authored seed examples (all files found)

Everything is deterministic: splits and the corpus sample are chosen by sha1
of stable keys, SGD uses a fixed seed.  Writes weights.npz, model.json,
metrics.json and MODEL_CARD.md into --out (default gensafe/models/default).

    python training/train_default.py [--data ../shared/train] [--corpus ../shared/corpus]
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import glob
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gensafe.classifier.data import Example, parse_record, read_jsonl, split_examples  # noqa: E402
from gensafe.classifier.evaluate import evaluate_model  # noqa: E402
from gensafe.classifier.features import FeatureConfig  # noqa: E402
from gensafe.classifier.model import load_model  # noqa: E402
from gensafe.classifier.train import TrainConfig, policy_flags, train_model  # noqa: E402
from gensafe.keywords.stage import KeywordStage  # noqa: E402
from gensafe.taxonomy import CODES, GROUPS, UNSAFE_CODES  # noqa: E402

NAME = "gensafe-default"
VERSION = "1.1.0"
#: corpus documents whose sha1(id) bucket (0..999) is below this go into training/validation/test
CORPUS_TRAIN_PERMILLE = 120
#: buckets [120, 160): a held-out slice of ordinary text, never trained on
CORPUS_HOLDOUT_PERMILLE = 160
#: 2^19 columns and English word trigrams: +0.004 any-unsafe ROC-AUC and +1 pt recall at FPR 5 % over 2^18 / word 1-2
#: (grouped validation and test; docs/classifier.md).  2^20 was another half point but its 134 MB float32 matrix took
#: 1.1-2.3 s to load on the loaded 2-core machine (budget: 2 s).
#: any_max_fpr 0.045 on validation: the validation->test drift of the policy's FPR was +0.5-1 pt, so 0.05 on
#: validation overshot 5 % on held-out data.
CONFIG = TrainConfig(features=FeatureConfig(bits=19, char_orders=(1, 2, 3), word_orders=(1, 2, 3)), any_max_fpr=0.045)
KW_BATCH = 4096


def _permille(key: str) -> int:
    return int.from_bytes(hashlib.sha1(("corpus-v1|" + key).encode()).digest()[:4], "big") % 1000


def load_corpus(corpus_dir: Path) -> tuple[list[Example], list[Example]]:
    """(training sample, held-out slice) of the benign corpus, as safe examples."""
    train, hold = [], []
    for path in sorted(corpus_dir.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                b = _permille(rec["id"])
                if b >= CORPUS_HOLDOUT_PERMILLE:
                    continue
                ex = parse_record({"text": rec["text"], "risks": [], "label": "safe", "id": "corpus:" + rec["id"],
                                   "source_dataset": "corpus", "lang": rec.get("lang")}, str(path))
                ex.kind = rec.get("source", "")
                (train if b < CORPUS_TRAIN_PERMILLE else hold).append(ex)
    return train, hold


def keyword_signals(texts: list[str], stage: KeywordStage) -> tuple[np.ndarray, np.ndarray]:
    """``(kw_risk, kw_weak_groups)`` of the default keyword stage, for :func:`policy_flags`."""
    import pyarrow as pa

    risk = np.zeros(len(texts), bool)
    groups = np.zeros((len(texts), len(GROUPS)), bool)
    gidx = {g: j for j, g in enumerate(GROUPS)}
    for i in range(0, len(texts), KW_BATCH):
        out = stage.process(pa.RecordBatch.from_pydict({"text": texts[i:i + KW_BATCH]}))
        for k, (r, w) in enumerate(zip(out.column("kw_risks").to_pylist(), out.column("kw_weak_risks").to_pylist())):
            risk[i + k] = any(c in UNSAFE_CODES for c in r or ())  # only A.1-A.4 make a document unsafe
            for c in w or ():
                groups[i + k, gidx[c[:2]]] = True
    return risk, groups


def policy_removed(model, texts: list[str], kw: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """What pipelines/default.toml removes (keywords + gated classifier + head), personal information aside."""
    if not texts:
        return np.zeros(0, bool)
    got = [model.predict_with_thresholds(texts[i:i + 4096]) for i in range(0, len(texts), 4096)]
    p, t = np.concatenate([g[0] for g in got]), np.concatenate([g[1] for g in got])
    strong, weak = model.threshold_strong, model.threshold_weak
    return policy_flags(p, strong, weak, float(weak[-1]), kw) | (p[:, -1] >= t)


def policy_metrics(model, exs: list[Example], stage: KeywordStage) -> dict:
    """Recall / FPR of the default policy's verdict, overall, per language, per group and per source."""
    kw = keyword_signals([e.text for e in exs], stage)
    rem = policy_removed(model, [e.text for e in exs], kw)
    y = np.array([e.unsafe for e in exs], bool)

    def rf(sel: np.ndarray) -> dict:
        pos, neg = sel & y, sel & ~y
        return {"n_unsafe": int(pos.sum()), "n_safe": int(neg.sum()),
                "recall": round(float(rem[pos].mean()), 4) if pos.any() else None,
                "fpr": round(float(rem[neg].mean()), 4) if neg.any() else None}

    allm = np.ones(len(exs), bool)
    # HateCheck's contrast cases are adversarial templates (counter-speech quoting hate, negations) that no
    # surface-feature model separates; the slice without them shows what they cost
    out = {"all": rf(allm), "all_but_HateCheck": rf(np.array([e.source != "HateCheck" for e in exs])),
           "by_lang": {}, "by_group": {}, "by_source": {},
           "keyword_alone_fp": int((kw[0] & ~y).sum())}
    for lang in ("zh", "en"):
        out["by_lang"][lang] = rf(np.array([e.lang == lang for e in exs]))
    for g in GROUPS:
        gm = np.array([any(c[:2] == g for c in e.risks) for e in exs])
        out["by_group"][g] = {"support": int(gm.sum()), "recall": round(float(rem[gm].mean()), 4) if gm.any() else None}
    for src in sorted({e.source for e in exs}):
        out["by_source"][src] = rf(np.array([e.source == src for e in exs]))
    return out


def policy_corpus_rate(model, exs: list[Example], stage: KeywordStage) -> dict:
    if not exs:
        return {"n": 0}
    kw = keyword_signals([e.text for e in exs], stage)
    rem = policy_removed(model, [e.text for e in exs], kw)
    return {"n": len(exs), "removed_rate": round(float(rem.mean()), 5), "keyword_rate": round(float(kw[0].mean()), 5)}


def _file_sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "train"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--seeds", default=str(ROOT / "training" / "seeds"))
    ap.add_argument("--out", default=str(ROOT / "gensafe" / "models" / "default"))
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    data_dir, corpus_dir, seeds_dir = Path(args.data), Path(args.corpus), Path(args.seeds)
    pool_files = [data_dir / "train_zh.jsonl", data_dir / "train_en.jsonl"]
    seed_files = sorted(Path(p) for p in glob.glob(str(seeds_dir / "*.jsonl")))
    examples: list[Example] = []
    for p in pool_files + seed_files:
        examples.extend(read_jsonl(p))
    corpus_train, corpus_hold = load_corpus(corpus_dir)
    split = split_examples(examples + corpus_train, val_pct=10, test_pct=10)
    print(f"loaded {len(examples)} labelled + {len(corpus_train)} corpus (held-out slice {len(corpus_hold)}); "
          f"train {len(split.train)} val {len(split.val)} test {len(split.test)} [{time.perf_counter() - t0:.1f}s]")
    provenance = {
        "pool_files": {p.name: _file_sha(p) for p in pool_files},
        "seed_files": {str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p): _file_sha(p) for p in seed_files},
        "corpus": {"dir": corpus_dir.name, "files": sorted(p.name for p in corpus_dir.glob("*.jsonl")),
                   "train_permille": CORPUS_TRAIN_PERMILLE, "holdout_permille": [CORPUS_TRAIN_PERMILLE, CORPUS_HOLDOUT_PERMILLE]},
        "split": "sha1 bucket of the family key (gensafe.classifier.data.family_key): 80 % train, 10 % validation, 10 % test",
    }
    kw_stage = KeywordStage()
    provenance["keyword_library"] = {k: v for k, v in kw_stage.provenance().items() if k != "keyword_library_coverage"}
    val_kw = keyword_signals([e.text for e in split.val], kw_stage)
    model = train_model(split.train, split.val, CONFIG, name=NAME, version=VERSION, provenance=provenance,
                        val_keywords=val_kw)
    out = Path(args.out)
    model.save(out)
    model = load_model(out)  # evaluate exactly what ships
    print(f"saved {out} sha256 {model.hash[:16]}… [{time.perf_counter() - t0:.1f}s]")
    test_lab = [e for e in split.test if e.source != "corpus"]
    test_corp = [e for e in split.test if e.source == "corpus"]
    metrics = {
        "test_labelled": evaluate_model(model, test_lab),
        "test_labelled_plus_corpus": evaluate_model(model, split.test),
        "by_lang": {lang: evaluate_model(model, [e for e in test_lab if e.lang == lang]) for lang in ("zh", "en")},
        "by_source": {},
        "corpus_test": _corpus_rates(model, test_corp),
        "corpus_holdout": _corpus_rates(model, corpus_hold),
        "default_policy": {"test": policy_metrics(model, test_lab, kw_stage),
                           "corpus_test": policy_corpus_rate(model, test_corp, kw_stage),
                           "corpus_holdout": policy_corpus_rate(model, corpus_hold, kw_stage)},
    }
    for src in sorted({e.source for e in test_lab}):
        sub = [e for e in test_lab if e.source == src]
        m = evaluate_model(model, sub)
        metrics["by_source"][src] = {"n": len(sub), "n_unsafe": m["n_unsafe"], "any_unsafe": m.get("any_unsafe"),
                                     "any_code": m["any_code"]}
    counts = _counts(split)
    (out / "metrics.json").write_text(json.dumps({"model": {"name": NAME, "version": VERSION, "hash": model.hash},
                                                   "counts": counts, **metrics}, indent=1, ensure_ascii=False) + "\n")
    (out / "MODEL_CARD.md").write_text(render_card(model, metrics, counts, seed_files), encoding="utf-8")
    a = metrics["test_labelled"]["any_unsafe"]
    print(f"test: any-unsafe recall {a['recall']} FPR {a['fpr']} (head OR codes: {a['combined_with_codes']}); "
          f"corpus holdout flagged {metrics['corpus_holdout']['flagged_rate']} [{time.perf_counter() - t0:.1f}s]")
    dp = metrics["default_policy"]
    print(f"default policy (keywords + classifier): test {dp['test']['all']} zh {dp['test']['by_lang']['zh']} "
          f"en {dp['test']['by_lang']['en']}; corpus holdout removed {dp['corpus_holdout']}")
    return 0


def _corpus_rates(model, exs: list[Example]) -> dict:
    """Share of ordinary documents the classifier would flag (clf_risks non-empty, as the stage computes it)."""
    from gensafe.classifier.stage import _UNSAFE_IDX

    if not exs:
        return {"n": 0}
    texts = [e.text for e in exs]
    got = [model.predict_with_thresholds(texts[i:i + 4096]) for i in range(0, len(texts), 4096)]
    probs, thr = np.concatenate([g[0] for g in got]), np.concatenate([g[1] for g in got])
    strong = (probs[:, :31] >= model.threshold_strong[:31]) & (probs[:, -1:] >= model.threshold_weak[-1])  # the stage's gate
    head = probs[:, -1] >= thr
    flagged = strong.any(1) | head
    unsafe_flag = strong[:, _UNSAFE_IDX].any(1) | head
    by_src = collections.defaultdict(lambda: [0, 0])
    for e, f in zip(exs, flagged):
        by_src[e.kind][0] += 1
        by_src[e.kind][1] += int(f)
    top = collections.Counter()
    for row in strong:
        for j in np.flatnonzero(row):
            top[CODES[j]] += 1
    return {"n": len(exs), "flagged_rate": round(float(flagged.mean()), 5),
            "flagged_unsafe_codes_rate": round(float(unsafe_flag.mean()), 5),
            "any_head_rate": round(float(head.mean()), 5),
            "codes": dict(top.most_common()),
            "by_source": {k: {"n": v[0], "flagged_rate": round(v[1] / v[0], 4)} for k, v in sorted(by_src.items())}}


def _seed_only(counts: dict) -> list[str]:
    return [c for c in CODES if counts["train"]["codes_seed_only"].get(c)]


def _counts(split) -> dict:
    out = {}
    for part in ("train", "val", "test"):
        exs = getattr(split, part)
        c = collections.Counter()
        nonseed = collections.Counter()
        src = collections.Counter()
        for e in exs:
            for r in e.risks:
                c[r] += 1
                if e.source != "seeds":
                    nonseed[r] += 1
            src[e.source] += 1
        out[part] = {"n": len(exs), "unsafe": sum(e.unsafe for e in exs), "codes": {k: c.get(k, 0) for k in CODES},
                     "codes_seed_only": {k: bool(c.get(k) and not nonseed.get(k)) for k in CODES},
                     "sources": dict(sorted(src.items()))}
    return out


def render_card(model, metrics: dict, counts: dict, seed_files: list[Path]) -> str:
    m = metrics["test_labelled"]
    a = m["any_unsafe"]
    info = model.meta["heads_info"]
    today = dt.date.today().isoformat()
    L = []
    L.append(f"# Model card: {model.name} {model.version}\n")
    L.append(f"- Date: {model.meta['trained_at']} (card written {today})")
    L.append(f"- Model hash (`model_sha256` = sha256 over the weights' sha256 `{model.meta['weights_sha256']}` and the thresholds/featuriser config; both verified at every load): `{model.hash}`")
    L.append(f"- Format: `weights.npz` ({model.meta['weights_dtype']}, loaded with `allow_pickle=False`) + `model.json`; no pickle anywhere.")
    f = model.features
    L.append(f"- Features: hashed character n-grams of orders {list(f.char_orders)} (n-grams containing a non-ASCII character) "
             f"and ASCII word n-grams of orders {list(f.word_orders)}, 2^{f.bits} columns, counts scaled by 1/sqrt(#n-grams) "
             "(`gensafe/classifier/features.py`).")
    cfg = model.meta["train_config"]
    L.append(f"- Heads: 31 risk codes + any-unsafe, each `SGDClassifier(loss='log_loss', alpha={cfg['alpha']}, epochs={cfg['epochs']})` "
             f"({cfg['solver']}; heads with ≥ {cfg['nb_min_pos']} training positives use NB-SVM log-count-ratio feature scaling, folded into the weights), positives up-weighted by sqrt(neg/pos) (≤ {cfg['max_pos_weight']}), Platt-calibrated on the validation split "
             "and folded into one weight matrix: scoring is one sparse `X @ W` + sigmoid.")
    L.append(f"- Thresholds (per head, chosen on validation): `threshold_strong` = lowest probability with validation precision ≥ {cfg['target_precision']}; "
             f"`threshold_weak` keeps {cfg['weak_recall']:.0%} of validation positives (used only to confirm keyword hits); "
             f"the any-unsafe head's weak threshold ({model.any_threshold[1]:.2f}, chosen on validation from {cfg['any_gates']}) is the stage's *gate*: below it no code is reported; "
             f"its strong threshold ({model.any_threshold[0]:.3f}; {model.any_strong_cjk if model.any_strong_cjk is None else round(model.any_strong_cjk, 3)} for mainly-Chinese texts, "
             "`features.cjk_share_rows`) is set so that the default policy's verdict (keyword risk, keyword + gated weak code of the same group, gated strong code, or the head) "
             f"keeps FPR ≤ {cfg['any_max_fpr']:.1%} on each script's labelled safe validation documents (a script whose keyword/code signals alone exceed that keeps the threshold chosen on all documents). Heads with < {cfg['min_val_pos']} "
             f"validation positives keep uncalibrated scores and fallback thresholds ({cfg['fallback_strong']}/{cfg['fallback_weak']}).")
    L.append("- Reproduce: `python training/train_default.py --data <pool dir> --corpus <corpus dir>` (fixed seeds, hash-based splits).\n")
    L.append("## Training data and licences\n")
    L.append("The labelled pool (`train_zh.jsonl`, `train_en.jsonl`; not shipped) is copied from public repositories under "
             "MIT, Apache-2.0 or CC-BY-4.0 only; the risk codes are the pool's mapping of each source's own labels:\n")
    L.append("| source | licence | used for |\n|---|---|---|")
    for row in (
        ("COLDataset train+dev (thu-coai)", "Apache-2.0", "zh A2a/A2d/A2e offensive + safe hard negatives"),
        ("SWSR SexComment (aggiejiang)", "MIT", "zh A2e sexism + safe"),
        ("CHBias (hyintell; age/orientation/appearance)", "MIT", "zh A2f/A2e/A2i (weak labels, weight 0.5)"),
        ("HalluQA (OpenMOSS)", "Apache-2.0", "zh A5a wrong answers + safe best answers"),
        ("MultiJail (DAMO-NLP-SG)", "MIT", "en+zh harmful prompts A1d/A1f/A1g/A1h/A2i/A4*"),
        ("JADE-RAG rules (whitzard-ai)", "MIT", "zh+en safe normative statements (hard negatives)"),
        ("Davidson et al. 2017 (t-davidson)", "MIT", "en A2i hate, A4d offensive (weight 0.5), safe"),
        ("HateCheck (paul-rottger)", "CC-BY-4.0", "en A1e/A2a/A2b/A2c/A2e/A2g/A2h/A4d + contrast negatives"),
        ("AdvBench / TDC-2023 / HarmBench behaviours (centerforaisafety)", "MIT", "en one-line harmful requests, codes by keyword rule"),
        ("TruthfulQA (sylinrl)", "Apache-2.0", "en A5a incorrect answers + safe best answers"),
        ("ToxiGen human demonstrations (microsoft)", "MIT", "en A2* hate + neutral"),
    ):
        L.append(f"| {row[0]} | {row[1]} | {row[2]} |")
    L.append("")
    L.append(f"Project-authored seed examples (`training/seeds/*.jsonl`, {len(seed_files)} files: "
             + ", ".join(p.name for p in seed_files) + ") fill codes the pool lacks; "
             "they are our own writing, shipped with the project.")
    L.append("Benign background: a deterministic sample (sha1 of the id) of the project's ordinary-text corpus (reviews, Weibo, news, "
             "Wikipedia, abstracts, PEPs/RFCs, speeches) as extra safe examples; a disjoint slice is held out for the false-positive rate. "
             "Several corpus sources are research-use only; the corpus text is not shipped (the model holds only hashed weights).\n")
    L.append("| split | documents | unsafe |\n|---|---|---|")
    for part in ("train", "val", "test"):
        L.append(f"| {part} | {counts[part]['n']} | {counts[part]['unsafe']} |")
    L.append("\nSplits are grouped by family (HateCheck templates, AdvBench-style request stems, HalluQA/TruthfulQA questions, "
             "MultiJail en/zh translations stay together) so templated sources do not leak between splits.\n")
    L.append("## Held-out metrics (test split, labelled data only, never used for training, calibration or thresholds)\n")
    L.append(f"- Documents {m['n']}, unsafe {m['n_unsafe']}.")
    L.append(f"- Any-unsafe head at {a['threshold']}: precision {a['precision']}, recall **{a['recall']}**, FPR **{a['fpr']}**; "
             f"ROC-AUC {a.get('roc_auc')}, recall at FPR 5 %: {a.get('recall_at_fpr_5pct')}.")
    cw = a["combined_with_codes"]
    L.append(f"- What the classifier stage flags (any gated strong code OR any-unsafe head): recall **{cw['recall']}**, FPR **{cw['fpr']}**.")
    L.append(f"- Codes at strong thresholds: micro P/R/F1 {m['micro']['precision']}/{m['micro']['recall']}/{m['micro']['f1']}; "
             f"macro {m['macro']['precision']}/{m['macro']['recall']}/{m['macro']['f1']} over {m['macro_over']} codes with test support.")
    for lang in ("zh", "en"):
        ml = metrics["by_lang"][lang]
        if "any_unsafe" in ml:
            al = ml["any_unsafe"]
            L.append(f"- {lang}: n={ml['n']}, any-unsafe recall {al['recall']} FPR {al['fpr']}; head OR codes recall "
                     f"{al['combined_with_codes']['recall']} FPR {al['combined_with_codes']['fpr']}.")
    for key, label in (("corpus_test", "corpus test split (same sampling as training, held out)"),
                       ("corpus_holdout", "corpus held-out slice (never sampled for training)")):
        c = metrics[key]
        if c.get("n"):
            L.append(f"- Ordinary text, {label}: {c['n']} docs, flagged by the stage {c['flagged_rate']:.2%} "
                     f"(A.1–A.4 codes {c['flagged_unsafe_codes_rate']:.2%}); codes: {c['codes']}.")
    dp = metrics["default_policy"]
    pt, ph = dp["test"], dp["corpus_holdout"]
    L.append("\n### The default policy's verdict (what `gensafe score` / `gensafe run` decide)\n")
    L.append("Keyword stage (default library, version in `model.json` provenance) + this model's stage (codes gated by the any-unsafe "
             "head's weak threshold) + the rules of `pipelines/default.toml` (personal-information removals aside), on the labelled "
             "test split:\n")
    L.append("| slice | unsafe | safe | recall | FPR |\n|---|---|---|---|---|")
    for name, r in [("all", pt["all"])] + [(k, v) for k, v in pt["by_lang"].items()] + [("all but HateCheck", pt["all_but_HateCheck"])]:
        L.append(f"| {name} | {r['n_unsafe']} | {r['n_safe']} | {r['recall']} | {r['fpr']} |")
    L.append("")
    L.append("Recall per risk group (documents with a code of the group; FPR is the same safe set): " +
             ", ".join(f"{g} {r['recall']} (n={r['support']})" for g, r in pt["by_group"].items()) + ".")
    L.append("Per source (recall / FPR): " + "; ".join(f"{s} {r['recall']}/{r['fpr']}" for s, r in pt["by_source"].items()) + ".")
    L.append(f"Ordinary text removed by the default policy: corpus held-out slice {ph.get('removed_rate', 0):.2%} "
             f"(keywords alone {ph.get('keyword_rate', 0):.2%}), corpus test split {dp['corpus_test'].get('removed_rate', 0):.2%}.")
    ar = pt["all"]
    ok_r = ar["recall"] is not None and ar["recall"] >= 0.85
    ok_f = ar["fpr"] is not None and ar["fpr"] <= 0.05
    L.append("\n**Against the project's goals** (default policy verdict on the labelled test split; corpus held-out slice): "
             f"any-unsafe recall ≥ 0.85 — {'met' if ok_r else 'NOT met'} ({ar['recall']}); FPR ≤ 5 % — {'met' if ok_f else 'NOT met'} "
             f"({ar['fpr']}; zh {pt['by_lang']['zh']['fpr']}, en {pt['by_lang']['en']['fpr']}; without HateCheck's contrast cases "
             f"{pt['all_but_HateCheck']['fpr']}); ordinary text removed < 2 % — "
             f"{'met' if ph.get('removed_rate', 1) < 0.02 else 'NOT met'} ({ph.get('removed_rate')}). "
             f"At FPR 5 % the any-unsafe head alone reaches recall {a.get('recall_at_fpr_5pct')}: the linear n-gram model is the "
             "limit (COLD/SWSR safe rows name the same groups as the offensive ones), not the threshold. English FPR stays above "
             "5 % because keyword hits and code heads fire on HateCheck's counter-speech and Davidson's profane-but-safe tweets.")
    L.append("\n### Per group (test)\n")
    L.append("| group | precision | recall | F1 | support | FPR on safe |\n|---|---|---|---|---|---|")
    for g, r in m["per_group"].items():
        L.append(f"| {g} {GROUPS[g][0]} | {r['precision']} | {r['recall']} | {r['f1']} | {r['support']} | {r['fpr_on_safe']} |")
    L.append("\n### Per code (test; train/validation positives; calibration status)\n")
    L.append("| code | precision | recall | F1 | PR-AUC | test support | train pos | val pos | strong | weak | status |\n|---|---|---|---|---|---|---|---|---|---|---|")
    th = model.thresholds
    for c in CODES:
        r = m["per_code"][c]
        hi = info.get(c, {})
        L.append(f"| {c} | {r['precision']} | {r['recall']} | {r['f1']} | {r['pr_auc'] if r['pr_auc'] is not None else '-'} | "
                 f"{r['support']} | {hi.get('train_pos', 0)} | {hi.get('val_pos', 0)} | {th[c][0]:.3f} | {th[c][1]:.3f} | {hi.get('status', '')} |")
    L.append("\n### By source (test, any-unsafe head)\n")
    L.append("| source | n | unsafe | recall | FPR |\n|---|---|---|---|---|")
    for s, r in metrics["by_source"].items():
        au = r.get("any_unsafe") or {}
        L.append(f"| {s} | {r['n']} | {r['n_unsafe']} | {au.get('recall')} | {au.get('fpr')} |")
    if m["confused_pairs"]:
        L.append("\nMost confused code pairs (true → predicted, test): " +
                 ", ".join(f"{p['true']}→{p['predicted']} ({p['count']})" for p in m["confused_pairs"]) + ".")
    L.append("\n## Known gaps and limits\n")
    thin = model.meta.get("thin_heads", [])
    L.append(f"- Heads without enough validation data to calibrate or tune (fallback thresholds, treat as weak signals): {', '.join(thin) or 'none'}.")
    nodata = [c for c in CODES if info.get(c, {}).get('train_pos', 0) == 0]
    L.append(f"- Codes with no training example at all: {', '.join(nodata) + ' (their heads never fire)' if nodata else 'none'}; "
             f"codes whose only examples are project-authored seeds: {', '.join(_seed_only(counts)) or 'none'}.")
    L.append("- The pool has no licensed data for A1a/A1b/A1c/A5b, and Chinese data for crime, fraud, pornography, terrorism, commercial (A3) "
             "and personal-rights (A4b/A4c/A4e) codes comes only from authored seeds or MultiJail translations: those heads learned from a few "
             "dozen examples and will miss paraphrases far from them.")
    L.append("- A5a (contrary to knowledge) cannot really be judged from surface n-grams: HalluQA/TruthfulQA right and wrong answers share "
             "their wording, so recall there is low.")
    L.append("- COLD/SWSR offensive-vs-safe distinctions are subtle (the safe rows name the same groups); a linear n-gram model reaches "
             "the numbers above, a fine-tuned transformer does better (plug one in via the `Classifier` protocol, docs/classifier.md).")
    L.append("- English unsafe data is mostly tweets, templates and one-line requests; long documents are only represented by the benign corpus.")
    L.append("- Labels are the sources' own (mapped to codes by the pool's tables); Davidson 'offensive' (A4d) and CHBias labels are noisy and down-weighted (0.5); project seeds are up-weighted (2.0).")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
