"""Audit the default library: honest distinct counts and false positives on benign text.

Counts: every term is normalised the way the matcher does it (NFKC, case fold,
traditional->simplified, whitespace and punctuation removed) and deduplicated
per (normalised term, code), so trivial variants are never counted twice.

False positives: ``--corpus`` scans benign JSONL documents (one object per line
with a ``text`` field) with an Aho-Corasick automaton and reports, per
severity, how many documents a term fires in, honouring whole-word mode,
exceptions and co-occurrence rules.  Severity-3 terms firing in more than a
handful of benign documents must be lowered, lengthened or given exceptions.

    python keyword_libraries/tools/audit.py [--library DIR] [--corpus '/path/*.jsonl'] [--top N]
"""
from __future__ import annotations

import argparse
import collections
import csv
import glob
import json
import sys
import unicodedata
from pathlib import Path

import ahocorasick
import opencc

LIB = Path(__file__).resolve().parent.parent / "default"
T2S = opencc.OpenCC("t2s")
A1 = [f"A1{c}" for c in "abcdefgh"]
A2 = [f"A2{c}" for c in "abcdefghi"]


def fold(s: str) -> str:
    return T2S.convert(unicodedata.normalize("NFKC", s).casefold())


def strip(s: str) -> str:
    return "".join(ch for ch in s if not (unicodedata.category(ch)[0] in "PZSC"))


def load(lib: Path = LIB) -> list[dict]:
    rows = []
    for f in sorted((lib / "terms").glob("*.tsv")):
        lines = [ln for ln in f.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            r["file"] = f.name
            rows.append(r)
    return rows


def counts(rows: list[dict]) -> tuple[dict, int]:
    seen: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    total: set[tuple[str, str]] = set()
    for r in rows:
        key = strip(fold(r["term"]))
        for code in r["codes"].split(","):
            seen[(code, r["lang"])].add(key)
            total.add((key, code))
    return seen, len(total)


def table(rows: list[dict]) -> str:
    seen, total = counts(rows)
    codes = sorted({c for c, _ in seen})
    out = ["| code | min | zh | en | distinct (code) |", "|---|---:|---:|---:|---:|"]
    for c in codes:
        both = len(seen[(c, "zh")] | seen[(c, "en")])
        mn = 200 if c in A1 else 100 if c in A2 else 0
        out.append(f"| {c} | {mn} | {len(seen[(c, 'zh')])} | {len(seen[(c, 'en')])} | {both} |")
    out.append(f"| **total** (distinct normalised term, code) | 10000 | | | **{total}** |")
    return "\n".join(out)


def is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def scan(rows: list[dict], pattern: str, top: int) -> None:
    auto = ahocorasick.Automaton()
    for i, r in enumerate(rows):
        k = fold(r["term"])
        auto.add_word(k, auto.get(k, []) + [i]) if k in auto else auto.add_word(k, [i])
    auto.make_automaton()
    exc = [[fold(e) for e in r["exceptions"].split("|") if e] for r in rows]
    co = []
    for r in rows:
        if r["cooccur"]:
            ts, n = r["cooccur"].rsplit("@", 1)
            items = [t for t in ts.split("|") if t]
            co.append(([fold(t) for t in items if not t.startswith("!")],
                       [fold(t[1:]) for t in items if t.startswith("!")], int(n)))
        else:
            co.append(None)
    docs = 0
    by_sev = collections.Counter()
    per_term: collections.Counter = collections.Counter()
    by_source = collections.Counter()
    n_source = collections.Counter()
    for path in sorted(glob.glob(pattern)):
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            text = fold(d["text"])
            docs += 1
            n_source[d.get("source", "?")] += 1
            fired: set[int] = set()
            for end, ids in auto.iter(text):
                for i in ids:
                    if i in fired:
                        continue
                    r = rows[i]
                    k = len(fold(r["term"]))
                    s = end - k + 1
                    if r["mode"] == "word" and ((s > 0 and is_word(text[s - 1])) or (end + 1 < len(text) and is_word(text[end + 1]))):
                        continue
                    if any(_covers(text, e, s, end + 1) for e in exc[i]):
                        continue
                    if co[i]:
                        region = text[max(0, s - co[i][2]): end + 1 + co[i][2]]
                        if not any(t in region for t in co[i][0]) or any(t in region for t in co[i][1]):
                            continue
                    fired.add(i)
            sevs = {int(rows[i]["severity"]) for i in fired}
            for sv in sevs:
                by_sev[sv] += 1
            if 3 in sevs:
                by_source[d.get("source", "?")] += 1
            for i in fired:
                per_term[i] += 1
    print(f"documents scanned: {docs}")
    for sv in (3, 2, 1):
        print(f"docs with a severity-{sv} hit: {by_sev[sv]} ({100 * by_sev[sv] / max(docs, 1):.3f} %)")
    print("severity-3 hits by source:", dict(by_source.most_common(10)))
    for sv in (3, 2, 1):
        items = [(i, c) for i, c in per_term.most_common() if int(rows[i]["severity"]) == sv][:top]
        print(f"-- top severity-{sv} terms (docs) --")
        print("  " + "; ".join(f"{rows[i]['term']}[{rows[i]['codes']}]={c}" for i, c in items))


def _covers(text: str, phrase: str, s: int, e: int) -> bool:
    lo = max(0, e - len(phrase))
    j = text.find(phrase, lo)
    while j != -1 and j <= s:
        if j + len(phrase) >= e:
            return True
        j = text.find(phrase, j + 1)
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="glob of benign JSONL files to scan for false positives")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--library", default=str(LIB), help="library folder (default: the shipped one)")
    args = ap.parse_args()
    rows = load(Path(args.library))
    bad = [r for r in rows if r["lang"] not in ("zh", "en") or r["severity"] not in ("1", "2", "3")]
    if bad:
        sys.exit(f"malformed rows: {bad[:3]}")
    print(table(rows))
    if args.corpus:
        scan(rows, args.corpus, args.top)


if __name__ == "__main__":
    main()
