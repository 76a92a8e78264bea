"""Manual spot checks (B.2.1.2.1 a) and the annotator/reviewer split (§4.3.1 c).

``export`` draws a stratified random sample of *kept* documents — per
modality (default 4,000, the standard's minimum), allocated over sources in
proportion to their kept volume and drawn inside each source with the
seeded bottom-k keys of :mod:`.sampling` — and writes it for annotators with
blinded item ids and no automatic verdicts.  The item → document mapping and
the hidden automatic verdicts go to the DuckDB table ``review_tasks``.

``import`` reads the annotators' labels (``qualified`` or risk codes, plus
``annotator`` and ``reviewer``), refuses a task in which one person both
annotates and reviews, and computes the manual qualified rate with its
Clopper–Pearson interval (B.2.1.2.1.2 a: ≥ 96 % on ≥ 4,000 items per
modality) and the agreement between manual and automatic verdicts, overall
and per risk group (raw agreement and Cohen's kappa) → ``review_labels``,
``review_results``.
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import uuid
import warnings
from pathlib import Path
from typing import Any, Iterable

from gensafe import storage
from gensafe.store import table_exists
from gensafe.admission.sampling import BottomK, doc_key
from gensafe.admission.stats import clopper_pearson
from gensafe.taxonomy import GROUPS, group_of, is_unsafe, validate_code

MIN_ITEMS = 4000
MIN_QUALIFIED = 0.96
FORMATS = ("jsonl", "csv")


class ReviewError(Exception):
    """A user error in a review export or label file."""


SCHEMA = """
CREATE TABLE IF NOT EXISTS review_tasks (
    task_id VARCHAR NOT NULL, item_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, source_id VARCHAR,
    modality VARCHAR, auto_unsafe BOOLEAN, auto_risk_codes VARCHAR[], seed BIGINT, out_file VARCHAR,
    exported_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS review_labels (
    task_id VARCHAR NOT NULL, item_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, risk_codes VARCHAR[],
    qualified BOOLEAN, annotator VARCHAR, reviewer VARCHAR, label_file VARCHAR, imported_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS review_results (
    task_id VARCHAR NOT NULL, modality VARCHAR, scope VARCHAR, n_items INTEGER, n_labelled INTEGER,
    manual_qualified INTEGER, qualified_rate DOUBLE, ci_low DOUBLE, ci_high DOUBLE, confidence DOUBLE,
    manual_positive INTEGER, auto_positive INTEGER, agreement DOUBLE, kappa DOUBLE, meets_b2121 BOOLEAN,
    computed_at TIMESTAMP
);
"""


def ensure_schema(con) -> None:
    for stmt in SCHEMA.split(";"):
        if stmt.strip():
            con.execute(stmt)


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


# --------------------------------------------------------------------------- candidates

def _candidates_from_parquet(root: str) -> Iterable[dict[str, Any]]:
    """Kept documents from output shards (a directory or one file)."""
    import pyarrow.dataset as ds

    p = Path(root)
    if not p.exists():
        raise ReviewError(f"{root}: no such file or directory")
    files = [str(p)] if p.is_file() else sorted(str(f) for f in p.rglob("*.parquet"))
    if not files:
        raise ReviewError(f"{root}: no Parquet shards")
    for f in files:
        dset = ds.dataset(f, format="parquet")
        names = set(dset.schema.names)
        if not {"doc_id", "text"} <= names:
            raise ReviewError(f"{f}: shard lacks doc_id/text columns")
        cols = [c for c in ("doc_id", "source_id", "text", "decision", "unsafe", "risk_codes") if c in names]
        for batch in dset.to_batches(columns=cols):
            nulls = [None] * batch.num_rows
            data = {c: batch.column(c).to_pylist() for c in cols}
            decision, risk = data.get("decision"), data.get("risk_codes", nulls)
            unsafe, source = data.get("unsafe", nulls), data.get("source_id", nulls)
            for i in range(batch.num_rows):
                if decision is not None and decision[i] != "kept":
                    continue
                codes = list(risk[i] or [])
                u = unsafe[i]
                yield {"doc_id": data["doc_id"][i], "source_id": source[i],
                       "text": data["text"][i], "auto_risk_codes": codes,
                       "auto_unsafe": bool(u) if u is not None else is_unsafe(codes)}


def _candidates_from_db(con, run_id: str | None = None) -> Iterable[dict[str, Any]]:
    """Kept documents of one run from ``documents`` (text is read later from their shard).

    Default run: the latest one in ``runs``.  ``output_shard`` is relative to
    the run's output directory.
    """
    if not table_exists(con, "documents"):
        raise ReviewError("the database has no 'documents' table (run a filtering run first, or use --from-parquet)")
    cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 'documents'").fetchall()}
    out_dir = ""
    where, params = "decision = 'kept'", []
    if "run_id" in cols and table_exists(con, "runs"):
        row = (con.execute("SELECT run_id, output_dir FROM runs WHERE run_id = ?", [run_id]).fetchone() if run_id
               else con.execute("SELECT run_id, output_dir FROM runs ORDER BY started_at DESC NULLS LAST LIMIT 1").fetchone())
        if row is None and run_id:
            raise ReviewError(f"no run {run_id!r} in the runs table")
        if row is not None:
            where += " AND run_id = ?"
            params.append(row[0])
            out_dir = row[1] or ""
    elif run_id:
        raise ReviewError("--run-id given but the database has no runs table")
    sel = ["doc_id", "source_id", "output_shard"]
    sel.append("risk_codes" if "risk_codes" in cols else "NULL AS risk_codes")
    sel.append("unsafe" if "unsafe" in cols else "NULL AS unsafe")
    cur = con.execute(f"SELECT {', '.join(sel)} FROM documents WHERE {where}", params)
    while True:
        rows = cur.fetchmany(10000)
        if not rows:
            break
        for doc_id, source_id, shard, codes, unsafe in rows:
            codes = list(codes or [])
            if shard and out_dir and not os.path.isabs(shard) and not storage.is_uri(shard):
                shard = storage.join(out_dir, shard)
            yield {"doc_id": doc_id, "source_id": source_id, "shard": shard, "auto_risk_codes": codes,
                   "auto_unsafe": bool(unsafe) if unsafe is not None else is_unsafe(codes)}


def _fill_text_from_shards(items: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    by_shard: dict[str, list[dict[str, Any]]] = {}
    for it in items:
        if it.get("text") is None:
            by_shard.setdefault(it.get("shard") or "", []).append(it)
    for shard, its in by_shard.items():
        if not shard or not storage.exists(shard):
            raise ReviewError(f"output shard {shard!r} of document {its[0]['doc_id']} is missing")
        t = pq.read_table(storage.open_input(shard), columns=["doc_id", "text"])
        t = t.filter(pc.is_in(t.column("doc_id"), value_set=pa.array([i["doc_id"] for i in its])))
        texts = dict(zip(t.column("doc_id").to_pylist(), t.column("text").to_pylist()))
        for it in its:
            if it["doc_id"] not in texts:
                raise ReviewError(f"document {it['doc_id']} not found in its shard {shard}")
            it["text"] = texts[it["doc_id"]]


def allocate(counts: dict[str, int], n: int) -> dict[str, int]:
    """Proportional allocation of n items over strata (largest remainder), capped at each stratum's size."""
    total = sum(counts.values())
    if total <= n:
        return dict(counts)
    quotas = {s: n * c / total for s, c in counts.items()}
    alloc = {s: min(counts[s], int(q)) for s, q in quotas.items()}
    rest = n - sum(alloc.values())
    for s in sorted(counts, key=lambda s: (-(quotas[s] - int(quotas[s])), s)):
        if rest <= 0:
            break
        if alloc[s] < counts[s]:
            alloc[s] += 1
            rest -= 1
    return alloc


def draw_review_sample(candidates: Iterable[dict[str, Any]], per_modality: int, seed: int,
                       modality_of: dict[str, str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Stratified (modality → source) seeded sample; same result for any stream order."""
    modality_of = modality_of or {}
    sketches: dict[tuple[str, str], BottomK] = {}
    for c in candidates:
        sid = c.get("source_id") or "(unknown)"
        mod = modality_of.get(sid, "text")
        sk = sketches.get((mod, sid))
        if sk is None:
            sk = sketches[(mod, sid)] = BottomK(per_modality)
        sk.offer(doc_key(seed, sid, c["doc_id"]), c["doc_id"], c)
    out: dict[str, list[dict[str, Any]]] = {}
    for mod in sorted({m for m, _ in sketches}):
        counts = {sid: sk.seen for (m, sid), sk in sketches.items() if m == mod}
        alloc = allocate(counts, per_modality)
        items = []
        for sid in sorted(counts):
            for _, _, payload in sketches[(mod, sid)].items()[:alloc[sid]]:
                items.append({**payload, "source_id": sid, "modality": mod})
        out[mod] = items
    return out


def export_review(con, out: str, per_modality: int = MIN_ITEMS, seed: int = 0, fmt: str = "jsonl",
                  from_parquet: str | None = None, modality_of: dict[str, str] | None = None,
                  run_id: str | None = None) -> dict[str, Any]:
    """Write the blinded annotation file and record the task in ``review_tasks``."""
    if fmt not in FORMATS:
        raise ReviewError(f"format must be one of {FORMATS}")
    if per_modality < 1:
        raise ReviewError("--per-modality must be at least 1")
    ensure_schema(con)
    cands = _candidates_from_parquet(from_parquet) if from_parquet else _candidates_from_db(con, run_id)
    sample = draw_review_sample(cands, per_modality, seed, modality_of)
    items = [it for mod in sample for it in sample[mod]]
    if not items:
        raise ReviewError("no kept documents to sample")
    _fill_text_from_shards(items)
    # blind: items are numbered in an order unrelated to source or doc id
    items.sort(key=lambda it: doc_key(seed, "review-order", it["doc_id"]))
    task_id = f"T-{_now():%Y%m%d}-{uuid.uuid4().hex[:8]}"
    now = _now()
    rows, records = [], []
    for i, it in enumerate(items, 1):
        item_id = f"{task_id}-{i:05d}"
        rows.append([task_id, item_id, it["doc_id"], it["source_id"], it["modality"], it["auto_unsafe"],
                     it["auto_risk_codes"], seed, out, now])
        records.append({"task_id": task_id, "item_id": item_id, "modality": it["modality"], "text": it["text"],
                        "labels": "", "annotator": "", "reviewer": ""})
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        if fmt == "jsonl":
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            w = csv.DictWriter(fh, fieldnames=list(records[0]))
            w.writeheader()
            w.writerows(records)
    con.executemany("INSERT INTO review_tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    per_mod = {m: len(v) for m, v in sample.items()}
    short = {m: n for m, n in per_mod.items() if n < MIN_ITEMS}
    return {"task_id": task_id, "out": out, "items": len(items), "per_modality": per_mod,
            "per_source": {m: _count(v, "source_id") for m, v in sample.items()},
            "below_minimum": short}


def _count(items: list[dict[str, Any]], key: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for it in items:
        out[it[key]] = out.get(it[key], 0) + 1
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------- import

def _read_labels(path: str) -> list[tuple[int, dict[str, Any]]]:
    p = Path(path)
    if not p.exists():
        raise ReviewError(f"{path}: no such file")
    out = []
    if p.suffix.lower() == ".csv":
        with open(p, encoding="utf-8", newline="") as fh:
            for lineno, rec in enumerate(csv.DictReader(fh), 2):
                out.append((lineno, rec))
    else:
        from gensafe.jsonl import iter_objects

        out.extend(iter_objects(path, ReviewError))
    return out


def parse_label(value: Any, where: str) -> list[str]:
    """``"qualified"`` → []; codes as a list or a ``;``/``,``-separated string."""
    if isinstance(value, list):
        parts = [str(v).strip() for v in value]
    else:
        s = str(value or "").strip()
        if s.lower() == "qualified":
            return []
        if not s:
            raise ReviewError(f"{where}: empty label (write 'qualified' or the risk codes found)")
        parts = [x.strip() for x in s.replace(",", ";").replace(" ", ";").split(";")]
    codes = []
    for c in parts:
        if not c or c.lower() == "qualified":
            continue
        try:
            codes.append(validate_code(c))
        except ValueError as exc:
            raise ReviewError(f"{where}: {exc}") from None
    return sorted(set(codes))


def _person(x: Any) -> str:
    return " ".join(str(x or "").split()).casefold()


def import_labels(con, path: str, confidence: float = 0.95) -> dict[str, Any]:
    """Validate and store labels, then (re)compute the results of the tasks they belong to."""
    ensure_schema(con)
    raw = _read_labels(path)
    if not raw:
        raise ReviewError(f"{path}: no labels")
    tasks = {r[0]: (r[1], r[2]) for r in con.execute("SELECT item_id, task_id, doc_id FROM review_tasks").fetchall()}
    parsed = []
    errors: list[str] = []
    seen: set[str] = set()
    for lineno, rec in raw:
        where = f"{path}:{lineno}"
        item = str(rec.get("item_id") or "").strip()
        if item not in tasks:
            errors.append(f"{where}: unknown item_id {item!r} (not in review_tasks)")
            continue
        if item in seen:
            errors.append(f"{where}: item {item} labelled twice")
            continue
        seen.add(item)
        task_id, doc_id = tasks[item]
        if rec.get("task_id") and str(rec["task_id"]) != task_id:
            errors.append(f"{where}: item {item} belongs to task {task_id}, not {rec['task_id']}")
            continue
        ann, rev = str(rec.get("annotator") or "").strip(), str(rec.get("reviewer") or "").strip()
        if not ann or not rev:
            errors.append(f"{where}: item {item}: both 'annotator' and 'reviewer' are required")
            continue
        try:
            codes = parse_label(rec.get("labels", rec.get("risk_codes")), f"{where}: item {item}")
        except ReviewError as exc:
            errors.append(str(exc))
            continue
        parsed.append((lineno, task_id, item, doc_id, codes, ann, rev))
    if errors:
        more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
        raise ReviewError("labels rejected:\n  " + "\n  ".join(errors[:10]) + more)
    # §4.3.1 c: within one task nobody may both annotate and review
    by_task: dict[str, tuple[dict[str, list[int]], dict[str, list[int]]]] = {}
    for lineno, task_id, _, _, _, ann, rev in parsed:
        a, r = by_task.setdefault(task_id, ({}, {}))
        a.setdefault(_person(ann), []).append(lineno)
        r.setdefault(_person(rev), []).append(lineno)
    for task_id, (a, r) in sorted(by_task.items()):
        both = sorted(set(a) & set(r))
        if both:
            who = both[0]
            raise ReviewError(
                f"task {task_id} rejected: {who!r} is both annotator (line {a[who][0]}) and reviewer "
                f"(line {r[who][0]}); §4.3.1 c requires annotation and review by different people")
    now = _now()
    con.execute("BEGIN")
    try:
        con.executemany("DELETE FROM review_labels WHERE item_id = ?", [[p[2]] for p in parsed])
        con.executemany("INSERT INTO review_labels VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [[t, i, d, c, not is_unsafe(c), a, r, path, now]
                         for _, t, i, d, c, a, r in parsed])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {"imported": len(parsed), "tasks": {t: compute_results(con, t, confidence) for t in sorted(by_task)}}


def _kappa(a: list[bool], b: list[bool]) -> float | None:
    from sklearn.metrics import cohen_kappa_score

    if not a:
        return None
    if len(set(a) | set(b)) < 2:
        return None  # both raters constant and equal: kappa undefined (agreement is 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        k = float(cohen_kappa_score(a, b))
    return None if k != k else k


def compute_results(con, task_id: str, confidence: float = 0.95) -> dict[str, Any]:
    """Qualified rate + CP interval per modality, manual/automatic agreement overall and per group."""
    rows = con.execute(
        """SELECT t.modality, t.auto_unsafe, t.auto_risk_codes, l.risk_codes, l.qualified
           FROM review_tasks t LEFT JOIN review_labels l ON t.item_id = l.item_id
           WHERE t.task_id = ?""", [task_id]).fetchall()
    now = _now()
    out: dict[str, Any] = {}
    con.execute("DELETE FROM review_results WHERE task_id = ?", [task_id])
    for mod in sorted({r[0] for r in rows}):
        items = [r for r in rows if r[0] == mod]
        lab = [r for r in items if r[4] is not None]
        n, q = len(lab), sum(1 for r in lab if r[4])
        lo, hi = clopper_pearson(q, n, confidence) if n else (0.0, 1.0)
        rate = q / n if n else None
        meets = bool(n >= MIN_ITEMS and rate is not None and rate >= MIN_QUALIFIED)
        manual = [not r[4] for r in lab]
        auto = [bool(r[1]) for r in lab]
        scopes = {"all": (manual, auto)}
        for g in GROUPS:
            scopes[g] = ([any(group_of(c) == g for c in (r[3] or [])) for r in lab],
                         [any(group_of(c) == g for c in (r[2] or [])) for r in lab])
        res = {"n_items": len(items), "n_labelled": n, "qualified": q, "qualified_rate": rate, "ci_low": lo,
               "ci_high": hi, "confidence": confidence, "meets_b2121": meets, "agreement": {}}
        for scope, (m, a) in scopes.items():
            agree = sum(x == y for x, y in zip(m, a)) / n if n else None
            kappa = _kappa(m, a)
            res["agreement"][scope] = {"manual_positive": sum(m), "auto_positive": sum(a), "agreement": agree,
                                       "kappa": kappa}
            con.execute("INSERT INTO review_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [task_id, mod, scope, len(items), n, q, rate, lo, hi, confidence, sum(m), sum(a), agree,
                         kappa, meets if scope == "all" else None, now])
        out[mod] = res
    return out
