"""The ``robots`` stage: snapshot before collection time, caches, opt-outs, policy."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from gensafe.provenance.optout import check_optouts
from gensafe.provenance.robots import RobotsCache, parse_time
from gensafe.provenance.robots_stage import RobotsStage
from gensafe.stages.base import StageError

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "provenance"
CACHE = str(FIX / "robots_cache")
REGISTRY = str(FIX / "registry.toml")


def _batch(rows: list[dict]) -> pa.RecordBatch:
    cols = {"doc_id": [], "source_id": [], "text": [], "url": [], "timestamp": [], "meta": [], "input_file": []}
    for i, r in enumerate(rows):
        cols["doc_id"].append(f"d{i}")
        cols["source_id"].append(r.get("source_id", "web-news"))
        cols["text"].append("t")
        cols["url"].append(r.get("url"))
        cols["timestamp"].append(r.get("timestamp"))
        cols["meta"].append(json.dumps(r.get("meta", {})))
        cols["input_file"].append(r.get("input_file", str(FIX / "input.jsonl")))
    return pa.RecordBatch.from_pydict({k: pa.array(v, pa.string()) for k, v in cols.items()})


def _run(rows: list[dict], **opts) -> list[dict]:
    stage = RobotsStage(cache=CACHE, registry=REGISTRY, **opts)
    stage.setup()
    out = stage.process(_batch(rows))
    assert out.num_rows == len(rows)
    return out.select(stage.output_columns()).to_pylist()


def test_snapshot_nearest_before_collection_time() -> None:
    rows = _run([
        {"url": "https://example.com/private/a", "timestamp": "2024-03-01T00:00:00Z"},  # Jan snapshot: GPTBot /private
        {"url": "https://example.com/public/a", "timestamp": "2024-03-01T00:00:00+00:00"},
        {"url": "https://example.com/public/a", "timestamp": "2024-07-01T08:00:00+08:00"},  # June: GPTBot+CCBot /
        {"url": "https://example.com/public/a", "timestamp": "2024-06-01T00:00:00Z"},  # exactly at fetch time
        {"url": "https://example.com/public/a", "timestamp": "2023-12-31T23:59:59Z"},  # before any snapshot
    ])
    v = [r["robots_verdict"] for r in rows]
    assert v == ["disallowed", "allowed", "disallowed", "disallowed", "unknown"]
    assert rows[0]["robots_rule"] == "GPTBot: Disallow: /private"
    assert rows[0]["robots_snapshot"] == "example.com@2024-01-01T00:00:00Z"
    assert rows[2]["robots_snapshot"] == "example.com@2024-06-01T00:00:00Z"
    assert rows[2]["robots_rule"] in ("GPTBot: Disallow: /", "CCBot: Disallow: /")
    assert [r["robots_ok"] for r in rows] == [False, True, False, False, False]
    assert "earliest snapshot is 2024-01-01T00:00:00Z" in rows[4]["robots_reason"]


def test_status_snapshots_and_unknown_policy() -> None:
    data = [
        {"url": "http://down.example/a", "timestamp": "2024-02-01T00:00:00Z"},     # 503 → all disallowed
        {"url": "http://gone.example/a", "timestamp": "2024-02-01T00:00:00Z"},     # 404 → all allowed
        {"url": "http://nocache.example/a", "timestamp": "2024-02-01T00:00:00Z"},  # no snapshot → unknown
        {"url": "http://example.com/a", "timestamp": None},                       # no timestamp → unknown
        {"url": None, "timestamp": "2024-02-01T00:00:00Z"},                       # no URL → unknown
    ]
    rows = _run(data)
    assert [r["robots_verdict"] for r in rows] == ["disallowed", "allowed", "unknown", "unknown", "unknown"]
    assert [r["robots_ok"] for r in rows] == [False, True, False, False, False]
    assert "503" in rows[0]["robots_rule"]
    assert "no parseable collection timestamp" in rows[3]["robots_reason"]
    relaxed = _run(data, unknown_policy="allow")
    assert [r["robots_ok"] for r in relaxed] == [False, True, True, True, True]


def test_applies_to_web_sources_only_by_default() -> None:
    data = [
        {"source_id": "oss-mit", "url": "https://example.com/private/a", "timestamp": "2024-03-01T00:00:00Z"},
        {"source_id": "crawl-domain", "url": "https://example.com/private/a", "timestamp": "2024-03-01T00:00:00Z"},
        {"source_id": "unknown-src", "url": "https://example.com/private/a", "timestamp": "2024-03-01T00:00:00Z"},
    ]
    rows = _run(data)
    assert [r["robots_verdict"] for r in rows] == ["not_applicable", "disallowed", "disallowed"]
    assert rows[0]["robots_ok"] is True
    assert _run(data, apply_to="all")[0]["robots_verdict"] == "disallowed"
    assert _run(data, unregistered="skip")[2]["robots_verdict"] == "not_applicable"


def test_configured_user_agents() -> None:
    row = {"url": "https://example.com/private/a", "timestamp": "2024-03-01T00:00:00Z"}
    assert _run([row], user_agents=["CCBot"])[0]["robots_verdict"] == "allowed"
    assert _run([row], user_agents=["CCBot"], crawler_user_agent="GPTBot")[0]["robots_verdict"] == "disallowed"
    with pytest.raises(StageError):
        RobotsStage(user_agents=["*"])
    # a version is dropped (RFC 9309 §2.2.1 product token); a name that isn't a token is refused,
    # not silently checked as '*'
    assert _run([row], user_agents=["CCBot"], crawler_user_agent="GPTBot/1.1")[0]["robots_verdict"] == "disallowed"
    with pytest.raises(StageError, match="product tokens"):
        RobotsStage(user_agents=["CCBot"], crawler_user_agent="My Crawler")


def test_record_snapshot_reference_wins() -> None:
    rows = _run([
        {"url": "https://example.com/drafts/1", "timestamp": "2024-03-01T00:00:00Z",
         "meta": {"robots_snapshot": "snapshot_ref_robots.txt"}},          # relative to the input file
        {"url": "https://example.com/private/1", "timestamp": "2030-01-01T00:00:00Z",
         "meta": {"robots_snapshot": "example.com@2024-01-01T00:00:00Z"}},  # a cache id
        {"url": "https://example.com/x", "timestamp": "2024-03-01T00:00:00Z",
         "meta": {"robots_snapshot": "no/such/file.txt"}},
    ])
    assert rows[0]["robots_verdict"] == "disallowed" and rows[0]["robots_rule"] == "*: Disallow: /drafts/"
    assert rows[1]["robots_verdict"] == "disallowed" and rows[1]["robots_snapshot"] == "example.com@2024-01-01T00:00:00Z"
    assert rows[2]["robots_verdict"] == "unknown" and "not found" in rows[2]["robots_reason"]


def test_optouts_in_records_and_tdmrep_cache() -> None:
    base = {"url": "https://example.com/public/a", "timestamp": "2024-03-01T00:00:00Z"}
    rows = _run([
        {**base, "meta": {"headers": {"X-Robots-Tag": "noai, noimageai"}}},
        {**base, "meta": {"headers": [["x-robots-tag", "otherbot: noai"]]}},   # scoped to an unconfigured bot
        {**base, "meta": {"headers": {"X-Robots-Tag": "GPTBot: noai"}}},
        {**base, "meta": {"html_head": '<meta name="robots" content="noindex">'}},  # noindex not counted by default
        {**base, "meta": {"html_head": '<head><META name="tdm-reservation" content="1"></head>'}},
        {**base, "meta": {"headers": {"tdm-reservation": "1"}}},
        {"url": "https://example.com/reserved/paper", "timestamp": "2024-03-01T00:00:00Z"},  # tdmrep.json in cache
        base,
    ])
    assert [r["optout"] for r in rows] == ["noai,noimageai", "none", "noai", "none", "tdm", "tdm", "tdm", "none"]
    assert [r["robots_ok"] for r in rows] == [False, True, False, True, False, False, False, True]
    assert all(r["robots_verdict"] == "allowed" for r in rows)  # robots.txt itself allows these
    assert "policy https://example.com/tdm-policy.json" in rows[6]["robots_reason"]
    strict = _run([{**base, "meta": {"html_head": '<meta name="robots" content="noindex">'}}],
                  optout_directives=["noai", "noimageai", "noindex"])
    assert strict[0]["optout"] == "noindex" and strict[0]["robots_ok"] is False


def test_optout_none_directive_expands() -> None:
    o = check_optouts({"headers": {"X-Robots-Tag": "none"}}, "https://a.test/", ["GPTBot"], ["noindex"])
    assert o.labels == ("noindex",)


def test_parquet_cache(tmp_path) -> None:
    table = pa.table({
        "host": ["site.test", "site.test", "site.test"],
        "fetched_at": ["2024-01-01T00:00:00Z", "2024-05-01T00:00:00Z", "2024-09-01T00:00:00Z"],
        "status": [200, 500, 200],
        "body": ["User-agent: *\nDisallow: /a\n", "", "User-agent: *\nDisallow: /\n"],
    })
    pq.write_table(table, tmp_path / "robots.parquet")
    cache = RobotsCache.load(tmp_path / "robots.parquet")
    when = parse_time("2024-06-15T00:00:00Z")
    assert cache.select("site.test", when).status == 500
    assert cache.select("SITE.test", parse_time("2024-02-01")).fetched_at == datetime(2024, 1, 1, tzinfo=timezone.utc)
    stage = RobotsStage(cache=str(tmp_path / "robots.parquet"), apply_to="all")
    out = stage.process(_batch([
        {"url": "https://site.test/b", "timestamp": "2024-02-01T00:00:00Z"},
        {"url": "https://site.test/b", "timestamp": "2024-06-01T00:00:00Z"},
        {"url": "https://site.test/b", "timestamp": "2024-10-01T00:00:00Z"},
    ])).column("robots_verdict").to_pylist()
    assert out == ["allowed", "disallowed", "disallowed"]


def test_bad_cache_is_stage_error(tmp_path) -> None:
    bad = tmp_path / "c.jsonl"
    bad.write_text('{"host": "a.test", "fetched_at": "yesterday", "status": 200, "body": ""}\n', encoding="utf-8")
    with pytest.raises(StageError, match="unparseable fetched_at"):
        RobotsStage(cache=str(bad)).setup()
    with pytest.raises(StageError, match="not found"):
        RobotsStage(cache=str(tmp_path / "nope")).setup()


def test_max_snapshot_age() -> None:
    row = {"url": "https://example.com/public/a", "timestamp": "2024-03-01T00:00:00Z"}  # Jan snapshot: 60 days
    assert _run([row])[0]["robots_verdict"] == "allowed"
    old = _run([row], max_snapshot_age_days=30)[0]
    assert old["robots_verdict"] == "unknown" and "older than" in old["robots_reason"]
    assert _run([row], max_snapshot_age_days=90)[0]["robots_verdict"] == "allowed"
    with pytest.raises(StageError):
        RobotsStage(max_snapshot_age_days=-1)
