"""Fault cases of a run, each reproduced the way a user meets it (issue 12)."""
import os

import duckdb
import pytest
from click.testing import CliRunner

from conftest import spine_pipeline, write_jsonl
from gensafe.cli import main


def _run(p, *args):
    return CliRunner().invoke(main, ["run", str(p), "--no-progress", *args])


@pytest.mark.parametrize("name", ['输出 "quoted" \'single\'',
                                  'x"]); COPY (SELECT 42 AS pwned) TO \'pwned.csv\'; --'])
def test_output_paths_are_never_sql(tmp_path, corpus, monkeypatch, name):
    """Chinese characters and quotes in the output folder load fine; a crafted folder name runs no SQL."""
    monkeypatch.chdir(tmp_path)
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"text": "fine"}], raw_lines=['{"oops"'])
    out = tmp_path / name
    p = spine_pipeline(tmp_path, [str(corpus), str(bad)])
    r = _run(p, "-o", str(out))
    assert r.exit_code == 0, r.output
    assert not (tmp_path / "pwned.csv").exists()
    con = duckdb.connect(str(out / "audit.duckdb"), read_only=True)
    assert con.execute("SELECT input_records, kept + removed, rejected, accounting_ok FROM runs").fetchone() \
        == (122, 121, 1, True)
    con.close()
    v = CliRunner().invoke(main, ["audit", "verify", "--db", str(out / "audit.duckdb")])
    assert v.exit_code == 0, v.output
    assert not (tmp_path / "pwned.csv").exists()


@pytest.mark.parametrize("content", [b"", b'{"oops"\nnot json\n', b"\x1f\x8b\x08garbage"])
def test_run_with_nothing_kept_or_removed_stores_its_rejections(tmp_path, content):
    """An empty file, a file of bad lines, a corrupt archive: rc 0 and every rejection in DuckDB."""
    f = tmp_path / ("in.jsonl.gz" if content.startswith(b"\x1f\x8b") else "in.jsonl")
    f.write_bytes(content)
    p = spine_pipeline(tmp_path, [str(f)])
    r = _run(p)
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
    con = duckdb.connect(str(tmp_path / "out" / "audit.duckdb"), read_only=True)
    n_rej = {b"": 0, b'{"oops"\nnot json\n': 2}.get(content, 1)
    assert con.execute("SELECT input_records, kept, removed, rejected, accounting_ok FROM runs").fetchone() \
        == (n_rej, 0, 0, n_rej, True)
    assert con.execute("SELECT count(*) FROM rejected").fetchone()[0] == n_rej


def _db(tmp_path):
    return duckdb.connect(str(tmp_path / "out" / "audit.duckdb"), read_only=True)


def test_adding_a_file_that_sorts_first_neither_duplicates_nor_loses(tmp_path):
    """Resume matches tasks by file identity, not by position in the plan."""
    data = tmp_path / "data"
    data.mkdir()
    write_jsonl(data / "b.jsonl", [{"id": f"b{i}", "text": f"b text {i}"} for i in range(30)])
    p = spine_pipeline(tmp_path, [str(data / "*.jsonl")])
    assert _run(p).exit_code == 0
    write_jsonl(data / "a.jsonl", [{"id": f"a{i}", "text": f"a text {i}"} for i in range(10)])
    r = _run(p)
    assert r.exit_code == 0, r.output
    con = _db(tmp_path)
    last = con.execute("SELECT run_id, input_records, accounting_ok, skipped_tasks FROM runs "
                       "ORDER BY finished_at DESC LIMIT 1").fetchone()
    assert last[1:] == (40, True, 1)  # b.jsonl's task was kept, a.jsonl's run
    assert con.execute("SELECT count(*), count(DISTINCT (input_file, input_line)) FROM documents WHERE run_id = ?",
                       [last[0]]).fetchone() == (40, 40)


def test_a_changed_input_is_redone_not_skipped(tmp_path):
    f = write_jsonl(tmp_path / "in.jsonl", [{"id": f"d{i}", "text": f"old {i}"} for i in range(20)])
    p = spine_pipeline(tmp_path, [str(f)], chunk_bytes=200)
    assert _run(p).exit_code == 0
    write_jsonl(f, [{"id": f"n{i}", "text": f"new text {i}"} for i in range(25)])
    r = _run(p)
    assert r.exit_code == 0, r.output
    assert "discarded" in r.output
    import pyarrow.parquet as pq

    kept = pq.read_table(tmp_path / "out" / "kept").column("doc_id").to_pylist()
    assert sorted(kept) == sorted(f"n{i}" for i in range(25))  # no old shard left beside the new ones
    con = _db(tmp_path)
    assert con.execute("SELECT input_records, kept, accounting_ok FROM runs ORDER BY finished_at DESC LIMIT 1"
                       ).fetchone() == (25, 25, True)


@pytest.mark.parametrize("how", ["truncate", "delete"])
def test_an_input_changed_mid_run_fails_its_task_and_a_rerun_redoes_it(tmp_path, monkeypatch, how):
    import gensafe.executor as ex

    a = write_jsonl(tmp_path / "a.jsonl", [{"id": f"a{i}", "text": f"a text {i}"} for i in range(30)])
    b = write_jsonl(tmp_path / "b.jsonl", [{"id": f"b{i}", "text": f"b text {i}"} for i in range(30)])
    p = spine_pipeline(tmp_path, [str(a), str(b)])
    real = ex.read_task

    def reading_b_changes_it(task, *args, **kw):
        for i, batch in enumerate(real(task, *args, **kw)):
            if i == 0 and task.path == str(b):
                if how == "truncate":
                    with open(b, "r+b") as fh:
                        fh.truncate(100)
                else:
                    os.remove(b)
            yield batch

    monkeypatch.setattr(ex, "read_task", reading_b_changes_it)
    r = _run(p)
    assert r.exit_code == 1 and "b.jsonl" in r.output and "during the run" in r.output, r.output
    assert "Traceback" not in r.output
    markers = os.listdir(tmp_path / "out" / "_markers")
    assert len(markers) == 1  # a.jsonl finished; b.jsonl did not
    monkeypatch.setattr(ex, "read_task", real)
    if how == "delete":
        write_jsonl(b, [{"id": f"b{i}", "text": f"b text {i}"} for i in range(5)])
    r = _run(p)
    assert r.exit_code == 0, r.output
    con = _db(tmp_path)
    n_b = con.execute("SELECT count(*) FROM documents WHERE input_file = ?", [str(b)]).fetchone()[0] + \
        con.execute("SELECT count(*) FROM rejected WHERE input_file = ?", [str(b)]).fetchone()[0]
    left = b.read_bytes()
    assert n_b == left.count(b"\n") + (not left.endswith(b"\n"))  # every line now in b, the cut one rejected
    assert con.execute("SELECT accounting_ok, skipped_tasks FROM runs").fetchone() == (True, 1)


def test_rerunning_a_finished_run_is_a_no_op_that_names_it(tmp_path, corpus):
    p = spine_pipeline(tmp_path, [str(corpus)], chunk_bytes=1500)
    r1 = _run(p)
    assert r1.exit_code == 0
    run_id = r1.output.split()[1].rstrip(":")
    r2 = _run(p)
    assert r2.exit_code == 0 and "nothing to do" in r2.output and run_id in r2.output, r2.output
    con = _db(tmp_path)
    assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
    assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (120, 120)
    con.close()
    r3 = _run(p, "--overwrite")
    assert r3.exit_code == 0 and "nothing to do" not in r3.output


def _start_slow_run(p, out_markers):
    import signal  # noqa: F401
    import subprocess
    import sys
    import time

    env = dict(os.environ, GENSAFE_TEST_DELAY="0.3")
    proc = subprocess.Popen([sys.executable, "-m", "gensafe.cli", "run", str(p), "--no-progress"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and not (out_markers.exists() and os.listdir(out_markers)):
        time.sleep(0.05)
    return proc


def test_a_second_run_on_the_same_output_stops_at_once_naming_the_holder(tmp_path, corpus):
    import signal
    import time

    p = spine_pipeline(tmp_path, [str(corpus)], chunk_bytes=600)
    proc = _start_slow_run(p, tmp_path / "out" / "_markers")
    try:
        t = time.time()
        r = _run(p)
        assert r.exit_code == 1 and f"pid {proc.pid}" in r.output and "in use" in r.output, r.output
        assert time.time() - t < 10 and "Traceback" not in r.output
        # another output folder, the same database: the database lock stops it
        (tmp_path / "x").mkdir()
        p2 = spine_pipeline(tmp_path / "x", [str(corpus)])
        r = _run(p2, "--db", str(tmp_path / "out" / "audit.duckdb"))
        assert r.exit_code == 1 and "audit database" in r.output and f"pid {proc.pid}" in r.output, r.output
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    r = _run(p)  # the kernel freed the killed run's lock; this run resumes it
    assert r.exit_code == 0, r.output
    con = _db(tmp_path)
    assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (120, 120)


def test_a_locked_database_stops_the_run_before_its_work(tmp_path, corpus):
    import subprocess
    import sys

    db = tmp_path / "shared.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"ready"
        p = spine_pipeline(tmp_path, [str(corpus)])
        r = _run(p, "--db", str(db))
        assert r.exit_code == 1 and "locked by another process" in r.output and str(holder.pid) in r.output, r.output
        assert "Traceback" not in r.output and not (tmp_path / "out" / "kept").exists()
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("err", [28, 30])  # ENOSPC, EROFS
def test_disk_full_or_read_only_output_is_one_line(tmp_path, corpus, monkeypatch, err):
    import errno

    import gensafe.writers as w

    real = w.ShardWriter.write
    calls = []

    def write(self, table):
        calls.append(1)
        if len(calls) > 2:
            raise OSError(err, os.strerror(err), os.path.join(self.out_dir, "kept", "part-x.parquet.tmp"))
        return real(self, table)

    monkeypatch.setattr(w.ShardWriter, "write", write)
    p = spine_pipeline(tmp_path, [str(corpus)], chunk_bytes=600)
    r = _run(p)
    assert r.exit_code == 1 and os.strerror(err) in r.output and "part-x.parquet.tmp" in r.output, r.output
    assert ("free some space" if err == errno.ENOSPC else "writable --output") in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
    monkeypatch.setattr(w.ShardWriter, "write", real)
    r = _run(p)
    assert r.exit_code == 0 and "resumed" in r.output, r.output


def test_an_output_or_database_that_cannot_be_written_is_one_line(tmp_path, corpus):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    p = spine_pipeline(tmp_path, [str(corpus)])
    r = _run(p, "-o", str(blocker / "out"))
    assert r.exit_code == 1 and "cannot write output folder" in r.output and "Traceback" not in r.output, r.output
    r = _run(p, "--db", str(blocker / "audit.duckdb"))
    assert r.exit_code == 1 and "audit database" in r.output and "Traceback" not in r.output, r.output
