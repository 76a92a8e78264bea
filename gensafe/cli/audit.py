"""``gensafe audit``: what an auditor runs against the DuckDB audit store (Appendix B.2).

One command per library function: ``report`` (:func:`gensafe.audit.report.report_for_db`),
``verify`` (:func:`gensafe.audit.integrity.verify`), ``sample-records``
(:func:`gensafe.admission.recompute.audit_records`).
"""
from __future__ import annotations

import json

import click

from gensafe.cli.options import OneName, run_id_option


@click.group("audit")
def audit() -> None:
    """The auditor's side over the DuckDB audit store (Appendix B.2): the B.2.1 report, integrity, record samples."""


# --------------------------------------------------------------------------- report (B.2.1)

@audit.command("verify")
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


@audit.command("report")
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


# --------------------------------------------------------------------------- sample-records (B.2.1.1.1.1)

@audit.command("sample-records")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False), help="DuckDB audit store.")
@click.option("--fraction", type=float, default=0.1, show_default=True, help="Share of records to check (≥ 0.1).")
@click.option("--seed", type=int, help="Seed of the record draw (default: fresh randomness, printed in --json).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def sample_records_cmd(db: str, fraction: float, seed: int | None, as_json: bool) -> None:
    """Recompute a random ≥ 10 % of assessment records from their stored sample manifests.

    Exits 1 when any record does not reproduce.
    """
    import duckdb

    from gensafe import store
    from gensafe.admission.recompute import audit_records

    if not 0 < fraction <= 1:
        raise click.ClickException("--fraction must be in (0, 1]")
    if fraction < 0.1:
        click.echo("warning: B.2.1.1.1.1 asks for no fewer than 10 % of the records", err=True)
    try:
        con = store.connect(db, read_only=True)
    except duckdb.Error as exc:
        raise click.ClickException(f"{db}: cannot open ({exc})") from None
    try:
        if not store.table_exists(con, "source_assessments"):
            raise click.ClickException(f"{db}: no source_assessments table (run gensafe sources assess first)")
        rep = audit_records(con, fraction, seed)
    finally:
        con.close()
    if as_json:
        click.echo(json.dumps(rep, indent=2, default=str))
    else:
        click.echo(f"{rep['sampled']} of {rep['total_records']} assessment records sampled ({fraction:.0%})")
        click.echo(f"{'assessment_id':<26} {'source':<20} {'stored rate':>11} {'recomputed':>10} "
                   f"{'stored CI':>17} {'recomputed CI':>17} verdict  handling  match")
        for r in rep["records"]:
            s, c = r["stored"], r["recomputed"]
            click.echo(f"{r['assessment_id']:<26} {r['source_id'][:20]:<20} {s['rate']:>11.4%} {c['rate']:>10.4%} "
                       f"[{s['ci_low']:.4f},{s['ci_high']:.4f}] [{c['ci_low']:.4f},{c['ci_high']:.4f}] "
                       f"{s['verdict']:<8} {','.join(r['handling']) or '-':<9} {'yes' if r['match'] else 'NO'}")
            if not r["match"]:
                bad = [k for k, v in r["checks"].items() if not v]
                click.echo(f"    mismatch: {', '.join(bad)}")
    if not rep["all_match"]:
        raise SystemExit(1)


def register(main: click.Group) -> None:
    main.add_command(audit)
