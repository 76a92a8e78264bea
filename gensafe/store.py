"""The DuckDB audit store: one writer, loaded at the end of each run.

Workers never touch DuckDB; they leave per-task provenance Parquet that the
parent loads in one go.  That keeps DuckDB single-writer and lets the same
tables be rebuilt from the output directory if the database is lost.
"""
from __future__ import annotations

import os
import re
from typing import Any

import duckdb

from gensafe import storage
from gensafe.errors import ConfigError
from gensafe.taxonomy import RISK_TYPES
from gensafe.views import use_shipped_views

BASE_SCHEMA = """
CREATE TABLE IF NOT EXISTS risk_types (
    code VARCHAR PRIMARY KEY, "group" VARCHAR, name_en VARCHAR, name_zh VARCHAR,
    counts_for_5pct_rule BOOLEAN, min_keywords_b11 INTEGER);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, pipeline VARCHAR, config_path VARCHAR, config_text VARCHAR,
    config_hash VARCHAR, gensafe_version VARCHAR, provenance JSON,
    keyword_library VARCHAR, keyword_library_version VARCHAR, keyword_library_hash VARCHAR,
    model VARCHAR, model_version VARCHAR, model_hash VARCHAR,
    output_dir VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, seconds DOUBLE,
    tasks INTEGER, skipped_tasks INTEGER, input_bytes BIGINT,
    input_records BIGINT, kept BIGINT, removed BIGINT, rejected BIGINT, accounting_ok BOOLEAN,
    stage_stats JSON, manifest_sha256 VARCHAR, prev_manifest_sha256 VARCHAR);
CREATE TABLE IF NOT EXISTS rejected (
    run_id VARCHAR, input_file VARCHAR, input_line BIGINT, reason VARCHAR, excerpt VARCHAR);
CREATE TABLE IF NOT EXISTS shards (
    run_id VARCHAR, task_id VARCHAR, path VARCHAR, kind VARCHAR, rows BIGINT, bytes BIGINT, sha256 VARCHAR);
CREATE TABLE IF NOT EXISTS inputs (
    run_id VARCHAR, task_id VARCHAR, input_file VARCHAR, start_byte BIGINT, end_byte BIGINT,
    input_records BIGINT, input_bytes BIGINT, sha256 VARCHAR);
CREATE TABLE IF NOT EXISTS sources (
    run_id VARCHAR, source_id VARCHAR, documents BIGINT, kept BIGINT, removed BIGINT,
    unsafe BIGINT, qualified_rate DOUBLE);
"""

def memory_limit() -> str:
    """DuckDB's memory cap for a writing connection (``GENSAFE_DUCKDB_MEMORY_LIMIT``, default 256MB).

    DuckDB's buffer pool otherwise grows towards 80 % of RAM while a large
    run is loaded; a cap keeps the driver's peak flat as the corpus grows
    (it evicts written blocks and spills to <db>.tmp instead).  A run checks
    the value before its work, so a typo stops it at once, not at the load.
    """
    value = os.environ.get("GENSAFE_DUCKDB_MEMORY_LIMIT", "256MB")
    try:
        duckdb.connect(":memory:", config={"memory_limit": value}).close()
    except duckdb.Error as exc:
        raise ConfigError(f"GENSAFE_DUCKDB_MEMORY_LIMIT={value!r}: {exc}") from None
    return value


def connect(path: str, read_only: bool = False, *, schema: bool = True) -> duckdb.DuckDBPyConnection:
    """The one way gensafe opens a DuckDB file of its own (``chain.safe_db.open_untrusted`` opens the others).

    Writing (the default): the folder and the file are created if needed, the
    memory cap is set and, with ``schema``, the audit store's base tables are
    created and ``risk_types`` brought up to date with the taxonomy;
    ``schema=False`` for a database of another layout (the separate safety
    annotation store).  Reading: the file must exist (FileNotFoundError); when
    this process already holds it open for writing (an in-process run whose
    stage reads its own store), DuckDB refuses a second configuration, so the
    connection shares the open one instead.
    """
    if read_only:
        if not os.path.exists(path):
            raise FileNotFoundError(f"no audit database at {path}")
        try:
            return duckdb.connect(path, read_only=True)
        except duckdb.ConnectionException:
            return duckdb.connect(path)  # the same database instance as this process's writing connection
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    con = duckdb.connect(path)  # not config=: a second connection to the file must match the first's
    con.execute(f"SET memory_limit = '{memory_limit()}'")  # a value DuckDB parsed, so no quote gets through
    if schema:
        con.execute(BASE_SCHEMA)
        sync_risk_types(con)
    return con


def sync_risk_types(con: duckdb.DuckDBPyConnection) -> int:
    """Make ``risk_types`` agree with ``gensafe.taxonomy``; the number of rows written.

    Run on every writing connect, so a code added to the taxonomy (or a
    renamed one) shows in ``risk_counts`` of an existing database too, not
    only of a new one.  Codes no longer in the taxonomy stay: old runs name them.
    """
    want = {r.code: (r.code, r.group, r.name_en, r.name_zh, r.counts_for_5pct_rule, r.min_keywords_b11)
            for r in RISK_TYPES}
    have = {row[0]: tuple(row) for row in con.execute(
        'SELECT code, "group", name_en, name_zh, counts_for_5pct_rule, min_keywords_b11 FROM risk_types').fetchall()}
    stale = [row for code, row in want.items() if have.get(code) != row]
    if stale:
        con.executemany("INSERT OR REPLACE INTO risk_types VALUES (?, ?, ?, ?, ?, ?)", stale)
    return len(stale)


def tables(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> set[str]:
    """The tables and views ``con`` sees (only those of the attached database ``catalog``, when given)."""
    sql = "SELECT table_name FROM information_schema.tables"
    params: list[Any] = []
    if catalog:
        sql += " WHERE table_catalog = ?"
        params.append(catalog)
    return {r[0] for r in con.execute(sql, params).fetchall()}


def table_exists(con: duckdb.DuckDBPyConnection, name: str, catalog: str | None = None) -> bool:
    """Whether ``con`` sees a table or view ``name`` (in ``catalog``, when given): tables other modules own
    may be missing."""
    sql = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
    params: list[Any] = [name]
    if catalog:
        sql += " AND table_catalog = ?"
        params.append(catalog)
    return bool(con.execute(sql, params).fetchone()[0])


def columns(con: duckdb.DuckDBPyConnection, relation: str, params: list[Any] | None = None) -> dict[str, str]:
    """Column name to DuckDB type of a table, view or query (whose values come as ``params``)."""
    return {r[0]: r[1] for r in con.execute(f"DESCRIBE {relation}", params or []).fetchall()}


def quote_ident(name: str) -> str:
    """A DuckDB identifier in double quotes, any quote inside doubled (column names come from files)."""
    return '"' + name.replace('"', '""') + '"'


#: Parquet files read with the file list as a parameter: a path is never SQL text
PARQUET_FILES = "read_parquet(?::VARCHAR[], union_by_name = true)"


def check_writable(path: str) -> None:
    """Open the database for writing and close it, so a locked or unwritable file stops a run before its work.

    Raises ``OSError`` with a one-line reason (DuckDB's own message names the
    process holding a lock).
    """
    try:
        connect(path).close()
    except duckdb.Error as exc:
        msg = str(exc).split("\n")[0]
        held = re.search(r"Conflicting lock is held in (.*?)(?:\. See also|$)", msg)
        if held:
            raise OSError(f"audit database {path} is locked by another process: {held.group(1)}") from None
        raise OSError(f"cannot write the audit database {path}: {msg}") from None
    except OSError as exc:
        raise OSError(f"cannot write the audit database {path}: {exc.strerror or exc}") from None


def recorded_run(path: str, output_dir: str, config_hash: str, task_ids: list[str]) -> dict[str, Any] | None:
    """The run already loaded from exactly these tasks of this output folder and configuration, if any.

    Re-running a finished pipeline must not copy every audit row under a new
    run id; the executor returns this run instead.
    """
    if not os.path.exists(path):
        return None
    con = connect(path)
    try:
        rows = con.execute("""SELECT run_id, input_records, kept, removed, rejected, input_bytes, tasks,
                                     accounting_ok
                              FROM runs WHERE output_dir = ? AND config_hash = ?
                              ORDER BY finished_at DESC""", [storage.absolute(output_dir), config_hash]).fetchall()
        want = sorted(task_ids)
        for row in rows:
            have = [r[0] for r in con.execute("SELECT task_id FROM inputs WHERE run_id = ? ORDER BY task_id",
                                              [row[0]]).fetchall()]
            if have == want:
                keys = ["run_id", "input_records", "kept", "removed", "rejected", "input_bytes", "tasks",
                        "accounting_ok"]
                return dict(zip(keys, row))
        return None
    finally:
        con.close()


def source_report(db: str, run_id: str | None = None) -> tuple[str, list[tuple[Any, ...]]]:
    """Per-source qualified rates of a run (the latest by default)."""
    con = connect(db, read_only=True)
    try:
        use_shipped_views(con)  # never the view SQL stored in the file
        if run_id is None:
            row = con.execute("SELECT run_id FROM runs ORDER BY finished_at DESC LIMIT 1").fetchone()
            if not row:
                raise LookupError(f"{db} holds no runs yet")
            run_id = row[0]
        elif not con.execute("SELECT count(*) FROM runs WHERE run_id = ?", [run_id]).fetchone()[0]:
            known = [r[0] for r in con.execute("SELECT run_id FROM runs ORDER BY finished_at DESC LIMIT 5").fetchall()]
            raise LookupError(f"{db} holds no run {run_id!r}; latest: {', '.join(known) or 'none'}")
        rows = con.execute("""SELECT source_id, documents, qualified, unqualified, qualified_rate, kept, removed
                              FROM source_qualified_rate WHERE run_id = ? ORDER BY source_id""", [run_id]).fetchall()
        return run_id, rows
    finally:
        con.close()


def removal_rules(db: str, run_id: str) -> list[tuple[str, int]]:
    """Documents removed per policy rule, so a report shows why, not only how many.

    A document removed for two reasons counts under both rules.
    """
    con = connect(db, read_only=True)
    try:
        return con.execute("""SELECT rule, count(DISTINCT doc_id) AS n FROM (
                                  SELECT doc_id, split_part(unnest(reasons), ':', 1) AS rule
                                  FROM documents WHERE run_id = ? AND decision = 'removed')
                              GROUP BY rule ORDER BY n DESC, rule""", [run_id]).fetchall()
    finally:
        con.close()
