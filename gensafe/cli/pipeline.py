"""Core commands: run a pipeline, report qualified rates, score a file, version."""
from __future__ import annotations

import json
import sys

import click

from gensafe import __version__
from gensafe.cli.options import db_option, run_id_option
from gensafe.taxonomy import unsafe_summary


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


@click.command("run")
@click.argument("pipeline", type=click.Path(dir_okay=False))
@click.option("--workers", "-w", type=click.IntRange(min=1), help="Worker processes (default: the pipeline's execution.workers).")
@click.option("--output", "-o", "output", metavar="DIR|URI",
              help="Output directory or bucket prefix, e.g. s3://bucket/run (default: the pipeline's output.dir).")
@db_option(help="DuckDB audit database, a local file (default: the pipeline's store.db).")
@click.option("--overwrite", is_flag=True, help="Discard an existing output directory instead of resuming it.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Read only the first N records of each input file (a quick look; recorded with the run).")
@click.option("--sample", type=click.FloatRange(0, 1, min_open=True), metavar="FRACTION",
              help="Read a random FRACTION of the records (0 < FRACTION ≤ 1), drawn with --seed; recorded with the run.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the --sample draw.")
@click.option("--dry-run", is_flag=True,
              help="Validate the pipeline, list its inputs, tasks and stages, and exit without reading or writing.")
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Run the tasks in local worker processes or on a Ray cluster.")
@click.option("--address", help="Ray cluster address (with --executor ray).")
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary (or the --dry-run plan) as JSON.")
@click.option("--sign-key", envvar="GENSAFE_SIGN_KEY", type=click.Path(dir_okay=False),
              help="Ed25519 private key (PEM) that signs the run's chain receipt [env GENSAFE_SIGN_KEY].")
def run_cmd(pipeline: str, workers: int | None, output: str | None, db: str | None, overwrite: bool,
            limit: int | None, sample: float | None, seed: int, dry_run: bool,
            executor: str, address: str | None, no_progress: bool, as_json: bool, sign_key: str | None) -> None:
    """Filter the inputs of PIPELINE into kept/ and removed/ Parquet shards and an audit DuckDB.

    Re-running the same command after a crash resumes: finished tasks are skipped.
    Inputs and the output may be local or in a bucket (s3://, gs://, hf://; see docs/storage.md).
    """
    from gensafe.chain.receipt import ReceiptError, load_private_key
    from gensafe.config import check_db, default_db, load_pipeline
    from gensafe.errors import ConfigError, RunError
    from gensafe import storage
    from gensafe.executor import LocalExecutor, describe_run, run_pipeline
    from gensafe.stages import StageError
    from gensafe.storage import StorageError
    from gensafe.subset import Subset

    try:
        cfg = load_pipeline(pipeline)
        if sign_key:
            load_private_key(sign_key)  # a bad key stops the run before its work, not after
            cfg.sign_key = sign_key
        if workers:
            cfg.workers = workers
        if output:
            cfg.output_dir = output
            if db is None and "db" not in cfg.raw.get("store", {}):
                cfg.db = default_db(output, cfg.name)
        if db:
            cfg.db = check_db(db, "--db")
        if limit is not None or sample is not None:
            cfg.subset = Subset(limit=limit, sample=sample, seed=seed)
        if dry_run:
            plan = describe_run(cfg)
            click.echo(json.dumps(plan, indent=1, ensure_ascii=False) if as_json else _plan_text(plan))
            return
        if executor == "ray":
            try:
                import ray  # noqa: F401  (checked before any work; the executor imports it when it starts)

                from gensafe.ray_executor import RayExecutor
            except ImportError as exc:
                raise click.ClickException(f"--executor ray needs Ray: pip install 'gensafe[ray]' ({exc})") from None
            ex = RayExecutor(address=address, workers=cfg.workers)
        else:
            ex = LocalExecutor(cfg.workers)
        res = run_pipeline(cfg, executor=ex, overwrite=overwrite, progress=not no_progress and not as_json)
    except (ConfigError, RunError, StageError, ReceiptError) as exc:
        raise _fail(exc) from None
    except (StorageError, OSError) as exc:  # a bucket that is missing or refuses us, a store out of reach
        raise click.ClickException(storage.one_line(exc)) from None
    if as_json:
        click.echo(json.dumps(res.__dict__, indent=1, ensure_ascii=False))
        return
    if res.already_recorded:
        click.echo(f"nothing to do: this output is already recorded as run {res.run_id} in {res.db} "
                   f"({res.input_records} records — kept {res.kept}, removed {res.removed}, rejected {res.rejected}); "
                   "use --overwrite to run it again")
        return
    if res.stale_tasks:
        click.echo(f"  {res.stale_tasks} finished task(s) discarded: their input changed or vanished since", err=True)
    click.echo(f"run {res.run_id}: {res.input_records} records ({_size(res.input_bytes)}) in {res.seconds:.1f}s"
               f" — kept {res.kept}, removed {res.removed}, rejected {res.rejected}"
               + (f"; resumed, {res.skipped_tasks} of {res.tasks} tasks already done" if res.skipped_tasks else ""))
    for r in res.rejections[:10]:
        click.echo(f"  rejected {r}", err=True)
    if res.rejected > 10:
        click.echo(f"  … {res.rejected - 10} more in the `rejected` table", err=True)
    click.echo(f"shards in {res.output_dir}/kept and {res.output_dir}/removed; audit database {res.db}")
    click.echo(f"chain head {res.manifest_sha256} (previous {res.prev_manifest_sha256 or 'none'}); "
               f"{'signed ' if res.signed else ''}receipt {res.receipt}")


def _existing(path: str) -> str:
    """A local file or folder that exists, or an object-store URI (checked when it is read)."""
    import os

    from gensafe import storage

    if not storage.is_uri(path) and not os.path.exists(path):
        raise click.BadParameter(f"{path!r} does not exist.", param_hint="'INPUT'")
    return path


def _size(n: float) -> str:
    """Bytes for people: 512 B, 12.3 kB, 4.5 MB, 1.2 GB (powers of 1000, as the progress bar's 'B' are not)."""
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


def _plan_text(plan: dict) -> str:
    """``run --dry-run`` for people."""
    lines = [f"pipeline {plan['pipeline']} ({plan['config']}), config {plan['config_hash'][:12]}: valid"]
    if plan["subset"]:
        lines.append("reading only: " + ", ".join(f"{k} {v}" for k, v in plan["subset"].items()))
    lines.append(f"inputs ({len(plan['inputs'])}):")
    for i, inp in enumerate(plan["inputs"]):
        lines.append(f"  [{i}] {inp['path']}  {inp['format']}, dataset {inp['dataset']}: "
                     f"{inp['files']} file(s), {_size(inp['bytes'])}")
        for f in inp["listed"]:
            lines.append(f"      {f['file']}  {_size(f['bytes'])}")
        if inp["files"] > len(inp["listed"]):
            lines.append(f"      … {inp['files'] - len(inp['listed'])} more")
    lines.append(f"tasks: {plan['tasks']} ({_size(plan['task_bytes'])}), {plan['workers']} worker(s)")
    for t in plan["listed_tasks"]:
        rng = "" if t["end"] < 0 else f"  bytes {t['start']:,}–{t['end']:,}"
        lines.append(f"  {t['task_id']}  {t['file']}{rng}")
    if plan["tasks"] > len(plan["listed_tasks"]):
        lines.append(f"  … {plan['tasks'] - len(plan['listed_tasks'])} more")
    lines.append(f"stages ({len(plan['stages'])}):")
    for i, st in enumerate(plan["stages"], 1):
        cols = ", ".join(st["columns"]) or "(columns not declared)"
        lines.append(f"  {i}. {st['type']} → {cols}")
    lines.append(f"policy ({len(plan['policy'])} rule(s)):")
    for r in plan["policy"]:
        what = f"risks {r['risks']}" if r.get("risks") else f"flag {r.get('flag')}"
        extra = f", confirmed by {r['confirm']} ({r.get('match', 'code')})" if r.get("confirm") else ""
        lines.append(f"  remove '{r['reason']}' on {what}{extra}")
    if plan["output_columns"]:
        lines.append("shard annotation columns: " + ", ".join(plan["output_columns"]))
    lines.append(f"output {plan['output_dir']}; audit database {plan['db']}")
    lines.append("dry run: nothing was read or written")
    return "\n".join(lines)


@click.command("report", help=f"Per-source qualified rates (documents free of the {unsafe_summary()}) of a run, "
                                "and removals per rule.")
@db_option(required=True, help="DuckDB audit database, e.g. out/quickstart/audit.duckdb.")
@run_id_option()
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def report_cmd(db: str, run_id: str | None, as_json: bool) -> None:
    from gensafe.store import removal_rules, source_report

    try:
        run_id, rows = source_report(db, run_id)
        rules = removal_rules(db, run_id)
    except (FileNotFoundError, LookupError) as exc:
        raise _fail(exc) from None
    keys = ["source_id", "documents", "qualified", "unqualified", "qualified_rate", "kept", "removed"]
    if as_json:
        click.echo(json.dumps({"run_id": run_id, "sources": [dict(zip(keys, r)) for r in rows],
                               "removed_by_rule": dict(rules)}, indent=1))
        return
    click.echo(f"run {run_id}")
    w = max([len("source")] + [len(str(r[0])) for r in rows])
    click.echo(f"{'source':<{w}}  {'docs':>8}  {'qualified':>9}  {'unsafe':>7}  {'rate':>7}  {'kept':>8}  {'removed':>7}")
    tot = [0, 0, 0, 0, 0]
    for s, d, q, u, rate, k, rm in rows:
        flag = "  ✗ >5% unsafe" if d and u / d > 0.05 else ""
        click.echo(f"{s:<{w}}  {d:>8}  {q:>9}  {u:>7}  {rate:>7.2%}  {k:>8}  {rm:>7}{flag}")
        for i, v in enumerate((d, q, u, k, rm)):
            tot[i] += v
    if rows:
        click.echo(f"{'total':<{w}}  {tot[0]:>8}  {tot[1]:>9}  {tot[2]:>7}  {tot[1] / tot[0]:>7.2%}  {tot[3]:>8}  {tot[4]:>7}")
    if rules:
        click.echo("\nremoved by rule (a document removed for several reasons counts under each)")
        rw = max(len(r) for r, _ in rules)
        for rule, n in rules:
            click.echo(f"  {rule:<{rw}}  {n:>7}")
    click.echo(f"\nqualified = free of the {unsafe_summary()}; a source over 5 % unsafe fails §4.1.1.\n"
               "Removals for provenance or personal information do not make a document unqualified.")


@click.command("score")
@click.argument("input_path", metavar="INPUT", callback=lambda ctx, param, v: _existing(v))
@click.option("--output", "-o", required=True, help="Output file (.jsonl or .parquet).")
@click.option("--pipeline", "pipeline_path", help="Pipeline file (default: the bundled pipelines/default.toml).")
@click.option("--text-field", default="text", show_default=True, help="The field of each record that holds its text.")
def score_cmd(input_path: str, output: str, pipeline_path: str | None, text_field: str) -> None:
    """Annotate every record of INPUT with `unsafe`, `risks`, keyword hits, classifier scores and `pii`."""
    from gensafe.config import FieldMap
    from gensafe.errors import ConfigError
    from gensafe.pipeline import Pipeline
    from gensafe.scoring import score_file
    from gensafe.stages import StageError

    try:
        pipe = Pipeline.from_file(pipeline_path)
        n, rejected = score_file(input_path, output, pipe, FieldMap(text=text_field))
    except (ConfigError, StageError, ValueError, OSError) as exc:
        raise _fail(exc) from None
    missing = f"missing text field {text_field!r}"
    if not n and rejected and all(r.reason == missing for r in rejected):
        import os

        os.remove(output)  # an empty file would look like a result
        raise click.ClickException(f"no record of {input_path} has the text field {text_field!r} "
                                   f"({len(rejected)} records read); name the field with --text-field")
    for r in rejected[:10]:
        click.echo(f"rejected {r.message()}", err=True)
    if len(rejected) > 10:
        click.echo(f"… {len(rejected) - 10} more rejected", err=True)
    click.echo(f"scored {n} records into {output}" + (f"; {len(rejected)} rejected" if rejected else ""))


@click.command("version")
@click.option("--json", "as_json", is_flag=True, help="Print the versions as JSON.")
def version_cmd(as_json: bool) -> None:
    """Versions of gensafe, its default keyword library and model."""
    info = {"gensafe": __version__, "python": sys.version.split()[0]}
    try:
        from gensafe.pipeline import Pipeline

        pipe = Pipeline.from_file()
        for s in pipe.stages:
            try:
                s.setup()
                info.update(s.provenance())
            except Exception as exc:  # a missing optional resource should not hide the version
                info[f"{s.name}_error"] = str(exc)
    except Exception as exc:
        info["default_pipeline_error"] = str(exc)
    if as_json:
        click.echo(json.dumps(info, indent=1))
    else:
        for k, v in info.items():
            if isinstance(v, dict):  # e.g. the library's coverage: one line, the headline
                v = ", ".join(f"{kk}={vv}" for kk, vv in v.items() if not isinstance(vv, (dict, list)))
            click.echo(f"{k}: {v}")


def register(main: click.Group) -> None:
    for cmd in (run_cmd, report_cmd, score_cmd, version_cmd):
        main.add_command(cmd)
