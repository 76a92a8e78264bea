"""Pre-collection assessment and post-collection verification (§4.1.1 a, b).

For each source: draw the seeded bottom-k sample (:mod:`.sampling`), run the
content stages on it in ascending key order (a uniformly random order), count
documents carrying any A.1–A.4 code (``taxonomy.UNSAFE_CODES``), decide with
:mod:`.stats`, and record everything an auditor needs in DuckDB:

* ``source_assessments`` – one row per (source, phase) assessment;
* ``assessment_samples`` – the sample manifest: every assessed doc with its
  key, unsafe flag and risk codes, so the numbers can be recomputed;
* ``source_handling`` – what was done with a source over the 5 % limit
  (``not_collected`` after an assessment, ``excluded_from_training`` after a
  verification), as B.2.1.1.1 asks.

The annotation step is any callable ``annotate(batch) -> batch`` adding
``unsafe`` and ``risk_codes``; normally the filtering pipeline's ``process``.
"""
from __future__ import annotations

import datetime as _dt
import json
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import pyarrow as pa

from gensafe.admission.inputs import InputError, expand, read_documents
from gensafe.source_registry import Registry, store_registry
from gensafe.admission.sampling import SourceSampler
from gensafe.admission.stats import SPRT, THRESHOLD, Decision, SPRTResult, decide
from gensafe.pipeline import Pipeline
from gensafe.readers import INPUT_SCHEMA, registered_domain
from gensafe.taxonomy import is_unsafe, validate_code

Annotator = Callable[[pa.RecordBatch], pa.RecordBatch]
PHASES = ("assessment", "verification")
METHODS = ("fixed", "sprt")
HANDLING = {"assessment": "not_collected", "verification": "excluded_from_training"}


class AssessError(Exception):
    """A user error while assessing (bad input, unknown source, missing labels)."""


SCHEMA = """
CREATE TABLE IF NOT EXISTS source_assessments (
    assessment_id VARCHAR PRIMARY KEY,
    phase VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    registry_hash VARCHAR,
    sample_size INTEGER,          -- documents assessed (the manifest's size)
    requested_size INTEGER,       -- --sample-size (the SPRT cap)
    population_seen BIGINT,       -- documents of the source seen while sampling
    seed BIGINT,
    method VARCHAR,
    sample_table VARCHAR,         -- where the manifest lives
    unsafe_count INTEGER,
    unsafe_by_code JSON,
    rate DOUBLE, ci_low DOUBLE, ci_high DOUBLE, confidence DOUBLE, threshold DOUBLE,
    verdict VARCHAR,              -- confident: admit | reject | undecided
    literal_verdict VARCHAR,      -- the standard's point-estimate rule: admit | reject
    n_to_settle BIGINT,
    sprt JSON,
    keyword_library VARCHAR,
    model_version VARCHAR,
    provenance JSON,
    annotator VARCHAR,
    inputs JSON,
    created_at TIMESTAMP,
    created_by VARCHAR,
    rejected_records BIGINT       -- bad records in the source's input files, left out of the sample
);
ALTER TABLE source_assessments ADD COLUMN IF NOT EXISTS rejected_records BIGINT;
CREATE TABLE IF NOT EXISTS assessment_samples (
    assessment_id VARCHAR NOT NULL,
    rank INTEGER NOT NULL,
    doc_id VARCHAR NOT NULL,
    key UBIGINT NOT NULL,
    unsafe BOOLEAN NOT NULL,
    risk_codes VARCHAR[]
);
CREATE TABLE IF NOT EXISTS source_handling (
    assessment_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    action VARCHAR NOT NULL,      -- not_collected | excluded_from_training
    decided_at TIMESTAMP,
    decided_by VARCHAR,
    basis VARCHAR
);
"""


def ensure_schema(con) -> None:
    for stmt in SCHEMA.split(";"):
        if stmt.strip():
            con.execute(stmt)


@dataclass
class AssessConfig:
    sample_size: int
    seed: int
    method: str = "fixed"
    phase: str = "assessment"
    confidence: float = 0.95
    threshold: float = THRESHOLD
    sprt: SPRT = field(default_factory=SPRT)
    chunk: int = 256
    workers: int = 1
    by: str = ""

    def __post_init__(self) -> None:
        if self.phase not in PHASES:
            raise AssessError(f"phase must be one of {PHASES}")
        if self.method not in METHODS:
            raise AssessError(f"method must be one of {METHODS}")
        if self.sample_size < 1:
            raise AssessError("--sample-size must be at least 1")


@dataclass
class SampledDoc:
    key: int
    doc_id: str
    unsafe: bool
    risk_codes: list[str]


@dataclass
class AssessmentResult:
    source_id: str
    phase: str
    config: AssessConfig
    population_seen: int
    docs: list[SampledDoc]
    decision: Decision
    sprt: SPRTResult | None
    unsafe_by_code: dict[str, int]
    assessment_id: str = ""
    inputs: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # bad input records, "file:line: reason"

    def summary(self) -> dict[str, Any]:
        d = self.decision
        return {"assessment_id": self.assessment_id, "phase": self.phase, "source_id": self.source_id,
                "method": self.config.method, "seed": self.config.seed, "sample_size": d.n,
                "requested_size": self.config.sample_size, "population_seen": self.population_seen,
                "unsafe": d.unsafe, "rate": d.rate, "ci_low": d.ci_low, "ci_high": d.ci_high,
                "confidence": d.confidence, "verdict": d.verdict, "literal_verdict": d.literal_verdict,
                "n_to_settle": d.n_to_settle, "unsafe_by_code": self.unsafe_by_code,
                "sprt": self.sprt.to_dict() if self.sprt else None,
                "rejected_records": len(self.rejected), "rejected_examples": self.rejected[:5],
                "handling": HANDLING[self.phase] if d.literal_verdict == "reject" else None}


# --------------------------------------------------------------------------- sampling

def _sample_part(args: tuple[list[tuple[str, str | None]], int, int, frozenset[str] | None]
                 ) -> tuple[SourceSampler, dict[str, int], list[tuple[str, str]]]:
    files, n, seed, allowed = args
    sampler = SourceSampler(n, seed)
    skipped: dict[str, int] = {}
    rejects: list[tuple[str, str]] = []
    for path, forced in files:
        bad: list = []
        for row in read_documents(path, bad):
            sid = forced or row.get("source_id")
            if not sid and row.get("url"):
                sid = registered_domain(row["url"]) or row["url"]  # the readers' source id, exactly
            if not sid:
                raise InputError(f"{path}:{row.get('input_line')}: record has no source; "
                                 "pass --source or give records a 'source' field")
            if allowed is not None and sid not in allowed:
                skipped[sid] = skipped.get(sid, 0) + 1
                continue
            row["source_id"] = sid
            sampler.offer(sid, row["doc_id"], row)
        rejects.extend((path, r.message()) for r in bad)
    return sampler, skipped, rejects


def draw_samples(file_specs: list[tuple[str, str | None]], n: int, seed: int, workers: int = 1,
                 allowed: Iterable[str] | None = None
                 ) -> tuple[SourceSampler, dict[str, int], list[tuple[str, str]]]:
    """Bottom-k samples per source over the files; identical for any ``workers``.

    ``file_specs`` pairs each file with the source its records belong to
    (None: the record's own source field).  Files are spread over worker
    processes and the sketches merged.  Returns the sampler, the records
    skipped per source outside ``allowed``, and the bad records as (file,
    message): they are left out, so one malformed line does not block a
    source's assessment.
    """
    allow = frozenset(allowed) if allowed is not None else None
    workers = max(1, min(workers, len(file_specs) or 1))
    parts = [file_specs[i::workers] for i in range(workers)]
    if workers == 1:
        results = [_sample_part((file_specs, n, seed, allow))]
    else:
        with ProcessPoolExecutor(workers) as ex:
            results = list(ex.map(_sample_part, [(p, n, seed, allow) for p in parts]))
    sampler, skipped, rejects = results[0]
    for s, sk, rj in results[1:]:
        sampler = sampler.merge(s)
        rejects = rejects + rj
        for k, v in sk.items():
            skipped[k] = skipped.get(k, 0) + v
    return sampler, skipped, sorted(rejects)


def sample_specs(registry: Registry, source_ids: list[str], inputs: list[str] | None = None
                 ) -> tuple[list[tuple[str, str | None]], dict[str, list[str]]]:
    """What to read for a sample: (file, source or None) pairs, and each source's files.

    With ``inputs`` the files are the candidate/collected documents: for a
    single source every record is attributed to it, otherwise records carry
    their own source.  Without, each source's registry ``location`` is read:
    a file listed by one source belongs to it whole; a file listed by
    several (one crawl dump holding two domains — other registry sources
    count too, so assessing one of them does not claim the other's records)
    is read once and each record goes to its own source id (given, else its
    URL's registered domain), so no record is counted for two sources.
    """
    if inputs:
        files = expand(inputs)
        forced = source_ids[0] if len(source_ids) == 1 else None
        return [(f, forced) for f in files], {sid: files for sid in source_ids}
    owners: dict[str, list[str]] = {}
    for sid in source_ids:
        src = registry.get(sid)
        if src is None:
            raise InputError(f"source {sid!r} is not in the registry {registry.path}")
        if not src.location:
            raise InputError(f"source {sid!r} has no 'location' in the registry; pass --input")
        for f in expand(list(src.location)):
            owners.setdefault(f, []).append(sid)
    for sid in registry.ids:
        if sid in source_ids:
            continue
        try:
            files = expand(list(registry.get(sid).location or []))  # type: ignore[union-attr]
        except InputError:  # another source's missing files are not this sample's problem
            continue
        for f in files:
            if f in owners:
                owners[f].append(sid)
    specs = [(f, sids[0] if len(sids) == 1 else None) for f, sids in owners.items()]
    return specs, {sid: [f for f, sids in owners.items() if sid in sids] for sid in source_ids}


# --------------------------------------------------------------------------- annotation

def rows_to_batch(rows: list[dict[str, Any]]) -> pa.RecordBatch:
    """Sampled rows → a batch with the contract's input columns."""
    cols = {}
    for name, typ in ((f.name, f.type) for f in INPUT_SCHEMA):  # the contract's exact types
        default = "{}" if name == "meta" else None
        cols[name] = pa.array([r.get(name, default) if r.get(name) is not None else default for r in rows], type=typ)
    return pa.RecordBatch.from_pydict(cols)


def _annotate_rows(rows: list[dict[str, Any]], annotate: Annotator) -> list[tuple[bool, list[str]]]:
    missing = [r["doc_id"] for r in rows if r.get("text") is None]
    if missing:
        raise AssessError(f"{len(missing)} sampled document(s) have no text (e.g. {missing[0]}); fetch the sampled "
                          "URLs (gensafe sources sample) and supply 'URL<TAB>text' lines or JSONL")
    out = annotate(rows_to_batch(rows))
    names = out.schema.names
    if "risk_codes" not in names:
        raise AssessError("the annotation step did not add 'risk_codes' (is the pipeline's policy configured?)")
    if out.num_rows != len(rows):
        raise AssessError("the annotation step changed the number of rows")
    codes = [list(c or []) for c in out.column("risk_codes").to_pylist()]
    unsafe = (out.column("unsafe").to_pylist() if "unsafe" in names
              else [is_unsafe(cs) for cs in codes])
    return [(bool(u), cs) for u, cs in zip(unsafe, codes)]


def assess_source(source_id: str, sample: list[tuple[int, str, Any]], population_seen: int,
                  annotate: Annotator, cfg: AssessConfig) -> AssessmentResult:
    """Annotate one source's sample (key order) and decide.

    ``fixed``: every sampled document is assessed.  ``sprt``: chunks are
    assessed in key order and the test stops at the first crossing; the
    documents after it are not assessed and not part of the manifest.
    """
    docs: list[SampledDoc] = []
    sprt_res: SPRTResult | None = None
    step = cfg.chunk if cfg.method == "sprt" else max(1, len(sample))
    for i in range(0, len(sample), step):
        part = sample[i:i + step]
        flags = _annotate_rows([p[2] for p in part], annotate)
        for (key, doc_id, _), (u, codes) in zip(part, flags):
            docs.append(SampledDoc(key, doc_id, u, codes))
        if cfg.method == "sprt":
            sprt_res = cfg.sprt.run((d.unsafe for d in docs))
            if sprt_res.decision != "undecided":
                docs = docs[:sprt_res.n]
                break
    k = sum(d.unsafe for d in docs)
    decision = decide(k, len(docs), cfg.confidence, cfg.threshold)
    if sprt_res is not None and sprt_res.decision != "undecided":
        # the sequential test's decision is the confident verdict (its error
        # rates are alpha/beta); the CP interval is reported alongside
        decision.verdict = sprt_res.decision
        decision.n_to_settle = None
    by_code: dict[str, int] = {}
    for d in docs:
        for c in set(d.risk_codes):
            by_code[c] = by_code.get(c, 0) + 1
    return AssessmentResult(source_id, cfg.phase, cfg, population_seen, docs, decision, sprt_res,
                            dict(sorted(by_code.items())))


# --------------------------------------------------------------------------- recording

def _versions(prov: dict[str, Any]) -> tuple[str | None, str | None]:
    flat: dict[str, str] = {}

    def walk(d: Any, prefix: str = "") -> None:
        if isinstance(d, dict):
            for k, v in d.items():
                walk(v, f"{prefix}{k}.")
        elif d is not None:
            flat[prefix.rstrip(".")] = str(d)

    walk(prov)

    def pick(*suffixes: str) -> str | None:
        parts = [f"{k.rsplit('.', 1)[-1]}={v}" for k, v in sorted(flat.items())
                 if k.rsplit(".", 1)[-1] in suffixes]
        return "; ".join(parts) or None

    return (pick("keyword_library", "keyword_library_version", "keyword_library_hash"),
            pick("model", "model_version", "model_hash"))


def record_assessment(con, res: AssessmentResult, provenance: dict[str, Any] | None = None,
                      annotator_name: str = "", registry_hash: str | None = None) -> str:
    """Write the assessment, its manifest and (over 5 %) its handling record."""
    ensure_schema(con)
    now = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    aid = res.assessment_id or f"{res.phase[0].upper()}-{now:%Y%m%d}-{uuid.uuid4().hex[:10]}"
    res.assessment_id = aid
    kw, model = _versions(provenance or {})
    d = res.decision
    con.execute("BEGIN")
    try:
        con.execute(
            "INSERT INTO source_assessments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?, ?, ?, ?, ?)",
            [aid, res.phase, res.source_id, registry_hash, d.n, res.config.sample_size, res.population_seen,
             res.config.seed, res.config.method, "assessment_samples", d.unsafe, json.dumps(res.unsafe_by_code),
             d.rate, d.ci_low, d.ci_high, d.confidence, d.threshold, d.verdict, d.literal_verdict, d.n_to_settle,
             json.dumps(res.sprt.to_dict()) if res.sprt else None, kw, model,
             json.dumps(provenance or {}, default=str), annotator_name, json.dumps(res.inputs), now, res.config.by,
             len(res.rejected)])
        con.executemany("INSERT INTO assessment_samples VALUES (?, ?, ?, ?, ?, ?)",
                        [[aid, i, doc.doc_id, doc.key, doc.unsafe, doc.risk_codes] for i, doc in enumerate(res.docs)])
        if d.literal_verdict == "reject" or d.verdict == "reject":
            basis = (f"unsafe rate {d.rate:.2%} over {d.n} sampled documents > {d.threshold:.0%}; "
                     f"CP {d.confidence:.0%} [{d.ci_low:.2%}, {d.ci_high:.2%}], verdict {d.verdict}")
            con.execute("INSERT INTO source_handling VALUES (?, ?, ?, ?, ?, ?)",
                        [aid, res.source_id, HANDLING[res.phase], now, res.config.by, basis])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return aid


def run_assessment(registry: Registry, source_ids: list[str], inputs: list[str] | None, annotate: Annotator,
                   cfg: AssessConfig, con, provenance: dict[str, Any] | None = None,
                   annotator_name: str = "") -> tuple[list[AssessmentResult], dict[str, int]]:
    """Sample, annotate, decide and record every requested source.

    With ``inputs`` the files hold the candidate/collected documents (for a
    single source every record is attributed to it, otherwise records carry
    their source); without, each source's registry ``location`` is read.
    """
    for sid in source_ids:
        if sid not in registry:
            raise AssessError(f"source {sid!r} is not in the registry {registry.path}")
    try:
        specs, files_of = sample_specs(registry, source_ids, inputs)
        sampler, skipped, rejects = draw_samples(specs, cfg.sample_size, cfg.seed, cfg.workers, allowed=source_ids)
    except InputError as exc:
        raise AssessError(str(exc)) from None
    store_registry(con, registry)
    results = []
    for sid in source_ids:
        sample = sampler.sample(sid)
        if not sample:
            raise AssessError(f"source {sid!r}: no documents found to sample")
        res = assess_source(sid, sample, sampler.seen(sid), annotate, cfg)
        res.inputs = sorted(files_of[sid])
        res.rejected = [msg for f, msg in rejects if f in res.inputs]
        record_assessment(con, res, provenance, annotator_name, registry.hash)
        results.append(res)
    return results, skipped


# --------------------------------------------------------------------------- annotators

def pipeline_annotator(path: str | None = None) -> tuple[Annotator, dict[str, Any]]:
    """The filtering pipeline's stages + policy as the annotation step (None: the default pipeline)."""
    try:
        pipe = Pipeline.from_file(path)
        pipe.setup()
    except Exception as exc:  # config / stage errors of the spine: show them, no traceback
        if type(exc).__name__ in ("ConfigError", "StageError", "PolicyError", "FileNotFoundError"):
            raise AssessError(f"pipeline {path or 'default'}: {exc}") from None
        raise
    return pipe.process, {"pipeline": str(path or "default"), **dict(pipe.provenance())}


def labels_annotator(path: str) -> tuple[Annotator, dict[str, Any]]:
    """Manual spot-check labels as the annotation step (§4.1.1 Note 3).

    A JSONL file of ``{"doc_id": ..., "risk_codes": [...]}`` (empty list or
    ``"labels": "qualified"`` for a clean document); every sampled document
    must be labelled.
    """
    from gensafe.jsonl import iter_objects

    labels: dict[str, list[str]] = {}
    for lineno, rec in iter_objects(path, AssessError):
        try:
            codes = rec.get("risk_codes")
            if codes is None:
                lab = rec.get("labels", "")
                codes = [] if lab in ("qualified", "") else [c.strip() for c in str(lab).replace(",", ";").split(";") if c.strip()]
            labels[str(rec["doc_id"])] = [validate_code(c) for c in codes]
        except (KeyError, ValueError, AttributeError, TypeError) as exc:
            raise AssessError(f"{path}:{lineno}: bad label record ({exc})") from None

    def annotate(batch: pa.RecordBatch) -> pa.RecordBatch:
        ids = batch.column("doc_id").to_pylist()
        missing = [i for i in ids if i not in labels]
        if missing:
            raise AssessError(f"{path}: {len(missing)} sampled document(s) are not labelled (e.g. {missing[0]})")
        codes = [labels[i] for i in ids]
        return batch.append_column("risk_codes", pa.array(codes, type=pa.list_(pa.string()))).append_column(
            "unsafe", pa.array([is_unsafe(cs) for cs in codes]))

    import hashlib

    with open(path, "rb") as fb:
        digest = hashlib.sha256(fb.read()).hexdigest()
    return annotate, {"manual_labels": path, "manual_labels_hash": digest}
