"""A 32nd risk code added to taxonomy.py alone: the default pipeline runs, the store and the audit show it.

The subprocess imports gensafe with its ``taxonomy.py`` edited the way the
module's docstring tells a newcomer to (one ``RiskType`` row more, inserted
among the others so the code does not come last); nothing else changes, the
shipped classifier model included (it has no head for the new code).  The
run's kept/removed sets are those of the unchanged taxonomy.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import gensafe
from gensafe.cli import main

ROOT = Path(__file__).resolve().parent.parent
NEW = "RiskType('A4h', 'A4', 'A test risk type added by a newcomer', '新增测试类型', True, 0),"

#: runs the CLI with taxonomy.py edited: NEW inserted before the A5a row
BOOT = r'''
import sys, types
from pathlib import Path
import gensafe
path = Path(gensafe.__file__).with_name("taxonomy.py")
src = path.read_text(encoding="utf-8")
anchor = "    RiskType('A5a',"
assert src.count(anchor) == 1
src = src.replace(anchor, "    " + sys.argv[1] + "\n" + anchor)
mod = types.ModuleType("gensafe.taxonomy")
mod.__file__ = str(path)
sys.modules["gensafe.taxonomy"] = gensafe.taxonomy = mod
exec(compile(src, str(path), "exec"), mod.__dict__)
assert len(mod.CODES) == 32 and mod.CODES.index("A4h") == 29
from gensafe.cli import main
main(sys.argv[2:])
'''


def _pipeline(tmp: Path) -> Path:
    p = tmp / "p.toml"
    p.write_text(f'''[pipeline]
extends = {json.dumps(str(ROOT / "pipelines" / "default.toml"))}
name = "new-code"

[[inputs]]
path = {json.dumps(str(ROOT / "examples" / "sample_corpus" / "*.jsonl"))}

[output]
dir = {json.dumps(str(tmp / "out"))}

[execution]
workers = 1
''', encoding="utf-8")
    return p


def _decisions(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT doc_id, decision FROM documents").fetchall())
    finally:
        con.close()


def test_a_32nd_code_in_taxonomy_py_alone(tmp_path: Path) -> None:
    before, after = tmp_path / "before", tmp_path / "after"
    before.mkdir()
    after.mkdir()
    r = CliRunner().invoke(main, ["run", str(_pipeline(before)), "--no-progress"])
    assert r.exit_code == 0, r.output

    env_path = str(Path(gensafe.__file__).resolve().parent.parent)
    proc = subprocess.run([sys.executable, "-c", BOOT, NEW, "run", str(_pipeline(after)), "--no-progress"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=600,
                          env={**__import__("os").environ, "PYTHONPATH": env_path})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    db = after / "out" / "audit.duckdb"
    # the same documents kept and removed: the new code has no keyword and no classifier head yet
    assert _decisions(db) == _decisions(before / "out" / "audit.duckdb")

    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute('SELECT "group", name_en, counts_for_5pct_rule FROM risk_types WHERE code = ?',
                          ["A4h"]).fetchone()
        assert row == ("A4", "A test risk type added by a newcomer", True)
        assert con.execute("SELECT count(*) FROM risk_types").fetchone()[0] == 32
        counts = dict(con.execute("SELECT code, documents FROM risk_counts").fetchall())
        assert counts["A4h"] == 0 and len(counts) == 32
        # the classifier scores every taxonomy code where it scores codes (documents it flags or gates; the rest
        # have null code scores, code_scores = "flagged"); the model's missing head is NaN, never named
        scores = [s for (s,) in con.execute("SELECT clf_scores FROM documents").fetchall() if s is not None]
        assert scores and all(len(s) == 32 and math.isnan(s[29]) and not math.isnan(s[30]) for s in scores)
        assert not con.execute("SELECT count(*) FROM documents WHERE clf_unsafe IS NULL").fetchone()[0]
        assert not con.execute("SELECT count(*) FROM documents WHERE list_contains(clf_risks, 'A4h') "
                               "OR list_contains(risk_codes, 'A4h')").fetchone()[0]
    finally:
        con.close()

    # the audit report (run with the new taxonomy too) lists the new code among the risk codes
    proc = subprocess.run([sys.executable, "-c", BOOT, NEW, "audit", "report", "--db", str(db), "--format", "json"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=600,
                          env={**__import__("os").environ, "PYTHONPATH": env_path})
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    rep = json.loads(proc.stdout)
    risks = next(t for t in rep["tables"] if t["id"] == "T.risks")["rows"]["risks"]
    assert len(risks) == 32 and {"code": "A4h", "documents": 0}.items() <= next(
        r for r in risks if r["code"] == "A4h").items()
    # and says that the model does not score it: B.1.4 asks for every code scored
    b14 = next(i for i in rep["items"] if i["id"] == "B.1.4")
    assert b14["verdict"] == "non-compliant" and b14["numbers"]["incomplete_code_scores"] == len(scores), b14


class _Partial:
    """A plug-in classifier over three codes, not in taxonomy order, without the any-unsafe head."""

    name, version, hash = "partial", "1", "partial-1"
    codes = ("A4d", "A1a", "A5a")
    thresholds = {"A4d": (0.5, 0.3), "A1a": (0.5, 0.3), "A5a": (0.5, 0.3)}

    def predict_proba(self, texts):
        import numpy as np

        return np.array([[0.9, 0.1, 0.2] if "insult" in t else [0.0, 0.0, 0.0] for t in texts], np.float32)


def test_a_model_over_some_codes_scores_those_and_names_no_other() -> None:
    import pyarrow as pa

    from gensafe.classifier.stage import ClassifierStage
    from gensafe.taxonomy import CODE_INDEX, CODES

    st = ClassifierStage()
    st.use_classifier(_Partial())
    out = st.process(pa.RecordBatch.from_pydict({"text": ["an insult", "a museum"]}))
    scores = out.column("clf_scores").to_pylist()
    assert all(len(s) == len(CODES) for s in scores)
    assert scores[0][CODE_INDEX["A4d"]] == pytest.approx(0.9) and scores[0][CODE_INDEX["A5a"]] == pytest.approx(0.2)
    unscored = [c for c in CODES if c not in _Partial.codes]
    assert all(math.isnan(scores[0][CODE_INDEX[c]]) for c in unscored)
    assert out.column("clf_risks").to_pylist() == [["A4d"], []]


def test_a_model_code_the_taxonomy_lacks_is_refused(tmp_path: Path) -> None:
    from gensafe.classifier.model import ModelError, default_model_dir, load_model
    from gensafe.classifier.protocol import ClassifierError, check_classifier

    bad = _Partial()
    bad.codes = ("A4d", "Z9z")
    with pytest.raises(ClassifierError, match="codes not in gensafe.taxonomy: Z9z"):
        check_classifier(bad)
    src = default_model_dir()
    for f in src.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    meta = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    meta["codes"][0] = "Z9z"
    (tmp_path / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="model codes not in gensafe.taxonomy: Z9z"):
        load_model(tmp_path, verify=False)
