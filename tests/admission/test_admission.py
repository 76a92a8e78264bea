"""Source admission: registry, sampling, statistics, assess → DuckDB → audit, the gate stage."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from click.testing import CliRunner

from gensafe.admission.assess import AssessConfig, AssessError, run_assessment
from gensafe.source_registry import RegistryError, diversity_report, load_registry, parse_registry
from gensafe.admission.recompute import audit_records, recompute_record, sample_records
from gensafe.admission.sampling import BottomK, SourceSampler, doc_key, sample_ids
from gensafe.admission.stage import SourceAdmissionStage
from gensafe.admission.stats import (SPRT, clopper_pearson, confident_verdict, decide, literal_verdict,
                                     n_to_settle, plan_sample_size)
from gensafe.cli import main
from gensafe.stages.base import StageError

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "admission"
MARK = re.compile(r"BAD\[([A-Z0-9a-z]+)\]")


def fake_annotate(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Stand-in for the pipeline: a document is unsafe when its text says BAD[code]."""
    codes = [MARK.findall(t or "") for t in batch.column("text").to_pylist()]
    return (batch.append_column("risk_codes", pa.array(codes, pa.list_(pa.string())))
            .append_column("unsafe", pa.array([bool(c and c[0] != "A5a") for c in codes])))


def write_source(path: Path, sid: str, n: int, unsafe_every: int) -> None:
    with open(path, "w") as fh:
        for i in range(n):
            bad = unsafe_every and i % unsafe_every == 0
            text = f"{sid} document {i}" + (" BAD[A1d]" if bad else "")
            fh.write(json.dumps({"id": f"{sid}-{i}", "text": text, "source": sid}) + "\n")


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    shutil.copy(FIX / "registry.toml", tmp_path / "registry.toml")
    write_source(tmp_path / "forum-alpha.jsonl", "forum-alpha", 1500, 50)    # 2 % unsafe
    write_source(tmp_path / "opends-beta.jsonl", "opends-beta", 1500, 8)     # 12.5 % unsafe
    reg = (tmp_path / "registry.toml").read_text().replace('"forum-alpha.jsonl"', f'"{tmp_path}/forum-alpha.jsonl"')
    reg = reg.replace('"opends-beta.jsonl"', f'"{tmp_path}/opends-beta.jsonl"')
    (tmp_path / "registry.toml").write_text(reg)
    return tmp_path


# --------------------------------------------------------------------------- registry

def test_registry_loads_and_reports_diversity(workdir: Path) -> None:
    reg = load_registry(workdir / "registry.toml")
    assert len(reg) == 4 and reg.get("opends-beta").languages == ("zh", "en")
    assert reg.get("nope") is None and [s.id for s in reg][0] == "forum-alpha"
    rep = diversity_report(reg)
    allb = rep["batches"]["(all)"]
    assert allb["languages"]["zh"] == ["forum-alpha", "opends-beta", "photos-delta"]
    assert any("modality 'image' depends on a single source (photos-delta)" in f for f in allb["flags"])
    assert rep["batches"]["b2"]["origin"] == {"domestic": 1, "foreign": 1}
    assert any("language 'zh' depends on a single source" in f for f in rep["batches"]["b2"]["flags"])


@pytest.mark.parametrize("body, message", [
    ('[[source]]\nid = "x"\nkind = "blog"\nlanguages=["zh"]\norigin="domestic"', "source 'x': field 'kind'"),
    ('[[source]]\nid = "x"\nkind = "domain"\nlanguages=["zh"]\norigin="mars"', "field 'origin'"),
    ('[[source]]\nid = "x"\nkind = "domain"\norigin="domestic"', "field 'languages'"),
    ('[[source]]\nid = "x"\nkind = "domain"\nlanguages=["zh"]\norigin="domestic"\nmodality="smell"', "field 'modality'"),
    ('[[source]]\nid = "x"\nkind = "domain"\nlanguages=["zh"]\norigin="domestic"\nlicense="NOT A LICENCE ((("',
     "field 'license'"),
    ('[[source]]\nid = "x"\nkind = "domain"\nlanguages=["zh"]\norigin="domestic"\ncolour="red"', "unknown field"),
    ('[[source]]\nkind = "domain"', "#1: field 'id'"),
    ('[[source]]\nid="x"\nkind="domain"\nlanguages=["zh"]\norigin="domestic"\n'
     '[[source]]\nid="x"\nkind="domain"\nlanguages=["zh"]\norigin="domestic"', "duplicate id"),
    ('[[source]\nid=', "invalid TOML"),
])
def test_registry_validation_errors(body: str, message: str) -> None:
    with pytest.raises(RegistryError) as exc:
        parse_registry(body, "reg.toml")
    assert message in str(exc.value) and str(exc.value).startswith("reg.toml")


def test_registry_warnings_for_missing_agreements() -> None:
    reg = parse_registry('[[source]]\nid="c"\nkind="commercial"\nlanguages=["zh"]\norigin="domestic"\n', "r.toml")
    assert any("commercial source lacks" in w for w in reg.warnings)


# --------------------------------------------------------------------------- statistics

def test_clopper_pearson_known_values() -> None:
    # reference values (R: binom.test(k, n)$conf.int)
    lo, hi = clopper_pearson(5, 100)
    assert lo == pytest.approx(0.01643188, abs=1e-7) and hi == pytest.approx(0.11283491, abs=1e-7)
    assert clopper_pearson(0, 10) == (0.0, pytest.approx(0.30849710, abs=1e-7))
    lo, hi = clopper_pearson(10, 10)
    assert lo == pytest.approx(0.69150289, abs=1e-7) and hi == 1.0
    assert clopper_pearson(0, 10)[1] == pytest.approx(1 - 0.025 ** (1 / 10), abs=1e-12)  # closed form
    # defining property: the bounds are where the binomial tails equal alpha/2
    from scipy.stats import binom
    for k, n, conf in [(1, 20, 0.99), (37, 1000, 0.95), (3, 4000, 0.9)]:
        lo, hi = clopper_pearson(k, n, conf)
        assert binom.cdf(k, n, hi) == pytest.approx((1 - conf) / 2, rel=1e-6)
        assert binom.sf(k - 1, n, lo) == pytest.approx((1 - conf) / 2, rel=1e-6)


def test_verdicts_and_n_to_settle() -> None:
    assert confident_verdict(10, 1000) == "admit"          # 1 %, upper 1.8 %
    assert confident_verdict(120, 1000) == "reject"        # 12 %, lower 10 %
    assert confident_verdict(45, 1000) == "undecided"
    assert literal_verdict(51, 1000) == "reject" and literal_verdict(50, 1000) == "admit"
    d = decide(45, 1000)
    assert d.verdict == "undecided" and d.n_to_settle and d.n_to_settle > 1000
    # the promised n does settle it at that rate
    n = d.n_to_settle
    assert clopper_pearson(0.045 * n, n)[1] <= 0.05 < clopper_pearson(0.045 * (n - 1), n - 1)[1]
    assert n_to_settle(0.05) is None


def test_planner_normal_and_exact() -> None:
    p = plan_sample_size(0.01, 0.95, 0.03)
    assert p.n_normal == 1118  # 1.96² · 0.03 · 0.97 / 0.01²
    lo, hi = clopper_pearson(0.03 * p.n_exact, p.n_exact)
    assert hi - 0.03 <= 0.01 and 0.03 - lo <= 0.01
    lo, hi = clopper_pearson(0.03 * (p.n_exact - 1), p.n_exact - 1)
    assert hi - 0.03 > 0.01 or 0.03 - lo > 0.01
    assert p.n_exact >= p.n_normal
    with pytest.raises(ValueError):
        plan_sample_size(0, 0.95)


def test_sprt_boundaries_and_early_stop() -> None:
    t = SPRT(0.03, 0.05, alpha=0.05, beta=0.05)
    r = t.run([False] * 10_000)
    # all clean: admit after ceil(lower / step_safe) documents
    import math
    assert r.decision == "admit" and r.n == math.ceil(t.lower / t.step_safe)
    r = t.run([True] * 100)
    assert r.decision == "reject" and r.n == math.ceil(t.upper / t.step_unsafe)
    r = t.run([i % 25 == 0 for i in range(50)])  # 4 %: stays undecided on 50 docs
    assert r.decision == "undecided" and r.n == 50
    assert t.run([False] * 10_000, max_n=10).n == 10
    with pytest.raises(ValueError):
        SPRT(0.05, 0.03)


# --------------------------------------------------------------------------- sampling

def test_bottom_k_same_sample_for_any_worker_split() -> None:
    rows = [{"source_id": f"s{i % 3}", "doc_id": f"d{i}"} for i in range(3000)]
    one = sample_ids(rows, 50, seed=11, workers=1)
    two = sample_ids(rows, 50, seed=11, workers=2)
    five = sample_ids(list(reversed(rows)), 50, seed=11, workers=5)
    assert one == two == five and all(len(v) == 50 for v in one.values())
    assert sample_ids(rows, 50, seed=12) != one
    # the kept keys are the 50 smallest of the source
    keys = sorted(doc_key(11, "s0", r["doc_id"]) for r in rows if r["source_id"] == "s0")
    assert [doc_key(11, "s0", d) for d in one["s0"]] == keys[:50]


def test_bottom_k_merge_and_duplicates() -> None:
    a, b = BottomK(3), BottomK(3)
    for k, d in [(5, "a"), (1, "b"), (9, "c"), (1, "b")]:
        a.offer(k, d)
    for k, d in [(2, "x"), (7, "y")]:
        b.offer(k, d)
    m = a.merge(b)
    assert [d for _, d, _ in m.items()] == ["b", "x", "a"] and m.seen == 6
    s = SourceSampler(2, 1)
    with pytest.raises(ValueError):
        s.merge(SourceSampler(2, 2))


def test_sample_is_uniform_enough() -> None:
    # each of 200 docs sampled (k=20) over 300 seeds: expected 30 hits each
    import numpy as np
    hits = np.zeros(200)
    for seed in range(300):
        for d in sample_ids(({"source_id": "s", "doc_id": str(i)} for i in range(200)), 20, seed)["s"]:
            hits[int(d)] += 1
    assert abs(hits.mean() - 30) < 1e-9 and hits.min() > 10 and hits.max() < 55


# --------------------------------------------------------------------------- assess → DuckDB → audit

def test_assess_record_and_audit_recompute(workdir: Path) -> None:
    reg = load_registry(workdir / "registry.toml")
    con = duckdb.connect(str(workdir / "a.duckdb"))
    cfg = AssessConfig(sample_size=600, seed=3)
    res, skipped = run_assessment(reg, ["forum-alpha", "opends-beta"], None, fake_annotate, cfg, con,
                                  {"keywords": {"keyword_library_version": "kw-1"}, "model_version": "m-2"})
    a, b = res
    assert a.decision.n == 600 and a.population_seen == 1500 and skipped == {}
    assert a.decision.verdict == "admit" and b.decision.verdict == "reject"
    row = con.execute("SELECT phase, unsafe_count, keyword_library, model_version, unsafe_by_code FROM "
                      "source_assessments WHERE source_id = 'opends-beta'").fetchone()
    assert row[0] == "assessment" and row[1] == b.decision.unsafe and "kw-1" in row[2] and "m-2" in row[3]
    assert json.loads(row[4]) == {"A1d": b.decision.unsafe}
    assert con.execute("SELECT source_id, action FROM source_handling").fetchall() == [("opends-beta", "not_collected")]
    assert con.execute("SELECT count(*) FROM assessment_samples").fetchone()[0] == 1200
    # verification phase with SPRT on the same data
    cfg2 = AssessConfig(sample_size=1500, seed=3, method="sprt", phase="verification")
    res2, _ = run_assessment(reg, ["forum-alpha", "opends-beta"], None, fake_annotate, cfg2, con)
    assert res2[1].decision.verdict == "reject" and res2[1].sprt.n < 1500
    assert ("opends-beta", "excluded_from_training") in con.execute("SELECT source_id, action FROM source_handling").fetchall()
    rep = audit_records(con, fraction=1.0, seed=0)
    assert rep["sampled"] == 4 and rep["all_match"], rep
    assert len(sample_records(con, 0.1, seed=1)) == 1
    # a later filtering run that kept documents of the rejected source is flagged (B.2.1.1.1.2)
    con.execute("CREATE TABLE runs (run_id VARCHAR, started_at TIMESTAMP)")
    con.execute("CREATE TABLE documents (run_id VARCHAR, doc_id VARCHAR, source_id VARCHAR, decision VARCHAR)")
    con.execute("INSERT INTO runs VALUES ('r1', TIMESTAMP '2000-01-01'), ('r2', TIMESTAMP '2999-01-01')")
    con.execute("INSERT INTO documents VALUES ('r1', 'x', 'opends-beta', 'kept'), ('r2', 'y', 'forum-alpha', 'kept')")
    assert audit_records(con, fraction=1.0, seed=0)["all_match"]
    con.execute("INSERT INTO documents VALUES ('r2', 'z', 'opends-beta', 'kept')")
    r = recompute_record(con, res[1].assessment_id)
    assert r["kept_after_rejection"] == 1 and not r["checks"]["not_used_after_rejection"]
    # tampering with a manifest is detected
    aid = res[0].assessment_id
    con.execute("UPDATE assessment_samples SET unsafe = true, risk_codes = ['A2e'] WHERE assessment_id = ? AND rank = 0", [aid])
    r = recompute_record(con, aid)
    assert not r["match"] and not r["checks"]["unsafe_count"]


def test_same_seed_same_sample_with_one_or_two_workers(workdir: Path) -> None:
    reg = load_registry(workdir / "registry.toml")
    out = []
    for workers in (1, 2):
        con = duckdb.connect(str(workdir / f"w{workers}.duckdb"))
        inputs = [str(workdir / "forum-alpha.jsonl"), str(workdir / "opends-beta.jsonl")]
        res, _ = run_assessment(reg, ["forum-alpha", "opends-beta"], inputs, fake_annotate,
                                AssessConfig(sample_size=200, seed=9, workers=workers), con)
        out.append([([d.doc_id for d in r.docs], r.decision.verdict, r.decision.rate) for r in res])
    assert out[0] == out[1]


def test_shared_crawl_file_and_bad_lines(workdir: Path) -> None:
    """One crawl dump listed by two sources: each record counts once, for its own source; bad lines are
    counted and left out, not fatal."""
    dump = workdir / "crawl.jsonl"
    with open(dump, "w") as fh:
        for i in range(300):
            host = "forum-alpha" if i % 3 else "opends-beta"
            fh.write(json.dumps({"id": f"c{i}", "text": f"page {i}" + (" BAD[A1d]" if host == "opends-beta" else ""),
                                 "source": host}) + "\n")
        fh.write('{"id": "broken", "text": \n')
        fh.write(json.dumps({"id": "empty", "text": ""}) + "\n")
    reg_text = (workdir / "registry.toml").read_text()
    reg_text = reg_text.replace(f'"{workdir}/forum-alpha.jsonl"', f'"{dump}"').replace(f'"{workdir}/opends-beta.jsonl"', f'"{dump}"')
    (workdir / "registry.toml").write_text(reg_text)
    reg = load_registry(workdir / "registry.toml")
    con = duckdb.connect(str(workdir / "s.duckdb"))
    res, _ = run_assessment(reg, ["forum-alpha", "opends-beta"], None, fake_annotate,
                            AssessConfig(sample_size=1000, seed=1), con)
    a, b = res
    assert (a.population_seen, b.population_seen) == (200, 100)
    assert a.decision.unsafe == 0 and b.decision.rate == 1.0
    assert len(a.rejected) == 2 and "crawl.jsonl:301" in a.rejected[0]
    assert con.execute("SELECT list(rejected_records ORDER BY source_id) FROM source_assessments").fetchone()[0] == [2, 2]
    r = CliRunner().invoke(main, ["sources", "assess", "--registry", str(workdir / "registry.toml"),
                                  "--source", "forum-alpha", "--source", "opends-beta",
                                  "--sample-size", "50", "--seed", "1", "--db", str(workdir / "s.duckdb")])
    assert r.exit_code == 0, r.output
    assert "2 bad input record(s)" in r.output and "crawl.jsonl:301" in r.output
    # assessing one of the two sources alone does not claim the other's records
    one, _ = run_assessment(reg, ["forum-alpha"], None, fake_annotate, AssessConfig(sample_size=1000, seed=1), con)
    assert one[0].population_seen == 200 and one[0].decision.unsafe == 0


def test_assess_url_list_requires_text(workdir: Path) -> None:
    reg = load_registry(workdir / "registry.toml")
    con = duckdb.connect(str(workdir / "u.duckdb"))
    with pytest.raises(AssessError, match="no text"):
        run_assessment(reg, ["forum-alpha"], [str(FIX / "candidates.urls")], fake_annotate,
                       AssessConfig(sample_size=10, seed=1), con)
    urls = [f"https://www.example.com/{c}" for c in "abcd"]
    seed = next(s for s in range(100) if "https://www.example.com/d" not in
                sample_ids(({"source_id": "forum-alpha", "doc_id": u} for u in urls), 3, s)["forum-alpha"])
    res, _ = run_assessment(reg, ["forum-alpha"], [str(FIX / "candidates.urls")], fake_annotate,
                            AssessConfig(sample_size=3, seed=seed), con)
    assert res[0].decision.n == 3 and res[0].decision.unsafe == ("https://www.example.com/b" in
                                                                 [d.doc_id for d in res[0].docs])


def test_cli_assess_verify_and_audit(workdir: Path) -> None:
    labels = workdir / "labels.jsonl"
    with open(labels, "w") as fh:
        for sid in ("forum-alpha", "opends-beta"):
            for line in open(workdir / f"{sid}.jsonl"):
                rec = json.loads(line)
                fh.write(json.dumps({"doc_id": rec["id"], "risk_codes": MARK.findall(rec["text"])}) + "\n")
    runner = CliRunner()
    db = str(workdir / "cli.duckdb")
    r = runner.invoke(main, ["sources", "assess", "--registry", str(workdir / "registry.toml"), "--all",
                             "--sample-size", "300", "--seed", "5", "--labels", str(labels), "--db", db])
    assert r.exit_code == 1 and "has no 'location'" in r.output  # vendor-gamma has no data
    base = ["--registry", str(workdir / "registry.toml"), "--source", "forum-alpha", "--source", "opends-beta",
            "--sample-size", "300", "--seed", "5", "--labels", str(labels), "--db", db]
    r = runner.invoke(main, ["sources", "assess", *base, "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)["results"]
    assert [d["verdict"] for d in data] == ["admit", "reject"] and data[1]["handling"] == "not_collected"
    r = runner.invoke(main, ["sources", "verify", *base, "--method", "sprt"])
    assert r.exit_code == 0 and "SPRT reject after" in r.output, r.output
    r = runner.invoke(main, ["audit", "sample-records", "--db", db, "--fraction", "0.5", "--seed", "1", "--json"])
    assert r.exit_code == 0, r.output
    rep = json.loads(r.output)
    assert rep["sampled"] == 2 and rep["all_match"]
    r = runner.invoke(main, ["audit", "sample-records", "--db", db])
    assert r.exit_code == 0 and "1 of 4 assessment records" in r.output
    con = duckdb.connect(db)
    con.execute("UPDATE source_assessments SET rate = 0.01")
    con.close()
    r = runner.invoke(main, ["audit", "sample-records", "--db", db])
    assert r.exit_code == 1 and "mismatch: rate" in r.output
    r = runner.invoke(main, ["sources", "plan", "--margin", "0.01", "--expected-rate", "0.03"])
    assert r.exit_code == 0 and "n = 1118" in r.output
    r = runner.invoke(main, ["sources", "report", "--registry", str(workdir / "registry.toml"), "--db", db])
    assert r.exit_code == 0 and "FLAG: modality 'image' depends on a single source" in r.output
    assert re.search(r"opends-beta\s+verification\s+V-\S+\s+rate [\d.]+%\s+verdict reject", r.output), r.output
    assert re.search(r"photos-delta\s+not assessed", r.output)
    r = runner.invoke(main, ["sources", "report", "--registry", str(workdir / "registry.toml"), "--json"])
    assert json.loads(r.output)["batches"]["b1"]["n_sources"] == 2
    r = runner.invoke(main, ["sources", "sample", "--registry", str(workdir / "registry.toml"), "--source",
                             "forum-alpha", "--input", str(FIX / "candidates.urls"), "--sample-size", "2", "--seed", "3"])
    lines = [json.loads(l) for l in r.output.splitlines()]
    assert r.exit_code == 0 and [l["rank"] for l in lines] == [0, 1] and lines[0]["key"] < lines[1]["key"]
    assert all(l["url"].startswith("https://www.example.com/") for l in lines)
    r = runner.invoke(main, ["sources", "report", "--registry", str(FIX / "candidates.urls")])
    assert r.exit_code == 1 and "invalid TOML" in r.output


# --------------------------------------------------------------------------- gate stage

def test_source_admission_stage(workdir: Path) -> None:
    reg = load_registry(workdir / "registry.toml")
    db = str(workdir / "g.duckdb")
    con = duckdb.connect(db)
    run_assessment(reg, ["forum-alpha", "opends-beta"], None, fake_annotate, AssessConfig(sample_size=400, seed=1), con)
    con.close()
    batch = pa.RecordBatch.from_pydict({"doc_id": ["1", "2", "3"], "text": ["a", "b", "c"],
                                        "source_id": ["forum-alpha", "opends-beta", "unassessed"]})
    st = SourceAdmissionStage(db=db)
    st.setup()
    out = st.process(batch)
    assert out.column("source_ok").to_pylist() == [True, False, True]
    assert out.column("source_verdict").to_pylist() == ["admit", "reject", None]
    reason = out.column("source_reason").to_pylist()[1]
    assert reason.startswith("source rejected: assessment ") and "CI95%" in reason
    st2 = SourceAdmissionStage(db=db, override=["opends-beta"], justification="re-cleaned by hand, ticket 42")
    out2 = st2.process(batch)
    assert out2.column("source_ok").to_pylist() == [True, True, True]
    assert "overridden: re-cleaned by hand" in out2.column("source_reason").to_pylist()[1]
    assert st2.provenance()["source_admission_justification"] == "re-cleaned by hand, ticket 42"
    assert SourceAdmissionStage(db=db, require_assessment=True).process(batch).column("source_ok").to_pylist()[2] is False
    with pytest.raises(StageError, match="justification"):
        SourceAdmissionStage(db=db, override=["opends-beta"])
    # works while this process holds the store open read-write
    rw = duckdb.connect(db)
    st3 = SourceAdmissionStage(db=db)
    st3.setup()
    assert st3.process(batch).column("source_ok").to_pylist() == [True, False, True]
    rw.close()
    with pytest.raises(StageError, match="no audit database"):
        SourceAdmissionStage(db=str(workdir / "missing.duckdb")).setup()
    with pytest.raises(StageError, match="'db'"):
        SourceAdmissionStage()
    from gensafe.stages.registry import build_stage
    assert isinstance(build_stage({"type": "source_admission", "db": db}), SourceAdmissionStage)


# --------------------------------------------------------------------------- property: any split, same sample

from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(ids=st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=80, unique=True),
       cuts=st.lists(st.integers(0, 80), max_size=4), n=st.integers(1, 10), seed=st.integers(-5, 5))
def test_bottom_k_any_partition(ids: list[str], cuts: list[int], n: int, seed: int) -> None:
    rows = [{"source_id": "s", "doc_id": d} for d in ids]
    bounds = [0, *sorted(c % (len(rows) + 1) for c in cuts), len(rows)]
    parts = []
    for a, b in zip(bounds, bounds[1:]):
        sm = SourceSampler(n, seed)
        for r in rows[a:b]:
            sm.offer("s", r["doc_id"])
        parts.append(sm)
    merged = parts[0]
    for p in parts[1:]:
        merged = merged.merge(p)
    whole = SourceSampler(n, seed)
    for r in rows:
        whole.offer("s", r["doc_id"])
    got = [d for _, d, _ in merged.sample("s")]
    assert got == [d for _, d, _ in whole.sample("s")]
    assert got == sorted(ids, key=lambda d: (doc_key(seed, "s", d), d))[:n]


def test_assessment_derives_source_ids_as_the_readers_do(tmp_path):
    from gensafe.admission.assess import draw_samples
    from gensafe.readers import registered_domain

    p = tmp_path / "c.jsonl"
    p.write_text('{"text": "x", "url": "https://News.Example.COM/x"}\n', encoding="utf-8")
    _, skipped, _ = draw_samples([(str(p), None)], 5, seed=1, allowed=["nothing"])
    assert skipped == {registered_domain("https://News.Example.COM/x"): 1} == {"example.com": 1}
