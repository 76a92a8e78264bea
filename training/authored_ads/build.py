#!/usr/bin/env python
"""Write the authored ad/spam seed files into training/seeds/ deterministically.

    python training/authored_ads/build.py [--check]

Each generator kind draws whole posts from authored components with its own
seeded RNG, drops duplicates, and stops at its target count.  Rows carry
``source_dataset`` (``authored-zh-ads`` / ``authored-en-ads``) so the trainer
can treat the family as a unit, and ``family`` (``<source>:<category>:<kind>``),
the generator that wrote them: texts of one family share components, so a
grouped split or leave-one-family-out must keep each family on one side.
``--check`` rebuilds in memory and fails if the files on disk differ.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import en_ads  # noqa: E402
import en_negatives  # noqa: E402
import zh_contraband  # noqa: E402
import zh_gambling  # noqa: E402
import zh_injected  # noqa: E402
import zh_lures  # noqa: E402
import zh_negatives  # noqa: E402
import zh_porn  # noqa: E402

SEEDS = HERE.parent / "seeds"
Kind = tuple[str, Callable[[random.Random], str], int]

#: (output file, lang, label, [(category, risks, kinds)])
PLAN: list[tuple[str, str, str, list[tuple[str, list[str], list[Kind]]]]] = [
    ("zh_authored_ads.jsonl", "zh", "unsafe", [
        ("gambling", ["A1h"], zh_gambling.KINDS),
        ("porn", ["A1f"], zh_porn.KINDS),
        ("lure", ["A1h"], zh_lures.KINDS_A1H),
        ("review", ["A3b"], zh_lures.KINDS_A3B),
        ("contraband", ["A1h"], zh_contraband.KINDS_A1H),
        ("pdata", ["A4f"], zh_contraband.KINDS_A4F),
        ("injected", ["A1h"], zh_injected.KINDS),
    ]),
    ("en_authored_ads.jsonl", "en", "unsafe", [
        ("illegal", ["A1h"], en_ads.KINDS_A1H),
        ("adult", ["A1f"], en_ads.KINDS_A1F),
        ("pdata", ["A4f"], en_ads.KINDS_A4F),
    ]),
    ("zh_authored_ads_negatives.jsonl", "zh", "safe", [("neg", [], zh_negatives.KINDS)]),
    ("en_authored_ads_negatives.jsonl", "en", "safe", [("neg", [], en_negatives.KINDS)]),
]


def _rng(*key: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256("|".join(("authored-ads-v1",) + key).encode()).digest()[:8], "big"))


def _risks_of(category: str, risks: list[str], text: str) -> list[str]:
    """Injected ads carry the code of the ad they hold: porn sites A1f, gambling A1h."""
    if category == "injected" and any(s in text for s in zh_porn.SITES):
        return ["A1f"]
    return risks


def build() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    seen: set[str] = set()
    for fname, lang, label, cats in PLAN:
        rows: list[dict] = []
        src = f"authored-{lang}-ads"
        for category, risks, kinds in cats:
            for kind, fn, target in kinds:
                rng = _rng(fname, category, kind)
                n, tries = 0, 0
                while n < target and tries < target * 30:
                    tries += 1
                    text = fn(rng).strip()
                    if text in seen:
                        continue
                    seen.add(text)
                    n += 1
                    prefix = "ad" if label == "unsafe" else "adneg"
                    rows.append({
                        "id": f"{prefix}-{lang}-{category}-{kind}-{n:03d}",
                        "text": text, "lang": lang, "label": label,
                        "risks": _risks_of(category, risks, text),
                        "kind": "seed" if label == "unsafe" else "hard_negative",
                        "author": "gensafe-team", "source_dataset": src,
                        "family": f"{src}:{category}:{kind}",
                    })
                if n < target:
                    raise SystemExit(f"{fname}: kind {category}/{kind} gave only {n} distinct texts of {target}")
        out[fname] = rows
    return out


def render(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if the files on disk differ from a rebuild")
    args = ap.parse_args(argv)
    built = build()
    bad = 0
    for fname, rows in built.items():
        path = SEEDS / fname
        text = render(rows)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path}: differs from a rebuild of training/authored_ads", file=sys.stderr)
                bad += 1
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{path}: {len(rows)} rows")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
