"""Keyword matching throughput, automaton build cost and corpus flag rate.

One command::

    python benchmarks/bench_keywords.py [--corpus DIR] [--mb 20] [--repeats 3] [--quick]

Measures, single process (= per core), MB = 10^6 bytes of UTF-8 text:

* **match alone (with evidence)**: the automaton plus gensafe's per-hit checks
  (word boundary, exceptions, co-occurrence) on already-normalised batches, for
  each installed backend (daachorse, ahocorasick_rs, pyahocorasick);
* **normalise + match**: ``Matcher.match_batch`` on raw text, spans mapped back
  to original offsets (what ``KeywordStage`` runs), and normalisation alone,
  with ``unicodedata.normalize("NFKC")`` alone as a reference;
* both with the shipped library (or a synthetic one when it is missing) and a
  100k-term synthetic library;
* baselines in the same run: a Python ``re`` alternation of all terms and a
  per-term ``in`` loop, on a small slice (labelled, extrapolated per MB), and
  ``grep -F -f`` as a native reference when grep is installed;
* automaton build time and memory (RSS delta and serialised size) for 10k and
  100k terms;
* the fraction of corpus documents the keyword stage flags (``kw_risks``
  non-empty) with the default library, and the terms that fire most.

Writes ``benchmarks/results/keywords.json`` and ``benchmarks/results/keywords.md``.
"""
from __future__ import annotations

import argparse
import collections
import gc
import glob
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gensafe.keywords.library import Library, Manifest, Term, load_library, normalize_terms  # noqa: E402
from gensafe.keywords.matcher import Matcher, available_backends  # noqa: E402
from gensafe.keywords.normalize import normalize_batch, tables  # noqa: E402
from gensafe.keywords.stage import DEFAULT_LIBRARY, KeywordStage  # noqa: E402

BATCH = 2048
RESULTS = ROOT / "benchmarks" / "results"



def load_slice(corpus: Path, lang: str, max_bytes: float) -> tuple[list[str], int]:
    docs: list[str] = []
    size = 0
    for fn in sorted(glob.glob(str(corpus / f"{lang}_*.jsonl"))):
        with open(fn, "rb") as fh:
            for line in fh:
                t = orjson.loads(line).get("text") or ""
                docs.append(t)
                size += len(t.encode())
                if size >= max_bytes:
                    return docs, size
    return docs, size


def batches(docs: list[str]) -> list[list[str]]:
    return [docs[i:i + BATCH] for i in range(0, len(docs), BATCH)]


def timed(fn, repeats: int) -> float:
    """Median CPU time of ``repeats`` runs (the machine is shared: CPU time is the per-core cost).

    The median wall time of the same runs is kept in ``WALL`` for the record.
    """
    cpu, wall = [], []
    for _ in range(repeats):
        gc.collect()
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    WALL.append(statistics.median(wall))
    return statistics.median(cpu)


WALL: list[float] = []


def synthetic_library(n: int, seed: int = 1) -> Library:
    """n random pseudo-terms, half Chinese (3-6 Han characters), half English (1-3 words)."""
    rnd = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    terms: list[str] = []
    langs: list[str] = []
    seen: set[str] = set()
    codes = ["A1a", "A1b", "A1c", "A1d", "A1e", "A1f", "A1g", "A1h", "A2a", "A2b", "A2c", "A2d", "A2e",
             "A2f", "A2g", "A2h", "A2i"]
    while len(terms) < n:
        if len(terms) % 2:
            t = "".join(chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(rnd.randint(3, 6)))
            lang = "zh"
        else:
            t = " ".join("".join(rnd.choice(letters) for _ in range(rnd.randint(4, 9)))
                         for _ in range(rnd.randint(1, 3)))
            lang = "en"
        if t not in seen:
            seen.add(t)
            terms.append(t)
            langs.append(lang)
    norms = normalize_terms(terms)
    import datetime as dt

    rows = [Term(t, (codes[i % len(codes)],), lang, "substring" if lang == "zh" else "word",
                 2, (), (), 0, f"synthetic:{i}", nm)
            for i, (t, lang, nm) in enumerate(zip(terms, langs, norms))]
    man = Manifest(f"synthetic-{n}", "1", dt.date.today(), ["zh", "en"], "bench", "CC0-1.0")
    return Library(Path("synthetic"), man, rows)


def bench_library(label: str, lib: Library, slices: dict, repeats: int, backends: list[str]) -> dict:
    out: dict = {"library": label, "terms": len(lib.terms), "backends": {}}
    for be in backends:
        m = Matcher(lib, be)
        res: dict = {}
        for lang, (docs, size) in slices.items():
            bs = batches(docs)
            nbs = [normalize_batch(b) for b in bs]
            r = 1 if be == "pyahocorasick" else repeats
            t_match = timed(lambda: [m.match_normalized(nb) for nb in nbs], r)
            w_match = WALL[-1]
            t_full = timed(lambda: [m.match_batch(b) for b in bs], r)
            w_full = WALL[-1]
            hits = sum(len(m.match_normalized(nb)) for nb in nbs)
            res[lang] = {"match_mb_s": round(size / t_match / 1e6, 1),
                         "normalise_match_mb_s": round(size / t_full / 1e6, 1), "hits": hits,
                         "wall_match_mb_s": round(size / w_match / 1e6, 1),
                         "wall_normalise_match_mb_s": round(size / w_full / 1e6, 1)}
            print(f"  {label:<22} {be:<15} {lang}: match {res[lang]['match_mb_s']:>6} MB/s, "
                  f"normalise+match {res[lang]['normalise_match_mb_s']:>6} MB/s, {hits} hits", flush=True)
        out["backends"][be] = res
    return out


def baselines(lib: Library, slices: dict, small_bytes: int) -> dict:
    """Python re alternation and per-term `in` loop on a small slice, per MB."""
    terms = sorted({t.norm for t in lib.terms}, key=len, reverse=True)
    out: dict = {"slice_bytes_per_lang": small_bytes, "terms": len(terms)}
    t0 = time.perf_counter()
    rx = re.compile("|".join(re.escape(t) for t in terms))
    out["re_compile_s"] = round(time.perf_counter() - t0, 2)
    for lang, (docs, _) in slices.items():
        small: list[str] = []
        size = 0
        for d in docs:
            small.append(d)
            size += len(d.encode())
            if size >= small_bytes:
                break
        norm = normalize_batch(small).text
        t = time.process_time()
        n_re = sum(1 for _ in rx.finditer(norm))
        t_re = time.process_time() - t
        segs = norm.split("\x00")
        t = time.process_time()
        n_in = 0
        for s in segs:
            for term in terms:
                if term in s:
                    n_in += 1
        t_in = time.process_time() - t
        out[lang] = {"bytes": size, "re_alternation_mb_s": round(size / t_re / 1e6, 3), "re_hits": n_re,
                     "in_loop_mb_s": round(size / t_in / 1e6, 3), "in_loop_terms_found": n_in}
        print(f"  baselines {lang} ({size} bytes, {len(terms)} terms): re {out[lang]['re_alternation_mb_s']} MB/s, "
              f"per-term in {out[lang]['in_loop_mb_s']} MB/s", flush=True)
    return out


def grep_reference(lib: Library, slices: dict) -> dict | None:
    grep = shutil.which("grep")
    if not grep:
        return None
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        pats = Path(tmp) / "terms.txt"
        pats.write_text("\n".join(sorted({t.norm for t in lib.terms})) + "\n", encoding="utf-8")
        for lang, (docs, size) in slices.items():
            f = Path(tmp) / f"{lang}.txt"
            f.write_text(normalize_batch(docs).text.replace("\x00", "\n"), encoding="utf-8")
            before = os.times()
            p = subprocess.run([grep, "-F", "-o", "-f", str(pats), str(f)], capture_output=True,
                               env={**os.environ, "LC_ALL": "C"})
            after = os.times()
            dt_ = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            out[lang] = {"mb_s": round(size / dt_ / 1e6, 1), "matches": p.stdout.count(b"\n")}
            print(f"  grep -F -o -f {lang}: {out[lang]['mb_s']} MB/s", flush=True)
    return out


_BUILD_CHILD = """
import json, os, sys, time
sys.path.insert(0, sys.argv[3])
from gensafe.keywords.matcher import build_finder
pats = open(sys.argv[1], encoding="utf-8").read().split("\\n")
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
before = rss(); t = time.perf_counter()
name, find = build_finder(pats, sys.argv[2])
dt = time.perf_counter() - t
find("warm up " * 10)
print(json.dumps({"build_s": round(dt, 3), "rss_delta_mb": round((rss() - before) / 1e6, 1)}))
"""


def build_costs(big: Library, backends: list[str]) -> dict:
    """Build time and resident memory of the automaton alone, each in a fresh process."""
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (10_000, 100_000):
            pats = list(dict.fromkeys(t.norm for t in big.terms[:n]))
            f = Path(tmp) / f"p{n}.txt"
            f.write_text("\n".join(pats), encoding="utf-8")
            for be in backends:
                p = subprocess.run([sys.executable, "-c", _BUILD_CHILD, str(f), be, str(ROOT)],
                                   capture_output=True, text=True)
                if p.returncode != 0:
                    print(p.stderr, file=sys.stderr)
                    continue
                rec = json.loads(p.stdout)
                out.setdefault(str(n), {})[be] = rec
                print(f"  build {n} terms {be}: {rec['build_s']} s, RSS +{rec['rss_delta_mb']} MB", flush=True)
    return out


def flag_rate(corpus: Path, library: Path, limit_docs: int | None) -> dict:
    stage = KeywordStage(library=str(library))
    stage.setup()
    total = flagged = weak = 0
    per_lang: dict = collections.defaultdict(lambda: [0, 0])
    risk_terms: collections.Counter = collections.Counter()
    weak_terms: collections.Counter = collections.Counter()
    codes: collections.Counter = collections.Counter()
    examples: dict = {}
    t0 = time.process_time()
    size = 0
    for fn in sorted(glob.glob(str(corpus / "*.jsonl"))):
        lang = Path(fn).name.split("_")[0]
        docs: list[str] = []
        with open(fn, "rb") as fh:
            for line in fh:
                docs.append(orjson.loads(line).get("text") or "")
                if limit_docs and len(docs) >= limit_docs:
                    break
        for b in batches(docs):
            size += sum(len(d.encode()) for d in b)
            cols = stage.annotate(b)
            ev = cols["kw_evidence"].to_pylist()
            for text, r, w, e in zip(b, cols["kw_risks"].to_pylist(), cols["kw_weak_risks"].to_pylist(), ev):
                total += 1
                per_lang[lang][0] += 1
                if r:
                    flagged += 1
                    per_lang[lang][1] += 1
                    codes.update(r)
                    for x in {(y["term"], y["code"], y["severity"]) for y in e if y["code"] in r}:
                        risk_terms[x] += 1
                        examples.setdefault(x, text[max(0, e[0]["start"] - 30): e[0]["end"] + 30])
                elif w:
                    weak += 1
                    for x in {(y["term"], y["code"], y["severity"]) for y in e}:
                        weak_terms[x] += 1
    dt_ = time.process_time() - t0
    return {"documents": total, "flagged": flagged, "flagged_rate": round(flagged / max(total, 1), 5),
            "weak_only": weak, "weak_only_rate": round(weak / max(total, 1), 5),
            "per_lang": {k: {"documents": v[0], "flagged": v[1], "rate": round(v[1] / max(v[0], 1), 5)}
                         for k, v in per_lang.items()},
            "flagged_codes": dict(codes.most_common()),
            "top_risk_terms": [{"term": t, "code": c, "severity": s, "documents": n}
                               for (t, c, s), n in risk_terms.most_common(30)],
            "top_weak_terms": [{"term": t, "code": c, "severity": s, "documents": n}
                               for (t, c, s), n in weak_terms.most_common(30)],
            "stage_mb_s_incl_arrow_and_tallies": round(size / dt_ / 1e6, 1)}


def write_md(res: dict, path: Path) -> None:
    L = ["# Keyword matching benchmark", "",
         f"`python benchmarks/bench_keywords.py` - {res['when']}, Python {res['python']}, "
         f"load average at start {res['loadavg']:.1f} on a shared 2-core machine; single process, "
         f"**MB/s per core = bytes / CPU seconds of the process** (wall-clock figures, which depend on the "
         f"other load, are in keywords.json), MB = 10^6 bytes of UTF-8, medians of {res['repeats']} runs, "
         f"batches of {BATCH} documents.",
         "", f"Slices: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in res["slice_bytes"].items()), ""]
    L += ["## Throughput (MB/s per core)", "",
          "| library | terms | backend | zh match | zh normalise+match | en match | en normalise+match |",
          "|---|---:|---|---:|---:|---:|---:|"]
    for lib in res["libraries"]:
        for be, r in lib["backends"].items():
            L.append(f"| {lib['library']} | {lib['terms']} | {be} | {r['zh']['match_mb_s']} | "
                     f"{r['zh']['normalise_match_mb_s']} | {r['en']['match_mb_s']} | {r['en']['normalise_match_mb_s']} |")
    L += ["", "*match* = automaton scan of already-normalised batches plus gensafe's per-hit checks "
          "(word boundary, exceptions, co-occurrence), i.e. evidence in normalised offsets; *normalise+match* = "
          "`Matcher.match_batch` on raw text with spans mapped back to original offsets (what `KeywordStage` runs). "
          "All backends return the same hits (asserted by tests/keywords/test_keywords_match.py::test_backends_agree)."]
    n = res["normalise"]
    L += ["", "Normalisation alone: " + ", ".join(f"{k} {v['normalise_mb_s']} MB/s (NFKC alone "
                                                   f"{v['nfkc_mb_s']} MB/s)" for k, v in n.items()), ""]
    b = res["baselines"]
    L += ["## Baselines (same run)", "",
          f"Python `re` alternation of all {b['terms']} shipped terms (compile {b['re_compile_s']} s) and a per-term "
          f"`in` loop, measured on a {b['slice_bytes_per_lang'] / 1e3:.0f} kB slice per language "
          "(too slow for the full slice) and reported per MB:", "",
          "| lang | re alternation MB/s | per-term `in` MB/s | best automaton match MB/s | ratio vs re | ratio vs in |",
          "|---|---:|---:|---:|---:|---:|"]
    best = res["libraries"][0]["backends"][res["chosen_backend"]]
    for lang in ("zh", "en"):
        x = b[lang]
        m = best[lang]["match_mb_s"]
        L.append(f"| {lang} | {x['re_alternation_mb_s']} | {x['in_loop_mb_s']} | {m} | "
                 f"{m / max(x['re_alternation_mb_s'], 1e-9):.0f}x | {m / max(x['in_loop_mb_s'], 1e-9):.0f}x |")
    if res.get("grep"):
        L += ["", "Native reference `LC_ALL=C grep -F -o -f terms` on the normalised slice: "
              + ", ".join(f"{k} {v['mb_s']} MB/s" for k, v in res["grep"].items())]
    L += ["", "## Automaton build", "",
          "Each in a fresh process (patterns already normalised); daachorse builds two automata (charwise for "
          "Chinese text, bytewise for ASCII/mostly-ASCII text).", "",
          "| terms | backend | build s | RSS delta MB |", "|---:|---|---:|---:|"]
    for n_, per in res["build"].items():
        for be, r in per.items():
            L.append(f"| {n_} | {be} | {r['build_s']} | {r['rss_delta_mb']} |")
    f = res["flag_rate"]
    L += ["", "## Corpus flag rate (default library, keyword stage alone)", "",
          f"{f['flagged']} of {f['documents']} documents flagged (`kw_risks` non-empty): "
          f"**{100 * f['flagged_rate']:.3f} %**; weak-only (`kw_weak_risks`, needs classifier agreement): "
          f"{100 * f['weak_only_rate']:.2f} %. Per language: "
          + ", ".join(f"{k} {100 * v['rate']:.3f} %" for k, v in f["per_lang"].items())
          + f". Whole-corpus pass incl. Arrow columns and this tally: {f['stage_mb_s_incl_arrow_and_tallies']} MB/s.", "",
          "Terms of the flagged codes in flagged documents (documents; a severity-1 term listed here fired "
          "next to a stronger one):", ""]
    L += [f"- `{t['term']}` {t['code']} sev {t['severity']}: {t['documents']}" for t in f["top_risk_terms"][:20]]
    L += ["", "Most frequent weak-only terms (documents):", ""]
    L += [f"- `{t['term']}` {t['code']} sev {t['severity']}: {t['documents']}" for t in f["top_weak_terms"][:15]]
    L += ["", f"Chosen backend: **{res['chosen_backend']}** (fastest normalise+match on the shipped library)."]
    path.write_text("\n".join(L) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--mb", type=float, default=20.0, help="slice size in MB (half zh, half en)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--small-kb", type=float, default=40.0, help="slice per language for the re/in baselines")
    ap.add_argument("--quick", action="store_true", help="small slices, for a smoke test")
    ap.add_argument("--md-only", action="store_true", help="rewrite keywords.md from keywords.json")
    args = ap.parse_args()
    if args.md_only:
        write_md(json.loads((RESULTS / "keywords.json").read_text(encoding="utf-8")), RESULTS / "keywords.md")
        return
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        sys.exit(f"corpus folder {corpus} not found (use --corpus)")
    if args.quick:
        args.mb, args.repeats, args.small_kb = 2.0, 1, 10.0
    tables()
    res: dict = {"when": time.strftime("%Y-%m-%d %H:%M:%S"), "python": platform.python_version(),
                 "loadavg": os.getloadavg()[0], "repeats": args.repeats, "batch": BATCH}
    slices = {lang: load_slice(corpus, lang, args.mb * 1e6 / 2) for lang in ("zh", "en")}
    res["slice_bytes"] = {k: v[1] for k, v in slices.items()}
    print("normalisation", flush=True)
    res["normalise"] = {}
    for lang, (docs, size) in slices.items():
        bs = batches(docs)
        t_n = timed(lambda: [normalize_batch(b) for b in bs], args.repeats)
        t_k = timed(lambda: [unicodedata.normalize("NFKC", d) for d in docs], args.repeats)
        res["normalise"][lang] = {"normalise_mb_s": round(size / t_n / 1e6, 1), "nfkc_mb_s": round(size / t_k / 1e6, 1)}
        print(f"  {lang}: normalise {res['normalise'][lang]['normalise_mb_s']} MB/s, "
              f"NFKC alone {res['normalise'][lang]['nfkc_mb_s']} MB/s", flush=True)
    shipped_ok = (DEFAULT_LIBRARY / "manifest.toml").is_file()
    shipped = load_library(DEFAULT_LIBRARY) if shipped_ok else synthetic_library(17_000, seed=5)
    label = f"shipped ({shipped.name})" if shipped_ok else "synthetic 17k (no shipped library)"
    big = synthetic_library(100_000)
    backends = available_backends()
    print("throughput", flush=True)
    res["libraries"] = [bench_library(label, shipped, slices, args.repeats, backends),
                        bench_library("synthetic 100k", big, slices, args.repeats,
                                      [b for b in backends if b != "pyahocorasick"])]
    ship = res["libraries"][0]["backends"]
    res["chosen_backend"] = max(ship, key=lambda b: ship[b]["zh"]["normalise_match_mb_s"]
                                + ship[b]["en"]["normalise_match_mb_s"])
    print("baselines", flush=True)
    res["baselines"] = baselines(shipped, slices, int(args.small_kb * 1e3))
    res["grep"] = grep_reference(shipped, slices)
    print("build", flush=True)
    res["build"] = build_costs(big, backends)
    print("flag rate", flush=True)
    if shipped_ok:
        res["flag_rate"] = flag_rate(corpus, DEFAULT_LIBRARY, 20_000 if args.quick else None)
        f = res["flag_rate"]
        print(f"  flagged {f['flagged']} / {f['documents']} = {100 * f['flagged_rate']:.3f} %", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "keywords.json").write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if shipped_ok:
        write_md(res, RESULTS / "keywords.md")
    print(f"wrote {RESULTS / 'keywords.json'}")


if __name__ == "__main__":
    main()
