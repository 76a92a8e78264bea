"""Data-annotation safety (§4.3, B.2.1.3): the rules checker, the registry, batch import, spot checks,
screening, isolation, and the report items judged from the records — one test per rule violation."""
import json
import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from conftest import spine_pipeline, write_jsonl
from gensafe.annotation.work import SAFETY_ALIAS
from gensafe.audit.checks_annotation import annotation_items
from gensafe.audit.items import Ctx
from gensafe.cli import main
from gensafe.taxonomy import CODES

ROOT = Path(__file__).resolve().parents[2]
EX = ROOT / "examples" / "annotation"
TEMPLATE = ROOT / "gensafe" / "data" / "annotation_rules.toml"


def cli(*args, ok=True):
    r = CliRunner().invoke(main, [str(a) for a in args])
    if ok:
        assert r.exit_code == 0, r.output
    else:
        assert r.exit_code == 1, r.output
        assert "Traceback" not in r.output
    return r


def lib(db, fn, *args, **kw):
    """A library call on its own short connection: setup without the CLI's start-up cost."""
    con = duckdb.connect(str(db))
    try:
        return fn(con, *args, **kw)
    finally:
        con.close()


def _build(folder, log):
    from gensafe.annotation.batches import import_task_log
    from gensafe.annotation.registry import import_registry
    from gensafe.annotation.rules import record_rules

    db = folder / "audit.duckdb"
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db))
    record_rules(con, str(EX / "rules.toml"))
    import_registry(con, str(EX / "annotators.toml"))
    if log:
        import_task_log(con, str(EX / "task_log.jsonl"))
    con.close()
    return folder


@pytest.fixture(scope="module")
def bases(tmp_path_factory):
    """Rules and registry recorded once (with and without the task log); each test works on a copy."""
    root = tmp_path_factory.mktemp("annot-bases")
    return {True: _build(root / "log", True), False: _build(root / "nolog", False)}


@pytest.fixture
def setup_db(bases):
    def make(tmp_path, log=True):
        shutil.copytree(bases[log], tmp_path / "db")
        return tmp_path / "db" / "audit.duckdb"
    return make


def import_functional(db, path=EX / "functional_F-001.jsonl", batch="F-001", **kw):
    from gensafe.annotation.batches import import_batch

    return lib(db, import_batch, str(path), batch, "T-finqa-01", "functional", **kw)


def functional_flow(db, tmp_path, reannotate=True):
    from gensafe.annotation.spotcheck import draw, record

    import_functional(db)
    lib(db, draw, "F-001", str(tmp_path / "s1.jsonl"), seed=1)
    assert lib(db, record, str(EX / "spot_check_F-001_r1.outcomes.jsonl"))[0]["outcome"] == "inaccurate"
    if reannotate:
        import_functional(db, EX / "functional_F-001.reannotated.jsonl", reannotation=True)
        lib(db, draw, "F-001", str(tmp_path / "s2.jsonl"), seed=1)
        assert lib(db, record, str(EX / "spot_check_F-001_r2.outcomes.jsonl"))[0]["outcome"] == "pass"


def safety_flow(db, path=EX / "safety_S-001.jsonl", batch="S-001", task="T-safety-01", ok=True):
    """Through the CLI: the safety import is what several tests are about."""
    return cli("annotate", "import", path, "--batch", batch, "--task", task, "--kind", "safety", "--db", db, ok=ok)


def items(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {it.id: it for it in annotation_items(Ctx(con, "none"))}
    finally:
        con.close()


def checks(item):
    return {c.name.split(" ")[0]: c.verdict for c in item.checks}


def rows(path):
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]


# --------------------------------------------------------------------------- CLI and rules

def test_help_lists_annotation_commands():
    assert "annotate" in cli("--help").output
    out = cli("annotate", "--help").output
    for c in ("rules-template", "rules-check", "rules-record", "annotators", "grant", "suspend", "reinstate",
              "revoke", "who", "task-log", "import", "screen", "invalidate", "spot-draw", "spot-record", "status"):
        assert re.search(rf"^\s+{c}\s", out, re.M), c


def test_template_covers_every_taxonomy_code(tmp_path):
    r = cli("annotate", "rules-check", TEMPLATE)
    assert f"all {len(CODES)} codes have guidance" in r.output
    out = tmp_path / "rules.toml"
    cli("annotate", "rules-template", "--output", out)
    assert out.read_text(encoding="utf-8") == TEMPLATE.read_text(encoding="utf-8")
    js = json.loads(cli("annotate", "rules-check", out, "--json").output)
    assert js["ok"] and js["missing_codes"] == []


def test_rules_missing_a_risk_code(tmp_path):
    text = TEMPLATE.read_text(encoding="utf-8")
    p = tmp_path / "rules.toml"
    p.write_text(re.sub(r"^A3c = .*\n", "", text, flags=re.M), encoding="utf-8")
    js = json.loads(cli("annotate", "rules-check", p, "--json").output)  # e) is optional: still exit 0
    assert js["missing_codes"] == ["A3c"]
    e = next(c for c in js["checks"] if c["expected"] == "B.2.1.3.2 e)")
    assert not e["ok"] and e["optional"] and "missing A3c" in e["detail"]
    # a whole group gone fails d), which is required
    p.write_text(re.sub(r"^A4[a-g] = .*\n", "", text, flags=re.M), encoding="utf-8")
    r = cli("annotate", "rules-check", p, ok=False)
    assert "FAIL B.2.1.3.2 d)" in r.output and "A4" in r.output
    # an unknown code is named
    p.write_text(text.replace("A5b = ", "A9z = "), encoding="utf-8")
    js = json.loads(CliRunner().invoke(main, ["annotate", "rules-check", str(p), "--json"]).output)
    assert js["missing_codes"] == ["A5b"]
    assert "A9z" in next(c for c in js["checks"] if c["expected"] == "B.2.1.3.2 d)")["detail"]


def test_rules_codes_come_from_the_taxonomy(tmp_path, monkeypatch):
    import gensafe.annotation.rules as rules

    monkeypatch.setattr(rules, "CODES", CODES + ("A6z",))
    assert rules.check_rules(str(TEMPLATE)).missing_codes == ["A6z"]


def test_rules_structure_and_errors(tmp_path):
    text = TEMPLATE.read_text(encoding="utf-8")
    p = tmp_path / "rules.toml"
    p.write_text(text.replace("[safety.stages]\n", "[safety.stagez]\n"), encoding="utf-8")
    assert "safety.stages.execution" in cli("annotate", "rules-check", p, ok=False).output
    p.write_text(text.replace("full_review = true", "full_review = false"), encoding="utf-8")
    assert "FAIL B.2.1.3.3 a)" in cli("annotate", "rules-check", p, ok=False).output
    p.write_text(text.replace('version = "template-1"\n', ""), encoding="utf-8")
    assert "version is missing" in cli("annotate", "rules-check", p, ok=False).output
    p.write_text("[rules\nversion = 1", encoding="utf-8")
    assert "invalid TOML" in cli("annotate", "rules-check", p, ok=False).output
    db = tmp_path / "a.duckdb"
    p.write_text(text, encoding="utf-8")
    cli("annotate", "rules-record", p, "--db", db)
    p.write_text(text.replace("min_reviewers = 1", "min_reviewers = 2"), encoding="utf-8")
    assert "already recorded with other content" in cli("annotate", "rules-record", p, "--db", db, ok=False).output


# --------------------------------------------------------------------------- registry

def test_authorisation_needs_a_passed_current_assessment(tmp_path, setup_db):
    db = setup_db(tmp_path, log=False)
    # li.ming failed AS-2026-012; a grant on it is refused
    r = cli("annotate", "grant", "li.ming", "--role", "execution", "--assessment", "AS-2026-012", "--at",
            "2026-09-10", "--db", db, ok=False)
    assert "was not passed" in r.output
    # a role the person is not registered for
    assert "registered for execution only" in cli("annotate", "grant", "chen.jing", "--role", "review", "--db", db,
                                                   ok=False).output
    # sun.yue passed in 2025-08: lapsed a year later
    r = cli("annotate", "grant", "sun.yue", "--role", "execution", "--at", "2026-10-01", "--db", db, ok=False)
    assert "lapsed" in r.output
    # an unregistered person
    assert "not registered" in cli("annotate", "grant", "nobody", "--role", "execution", "--db", db, ok=False).output
    # revocation: the old assessment no longer opens a grant
    cli("annotate", "revoke", "chen.jing", "--reason", "left the team", "--at", "2026-10-01", "--db", db)
    r = cli("annotate", "grant", "chen.jing", "--role", "execution", "--at", "2026-10-02", "--db", db, ok=False)
    assert "revoked" in r.output
    assert "reason" in CliRunner().invoke(main, ["annotate", "suspend", "zhao.lei", "--db", str(db)]).output
    # registry file: a grant with no assessment refused, naming file and entry
    bad = tmp_path / "reg.toml"
    bad.write_text('[[annotators]]\nid = "x"\nroles = ["execution"]\n\n[[grants]]\nannotator = "x"\n'
                   'role = "execution"\nat = 2026-01-01\n', encoding="utf-8")
    r = cli("annotate", "annotators", bad, "--db", db, ok=False)
    assert "reg.toml: grants[0]" in r.output and "passed assessment" in r.output


def test_registry_import_is_append_only_and_idempotent(tmp_path, setup_db):
    from gensafe.annotation.registry import import_registry, register_annotator

    db = setup_db(tmp_path, log=False)
    tables = ("annot_annotators", "annot_trainings", "annot_assessments", "annot_grants", "annot_status_events")

    def counts():
        con = duckdb.connect(str(db), read_only=True)
        try:
            return [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
        finally:
            con.close()

    before = counts()
    lib(db, import_registry, str(EX / "annotators.toml"))
    assert counts() == before
    # a role change is a new version of the entry; the latest counts
    assert lib(db, register_annotator, "chen.jing", "Chen Jing", ["execution", "review"])
    assert counts()[0] == before[0] + 1
    st = {(r["person"], r["role"]) for r in json.loads(
        cli("annotate", "who", "--db", db, "--at", "2026-11-01", "--json").output)}
    assert ("chen.jing", "review") in st


def test_who_shows_expiry_and_suspension(tmp_path, setup_db):
    db = setup_db(tmp_path, log=False)
    out = cli("annotate", "who", "--db", db, "--at", "2026-11-01", "--json").output
    st = {(r["person"], r["role"]): r for r in json.loads(out)}
    assert st[("chen.jing", "execution")]["authorised"]
    assert st[("sun.yue", "execution")]["problem"] == "suspended"
    cli("annotate", "reinstate", "sun.yue", "--reason", "investigation closed", "--at", "2026-10-01", "--db", db)
    st = {(r["person"], r["role"]): r for r in json.loads(
        cli("annotate", "who", "--db", db, "--at", "2026-11-01", "--json").output)}
    assert st[("sun.yue", "execution")]["problem"] == "authorisation expired"


# --------------------------------------------------------------------------- the bundled example

def test_example_is_compliant_and_sql_reproduces_numbers(tmp_path, setup_db):
    db = setup_db(tmp_path)
    functional_flow(db, tmp_path)
    safety_flow(db)
    its = items(db)
    assert {k: v.verdict for k, v in its.items()} == {
        "B.2.1.3.1": "compliant", "B.2.1.3.2": "compliant", "B.2.1.3.3": "compliant", "B.2.1.3.4": "compliant"}
    n = its["B.2.1.3.3"].numbers
    assert (n["functional_batches"], n["reannotations_after_failure"], n["safety_items"],
            n["safety_items_passed"]) == (1, 1, 8, 8)
    assert its["B.2.1.3.1"].numbers["tasks"] == 2 and its["B.2.1.3.1"].numbers["unauthorised_acts"] == 0
    # the safety items are in their own file, in their own folder, not in the audit database
    store = tmp_path / "db" / "safety_annotation" / "annotation_safety.duckdb"
    assert its["B.2.1.3.4"].numbers["safety_store"] == str(store)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM annot_items WHERE batch_id = 'S-001'").fetchone()[0] == 0
    # every one-row query, pasted with its ATTACH line, gives the item's numbers
    for it in its.values():
        for name, sql in it.sql.items():
            if name in it.rows:
                continue
            m = re.match(r"-- first: (ATTACH .*);", sql)
            if m and SAFETY_ALIAS not in {r[0] for r in con.execute("SELECT database_name FROM duckdb_databases()")
                                          .fetchall()}:
                con.execute(m.group(1))
            cur = con.execute(sql)
            got = dict(zip([d[0] for d in cur.description], cur.fetchone()))
            for k, v in got.items():
                assert it.numbers[k] == v, (it.id, name, k)
    con.close()
    st = cli("annotate", "status", "--db", db).output
    assert "F-001 [functional, task T-finqa-01] revision 2" in st and "pass (5/5)" in st
    # the example queries of docs/annotation.md run and return rows
    queries = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "annotation.md").read_text(encoding="utf-8"), re.S)
    con = duckdb.connect(str(db), read_only=True)
    assert len(queries) >= 3 and all(con.execute(q).fetchall() for q in queries)
    con.close()


def test_report_cli_carries_the_b213_items(tmp_path, corpus):
    from gensafe.annotation.batches import import_task_log
    from gensafe.audit.render_html import render_html
    from gensafe.audit.render_md import render_markdown
    from gensafe.audit.report import report_for_db

    p = spine_pipeline(tmp_path, [str(corpus)])
    cli("run", p, "--no-progress")
    db = tmp_path / "out" / "audit.duckdb"
    cli("annotate", "rules-record", EX / "rules.toml", "--db", db)
    cli("annotate", "annotators", EX / "annotators.toml", "--db", db)
    lib(db, import_task_log, str(EX / "task_log.jsonl"))
    functional_flow(db, tmp_path, reannotate=False)
    safety_flow(db)
    js = json.loads(cli("audit", "report", "--db", db, "--format", "json").output)
    v = {i["id"]: i for i in js["items"]}
    assert v["B.2.1.3.3"]["verdict"] == "non-compliant" and v["B.2.1.3.3"]["numbers"]["inaccurate_not_reannotated"] == 1
    assert v["B.2.1.3.3"]["sql"]["functional"].startswith("SELECT")
    assert v["B.2.1.3.4"]["optional"] and v["B.2.1.3.4"]["verdict"] == "compliant"
    assert {"B.2.1.3.1 a)", "B.2.1.3.2 c/d)"} <= {o["id"] for o in js["outside_gensafe"]}
    rep = report_for_db(str(db))
    md = render_markdown(rep)
    assert "## B.2.1.3.3 Accuracy of annotated content" in md and "inaccurate_not_reannotated" in md
    assert 'data-item-verdict="B.2.1.3.2"' in render_html(rep)


# --------------------------------------------------------------------------- one test per rule violation

def test_executor_equal_reviewer_is_refused(tmp_path, setup_db):
    db = setup_db(tmp_path)
    same = rows(EX / "safety_S-001.jsonl")
    same[2]["reviewer"] = same[2]["annotator"]
    bad = write_jsonl(tmp_path / "same.jsonl", same)
    r = safety_flow(db, bad, ok=False)
    assert "same.jsonl:3" in r.output and "both executes and reviews" in r.output
    # across items of one task: the reviewer of the task (wang.fang, from the log) executing an item
    other = rows(EX / "safety_S-001.jsonl")
    other[0]["annotator"] = "wang.fang"
    other[0]["reviewer"] = "zhao.lei"
    bad = write_jsonl(tmp_path / "cross.jsonl", other)
    r = safety_flow(db, bad, ok=False)
    assert "wang.fang would both execute and review in task T-safety-01" in r.output
    # a spot checker who executed in the task
    functional = rows(EX / "functional_F-001.jsonl")
    import_functional(db)
    cli("annotate", "spot-draw", "F-001", "--seed", 1, "--output", tmp_path / "s.jsonl", "--db", db)
    outs = rows(EX / "spot_check_F-001_r1.outcomes.jsonl")
    for o in outs:
        o["checker"] = functional[0]["annotator"]
    r = cli("annotate", "spot-record", write_jsonl(tmp_path / "o.jsonl", outs), "--db", db, ok=False)
    assert "would both execute and review" in r.output
    # a task log giving an executor the review role
    log = write_jsonl(tmp_path / "log.jsonl", [{"task_id": "T-finqa-01", "at": "2026-10-13", "event": "assigned",
                                                 "person": "li.ming", "role": "review"}])
    assert "li.ming would both" in cli("annotate", "task-log", log, "--db", db, ok=False).output
    # nothing of the refused imports was recorded
    assert items(db)["B.2.1.3.1"].numbers["tasks_same_person_both_roles"] == 0


def test_unauthorised_and_expired_annotators_are_flagged(tmp_path, setup_db):
    db = setup_db(tmp_path)
    recs = rows(EX / "functional_F-001.jsonl")
    recs[0]["annotator"] = "sun.yue"                      # suspended since 2026-07-15 (and lapsed)
    recs[1]["annotator"] = "ghost"                        # never registered
    recs[2]["annotated_at"] = "2027-10-01T09:00:00+08:00"  # chen.jing's authorisation ran out on 2027-09-05
    bad = write_jsonl(tmp_path / "b.jsonl", recs)
    r = cli("annotate", "import", bad, "--batch", "F-001", "--task", "T-finqa-01", "--kind", "functional",
            "--db", db)
    assert "sun.yue worked as execution while not authorised (suspended)" in r.output
    assert "ghost worked as execution while not authorised (unregistered)" in r.output
    it = items(db)["B.2.1.3.1"]
    assert it.verdict == "non-compliant" and checks(it)["c)"] == "non-compliant"
    assert it.numbers["unauthorised_acts"] == 3
    probs = {(r["person"], r["problem"]) for r in it.rows["unauthorised_work"]}
    assert probs == {("sun.yue", "suspended"), ("ghost", "unregistered"), ("chen.jing", "authorisation expired")}


def test_unreviewed_safety_item(tmp_path, setup_db):
    db = setup_db(tmp_path)
    recs = rows(EX / "safety_S-001.jsonl")
    for k in ("reviewer", "reviewed_at", "review"):
        del recs[4][k]
    recs[5]["review"] = "fail"
    safety_flow(db, write_jsonl(tmp_path / "s.jsonl", recs))
    it = items(db)["B.2.1.3.3"]
    assert checks(it)["c)"] == "non-compliant"
    assert (it.numbers["safety_items"], it.numbers["safety_items_passed"], it.numbers["safety_items_unreviewed"],
            it.numbers["safety_items_failed_review"]) == (8, 6, 1, 1)
    # re-annotated and reviewed: compliant again
    cli("annotate", "import", EX / "safety_S-001.jsonl", "--batch", "S-001", "--task", "T-safety-01", "--kind",
        "safety", "--reannotation", "--db", db)
    assert checks(items(db)["B.2.1.3.3"])["c)"] == "compliant"


def test_spot_check_failure_without_reannotation(tmp_path, setup_db):
    db = setup_db(tmp_path)
    import_functional(db)
    assert items(db)["B.2.1.3.3"].numbers["batches_without_spot_check"] == 1
    cli("annotate", "spot-draw", "F-001", "--seed", 1, "--output", tmp_path / "s1.jsonl", "--db", db)
    cli("annotate", "spot-record", EX / "spot_check_F-001_r1.outcomes.jsonl", "--db", db)
    it = items(db)["B.2.1.3.3"]
    assert checks(it)["b)"] == "non-compliant" and it.numbers["inaccurate_not_reannotated"] == 1
    # re-sampling until a check passes does not clear it: the failed revision must be re-annotated
    s3 = cli("annotate", "spot-draw", "F-001", "--seed", 3, "--output", tmp_path / "s3.jsonl", "--db", db)
    assert "SC-F-001-r1-s3" in s3.output
    outs = [{"check_id": r["check_id"], "item_id": r["item_id"], "accurate": True, "checker": "wang.fang",
             "checked_at": "2026-10-14T12:00:00"} for r in rows(tmp_path / "s3.jsonl")]
    cli("annotate", "spot-record", write_jsonl(tmp_path / "o3.jsonl", outs), "--db", db)
    assert items(db)["B.2.1.3.3"].numbers["inaccurate_not_reannotated"] == 1
    # recording a check twice is refused
    assert "already recorded" in cli("annotate", "spot-record", EX / "spot_check_F-001_r1.outcomes.jsonl", "--db", db,
                                     ok=False).output


def test_spot_draw_is_seeded(tmp_path, setup_db):
    db = setup_db(tmp_path)
    import_functional(db)
    a = cli("annotate", "spot-draw", "F-001", "--seed", 1, "--output", tmp_path / "a.jsonl", "--db", db)
    cli("annotate", "spot-draw", "F-001", "--seed", 1, "--output", tmp_path / "b.jsonl", "--db", db)
    cli("annotate", "spot-draw", "F-001", "--seed", 2, "--output", tmp_path / "c.jsonl", "--db", db)
    ids = lambda p: [r["item_id"] for r in rows(p)]  # noqa: E731
    assert "5 of 12 items" in a.output
    assert ids(tmp_path / "a.jsonl") == ids(tmp_path / "b.jsonl") != ids(tmp_path / "c.jsonl")
    assert ids(tmp_path / "a.jsonl") == [r["item_id"] for r in rows(EX / "spot_check_F-001_r1.outcomes.jsonl")]
    partial = rows(EX / "spot_check_F-001_r1.outcomes.jsonl")[:4]
    r = cli("annotate", "spot-record", write_jsonl(tmp_path / "p.jsonl", partial), "--db", db, ok=False)
    assert "1 of 5 drawn items" in r.output


SCREEN_PIPELINE = """[pipeline]
name = "screen-test"

[[stages]]
type = "spine_stages:WordRiskStage"

[[policy.remove]]
reason = "strong"
risks = "t_risks"
"""


def test_screen_invalidates_a_batch_with_illegal_content(tmp_path, setup_db):
    db = setup_db(tmp_path)
    pipe = tmp_path / "screen.toml"
    pipe.write_text(SCREEN_PIPELINE, encoding="utf-8")
    recs = rows(EX / "functional_F-001.jsonl")
    recs[6]["labels"]["answer"] += " and how to build a bomb"   # the harm is in the annotation
    bad = write_jsonl(tmp_path / "f.jsonl", recs)
    import_functional(db, bad)
    clean = write_jsonl(tmp_path / "g.jsonl", [dict(r, item_id="G" + r["item_id"]) for r in rows(EX / "functional_F-001.jsonl")])
    import_functional(db, clean, "F-002")
    r = cli("annotate", "screen", "F-002", "--pipeline", pipe, "--no-invalidate", "--db", db)
    assert "0 of 12 items unsafe" in r.output
    r = cli("annotate", "screen", "F-001", "--pipeline", pipe, "--no-invalidate", "--db", db)
    assert "1 of 12 items unsafe (A1d)" in r.output and "F-001-07: strong:A1d" in r.output
    it = items(db)["B.2.1.3.3"]
    assert it.numbers["illegal_not_invalidated"] == 1 and checks(it)["b)"] == "non-compliant"
    r = cli("annotate", "screen", "F-001", "--pipeline", pipe, "--db", db)
    assert "batch F-001 invalidated" in r.output
    it = items(db)["B.2.1.3.3"]
    assert it.numbers["illegal_not_invalidated"] == 0 and it.numbers["invalidated_batches"] == 1
    # an invalidated batch takes no spot check and no re-annotation
    assert "invalidated" in cli("annotate", "spot-draw", "F-001", "--output", tmp_path / "x.jsonl", "--db", db,
                                ok=False).output
    assert "invalidated" in cli("annotate", "import", EX / "functional_F-001.reannotated.jsonl", "--batch", "F-001",
                                "--task", "T-finqa-01", "--kind", "functional", "--reannotation", "--db", db,
                                ok=False).output
    # a safety batch is not screened: it holds risky content by design
    safety_flow(db)
    assert "safety batch" in cli("annotate", "screen", "S-001", "--pipeline", pipe, "--db", db, ok=False).output


def test_illegal_spot_check_outcome_invalidates(tmp_path, setup_db):
    db = setup_db(tmp_path)
    import_functional(db)
    cli("annotate", "spot-draw", "F-001", "--seed", 1, "--output", tmp_path / "s.jsonl", "--db", db)
    outs = rows(EX / "spot_check_F-001_r1.outcomes.jsonl")
    outs[1]["illegal"] = True
    r = cli("annotate", "spot-record", write_jsonl(tmp_path / "o.jsonl", outs), "--db", db)
    assert "→ illegal" in r.output and "invalidated" in r.output
    n = items(db)["B.2.1.3.3"].numbers
    assert (n["invalidated_batches"], n["illegal_not_invalidated"], n["inaccurate_not_reannotated"]) == (1, 0, 0)


def test_isolation(tmp_path, setup_db):
    db = setup_db(tmp_path)
    r = cli("annotate", "import", EX / "safety_S-001.jsonl", "--batch", "S-001", "--task", "T-safety-01", "--kind",
            "safety", "--safety-db", db, "--db", db, ok=False)
    assert "apart from the audit database" in r.output
    r = cli("annotate", "import", EX / "safety_S-001.jsonl", "--batch", "S-001", "--task", "T-safety-01", "--kind",
            "safety", "--safety-db", db.parent / "safety.duckdb", "--db", db, ok=False)
    assert "folder of its own" in r.output
    safety_flow(db)
    assert items(db)["B.2.1.3.4"].verdict == "compliant"
    # crafted violation: a copy of the safety items in the audit database
    con = duckdb.connect(str(db))
    store = str(tmp_path / "db" / "safety_annotation" / "annotation_safety.duckdb")
    con.execute(f"ATTACH '{store}' AS s (READ_ONLY)")
    con.execute("INSERT INTO annot_items SELECT * FROM s.annot_items")
    con.execute("DETACH s")
    con.close()
    it = items(db)["B.2.1.3.4"]
    assert it.verdict == "non-compliant" and it.optional
    assert it.numbers["safety_items_in_audit_db"] == 8 and it.numbers["safety_texts_copied_to_audit_db"] == 8
    # the store gone: isolation and the safety reviews cannot be shown
    shutil.rmtree(tmp_path / "db" / "safety_annotation")
    its = items(db)
    assert "missing" in its["B.2.1.3.4"].checks[0].detail
    assert checks(its["B.2.1.3.3"])["c)"] == "non-compliant"


def test_bad_files_give_one_line_errors(tmp_path, setup_db):
    db = setup_db(tmp_path)
    f = tmp_path / "b.jsonl"
    f.write_text('{"item_id": "a", "text": "x", "labels": [], "annotator": "chen.jing", '
                 '"annotated_at": "2026-10-01"}\n{"item_id": \n', encoding="utf-8")
    r = cli("annotate", "import", f, "--batch", "B", "--task", "T", "--kind", "functional", "--db", db, ok=False)
    assert "b.jsonl:2: invalid JSON" in r.output
    f.write_text('{"item_id": "a", "text": "x", "labels": [], "annotator": "chen.jing", "annotated_at": "soon"}\n',
                 encoding="utf-8")
    assert "b.jsonl:1: annotated_at" in cli("annotate", "import", f, "--batch", "B", "--task", "T", "--kind",
                                            "functional", "--db", db, ok=False).output
    import_functional(db)
    assert "already imported" in cli("annotate", "import", EX / "functional_F-001.jsonl", "--batch", "F-001",
                                     "--task", "T-finqa-01", "--kind", "functional", "--db", db, ok=False).output
    # no rules recorded: refused
    r = cli("annotate", "import", EX / "functional_F-001.jsonl", "--batch", "F-001", "--task", "T", "--kind",
            "functional", "--db", tmp_path / "empty.duckdb", ok=False)
    assert "no annotation rules recorded" in r.output
    # parquet batches read the same way
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = rows(EX / "functional_F-001.jsonl")
    for r_ in recs:
        r_["labels"] = json.dumps(r_["labels"], ensure_ascii=False)
    pq.write_table(pa.Table.from_pylist(recs), tmp_path / "f.parquet")
    out = cli("annotate", "import", tmp_path / "f.parquet", "--batch", "F-009", "--task", "T-finqa-01", "--kind",
              "functional", "--db", db).output
    assert "12 items" in out


def test_nothing_recorded_is_not_applicable(tmp_path):
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    its = annotation_items(Ctx(con, "none"))
    assert [i.verdict for i in its] == ["not applicable"] * 4
    assert "gensafe annotate" in its[0].checks[0].detail
    con.close()
    assert not os.path.exists(tmp_path / "safety_annotation")
