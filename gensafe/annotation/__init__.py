"""Data-annotation safety (GB/T 45654-2025 §4.3, audited by B.2.1.3).

Providers annotate data for fine-tuning (functional annotation) and for
safety fine-tuning (safety annotation).  This package keeps the record an
auditor needs to judge §4.3 from data rather than from assurances:

* :mod:`.registry`: annotators, their safety training, assessments and
  authorisations (granted only after a passed assessment, expiring, suspended
  or revoked with a reason) — §4.3.1;
* :mod:`.rules`: the annotation-rules file and its checker (the safety rules
  must cover every risk code of Appendix A) — §4.3.2;
* :mod:`.batches`: import of annotation batches and task logs, executor ≠
  reviewer within a task, safety items stored apart — §4.3.1 c), §4.3.4;
* :mod:`.spotcheck` and :mod:`.screen`: the seeded manual spot check of each
  functional batch with re-annotation, and invalidation of a batch in which
  gensafe's own filter finds illegal or unhealthy content — §4.3.3;
* :mod:`.work`: who did what when, and whether they were authorised then.

The B.2.1.3 report items are built in :mod:`gensafe.audit.checks_annotation`.
"""
