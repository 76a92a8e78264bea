"""`gensafe audit verify` and `gensafe audit report` (added to the `audit` group)."""
from __future__ import annotations

import json

import click


@click.command("verify")
@click.option("--db", required=True, help="Audit database to verify.")
@click.option("--no-files", is_flag=True, help="Check the database and manifests only, not the shard files.")
@click.option("--json", "as_json", is_flag=True)
def verify_cmd(db: str, no_files: bool, as_json: bool) -> None:
    """Recompute the run manifest chain, shard checksums and provenance rows; exit 1 on any alteration."""
    from gensafe.audit.integrity import verify

    try:
        res = verify(db, check_files=not no_files)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({"ok": res.ok, "runs": res.runs, "shards_checked": res.shards_checked,
                               "documents_checked": res.documents_checked,
                               "findings": [f.__dict__ for f in res.findings]}, indent=1, ensure_ascii=False))
    else:
        click.echo(f"checked {res.runs} run(s), {res.shards_checked} shard(s), {res.documents_checked} document row(s)")
        for f in res.findings:
            click.echo(f"ALTERED  {f}")
        click.echo("OK: the chain, the shards and the audit rows match their manifests" if res.ok
                   else f"FAILED: {len(res.findings)} finding(s)")
    if not res.ok:
        raise SystemExit(1)


@click.command("report")
@click.option("--db", required=True, help="Audit database (DuckDB) of the runs.")
@click.option("--run", "run_id", help="Run to audit (default: the latest run).")
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md", show_default=True,
              help="Markdown, machine-readable JSON, or a self-contained HTML page with charts.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the record, self-collected and personal-information samples (reproducible).")
def report_cmd(db: str, run_id: str | None, fmt: str, out: str | None, seed: int) -> None:
    """Evaluate Appendix B.2.1 item by item from the audit database.

    Each item gets a verdict (compliant / non-compliant / not applicable), the
    numbers behind it and the SQL that reproduces them; items the data cannot
    show are listed as "outside gensafe".  Exits 0 whatever the verdict.
    """
    from gensafe.audit.report import ReportError, report_for_db

    try:
        rep = report_for_db(db, run_id, seed)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        text = rep.to_json() + "\n"
    elif fmt == "html":
        from gensafe.audit.render_html import render_html

        text = render_html(rep)
    else:
        from gensafe.audit.render_md import render_markdown

        text = render_markdown(rep)
    if out:
        try:
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise click.ClickException(f"{out}: cannot write ({exc.strerror})") from None
        click.echo(f"{rep.overall}: run {rep.run['run_id']}, "
                   + ", ".join(f"{i.id} {i.verdict}" for i in rep.items) + f" → {out}", err=True)
    else:
        click.echo(text, nl=False)


def register(main: click.Group) -> None:
    group = main.commands.get("audit")
    if group is None:
        group = click.Group("audit", help="The auditor's side: B.2.1 report, record samples, integrity.")
        main.add_command(group)
    group.add_command(verify_cmd)  # type: ignore[union-attr]
    group.add_command(report_cmd)  # type: ignore[union-attr]
