"""Statistical behaviour of the admission verdicts over many seeds (pure numpy simulation).

Simulated sources at 1 %, 4 %, 6 % and 10 % unsafe:
* a source over the 5 % limit is wrongly admitted no more often than the
  configured error rate ((1 − confidence)/2 for the Clopper–Pearson verdict,
  β for the SPRT);
* the SPRT needs markedly fewer documents than a fixed sample with the same
  error rates for clear cases.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import beta as beta_dist

from gensafe.admission.assess import AssessConfig, assess_source
from gensafe.admission.sampling import SourceSampler
from gensafe.admission.stats import SPRT, confident_verdict, fixed_n_equivalent

RATES = (0.01, 0.04, 0.06, 0.10)
REPS = 4000


def cp_verdicts(k: np.ndarray, n: int, confidence: float) -> np.ndarray:
    a = 1 - confidence
    lo = np.where(k > 0, beta_dist.ppf(a / 2, np.maximum(k, 1), n - k + 1), 0.0)
    hi = np.where(k < n, beta_dist.ppf(1 - a / 2, k + 1, np.maximum(n - k, 1)), 1.0)
    return np.where(hi <= 0.05, 1, np.where(lo > 0.05, -1, 0))  # 1 admit, -1 reject, 0 undecided


def simulate_sprt(p: float, test: SPRT, reps: int, max_n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Decisions (1 admit, -1 reject, 0 none) and documents used, for ``reps`` streams."""
    flags = rng.random((reps, max_n)) < p
    llr = np.cumsum(np.where(flags, test.step_unsafe, test.step_safe), axis=1)
    crossed = (llr >= test.upper) | (llr <= test.lower)
    any_cross = crossed.any(axis=1)
    first = np.where(any_cross, crossed.argmax(axis=1), max_n - 1)
    final = llr[np.arange(reps), first]
    decision = np.where(~any_cross, 0, np.where(final >= test.upper, -1, 1))
    return decision, first + 1


@pytest.mark.parametrize("confidence", [0.9, 0.95])
def test_fixed_sample_wrong_admit_rate_below_alpha(confidence: float) -> None:
    rng = np.random.default_rng(2025)
    n = 1000
    alpha = (1 - confidence) / 2
    for p in RATES:
        v = cp_verdicts(rng.binomial(n, p, size=REPS), n, confidence)
        if p > 0.05:
            assert (v == 1).mean() <= alpha, (p, (v == 1).mean())
        else:
            assert (v == -1).mean() <= alpha  # and no wrong reject of a compliant source
    # the clear cases are decided, the near ones may stay undecided
    assert (cp_verdicts(rng.binomial(n, 0.01, size=REPS), n, confidence) == 1).mean() > 0.99
    assert (cp_verdicts(rng.binomial(n, 0.10, size=REPS), n, confidence) == -1).mean() > 0.99


def test_vectorised_verdict_matches_library() -> None:
    ks = np.arange(0, 120)
    v = cp_verdicts(ks, 1000, 0.95)
    lib = [confident_verdict(int(k), 1000) for k in ks]
    assert [{1: "admit", -1: "reject", 0: "undecided"}[int(x)] for x in v] == lib


def test_sprt_error_rates_and_savings() -> None:
    rng = np.random.default_rng(7)
    test = SPRT(0.03, 0.05, alpha=0.05, beta=0.05)
    n_fixed = fixed_n_equivalent(test)  # ~1022
    results = {}
    for p in RATES:
        dec, used = simulate_sprt(p, test, REPS, 3000, rng)
        results[p] = (dec, used)
        if p > 0.05:
            assert (dec == 1).mean() <= test.beta, (p, (dec == 1).mean())
    # clear cases stop early: far fewer documents than the equivalent fixed sample
    for p in (0.01, 0.10):
        dec, used = results[p]
        assert (dec == (1 if p < 0.05 else -1)).mean() > 0.99
        assert used.mean() < 0.35 * n_fixed, (p, used.mean(), n_fixed)
    # Wald's average-sample-number approximation is in the right range
    assert results[0.01][1].mean() == pytest.approx(test.expected_n(0.01), rel=0.2)
    # the library's SPRT agrees with the vectorised one on the same stream
    flags = rng.random(3000) < 0.06
    r = test.run(flags.tolist())
    llr = np.cumsum(np.where(flags, test.step_unsafe, test.step_safe))
    first = int(np.argmax((llr >= test.upper) | (llr <= test.lower)))
    assert r.n == first + 1


def test_end_to_end_sampling_wrong_admit_rate() -> None:
    """Through the real sampler and assess_source: finite sources with a known unsafe share."""
    import pyarrow as pa

    def annotate(batch: pa.RecordBatch) -> pa.RecordBatch:
        bad = [t.endswith("!") for t in batch.column("text").to_pylist()]
        return (batch.append_column("risk_codes", pa.array([["A1f"] if b else [] for b in bad], pa.list_(pa.string())))
                .append_column("unsafe", pa.array(bad)))

    rng = np.random.default_rng(3)
    pop = 3000
    counts = {}
    for p in (0.01, 0.10, 0.06):
        bad = set(rng.choice(pop, int(p * pop), replace=False).tolist())
        rows = [{"doc_id": f"d{i}", "source_id": "s", "text": f"doc {i}" + ("!" if i in bad else "")}
                for i in range(pop)]
        verdicts = []
        for seed in range(25):
            sampler = SourceSampler(400, seed)
            for r in rows:
                sampler.offer("s", r["doc_id"], r)
            res = assess_source("s", sampler.sample("s"), pop, annotate, AssessConfig(sample_size=400, seed=seed))
            verdicts.append(res.decision.verdict)
        counts[p] = verdicts
    assert counts[0.01].count("admit") >= 24
    assert counts[0.10].count("reject") >= 24
    assert counts[0.06].count("admit") == 0
