"""Keyword-only flag rate of a library on benign text, through gensafe's own ``KeywordStage``.

``audit.py --corpus`` re-implements matching to rank terms per severity; this tool
instead runs the stage the pipelines run (same normaliser, matcher and
``RiskRule``) and counts the documents the ``keyword`` policy rule
(``risks = "kw_risks"``, no classifier confirmation) would remove.  That is the
number the weekly update must keep below 1 % on ordinary text, and the
per-term listing is where false positives are found.

    python keyword_libraries/tools/flag_rate.py [--library DIR] [--corpus '../shared/corpus/*.jsonl']
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import time
from pathlib import Path
from typing import Iterator

from gensafe.keywords.stage import DEFAULT_LIBRARY, KeywordStage


def batches(pattern: str, size: int) -> Iterator[list[dict]]:
    """Documents of every matching JSONL file, ``size`` at a time (id, text, source)."""
    buf: list[dict] = []
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                buf.append({"id": d.get("id", ""), "text": d.get("text") or "", "source": d.get("source", "?")})
                if len(buf) == size:
                    yield buf
                    buf = []
    if buf:
        yield buf


def measure(library: Path, pattern: str, batch_size: int = 2000) -> dict:
    """Documents flagged by ``kw_risks`` and the terms behind each flag."""
    stage = KeywordStage(library=str(library))
    stage.setup()
    docs = 0
    flagged: list[dict] = []
    term_docs: collections.Counter = collections.Counter()
    by_code: collections.Counter = collections.Counter()
    by_source: collections.Counter = collections.Counter()
    t0 = time.perf_counter()
    for batch in batches(pattern, batch_size):
        cols = stage.annotate([d["text"] for d in batch])
        risks = cols["kw_risks"].to_pylist()
        evidence = cols["kw_evidence"].to_pylist()
        for d, rk, ev in zip(batch, risks, evidence):
            docs += 1
            if not rk:
                continue
            terms = sorted({(e["term"], e["code"], e["severity"]) for e in ev if e["code"] in rk})
            for t in {(t, c) for t, c, _ in terms}:
                term_docs[t] += 1
            for c in rk:
                by_code[c] += 1
            by_source[d["source"]] += 1
            spans = [(e["start"], e["end"]) for e in ev if e["code"] in rk][:1]
            s, e = spans[0] if spans else (0, 0)
            flagged.append({"id": d["id"], "source": d["source"], "risks": rk,
                            "terms": [f"{t}[{c}/{sv}]" for t, c, sv in terms],
                            "context": d["text"][max(0, s - 40): e + 40].replace("\n", " ")})
    return {"library": stage.library.name if stage.library else "?",
            "version": stage.library.manifest.version if stage.library else "?",
            "docs": docs, "flagged": len(flagged), "rate_pct": 100 * len(flagged) / max(docs, 1),
            "seconds": time.perf_counter() - t0, "by_code": dict(by_code.most_common()),
            "by_source": dict(by_source.most_common()),
            "terms": [(f"{t}[{c}]", n) for (t, c), n in term_docs.most_common()], "documents": flagged}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", default=str(DEFAULT_LIBRARY))
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[3] / "shared" / "corpus" / "*.jsonl"))
    ap.add_argument("--documents", action="store_true", help="also list every flagged document with context")
    ap.add_argument("--json", help="write the full result (flagged documents included) to this file")
    args = ap.parse_args()
    res = measure(Path(args.library), args.corpus)
    print(f"{res['library']} {res['version']}: {res['flagged']} of {res['docs']} documents flagged by kw_risks "
          f"({res['rate_pct']:.3f} %) in {res['seconds']:.1f} s")
    print("by code:", res["by_code"])
    print("by source:", res["by_source"])
    print("terms (documents):", "; ".join(f"{t}={n}" for t, n in res["terms"]))
    if args.documents:
        for d in res["documents"]:
            print(f"  {d['id']} [{d['source']}] {','.join(d['risks'])} {' '.join(d['terms'])} :: {d['context']}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
