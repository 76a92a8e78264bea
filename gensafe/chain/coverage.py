"""Every table the report reads, hashed into the run's manifest and checked again by verify.

At the end of a run, each base table of the audit store except ``documents``
(checked against the provenance Parquet) and ``runs`` (its row is in the
manifest) is read with a plain ``SELECT *`` and hashed row by row in Python
(:mod:`gensafe.chain.canonical`):

* the **run part**: rows whose ``run_id`` is this run (``sources``,
  ``inputs``, ``rejected``, ``shards``, ``sources_registry``,
  ``source_provenance``) must stay exactly as recorded;
* the **global part**: rows of tables without ``run_id`` (``risk_types``,
  ``source_assessments``, ``assessment_samples``, ``source_handling``,
  ``review_*``) and rows whose ``run_id`` is empty must all still be there,
  unchanged; rows added later are allowed (an assessment after the run) and
  are listed as not yet covered until the next run records them.

The manifest holds per table the column types, the row counts and the
multiset digests; the row digests themselves, with a readable key per row
so that a finding can name the row, go to ``_manifests/<run>.tables.json``,
whose sha256 the manifest holds.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

import duckdb

from gensafe.chain.canonical import row_digest, set_digest, value_text
from gensafe.chain.safe_db import Catalog, fetch_rows

#: tables that verify checks by other means
SEPARATE = frozenset({"documents", "runs"})

#: the columns that name a row in a finding (else the first two columns)
KEYS: dict[str, tuple[str, ...]] = {
    "risk_types": ("code",), "sources": ("source_id",), "inputs": ("task_id",),
    "rejected": ("input_file", "input_line"), "shards": ("path",),
    "source_assessments": ("assessment_id",), "assessment_samples": ("assessment_id", "rank"),
    "source_handling": ("assessment_id", "action"), "sources_registry": ("registry_hash", "source_id"),
    "source_provenance": ("source_id",), "review_tasks": ("task_id", "item_id"),
    "review_labels": ("task_id", "item_id"), "review_results": ("task_id", "modality", "scope"),
}

#: tables whose rows a later command replaces by design (a label file imported again)
REPLACEABLE = frozenset({"review_labels", "review_results"})

#: at most this many findings per table and run; the rest are counted
MAX_NAMED = 10


def _key_fn(table: str, cols: list[str]) -> Callable[[tuple[Any, ...]], str]:
    names = [c for c in KEYS.get(table, ()) if c in cols] or [c for c in cols if c != "run_id"][:2]
    idx = [cols.index(c) for c in names]
    return lambda row: ", ".join(f"{n}={value_text(row[i])}" for n, i in zip(names, idx))


@dataclass
class TableRows:
    """One table's current rows, hashed over a given set of columns, split by run."""

    columns: list[str]
    by_run: dict[Any, list[tuple[str, str]]] = field(default_factory=dict)  # run_id (None: global) -> [(key, digest)]


def hash_rows(table: str, cols: list[str], rows: list[tuple[Any, ...]], over: list[str] | None = None) -> TableRows:
    """(key, digest) of every row, grouped by ``run_id`` (``None`` for tables without one)."""
    over = [c for c in (over or cols) if c in cols]
    idx = [cols.index(c) for c in over]
    key = _key_fn(table, cols)
    rid = cols.index("run_id") if "run_id" in cols else None
    out = TableRows(columns=over)
    for row in rows:
        out.by_run.setdefault(row[rid] if rid is not None else None, []).append(
            (key(row), row_digest(over, [row[i] for i in idx])))
    return out


def capture(con: duckdb.DuckDBPyConnection, cat: Catalog, run_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The manifest's ``tables`` section and the rows file, for run ``run_id``, as the tables are now."""
    manifest: dict[str, Any] = {}
    rows_file: dict[str, Any] = {}
    for table in sorted(set(cat.tables) - SEPARATE):
        cols, rows = fetch_rows(con, table)
        h = hash_rows(table, cols, rows)
        run_part = sorted(h.by_run.get(run_id, []) if "run_id" in cols else [])
        global_part = sorted(h.by_run.get(None, []))
        manifest[table] = {"columns": [list(c) for c in cat.tables[table]],
                           "run": {"rows": len(run_part), "sha256": set_digest(d for _, d in run_part)},
                           "global": {"rows": len(global_part), "sha256": set_digest(d for _, d in global_part)}}
        rows_file[table] = {"run": [list(p) for p in run_part], "global": [list(p) for p in global_part]}
    return manifest, rows_file


@dataclass
class CoverageFinding:
    what: str
    detail: str


class TableCache:
    """Each table of the database read once, however many runs are checked against it."""

    def __init__(self, con: duckdb.DuckDBPyConnection, cat: Catalog):
        self.con, self.cat = con, cat
        self._raw: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}

    def rows(self, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        if table not in self._raw:
            self._raw[table] = fetch_rows(self.con, table)
        return self._raw[table]


def _diff(table: str, recorded: list[list[str]], current: list[tuple[str, str]], exact: bool,
          out: list[CoverageFinding], part: str) -> list[str]:
    """Findings for recorded rows missing from ``current`` (and, when exact, rows added); returns superseded keys."""
    rec = Counter(d for _, d in recorded)
    cur = Counter(d for _, d in current)
    missing = rec - cur
    added = (cur - rec) if exact else Counter()
    key_of_rec = {d: k for k, d in recorded}
    key_of_cur = {d: k for k, d in current}
    cur_keys = {k for k, _ in current}
    miss_keys = Counter()
    for d, n in missing.items():
        miss_keys[key_of_rec[d]] += n
    add_keys = Counter()
    for d, n in added.items():
        add_keys[key_of_cur[d]] += n
    events: list[tuple[str, str]] = []
    superseded: list[str] = []
    for k in sorted(miss_keys):
        if k in add_keys:
            events.append((f"{table} row altered", k))
            del add_keys[k]
        elif not exact and table in REPLACEABLE and k in cur_keys:
            superseded.append(k)
        elif not exact and k in cur_keys:
            events.append((f"{table} row altered", k))
        else:
            events.append((f"{table} row deleted", k))
    for k in sorted(add_keys):
        events.append((f"{table} row added", k))
    for what, k in events[:MAX_NAMED]:
        out.append(CoverageFinding(what, f"{k} ({part} rows as recorded)"))
    if len(events) > MAX_NAMED:
        out.append(CoverageFinding(f"{table} rows changed", f"… and {len(events) - MAX_NAMED} more"))
    return superseded


def check(cache: TableCache, run_id: str, tables: dict[str, Any], rows_file: dict[str, Any]
          ) -> tuple[list[CoverageFinding], list[str]]:
    """Findings and notes for one run's recorded tables against the database as it is now."""
    findings: list[CoverageFinding] = []
    notes: list[str] = []
    for table, meta in sorted(tables.items()):
        rec_cols = [c for c, _ in meta["columns"]]
        if table not in cache.cat.tables:
            what = "replaced by a view" if table in cache.cat.views else "dropped"
            n = meta["run"]["rows"] + meta["global"]["rows"]
            findings.append(CoverageFinding(f"table {table} {what}", f"it held {n} recorded row(s)"))
            continue
        if not cache.cat.is_table(table):
            findings.append(CoverageFinding(f"table {table} has generated columns",
                                            f"{', '.join(cache.cat.generated[table])}: not read (an expression "
                                            "stored in the database would run)"))
            continue
        now_cols = dict(cache.cat.tables[table])
        for c, typ in meta["columns"]:
            if c not in now_cols:
                findings.append(CoverageFinding(f"{table} column dropped", c))
            elif now_cols[c] != typ:
                findings.append(CoverageFinding(f"{table} column type changed", f"{c}: {typ} → {now_cols[c]}"))
        cols, rows = cache.rows(table)
        h = hash_rows(table, cols, rows, over=rec_cols)
        recorded = rows_file.get(table, {"run": [], "global": []})
        for part in ("run", "global"):
            got = [tuple(p) for p in recorded[part]]
            if len(got) != meta[part]["rows"] or set_digest(d for _, d in got) != meta[part]["sha256"]:
                findings.append(CoverageFinding("tables file altered", f"{table} {part} rows differ from the manifest"))
        if "run_id" in cols:
            _diff(table, recorded["run"], h.by_run.get(run_id, []), True, findings, "run")
        sup = _diff(table, recorded["global"], h.by_run.get(None, []), False, findings, "global")
        if sup:
            notes.append(f"{table}: {len(sup)} row(s) recorded by run {run_id} were replaced later by a new "
                         f"import of the same key (e.g. {sup[0]}); verify cannot tell a re-import from an edit")
    return findings, notes


def uncovered(cache: TableCache, head_tables: dict[str, Any], head_rows: dict[str, Any]
              ) -> tuple[list[CoverageFinding], list[str]]:
    """Rows no manifest covers because they were written after the latest run (a note each).

    Rows of runs the database does not hold are the caller's finding (``run_id`` is all it needs).
    """
    findings: list[CoverageFinding] = []
    notes: list[str] = []
    for table in sorted(set(cache.cat.tables) - SEPARATE):
        if not cache.cat.is_table(table):
            if table not in head_tables:
                findings.append(CoverageFinding(f"table {table} has generated columns",
                                                ", ".join(cache.cat.generated[table])))
            continue
        cols, rows = cache.rows(table)
        meta = head_tables.get(table)
        over = [c for c, _ in meta["columns"]] if meta else cols
        h = hash_rows(table, cols, rows, over=over)
        recorded = Counter(d for _, d in (head_rows.get(table, {}).get("global", [])))
        new = Counter(d for _, d in h.by_run.get(None, [])) - recorded
        if new:
            notes.append(f"{table}: {sum(new.values())} row(s) written after the latest run, not yet covered by "
                         "a manifest (the next run records them)")
    return findings, notes
