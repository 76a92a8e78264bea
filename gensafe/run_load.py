"""Loading a finished run into the audit store, and checking its books.

The executor calls :func:`record_run` once every task has its marker: it
loads the per-task provenance and rejected records into DuckDB in one
transaction, checks ``input = kept + removed + rejected``, seals the run's
manifest (chained to the previous run's, with every table's digest:
``gensafe.chain.seal``), writes the chain receipt and snapshots the source registry
the run used.  The schema, ``connect`` and the queries stay in
``gensafe.store``; the folder layout comes from ``gensafe.outdir``.
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from typing import Any

import duckdb

from gensafe import __version__, storage
from gensafe.config import PipelineConfig
from gensafe.errors import RunError
from gensafe.outdir import PROVENANCE, REJECTED, RunResult, new_run_id
from gensafe.provenance.source_checks import source_checks, store_source_checks
from gensafe.source_registry import load_registry, store_registry
from gensafe.chain.receipt import load_private_key, make_receipt, write_receipt
from gensafe.chain.seal import seal_manifest
from gensafe.store import PARQUET_FILES, columns, connect, quote_ident, table_exists
from gensafe.views import create_views


def _load_documents(con: duckdb.DuckDBPyConnection, run_id: str, files: list[str]) -> None:
    """Append provenance Parquet to ``documents``, adding columns new stages bring."""
    if not files:
        if not table_exists(con, "documents"):
            con.execute("""CREATE TABLE documents (run_id VARCHAR, doc_id VARCHAR, source_id VARCHAR,
                url VARCHAR, "timestamp" VARCHAR, license VARCHAR, lang VARCHAR, input_file VARCHAR,
                input_line BIGINT, decision VARCHAR, reasons VARCHAR[], risk_codes VARCHAR[],
                unsafe BOOLEAN, output_shard VARCHAR, output_row BIGINT)""")
        return
    src = PARQUET_FILES
    if not table_exists(con, "documents"):
        con.execute(f"CREATE TABLE documents AS SELECT ?::VARCHAR AS run_id, * FROM {src}", [run_id, files])
        return
    have = columns(con, "documents")
    new = columns(con, f"SELECT * FROM {src}", [files])
    for name, typ in new.items():
        if name not in have:
            con.execute(f"ALTER TABLE documents ADD COLUMN {quote_ident(name)} {typ}")
    con.execute(f"INSERT INTO documents BY NAME SELECT ?::VARCHAR AS run_id, * FROM {src}", [run_id, files])


def _insert_many(con: duckdb.DuckDBPyConnection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """``executemany`` that accepts no rows: a run that kept nothing (all rejected) has no shards."""
    if rows:
        con.executemany(sql, rows)


def _manifest(run: dict[str, Any], markers: list[dict[str, Any]], prev: str | None) -> dict[str, Any]:
    return {
        "run_id": run["run_id"], "pipeline": run["pipeline"], "config_hash": run["config_hash"],
        "output_dir": storage.absolute(run["output_dir"]),
        "gensafe_version": __version__, "provenance": run["provenance"],
        "inputs": [{"task_id": m["task_id"], "file": m["input_file"], "start": m["start"], "end": m["end"],
                    "records": m["input_records"], "sha256": m.get("input_sha256"),
                    "provenance_sha256": m.get("provenance_sha256"),
                    "kept": m["kept"], "removed": m["removed"], "rejected": m["rejected"]} for m in markers],
        "shards": sorted((s for m in markers for s in m["shards"]), key=lambda s: s["path"]),
        "counts": {k: run[k] for k in ("input_records", "kept", "removed", "rejected")},
        "prev_manifest_sha256": prev,
    }


def record_run(config: PipelineConfig, markers: list[dict[str, Any]], out_dir: str, provenance: dict[str, Any],
               started: float, skipped: int, seconds: float) -> RunResult:
    """Load a finished run into DuckDB and check ``input = kept + removed + rejected``."""
    sign_key = load_private_key(config.sign_key) if config.sign_key else None
    run_id = new_run_id()
    con = connect(config.db)
    staging: tempfile.TemporaryDirectory[str] | None = None
    try:
        con.execute("BEGIN")
        prov_files = sorted(storage.join(out_dir, PROVENANCE, f"{m['task_id']}.parquet") for m in markers
                            if m.get("provenance_sha256"))
        rej_files = [storage.join(out_dir, REJECTED, f"{m['task_id']}.parquet") for m in markers if m["rejected"]]
        if storage.is_uri(out_dir):
            # DuckDB stays local and reads local files: the bucket's provenance is fetched beside the database
            staging = tempfile.TemporaryDirectory(prefix=".gensafe-load-", dir=os.path.dirname(os.path.abspath(config.db)))
            prov_files = [storage.local_copy(f, staging.name) for f in prov_files]
            rej_files = [storage.local_copy(f, staging.name) for f in rej_files]
        _load_documents(con, run_id, prov_files)
        if rej_files:
            con.execute("INSERT INTO rejected SELECT ?, * FROM read_parquet(?::VARCHAR[])", [run_id, rej_files])
        _insert_many(con, "INSERT INTO shards VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(run_id, m["task_id"], s["path"], s["kind"], s["rows"], s["bytes"], s["sha256"])
                         for m in markers for s in m["shards"]])
        _insert_many(con, "INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [(run_id, m["task_id"], m["input_file"], m["start"], m["end"], m["input_records"],
                          m["input_bytes"], m.get("input_sha256")) for m in markers])
        counts = con.execute("""SELECT count(*) FILTER (WHERE decision = 'kept'),
                                       count(*) FILTER (WHERE decision = 'removed')
                                FROM documents WHERE run_id = ?""", [run_id]).fetchone()
        kept, removed = int(counts[0]), int(counts[1])
        rejected = int(con.execute("SELECT count(*) FROM rejected WHERE run_id = ?", [run_id]).fetchone()[0])
        input_records = sum(m["input_records"] for m in markers)
        ok = input_records == kept + removed + rejected and kept == sum(m["kept"] for m in markers)
        con.execute("""INSERT INTO sources
            SELECT run_id, source_id, count(*), count(*) FILTER (WHERE decision = 'kept'),
                   count(*) FILTER (WHERE decision = 'removed'), count(*) FILTER (WHERE unsafe),
                   count(*) FILTER (WHERE NOT unsafe) / count(*)
            FROM documents WHERE run_id = ? GROUP BY run_id, source_id""", [run_id])
        prev = con.execute("SELECT manifest_sha256 FROM runs ORDER BY finished_at DESC LIMIT 1").fetchone()
        prev_hash = prev[0] if prev else None
        stage_stats: dict[str, dict[str, float]] = {}
        for m in markers:
            for stage, st in (m.get("stage_stats") or {}).items():
                agg = stage_stats.setdefault(stage, {})
                for k, v in st.items():
                    if isinstance(v, (int, float)):
                        agg[k] = agg.get(k, 0) + v
        if getattr(config, "registry", None):
            reg = load_registry(config.registry)
            store_registry(con, reg, run_id)
            store_source_checks(con, source_checks(reg), run_id)
        create_views(con)
        # the runs row goes in first without its manifest hash, so that the manifest can hold the row as stored
        con.execute("""INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", [
            run_id, config.name, os.path.abspath(config.path), config.text, config.hash, __version__,
            json.dumps(provenance, ensure_ascii=False, default=str),
            provenance.get("keyword_library"), provenance.get("keyword_library_version"),
            provenance.get("keyword_library_hash"), provenance.get("model"), provenance.get("model_version"),
            provenance.get("model_hash"), storage.absolute(out_dir),
            datetime.fromtimestamp(started, timezone.utc).replace(tzinfo=None),
            datetime.now(timezone.utc).replace(tzinfo=None), round(seconds, 3),
            len(markers), skipped, sum(m["input_bytes"] for m in markers),
            input_records, kept, removed, rejected, ok, json.dumps(stage_stats), None, prev_hash])
        run = {
            "run_id": run_id, "pipeline": config.name, "config_hash": config.hash, "provenance": provenance,
            "output_dir": out_dir,
            "input_records": input_records, "kept": kept, "removed": removed, "rejected": rejected,
        }
        manifest_hash = seal_manifest(con, _manifest(run, markers, prev_hash), out_dir)
        con.execute("UPDATE runs SET manifest_sha256 = ? WHERE run_id = ?", [manifest_hash, run_id])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()
        if staging is not None:
            staging.cleanup()
    receipt = make_receipt(run_id, manifest_hash, prev_hash, out_dir, config.db, sign_key)
    receipt_path = write_receipt(receipt, out_dir)
    rejections = [r for m in markers for r in m.get("rejections", [])]
    result = RunResult(run_id=run_id, output_dir=out_dir, db=config.db, input_records=input_records,
                       kept=kept, removed=removed, rejected=rejected, tasks=len(markers),
                       skipped_tasks=skipped, seconds=seconds,
                       input_bytes=sum(m["input_bytes"] for m in markers), rejections=rejections,
                       accounting_ok=ok, manifest_sha256=manifest_hash, prev_manifest_sha256=prev_hash,
                       receipt=receipt_path, signed="signature" in receipt)
    if not ok:
        raise RunError(f"accounting mismatch in run {run_id}: {input_records} input records ≠ "
                       f"{kept} kept + {removed} removed + {rejected} rejected")
    return result
