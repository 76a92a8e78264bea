"""gensafe's own filter over a functional batch: illegal or unhealthy content invalidates it (§4.3.3 a).

The items go through :func:`gensafe.scoring.score_file` — the entry point of
``gensafe score``, so an item gets exactly the verdict the filtering
pipeline gives a document.  The content screened is the item's text and its
annotation (the labels' text: a written answer can be where the harm is).
An item is a finding when the pipeline marks it ``unsafe`` (a code of
A.1–A.4); removals for personal information alone are not "illegal and
unhealthy information".
"""
from __future__ import annotations

import json
import os
import tempfile
import uuid
from typing import Any

import duckdb
import orjson

from gensafe.annotation.batches import batch_revisions, invalidate, invalidation
from gensafe.annotation.schema import AnnotationError, now, transactional


def _label_text(labels_json: str | None) -> str:
    """All strings inside the labels value, joined: the written part of an annotation."""
    if not labels_json:
        return ""
    out: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)

    walk(json.loads(labels_json))
    return "\n".join(out)


@transactional
def screen_batch(con: duckdb.DuckDBPyConnection, batch_id: str, pipeline: str | None = None,
                 invalidate_on_findings: bool = True, by: str | None = None) -> dict[str, Any]:
    """Run the filter over the latest revision of a functional batch and record every finding.

    With ``invalidate_on_findings`` (the default) a batch with any unsafe
    item is invalidated at once, as §4.3.3 a) requires; without it the
    findings wait for a person's decision and the report flags the batch
    until it is invalidated.
    """
    from gensafe.pipeline import Pipeline
    from gensafe.scoring import score_file

    revs = batch_revisions(con, batch_id)
    if not revs:
        raise AnnotationError(f"no batch {batch_id!r} recorded")
    last = revs[-1]
    if last["kind"] != "functional":
        raise AnnotationError(f"batch {batch_id} is a safety batch: it holds risky content by design, and §4.3.3 a) "
                              "invalidation applies to functional batches")
    try:
        pipe = Pipeline.from_file(pipeline) if pipeline else Pipeline.from_file()
    except Exception as exc:  # a pipeline file error is a user error here
        raise AnnotationError(f"pipeline {pipeline or 'default'}: {exc}") from None
    items = con.execute("SELECT item_id, text, labels FROM annot_items WHERE batch_id = ? AND revision = ? "
                        "ORDER BY input_line", [batch_id, last["revision"]]).fetchall()
    with tempfile.TemporaryDirectory(prefix="gensafe-screen-") as tmp:
        src, dst = os.path.join(tmp, "items.jsonl"), os.path.join(tmp, "scored.jsonl")
        with open(src, "wb") as fh:
            for item_id, text, labels in items:
                content = text + ("\n" + _label_text(labels) if labels else "")
                fh.write(orjson.dumps({"id": item_id, "text": content, "source": f"annotation:{batch_id}"}) + b"\n")
        n, rejected = score_file(src, dst, pipe)
        if rejected or n != len(items):
            raise AnnotationError(f"batch {batch_id}: the filter scored {n} of {len(items)} items")
        with open(dst, "rb") as fh:
            scored = [orjson.loads(line) for line in fh if line.strip()]
    hits = [s for s in scored if s.get("unsafe")]
    screen_id = f"SCR-{batch_id}-r{last['revision']}-{now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    codes = sorted({c for s in hits for c in s.get("risks") or []})
    pipe_name = os.path.abspath(pipeline) if pipeline else "default"
    con.execute("INSERT INTO annot_screens VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [screen_id, batch_id, last["revision"], pipe_name, len(items), len(hits), codes, now()])
    if hits:
        con.executemany("INSERT INTO annot_screen_hits VALUES (?, ?, ?, ?, ?, ?)",
                        [[screen_id, batch_id, last["revision"], s["id"], s.get("risks") or [], s.get("reasons") or []]
                         for s in hits])
    invalidated = False
    if hits and invalidate_on_findings and not invalidation(con, batch_id):
        invalidated = invalidate(con, batch_id, f"gensafe screen {screen_id}: {len(hits)} item(s) with "
                                 f"{', '.join(codes)}", by, origin="screen")
    return {"screen_id": screen_id, "batch_id": batch_id, "revision": last["revision"], "items": len(items),
            "unsafe_items": len(hits), "risk_codes": codes, "invalidated": invalidated,
            "hits": [{"item_id": s["id"], "risks": s.get("risks"), "reasons": s.get("reasons")} for s in hits]}
