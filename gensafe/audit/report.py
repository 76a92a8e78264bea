"""The auditor's B.2.1 compliance report over a run's DuckDB audit store.

``build_report(con, run_id)`` evaluates each data-backed item of Appendix
B.2.1 (plus the B.1.1 keyword library and B.1.4 classifier status) with a
verdict, the numbers behind it and the SQL that reproduces them; it adds
reference tables and lists what the data cannot show as "outside gensafe".
Renderers (:mod:`.render_md`, :mod:`.render_html`) and JSON take the result.
"""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import Any

import duckdb

from gensafe import __version__, store
from gensafe.audit import checks_annotation, checks_content, checks_sources, checks_tools, tables
from gensafe.audit.items import COMPLIANT, NON_COMPLIANT, Ctx, Item, plain
from gensafe.views import use_shipped_views


class ReportError(Exception):
    """A user error: no database, no runs, unknown run id."""


@dataclass
class Report:
    db: str
    run: dict[str, Any]
    items: list[Item]
    tables: list[Item]
    outside: list[dict[str, str]]
    generated_at: str
    seed: int
    overall: str = COMPLIANT
    notes: list[str] = field(default_factory=list)

    def item(self, item_id: str) -> Item:
        for it in self.items + self.tables:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def as_dict(self) -> dict[str, Any]:
        return {"report": "GB/T 45654-2025 Appendix B.2.1 training data safety", "gensafe_version": __version__,
                "db": self.db, "generated_at": self.generated_at, "seed": self.seed, "run": self.run,
                "overall": self.overall, "notes": self.notes,
                "items": [i.as_dict() for i in self.items], "tables": [t.as_dict() for t in self.tables],
                "outside_gensafe": self.outside}

    def to_json(self) -> str:
        return json.dumps(plain(self.as_dict()), indent=1, ensure_ascii=False, default=str)


def latest_run(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT run_id FROM runs ORDER BY finished_at DESC, run_id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def build_report(con: duckdb.DuckDBPyConnection, run_id: str | None = None, seed: int = 0, db: str = "") -> Report:
    """Evaluate every item for ``run_id`` (the latest run by default).

    The views come from gensafe's own definitions (temporary views on this
    connection), never from the SQL stored in the database.
    """
    use_shipped_views(con)
    if not {"runs", "documents"} <= store.tables(con):
        raise ReportError(f"{db or 'database'}: not a gensafe audit store (no runs/documents tables)")
    run_id = run_id or latest_run(con)
    if run_id is None:
        raise ReportError(f"{db or 'database'} holds no runs yet")
    row = con.execute("""SELECT run_id, pipeline, config_hash, gensafe_version, started_at, finished_at,
                                input_records, kept, removed, rejected, accounting_ok, manifest_sha256
                         FROM runs WHERE run_id = ?""", [run_id]).fetchone()
    if row is None:
        known = [r[0] for r in con.execute("SELECT run_id FROM runs ORDER BY finished_at DESC LIMIT 5").fetchall()]
        raise ReportError(f"no run {run_id!r} in {db or 'the database'} (latest: {', '.join(known)})")
    names = ["run_id", "pipeline", "config_hash", "gensafe_version", "started_at", "finished_at", "input_records",
             "kept", "removed", "rejected", "accounting_ok", "manifest_sha256"]
    run = {k: plain(v) for k, v in zip(names, row)}
    ctx = Ctx(con, run_id, seed)
    items = [checks_sources.source_selection(ctx), checks_sources.diversity(ctx), checks_sources.traceability(ctx),
             checks_content.content_filtering(ctx), checks_content.personal_information(ctx),
             checks_tools.keyword_library(ctx), checks_tools.classifier(ctx)]
    items += checks_annotation.annotation_items(ctx)
    tabs = [tables.per_source(ctx), tables.per_risk(ctx), tables.top_terms(ctx), tables.agreement(ctx),
            tables.trend(ctx)]
    outside = [{"id": i, "title": t, "verdict": "outside gensafe"} for i, t in tables.OUTSIDE]
    rep = Report(db=db, run=run, items=items, tables=tabs, outside=outside, seed=seed,
                 generated_at=_dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat())
    rep.overall = NON_COMPLIANT if any(i.verdict == NON_COMPLIANT and not i.optional for i in items) else COMPLIANT
    rep.notes.append("overall verdict over the data-backed items; the items outside gensafe need the auditor's own "
                     "review of documents, systems and interviews")
    if not run.get("accounting_ok"):
        rep.notes.append("WARNING: the run's accounting does not balance (input ≠ kept + removed + rejected)")
    return rep


def report_for_db(path: str, run_id: str | None = None, seed: int = 0) -> Report:
    """Open ``path`` read-only and build the report."""
    import os

    if not os.path.exists(path):
        raise ReportError(f"no audit database at {path}")
    try:
        con = store.connect(path, read_only=True)
    except duckdb.Error as exc:
        raise ReportError(f"{path}: cannot open ({exc})") from None
    try:
        return build_report(con, run_id, seed, db=path)
    except duckdb.Error as exc:  # e.g. a macro in the file shadowing a built-in the queries use
        raise ReportError(f"{path}: cannot evaluate ({str(exc).splitlines()[0]}); "
                          "`gensafe audit verify` shows what in the database is not gensafe's") from None
    finally:
        con.close()
