"""docs/stages.md as written: its URL-blocklist stage and pipeline run and remove what they should."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from gensafe.cli import main
from gensafe.stages import StageError

DOC = Path(__file__).resolve().parents[2] / "docs" / "stages.md"


def _block(lang: str) -> str:
    blocks = re.findall(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1
    return blocks[0]


def test_the_blocklist_stage_of_the_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "url_blocklist.py").write_text(_block("python"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "blocked_hosts.txt").write_text("spam.example.com\n", encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text(
        '{"id": "a", "text": "hello", "url": "https://spam.example.com/x"}\n'
        '{"id": "b", "text": "hello", "url": "https://news.example.org/y"}\n'
        '{"id": "c", "text": "hello"}\n', encoding="utf-8")
    (tmp_path / "p.toml").write_text(_block("toml"), encoding="utf-8")
    r = CliRunner().invoke(main, ["run", "p.toml", "--no-progress"])
    assert r.exit_code == 0, r.output
    con = duckdb.connect(str(tmp_path / "out" / "blocklist-demo" / "audit.duckdb"), read_only=True)
    rows = con.execute("SELECT doc_id, decision, reasons, url_reason FROM documents ORDER BY doc_id").fetchall()
    con.close()
    assert rows == [("a", "removed", ["blocked url"], "host spam.example.com is on the blocklist"),
                    ("b", "kept", [], None), ("c", "kept", [], None)]
    sys.modules.pop("url_blocklist", None)


def test_its_options_are_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "url_blocklist.py").write_text(_block("python"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    from url_blocklist import UrlBlocklistStage

    with pytest.raises(StageError, match="url_blocklist stage: unknown option\\(s\\) bogus; known: blocklist"):
        UrlBlocklistStage(blocklist="x", bogus=1)
    with pytest.raises(StageError, match="option 'blocklist'"):
        UrlBlocklistStage().setup()
    sys.modules.pop("url_blocklist", None)


def test_its_columns_are_declared_with_their_types(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa

    (tmp_path / "url_blocklist.py").write_text(_block("python"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    from url_blocklist import UrlBlocklistStage

    assert UrlBlocklistStage.COLUMNS == {"url_ok": pa.bool_(), "url_reason": pa.string()}
    assert UrlBlocklistStage(blocklist="x").output_columns() == ["url_ok", "url_reason"]
    sys.modules.pop("url_blocklist", None)
