"""``gensafe sources``: the source registry, diversity and the 5 % rule (§4.1)."""
from __future__ import annotations

import json
from typing import Any

import click

from gensafe.cli.options import OneName

from gensafe.source_registry import Registry, RegistryError, diversity_report, load_registry, store_registry
from gensafe.store import connect


def _load(path: str) -> Registry:
    try:
        return load_registry(path)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from None


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:.2f}%"


@click.group("sources")
def sources() -> None:
    """Source registry, diversity report and the 5 % admission rule (§4.1.1, §4.1.2)."""


@sources.command("report")
@click.option("--registry", "registry_path", required=True, type=click.Path(dir_okay=False), help="Registry TOML.")
@click.option("--db", type=click.Path(dir_okay=False), help="Also record this registry version in DuckDB.")
@click.option("--run-id", help="Run id to version the registry copy under (default: the registry hash).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def report_cmd(registry_path: str, db: str | None, run_id: str | None, as_json: bool) -> None:
    """Sources per language and modality, domestic/foreign mix per batch; flags single-source dependencies."""
    reg = _load(registry_path)
    rep = diversity_report(reg)
    if db:
        from gensafe.admission.stage import load_verdicts

        con = connect(db)
        store_registry(con, reg, run_id)
        con.close()
        latest = load_verdicts(db)
        rep["latest_verdicts"] = {sid: latest.get(sid) for sid in reg.ids}
    if as_json:
        click.echo(json.dumps(rep, ensure_ascii=False, indent=2))
        return
    click.echo(f"registry {reg.path} ({len(reg)} sources, sha256 {reg.hash[:12]})")
    for batch, s in rep["batches"].items():
        click.echo(f"\nbatch {batch}: {s['n_sources']} sources, domestic {s['origin']['domestic']}, "
                   f"foreign {s['origin']['foreign']} (foreign share {_pct(s['foreign_share'])})")
        click.echo("  language  sources")
        for lang, ids in s["languages"].items():
            click.echo(f"  {lang:<9} {len(ids):>3}  {', '.join(ids)}")
        click.echo("  modality  sources")
        for mod, ids in s["modalities"].items():
            click.echo(f"  {mod:<9} {len(ids):>3}  {', '.join(ids)}")
        for f in s["flags"]:
            click.echo(f"  FLAG: {f}")
    if "latest_verdicts" in rep:
        click.echo("\nlatest assessment per source")
        for sid, v in rep["latest_verdicts"].items():
            if v is None:
                click.echo(f"  {sid:<24} not assessed")
            else:
                click.echo(f"  {sid:<24} {v['phase']:<12} {v['assessment_id']}  rate {_pct(v['rate'])}  "
                           f"verdict {v['verdict']} (literal {v['literal_verdict']})")
    for w in rep["warnings"]:
        click.echo(f"warning: {w}")


@sources.command("plan")
@click.option("--margin", type=float, required=True, help="Half-width of the interval, e.g. 0.01.")
@click.option("--confidence", type=float, default=0.95, show_default=True, help="Confidence level of the interval.")
@click.option("--expected-rate", type=float, default=0.05, show_default=True,
              help="Unsafe rate you expect (0.05 = the limit, the conservative choice).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def plan_cmd(margin: float, confidence: float, expected_rate: float, as_json: bool) -> None:
    """Sample size for a target margin: normal approximation and exact Clopper–Pearson."""
    from gensafe.admission.stats import plan_sample_size

    try:
        p = plan_sample_size(margin, confidence, expected_rate)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(p.to_dict()))
        return
    click.echo(f"margin ±{_pct(margin)} at {confidence:.0%} confidence, expected unsafe rate {_pct(expected_rate)}")
    click.echo(f"  normal approximation (Wald): n = {p.n_normal}")
    click.echo(f"  exact Clopper–Pearson:       n = {p.n_exact}")
    if p.n_confident_admit is not None:
        click.echo(f"  n for a confident admit (upper bound ≤ 5 %) at this rate: {p.n_confident_admit}")


def _assess_options(f):
    opts = [
        click.option("--registry", "registry_path", required=True, type=click.Path(dir_okay=False),
                     help="Source registry (TOML)."),
        click.option("--source", "source_ids", multiple=True, help="Source id (repeatable)."),
        click.option("--all", "all_sources", is_flag=True, help="Every source in the registry."),
        click.option("--input", "inputs", multiple=True,
                     help="Documents to sample (JSONL/Parquet, or a .urls/.txt URL list with optional tab + text); "
                          "default: the sources' registry locations."),
        click.option("--sample-size", type=int, required=True, help="Sample size (the cap for --method sprt)."),
        click.option("--seed", type=int, required=True, help="Sampling seed (record it: it reproduces the sample)."),
        click.option("--method", type=click.Choice(["fixed", "sprt"]), default="fixed", show_default=True,
                     help="A fixed-size sample, or a sequential test that stops once the verdict is clear."),
        click.option("--confidence", type=float, default=0.95, show_default=True,
                     help="Confidence level of the Clopper–Pearson interval."),
        click.option("--p0", type=float, default=0.03, show_default=True, help="SPRT acceptable rate."),
        click.option("--p1", type=float, default=0.05, show_default=True, help="SPRT limit rate."),
        click.option("--alpha", type=float, default=0.05, show_default=True, help="SPRT P(reject | p0)."),
        click.option("--beta", type=float, default=0.05, show_default=True, help="SPRT P(admit | p1)."),
        click.option("--pipeline", default=None,
                     help="Pipeline whose stages annotate the sample (default: pipelines/default.toml)."),
        click.option("--labels", type=click.Path(dir_okay=False),
                     help="Manual labels JSONL (doc_id, risk_codes) instead of the pipeline."),
        click.option("--workers", type=int, default=1, show_default=True, help="Worker processes that score the sample."),
        click.option("--by", default="", help="Who performs the assessment (recorded)."),
        click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB audit store."),
        click.option("--json", "as_json", is_flag=True, help="Machine-readable output."),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


def _run(phase: str, registry_path: str, source_ids: tuple[str, ...], all_sources: bool, inputs: tuple[str, ...],
         sample_size: int, seed: int, method: str, confidence: float, p0: float, p1: float, alpha: float,
         beta: float, pipeline: str | None, labels: str | None, workers: int, by: str, db: str, as_json: bool) -> None:
    from gensafe.admission.assess import (AssessConfig, AssessError, labels_annotator, pipeline_annotator,
                                          run_assessment)
    from gensafe.admission.stats import SPRT

    reg = _load(registry_path)
    if all_sources == bool(source_ids):
        raise click.UsageError("give --source ID (repeatable) or --all")
    ids = reg.ids if all_sources else list(source_ids)
    try:
        sprt = SPRT(p0, p1, alpha, beta)
        cfg = AssessConfig(sample_size=sample_size, seed=seed, method=method, phase=phase,
                           confidence=confidence, sprt=sprt, workers=workers, by=by)
        if labels:
            annotate, prov = labels_annotator(labels)
            name = f"labels:{labels}"
        else:
            annotate, prov = pipeline_annotator(pipeline)
            name = f"pipeline:{pipeline or 'default'}"
        con = connect(db)
        try:
            results, skipped = run_assessment(reg, ids, list(inputs) or None, annotate, cfg, con, prov, name)
        finally:
            con.close()
    except (AssessError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    out = [r.summary() for r in results]
    if as_json:
        click.echo(json.dumps({"results": out, "skipped_unregistered": {k: v for k, v in skipped.items() if k not in reg}},
                              indent=2))
        return
    for s in out:
        extra = ""
        if s["sprt"]:
            extra = f", SPRT {s['sprt']['decision']} after {s['sprt']['n_used']} docs"
        click.echo(f"{s['assessment_id']}  {phase}  {s['source_id']}: {s['unsafe']}/{s['sample_size']} unsafe = "
                   f"{_pct(s['rate'])}  CP{s['confidence']:.0%} [{_pct(s['ci_low'])}, {_pct(s['ci_high'])}]  "
                   f"verdict {s['verdict']} (literal rule: {s['literal_verdict']}){extra}")
        if s["n_to_settle"]:
            click.echo(f"    undecided: about {s['n_to_settle']} documents at this rate would settle it")
        if s["handling"]:
            click.echo(f"    handling recorded: {s['handling']}")
        if s["rejected_records"]:
            click.echo(f"warning: {s['source_id']}: {s['rejected_records']} bad input record(s) could not be "
                       "assessed and were left out of the sample, e.g.", err=True)
            for m in s["rejected_examples"][:3]:
                click.echo(f"    {m}", err=True)
    for sid, n in sorted(skipped.items()):
        if sid not in reg:  # records of a registered source that was not asked for are simply not in this run
            click.echo(f"warning: {n} record(s) of unregistered source {sid!r} were ignored", err=True)


@sources.command("assess")
@_assess_options
def assess_cmd(**kw: Any) -> None:
    """Pre-collection assessment (§4.1.1 a) on a candidate sample; records it in DuckDB."""
    _run("assessment", **kw)


@sources.command("verify")
@_assess_options
def verify_cmd(**kw: Any) -> None:
    """Post-collection verification (§4.1.1 b) on the collected data; records it in DuckDB."""
    _run("verification", **kw)


@sources.command("sample")
@click.option("--registry", "registry_path", required=True, type=click.Path(dir_okay=False),
              help="Source registry (TOML).")
@click.option("--source", "source_ids", multiple=True, help="Source id (repeatable).")
@click.option("--all", "all_sources", is_flag=True, help="Every source in the registry.")
@click.option("--input", "inputs", multiple=True,
              help="Documents to sample (default: the sources' registry locations).")
@click.option("--sample-size", type=int, required=True, help="Documents to draw per source.")
@click.option("--seed", type=int, required=True, help="Sampling seed (record it: it reproduces the sample).")
@click.option("--output", "--out", "out", cls=OneName, type=click.File("w"), default="-",
              help="JSONL of sampled docs (default stdout).")
def sample_cmd(registry_path: str, source_ids: tuple[str, ...], all_sources: bool, inputs: tuple[str, ...],
               sample_size: int, seed: int, out) -> None:
    """Write the seeded sample (in key order) without assessing it: URLs to fetch, or items to label."""
    from gensafe.admission.assess import draw_samples, sample_specs
    from gensafe.admission.inputs import InputError

    reg = _load(registry_path)
    if all_sources == bool(source_ids):
        raise click.UsageError("give --source ID (repeatable) or --all")
    ids = reg.ids if all_sources else list(source_ids)
    try:
        specs, _ = sample_specs(reg, ids, list(inputs) or None)
        sampler, _, rejects = draw_samples(specs, sample_size, seed, allowed=ids)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    if rejects:
        click.echo(f"warning: {len(rejects)} bad input record(s) left out of the sample, e.g.", err=True)
        for _, m in rejects[:3]:
            click.echo(f"    {m}", err=True)
    for sid in ids:
        for rank, (key, doc_id, row) in enumerate(sampler.sample(sid)):
            out.write(json.dumps({"source_id": sid, "rank": rank, "key": key, "doc_id": doc_id,
                                  "url": row.get("url"), "text": row.get("text")}, ensure_ascii=False) + "\n")


def register(main: click.Group) -> None:
    main.add_command(sources)
