"""``robots`` stage: robots.txt in force at collection time, plus other opt-outs (§4.1.3 b).

For each document of a web-collected source (registry kind ``self_collected``
or ``domain``; ``apply_to = "all"`` checks every document) the stage finds the
robots.txt snapshot to judge by - the record's own ``robots_snapshot``
reference (a cache id ``host@time`` or a file path), else the cache snapshot
of the URL's host fetched nearest *before* the collection ``timestamp`` -
and checks the URL for every configured user agent; a disallow for any of
them counts.  ``X-Robots-Tag`` / robots meta / TDMRep opt-outs found in the
record's ``meta`` count too.  Without a snapshot the verdict is ``unknown``
and ``unknown_policy`` decides (default ``block``).
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from gensafe.provenance.optout import DEFAULT_DIRECTIVES, check_optouts
from gensafe.provenance.robots import (
    AI_USER_AGENTS,
    TDMREP_PATH,
    RobotsCache,
    RobotsError,
    RobotsTxt,
    Snapshot,
    _iso,
    host_of,
    parse_time,
    product_tokens,
    snapshot_from_file,
)
from gensafe.provenance.sources import UNREGISTERED, WEB_KINDS, open_registry, source_kind
from gensafe.stages.base import Stage, StageError, append_columns
from gensafe.stages.columns import broadcast, column_or_nulls, distinct_rows
_PARSER_CACHE_SIZE = 4096


def _meta_dict(value: Any) -> dict[str, Any]:
    if not value:
        return {}
    if isinstance(value, dict):
        return value
    try:
        out = orjson.loads(value)
    except orjson.JSONDecodeError:
        return {}
    return out if isinstance(out, dict) else {}


class RobotsStage(Stage):
    """Options: ``cache`` (folder/Parquet/JSONL), ``user_agents`` (list; default the AI
    crawlers), ``crawler_user_agent`` (your crawler's token, added), ``unknown_policy``
    (``block``|``allow``), ``registry`` (path), ``apply_to`` (``self_collected``|``all``),
    ``unregistered`` (``check``|``skip``), ``optout_directives`` (default noai, noimageai),
    ``snapshot_root`` (base folder of relative ``robots_snapshot`` paths),
    ``max_snapshot_age_days`` (an older snapshot counts as none; default no limit)."""

    name = "robots"
    USES_REGISTRY = True
    OPTIONS = ("registry", "cache", "user_agents", "crawler_user_agent", "unknown_policy", "apply_to",
               "unregistered", "optout_directives", "snapshot_root", "max_snapshot_age_days")
    COLUMNS = {"robots_verdict": pa.string(), "robots_rule": pa.string(), "robots_snapshot": pa.string(),
               "optout": pa.string(), "robots_ok": pa.bool_(), "robots_reason": pa.string()}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        agents = options.get("user_agents")
        if agents is None:
            agents = list(AI_USER_AGENTS)
        elif isinstance(agents, str):
            agents = [agents]
        own = options.get("crawler_user_agent")
        if own:
            agents = [own] + [a for a in agents if a != own]
        if not agents:
            raise StageError("robots: user_agents must be product tokens such as 'GPTBot'; got none")
        try:
            self.user_agents: list[str] = product_tokens(agents)
        except RobotsError as exc:
            raise StageError(f"robots: user_agents must be product tokens; {exc}") from None
        self.unknown_policy = options.get("unknown_policy", "block")
        if self.unknown_policy not in ("block", "allow"):
            raise StageError(f"robots: unknown_policy must be 'block' or 'allow', got {self.unknown_policy!r}")
        self.apply_to = options.get("apply_to", "self_collected")
        if self.apply_to not in ("self_collected", "all"):
            raise StageError(f"robots: apply_to must be 'self_collected' or 'all', got {self.apply_to!r}")
        self.unregistered = options.get("unregistered", "check")
        if self.unregistered not in ("check", "skip"):
            raise StageError(f"robots: unregistered must be 'check' or 'skip', got {self.unregistered!r}")
        self.directives = [str(d).lower() for d in options.get("optout_directives", DEFAULT_DIRECTIVES)]
        self.snapshot_root = options.get("snapshot_root")
        max_age = options.get("max_snapshot_age_days")
        if max_age is not None and (not isinstance(max_age, (int, float)) or max_age <= 0):
            raise StageError(f"robots: max_snapshot_age_days must be a positive number, got {max_age!r}")
        self.max_age = timedelta(days=max_age) if max_age else None
        self._cache: RobotsCache | None = None
        self._registry = None
        self._parsers: OrderedDict[str, RobotsTxt] = OrderedDict()
        self._files: dict[str, Snapshot | None] = {}
        # per-document work that repeats: the snapshot chosen for (host, collection time),
        # and each snapshot's parser and label; bounded, cleared when full
        self._chosen: dict[tuple[str, str], tuple[Snapshot | None, str, bytes | None]] = {}
        self._snap_parsed: dict[int, tuple[Snapshot, RobotsTxt, str]] = {}
        self._no_optout: Any = None
        self._counts = {"docs": 0, "checked": 0, "disallowed": 0, "unknown": 0, "optout": 0}
        self._ready = False

    def setup(self) -> None:
        if self._ready:
            return
        cache = self.options.get("cache")
        if cache:
            try:
                self._cache = RobotsCache.load(cache)
            except RobotsError as exc:
                raise StageError(str(exc)) from None
        self._registry = open_registry(self.options.get("registry"))
        # a record with no meta and a host without tdmrep.json carries no opt-out: computed once
        self._no_optout = check_optouts({}, None, self.user_agents, self.directives, None)
        self._ready = True

    def provenance(self) -> dict[str, str]:
        return {"robots_user_agents": ",".join(self.user_agents), "robots_unknown_policy": self.unknown_policy,
                "robots_cache": str(self.options.get("cache") or ""),
                "robots_optout_directives": ",".join(self.directives)}

    def stats(self) -> dict[str, float]:
        return dict(self._counts)

    # ------------------------------------------------------------------
    def _parser(self, snap: Snapshot) -> RobotsTxt:
        key = f"{snap.id}|{snap.file or ''}"
        hit = self._parsers.get(key)
        if hit is None:
            body = snap.read()
            # identical files (CMS defaults, one operator's many hosts) share one parser
            ckey = f"{snap.status}|{hashlib.sha1(body).hexdigest() if body is not None else '-'}"
            hit = self._parsers.get(ckey)
            if hit is None:
                hit = RobotsTxt.parse(body, snap.status)
                self._parsers[ckey] = hit
            self._parsers[key] = hit
            if len(self._parsers) > _PARSER_CACHE_SIZE:
                self._parsers.popitem(last=False)
        else:
            self._parsers.move_to_end(key)
        return hit

    def _file_snapshot(self, ref: str, input_file: str | None) -> Snapshot | None:
        candidates = [Path(ref)]
        if self.snapshot_root:
            candidates.insert(0, Path(self.snapshot_root) / ref)
        if input_file:
            candidates.append(Path(input_file).parent / ref)
        for c in candidates:
            key = str(c)
            if key not in self._files:
                self._files[key] = snapshot_from_file(c) if c.is_file() else None
            if self._files[key] is not None:
                return self._files[key]
        return None

    def _lookup(self, url: str | None, ts: str | None, ref: str | None,
                input_file: str | None) -> tuple[Snapshot | None, str, bytes | None]:
        """(robots snapshot or None, why not, tdmrep.json body in force or None) of one document.

        Without a ``robots_snapshot`` reference the answer depends only on the
        URL's host and the collection time, so it is cached per (host, time).
        """
        host = host_of(url)
        if ref:
            snap, why = self._snapshot_by_ref(ref, input_file)
            return snap, why, self._tdm_body(host, ts)
        if host is None:
            return None, "no http(s) source URL", None
        key = (host, ts if isinstance(ts, str) else repr(ts))
        hit = self._chosen.get(key)
        if hit is None:
            snap, why = self._snapshot_by_time(host, ts)
            hit = (snap, why, self._tdm_body(host, ts))
            if len(self._chosen) >= 65536:
                self._chosen.clear()
            self._chosen[key] = hit
        return hit

    def _snapshot_by_ref(self, ref: str, input_file: str | None) -> tuple[Snapshot | None, str]:
        snap = self._cache.by_id(ref) if self._cache is not None else None
        if snap is None:
            try:
                snap = self._file_snapshot(ref, input_file)
            except RobotsError as exc:
                return None, str(exc)
        return (snap, "") if snap is not None else (None, f"robots snapshot {ref!r} not found")

    def _snapshot_by_time(self, host: str, ts: str | None) -> tuple[Snapshot | None, str]:
        when = parse_time(ts)
        if when is None:
            return None, "no parseable collection timestamp" + (f" ({ts!r})" if ts else "")
        if self._cache is None:
            return None, "no robots cache configured and no robots_snapshot reference"
        snap = self._cache.select(host, when)
        if snap is None:
            first = self._cache.earliest(host)
            later = f"; earliest snapshot is {_iso(first.fetched_at)}" if first and first.fetched_at else ""
            return None, f"no robots.txt snapshot of {host} at or before {_iso(when)}{later}"
        if self.max_age is not None and snap.fetched_at is not None and when - snap.fetched_at > self.max_age:
            return None, (f"latest robots.txt snapshot of {host} before {_iso(when)} is from "
                          f"{_iso(snap.fetched_at)}, older than max_snapshot_age_days")
        return snap, ""

    def _tdm_body(self, host: str | None, ts: str | None) -> bytes | None:
        if self._cache is None or not host:
            return None
        when = parse_time(ts)
        if not when:
            return None
        tsnap = self._cache.select(host, when, TDMREP_PATH)
        if tsnap is not None and tsnap.status and 200 <= tsnap.status < 300:
            return tsnap.read()
        return None

    def _parsed(self, snap: Snapshot) -> tuple[RobotsTxt, str]:
        """A snapshot's parser and its label, worked out once per snapshot."""
        hit = self._snap_parsed.get(id(snap))
        if hit is None or hit[0] is not snap:
            label = snap.id if snap.file is None or snap.fetched_at else snap.file
            hit = (snap, self._parser(snap), label)
            if len(self._snap_parsed) >= _PARSER_CACHE_SIZE:
                self._snap_parsed.clear()
            self._snap_parsed[id(snap)] = hit
        return hit[1], hit[2]

    def check(self, url: str | None, ts: str | None, meta: dict[str, Any], ref: str | None = None,
              input_file: str | None = None) -> tuple[str, str, str, str, bool, str]:
        """(verdict, rule, snapshot, optout, ok, reason) of one web-collected document."""
        self.setup()
        snap, why, tdm_body = self._lookup(url, ts, ref, input_file)
        if meta or tdm_body is not None:
            opt = check_optouts(meta, url, self.user_agents, self.directives, tdm_body)
        else:
            opt = self._no_optout
        if snap is None:
            verdict, rule, snap_label = "unknown", "", ""
            ok = self.unknown_policy == "allow"
            reason = f"robots unknown: {why} (unknown_policy={self.unknown_policy})"
        else:
            parser, snap_label = self._parsed(snap)
            d = parser.decide_any(url or "", self.user_agents)
            verdict, rule = ("allowed" if d.allowed else "disallowed"), d.rule
            ok = d.allowed
            if d.allowed:
                reason = f"robots.txt {snap_label} allows {', '.join(self.user_agents)}" + (f" ({d.rule})" if d.rule else "")
            else:
                reason = f"robots.txt {snap_label} disallows {d.agent}: {d.rule}"
        if opt.labels:
            ok = False
            reason = f"opt-out ({opt.label}): {opt.detail}; {reason}"
        return verdict, rule, snap_label, opt.label, ok, reason

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        self.setup()
        # applicability depends on the source alone: decided once per distinct source
        sources, idx = distinct_rows(column_or_nulls(batch, "source_id"))
        not_applicable: list[tuple[str, str, str, str, bool, str] | None] = []
        for (sid,) in sources:
            kind = source_kind(self._registry, sid)
            applicable = (self.apply_to == "all" or kind in WEB_KINDS
                          or (kind == UNREGISTERED and self.unregistered == "check"))
            not_applicable.append(None if applicable else
                                  ("not_applicable", "", "", "none", True,
                                   f"source kind {kind}: robots check not applicable"))
        cols: dict[str, list[Any]] = {}
        if any(r is None for r in not_applicable):
            cols = {name: column_or_nulls(batch, name).to_pylist()
                    for name in ("url", "timestamp", "meta", "robots_snapshot", "input_file")}

        def per_document(i: int, j: int) -> tuple[Any, ...]:
            meta = _meta_dict(cols["meta"][i])
            ref = cols["robots_snapshot"][i] or meta.get("robots_snapshot")
            row = self.check(cols["url"][i], cols["timestamp"][i], meta, str(ref) if ref else None,
                             cols["input_file"][i])
            self._counts["checked"] += 1
            self._counts["disallowed"] += row[0] == "disallowed"
            self._counts["unknown"] += row[0] == "unknown"
            self._counts["optout"] += row[3] != "none"
            return row

        self._counts["docs"] += batch.num_rows
        return append_columns(batch, broadcast(not_applicable, idx, self.COLUMNS, per_document))
