"""The audit store's views, defined once, so readers need not trust the copies stored in a database.

A view in a DuckDB file is SQL that anyone with write access can replace:
``source_qualified_rate`` redefined to report 100 % made a rejected source
look qualified.  The run creates these views in the database for auditors
who query it by hand; gensafe's own readers (``gensafe report``, ``gensafe
audit report``) recreate them as temporary views from this module, which
shadow the stored ones for that connection, and ``gensafe audit verify``
compares the stored definitions with those recorded in the run manifests.
"""
from __future__ import annotations

import re

import duckdb

from gensafe.taxonomy import REPORTED_ONLY_CODES

# taken from the taxonomy, not from the database (whose risk_types anyone with write access could edit);
# risk codes are letters and digits, so they are quoted as SQL string literals safely
if not all(re.fullmatch(r"[A-Za-z0-9]+", c) for c in REPORTED_ONLY_CODES):  # pragma: no cover
    raise ValueError(f"risk codes must be letters and digits: {REPORTED_ONLY_CODES}")
_REPORTED_ONLY = ", ".join(f"'{c}'" for c in REPORTED_ONLY_CODES)

#: view name -> SELECT; the order is the creation order (none depends on another)
VIEWS: dict[str, str] = {
    "source_qualified_rate": """
SELECT run_id, source_id,
       count(*) AS documents,
       count(*) FILTER (WHERE NOT unsafe) AS qualified,
       count(*) FILTER (WHERE unsafe) AS unqualified,
       round(count(*) FILTER (WHERE NOT unsafe) / count(*), 6) AS qualified_rate,
       round(count(*) FILTER (WHERE unsafe) / count(*), 6) AS unsafe_rate,
       count(*) FILTER (WHERE list_has_any(risk_codes, [""" + _REPORTED_ONLY + """])) AS a5_documents,
       count(*) FILTER (WHERE decision = 'kept') AS kept,
       count(*) FILTER (WHERE decision = 'removed') AS removed
FROM documents GROUP BY run_id, source_id""",
    "risk_counts": """
SELECT d.run_id, r.code, r."group", r.name_en, r.name_zh, count(d.doc_id) AS documents
FROM risk_types r
LEFT JOIN (SELECT run_id, doc_id, unnest(risk_codes) AS code FROM documents) d ON d.code = r.code
GROUP BY d.run_id, r.code, r."group", r.name_en, r.name_zh""",
    "removal_reasons": """
SELECT run_id, split_part(reason, ':', 1) AS rule, reason, count(*) AS documents
FROM (SELECT run_id, unnest(reasons) AS reason FROM documents)
GROUP BY ALL""",
    "run_accounting": """
SELECT r.run_id, r.input_records,
       (SELECT count(*) FROM documents d WHERE d.run_id = r.run_id AND d.decision = 'kept') AS kept,
       (SELECT count(*) FROM documents d WHERE d.run_id = r.run_id AND d.decision = 'removed') AS removed,
       (SELECT count(*) FROM rejected j WHERE j.run_id = r.run_id) AS rejected,
       r.input_records = kept + removed + rejected AS balanced
FROM runs r""",
}

#: only when the documents carry keyword evidence (a keywords stage ran)
EVIDENCE_VIEW: dict[str, str] = {
    "evidence": """
SELECT run_id, doc_id, source_id, e.term, e.code, e."start", e."end", e.severity
FROM (SELECT run_id, doc_id, source_id, unnest(kw_evidence) AS e FROM documents)""",
}

SHIPPED: frozenset[str] = frozenset(VIEWS) | frozenset(EVIDENCE_VIEW)


def _has_evidence(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM system.main.duckdb_columns() WHERE schema_name = 'main' AND NOT internal "
        "AND table_name = 'documents' AND column_name = 'kw_evidence' AND database_name <> 'temp'").fetchone()[0])


def _wanted(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {**VIEWS, **(EVIDENCE_VIEW if _has_evidence(con) else {})}


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the shipped views in the database itself (at the end of a run)."""
    for name, body in _wanted(con).items():
        con.execute(f'CREATE OR REPLACE VIEW main."{name}" AS {body}')


def use_shipped_views(con: duckdb.DuckDBPyConnection) -> None:
    """Shadow the database's views with the shipped definitions for this connection only.

    Temporary views win name resolution over ``main``'s, and work on a
    read-only connection; whatever the file says ``source_qualified_rate``
    is, queries on ``con`` now get gensafe's definition.  Only views whose
    base tables exist are created (a database without runs has none).
    """
    have = {r[0] for r in con.execute(
        "SELECT table_name FROM system.main.duckdb_tables() WHERE schema_name = 'main' AND database_name <> 'temp'"
    ).fetchall()}
    if not {"documents", "runs", "risk_types", "rejected"} <= have:
        return
    for name, body in _wanted(con).items():
        con.execute(f'CREATE OR REPLACE TEMP VIEW "{name}" AS {body}')
