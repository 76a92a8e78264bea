"""The ``source_admission`` gate: a filtering run refuses rejected sources.

§4.1.1 a/b: data from a source whose assessment or verification found more
than 5 % illegal and unhealthy content shall not be collected / not be used
for training.  This stage looks up each document's source in the DuckDB
``source_assessments`` table (latest record per source) and annotates

* ``source_ok`` – false when that record rejects the source;
* ``source_reason`` – "source rejected: assessment <id>, rate x %, CI …";
* ``source_verdict`` – the latest verdict (null for unassessed sources).

Options: ``db`` (path), ``rule`` (``"literal"``: reject when the point
estimate exceeds 5 % – the standard's rule and the default; ``"confident"``:
only when the Clopper–Pearson lower bound does), ``override`` (source ids
let through anyway) with a mandatory ``justification`` recorded in the run's
provenance, and ``require_assessment`` (unassessed sources are refused too).
"""
from __future__ import annotations

import hashlib
import json
import os
from typing import Any

import duckdb
import pyarrow as pa

from gensafe import store

from gensafe.stages.base import Stage, StageError, append_columns

RULES = ("literal", "confident")


def load_verdicts(db_path: str) -> dict[str, dict[str, Any]]:
    """Latest assessment record per source (verification wins a tie with assessment)."""
    if not os.path.exists(db_path):
        raise StageError(f"source_admission: no audit database at {db_path} (run gensafe sources assess first)")
    try:
        con = store.connect(db_path, read_only=True)  # shares this process's writing connection, if any
    except duckdb.Error as exc:
        raise StageError(f"source_admission: cannot open {db_path}: {exc}") from None
    try:
        if not store.table_exists(con, "source_assessments"):
            return {}
        rows = con.execute(
            """SELECT source_id, assessment_id, phase, verdict, literal_verdict, rate, ci_low, ci_high, confidence,
                      sample_size
               FROM (SELECT *, row_number() OVER (PARTITION BY source_id
                        ORDER BY created_at DESC, phase = 'verification' DESC, assessment_id DESC) AS rn
                     FROM source_assessments) WHERE rn = 1""").fetchall()
    finally:
        con.close()
    keys = ("assessment_id", "phase", "verdict", "literal_verdict", "rate", "ci_low", "ci_high", "confidence",
            "sample_size")
    return {r[0]: dict(zip(keys, r[1:])) for r in rows}


class SourceAdmissionStage(Stage):
    name = "source_admission"
    OPTIONS = ("db", "rule", "override", "justification", "require_assessment")
    COLUMNS = {"source_ok": pa.bool_(), "source_reason": pa.string(), "source_verdict": pa.string()}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        if not options.get("db"):
            raise StageError("source_admission: option 'db' (the DuckDB audit store) is required")
        self.rule = options.get("rule", "literal")
        if self.rule not in RULES:
            raise StageError(f"source_admission: rule must be one of {RULES}, got {self.rule!r}")
        override = options.get("override", [])
        if isinstance(override, str):
            override = [override]
        self.override = sorted(set(override))
        self.justification = str(options.get("justification", "")).strip()
        if self.override and not self.justification:
            raise StageError("source_admission: 'override' needs a 'justification' (it is recorded in the run)")
        self.require = bool(options.get("require_assessment", False))
        self._verdicts: dict[str, dict[str, Any]] | None = None
        self._seen = 0
        self._refused = 0
        self._overridden = 0

    def setup(self) -> None:
        self._verdicts = load_verdicts(str(self.options["db"]))

    def _rejects(self, v: dict[str, Any]) -> bool:
        if self.rule == "confident":
            return v["verdict"] == "reject"
        return v["literal_verdict"] == "reject" or v["verdict"] == "reject"

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        if self._verdicts is None:
            self.setup()
        verdicts = self._verdicts or {}
        memo: dict[str, tuple[bool, str | None, str | None]] = {}
        ok, reason, verdict = [], [], []
        for sid in batch.column("source_id").to_pylist():
            res = memo.get(sid)
            if res is None:
                res = memo[sid] = self._judge(sid, verdicts.get(sid))
            ok.append(res[0])
            reason.append(res[1])
            verdict.append(res[2])
            self._seen += 1
            self._refused += not res[0]
            self._overridden += bool(res[0] and res[1])
        return append_columns(batch, {"source_ok": pa.array(ok, pa.bool_()),
                                      "source_reason": pa.array(reason, pa.string()),
                                      "source_verdict": pa.array(verdict, pa.string())})

    def _judge(self, sid: str | None, v: dict[str, Any] | None) -> tuple[bool, str | None, str | None]:
        if v is None:
            if self.require:
                return False, f"source not assessed: {sid}", None
            return True, None, None
        if not self._rejects(v):
            return True, None, v["verdict"]
        why = (f"source rejected: {v['phase']} {v['assessment_id']}, rate {v['rate']:.2%} of {v['sample_size']}, "
               f"CI{v['confidence']:.0%} [{v['ci_low']:.2%}, {v['ci_high']:.2%}]")
        if sid in self.override:
            return True, f"{why}; overridden: {self.justification}", "reject"
        return False, why, "reject"

    def provenance(self) -> dict[str, str]:
        snap = json.dumps(self._verdicts or {}, sort_keys=True, default=str)
        out = {"source_admission_db": str(self.options["db"]), "source_admission_rule": self.rule,
               "source_admission_verdicts_hash": hashlib.sha256(snap.encode()).hexdigest()}
        if self.override:
            out["source_admission_override"] = ",".join(self.override)
            out["source_admission_justification"] = self.justification
        return out

    def stats(self) -> dict[str, float]:
        return {"source_admission_seen": self._seen, "source_admission_refused": self._refused,
                "source_admission_overridden": self._overridden}
