"""Each tampering case of issue 13 on a fresh quickstart run: a named finding and exit 1.

One quickstart run (with a source assessment recorded before it) is built
once; every test starts from a
pristine copy of that folder, tampers with it, and runs ``gensafe audit
verify`` through the CLI.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from gensafe.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """A quickstart run; returns (folder, copy of the folder). Two runs in one folder: test_audit_verify."""
    base = tmp_path_factory.mktemp("quickstart")
    out = base / "out"
    db = out / "audit.duckdb"
    out.mkdir()
    # an assessment recorded before the run, so that the admission tables are covered
    from gensafe.admission import assess

    con = duckdb.connect(str(db))
    rows = [{"doc_id": f"a{i}", "source_id": "example.org", "text": "t"} for i in range(20)]

    def annotate(batch):
        n = batch.num_rows
        return batch.append_column("risk_codes", pa.array([["A1h"] if i < 3 else [] for i in range(n)],
                                                          pa.list_(pa.string()))).append_column(
            "unsafe", pa.array([i < 3 for i in range(n)]))

    res = assess.assess_source("example.org", [(i, r["doc_id"], r) for i, r in enumerate(rows)], len(rows),
                               annotate, assess.AssessConfig(sample_size=20, seed=1, phase="assessment", by="t"))
    assess.record_assessment(con, res, {"pipeline": "fixture"}, "fixture-annotator")
    con.close()
    qs = (ROOT / "pipelines" / "quickstart.toml").read_text(encoding="utf-8")
    for rel in ("examples/sample_corpus/sources.toml", "examples/sample_corpus/*.jsonl", "examples/sample_corpus/robots"):
        qs = qs.replace(f'"../{rel}"', json.dumps(str(ROOT / rel)))  # paths are relative to the file
    p = base / "quickstart.toml"
    p.write_text(qs, encoding="utf-8")
    shutil.copy(ROOT / "pipelines" / "default.toml", base / "default.toml")  # quickstart extends it
    r = _cli("run", str(p), "--output", str(out), "--db", str(db), "--no-progress")
    assert r.exit_code == 0, r.output
    keep = base / "pristine"
    shutil.copytree(out, keep)
    return out, keep


@pytest.fixture
def qs(pristine, tmp_path):
    """The pristine runs, restored in place; returns (folder, db, [run ids, oldest first], outside receipt)."""
    out, keep = pristine
    shutil.rmtree(out)
    shutil.copytree(keep, out)
    db = out / "audit.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    runs = [r[0] for r in con.execute("SELECT run_id FROM runs ORDER BY finished_at").fetchall()]
    con.close()
    anchor = tmp_path / "receipt.json"  # what the provider handed to the auditor
    shutil.copy(out / "_receipts" / f"{runs[-1]}.json", anchor)
    return out, db, runs, anchor


def _verify(db: Path, *extra: str):
    r = _cli("audit", "verify", "--db", str(db), *extra)
    return r.exit_code, r.output


def _sql(db: Path, *stmts: str, params=None) -> None:
    con = duckdb.connect(str(db))
    for s in stmts:
        con.execute(s, params or [])
    con.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reseal(out: Path, db: Path, run_id: str, edit_manifest=None) -> None:
    """What a forger with gensafe's code does after editing: rehash everything of ``run_id`` consistently."""
    from gensafe.chain.receipt import make_receipt, write_receipt
    from gensafe.chain.seal import seal_manifest

    mpath = out / "_manifests" / f"{run_id}.json"
    man = json.loads(mpath.read_bytes())
    for s in man["shards"]:
        f = out / s["path"]
        s["sha256"], s["rows"], s["bytes"] = _sha(f), pq.read_metadata(f).num_rows, f.stat().st_size
    for i in man["inputs"]:
        pf = out / "_provenance" / f"{i['task_id']}.parquet"
        if pf.exists():
            i["provenance_sha256"] = _sha(pf)
    if edit_manifest:
        edit_manifest(man)
    for k in ("run", "tables", "tables_file", "views"):
        man.pop(k, None)
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM shards WHERE run_id = ?", [run_id])
    con.executemany("INSERT INTO shards VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [[run_id, s["path"].split("-")[1], s["path"], s["path"].split("/")[0], s["rows"], s["bytes"],
                      s["sha256"]] for s in man["shards"]])
    con.execute("UPDATE runs SET manifest_sha256 = NULL WHERE run_id = ?", [run_id])
    h = seal_manifest(con, man, str(out))
    con.execute("UPDATE runs SET manifest_sha256 = ? WHERE run_id = ?", [h, run_id])
    prev = con.execute("SELECT prev_manifest_sha256 FROM runs WHERE run_id = ?", [run_id]).fetchone()[0]
    con.close()
    write_receipt(make_receipt(run_id, h, prev, str(out), str(db)), str(out))


# --------------------------------------------------------------------------- the clean case

def test_clean_runs_verify_with_their_anchor(qs):
    out, db, runs, anchor = qs
    code, text = _verify(db, "--anchor", str(anchor))
    assert code == 0, text
    assert "checked 1 run(s)" in text and "1 anchor(s)" in text and "ALTERED" not in text
    assert "source_assessments" not in text  # recorded before the run: covered, not a note
    assert json.loads(anchor.read_text())["manifest_sha256"] in text


# --------------------------------------------------------------------------- the output folder

def test_shard_added_to_kept(qs):
    out, db, runs, _ = qs
    shard = sorted((out / "kept").glob("*.parquet"))[0]
    shutil.copy(shard, out / "kept" / "part-999-00000-0000-0000.parquet")
    code, text = _verify(db)
    assert code == 1 and "shard not in any manifest" in text and "part-999-00000" in text


def test_removed_shard_copied_into_kept(qs):
    out, db, runs, _ = qs
    shard = sorted((out / "removed").glob("*.parquet"))[0]
    shutil.copy(shard, out / "kept" / ("x" + shard.name))
    code, text = _verify(db)
    assert code == 1 and "shard not in any manifest" in text and "kept/x" + shard.name in text


def test_removed_document_moved_into_kept_with_everything_rehashed(qs):
    """出售冰毒… moved from removed/ to kept/, the manifest rewritten and its sha256 recomputed into runs."""
    out, db, runs, anchor = qs
    rid = runs[-1]
    moved = None
    for f in sorted((out / "removed").glob("*.parquet")):
        t = pq.read_table(f)
        ids = t.column("doc_id").to_pylist()
        if "web-u000" in ids:
            i = ids.index("web-u000")
            moved = t.slice(i, 1)
            pq.write_table(pa.concat_tables([t.slice(0, i), t.slice(i + 1)]), f)
    assert moved is not None and "冰毒" in moved.column("text")[0].as_py()
    new = "kept/part-999-00000-0000-0000.parquet"
    pq.write_table(moved.drop_columns(["reasons", "risk_codes"]), out / new)
    for pf in (out / "_provenance").glob("*.parquet"):
        t = pq.read_table(pf)
        ids = t.column("doc_id").to_pylist()
        if "web-u000" in ids:
            d = t.to_pylist()
            for r in d:
                if r["doc_id"] == "web-u000":
                    r.update(decision="kept", reasons=[], output_shard=new, output_row=0)
            pq.write_table(pa.Table.from_pylist(d, schema=t.schema), pf)
    con = duckdb.connect(str(db))
    con.execute("UPDATE documents SET decision = 'kept', reasons = [], output_shard = ?, output_row = 0 "
                "WHERE doc_id = 'web-u000' AND run_id = ?", [new, rid])
    con.execute("UPDATE runs SET kept = kept + 1, removed = removed - 1 WHERE run_id = ?", [rid])
    con.close()

    def edit(man):
        man["shards"].append({"path": new, "kind": "kept", "rows": 1, "bytes": 0, "sha256": ""})
        man["counts"]["kept"] += 1
        man["counts"]["removed"] -= 1
        f = out / new
        man["shards"][-1].update(sha256=_sha(f), bytes=f.stat().st_size)

    _reseal(out, db, rid, edit)
    code, text = _verify(db)
    # a thorough forger of the latest run is invisible without an anchor (docs/audit_report.md says so) …
    assert code == 0, text
    # … and caught by the receipt the auditor was given when the run finished
    code, text = _verify(db, "--anchor", str(anchor))
    assert code == 1 and "anchored run rewritten" in text and rid in text


# --------------------------------------------------------------------------- runs deleted or rewritten

def test_latest_run_deleted_from_the_database(qs):
    out, db, runs, anchor = qs
    _sql(db, "DELETE FROM runs WHERE run_id = ?", params=[runs[-1]])
    code, text = _verify(db)
    assert code == 1 and "run missing from the database" in text and runs[-1] in text


def test_latest_run_deleted_with_its_manifest_is_caught_by_the_anchor(qs):
    out, db, runs, anchor = qs
    rid = runs[-1]
    for t in ("runs", "documents", "shards", "inputs", "rejected", "sources", "sources_registry", "source_provenance"):
        _sql(db, f"DELETE FROM {t} WHERE run_id = ?", params=[rid])
    for f in (out / "_manifests").glob(f"{rid}*"):
        f.unlink()
    (out / "_receipts" / f"{rid}.json").unlink()
    code, text = _verify(db, "--anchor", str(anchor))
    assert code == 1 and "anchored run missing" in text


# --------------------------------------------------------------------------- the tables the report reads

@pytest.mark.parametrize("stmt, what", [
    ("UPDATE sources SET unsafe = 0, qualified_rate = 1.0 WHERE source_id = 'example.org'",
     "sources row altered: source_id=\"example.org\""),
    ("UPDATE inputs SET input_records = input_records - 1 WHERE task_id = (SELECT min(task_id) FROM inputs)",
     "inputs row altered"),
    ("UPDATE risk_types SET counts_for_5pct_rule = false WHERE code = 'A1h'", "risk_types row altered: code=\"A1h\""),
    ("UPDATE rejected SET reason = 'fine' WHERE input_line = 88", "rejected row altered"),
    ("INSERT INTO rejected SELECT * FROM rejected LIMIT 1", "rejected row added"),
    ("UPDATE source_assessments SET literal_verdict = 'admit', verdict = 'admit'", "source_assessments row altered"),
    ("DELETE FROM source_handling", "source_handling row deleted"),
    ("UPDATE sources_registry SET license = 'CC0-1.0'", "sources_registry row altered"),
    ("UPDATE source_provenance SET license_ok = true", "source_provenance row altered"),
    ("DROP TABLE sources; CREATE VIEW sources AS SELECT 1 AS x", "table sources replaced by a view"),
    ("ALTER TABLE risk_types DROP COLUMN min_keywords_b11", "risk_types column dropped"),
])
def test_table_edits(qs, stmt, what):
    out, db, runs, _ = qs
    _sql(db, stmt)
    code, text = _verify(db)
    assert code == 1 and what in text, text


def test_runs_row_edit(qs):
    out, db, runs, _ = qs
    _sql(db, "UPDATE runs SET keyword_library_version = '2099-01-01', accounting_ok = true")
    code, text = _verify(db)
    assert code == 1 and "runs.keyword_library_version altered" in text


def test_tables_file_edited(qs):
    out, db, runs, _ = qs
    f = out / "_manifests" / f"{runs[-1]}.tables.json"
    f.write_text(f.read_text().replace('"global"', '"global" ', 1))
    code, text = _verify(db)
    assert code == 1 and "tables file altered" in text


def test_replaced_view_is_caught_and_not_trusted_by_the_reports(qs):
    out, db, runs, _ = qs
    _sql(db, """CREATE OR REPLACE VIEW source_qualified_rate AS
                SELECT run_id, source_id, count(*) AS documents, count(*) AS qualified, 0 AS unqualified,
                       1.0 AS qualified_rate, 0.0 AS unsafe_rate, 0 AS a5_documents,
                       count(*) FILTER (WHERE decision = 'kept') AS kept,
                       count(*) FILTER (WHERE decision = 'removed') AS removed
                FROM documents GROUP BY ALL""")
    code, text = _verify(db)
    assert code == 1 and "view redefined: source_qualified_rate" in text
    r = _cli("report", "--db", str(db), "--json")
    assert r.exit_code == 0, r.output
    rate = {s["source_id"]: s["qualified_rate"] for s in json.loads(r.output)["sources"]}
    # the forged view said 100 % for every source; the real figure for the unsafe source is far below it
    assert rate["example.org"] < 0.5 and rate["news-wire"] == 1.0
    from gensafe.audit.report import report_for_db

    rows = report_for_db(str(db)).item("T.sources").rows
    org = [r for rs in rows.values() for r in rs if r.get("source_id") == "example.org"]
    assert org and all(r["qualified_rate"] < 0.5 for r in org)


# --------------------------------------------------------------------------- accounting

def test_failed_accounting_run_is_a_verify_failure(tmp_path, corpus, monkeypatch):
    from conftest import spine_pipeline
    from gensafe import executor

    real = executor.run_task

    def short_one(*a, **kw):
        m = real(*a, **kw)
        m["input_records"] += 1  # a record the books lose
        return m

    monkeypatch.setattr(executor, "run_task", short_one)
    p = spine_pipeline(tmp_path, [str(corpus)])
    r = _cli("run", str(p), "--no-progress")
    assert r.exit_code == 1 and "accounting mismatch" in r.output
    code, text = _verify(tmp_path / "out" / "audit.duckdb")
    assert code == 1 and "accounting failed" in text


# --------------------------------------------------------------------------- signing

def _keys(tmp_path: Path, name: str) -> tuple[Path, Path]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    k = Ed25519PrivateKey.generate()
    priv, pub = tmp_path / f"{name}.pem", tmp_path / f"{name}.pub"
    priv.write_bytes(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption()))
    pub.write_bytes(k.public_key().public_bytes(serialization.Encoding.PEM,
                                                serialization.PublicFormat.SubjectPublicKeyInfo))
    return priv, pub


def test_signed_receipt(tmp_path, corpus):
    from conftest import spine_pipeline

    priv, pub = _keys(tmp_path, "provider")
    _, other = _keys(tmp_path, "someone-else")
    p = spine_pipeline(tmp_path, [str(corpus)])
    r = _cli("run", str(p), "--no-progress", "--sign-key", str(priv))
    assert r.exit_code == 0, r.output
    assert "signed receipt" in r.output
    db = tmp_path / "out" / "audit.duckdb"
    receipt = next((tmp_path / "out" / "_receipts").glob("*.json"))
    assert receipt.read_text().count('"ed25519"') == 1
    code, text = _verify(db, "--anchor", str(receipt), "--public-key", str(pub))
    assert code == 0, text
    code, text = _verify(db, "--anchor", str(receipt), "--public-key", str(other))
    assert code == 1 and "anchor signature invalid" in text
    forged = tmp_path / "forged.json"
    rec = json.loads(receipt.read_text())
    rec["manifest_sha256"] = "0" * 64
    forged.write_text(json.dumps(rec))
    code, text = _verify(db, "--anchor", str(forged), "--public-key", str(pub))
    assert code == 1 and "anchor signature invalid" in text and "anchored run rewritten" in text
    r = _cli("run", str(p), "--no-progress", "--sign-key", str(tmp_path / "missing.pem"))
    assert r.exit_code != 0 and "missing.pem" in r.output and "Traceback" not in r.output


# --------------------------------------------------------------------------- a crafted database

def test_crafted_database_runs_nothing(tmp_path):
    """Views, macros and generated columns that would raise if run; paths and ids that inject SQL."""
    out = tmp_path / "o'; COPY (SELECT 1) TO 'pwned.csv'; --"
    (out / "_manifests").mkdir(parents=True)
    (out / "_provenance").mkdir()
    db = tmp_path / "crafted.duckdb"
    con = duckdb.connect(str(db))
    boom = "error('EXECUTED-FROM-THE-DATABASE')"
    con.execute(f"CREATE MACRO duckdb_tables() AS TABLE SELECT {boom} AS table_name")
    con.execute(f"CREATE MACRO lower(x) AS {boom}")
    con.execute("CREATE TABLE runs (run_id VARCHAR, output_dir VARCHAR, manifest_sha256 VARCHAR, "
                "prev_manifest_sha256 VARCHAR, finished_at TIMESTAMP, accounting_ok BOOLEAN)")
    rid = "r1'); SELECT error('EXECUTED-FROM-THE-DATABASE'); --"
    con.execute("INSERT INTO runs VALUES (?, ?, 'x', NULL, now(), true)", [rid, str(out)])
    con.execute(f"CREATE VIEW documents AS SELECT {boom} AS doc_id")
    con.execute(f"CREATE TABLE sources (run_id VARCHAR, n INTEGER, g VARCHAR GENERATED ALWAYS AS ({boom}) VIRTUAL)")
    con.execute(f"CREATE VIEW source_qualified_rate AS SELECT {boom} AS x")
    con.close()
    man = {"run_id": rid, "prev_manifest_sha256": None, "counts": {"input_records": 0, "kept": 0, "removed": 0,
                                                                   "rejected": 0},
           "inputs": [{"task_id": "t'); SELECT 1; --", "provenance_sha256": "y"}], "shards": []}
    (out / "_manifests" / "manifest.json").write_text(json.dumps(man))
    code, text = _verify(db)
    assert code == 1, text
    assert "EXECUTED-FROM-THE-DATABASE" not in text and "Traceback" not in text
    assert "macro in the database: main.duckdb_tables" in text and "main.lower" in text
    assert "documents is not a base table" in text and "generated columns" in text
    assert not (tmp_path / "pwned.csv").exists() and not list(tmp_path.rglob("pwned.csv"))


def test_not_a_database(tmp_path):
    f = tmp_path / "x.duckdb"
    f.write_text("not a database")
    code, text = _verify(f)
    assert code == 1 and "cannot open" in text and "Traceback" not in text


def test_crafted_tables_and_manifests_are_findings_not_tracebacks(tmp_path):
    """Readable tables, but ids that inject SQL, paths at devices and FIFOs, manifests of the wrong shape."""
    import os

    out = tmp_path / "o\"'; DROP TABLE runs; --"
    (out / "_manifests").mkdir(parents=True)
    (out / "_provenance").mkdir()
    os.mkfifo(out / "_provenance" / "t1.parquet")  # reading it would block forever
    db = tmp_path / "crafted.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE runs (run_id VARCHAR, output_dir VARCHAR, manifest_sha256 VARCHAR, "
                "prev_manifest_sha256 VARCHAR, finished_at TIMESTAMP, accounting_ok BOOLEAN)")
    con.execute("CREATE TABLE documents (run_id VARCHAR, doc_id VARCHAR)")
    con.execute("CREATE TABLE shards (run_id VARCHAR, path VARCHAR, rows BIGINT, sha256 VARCHAR)")
    runs = {"b": {"run_id": "b", "shards": "not a list", "inputs": 7, "counts": None, "tables": 3},
            "a') OR 1=1; --": {"run_id": "a') OR 1=1; --", "prev_manifest_sha256": None,
                               "counts": {"input_records": 1, "kept": 1, "removed": 0, "rejected": 0},
                               "shards": [{"path": "/dev/zero", "rows": 1, "sha256": "0"}],
                               "inputs": [{"task_id": "t1", "provenance_sha256": "0"}]}}
    prev = None
    for i, (rid, man) in enumerate(runs.items()):
        man["prev_manifest_sha256"] = prev
        blob = json.dumps(man).encode()
        (out / "_manifests" / f"{rid}.json").write_bytes(blob)
        h = hashlib.sha256(blob).hexdigest()
        con.execute("INSERT INTO runs VALUES (?, ?, ?, ?, now() + INTERVAL (?) SECOND, true)", [rid, str(out), h, prev, i])
        prev = h
    con.close()
    code, text = _verify(db)
    assert code == 1, text
    assert "Traceback" not in text and "manifest malformed" in text and "shard missing: /dev/zero" in text
    assert "provenance file missing" in text and "t1.parquet" in text  # a FIFO is not read
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 2
    con.close()


def test_report_on_a_database_with_a_shadowing_macro_is_a_clear_error(qs):
    out, db, runs, _ = qs
    _sql(db, "CREATE MACRO duckdb_tables() AS TABLE SELECT 'x' AS table_name")
    r = _cli("audit", "report", "--db", str(db))
    assert r.exit_code == 1 and "gensafe audit verify" in r.output and "Traceback" not in r.output
    code, text = _verify(db)
    assert code == 1 and "macro in the database: main.duckdb_tables" in text
