"""Source admission (GB/T 45654-2025 §4.1.1, §4.1.2, B.2.1.1.1, B.2.1.2.1).

The source registry these modules read is :mod:`gensafe.source_registry`.


* :mod:`sampling`  – seeded, worker-independent bottom-k sampling per source;
* :mod:`stats`     – Clopper–Pearson, the 5 % verdicts, Wald's SPRT, planner;
* :mod:`assess`    – pre-collection assessment / post-collection verification;
* :mod:`recompute` – the auditor's ≥ 10 % re-computation of assessment records;
* :mod:`stage`     – the ``source_admission`` gate of a filtering run;
* :mod:`review`    – the manual spot-check loop (export, import, agreement).
"""
