"""Building blocks of the B.2.1 report: items, verdicts and the query context.

Every number in the report comes from a SQL query that the report carries
verbatim (run id inlined), so an auditor can paste it into DuckDB and get
the same figures.  :class:`Ctx` runs the queries and records them on the
:class:`Item` they belong to: a one-row query's columns become the item's
``numbers``, a table query's rows become one of its ``rows`` tables.
"""
from __future__ import annotations

import datetime as _dt
import decimal
from dataclasses import dataclass, field
from typing import Any

import duckdb

from gensafe.store import quote_ident, tables

COMPLIANT = "compliant"
NON_COMPLIANT = "non-compliant"
NOT_APPLICABLE = "not applicable"
VERDICTS = (COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE)


@dataclass
class Check:
    """One expected result inside an item (e.g. B.2.1.1.3 b) with its own verdict."""

    name: str
    verdict: str
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "verdict": self.verdict, "detail": self.detail}


@dataclass
class Item:
    """A report item: verdict, the numbers behind it, the SQL that reproduces them."""

    id: str
    title: str
    verdict: str = NOT_APPLICABLE
    numbers: dict[str, Any] = field(default_factory=dict)
    sql: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: an optional evaluation item of the standard: shown with its verdict, left out of the overall verdict
    optional: bool = False

    def check(self, name: str, verdict: str, detail: str) -> None:
        self.checks.append(Check(name, verdict, detail))

    def settle(self) -> str:
        """Item verdict from its checks: any non-compliant wins, then compliant, else n/a."""
        vs = [c.verdict for c in self.checks]
        self.verdict = (NON_COMPLIANT if NON_COMPLIANT in vs else COMPLIANT if COMPLIANT in vs else NOT_APPLICABLE)
        return self.verdict

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "verdict": self.verdict, "numbers": self.numbers,
                "sql": self.sql, "rows": self.rows, "checks": [c.as_dict() for c in self.checks],
                "notes": self.notes, "optional": self.optional}


def plain(v: Any) -> Any:
    """DuckDB values → JSON-friendly Python values (lists kept, timestamps as ISO text)."""
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (_dt.datetime, _dt.date)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def lit(value: Any) -> str:
    """A SQL literal to inline into a query an auditor will paste."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


class Ctx:
    """The database, the run under audit, and what exists in it."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str, seed: int = 0) -> None:
        self.con = con
        self.run_id = run_id
        self.seed = seed
        self.tables = tables(con)
        self.doc_cols: set[str] = set()
        if "documents" in self.tables:
            self.doc_cols = {r[0] for r in con.execute("DESCRIBE documents").fetchall()}
        self.run = lit(run_id)

    def has(self, table: str) -> bool:
        return table in self.tables

    def col(self, name: str) -> bool:
        return name in self.doc_cols

    def table_cols(self, table: str) -> set[str]:
        if table not in self.tables:
            return set()
        return {r[0] for r in self.con.execute(f"DESCRIBE {quote_ident(table)}").fetchall()}

    def query(self, sql: str) -> list[dict[str, Any]]:
        cur = self.con.execute(sql)
        names = [d[0] for d in cur.description]
        return [{n: plain(v) for n, v in zip(names, row)} for row in cur.fetchall()]

    def one(self, item: Item, name: str, sql: str) -> dict[str, Any]:
        """Run a one-row query; its columns become ``item.numbers``."""
        sql = _tidy(sql)
        rows = self.query(sql)
        row = rows[0] if rows else {}
        item.sql[name] = sql
        item.numbers.update(row)
        return row

    def table(self, item: Item, name: str, sql: str) -> list[dict[str, Any]]:
        """Run a table query; its rows become ``item.rows[name]``."""
        sql = _tidy(sql)
        rows = self.query(sql)
        item.sql[name] = sql
        item.rows[name] = rows
        return rows


def _tidy(sql: str) -> str:
    lines = [ln.rstrip() for ln in sql.strip("\n").splitlines()]
    indent = min((len(ln) - len(ln.lstrip()) for ln in lines[1:] if ln.strip()), default=0)
    return "\n".join([lines[0].strip()] + [ln[indent:] for ln in lines[1:]]).strip()


def rate(k: int | None, n: int | None) -> float | None:
    return (k / n) if n else None


def cp_interval(k: int, n: int, confidence: float = 0.95) -> tuple[float | None, float | None]:
    """Exact Clopper–Pearson interval (the admission module's, so both agree)."""
    if not n:
        return None, None
    from gensafe.admission.stats import clopper_pearson

    lo, hi = clopper_pearson(k, n, confidence)
    return lo, hi


def pct(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x * 100:.{digits}f} %"
