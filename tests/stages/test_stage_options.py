"""Every built-in stage declares its options and refuses an unknown one, naming itself (one check, in Stage)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from gensafe.cli import main
from gensafe.stages import STAGE_TYPES, StageError
from gensafe.stages.registry import build_stage, resolve


@pytest.mark.parametrize("type_name", sorted(STAGE_TYPES))
def test_builtin_stage_refuses_an_unknown_option(type_name: str) -> None:
    cls = resolve(type_name)
    assert cls.name == type_name and cls.OPTIONS is not None
    with pytest.raises(StageError, match=rf"^{type_name} stage: unknown option\(s\) bogus_opt; known: "):
        build_stage({"type": type_name, "bogus_opt": 1})


def test_the_pipeline_run_stops_on_it_with_one_line(tmp_path) -> None:
    p = tmp_path / "p.toml"
    p.write_text('[[inputs]]\npath = "x.jsonl"\n\n[[stages]]\ntype = "length"\nmax_char = 10\n[policy]\nremove = []\n',
                 encoding="utf-8")
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 1 and "length stage: unknown option(s) max_char; known: max_chars, min_chars" in r.output
    assert "Traceback" not in r.output


def test_registry_goes_to_the_stages_that_declare_they_use_it() -> None:
    from gensafe.config import from_dict
    from gensafe.pipeline import Pipeline

    cfg = from_dict({"pipeline": {"registry": "reg.toml"},
                     "stages": [{"type": "license"}, {"type": "records", "registry": "own.toml"}, {"type": "length"}],
                     "policy": {"remove": []}})
    stages = Pipeline.from_config(cfg).stages
    assert [s.options.get("registry") for s in stages] == ["reg.toml", "own.toml", None]
    assert [type(s).USES_REGISTRY for s in stages] == [True, True, False]


def test_score_passes_through_every_declared_column(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "a bomb here"}\n{"text": "fine"}\n', encoding="utf-8")
    p = tmp_path / "p.toml"
    p.write_text('[[stages]]\ntype = "spine_stages:WordRiskStage"\n\n[[stages]]\ntype = "length"\n\n'
                 '[[policy.remove]]\nreason = "strong"\nrisks = "t_risks"\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["score", str(src), "-o", str(out), "--pipeline", str(p)])
    assert r.exit_code == 0, r.output
    import json

    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    from spine_stages import WordRiskStage

    assert set(WordRiskStage().output_columns()) | {"n_chars", "length_ok"} <= set(rec)


_REG = "examples/sample_corpus/sources.toml"
_SPECS = {"license": {"registry": _REG}, "records": {"registry": _REG},
          "robots": {"registry": _REG, "cache": "examples/sample_corpus/robots"}}


@pytest.mark.parametrize("type_name", sorted(set(STAGE_TYPES) - {"source_admission"}))
def test_builtin_stage_adds_exactly_its_declared_columns_with_their_types(type_name: str, monkeypatch) -> None:
    from pathlib import Path

    from gensafe.readers import read_path

    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    batch = next(iter(read_path("examples/sample_corpus/news_wire.jsonl")))
    stage = build_stage({"type": type_name, **_SPECS.get(type_name, {})})
    out = stage.process(batch)
    added = {f.name: f.type for f in out.schema if f.name not in batch.schema.names}
    assert added == type(stage).COLUMNS and stage.output_columns() == list(type(stage).COLUMNS)


def test_source_admission_declares_its_columns(tmp_path) -> None:
    import pyarrow as pa

    from gensafe import store

    store.connect(str(tmp_path / "a.duckdb")).close()
    stage = build_stage({"type": "source_admission", "db": str(tmp_path / "a.duckdb")})
    batch = pa.RecordBatch.from_pydict({"text": ["x"], "source_id": ["s"]})
    out = stage.process(batch)
    assert {f.name: f.type for f in out.schema if f.name not in batch.schema.names} == type(stage).COLUMNS


def test_a_plugin_with_output_columns_only_still_declares_them() -> None:
    from spine_stages import WordRiskStage

    st = WordRiskStage()
    assert st.output_columns() == ["t_risks", "t_weak", "t_confirm", "t_ok"]
    assert st.column_types() == dict.fromkeys(st.output_columns())
