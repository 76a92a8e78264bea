"""Opt-outs other than robots.txt: ``X-Robots-Tag``, robots ``<meta>``, TDMRep.

§4.1.3 b) forbids collecting what the owner "explicitly prohibited through the
Robots Exclusion Protocol or other technical means".  Besides robots.txt the
common means are:

* ``X-Robots-Tag`` response headers and ``<meta name="robots">`` /
  ``<meta name="GPTBot">`` tags with ``noai`` / ``noimageai`` (and, if so
  configured, ``noindex`` / ``none``) - optionally scoped to a user agent
  (``X-Robots-Tag: GPTBot: noai``);
* TDMRep (W3C community group): a ``tdm-reservation: 1`` header, a
  ``<meta name="tdm-reservation" content="1">`` tag, or a
  ``/.well-known/tdmrep.json`` whose first matching ``location`` reserves
  text-and-data-mining rights.

Only what the records carry can be checked: the ``meta`` JSON fields
``headers`` (object or list of pairs), ``html_head`` (HTML text) and
``tdmrep`` (the tdmrep.json array), plus tdmrep.json snapshots in the cache.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, Iterable
from urllib.parse import urlsplit

from gensafe.provenance.robots import product_token

DEFAULT_DIRECTIVES = ("noai", "noimageai")
#: X-Robots-Tag directive names (so "noindex: x" is not mistaken for a user agent)
_KNOWN_DIRECTIVES = {
    "all", "noindex", "nofollow", "none", "noarchive", "nosnippet", "notranslate", "noimageindex",
    "unavailable_after", "max-snippet", "max-image-preview", "max-video-preview", "indexifembedded",
    "noai", "noimageai", "nocache",
}


@dataclass(frozen=True)
class OptOut:
    labels: tuple[str, ...]  # e.g. ("noai", "tdm"); empty = no opt-out found
    detail: str

    @property
    def label(self) -> str:
        return ",".join(self.labels) if self.labels else "none"


def header_items(headers: Any) -> list[tuple[str, str]]:
    """(lower-cased name, value) pairs from a dict, a list of pairs or raw header text."""
    if not headers:
        return []
    if isinstance(headers, dict):
        out = []
        for k, v in headers.items():
            for item in (v if isinstance(v, list) else [v]):
                out.append((str(k).strip().lower(), str(item)))
        return out
    if isinstance(headers, str):
        pairs = []
        for line in headers.splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                pairs.append((k.strip().lower(), v.strip()))
        return pairs
    if isinstance(headers, (list, tuple)):
        return [(str(p[0]).strip().lower(), str(p[1])) for p in headers if isinstance(p, (list, tuple)) and len(p) == 2]
    return []


def _directives(value: str, agents: set[str]) -> list[str]:
    """Directives of one robots value that apply to us ('GPTBot: noai' only if GPTBot is configured)."""
    value = value.strip()
    m = re.match(r"^([A-Za-z_-]+)\s*:\s*(.*)$", value)
    if m and m.group(1).lower() not in _KNOWN_DIRECTIVES:
        if m.group(1).lower() not in agents:
            return []
        value = m.group(2)
    out = []
    for d in value.split(","):
        d = d.strip().lower()
        if d == "none":
            out += ["noindex", "nofollow"]
        elif d:
            out.append(d.split(":", 1)[0].strip())
    return out


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.lower() != "meta":
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        name = a.get("name") or a.get("http-equiv") or a.get("property") or ""
        if name:
            self.metas.append((name.strip().lower(), a.get("content", "")))

    handle_startendtag = handle_starttag


def meta_tags(html: str | None) -> list[tuple[str, str]]:
    """(lower-cased name, content) of every <meta> tag (http-equiv included)."""
    if not html:
        return []
    p = _HeadParser()
    try:
        p.feed(html)
        p.close()
    except Exception:  # noqa: BLE001 - malformed HTML: keep what was parsed
        pass
    return p.metas


def _location_matches(location: str, path: str) -> bool:
    pat = location.strip() or "/"
    anchored = pat.endswith("$")
    if anchored:
        pat = pat[:-1]
    rx = "".join(".*" if ch == "*" else re.escape(ch) for ch in pat)
    return re.match(rx + ("$" if anchored else ""), path) is not None


def tdmrep_json(body: Any, url: str) -> tuple[bool, str] | None:
    """(reserved, policy) of the first tdmrep.json rule whose location matches ``url``, else None."""
    if body is None:
        return None
    if isinstance(body, (bytes, str)):
        try:
            body = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None
    if not isinstance(body, list):
        return None
    parts = urlsplit(url or "")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    for rule in body:
        if isinstance(rule, dict) and _location_matches(str(rule.get("location", "")), path):
            return str(rule.get("tdm-reservation", "0")).strip() == "1", str(rule.get("tdm-policy", "") or "")
    return None


def check_optouts(meta: dict[str, Any] | None, url: str | None, user_agents: Iterable[str],
                  directives: Iterable[str] = DEFAULT_DIRECTIVES, tdmrep: Any = None) -> OptOut:
    """Every opt-out signal the record carries (plus a cached tdmrep.json)."""
    meta = meta or {}
    agents = {product_token(a).lower() for a in user_agents} - {""}
    wanted = {d.lower() for d in directives}
    labels: dict[str, str] = {}
    headers = header_items(meta.get("headers") or meta.get("http_headers"))
    for name, value in headers:
        if name == "x-robots-tag":
            for d in _directives(value, agents):
                if d in wanted:
                    labels.setdefault(d, f"X-Robots-Tag: {value.strip()}")
        elif name == "tdm-reservation" and value.strip() == "1":
            labels.setdefault("tdm", "tdm-reservation: 1 header")
    for name, content in meta_tags(meta.get("html_head") or meta.get("html")):
        if name == "robots" or name in agents:
            for d in _directives(content, agents):
                if d in wanted:
                    labels.setdefault(d, f'<meta name="{name}" content="{content}">')
        elif name == "tdm-reservation" and content.strip() == "1":
            labels.setdefault("tdm", '<meta name="tdm-reservation" content="1">')
    for source, body in (("record tdmrep", meta.get("tdmrep")), ("tdmrep.json", tdmrep)):
        if "tdm" in labels:
            break
        found = tdmrep_json(body, url or "")
        if found and found[0]:
            labels["tdm"] = f"{source} reserves TDM rights" + (f" (policy {found[1]})" if found[1] else "")
    ordered = tuple(sorted(labels))
    return OptOut(ordered, "; ".join(dict.fromkeys(labels[k] for k in ordered)))
