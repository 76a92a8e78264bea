"""PII stage throughput (MB/s per core) next to a naive baseline, plus corpus sanity counts.

* ``pii stage``: ``PIIStage.process`` on record batches (structured detectors
  with candidate finders + sensitive-term automaton + masking decisions +
  Arrow columns), one process = one core.
* ``detect_structured_per_doc``: the public per-text API, structured types
  only, one call per document (the stage instead scans whole batches).
* ``naive baseline``: the same per-type regexes and the same validators, but
  each regex run separately with ``finditer`` over every whole document, no
  pre-checks or candidate finders, and the sensitive terms as one ``re``
  alternation — what a straightforward implementation does.
* ``keyword stage``: ``KeywordStage`` with its default library, when the
  keywords module is present (the issue asks for the comparison).

Also counts, per PI type, how many corpus documents have a finding: the
corpus is ordinary benign text, so large counts for checksum types would
signal false positives.  Only counts and document ids are written, never text.

* ``pii_stage_before`` (with ``--before REF``): the same stage as it was at
  the git ref ``REF``, loaded from ``git archive`` under another package name
  and timed interleaved with the current stage, repeat by repeat, so that a
  change to the detectors is measured before/after in one run on the same
  load; its per-type corpus counts are written next to the current ones.

    python benchmarks/bench_pii.py [--corpus /work/shared/corpus] [--mb 20] [--repeats 3] [--before main]
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter, defaultdict

import pyarrow as pa

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from gensafe.pii import detectors as D  # noqa: E402
from gensafe.pii.sensitive import PERSON_RE, SENSITIVE_TERMS  # noqa: E402
from gensafe.pii.stage import PIIStage  # noqa: E402

DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus")
FILES = ("zh_00.jsonl", "zh_01.jsonl", "en_00.jsonl", "en_01.jsonl")


def load_slice(corpus: str, mb: float) -> list[dict]:
    """The first ``mb/4`` MB of text from each of the four corpus files."""
    quota = mb * 1e6 / len(FILES)
    docs = []
    for name in FILES:
        used = 0
        with open(os.path.join(corpus, name), encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                docs.append({"doc_id": rec.get("id", ""), "source_id": rec.get("source", name), "text": rec["text"],
                             "lang": rec.get("lang", name[:2])})
                used += len(rec["text"].encode("utf-8"))
                if used >= quota:
                    break
    return docs


def batches(docs: list[dict], size: int = 2048) -> list[pa.RecordBatch]:
    out = []
    for i in range(0, len(docs), size):
        chunk = docs[i:i + size]
        out.append(pa.RecordBatch.from_pydict({k: [d[k] for d in chunk] for k in ("doc_id", "source_id", "text")}))
    return out


class NaiveBaseline:
    """Each per-type regex separately over each whole document; same validators."""

    def __init__(self) -> None:
        self.digit = [re.compile(D._LB + "(?:" + b + ")" + D._RB, re.ASCII) for b in D.DIGIT_BRANCHES]
        self.alpha = [re.compile(D._LB + "(?:" + b + ")" + D._RB, re.ASCII) for b in D.ALPHA_BRANCHES]
        self.ipv6 = re.compile(r"(?<![0-9A-Za-z_:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Za-z_:])", re.ASCII)
        self.plate = re.compile(
            rf"(?<![0-9A-Za-z])[{D._PROVINCES}][A-HJ-NP-Z][·• ]?(?:[A-HJ-NP-Z0-9]{{5,6}}|[A-HJ-NP-Z0-9]{{4}}[挂学警港澳])(?![0-9A-Za-z])"
        )
        terms = sorted({t for ts in SENSITIVE_TERMS.values() for t in ts}, key=len, reverse=True)
        self.terms = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)

    def detect(self, text: str) -> list[D.PIIFinding]:
        found: list[D.PIIFinding] = []
        for rx in self.digit:
            for m in rx.finditer(text):
                f = D._classify_digit(m, text)
                if f:
                    found.append(f)
        for rx in self.alpha:
            for m in rx.finditer(text):
                f = D._classify_alpha(m, text)
                if f:
                    found.append(f)
        for m in D._EMAIL_RE.finditer(text):
            found.append(D.PIIFinding("email", m.start(), m.end()))
        for m in self.ipv6.finditer(text):
            if D.v.valid_ipv6(m.group()):
                found.append(D.PIIFinding("ipv6", m.start(), m.end()))
        for m in self.plate.finditer(text):
            found.append(D.PIIFinding("plate_cn", m.start(), m.end()))
        for m in self.terms.finditer(text):
            s, e = m.span()
            if PERSON_RE.search(text, max(0, s - 40), min(len(text), e + 40)):
                found.append(D.PIIFinding("sensitive", s, e, True))
        return D.resolve_overlaps(found)


def load_stage_at(ref: str) -> type:
    """``PIIStage`` as it was at git ref ``ref``, imported as package ``gensafe_pii_before``.

    Why a renamed copy and not a second checkout: both versions must live in
    one process to be timed interleaved; the copy's ``gensafe.pii`` imports are
    rewritten to the new name, everything else (``gensafe.stages.base``) is shared.
    """
    root = os.path.dirname(HERE)
    tmp = tempfile.mkdtemp(prefix="bench_pii_before_")
    data = subprocess.run(["git", "-C", root, "archive", ref, "gensafe/pii"], check=True, capture_output=True).stdout
    tar_path = os.path.join(tmp, "pii.tar")
    with open(tar_path, "wb") as fh:
        fh.write(data)
    with tarfile.open(tar_path) as tf:
        tf.extractall(tmp, filter="data")
    pkg = os.path.join(tmp, "gensafe_pii_before")
    os.rename(os.path.join(tmp, "gensafe", "pii"), pkg)
    for name in os.listdir(pkg):
        if name.endswith(".py"):
            path = os.path.join(pkg, name)
            with open(path, encoding="utf-8") as fh:
                src = fh.read()
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(src.replace("gensafe.pii", "gensafe_pii_before"))
    sys.path.insert(0, tmp)
    from gensafe_pii_before.stage import PIIStage as Before  # type: ignore[import-not-found]

    return Before


def corpus_counts(stage, bts: list[pa.RecordBatch]) -> tuple[Counter, Counter, dict, int, int]:
    """Per-type document and finding counts of ``stage`` over the batches (ids only, never text)."""
    docs_per_type: Counter[str] = Counter()
    findings_per_type: Counter[str] = Counter()
    example_ids: dict[str, list[str]] = defaultdict(list)
    masked = with_pii = 0
    for b in bts:
        out = stage.process(b).to_pydict()
        for did, pii, tout in zip(out["doc_id"], out["pii"], out["text_out"]):
            types = Counter(p["type"] for p in pii)
            with_pii += bool(types)
            masked += tout is not None
            for t, n in types.items():
                docs_per_type[t] += 1
                findings_per_type[t] += n
                if len(example_ids[t]) < 3:
                    example_ids[t].append(did)
    return docs_per_type, findings_per_type, example_ids, masked, with_pii


def timed(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def keyword_stage():
    try:
        from gensafe.stages.registry import resolve

        st = resolve("keywords")()
        st.setup()
        return st
    except Exception as exc:  # the keywords module is another engineer's; report why it is missing
        return f"{type(exc).__name__}: {exc}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--repeats", type=int, default=5, help="repeats of the fast runs (median reported)")
    ap.add_argument("--baseline-repeats", type=int, default=3, help="repeats of the slow naive baseline")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--before", metavar="REF", help="also time the PII stage as it was at this git ref (e.g. main), interleaved")
    ap.add_argument("--no-baseline", action="store_true", help="skip the slow naive baseline")
    args = ap.parse_args()

    docs = load_slice(args.corpus, args.mb)
    bts = batches(docs)
    total_mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    by_lang = defaultdict(list)
    for d in docs:
        by_lang[d["lang"]].append(d)

    load_before = os.getloadavg()
    gc.freeze()  # the loaded slice is long-lived: keep the cyclic GC from re-walking it
    stage = PIIStage()
    stage.setup()
    naive = NaiveBaseline()
    runs: dict[str, dict] = {}

    def record(name: str, secs: list[float], mb: float = total_mb) -> None:
        med = statistics.median(secs)
        runs[name] = {"seconds": [round(s, 4) for s in secs], "median_s": round(med, 4), "mb_per_s": round(mb / med, 2),
                      "mb_per_s_best": round(mb / min(secs), 2)}
        print(f"{name:18s} median {med:7.3f}s  {mb / med:7.2f} MB/s (best {mb / min(secs):.2f})", flush=True)

    # fast runs are interleaved repeat by repeat, so that load from other work on a
    # shared machine hits them alike; the slow naive baseline runs after them
    fast: dict[str, tuple] = {
        "pii_stage": (lambda: [stage.process(b) for b in bts], total_mb),
        "detect_structured_per_doc": (lambda: [D.detect_structured(d["text"]) for d in docs], total_mb),
    }
    for lang, ds in sorted(by_lang.items()):
        lb = batches(ds)
        mb = sum(len(d["text"].encode("utf-8")) for d in ds) / 1e6
        fast[f"pii_stage[{lang}]"] = (lambda lb=lb: [stage.process(b) for b in lb], mb)
    before = None
    if args.before:
        before = load_stage_at(args.before)()
        before.setup()
        fast["pii_stage_before"] = (lambda: [before.process(b) for b in bts], total_mb)
    kw = keyword_stage()
    if not isinstance(kw, str):
        fast["keyword_stage"] = (lambda: [kw.process(b) for b in bts], total_mb)
    secs: dict[str, list[float]] = {k: [] for k in fast}
    for _ in range(args.repeats):
        for name, (fn, _mb) in fast.items():
            secs[name] += timed(fn, 1)
    for name, (_fn, mb) in fast.items():
        record(name, secs[name], mb)
    if not args.no_baseline:
        record("naive_baseline", timed(lambda: [naive.detect(d["text"]) for d in docs], args.baseline_repeats))
    if isinstance(kw, str):
        runs["keyword_stage"] = {"unavailable": kw}
        print("keyword stage unavailable:", kw)

    # sanity: documents with findings, per type (counts and ids only)
    docs_per_type, findings_per_type, example_ids, masked, with_pii = corpus_counts(stage, bts)
    before_counts = corpus_counts(before, bts) if before is not None else None
    naive_total = sum(len(naive.detect(d["text"])) for d in docs[:3000])
    stage_total = sum(len(stage.findings(d["text"])) for d in docs[:3000])

    result = {
        "command": ("python benchmarks/bench_pii.py" + (f" --before {args.before}" if args.before else "")
                    + (" --no-baseline" if args.no_baseline else "")),
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(), "cores_used": 1,
                    "cpu_count": os.cpu_count(), "loadavg_before": [round(x, 2) for x in load_before],
                    "loadavg_after": [round(x, 2) for x in os.getloadavg()]},
        "slice": {"docs": len(docs), "mb": round(total_mb, 2), "files": list(FILES), "repeats": args.repeats,
                  "baseline_repeats": args.baseline_repeats,
                  "langs": {k: len(v) for k, v in by_lang.items()}},
        "runs": runs,
        "speedup_stage_vs_naive": (round(runs["naive_baseline"]["median_s"] / runs["pii_stage"]["median_s"], 2)
                                   if "naive_baseline" in runs else None),
        "before": ({"ref": args.before,
                    "stage_time_after_over_before": round(runs["pii_stage"]["median_s"] / runs["pii_stage_before"]["median_s"], 3),
                    "docs_per_type": dict(before_counts[0].most_common()),
                    "findings_per_type": dict(before_counts[1].most_common()),
                    "docs_with_pii": before_counts[4]} if before_counts is not None else None),
        "target_mb_per_s": 30,
        "pii_stage_vs_keyword_stage": (round(runs["keyword_stage"]["median_s"] / runs["pii_stage"]["median_s"], 2)
                                       if "median_s" in runs.get("keyword_stage", {}) else None),
        "sanity": {
            "docs_with_pii": with_pii, "docs_masked_by_default_policy": masked,
            "docs_per_type": dict(docs_per_type.most_common()), "findings_per_type": dict(findings_per_type.most_common()),
            "example_doc_ids": dict(example_ids),
            "findings_first_3000_docs": {"stage": stage_total, "naive_baseline": naive_total},
        },
    }
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "pii.json"), "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2, ensure_ascii=False)
    with open(os.path.join(args.out, "pii.md"), "w", encoding="utf-8") as fh:
        fh.write(render_md(result))
    print(json.dumps(result["sanity"], ensure_ascii=False, indent=1))


def render_md(r: dict) -> str:
    lines = [
        "# PII stage benchmark",
        "",
        f"Command: `{r.get('command', 'python benchmarks/bench_pii.py')}` — {r['slice']['docs']} documents, {r['slice']['mb']} MB of "
        f"UTF-8 text from {', '.join(r['slice']['files'])} (first quarter of the slice from each), one process "
        f"(= one core), medians of {r['slice']['repeats']} repeats ({r['slice']['baseline_repeats']} for the naive baseline). "
        f"Python {r['machine']['python']}, {r['machine']['cpu_count']} cores shared with other work "
        f"(load average {r['machine']['loadavg_before'][0]} before, {r['machine']['loadavg_after'][0]} after), "
        "so timings are noisy: the best run is shown next to the median.",
        "",
        "| run | median s | MB/s per core (median) | MB/s per core (best) |",
        "|---|---:|---:|---:|",
    ]
    for name, run in r["runs"].items():
        if "unavailable" in run:
            lines.append(f"| {name} | – | unavailable ({run['unavailable']}) | – |")
        else:
            lines.append(f"| {name} | {run['median_s']} | {run['mb_per_s']} | {run['mb_per_s_best']} |")
    s = r["sanity"]
    b = r.get("before")
    if b:
        lines += [
            "",
            f"**Before/after** (`--before {b['ref']}`): the stage as it was at `{b['ref']}` timed interleaved with the "
            f"current one in the same run: current/before median time = **{b['stage_time_after_over_before']}** "
            "(below 1 = the current stage is faster). Documents with a finding, per type, before → now: "
            + ", ".join(f"{t} {b['docs_per_type'].get(t, 0)} → {s['docs_per_type'].get(t, 0)}"
                        for t in sorted(set(b["docs_per_type"]) | set(s["docs_per_type"])) if not t.startswith("sensitive:"))
            + ".",
        ]
    if r.get("speedup_stage_vs_naive") is None:
        lines += ["", "(naive baseline not run: `--no-baseline`)"]
    lines += [
        "",
        f"PII stage vs naive baseline (each regex separately over whole documents, same validators): "
        f"**{r['speedup_stage_vs_naive']}×** faster (most of the baseline's time is the case-insensitive `re` "
        "alternation of sensitive terms and the look-behind-led patterns tried at every position). "
        f"Target ≥ {r['target_mb_per_s']} MB/s per core. "
        + (f"The keyword stage on the same batches takes {r['pii_stage_vs_keyword_stage']}× the PII stage's time"
           + (", so PII detection is not the pipeline's bottleneck. " if r["pii_stage_vs_keyword_stage"] >= 1 else ". ")
           if r.get("pii_stage_vs_keyword_stage") else "")
        + "`detect_structured_per_doc` is the per-text API (structured types only) called once per document; "
        "the stage scans whole batches joined by NUL separators, which removes the per-call overhead.",
        "",
        "## Findings on the benign corpus slice (false-positive sanity check)",
        "",
        f"Documents with any finding: {s['docs_with_pii']} of {r['slice']['docs']}; masked by the default policy: "
        f"{s['docs_masked_by_default_policy']}. Findings in the first 3,000 documents: stage {s['findings_first_3000_docs']['stage']}, "
        f"naive baseline {s['findings_first_3000_docs']['naive_baseline']} (the baseline has no IPv4/IPv6/plate/sensitive refinements).",
        "",
        "| type | documents | findings | example doc ids |",
        "|---|---:|---:|---|",
    ]
    for t, n in s["docs_per_type"].items():
        lines.append(f"| {t} | {n} | {s['findings_per_type'][t]} | {', '.join(s['example_doc_ids'][t])} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
