"""Access to the source registry for the provenance stages.

The registry format and its validation belong to ``gensafe.source_registry``;
this module only loads it (or accepts an already loaded one) and answers the
questions the provenance checks ask: what kind of source is this, what
licence and which contract / commitment / authorisation records does it
reference.  Documents whose source is not registered get the kind
``unregistered`` and each stage decides by its ``unregistered`` option.
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Iterator

from gensafe.source_registry import Registry, RegistryError, SourceInfo, load_registry
from gensafe.stages.base import StageError

#: kinds whose documents are collected from the web by the operator (§4.1.3 b)
WEB_KINDS = ("self_collected", "domain")
UNREGISTERED = "unregistered"

__all__ = ["Registry", "SourceInfo", "open_registry", "iter_sources", "source_kind", "WEB_KINDS", "UNREGISTERED"]


_LOADED: dict[tuple[str, int, int], Registry] = {}


def open_registry(registry: Any) -> Registry | None:
    """A loaded registry from a path, a Registry, or None (no registry configured).

    A path is parsed once per process while the file is unchanged: the three
    provenance stages of a pipeline (and the audit store) share one registry.
    """
    if registry is None or registry == "":
        return None
    if isinstance(registry, Registry):
        return registry
    path = str(registry)
    try:
        st = os.stat(path)
        key = (os.path.abspath(path), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    if key is not None and key in _LOADED:
        return _LOADED[key]
    try:
        reg = load_registry(path)
    except RegistryError as exc:
        raise StageError(str(exc)) from None
    if key is not None:
        _LOADED[key] = reg
    return reg


def iter_sources(registry: Any) -> Iterator[SourceInfo]:
    """Every SourceInfo of a registry given as path, Registry or iterable of SourceInfo."""
    reg = registry if not isinstance(registry, (str, bytes)) and hasattr(registry, "__iter__") else open_registry(registry)
    if reg is None:
        return iter(())
    return iter(reg)


def source_kind(registry: Registry | None, source_id: str | None) -> str:
    """The registered kind of a source, or ``unregistered``."""
    if registry is None or not source_id:
        return UNREGISTERED
    info = registry.get(source_id)
    return info.kind if info is not None else UNREGISTERED


def references(info: SourceInfo | None, names: Iterable[str]) -> list[str]:
    """Non-empty references of the given registry fields (authorizations, contracts, ...)."""
    if info is None:
        return []
    out: list[str] = []
    for name in names:
        out.extend(r for r in getattr(info, name, ()) or () if r)
    return out
