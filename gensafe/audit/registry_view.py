"""Which registry version describes the run's sources, as inlinable SQL.

Several items need a source's kind, modality, origin and languages.  They
come from ``sources_registry``: the copy stored with this run when the run
had a registry, else the most recently loaded registry version.  The choice
is made once and inlined as a filter, so the SQL an auditor pastes is exact.
"""
from __future__ import annotations

from gensafe.audit.items import Ctx, lit


def registry_filter(ctx: Ctx) -> str | None:
    """A WHERE clause over ``sources_registry`` selecting one registry version (None: no registry)."""
    if not ctx.has("sources_registry"):
        return None
    cached = getattr(ctx, "_registry_filter", "unset")
    if cached != "unset":
        return cached  # type: ignore[return-value]
    n = ctx.con.execute("SELECT count(*) FROM sources_registry WHERE run_id = ?", [ctx.run_id]).fetchone()[0]
    if n:
        flt: str | None = f"run_id = {ctx.run}"
    else:
        row = ctx.con.execute("SELECT registry_hash FROM sources_registry ORDER BY loaded_at DESC LIMIT 1").fetchone()
        flt = f"registry_hash = {lit(row[0])}" if row else None
    ctx._registry_filter = flt  # type: ignore[attr-defined]
    return flt


def registry_note(ctx: Ctx) -> str:
    flt = registry_filter(ctx)
    if flt is None:
        return "no source registry in the database (sources_registry): kinds, modalities and origins unknown"
    if flt.startswith("run_id"):
        return "source registry: the version stored with this run"
    return f"source registry: the latest loaded version ({flt})"


def reg_cte(ctx: Ctx) -> str:
    """``reg(source_id, kind, modality, origin, languages, contracts, commitments, authorizations, consent)``."""
    flt = registry_filter(ctx)
    if flt is None:
        return ("reg AS (SELECT NULL::VARCHAR AS source_id, NULL::VARCHAR AS kind, NULL::VARCHAR AS modality, "
                "NULL::VARCHAR AS origin, NULL::VARCHAR[] AS languages, NULL::VARCHAR[] AS contracts, "
                "NULL::VARCHAR[] AS commitments, NULL::VARCHAR[] AS authorizations, NULL::VARCHAR[] AS consent "
                "WHERE false)")
    return ("reg AS (SELECT DISTINCT ON (source_id) source_id, kind, modality, origin, languages, contracts, "
            f"commitments, authorizations, consent FROM sources_registry WHERE {flt} ORDER BY source_id)")


def kind_expr(ctx: Ctx, d: str = "d", r: str = "reg") -> str:
    """A document's source kind: the records stage's ``source_kind``, else the registry's."""
    if ctx.col("source_kind"):
        return f"coalesce(nullif({d}.source_kind, 'unregistered'), {r}.kind)"
    return f"{r}.kind"


def modality_expr(r: str = "reg") -> str:
    return f"coalesce({r}.modality, 'text')"
