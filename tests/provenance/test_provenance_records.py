"""Collection / contract / authorisation records and the B.2.1.1.3 c) sample."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from gensafe.provenance.records import check_collection, robots_optout_check, sample_self_collected
from gensafe.provenance.records_stage import CollectionRecordStage
from gensafe.provenance.robots_stage import RobotsStage
from gensafe.stages.base import StageError

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "provenance"
REGISTRY = str(FIX / "registry.toml")


def _batch(rows: list[tuple[str, str | None, str | None]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict({
        "doc_id": [f"d{i}" for i in range(len(rows))],
        "source_id": [r[0] for r in rows],
        "text": ["t"] * len(rows),
        "url": pa.array([r[1] for r in rows], pa.string()),
        "timestamp": pa.array([r[2] for r in rows], pa.string()),
    })


def test_records_stage_verdicts() -> None:
    stage = CollectionRecordStage(registry=REGISTRY)
    out = stage.process(_batch([
        ("web-news", "https://news.example/a", "2024-05-01T10:00:00+08:00"),
        ("web-news", None, "2024-05-01T10:00:00Z"),
        ("web-news", "https://news.example/a", None),
        ("web-news", "https://news.example/a", "last tuesday"),
        ("web-news", "ftp-ish text", "2024-05-01"),
        ("crawl-domain", "https://c.example/x", "2999-01-01T00:00:00Z"),
        ("oss-mit", None, None),
        ("vendor-ok", None, None),
        ("vendor-nocommit", None, None),
        ("users-ok", None, None),
        ("users-noauth", None, None),
    ]))
    cols = out.select(["record_ok", "record_reason", "source_kind"]).to_pylist()
    assert [c["record_ok"] for c in cols] == [True, False, False, False, False, False, True, True, False, True, False]
    reasons = [c["record_reason"] for c in cols]
    assert "missing source URL" in reasons[1]
    assert "missing collection timestamp" in reasons[2]
    assert "unparseable collection timestamp" in reasons[3]
    assert "not an http(s) URL" in reasons[4]
    assert "in the future" in reasons[5]
    assert "no commitments" in reasons[8] and "vendor-nocommit" in reasons[8]
    assert "no authorisation records" in reasons[10] and "users-noauth" in reasons[10]
    assert "CT-2024-11" in reasons[7]
    assert [c["source_kind"] for c in cols][:2] == ["self_collected", "self_collected"]
    assert cols[6]["source_kind"] == "open_source"


def test_unregistered_sources() -> None:
    batch = _batch([("nobody", "https://n.example/a", "2024-01-01T00:00:00Z"), ("nobody", None, None)])
    default = CollectionRecordStage(registry=REGISTRY).process(batch)
    assert default.column("record_ok").to_pylist() == [True, False]
    assert default.column("source_kind").to_pylist() == ["unregistered", "unregistered"]
    assert CollectionRecordStage(registry=REGISTRY, unregistered="block").process(batch).column(
        "record_ok").to_pylist() == [False, False]
    assert CollectionRecordStage(unregistered="allow").process(batch).column("record_ok").to_pylist() == [True, True]
    with pytest.raises(StageError):
        CollectionRecordStage(unregistered="maybe")


def test_bad_registry_is_stage_error(tmp_path) -> None:
    p = tmp_path / "r.toml"
    p.write_text('[[source]]\nid = "x"\nkind = "spaceship"\n', encoding="utf-8")
    with pytest.raises(StageError, match="r.toml"):
        CollectionRecordStage(registry=str(p)).setup()


def test_check_collection_accepts_iso_variants() -> None:
    for ts in ("2024-05-01", "2024-05-01T10:00:00", "2024-05-01T10:00:00Z", "2024-05-01 10:00:00+08:00",
               "2024-05-01T10:00:00.123456+00:00"):
        assert check_collection("https://a.example/", ts)[0], ts


def _table(n: int) -> pa.Table:
    ids = [f"doc{i:05d}" for i in range(n)]
    return pa.table({
        "doc_id": ids,
        "source_id": ["web-news" if i % 4 else "oss-mit" for i in range(n)],
        "url": [None if i % 50 == 1 else f"https://example.com/public/{i}" for i in range(n)],
        "timestamp": ["2024-03-01T00:00:00Z"] * n,
        "meta": ["{}"] * n,
    })


def test_sample_self_collected_sizes_and_determinism() -> None:
    t = _table(2000)  # 1500 self-collected rows
    stage = RobotsStage(cache=str(FIX / "robots_cache"), registry=REGISTRY)
    s = sample_self_collected(t, seed=3, registry=REGISTRY, optout_check=robots_optout_check(stage))
    assert s["population"] == 1500 and s["n_records"] == 1000 and s["n_optout"] == 100 and s["shortfall"] == 0
    assert all(r["source_id"] == "web-news" for r in s["records"])
    assert len({r["doc_id"] for r in s["records"]}) == 1000
    sampled = {r["doc_id"] for r in s["records"]}
    assert {r["doc_id"] for r in s["optout"]} <= sampled
    assert any(not r["record_ok"] for r in s["records"])  # the URL-less rows are caught
    assert all(r["robots_verdict"] == "allowed" for r in s["optout"] if r["url"])
    # same seed, shuffled input → same sample
    shuffled = t.take(pa.array(list(range(1999, -1, -1))))
    s2 = sample_self_collected(shuffled, seed=3, registry=REGISTRY, optout_check=robots_optout_check(stage))
    assert [r["doc_id"] for r in s2["records"]] == [r["doc_id"] for r in s["records"]]
    assert [r["doc_id"] for r in s2["optout"]] == [r["doc_id"] for r in s["optout"]]
    s3 = sample_self_collected(t, seed=4, registry=REGISTRY, optout_check=robots_optout_check(stage))
    assert [r["doc_id"] for r in s3["records"]] != [r["doc_id"] for r in s["records"]]


def test_sample_uses_stage_columns_and_reports_shortfall() -> None:
    rows = [{"doc_id": f"d{i}", "source_id": "web-news", "url": f"https://example.com/{i}",
             "timestamp": "2024-03-01T00:00:00Z", "source_kind": "self_collected", "record_ok": True,
             "robots_verdict": "allowed", "robots_rule": "", "robots_snapshot": "x", "optout": "none",
             "robots_ok": True, "robots_reason": "ok"} for i in range(30)]
    s = sample_self_collected(rows, seed=0)
    assert s["n_records"] == 30 and s["shortfall"] == 970 and s["n_optout"] == 30
    assert all(r["robots_verdict"] == "allowed" for r in s["optout"])
    with pytest.raises(ValueError, match="optout_check"):
        sample_self_collected([{k: v for k, v in r.items() if not k.startswith("robots")} for r in rows], seed=0)


def test_source_checks_to_duckdb() -> None:
    import duckdb

    from gensafe.provenance.licenses import load_policy
    from gensafe.provenance.source_checks import source_checks, store_source_checks

    rows = {r["source_id"]: r for r in source_checks(REGISTRY)}
    assert rows["oss-nc"]["license_ok"] is False and rows["oss-mit"]["license_ok"] is True
    assert rows["oss-authorised"]["license_ok"] is True
    assert rows["vendor-nocommit"]["record_ok"] is False and rows["users-noauth"]["record_ok"] is False
    assert rows["vendor-ok"]["record_ok"] is True and rows["web-news"]["record_ok"] is True
    con = duckdb.connect(":memory:")
    n = store_source_checks(con, list(rows.values()), run_id="r1", policy_hash=load_policy().hash)
    assert n == 10
    blocked = con.execute("SELECT source_id FROM source_provenance WHERE NOT record_ok ORDER BY 1").fetchall()
    assert blocked == [("users-noauth",), ("vendor-nocommit",)]
