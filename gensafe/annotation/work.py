"""Who did which annotation work when, and whether they were authorised for it at that moment.

One relation, ``work``, gathers every recorded act: an item annotated
(execution) or reviewed (review), a spot-check outcome (review) and a task
log entry with a role.  :func:`authority_sql` then judges each act against
the registry as it stood at that time — registered, granted for the role,
not expired, not suspended, not revoked — so the import warnings, ``annotate
status`` and the B.2.1.3.1 report item all apply one rule.
"""
from __future__ import annotations

import duckdb

from gensafe.store import table_exists

#: alias under which the safety store is attached in queries that read it
SAFETY_ALIAS = "annot_safety"


def _items(rel: str, kind_filter: str) -> str:
    return f"""
        SELECT b.task_id, i.batch_id, i.revision, b.kind, 'item' AS origin, i.item_id, i.annotator AS person,
               'execution' AS role, i.annotated_at AS acted_at
        FROM {rel} i JOIN annot_batches b ON b.batch_id = i.batch_id AND b.revision = i.revision {kind_filter}
        UNION ALL
        SELECT b.task_id, i.batch_id, i.revision, b.kind, 'item', i.item_id, i.reviewer, 'review', i.reviewed_at
        FROM {rel} i JOIN annot_batches b ON b.batch_id = i.batch_id AND b.revision = i.revision {kind_filter}
        WHERE i.reviewer IS NOT NULL"""


def work_sql(safety_attached: bool) -> str:
    """SELECT of every act (task_id, batch_id, revision, kind, origin, item_id, person, role, acted_at)."""
    parts = [_items("annot_items", "AND b.kind = 'functional'")]
    if safety_attached:
        parts.append(_items(f"{SAFETY_ALIAS}.annot_items", "AND b.kind = 'safety'"))
    parts.append("""
        SELECT b.task_id, c.batch_id, c.revision, b.kind, 'spot check', o.item_id, o.checker, 'review', o.checked_at
        FROM annot_spot_outcomes o JOIN annot_spot_checks c ON c.check_id = o.check_id
        JOIN annot_batches b ON b.batch_id = c.batch_id AND b.revision = c.revision""")
    parts.append("""
        SELECT l.task_id, l.batch_id, NULL, NULL, 'task log', NULL, l.person, l.role, l.logged_at
        FROM annot_task_log l WHERE l.role IS NOT NULL AND l.person IS NOT NULL""")
    return "\nUNION ALL".join(parts)


def authority_sql(rel: str) -> str:
    """CTE tail (``, auth AS (…) SELECT …``) judging each row (person, role, acted_at) of ``rel``.

    Adds ``registered``, ``last_grant``, ``expires_at``, ``revoked_at``,
    ``last_event``, ``problem`` (NULL when authorised; else unregistered, no
    authorisation for this role, revoked, suspended or authorisation
    expired) and ``authorised``.
    """
    return f""",
        auth AS (
            SELECT w.*,
                   EXISTS (SELECT 1 FROM annot_annotators a WHERE a.annotator_id = w.person) AS registered,
                   (SELECT max(g.granted_at) FROM annot_grants g
                     WHERE g.annotator_id = w.person AND g.role = w.role AND g.granted_at <= w.acted_at) AS last_grant,
                   (SELECT arg_max(g.expires_at, g.granted_at) FROM annot_grants g
                     WHERE g.annotator_id = w.person AND g.role = w.role AND g.granted_at <= w.acted_at) AS expires_at,
                   (SELECT max(e.event_at) FROM annot_status_events e
                     WHERE e.annotator_id = w.person AND e.event = 'revoke' AND e.event_at <= w.acted_at) AS revoked_at,
                   (SELECT arg_max(e.event, e.event_at) FROM annot_status_events e
                     WHERE e.annotator_id = w.person AND e.event_at <= w.acted_at) AS last_event
            FROM {rel} w),
        judged AS (
            SELECT auth.*, CASE
                WHEN NOT registered THEN 'unregistered'
                WHEN last_grant IS NULL THEN 'no authorisation for this role'
                WHEN revoked_at IS NOT NULL AND last_grant <= revoked_at THEN 'revoked'
                WHEN last_event = 'suspend' THEN 'suspended'
                WHEN expires_at <= acted_at THEN 'authorisation expired'
                END AS problem
            FROM auth)
        SELECT *, problem IS NULL AS authorised FROM judged"""


def attach_safety(con: duckdb.DuckDBPyConnection, store_path: str | None) -> bool:
    """Attach the safety store read-only under :data:`SAFETY_ALIAS`; False when there is none to attach."""
    import os

    attached = {r[0] for r in con.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
    if SAFETY_ALIAS in attached:
        return table_exists(con, "annot_items", SAFETY_ALIAS)
    if not store_path or not os.path.isfile(store_path):
        return False
    # ATTACH takes no bound parameters: the path comes from our own annot_stores table, quotes doubled
    quoted = "'" + store_path.replace("'", "''") + "'"
    con.execute(f"ATTACH {quoted} AS {SAFETY_ALIAS} (READ_ONLY)")
    return table_exists(con, "annot_items", SAFETY_ALIAS)
