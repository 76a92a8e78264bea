"""B.2.1.2 data content: filtering (technical and manual spot checks) and personal information."""
from __future__ import annotations

from gensafe.audit.items import COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE, Ctx, Item, cp_interval, pct
from gensafe.audit.registry_view import modality_expr, reg_cte, registry_note
from gensafe.taxonomy import UNSAFE_CODES

TECH_MIN_SHARE = 0.10
TECH_MIN_RATE = 0.98
MANUAL_MIN_ITEMS = 4000
MANUAL_MIN_RATE = 0.96
PI_SAMPLE = 4000


def content_filtering(ctx: Ctx) -> Item:
    """Technical spot check over the whole input (qualified rate of the kept data), manual spot check."""
    it = Item("B.2.1.2.1", "Training data content filtering (technical and manual spot checks)")
    R = ctx.run
    it.notes.append(registry_note(ctx) + "; documents of unregistered sources count as text")
    per_mod = f"""WITH {reg_cte(ctx)},
        docs AS (SELECT d.*, {modality_expr()} AS modality FROM documents d
                 LEFT JOIN reg ON reg.source_id = d.source_id WHERE d.run_id = {R})"""
    mods = ctx.table(it, "technical", f"""{per_mod}
        SELECT modality, count(*) AS input_documents, count(decision) AS checked_documents,
               count(decision) / count(*) AS checked_share,
               count(*) FILTER (WHERE NOT unsafe) AS input_qualified,
               count(*) FILTER (WHERE NOT unsafe) / count(*) AS input_qualified_rate,
               count(*) FILTER (WHERE decision = 'kept') AS kept,
               count(*) FILTER (WHERE decision = 'kept' AND NOT unsafe) AS kept_qualified,
               count(*) FILTER (WHERE decision = 'kept' AND NOT unsafe)
                   / nullif(count(*) FILTER (WHERE decision = 'kept'), 0) AS kept_qualified_rate
        FROM docs GROUP BY modality ORDER BY modality""")
    ctx.one(it, "technical_all", f"""
        SELECT count(*) AS input_documents, count(decision) AS checked_documents,
               count(decision) / nullif(count(*), 0) AS checked_share,
               count(*) FILTER (WHERE NOT unsafe) AS input_qualified,
               count(*) FILTER (WHERE NOT unsafe) / nullif(count(*), 0) AS input_qualified_rate,
               count(*) FILTER (WHERE decision = 'kept') AS kept,
               count(*) FILTER (WHERE decision = 'kept' AND NOT unsafe) AS kept_qualified,
               count(*) FILTER (WHERE decision = 'kept' AND NOT unsafe)
                   / nullif(count(*) FILTER (WHERE decision = 'kept'), 0) AS kept_qualified_rate
        FROM documents WHERE run_id = {R}""")
    sig_cols = sorted(c for c in ctx.doc_cols if c.endswith("_risks"))
    if sig_cols:
        codes = ", ".join(f"'{c}'" for c in sorted(UNSAFE_CODES))
        merged = "list_concat(" + ", ".join(f"coalesce({c}, [])" for c in sig_cols) + ")" if len(sig_cols) > 1 \
            else f"coalesce({sig_cols[0]}, [])"
        ctx.one(it, "kept_signals", f"""
            SELECT count(*) FILTER (WHERE list_has_any({merged}, [{codes}])) AS kept_with_unconfirmed_signal
            FROM documents WHERE run_id = {R} AND decision = 'kept'""")
        it.notes.append(f"kept_with_unconfirmed_signal: kept documents on which a stage raised an A.1–A.4 code "
                        f"({', '.join(sig_cols)}) that no removal rule confirmed; they count as qualified under the "
                        "policy and are worth a look in the manual spot check")
    n = it.numbers
    n["kept_ci_low"], n["kept_ci_high"] = cp_interval(n["kept_qualified"], n["kept"])
    n["input_ci_low"], n["input_ci_high"] = cp_interval(n["input_qualified"], n["input_documents"])
    for m in mods:
        m["kept_ci_low"], m["kept_ci_high"] = cp_interval(m["kept_qualified"], m["kept"])
        m["input_ci_low"], m["input_ci_high"] = cp_interval(m["input_qualified"], m["input_documents"])
    it.notes.append("technical spot check: every input document is checked automatically (keywords, classifier and "
                    "the other stages), so the checked share is 100 % ≥ 10 %; the qualified rate is that of the kept "
                    "(training) data. The kept set is qualified by construction of the policy (documents carrying a "
                    "risk rule's code are removed); the input qualified rate shows what the filter removed")
    bad = []
    for m in mods:
        if m["checked_share"] < TECH_MIN_SHARE:
            bad.append(f"{m['modality']}: checked share {pct(m['checked_share'])} < 10 %")
        if m["kept"] and m["kept_qualified_rate"] < TECH_MIN_RATE:
            bad.append(f"{m['modality']}: kept qualified rate {pct(m['kept_qualified_rate'])} < 98 %")
    if not mods or not n["kept"]:
        it.check("b) technical spot check ≥ 10 %, qualified ≥ 98 %", NOT_APPLICABLE, "no kept documents in this run")
    elif bad:
        it.check("b) technical spot check ≥ 10 %, qualified ≥ 98 %", NON_COMPLIANT, "; ".join(bad))
    else:
        it.check("b) technical spot check ≥ 10 %, qualified ≥ 98 %", COMPLIANT, "; ".join(
            f"{m['modality']}: {m['checked_documents']} of {m['input_documents']} checked, kept qualified rate "
            f"{pct(m['kept_qualified_rate'])} (CP95 [{pct(m['kept_ci_low'])}, {pct(m['kept_ci_high'])}]), "
            f"input {pct(m['input_qualified_rate'])}" for m in mods))
    _manual(ctx, it, [m["modality"] for m in mods if m["kept"]])
    it.settle()
    return it


def _manual(ctx: Ctx, it: Item, modalities: list[str]) -> None:
    name = "a) manual spot check ≥ 4,000 items, qualified ≥ 96 %"
    howto = ("run `gensafe review export --db DB --per-modality 4000 …`, have the items labelled, then "
             "`gensafe review import FILE --db DB`")
    if not ctx.has("review_results") or not ctx.has("review_tasks"):
        it.numbers["manual_results"] = 0
        it.check(name, NON_COMPLIANT, f"no manual spot-check results (review_results): {howto}")
        return
    R = ctx.run
    rows = ctx.table(it, "manual", f"""
        SELECT modality, task_id, n_items, n_labelled, manual_qualified, qualified_rate, ci_low, ci_high,
               meets_b2121, computed_at
        FROM (SELECT r.*, row_number() OVER (PARTITION BY modality ORDER BY computed_at DESC, task_id DESC) AS rn
              FROM review_results r
              WHERE r.scope = 'all' AND r.task_id IN (
                  SELECT DISTINCT task_id FROM review_tasks
                  WHERE doc_id IN (SELECT doc_id FROM documents WHERE run_id = {R})))
        WHERE rn = 1 ORDER BY modality""")
    ctx.table(it, "manual_agreement", f"""
        SELECT modality, task_id, scope, n_labelled, manual_positive, auto_positive, agreement, kappa
        FROM review_results WHERE task_id IN (
            SELECT DISTINCT task_id FROM review_tasks WHERE doc_id IN (SELECT doc_id FROM documents WHERE run_id = {R}))
        ORDER BY modality, task_id, scope""")
    it.numbers["manual_results"] = len(rows)
    if not rows:
        it.check(name, NON_COMPLIANT, f"no manual spot-check results for documents of this run: {howto}")
        return
    by_mod = {r["modality"]: r for r in rows}
    bad = []
    for mod in modalities or list(by_mod):
        r = by_mod.get(mod)
        if r is None:
            bad.append(f"{mod}: no manual spot check")
            continue
        if (r["n_labelled"] or 0) < MANUAL_MIN_ITEMS:
            bad.append(f"{mod}: {r['n_labelled']} items labelled < {MANUAL_MIN_ITEMS}")
        if r["qualified_rate"] is None or r["qualified_rate"] < MANUAL_MIN_RATE:
            bad.append(f"{mod}: qualified rate {pct(r['qualified_rate'])} < 96 %")
    first = by_mod.get(modalities[0] if modalities else rows[0]["modality"]) or rows[0]
    it.numbers.update({"manual_labelled": first["n_labelled"], "manual_qualified_rate": first["qualified_rate"],
                       "manual_ci_low": first["ci_low"], "manual_ci_high": first["ci_high"]})
    detail = "; ".join(f"{r['modality']}: task {r['task_id']}, {r['n_labelled']} labelled, qualified "
                       f"{pct(r['qualified_rate'])} (CP95 [{pct(r['ci_low'])}, {pct(r['ci_high'])}])" for r in rows)
    it.check(name, NON_COMPLIANT if bad else COMPLIANT, ("; ".join(bad) + " — " + detail) if bad else detail)


# --------------------------------------------------------------------------- B.2.1.2.3

def personal_information(ctx: Ctx) -> Item:
    """PI and sensitive PI in input and kept data, how it was handled, and the 4,000-item sample."""
    it = Item("B.2.1.2.3", "Personal information protection")
    R = ctx.run
    if not (ctx.col("pii_count") or ctx.col("pii")):
        it.check("d/e) 4,000-item samples", NON_COMPLIANT,
                 "no personal-information annotations in this run (columns pii / pii_count): add the pii stage")
        it.settle()
        return it
    has_pi = "coalesce(pii_count, 0) > 0" if ctx.col("pii_count") else "len(coalesce(pii, [])) > 0"
    has_sens = ("coalesce(pii_sensitive_count, 0) > 0" if ctx.col("pii_sensitive_count")
                else "len(list_filter(coalesce(pii, []), lambda x: x.sensitive)) > 0")
    masked = "coalesce(text_masked, false)" if ctx.col("text_masked") else "false"
    consent = "coalesce(pii_reason, '') LIKE '%consent records%'" if ctx.col("pii_reason") else "false"
    pi_removed = "coalesce(pii_ok, true) = false" if ctx.col("pii_ok") else "false"
    flags = f"""SELECT doc_id, decision, {has_pi} AS has_pi, {has_sens} AS has_sensitive,
                       {masked} AS masked, {consent} AS consent, {pi_removed} AS pi_removed"""
    ctx.one(it, "input_and_kept", f"""
        WITH f AS ({flags} FROM documents WHERE run_id = {R})
        SELECT count(*) AS documents,
               count(*) FILTER (WHERE has_pi) AS input_with_pi,
               count(*) FILTER (WHERE has_sensitive) AS input_with_sensitive_pi,
               count(*) FILTER (WHERE decision = 'kept' AND has_pi) AS kept_with_pi,
               count(*) FILTER (WHERE decision = 'kept' AND has_sensitive) AS kept_with_sensitive_pi,
               count(*) FILTER (WHERE has_pi AND masked) AS pi_masked,
               count(*) FILTER (WHERE has_sensitive AND masked) AS sensitive_pi_masked,
               count(*) FILTER (WHERE has_pi AND decision = 'removed' AND pi_removed) AS pi_removed,
               count(*) FILTER (WHERE has_sensitive AND decision = 'removed' AND pi_removed) AS sensitive_pi_removed,
               count(*) FILTER (WHERE decision = 'kept' AND has_pi AND consent) AS kept_under_consent,
               count(*) FILTER (WHERE decision = 'kept' AND has_sensitive AND consent) AS kept_sensitive_under_consent,
               count(*) FILTER (WHERE decision = 'kept' AND has_pi AND NOT masked AND NOT consent)
                   AS kept_pi_unmasked_without_consent,
               count(*) FILTER (WHERE decision = 'kept' AND has_sensitive AND NOT masked AND NOT consent)
                   AS kept_sensitive_unmasked_without_consent
        FROM f""")
    s = ctx.one(it, "sample", f"""
        WITH f AS ({flags} FROM documents WHERE run_id = {R} AND decision = 'kept'),
             s AS (SELECT * FROM f ORDER BY md5(concat('{ctx.seed}', ':', doc_id)), doc_id LIMIT {PI_SAMPLE})
        SELECT count(*) AS sample_size,
               count(*) FILTER (WHERE has_pi) AS sample_with_pi,
               count(*) FILTER (WHERE has_sensitive) AS sample_with_sensitive_pi,
               count(*) FILTER (WHERE has_pi AND masked) AS sample_masked,
               count(*) FILTER (WHERE has_pi AND consent) AS sample_under_consent,
               count(*) FILTER (WHERE has_pi AND NOT has_sensitive AND NOT masked AND NOT consent)
                   AS sample_pi_unhandled,
               count(*) FILTER (WHERE has_sensitive AND NOT masked AND NOT consent) AS sample_sensitive_unhandled
        FROM s""")
    it.notes.append(f"sample: up to {PI_SAMPLE} kept documents ordered by md5('{ctx.seed}:' || doc_id) "
                    "(seeded, reproducible with the SQL), PI findings from the pii column")
    it.notes.append("'unhandled' = PI kept in training data neither masked (text_masked) nor under a consent "
                    "record (pii_reason); types the PII policy keeps (e.g. sensitive:* by default) count here, "
                    "since only the provider can show consent or another lawful basis for them")
    if ctx.has("review_tasks"):
        ctx.table(it, "review_samples", f"""
            SELECT task_id, modality, count(*) AS items_drawn FROM review_tasks
            WHERE doc_id IN (SELECT doc_id FROM documents WHERE run_id = {R})
            GROUP BY task_id, modality ORDER BY task_id, modality""")
    if not s["sample_size"]:
        it.check("d) PI in the sample", NOT_APPLICABLE, "no kept documents")
        it.check("e) sensitive PI in the sample", NOT_APPLICABLE, "no kept documents")
    else:
        short = s["sample_size"] < PI_SAMPLE
        size = f"{s['sample_size']} items" + (" (all kept documents)" if short else "")
        it.check("d) PI in the sample", NON_COMPLIANT if s["sample_pi_unhandled"] else COMPLIANT,
                 f"{size}: {s['sample_with_pi']} with PI ({s['sample_masked']} masked, {s['sample_under_consent']} "
                 f"under consent); {s['sample_pi_unhandled']} with non-sensitive PI neither masked nor consented")
        it.check("e) sensitive PI in the sample", NON_COMPLIANT if s["sample_sensitive_unhandled"] else COMPLIANT,
                 f"{size}: {s['sample_with_sensitive_pi']} with sensitive PI; {s['sample_sensitive_unhandled']} "
                 "neither masked nor under separate consent")
    it.settle()
    return it
