"""The taxonomy is the one source: derived sets, and the audit database follows it."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import spine_pipeline
from gensafe import store, taxonomy
from gensafe.cli import main
from gensafe.taxonomy import RiskType


def test_derived_sets() -> None:
    assert len(taxonomy.CODES) == 31 and len(taxonomy.UNSAFE_CODES) == 29
    assert taxonomy.REPORTED_ONLY_CODES == ("A5a", "A5b")
    assert taxonomy.UNSAFE_GROUPS == ("A1", "A2", "A3", "A4")
    assert taxonomy.unsafe_summary() == "29 A.1–A.4 risk types"
    assert all(taxonomy.GROUP_OF[c] == taxonomy.group_of(c) == c[:2] for c in taxonomy.CODES)
    assert taxonomy.is_unsafe(["A5a", "A1d"]) and not taxonomy.is_unsafe(["A5b"]) and not taxonomy.is_unsafe([])


def test_connect_writes_a_new_or_changed_code_into_an_existing_database(
        tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = CliRunner().invoke(main, ["run", str(spine_pipeline(tmp_path, [str(corpus)])), "--no-progress"])
    assert r.exit_code == 0, r.output
    db = str(tmp_path / "out" / "audit.duckdb")
    con = store.connect(db)
    con.execute("UPDATE risk_types SET name_en = 'stale' WHERE code = 'A1a'")
    con.close()
    new = RiskType("A5c", "A5", "A new reported-only type", "新类型", False, 0)
    monkeypatch.setattr(store, "RISK_TYPES", taxonomy.RISK_TYPES + (new,))
    con = store.connect(db)
    try:
        rows = dict(con.execute("SELECT code, name_en FROM risk_types").fetchall())
        assert len(rows) == 32 and rows["A5c"] == "A new reported-only type"
        assert rows["A1a"] == taxonomy.BY_CODE["A1a"].name_en
        assert store.sync_risk_types(con) == 0  # nothing left to write
        # the new code shows in risk_counts of the existing database, with no documents yet
        counts = dict(con.execute("SELECT code, documents FROM risk_counts WHERE code IN ('A5c', 'A1d')").fetchall())
        assert counts["A5c"] == 0 and counts["A1d"] > 0
    finally:
        con.close()
