"""``gensafe audit``: what an auditor runs against the DuckDB audit store (Appendix B.2)."""
from __future__ import annotations

import json

import click


@click.group("audit")
def audit() -> None:
    """Auditor commands over the DuckDB audit store (Appendix B.2)."""


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
