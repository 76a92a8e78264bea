"""B.2.1.1 data source safety: selection (5 % rule), diversity, traceability."""
from __future__ import annotations

from gensafe.audit.items import COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE, Ctx, Item
from gensafe.audit.registry_view import kind_expr, reg_cte, registry_filter, registry_note

RECORD_FRACTION = 0.10


# --------------------------------------------------------------------------- B.2.1.1.1

def source_selection(ctx: Ctx) -> Item:
    """Assessment and verification records, rejected sources unused, the ≥ 10 % record sample."""
    it = Item("B.2.1.1.1", "Data source selection (assessment / verification records, 5 % rule)")
    R = ctx.run
    if not ctx.has("source_assessments") or not ctx.con.execute("SELECT count(*) FROM source_assessments").fetchone()[0]:
        ctx.one(it, "summary", f"""
            SELECT count(DISTINCT source_id) AS run_sources, 0 AS records
            FROM documents WHERE run_id = {R}""")
        ctx.table(it, "sources_without_records", f"""
            SELECT source_id, count(*) AS documents, count(*) FILTER (WHERE decision = 'kept') AS kept
            FROM documents WHERE run_id = {R} GROUP BY source_id ORDER BY source_id""")
        it.check("a/b records exist", NON_COMPLIANT,
                 "no source assessment or verification records in the database: run `gensafe sources assess` "
                 "before collecting and `gensafe sources verify` after collecting")
        it.settle()
        return it
    handling = ctx.has("source_handling")
    h_exists = ("EXISTS (SELECT 1 FROM source_handling h WHERE h.assessment_id = l.assessment_id)"
                if handling else "false")
    h_list = ("(SELECT string_agg(action, ', ') FROM source_handling h WHERE h.assessment_id = a.assessment_id)"
              if handling else "NULL")
    ctx.one(it, "summary", f"""
        SELECT (SELECT count(*) FROM source_assessments) AS records,
               (SELECT count(*) FROM source_assessments WHERE phase = 'assessment') AS assessment_records,
               (SELECT count(*) FROM source_assessments WHERE phase = 'verification') AS verification_records,
               (SELECT count(DISTINCT source_id) FROM documents WHERE run_id = {R}) AS run_sources,
               (SELECT count(DISTINCT source_id) FROM documents WHERE run_id = {R}
                  AND source_id IN (SELECT source_id FROM source_assessments)) AS run_sources_with_records,
               (SELECT count(DISTINCT source_id) FROM documents WHERE run_id = {R}
                  AND source_id IN (SELECT source_id FROM source_assessments WHERE phase = 'verification'))
                  AS run_sources_verified""")
    ctx.table(it, "latest_records", f"""
        SELECT source_id, phase, assessment_id, sample_size, unsafe_count, rate, ci_low, ci_high,
               literal_verdict, verdict, created_at, {h_list} AS handling
        FROM (SELECT *, row_number() OVER (PARTITION BY source_id, phase
                                           ORDER BY created_at DESC, assessment_id DESC) AS rn
              FROM source_assessments) a
        WHERE rn = 1 ORDER BY source_id, phase""")
    missing = ctx.table(it, "sources_without_records", f"""
        SELECT source_id, count(*) AS documents, count(*) FILTER (WHERE decision = 'kept') AS kept
        FROM documents WHERE run_id = {R}
          AND coalesce(source_id, '') NOT IN (SELECT source_id FROM source_assessments)
        GROUP BY source_id ORDER BY source_id""")
    rejected = ctx.table(it, "rejected_sources", f"""
        WITH latest AS (
            SELECT source_id, phase, assessment_id, rate, literal_verdict, verdict,
                   row_number() OVER (PARTITION BY source_id ORDER BY created_at DESC, assessment_id DESC) AS rn
            FROM source_assessments)
        SELECT l.source_id, l.phase, l.assessment_id, l.rate, l.literal_verdict, l.verdict,
               (SELECT count(*) FROM documents d WHERE d.run_id = {R} AND d.source_id = l.source_id
                  AND d.decision = 'kept') AS kept_in_run,
               {h_exists} AS has_handling
        FROM latest l
        WHERE l.rn = 1 AND (l.literal_verdict = 'reject' OR l.verdict = 'reject')
        ORDER BY l.source_id""")
    used = [r for r in rejected if r["kept_in_run"]]
    unhandled = [r for r in rejected if not r["has_handling"]]
    it.numbers["rejected_sources"] = len(rejected)
    it.numbers["rejected_sources_used"] = len(used)
    it.numbers["rejected_sources_without_handling"] = len(unhandled)
    if used or unhandled:
        parts = []
        if used:
            parts.append("rejected source(s) still have kept documents in this run: "
                         + ", ".join(f"{r['source_id']} ({r['kept_in_run']})" for r in used))
        if unhandled:
            parts.append("rejected source(s) without a handling record: "
                         + ", ".join(r["source_id"] for r in unhandled))
        it.check("sources over 5 % not collected / not used", NON_COMPLIANT, "; ".join(parts))
    else:
        it.check("sources over 5 % not collected / not used", COMPLIANT,
                 f"{len(rejected)} source(s) whose latest record is over 5 %; none has kept documents in this run, "
                 "each has a handling record")
    if missing:
        it.notes.append(f"{len(missing)} source(s) of this run have no assessment or verification record: "
                        + ", ".join(str(r["source_id"]) for r in missing[:20])
                        + (" …" if len(missing) > 20 else "") + "; the 5 % rule cannot be shown for them")
    _record_sample(ctx, it)
    it.settle()
    return it


def _record_sample(ctx: Ctx, it: Item) -> None:
    from gensafe.admission.recompute import audit_records

    rep = audit_records(ctx.con, RECORD_FRACTION, ctx.seed)
    it.numbers.update({"sample_fraction": RECORD_FRACTION, "sample_seed": ctx.seed,
                       "sampled_records": rep["sampled"], "sample_all_match": rep["all_match"]})
    it.rows["record_sample"] = [
        {"assessment_id": r["assessment_id"], "phase": r["phase"], "source_id": r["source_id"],
         "stored_rate": r["stored"]["rate"], "recomputed_rate": r["recomputed"]["rate"],
         "stored_verdict": r["stored"]["verdict"], "recomputed_verdict": r["recomputed"]["verdict"],
         "handling": ", ".join(r["handling"]), "match": r["match"],
         "failed_checks": ", ".join(k for k, v in r["checks"].items() if not v)}
        for r in rep["records"]]
    it.notes.append(f"record sample: {rep['sampled']} of {rep['total_records']} records (≥ 10 %) drawn with "
                    f"gensafe.admission.recompute.audit_records(con, {RECORD_FRACTION}, seed={ctx.seed}) and "
                    "recomputed from assessment_samples; `gensafe audit sample-records --db DB "
                    f"--seed {ctx.seed}` repeats it")
    if rep["all_match"]:
        it.check("≥ 10 % record sample recomputes", COMPLIANT,
                 f"all {rep['sampled']} sampled record(s) reproduce (rate, interval, verdicts, handling)")
    else:
        bad = [r for r in it.rows["record_sample"] if not r["match"]]
        it.check("≥ 10 % record sample recomputes", NON_COMPLIANT,
                 "; ".join(f"{r['assessment_id']} ({r['source_id']}): {r['failed_checks']}" for r in bad))


# --------------------------------------------------------------------------- B.2.1.1.2

def diversity(ctx: Ctx) -> Item:
    """Sources per language and modality among the sources used for training; domestic/foreign mix."""
    it = Item("B.2.1.1.2", "Matching of training data from different sources (diversity)")
    R = ctx.run
    it.notes.append(registry_note(ctx))
    has_reg = registry_filter(ctx) is not None
    per = f"""WITH {reg_cte(ctx)},
        used AS (SELECT source_id, count(*) FILTER (WHERE decision = 'kept') AS kept,
                        list(DISTINCT lang ORDER BY lang) FILTER (WHERE lang IS NOT NULL) AS doc_langs
                 FROM documents WHERE run_id = {R} GROUP BY source_id HAVING count(*) FILTER (WHERE decision = 'kept') > 0),
        per AS (SELECT u.source_id, u.kept, coalesce(r.modality, 'text') AS modality,
                       coalesce(r.origin, 'unknown') AS origin,
                       CASE WHEN len(coalesce(r.languages, [])) > 0 THEN r.languages
                            WHEN len(coalesce(u.doc_langs, [])) > 0 THEN u.doc_langs
                            ELSE ['unknown'] END AS languages
                FROM used u LEFT JOIN reg r USING (source_id))"""
    ctx.table(it, "sources", f"{per}\nSELECT * FROM per ORDER BY source_id")
    langs = ctx.table(it, "by_language", f"""{per}
        SELECT language, count(*) AS sources, string_agg(source_id, ', ' ORDER BY source_id) AS source_ids
        FROM (SELECT source_id, unnest(languages) AS language FROM per) GROUP BY language ORDER BY language""")
    mods = ctx.table(it, "by_modality", f"""{per}
        SELECT modality, count(*) AS sources, string_agg(source_id, ', ' ORDER BY source_id) AS source_ids
        FROM per GROUP BY modality ORDER BY modality""")
    ctx.table(it, "by_origin", f"""{per}
        SELECT origin, count(*) AS sources, sum(kept) AS kept_documents FROM per GROUP BY origin ORDER BY origin""")
    n = ctx.one(it, "summary", f"""{per}
        SELECT count(*) AS sources_used,
               count(*) FILTER (WHERE origin = 'domestic') AS domestic_sources,
               count(*) FILTER (WHERE origin = 'foreign') AS foreign_sources,
               count(*) FILTER (WHERE origin = 'unknown') AS unknown_origin_sources,
               coalesce(sum(kept), 0) AS kept_documents,
               coalesce(sum(kept) FILTER (WHERE origin = 'foreign'), 0) AS foreign_kept_documents,
               coalesce(sum(kept) FILTER (WHERE origin = 'foreign'), 0) / nullif(sum(kept), 0) AS foreign_kept_share
        FROM per""")
    single = [f"language {r['language']!r} ({r['source_ids']})" for r in langs if r["sources"] == 1]
    single += [f"modality {r['modality']!r} ({r['source_ids']})" for r in mods if r["sources"] == 1]
    it.numbers["single_source_groups"] = len(single)
    if not n.get("sources_used"):
        it.check("multiple sources per language and modality", NOT_APPLICABLE, "no kept documents in this run")
    elif single:
        it.check("multiple sources per language and modality", NON_COMPLIANT,
                 "served by a single source: " + "; ".join(single))
    else:
        it.check("multiple sources per language and modality", COMPLIANT,
                 f"{len(langs)} language(s), {len(mods)} modality(ies), each with ≥ 2 sources")
    if not has_reg:
        it.check("domestic / foreign mix", NOT_APPLICABLE,
                 "origins unknown without a source registry (store one with `gensafe sources report --db`)")
    elif n.get("foreign_sources") and not n.get("domestic_sources"):
        it.check("domestic / foreign mix", NON_COMPLIANT, "only foreign sources are used: no domestic data")
    else:
        share = n.get("foreign_kept_share")
        it.check("domestic / foreign mix", COMPLIANT,
                 f"{n.get('domestic_sources')} domestic, {n.get('foreign_sources')} foreign source(s); foreign share "
                 f"of kept documents {share * 100:.2f} %" if share is not None else "no foreign data")
    it.settle()
    return it


# --------------------------------------------------------------------------- B.2.1.1.3

WEB = "('self_collected', 'domain')"


def traceability(ctx: Ctx, self_collected_sample: int = 1000, optout_sample: int = 100) -> Item:
    """Licences of open-source datasets, collection records and opt-outs, contracts and authorisations."""
    it = Item("B.2.1.1.3", "Training data source management and traceability")
    R = ctx.run
    it.notes.append(registry_note(ctx))
    kind = kind_expr(ctx)
    lv = "d.license_verdict" if ctx.col("license_verdict") else "NULL::VARCHAR"
    lok = "d.license_ok" if ctx.col("license_ok") else "NULL::BOOLEAN"
    src_checked = (f"d.source_id IN (SELECT source_id FROM source_provenance WHERE run_id = {R} "
                   "AND license_verdict IS NOT NULL)" if ctx.has("source_provenance") else "false")
    docs = f"""WITH {reg_cte(ctx)},
        docs AS (SELECT d.source_id, d.decision, {kind} AS kind, {lv} AS license_verdict, {lok} AS license_ok,
                        {src_checked} AS source_checked
                 FROM documents d LEFT JOIN reg ON reg.source_id = d.source_id WHERE d.run_id = {R})"""
    # b) open-source datasets
    ctx.table(it, "open_source_datasets", f"""{docs}
        SELECT source_id, count(*) AS documents, count(license_verdict) AS documents_checked,
               bool_or(source_checked) AS checked_at_source_level,
               count(*) FILTER (WHERE decision = 'kept' AND license_ok = false) AS kept_not_ok
        FROM docs WHERE kind = 'open_source' GROUP BY source_id ORDER BY source_id""")
    b = ctx.one(it, "licences", f"""{docs}
        SELECT count(DISTINCT source_id) FILTER (WHERE kind = 'open_source') AS open_source_datasets,
               count(DISTINCT source_id) FILTER (WHERE kind = 'open_source'
                     AND (license_verdict IS NOT NULL OR source_checked)) AS open_source_datasets_checked,
               count(license_verdict) AS documents_licence_checked,
               count(*) FILTER (WHERE decision = 'kept' AND license_ok = false) AS kept_licence_not_ok
        FROM docs""")
    n_os, n_chk = b["open_source_datasets"], b["open_source_datasets_checked"]
    it.numbers["open_source_checked_share"] = (n_chk / n_os) if n_os else None
    if not ctx.col("license_ok") and not n_os:
        it.check("b) open-source licences", NOT_APPLICABLE,
                 "no open-source datasets known and no licence stage in this run")
    elif b["kept_licence_not_ok"]:
        it.check("b) open-source licences", NON_COMPLIANT,
                 f"{b['kept_licence_not_ok']} kept document(s) have license_ok = false")
    elif n_os and n_chk / n_os < 0.10:
        it.check("b) open-source licences", NON_COMPLIANT,
                 f"licences checked for {n_chk} of {n_os} open-source dataset(s) (< 10 %)")
    else:
        it.check("b) open-source licences", COMPLIANT,
                 (f"licences checked for {n_chk} of {n_os} open-source dataset(s) "
                  f"({n_chk / n_os * 100:.0f} % ≥ 10 %); " if n_os else "")
                 + f"{b['documents_licence_checked']} document(s) licence-checked, none kept with license_ok = false")
    _self_collected(ctx, it, self_collected_sample, optout_sample)
    _contracts(ctx, it)
    it.settle()
    return it


def _self_collected(ctx: Ctx, it: Item, n_records: int, n_optout: int) -> None:
    R = ctx.run
    kind = kind_expr(ctx)
    rok = "d.record_ok" if ctx.col("record_ok") else "NULL::BOOLEAN"
    base = f"""WITH {reg_cte(ctx)},
        sc AS (SELECT d.doc_id, d.decision, {rok} AS record_ok FROM documents d
               LEFT JOIN reg ON reg.source_id = d.source_id WHERE d.run_id = {R} AND {kind} IN {WEB})"""
    c = ctx.one(it, "self_collected", f"""{base}
        SELECT count(*) AS self_collected_documents, count(record_ok) AS self_collected_records_checked,
               least({n_records}, count(*)) AS self_collected_required,
               count(*) FILTER (WHERE decision = 'kept') AS self_collected_kept,
               count(*) FILTER (WHERE decision = 'kept' AND record_ok = false) AS self_collected_kept_record_not_ok
        FROM sc""")
    if not c["self_collected_documents"]:
        it.check("c) self-collected: collection records and opt-outs", NOT_APPLICABLE,
                 "no self-collected documents known in this run (source kind self_collected/domain from the "
                 "records stage or the registry)")
        return
    problems = []
    if c["self_collected_records_checked"] < c["self_collected_required"]:
        problems.append(f"collection records checked for {c['self_collected_records_checked']} document(s), "
                        f"fewer than min(1000, all) = {c['self_collected_required']} (add the records stage)")
    if c["self_collected_kept_record_not_ok"]:
        problems.append(f"{c['self_collected_kept_record_not_ok']} kept self-collected document(s) lack a valid "
                        "collection record (record_ok = false)")
    problems += _optout_sample(ctx, it, n_records, n_optout)
    it.check("c) self-collected: collection records and opt-outs", NON_COMPLIANT if problems else COMPLIANT,
             "; ".join(problems) if problems else
             f"{c['self_collected_records_checked']} records checked (≥ {c['self_collected_required']}), "
             f"{it.numbers.get('optout_sampled')} sampled items free of opt-out violations")


def _optout_sample(ctx: Ctx, it: Item, n_records: int, n_optout: int) -> list[str]:
    """Draw B.2.1.1.3 c)'s sample with the provenance module when it offers one."""
    try:
        from gensafe.provenance.records import sample_self_collected
    except ImportError:
        sample_self_collected = None  # type: ignore[assignment]
    R = ctx.run
    if not ctx.col("robots_verdict"):
        it.numbers["optout_sampled"] = 0
        return ["no opt-out verdicts (robots_verdict) in this run: add the robots stage"]
    cols = ["doc_id", "source_id", "url", "timestamp", "record_ok", "robots_verdict", "robots_ok", "optout",
            "robots_rule", "robots_snapshot", "robots_reason"]
    sel = ", ".join(f"d.{c}" if ctx.col(c) else f"NULL AS {c}" for c in cols)
    sql = f"""WITH {reg_cte(ctx)}
        SELECT {sel}, {kind_expr(ctx)} AS source_kind FROM documents d LEFT JOIN reg ON reg.source_id = d.source_id
        WHERE d.run_id = {R} AND d.decision = 'kept' AND {kind_expr(ctx)} IN {WEB} ORDER BY d.doc_id"""
    rows = ctx.query(sql)
    it.sql["optout_population"] = sql
    problems: list[str] = []
    drawn = None
    if sample_self_collected is not None:
        try:
            drawn = sample_self_collected(rows, ctx.seed, n_records, n_optout)
        except ValueError as exc:  # rows without a robots verdict: draw without the helper
            it.notes.append(f"sample_self_collected: {exc}")
    if drawn is not None:
        recs, opt = drawn["records"], drawn["optout"]
        how = (f"gensafe.provenance.records.sample_self_collected(rows, seed={ctx.seed}, "
               f"n_records={n_records}, n_optout={n_optout}) over the rows of optout_population")
    else:  # same idea without the helper: a seeded draw over doc ids
        import random

        rng = random.Random(ctx.seed)
        recs = rng.sample(rows, min(n_records, len(rows)))
        opt = rng.sample(recs, min(n_optout, len(recs)))
        how = f"random.Random({ctx.seed}).sample over the rows of optout_population"
    bad_rec = [r for r in recs if r.get("record_ok") is False]
    viol = [r for r in opt if r.get("robots_ok") is False]
    it.numbers.update({"record_sampled": len(recs), "record_sample_failures": len(bad_rec),
                       "optout_sampled": len(opt), "optout_violations": len(viol)})
    it.rows["optout_sample"] = [{k: r.get(k) for k in ("doc_id", "url", "robots_verdict", "robots_ok", "optout")}
                                for r in opt]
    it.notes.append(f"self-collected sample: {how}")
    if bad_rec:
        problems.append(f"{len(bad_rec)} of {len(recs)} sampled kept self-collected items fail the collection "
                        "record check")
    if len(opt) < min(n_optout, len(rows)):
        problems.append(f"only {len(opt)} items sampled for the opt-out check")
    if viol:
        problems.append(f"{len(viol)} of {len(opt)} sampled items violate an opt-out: "
                        + ", ".join(str(r.get("doc_id")) for r in viol[:10]))
    return problems


def _contracts(ctx: Ctx, it: Item) -> None:
    R = ctx.run
    if registry_filter(ctx) is None:
        it.check("d/e) commercial and user-input records", NOT_APPLICABLE,
                 "no source registry: commercial and user-input sources cannot be identified")
        return
    rows = ctx.table(it, "commercial_user_input", f"""WITH {reg_cte(ctx)}
        SELECT reg.source_id, reg.kind, reg.contracts, reg.commitments, reg.authorizations, reg.consent,
               CASE WHEN reg.kind = 'commercial'
                    THEN len(coalesce(reg.contracts, [])) > 0 AND len(coalesce(reg.commitments, [])) > 0
                    ELSE len(coalesce(reg.authorizations, [])) + len(coalesce(reg.consent, [])) > 0 END AS records_ok
        FROM reg WHERE reg.kind IN ('commercial', 'user_input')
          AND reg.source_id IN (SELECT DISTINCT source_id FROM documents WHERE run_id = {R})
        ORDER BY reg.source_id""")
    it.numbers["commercial_user_input_sources"] = len(rows)
    it.numbers["commercial_user_input_missing_records"] = sum(1 for r in rows if not r["records_ok"])
    if not rows:
        it.check("d/e) commercial and user-input records", NOT_APPLICABLE,
                 "no commercial or user-input sources in this run")
    elif any(not r["records_ok"] for r in rows):
        it.check("d/e) commercial and user-input records", NON_COMPLIANT,
                 "missing contract/commitment or authorisation references: "
                 + ", ".join(f"{r['source_id']} ({r['kind']})" for r in rows if not r["records_ok"]))
    else:
        it.check("d/e) commercial and user-input records", COMPLIANT,
                 f"{len(rows)} source(s), each with its contract and commitments or user authorisation references")
