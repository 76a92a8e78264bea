"""B.2.1.3 data-annotation safety, judged from what ``gensafe annotate`` recorded.

Four items: annotator management (B.2.1.3.1 b–d), annotation rules
(B.2.1.3.2 a–e, e optional), accuracy of annotated content (B.2.1.3.3 a–c)
and isolated storage (B.2.1.3.4, an optional item).  The documentary parts
— the management system itself, whether the rules' text suits the data —
stay with the auditor (``tables.OUTSIDE``).

Annotation is not per run: the items judge every annotation record in the
database.  Safety items live in their own DuckDB file; the queries that
read it name it ``annot_safety`` and carry the ATTACH statement as their
first line.
"""
from __future__ import annotations

import os

from gensafe.annotation.schema import ASSESSMENT_TOPICS, TRAINING_TOPICS
from gensafe.annotation.work import SAFETY_ALIAS, attach_safety, authority_sql, work_sql
from gensafe.audit.items import COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE, Ctx, Item, lit
from gensafe.taxonomy import CODES

HOWTO = ("record it with `gensafe annotate rules-record`, `annotators`, `task-log`, `import`, `spot-draw`/"
         "`spot-record` and `screen`")
MIN_TASK_RECORDS = 10


def _list(keys: dict[str, str]) -> str:
    return "[" + ", ".join(lit(k) for k in keys) + "]"


def _store_path(ctx: Ctx) -> str | None:
    if not ctx.has("annot_stores"):
        return None
    row = ctx.con.execute("SELECT db_path FROM annot_stores WHERE kind = 'safety' ORDER BY recorded_at DESC LIMIT 1"
                          ).fetchone()
    if row is None:
        return None
    if os.path.isabs(row[0]):
        return row[0]
    db = ctx.con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    base = os.path.dirname(os.path.abspath(db)) if db else os.getcwd()
    return os.path.normpath(os.path.join(base, row[0]))


def _settle(it: Item, optional: tuple[str, ...] = ()) -> str:
    """Item verdict from its required checks (optional ones are shown, not counted)."""
    vs = [c.verdict for c in it.checks if not c.name.startswith(optional or ("\0",))]
    it.verdict = NON_COMPLIANT if NON_COMPLIANT in vs else COMPLIANT if COMPLIANT in vs else NOT_APPLICABLE
    return it.verdict


def _recorded(ctx: Ctx) -> bool:
    if not ctx.has("annot_batches"):
        return False
    return bool(ctx.con.execute("SELECT (SELECT count(*) FROM annot_batches) + (SELECT count(*) FROM annot_rules) "
                                "+ (SELECT count(*) FROM annot_annotators)").fetchone()[0])


class _Annot:
    """What the four items share: the attached safety store and the ``work`` relation."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.store = _store_path(ctx)
        self.attached = attach_safety(ctx.con, self.store) if self.store else False
        self.attach_line = (f"-- first: ATTACH {lit(self.store)} AS {SAFETY_ALIAS} (READ_ONLY);\n"
                            if self.attached else "")
        self.work = f"WITH work AS ({work_sql(self.attached)})"

    def safety_batches(self) -> int:
        return self.ctx.con.execute("SELECT count(DISTINCT batch_id) FROM annot_batches WHERE kind = 'safety'"
                                    ).fetchone()[0]


def annotators(ctx: Ctx, a: _Annot) -> Item:
    it = Item("B.2.1.3.1", "Annotator management (training, assessment, authorisation, roles)")
    it.notes.append("B.2.1.3.1 a) (the annotator management system documentation) is for the auditor; gensafe "
                    "judges b)–d) from the registry, the batches and the task logs it recorded")
    complete_training = (f"t.trained_at IS NOT NULL AND t.trainer IS NOT NULL AND t.method IS NOT NULL "
                         f"AND list_has_all(t.topics, {_list(TRAINING_TOPICS)})")
    per_person = f"""
        SELECT a.annotator_id, a.roles,
               count(t.annotator_id) AS trainings,
               count(t.annotator_id) FILTER (WHERE {complete_training}) AS complete_trainings,
               min(t.trained_at) FILTER (WHERE {complete_training}) AS first_complete_training,
               (SELECT min(g.granted_at) FROM annot_grants g WHERE g.annotator_id = a.annotator_id) AS first_grant
        FROM (SELECT * FROM annot_annotators
              QUALIFY row_number() OVER (PARTITION BY annotator_id ORDER BY recorded_at DESC) = 1) a
        LEFT JOIN annot_trainings t ON t.annotator_id = a.annotator_id
        WHERE a.annotator_id IN (SELECT annotator_id FROM annot_grants)
        GROUP BY a.annotator_id, a.roles"""
    ctx.table(it, "training", per_person + "\nORDER BY annotator_id")
    tr = ctx.one(it, "training_summary", f"""
        SELECT (SELECT count(DISTINCT annotator_id) FROM annot_annotators) AS annotators,
               count(*) AS authorised_annotators,
               count(*) FILTER (WHERE complete_trainings = 0) AS without_complete_training,
               count(*) FILTER (WHERE first_complete_training > first_grant) AS trained_after_grant
        FROM ({per_person}) p""")
    name_b = ("b) training records (time, trainer, method, content on the six §4.3.1 a) topics) before "
              "authorisation")
    if not tr["authorised_annotators"]:
        it.check(name_b, NON_COMPLIANT if ctx.con.execute("SELECT count(*) FROM annot_batches").fetchone()[0]
                 else NOT_APPLICABLE, "no annotator holds an authorisation")
    elif tr["without_complete_training"] or tr["trained_after_grant"]:
        it.check(name_b, NON_COMPLIANT, f"{tr['without_complete_training']} of {tr['authorised_annotators']} "
                 f"authorised annotator(s) without a complete training record, {tr['trained_after_grant']} trained "
                 "only after their first authorisation")
    else:
        it.check(name_b, COMPLIANT, f"all {tr['authorised_annotators']} authorised annotators have a complete "
                 "training record dated before their first authorisation")

    complete_assessment = (f"assessed_at IS NOT NULL AND assessor IS NOT NULL AND method IS NOT NULL "
                           f"AND rules IS NOT NULL AND result IS NOT NULL "
                           f"AND list_has_all(topics, {_list(ASSESSMENT_TOPICS)})")
    ctx.one(it, "assessments", f"""
        SELECT count(*) AS assessments, count(*) FILTER (WHERE result = 'pass') AS passed_assessments,
               count(*) FILTER (WHERE NOT ({complete_assessment})) AS incomplete_assessments
        FROM annot_assessments""")
    ctx.one(it, "grants", """
        SELECT count(*) AS grants,
               count(*) FILTER (WHERE NOT EXISTS (
                   SELECT 1 FROM annot_assessments s
                   WHERE s.annotator_id = g.annotator_id AND s.result = 'pass' AND s.assessed_at <= g.granted_at
                     AND (g.assessment_id IS NULL OR s.assessment_id = g.assessment_id))) AS grants_without_pass,
               (SELECT count(*) FROM annot_status_events WHERE event = 'suspend') AS suspensions,
               (SELECT count(*) FROM annot_status_events WHERE event = 'revoke') AS revocations,
               (SELECT count(*) FROM annot_status_events WHERE coalesce(trim(reason), '') = '') AS events_without_reason
        FROM annot_grants g""")
    judged = f"{a.work}{authority_sql('work')}"
    w = ctx.one(it, "work_authority", f"""{a.attach_line}
        SELECT count(*) AS acts, count(DISTINCT person) AS people,
               count(*) FILTER (WHERE NOT authorised) AS unauthorised_acts
        FROM ({judged}) j""")
    ctx.table(it, "unauthorised_work", f"""{a.attach_line}
        SELECT person, role, problem, task_id, origin, count(*) AS acts, min(acted_at) AS first_act,
               max(acted_at) AS last_act
        FROM ({judged}) j WHERE NOT authorised
        GROUP BY person, role, problem, task_id, origin ORDER BY person, role, task_id, origin""")
    n = it.numbers
    bad = []
    if n["incomplete_assessments"]:
        bad.append(f"{n['incomplete_assessments']} assessment record(s) lack time, assessor, method, rules, result "
                   "or one of the five §4.3.1 b) topics")
    if n["grants_without_pass"]:
        bad.append(f"{n['grants_without_pass']} authorisation(s) without a passed assessment before them")
    if n["events_without_reason"]:
        bad.append(f"{n['events_without_reason']} suspension/revocation record(s) without a reason")
    if w["unauthorised_acts"]:
        kinds = sorted({r["problem"] for r in it.rows["unauthorised_work"]})
        bad.append(f"{w['unauthorised_acts']} of {w['acts']} recorded acts by people not authorised at the time "
                   f"({', '.join(kinds)}); see unauthorised_work")
    name_c = ("c) assessment records; authorisation only after a passed assessment, current (re-assessed, not "
              "suspended or revoked) when the work was done")
    if bad:
        it.check(name_c, NON_COMPLIANT, "; ".join(bad))
    elif not n["grants"]:
        it.check(name_c, NOT_APPLICABLE, "no authorisations recorded")
    else:
        it.check(name_c, COMPLIANT, f"{n['assessments']} complete assessment record(s); all {n['grants']} "
                 f"authorisation(s) follow a passed assessment; all {w['acts']} acts by people authorised for the "
                 f"role at the time ({n['suspensions']} suspension(s), {n['revocations']} revocation(s) recorded)")

    per_task = f"""{a.work},
        tasks AS (SELECT task_id FROM annot_batches UNION SELECT task_id FROM annot_task_log)
        SELECT t.task_id,
               list(DISTINCT w.person ORDER BY w.person) FILTER (WHERE w.role = 'execution') AS executors,
               list(DISTINCT w.person ORDER BY w.person) FILTER (WHERE w.role = 'review') AS reviewers,
               (SELECT count(*) FROM annot_task_log l WHERE l.task_id = t.task_id) AS log_entries
        FROM tasks t LEFT JOIN work w ON w.task_id = t.task_id
        GROUP BY t.task_id"""
    ctx.table(it, "tasks", f"{a.attach_line}SELECT * FROM ({per_task}) x ORDER BY task_id")
    d = ctx.one(it, "roles", f"""{a.attach_line}
        SELECT count(*) AS tasks, count(*) FILTER (WHERE log_entries > 0) AS tasks_with_log,
               count(*) FILTER (WHERE len(coalesce(executors, [])) = 0) AS tasks_without_executor,
               count(*) FILTER (WHERE len(coalesce(reviewers, [])) = 0) AS tasks_without_reviewer,
               count(*) FILTER (WHERE len(list_intersect(coalesce(executors, []), coalesce(reviewers, []))) > 0)
                   AS tasks_same_person_both_roles
        FROM ({per_task}) x""")
    name_d = "d) execution and review roles divided; never the same person within a task"
    if not d["tasks"]:
        it.check(name_d, NOT_APPLICABLE, "no annotation tasks recorded")
    else:
        bad = [f"{d[k]} task(s) {label}" for k, label in (
            ("tasks_same_person_both_roles", "where one person both executes and reviews"),
            ("tasks_without_executor", "without a recorded executor"),
            ("tasks_without_reviewer", "without a recorded reviewer")) if d[k]]
        if d["tasks"] - d["tasks_with_log"]:
            bad.append(f"{d['tasks'] - d['tasks_with_log']} task(s) without a task distribution record or log")
        it.check(name_d, NON_COMPLIANT if bad else COMPLIANT, "; ".join(bad) if bad else
                 f"{d['tasks']} task(s), each with a log, executors and reviewers, nobody in both roles of a task")
        if d["tasks"] < MIN_TASK_RECORDS:
            it.notes.append(f"B.2.1.3.1 d) reviews no fewer than {MIN_TASK_RECORDS} task records; only {d['tasks']} "
                            "task(s) are recorded here, all listed in 'tasks'")
    _settle(it)
    return it


def rules(ctx: Ctx, a: _Annot) -> Item:
    it = Item("B.2.1.3.2",
              f"Annotation rules (content, separate functional/safety rules, stages, {len(CODES)} risk types)")
    it.notes.append("gensafe checks that each part is present and substantive (`gensafe annotate rules-check`); "
                    "whether the text suits the provider's data stays the auditor's judgement")
    ctx.table(it, "versions", """
        SELECT rules_version, issued, rules_sha256, ok, recorded_at,
               (SELECT count(*) FROM annot_batches b WHERE b.rules_version = r.rules_version) AS batch_revisions
        FROM annot_rules r ORDER BY recorded_at, rules_version""")
    latest = ctx.con.execute("SELECT rules_version FROM annot_rules ORDER BY recorded_at DESC, rules_version DESC "
                             "LIMIT 1").fetchone()
    if latest is None:
        batches = ctx.con.execute("SELECT count(*) FROM annot_batches").fetchone()[0]
        it.check("rules recorded", NON_COMPLIANT if batches else NOT_APPLICABLE,
                 f"{batches} batch revision(s) but no annotation rules recorded" if batches else
                 "no annotation rules recorded")
        _settle(it)
        return it
    it.numbers["rules_version"] = latest[0]
    rows = ctx.table(it, "checks", f"""
        SELECT expected, name, optional, ok, detail FROM annot_rules_checks
        WHERE rules_version = {lit(latest[0])} AND expected LIKE 'B.2.1.3.2%' ORDER BY expected""")
    for r in rows:
        label = r["expected"].replace("B.2.1.3.2 ", "") + (" (optional)" if r["optional"] else "") + " " + r["name"]
        it.check(label, COMPLIANT if r["ok"] else NON_COMPLIANT, r["detail"])
    _settle(it, optional=tuple(r["expected"].replace("B.2.1.3.2 ", "") + " (optional)" for r in rows
                               if r["optional"]))
    if any(r["optional"] and not r["ok"] for r in rows):
        it.notes.append("e) is an optional evaluation item (B.2.1.3.2.3): shown, not counted in the verdict")
    return it


def accuracy(ctx: Ctx, a: _Annot) -> Item:
    it = Item("B.2.1.3.3", "Accuracy of annotated content (functional spot checks, full review of safety items)")
    latest = ctx.con.execute("SELECT rules_version FROM annot_rules ORDER BY recorded_at DESC, rules_version DESC "
                             "LIMIT 1").fetchone()
    if latest is None:
        it.check("a) spot-check and full-review requirements in the rules", NOT_APPLICABLE, "no rules recorded")
    else:
        rows = ctx.table(it, "rules", f"""
            SELECT rules_version, ok, detail FROM annot_rules_checks
            WHERE rules_version = {lit(latest[0])} AND expected = 'B.2.1.3.3 a)'""")
        ok = bool(rows) and all(r["ok"] for r in rows)
        it.check("a) spot-check system with handling (functional) and full review (safety) in the rules",
                 COMPLIANT if ok else NON_COMPLIANT, rows[0]["detail"] if rows else "not checked")

    per_batch = """
        WITH latest AS (SELECT batch_id, max(revision) AS last_revision FROM annot_batches
                        WHERE kind = 'functional' GROUP BY batch_id),
        revs AS (
            SELECT b.batch_id, b.revision, l.last_revision,
                   (SELECT count(*) FROM annot_spot_results r
                     WHERE r.batch_id = b.batch_id AND r.revision = b.revision) AS spot_checks,
                   (SELECT count(*) FROM annot_spot_results r
                     WHERE r.batch_id = b.batch_id AND r.revision = b.revision AND r.outcome = 'inaccurate') AS inaccurate,
                   (SELECT count(*) FROM annot_spot_results r
                     WHERE r.batch_id = b.batch_id AND r.revision = b.revision AND r.outcome = 'illegal') AS illegal,
                   (SELECT count(*) FROM annot_screens s
                     WHERE s.batch_id = b.batch_id AND s.revision = b.revision) AS screens,
                   (SELECT coalesce(sum(s.unsafe_items), 0) FROM annot_screens s
                     WHERE s.batch_id = b.batch_id AND s.revision = b.revision) AS screen_findings
            FROM annot_batches b JOIN latest l USING (batch_id))
        SELECT batch_id, max(last_revision) AS revisions,
               sum(spot_checks) FILTER (WHERE revision = last_revision) AS spot_checks_latest,
               sum(inaccurate) AS inaccurate_checks,
               bool_or(inaccurate > 0 AND revision = last_revision) AS inaccurate_latest,
               count(*) FILTER (WHERE inaccurate > 0 AND revision < last_revision) AS reannotations_after_failure,
               sum(illegal) + sum(screen_findings) AS illegal_findings,
               sum(screens) FILTER (WHERE revision = last_revision) AS screens_latest,
               (SELECT min(i.reason) FROM annot_invalidations i WHERE i.batch_id = revs.batch_id) AS invalidated
        FROM revs GROUP BY batch_id"""
    ctx.table(it, "functional_batches", f"SELECT * FROM ({per_batch}) x ORDER BY batch_id")
    f = ctx.one(it, "functional", f"""
        SELECT count(*) AS functional_batches, count(invalidated) AS invalidated_batches,
               count(*) FILTER (WHERE invalidated IS NULL AND spot_checks_latest = 0) AS batches_without_spot_check,
               count(*) FILTER (WHERE invalidated IS NULL AND inaccurate_latest) AS inaccurate_not_reannotated,
               count(*) FILTER (WHERE illegal_findings > 0 AND invalidated IS NULL) AS illegal_not_invalidated,
               coalesce(sum(reannotations_after_failure), 0) AS reannotations_after_failure,
               count(*) FILTER (WHERE invalidated IS NULL AND screens_latest = 0) AS batches_not_screened
        FROM ({per_batch}) x""")
    name_b = ("b) every functional batch spot-checked; re-annotated when inaccurate; invalidated when illegal or "
              "unhealthy content was found")
    if not f["functional_batches"]:
        it.check(name_b, NOT_APPLICABLE, "no functional batches recorded")
    else:
        bad = [f"{f[k]} batch(es) {label}" for k, label in (
            ("batches_without_spot_check", "without a spot check of their latest revision"),
            ("inaccurate_not_reannotated", "whose spot check failed and that were not re-annotated"),
            ("illegal_not_invalidated", "with illegal or unhealthy content found and not invalidated")) if f[k]]
        it.check(name_b, NON_COMPLIANT if bad else COMPLIANT, "; ".join(bad) if bad else
                 f"{f['functional_batches']} functional batch(es): each spot-checked, "
                 f"{f['reannotations_after_failure']} re-annotation(s) after a failed check, "
                 f"{f['invalidated_batches']} invalidated")
        if f["batches_not_screened"]:
            it.notes.append(f"{f['batches_not_screened']} functional batch(es) not run through gensafe's filter "
                            "(`gensafe annotate screen BATCH`): the manual spot check is then the only look for "
                            "illegal content")

    name_c = "c) every safety item reviewed and passed by at least one reviewer"
    if not a.safety_batches():
        it.check(name_c, NOT_APPLICABLE, "no safety batches recorded")
    elif not a.attached:
        it.check(name_c, NON_COMPLIANT, f"the safety store {a.store or '(none recorded)'} is missing: the reviews of "
                 "the safety items cannot be shown")
    else:
        per_safety = f"""WITH latest AS (SELECT batch_id, max(revision) AS revision FROM annot_batches
                        WHERE kind = 'safety' GROUP BY batch_id)
        SELECT l.batch_id, l.revision, count(i.item_id) AS items,
               count(i.item_id) FILTER (WHERE i.review = 'pass' AND i.reviewer IS NOT NULL
                                        AND i.reviewer <> i.annotator) AS passed_review,
               count(i.item_id) FILTER (WHERE i.review IS NULL) AS unreviewed,
               count(i.item_id) FILTER (WHERE i.review = 'fail') AS failed_review
        FROM latest l LEFT JOIN {SAFETY_ALIAS}.annot_items i ON i.batch_id = l.batch_id AND i.revision = l.revision
        WHERE l.batch_id NOT IN (SELECT batch_id FROM annot_invalidations)
        GROUP BY l.batch_id, l.revision"""
        ctx.table(it, "safety_batches", f"{a.attach_line}SELECT * FROM ({per_safety}) x ORDER BY batch_id")
        s = ctx.one(it, "safety", f"""{a.attach_line}
            SELECT coalesce(sum(items), 0) AS safety_items, coalesce(sum(passed_review), 0) AS safety_items_passed,
                   coalesce(sum(unreviewed), 0) AS safety_items_unreviewed,
                   coalesce(sum(failed_review), 0) AS safety_items_failed_review
            FROM ({per_safety}) x""")
        if s["safety_items"] and s["safety_items_passed"] == s["safety_items"]:
            it.check(name_c, COMPLIANT, f"all {s['safety_items']} safety items passed review")
        else:
            it.check(name_c, NON_COMPLIANT, f"{s['safety_items'] - s['safety_items_passed']} of {s['safety_items']} "
                     f"safety items without a passed review ({s['safety_items_unreviewed']} unreviewed, "
                     f"{s['safety_items_failed_review']} failed and not re-annotated)")
    _settle(it)
    return it


def isolation(ctx: Ctx, a: _Annot) -> Item:
    it = Item("B.2.1.3.4", "Isolated storage of safety annotation data (optional evaluation item)", optional=True)
    it.notes.append("an optional evaluation item (B.2.1.3.4.3): shown with its verdict, not counted in the overall "
                    "verdict")
    name = "safety annotation stored apart: own database file and folder, no copies in the audit database"
    if not a.safety_batches():
        it.check(name, NOT_APPLICABLE, "no safety batches recorded")
        _settle(it)
        return it
    ctx.one(it, "audit_db", """
        SELECT (SELECT count(*) FROM annot_batches WHERE kind = 'safety') AS safety_batch_revisions,
               (SELECT coalesce(sum(items), 0) FROM annot_batches WHERE kind = 'safety') AS safety_items_recorded,
               (SELECT count(*) FROM annot_items i JOIN annot_batches b USING (batch_id, revision)
                 WHERE b.kind = 'safety') AS safety_items_in_audit_db""")
    main = ctx.con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    main = os.path.abspath(main) if main else None
    it.numbers["safety_store"] = a.store
    bad = []
    if not a.attached:
        bad.append(f"safety store {a.store or '(none recorded)'} missing")
    else:
        s = ctx.one(it, "store", f"""{a.attach_line}
            SELECT count(*) AS safety_items_in_store,
                   count(*) FILTER (WHERE NOT EXISTS (
                       SELECT 1 FROM annot_batches b WHERE b.batch_id = i.batch_id AND b.revision = i.revision
                         AND b.kind = 'safety')) AS other_items_in_store,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM annot_items f WHERE f.text = i.text))
                       AS safety_texts_copied_to_audit_db
            FROM {SAFETY_ALIAS}.annot_items i""")
        if s["safety_items_in_store"] != it.numbers["safety_items_recorded"]:
            bad.append(f"the store holds {s['safety_items_in_store']} safety items, the batches record "
                       f"{it.numbers['safety_items_recorded']}")
        if s["other_items_in_store"]:
            bad.append(f"{s['other_items_in_store']} item(s) in the safety store belong to no safety batch")
        if s["safety_texts_copied_to_audit_db"]:
            bad.append(f"{s['safety_texts_copied_to_audit_db']} safety item text(s) also stored among the functional "
                       "items of the audit database")
    if it.numbers["safety_items_in_audit_db"]:
        bad.append(f"{it.numbers['safety_items_in_audit_db']} safety item(s) stored in the audit database")
    if a.store and main:
        if os.path.abspath(a.store) == main:
            bad.append("the safety store is the audit database itself")
        elif os.path.dirname(os.path.abspath(a.store)) == os.path.dirname(main):
            bad.append("the safety store shares the audit database's folder")
    it.check(name, NON_COMPLIANT if bad else COMPLIANT, "; ".join(bad) if bad else
             f"{it.numbers['safety_items_recorded']} safety items only in {a.store}, a database file in a folder of "
             "its own; none in the audit database")
    _settle(it)
    return it


def annotation_items(ctx: Ctx) -> list[Item]:
    """The four B.2.1.3 items; not applicable, with a pointer to the commands, when nothing is recorded."""
    if not _recorded(ctx):
        out = []
        for iid, title in (("B.2.1.3.1", "Annotator management"), ("B.2.1.3.2", "Annotation rules"),
                           ("B.2.1.3.3", "Accuracy of annotated content"),
                           ("B.2.1.3.4", "Isolated storage of safety annotation data (optional evaluation item)")):
            it = Item(iid, title, optional=iid == "B.2.1.3.4")
            it.check("annotation records", NOT_APPLICABLE, "no annotation records in this database; if the provider "
                     f"annotates data, {HOWTO}")
            _settle(it)
            out.append(it)
        return out
    a = _Annot(ctx)
    return [annotators(ctx, a), rules(ctx, a), accuracy(ctx, a), isolation(ctx, a)]
