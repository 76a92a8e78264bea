"""Statistics for the 5 % rule (§4.1.1) that an auditor can trust.

* The standard's literal rule compares the sample's point estimate with 5 %.
* The *confident* verdict uses the exact Clopper–Pearson interval: admit when
  the upper bound is ≤ 5 %, reject when the lower bound is > 5 %, otherwise
  undecided, with the sample size that would settle it at the observed rate.
  With a two-sided confidence c the probability of admitting a source whose
  true rate exceeds 5 % is at most (1 − c) / 2.
* Wald's SPRT between p0 (acceptable, e.g. 3 %) and p1 (the 5 % limit) stops
  as soon as the evidence is clear; P(admit | p ≥ p1) ≤ β, P(reject | p ≤ p0) ≤ α.
* The planner gives the sample size for a target margin (normal
  approximation and the exact Clopper–Pearson search).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Iterable

from scipy.stats import beta as _beta, norm as _norm

THRESHOLD = 0.05
_N_CAP = 10**9


def clopper_pearson(k: int | float, n: int | float, confidence: float = 0.95) -> tuple[float, float]:
    """Exact two-sided binomial interval for k successes in n trials.

    ``k`` may be fractional (used by the planner to project an observed rate).
    """
    if n <= 0:
        return 0.0, 1.0
    if not 0 < confidence < 1:
        raise ValueError("confidence must be in (0, 1)")
    a = 1.0 - confidence
    lo = 0.0 if k <= 0 else float(_beta.ppf(a / 2, k, n - k + 1))
    hi = 1.0 if k >= n else float(_beta.ppf(1 - a / 2, k + 1, n - k))
    return lo, hi


def literal_verdict(k: int, n: int, threshold: float = THRESHOLD) -> str:
    """The standard's rule as written: more than 5 % unsafe in the sample → reject."""
    if n <= 0:
        return "undecided"
    return "reject" if k / n > threshold else "admit"


def confident_verdict(k: int, n: int, confidence: float = 0.95, threshold: float = THRESHOLD) -> str:
    lo, hi = clopper_pearson(k, n, confidence)
    if hi <= threshold:
        return "admit"
    if lo > threshold:
        return "reject"
    return "undecided"


def n_to_settle(rate: float, confidence: float = 0.95, threshold: float = THRESHOLD) -> int | None:
    """Smallest n at which a sample with this unsafe ``rate`` gives a confident verdict.

    None when the rate sits on the threshold (no finite sample settles it).
    """
    if rate == threshold or not 0 <= rate <= 1:
        return None

    def settled(n: int) -> bool:
        lo, hi = clopper_pearson(rate * n, n, confidence)
        return hi <= threshold if rate < threshold else lo > threshold

    hi_n = 1
    while not settled(hi_n):
        hi_n *= 2
        if hi_n > _N_CAP:
            return None
    lo_n = hi_n // 2
    while lo_n + 1 < hi_n:
        mid = (lo_n + hi_n) // 2
        if settled(mid):
            hi_n = mid
        else:
            lo_n = mid
    return hi_n


@dataclass
class Decision:
    """Everything the assessment record stores about the numbers."""

    n: int
    unsafe: int
    rate: float
    ci_low: float
    ci_high: float
    confidence: float
    threshold: float
    verdict: str
    literal_verdict: str
    n_to_settle: int | None

    def to_dict(self) -> dict:
        return asdict(self)


def decide(k: int, n: int, confidence: float = 0.95, threshold: float = THRESHOLD) -> Decision:
    lo, hi = clopper_pearson(k, n, confidence)
    rate = k / n if n else 0.0
    verdict = confident_verdict(k, n, confidence, threshold) if n else "undecided"
    need = n_to_settle(rate, confidence, threshold) if verdict == "undecided" and n else None
    return Decision(n=n, unsafe=k, rate=rate, ci_low=lo, ci_high=hi, confidence=confidence,
                    threshold=threshold, verdict=verdict, literal_verdict=literal_verdict(k, n, threshold),
                    n_to_settle=need)


@dataclass
class SPRT:
    """Wald's sequential probability ratio test for a Bernoulli rate.

    H0: p = p0 (acceptable → admit), H1: p = p1 (at the limit → reject).
    ``alpha`` = P(reject | p0), ``beta`` = P(admit | p1).
    """

    p0: float = 0.03
    p1: float = 0.05
    alpha: float = 0.05
    beta: float = 0.05

    def __post_init__(self) -> None:
        if not 0 < self.p0 < self.p1 < 1:
            raise ValueError("SPRT needs 0 < p0 < p1 < 1")
        if not (0 < self.alpha < 0.5 and 0 < self.beta < 0.5):
            raise ValueError("SPRT error rates must be in (0, 0.5)")

    @property
    def upper(self) -> float:  # cross → reject (accept H1)
        return math.log((1 - self.beta) / self.alpha)

    @property
    def lower(self) -> float:  # cross → admit (accept H0)
        return math.log(self.beta / (1 - self.alpha))

    @property
    def step_unsafe(self) -> float:
        return math.log(self.p1 / self.p0)

    @property
    def step_safe(self) -> float:
        return math.log((1 - self.p1) / (1 - self.p0))

    def run(self, flags: Iterable[bool], max_n: int | None = None) -> "SPRTResult":
        """Consume per-document unsafe flags (in random order) until a boundary is crossed."""
        llr, n, k = 0.0, 0, 0
        for f in flags:
            if max_n is not None and n >= max_n:
                break
            n += 1
            if f:
                k += 1
                llr += self.step_unsafe
            else:
                llr += self.step_safe
            if llr >= self.upper:
                return SPRTResult(self, "reject", n, k, llr)
            if llr <= self.lower:
                return SPRTResult(self, "admit", n, k, llr)
        return SPRTResult(self, "undecided", n, k, llr)

    def expected_n(self, p: float) -> float:
        """Wald's approximation of the average sample number at true rate p."""
        if p in (self.p0, self.p1):
            p = p + 1e-9
        num_p = self._oc(p)
        z = p * self.step_unsafe + (1 - p) * self.step_safe
        if abs(z) < 1e-12:
            return -self.lower * self.upper / (p * self.step_unsafe**2 + (1 - p) * self.step_safe**2)
        return (num_p * self.lower + (1 - num_p) * self.upper) / z

    def _oc(self, p: float) -> float:
        """Probability of admitting at rate p (operating characteristic, Wald's approximation)."""
        a, b = self.step_unsafe, self.step_safe
        # solve p*(p1/p0)^h + (1-p)*((1-p1)/(1-p0))^h = 1 for h by bisection
        f = lambda h: p * math.exp(a * h) + (1 - p) * math.exp(b * h) - 1
        lo, hi = (-50.0, -1e-9) if p * a + (1 - p) * b > 0 else (1e-9, 50.0)
        for _ in range(200):
            mid = (lo + hi) / 2
            if (f(lo) > 0) == (f(mid) > 0):
                lo = mid
            else:
                hi = mid
        h = (lo + hi) / 2
        A, B = math.exp(self.upper), math.exp(self.lower)
        return (A**h - 1) / (A**h - B**h)


@dataclass
class SPRTResult:
    test: SPRT
    decision: str
    n: int
    unsafe: int
    llr: float

    def to_dict(self) -> dict:
        return {"p0": self.test.p0, "p1": self.test.p1, "alpha": self.test.alpha, "beta": self.test.beta,
                "decision": self.decision, "n_used": self.n, "unsafe": self.unsafe, "llr": self.llr,
                "lower": self.test.lower, "upper": self.test.upper}


@dataclass
class Plan:
    margin: float
    confidence: float
    expected_rate: float
    n_normal: int
    n_exact: int
    n_confident_admit: int | None

    def to_dict(self) -> dict:
        return asdict(self)


def plan_sample_size(margin: float, confidence: float = 0.95, expected_rate: float = THRESHOLD,
                     threshold: float = THRESHOLD) -> Plan:
    """Sample size so that the interval's half-width is at most ``margin``.

    * normal approximation (Wald): n = z² p(1−p) / m²;
    * exact: the smallest n whose Clopper–Pearson interval at the expected
      rate extends at most ``margin`` on either side of it;
    * also the n at which the expected rate gives a confident verdict.
    """
    if not 0 < margin < 1:
        raise ValueError("margin must be in (0, 1)")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be in (0, 1)")
    if not 0 <= expected_rate <= 1:
        raise ValueError("expected rate must be in [0, 1]")
    p = expected_rate
    z = float(_norm.ppf(1 - (1 - confidence) / 2))
    n_normal = max(1, math.ceil(z * z * p * (1 - p) / (margin * margin)))

    def ok(n: int) -> bool:
        lo, hi = clopper_pearson(p * n, n, confidence)
        return (hi - p) <= margin and (p - lo) <= margin

    hi_n = 1
    while not ok(hi_n):
        hi_n *= 2
        if hi_n > _N_CAP:
            raise ValueError("margin too small to plan")
    lo_n = hi_n // 2
    # the CP half-width is not perfectly monotone in n for fractional k; a
    # bisection then a short forward check keeps the answer the smallest
    while lo_n + 1 < hi_n:
        mid = (lo_n + hi_n) // 2
        if ok(mid):
            hi_n = mid
        else:
            lo_n = mid
    return Plan(margin=margin, confidence=confidence, expected_rate=p, n_normal=n_normal, n_exact=hi_n,
                n_confident_admit=n_to_settle(p, confidence, threshold) if p < threshold else None)


def fixed_n_equivalent(test: SPRT) -> int:
    """Size of the one-shot sample with the same error rates as ``test``.

    The classical fixed-sample test of p0 against p1 (normal approximation)
    needs n = (z_{1-α}·√(p0 q0) + z_{1-β}·√(p1 q1))² / (p1 − p0)²; the SPRT's
    expected sample size is compared against it.
    """
    za, zb = float(_norm.ppf(1 - test.alpha)), float(_norm.ppf(1 - test.beta))
    num = za * math.sqrt(test.p0 * (1 - test.p0)) + zb * math.sqrt(test.p1 * (1 - test.p1))
    return math.ceil((num / (test.p1 - test.p0)) ** 2)
