"""Every table and key a pipeline file may hold, and the check that it holds no other.

A misspelt key (``dri`` for ``dir``, ``[[policy.removes]]``) used to be
ignored, so a run silently wrote somewhere else or removed nothing.  The
schema below is the one list of what the file may say; the loader rejects
anything else with a "did you mean", and ``docs/pipeline_file.md`` is
checked against it by a test so the page cannot drift from the code.

Stage options (the keys of a ``[[stages]]`` entry besides ``type``) belong
to each stage, which validates its own.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from typing import Any, Iterable

from gensafe import storage
from gensafe.errors import ConfigError


@dataclass(frozen=True)
class Key:
    """One key of a table: its TOML type, its default as the docs show it, and what it does."""

    name: str
    type: str
    default: str
    doc: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    """A table (``[name]``) or an array of tables (``[[name]]``) of the pipeline file."""

    name: str
    array: bool
    keys: tuple[Key, ...]
    doc: str
    #: other keys are allowed and checked elsewhere (a stage's options)
    open: bool = False

    def key_names(self) -> list[str]:
        return [k.name for k in self.keys]


TABLES: tuple[Table, ...] = (
    Table("pipeline", False, (
        Key("name", "string", "the file's name without .toml", "Name of the pipeline; recorded with every run."),
        Key("description", "string", '""', "What the pipeline is for (shown nowhere else; for the reader)."),
        Key("extends", "path", "none", "A pipeline file this one builds on (see docs/architecture.md); its "
            "stages, rules and tables come first."),
        Key("registry", "path", "none", "The source registry (docs/admission.md); the license, records and "
            "robots stages read it."),
    ), "The pipeline's identity."),
    Table("inputs", True, (
        Key("path", "path or glob", "required", "A file, a folder, a glob (`data/*.jsonl`) or a bucket URI.",
            required=True),
        Key("format", "string", "from the file name", "`jsonl`, `parquet`, `csv` or `hf` (a Hugging Face "
            "`save_to_disk` folder)."),
        Key("dataset", "string", "the path's stem", "Dataset name; the source id of records without one."),
        Key("fields", "table", "the names below", "Which field of a record holds what (`inputs.fields`)."),
        Key("source", "string", "none", "A fixed source id for every record of this input."),
        Key("split", "string", '"train"', "The split of a Hugging Face dataset."),
    ), "One table per input; a run reads them all."),
    Table("inputs.fields", False, (
        Key("text", "string", '"text"', "The field that holds the document text."),
        Key("id", "string", '"id"', "The document id (a string as it is; any other JSON value as `json:` and "
            "its JSON text; none: `sha1:` of the text)."),
        Key("url", "string", '"url"', "The document's URL (its registered domain is the source when none is "
            "given)."),
        Key("source", "string", '"source"', "The source id."),
        Key("timestamp", "string", '"timestamp"', "Collection time, ISO 8601."),
        Key("license", "string", '"license"', "The document's licence (SPDX expression)."),
        Key("lang", "string", '"lang"', "The language."),
    ), "Field names of an input's records, e.g. `fields = { text = \"content\" }`."),
    Table("stages", True, (
        Key("type", "string", "required", "A built-in stage (`keywords`, `classifier`, `pii`, `license`, "
            "`records`, `robots`, …) or `module:Class`.", required=True),
    ), "The taggers, in order; every other key is an option of that stage.", open=True),
    Table("policy", False, (
        Key("remove", "array of tables", "required", "The removal rules (`[[policy.remove]]`); write "
            "`policy.remove = []` for a run that only annotates.", required=True),
    ), "The decision step."),
    Table("policy.remove", True, (
        Key("reason", "string", "required", "Recorded in `reasons` (`reason:code` for risk rules).",
            required=True),
        Key("risks", "string", "none", "A `list<string>` column of risk codes; the rule fires on its codes."),
        Key("confirm", "string", "none", "Only codes also in this column (with `risks`)."),
        Key("match", "string", '"code"', "`code` or `group`: how `confirm` must agree."),
        Key("flag", "string", "none", "A `bool` column; the rule fires when it is false."),
        Key("codes", "list of strings", "all", "Limit a risk rule to these codes or groups (`A1`, `A2d`)."),
    ), "One removal rule; exactly one of `risks` or `flag`."),
    Table("output", False, (
        Key("dir", "path", '"out/<name>" in the current folder', "Output folder (or bucket prefix) for "
            "`kept/`, `removed/` and the run's records."),
        Key("shard_rows", "integer", "100000", "Rows per output shard at most."),
        Key("shard_bytes", "integer", "268435456", "Bytes per output shard at most (about)."),
        Key("columns", "list of strings", "[]", "Annotation columns to write into every shard as well "
            "(e.g. `risk_codes`, `clf_scores`)."),
    ), "Where the shards go."),
    Table("store", False, (
        Key("db", "path", '"<output.dir>/audit.duckdb"', "The DuckDB audit database (a local file)."),
    ), "The audit database."),
    Table("execution", False, (
        Key("workers", "integer", "1", "Worker processes."),
        Key("batch_size", "integer", "2048", "Records per batch through the stages."),
        Key("chunk_bytes", "integer", "67108864", "Plain JSONL files larger than this are split into tasks."),
        Key("max_doc_bytes", "integer", "8388608", "Longer documents are rejected."),
    ), "How the work is split."),
)

BY_NAME = {t.name: t for t in TABLES}
TOP = [t.name for t in TABLES if "." not in t.name]

#: stage options that name files or folders: like every path in the file, relative to the file
PATH_OPTIONS = frozenset({"library", "model", "registry", "cache", "snapshot_root", "db", "policy"})


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'dir'?)`` for a near miss, else an empty string."""
    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {near[0]!r}?)" if near else ""


def _unknown(path: str, where: str, key: str, known: list[str]) -> ConfigError:
    return ConfigError(f"{path}: unknown key {where}{key!r}{did_you_mean(key, known)}; "
                       f"known: {', '.join(known)}")


def _check_keys(path: str, table: Table, value: Any, where: str) -> None:
    kind = "[[" + table.name + "]]" if table.array else "[" + table.name + "]"
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: {where.rstrip('.') or table.name} must be a table ({kind})")
    names = table.key_names()
    if not table.open:
        for key in value:
            if key not in names:
                raise _unknown(path, where, key, names)
    for k in table.keys:
        if k.required and k.name not in value:
            raise ConfigError(f"{path}: {where.rstrip('.') or table.name} needs {k.name!r} ({k.doc})")
        v = value.get(k.name)
        if v is None:
            continue
        if k.type in ("string", "path", "path or glob") and not isinstance(v, str):
            raise ConfigError(f"{path}: {where}{k.name} must be a {k.type}, got {v!r}")


def validate(raw: dict[str, Any], path: str) -> None:
    """Raise ``ConfigError`` naming the file and key of the first table or key the schema does not allow.

    Run on the resolved pipeline (after ``extends``).  A pipeline must say
    what it removes: no ``[policy]`` at all is an error, and a run that only
    annotates writes ``policy.remove = []``.
    """
    for key in raw:
        if key not in TOP:
            raise ConfigError(f"{path}: unknown table [{key}]{did_you_mean(key, TOP)}; known: {', '.join(TOP)}")
    for name in TOP:
        table = BY_NAME[name]
        if name not in raw:
            continue
        value = raw[name]
        if table.array:
            if not isinstance(value, list):
                raise ConfigError(f"{path}: {name} must be an array of tables ([[{name}]])")
            for i, entry in enumerate(value):
                _check_keys(path, table, entry, f"{name}[{i}].")
                sub = BY_NAME.get(f"{name}.fields")
                if sub and isinstance(entry.get("fields"), dict):
                    _check_keys(path, sub, entry["fields"], f"{name}[{i}].fields.")
        else:
            _check_keys(path, table, value, f"{name}.")
    if "policy" not in raw:
        raise ConfigError(f"{path}: no [[policy.remove]] rules, so nothing would be removed; add rules, or "
                          "write `policy.remove = []` under [policy] for a run that only annotates")
    rules = raw["policy"]["remove"]
    if not isinstance(rules, list):
        raise ConfigError(f"{path}: policy.remove must be an array of tables ([[policy.remove]])")
    rule_keys = BY_NAME["policy.remove"].key_names()
    for i, rule in enumerate(rules):
        if isinstance(rule, dict):
            for key in rule:
                if key not in rule_keys:
                    raise _unknown(path, f"policy.remove[{i}].", key, rule_keys)


def _anchor(value: Any, base_dir: str) -> Any:
    if not isinstance(value, str) or not value or os.path.isabs(value) or storage.is_uri(value):
        return value
    return os.path.normpath(os.path.join(base_dir, value)) if base_dir else value


def anchor_paths(raw: dict[str, Any], base_dir: str) -> dict[str, Any]:
    """``raw`` with its relative paths made relative to ``base_dir`` (the folder of the file they are in).

    Paths in a pipeline file mean the same whichever folder ``gensafe run``
    starts in: input paths and globs, ``output.dir``, ``store.db``,
    ``pipeline.registry``/``extends`` and the path options of stages.
    """
    out = dict(raw)
    if isinstance(out.get("pipeline"), dict):
        out["pipeline"] = {k: _anchor(v, base_dir) if k == "registry" else v for k, v in out["pipeline"].items()}
    if isinstance(out.get("inputs"), list):
        out["inputs"] = [dict(d, path=_anchor(d["path"], base_dir)) if isinstance(d, dict) and "path" in d else d
                         for d in out["inputs"]]
    for table, key in (("output", "dir"), ("store", "db")):
        if isinstance(out.get(table), dict) and key in out[table]:
            out[table] = dict(out[table], **{key: _anchor(out[table][key], base_dir)})
    if isinstance(out.get("stages"), list):
        out["stages"] = [{k: _anchor(v, base_dir) if k in PATH_OPTIONS else v for k, v in s.items()}
                         if isinstance(s, dict) else s for s in out["stages"]]
    return out
