"""``gensafe review``: the manual spot-check loop (B.2.1.2.1 a, §4.3.1 c)."""
from __future__ import annotations

import json

import click

from gensafe.cli.options import OneName, run_id_option

from gensafe.source_registry import RegistryError, load_registry
from gensafe.store import connect


@click.group("review")
def review() -> None:
    """Manual spot checks: export a blinded sample, import labels, compute the qualified rate."""


@review.command("export")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB audit store.")
@click.option("--output", "--out", "out", cls=OneName, required=True, type=click.Path(dir_okay=False),
              help="File for annotators.")
@click.option("--per-modality", type=int, default=4000, show_default=True, help="Items per modality (B.2.1.2.1: ≥ 4000).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the review sample (reproducible).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="File format for the annotators.")
@click.option("--from-parquet", type=click.Path(), help="Kept output shards (directory or file) instead of the "
                                                        "documents table.")
@click.option("--registry", "registry_path", type=click.Path(dir_okay=False),
              help="Source registry, for each source's modality (default: text).")
@run_id_option(help="Run whose kept documents to sample (default: the latest run).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def export_cmd(db: str, out: str, per_modality: int, seed: int, fmt: str, from_parquet: str | None,
               registry_path: str | None, run_id: str | None, as_json: bool) -> None:
    """Stratified (by source) random sample of kept documents, ids blinded, automatic verdicts hidden."""
    from gensafe.admission.review import ReviewError, export_review

    modality_of = None
    if registry_path:
        try:
            modality_of = {s.id: s.modality for s in load_registry(registry_path)}
        except RegistryError as exc:
            raise click.ClickException(str(exc)) from None
    con = _open_existing(db)
    try:
        rep = export_review(con, out, per_modality, seed, fmt, from_parquet, modality_of, run_id)
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != out else ""
        raise click.ClickException(f"cannot write --out {out}: {exc.strerror or exc}{where}") from None
    finally:
        con.close()
    if as_json:
        click.echo(json.dumps(rep, indent=2))
        return
    click.echo(f"task {rep['task_id']}: {rep['items']} items written to {rep['out']}")
    for mod, n in rep["per_modality"].items():
        srcs = ", ".join(f"{s} {k}" for s, k in rep["per_source"][mod].items())
        click.echo(f"  {mod}: {n} items ({srcs})")
    for mod, n in rep["below_minimum"].items():
        click.echo(f"warning: {mod} has {n} items, fewer than the 4,000 B.2.1.2.1 asks for", err=True)
    click.echo("annotators fill 'labels' (qualified, or risk codes such as A1d;A4e), 'annotator' and 'reviewer'")


@review.command("import")
@click.argument("label_file", type=click.Path(dir_okay=False))
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB audit store.")
@click.option("--confidence", type=float, default=0.95, show_default=True,
              help="Confidence level of the spot-check interval.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def import_cmd(label_file: str, db: str, confidence: float, as_json: bool) -> None:
    """Import labels (JSONL or CSV); refuses a task where annotator and reviewer are the same person."""
    from gensafe.admission.review import MIN_ITEMS, MIN_QUALIFIED, ReviewError, import_labels

    con = _open_existing(db)
    try:
        rep = import_labels(con, label_file, confidence)
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        con.close()
    if as_json:
        click.echo(json.dumps(rep, indent=2))
        return
    click.echo(f"{rep['imported']} labels imported")
    for task, mods in rep["tasks"].items():
        for mod, r in mods.items():
            rate = "-" if r["qualified_rate"] is None else f"{r['qualified_rate']:.2%}"
            click.echo(f"task {task} [{mod}]: {r['n_labelled']}/{r['n_items']} labelled, qualified {r['qualified']} "
                       f"= {rate}, CP{r['confidence']:.0%} [{r['ci_low']:.2%}, {r['ci_high']:.2%}]; "
                       f"B.2.1.2.1 (≥ {MIN_ITEMS} items, ≥ {MIN_QUALIFIED:.0%}): "
                       f"{'met' if r['meets_b2121'] else 'NOT met'}")
            for scope, a in r["agreement"].items():
                if scope != "all" and not (a["manual_positive"] or a["auto_positive"]):
                    continue
                kappa = "n/a" if a["kappa"] is None else f"{a['kappa']:.3f}"
                agree = "-" if a["agreement"] is None else f"{a['agreement']:.2%}"
                click.echo(f"    agreement manual vs automatic [{scope}]: {agree}, kappa {kappa} "
                           f"(manual positives {a['manual_positive']}, automatic {a['auto_positive']})")


def _open_existing(db: str) -> "duckdb.DuckDBPyConnection":
    """The audit database for writing, if it exists: a mistyped --db must not create an empty one."""
    import os

    import duckdb

    if not os.path.isfile(db):
        raise click.ClickException(f"no audit database at {db} (--db); a run creates it")
    try:
        return connect(db)
    except duckdb.Error as exc:
        raise click.ClickException(f"cannot open {db}: {str(exc).splitlines()[0]}") from None


def register(main: click.Group) -> None:
    main.add_command(review)
