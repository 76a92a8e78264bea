"""``gensafe audit verify``: prove a run's record was not altered after the fact.

Each run leaves a manifest (config hash, input checksums, library and model
hashes, output shard checksums, provenance-file checksums, counts) whose
sha256 is stored in ``runs`` and chained to the previous run's.  Verifying
recomputes every link: the manifest against its hash, the chain, the shard
files against their checksums, the ``runs``/``shards`` rows against the
manifest, and the ``documents``/``rejected`` rows against the provenance
Parquet the workers wrote — so an edited shard, an edited manifest or an
edited DuckDB row each show up, named.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

import duckdb

from gensafe.writers import sha256_file


@dataclass
class Finding:
    run_id: str
    what: str
    detail: str

    def __str__(self) -> str:
        return f"run {self.run_id}: {self.what}: {self.detail}"


@dataclass
class VerifyResult:
    runs: int = 0
    shards_checked: int = 0
    documents_checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def _ident(name: str) -> str:
    """A quoted identifier (column names come from files someone handed over)."""
    return '"' + name.replace('"', '""') + '"'


def _compare_rows(con: duckdb.DuckDBPyConnection, run_id: str, table: str, files: list[str],
                  key: list[str], res: VerifyResult, limit: int = 20) -> None:
    """Rows of ``table`` for the run against the Parquet the workers wrote, both directions."""
    if not files:
        n = con.execute(f"SELECT count(*) FROM {table} WHERE run_id = ?", [run_id]).fetchone()[0]
        if n:
            res.findings.append(Finding(run_id, f"{table} rows without provenance files", f"{n} rows"))
        return
    # the file list and the run id travel as parameters: a path or id is never SQL text
    src = "read_parquet(?::VARCHAR[], union_by_name = true)"
    file_cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {src}", [files]).fetchall()]
    cols = ", ".join(f"CAST({_ident(c)} AS VARCHAR) AS {_ident(c)}" for c in file_cols)
    stored = f"(SELECT {cols} FROM {_ident(table)} WHERE run_id = ?)"
    original = f"(SELECT {cols} FROM {src})"
    extra = con.execute(f"SELECT * FROM {stored} EXCEPT ALL SELECT * FROM {original} LIMIT ?",
                        [run_id, files, limit]).fetchall()
    missing = con.execute(f"SELECT * FROM {original} EXCEPT ALL SELECT * FROM {stored} LIMIT ?",
                          [files, run_id, limit]).fetchall()
    kidx = [file_cols.index(k) for k in key if k in file_cols]
    orig_by_key = {tuple(r[i] for i in kidx): r for r in missing}
    for row in extra:
        k = tuple(row[i] for i in kidx)
        if k in orig_by_key:
            o = orig_by_key.pop(k)
            diffs = [f"{c}: {o[i]!r} → {row[i]!r}" for i, c in enumerate(file_cols) if o[i] != row[i]]
            res.findings.append(Finding(run_id, f"{table} row altered", f"{dict(zip(key, k))}: " + "; ".join(diffs)))
        else:
            res.findings.append(Finding(run_id, f"{table} row added", str(dict(zip(key, k)))))
    for k in orig_by_key:
        res.findings.append(Finding(run_id, f"{table} row deleted", str(dict(zip(key, k)))))
    if table == "documents":
        res.documents_checked += con.execute(f"SELECT count(*) FROM {src}", [files]).fetchone()[0]


def verify(db: str, check_files: bool = True) -> VerifyResult:
    """Recompute the chain and checksums of every run in ``db``."""
    if not os.path.exists(db):
        raise FileNotFoundError(f"no audit database at {db}")
    con = duckdb.connect(db, read_only=True)
    res = VerifyResult()
    try:
        runs = con.execute("""SELECT run_id, output_dir, manifest_sha256, prev_manifest_sha256, config_hash,
                                     input_records, kept, removed, rejected, provenance
                              FROM runs ORDER BY finished_at""").fetchall()
        prev_hash = None
        latest_per_dir: dict[str, str] = {}
        for r in runs:
            latest_per_dir[r[1]] = r[0]
        for (run_id, out_dir, mhash, prev, config_hash, n_in, kept, removed, rejected, prov) in runs:
            res.runs += 1
            if prev != prev_hash:
                res.findings.append(Finding(run_id, "chain broken",
                                            f"prev_manifest_sha256 {prev} ≠ previous run's {prev_hash}"))
            prev_hash = mhash
            path = os.path.join(out_dir, "_manifests", f"{run_id}.json")
            try:
                blob = open(path, "rb").read()
            except OSError as exc:
                res.findings.append(Finding(run_id, "manifest missing", f"{path}: {exc.strerror}"))
                continue
            actual = hashlib.sha256(blob).hexdigest()
            if actual != mhash:
                res.findings.append(Finding(run_id, "manifest altered", f"{path}: sha256 {actual} ≠ stored {mhash}"))
            man: dict[str, Any] = json.loads(blob)
            stored = {"config_hash": config_hash, "input_records": n_in, "kept": kept, "removed": removed,
                      "rejected": rejected}
            expect = {"config_hash": man["config_hash"], **man["counts"]}
            for k, v in expect.items():
                if stored[k] != v:
                    res.findings.append(Finding(run_id, f"runs.{k} altered", f"{stored[k]!r} ≠ manifest {v!r}"))
            if json.loads(prov or "{}") != man.get("provenance"):
                res.findings.append(Finding(run_id, "runs.provenance altered", "library/model versions differ from the manifest"))
            db_shards = {row[0]: (row[1], row[2]) for row in con.execute(
                "SELECT path, rows, sha256 FROM shards WHERE run_id = ?", [run_id]).fetchall()}
            man_shards = {s["path"]: (s["rows"], s["sha256"]) for s in man["shards"]}
            for pth in sorted(set(db_shards) | set(man_shards)):
                if db_shards.get(pth) != man_shards.get(pth):
                    res.findings.append(Finding(run_id, "shards row altered",
                                                f"{pth}: {db_shards.get(pth)} ≠ manifest {man_shards.get(pth)}"))
            if check_files and latest_per_dir.get(out_dir) == run_id:
                for pth, (_, sha) in sorted(man_shards.items()):
                    full = os.path.join(out_dir, pth)
                    res.shards_checked += 1
                    if not os.path.exists(full):
                        res.findings.append(Finding(run_id, "shard missing", full))
                    elif sha256_file(full) != sha:
                        res.findings.append(Finding(run_id, "shard altered", f"{full}: sha256 differs from the manifest"))
                prov_files, rej_files = [], []
                for inp in man["inputs"]:
                    pf = os.path.join(out_dir, "_provenance", f"{inp['task_id']}.parquet")
                    if inp.get("provenance_sha256"):
                        if not os.path.exists(pf):
                            res.findings.append(Finding(run_id, "provenance file missing", pf))
                            continue
                        if sha256_file(pf) != inp["provenance_sha256"]:
                            res.findings.append(Finding(run_id, "provenance file altered", pf))
                            continue
                        prov_files.append(pf)
                    rf = os.path.join(out_dir, "_rejected", f"{inp['task_id']}.parquet")
                    if inp.get("rejected") and os.path.exists(rf):
                        rej_files.append(rf)
                _compare_rows(con, run_id, "documents", prov_files, ["doc_id", "input_file", "input_line"], res)
                _compare_rows(con, run_id, "rejected", rej_files, ["input_file", "input_line"], res)
    finally:
        con.close()
    return res
