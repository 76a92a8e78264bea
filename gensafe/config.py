"""Pipeline files: one declarative TOML per pipeline, validated up front.

Errors name the file and the offending key so a user never has to read a
traceback to fix a typo.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

from gensafe import storage
from gensafe.config_extends import dump_toml, resolve_extends
from gensafe.config_schema import anchor_paths, did_you_mean, validate
from gensafe.errors import ConfigError
from gensafe.subset import Subset
from gensafe.policy import validate_rules

FORMATS = ("jsonl", "parquet", "csv", "hf")


@dataclass(frozen=True)
class FieldMap:
    """Which input fields hold the text and the provenance attributes."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    source: str = "source"
    timestamp: str = "timestamp"
    license: str = "license"
    lang: str = "lang"

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None, where: str = "fields") -> "FieldMap":
        d = dict(d or {})
        unknown = set(d) - set(cls.__dataclass_fields__)
        if unknown:
            first = sorted(unknown)[0]
            raise ConfigError(f"{where}: unknown field mapping {first!r}"
                              f"{did_you_mean(first, cls.__dataclass_fields__)}; "
                              f"known: {', '.join(cls.__dataclass_fields__)}")
        return cls(**{k: str(v) for k, v in d.items()})


@dataclass(frozen=True)
class InputSpec:
    path: str
    format: str
    dataset: str
    fields: FieldMap
    source: str | None = None  # fixed source id for every record of this input
    split: str | None = None   # for Hugging Face datasets

    def files(self) -> list[str]:
        if self.format == "hf":
            return [self.path]
        if storage.is_uri(self.path):
            if any(c in self.path for c in "*?["):
                return storage.glob(self.path)
            if storage.isfile(self.path):
                return [self.path]
            return [p for p, _ in storage.walk_files(self.path) if _format_or_none(p) == self.format]
        matches = sorted(glob.glob(self.path, recursive=True))
        if not matches and os.path.exists(self.path):
            matches = [self.path]
        if os.path.isdir(self.path):
            matches = sorted(
                str(p) for p in Path(self.path).rglob("*")
                if p.is_file() and detect_format(str(p), None) == self.format
            )
        return matches


@dataclass
class PipelineConfig:
    name: str
    path: str
    raw: dict[str, Any]
    text: str
    inputs: list[InputSpec]
    stages: list[dict[str, Any]]
    policy: list[dict[str, Any]]
    output_dir: str
    db: str
    workers: int = 1
    batch_size: int = 2048
    chunk_bytes: int = 64 * 1024 * 1024
    shard_rows: int = 100_000
    shard_bytes: int = 256 * 1024 * 1024
    max_doc_bytes: int = 8 * 1024 * 1024
    #: the source registry (docs/admission.md); stages that need it inherit it
    registry: str | None = None
    #: an Ed25519 private key (PEM) that signs the run's chain receipt (``gensafe run --sign-key``)
    sign_key: str | None = None
    #: annotation columns written into every shard (``[output] columns``), so a user
    #: can re-threshold from the shards alone
    output_columns: list[str] = field(default_factory=list)
    #: ``gensafe run --limit/--sample``: which records of each input file the run reads
    subset: Subset = field(default_factory=Subset)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def hash(self) -> str:
        """The configuration's identity: the pipeline file, and the cut when only part of the input is read.

        An output folder is tied to it, so a quick ``--limit`` look is never
        resumed into a full run (or the other way round).
        """
        text = self.text
        if self.subset.active:
            text += "\0subset:" + json.dumps(self.subset.describe(), sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def detect_format(path: str, given: str | None) -> str:
    if given:
        if given not in FORMATS:
            raise ConfigError(f"unknown input format {given!r}; expected one of {', '.join(FORMATS)}")
        return given
    p = path.lower()
    for suffix in (".gz", ".zst", ".zstd"):
        if p.endswith(suffix):
            p = p[: -len(suffix)]
    if p.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    if p.endswith((".parquet", ".pq")):
        return "parquet"
    if p.endswith((".csv", ".tsv")):
        return "csv"
    if not storage.is_uri(path) and os.path.isdir(path) and os.path.exists(os.path.join(path, "dataset_info.json")):
        return "hf"
    raise ConfigError(f"cannot tell the format of {path!r}; set format = \"jsonl|parquet|csv|hf\"")


def _format_or_none(path: str) -> str | None:
    try:
        return detect_format(path, None)
    except ConfigError:
        return None


def default_db(output_dir: str, name: str) -> str:
    """The audit database beside the output, or under ``out/<name>/`` when the output is in a bucket.

    DuckDB needs a local file it can lock and update in place, so the
    database of a run that writes to object storage stays on local disk.
    """
    if storage.is_uri(output_dir):
        return os.path.join("out", name, "audit.duckdb")
    return os.path.join(output_dir, "audit.duckdb")


def check_db(db: str, where: str) -> str:
    if storage.is_uri(db):
        raise ConfigError(f"{where}: the audit database must be a local file, not {db!r} "
                          "(DuckDB updates it in place); shards and manifests can go to the bucket")
    return db


def _int(section: dict[str, Any], key: str, default: int, where: str) -> int:
    v = section.get(key, default)
    if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
        raise ConfigError(f"{where}.{key} must be a positive integer, got {v!r}")
    return v


#: columns every shard has anyway, or that never go into one
_NOT_ANNOTATIONS = {"doc_id", "source_id", "text", "text_out", "meta"}


def _output_columns(out: dict[str, Any], path: str) -> list[str]:
    """``[output] columns``: annotation columns for the shards (checked against the stages at run start)."""
    cols = out.get("columns", [])
    if not isinstance(cols, list) or not all(isinstance(c, str) and c for c in cols):
        raise ConfigError(f"{path}: output.columns must be a list of column names, "
                          f"e.g. [\"risk_codes\", \"reasons\", \"clf_scores\", \"pii\"]")
    bad = sorted(set(cols) & _NOT_ANNOTATIONS)
    if bad:
        raise ConfigError(f"{path}: output.columns: {bad} cannot be chosen (every shard has doc_id, source_id "
                          f"and text; the original fields come with them)")
    return list(dict.fromkeys(cols))


def parse_input(d: dict[str, Any], where: str) -> InputSpec:
    if not isinstance(d, dict) or "path" not in d:
        raise ConfigError(f"{where}: each [[inputs]] needs a 'path'")
    unknown = set(d) - {"path", "format", "dataset", "fields", "source", "split"}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}")
    path = str(d["path"])
    fmt = detect_format(path, d.get("format"))
    dataset = str(d.get("dataset") or Path(path.split("*")[0].rstrip("/")).stem or "input")
    return InputSpec(path=path, format=fmt, dataset=dataset,
                     fields=FieldMap.from_dict(d.get("fields"), f"{where}.fields"),
                     source=d.get("source"), split=d.get("split"))


def load_pipeline(path: str | os.PathLike[str]) -> PipelineConfig:
    """Load and validate a pipeline file."""
    path = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read pipeline file {path}: {exc.strerror or exc}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    # paths in the file are relative to the file, whichever folder the run starts in
    return from_dict(anchor_paths(raw, os.path.dirname(path)), path=path, text=text)


def from_dict(raw: dict[str, Any], path: str = "<dict>", text: str | None = None) -> PipelineConfig:
    """Validate a parsed pipeline; ``text`` is what the run records (default: the pipeline as JSON)."""
    if isinstance(raw.get("pipeline"), dict) and "extends" in raw["pipeline"]:
        raw = resolve_extends(raw, path)
        text = dump_toml(raw, header=f"{path} with pipeline.extends resolved (gensafe/config_extends.py)")
    validate(raw, path)
    meta = raw.get("pipeline", {})
    name = str(meta.get("name") or Path(path).stem)
    inputs = [parse_input(d, f"{path}: inputs[{i}]") for i, d in enumerate(raw.get("inputs", []))]
    stages = raw.get("stages", [])
    if not isinstance(stages, list) or not all(isinstance(s, dict) and "type" in s for s in stages):
        raise ConfigError(f"{path}: every [[stages]] entry needs a 'type'")
    policy = raw.get("policy", {}).get("remove", [])
    validate_rules(policy, where=f"{path}: policy.remove")
    out = raw.get("output", {})
    output_dir = str(out.get("dir", os.path.join("out", name)))
    ex = raw.get("execution", {})
    db = check_db(str(raw.get("store", {}).get("db", default_db(output_dir, name))), f"{path}: store.db")
    if text is None:
        text = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
    registry = meta.get("registry")
    if registry is not None and not isinstance(registry, str):
        raise ConfigError(f"{path}: pipeline.registry must be a path")
    return PipelineConfig(
        name=name, path=path, raw=raw, text=text, inputs=inputs, stages=stages, policy=policy,
        output_dir=output_dir, db=db, registry=registry,
        workers=_int(ex, "workers", 1, "execution"),
        batch_size=_int(ex, "batch_size", 2048, "execution"),
        chunk_bytes=_int(ex, "chunk_bytes", 64 * 1024 * 1024, "execution"),
        max_doc_bytes=_int(ex, "max_doc_bytes", 8 * 1024 * 1024, "execution"),
        output_columns=_output_columns(out, path),
        shard_rows=_int(out, "shard_rows", 100_000, "output"),
        shard_bytes=_int(out, "shard_bytes", 256 * 1024 * 1024, "output"),
    )
