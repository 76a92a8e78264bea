"""``gensafe audit verify``: prove a run's record was not altered after the fact.

Each run leaves a manifest (config hash, input checksums, library and model
hashes, output shard checksums, provenance-file checksums, counts, its
``runs`` row, the digests of every other table, the view definitions) whose
sha256 is stored in ``runs`` and chained to the previous run's, and a
receipt with that chain head that can be kept outside the database.
Verifying recomputes every link:

* the database's catalog: no macros, no foreign schemas, no generated
  columns, no views but gensafe's with the definitions the latest manifest
  recorded (:mod:`.safe_db`: the database's own SQL is never run);
* the chain: one line of runs from the first to the head, each manifest
  file hashing to its ``runs`` row and naming its predecessor;
* per run: the ``runs`` row, the shards, every other table
  (:mod:`.coverage`) and, while the run's files are in its folder, the shard
  files and the ``documents``/``rejected`` rows against the Parquet the
  workers wrote (read with pyarrow, compared in a scratch connection);
* per output folder: every shard, provenance file and manifest is
  accounted for by a run in the database;
* per ``--anchor`` receipt: the anchored run is there with that head, and
  the chain back from it is whole (and signed by the given key).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from gensafe import storage
from gensafe.audit import files
from gensafe.chain import coverage
from gensafe.chain.canonical import canonical, value_text
from gensafe.chain.receipt import check_signature, load_public_key, load_receipts
from gensafe.chain.safe_db import (Catalog, catalog, fetch_arrow, fetch_rows, open_untrusted, quote_ident,
                                    run_ids_in, scratch)
from gensafe.views import SHIPPED

#: findings named per table comparison; the rest are counted
LIMIT = 20


@dataclass
class Finding:
    run_id: str  # "" for the database or a folder as a whole
    what: str
    detail: str

    def __str__(self) -> str:
        return f"{'run ' + self.run_id if self.run_id else 'database'}: {self.what}: {self.detail}"


@dataclass
class VerifyResult:
    runs: int = 0
    shards_checked: int = 0
    documents_checked: int = 0
    tables_checked: int = 0
    folders_checked: int = 0
    anchors_checked: int = 0
    head: str | None = None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def add(self, run_id: str, what: str, detail: str) -> None:
        self.findings.append(Finding(run_id, what, detail))


# --------------------------------------------------------------------------- catalog

def _check_catalog(cat: Catalog, res: VerifyResult) -> bool:
    """Findings for SQL the database carries; False when ``runs``/``documents`` cannot be read safely."""
    for m in cat.macros:
        res.add("", "macro in the database", f"{m}: gensafe defines none; a macro can shadow a built-in "
                "function for every query on this database (not run)")
    for s in cat.schemas:
        res.add("", "unexpected schema", f"{s}: gensafe keeps everything in main")
    for t, cols in sorted(cat.generated.items()):
        res.add("", "generated columns", f"{t}.{', '.join(cols)}: computed by SQL stored in the database (not read)")
    for v in sorted(cat.views):
        if v not in SHIPPED:
            res.add("", "unexpected view", f"{v}: not a gensafe view (its SQL was not run)")
    readable = True
    for t in ("runs", "documents"):
        if not cat.is_table(t):
            kind = "a view" if t in cat.views else "missing" if t not in cat.tables else "not readable safely"
            res.add("", f"{t} is not a base table", f"{t} is {kind}; nothing from it was read")
            readable = False
    return readable


def _check_views(cat: Catalog, head_manifest: dict[str, Any] | None, head_id: str, res: VerifyResult) -> None:
    """The stored view definitions against those the chain head's manifest recorded."""
    if not head_manifest or "views" not in head_manifest:
        if cat.views:
            res.notes.append("view definitions not compared: the latest manifest predates their recording "
                             "(gensafe's readers use the shipped definitions regardless)")
        return
    recorded: dict[str, str] = head_manifest["views"]
    for name in sorted(set(recorded) | set(cat.views)):
        if name not in SHIPPED:
            continue  # reported by _check_catalog
        if name not in cat.views:
            res.add(head_id, "view dropped", f"{name} was recorded by the latest run")
        elif name not in recorded:
            res.add(head_id, "view added", f"{name} was not in the database at the latest run")
        elif cat.views[name] != recorded[name]:
            res.add(head_id, "view redefined", f"{name}: its SQL differs from the definition the latest run "
                    "recorded (queries on the database would not compute what gensafe computes)")


# --------------------------------------------------------------------------- chain

def _order_chain(runs: list[dict[str, Any]], res: VerifyResult) -> list[dict[str, Any]]:
    """The runs from the first to the head along the prev links; breaks and forks are findings."""
    by_hash: dict[str, dict[str, Any]] = {}
    for r in runs:
        h = r.get("manifest_sha256")
        if not h:
            res.add(r["run_id"], "run without a manifest hash", "runs.manifest_sha256 is empty")
        elif h in by_hash:
            res.add(r["run_id"], "duplicate manifest hash", f"{h} also belongs to run {by_hash[h]['run_id']}")
        else:
            by_hash[h] = r
    children: dict[str | None, list[dict[str, Any]]] = {}
    for r in runs:
        children.setdefault(r.get("prev_manifest_sha256"), []).append(r)
    order: list[dict[str, Any]] = []
    seen: set[str] = set()
    roots = sorted(children.get(None, []), key=lambda r: str(r.get("finished_at")))
    if len(roots) > 1:
        res.add(roots[1]["run_id"], "chain broken", f"{len(roots)} runs claim to be the first "
                f"({', '.join(r['run_id'] for r in roots)})")
    cur = roots[0] if roots else None
    while cur is not None and cur["run_id"] not in seen:
        order.append(cur)
        seen.add(cur["run_id"])
        nxt = sorted(children.get(cur.get("manifest_sha256"), []), key=lambda r: str(r.get("finished_at")))
        if len(nxt) > 1:
            res.add(nxt[1]["run_id"], "chain forked", f"runs {', '.join(r['run_id'] for r in nxt)} all follow "
                    f"run {cur['run_id']}")
        cur = nxt[0] if nxt and cur.get("manifest_sha256") else None
    for r in sorted(runs, key=lambda r: str(r.get("finished_at"))):
        if r["run_id"] in seen:
            continue
        prev = r.get("prev_manifest_sha256")
        if prev is not None and prev not in by_hash:
            res.add(r["run_id"], "chain broken", f"its previous run (manifest {prev}) is not in the database")
        else:
            res.add(r["run_id"], "chain broken", "not on the chain from the first run")
        order.append(r)
    return order


# --------------------------------------------------------------------------- one run

def _read_manifest(run: dict[str, Any], res: VerifyResult) -> dict[str, Any] | None:
    run_id, out_dir, mhash = run["run_id"], _out_dir(run), run.get("manifest_sha256")
    path = files.join(out_dir, "_manifests", f"{run_id}.json")
    try:
        blob = files.read(path)
    except files.RemoteNotAllowed as exc:
        res.add(run_id, "folder not checked", f"{path}: {exc.strerror}")
        return None
    except OSError as exc:
        res.add(run_id, "manifest missing", f"{path}: {exc.strerror}")
        return None
    actual = hashlib.sha256(blob).hexdigest()
    if actual != mhash:
        res.add(run_id, "manifest altered", f"{path}: sha256 {actual} ≠ runs.manifest_sha256 {mhash}")
    try:
        man = json.loads(blob)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        res.add(run_id, "manifest unreadable", f"{path}: {exc}")
        return None
    if not isinstance(man, dict) or man.get("run_id") != run_id:
        named = man.get("run_id") if isinstance(man, dict) else None
        res.add(run_id, "manifest of another run", f"{path} names run {value_text(named)}")
        return None
    if man.get("prev_manifest_sha256") != run.get("prev_manifest_sha256"):
        res.add(run_id, "chain broken", f"the manifest's previous run {man.get('prev_manifest_sha256')} ≠ "
                f"runs.prev_manifest_sha256 {run.get('prev_manifest_sha256')}")
    return man


def _peek_manifest(out_dir: str, run_id: str | None) -> dict[str, Any] | None:
    """A later run's manifest as a reference for files it replaced (checked in its own turn)."""
    try:
        man = json.loads(files.read(files.join(out_dir, "_manifests", f"{run_id}.json")))
    except (OSError, TypeError, json.JSONDecodeError, UnicodeDecodeError):
        return None
    return man if isinstance(man, dict) else None


def _check_run_row(run: dict[str, Any], man: dict[str, Any], res: VerifyResult) -> None:
    run_id = run["run_id"]
    if "run" in man:
        recorded: dict[str, Any] = man["run"]
        for col in sorted(set(recorded) | set(run) - {"manifest_sha256"}):
            if col not in run:
                res.add(run_id, "runs column dropped", col)
            elif col not in recorded:
                if run[col] is not None:
                    res.add(run_id, f"runs.{col} added", f"{value_text(run[col])} (not in the manifest)")
            elif canonical(run[col]) != recorded[col]:
                was = json.dumps(recorded[col], ensure_ascii=False)[:80]
                res.add(run_id, f"runs.{col} altered", f"{value_text(run[col])} ≠ manifest {was}")
    else:
        res.notes.append(f"run {run_id}: its manifest predates full coverage; only the counts, config hash and "
                         "provenance of its runs row, and its shards, documents and rejected rows are checked")
        expect = {"config_hash": man.get("config_hash"), **(man.get("counts") or {})}
        for k, v in expect.items():
            if run.get(k) != v:
                res.add(run_id, f"runs.{k} altered", f"{run.get(k)!r} ≠ manifest {v!r}")
        try:
            prov = json.loads(run.get("provenance") or "{}")
        except (json.JSONDecodeError, TypeError):
            prov = None
        if prov != man.get("provenance"):
            res.add(run_id, "runs.provenance altered", "library/model versions differ from the manifest")
    counts = man.get("counts") or {}
    n_in, parts = counts.get("input_records"), [counts.get(k) for k in ("kept", "removed", "rejected")]
    if not all(isinstance(x, int) for x in [n_in, *parts]) or n_in != sum(parts):
        res.add(run_id, "accounting failed", f"the manifest's input records {n_in} ≠ kept + removed + rejected "
                f"{parts}")
    elif run.get("accounting_ok") is not True:
        res.add(run_id, "accounting failed", "runs.accounting_ok is not true: the run's books did not balance "
                "when it was recorded")


def _check_shards_rows(run_id: str, man: dict[str, Any], cache: coverage.TableCache, res: VerifyResult) -> None:
    if not cache.cat.is_table("shards"):
        return  # reported by the catalog and coverage checks
    cols, rows = cache.rows("shards")
    ix = {c: cols.index(c) for c in ("run_id", "path", "rows", "sha256") if c in cols}
    if len(ix) < 4:
        res.add(run_id, "shards table altered", "it lacks run_id, path, rows or sha256")
        return
    db_shards = {r[ix["path"]]: (r[ix["rows"]], r[ix["sha256"]]) for r in rows if r[ix["run_id"]] == run_id}
    man_shards = {s["path"]: (s["rows"], s["sha256"]) for s in man.get("shards", [])}
    for pth in sorted(set(db_shards) | set(man_shards)):
        if db_shards.get(pth) != man_shards.get(pth):
            res.add(run_id, "shards row altered", f"{pth}: {db_shards.get(pth)} ≠ manifest {man_shards.get(pth)}")


def _check_tables(run_id: str, man: dict[str, Any], out_dir: str, cache: coverage.TableCache,
                  res: VerifyResult) -> None:
    if "tables" not in man:
        return
    tf = man.get("tables_file") or {}
    path = files.join(out_dir, str(tf.get("path", "")))
    try:
        blob = files.read(path)
    except OSError as exc:
        res.add(run_id, "tables file missing", f"{path}: {exc.strerror}; the tables cannot be checked row by row")
        return
    if hashlib.sha256(blob).hexdigest() != tf.get("sha256"):
        res.add(run_id, "tables file altered", f"{path}: sha256 differs from the manifest")
        return
    rows_file = json.loads(blob)
    found, notes = coverage.check(cache, run_id, man["tables"], rows_file)
    res.tables_checked += len(man["tables"])
    for f in found:
        res.add(run_id, f.what, f.detail)
    res.notes.extend(notes)


def _compare_rows(con: duckdb.DuckDBPyConnection, run_id: str, table: str, paths: list[str], key: list[str],
                  res: VerifyResult) -> None:
    """Rows of ``table`` for the run against the Parquet the workers wrote, both directions.

    The Parquet is read with pyarrow and the rows of the database are fetched
    as Arrow; the comparison runs in a scratch connection that holds neither
    the database's catalog nor access to files.
    """
    stored = fetch_arrow(con, table, run_id)
    db_cols = [c for c in stored.schema.names if c != "run_id"]
    if not paths:
        n = sum(b.num_rows for b in stored)
        if n:
            res.add(run_id, f"{table} rows without provenance files", f"{n} rows")
        return
    original, file_cols = files.dataset(paths)
    for c in file_cols:
        if c not in db_cols:
            res.add(run_id, f"{table} column dropped", f"{c} is in the provenance files, not in the database")
    cols = file_cols + [c for c in db_cols if c not in file_cols]
    sc = scratch()
    try:
        sc.register("__stored", stored)
        sc.register("__original", original)

        def side(have: list[str], sign: int, rel: str) -> str:
            parts = [f"CAST({quote_ident(c)} AS VARCHAR) AS {quote_ident(c)}" if c in have
                     else f"CAST(NULL AS VARCHAR) AS {quote_ident(c)}" for c in cols]
            return f"SELECT {sign} AS __side, {', '.join(parts)} FROM {rel}"

        select = ", ".join(quote_ident(c) for c in cols)
        diff = sc.execute(f"""SELECT sum(__side) AS __n, {select}
                              FROM ({side([c for c in cols if c in db_cols], 1, '__stored')}
                                    UNION ALL {side(file_cols, -1, '__original')})
                              GROUP BY ALL HAVING sum(__side) <> 0 LIMIT {LIMIT * 10}""").fetchall()
        if table == "documents":
            res.documents_checked += sc.execute("SELECT count(*) FROM __original").fetchone()[0]
    finally:
        sc.close()
    kidx = [cols.index(k) for k in key if k in cols]
    extra = [r[1:] for r in diff if r[0] > 0]
    missing = [r[1:] for r in diff if r[0] < 0]
    orig_by_key = {tuple(r[i] for i in kidx): r for r in missing}
    named = 0
    for row in extra:
        k = tuple(row[i] for i in kidx)
        if k in orig_by_key:
            o = orig_by_key.pop(k)
            diffs = [f"{c}: {o[i]!r} → {row[i]!r}" for i, c in enumerate(cols) if o[i] != row[i]]
            what, detail = f"{table} row altered", f"{dict(zip(key, k))}: " + "; ".join(diffs)
        else:
            what, detail = f"{table} row added", str(dict(zip(key, k)))
        if named < LIMIT:
            res.add(run_id, what, detail)
        named += 1
    for k in orig_by_key:
        if named < LIMIT:
            res.add(run_id, f"{table} row deleted", str(dict(zip(key, k))))
        named += 1
    if named > LIMIT:
        res.add(run_id, f"{table} rows differ", f"… and {named - LIMIT} more")


def _check_files(con: duckdb.DuckDBPyConnection, cat: Catalog, run_id: str, man: dict[str, Any], out_dir: str,
                 latest_man: dict[str, Any] | None, res: VerifyResult) -> None:
    """Shard files (latest run of a folder) and provenance rows (every run whose files are still there).

    An older run's provenance file may have been replaced by the folder's
    latest run (``--overwrite``): that is a note when the latest run's
    manifest holds the file as it is now, a finding when no manifest does.
    """
    latest = latest_man is man
    try:
        later = {i["task_id"]: i.get("provenance_sha256") for i in (latest_man or {}).get("inputs", [])}
    except (KeyError, TypeError, AttributeError):
        later = {}  # the latest run's own check reports its manifest
    if latest:
        for s in sorted(man.get("shards", []), key=lambda s: s["path"]):
            full = files.join(out_dir, s["path"])
            res.shards_checked += 1
            now = files.sha(full)
            if now is None:
                res.add(run_id, "shard missing", full)
            elif now != s["sha256"]:
                res.add(run_id, "shard altered", f"{full}: sha256 differs from the manifest")
    prov_files, rej_files, replaced = [], [], 0
    for inp in man.get("inputs", []):
        pf = files.join(out_dir, "_provenance", f"{inp['task_id']}.parquet")
        if inp.get("provenance_sha256"):
            now = files.sha(pf)
            if now != inp["provenance_sha256"]:
                if latest:
                    res.add(run_id, "provenance file missing" if now is None else "provenance file altered", pf)
                elif now is not None and inp["task_id"] not in later:
                    res.add(run_id, "provenance file altered", f"{pf}: matches neither this run's manifest nor "
                            "a later run's")
                replaced += 1  # a mismatch with the latest run's manifest is that run's finding
                continue
            prov_files.append(pf)
        rf = files.join(out_dir, "_rejected", f"{inp['task_id']}.parquet")
        if inp.get("rejected") and files.isfile(rf):
            rej_files.append(rf)
    if replaced:
        if not latest:
            res.notes.append(f"run {run_id}: {replaced} provenance file(s) were replaced by a later run in "
                             f"{out_dir}; its documents rows are covered by the manifest chain only")
        return
    _compare_rows(con, run_id, "documents", prov_files, ["doc_id", "input_file", "input_line"], res)
    if cat.is_table("rejected"):  # else the catalog and coverage checks report it
        _compare_rows(con, run_id, "rejected", rej_files, ["input_file", "input_line"], res)


# --------------------------------------------------------------------------- folders

def _walk_folder(out_dir: str, man: dict[str, Any] | None, latest_id: str | None, db_runs: set[str],
                 res: VerifyResult) -> None:
    """Every shard, provenance file and manifest in the folder belongs to a run in the database."""
    res.folders_checked += 1
    listed = {s["path"] for s in (man or {}).get("shards", [])}
    tasks = {i["task_id"] for i in (man or {}).get("inputs", [])}
    for kind in ("kept", "removed"):
        for full in files.parquet(out_dir, kind, recursive=True):
            rel = files.relative(full, out_dir)
            if rel not in listed:
                res.add(latest_id or "", "shard not in any manifest",
                        f"{full}: not written by the folder's latest recorded run (added or copied in)")
    for sub in ("_provenance", "_rejected"):
        for full in files.parquet(out_dir, sub):
            if files.relative(full, files.join(out_dir, sub))[: -len(".parquet")] not in tasks:
                res.add(latest_id or "", f"{sub[1:]} file not in any manifest", full)
    for full in files.names(out_dir, "_manifests", ".json"):
        name = files.relative(full, files.join(out_dir, "_manifests"))
        if name.endswith(".tables.json"):
            continue
        rid = name[: -len(".json")]
        if rid not in db_runs:
            res.add(rid, "run missing from the database", f"{full} is the manifest of a run the database does "
                    "not hold (deleted?)")
    top = files.join(out_dir, "manifest.json")
    if man is not None and (os.path.lexists(top) or files.isfile(top)):
        try:
            same = json.loads(files.read(top)) == man
        except (OSError, json.JSONDecodeError, UnicodeDecodeError):
            same = False
        if not same:
            res.add(latest_id or "", "manifest.json altered", f"{top} differs from the latest run's manifest")


# --------------------------------------------------------------------------- anchors

def _check_anchor(path: str, receipt: dict[str, Any], by_id: dict[str, dict[str, Any]],
                  by_hash: dict[str, dict[str, Any]], public_key: Any, bad_runs: set[str], res: VerifyResult) -> None:
    res.anchors_checked += 1
    rid, head = receipt["run_id"], receipt["manifest_sha256"]
    if public_key is not None:
        why = check_signature(receipt, public_key)
        if why:
            res.add(rid, "anchor signature invalid", f"{path}: {why}")
    run = by_id.get(rid)
    if run is None:
        res.add(rid, "anchored run missing", f"{path}: the database holds no run {rid} (deleted or rewritten)")
        return
    if run.get("manifest_sha256") != head:
        res.add(rid, "anchored run rewritten", f"{path}: head {head} ≠ runs.manifest_sha256 "
                f"{run.get('manifest_sha256')}")
        return
    if receipt.get("prev_manifest_sha256") != run.get("prev_manifest_sha256"):
        res.add(rid, "anchored run rewritten", f"{path}: previous head {receipt.get('prev_manifest_sha256')} ≠ "
                f"runs.prev_manifest_sha256 {run.get('prev_manifest_sha256')}")
    cur, steps = run, 0
    while cur is not None and steps <= len(by_id):
        if cur["run_id"] in bad_runs:
            res.add(cur["run_id"], "anchored chain altered", f"{path}: this run, at or before the anchored head "
                    f"{rid}, has findings of its own")
        prev = cur.get("prev_manifest_sha256")
        if prev is None:
            return
        nxt = by_hash.get(prev)
        if nxt is None:
            res.add(cur["run_id"], "anchored chain broken", f"{path}: the run before it (manifest {prev}) is not "
                    "in the database")
            return
        cur, steps = nxt, steps + 1


# --------------------------------------------------------------------------- entry point

def _out_dir(run: dict[str, Any]) -> str:
    d = run.get("output_dir")
    return d if isinstance(d, str) else ""


def _check_uncovered(cache: coverage.TableCache, head: dict[str, Any], head_man: dict[str, Any],
                     res: VerifyResult) -> None:
    """Rows that no manifest covers, measured against the chain head's record."""
    try:
        head_rows = json.loads(files.read(files.join(_out_dir(head), head_man["tables_file"]["path"])))
    except (OSError, ValueError):
        head_rows = {}  # its own check reports the file
    found, notes = coverage.uncovered(cache, head_man["tables"], head_rows)
    for f in found:
        res.add("", f.what, f.detail)
    res.notes.extend(notes)


def _check_unknown_runs(con: duckdb.DuckDBPyConnection, cat: Catalog, run_ids: set[str], res: VerifyResult) -> None:
    """Rows whose run the database no longer holds (a run deleted from ``runs`` alone)."""
    for table in sorted(cat.tables):
        if table == "runs" or not cat.is_table(table) or "run_id" not in dict(cat.tables[table]):
            continue
        for rid in run_ids_in(con, table):
            if rid is not None and rid not in run_ids:
                res.add(str(rid), "run missing from the database", f"{table} holds rows of run {value_text(rid)}, "
                        "which runs does not")


def _guarded(res: VerifyResult, run_id: str, check: Any, *args: Any) -> None:
    """Run one check; a manifest or file not shaped as gensafe writes it is a finding, not a traceback."""
    try:
        check(*args)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        res.add(run_id, "manifest malformed", f"not the structure gensafe writes ({type(exc).__name__}: "
                f"{str(exc)[:120]}); {check.__name__.lstrip('_').replace('_', ' ')} stopped there")
    except (pa.ArrowException, OSError, duckdb.Error) as exc:
        res.add(run_id, "file unreadable", f"{(str(exc).splitlines() or [''])[0][:160]}; "
                f"{check.__name__.lstrip('_').replace('_', ' ')} stopped there")


def verify(db: str, check_files: bool = True, anchors: list[str] | tuple[str, ...] = (),
           public_key: str | None = None, outputs: list[str] | tuple[str, ...] = ()) -> VerifyResult:
    """Recompute the chain, the tables and the checksums of every run in ``db``.

    Raises ``FileNotFoundError``, ``UntrustedDbError`` or ``ReceiptError``
    for what cannot be checked at all; everything else is a finding.
    """
    if not os.path.exists(db):
        raise FileNotFoundError(f"no audit database at {db}")
    receipts = [(a, r) for a in anchors for r in load_receipts(a)]
    pub = load_public_key(public_key) if public_key else None
    con = open_untrusted(db)
    res = VerifyResult()
    try:
        with files.remote_allowed([storage.absolute(o) for o in outputs]):
            _verify_open(con, db, res, check_files, receipts, pub, outputs)
    finally:
        con.close()
    return res


def _verify_open(con: duckdb.DuckDBPyConnection, db: str, res: VerifyResult, check_files: bool,
                 receipts: list[tuple[str, dict[str, Any]]], pub: Any, outputs: list[str] | tuple[str, ...]) -> None:
    """The checks of :func:`verify` on an open, locked-down connection."""
    cat = catalog(con)
    readable = _check_catalog(cat, res)
    runs: list[dict[str, Any]] = []
    if readable:
        cols, rows = fetch_rows(con, "runs")
        runs = [dict(zip(cols, r)) for r in rows]
        for r in runs:
            r.setdefault("run_id", None)
        runs = [r for r in runs if isinstance(r["run_id"], str)]
    order = _order_chain(runs, res)
    cache = coverage.TableCache(con, cat)
    manifests: dict[str, dict[str, Any] | None] = {}
    latest_in: dict[str, str] = {}
    for r in order:
        latest_in[_out_dir(r)] = r["run_id"]
    for r in order:
        res.runs += 1
        rid, out_dir = r["run_id"], _out_dir(r)
        man = _read_manifest(r, res)
        manifests[rid] = man
        if man is None:
            continue
        lid = latest_in.get(out_dir)
        latest_man = man if lid == rid else _peek_manifest(out_dir, lid)
        _guarded(res, rid, _check_run_row, r, man, res)
        _guarded(res, rid, _check_shards_rows, rid, man, cache, res)
        _guarded(res, rid, _check_tables, rid, man, out_dir, cache, res)
        if check_files:
            _guarded(res, rid, _check_files, con, cat, rid, man, out_dir, latest_man, res)
    head = order[-1] if order else None
    res.head = head.get("manifest_sha256") if head else None
    head_id = head["run_id"] if head else ""
    head_man = manifests.get(head_id) if head else None
    _guarded(res, head_id, _check_views, cat, head_man, head_id, res)
    if head_man and "tables" in head_man:
        _guarded(res, head_id, _check_uncovered, cache, head, head_man, res)
    if readable:
        _guarded(res, "", _check_unknown_runs, con, cat, {r["run_id"] for r in runs}, res)
    if check_files:
        folders = {_out_dir(r) for r in order} | {storage.absolute(o).rstrip("/") for o in outputs}
        here = os.path.dirname(os.path.abspath(db))  # by default the database lives in its run's folder
        if os.path.isdir(os.path.join(here, "_manifests")):
            folders.add(here)
        folders |= {rc["output_dir"] for _, rc in receipts
                    if isinstance(rc.get("output_dir"), str) and files.isdir(rc["output_dir"])}
        for f in sorted(x for x in folders if x):
            lid = latest_in.get(f)
            _guarded(res, lid or "", _walk_folder, f, manifests.get(lid) if lid else None, lid,
                     {r["run_id"] for r in runs}, res)
    by_id = {r["run_id"]: r for r in runs}
    by_hash = {r["manifest_sha256"]: r for r in runs if isinstance(r.get("manifest_sha256"), str)}
    bad = {f.run_id for f in res.findings if f.run_id}
    for path, rc in receipts:
        _guarded(res, rc["run_id"], _check_anchor, path, rc, by_id, by_hash, pub, bad, res)

