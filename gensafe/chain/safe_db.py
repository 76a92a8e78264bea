"""Open and read an audit database that may have been crafted, without running its SQL.

A DuckDB file can carry SQL of its own: views, macros (which shadow even
built-in functions such as ``duckdb_tables`` or ``lower`` on that
connection) and generated columns.  Verification reads a database it does
not trust, so it

* opens it read-only with file access, extension loading and configuration
  changes switched off, so that no SQL can reach a file or the network;
* inspects the catalog only through ``system.main.duckdb_*()`` functions,
  which a macro in the database cannot shadow;
* reads a relation only when the catalog says it is a base table without
  generated columns, and then only with ``SELECT * FROM main."name"``
  (plus ``WHERE run_id = ?``); and
* does any further SQL (comparisons) in a separate in-memory connection
  over Arrow data, where the database's catalog does not exist.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa
from gensafe.store import quote_ident  # noqa: F401  (re-exported: one definition)

#: settings for a connection that must not touch files, the network or extensions
LOCKED = {"enable_external_access": False, "autoload_known_extensions": False,
          "autoinstall_known_extensions": False, "lock_configuration": True}


class UntrustedDbError(Exception):
    """The database cannot be opened or is not a DuckDB audit store."""


def open_untrusted(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only, locked-down connection to ``path``."""
    try:
        return duckdb.connect(path, read_only=True, config=dict(LOCKED))
    except duckdb.Error as exc:
        raise UntrustedDbError(f"{path}: cannot open as a DuckDB database ({str(exc).splitlines()[0]})") from None


def scratch() -> duckdb.DuckDBPyConnection:
    """An in-memory connection with nothing of the database in it, for comparisons over Arrow data."""
    return duckdb.connect(":memory:", config=dict(LOCKED))


@dataclass
class Catalog:
    """What the database's ``main`` schema holds, read through the system functions."""

    tables: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # name -> [(column, type)]
    generated: dict[str, list[str]] = field(default_factory=dict)           # table -> generated columns
    views: dict[str, str] = field(default_factory=dict)                     # name -> stored SQL
    macros: list[str] = field(default_factory=list)                         # user functions and macros
    schemas: list[str] = field(default_factory=list)                        # schemas other than main

    def is_table(self, name: str) -> bool:
        """A base table that can be read without running any stored expression."""
        return name in self.tables and not self.generated.get(name)


def catalog(con: duckdb.DuckDBPyConnection) -> Catalog:
    """The catalog of the connection's own database (not ``temp``, not ``system``)."""
    db = _database_name(con)
    cat = Catalog()
    kinds = {r[0] for r in con.execute(
        "SELECT table_name FROM system.main.duckdb_tables() WHERE database_name = ? AND schema_name = 'main'",
        [db]).fetchall()}
    for name, col, typ, gen in con.execute(
            """SELECT table_name, column_name, data_type, is_generated FROM system.main.duckdb_columns()
               WHERE database_name = ? AND schema_name = 'main' ORDER BY table_name, column_index""",
            [db]).fetchall():
        if name not in kinds:
            continue  # a view's columns
        cat.tables.setdefault(name, []).append((col, typ))
        if gen:
            cat.generated.setdefault(name, []).append(col)
    for name in kinds:
        cat.tables.setdefault(name, [])
    cat.views = {r[0]: r[1] for r in con.execute(
        "SELECT view_name, sql FROM system.main.duckdb_views() WHERE database_name = ? AND NOT internal",
        [db]).fetchall()}
    cat.macros = sorted({f"{r[0]}.{r[1]}" for r in con.execute(
        "SELECT schema_name, function_name FROM system.main.duckdb_functions() WHERE database_name = ? "
        "AND NOT internal", [db]).fetchall()})
    cat.schemas = sorted({r[0] for r in con.execute(
        "SELECT schema_name FROM system.main.duckdb_schemas() WHERE database_name = ?", [db]).fetchall()}
        - {"main"})
    return cat


def _database_name(con: duckdb.DuckDBPyConnection) -> str:
    """The file's catalog name: the one database that is neither ``system`` nor ``temp``."""
    names = [r[0] for r in con.execute(
        "SELECT database_name FROM system.main.duckdb_databases() WHERE NOT internal").fetchall()
        if r[0] not in ("system", "temp")]
    if len(names) != 1:
        raise UntrustedDbError(f"expected one attached database, found {names}")
    return names[0]


def fetch_rows(con: duckdb.DuckDBPyConnection, table: str, run_id: str | None = None
               ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of a base table (the caller has checked ``Catalog.is_table``)."""
    sql = f"SELECT * FROM main.{quote_ident(table)}"
    cur = con.execute(sql + " WHERE run_id = ?", [run_id]) if run_id is not None else con.execute(sql)
    cols = [d[0] for d in cur.description]
    return cols, cur.fetchall()


def fetch_arrow(con: duckdb.DuckDBPyConnection, table: str, run_id: str,
                batch_rows: int = 65536) -> pa.RecordBatchReader:
    """One run's rows of a base table as an Arrow stream (for comparison in a scratch connection)."""
    rel = con.sql(f"SELECT * FROM main.{quote_ident(table)} WHERE run_id = ?", params=[run_id])
    if hasattr(rel, "to_arrow_reader"):
        return rel.to_arrow_reader(batch_rows)
    return rel.fetch_arrow_reader(batch_rows)  # DuckDB before 1.4


def run_ids_in(con: duckdb.DuckDBPyConnection, table: str) -> list[Any]:
    """The distinct ``run_id`` values of a base table (no function of the database is called)."""
    return [r[0] for r in con.execute(f"SELECT DISTINCT run_id FROM main.{quote_ident(table)}").fetchall()]
