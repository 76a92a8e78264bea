"""The auditor's check of assessment records (B.2.1.1.1.1 a, b).

Randomly select at least 10 % of the assessment/verification records and,
for each, recompute the unsafe proportion, the interval and the verdicts from
the stored sample manifest, and check the handling record of every source
over 5 %.  Everything is recomputed from ``assessment_samples`` alone, so an
auditor sees whether the stored numbers reproduce.
"""
from __future__ import annotations

import json
import math
import random
from typing import Any

from gensafe.admission.stats import decide
from gensafe.store import tables
from gensafe.taxonomy import is_unsafe

_TOL = 1e-9


def sample_records(con, fraction: float = 0.1, seed: int | None = None) -> list[str]:
    """At least ``fraction`` (≥ 1 record) of assessment ids, drawn at random."""
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    ids = [r[0] for r in con.execute("SELECT assessment_id FROM source_assessments ORDER BY assessment_id").fetchall()]
    if not ids:
        return []
    k = max(1, math.ceil(fraction * len(ids) - 1e-12))
    rng = random.Random(seed) if seed is not None else random.SystemRandom()
    return sorted(rng.sample(ids, k))


def recompute_record(con, assessment_id: str) -> dict[str, Any]:
    """Stored vs recomputed numbers for one record, with a match flag per field."""
    row = con.execute(
        "SELECT phase, source_id, sample_size, unsafe_count, unsafe_by_code, rate, ci_low, ci_high, confidence,"
        " threshold, verdict, literal_verdict, method, sprt FROM source_assessments WHERE assessment_id = ?",
        [assessment_id]).fetchone()
    if row is None:
        raise KeyError(assessment_id)
    (phase, source_id, n_st, k_st, by_code_st, rate_st, lo_st, hi_st, conf, thr, verdict_st, lit_st, method,
     sprt_json) = row
    samples = con.execute("SELECT unsafe, risk_codes FROM assessment_samples WHERE assessment_id = ? ORDER BY rank",
                          [assessment_id]).fetchall()
    n = len(samples)
    flags_consistent = all(bool(u) == is_unsafe(codes or []) for u, codes in samples)
    k = sum(1 for u, _ in samples if u)
    by_code: dict[str, int] = {}
    for _, codes in samples:
        for c in set(codes or []):
            by_code[c] = by_code.get(c, 0) + 1
    d = decide(k, n, conf, thr)
    verdict = d.verdict
    if method == "sprt" and sprt_json:
        sprt = json.loads(sprt_json)
        if sprt.get("decision") in ("admit", "reject"):
            from gensafe.admission.stats import SPRT

            test = SPRT(sprt["p0"], sprt["p1"], sprt["alpha"], sprt["beta"])
            res = test.run(u for u, _ in samples)
            verdict = res.decision if res.n == n else "undecided"
    handling = con.execute("SELECT action, decided_at FROM source_handling WHERE assessment_id = ?",
                           [assessment_id]).fetchall()
    need_handling = d.literal_verdict == "reject" or verdict == "reject"
    used_after = _kept_after(con, source_id, handling[0][1]) if handling else 0
    checks = {
        "sample_size": n == n_st,
        "unsafe_count": k == k_st,
        "unsafe_by_code": by_code == json.loads(by_code_st or "{}"),
        "rate": abs(d.rate - rate_st) <= _TOL,
        "interval": abs(d.ci_low - lo_st) <= _TOL and abs(d.ci_high - hi_st) <= _TOL,
        "verdict": verdict == verdict_st,
        "literal_verdict": d.literal_verdict == lit_st,
        "flags_consistent": flags_consistent,
        "handling": (len(handling) > 0) == need_handling,
        # B.2.1.1.1.2: a source over 5 % was not collected / not used for training afterwards
        "not_used_after_rejection": used_after == 0,
    }
    return {
        "assessment_id": assessment_id, "phase": phase, "source_id": source_id, "method": method,
        "stored": {"n": n_st, "unsafe": k_st, "rate": rate_st, "ci_low": lo_st, "ci_high": hi_st,
                   "verdict": verdict_st, "literal_verdict": lit_st},
        "recomputed": {"n": n, "unsafe": k, "rate": d.rate, "ci_low": d.ci_low, "ci_high": d.ci_high,
                       "verdict": verdict, "literal_verdict": d.literal_verdict},
        "handling": [h[0] for h in handling],
        "kept_after_rejection": used_after,
        "checks": checks,
        "match": all(checks.values()),
    }


def _kept_after(con, source_id: str, decided_at: Any) -> int:
    """Kept documents of ``source_id`` in filtering runs started after the rejection."""
    if not {"documents", "runs"} <= tables(con):
        return 0
    return con.execute(
        """SELECT count(*) FROM documents d JOIN runs r ON d.run_id = r.run_id
           WHERE d.source_id = ? AND d.decision = 'kept' AND r.started_at > ?""",
        [source_id, decided_at]).fetchone()[0]


def audit_records(con, fraction: float = 0.1, seed: int | None = None) -> dict[str, Any]:
    total = con.execute("SELECT count(*) FROM source_assessments").fetchone()[0]
    ids = sample_records(con, fraction, seed)
    records = [recompute_record(con, i) for i in ids]
    return {"total_records": total, "sampled": len(ids), "fraction": fraction, "seed": seed,
            "records": records, "all_match": all(r["match"] for r in records)}
