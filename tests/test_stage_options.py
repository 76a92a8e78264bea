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
    p.write_text('[[inputs]]\npath = "x.jsonl"\n\n[[stages]]\ntype = "length"\nmax_char = 10\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 1 and "length stage: unknown option(s) max_char; known: max_chars, min_chars" in r.output
    assert "Traceback" not in r.output
