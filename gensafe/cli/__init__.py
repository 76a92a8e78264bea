"""The ``gensafe`` command line: one click module per command group."""
from __future__ import annotations

import importlib

import click

from gensafe import __version__

# command groups living in their own modules (gensafe/cli/<name>.py, attribute `cli`)
_GROUP_MODULES = ("pipeline", "keywords", "model", "sources", "review", "audit", "robots", "annotate")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gensafe")
def main() -> None:
    """gensafe: training-data safety filtering for GB/T 45654-2025 §4.

    Filter corpora with keywords, a classifier and provenance checks, decide
    source admission with the 5 % rule, and keep an auditable DuckDB record.
    """


def _register() -> None:
    for name in _GROUP_MODULES:  # every one ships with gensafe: a missing one is an error, not a skipped group
        importlib.import_module(f"gensafe.cli.{name}").register(main)


_register()
