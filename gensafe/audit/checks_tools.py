"""B.1.1 keyword library and B.1.4 classifier status for the run under audit."""
from __future__ import annotations

import datetime as _dt
import json
import os
import tomllib
from pathlib import Path
from typing import Any

from gensafe.audit.items import COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE, Ctx, Item
from gensafe.taxonomy import CODES

MAX_AGE_DAYS = 7


def _library_candidates(run: dict[str, Any]) -> list[Path]:
    """Where the run's keyword library may live: provenance, the config's keywords stage, the default."""
    out: list[Path] = []
    prov = run.get("provenance") or {}
    for key in ("keyword_library_path", "keyword_library_dir"):
        if prov.get(key):
            out.append(Path(str(prov[key])))
    try:
        cfg = tomllib.loads(run.get("config_text") or "")
    except tomllib.TOMLDecodeError:
        cfg = {}
    base = Path(run["config_path"]).parent if run.get("config_path") else Path.cwd()
    for st in cfg.get("stages", []) or []:
        if not isinstance(st, dict) or "keyword" not in str(st.get("type", "")):
            continue
        if st.get("library"):
            p = Path(str(st["library"]))
            out += [p] if p.is_absolute() else [base / p, Path.cwd() / p, Path(__file__).resolve().parents[2] / p]
        else:
            try:
                from gensafe.keywords.stage import DEFAULT_LIBRARY

                out.append(Path(DEFAULT_LIBRARY))
            except ImportError:
                pass
    return out


def keyword_library(ctx: Ctx) -> Item:
    """Versions and hash used; coverage and age by the keyword module's B.1.1 check when resolvable."""
    it = Item("B.1.1", "Keyword library used in the run (coverage, age, version)")
    r = ctx.one(it, "versions", f"""
        SELECT keyword_library, keyword_library_version, keyword_library_hash,
               json_extract_string(provenance, '$.keyword_library_updated') AS keyword_library_updated,
               CAST(started_at AS DATE) AS run_date
        FROM runs WHERE run_id = {ctx.run}""")
    if not r.get("keyword_library"):
        it.check("keyword library recorded", NON_COMPLIANT, "the run records no keyword library (no keywords stage)")
        it.settle()
        return it
    run_date = _dt.date.fromisoformat(str(r["run_date"])) if r.get("run_date") else _dt.date.today()
    if r.get("keyword_library_updated"):
        try:
            age = (run_date - _dt.date.fromisoformat(str(r["keyword_library_updated"])[:10])).days
            it.numbers["age_days_at_run"] = age
        except ValueError:
            age = None
    else:
        age = None
    row = ctx.con.execute("SELECT provenance, config_text, config_path FROM runs WHERE run_id = ?",
                          [ctx.run_id]).fetchone()
    run = {"provenance": json.loads(row[0]) if row[0] else {}, "config_text": row[1], "config_path": row[2]}
    try:
        from gensafe.keywords import library as kwlib
    except ImportError:
        kwlib = None  # type: ignore[assignment]
    lib = None
    if kwlib is not None and hasattr(kwlib, "check_compliance") and hasattr(kwlib, "load_library"):
        for p in _library_candidates(run):
            if not p.is_dir():
                continue
            try:
                cand = kwlib.load_library(p)
            except Exception:  # a broken library folder is reported as unresolvable
                continue
            if not r.get("keyword_library_hash") or cand.content_hash == r["keyword_library_hash"]:
                lib, it.numbers["library_path"] = cand, os.path.abspath(p)
                break
            it.notes.append(f"library at {p} has hash {cand.content_hash}, not the run's: it changed since the run")
    recorded = run["provenance"].get("keyword_library_coverage")
    if lib is not None:
        d = kwlib.check_compliance(lib, as_of=run_date).as_dict()
    elif isinstance(recorded, dict) and "codes" in recorded:
        # the library has moved on since the run: judge the coverage the run recorded when it started
        d = recorded
        it.notes.append("coverage as recorded in runs.provenance.keyword_library_coverage when the run started "
                        f"(as of {recorded.get('as_of')}); the library folder has changed since")
    else:
        it.notes.append("library not resolvable here (path from runs.provenance / config_text / the default): "
                        "coverage not checked; versions and hash as recorded")
        if age is not None and age > MAX_AGE_DAYS:
            it.check("updated at least weekly", NON_COMPLIANT, f"{age} days old when the run started (> 7)")
        else:
            it.check("coverage and age", NOT_APPLICABLE, "library not resolvable: coverage not checked")
        it.settle()
        return it
    it.numbers.update({"total_distinct_terms": d["total_distinct_terms"], "min_total": d["min_total"],
                       "age_days_at_run": d["age_days"], "codes_short": sum(1 for c in d["codes"] if not c["ok"])})
    it.rows["coverage"] = [{k: c.get(k) for k in ("code", "name", "required", "total", "ok")} for c in d["codes"]]
    it.check("B.1.1 coverage (≥ 10,000 terms, ≥ 200 per A.1, ≥ 100 per A.2) and age (≤ 7 days)",
             COMPLIANT if d["compliant"] else NON_COMPLIANT,
             "; ".join(d["problems"]) if d["problems"] else
             f"{d['total_distinct_terms']} distinct terms, every A.1/A.2 type covered, {d['age_days']} day(s) old "
             "when the run started")
    it.settle()
    return it


def classifier(ctx: Ctx) -> Item:
    """Model version/hash used, and whether every document was scored by it.

    B.1.4 asks for a model covering all the risk types.  Every document must
    carry the any-unsafe score (``clf_unsafe``, the head trained on every
    A.1-A.4 type); the per-code scores (``clf_scores``) are there for every
    document the head flagged or gated (``code_scores = "flagged"``, the
    default: the code heads only name the risk) or for all (``"all"``), and
    each present list must hold one score per taxonomy code.
    """
    it = Item("B.1.4", f"Classification model used in the run (versions, {len(CODES)}-code coverage)")
    ctx.one(it, "versions", f"SELECT model, model_version, model_hash FROM runs WHERE run_id = {ctx.run}")
    if not ctx.col("clf_scores") or not ctx.col("clf_unsafe"):
        it.check("classifier scores", NON_COMPLIANT, "no classifier scores (clf_unsafe, clf_scores) in this run: "
                 "add the classifier stage")
        it.settle()
        return it
    n = ctx.one(it, "scores", f"""
        SELECT count(*) AS documents, count(clf_unsafe) AS scored, count(clf_scores) AS with_code_scores,
               count(*) FILTER (WHERE clf_scores IS NOT NULL
                                      AND len(list_filter(clf_scores, lambda s: s IS NOT NULL AND NOT isnan(s)))
                                          <> {len(CODES)}) AS incomplete_code_scores,
               count(*) FILTER (WHERE len(clf_risks) > 0 OR len(clf_weak_risks) > 0) AS flagged_or_gated,
               count(*) FILTER (WHERE (len(clf_risks) > 0 OR len(clf_weak_risks) > 0)
                                      AND clf_scores IS NULL) AS flagged_without_codes
        FROM documents WHERE run_id = {ctx.run}""")
    if n["scored"] == n["documents"] and not n["incomplete_code_scores"] and not n["flagged_without_codes"]:
        it.check("every document scored", COMPLIANT,
                 f"all {n['documents']} documents scored by the any-unsafe head; {n['with_code_scores']} carry scores "
                 f"on all {len(CODES)} codes, every one of the {n['flagged_or_gated']} the classifier flagged or gated "
                 "included")
    else:
        it.check("every document scored", NON_COMPLIANT,
                 f"{n['scored']} of {n['documents']} documents scored by the any-unsafe head; "
                 f"{n['incomplete_code_scores']} code-score lists without a score for each of the {len(CODES)} codes "
                 "(a code the model has no head for is not scored: retrain it); "
                 f"{n['flagged_without_codes']} flagged or gated documents without code scores")
    it.settle()
    return it
