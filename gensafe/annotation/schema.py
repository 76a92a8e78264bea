"""The annotation tables, and small helpers every annotation module shares.

Everything lives in the audit database (``annot_*`` tables) except the items
of safety batches: §4.3.4 wants those stored apart, so they go to a DuckDB
file of their own in a folder of its own (see :mod:`.batches`).
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import os
import functools
from typing import Any, Callable, Iterator, TypeVar

import duckdb

from gensafe.store import tables

ROLES = ("execution", "review")
KINDS = ("functional", "safety")
#: the six topics §4.3.1 a) asks the safety training to cover (B.2.1.3.1 b)
TRAINING_TOPICS = {
    "laws": "relevant laws and regulations",
    "task_rules": "data annotation task rules",
    "platform_tools": "use of the annotation platform or tools",
    "quality_verification": "verifying the quality of annotated content",
    "safety_verification": "verifying the safety of annotated content",
    "data_security": "secure management of annotated data",
}
#: the five topics §4.3.1 b) asks the assessment to cover (B.2.1.3.1 c)
ASSESSMENT_TOPICS = {
    "laws": "knowledge of relevant laws and regulations",
    "rules_understanding": "understanding of the annotation rules",
    "platform_tools": "proficiency with the annotation platform or tools",
    "risk_identification": "ability to identify safety risks",
    "data_security": "data security management",
}

ITEMS_DDL = """
CREATE TABLE IF NOT EXISTS annot_items (
    batch_id VARCHAR NOT NULL, revision INTEGER NOT NULL, item_id VARCHAR NOT NULL, text VARCHAR,
    labels VARCHAR, annotator VARCHAR, annotated_at TIMESTAMP, reviewer VARCHAR, reviewed_at TIMESTAMP,
    review VARCHAR, input_line BIGINT)
"""

SCHEMA = ITEMS_DDL + """;
CREATE TABLE IF NOT EXISTS annot_annotators (
    annotator_id VARCHAR NOT NULL, name VARCHAR, roles VARCHAR[], registry_file VARCHAR, recorded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_trainings (
    annotator_id VARCHAR NOT NULL, trained_at TIMESTAMP, trainer VARCHAR, method VARCHAR, topics VARCHAR[],
    content VARCHAR, registry_file VARCHAR, recorded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_assessments (
    assessment_id VARCHAR NOT NULL, annotator_id VARCHAR NOT NULL, assessed_at TIMESTAMP, assessor VARCHAR,
    method VARCHAR, rules VARCHAR, topics VARCHAR[], content VARCHAR, result VARCHAR, score DOUBLE,
    registry_file VARCHAR, recorded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_grants (
    annotator_id VARCHAR NOT NULL, role VARCHAR NOT NULL, granted_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL, assessment_id VARCHAR, granted_by VARCHAR, recorded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_status_events (
    annotator_id VARCHAR NOT NULL, event VARCHAR NOT NULL, event_at TIMESTAMP NOT NULL, reason VARCHAR,
    by_person VARCHAR, recorded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_rules (
    rules_version VARCHAR NOT NULL, rules_sha256 VARCHAR, path VARCHAR, issued VARCHAR, ok BOOLEAN,
    spot_sample_size INTEGER, spot_min_accuracy DOUBLE, recorded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_rules_checks (
    rules_version VARCHAR NOT NULL, expected VARCHAR, name VARCHAR, optional BOOLEAN, ok BOOLEAN,
    detail VARCHAR);
CREATE TABLE IF NOT EXISTS annot_stores (
    kind VARCHAR NOT NULL, db_path VARCHAR NOT NULL, recorded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_batches (
    batch_id VARCHAR NOT NULL, revision INTEGER NOT NULL, task_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    rules_version VARCHAR, items INTEGER, file VARCHAR, file_sha256 VARCHAR, store VARCHAR,
    reannotation_of VARCHAR, imported_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_task_log (
    task_id VARCHAR NOT NULL, batch_id VARCHAR, logged_at TIMESTAMP, event VARCHAR, person VARCHAR, role VARCHAR,
    note VARCHAR, log_file VARCHAR, line BIGINT, imported_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_screens (
    screen_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, revision INTEGER NOT NULL, pipeline VARCHAR,
    items INTEGER, unsafe_items INTEGER, risk_codes VARCHAR[], screened_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_screen_hits (
    screen_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, revision INTEGER NOT NULL, item_id VARCHAR NOT NULL,
    risk_codes VARCHAR[], reasons VARCHAR[]);
CREATE TABLE IF NOT EXISTS annot_spot_checks (
    check_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, revision INTEGER NOT NULL, seed BIGINT,
    sample_size INTEGER, population INTEGER, min_accuracy DOUBLE, out_file VARCHAR, drawn_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_spot_items (
    check_id VARCHAR NOT NULL, item_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS annot_spot_outcomes (
    check_id VARCHAR NOT NULL, item_id VARCHAR NOT NULL, accurate BOOLEAN, illegal BOOLEAN, checker VARCHAR,
    checked_at TIMESTAMP, note VARCHAR, outcome_file VARCHAR, line BIGINT, recorded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_spot_results (
    check_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, revision INTEGER NOT NULL, checked INTEGER,
    accurate INTEGER, illegal INTEGER, accuracy DOUBLE, min_accuracy DOUBLE, outcome VARCHAR,
    recorded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS annot_invalidations (
    batch_id VARCHAR NOT NULL, invalidated_at TIMESTAMP, reason VARCHAR, by_person VARCHAR, origin VARCHAR,
    recorded_at TIMESTAMP);
"""


class AnnotationError(Exception):
    """A user error in an annotation file or command: the message names file, line or key."""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the annotation tables (idempotent); modules call it before writing."""
    current = con.execute("SELECT current_database()").fetchone()[0]
    if {"annot_invalidations", "annot_items"} <= tables(con, current):
        return
    with atomic(con):
        for stmt in SCHEMA.split(";"):
            if stmt.strip():
                con.execute(stmt)


_IN_TRANSACTION: set[int] = set()


@contextlib.contextmanager
def atomic(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction around a library operation, so a refused import leaves nothing behind.

    Nested use joins the outer transaction (DuckDB has no savepoints, and a
    second BEGIN would abort the first, so nesting is tracked here).
    """
    if id(con) in _IN_TRANSACTION:
        yield
        return
    con.execute("BEGIN TRANSACTION")
    _IN_TRANSACTION.add(id(con))
    try:
        yield
    except BaseException:
        _IN_TRANSACTION.discard(id(con))
        con.execute("ROLLBACK")
        raise
    _IN_TRANSACTION.discard(id(con))
    con.execute("COMMIT")


def now() -> _dt.datetime:
    """UTC now, naive (DuckDB TIMESTAMP), to the second."""
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def parse_time(value: Any, where: str) -> _dt.datetime:
    """An ISO 8601 date or date-time (TOML dates too) → naive UTC; else a one-line error naming ``where``."""
    if isinstance(value, _dt.datetime):
        dt = value
    elif isinstance(value, _dt.date):
        dt = _dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            dt = _dt.datetime.fromisoformat(text)
        except ValueError:
            raise AnnotationError(f"{where}: {value!r} is not an ISO 8601 date or time") from None
    else:
        raise AnnotationError(f"{where}: missing date/time")
    if dt.tzinfo is not None:
        dt = dt.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return dt


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def db_dir(con: duckdb.DuckDBPyConnection) -> str:
    """Folder of the database file ``con`` is open on (the current folder for an in-memory one)."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    path = row[0] if row and row[0] else ""
    return os.path.dirname(os.path.abspath(path)) if path else os.getcwd()


def main_db_path(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return os.path.abspath(row[0]) if row and row[0] else None


F = TypeVar("F", bound=Callable[..., Any])


def transactional(fn: F) -> F:
    """Run a library operation whose first argument is the connection inside :func:`atomic`."""
    @functools.wraps(fn)
    def wrapper(con: duckdb.DuckDBPyConnection, *args: Any, **kwargs: Any) -> Any:
        if id(con) not in _IN_TRANSACTION:
            ensure_schema(con)
        with atomic(con):
            return fn(con, *args, **kwargs)
    return wrapper  # type: ignore[return-value]
