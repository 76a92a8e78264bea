"""Licence policy over SPDX expressions and the ``license`` stage."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from gensafe.source_registry import parse_registry
from gensafe.provenance.license_stage import LicenseStage
from gensafe.provenance.licenses import (
    LicensePolicyError,
    effective_license,
    load_policy,
    parse_policy,
    sample_open_source,
)
from gensafe.stages.base import StageError

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "provenance"
REGISTRY = str(FIX / "registry.toml")


@pytest.fixture(scope="module")
def policy():
    return load_policy()


@pytest.mark.parametrize("expr,verdict,ok", [
    ("MIT", "allowed", True),
    ("apache-2.0", "allowed", True),                      # ids are case-insensitive
    ("BSD-3-Clause", "allowed", True),                    # pattern BSD-*
    ("CC0-1.0", "allowed", True),
    ("CC-BY-4.0", "allowed", True),
    ("CC-BY-SA-4.0", "conditional", True),
    ("GPL-3.0-only", "conditional", True),
    ("LGPL-2.1-or-later", "conditional", True),
    ("MPL-2.0", "conditional", True),
    ("ODbL-1.0", "conditional", True),
    ("CC-BY-NC-4.0", "forbidden", False),
    ("CC-BY-ND-4.0", "forbidden", False),
    ("CC-BY-NC-SA-4.0", "forbidden", False),
    ("LicenseRef-research-only", "forbidden", False),
    ("LicenseRef-proprietary", "forbidden", False),
    ("GPL-2.0+", "conditional", True),                    # deprecated id normalised by license-expression
])
def test_single_ids(policy, expr: str, verdict: str, ok: bool) -> None:
    v = policy.evaluate(expr)
    assert (v.verdict, v.ok) == (verdict, ok), v


def test_or_takes_the_best(policy) -> None:
    v = policy.evaluate("CC-BY-NC-4.0 OR MIT")
    assert v.verdict == "allowed" and v.ok
    v = policy.evaluate("CC-BY-NC-4.0 OR CC-BY-SA-4.0")
    assert v.verdict == "conditional" and "share-alike" in v.condition
    # among equally good options the one with fewer conditions is chosen
    assert policy.evaluate("CC-BY-4.0 OR MIT").condition == ""
    # an unknown alternative does not hurt when a known one is allowed
    assert policy.evaluate("MIT OR LicenseRef-whatever").ok


def test_and_takes_the_worst_and_adds_conditions(policy) -> None:
    v = policy.evaluate("MIT AND CC-BY-NC-4.0")
    assert v.verdict == "forbidden" and not v.ok
    v = policy.evaluate("CC-BY-4.0 AND ODbL-1.0")
    assert v.verdict == "conditional"
    assert v.condition.split(", ").count("attribution") == 1 and "share-alike (database)" in v.condition
    v = policy.evaluate("MIT AND (CC-BY-NC-4.0 OR Apache-2.0)")
    assert v.verdict == "allowed"
    assert policy.evaluate("MIT AND LicenseRef-whatever").verdict == "unknown"


def test_with_exception(policy) -> None:
    v = policy.evaluate("GPL-2.0-only WITH Classpath-exception-2.0")
    assert v.verdict == "conditional" and "exception Classpath-exception-2.0" in v.condition
    custom = parse_policy('[licenses]\n"GPL-2.0-only" = "forbidden"\n'
                          '"GPL-2.0-only WITH Classpath-exception-2.0" = "allowed"\n')
    assert custom.evaluate("GPL-2.0-only WITH Classpath-exception-2.0").verdict == "allowed"
    assert custom.evaluate("GPL-2.0-only").verdict == "forbidden"


@pytest.mark.parametrize("expr", ["", None, "LicenseRef-not-in-policy", "MIT OR", "NOASSERTION"])
def test_unknown_and_missing_not_allowed(policy, expr) -> None:
    v = policy.evaluate(expr)
    assert v.verdict == "unknown" and not v.ok and v.reason


def test_authorisation_lifts_unknown_and_authorizable_only(policy) -> None:
    v = policy.evaluate("", ["AUTH-1"])
    assert v.ok and v.verdict == "unknown" and "AUTH-1" in v.reason
    assert policy.evaluate("LicenseRef-proprietary", ["CT-9"]).ok
    assert not policy.evaluate("CC-BY-NC-4.0", ["AUTH-1"]).ok


def test_exact_id_beats_pattern_and_longer_pattern_beats_shorter() -> None:
    p = parse_policy('[licenses]\n"CC-BY-*" = "allowed"\n"CC-BY-NC-*" = "forbidden"\n"CC-BY-NC-4.0" = "conditional"\n')
    assert p.evaluate("CC-BY-4.0").verdict == "allowed"
    assert p.evaluate("CC-BY-NC-3.0").verdict == "forbidden"
    assert p.evaluate("CC-BY-NC-4.0").verdict == "conditional"


@pytest.mark.parametrize("text,needle", [
    ('[licenses]\n"MIT" = "maybe"\n', "'MIT'"),
    ('[licenses]\n"MIT" = { verdict = "allowed", colour = "red" }\n', "colour"),
    ('version = "1"\n', "no [licenses]"),
    ('[licenses\n', "invalid TOML"),
])
def test_policy_errors_name_the_file_and_key(text: str, needle: str) -> None:
    with pytest.raises(LicensePolicyError) as exc:
        parse_policy(text, "my_policy.toml")
    assert "my_policy.toml" in str(exc.value) and needle in str(exc.value)


def test_effective_licence_document_wins() -> None:
    assert effective_license("MIT", "CC-BY-NC-4.0") == "MIT"
    assert effective_license("  ", "CC-BY-NC-4.0") == "CC-BY-NC-4.0"
    assert effective_license(None, None) == ""


def _batch(rows: list[tuple[str | None, str | None]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict({
        "doc_id": [f"d{i}" for i in range(len(rows))],
        "source_id": [r[0] for r in rows],
        "text": ["x"] * len(rows),
        "license": pa.array([r[1] for r in rows], pa.string()),
    })


def test_license_stage_columns_and_registry() -> None:
    stage = LicenseStage(registry=REGISTRY)
    stage.setup()
    out = stage.process(_batch([
        ("oss-mit", None),              # source licence MIT
        ("oss-nc", None),               # source licence NC
        ("oss-nc", "CC0-1.0"),          # document licence wins over the source's
        ("oss-mit", "CC-BY-NC-4.0"),    # ... in both directions
        ("oss-authorised", None),       # no licence but authorisation in registry
        ("oss-nolicence", None),        # no licence, nothing: blocked
        ("not-registered", None),
    ]))
    assert out.schema.names[-5:] == ["license_expr", "license_verdict", "license_condition", "license_ok",
                                     "license_reason"]
    assert out.column("license_ok").to_pylist() == [True, False, True, False, True, False, False]
    assert out.column("license_verdict").to_pylist() == ["allowed", "forbidden", "allowed", "forbidden", "unknown",
                                                         "unknown", "unknown"]
    assert out.column("license_expr").to_pylist()[:4] == ["MIT", "CC-BY-NC-4.0", "CC0-1.0", "CC-BY-NC-4.0"]
    reasons = out.column("license_reason").to_pylist()
    assert "AUTH-2024-007" in reasons[4]
    assert "oss-nolicence" in reasons[5] and "not in the registry" in reasons[6]
    assert stage.provenance()["license_policy_hash"]
    assert out.num_rows == 7


def test_web_collected_without_licence() -> None:
    batch = _batch([("web-news", None), ("web-news", "CC-BY-NC-4.0"), ("crawl-domain", None)])
    out = LicenseStage(registry=REGISTRY).process(batch)
    assert out.column("license_ok").to_pylist() == [True, False, True]
    assert out.column("license_verdict").to_pylist() == ["unknown", "forbidden", "unknown"]
    assert "§4.1.3 b" in out.column("license_reason").to_pylist()[0]
    strict = LicenseStage(registry=REGISTRY, web_without_license="block").process(batch)
    assert strict.column("license_ok").to_pylist() == [False, False, False]
    with pytest.raises(StageError):
        LicenseStage(web_without_license="sometimes")


def test_license_stage_bad_policy_is_stage_error(tmp_path) -> None:
    bad = tmp_path / "p.toml"
    bad.write_text('[licenses]\n"MIT" = "perhaps"\n', encoding="utf-8")
    with pytest.raises(StageError, match="p.toml"):
        LicenseStage(policy=str(bad)).setup()


def _many_open_sources(n: int):
    text = "".join(f'[[source]]\nid = "oss-{i:03d}"\nkind = "open_source"\nlanguages = ["en"]\n'
                   f'origin = "foreign"\nlicense = "{"MIT" if i % 3 else "CC-BY-NC-4.0"}"\n\n' for i in range(n))
    text += '[[source]]\nid = "web"\nkind = "self_collected"\nlanguages = ["en"]\norigin = "foreign"\n'
    return parse_registry(text, "mem.toml")


def test_open_source_sample_is_at_least_ten_percent_and_seeded() -> None:
    reg = _many_open_sources(23)
    a = sample_open_source(reg, seed=7)
    assert len(a) == 3  # ceil(2.3)
    assert all(r["source_id"].startswith("oss-") for r in a)
    assert a == sample_open_source(reg, seed=7)
    samples = {tuple(r["source_id"] for r in sample_open_source(reg, seed=s)) for s in range(10)}
    assert len(samples) > 1  # the seed matters
    for r in a:
        assert r["license_verdict"] == ("allowed" if r["license"] == "MIT" else "forbidden")
    assert len(sample_open_source(_many_open_sources(1), seed=0)) == 1
    assert len(sample_open_source(reg, seed=1, fraction=0.5)) == 12
    assert len(sample_open_source(REGISTRY, seed=1)) == 1  # 4 open-source sources in the fixture
