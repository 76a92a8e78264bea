"""docs/pipeline_file.md against the schema the loader checks: the page cannot drift from the code."""
import re
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib

from gensafe.config import from_dict, load_pipeline
from gensafe.config_schema import BY_NAME, TABLES, validate
from gensafe.errors import ConfigError
from gensafe.stages.registry import STAGE_TYPES

DOC = Path(__file__).resolve().parent.parent / "docs" / "pipeline_file.md"


def _sections():
    """{table name: (is array, {key: (type, default)})} and the TOML examples per section, from the page."""
    out, examples, current = {}, {}, None
    text = DOC.read_text(encoding="utf-8")
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        head = block.splitlines()[0]
        m = re.fullmatch(r"`(\[\[?)([a-z_.]+)\]\]?`", head.strip())
        assert m, f"unexpected heading {head!r}"
        current = m.group(2)
        rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \| ([^|]+) \|", block, flags=re.M)
        out[current] = (m.group(1) == "[[", {k: (t.strip(), d.strip()) for k, t, d in rows})
        examples[current] = re.findall(r"```toml\n(.*?)```", block, flags=re.S)
    return out, examples


def test_every_table_and_key_is_documented_with_its_type_and_default():
    doc, _ = _sections()
    assert set(doc) == {t.name for t in TABLES}
    for t in TABLES:
        array, keys = doc[t.name]
        assert array == t.array, t.name
        assert list(keys) == t.key_names(), t.name
        for k in t.keys:
            typ, default = keys[k.name]
            assert typ == k.type, (t.name, k.name)
            assert default.replace("`", "") == k.default, (t.name, k.name)


def test_every_built_in_stage_type_is_named():
    doc = DOC.read_text(encoding="utf-8")
    row = next(line for line in doc.splitlines() if line.startswith("| `type` |"))
    for name in STAGE_TYPES:
        assert f"`{name}`" in row, name


def _with_base(section: str, fragment: dict) -> dict:
    raw = {"inputs": [{"path": "x.jsonl"}], "policy": {"remove": []}}
    if section == "inputs.fields":
        raw["inputs"] = [{"path": "x.jsonl", **fragment}]
    elif section.startswith("policy"):
        raw.update(fragment)
    else:
        raw.update(fragment)
    return raw


def test_every_example_is_accepted_by_the_loader():
    _, examples = _sections()
    text = DOC.read_text(encoding="utf-8")
    minimal = re.search(r"```toml\n(.*?)```", text, flags=re.S).group(1)
    cfg = from_dict(tomllib.loads(minimal), path="minimal.toml")
    assert cfg.name == "minimal" and cfg.inputs[0].fields.text == "content"
    n = 0
    for section, blocks in examples.items():
        for block in blocks:
            frag = tomllib.loads(block)
            if section == "pipeline":
                frag["pipeline"].pop("extends")  # names a file beside the real pipeline
            validate(_with_base(section, frag), f"example of {section}")
            n += 1
    assert n == len(TABLES)


@pytest.mark.parametrize("text,needle", [
    ('[[inputs]]\npath = "x.jsonl"\n[output]\ndri = "o"\n[policy]\nremove = []\n', "output.'dri' (did you mean 'dir'?)"),
    ('[[inputs]]\npath = "x.jsonl"\n[store]\ndbb = "a.duckdb"\n[policy]\nremove = []\n', "(did you mean 'db'?)"),
    ('[[inputs]]\npath = "x.jsonl"\n[execution]\nworker = 2\n[policy]\nremove = []\n', "(did you mean 'workers'?)"),
    ('[pipeline]\ndescripton = "x"\n[[inputs]]\npath = "x.jsonl"\n[policy]\nremove = []\n',
     "(did you mean 'description'?)"),
    ('[[inputs]]\npath = "x.jsonl"\n[[policy.removes]]\nreason = "r"\nflag = "f"\n', "(did you mean 'remove'?)"),
    ('[[inputs]]\npath = "x.jsonl"\n[[policy.keep]]\nreason = "r"\nflag = "f"\n', "policy.'keep'"),
    ('[[inputs]]\npath = "x.jsonl"\n', "no [[policy.remove]] rules"),
    ('[[inputs]]\npath = "x.jsonl"\n[[policy.remove]]\nreason = "r"\nflag = "f"\nflg = 1\n',
     "policy.remove[0].'flg' (did you mean 'flag'?)"),
    ('[[inputs]]\npath = "x.jsonl"\nfields = { txt = "content" }\n[policy]\nremove = []\n',
     "'txt' (did you mean 'text'?)"),
    ('[[input]]\npath = "x.jsonl"\n[policy]\nremove = []\n', "unknown table [input] (did you mean 'inputs'?)"),
    ('[[inputs]]\npath = 3\n[policy]\nremove = []\n', "inputs[0].path must be a path or glob"),
])
def test_mistakes_in_a_pipeline_file_name_file_and_key(tmp_path, text, needle):
    p = tmp_path / "p.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_pipeline(p)
    assert str(p) in str(e.value) and needle in str(e.value), str(e.value)


def test_paths_are_relative_to_the_pipeline_file(tmp_path, monkeypatch):
    (tmp_path / "conf").mkdir()
    p = tmp_path / "conf" / "p.toml"
    p.write_text('[pipeline]\nregistry = "reg.toml"\n[[inputs]]\npath = "../data/*.jsonl"\n'
                 '[output]\ndir = "../out"\n[store]\ndb = "/abs/a.duckdb"\n'
                 '[[stages]]\ntype = "robots"\ncache = "snap"\nuser_agents = ["x"]\n'
                 '[[inputs]]\npath = "s3://bucket/x.jsonl"\n[policy]\nremove = []\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    cfg = load_pipeline("../conf/p.toml")
    assert Path(cfg.inputs[0].path).resolve() == (tmp_path / "data" / "*.jsonl")
    assert cfg.inputs[1].path == "s3://bucket/x.jsonl"
    assert Path(cfg.output_dir).resolve() == tmp_path / "out" and cfg.db == "/abs/a.duckdb"
    assert Path(cfg.registry).resolve() == tmp_path / "conf" / "reg.toml"
    stage = cfg.stages[0]
    assert Path(stage["cache"]).resolve() == tmp_path / "conf" / "snap" and stage["user_agents"] == ["x"]
