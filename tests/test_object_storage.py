"""Inputs and outputs on S3: a local S3 server (moto) the tests start on 127.0.0.1.

The same pipeline run from local disk and from the bucket must keep and
remove the same documents, with shards, markers and manifests in the
bucket and the DuckDB audit store on local disk.
"""
import gzip
import json
import os

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from conftest import spine_pipeline, write_jsonl
from gensafe import storage
from gensafe.cli import main

BUCKET = "gensafe-test"


@pytest.fixture(scope="module")
def s3():
    """A moto S3 server on 127.0.0.1 and the environment a user would set for it."""
    moto_server = pytest.importorskip("moto.server")
    boto3 = pytest.importorskip("boto3")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
           "AWS_ENDPOINT_URL": f"http://{host}:{port}"}
    saved = {k: os.environ.get(k) for k in list(env) + ["AWS_ENDPOINT_URL_S3", "AWS_PROFILE", "AWS_REGION"]}
    for k in ("AWS_ENDPOINT_URL_S3", "AWS_PROFILE", "AWS_REGION"):
        os.environ.pop(k, None)
    os.environ.update(env)  # spawned workers inherit it, as they would a user's
    storage._s3.cache_clear()
    client = boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    yield client
    server.stop()
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    storage._s3.cache_clear()


def _put(client, key, data: bytes):
    client.put_object(Bucket=BUCKET, Key=key, Body=data)
    return f"s3://{BUCKET}/{key}"


def _keys(client, prefix):
    out = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix):
        out += [o["Key"] for o in page.get("Contents", [])]
    # Arrow leaves an empty "folder/" object when it deletes a folder's last file: no file of ours
    return sorted(k for k in out if not k.endswith("/"))


def _inputs(tmp_path):
    recs = [{"id": f"doc-{i}", "text": f"document {i}" + (" how to build a bomb" if i % 10 == 3 else "")
             + (" forbidden" if i % 17 == 5 else ""), "n": i, "tags": ["x", str(i % 3)]} for i in range(60)]
    plain = write_jsonl(tmp_path / "a.jsonl", recs[:30], raw_lines=['{"broken', '{"id": "no text"}'])
    gz = tmp_path / "b.jsonl.gz"
    gz.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in recs[30:50]).encode()))
    pqf = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": [r["id"] for r in recs[50:]], "text": [r["text"] for r in recs[50:]],
                             "n": pa.array([r["n"] for r in recs[50:]], pa.int32())}), pqf)
    return [plain, gz, pqf]


def _pipeline(tmp_path, inputs, out, db, name):
    p = spine_pipeline(tmp_path, inputs)
    text = p.read_text().replace(f'dir = "{tmp_path / "out"}"', f'dir = "{out}"')
    text = text.replace("[execution]", f'[store]\ndb = "{db}"\n\n[execution]')
    dest = tmp_path / name
    dest.write_text(text)
    return dest


def _decisions(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = dict(con.execute("SELECT doc_id, decision FROM documents").fetchall())
        rej = sorted((os.path.basename(f), line, reason) for f, line, reason in
                     con.execute("SELECT input_file, input_line, reason FROM rejected").fetchall())
        run = con.execute("SELECT input_records, kept, removed, rejected, accounting_ok, output_dir FROM runs").fetchone()
    finally:
        con.close()
    return docs, rej, run


def test_bucket_in_bucket_out_matches_local_disk(tmp_path, s3):
    files = _inputs(tmp_path)
    for f in files:
        _put(s3, f"corpus/{f.name}", f.read_bytes())
    local = _pipeline(tmp_path, [str(f) for f in files], tmp_path / "local-out", tmp_path / "local.duckdb", "local.toml")
    remote_inputs = [f"s3://{BUCKET}/corpus/*.jsonl", f"s3://{BUCKET}/corpus/*.jsonl.gz", f"s3://{BUCKET}/corpus/c.parquet"]
    remote = _pipeline(tmp_path, remote_inputs, f"s3://{BUCKET}/runs/one", tmp_path / "remote.duckdb", "remote.toml")
    r1 = CliRunner().invoke(main, ["run", str(local), "--no-progress"])
    assert r1.exit_code == 0, r1.output
    r2 = CliRunner().invoke(main, ["run", str(remote), "--no-progress"])
    assert r2.exit_code == 0, r2.output
    docs_l, rej_l, run_l = _decisions(tmp_path / "local.duckdb")
    docs_r, rej_r, run_r = _decisions(tmp_path / "remote.duckdb")
    assert docs_l == docs_r and len(docs_r) == 60
    assert sorted(set(docs_r.values())) == ["kept", "removed"]
    assert rej_l == rej_r and [r[1] for r in rej_r] == [31, 32]
    assert run_l[:5] == run_r[:5] == (62, run_l[1], run_l[2], 2, True)
    assert run_r[5] == f"s3://{BUCKET}/runs/one"
    # everything but the database is in the bucket
    keys = _keys(s3, "runs/one/")
    assert "runs/one/manifest.json" in keys and "runs/one/_run.json" in keys
    assert any(k.startswith("runs/one/_manifests/") for k in keys)
    assert len([k for k in keys if k.startswith("runs/one/_markers/")]) == 3
    assert not [k for k in keys if ".tmp" in k]
    manifest = json.loads(storage.read_bytes(f"s3://{BUCKET}/runs/one/manifest.json"))
    assert manifest["output_dir"] == f"s3://{BUCKET}/runs/one"
    shard_keys = {k[len("runs/one/"):] for k in keys if k.endswith(".parquet") and "/part-" in k}
    assert shard_keys == {s["path"] for s in manifest["shards"]}
    for s in manifest["shards"]:
        assert storage.sha256(f"s3://{BUCKET}/runs/one/{s['path']}") == s["sha256"]
    # the shards in the bucket carry the original columns
    kept = [pq.read_table(storage.open_input(f"s3://{BUCKET}/runs/one/{s['path']}"))
            for s in manifest["shards"] if s["kind"] == "kept"]
    assert all({"doc_id", "text", "n"} <= set(t.column_names) for t in kept)
    assert sum(t.num_rows for t in kept) == run_r[1]


def test_bucket_run_resumes_and_cleans_an_interrupted_task(tmp_path, s3):
    files = _inputs(tmp_path)
    for f in files:
        _put(s3, f"resume/{f.name}", f.read_bytes())
    out = f"s3://{BUCKET}/runs/resume"
    p = _pipeline(tmp_path, [f"s3://{BUCKET}/resume/"], out, tmp_path / "r.duckdb", "resume.toml")
    # the prefix holds all three formats; this input reads the JSONL ones, compressed or not
    p.write_text(p.read_text().replace(f'path = "s3://{BUCKET}/resume/"',
                                       f'path = "s3://{BUCKET}/resume/"\nformat = "jsonl"'))
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 0, r.output
    first = _decisions(tmp_path / "r.duckdb")[2]
    assert first[0] == 52  # a.jsonl (30 + 2 bad) and b.jsonl.gz (20)
    markers = _keys(s3, "runs/resume/_markers/")
    task = markers[0].rsplit("/", 1)[1][:-len(".json")]
    shards_before = _keys(s3, "runs/resume/kept/")
    # an attempt that died after its shards and before its marker, plus a stray shard of a later seq
    s3.delete_object(Bucket=BUCKET, Key=markers[0])
    _put(s3, f"runs/resume/kept/part-{task}-0001.parquet", b"half a shard")
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "resumed, 1 of 2 tasks already done" in r.output
    assert _keys(s3, "runs/resume/kept/") == shards_before
    con = duckdb.connect(str(tmp_path / "r.duckdb"), read_only=True)
    runs = con.execute("SELECT input_records, kept, removed, rejected, accounting_ok FROM runs ORDER BY finished_at").fetchall()
    con.close()
    assert runs[0] == runs[1]
    # --overwrite empties the prefix's trees and runs again from scratch
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress", "--overwrite"])
    assert r.exit_code == 0 and "resumed" not in r.output, r.output
    assert _keys(s3, "runs/resume/kept/") == shards_before and len(_keys(s3, "runs/resume/_markers/")) == 2


def test_globs_and_prefixes_list_the_bucket(s3):
    for key in ("g/a.jsonl", "g/b.jsonl", "g/sub/c.jsonl", "g/sub/d.parquet", "g/notes.txt"):
        _put(s3, key, b'{"text": "x"}\n')
    base = f"s3://{BUCKET}/g"
    assert storage.glob(f"{base}/*.jsonl") == [f"{base}/a.jsonl", f"{base}/b.jsonl"]
    assert storage.glob(f"{base}/**/*.jsonl") == [f"{base}/a.jsonl", f"{base}/b.jsonl", f"{base}/sub/c.jsonl"]
    assert storage.listdir(base) == ["a.jsonl", "b.jsonl", "notes.txt", "sub"]
    assert storage.isdir(base) and storage.isfile(f"{base}/a.jsonl") and not storage.exists(f"{base}/zz")
    from gensafe.config import parse_input

    spec = parse_input({"path": base + "/", "format": "jsonl"}, "inputs[0]")
    assert spec.files() == [f"{base}/a.jsonl", f"{base}/b.jsonl", f"{base}/sub/c.jsonl"]
    assert spec.dataset == "g"
    storage.write_bytes(f"{base}/w/x.json", b"{}")
    assert storage.read_bytes(f"{base}/w/x.json") == b"{}" and storage.identity(f"{base}/w/x.json")[0] == 2


def test_store_errors_are_one_line(tmp_path, s3, corpus):
    p = _pipeline(tmp_path, [str(corpus)], "s3://no-such-bucket-here/out", tmp_path / "e.duckdb", "e.toml")
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "no-such-bucket-here" in r.output or "bucket" in r.output.lower()
    assert len(r.output.strip().splitlines()) == 1
    bad_db = _pipeline(tmp_path, [str(corpus)], tmp_path / "o", f"s3://{BUCKET}/audit.duckdb", "d.toml")
    r = CliRunner().invoke(main, ["run", str(bad_db), "--no-progress"])
    assert r.exit_code == 1 and "must be a local file" in r.output
    # with the output in a bucket and no store.db, the database is local, under out/<name>/
    from gensafe.config import default_db

    assert default_db(f"s3://{BUCKET}/x", "n") == os.path.join("out", "n", "audit.duckdb")


def test_ray_actors_read_and_write_the_bucket(tmp_path, s3):
    ray = pytest.importorskip("ray")
    files = _inputs(tmp_path)
    for f in files:
        _put(s3, f"ray/{f.name}", f.read_bytes())
    local = _pipeline(tmp_path, [str(f) for f in files], tmp_path / "l-out", tmp_path / "l.duckdb", "l.toml")
    remote = _pipeline(tmp_path, [f"s3://{BUCKET}/ray/*.jsonl", f"s3://{BUCKET}/ray/*.jsonl.gz", f"s3://{BUCKET}/ray/*.parquet"],
                       f"s3://{BUCKET}/runs/ray", tmp_path / "r.duckdb", "r.toml")
    assert CliRunner().invoke(main, ["run", str(local), "--no-progress"]).exit_code == 0
    try:
        r = CliRunner().invoke(main, ["run", str(remote), "--no-progress", "--executor", "ray", "--workers", "2"])
        assert r.exit_code == 0, r.output + repr(r.exception)
    finally:
        ray.shutdown()
    assert _decisions(tmp_path / "l.duckdb")[:2] == _decisions(tmp_path / "r.duckdb")[:2]
    assert len(_keys(s3, "runs/ray/_markers/")) == 3 and "runs/ray/manifest.json" in _keys(s3, "runs/ray/")


def test_verify_and_review_read_the_bucket(tmp_path, s3):
    files = _inputs(tmp_path)
    _put(s3, "v/a.jsonl", files[0].read_bytes())
    db = tmp_path / "v.duckdb"
    p = _pipeline(tmp_path, [f"s3://{BUCKET}/v/a.jsonl"], f"s3://{BUCKET}/runs/v", db, "v.toml")
    assert CliRunner().invoke(main, ["run", str(p), "--no-progress"]).exit_code == 0
    # verify reads a bucket only when the auditor names it (a crafted database must not pick the host)
    r = CliRunner().invoke(main, ["audit", "verify", "--db", str(db)])
    assert r.exit_code == 1 and "folder not checked" in r.output, r.output
    r = CliRunner().invoke(main, ["audit", "verify", "--db", str(db), "--output", f"s3://{BUCKET}/runs/v"])
    assert r.exit_code == 0 and "OK" in r.output and "1 folder(s)" in r.output, r.output
    r = CliRunner().invoke(main, ["review", "export", "--db", str(db), "--out", str(tmp_path / "rev.jsonl"),
                                  "--per-modality", "3"])
    assert r.exit_code == 0, r.output
    assert all(json.loads(line)["text"] for line in (tmp_path / "rev.jsonl").read_text().splitlines())
    # a shard changed in the bucket after the run is caught
    shard = next(k for k in _keys(s3, "runs/v/kept/"))
    _put(s3, shard, b"not the shard")
    r = CliRunner().invoke(main, ["audit", "verify", "--db", str(db), "--output", f"s3://{BUCKET}/runs/v"])
    assert r.exit_code != 0 and "shard altered" in r.output and f"s3://{BUCKET}/{shard}" in r.output


def test_score_and_source_sampling_read_the_bucket(tmp_path, s3, corpus):
    uri = _put(s3, "s/corpus.jsonl", corpus.read_bytes())
    out = tmp_path / "scored.jsonl"
    r = CliRunner().invoke(main, ["score", uri, "-o", str(out), "--pipeline", str(spine_pipeline(tmp_path, [uri]))])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 120 and sum(r["unsafe"] for r in rows) > 0
    from gensafe.admission.inputs import expand, read_documents

    assert expand([f"s3://{BUCKET}/s/*.jsonl"]) == [uri] == expand([f"s3://{BUCKET}/s/"])
    docs = list(read_documents(uri, []))
    assert len(docs) == 120 and docs[0]["input_file"] == uri
