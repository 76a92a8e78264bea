"""The report's reference tables: per source, per risk code, keyword terms, agreement, trend."""
from __future__ import annotations

from gensafe.audit.items import Ctx, Item, cp_interval, lit
from gensafe.taxonomy import GROUPS, RISK_TYPES

TOP_TERMS = 20


def per_source(ctx: Ctx) -> Item:
    it = Item("T.sources", "Qualified rate per source (Clopper–Pearson 95 %)")
    rows = ctx.table(it, "sources", f"""
        SELECT source_id, documents, qualified, unqualified, qualified_rate, unsafe_rate, a5_documents, kept, removed
        FROM source_qualified_rate WHERE run_id = {ctx.run} ORDER BY qualified_rate, source_id""")
    for r in rows:
        r["ci_low"], r["ci_high"] = cp_interval(r["qualified"], r["documents"])
    return it


def per_risk(ctx: Ctx) -> Item:
    it = Item("T.risks", "Documents per risk code (all flagged, and removed)")
    ctx.table(it, "risks", f"""
        SELECT r.code, r."group", r.name_zh, r.name_en, count(d.doc_id) AS documents,
               count(d.doc_id) FILTER (WHERE d.decision = 'removed') AS removed
        FROM risk_types r
        LEFT JOIN (SELECT doc_id, decision, unnest(risk_codes) AS code FROM documents WHERE run_id = {ctx.run}) d
               ON d.code = r.code
        GROUP BY r.code, r."group", r.name_zh, r.name_en ORDER BY r.code""")
    ctx.table(it, "reasons", f"""
        SELECT reason, documents FROM removal_reasons WHERE run_id = {ctx.run} ORDER BY documents DESC, reason""")
    return it


def top_terms(ctx: Ctx) -> Item:
    it = Item("T.terms", f"Keyword terms that fire most (top {TOP_TERMS})")
    if "evidence" not in ctx.tables:
        it.notes.append("no keyword evidence in this database (no keywords stage)")
        return it
    ctx.table(it, "terms", f"""
        SELECT term, code, count(*) AS hits, count(DISTINCT doc_id) AS documents, max(severity) AS severity
        FROM evidence WHERE run_id = {ctx.run}
        GROUP BY term, code ORDER BY hits DESC, documents DESC, term, code LIMIT {TOP_TERMS}""")
    return it


def _any(col: str, codes: list[str]) -> str:
    return f"list_has_any(coalesce({col}, []), [{', '.join(lit(c) for c in codes)}])"


def agreement(ctx: Ctx) -> Item:
    """Documents with keyword risks vs classifier risks: a 2×2 table and per-group agreement."""
    it = Item("T.agreement", "Classifier / keyword agreement")
    if not (ctx.col("kw_risks") and ctx.col("clf_risks")):
        it.notes.append("needs both kw_risks and clf_risks (keywords and classifier stages)")
        return it
    kw = "len(coalesce(kw_risks, [])) > 0"
    clf = "len(coalesce(clf_risks, [])) > 0"
    ctx.one(it, "matrix", f"""
        SELECT count(*) AS documents,
               count(*) FILTER (WHERE {kw} AND {clf}) AS both_flag,
               count(*) FILTER (WHERE {kw} AND NOT {clf}) AS keyword_only,
               count(*) FILTER (WHERE NOT {kw} AND {clf}) AS classifier_only,
               count(*) FILTER (WHERE NOT {kw} AND NOT {clf}) AS neither,
               count(*) FILTER (WHERE ({kw}) = ({clf})) / nullif(count(*), 0) AS agreement
        FROM documents WHERE run_id = {ctx.run}""")
    parts = []
    for g in GROUPS:
        codes = [r.code for r in RISK_TYPES if r.group == g]
        k, c = _any("kw_risks", codes), _any("clf_risks", codes)
        parts.append(f"""SELECT {lit(g)} AS "group", count(*) FILTER (WHERE {k}) AS keyword,
               count(*) FILTER (WHERE {c}) AS classifier, count(*) FILTER (WHERE {k} AND {c}) AS both_flag,
               count(*) FILTER (WHERE ({k}) = ({c})) / nullif(count(*), 0) AS agreement
        FROM documents WHERE run_id = {ctx.run}""")
    ctx.table(it, "by_group", "\nUNION ALL\n".join(parts) + '\nORDER BY "group"')
    return it


def trend(ctx: Ctx) -> Item:
    it = Item("T.trend", "Trend across runs")
    ctx.table(it, "runs", """
        SELECT r.run_id, r.finished_at, r.input_records, r.kept, r.removed, r.rejected,
               (SELECT count(*) FILTER (WHERE NOT unsafe) / nullif(count(*), 0) FROM documents d
                 WHERE d.run_id = r.run_id) AS input_qualified_rate,
               (SELECT count(*) FILTER (WHERE decision = 'kept' AND NOT unsafe)
                       / nullif(count(*) FILTER (WHERE decision = 'kept'), 0) FROM documents d
                 WHERE d.run_id = r.run_id) AS kept_qualified_rate,
               r.removed / nullif(r.kept + r.removed, 0) AS removed_share
        FROM runs r ORDER BY r.finished_at, r.run_id""")
    return it


OUTSIDE = [
    ("B.2.1.1.2 a)", "Management system: requirements for diversity of data sources"),
    ("B.2.1.1.3 a)", "Management system: source management for open-source, self-collected, commercial and "
                     "user-input data"),
    ("B.2.1.1.3 d)", "Commercial data: review of the contracts, commitments and supporting materials themselves "
                     "(gensafe only shows that references are recorded)"),
    ("B.2.1.2.2", "Intellectual property: IP systems and rules, the designated IP lead and interviews, technical "
                  "solutions, service-interface tests, complaint channels, IP logs, user agreement"),
    ("B.2.1.2.3 a)", "Personal information: systems with security requirements for PI and sensitive PI"),
    ("B.2.1.2.3 b/c)", "Personal information: the individuals' (separate) consent documents or other lawful basis "
                       "behind kept PI"),
    ("B.2.1.3.1 a)", "Annotator management system documentation: the training, assessment, re-assessment, "
                     "suspension and revocation mechanisms as written policy (gensafe judges b)–d) from the records)"),
    ("B.2.1.3.2 c/d)", "Annotation rules: whether the functional and safety rule texts suit the provider's domains "
                       "and data (gensafe checks each part is present and substantive)"),
    ("B.2.1.3 records", "Annotation records kept outside gensafe: training and assessment documents themselves, "
                        "annotation platform logs not imported with `gensafe annotate`"),
]
