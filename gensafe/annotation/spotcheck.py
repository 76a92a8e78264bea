"""The manual spot check of each functional batch, its outcome and handling (§4.3.3 a, B.2.1.3.3 b).

``draw`` takes a seeded random sample of a batch revision — the bottom-k
keys of :mod:`gensafe.admission.sampling`, so the same seed gives the same
items whatever the file order — and writes it for a reviewer.  ``record``
reads the reviewer's outcomes (``accurate``, ``illegal``, ``checker``,
``checked_at``) and settles the check: ``illegal`` when any item shows
illegal or unhealthy content (the batch is invalidated), ``inaccurate``
when accuracy is below the rules' threshold (the batch must be re-annotated:
``gensafe annotate import --reannotation``), else ``pass``.

The check id is fixed by batch, revision and seed, so an example or a test
can ship the outcome file of a draw.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb

from gensafe.admission.sampling import BottomK, doc_key
from gensafe.annotation.batches import (read_rows, refuse_both_roles, field_text, authority_problems, batch_revisions,
                                        invalidate, invalidation, task_roles)
from gensafe.annotation.schema import AnnotationError, now, parse_time, transactional

DEFAULT_MIN_ACCURACY = 0.95


def check_id_for(batch_id: str, revision: int, seed: int) -> str:
    return f"SC-{batch_id}-r{revision}-s{seed}"


@transactional
def draw(con: duckdb.DuckDBPyConnection, batch_id: str, out: str, size: int | None = None, seed: int = 0,
         min_accuracy: float | None = None) -> dict[str, Any]:
    """Sample the latest revision of a functional batch for the manual spot check; write it to ``out``.

    ``size`` and ``min_accuracy`` default to the batch's rules
    (``functional.spot_check``).  Drawing again with the same seed rewrites
    the same sample and records nothing new.
    """
    revs = batch_revisions(con, batch_id)
    if not revs:
        raise AnnotationError(f"no batch {batch_id!r} recorded")
    last = revs[-1]
    if last["kind"] != "functional":
        raise AnnotationError(f"batch {batch_id} is a safety batch: every safety item needs a full review "
                              "(§4.3.3 b), not a spot check")
    inv = invalidation(con, batch_id)
    if inv:
        raise AnnotationError(f"batch {batch_id} was invalidated ({inv['reason']}): nothing to spot-check")
    rules = con.execute("SELECT spot_sample_size, spot_min_accuracy FROM annot_rules WHERE rules_version = ?",
                        [last["rules_version"]]).fetchone() or (None, None)
    size = size if size is not None else rules[0]
    if size is None or size < 1:
        raise AnnotationError(f"no spot-check size: rules {last['rules_version']} set no "
                              "functional.spot_check.sample_size; pass --size")
    min_acc = min_accuracy if min_accuracy is not None else (rules[1] if rules[1] is not None else DEFAULT_MIN_ACCURACY)
    if not 0 < min_acc <= 1:
        raise AnnotationError("--min-accuracy must be a share in (0, 1]")
    rev = last["revision"]
    sketch = BottomK(size)
    for item_id, text, labels, annotator in con.execute(
            "SELECT item_id, text, labels, annotator FROM annot_items WHERE batch_id = ? AND revision = ?",
            [batch_id, rev]).fetchall():
        sketch.offer(doc_key(seed, f"{batch_id}#r{rev}", item_id), item_id, (text, labels, annotator))
    check_id = check_id_for(batch_id, rev, seed)
    sample = sketch.items()
    known = con.execute("SELECT count(*) FROM annot_spot_checks WHERE check_id = ?", [check_id]).fetchone()[0]
    if not known:
        con.execute("INSERT INTO annot_spot_checks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [check_id, batch_id, rev, seed, len(sample), sketch.seen, min_acc, os.path.abspath(out), now()])
        con.executemany("INSERT INTO annot_spot_items VALUES (?, ?)", [[check_id, s[1]] for s in sample])
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for _, item_id, (text, labels, annotator) in sample:
            fh.write(json.dumps({"check_id": check_id, "batch_id": batch_id, "revision": rev, "item_id": item_id,
                                 "text": text, "labels": json.loads(labels), "annotator": annotator,
                                 "accurate": None, "illegal": None, "checker": "", "checked_at": "", "note": ""},
                                ensure_ascii=False) + "\n")
    return {"check_id": check_id, "batch_id": batch_id, "revision": rev, "drawn": len(sample),
            "population": sketch.seen, "min_accuracy": min_acc, "out": out, "new": not known}


def _bool(rec: dict[str, Any], key: str, where: str, default: bool | None = None) -> bool:
    v = rec.get(key, default)
    if v is None:
        v = default
    if not isinstance(v, bool):
        raise AnnotationError(f"{where}: {key!r} must be true or false"
                              + (" (fill in every drawn item)" if v is None else f", got {v!r}"))
    return v


@transactional
def record(con: duckdb.DuckDBPyConnection, path: str) -> list[dict[str, Any]]:
    """Record the outcomes of one or more spot checks; settle each check (pass / inaccurate / illegal)."""
    by_check: dict[str, list[dict[str, Any]]] = {}
    for n, rec in read_rows(path):
        w = f"{path}:{n}"
        cid = field_text(rec, "check_id", w)
        by_check.setdefault(cid, []).append({
            "item_id": field_text(rec, "item_id", w), "accurate": _bool(rec, "accurate", w),
            "illegal": _bool(rec, "illegal", w, False), "checker": field_text(rec, "checker", w),
            "checked_at": parse_time(rec.get("checked_at"), f"{w}: checked_at"),
            "note": field_text(rec, "note", w, False), "line": n})
    if not by_check:
        raise AnnotationError(f"{path}: no outcomes")
    results = []
    for cid, outs in by_check.items():
        row = con.execute("SELECT batch_id, revision, min_accuracy FROM annot_spot_checks WHERE check_id = ?",
                          [cid]).fetchone()
        if row is None:
            raise AnnotationError(f"{path}:{outs[0]['line']}: no spot check {cid!r} drawn (gensafe annotate "
                                  "spot-draw)")
        batch_id, rev, min_acc = row
        if con.execute("SELECT count(*) FROM annot_spot_results WHERE check_id = ?", [cid]).fetchone()[0]:
            raise AnnotationError(f"{path}: spot check {cid} is already recorded; a new check needs a new draw "
                                  "(another seed)")
        drawn = {r[0] for r in con.execute("SELECT item_id FROM annot_spot_items WHERE check_id = ?",
                                           [cid]).fetchall()}
        seen: set[str] = set()
        for o in outs:
            if o["item_id"] not in drawn:
                raise AnnotationError(f"{path}:{o['line']}: item {o['item_id']} was not drawn in {cid}")
            if o["item_id"] in seen:
                raise AnnotationError(f"{path}:{o['line']}: item {o['item_id']} has a second outcome")
            seen.add(o["item_id"])
        missing = sorted(drawn - seen)
        if missing:
            raise AnnotationError(f"{path}: {len(missing)} of {len(drawn)} drawn items of {cid} have no outcome, "
                                  f"e.g. {missing[0]}")
        task = batch_revisions(con, batch_id)[0]["task_id"]
        refuse_both_roles(task, task_roles(con, task), [(o["checker"], "review", f"{path}:{o['line']}")
                                                         for o in outs])
        ts = now()
        con.executemany("INSERT INTO annot_spot_outcomes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [[cid, o["item_id"], o["accurate"], o["illegal"], o["checker"], o["checked_at"], o["note"],
                          os.path.abspath(path), o["line"], ts] for o in outs])
        checked, accurate = len(outs), sum(o["accurate"] for o in outs)
        illegal = sum(o["illegal"] for o in outs)
        accuracy = accurate / checked
        outcome = "illegal" if illegal else ("inaccurate" if accuracy < min_acc else "pass")
        con.execute("INSERT INTO annot_spot_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [cid, batch_id, rev, checked, accurate, illegal, accuracy, min_acc, outcome, ts])
        invalidated = False
        if outcome == "illegal":
            invalidated = invalidate(con, batch_id, f"spot check {cid}: {illegal} item(s) with illegal or unhealthy "
                                     "content", outs[0]["checker"], origin="spot check")
        results.append({"check_id": cid, "batch_id": batch_id, "revision": rev, "checked": checked,
                        "accurate": accurate, "illegal": illegal, "accuracy": accuracy, "min_accuracy": min_acc,
                        "outcome": outcome, "invalidated": invalidated,
                        "problems": authority_problems(con, [(o["checker"], "review", o["checked_at"])
                                                             for o in outs])})
    return results
