"""Loading what a pipeline file names by ``"package.module:name"`` (plug-in stages, classifiers).

The one loader, so a bad path reads the same wherever it is given: one line
saying what was being loaded, the path, and why (no traceback).
"""
from __future__ import annotations

import importlib
from typing import Any


class PluginError(Exception):
    """A ``module:name`` path that is malformed, or names a module or attribute that cannot be loaded."""


def load_object(spec: str, what: str = "plug-in") -> Any:
    """The object ``spec`` (``"package.module:name"``) names; ``what`` ("stage type", "classifier") heads the error."""
    mod_name, sep, attr = str(spec).partition(":")
    if not sep or not mod_name or not attr:
        raise PluginError(f"{what} {spec!r}: expected 'package.module:name'")
    try:
        module = importlib.import_module(mod_name)
    except Exception as exc:  # ImportError, or whatever the module raises while it is imported
        raise PluginError(f"{what} {spec!r} cannot be loaded: {type(exc).__name__}: {exc}") from None
    try:
        return getattr(module, attr)
    except AttributeError:
        raise PluginError(f"{what} {spec!r} cannot be loaded: module {mod_name!r} has no attribute {attr!r}") from None
