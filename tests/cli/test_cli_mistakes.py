"""Mistakes a user makes on the command line: each one an exit code 1 and one line (issue 12)."""
import hashlib
import json
import shutil
import sys

import duckdb
from click.testing import CliRunner

from conftest import spine_pipeline, write_jsonl
from gensafe.classifier.model import default_model_dir
from gensafe.cli import main


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _one_line_error(r, *needles):
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output and r.output.startswith("Error: ") and r.output.count("\n") == 1, r.output
    for n in needles:
        assert n in r.output, r.output


def test_score_with_a_wrong_text_field_is_an_error(tmp_path):
    f = write_jsonl(tmp_path / "in.jsonl", [{"content": f"text {i}"} for i in range(30)])
    out = tmp_path / "scored.jsonl"
    r = _cli("score", f, "-o", out, "--text-field", "text")
    _one_line_error(r, "no record", "'text'", "--text-field")
    assert not out.exists()


def test_report_needs_a_db_and_an_existing_run(tmp_path, corpus):
    r = _cli("report")
    assert r.exit_code == 2 and "--db" in r.output
    p = spine_pipeline(tmp_path, [str(corpus)])
    assert _cli("run", p, "--no-progress").exit_code == 0
    db = tmp_path / "out" / "audit.duckdb"
    _one_line_error(_cli("report", "--db", db, "--run-id", "nosuchrun"), "no run 'nosuchrun'", "latest: ")


def test_workers_must_be_positive(tmp_path, corpus):
    p = spine_pipeline(tmp_path, [str(corpus)])
    r = _cli("run", p, "--workers", "0", "--no-progress")
    assert r.exit_code == 2 and "--workers" in r.output


def test_review_export_refuses_a_missing_db_and_an_unwritable_out(tmp_path, corpus):
    typo = tmp_path / "typo.duckdb"
    _one_line_error(_cli("review", "export", "--db", typo, "--out", tmp_path / "r.jsonl"), "no audit database")
    assert not typo.exists()
    _one_line_error(_cli("review", "import", tmp_path / "labels.jsonl", "--db", typo), "no audit database")
    p = spine_pipeline(tmp_path, [str(corpus)])
    assert _cli("run", p, "--no-progress").exit_code == 0
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    r = _cli("review", "export", "--db", tmp_path / "out" / "audit.duckdb", "--out", blocker / "r.jsonl",
             "--per-modality", "10")
    _one_line_error(r, "cannot write", "r.jsonl")


def test_ray_missing_is_one_line(tmp_path, corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # what an environment without Ray looks like to an import
    p = spine_pipeline(tmp_path, [str(corpus)])
    _one_line_error(_cli("run", p, "--executor", "ray", "--no-progress"), "needs Ray", "pip install")
    assert not (tmp_path / "out" / "kept").exists()


def test_a_model_that_is_not_what_it_claims_is_one_line(tmp_path, corpus):
    bad = tmp_path / "model"
    shutil.copytree(default_model_dir(), bad)
    garbage = b"this is not an npz archive" * 100
    (bad / "weights.npz").write_bytes(garbage)
    meta = json.loads((bad / "model.json").read_text())
    meta["weights_sha256"] = hashlib.sha256(garbage).hexdigest()  # the checksum agrees, the content does not
    (bad / "model.json").write_text(json.dumps(meta))
    p = spine_pipeline(tmp_path, [str(corpus)], extra=f'\n[[stages]]\ntype = "classifier"\nmodel = "{bad}"\n')
    _one_line_error(_cli("run", p, "--no-progress"), str(bad), "not a valid gensafe model")
    (bad / "model.json").write_text("[1, 2]")
    _one_line_error(_cli("run", p, "--no-progress"), str(bad))
