"""The B.2.1 audit report: verdicts, numbers against independent DuckDB queries,
each item's SQL reproducing its numbers, and the three output formats."""
import json
import math
import re
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "audit"))

import auditdb  # noqa: E402
from conftest import spine_pipeline  # noqa: E402
from gensafe.admission.stats import clopper_pearson  # noqa: E402
from gensafe.audit.report import build_report, report_for_db  # noqa: E402
from gensafe.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    return auditdb.build(tmp_path_factory.mktemp("good"), compliant=True)


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    return auditdb.build(tmp_path_factory.mktemp("bad"), compliant=False)


def _q(db, sql, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _checks(item):
    return {c.name.split(" ")[0]: c.verdict for c in item.checks}


# --------------------------------------------------------------------------- verdicts

def test_compliant_case(good):
    db, run = good
    rep = report_for_db(str(db))
    assert rep.run["run_id"] == run
    assert {i.id: i.verdict for i in rep.items} == {
        "B.2.1.1.1": "compliant", "B.2.1.1.2": "compliant", "B.2.1.1.3": "compliant", "B.2.1.2.1": "compliant",
        "B.2.1.2.3": "compliant", "B.1.1": "compliant", "B.1.4": "compliant",
        # no annotation recorded in this database: B.2.1.3 is not applicable, not a failure
        "B.2.1.3.1": "not applicable", "B.2.1.3.2": "not applicable", "B.2.1.3.3": "not applicable",
        "B.2.1.3.4": "not applicable"}
    assert rep.overall == "compliant"
    # the rejected source is listed with its handling and no kept documents
    rej = rep.item("B.2.1.1.1").rows["rejected_sources"]
    assert [(r["source_id"], r["kept_in_run"], r["has_handling"]) for r in rej] == [("spam-src", 0, True)]
    assert rep.item("B.2.1.1.1").numbers["sampled_records"] >= math.ceil(0.1 * rep.item("B.2.1.1.1").numbers["records"])
    outside = {o["id"] for o in rep.outside}
    assert {"B.2.1.2.2", "B.2.1.3.1 a)", "B.2.1.1.2 a)", "B.2.1.2.3 a)"} <= outside


def test_noncompliant_case(bad):
    db, _ = bad
    rep = report_for_db(str(db))
    assert rep.overall == "non-compliant"
    v = {i.id: i.verdict for i in rep.items}
    assert v["B.2.1.1.1"] == v["B.2.1.1.2"] == v["B.2.1.1.3"] == v["B.2.1.2.1"] == v["B.2.1.2.3"] == "non-compliant"
    assert v["B.1.1"] == "non-compliant" and v["B.1.4"] == "compliant"
    sel = rep.item("B.2.1.1.1")
    assert sel.numbers["rejected_sources_used"] == 1 and "bad-src (40)" in sel.checks[0].detail
    div = rep.item("B.2.1.1.2")
    assert "language 'en' (en-books)" in div.checks[0].detail
    tr = _checks(rep.item("B.2.1.1.3"))
    assert tr == {"b)": "non-compliant", "c)": "non-compliant", "d/e)": "non-compliant"}
    cf = _checks(rep.item("B.2.1.2.1"))
    assert cf == {"b)": "compliant", "a)": "non-compliant"}
    assert "gensafe review export" in rep.item("B.2.1.2.1").checks[1].detail
    assert "gensafe review import" in rep.item("B.2.1.2.1").checks[1].detail
    pi = _checks(rep.item("B.2.1.2.3"))
    assert pi == {"d)": "compliant", "e)": "non-compliant"}


def test_missing_assessments_listed(tmp_path, corpus):
    p = spine_pipeline(tmp_path, [str(corpus)])
    assert CliRunner().invoke(main, ["run", str(p), "--no-progress"]).exit_code == 0
    db = tmp_path / "out" / "audit.duckdb"
    rep = report_for_db(str(db))
    it = rep.item("B.2.1.1.1")
    assert it.verdict == "non-compliant"
    listed = [r["source_id"] for r in it.rows["sources_without_records"]]
    assert listed == [r[0] for r in _q(db, "SELECT DISTINCT source_id FROM documents ORDER BY 1")]
    assert rep.item("B.2.1.2.3").verdict == "non-compliant"  # no PII stage
    assert rep.item("B.1.4").verdict == "non-compliant"  # no classifier
    assert rep.overall == "non-compliant"


# --------------------------------------------------------------------------- numbers

def test_numbers_equal_independent_queries(good):
    db, run = good
    rep = report_for_db(str(db))
    cf = rep.item("B.2.1.2.1").numbers
    kept, kept_q, inp, inp_q = _q(db, """SELECT sum((decision = 'kept')::INT), sum((decision = 'kept' AND NOT unsafe)::INT),
                                         count(*), sum((NOT unsafe)::INT) FROM documents WHERE run_id = ?""", run)[0]
    assert (cf["kept"], cf["kept_qualified"], cf["input_documents"], cf["input_qualified"]) == (kept, kept_q, inp, inp_q)
    assert (cf["kept_ci_low"], cf["kept_ci_high"]) == pytest.approx(clopper_pearson(kept_q, kept))
    assert cf["input_qualified_rate"] == pytest.approx(inp_q / inp)
    # personal information
    pi = rep.item("B.2.1.2.3").numbers
    n_pi, n_sens, masked = _q(db, """SELECT count(*) FILTER (WHERE len(pii) > 0),
        count(*) FILTER (WHERE len(list_filter(pii, lambda x: x.sensitive)) > 0),
        count(*) FILTER (WHERE len(pii) > 0 AND text_masked) FROM documents WHERE run_id = ?""", run)[0]
    assert (pi["input_with_pi"], pi["input_with_sensitive_pi"], pi["pi_masked"]) == (n_pi, n_sens, masked)
    assert pi["sample_size"] == kept  # fewer than 4,000 kept: all of them
    # per source
    per = {r["source_id"]: r for r in rep.item("T.sources").rows["sources"]}
    for sid, docs, bad in _q(db, "SELECT source_id, count(*), count(*) FILTER (WHERE unsafe) FROM documents "
                                 "WHERE run_id = ? GROUP BY 1", run):
        assert per[sid]["documents"] == docs and per[sid]["unqualified"] == bad
        assert (per[sid]["ci_low"], per[sid]["ci_high"]) == pytest.approx(clopper_pearson(docs - bad, docs))
    # per risk code
    risks = {r["code"]: r for r in rep.item("T.risks").rows["risks"]}
    assert len(risks) == 31 and risks["A1d"]["name_zh"] == "宣扬恐怖主义、极端主义"
    (a1d_removed,) = _q(db, "SELECT count(*) FROM documents WHERE run_id = ? AND decision = 'removed' "
                            "AND list_contains(risk_codes, 'A1d')", run)[0]
    assert risks["A1d"]["removed"] == a1d_removed > 0
    # classifier / keyword agreement
    ag = rep.item("T.agreement").numbers
    both, kw_only, clf_only = _q(db, """SELECT count(*) FILTER (WHERE len(kw_risks) > 0 AND len(clf_risks) > 0),
        count(*) FILTER (WHERE len(kw_risks) > 0 AND len(clf_risks) = 0),
        count(*) FILTER (WHERE len(kw_risks) = 0 AND len(clf_risks) > 0) FROM documents WHERE run_id = ?""", run)[0]
    assert (ag["both_flag"], ag["keyword_only"], ag["classifier_only"]) == (both, kw_only, clf_only)
    assert clf_only > 0
    # top terms and diversity
    assert rep.item("T.terms").rows["terms"][0]["term"] == "bomb"
    div = rep.item("B.2.1.1.2").numbers
    assert (div["domestic_sources"], div["foreign_sources"]) == (3, 2)
    # B.1.1 coverage from the keyword module's own check
    assert rep.item("B.1.1").numbers["total_distinct_terms"] >= 10000


def test_keyword_coverage_recorded_at_run_time_survives_a_library_update(good, tmp_path):
    """A week later the library folder holds a newer version: B.1.1 is judged on what the run recorded."""
    import shutil

    db, run = good
    copy = tmp_path / "later.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    prov = json.loads(con.execute("SELECT provenance FROM runs WHERE run_id = ?", [run]).fetchone()[0])
    assert prov["keyword_library_coverage"]["total_distinct_terms"] >= 10000
    con.execute("UPDATE runs SET keyword_library_hash = 'sha256:a-newer-version' WHERE run_id = ?", [run])
    con.close()
    item = report_for_db(str(copy)).item("B.1.1")
    assert item.verdict == "compliant" and any("as recorded" in n for n in item.notes)
    assert item.numbers["total_distinct_terms"] == prov["keyword_library_coverage"]["total_distinct_terms"]
    # a run whose recorded coverage fell short is judged non-compliant, with the recorded problems
    con = duckdb.connect(str(copy))
    prov["keyword_library_coverage"].update(compliant=False, problems=["A1a: 12 terms < 200"])
    con.execute("UPDATE runs SET provenance = ? WHERE run_id = ?", [json.dumps(prov), run])
    con.close()
    item = report_for_db(str(copy)).item("B.1.1")
    assert item.verdict == "non-compliant" and "A1a: 12 terms < 200" in item.checks[0].detail


def test_each_items_sql_reproduces_its_numbers(good, bad):
    for db, _ in (good, bad):
        rep = report_for_db(str(db))
        con = duckdb.connect(str(db), read_only=True)
        try:
            for it in rep.items + rep.tables:
                for name, sql in it.sql.items():
                    assert "run_id = ?" not in sql and "?" not in re.sub(r"'[^']*'", "", sql), (it.id, name)
                    cur = con.execute(sql)
                    cols = [d[0] for d in cur.description]
                    got = [dict(zip(cols, r)) for r in cur.fetchall()]
                    if name in it.rows:
                        shown = it.rows[name]
                        assert len(got) == len(shown), (it.id, name)
                        for g, s in zip(got, shown):
                            for c in cols:
                                assert _same(g[c], s[c]), (it.id, name, c, g[c], s[c])
                    elif len(got) == 1 and all(c in it.numbers for c in cols):
                        for c in cols:
                            assert _same(got[0][c], it.numbers[c]), (it.id, name, c)
                    else:  # a population query behind a sample (e.g. the opt-out draw)
                        assert name.endswith("population"), (it.id, name)
        finally:
            con.close()


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a == pytest.approx(b)
    if hasattr(a, "isoformat"):
        return a.isoformat() == b
    return a == b


def test_trend_across_runs(good, tmp_path):
    db, run = good
    rep = report_for_db(str(db))
    runs = rep.item("T.trend").rows["runs"]
    assert [r["run_id"] for r in runs] == [r[0] for r in _q(db, "SELECT run_id FROM runs ORDER BY finished_at")]
    r0 = runs[-1]
    assert r0["removed_share"] == pytest.approx(r0["removed"] / (r0["kept"] + r0["removed"]))


# --------------------------------------------------------------------------- formats

def test_cli_json_md_html(good, tmp_path):
    db, run = good
    r = CliRunner().invoke(main, ["audit", "report", "--db", str(db), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert doc["overall"] == "compliant" and doc["run"]["run_id"] == run
    for it in doc["items"]:
        assert {"id", "title", "verdict", "numbers", "sql", "rows"} <= set(it)
        assert it["verdict"] in ("compliant", "non-compliant", "not applicable")
        assert all(run in q for q in it["sql"].values() if "run_id =" in q)
    assert all(o["verdict"] == "outside gensafe" for o in doc["outside_gensafe"])

    r = CliRunner().invoke(main, ["audit", "report", "--db", str(db), "--run", run])
    assert r.exit_code == 0
    assert "## Overall: ✅ compliant" in r.output and "| B.2.1.2.1 |" in r.output and "```sql" in r.output
    assert "# Outside gensafe" in r.output

    out = tmp_path / "r.html"
    r = CliRunner().invoke(main, ["audit", "report", "--db", str(db), "--format", "html", "--out", str(out)])
    assert r.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") >= 3
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page.split("<h2>Items</h2>")[0]  # nothing fetched; URLs only inside data tables
    assert 'id="chart-source-rates"' in page and 'data-threshold="0.98"' in page


def test_cli_errors(tmp_path, good):
    r = CliRunner().invoke(main, ["audit", "report", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "no audit database" in r.output
    r = CliRunner().invoke(main, ["audit", "report", "--db", str(good[0]), "--run", "nope"])
    assert r.exit_code == 1 and "no run 'nope'" in r.output and "Traceback" not in r.output
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    r = CliRunner().invoke(main, ["audit", "report", "--db", str(empty)])
    assert r.exit_code == 1 and "not a gensafe audit store" in r.output


def test_build_report_on_open_connection(good):
    db, run = good
    con = duckdb.connect(str(db), read_only=True)
    try:
        rep = build_report(con, run, seed=3)
    finally:
        con.close()
    assert rep.seed == 3 and rep.item("B.2.1.1.1").numbers["sample_seed"] == 3


def test_two_runs_trend_and_older_run(tmp_path, corpus):
    p = spine_pipeline(tmp_path, [str(corpus)])
    for extra in ([], ["--overwrite"]):  # a plain rerun of a finished run is a no-op: overwrite to run again
        assert CliRunner().invoke(main, ["run", str(p), "--no-progress", *extra]).exit_code == 0
    db = tmp_path / "out" / "audit.duckdb"
    runs = [r[0] for r in _q(db, "SELECT run_id FROM runs ORDER BY finished_at")]
    assert len(runs) == 2
    latest = report_for_db(str(db))
    assert latest.run["run_id"] == runs[1]
    assert [r["run_id"] for r in latest.item("T.trend").rows["runs"]] == runs
    older = report_for_db(str(db), run_id=runs[0])
    assert older.item("B.2.1.2.1").numbers["input_documents"] == _q(
        db, "SELECT count(*) FROM documents WHERE run_id = ?", runs[0])[0][0]
    r = CliRunner().invoke(main, ["audit", "report", "--db", str(db), "--format", "html"])
    assert r.exit_code == 0 and r.output.count('class="point"') == 2 * len(
        [x for x in latest.item("T.trend").rows["runs"] if x["input_qualified_rate"] is not None])
