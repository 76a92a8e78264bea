"""Peer baselines on the same data: Data-Juicer and datatrove word filters vs gensafe keywords.

All tools get the same ~20 MB zh+en slice of ../shared/corpus and the same
word list: every term of gensafe's shipped keyword library
(``keyword_libraries/default``), exported to a plain list.  Each figure is
single core (one process, one task, native thread pools pinned to 1) and is
timed inside a fresh process, after imports.

* **datatrove** (``benchmarks/peer_env/.venv``): JsonlReader → filter →
  JsonlWriter on a LocalPipelineExecutor with 1 task:
  - I/O floor (reader → writer, no filter);
  - ``C4BadWordsFilter`` with the exported list (its own matching: one regex
    alternation per language, word-bounded for English, plain for Chinese);
  - a ``LambdaFilter`` doing a ``pyahocorasick`` match on the lower-cased text.
* **Data-Juicer** (same venv): ``flagged_words_filter`` with the list as its
  ``flagged_words`` asset (``lang = "all"``, remove on any hit) -
  the whole ``DefaultExecutor`` process (load, filter, export JSONL) and the
  op alone on pre-loaded samples.
* **gensafe**: ``gensafe run`` of a keywords-only pipeline over the slice
  (read, normalise, match, decide, Parquet, DuckDB) and ``KeywordStage.process``
  alone on pre-read batches.

The peers live only in the benchmark venv made by
``benchmarks/peer_env/setup.sh``.  Before anything is timed, each peer's
imports are tried in that venv; a peer that is missing or does not import
(datatrove 0.10.1 imports ``regex`` without declaring it) stops the run with
exit status 2 and a one-line reason per peer, because a comparison that
quietly drops a peer reads as if it had been made.  A peer run that fails
later is written as a failed row and the run exits 1.  ``--allow-missing``
restores the old behaviour: such peers become "skipped" rows, exit 0.

    bash benchmarks/peer_env/setup.sh      # once
    python benchmarks/bench_peers.py [--slice-mb 20] [--repeats 3] [--allow-missing]
"""
from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import glob
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
VENV_PY = os.path.join(HERE, "peer_env", ".venv", "bin", "python")
STATUS = os.path.join(HERE, "peer_env", ".venv", "install_status.json")
OP_BUDGET_S = 15.0
#: what each peer needs to import for these runs (setup.sh warms up the same imports)
PEER_IMPORTS: dict[str, str] = {
    "datatrove": "from datatrove.pipeline.filters import C4BadWordsFilter, LambdaFilter; "
                 "from datatrove.pipeline.readers import JsonlReader; from datatrove.pipeline.writers import JsonlWriter; "
                 "from datatrove.executor import LocalPipelineExecutor; import ahocorasick, orjson",
    "data_juicer": "from data_juicer.ops.filter.flagged_words_filter import FlaggedWordFilter; "
                   "from data_juicer.core import DefaultExecutor; from data_juicer.config import init_configs",
}
PEER_PACKAGE = {"datatrove": "datatrove", "data_juicer": "py-data-juicer"}


# ===================================================================== peer side
# These functions run inside the peer venv (no gensafe import there).

def _load_words(words_dir: str) -> dict[str, list[str]]:
    with open(os.path.join(words_dir, "flagged_words.json"), encoding="utf-8") as fh:
        return json.load(fh)


def _datatrove(mode: str, slice_path: str, words_dir: str, out_dir: str) -> dict[str, Any]:
    import re

    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.filters import C4BadWordsFilter, LambdaFilter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    words = _load_words(words_dir)

    class ListBadWordsFilter(C4BadWordsFilter):
        """C4BadWordsFilter with the exported list instead of its downloaded one (same matching code)."""

        name = "C4 Badwords (gensafe list)"

        def _get_badwords(self, lang: str):  # noqa: D401 - mirrors the parent's regex construction
            if lang not in self._badwords_regex:
                alts = "|".join(re.escape(w) for w in sorted(set(words.get(lang, [])), key=len, reverse=True))
                self._badwords_regex[lang] = (re.compile(alts) if lang in ("ja", "th", "zh")
                                              else re.compile(r"(?:\W|^)({})(?:\W|$)".format(alts)))
            return self._badwords_regex[lang]

    filt: Any = None
    if mode == "c4":
        filt = ListBadWordsFilter(default_language="en")
    elif mode == "aho":
        import ahocorasick

        auto = ahocorasick.Automaton()
        for w in set(words["all"]):
            auto.add_word(w, w)
        auto.make_automaton()

        def no_hit(doc: Document) -> bool:
            for _ in auto.iter(doc.text.lower()):
                return False
            return True

        filt = LambdaFilter(no_hit)

    def adapter(self, data: dict, path: str, id_in_file: int | str) -> dict:
        # C4BadWordsFilter reads the language from metadata["language"]
        return {"text": data.pop("text", ""), "id": data.pop("id", f"{path}/{id_in_file}"),
                "media": [], "metadata": {"language": data.get("lang") or "en", **data}}

    steps: list[Any] = [JsonlReader(os.path.dirname(slice_path), glob_pattern=os.path.basename(slice_path),
                                    adapter=adapter, compression=None)]
    if filt is not None:
        steps.append(filt)
    steps.append(JsonlWriter(out_dir, compression=None))
    ex = LocalPipelineExecutor(pipeline=steps, tasks=1, workers=1, logging_dir=os.path.join(out_dir, "_logs"))
    t = time.perf_counter()
    ex.run()
    seconds = time.perf_counter() - t
    kept = 0
    for p in glob.glob(os.path.join(out_dir, "*.jsonl")):
        with open(p, "rb") as fh:
            kept += sum(1 for _ in fh)
    res: dict[str, Any] = {"seconds": seconds, "kept": kept}
    if filt is not None:
        # the filter alone on pre-read documents
        docs = []
        with open(slice_path, "rb") as fh:
            for line in fh:
                d = json.loads(line)
                docs.append((len(line), Document(text=d["text"], id=str(d["id"]),
                                                 metadata={"language": d.get("lang") or "en"})))
        # time-boxed: a slow filter is measured over the documents it gets through in OP_BUDGET_S
        t = time.perf_counter()
        removed = nbytes = ndocs = 0
        for size, d in docs:
            removed += filt.filter(d) is not True
            nbytes += size
            ndocs += 1
            if ndocs % 256 == 0 and time.perf_counter() - t > OP_BUDGET_S:
                break
        res["op_seconds"] = time.perf_counter() - t
        res["op_removed"] = removed
        res["op_bytes"] = nbytes
        res["op_docs"] = ndocs
    return res


def _data_juicer(mode: str, slice_path: str, words_dir: str, out_dir: str) -> dict[str, Any]:
    import logging

    logging.disable(logging.WARNING)
    if mode == "process":
        cfg_path = os.path.join(out_dir, "dj.yaml")
        os.makedirs(out_dir, exist_ok=True)
        with open(cfg_path, "w") as fh:
            fh.write(f"""project_name: gensafe-bench
dataset_path: {slice_path}
export_path: {os.path.join(out_dir, 'out.jsonl')}
np: 1
open_tracer: false
use_cache: false
text_keys: text
process:
  - flagged_words_filter:
      lang: all
      tokenization: false
      min_ratio: 0.0
      max_ratio: 0.0
      flagged_words_dir: {words_dir}
""")
        from data_juicer.config import init_configs
        from data_juicer.core import DefaultExecutor

        cfg = init_configs(args=["--config", cfg_path])
        t = time.perf_counter()
        DefaultExecutor(cfg).run()
        seconds = time.perf_counter() - t
        kept = 0
        for p in glob.glob(os.path.join(out_dir, "out.jsonl")):
            with open(p, "rb") as fh:
                kept += sum(1 for _ in fh)
        return {"seconds": seconds, "kept": kept}
    # the op alone, on samples already in memory, batched as Data-Juicer does
    from data_juicer.ops.filter.flagged_words_filter import FlaggedWordFilter
    from data_juicer.utils.constant import Fields

    op = FlaggedWordFilter(lang="all", min_ratio=0.0, max_ratio=0.0, flagged_words_dir=words_dir)
    with open(slice_path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    bs = 1000
    t = time.perf_counter()
    removed = 0
    for i in range(0, len(texts), bs):
        chunk = texts[i:i + bs]
        samples = {"text": chunk, Fields.stats: [{} for _ in chunk]}
        samples = op.compute_stats_batched(samples)
        removed += sum(1 for k in op.process_batched(samples) if not k)
    return {"seconds": time.perf_counter() - t, "removed": removed}


def peer_main(argv: list[str]) -> None:
    tool, mode, slice_path, words_dir, out_dir, result = argv
    fn = _datatrove if tool == "datatrove" else _data_juicer
    res = fn(mode, slice_path, words_dir, out_dir)
    with open(result, "w") as fh:
        json.dump(res, fh)


# ===================================================================== driver side

def check_peers(venv_py: str = VENV_PY, timeout: float = 300) -> dict[str, str | None]:
    """For each peer, ``None`` when its imports work in the peer venv, else a one-line reason.

    Why import and not read install_status.json: a package can install and
    still not import (an undeclared dependency), and the status file can be
    stale or absent.
    """
    out: dict[str, str | None] = {}
    for tool, stmt in PEER_IMPORTS.items():
        if not os.path.exists(venv_py):
            out[tool] = f"peer venv missing ({venv_py})"
            continue
        try:
            r = subprocess.run([venv_py, "-c", stmt], capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            out[tool] = f"importing it took over {timeout:.0f} s"
            continue
        if r.returncode == 0:
            out[tool] = None
        else:
            lines = [ln for ln in (r.stderr or r.stdout).strip().splitlines() if ln.strip()]
            out[tool] = lines[-1].strip()[:300] if lines else f"import exited {r.returncode}"
    return out


def missing_message(missing: dict[str, str]) -> str:
    """The error printed when peers are unavailable: which, why, and how to fix it."""
    parts = [f"{PEER_PACKAGE[t]} ({why})" for t, why in missing.items()]
    logs = ", ".join(f"benchmarks/peer_env/.venv/install_{PEER_PACKAGE[t]}.log" for t in missing)
    return (f"bench_peers: peer(s) unavailable: {'; '.join(parts)}. Run `bash benchmarks/peer_env/setup.sh` "
            f"(install logs: {logs}), or pass --allow-missing to report them as skipped rows.")


def export_words(words_dir: str) -> dict[str, int]:
    """gensafe's shipped library terms as Data-Juicer's flagged_words asset (also read by the datatrove runs)."""
    from gensafe.keywords.library import load_library
    from gensafe.keywords.stage import DEFAULT_LIBRARY

    lib = load_library(DEFAULT_LIBRARY)
    by_lang: dict[str, set[str]] = {}
    for t in lib.terms:
        by_lang.setdefault(t.lang, set()).add(t.term.lower())
    words = {lang: sorted(ws) for lang, ws in by_lang.items()}
    words["all"] = sorted(set().union(*by_lang.values()))
    os.makedirs(words_dir, exist_ok=True)
    with open(os.path.join(words_dir, "flagged_words.json"), "w", encoding="utf-8") as fh:
        json.dump(words, fh, ensure_ascii=False)
    with open(os.path.join(words_dir, "words.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(words["all"]) + "\n")
    return {k: len(v) for k, v in words.items()}


def run_peer(tool: str, mode: str, slice_path: str, words_dir: str, tmp: str, timeout: float) -> dict[str, Any]:
    out_dir = tempfile.mkdtemp(dir=tmp, prefix=f"{tool}-{mode}-")
    result = os.path.join(out_dir, "_result.json")
    t = time.perf_counter()
    proc = subprocess.run([VENV_PY, os.path.abspath(__file__), "--peer", tool, mode, slice_path, words_dir,
                           out_dir, result], capture_output=True, text=True, timeout=timeout, cwd=tmp)
    wall = time.perf_counter() - t
    if proc.returncode != 0 or not os.path.exists(result):
        raise RuntimeError(f"{tool} {mode} failed ({proc.returncode}): {(proc.stderr or proc.stdout)[-800:]}")
    with open(result) as fh:
        res = json.load(fh)
    res["process_wall_s"] = wall
    return res


def gensafe_side(slice_path: str, tmp: str, repeats: int) -> dict[str, Any]:
    """Keyword stage alone on pre-read batches, and a keywords-only ``gensafe run`` on the slice."""
    sys.path.insert(0, HERE)
    from bench_e2e import gensafe_run, read_batches, time_it, write_pipeline

    from gensafe.stages.registry import build_stage

    batches = read_batches(slice_path)
    st = build_stage({"type": "keywords"})
    st.setup()
    st.process(batches[0])
    op_s, op_runs = time_it(lambda: [st.process(b) for b in batches], repeats)
    removed = 0
    for b in batches:
        removed += sum(1 for r in st.process(b).column("kw_risks").to_pylist() if r)
    p = write_pipeline(os.path.join(tmp, "gs-kw.toml"), [(slice_path, "slice")], ["keywords"],
                       os.path.join(tmp, "gs-kw"), 1, 64 << 20)
    runs = [gensafe_run(p, 1) for _ in range(repeats)]
    return {"op_seconds": op_s, "op_runs": op_runs, "op_removed_strong": removed,
            "seconds": statistics.median(r["seconds"] for r in runs), "runs": [r["seconds"] for r in runs],
            "kept": runs[0]["kept"], "removed": runs[0]["removed"]}


def render(res: dict[str, Any]) -> str:
    mb = res["slice_mb"]
    L = ["# Peer baselines: keyword filtering", "",
         f"`python benchmarks/bench_peers.py` on {res['machine']}, {res['date']}. Same {mb} MB zh+en slice "
         f"({res['slice_docs']:,} docs) of ../shared/corpus for every tool; same word list: the "
         f"{res['words']['all']:,} distinct terms of gensafe's shipped library ({res['words'].get('zh', 0):,} zh, "
         f"{res['words'].get('en', 0):,} en). Single core; seconds timed after imports; median of the repeats shown.", "",
         "| tool / step | scope | MB/s | docs/s | × gensafe is faster | kept / removed | runs (s) |",
         "|---|---|---:|---:|---:|---|---|"]
    gs_pipe = res["rows"].get("gensafe keywords pipeline", {}).get("mb_s")
    gs_op = res["rows"].get("gensafe KeywordStage.process", {}).get("mb_s")
    for name, r in res["rows"].items():
        if "skipped" in r:
            L.append(f"| {name} | {r.get('scope', '')} | skipped | | | {r['skipped']} | |")
            continue
        ref = gs_op if r["scope"] == "op alone" else gs_pipe
        ratio = f"{ref / r['mb_s']:.1f}×" if ref and not name.startswith("gensafe") else ""
        L.append(f"| {name} | {r['scope']} | {r['mb_s']} | {r['docs_s']:,} | {ratio} | {r.get('outcome', '')} "
                 f"| {r.get('runs', '')} |")
    L += ["", "Scopes: *pipeline* = read JSONL, filter, write (datatrove and Data-Juicer write JSONL; gensafe writes "
          "zstd Parquet kept/removed shards, per-shard provenance and loads DuckDB). *op alone* = the filter over "
          "documents already in memory.", "", "Notes:"]
    L += [f"* {n}" for n in res["notes"]]
    return "\n".join(L) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--peer":
        peer_main(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--slice-mb", type=float, default=20.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--slow-slice-mb", type=float, default=3.0, help="slice for the C4BadWordsFilter pipeline")
    ap.add_argument("--timeout", type=float, default=240, help="per peer run, seconds")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "peers"))
    ap.add_argument("--allow-missing", action="store_true",
                    help="report unavailable or failing peers as skipped rows and exit 0 (default: exit non-zero)")
    args = ap.parse_args()
    # first, before any slicing or timing: can every peer be imported?
    availability = check_peers(VENV_PY)
    missing = {t: why for t, why in availability.items() if why is not None}
    if missing and not args.allow_missing:
        print(missing_message(missing), file=sys.stderr)
        sys.exit(2)
    files = sorted(glob.glob(os.path.join(args.corpus, "*.jsonl")))
    if not files:
        sys.exit(f"no corpus at {args.corpus}")
    sys.path.insert(0, ROOT)
    sys.path.insert(0, HERE)
    import pyarrow as pa

    from bench_e2e import make_slice

    pa.set_cpu_count(1)
    t0 = time.perf_counter()
    status: dict[str, Any] = {}
    if os.path.exists(STATUS):
        with open(STATUS) as fh:
            status = json.load(fh)
    res: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared), Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "repeats": args.repeats,
        "peer_install": status, "peer_import_check": availability, "rows": {}, "notes": [],
    }
    with tempfile.TemporaryDirectory(prefix="gensafe-peers-") as tmp:
        slice_path = os.path.join(tmp, "slice.jsonl")
        nbytes = make_slice(files, int(args.slice_mb * 1e6), slice_path)
        with open(slice_path, "rb") as fh:
            ndocs = sum(1 for _ in fh)
        mb = nbytes / 1e6
        res.update(slice_mb=round(mb, 2), slice_docs=ndocs)
        words_dir = os.path.join(tmp, "words")
        res["words"] = export_words(words_dir)

        def row(name: str, scope: str, seconds: float, runs: list[float], outcome: str,
                size: float | None = None, docs: int | None = None) -> None:
            size = mb if size is None else size
            docs = ndocs if docs is None else docs
            res["rows"][name] = {"scope": scope, "seconds": round(seconds, 3), "mb_s": round(size / seconds, 2),
                                 "docs_s": round(docs / seconds), "runs": [round(x, 2) for x in runs],
                                 "outcome": outcome, "mb": round(size, 2), "docs": docs}
            print(f"  {name:<52} {size / seconds:8.2f} MB/s  ({outcome})", flush=True)

        print("gensafe:", flush=True)
        g = gensafe_side(slice_path, tmp, args.repeats)
        row("gensafe keywords pipeline", "pipeline", g["seconds"], g["runs"],
            f"kept {g['kept']:,} / removed {g['removed']:,}")
        row("gensafe KeywordStage.process", "op alone", g["op_seconds"], g["op_runs"],
            f"{g['op_removed_strong']:,} docs with kw_risks")

        peers = [
            ("datatrove", "floor", "datatrove I/O floor (reader → writer)", "pipeline"),
            ("datatrove", "c4", "datatrove C4BadWordsFilter, same list", "pipeline"),
            ("datatrove", "aho", "datatrove LambdaFilter + pyahocorasick", "pipeline"),
            ("data_juicer", "process", "Data-Juicer flagged_words_filter process", "pipeline"),
            ("data_juicer", "op", "Data-Juicer flagged_words_filter op", "op alone"),
        ]
        failed: list[str] = []
        for tool, mode, name, scope in peers:
            if missing.get(tool):
                why = f"{PEER_PACKAGE[tool]} unavailable: {missing[tool]} (run `bash benchmarks/peer_env/setup.sh`)"
                res["rows"][name] = {"scope": scope, "skipped": why}
                print(f"  {name}: skipped ({why})", flush=True)
                continue
            path, size, docs = slice_path, mb, ndocs
            if mode == "c4":  # ~0.2-0.4 MB/s: a smaller zh+en slice keeps the run short
                path = os.path.join(tmp, "slice_small.jsonl")
                size = make_slice(files, int(args.slow_slice_mb * 1e6), path) / 1e6
                with open(path, "rb") as fh:
                    docs = sum(1 for _ in fh)
            try:
                first = run_peer(tool, mode, path, words_dir, tmp, args.timeout)
                # slow baselines are timed once; fast ones get the same repeats as gensafe
                more = [] if first["seconds"] > 20 else [run_peer(tool, mode, path, words_dir, tmp, args.timeout)
                                                         for _ in range(args.repeats - 1)]
                rs = [first] + more
                secs = statistics.median(r["seconds"] for r in rs)
                if mode == "op":
                    outcome = f"removed {first['removed']:,}"
                else:
                    outcome = f"kept {first['kept']:,} / removed {docs - first['kept']:,}"
                if size != mb:
                    outcome += f" (on a {size:.1f} MB slice)"
                row(name, scope, secs, [r["seconds"] for r in rs], outcome, size, docs)
                if "op_seconds" in first:  # datatrove filters alone
                    ops = [r["op_seconds"] for r in rs]
                    o = first
                    row(name + " (filter alone)", "op alone", statistics.median(ops), ops,
                        f"removed {o['op_removed']:,} of the first {o['op_docs']:,} docs", o["op_bytes"] / 1e6,
                        o["op_docs"])
            except Exception as exc:
                res["rows"][name] = {"scope": scope, "skipped": f"failed: {str(exc)[-300:]}"}
                failed.append(name)
                print(f"  {name}: failed ({exc})", flush=True)
    rows = res["rows"]

    def ratio(a: str, b: str) -> float | None:
        if a in rows and b in rows and "mb_s" in rows[a] and "mb_s" in rows[b]:
            return round(rows[a]["mb_s"] / rows[b]["mb_s"], 2)
        return None

    res["ratios"] = {
        "gensafe_pipeline_vs_dj_process": ratio("gensafe keywords pipeline", "Data-Juicer flagged_words_filter process"),
        "gensafe_pipeline_vs_datatrove_c4": ratio("gensafe keywords pipeline", "datatrove C4BadWordsFilter, same list"),
        "gensafe_pipeline_vs_datatrove_aho": ratio("gensafe keywords pipeline", "datatrove LambdaFilter + pyahocorasick"),
        "gensafe_pipeline_vs_datatrove_floor": ratio("gensafe keywords pipeline", "datatrove I/O floor (reader → writer)"),
        "gensafe_op_vs_dj_op": ratio("gensafe KeywordStage.process", "Data-Juicer flagged_words_filter op"),
    }
    res["notes"] = [
        "Data-Juicer looks terms up among whitespace tokens (lang=all, no tokenizer, no word augmentation), so "
        "multi-word English terms and Chinese text without spaces are mostly not matched: its removals are not "
        "comparable, only its speed is.",
        "datatrove's C4BadWordsFilter is used with its own regex construction (word-bounded alternation for en, "
        "plain alternation for zh, language from the record's `lang`); the list is the exported gensafe list, "
        "because its default list is downloaded at run time, which this machine cannot do.",
        "The pyahocorasick lambda matches every term as a plain substring of the lower-cased text (no word "
        "boundaries, no normalisation), so it removes more than the library's rules would.",
        "gensafe's keyword stage does more per document: evasion-robust normalisation with offset maps, "
        "word-bounded English, exceptions, co-occurrence windows, per-code scores and evidence spans.",
        "Peer installs (benchmarks/peer_env/setup.sh): " + ", ".join(
            f"{k} {v.get('version') or '-'} {'ok' if v.get('ok') else 'FAILED'} ({v.get('venv_mb_after', '?')} MB venv after, "
            f"torch {'pulled in' if v.get('torch_installed') else 'not installed'})" for k, v in status.items()),
    ]
    res["total_s"] = round(time.perf_counter() - t0, 1)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".json", "w") as fh:
        json.dump(res, fh, indent=1, ensure_ascii=False)
    md = render(res)
    with open(args.out + ".md", "w") as fh:
        fh.write(md)
    print(md)
    if failed and not args.allow_missing:
        print(f"bench_peers: {len(failed)} peer run(s) failed: {', '.join(failed)} (see {args.out}.md)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
