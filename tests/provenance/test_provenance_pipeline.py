"""End to end through the pipeline: unlicensed, robots-forbidden or record-less documents are removed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "provenance"

pipeline_mod = pytest.importorskip("gensafe.pipeline")
readers = pytest.importorskip("gensafe.readers")


def test_provenance_pipeline_decisions(tmp_path) -> None:
    reg, cache = (FIX / "registry.toml").as_posix(), (FIX / "robots_cache").as_posix()
    (tmp_path / "p.toml").write_text(f"""
[pipeline]
name = "provenance"

[[stages]]
type = "license"
registry = "{reg}"

[[stages]]
type = "robots"
registry = "{reg}"
cache = "{cache}"

[[stages]]
type = "records"
registry = "{reg}"

[[policy.remove]]
reason = "licence"
flag = "license_ok"

[[policy.remove]]
reason = "robots"
flag = "robots_ok"

[[policy.remove]]
reason = "collection record"
flag = "record_ok"
""", encoding="utf-8")
    docs = [
        # web-news has no licence in the registry: the document field carries one
        {"id": "ok", "source": "web-news", "text": "a", "url": "https://example.com/public/1",
         "timestamp": "2024-03-01T00:00:00Z", "license": "CC-BY-4.0"},
        {"id": "robots", "source": "web-news", "text": "b", "url": "https://example.com/private/1",
         "timestamp": "2024-03-01T00:00:00Z", "license": "CC-BY-4.0"},
        {"id": "noai", "source": "web-news", "text": "c", "url": "https://example.com/public/2",
         "timestamp": "2024-03-01T00:00:00Z", "license": "CC-BY-4.0",
         "headers": {"X-Robots-Tag": "noai"}},
        {"id": "norecord", "source": "web-news", "text": "d", "url": "https://example.com/public/3",
         "license": "CC-BY-4.0"},
        {"id": "web-nolicence", "source": "web-news", "text": "h", "url": "https://example.com/public/4",
         "timestamp": "2024-03-01T00:00:00Z"},
        {"id": "nc", "source": "oss-nc", "text": "e"},
        {"id": "oss-nolicence", "source": "oss-nolicence", "text": "i"},
        {"id": "mit", "source": "oss-mit", "text": "f"},
        {"id": "vendor", "source": "vendor-nocommit", "text": "g", "license": "MIT"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    pipe = pipeline_mod.Pipeline.from_file(str(tmp_path / "p.toml"))
    pipe.setup()
    rows = []
    for batch in readers.read_path(str(src)):
        rows.extend(pipe.process(batch).to_pylist())
    by_id = {r["doc_id"]: r for r in rows}
    assert set(by_id) == {d["id"] for d in docs}
    kept = {k for k, r in by_id.items() if r["decision"] == "kept"}
    assert kept == {"ok", "mit", "web-nolicence"}
    assert by_id["oss-nolicence"]["reasons"] == ["licence"]
    assert by_id["robots"]["reasons"] == ["robots"]
    assert by_id["noai"]["reasons"] == ["robots"] and by_id["noai"]["optout"] == "noai"
    assert "collection record" in by_id["norecord"]["reasons"]
    assert "robots" in by_id["norecord"]["reasons"]  # no timestamp: robots unknown, blocked by default
    assert by_id["nc"]["reasons"] == ["licence"]
    assert by_id["vendor"]["reasons"] == ["collection record"]
    assert "no commitments" in by_id["vendor"]["record_reason"]
