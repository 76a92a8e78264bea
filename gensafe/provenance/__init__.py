"""Provenance checks of GB/T 45654-2025 §4.1.3 (B.2.1.1.3).

* :mod:`~gensafe.provenance.licenses` - licence policy over SPDX expressions;
* :mod:`~gensafe.provenance.robots` - robots.txt (RFC 9309) at collection time;
* :mod:`~gensafe.provenance.optout` - X-Robots-Tag, robots meta, TDMRep;
* :mod:`~gensafe.provenance.records` - collection / contract / authorisation records;
* the ``license``, ``robots`` and ``records`` stages in ``*_stage`` modules.
"""
