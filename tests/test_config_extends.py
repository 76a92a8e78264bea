"""``[pipeline] extends``: a pipeline file layered on another (gensafe/config_extends.py)."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from gensafe.cli import main
from gensafe.config import load_pipeline
from gensafe.config_extends import dump_toml
from gensafe.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent

BASE = """
[pipeline]
name = "base"
description = "the base"

[execution]
batch_size = 64
workers = 2

[[stages]]
type = "length"
max_chars = 10

[[stages]]
type = "noop"

[[policy.remove]]
reason = "too long"
flag = "length_ok"
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_quickstart_is_default_plus_provenance() -> None:
    qs = load_pipeline(REPO / "pipelines" / "quickstart.toml")
    default = load_pipeline(REPO / "pipelines" / "default.toml")
    assert [s["type"] for s in qs.stages] == [s["type"] for s in default.stages] + ["license", "records", "robots"]
    assert qs.policy[: len(default.policy)] == default.policy
    assert [r["reason"] for r in qs.policy[len(default.policy):]] == [
        "licence not allowed", "no collection record", "robots/opt-out"]
    assert qs.name == "quickstart" and qs.batch_size == 512
    # the run records the resolved pipeline, which reads back as itself
    assert tomllib.loads(qs.text) == qs.raw and "extends" not in qs.raw["pipeline"]


def test_layering_rules(tmp_path: Path) -> None:
    _write(tmp_path / "base.toml", BASE)
    (tmp_path / "sub").mkdir()
    child = _write(tmp_path / "sub" / "child.toml", """
[pipeline]
extends = "../base.toml"

[execution]
workers = 3

[[stages]]
type = "length"
max_chars = 99

[[stages]]
type = "spine_stages:WordRiskStage"

[[policy.remove]]
reason = "too long"
flag = "length_ok"
codes = []

[[policy.remove]]
reason = "strong"
risks = "t_risks"
""")
    cfg = load_pipeline(child)
    assert cfg.name == "child"  # a name is never inherited
    assert cfg.raw["pipeline"] == {"description": "the base"}
    assert (cfg.workers, cfg.batch_size) == (3, 64)  # tables merge key by key
    # a stage of a type the base has replaces it where it stands; others are appended
    assert cfg.stages == [{"type": "length", "max_chars": 99}, {"type": "noop"},
                          {"type": "spine_stages:WordRiskStage"}]
    assert [r["reason"] for r in cfg.policy] == ["too long", "strong"] and cfg.policy[0]["codes"] == []


def test_a_base_change_changes_the_config_hash(tmp_path: Path) -> None:
    base = _write(tmp_path / "base.toml", BASE)
    child = _write(tmp_path / "child.toml", '[pipeline]\nextends = "base.toml"\n')
    before = load_pipeline(child).hash
    _write(base, BASE.replace("batch_size = 64", "batch_size = 65"))
    assert load_pipeline(child).hash != before


def test_bad_extends_name_the_file_and_key(tmp_path: Path) -> None:
    missing = _write(tmp_path / "a.toml", '[pipeline]\nextends = "nowhere.toml"\n')
    with pytest.raises(ConfigError, match=r"a\.toml: pipeline\.extends = 'nowhere\.toml': cannot read"):
        load_pipeline(missing)
    _write(tmp_path / "x.toml", '[pipeline]\nextends = "y.toml"\n')
    loop = _write(tmp_path / "y.toml", '[pipeline]\nextends = "x.toml"\n')
    with pytest.raises(ConfigError, match="loops back"):
        load_pipeline(loop)
    r = CliRunner().invoke(main, ["run", str(missing), "--no-progress"])
    assert r.exit_code == 1 and "pipeline.extends" in r.output and "Traceback" not in r.output


def test_dump_toml_reads_back_equal() -> None:
    data = {"top": 1, "pipeline": {"name": "n", "quote": 'a "b"\n\\ 中文', "f": 0.5, "ok": True},
            "inputs": [{"path": "x/*.jsonl", "fields": {"text": "content", "odd key": "v"}}],
            "policy": {"remove": [{"reason": "r", "codes": ["A1a", "A2b"]}]}, "empty": {}}
    assert tomllib.loads(dump_toml(data, header="two\nlines")) == data
