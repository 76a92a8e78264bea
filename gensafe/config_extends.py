"""``[pipeline] extends = "default.toml"``: a pipeline file built on another.

A pipeline that only adds provenance checks to the default content
pipeline should not copy the default's stages and rules, or the two drift
apart.  The rules of the layering, in the order a reader needs them:

* ``extends`` is a path relative to the extending file; the base may extend
  another file in turn (a loop is an error);
* tables (``[pipeline]``, ``[output]``, ``[store]``, ``[execution]``) merge
  key by key, the extending file winning; ``name`` is never inherited;
* ``[[inputs]]`` of the base come first, the file's own after them;
* a ``[[stages]]`` entry whose ``type`` the base already has replaces that
  stage where it stands (whole, options included); other stages are appended;
* a ``[[policy.remove]]`` rule whose ``reason`` the base already has
  replaces that rule where it stands; other rules are appended.

The run records the resolved pipeline as TOML (``runs.config_text``), so an
auditor reads what ran, and its hash changes when a base file changes.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import os
import re
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

from gensafe.config_schema import anchor_paths
from gensafe.errors import ConfigError

_RULE_KEY = "reason"


def resolve_extends(raw: dict[str, Any], path: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """``raw`` with its ``[pipeline] extends`` chain merged in (``raw`` itself when it extends nothing)."""
    meta = raw.get("pipeline", {})
    if not isinstance(meta, dict) or "extends" not in meta:
        return raw
    ref = meta["extends"]
    if not isinstance(ref, str) or not ref:
        raise ConfigError(f"{path}: pipeline.extends must be the path of a pipeline file")
    here = os.path.dirname(os.path.abspath(path)) if path != "<dict>" else os.getcwd()
    base_path = os.path.normpath(os.path.join(here, ref))
    chain = seen + (os.path.abspath(path),)
    if base_path in chain:
        raise ConfigError(f"{path}: pipeline.extends = {ref!r} loops back to {base_path}")
    try:
        base_text = Path(base_path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: pipeline.extends = {ref!r}: cannot read {base_path}: "
                          f"{exc.strerror or exc}") from None
    try:
        base = tomllib.loads(base_text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{base_path}: invalid TOML: {exc}") from None
    base = resolve_extends(anchor_paths(base, os.path.dirname(base_path)), base_path, chain)
    return merge(base, raw, path)


def merge(base: dict[str, Any], child: dict[str, Any], path: str = "<dict>") -> dict[str, Any]:
    """The pipeline ``child`` layered over ``base`` by the rules of this module."""
    out: dict[str, Any] = {k: v for k, v in base.items()}
    out["pipeline"] = {k: v for k, v in base.get("pipeline", {}).items() if k not in ("name", "extends")}
    for key, value in child.items():
        if key == "stages":
            out[key] = _replace_or_append(base.get(key, []), value, "type", f"{path}: stages")
        elif key == "inputs":
            out[key] = list(base.get(key, [])) + list(value)
        elif key == "policy":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: policy must be a table ([[policy.remove]] rules)")
            pol = dict(base.get("policy", {}))
            for pk, pv in value.items():
                pol[pk] = (_replace_or_append(pol.get(pk, []), pv, _RULE_KEY, f"{path}: policy.{pk}")
                           if pk == "remove" else pv)
            out[key] = pol
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    out["pipeline"].pop("extends", None)
    if not out["pipeline"]:
        del out["pipeline"]
    return out


def _replace_or_append(base: Any, own: Any, key: str, where: str) -> list[Any]:
    if not isinstance(base, list) or not isinstance(own, list):
        raise ConfigError(f"{where} must be a list of tables")
    merged = list(base)
    for entry in own:
        at = next((i for i, b in enumerate(merged) if isinstance(b, dict) and isinstance(entry, dict)
                   and key in entry and b.get(key) == entry[key]), None)
        if at is None:
            merged.append(entry)
        else:
            merged[at] = entry
    return merged


# ------------------------------------------------------------------ TOML out

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(k: str) -> str:
    return k if _BARE.match(k) else json.dumps(k, ensure_ascii=False)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")) if not math.isfinite(v) else repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # JSON's string escapes are all valid TOML
    if isinstance(v, (_dt.datetime, _dt.date, _dt.time)):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + "}"
    raise ConfigError(f"cannot write {v!r} as TOML")


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def _table(table: dict[str, Any], prefix: str, lines: list[str]) -> None:
    for k, v in table.items():
        if not isinstance(v, dict) and not _is_table_array(v):
            lines.append(f"{_key(k)} = {_value(v)}")
    for k, v in table.items():
        name = f"{prefix}.{_key(k)}" if prefix else _key(k)
        if isinstance(v, dict):
            if not v or any(not isinstance(x, dict) and not _is_table_array(x) for x in v.values()):
                lines += ["", f"[{name}]"]  # a table of only sub-tables needs no header of its own
            _table(v, name, lines)
        elif _is_table_array(v):
            for entry in v:
                lines += ["", f"[[{name}]]"]
                _table(entry, name, lines)


def dump_toml(data: dict[str, Any], header: str = "") -> str:
    """TOML text of a parsed pipeline (tables, arrays of tables, inline values); ``tomllib`` reads it back equal."""
    lines = [f"# {line}" for line in header.splitlines()]
    _table(data, "", lines)
    return "\n".join(lines).lstrip("\n") + "\n"
