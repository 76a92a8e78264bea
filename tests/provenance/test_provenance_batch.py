"""The provenance stages decide once per distinct source (and licence) and broadcast:
a batch must get exactly the verdicts the per-document API gives each row."""
import random
from pathlib import Path

import pyarrow as pa
import pytest

from gensafe.provenance.license_stage import LicenseStage
from gensafe.provenance.records_stage import CollectionRecordStage
from gensafe.provenance.robots_stage import RobotsStage, _meta_dict
from gensafe.provenance.sources import UNREGISTERED, WEB_KINDS, source_kind
from gensafe.stages.columns import broadcast, distinct_rows

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "provenance"
REG = str(FIX / "registry.toml")
SOURCES = [None, "", "web-news", "crawl-domain", "oss-mit", "oss-nc", "oss-authorised", "oss-nolicence",
           "vendor-ok", "vendor-nocommit", "users-ok", "users-noauth", "not-registered"]


def _batch(seed: int, n: int = 400) -> pa.RecordBatch:
    rng = random.Random(seed)
    pick = lambda xs: [rng.choice(xs) for _ in range(n)]  # noqa: E731
    return pa.RecordBatch.from_pydict({
        "doc_id": [f"d{i}" for i in range(n)],
        "source_id": pick(SOURCES),
        "license": pick([None, "", "MIT", "GPL-3.0-only", "CC-BY-4.0 AND ODbL-1.0", "bogus(", "LicenseRef-x"]),
        "url": pick([None, "", "not a url", "https://example.com/private/1", "https://example.com/ok",
                     "http://down.example/a", "https://gone.example/b"]),
        "timestamp": pick([None, "", "2025-06-01T00:00:00Z", "garbage", "2099-01-01T00:00:00Z"]),
        "meta": pick(["{}", '{"headers": {"X-Robots-Tag": "noai"}}', "not json", None]),
    })


def test_distinct_rows_round_trip():
    a = pa.array(["x", None, "", "x", "y", None])
    b = pa.array(["1", "1", "1", "1", None, "2"])
    combos, idx = distinct_rows(a, b)
    assert len(combos) == 5
    assert [combos[i] for i in idx.to_pylist()] == list(zip(a.to_pylist(), b.to_pylist()))


def test_broadcast_mixes_per_key_rows_and_per_document_rows():
    combos, idx = distinct_rows(pa.array(["a", "b", "a", "c", "b"]))
    per_key = [None if k == "b" else (k.upper(), True) for (k,) in combos]
    cols = broadcast(per_key, idx, [("name", pa.string()), ("ok", pa.bool_())], lambda i, j: (f"doc{i}", False))
    assert cols["name"].to_pylist() == ["A", "doc1", "A", "C", "doc4"]
    assert cols["ok"].to_pylist() == [True, False, True, True, False]
    whole = broadcast([("A", True), ("B", False)], pa.array([1, 0, 1]), [("name", pa.string()), ("ok", pa.bool_())])
    assert whole["name"].to_pylist() == ["B", "A", "B"] and whole["ok"].type == pa.bool_()


@pytest.mark.parametrize("seed", range(3))
def test_license_batch_equals_per_document(seed):
    st = LicenseStage(registry=REG)
    st.setup()
    b = _batch(seed)
    out = st.process(b).to_pylist()
    for row in out:
        v = st.verdict(row["license"], row["source_id"])
        assert (row["license_expr"], row["license_verdict"], row["license_condition"], row["license_ok"],
                row["license_reason"]) == (v.expr, v.verdict, v.condition, v.ok, v.reason)
    assert st.stats()["not_ok"] == sum(not r["license_ok"] for r in out)


@pytest.mark.parametrize("unregistered", ["self_collected", "block", "allow"])
def test_records_batch_equals_per_document(unregistered):
    st = CollectionRecordStage(registry=REG, unregistered=unregistered)
    st.setup()
    out = st.process(_batch(7)).to_pylist()
    for row in out:
        v = st.verdict(row["source_id"], row["url"], row["timestamp"])
        assert (row["record_ok"], row["record_reason"], row["source_kind"]) == (v.ok, v.reason, v.kind)
    assert st.stats()["not_ok"] == sum(not r["record_ok"] for r in out)


@pytest.mark.parametrize("apply_to", ["self_collected", "all"])
def test_robots_batch_equals_per_document(apply_to):
    st = RobotsStage(registry=REG, cache=str(FIX / "robots_cache"), apply_to=apply_to)
    st.setup()
    out = st.process(_batch(11)).to_pylist()
    checked = 0
    for row in out:
        got = tuple(row[c] for c in ("robots_verdict", "robots_rule", "robots_snapshot", "optout", "robots_ok",
                                     "robots_reason"))
        kind = source_kind(st._registry, row["source_id"])
        applicable = apply_to == "all" or kind in WEB_KINDS or kind == UNREGISTERED
        assert (row["robots_verdict"] != "not_applicable") == applicable
        if not applicable:
            assert row["robots_ok"] and row["robots_reason"] == f"source kind {kind}: robots check not applicable"
            continue
        checked += 1
        meta = _meta_dict(row["meta"])
        assert got == st.check(row["url"], row["timestamp"], meta, meta.get("robots_snapshot"), None)
    assert checked and st.stats()["checked"] == checked
