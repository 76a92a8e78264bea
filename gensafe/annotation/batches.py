"""Import of annotation batches and task logs; the role split; the isolated safety store (§4.3.1 c, §4.3.4).

A batch is one file (JSONL or Parquet) of annotated items of one task:
``item_id``, ``text`` (the content annotated), ``labels`` (any JSON value),
``annotator``, ``annotated_at`` and, where reviewed, ``reviewer``,
``reviewed_at`` and ``review`` (``pass``/``fail``).  Importing it again with
``reannotation`` adds the next *revision* (re-annotation after a failed spot
check, §4.3.3 a).

Within one task nobody may both execute and review (§4.3.1 c): the import
refuses a batch or log that would make anyone hold both roles in a task,
counting every batch, spot check and log entry of the task already recorded.

Items of functional batches go to ``annot_items`` in the audit database;
items of safety batches go to a DuckDB file of their own, in a folder of
its own (default ``<audit db folder>/safety_annotation/``), never into the
audit database (§4.3.4).
"""
from __future__ import annotations

import json
import os
from typing import Any, Iterator

import duckdb
from gensafe.jsonl import iter_objects

from gensafe.annotation.schema import (ITEMS_DDL, KINDS, ROLES, AnnotationError, atomic, db_dir, ensure_schema,
                                       main_db_path, now, parse_time, sha256_file, transactional)
from gensafe.annotation.work import authority_sql
from gensafe.store import connect as store_connect

SAFETY_DIR = "safety_annotation"
SAFETY_FILE = "annotation_safety.duckdb"
REVIEW_VALUES = ("pass", "fail")
_ITEM_FIELDS = {"item_id", "text", "labels", "annotator", "annotated_at", "reviewer", "reviewed_at", "review"}


# --------------------------------------------------------------------------- reading files

def read_rows(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line or row number, record) from JSONL or Parquet; a one-line error naming file and line otherwise."""
    if not os.path.isfile(path):
        raise AnnotationError(f"{path}: no such file")
    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path)
        except Exception as exc:  # pyarrow raises several types for a broken file
            raise AnnotationError(f"{path}: cannot read Parquet ({exc})") from None
        for n, rec in enumerate(table.to_pylist(), 1):
            yield n, rec
        return
    yield from iter_objects(path, AnnotationError)  # the side-file reader: file:line errors, UTF-8 checked


def field_text(rec: dict[str, Any], key: str, where: str, required: bool = True) -> str | None:
    v = rec.get(key)
    if v is None or (isinstance(v, str) and not v.strip()):
        if required:
            raise AnnotationError(f"{where}: missing {key!r}")
        return None
    if not isinstance(v, (str, int)):
        raise AnnotationError(f"{where}: {key!r} must be text")
    return str(v).strip()


def read_batch(path: str) -> list[dict[str, Any]]:
    """Validated item rows of a batch file (no database needed)."""
    rows, seen = [], {}
    for n, rec in read_rows(path):
        w = f"{path}:{n}"
        item_id = field_text(rec, "item_id", w)
        if item_id in seen:
            raise AnnotationError(f"{w}: item_id {item_id!r} repeats line {seen[item_id]}")
        seen[item_id] = n
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            raise AnnotationError(f"{w}: missing 'text' (the annotated content)")
        if rec.get("labels") is None:
            raise AnnotationError(f"{w}: missing 'labels' (the annotation)")
        annotator = field_text(rec, "annotator", w)
        reviewer = field_text(rec, "reviewer", w, False)
        if reviewer is not None and reviewer == annotator:
            raise AnnotationError(f"{w}: {annotator} both executes and reviews item {item_id} (§4.3.1 c)")
        review = field_text(rec, "review", w, False)
        if review is not None and review not in REVIEW_VALUES:
            raise AnnotationError(f"{w}: review must be 'pass' or 'fail', got {review!r}")
        if review is not None and reviewer is None:
            raise AnnotationError(f"{w}: a review result needs its 'reviewer'")
        reviewed_at = parse_time(rec.get("reviewed_at"), f"{w}: reviewed_at") if reviewer else None
        rows.append({"item_id": item_id, "text": text, "labels": json.dumps(rec["labels"], ensure_ascii=False),
                     "annotator": annotator, "annotated_at": parse_time(rec.get("annotated_at"), f"{w}: annotated_at"),
                     "reviewer": reviewer, "reviewed_at": reviewed_at, "review": review, "input_line": n})
    if not rows:
        raise AnnotationError(f"{path}: no items")
    return rows


# --------------------------------------------------------------------------- the safety store

def safety_store_path(con: duckdb.DuckDBPyConnection) -> str | None:
    """Absolute path of the recorded safety store, if one was set up."""
    row = con.execute("SELECT db_path FROM annot_stores WHERE kind = 'safety' ORDER BY recorded_at DESC LIMIT 1"
                      ).fetchone()
    if row is None:
        return None
    p = row[0]
    return p if os.path.isabs(p) else os.path.normpath(os.path.join(db_dir(con), p))


def _resolve_safety_store(con: duckdb.DuckDBPyConnection, requested: str | None) -> str:
    """The safety store to write to: the recorded one, or set it up (refusing the audit database itself)."""
    recorded = safety_store_path(con)
    want = os.path.abspath(requested) if requested else None
    if recorded:
        if want and want != recorded:
            raise AnnotationError(f"this database keeps safety annotation in {recorded}; --safety-db {requested} "
                                  "differs (one isolated store per audit database)")
        return recorded
    path = want or os.path.join(db_dir(con), SAFETY_DIR, SAFETY_FILE)
    main = main_db_path(con)
    if main and os.path.abspath(path) == main:
        raise AnnotationError("safety annotation must be stored apart from the audit database (§4.3.4): "
                              "--safety-db names the audit database itself")
    if main and os.path.dirname(path) == os.path.dirname(main):
        raise AnnotationError(f"safety annotation must be stored apart (§4.3.4): put --safety-db in a folder of its "
                              f"own, not next to the audit database in {os.path.dirname(main)}")
    base = db_dir(con)
    stored = os.path.relpath(path, base) if path.startswith(base + os.sep) else path
    con.execute("INSERT INTO annot_stores VALUES ('safety', ?, ?)", [stored, now()])
    return path


def safety_connect(path: str) -> duckdb.DuckDBPyConnection:
    """The safety annotation store (a database of its own, §4.3.4), created if needed."""
    con = store_connect(path, schema=False)
    con.execute(ITEMS_DDL)
    return con


# --------------------------------------------------------------------------- roles within a task

def task_roles(con: duckdb.DuckDBPyConnection, task_id: str) -> dict[str, dict[str, str]]:
    """person → {role: where first seen} over everything recorded for ``task_id`` (both stores)."""
    out: dict[str, dict[str, str]] = {}

    def add(rows: list[tuple[Any, ...]]) -> None:
        for person, role, where in rows:
            if person:
                out.setdefault(person, {}).setdefault(role, where)

    sql_items = """SELECT person, role, min(place) FROM (
        SELECT i.annotator AS person, 'execution' AS role, 'batch ' || i.batch_id || ' item ' || i.item_id AS place
        FROM annot_items i JOIN batches b USING (batch_id, revision)
        UNION ALL
        SELECT i.reviewer, 'review', 'batch ' || i.batch_id || ' item ' || i.item_id
        FROM annot_items i JOIN batches b USING (batch_id, revision) WHERE i.reviewer IS NOT NULL)
        GROUP BY person, role"""
    con.execute("CREATE OR REPLACE TEMP TABLE batches AS SELECT batch_id, revision FROM annot_batches "
                "WHERE task_id = ? AND kind = 'functional'", [task_id])
    add(con.execute(sql_items).fetchall())
    add(con.execute("""SELECT o.checker, 'review', min('spot check ' || o.check_id)
                       FROM annot_spot_outcomes o JOIN annot_spot_checks c USING (check_id)
                       JOIN annot_batches b ON b.batch_id = c.batch_id AND b.revision = c.revision
                       WHERE b.task_id = ? GROUP BY o.checker""", [task_id]).fetchall())
    add(con.execute("""SELECT person, role, min('task log ' || log_file || ':' || line) FROM annot_task_log
                       WHERE task_id = ? AND role IS NOT NULL GROUP BY person, role""", [task_id]).fetchall())
    safety = [list(r) for r in con.execute("SELECT batch_id, revision FROM annot_batches WHERE task_id = ? "
                                           "AND kind = 'safety'", [task_id]).fetchall()]
    store = safety_store_path(con) if safety else None
    if safety and store and os.path.isfile(store):
        scon = store_connect(store, schema=False)
        try:
            scon.execute("CREATE OR REPLACE TEMP TABLE batches (batch_id VARCHAR, revision INTEGER)")
            scon.executemany("INSERT INTO batches VALUES (?, ?)", safety)
            add(scon.execute(sql_items).fetchall())
        finally:
            scon.close()
    con.execute("DROP TABLE IF EXISTS batches")
    return out


def refuse_both_roles(task_id: str, existing: dict[str, dict[str, str]],
                       new: list[tuple[str, str, str]]) -> None:
    """Refuse when any person would hold execution and review in ``task_id`` (§4.3.1 c)."""
    roles = {p: dict(r) for p, r in existing.items()}
    for person, role, where in new:
        roles.setdefault(person, {}).setdefault(role, where)
        if len(roles[person]) > 1:
            other = next(r for r in roles[person] if r != role)
            raise AnnotationError(f"{where}: {person} would both execute and review in task {task_id} "
                                  f"({other} at {roles[person][other]}); §4.3.1 c) forbids it")


# --------------------------------------------------------------------------- authority warnings

def authority_problems(con: duckdb.DuckDBPyConnection, acts: list[tuple[str, str, Any]]) -> list[dict[str, Any]]:
    """(person, role, problem, acts, first, last) for acts by people not authorised at that moment."""
    if not acts:
        return []
    con.execute("CREATE OR REPLACE TEMP TABLE _acts (person VARCHAR, role VARCHAR, acted_at TIMESTAMP)")
    con.executemany("INSERT INTO _acts VALUES (?, ?, ?)", [list(a) for a in acts])
    cur = con.execute(f"""WITH w AS (SELECT * FROM _acts) {authority_sql('w')}""")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    con.execute("DROP TABLE _acts")
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows:
        if r["authorised"]:
            continue
        k = (r["person"], r["role"], r["problem"])
        g = out.setdefault(k, {"person": k[0], "role": k[1], "problem": k[2], "acts": 0, "first": r["acted_at"],
                               "last": r["acted_at"]})
        g["acts"] += 1
        g["first"], g["last"] = min(g["first"], r["acted_at"]), max(g["last"], r["acted_at"])
    return sorted(out.values(), key=lambda g: (g["person"], g["role"]))


# --------------------------------------------------------------------------- import

def _rules_version(con: duckdb.DuckDBPyConnection, requested: str | None) -> str:
    if requested:
        if not con.execute("SELECT count(*) FROM annot_rules WHERE rules_version = ?", [requested]).fetchone()[0]:
            raise AnnotationError(f"rules version {requested!r} is not recorded (gensafe annotate rules-record FILE)")
        return requested
    row = con.execute("SELECT rules_version FROM annot_rules ORDER BY recorded_at DESC, rules_version DESC LIMIT 1"
                      ).fetchone()
    if row is None:
        raise AnnotationError("no annotation rules recorded: annotation follows rules (§4.3.2); record them first "
                              "with `gensafe annotate rules-record FILE --db DB`")
    return row[0]


def batch_revisions(con: duckdb.DuckDBPyConnection, batch_id: str) -> list[dict[str, Any]]:
    cur = con.execute("SELECT * FROM annot_batches WHERE batch_id = ? ORDER BY revision", [batch_id])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def invalidation(con: duckdb.DuckDBPyConnection, batch_id: str) -> dict[str, Any] | None:
    cur = con.execute("SELECT * FROM annot_invalidations WHERE batch_id = ? ORDER BY invalidated_at LIMIT 1", [batch_id])
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else None


@transactional
def import_batch(con: duckdb.DuckDBPyConnection, path: str, batch_id: str, task_id: str, kind: str,
                 rules_version: str | None = None, reannotation: bool = False,
                 safety_db: str | None = None) -> dict[str, Any]:
    """Record one annotation batch (or, with ``reannotation``, its next revision).

    Refuses: an unknown kind or rules version, a batch id imported before
    (without ``reannotation``), an invalidated batch, a malformed file, and
    anyone executing and reviewing within the task.  People not authorised
    at the time of their work are recorded as they are and returned as
    ``problems`` (the report judges them; hiding them would hide the fact).
    """
    if kind not in KINDS:
        raise AnnotationError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if not batch_id.strip() or not task_id.strip():
        raise AnnotationError("batch and task ids must not be empty")
    version = _rules_version(con, rules_version)
    revs = batch_revisions(con, batch_id)
    if revs and not reannotation:
        raise AnnotationError(f"batch {batch_id} is already imported (revision {revs[-1]['revision']}); import a "
                              "re-annotation with --reannotation, or give a new batch another id")
    if reannotation and not revs:
        raise AnnotationError(f"--reannotation: batch {batch_id} has not been imported yet")
    if revs and (revs[-1]["task_id"], revs[-1]["kind"]) != (task_id, kind):
        raise AnnotationError(f"batch {batch_id} belongs to task {revs[-1]['task_id']} ({revs[-1]['kind']}), not "
                              f"{task_id} ({kind})")
    inv = invalidation(con, batch_id)
    if inv:
        raise AnnotationError(f"batch {batch_id} was invalidated on {inv['invalidated_at']:%Y-%m-%d} ({inv['reason']}); "
                              "annotate its data again as a new batch")
    rows = read_batch(path)
    new_acts = [(r["annotator"], "execution", f"{path}:{r['input_line']}") for r in rows]
    new_acts += [(r["reviewer"], "review", f"{path}:{r['input_line']}") for r in rows if r["reviewer"]]
    refuse_both_roles(task_id, task_roles(con, task_id), new_acts)
    revision = (revs[-1]["revision"] + 1) if revs else 1
    failed = None
    if revs:
        row = con.execute("SELECT check_id FROM annot_spot_results WHERE batch_id = ? AND revision = ? "
                          "AND outcome = 'inaccurate' ORDER BY recorded_at DESC LIMIT 1",
                          [batch_id, revs[-1]["revision"]]).fetchone()
        failed = row[0] if row else None
    values = [[batch_id, revision, r["item_id"], r["text"], r["labels"], r["annotator"], r["annotated_at"],
               r["reviewer"], r["reviewed_at"], r["review"], r["input_line"]] for r in rows]
    if kind != "safety" and safety_db:
        raise AnnotationError("--safety-db applies to safety batches only")
    spath = _resolve_safety_store(con, safety_db) if kind == "safety" else None
    store = "safety store" if spath else "audit database"
    if not spath:
        con.executemany("INSERT INTO annot_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
    con.execute("INSERT INTO annot_batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [batch_id, revision, task_id, kind, version, len(rows), os.path.abspath(path), sha256_file(path),
                 store, failed, now()])
    if spath:
        # last, so a refusal above leaves the store untouched; the audit database commits after this
        scon = safety_connect(spath)
        try:
            with atomic(scon):
                scon.execute("DELETE FROM annot_items WHERE batch_id = ? AND revision = ?", [batch_id, revision])
                scon.executemany("INSERT INTO annot_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        finally:
            scon.close()
    acts = [(r["annotator"], "execution", r["annotated_at"]) for r in rows]
    acts += [(r["reviewer"], "review", r["reviewed_at"]) for r in rows if r["reviewer"]]
    reviews = {"pass": sum(r["review"] == "pass" for r in rows), "fail": sum(r["review"] == "fail" for r in rows),
               "none": sum(r["review"] is None for r in rows)}
    return {"batch_id": batch_id, "revision": revision, "task_id": task_id, "kind": kind, "rules_version": version,
            "items": len(rows), "store": store, "reannotation_of": failed, "reviews": reviews,
            "safety_store": safety_store_path(con) if kind == "safety" else None,
            "problems": authority_problems(con, acts)}


@transactional
def import_task_log(con: duckdb.DuckDBPyConnection, path: str) -> dict[str, Any]:
    """Record a task log (JSONL: task_id, at, event, and person/role/batch_id/note where they apply).

    The task distribution records and execution logs B.2.1.3.1 d) samples;
    an entry giving someone a role that contradicts the task's other records
    (executor reviewing, or the reverse) is refused.  Entries already
    recorded are skipped.
    """
    entries = []
    for n, rec in read_rows(path):
        w = f"{path}:{n}"
        task = field_text(rec, "task_id", w)
        role = field_text(rec, "role", w, False)
        if role is not None and role not in ROLES:
            raise AnnotationError(f"{w}: role must be one of {', '.join(ROLES)}, got {role!r}")
        person = field_text(rec, "person", w, role is not None)
        entries.append({"task_id": task, "batch_id": field_text(rec, "batch_id", w, False),
                        "at": parse_time(rec.get("at"), f"{w}: at"), "event": field_text(rec, "event", w),
                        "person": person, "role": role, "note": field_text(rec, "note", w, False), "line": n})
    if not entries:
        raise AnnotationError(f"{path}: no log entries")
    by_task: dict[str, list[tuple[str, str, str]]] = {}
    for e in entries:
        if e["role"]:
            by_task.setdefault(e["task_id"], []).append((e["person"], e["role"], f"{path}:{e['line']}"))
    for task, acts in by_task.items():
        refuse_both_roles(task, task_roles(con, task), acts)
    added = 0
    log_file = os.path.abspath(path)
    ts = now()
    for e in entries:
        dup = con.execute("SELECT count(*) FROM annot_task_log WHERE task_id = ? AND logged_at = ? AND event = ? "
                          "AND person IS NOT DISTINCT FROM ? AND role IS NOT DISTINCT FROM ? "
                          "AND batch_id IS NOT DISTINCT FROM ?",
                          [e["task_id"], e["at"], e["event"], e["person"], e["role"], e["batch_id"]]).fetchone()[0]
        if dup:
            continue
        con.execute("INSERT INTO annot_task_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [e["task_id"], e["batch_id"], e["at"], e["event"], e["person"], e["role"], e["note"], log_file,
                     e["line"], ts])
        added += 1
    acts = [(e["person"], e["role"], e["at"]) for e in entries if e["role"]]
    return {"entries": len(entries), "added": added, "tasks": sorted({e["task_id"] for e in entries}),
            "problems": authority_problems(con, acts)}


@transactional
def invalidate(con: duckdb.DuckDBPyConnection, batch_id: str, reason: str, by: str | None = None,
               origin: str = "manual") -> bool:
    """Invalidate a functional batch (all its revisions): its data must not be used (§4.3.3 a)."""
    revs = batch_revisions(con, batch_id)
    if not revs:
        raise AnnotationError(f"no batch {batch_id!r} recorded")
    if not reason or not reason.strip():
        raise AnnotationError(f"invalidate {batch_id}: a reason is required")
    if invalidation(con, batch_id):
        return False
    con.execute("INSERT INTO annot_invalidations VALUES (?, ?, ?, ?, ?, ?)",
                [batch_id, now(), reason.strip(), by, origin, now()])
    return True


def batch_status(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """One row per batch: kind, task, latest revision, spot checks, screening, invalidation."""
    ensure_schema(con)
    cur = con.execute("""
        WITH latest AS (SELECT batch_id, max(revision) AS revision FROM annot_batches GROUP BY batch_id)
        SELECT b.batch_id, b.task_id, b.kind, b.revision, b.items, b.rules_version,
               (SELECT string_agg(r.outcome || ' (' || r.accurate || '/' || r.checked || ')', ', '
                                  ORDER BY r.recorded_at)
                  FROM annot_spot_results r WHERE r.batch_id = b.batch_id AND r.revision = b.revision) AS spot_checks,
               (SELECT arg_max(s.unsafe_items, s.screened_at) FROM annot_screens s
                 WHERE s.batch_id = b.batch_id AND s.revision = b.revision) AS screened_unsafe,
               (SELECT min(i.reason) FROM annot_invalidations i WHERE i.batch_id = b.batch_id) AS invalidated
        FROM annot_batches b JOIN latest USING (batch_id, revision)
        ORDER BY b.task_id, b.batch_id""")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]
