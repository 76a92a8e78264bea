import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from conftest import spine_pipeline, write_jsonl
from gensafe.cli import main
from gensafe.writers import sha256_file


def _sets(out):
    kept = set(pq.read_table(os.path.join(out, "kept")).column("doc_id").to_pylist()) if os.listdir(os.path.join(out, "kept")) else set()
    removed = pq.read_table(os.path.join(out, "removed")).column("doc_id").to_pylist()
    return kept, removed


def test_run_cli_accounting_and_outputs(tmp_path, corpus):
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"text": "ok bomb"}], raw_lines=['{"oops"', '{"id": 1}'])
    p = spine_pipeline(tmp_path, [str(corpus), str(bad)], shard_rows=25)
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "rejected 2" in r.output
    out = tmp_path / "out"
    con = duckdb.connect(str(out / "audit.duckdb"), read_only=True)
    run = con.execute("SELECT input_records, kept, removed, rejected, accounting_ok, keyword_library FROM runs").fetchone()
    assert run == (123, run[1], run[2], 2, True, "test-words")
    assert run[1] + run[2] == 121
    assert con.execute("SELECT bool_and(balanced) FROM run_accounting").fetchone()[0]
    # every removed document says why, with risk codes from the risk rules
    rows = con.execute("SELECT doc_id, reasons, risk_codes, unsafe FROM documents WHERE decision='removed'").fetchall()
    by = {d: (rs, rc, u) for d, rs, rc, u in rows}
    assert by["doc-3"][0] == ["strong:A1d"] and by["doc-3"][2]
    assert "forbidden" in by["doc-5"][0] and not by["doc-5"][2]
    assert by["doc-7"][0] == ["weak+confirm:A2e"]
    # rejected rows name file and line
    rej = con.execute("SELECT input_file, input_line, reason FROM rejected ORDER BY input_line").fetchall()
    assert [x[1] for x in rej] == [2, 3] and rej[0][0].endswith("bad.jsonl")
    # shards: rolled by rows, checksums in the manifest match the files
    shards = con.execute("SELECT path, rows, sha256 FROM shards").fetchall()
    assert max(s[1] for s in shards) <= 25 and len(shards) >= 4
    for path, rows_, sha in shards:
        assert sha256_file(str(out / path)) == sha
        assert pq.read_metadata(str(out / path)).num_rows == rows_
    removed = pq.read_table(out / "removed").to_pylist()
    assert all(r["reasons"] for r in removed)
    con.close()
    rep = CliRunner().invoke(main, ["report", "--db", str(out / "audit.duckdb")])
    assert rep.exit_code == 0 and "example0.co.uk" in rep.output
    js = json.loads(CliRunner().invoke(main, ["report", "--db", str(out / "audit.duckdb"), "--json"]).output)
    # removals per rule agree with the documents table, one count per document and rule
    assert js["removed_by_rule"]["strong"] >= 1 and js["removed_by_rule"]["weak+confirm"] >= 1
    con = duckdb.connect(str(out / "audit.duckdb"), read_only=True)
    n_strong = con.execute("""SELECT count(*) FROM documents WHERE decision = 'removed'
                              AND len(list_filter(reasons, lambda r: r LIKE 'strong:%')) > 0""").fetchone()[0]
    con.close()
    assert js["removed_by_rule"]["strong"] == n_strong
    assert "removed by rule" in rep.output


def test_two_workers_same_result_as_one(tmp_path, corpus):
    a = tmp_path / "a"
    b = tmp_path / "b"
    a.mkdir()
    b.mkdir()
    pa_ = spine_pipeline(a, [str(corpus)], workers=1, chunk_bytes=1500)
    pb = spine_pipeline(b, [str(corpus)], workers=2, chunk_bytes=1500)
    for p in (pa_, pb):
        r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
        assert r.exit_code == 0, r.output
    ka, ra = _sets(a / "out")
    kb, rb = _sets(b / "out")
    assert ka == kb and sorted(ra) == sorted(rb)


def test_resume_after_sigkill(tmp_path, corpus):
    ref = tmp_path / "ref"
    ref.mkdir()
    p_ref = spine_pipeline(ref, [str(corpus)], chunk_bytes=600)
    assert CliRunner().invoke(main, ["run", str(p_ref), "--no-progress"]).exit_code == 0
    crash = tmp_path / "crash"
    crash.mkdir()
    p = spine_pipeline(crash, [str(corpus)], chunk_bytes=600)
    env = dict(os.environ, GENSAFE_TEST_DELAY="0.05")
    proc = subprocess.Popen([sys.executable, "-m", "gensafe.cli", "run", str(p), "--no-progress"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    markers = crash / "out" / "_markers"
    deadline = time.time() + 60
    while time.time() < deadline and (not markers.exists() or len(os.listdir(markers)) < 3):
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    n_done = len(os.listdir(markers))
    assert n_done >= 3
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "resumed" in r.output
    k1, r1 = _sets(ref / "out")
    k2, r2 = _sets(crash / "out")
    assert k1 == k2
    assert sorted(r1) == sorted(r2) and len(r2) == len(set(r2))  # no duplicates
    con = duckdb.connect(str(crash / "out" / "audit.duckdb"), read_only=True)
    assert con.execute("SELECT accounting_ok, input_records FROM runs").fetchone() == (True, 120)
    assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (120, 120)


def test_config_errors_are_clear(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text('[[inputs]]\npath = "x.jsonl"\n[[policy.remove]]\nreason = "r"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["run", str(p)])
    assert r.exit_code == 1 and "exactly one of 'risks'" in r.output and "Traceback" not in r.output
    p.write_text('[[inputs]]\npath = "x.jsonl"\n[[stages]]\ntype = "nope"\n[policy]\nremove = []\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["run", str(p)])
    assert r.exit_code == 1 and "unknown stage type 'nope'" in r.output
    r = CliRunner().invoke(main, ["run", str(tmp_path / "missing.toml")])
    assert r.exit_code == 1 and "cannot read pipeline file" in r.output
    p.write_text('[[inputs]]\npath = "x.jsonl"\n[[policy.remove]]\nreason = "r"\nrisks = "no_such_col"\n', encoding="utf-8")
    (tmp_path / "x.jsonl").write_text('{"text": "a"}\n')
    r = CliRunner().invoke(main, ["run", str(p), "-o", str(tmp_path / "o"), "--no-progress"])
    assert r.exit_code != 0 and "no_such_col" in str(r.output) + str(r.exception)


def test_changed_config_refuses_to_resume(tmp_path, corpus):
    p = spine_pipeline(tmp_path, [str(corpus)])
    assert CliRunner().invoke(main, ["run", str(p), "--no-progress"]).exit_code == 0
    p.write_text(p.read_text() + "\n# changed\n")
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 1 and "--overwrite" in r.output
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress", "--overwrite"])
    assert r.exit_code == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_stage_that_cannot_load_stops_the_run_cleanly(tmp_path, corpus, workers):
    """With several workers the parent loads no stage; a stage that fails in the
    workers must still stop the run at once with its message, and leave no run
    file that would tie the output folder to the broken configuration."""
    p = spine_pipeline(tmp_path, [str(corpus)], workers=workers, chunk_bytes=1500)
    p.write_text(p.read_text() + '\n[[stages]]\ntype = "spine_stages:BrokenSetupStage"\n')
    t = time.time()
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 1 and "model folder /nowhere does not exist" in r.output, r.output
    assert "Traceback" not in r.output and time.time() - t < 60
    assert not (tmp_path / "out" / "_run.json").exists()


def test_run_provenance_comes_from_workers(tmp_path, corpus):
    p = spine_pipeline(tmp_path, [str(corpus)], workers=2, chunk_bytes=1500)
    assert CliRunner().invoke(main, ["run", str(p), "--no-progress"]).exit_code == 0
    con = duckdb.connect(str(tmp_path / "out" / "audit.duckdb"), read_only=True)
    assert con.execute("SELECT keyword_library, keyword_library_version FROM runs").fetchone() == ("test-words", "1")


def test_bad_duckdb_memory_limit_stops_the_run_before_its_work(tmp_path, corpus, monkeypatch):
    monkeypatch.setenv("GENSAFE_DUCKDB_MEMORY_LIMIT", "lots")
    p = spine_pipeline(tmp_path, [str(corpus)])
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 1 and "GENSAFE_DUCKDB_MEMORY_LIMIT='lots'" in r.output, r.output
    assert "Traceback" not in r.output and not (tmp_path / "out" / "kept").exists()
    monkeypatch.setenv("GENSAFE_DUCKDB_MEMORY_LIMIT", "300MB")
    assert CliRunner().invoke(main, ["run", str(p), "--no-progress"]).exit_code == 0
    con = duckdb.connect(str(tmp_path / "out" / "audit.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
