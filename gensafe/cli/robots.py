"""``gensafe robots``: check URLs against a robots.txt by hand (RFC 9309)."""
from __future__ import annotations

import json

import click

from gensafe.provenance.robots import RobotsError, check_urls


@click.group("robots")
def robots() -> None:
    """Robots Exclusion Protocol checks (RFC 9309), as the robots stage does them."""


@robots.command("check")
@click.option("--robots-file", "robots_file", required=True, type=click.Path(dir_okay=False),
              help="robots.txt file to check against.")
@click.option("--user-agent", "user_agents", multiple=True, required=True,
              help="Product token to check (repeatable); disallowed for any token counts.")
@click.option("--status", type=click.IntRange(100, 599), default=200, show_default=True,
              help="HTTP status the file was fetched with (4xx: all allowed; 5xx/429: all disallowed).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of {url, allowed, rule, agent, line}.")
@click.argument("urls", nargs=-1, required=True)
def check(robots_file: str, user_agents: tuple[str, ...], status: int, as_json: bool, urls: tuple[str, ...]) -> None:
    """Say for each URL whether the user agents may fetch it, and which rule decided.

    Example: gensafe robots check --robots-file robots.txt --user-agent GPTBot https://example.com/a
    """
    try:
        results = check_urls(robots_file, urls, user_agents, status)
    except RobotsError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    width = max(len(r["url"]) for r in results)
    click.echo(f"{'url':<{width}}  {'verdict':<10}  rule")
    for r in results:
        verdict = "allowed" if r["allowed"] else "disallowed"
        rule = r["rule"] or "(no matching rule)"
        if r["line"]:
            rule += f"  [line {r['line']}]"
        click.echo(f"{r['url']:<{width}}  {verdict:<10}  {rule}")


def register(main: click.Group) -> None:
    main.add_command(robots)
