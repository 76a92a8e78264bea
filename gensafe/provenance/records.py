"""Collection, contract and authorisation records (§4.1.3 b-d, B.2.1.1.3 c).

* Web-collected documents (registry kind ``self_collected`` or ``domain``)
  must carry their source URL and a parseable ISO 8601 collection timestamp
  that is not in the future.
* A ``commercial`` source must reference at least one contract and the
  counterparty's commitments in the registry.
* A ``user_input`` source must reference authorisation records.

``sample_self_collected`` draws the auditor's sample of B.2.1.1.3 c): at
least 1,000 self-collected items with their record verdicts, 100 of which
also with their opt-out (robots) verdicts.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from gensafe.provenance.robots import host_of, parse_time
from gensafe.provenance.sources import UNREGISTERED, WEB_KINDS, SourceInfo, source_kind


@dataclass(frozen=True)
class RecordVerdict:
    ok: bool
    reason: str
    kind: str


def check_source(info: SourceInfo | None, source_id: str | None) -> RecordVerdict | None:
    """Registry-level records of a commercial / user-input source; None when the kind needs none."""
    if info is None:
        return None
    if info.kind == "commercial":
        missing = [name for name, refs in (("contract", info.contracts), ("commitments", info.commitments)) if not refs]
        if missing:
            return RecordVerdict(False, f"commercial source {source_id!r} has no {' and no '.join(missing)} "
                                        f"reference in the registry (§4.1.3 c)", info.kind)
        return RecordVerdict(True, f"contract {', '.join(info.contracts)}; commitments {', '.join(info.commitments)}",
                             info.kind)
    if info.kind == "user_input":
        refs = list(info.authorizations) + list(info.consent)
        if not refs:
            return RecordVerdict(False, f"user-input source {source_id!r} has no authorisation records "
                                        f"('authorizations' or 'consent') in the registry (§4.1.3 d)", info.kind)
        return RecordVerdict(True, f"user authorisation {', '.join(refs)}", info.kind)
    return None


def check_collection(url: str | None, timestamp: str | None, now: datetime | None = None) -> tuple[bool, str]:
    """A web-collected document's own record: source URL and collection time."""
    problems = []
    if not url or not str(url).strip():
        problems.append("missing source URL")
    elif host_of(str(url)) is None:
        problems.append(f"source URL {str(url)[:200]!r} is not an http(s) URL")
    if timestamp is None or not str(timestamp).strip():
        problems.append("missing collection timestamp")
    else:
        when = parse_time(timestamp)
        if when is None:
            problems.append(f"unparseable collection timestamp {str(timestamp)[:64]!r} (ISO 8601 expected)")
        elif when > (now or datetime.now(timezone.utc)):
            problems.append(f"collection timestamp {str(timestamp)!r} is in the future")
    if problems:
        return False, "; ".join(problems)
    return True, "source URL and collection timestamp present"


def check_record(kind: str, info: SourceInfo | None, source_id: str | None, url: str | None,
                 timestamp: str | None, unregistered: str = "self_collected",
                 now: datetime | None = None) -> RecordVerdict:
    """The record verdict of one document, given its source's registry kind."""
    if kind == UNREGISTERED:
        if unregistered == "block":
            return RecordVerdict(False, f"source {source_id!r} is not in the source registry", kind)
        if unregistered == "allow":
            return RecordVerdict(True, f"source {source_id!r} is not in the registry (unregistered=allow)", kind)
    src = check_source(info, source_id)
    if src is not None:
        return src
    if kind in WEB_KINDS or kind == UNREGISTERED:
        ok, reason = check_collection(url, timestamp, now)
        if kind == UNREGISTERED:
            reason = f"{reason} (source {source_id!r} not in the registry: checked as self-collected)"
        return RecordVerdict(ok, reason, kind)
    return RecordVerdict(True, f"source kind {kind}: no collection record required", kind)


def _rows(table: Any) -> list[dict[str, Any]]:
    if hasattr(table, "to_pylist"):
        return table.to_pylist()
    if hasattr(table, "fetch_arrow_table"):  # a DuckDB relation
        return table.fetch_arrow_table().to_pylist()
    return [dict(r) for r in table]


def sample_self_collected(table: Any, seed: int, n_records: int = 1000, n_optout: int = 100,
                          registry: Any = None,
                          optout_check: Callable[[dict[str, Any]], dict[str, Any]] | None = None
                          ) -> dict[str, Any]:
    """B.2.1.1.3 c): a seeded sample of ``n_records`` self-collected items with record
    verdicts, and ``n_optout`` of them with opt-out verdicts.

    ``table`` is an Arrow table, a DuckDB relation or a list of dicts with at
    least ``doc_id, source_id, url, timestamp``.  Self-collected rows are those
    whose ``source_kind`` column (from the records stage) or registry kind is
    web-collected (all rows if neither is known).  Opt-out verdicts come from
    the row's ``robots_*``/``optout`` columns when present, else from
    ``optout_check(row)`` (e.g. ``RobotsStage.check``).  Rows are ordered by
    ``doc_id`` before sampling, so the sample depends only on content and seed.
    """
    from gensafe.provenance.sources import open_registry

    reg = open_registry(registry)
    rows = _rows(table)

    def kind_of(r: dict[str, Any]) -> str:
        if r.get("source_kind"):
            return str(r["source_kind"])
        return source_kind(reg, r.get("source_id")) if reg is not None else "self_collected"

    population = sorted((r for r in rows if kind_of(r) in WEB_KINDS), key=lambda r: str(r.get("doc_id")))
    rng = random.Random(seed)
    k = min(n_records, len(population))
    sample = rng.sample(population, k)
    records = []
    for r in sample:
        info = reg.get(r.get("source_id")) if reg is not None else None
        v = check_record(kind_of(r), info, r.get("source_id"), r.get("url"), r.get("timestamp"))
        records.append({"doc_id": r.get("doc_id"), "source_id": r.get("source_id"), "url": r.get("url"),
                        "timestamp": r.get("timestamp"), "record_ok": v.ok, "record_reason": v.reason,
                        "stored_record_ok": r.get("record_ok")})
    optout_rows = []
    for r in rng.sample(sample, min(n_optout, len(sample))):
        if "robots_verdict" in r and r.get("robots_verdict") is not None:
            res = {"robots_verdict": r.get("robots_verdict"), "robots_rule": r.get("robots_rule"),
                   "robots_snapshot": r.get("robots_snapshot"), "optout": r.get("optout"),
                   "robots_ok": r.get("robots_ok"), "robots_reason": r.get("robots_reason")}
        elif optout_check is not None:
            res = optout_check(r)
        else:
            raise ValueError("sample_self_collected: rows have no robots_* columns; pass optout_check")
        optout_rows.append({"doc_id": r.get("doc_id"), "url": r.get("url"), **res})
    return {"seed": seed, "population": len(population), "n_records": k, "n_optout": len(optout_rows),
            "shortfall": max(0, n_records - k), "records": records, "optout": optout_rows}


def robots_optout_check(stage: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """An ``optout_check`` for :func:`sample_self_collected` backed by a RobotsStage."""
    import orjson

    stage.setup()

    def check(r: dict[str, Any]) -> dict[str, Any]:
        meta = r.get("meta")
        meta = orjson.loads(meta) if isinstance(meta, (str, bytes)) and meta else (meta or {})
        v = stage.check(r.get("url"), r.get("timestamp"), meta if isinstance(meta, dict) else {},
                        r.get("robots_snapshot") or None, r.get("input_file"))
        return dict(zip(("robots_verdict", "robots_rule", "robots_snapshot", "optout", "robots_ok", "robots_reason"), v))

    return check

