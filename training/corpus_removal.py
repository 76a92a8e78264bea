#!/usr/bin/env python
"""Share of ordinary text the default pipeline removes, per corpus source, with the reasons.

Runs the real default pipeline (every stage + Policy.decide) over every
document of the corpus JSONL files, with the given model in the classifier
stage; documents in the model's training sample (training/train_default.py's
sha1 buckets) are reported apart, since they were seen as negatives.

    python training/corpus_removal.py --corpus ../shared/corpus [--model DIR] [--out FILE.json]
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from gensafe.classifier.model import default_model_dir, load_model  # noqa: E402
from gensafe.verdicts import policy_verdicts  # noqa: E402
from train_default import CORPUS_TRAIN_PERMILLE, _permille  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--model", default=str(default_model_dir()))
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    model = load_model(args.model)
    recs = []
    for path in sorted(Path(args.corpus).glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            recs.extend(json.loads(line) for line in fh if line.strip())
    v = policy_verdicts([r["text"] for r in recs], model)
    by = collections.defaultdict(lambda: [0, 0, 0, 0])
    why = collections.defaultdict(collections.Counter)
    for r, rem, rs in zip(recs, v.removed, v.reasons):
        seen = _permille(r["id"]) < CORPUS_TRAIN_PERMILLE
        b = by[r.get("source", "?")]
        b[0 if not seen else 2] += 1
        b[1 if not seen else 3] += int(rem)
        for x in rs:
            why[r.get("source", "?")][x] += 1
    out = {"model": model.hash, "n": len(recs), "removed": int(v.removed.sum()),
           "removed_rate": round(float(v.removed.mean()), 5), "sources": {}}
    print(f"{'source':34s} {'unseen':>7s} {'removed':>8s} {'seen':>6s} {'removed':>8s}  top reasons")
    for s, (n, k, ns, ks) in sorted(by.items()):
        out["sources"][s] = {"unseen": n, "unseen_removed_rate": round(k / n, 4) if n else None,
                             "seen": ns, "seen_removed_rate": round(ks / ns, 4) if ns else None,
                             "reasons": dict(why[s].most_common(5))}
        print(f"{s:34s} {n:7d} {k / max(n, 1):8.2%} {ns:6d} {ks / max(ns, 1):8.2%}  {dict(why[s].most_common(3))}")
    print(f"all: {out['removed']} of {out['n']} removed ({out['removed_rate']:.3%})")
    if args.out:
        Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
