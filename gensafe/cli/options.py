"""Options that mean the same thing in several commands, spelled and shown the same way.

A run is always ``--run-id`` (``--run`` still works, unshown), the audit
database always ``--db FILE``: one name and one type per thing, whichever
command a user is in.
"""
from __future__ import annotations

from typing import Any, Callable

import click


class OneName(click.Option):
    """An option whose first spelling is the only one shown in help; older ones are still accepted."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown, self.opts = self.opts, self.opts[:1]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


def run_id_option(help: str = "Run id (default: the latest run).", **kwargs: Any) -> Callable[..., Any]:
    """``--run-id RUN_ID`` (also accepted: ``--run``)."""
    return click.option("--run-id", "--run", "run_id", cls=OneName, metavar="RUN_ID", help=help, **kwargs)


def db_option(help: str = "DuckDB audit database.", **kwargs: Any) -> Callable[..., Any]:
    """``--db FILE``: the audit database."""
    return click.option("--db", type=click.Path(dir_okay=False), metavar="FILE", help=help, **kwargs)

