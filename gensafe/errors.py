"""The user-facing error types every layer may raise.

They live apart from the modules that raise them so that ``config``,
``policy``, the store and the executor can all import them without
importing one another.  The CLI turns each into a one-line message.
"""
from __future__ import annotations


class ConfigError(Exception):
    """A user error in a pipeline file or a setting (message names file and key)."""


class RunError(Exception):
    """A run that cannot start or whose books do not balance."""
