import duckdb
from click.testing import CliRunner

from conftest import spine_pipeline
from test_object_storage import BUCKET, _inputs, _keys, _pipeline, s3  # noqa: F401 (s3 is a fixture)
from gensafe.audit.integrity import verify
from gensafe.cli import main


def _run(tmp_path, corpus):
    p = spine_pipeline(tmp_path, [str(corpus)], chunk_bytes=3000)
    assert CliRunner().invoke(main, ["run", str(p), "--no-progress"]).exit_code == 0
    return tmp_path / "out"


def test_clean_run_verifies_and_chains(tmp_path, corpus):
    out = _run(tmp_path, corpus)
    p = tmp_path / "pipeline.toml"
    # a second run chains (a plain rerun of a finished run is a no-op, so overwrite)
    assert CliRunner().invoke(main, ["run", str(p), "--no-progress", "--overwrite"]).exit_code == 0
    res = verify(str(out / "audit.duckdb"))
    assert res.ok, [str(f) for f in res.findings]
    assert res.runs == 2 and res.shards_checked > 0 and res.documents_checked == 240  # both runs: the resumed one shares the files


def test_edited_shard_is_caught(tmp_path, corpus):
    out = _run(tmp_path, corpus)
    shard = sorted((out / "kept").glob("*.parquet"))[0]
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0xFF
    shard.write_bytes(bytes(data))
    res = verify(str(out / "audit.duckdb"))
    assert any(f.what == "shard altered" and shard.name in f.detail for f in res.findings)


def test_edited_duckdb_row_is_caught(tmp_path, corpus):
    out = _run(tmp_path, corpus)
    con = duckdb.connect(str(out / "audit.duckdb"))
    con.execute("UPDATE documents SET decision = 'kept', reasons = [] WHERE doc_id = 'doc-3'")
    con.execute("UPDATE runs SET removed = removed - 1")
    con.close()
    r = CliRunner().invoke(main, ["audit", "verify", "--db", str(out / "audit.duckdb")])
    assert r.exit_code == 1
    assert "documents row altered" in r.output and "doc-3" in r.output and "decision: 'removed' → 'kept'" in r.output
    assert "runs.removed altered" in r.output


def test_overwritten_folder_verifies_with_a_note(tmp_path, corpus):
    out = _run(tmp_path, corpus)
    p = tmp_path / "pipeline.toml"
    p.write_text(p.read_text().replace('[[policy.remove]]\nreason = "forbidden"\nflag = "t_ok"', ""))  # new decisions
    assert CliRunner().invoke(main, ["run", str(p), "--no-progress", "--overwrite"]).exit_code == 0
    res = verify(str(out / "audit.duckdb"))
    assert res.ok, [str(f) for f in res.findings]
    assert res.runs == 2 and any("replaced by a later run" in n for n in res.notes)


def test_older_run_rows_edited_in_a_shared_folder(tmp_path, corpus):
    out = _run(tmp_path, corpus)
    assert CliRunner().invoke(main, ["run", str(tmp_path / "pipeline.toml"), "--no-progress", "--overwrite"]).exit_code == 0
    db = out / "audit.duckdb"
    con = duckdb.connect(str(db))
    first = con.execute("SELECT run_id FROM runs ORDER BY finished_at LIMIT 1").fetchone()[0]
    con.execute("UPDATE documents SET decision = 'kept', reasons = [] WHERE doc_id = 'doc-3' AND run_id = ?", [first])
    con.close()
    r = CliRunner().invoke(main, ["audit", "verify", "--db", str(db)])
    assert r.exit_code == 1 and "documents row altered" in r.output and first in r.output and "doc-3" in r.output


def test_older_run_rewritten_consistently_breaks_the_chain(tmp_path, corpus):
    """Run 1 resealed with gensafe's own code after an edit: run 2 still names its old head."""
    import json

    from gensafe.chain.seal import seal_manifest

    out = _run(tmp_path, corpus)
    assert CliRunner().invoke(main, ["run", str(tmp_path / "pipeline.toml"), "--no-progress", "--overwrite"]).exit_code == 0
    db = out / "audit.duckdb"
    con = duckdb.connect(str(db))
    first, second = [r[0] for r in con.execute("SELECT run_id FROM runs ORDER BY finished_at").fetchall()]
    con.execute("UPDATE sources SET unsafe = 0 WHERE run_id = ?", [first])
    man = json.loads((out / "_manifests" / f"{first}.json").read_bytes())
    con.execute("UPDATE runs SET manifest_sha256 = NULL WHERE run_id = ?", [first])
    head = seal_manifest(con, {k: v for k, v in man.items() if k not in ("run", "tables", "tables_file", "views")},
                         str(out))
    con.execute("UPDATE runs SET manifest_sha256 = ? WHERE run_id = ?", [head, first])
    con.close()
    r = CliRunner().invoke(main, ["audit", "verify", "--db", str(db)])
    assert r.exit_code == 1 and "chain broken" in r.output and second in r.output


def test_verify_reads_a_bucket_only_when_named(tmp_path, s3):
    """A run written to S3: checked when the auditor names the folder, a finding when not."""
    out = f"s3://{BUCKET}/runs/verify"
    files = _inputs(tmp_path)
    p = _pipeline(tmp_path, [str(f) for f in files], out, tmp_path / "remote.duckdb", "remote.toml")
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 0, r.output
    db = str(tmp_path / "remote.duckdb")
    r = CliRunner().invoke(main, ["audit", "verify", "--db", db])
    assert r.exit_code == 1 and "folder not checked" in r.output and f"--output {out}" in r.output
    r = CliRunner().invoke(main, ["audit", "verify", "--db", db, "--output", out])
    assert r.exit_code == 0, r.output
    assert "60 document row(s)" in r.output and "1 folder(s)" in r.output
    shard = next(k for k in _keys(s3, "runs/verify/kept/"))
    s3.copy_object(Bucket=BUCKET, CopySource={"Bucket": BUCKET, "Key": shard}, Key="runs/verify/kept/extra.parquet")
    r = CliRunner().invoke(main, ["audit", "verify", "--db", db, "--output", out])
    assert r.exit_code == 1 and "shard not in any manifest" in r.output and "kept/extra.parquet" in r.output
