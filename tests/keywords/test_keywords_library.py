"""Library loading/validation, B.1.1 check, import, diff and the ``gensafe keywords`` CLI."""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gensafe import taxonomy
from gensafe.cli import main
from gensafe.keywords.library import (LibraryError, check_compliance, diff_libraries, import_terms,
                                      load_library)
from gensafe.keywords.stage import DEFAULT_LIBRARY

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "keywords" / "small"
HEADER = "term\tcodes\tlang\tmode\tseverity\texceptions\tcooccur"


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    dst = tmp_path / "small"
    shutil.copytree(SMALL, dst)
    return dst


def write_lib(root: Path, rows: list[str], updated: str = "2026-01-05", name: str = "t") -> Path:
    (root / "terms").mkdir(parents=True, exist_ok=True)
    (root / "manifest.toml").write_text(
        f'name = "{name}"\nversion = "1"\nupdated = "{updated}"\nlanguages = ["zh", "en"]\n'
        f'maintainer = "tests"\nlicence = "CC0-1.0"\n', encoding="utf-8")
    (root / "terms" / "a.tsv").write_text("# comment\n" + HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return root


def synthetic_compliant(root: Path, updated: str = "2026-01-05") -> Path:
    """A library that meets B.1.1 with generated pseudo-terms (for the check's happy path)."""
    rnd = random.Random(7)
    alphabet = "bcdfghjklmnpqrstvwxz"
    rows: list[str] = []
    seen: set[str] = set()
    for code in taxonomy.CODES[:17]:
        for _ in range(600):
            while True:
                w = "".join(rnd.choice(alphabet) for _ in range(9))
                if w not in seen:
                    break
            seen.add(w)
            rows.append(f"{w}\t{code}\ten\tword\t2\t\t")
    return write_lib(root, rows, updated)


# ---------------------------------------------------------------- loading and validation

def test_load_small_library() -> None:
    lib = load_library(SMALL)
    assert lib.name == "fixture-small" and len(lib.terms) == 15
    t = {x.term: x for x in lib.terms}
    assert t["臺獨"].norm == "台独"
    assert t["开盒"].cooccur == ("住址", "身份证") and t["开盒"].window == 10
    assert t["breast"].exceptions == ("breast cancer", "breast feeding")
    assert t["违禁品"].mode == "substring" and t["违禁品"].severity == 2  # defaults
    assert t["歧视外地人"].codes == ("A2d", "A2i")
    assert lib.counts()["A1f"] == {"zh": 1, "en": 5}


@pytest.mark.parametrize("row,message", [
    ("foo\tA9z\ten\tword\t2\t\t", "unknown risk code 'A9z'"),
    ("foo\tA1a\ten\tword\t5\t\t", "bad severity '5'"),
    ("foo\tA1a\ten\tfuzzy\t2\t\t", "bad mode 'fuzzy'"),
    ("foo\tA1a\tfr\tword\t2\t\t", "unknown language 'fr'"),
    ("foo\tA1a\ten\tword\t2\t\tbar", "bad cooccur 'bar'"),
    ("foo\tA1a\ten\tword\t2\t\t!bar|!baz@5", "need at least one term without '!'"),
    ("\tA1a\ten\tword\t2\t\t", "empty term"),
    ("foo\t\ten\tword\t2\t\t", "has no risk code"),
    ("\u200b\tA1a\ten\tword\t2\t\t", "empty after normalisation"),
    ("foo\tA1a\ten\tword\t2\t\t\textra", "8 fields"),
])
def test_validation_errors_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    write_lib(tmp_path / "lib", ["ok\tA1a\ten\tword\t2\t\t", row])
    with pytest.raises(LibraryError) as exc:
        load_library(tmp_path / "lib")
    assert "lib/terms/a.tsv:4" in str(exc.value)
    assert message in str(exc.value)


def test_manifest_and_header_errors(tmp_path: Path) -> None:
    root = write_lib(tmp_path / "lib", ["ok\tA1a\ten\tword\t2\t\t"])
    (root / "terms" / "b.tsv").write_text("word\tcode\nx\tA1a\n", encoding="utf-8")
    with pytest.raises(LibraryError, match=r"b\.tsv:1: bad header"):
        load_library(root)
    (root / "terms" / "b.tsv").unlink()
    (root / "manifest.toml").write_text('name = "x"\n', encoding="utf-8")
    with pytest.raises(LibraryError, match="missing field"):
        load_library(root)
    with pytest.raises(LibraryError, match="not a keyword library"):
        load_library(tmp_path / "nope")


def test_content_hash_ignores_layout_but_not_content(tmp_path: Path) -> None:
    a = write_lib(tmp_path / "a", ["x\tA1a\ten\tword\t2\t\t", "y\tA1b\ten\tword\t2\t\t"])
    b = write_lib(tmp_path / "b", ["y\tA1b\ten\tword\t2\t\t", "x\tA1a\ten\tword\t2\t\t"])
    c = write_lib(tmp_path / "c", ["y\tA1b\ten\tword\t3\t\t", "x\tA1a\ten\tword\t2\t\t"])
    ha, hb, hc = (load_library(p).content_hash for p in (a, b, c))
    assert ha == hb != hc


def test_counts_are_after_normalisation(tmp_path: Path) -> None:
    root = write_lib(tmp_path / "lib", ["Sex\tA1f\ten\tword\t2\t\t", "ＳＥＸ\tA1f\ten\tword\t2\t\t",
                                        "s3x\tA1f\ten\tword\t2\t\t", "臺獨\tA1c\tzh\t\t3\t\t",
                                        "台独\tA1c\tzh\t\t3\t\t", "sex\tA1g\ten\tword\t2\t\t"])
    lib = load_library(root)
    assert lib.counts()["A1f"] == {"en": 1}
    assert lib.counts()["A1c"] == {"zh": 1}
    assert lib.duplicates == 3
    assert lib.distinct_total() == 2  # "sex" under two codes counts once in the total


# ---------------------------------------------------------------- B.1.1 check

def test_check_small_library_is_not_compliant() -> None:
    res = CliRunner().invoke(main, ["keywords", "check", str(SMALL), "--as-of", "2026-01-06", "--json"])
    assert res.exit_code == 1, res.output
    out = json.loads(res.output)
    assert out["compliant"] is False
    assert any(p.startswith("A1a:") for p in out["problems"])
    assert any(p.startswith("total:") for p in out["problems"])
    assert not any("days old" in p for p in out["problems"])


def test_check_compliant_library_and_age(tmp_path: Path) -> None:
    root = synthetic_compliant(tmp_path / "lib")
    runner = CliRunner()
    ok = runner.invoke(main, ["keywords", "check", str(root), "--as-of", "2026-01-12"])
    assert ok.exit_code == 0, ok.output
    assert "COMPLIANT" in ok.output and "NOT" not in ok.output
    old = runner.invoke(main, ["keywords", "check", str(root), "--as-of", "2026-01-13", "--json"])
    assert old.exit_code == 1
    assert "8 days old" in " ".join(json.loads(old.output)["problems"])
    before = check_compliance(load_library(root), dt.date(2026, 1, 1))
    assert not before.compliant and "after the as-of date" in before.problems[0]
    bad = runner.invoke(main, ["keywords", "check", str(root), "--as-of", "yesterday"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_check_reports_library_errors_without_traceback(tmp_path: Path) -> None:
    write_lib(tmp_path / "lib", ["foo\tA9z\ten\tword\t2\t\t"])
    res = CliRunner().invoke(main, ["keywords", "check", str(tmp_path / "lib")])
    assert res.exit_code == 1
    assert "a.tsv:3: unknown risk code" in res.output
    assert "Traceback" not in res.output


@pytest.mark.skipif(not (DEFAULT_LIBRARY / "manifest.toml").is_file(), reason="default library not shipped yet")
def test_default_library_is_compliant() -> None:
    lib = load_library(DEFAULT_LIBRARY)
    comp = check_compliance(lib, lib.manifest.updated)
    assert comp.compliant, comp.problems


# ---------------------------------------------------------------- import

def test_import_plain_list_and_csv(small: Path, tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("# third-party list\nnew term one\nNEW TERM ONE\n\nporn\nanother term\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["keywords", "import", str(words), "--code", "A1f", "--lang", "en",
                               "--library", str(small), "--severity", "3", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out == {"file": out["file"], "read": 4, "added": 2, "duplicates": 2}
    lib = load_library(small)
    new = [t for t in lib.terms if t.source.endswith("A1f.en.import-words.tsv:3")]
    assert new and new[0].term == "new term one" and new[0].severity == 3 and new[0].mode == "word"
    assert lib.manifest.updated == dt.date.today()
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("term,severity,exceptions\n侮辱外地人,3,\n性骚扰,2,性骚扰防治\n", encoding="utf-8")
    res = runner.invoke(main, ["keywords", "import", str(csv_file), "--code", "A2d", "--lang", "zh",
                               "--library", str(small), "--no-touch"])
    assert res.exit_code == 0, res.output
    assert "added 2" in res.output
    t = {x.term: x for x in load_library(small).terms}
    assert t["性骚扰"].exceptions == ("性骚扰防治",) and t["侮辱外地人"].severity == 3
    bad = runner.invoke(main, ["keywords", "import", str(words), "--code", "Z9", "--lang", "en",
                               "--library", str(small)])
    assert bad.exit_code == 1 and "unknown risk code" in bad.output


def test_import_large_list_then_match(small: Path, tmp_path: Path) -> None:
    rnd = random.Random(3)
    words = sorted({"".join(rnd.choice("abcdefghij") for _ in range(8)) for _ in range(3000)})
    f = tmp_path / "big.txt"
    f.write_text("\n".join(words) + "\n", encoding="utf-8")
    res = import_terms(small, f, "A1h", "en", touch=False)
    assert res.added == len(words)
    from gensafe.keywords.matcher import Matcher

    m = Matcher(load_library(small))
    text = f"prefix {words[10].upper()} and {words[-1]}x"
    found = [text[h.start:h.end] for h in m.match(text)]
    assert found == [words[10].upper()]  # the second is glued to "x": not a whole word


# ---------------------------------------------------------------- diff

def test_diff(small: Path) -> None:
    zh = small / "terms" / "zh.tsv"
    text = zh.read_text(encoding="utf-8").replace("违禁品\tA1h\tzh\t\t2", "违禁品\tA1h\tzh\t\t3")
    text = text.replace("敏感词\tA1a\tzh\tsubstring\t3\t\t\n", "")
    zh.write_text(text + "新增词\tA1b\tzh\tsubstring\t2\t\t\n", encoding="utf-8")
    d = diff_libraries(load_library(SMALL), load_library(small))
    assert d["codes"]["A1b"]["added"] == ["新增词"]
    assert d["codes"]["A1a"]["removed"] == ["敏感词"]
    ch = d["codes"]["A1h"]["changed"][0]
    assert ch["term"] == "违禁品" and ch["fields"] == ["severity"]
    assert d["summary"] == {"added": 1, "removed": 1, "changed": 1}
    res = CliRunner().invoke(main, ["keywords", "diff", str(SMALL), str(small)])
    assert res.exit_code == 0, res.output
    assert "+ 新增词" in res.output and "- 敏感词" in res.output and "~ 违禁品" in res.output
    js = CliRunner().invoke(main, ["keywords", "diff", str(SMALL), str(small), "--json"])
    assert json.loads(js.output)["summary"]["added"] == 1


# ---------------------------------------------------------------- test command

def test_test_command_explains_hits() -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["keywords", "test", "ＰＯＲＮ and 敏-感-词, a life hack, breast cancer",
                               "--library", str(SMALL), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    found = {h["term"]: h for h in out["hits"]}
    assert found["porn"]["text"] == "ＰＯＲＮ" and found["porn"]["normalised"] == "porn"
    assert (found["敏感词"]["start"], found["敏感词"]["end"]) == (9, 14)
    why = {r["term"]: r["why"] for r in out["rejected"]}
    assert why["hack"].startswith("no co-occurring term")
    assert why["breast"].startswith("exception")
    assert out["kw_risks"] == ["A1a"] and out["kw_weak_risks"] == ["A1f"]
    txt = runner.invoke(main, ["keywords", "test", "the therapist", "--library", str(SMALL)])
    assert txt.exit_code == 0 and "no hits" in txt.output
    assert "rejected 'rapist'" in txt.output and "word boundary" in txt.output


def test_help_everywhere() -> None:
    runner = CliRunner()
    for args in (["keywords"], ["keywords", "check"], ["keywords", "import"], ["keywords", "diff"],
                 ["keywords", "test"]):
        res = runner.invoke(main, [*args, "--help"])
        assert res.exit_code == 0 and "Usage" in res.output
