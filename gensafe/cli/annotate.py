"""``gensafe annotate``: data-annotation safety (§4.3, B.2.1.3); each command wraps one library function."""
from __future__ import annotations

import contextlib
import json
import sys
from typing import Any, Iterator

import click

from gensafe.annotation.schema import AnnotationError, parse_time
from gensafe.cli.options import OneName

_DB = click.option("--db", required=True, type=click.Path(dir_okay=False), help="Audit database (DuckDB).")
_JSON = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")


@contextlib.contextmanager
def _con(db: str) -> Iterator[Any]:
    """The audit database, with annotation errors as one-line messages."""
    import duckdb

    from gensafe.store import connect

    try:
        con = connect(db)
    except duckdb.Error as exc:
        raise click.ClickException(f"{db}: cannot open ({exc})") from None
    try:
        yield con
    except AnnotationError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        con.close()


def _time(value: str | None, what: str) -> Any:
    from gensafe.annotation.schema import now

    if value is None:
        return now()
    try:
        return parse_time(value, what)
    except AnnotationError as exc:
        raise click.ClickException(str(exc)) from None


def _short(path: str) -> str:
    """A path relative to the current folder when it lies below it (shorter to read), else as is."""
    import os

    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _dump(obj: Any) -> None:
    click.echo(json.dumps(obj, indent=1, ensure_ascii=False, default=str))


def _problems(problems: list[dict[str, Any]]) -> None:
    for p in problems:
        click.echo(f"warning: {p['person']} worked as {p['role']} while not authorised ({p['problem']}): "
                   f"{p['acts']} act(s) {p['first']:%Y-%m-%d}…{p['last']:%Y-%m-%d}; recorded, and the B.2.1.3.1 "
                   "report item flags it", err=True)


@click.group("annotate")
def annotate() -> None:
    """Data-annotation safety (§4.3): annotators, rules, batches, spot checks, isolation.

    Record the rules and the annotator registry first, then import batches
    with their task logs; `gensafe audit report` judges B.2.1.3 from it.
    """


# --------------------------------------------------------------------------- rules

@annotate.command("rules-template")
@click.option("--output", "--out", "out", cls=OneName, type=click.Path(dir_okay=False),
              help="Write here instead of stdout.")
def rules_template_cmd(out: str | None) -> None:
    """Print the annotation-rules template written by the gensafe team (adopt it, adapt it, version it)."""
    from gensafe.annotation.rules import template_text

    text = template_text()
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(text)
        click.echo(f"rules template written to {out}")
    else:
        click.echo(text, nl=False)


def _show_rules(rep: Any) -> None:
    click.echo(f"rules {rep.version} ({rep.path}, sha256 {rep.sha256[:12]})")
    for c in rep.checks:
        mark = "ok  " if c.ok else ("opt " if c.optional else "FAIL")
        click.echo(f"  {mark} {c.expected} {c.name}: {c.detail}")


@annotate.command("rules-check")
@click.argument("rules_file", type=click.Path(dir_okay=False))
@_JSON
def rules_check_cmd(rules_file: str, as_json: bool) -> None:
    """Check a rules file against B.2.1.3.2 a)–e) and B.2.1.3.3 a); exit 1 when a required part is missing.

    e) (every risk code of gensafe.taxonomy in the safety rules) is an optional
    item of the standard: reported, it does not fail the check on its own.
    """
    from gensafe.annotation.rules import check_rules

    try:
        rep = check_rules(rules_file)
    except AnnotationError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        _dump(rep.as_dict())
    else:
        _show_rules(rep)
        click.echo("rules meet B.2.1.3.2 a)–d)" if rep.ok else "rules do NOT meet B.2.1.3.2 a)–d) / B.2.1.3.3 a)")
    if not rep.ok:
        sys.exit(1)


@annotate.command("rules-record")
@click.argument("rules_file", type=click.Path(dir_okay=False))
@_DB
def rules_record_cmd(rules_file: str, db: str) -> None:
    """Check and record a rules version; batches are imported under a recorded version."""
    from gensafe.annotation.rules import record_rules

    with _con(db) as con:
        rep, new = record_rules(con, rules_file)
    _show_rules(rep)
    click.echo(f"rules {rep.version} " + ("recorded" if new else "already recorded (same content)"))


# --------------------------------------------------------------------------- annotators

@annotate.command("annotators")
@click.argument("registry_file", type=click.Path(dir_okay=False))
@_DB
def annotators_cmd(registry_file: str, db: str) -> None:
    """Import an annotator registry (TOML): annotators, trainings, assessments, grants and status events."""
    from gensafe.annotation.registry import import_registry

    with _con(db) as con:
        s = import_registry(con, registry_file)
    click.echo(f"{s.annotators} annotator(s); added {s.trainings} training(s), {s.assessments} assessment(s), "
               f"{s.grants} grant(s), {s.events} suspension/reinstatement/revocation event(s)")


@annotate.command("grant")
@click.argument("annotator")
@click.option("--role", required=True, type=click.Choice(["execution", "review"]),
              help="Role to authorise (§4.3.1 c): annotation execution or review.")
@click.option("--assessment", help="Id of the passed assessment (default: the latest before --at).")
@click.option("--at", help="Date/time of the grant (ISO 8601; default now).")
@click.option("--by", help="Who grants.")
@click.option("--expires", help="Earlier expiry than the assessment's validity (ISO 8601).")
@click.option("--reassessment-days", type=int, default=365, show_default=True,
              help="Validity of an assessment: re-assessment period.")
@_DB
def grant_cmd(annotator: str, role: str, assessment: str | None, at: str | None, by: str | None,
              expires: str | None, reassessment_days: int, db: str) -> None:
    """Authorise an annotator for a role; refused without a passed, current assessment (§4.3.1 b)."""
    from gensafe.annotation.registry import grant

    when = _time(at, "--at")
    exp = _time(expires, "--expires") if expires else None
    with _con(db) as con:
        expiry = grant(con, annotator, role, when, assessment, by, exp, reassessment_days)
    click.echo(f"{annotator} authorised for {role} from {when:%Y-%m-%d} until {expiry:%Y-%m-%d}")


def _event_cmd(event: str, doc: str) -> click.Command:
    @click.argument("annotator")
    @click.option("--reason", required=True, help="Why (recorded).")
    @click.option("--at", help="Date/time (ISO 8601; default now).")
    @click.option("--by", help="Who decides.")
    @_DB
    def cmd(annotator: str, reason: str, at: str | None, by: str | None, db: str) -> None:
        from gensafe.annotation.registry import status_event

        when = _time(at, "--at")
        with _con(db) as con:
            new = status_event(con, annotator, event, when, reason, by)
        click.echo(f"{annotator}: {event} on {when:%Y-%m-%d} " + ("recorded" if new else "already recorded"))

    cmd.__doc__ = doc
    return annotate.command(event)(cmd)


_event_cmd("suspend", "Suspend an annotator's authorisation (all roles) with a reason.")
_event_cmd("reinstate", "Lift a suspension (not a revocation: that needs a new assessment and grant).")
_event_cmd("revoke", "Revoke an annotator's authorisation with a reason; only a new passed assessment re-opens it.")


@annotate.command("who")
@_DB
@click.option("--at", help="Moment to judge (ISO 8601; default now).")
@_JSON
def who_cmd(db: str, at: str | None, as_json: bool) -> None:
    """Who is authorised for which role at a moment, and why not where not."""
    from gensafe.annotation.registry import annotator_status

    when = _time(at, "--at")
    with _con(db) as con:
        rows = annotator_status(con, when)
    if as_json:
        _dump(rows)
        return
    click.echo(f"authorisations at {when:%Y-%m-%d %H:%M}")
    for r in rows:
        state = f"authorised until {r['expires_at']:%Y-%m-%d}" if r["authorised"] else f"NOT authorised: {r['problem']}"
        click.echo(f"  {r['person']:<14} {r['role']:<10} {state}")


# --------------------------------------------------------------------------- batches

@annotate.command("task-log")
@click.argument("log_file", type=click.Path(dir_okay=False))
@_DB
def task_log_cmd(log_file: str, db: str) -> None:
    """Import a task log (JSONL: task_id, at, event, person, role, batch_id, note)."""
    from gensafe.annotation.batches import import_task_log

    with _con(db) as con:
        r = import_task_log(con, log_file)
    click.echo(f"{r['added']} of {r['entries']} log entries added for task(s) {', '.join(r['tasks'])}")
    _problems(r["problems"])


@annotate.command("import")
@click.argument("batch_file", type=click.Path(dir_okay=False))
@click.option("--batch", "batch_id", required=True, help="Batch id.")
@click.option("--task", "task_id", required=True, help="Task the batch belongs to.")
@click.option("--kind", required=True, type=click.Choice(["functional", "safety"]),
              help="Functional annotation (fine-tuning) or safety annotation (stored apart, full review).")
@click.option("--rules-version", help="Rules version followed (default: the latest recorded).")
@click.option("--reannotation", is_flag=True, help="Import as the next revision of an existing batch.")
@click.option("--safety-db", type=click.Path(dir_okay=False),
              help="Isolated store for safety items (default: safety_annotation/ next to --db); set once.")
@_DB
@_JSON
def import_cmd(batch_file: str, batch_id: str, task_id: str, kind: str, rules_version: str | None,
               reannotation: bool, safety_db: str | None, db: str, as_json: bool) -> None:
    """Import an annotation batch (JSONL or Parquet); refuses executor = reviewer within the task."""
    from gensafe.annotation.batches import import_batch

    with _con(db) as con:
        r = import_batch(con, batch_file, batch_id, task_id, kind, rules_version, reannotation, safety_db)
    if as_json:
        _dump(r)
        return
    where = f"safety store {_short(r['safety_store'])}" if r["safety_store"] else "the audit database"
    click.echo(f"batch {r['batch_id']} revision {r['revision']} ({r['kind']}, task {r['task_id']}, rules "
               f"{r['rules_version']}): {r['items']} items into {where}"
               + (f"; re-annotation after {r['reannotation_of']}" if r["reannotation_of"] else ""))
    rv = r["reviews"]
    click.echo(f"  reviews: {rv['pass']} passed, {rv['fail']} failed, {rv['none']} not reviewed")
    _problems(r["problems"])


@annotate.command("screen")
@click.argument("batch_id")
@click.option("--pipeline", type=click.Path(dir_okay=False), help="Pipeline file (default: gensafe's default).")
@click.option("--no-invalidate", is_flag=True, help="Record findings only; leave invalidation to a person.")
@click.option("--by", help="Who runs the screen (recorded with an invalidation).")
@_DB
@_JSON
def screen_cmd(batch_id: str, pipeline: str | None, no_invalidate: bool, by: str | None, db: str,
               as_json: bool) -> None:
    """Run gensafe's keyword+classifier filter over a functional batch; invalidate it on unsafe content."""
    from gensafe.annotation.screen import screen_batch

    with _con(db) as con:
        r = screen_batch(con, batch_id, pipeline, not no_invalidate, by)
    if as_json:
        _dump(r)
        return
    click.echo(f"screen {r['screen_id']}: {r['unsafe_items']} of {r['items']} items unsafe"
               + (f" ({', '.join(r['risk_codes'])})" if r["risk_codes"] else ""))
    for h in r["hits"][:10]:
        click.echo(f"  {h['item_id']}: {', '.join(h['reasons'])}")
    if r["invalidated"]:
        click.echo(f"batch {batch_id} invalidated (§4.3.3 a)")


@annotate.command("invalidate")
@click.argument("batch_id")
@click.option("--reason", required=True, help="Why the batch is invalidated (recorded).")
@click.option("--by", help="Who decides.")
@_DB
def invalidate_cmd(batch_id: str, reason: str, by: str | None, db: str) -> None:
    """Invalidate a batch found to contain illegal or unhealthy content (§4.3.3 a)."""
    from gensafe.annotation.batches import invalidate

    with _con(db) as con:
        new = invalidate(con, batch_id, reason, by)
    click.echo(f"batch {batch_id} " + ("invalidated" if new else "was already invalidated"))


@annotate.command("spot-draw")
@click.argument("batch_id")
@click.option("--output", "--out", "out", cls=OneName, required=True, type=click.Path(dir_okay=False),
              help="File for the reviewer (JSONL).")
@click.option("--size", type=int, help="Items to draw (default: the rules' functional.spot_check.sample_size).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the sample: the same seed draws the same items.")
@click.option("--min-accuracy", type=float, help="Accuracy a batch needs (default: the rules').")
@_DB
def spot_draw_cmd(batch_id: str, out: str, size: int | None, seed: int, min_accuracy: float | None,
                  db: str) -> None:
    """Draw the seeded manual spot-check sample of a functional batch's latest revision."""
    from gensafe.annotation.spotcheck import draw

    with _con(db) as con:
        r = draw(con, batch_id, out, size, seed, min_accuracy)
    click.echo(f"spot check {r['check_id']}: {r['drawn']} of {r['population']} items written to {r['out']} "
               f"(needs accuracy ≥ {r['min_accuracy']:.0%})" + ("" if r["new"] else "; already drawn, file rewritten"))
    click.echo("the reviewer fills accurate (true/false), illegal (true/false), checker and checked_at per item")


@annotate.command("spot-record")
@click.argument("outcome_file", type=click.Path(dir_okay=False))
@_DB
@_JSON
def spot_record_cmd(outcome_file: str, db: str, as_json: bool) -> None:
    """Record spot-check outcomes; an inaccurate batch must be re-annotated, an illegal one is invalidated."""
    from gensafe.annotation.spotcheck import record

    with _con(db) as con:
        results = record(con, outcome_file)
    if as_json:
        _dump(results)
        return
    for r in results:
        click.echo(f"spot check {r['check_id']}: {r['accurate']}/{r['checked']} accurate = {r['accuracy']:.0%} "
                   f"(needs {r['min_accuracy']:.0%}), {r['illegal']} illegal → {r['outcome']}")
        if r["outcome"] == "inaccurate":
            click.echo(f"  re-annotate batch {r['batch_id']}: gensafe annotate import FILE --batch {r['batch_id']} "
                       "--reannotation …")
        if r["invalidated"]:
            click.echo(f"  batch {r['batch_id']} invalidated (§4.3.3 a)")
        _problems(r["problems"])


@annotate.command("status")
@_DB
@_JSON
def status_cmd(db: str, as_json: bool) -> None:
    """One line per batch: kind, latest revision, spot checks, screening, invalidation."""
    from gensafe.annotation.batches import batch_status

    with _con(db) as con:
        rows = batch_status(con)
    if as_json:
        _dump(rows)
        return
    if not rows:
        click.echo("no annotation batches recorded")
    for r in rows:
        extra = []
        if r["kind"] == "functional":
            extra.append(f"spot checks: {r['spot_checks'] or 'none'}")
            extra.append("screened: " + ("no" if r["screened_unsafe"] is None else f"{r['screened_unsafe']} unsafe"))
        if r["invalidated"]:
            extra.append(f"INVALIDATED ({r['invalidated']})")
        click.echo(f"{r['batch_id']} [{r['kind']}, task {r['task_id']}] revision {r['revision']}, {r['items']} "
                   "items" + "".join("; " + e for e in extra))


def register(main: click.Group) -> None:
    main.add_command(annotate)
