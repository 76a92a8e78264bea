"""robots.txt as in force when a document was collected (RFC 9309, §4.1.3 b).

The path matching itself (``*`` and ``$`` wildcards, percent-encoding
normalisation) is done by protego.  Grouping, user-agent selection, the
HTTP-status rules and the size limit are done here, because protego deviates
from RFC 9309 there (each deviation has a test in ``tests/provenance/test_robots.py``):

* protego ends a group at any non-user-agent line, including unknown lines
  (``Crawl-delay``, typos); RFC 9309 §2.1 / Google keep the group open, so
  ``User-agent: a`` / ``Foo: x`` / ``User-agent: b`` / ``Disallow: /`` binds a;
* protego keys groups by the whole user-agent value (``Foo Bar``); RFC 9309
  §2.2.1 matches the product token, which is ``[A-Za-z_-]+``, so a group
  ``User-agent: Foo Bar`` applies to ``Foo``;
* protego applies a group whose token is a *prefix* of the crawler token
  (``Googlebot`` to ``Googlebot-News``, ``Google`` to ``Google-Extended``);
  RFC 9309 asks for a case-insensitive match of the product token, so only
  the exact token's group (else ``*``) applies;
* protego does not skip a UTF-8 byte order mark (full or partial);
* protego has no size limit; we parse the first 500 KiB (RFC 9309 §2.5) and
  drop a line cut by the limit;
* protego has no notion of HTTP status: 4xx → all allowed, 5xx / 429 /
  unreachable → all disallowed (RFC 9309 §2.3.1.3-4);
* protego keeps ``%2F`` apart from ``/``; RFC 9309 §2.2.2 compares reserved
  characters percent-encoded on both sides, so they are made equal first;
* protego exempts any URL whose path is ``/robots.txt`` (query or not) and reads
  a pattern ``http://…`` as a path; we exempt only the URI ``/robots.txt`` and
  let such a pattern match nothing, as RFC 9309 and Google do.

Where RFC 9309 is silent we read the file as Google's reference parser does
(directive names by prefix and with its typo list, ``disallow /`` without a
colon, ``index.htm`` allowing its directory, 2083 × 8 − 1 byte lines, URLs
without a scheme).  docs/provenance.md lists where we differ from Google.

A decision also names the rule that decided it (``GPTBot: Disallow: /x``):
rules are tried most specific first (longest pattern in octets, ``allow``
first on a tie) and the first one protego says matches wins.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator
from urllib.parse import quote, unquote_to_bytes, urlsplit

from protego import Protego

MAX_BYTES = 500 * 1024
MAX_LINE_BYTES = 2083 * 8 - 1
ROBOTS_PATH = "/robots.txt"
TDMREP_PATH = "/.well-known/tdmrep.json"

#: the collecting crawler's token is added to these by configuration
AI_USER_AGENTS = (
    "GPTBot", "ChatGPT-User", "CCBot", "Google-Extended", "ClaudeBot", "anthropic-ai", "Claude-Web",
    "Bytespider", "PerplexityBot", "Applebot-Extended", "meta-externalagent", "FacebookBot",
    "cohere-ai", "Amazonbot", "omgili", "omgilibot", "Diffbot", "ImagesiftBot", "YouBot", "Timpibot",
)

_UA_KEYS = ("user-agent", "useragent", "user agent")
_DISALLOW_KEYS = ("disallow", "dissallow", "dissalow", "disalow", "diasllow", "disallaw")
_ALLOW_KEYS = ("allow",)
_TOKEN_RE = re.compile(r"[A-Za-z_-]+")
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
_PRINTABLE = "".join(chr(c) for c in range(33, 127))
_PCT_UNRESERVED = re.compile(r"%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DEde]|5[Ff]|7[Ee])")


class RobotsError(Exception):
    """A user-facing error reading a robots file or cache."""


@functools.lru_cache(maxsize=4096)
def product_token(user_agent: str) -> str:
    """The RFC 9309 product token a crawler name stands for (``GPTBot/1.1 (+https://…)`` → ``GPTBot``).

    A name that is not a token, optionally followed by ``/version``, has none (``""``):
    ``Foo Bar`` must not pick the group ``User-agent: Foo`` (Google's reference parser
    compares the crawler's name whole), so it is left to the ``*`` group."""
    ua = user_agent.strip()
    if ua == "*":
        return "*"
    m = _TOKEN_RE.match(ua)
    if not m or (m.end() < len(ua) and ua[m.end()] != "/"):
        return ""
    return m.group(0)


def _line_token(value: str) -> str:
    """The token a ``User-agent:`` line names: the value up to its first character outside
    ``[A-Za-z_-]`` (``Googlebot/2.1`` and ``Googlebot Images`` → ``Googlebot``), or ``*``
    when the value is ``*`` alone or followed by a space (Google's reading)."""
    if value.startswith("*") and (len(value) == 1 or value[1].isspace()):
        return "*"
    m = _TOKEN_RE.match(value)
    return m.group(0) if m else ""


def product_tokens(user_agents: Iterable[str]) -> list[str]:
    """The product tokens of crawler names, refusing a name that has none (or is ``*``):
    such a name would silently be checked against the ``*`` group only."""
    agents = [str(a) for a in user_agents]
    bad = [a for a in agents if product_token(a) in ("", "*")]
    if bad:
        raise RobotsError(f"not a product token: {', '.join(repr(a) for a in bad)} (a user agent is letters, "
                          f"'-' and '_', optionally followed by '/version', e.g. GPTBot or GPTBot/1.1)")
    return [product_token(a) for a in agents]


def is_product_token(name: str) -> bool:
    """RFC 9309 §2.2.1: a product token is one or more of ``[A-Za-z_-]``, nothing else."""
    return bool(name) and _TOKEN_RE.fullmatch(name) is not None


def _octets(pattern: str) -> int:
    """Length of a rule pattern in octets after percent-encoding normalisation."""
    s = _PCT_UNRESERVED.sub("_", pattern)  # an escaped unreserved character is one octet
    return len(quote(s, safe=_PRINTABLE))


@dataclass(frozen=True)
class RobotsRule:
    agent: str
    kind: str  # "allow" | "disallow"
    value: str
    line: int
    priority: int
    #: a URL the rule matches has a decoded path starting with this (prefilter)
    prefix: bytes = b""
    #: the pattern matched, when not ``value`` itself (the ``index.htm`` → ``/`` extension)
    match: str = ""

    @property
    def pattern(self) -> str:
        return _unescape_slash(self.match or self.value)

    def __str__(self) -> str:
        return f"{self.agent}: {self.kind.capitalize()}: {self.value}"


@dataclass(frozen=True)
class RobotsDecision:
    """Allowed or not, and the rule (or HTTP status) that decided it."""

    allowed: bool
    rule: str
    agent: str
    line: int | None = None


def request_path(url: str) -> str:
    """Path, params and query of a URL, the part rules match (always starts with ``/``).

    Scheme, authority and fragment are dropped.  A URL without a scheme is read as
    Google's reference parser reads it: ``example.com/a`` → ``/a``, ``a`` → ``/``,
    ``//host/a`` → ``/a``, ``/a`` → ``/a``, ``example.com?q`` → ``/?q``."""
    start = 2 if url.startswith("//") else 0
    early = _first_of(url, "/?;", start)
    scheme_end = url.find("://", start)
    if scheme_end < 0 or (early >= 0 and early < scheme_end):
        scheme_end = start
    else:
        scheme_end += 3
    begin = _first_of(url, "/?;", scheme_end)
    if begin < 0:
        return "/"
    hash_pos = url.find("#", start)
    if 0 <= hash_pos < begin:
        return "/"
    path = url[begin:hash_pos] if hash_pos >= 0 else url[begin:]
    return path if path.startswith("/") else "/" + path


def _first_of(s: str, chars: str, start: int) -> int:
    hits = [i for i in (s.find(c, start) for c in chars) if i >= 0]
    return min(hits) if hits else -1


_PCT_SLASH = re.compile(r"%2[Ff]")
_DOLLAR = re.compile(r"\$|%24")
_RAW_BYTE = re.compile("[\udc80-\udcff]")


def _unescape_slash(s: str) -> str:
    """RFC 9309 §2.2.2 compares reserved characters percent-encoded on both sides, so
    ``%2F`` and ``/`` are the same octet; protego keeps them apart, so they are made
    equal before it sees either side."""
    return _PCT_SLASH.sub("/", s) if "%" in s else s


def _literal_prefix(value: str) -> bytes:
    """Decoded literal start of a pattern (before any ``*``): a URL it matches starts with it."""
    lit = value.split("*", 1)[0]
    if lit.endswith("$") and "*" not in value:
        lit = lit[:-1]
    return unquote_to_bytes(lit)


class _Matcher:
    """Does one rule pattern match a request path?  Asked of protego with a one-rule file.

    Pattern and path both get a leading ``/m``: protego would otherwise never match
    anything against ``/robots.txt?…`` (it exempts the path, we exempt only the exact
    URI), and would read a pattern ``http://…`` as a path, which RFC 9309 does not."""

    __slots__ = ("_parser", "_dollar_blank")

    def __init__(self, rule: RobotsRule) -> None:
        pattern = rule.pattern
        self._parser = Protego.parse(f"User-agent: m\nDisallow: /m{pattern}\n")
        # protego also reads an anchored "/p$" as the literal prefix "/p%24", so "/p$x" would
        # match; where the pattern has no other '$', a '$' in the path is blanked out first
        # (to an escape the pattern doesn't contain: only a '*' could have matched it)
        self._dollar_blank = ""
        body = pattern[:-1].upper()
        if pattern.endswith("$") and "$" not in body and "%24" not in body:
            self._dollar_blank = next(e for e in ("%00", "%01", "%02", "%03") if e not in body)

    def matches(self, path: str) -> bool:
        if self._dollar_blank and ("$" in path or "%24" in path.upper()):
            path = _DOLLAR.sub(self._dollar_blank, path)
        return not self._parser.can_fetch("http://h/m" + path, "m")


def _decode(body: bytes | str) -> tuple[str, bool]:
    truncated = False
    if isinstance(body, str):
        raw = body.encode("utf-8", "surrogatepass")
    else:
        raw = bytes(body)
    if len(raw) > MAX_BYTES:
        raw = raw[:MAX_BYTES]
        cut = max(raw.rfind(b"\n"), raw.rfind(b"\r"))
        raw = raw[: cut + 1] if cut >= 0 else b""
        truncated = True
    for bom in (b"\xef\xbb\xbf", b"\xef\xbb", b"\xef"):
        if raw.startswith(bom):
            raw = raw[len(bom):]
            break
    # bytes that aren't UTF-8 survive as lone surrogates and become %XX in rule values
    # (RFC 9309 §2.2.2 lets implementors bridge such files; Google escapes each byte)
    return raw.decode("utf-8", "surrogateescape"), truncated


def _split_directive(line: str) -> tuple[str, str] | None:
    """``key: value`` of a comment-free, stripped line, else None (the line is skipped).

    Google accepts whitespace for a missing colon when the line is exactly two words
    (``disallow /``); anything else without a colon is not a record."""
    if ":" in line:
        key, value = line.split(":", 1)
    else:
        words = line.split()
        if len(words) != 2:
            return None
        key, value = words
    key = key.strip().lower()
    return (key, value.strip()) if key else None


def _kind(key: str) -> str | None:
    """Which record a key names, read as Google does: by prefix, with common typos
    (``User-agents``, ``Disalow``, ``Disallowed``), which RFC 9309 §2.2.4 leaves open."""
    if key.startswith(_UA_KEYS):
        return "user-agent"
    if key.startswith(_ALLOW_KEYS):
        return "allow"
    if key.startswith(_DISALLOW_KEYS):
        return "disallow"
    return None


@dataclass
class RobotsTxt:
    """A parsed robots.txt with the HTTP status it was fetched with."""

    status: int | None = 200
    groups: dict[str, list[RobotsRule]] = field(default_factory=dict)
    truncated: bool = False
    _matchers: dict[RobotsRule, _Matcher] = field(default_factory=dict, repr=False)

    @classmethod
    def parse(cls, body: bytes | str | None, status: int | None = 200) -> "RobotsTxt":
        """Parse a body fetched with ``status`` (None = unreachable)."""
        self = cls(status=status)
        if body is None or not self._parsed_status:
            return self
        text, self.truncated = _decode(body)
        spelling: dict[str, str] = {}
        current: list[str] = []
        in_rules = False
        for lineno, raw in enumerate(_LINE_SPLIT.split(text), 1):
            if len(raw) > MAX_LINE_BYTES // 4 and len(raw.encode("utf-8", "surrogateescape")) > MAX_LINE_BYTES:
                # Google's parser keeps the first 2083 * 8 - 1 bytes of a line
                raw = raw.encode("utf-8", "surrogateescape")[:MAX_LINE_BYTES].decode("utf-8", "ignore")
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            kv = _split_directive(line)
            if kv is None:
                continue
            key, value = kv
            kind = _kind(key)
            if kind == "user-agent":
                if in_rules:
                    current, in_rules = [], False
                token = _line_token(value)
                if token:
                    low = token.lower()
                    spelling.setdefault(low, token)
                    # a group with no rules still exists: its agent must not fall back to '*'
                    self.groups.setdefault(low, [])
                    if low not in current:
                        current.append(low)
                continue
            if kind is not None:
                if not current:
                    continue  # a rule outside any group is ignored
                in_rules = True
                if not value:
                    continue  # "Disallow:" with no path disallows nothing
                if not value.isascii():
                    value = _RAW_BYTE.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", value)
                made = [(value, "")]
                slash = value.rfind("/")
                if kind == "allow" and slash >= 0 and value.startswith("/index.htm", slash):
                    # Google: allowing /d/index.htm[l] allows /d/ too (as its own, shorter rule)
                    made.append((value, value[: slash + 1] + "$"))
                for shown, match in made:
                    pattern = _unescape_slash(match or shown)
                    prio, prefix = _octets(pattern), _literal_prefix(pattern)
                    for low in current:
                        self.groups.setdefault(low, []).append(
                            RobotsRule(spelling[low], kind, shown, lineno, prio, prefix, match))
            # other lines (sitemap, crawl-delay, unknown) neither end nor start a group
        for rules in self.groups.values():
            rules.sort(key=lambda r: (-r.priority, r.kind != "allow", r.line))
        return self

    @property
    def _parsed_status(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def _status_decision(self, agent: str) -> RobotsDecision | None:
        s = self.status
        if s is None or s <= 0:
            return RobotsDecision(False, "robots.txt unreachable: all disallowed", agent)
        if s == 429 or s >= 500:
            return RobotsDecision(False, f"HTTP {s} for robots.txt: all disallowed", agent)
        if 300 <= s < 500:
            return RobotsDecision(True, f"HTTP {s} for robots.txt (unavailable): all allowed", agent)
        if s < 200:
            return RobotsDecision(False, f"HTTP {s} for robots.txt: all disallowed", agent)
        return None

    def group_for(self, user_agent: str) -> tuple[str, list[RobotsRule] | None]:
        """The (merged) group that applies: the exact product token's, else ``*``'s."""
        token = product_token(user_agent).lower()
        key = token if token and token != "*" and token in self.groups else "*"
        return key, self.groups.get(key)

    def decide(self, url: str, user_agent: str) -> RobotsDecision:
        """May ``user_agent`` fetch ``url`` under this robots.txt?"""
        agent = product_token(user_agent) or user_agent
        status = self._status_decision(agent)
        if status is not None:
            return status
        path = request_path(url)
        if path == ROBOTS_PATH:
            return RobotsDecision(True, "/robots.txt is always allowed", agent)
        _, rules = self.group_for(user_agent)
        return self._decide_rules(path, rules, agent)

    def _decide_rules(self, path: str, rules: list[RobotsRule] | None, agent: str) -> RobotsDecision:
        if not rules:
            return RobotsDecision(True, "", agent)
        path = _unescape_slash(path)
        decoded = unquote_to_bytes(path)  # fully decoded, for the literal-prefix prefilter
        for rule in rules:
            if not decoded.startswith(rule.prefix):
                continue
            matcher = self._matchers.get(rule)
            if matcher is None:
                matcher = self._matchers[rule] = _Matcher(rule)
            if matcher.matches(path):
                return RobotsDecision(rule.kind == "allow", str(rule), agent, rule.line)
        return RobotsDecision(True, "", agent)

    def decide_any(self, url: str, user_agents: Iterable[str]) -> RobotsDecision:
        """Disallowed when any configured user agent is disallowed (first one reported).

        Agents that fall to the same group share one evaluation."""
        first: RobotsDecision | None = None
        seen: dict[str, RobotsDecision] = {}
        path = request_path(url)
        for ua in user_agents:
            agent = product_token(ua) or ua
            if self._status_decision(agent) is not None or path == ROBOTS_PATH:
                d = self.decide(url, ua)
            else:
                key, rules = self.group_for(ua)
                hit = seen.get(key)
                if hit is None:
                    hit = seen[key] = self._decide_rules(path, rules, agent)
                d = hit if hit.agent == agent else RobotsDecision(hit.allowed, hit.rule, agent, hit.line)
            if not d.allowed:
                return d
            if first is None or (not first.rule and d.rule):
                first = d
        return first or RobotsDecision(True, "", "")


# ---------------------------------------------------------------- snapshots
def parse_time(value: Any) -> datetime | None:
    """An aware UTC datetime from ISO 8601 text (extended or basic format), a datetime
    or a pandas Timestamp; None if unparseable.  Naive times are taken as UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        return _parse_time_text(str(value).strip())
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


@functools.lru_cache(maxsize=65536)
def _parse_time_text(s: str) -> datetime | None:
    if not s:
        return None
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def host_of(url: str | None) -> str | None:
    """Lower-cased host (with a non-default port) of an http(s) URL, else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if not host or parts.scheme.lower() not in ("http", "https"):
        return None
    if port and not ((parts.scheme.lower() == "http" and port == 80) or (parts.scheme.lower() == "https" and port == 443)):
        return f"{host}:{port}"
    return host


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Snapshot:
    """One fetch of robots.txt (or tdmrep.json) of a host."""

    host: str
    fetched_at: datetime | None
    status: int | None
    body: bytes | None = None
    path: str = ROBOTS_PATH
    file: str | None = None  # body read lazily from here

    @property
    def id(self) -> str:
        return f"{self.host}@{_iso(self.fetched_at)}" if self.fetched_at else (self.file or self.host)

    def read(self) -> bytes | None:
        if self.body is None and self.file is not None:
            try:
                self.body = Path(self.file).read_bytes()
            except OSError as exc:
                raise RobotsError(f"{self.file}: cannot read robots snapshot ({exc.strerror})") from None
        return self.body


_NAME_RE = re.compile(r"^(?P<stamp>[0-9TZ:+\-.]+?)(?:_(?P<status>\d{1,3}))?\.(?:txt|json)$")


def _status(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        s = int(value)
    except (TypeError, ValueError):
        return None
    return s if s > 0 else None


class RobotsCache:
    """Snapshots by (host, path), sorted by fetch time, for "nearest before" lookups.

    Layouts accepted (see docs/provenance.md):
    * a folder ``<host>/<YYYYmmddTHHMMSSZ>[_<status>].txt`` (robots.txt) and
      ``<host>/tdmrep/<stamp>[_<status>].json`` (tdmrep.json);
    * Parquet or JSONL tables (a file, or any inside the folder) with columns
      ``host, fetched_at, status, body`` and optionally ``path``.
    """

    def __init__(self, snapshots: Iterable[Snapshot] = ()) -> None:
        self._by_key: dict[tuple[str, str], list[Snapshot]] = {}
        self._by_id: dict[str, Snapshot] = {}
        for s in snapshots:
            self.add(s)
        self._sorted = False

    def add(self, snap: Snapshot) -> None:
        self._by_key.setdefault((snap.host.lower(), snap.path), []).append(snap)
        if snap.path == ROBOTS_PATH:
            self._by_id[snap.id] = snap
        self._sorted = False

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_key.values())

    def _sort(self) -> None:
        if not self._sorted:
            self._index: dict[tuple[str, str], tuple[list[datetime], list[Snapshot]]] = {}
            for key, v in self._by_key.items():
                timed = sorted((s for s in v if s.fetched_at is not None), key=lambda s: s.fetched_at)
                self._index[key] = ([s.fetched_at for s in timed], timed)
            self._sorted = True

    def select(self, host: str, when: datetime, path: str = ROBOTS_PATH) -> Snapshot | None:
        """The latest snapshot of ``host`` fetched at or before ``when``."""
        self._sort()
        times, snaps = self._index.get((host.lower(), path), ((), ()))
        i = bisect.bisect_right(times, when)
        return snaps[i - 1] if i else None

    def earliest(self, host: str, path: str = ROBOTS_PATH) -> Snapshot | None:
        self._sort()
        _, snaps = self._index.get((host.lower(), path), ((), ()))
        return snaps[0] if snaps else None

    def by_id(self, snap_id: str) -> Snapshot | None:
        return self._by_id.get(snap_id)

    # -- loading -------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path) -> "RobotsCache":
        p = Path(path)
        if not p.exists():
            raise RobotsError(f"{p}: robots cache not found")
        cache = cls()
        if p.is_file():
            for s in _read_table(p):
                cache.add(s)
            return cache
        for f in sorted(p.rglob("*")):
            if not f.is_file():
                continue
            if f.suffix in (".parquet", ".jsonl"):
                for s in _read_table(f):
                    cache.add(s)
                continue
            rel = f.relative_to(p).parts
            m = _NAME_RE.match(f.name)
            if not m or len(rel) not in (2, 3) or (len(rel) == 3 and rel[1] != "tdmrep"):
                continue
            when = parse_time(m.group("stamp"))
            if when is None:
                raise RobotsError(f"{f}: cannot read the fetch time from the file name "
                                  f"(expected <YYYYmmddTHHMMSSZ>[_<status>].txt)")
            status = int(m.group("status")) if m.group("status") else 200
            cache.add(Snapshot(rel[0].lower(), when, status or None,
                               path=TDMREP_PATH if len(rel) == 3 else ROBOTS_PATH, file=str(f)))
        return cache


def _read_table(f: Path) -> Iterator[Snapshot]:
    if f.suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            rows = pq.read_table(f).to_pylist()
        except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds
            raise RobotsError(f"{f}: cannot read robots cache Parquet ({exc})") from None
    else:
        rows = []
        try:
            with f.open(encoding="utf-8") as fh:
                for i, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            rows.append(json.loads(line))
                        except json.JSONDecodeError as exc:
                            raise RobotsError(f"{f}:{i}: invalid JSON ({exc.msg})") from None
        except OSError as exc:
            raise RobotsError(f"{f}: cannot read robots cache ({exc.strerror})") from None
    for i, r in enumerate(rows, 1):
        missing = [c for c in ("host", "fetched_at") if not r.get(c)]
        if missing:
            raise RobotsError(f"{f}: row {i}: missing {', '.join(missing)} (columns: host, fetched_at, status, body)")
        when = parse_time(r["fetched_at"])
        if when is None:
            raise RobotsError(f"{f}: row {i}: unparseable fetched_at {r['fetched_at']!r}")
        body = r.get("body")
        if isinstance(body, str):
            body = body.encode("utf-8")
        yield Snapshot(str(r["host"]).lower(), when, _status(r.get("status")), body, r.get("path") or ROBOTS_PATH)


def snapshot_from_file(path: str | Path, status: int | None = 200) -> Snapshot:
    """A snapshot referenced directly by a record (a robots.txt file)."""
    p = Path(path)
    m = _NAME_RE.match(p.name)
    when = parse_time(m.group("stamp")) if m else None
    if m and m.group("status"):
        status = int(m.group("status")) or None
    try:
        body = p.read_bytes()
    except OSError as exc:
        raise RobotsError(f"{p}: cannot read robots file ({exc.strerror})") from None
    return Snapshot(p.parent.name, when, status, body, file=str(p))


def check_urls(robots_file: str | Path, urls: Iterable[str], user_agents: Iterable[str],
               status: int | None = 200) -> list[dict[str, Any]]:
    """Check URLs against one robots.txt file by hand (``gensafe robots check``)."""
    p = Path(robots_file)
    try:
        body = p.read_bytes()
    except OSError as exc:
        raise RobotsError(f"{p}: cannot read robots file ({exc.strerror or exc})") from None
    agents = product_tokens(user_agents)
    robots = RobotsTxt.parse(body, status)
    out = []
    for url in urls:
        d = robots.decide_any(url, agents)
        out.append({"url": url, "allowed": d.allowed, "rule": d.rule, "agent": d.agent, "line": d.line})
    return out
