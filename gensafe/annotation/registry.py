"""Annotators, their safety training and assessments, and their authorisations (§4.3.1, B.2.1.3.1).

§4.3.1 b) allows annotation work only to people who passed an assessment,
with periodic re-assessment and suspension or revocation when necessary.
gensafe therefore records an authorisation (a *grant*, per role) only on a
passed assessment of that person, and every grant expires: the assessment's
date plus the re-assessment period.  Suspensions, reinstatements and
revocations are dated events with a reason, so whether someone was
authorised at the moment they annotated can be computed afterwards
(:mod:`.work`).

The registry file (TOML) holds ``[[annotators]]``, ``[[trainings]]``,
``[[assessments]]``, ``[[grants]]``, ``[[suspensions]]``,
``[[reinstatements]]`` and ``[[revocations]]``; see
``examples/annotation/annotators.toml``.
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from typing import Any

import duckdb

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from gensafe.annotation.schema import (ASSESSMENT_TOPICS, ROLES, TRAINING_TOPICS, AnnotationError, ensure_schema,
                                       now, parse_time, transactional)

DEFAULT_REASSESSMENT_DAYS = 365
PASS = "pass"
_SECTIONS = ("annotators", "trainings", "assessments", "grants", "suspensions", "reinstatements", "revocations")
_EVENT_OF = {"suspensions": "suspend", "reinstatements": "reinstate", "revocations": "revoke"}


@dataclass
class ImportSummary:
    annotators: int = 0
    trainings: int = 0
    assessments: int = 0
    grants: int = 0
    events: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _text(entry: dict[str, Any], key: str, where: str, required: bool = True) -> str | None:
    v = entry.get(key)
    if v is None or (isinstance(v, str) and not v.strip()):
        if required:
            raise AnnotationError(f"{where}.{key}: missing")
        return None
    if not isinstance(v, (str, int, float)):
        raise AnnotationError(f"{where}.{key}: expected text, got {type(v).__name__}")
    return str(v).strip()


def _topics(entry: dict[str, Any], where: str, allowed: dict[str, str]) -> list[str]:
    v = entry.get("topics")
    if not isinstance(v, list) or not all(isinstance(t, str) for t in v):
        raise AnnotationError(f"{where}.topics: expected a list of topic keys ({', '.join(allowed)})")
    bad = [t for t in v if t not in allowed]
    if bad:
        raise AnnotationError(f"{where}.topics: unknown topic {bad[0]!r}; expected one of {', '.join(allowed)}")
    return list(dict.fromkeys(v))


def _known(con: duckdb.DuckDBPyConnection, annotator_id: str, where: str) -> list[str]:
    row = con.execute("SELECT roles FROM annot_annotators WHERE annotator_id = ? ORDER BY recorded_at DESC LIMIT 1",
                      [annotator_id]).fetchone()
    if row is None:
        raise AnnotationError(f"{where}: annotator {annotator_id!r} is not registered")
    return list(row[0] or [])


@transactional
def register_annotator(con: duckdb.DuckDBPyConnection, annotator_id: str, name: str | None, roles: list[str],
                       registry_file: str | None = None) -> bool:
    """Add an annotator, or a new version of their entry (other name or roles); False when unchanged.

    Append-only: a changed entry is a new row and the latest row counts, so
    rows an earlier run's manifest covers are never rewritten.
    """
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise AnnotationError(f"annotator {annotator_id!r}: roles must be among {', '.join(ROLES)}, got {roles}")
    roles = list(dict.fromkeys(roles))
    row = con.execute("SELECT name, roles FROM annot_annotators WHERE annotator_id = ? ORDER BY recorded_at DESC "
                      "LIMIT 1", [annotator_id]).fetchone()
    if row is not None and row[0] == name and list(row[1] or []) == roles:
        return False
    # microseconds: two versions recorded within one second must still order
    stamp = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    con.execute("INSERT INTO annot_annotators VALUES (?, ?, ?, ?, ?)", [annotator_id, name, roles, registry_file, stamp])
    return True


@transactional
def record_training(con: duckdb.DuckDBPyConnection, annotator_id: str, at: _dt.datetime, trainer: str, method: str,
                    topics: list[str], content: str | None = None, registry_file: str | None = None) -> bool:
    """Record a safety-training session of one annotator; False when already recorded."""
    _known(con, annotator_id, "training")
    if con.execute("SELECT count(*) FROM annot_trainings WHERE annotator_id = ? AND trained_at = ? AND trainer = ?",
                   [annotator_id, at, trainer]).fetchone()[0]:
        return False
    con.execute("INSERT INTO annot_trainings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [annotator_id, at, trainer, method, topics, content, registry_file, now()])
    return True


@transactional
def record_assessment(con: duckdb.DuckDBPyConnection, assessment_id: str, annotator_id: str, at: _dt.datetime,
                      assessor: str, method: str, rules: str, topics: list[str], result: str,
                      score: float | None = None, content: str | None = None,
                      registry_file: str | None = None) -> bool:
    """Record an assessment (result ``pass`` or ``fail``); False when that id is already recorded identically."""
    _known(con, annotator_id, f"assessment {assessment_id}")
    if result not in (PASS, "fail"):
        raise AnnotationError(f"assessment {assessment_id}: result must be 'pass' or 'fail', got {result!r}")
    row = con.execute("SELECT annotator_id, assessed_at, result FROM annot_assessments WHERE assessment_id = ?",
                      [assessment_id]).fetchone()
    if row is not None:
        if (row[0], row[1], row[2]) != (annotator_id, at, result):
            raise AnnotationError(f"assessment {assessment_id} is already recorded with other data "
                                  f"({row[0]}, {row[1]}, {row[2]}); give the new one another id")
        return False
    con.execute("INSERT INTO annot_assessments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [assessment_id, annotator_id, at, assessor, method, rules, topics, content, result, score,
                 registry_file, now()])
    return True


def _last_status(con: duckdb.DuckDBPyConnection, annotator_id: str, at: _dt.datetime) -> tuple[str, Any] | None:
    row = con.execute("SELECT event, event_at FROM annot_status_events WHERE annotator_id = ? AND event_at <= ? "
                      "AND event IN ('suspend', 'reinstate', 'revoke') ORDER BY event_at DESC LIMIT 1",
                      [annotator_id, at]).fetchone()
    return (row[0], row[1]) if row else None


@transactional
def grant(con: duckdb.DuckDBPyConnection, annotator_id: str, role: str, at: _dt.datetime,
          assessment_id: str | None = None, by: str | None = None, expires: _dt.datetime | None = None,
          reassessment_days: int = DEFAULT_REASSESSMENT_DAYS) -> _dt.datetime:
    """Authorise ``annotator_id`` for ``role`` from ``at``; refused without a passed, current assessment.

    The grant expires at the assessment's date plus ``reassessment_days``
    (or ``expires`` when earlier): periodic re-assessment is enforced by
    expiry, not by anyone remembering.  Returns the expiry.
    """
    where = f"grant {annotator_id}/{role}"
    roles = _known(con, annotator_id, where)
    if role not in ROLES:
        raise AnnotationError(f"{where}: role must be one of {', '.join(ROLES)}")
    if role not in roles:
        raise AnnotationError(f"{where}: {annotator_id} is registered for {', '.join(roles)} only")
    if reassessment_days < 1:
        raise AnnotationError(f"{where}: the re-assessment period must be at least one day")
    if assessment_id:
        row = con.execute("SELECT assessment_id, assessed_at, result, annotator_id FROM annot_assessments "
                          "WHERE assessment_id = ?", [assessment_id]).fetchone()
        if row is None:
            raise AnnotationError(f"{where}: no assessment {assessment_id!r} recorded")
        if row[3] != annotator_id:
            raise AnnotationError(f"{where}: assessment {assessment_id} is of {row[3]}, not {annotator_id}")
    else:
        row = con.execute("SELECT assessment_id, assessed_at, result, annotator_id FROM annot_assessments "
                          "WHERE annotator_id = ? AND assessed_at <= ? ORDER BY assessed_at DESC LIMIT 1",
                          [annotator_id, at]).fetchone()
        if row is None:
            raise AnnotationError(f"{where}: no assessment of {annotator_id} on or before {at:%Y-%m-%d}; "
                                  "authorisation needs a passed assessment (§4.3.1 b)")
    aid, assessed_at, result = row[0], row[1], row[2]
    if result != PASS:
        raise AnnotationError(f"{where}: assessment {aid} was not passed ({result}); authorisation needs a pass")
    if assessed_at > at:
        raise AnnotationError(f"{where}: assessment {aid} ({assessed_at:%Y-%m-%d}) is after the grant "
                              f"({at:%Y-%m-%d})")
    limit = assessed_at + _dt.timedelta(days=reassessment_days)
    expiry = min(expires, limit) if expires else limit
    if expiry <= at:
        raise AnnotationError(f"{where}: assessment {aid} of {assessed_at:%Y-%m-%d} has lapsed "
                              f"(valid {reassessment_days} days); re-assess first")
    revoked = con.execute("SELECT max(event_at) FROM annot_status_events WHERE annotator_id = ? AND event = 'revoke' "
                          "AND event_at <= ?", [annotator_id, at]).fetchone()[0]
    if revoked is not None and assessed_at <= revoked:
        raise AnnotationError(f"{where}: authorisation was revoked on {revoked:%Y-%m-%d}; a new grant needs an "
                              "assessment passed after the revocation")
    st = _last_status(con, annotator_id, at)
    if st and st[0] == "suspend":
        raise AnnotationError(f"{where}: suspended since {st[1]:%Y-%m-%d}; reinstate first")
    if con.execute("SELECT count(*) FROM annot_grants WHERE annotator_id = ? AND role = ? AND granted_at = ?",
                   [annotator_id, role, at]).fetchone()[0]:
        return expiry
    con.execute("INSERT INTO annot_grants VALUES (?, ?, ?, ?, ?, ?, ?)",
                [annotator_id, role, at, expiry, aid, by, now()])
    return expiry


@transactional
def status_event(con: duckdb.DuckDBPyConnection, annotator_id: str, event: str, at: _dt.datetime, reason: str,
                 by: str | None = None) -> bool:
    """Suspend, reinstate or revoke (a reason is required: B.2.1.3.1 asks for the mechanism and its records)."""
    if event not in ("suspend", "reinstate", "revoke"):
        raise AnnotationError(f"unknown event {event!r}")
    _known(con, annotator_id, event)
    if not reason or not reason.strip():
        raise AnnotationError(f"{event} {annotator_id}: a reason is required")
    if event == "reinstate":
        st = _last_status(con, annotator_id, at)
        if not st or st[0] != "suspend":
            raise AnnotationError(f"reinstate {annotator_id}: not suspended on {at:%Y-%m-%d}"
                                  + (" (revoked: a revocation needs a new assessment and grant)"
                                     if st and st[0] == "revoke" else ""))
    if con.execute("SELECT count(*) FROM annot_status_events WHERE annotator_id = ? AND event = ? AND event_at = ?",
                   [annotator_id, event, at]).fetchone()[0]:
        return False
    con.execute("INSERT INTO annot_status_events VALUES (?, ?, ?, ?, ?, ?)",
                [annotator_id, event, at, reason.strip(), by, now()])
    return True


@transactional
def import_registry(con: duckdb.DuckDBPyConnection, path: str) -> ImportSummary:
    """Load a registry file; every grant goes through :func:`grant`, so one without a passed assessment fails.

    Entries are applied in time order (annotators first), so a file can hold
    the whole history: trainings, assessments, grants, suspensions and so on.
    Records already present are skipped, so importing a file twice changes
    nothing.
    """
    if not os.path.isfile(path):
        raise AnnotationError(f"{path}: no such file")
    try:
        with open(path, "rb") as fh:
            doc = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise AnnotationError(f"{path}: invalid TOML: {exc}") from None
    unknown = [k for k in doc if k not in _SECTIONS and k != "reassessment_days"]
    if unknown:
        raise AnnotationError(f"{path}: unknown key {unknown[0]!r}; expected {', '.join(_SECTIONS)}, "
                              "reassessment_days")
    days = doc.get("reassessment_days", DEFAULT_REASSESSMENT_DAYS)
    if not isinstance(days, int) or days < 1:
        raise AnnotationError(f"{path}: reassessment_days must be a positive whole number of days")
    for sec in _SECTIONS:
        if sec in doc and not (isinstance(doc[sec], list) and all(isinstance(e, dict) for e in doc[sec])):
            raise AnnotationError(f"{path}: {sec} must be an array of tables ([[{sec}]])")
    out = ImportSummary()
    for i, e in enumerate(doc.get("annotators", [])):
        w = f"{path}: annotators[{i}]"
        roles = e.get("roles")
        if not isinstance(roles, list):
            raise AnnotationError(f"{w}.roles: expected a list such as [\"execution\", \"review\"]")
        try:
            register_annotator(con, _text(e, "id", w), _text(e, "name", w, False), roles, path)
        except AnnotationError as exc:
            raise AnnotationError(f"{w}: {exc}") from None
        out.annotators += 1
    # everything dated, applied in time order so grants see the assessments and events before them
    dated: list[tuple[_dt.datetime, int, str, int, dict[str, Any]]] = []
    order = {"trainings": 0, "assessments": 1, "revocations": 2, "suspensions": 2, "reinstatements": 3,
             "grants": 4}
    for sec in order:
        for i, e in enumerate(doc.get(sec, [])):
            dated.append((parse_time(e.get("at"), f"{path}: {sec}[{i}].at"), order[sec], sec, i, e))
    dated.sort(key=lambda t: (t[0], t[1], t[2], t[3]))
    for at, _, sec, i, e in dated:
        w = f"{path}: {sec}[{i}]"
        try:
            if sec == "trainings":
                out.trainings += record_training(
                    con, _text(e, "annotator", w), at, _text(e, "trainer", w), _text(e, "method", w),
                    _topics(e, w, TRAINING_TOPICS), _text(e, "content", w, False), path)
            elif sec == "assessments":
                score = e.get("score")
                if score is not None and not isinstance(score, (int, float)):
                    raise AnnotationError(f"{w}.score: expected a number")
                out.assessments += record_assessment(
                    con, _text(e, "id", w), _text(e, "annotator", w), at, _text(e, "assessor", w),
                    _text(e, "method", w), _text(e, "rules", w), _topics(e, w, ASSESSMENT_TOPICS),
                    _text(e, "result", w), score, _text(e, "content", w, False), path)
            elif sec == "grants":
                exp = parse_time(e["expires"], f"{w}.expires") if e.get("expires") else None
                before = con.execute("SELECT count(*) FROM annot_grants").fetchone()[0]
                grant(con, _text(e, "annotator", w), _text(e, "role", w), at, _text(e, "assessment", w, False),
                      _text(e, "by", w, False), exp, days)
                out.grants += con.execute("SELECT count(*) FROM annot_grants").fetchone()[0] - before
            else:
                out.events += status_event(con, _text(e, "annotator", w), _EVENT_OF[sec], at,
                                           _text(e, "reason", w), _text(e, "by", w, False))
        except AnnotationError as exc:
            msg = str(exc)
            raise AnnotationError(msg if msg.startswith(w) else f"{w}: {msg}") from None
    return out


def annotator_status(con: duckdb.DuckDBPyConnection, at: _dt.datetime | None = None) -> list[dict[str, Any]]:
    """Per annotator and role: authorised at ``at`` (default now)? With the reason when not."""
    from gensafe.annotation.work import authority_sql

    ensure_schema(con)
    at = at or now()
    sql = f"""
        WITH work AS (SELECT a.annotator_id AS person, unnest(a.roles) AS role, CAST(? AS TIMESTAMP) AS acted_at
                      FROM annot_annotators a
                      QUALIFY row_number() OVER (PARTITION BY annotator_id ORDER BY recorded_at DESC) = 1)
        {authority_sql('work')}
        ORDER BY person, role"""
    cur = con.execute(sql, [at])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]
