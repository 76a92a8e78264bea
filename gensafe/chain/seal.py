"""Seal a run: its manifest gets the runs row, every other table and the views, then its sha256.

The manifest's sha256 goes into ``runs.manifest_sha256`` and becomes the
next run's ``prev_manifest_sha256``, so the chain head fixes everything a
run recorded.  The tables are hashed by :mod:`gensafe.chain.coverage`, the
same code ``gensafe audit verify`` runs over the database later.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

import duckdb

from gensafe import storage
from gensafe.chain.canonical import canonical
from gensafe.chain.coverage import capture
from gensafe.chain.safe_db import catalog, fetch_rows
from gensafe.writers import atomic_write_bytes

MANIFESTS = "_manifests"


def seal_manifest(con: duckdb.DuckDBPyConnection, manifest: dict[str, Any], out_dir: str) -> str:
    """Complete ``manifest``, write it (and its tables file) under ``out_dir``, return its sha256.

    Called inside the run's transaction once all its rows are in, including
    its ``runs`` row with the manifest hash still empty: the row is read back
    as stored, so verify compares like with like.
    """
    run_id = manifest["run_id"]
    cols, rows = fetch_rows(con, "runs", run_id)
    manifest["run"] = {c: canonical(v) for c, v in zip(cols, rows[0]) if c != "manifest_sha256"}
    cat = catalog(con)
    tables, rows_file = capture(con, cat, run_id)
    rows_blob = json.dumps(rows_file, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    storage.makedirs(storage.join(out_dir, MANIFESTS))
    rows_path = f"{MANIFESTS}/{run_id}.tables.json"
    atomic_write_bytes(storage.join(out_dir, rows_path), rows_blob)
    manifest["tables"] = tables
    manifest["tables_file"] = {"path": rows_path, "sha256": hashlib.sha256(rows_blob).hexdigest()}
    manifest["views"] = dict(sorted(cat.views.items()))
    blob = json.dumps(manifest, sort_keys=True, ensure_ascii=False).encode()
    atomic_write_bytes(storage.join(out_dir, "manifest.json"),
                       json.dumps(manifest, indent=1, ensure_ascii=False).encode())
    atomic_write_bytes(storage.join(out_dir, MANIFESTS, f"{run_id}.json"), blob)
    return hashlib.sha256(blob).hexdigest()
