"""``KeywordStage``: keyword evidence and keyword risks for every document.

Columns added (see docs/architecture.md):

* ``kw_evidence`` - ``list<struct<term, code, start, end, severity>>``, spans are
  character offsets into the original ``text`` (one row per hit and code of
  the term; at most ``max_evidence`` rows per document, ``kw_hits`` counts all);
* ``kw_risks`` - codes with a hit of severity ≥ ``strong_severity`` or with at
  least ``min_weak_hits`` distinct terms of severity ≥ ``medium_severity``;
* ``kw_weak_risks`` - the other codes with hits (act on them only with
  classifier agreement);
* ``kw_scores`` - ``list<struct<code, score: float32>>``, the per-code keyword
  score of :class:`gensafe.keywords.matcher.RiskRule` (1.0 = risk);
* ``kw_hits`` - int32, accepted hits in the document.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from gensafe.keywords.library import Library, LibraryError, load_library
from gensafe.keywords.matcher import Matcher, RiskRule
from gensafe.stages.base import Stage, StageError, append_columns

DEFAULT_LIBRARY = Path(__file__).resolve().parents[2] / "keyword_libraries" / "default"

EVIDENCE_TYPE = pa.list_(pa.struct([("term", pa.string()), ("code", pa.string()), ("start", pa.int32()),
                                    ("end", pa.int32()), ("severity", pa.int8())]))
SCORES_TYPE = pa.list_(pa.struct([("code", pa.string()), ("score", pa.float32())]))

_LIBRARIES: dict[tuple[str, str, str], tuple[Library, Matcher]] = {}


def _signature(path: Path) -> str:
    files = [path / "manifest.toml", *sorted((path / "terms").glob("*.tsv"))]
    return ";".join(f"{f.name}:{f.stat().st_mtime_ns}:{f.stat().st_size}" for f in files if f.exists())


def load_matcher(path: str | Path, backend: str = "auto") -> tuple[Library, Matcher]:
    """Library and automaton, built once per process and library version (files' mtimes)."""
    p = Path(path).resolve()
    key = (str(p), backend, _signature(p) if p.is_dir() else "")
    if key not in _LIBRARIES:
        lib = load_library(path)
        _LIBRARIES[key] = (lib, Matcher(lib, backend))
    return _LIBRARIES[key]


def _list_array(offsets: list[int] | np.ndarray, values: pa.Array, type_: pa.DataType) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(np.asarray(offsets, dtype=np.int32), pa.int32()), values,
                                    type=type_)


class KeywordStage(Stage):
    """Keyword matching against a library (B.1.1) with evasion-robust normalisation.

    Options: ``library`` (folder, default the shipped ``keyword_libraries/default``),
    ``strong_severity`` (3), ``medium_severity`` (2), ``min_weak_hits`` (2),
    ``max_evidence`` (64), ``backend`` (auto | daachorse | ahocorasick_rs | pyahocorasick),
    ``text_column`` (text).
    """

    name = "keywords"
    OPTIONS = ("library", "strong_severity", "medium_severity", "min_weak_hits", "max_evidence", "backend",
               "text_column")
    COLUMNS = {"kw_evidence": EVIDENCE_TYPE, "kw_risks": pa.list_(pa.string()), "kw_weak_risks": pa.list_(pa.string()),
               "kw_scores": SCORES_TYPE, "kw_hits": pa.int32()}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.library_path = Path(options.get("library") or DEFAULT_LIBRARY)
        try:
            self.rule = RiskRule(int(options.get("strong_severity", 3)), int(options.get("medium_severity", 2)),
                                 int(options.get("min_weak_hits", 2)))
            self.max_evidence = int(options.get("max_evidence", 64))
        except (TypeError, ValueError) as exc:
            raise StageError(f"keywords stage: bad numeric option ({exc})") from None
        self.backend = str(options.get("backend", "auto"))
        self.text_column = str(options.get("text_column", "text"))
        self.library: Library | None = None
        self.matcher: Matcher | None = None
        self._docs = 0
        self._hits = 0
        self._coverage: dict[str, Any] | None = None
        self._flagged = 0

    def setup(self) -> None:
        if self.matcher is not None:
            return
        try:
            self.library, self.matcher = load_matcher(self.library_path, self.backend)
        except LibraryError as exc:
            raise StageError(f"keywords stage: {exc}") from None
        except (ValueError, RuntimeError) as exc:
            raise StageError(f"keywords stage: {exc}") from None

    def __getstate__(self) -> dict[str, Any]:
        # the automaton is rebuilt per worker process (setup()), never pickled
        state = dict(self.__dict__)
        state["library"] = None
        state["matcher"] = None
        return state

    def provenance(self) -> dict[str, Any]:
        """Library identity, plus its B.1.1 coverage on the day of the run.

        The coverage is recorded rather than recomputed at audit time, because
        the library folder will have moved on (weekly updates) by the time an
        auditor looks at the run.
        """
        self.setup()
        assert self.library is not None and self.matcher is not None
        if self._coverage is None:  # provenance goes into every task's marker: check the library once
            from gensafe.keywords.library import check_compliance

            self._coverage = check_compliance(self.library).as_dict()  # what `keywords check --json` prints
        return {**self.library.provenance(), "keyword_matcher_backend": self.matcher.backend,
                "keyword_library_coverage": self._coverage}

    def stats(self) -> dict[str, float]:
        return {"keywords_docs": float(self._docs), "keywords_hits": float(self._hits),
                "keywords_flagged": float(self._flagged)}

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        self.setup()
        assert self.matcher is not None
        texts = batch.column(batch.schema.get_field_index(self.text_column)).to_pylist()
        return append_columns(batch, self.annotate(texts))

    def annotate(self, texts: list[str | None]) -> dict[str, pa.Array]:
        """The stage's columns for a list of texts."""
        assert self.matcher is not None
        n = len(texts)
        res = self.matcher.match_batch(texts)
        terms = self.matcher.terms
        hits_per_doc = np.zeros(n, dtype=np.int32)
        ev_term: list[str] = []
        ev_code: list[str] = []
        ev_start: list[int] = []
        ev_end: list[int] = []
        ev_sev: list[int] = []
        ev_off = np.zeros(n + 1, dtype=np.int64)
        per_doc: dict[int, list[tuple[str, int, int]]] = {}
        # hits come grouped by document in ascending order (one scan of the batch string)
        for h in res.hits:
            t = terms[h.term]
            hits_per_doc[h.doc] += 1
            acc = per_doc.setdefault(h.doc, [])
            for code in t.codes:
                acc.append((code, h.term, t.severity))
                if ev_off[h.doc + 1] < self.max_evidence:
                    ev_term.append(t.term)
                    ev_code.append(code)
                    ev_start.append(h.start)
                    ev_end.append(h.end)
                    ev_sev.append(t.severity)
                    ev_off[h.doc + 1] += 1
        np.cumsum(ev_off, out=ev_off)
        risk_off = np.zeros(n + 1, dtype=np.int64)
        weak_off = np.zeros(n + 1, dtype=np.int64)
        score_off = np.zeros(n + 1, dtype=np.int64)
        risk_vals: list[str] = []
        weak_vals: list[str] = []
        score_codes: list[str] = []
        score_vals: list[float] = []
        for d in sorted(per_doc):
            risks, weak, scores = self.rule.assess(per_doc[d])
            risk_vals += risks
            weak_vals += weak
            score_codes += list(scores)
            score_vals += list(scores.values())
            risk_off[d + 1] = len(risks)
            weak_off[d + 1] = len(weak)
            score_off[d + 1] = len(scores)
            if risks:
                self._flagged += 1
        for arr in (risk_off, weak_off, score_off):
            np.cumsum(arr, out=arr)
        evidence = pa.StructArray.from_arrays(
            [pa.array(ev_term, pa.string()), pa.array(ev_code, pa.string()),
             pa.array(ev_start, pa.int32()), pa.array(ev_end, pa.int32()), pa.array(ev_sev, pa.int8())],
            fields=list(EVIDENCE_TYPE.value_type))
        scores_arr = pa.StructArray.from_arrays(
            [pa.array(score_codes, pa.string()), pa.array(score_vals, pa.float32())],
            fields=list(SCORES_TYPE.value_type))
        self._docs += n
        self._hits += int(hits_per_doc.sum())
        return {
            "kw_evidence": _list_array(ev_off, evidence, EVIDENCE_TYPE),
            "kw_risks": _list_array(risk_off, pa.array(risk_vals, pa.string()), pa.list_(pa.string())),
            "kw_weak_risks": _list_array(weak_off, pa.array(weak_vals, pa.string()), pa.list_(pa.string())),
            "kw_scores": _list_array(score_off, scores_arr, SCORES_TYPE),
            "kw_hits": pa.array(hits_per_doc, pa.int32()),
        }
