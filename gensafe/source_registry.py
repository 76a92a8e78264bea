"""The source registry: one TOML file listing every data source.

§4.1.1 Note 2 defines a data source as "a domain name, a data provider, an
open-source training dataset, or the like"; §4.1.2 asks for several sources
per language and modality and a reasonable domestic/foreign mix; §4.1.3 asks
for licences, contracts, commitments and consent records.  The registry is
where those facts live, so it is validated strictly: every error names the
file, the source and the field.

Format::

    [[source]]
    id = "news-example-cn"          # unique, [A-Za-z0-9._:/@+-]
    kind = "domain"                 # domain|provider|open_source|commercial|self_collected|user_input
    location = ["data/news/*.jsonl"]  # paths, globs or URLs (string or list)
    languages = ["zh"]
    modality = "text"               # text|image|audio|video
    origin = "domestic"             # domestic|foreign
    license = "CC-BY-4.0"           # SPDX expression (optional)
    authorizations = []             # document references
    contracts = []
    commitments = []
    consent = []
    description = "..."
    batch = "2025Q1"                # optional training batch(es): string or list
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

KINDS = ("domain", "provider", "open_source", "commercial", "self_collected", "user_input")
MODALITIES = ("text", "image", "audio", "video")
ORIGINS = ("domestic", "foreign")
_LIST_FIELDS = ("location", "languages", "authorizations", "contracts", "commitments", "consent", "batch")
_FIELDS = ("id", "kind", "location", "languages", "modality", "origin", "license", "authorizations",
           "contracts", "commitments", "consent", "description", "batch")
_ID_RE = re.compile(r"^[A-Za-z0-9._:/@+\-]+$")


class RegistryError(Exception):
    """A user error in a source registry file (message names file, source, field)."""


@dataclass(frozen=True)
class SourceInfo:
    """One registered data source."""

    id: str
    kind: str
    location: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    modality: str = "text"
    origin: str = "domestic"
    license: str | None = None
    authorizations: tuple[str, ...] = ()
    contracts: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    consent: tuple[str, ...] = ()
    description: str = ""
    batch: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}


@dataclass
class Registry:
    """The validated registry: sources by id, the file and its content hash."""

    path: str
    hash: str
    sources: dict[str, SourceInfo] = field(default_factory=dict)
    #: non-fatal findings (missing contracts for a commercial source, …)
    warnings: list[str] = field(default_factory=list)

    def get(self, source_id: str) -> SourceInfo | None:
        return self.sources.get(source_id)

    def __iter__(self) -> Iterator[SourceInfo]:
        return iter(self.sources.values())

    def __len__(self) -> int:
        return len(self.sources)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self.sources

    @property
    def ids(self) -> list[str]:
        return list(self.sources)


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise RegistryError(f"{where}: expected a string or a list of strings, got {value!r}")


@functools.lru_cache(maxsize=1)
def spdx_licensing() -> Any:
    """Built once per process: building it reads the whole SPDX list (~0.05-0.1 s a call)."""
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def _check_license(expr: str, where: str) -> str:
    from license_expression import ExpressionError

    licensing = spdx_licensing()
    try:
        parsed = licensing.parse(expr, validate=False, strict=False)
    except ExpressionError as exc:
        raise RegistryError(f"{where}: not a valid SPDX expression {expr!r} ({exc})") from None
    if parsed is None:
        raise RegistryError(f"{where}: empty licence expression")
    # SPDX allows user-defined ids as LicenseRef-…; every other id must be on the SPDX list
    unknown = [k for k in licensing.unknown_license_keys(parsed)
               if not (k.startswith("LicenseRef-") or k.startswith("DocumentRef-"))]
    if unknown:
        raise RegistryError(f"{where}: not a valid SPDX expression {expr!r} (unknown license key(s): {', '.join(unknown)})")
    return expr


def _parse_source(raw: Any, index: int, path: str) -> tuple[SourceInfo, list[str]]:
    where0 = f"{path}: [[source]] #{index}"
    if not isinstance(raw, dict):
        raise RegistryError(f"{where0}: expected a table")
    sid = raw.get("id")
    if not isinstance(sid, str) or not sid:
        raise RegistryError(f"{where0}: field 'id': required (a non-empty string)")
    where = f"{path}: source {sid!r}"
    if not _ID_RE.match(sid):
        raise RegistryError(f"{where}: field 'id': only letters, digits and . _ : / @ + - are allowed")
    unknown = sorted(set(raw) - set(_FIELDS))
    if unknown:
        raise RegistryError(f"{where}: unknown field(s) {unknown}; known: {list(_FIELDS)}")
    values: dict[str, Any] = {"id": sid}
    for name in _LIST_FIELDS:
        if name in raw:
            values[name] = _str_list(raw[name], f"{where}: field {name!r}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise RegistryError(f"{where}: field 'kind': {kind!r} is not one of {', '.join(KINDS)}")
    values["kind"] = kind
    modality = raw.get("modality", "text")
    if modality not in MODALITIES:
        raise RegistryError(f"{where}: field 'modality': {modality!r} is not one of {', '.join(MODALITIES)}")
    values["modality"] = modality
    origin = raw.get("origin")
    if origin not in ORIGINS:
        raise RegistryError(f"{where}: field 'origin': {origin!r} is not one of {', '.join(ORIGINS)} (required)")
    values["origin"] = origin
    if not values.get("languages"):
        raise RegistryError(f"{where}: field 'languages': required (a non-empty list such as [\"zh\"])")
    lic = raw.get("license")
    if lic is not None:
        if not isinstance(lic, str):
            raise RegistryError(f"{where}: field 'license': expected an SPDX expression string")
        values["license"] = _check_license(lic, f"{where}: field 'license'")
    desc = raw.get("description", "")
    if not isinstance(desc, str):
        raise RegistryError(f"{where}: field 'description': expected a string")
    values["description"] = desc
    info = SourceInfo(**values)
    warnings: list[str] = []
    # §4.1.3: what each kind of source must be able to show (reported, not fatal)
    if kind == "open_source" and not info.license and not info.authorizations:
        warnings.append(f"{where}: open-source source has neither 'license' nor 'authorizations' (§4.1.3 a)")
    if kind == "commercial" and not (info.contracts and info.commitments):
        warnings.append(f"{where}: commercial source lacks 'contracts' and/or 'commitments' (§4.1.3 c)")
    if kind == "user_input" and not info.consent:
        warnings.append(f"{where}: user-input source has no 'consent' records (§4.1.3 d)")
    if not info.location:
        warnings.append(f"{where}: no 'location' (sources assess/verify will need --input)")
    return info, warnings


def parse_registry(text: str, path: str = "<registry>") -> Registry:
    """Validate registry TOML text; raises :class:`RegistryError`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: invalid TOML: {exc}") from None
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise RegistryError(f"{path}: unknown top-level key(s) {unknown}; sources are [[source]] tables")
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list) or not raw_sources:
        raise RegistryError(f"{path}: no [[source]] tables")
    reg = Registry(path=path, hash=hashlib.sha256(text.encode("utf-8")).hexdigest())
    for i, raw in enumerate(raw_sources, 1):
        info, warnings = _parse_source(raw, i, path)
        if info.id in reg.sources:
            raise RegistryError(f"{path}: source {info.id!r}: field 'id': duplicate id (entry #{i})")
        reg.sources[info.id] = info
        reg.warnings.extend(warnings)
    return reg


def load_registry(path: str | Path) -> Registry:
    """Read and validate a registry file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegistryError(f"{p}: cannot read registry ({exc.strerror})") from None
    return parse_registry(text, str(p))


REGISTRY_DDL = """
CREATE TABLE IF NOT EXISTS sources_registry (
    registry_hash VARCHAR NOT NULL,
    run_id VARCHAR,
    registry_path VARCHAR,
    source_id VARCHAR NOT NULL,
    kind VARCHAR, modality VARCHAR, origin VARCHAR, license VARCHAR,
    languages VARCHAR[], location VARCHAR[], batch VARCHAR[],
    authorizations VARCHAR[], contracts VARCHAR[], commitments VARCHAR[], consent VARCHAR[],
    description VARCHAR,
    loaded_at TIMESTAMP DEFAULT current_timestamp
)
"""


def store_registry(con, reg: Registry, run_id: str | None = None) -> int:
    """Record this registry version in ``sources_registry`` (idempotent per hash and run)."""
    con.execute(REGISTRY_DDL)
    exists = con.execute(
        "SELECT count(*) FROM sources_registry WHERE registry_hash = ? AND run_id IS NOT DISTINCT FROM ?",
        [reg.hash, run_id]).fetchone()[0]
    if exists:
        return 0
    rows = [[reg.hash, run_id, reg.path, s.id, s.kind, s.modality, s.origin, s.license, list(s.languages),
             list(s.location), list(s.batch), list(s.authorizations), list(s.contracts), list(s.commitments),
             list(s.consent), s.description] for s in reg]
    con.executemany(
        "INSERT INTO sources_registry (registry_hash, run_id, registry_path, source_id, kind, modality, origin,"
        " license, languages, location, batch, authorizations, contracts, commitments, consent, description)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def diversity_report(reg: Registry) -> dict[str, Any]:
    """§4.1.2 / B.2.1.1.2: sources per language and modality, domestic/foreign mix per batch.

    A language or modality served by a single source is flagged, since the
    standard asks for "multiple sources of training data for each language …
    as well as for each type of training data".
    """
    batches: dict[str, list[SourceInfo]] = {"(all)": list(reg)}
    if any(s.batch for s in reg):
        for s in reg:
            for b in (s.batch or ("(no batch)",)):
                batches.setdefault(b, []).append(s)

    def summarize(sources: list[SourceInfo]) -> dict[str, Any]:
        by_lang: dict[str, list[str]] = {}
        by_mod: dict[str, list[str]] = {}
        origin = {"domestic": 0, "foreign": 0}
        for s in sources:
            for lang in s.languages:
                by_lang.setdefault(lang, []).append(s.id)
            by_mod.setdefault(s.modality, []).append(s.id)
            origin[s.origin] += 1
        flags = [f"language {k!r} depends on a single source ({v[0]})" for k, v in sorted(by_lang.items()) if len(v) == 1]
        flags += [f"modality {k!r} depends on a single source ({v[0]})" for k, v in sorted(by_mod.items()) if len(v) == 1]
        if origin["foreign"] and not origin["domestic"]:
            flags.append("only foreign sources: no domestic data to combine with (§4.1.2 b)")
        total = len(sources)
        return {
            "n_sources": total,
            "languages": {k: sorted(v) for k, v in sorted(by_lang.items())},
            "modalities": {k: sorted(v) for k, v in sorted(by_mod.items())},
            "origin": origin,
            "foreign_share": (origin["foreign"] / total) if total else 0.0,
            "flags": flags,
        }

    return {"registry": reg.path, "registry_hash": reg.hash,
            "batches": {b: summarize(v) for b, v in batches.items()},
            "warnings": list(reg.warnings)}


def registry_json(reg: Registry) -> str:
    return json.dumps([s.to_dict() for s in reg], ensure_ascii=False)
