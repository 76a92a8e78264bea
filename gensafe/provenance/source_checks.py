"""Per-source provenance verdicts, recorded in DuckDB ``source_provenance``.

The stages record verdicts per document; an auditor (B.2.1.1.3) also asks
per source: which licence, is it usable, are the contract / commitment /
authorisation records there.  One row per source and run.
"""
from __future__ import annotations

from typing import Any

from gensafe.provenance.licenses import LicensePolicy, load_policy
from gensafe.provenance.records import check_source
from gensafe.provenance.sources import WEB_KINDS, iter_sources, references

SOURCE_PROVENANCE_DDL = """
CREATE TABLE IF NOT EXISTS source_provenance (
    run_id VARCHAR,
    source_id VARCHAR NOT NULL,
    kind VARCHAR,
    license_expr VARCHAR,
    license_verdict VARCHAR,
    license_condition VARCHAR,
    license_ok BOOLEAN,
    license_reason VARCHAR,
    record_ok BOOLEAN,
    record_reason VARCHAR,
    license_policy_hash VARCHAR,
    checked_at TIMESTAMP DEFAULT current_timestamp
)
"""
_COLS = ("source_id", "kind", "license_expr", "license_verdict", "license_condition", "license_ok",
         "license_reason", "record_ok", "record_reason")


def source_checks(registry: Any, policy: LicensePolicy | None = None) -> list[dict[str, Any]]:
    """Licence and record verdicts of every registered source.

    A web-collected source's licence is informational here: its documents
    usually carry their own (and are judged per document), so it is not
    blocked at source level for lacking one.
    """
    policy = policy or load_policy()
    rows = []
    for s in iter_sources(registry):
        v = policy.evaluate(s.license, references(s, ("authorizations", "contracts")))
        rec = check_source(s, s.id)
        if rec is not None:
            record_ok, record_reason = rec.ok, rec.reason
        elif s.kind in WEB_KINDS:
            record_ok, record_reason = True, "checked per document (source URL and collection timestamp)"
        else:
            record_ok, record_reason = True, f"source kind {s.kind}: no registry record required"
        rows.append({"source_id": s.id, "kind": s.kind, "license_expr": v.expr, "license_verdict": v.verdict,
                     "license_condition": v.condition, "license_ok": v.ok, "license_reason": v.reason,
                     "record_ok": record_ok, "record_reason": record_reason})
    return rows


def store_source_checks(con: Any, rows: list[dict[str, Any]], run_id: str | None = None,
                        policy_hash: str = "") -> int:
    """Append ``rows`` to ``source_provenance`` (created if missing) for ``run_id``."""
    con.execute(SOURCE_PROVENANCE_DDL)
    con.executemany(
        f"INSERT INTO source_provenance (run_id, {', '.join(_COLS)}, license_policy_hash) "
        f"VALUES (?, {', '.join('?' for _ in _COLS)}, ?)",
        [[run_id, *(r[c] for c in _COLS), policy_hash] for r in rows])
    return len(rows)
