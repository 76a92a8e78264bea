"""The tamper-evident record of runs: canonical table digests, manifests sealed into a
hash chain, receipts that anchor its head outside the database, and safe reading
of an audit database that may have been crafted.  ``gensafe.run_load`` seals
each run with it; ``gensafe.audit.integrity`` checks it."""
