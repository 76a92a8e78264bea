"""``gensafe model``: train, evaluate and inspect risk classifiers."""
from __future__ import annotations

import json

import click

from gensafe.cli.options import OneName

from gensafe.classifier.data import DataError, read_many, split_examples
from gensafe.classifier.model import ModelError, default_model_dir, load_model
from gensafe.taxonomy import CODES


@click.group("model", help=f"Train, evaluate and inspect the risk classifier ({len(CODES)} codes + any-unsafe).")
def model() -> None:
    """The ``gensafe model`` group (its help text counts the codes in the taxonomy)."""


@model.command("train")
@click.option("--data", "data", multiple=True, required=True, type=click.Path(dir_okay=False),
              help="JSONL with 'text' and 'risks' (list of codes; 'label' safe/unsafe optional). Repeatable.")
@click.option("--negatives", multiple=True, type=click.Path(dir_okay=False),
              help="JSONL of ordinary text used as extra safe examples (only 'text' is read). Repeatable.")
@click.option("--output", "--out", "out_dir", cls=OneName, required=True, type=click.Path(file_okay=False),
              help="Model directory to write.")
@click.option("--name", default="gensafe-model", show_default=True, help="Model name recorded in its metadata and in runs.")
@click.option("--version", "version", default="0", show_default=True, help="Model version recorded with its hash.")
@click.option("--bits", default=18, show_default=True, type=click.IntRange(10, 22), help="Hashing dimension 2**bits.")
@click.option("--val-pct", default=15, show_default=True, type=click.IntRange(1, 50),
              help="Percent of (grouped) examples held out for calibration and thresholds.")
@click.option("--seed", default=20250615, show_default=True, type=int, help="Seed of the validation split and the training.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
def train_cmd(data, negatives, out_dir, name, version, bits, val_pct, seed, as_json) -> None:
    """Train a model from labelled JSONL and write it to --out."""
    from gensafe.classifier.data import parse_record
    from gensafe.classifier.features import FeatureConfig
    from gensafe.classifier.train import TrainConfig, train_model

    try:
        examples = read_many(data)
        for path in negatives:
            import orjson

            with open(path, "rb") as fh:
                for i, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            rec = orjson.loads(line)
                        except orjson.JSONDecodeError as exc:
                            raise DataError(f"{path}:{i}: invalid JSON ({exc})") from None
                        examples.append(parse_record({"text": rec.get("text"), "risks": [], "label": "safe",
                                                      "id": f"negatives:{path}:{i}", "source_dataset": "negatives"},
                                                     f"{path}:{i}"))
    except (DataError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    if not examples:
        raise click.ClickException("no training examples")
    split = split_examples(examples, val_pct=val_pct, test_pct=0)
    if not split.val:
        raise click.ClickException("validation split is empty; add data or raise --val-pct")
    cfg = TrainConfig(features=FeatureConfig(bits=bits), seed=seed)
    log = (lambda *a: None) if as_json else (lambda *a: click.echo(" ".join(map(str, a)), err=True))
    m = train_model(split.train, split.val, cfg, name=name, version=version,
                    provenance={"data": list(data), "negatives": list(negatives)}, log=log)
    m.save(out_dir)
    summary = {"out": out_dir, "n_train": len(split.train), "n_val": len(split.val), "weights_sha256": m.hash,
               "thin_heads": m.meta.get("thin_heads", []), "cascade": m.meta.get("cascade")}
    if as_json:
        click.echo(json.dumps(summary))
    else:
        click.echo(f"wrote {out_dir} (train {len(split.train)}, validation {len(split.val)}, sha256 {m.hash[:16]}…)")
        if summary["thin_heads"]:
            click.echo("heads without enough validation data (fallback thresholds): " + ", ".join(summary["thin_heads"]))


@model.command("eval")
@click.option("--data", "data", required=True, multiple=True, type=click.Path(dir_okay=False),
              help="Labelled JSONL ('text', 'risks', optional 'label'). Repeatable.")
@click.option("--model", "model_dir", type=click.Path(file_okay=False), default=None,
              help="Model directory (default: the shipped model).")
@click.option("--lofo", is_flag=True,
              help="Leave-one-family-out: retrain the any-unsafe head without each source family (source_dataset) "
                   "and judge the default policy's verdict on it; predicts a new data source (slow: one fit per family).")
@click.option("--json", "as_json", is_flag=True, help="Print metrics as JSON.")
def eval_cmd(data, model_dir, lofo, as_json) -> None:
    """Per-risk precision/recall/F1/PR-AUC, micro/macro, groups, any-unsafe head, confusions; the default
    policy's recall and FPR per source family and language (with --lofo: on families held out from training)."""
    from gensafe.classifier.evaluate import evaluate_model, format_report
    from gensafe.classifier.lofo import format_lofo, lofo_report
    from gensafe.verdicts import evaluate_lofo
    from gensafe.verdicts import policy_verdicts

    try:
        m = load_model(model_dir or default_model_dir())
        examples = read_many(data)
    except (ModelError, DataError) as exc:
        raise click.ClickException(str(exc)) from None
    if not examples:
        raise click.ClickException("no examples in --data")
    metrics = evaluate_model(m, examples)
    metrics["model"] = {"name": m.name, "version": m.version, "hash": m.hash}
    verdict = policy_verdicts([e.text for e in examples], m)
    metrics["default_policy"] = lofo_report(examples, verdict.removed, "the model's own thresholds").as_dict()
    if lofo:
        log = (lambda *a: None) if as_json else (lambda *a: click.echo(" ".join(map(str, a)), err=True))
        metrics.update(evaluate_lofo(m, examples, log=log))
    if as_json:
        click.echo(json.dumps(metrics, ensure_ascii=False))
    else:
        click.echo(f"model {m.name} {m.version} ({m.hash[:16]}…)")
        click.echo(format_report(metrics))
        click.echo("\ndefault policy verdict per source family (pipelines/default.toml, this model):")
        click.echo(format_lofo(metrics["default_policy"]))
        if lofo:
            click.echo("\nleave-one-family-out (each family scored by a head trained without it):")
            click.echo(format_lofo(metrics))


@model.command("info")
@click.option("--model", "model_dir", type=click.Path(file_okay=False), default=None,
              help="Model directory (default: the shipped model).")
@click.option("--json", "as_json", is_flag=True, help="Print the model information as JSON.")
def info_cmd(model_dir, as_json) -> None:
    """Show a model's name, version, hash, thresholds and data gaps (verifies the hash)."""
    try:
        m = load_model(model_dir or default_model_dir())
    except ModelError as exc:
        raise click.ClickException(str(exc)) from None
    info = {"name": m.name, "version": m.version, "hash": m.hash, "features": m.features.to_json(),
            "thresholds": m.thresholds, "any_threshold": m.any_threshold, "any_threshold_cjk": m.any_strong_cjk,
            "decision": m.meta.get("decision", "codes"), "thin_codes": m.meta.get("thin_codes", []),
            "thin_heads": m.meta.get("thin_heads", []), "cascade": m.meta.get("cascade")}
    if as_json:
        click.echo(json.dumps(info))
    else:
        click.echo(f"{m.name} {m.version}  sha256 {m.hash}")
        click.echo(f"features: {json.dumps(info['features'])}")
        for c, (s, w) in m.thresholds.items():
            click.echo(f"  {c}: strong {s:.3f} weak {w:.3f}")
        cjk = "" if m.any_strong_cjk is None else f" (mainly-Chinese texts {m.any_strong_cjk:.3f})"
        click.echo(f"  any-unsafe: strong {m.any_threshold[0]:.3f}{cjk} gate {m.any_threshold[1]:.3f}")
        if info["decision"] == "any_head":
            click.echo("decision: the any-unsafe head decides; code heads only name the risk")
        cas = info["cascade"]
        if cas:
            click.echo(f"cascade: {cas['encoder']} {cas['encoder_version']} reads the first {cas['cut']} characters of "
                       f"documents whose any-unsafe logit is >= {cas['lo']:.3f}; its head's logit is added "
                       f"(weight {cas['weight']:.3f})")
        if info["thin_codes"]:
            click.echo("codes that never name a risk (no real training example): " + ", ".join(info["thin_codes"]))
        if info["thin_heads"]:
            click.echo("thin heads: " + ", ".join(info["thin_heads"]))


def register(main: click.Group) -> None:
    main.add_command(model)
