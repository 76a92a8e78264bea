"""Around a run: --limit, --sample, --dry-run, the progress bar, and one name per thing across commands."""
import gzip
import json
import os
import re

import click
import duckdb
import pytest
from click.testing import CliRunner

from conftest import spine_pipeline, write_jsonl
from gensafe.cli import main


def _commands(cmd, path=("gensafe",)):
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            yield from _commands(sub, path + (name,))
    else:
        yield " ".join(path), cmd


def test_every_option_of_every_command_has_help():
    missing = [f"{name} {'/'.join(p.opts)}" for name, cmd in _commands(main) for p in cmd.params
               if isinstance(p, click.Option) and not p.hidden and not (p.help or "").strip()]
    assert not missing, "options without help: " + ", ".join(missing)
    assert not [name for name, cmd in _commands(main) if not (cmd.help or "").strip()]


def test_one_name_and_one_type_per_thing():
    runs, dbs = [], []
    for name, cmd in _commands(main):
        for p in cmd.params:
            if isinstance(p, click.Option) and p.name == "run_id" and "--run" in p.opts + p.secondary_opts:
                runs.append((name, p))
            if isinstance(p, click.Option) and "--db" in p.opts:
                dbs.append((name, p))
    assert {n for n, _ in runs} >= {"gensafe report", "gensafe audit report", "gensafe review export"}
    for name, p in runs:  # --run-id shown, --run still accepted
        assert p.opts[0] == "--run-id" and "--run" in p.opts, name
        record = p.get_help_record(click.Context(click.Command("x")))
        assert "--run-id" in record[0] and not re.search(r"--run\b(?!-)", record[0]), (name, record)
    for name, p in dbs:
        assert isinstance(p.type, click.Path) and not p.type.dir_okay, name
        assert p.make_metavar(click.Context(click.Command("x"))) == "FILE", name


def _db_rows(db, sql, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_limit_reads_the_first_records_of_each_file(tmp_path, corpus):
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "b1", "text": "ok"}],
                      raw_lines=['{"oops"', '{"id": 1}', '{"id": "b4", "text": "late"}'])
    p = spine_pipeline(tmp_path, [str(corpus), str(bad)], chunk_bytes=2500)
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress", "--limit", "2"])
    assert r.exit_code == 0, r.output
    db = tmp_path / "out" / "audit.duckdb"
    (run,) = _db_rows(db, "SELECT input_records, kept + removed, rejected, accounting_ok, provenance FROM runs")
    assert run[:4] == (4, 3, 1, True)  # 2 of the corpus (one task per file under --limit), 1 good + 1 bad
    assert json.loads(run[4])["input_subset"] == {"limit_per_file": 2}
    docs = sorted(d for (d,) in _db_rows(db, "SELECT doc_id FROM documents"))
    assert docs == ["b1", "doc-0", "doc-1"]
    assert _db_rows(db, "SELECT input_line FROM rejected") == [(2,)]
    # the output folder is tied to the cut: a full run there needs --overwrite
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 1 and "different pipeline configuration" in r.output


def _sampled(tmp_path, name, seed, fraction="0.3", workers=1, batch=7):
    recs = [{"id": f"s{i}", "text": f"record {i}"} for i in range(400)]
    src = tmp_path / "sample.jsonl"
    if not src.exists():
        write_jsonl(src, recs)
    d = tmp_path / name
    d.mkdir()
    p = spine_pipeline(d, [str(src)], workers=workers)
    p.write_text(p.read_text().replace("batch_size = 7", f"batch_size = {batch}"))
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress", "--sample", fraction, "--seed", str(seed)])
    assert r.exit_code == 0, r.output
    db = d / "out" / "audit.duckdb"
    ids = {x for (x,) in _db_rows(db, "SELECT doc_id FROM documents")}
    (prov,) = _db_rows(db, "SELECT provenance FROM runs")
    return ids, json.loads(prov[0])


def test_sample_is_seeded_recorded_and_independent_of_batching(tmp_path):
    a, prov = _sampled(tmp_path, "a", seed=7)
    b, _ = _sampled(tmp_path, "b", seed=7, batch=64)
    c, _ = _sampled(tmp_path, "c", seed=8)
    assert a == b
    assert a != c
    assert 80 <= len(a) <= 160  # 30 % of 400, give or take
    assert prov["input_subset"] == {"sample_fraction": 0.3, "sample_seed": 7}
    r = CliRunner().invoke(main, ["run", "x.toml", "--sample", "0"])
    assert r.exit_code == 2 and "--sample" in r.output and "0<x<=1" in r.output


def test_dry_run_validates_and_lists_without_writing(tmp_path, corpus):
    p = spine_pipeline(tmp_path, [str(corpus)], chunk_bytes=2500)
    r = CliRunner().invoke(main, ["run", str(p), "--dry-run"])
    assert r.exit_code == 0, r.output
    assert str(corpus) in r.output and "spine_stages:WordRiskStage → t_risks, t_weak, t_confirm, t_ok" in r.output
    assert "remove 'strong' on risks t_risks" in r.output and "nothing was read or written" in r.output
    assert not (tmp_path / "out").exists()
    plan = json.loads(CliRunner().invoke(main, ["run", str(p), "--dry-run", "--json"]).output)
    assert plan["tasks"] > 1 and plan["inputs"][0]["files"] == 1
    assert plan["inputs"][0]["bytes"] == os.path.getsize(corpus)
    assert [s["name"] for s in plan["stages"]] == ["word_risk"]
    # an invalid pipeline fails the dry run with its one-line error
    p.write_text(p.read_text().replace('risks = "t_risks"', 'risks = "t_riskz"'))
    r = CliRunner().invoke(main, ["run", str(p), "--dry-run"])
    assert r.exit_code == 1 and "t_riskz" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "out").exists()


def test_progress_bar_and_summary_for_compressed_files_and_dataset_folders(tmp_path):
    datasets = pytest.importorskip("datasets")
    recs = [{"id": f"g{i}", "text": f"compressed record {i} " + "x" * 50} for i in range(300)]
    gz = tmp_path / "c.jsonl.gz"
    gz.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in recs).encode()))
    datasets.Dataset.from_list([{"text": f"folder row {i}"} for i in range(50)]).save_to_disk(str(tmp_path / "ds"))
    p = spine_pipeline(tmp_path, [str(gz), str(tmp_path / "ds")])
    r = CliRunner().invoke(main, ["run", str(p)])
    assert r.exit_code == 0, r.output
    # the bar's total is the bytes on disk and it reaches them: a percentage, ending at 100 %
    assert "100%" in r.output
    total = os.path.getsize(gz) + sum(os.path.getsize(os.path.join(dp, f))
                                      for dp, _, fs in os.walk(tmp_path / "ds") for f in fs)
    done, total_shown = re.findall(r"\| *([\d.]+\w?)/([\d.]+\w?) \[", r.output)[-1]
    assert done == total_shown and total_shown not in ("0", "0.00")
    m = re.search(r"run \S+: 350 records \(([\d.]+) (B|kB|MB)\)", r.output)
    assert m and float(m.group(1)) > 0
    res = json.loads(CliRunner().invoke(main, ["run", str(p), "--json", "--overwrite"]).output)
    assert res["input_bytes"] >= total - os.path.getsize(gz)  # the folder counts its bytes, not 0
