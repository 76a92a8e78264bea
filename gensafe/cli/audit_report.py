"""`gensafe audit verify` and `gensafe audit report` (added to the `audit` group)."""
from __future__ import annotations

import json

import click

from gensafe.cli.options import OneName, run_id_option


@click.command("verify")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Audit database to verify.")
@click.option("--anchor", "anchors", multiple=True, type=click.Path(dir_okay=False),
              help="A run receipt (or a log of them, one JSON per line) kept outside the database: prove "
                   "that nothing up to its chain head was changed, removed or rewritten. Repeatable.")
@click.option("--public-key", type=click.Path(dir_okay=False),
              help="Ed25519 public key (PEM): every --anchor receipt must carry a valid signature by it.")
@click.option("--output", "outputs", multiple=True, type=click.Path(file_okay=False),
              help="Also walk this output folder (always walked: the folders of the runs in the database "
                   "and the database's own folder).")
@click.option("--no-files", is_flag=True, help="Check the database and manifests only, not the shard files.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def verify_cmd(db: str, anchors: tuple[str, ...], public_key: str | None, outputs: tuple[str, ...],
               no_files: bool, as_json: bool) -> None:
    """Recompute the manifest chain, every table, the shard checksums and the provenance rows.

    Exits 1 on any finding. The database is opened read-only with file access
    off, and none of its SQL (views, macros, generated columns) is run.
    """
    from gensafe.audit.integrity import verify
    from gensafe.chain.receipt import ReceiptError
    from gensafe.chain.safe_db import UntrustedDbError

    if public_key and not anchors:
        raise click.ClickException("--public-key checks the signatures of --anchor receipts; give --anchor too")
    try:
        res = verify(db, check_files=not no_files, anchors=anchors, public_key=public_key, outputs=outputs)
    except (FileNotFoundError, UntrustedDbError, ReceiptError) as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({"ok": res.ok, "runs": res.runs, "head": res.head, "shards_checked": res.shards_checked,
                               "documents_checked": res.documents_checked, "tables_checked": res.tables_checked,
                               "folders_checked": res.folders_checked, "anchors_checked": res.anchors_checked,
                               "findings": [f.__dict__ for f in res.findings], "notes": res.notes},
                              indent=1, ensure_ascii=False))
    else:
        click.echo(f"checked {res.runs} run(s), {res.shards_checked} shard(s), {res.documents_checked} document "
                   f"row(s), {res.tables_checked} table(s), {res.folders_checked} folder(s), "
                   f"{res.anchors_checked} anchor(s); chain head {res.head or 'none'}")
        for n in res.notes:
            click.echo(f"note  {n}")
        for f in res.findings:
            click.echo(f"ALTERED  {f}")
        if res.ok:
            click.echo("OK: the chain, the tables, the shards and the folders match their manifests"
                       + (" and the anchors" if anchors else "; without --anchor a consistent rewrite of the "
                          "whole chain would go unseen"))
        else:
            click.echo(f"FAILED: {len(res.findings)} finding(s)")
    if not res.ok:
        raise SystemExit(1)


@click.command("report")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Audit database (DuckDB) of the runs.")
@run_id_option(help="Run to audit (default: the latest run).")
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md", show_default=True,
              help="Markdown, machine-readable JSON, or a self-contained HTML page with charts.")
@click.option("--output", "--out", "out", cls=OneName, type=click.Path(dir_okay=False, writable=True),
              help="Write here instead of stdout.")
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
