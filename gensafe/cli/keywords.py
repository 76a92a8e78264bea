"""``gensafe keywords``: check, import, diff and test keyword libraries."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from gensafe.keywords.library import (LibraryError, check_compliance, diff_libraries, import_terms,
                                      load_library)
from gensafe.keywords.matcher import Matcher, RiskRule
from gensafe.keywords.normalize import normalize
from gensafe.keywords.stage import DEFAULT_LIBRARY


def _load(path: str | Path):
    try:
        return load_library(path)
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from None


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}") from None


@click.group("keywords")
def keywords() -> None:
    """Keyword libraries (GB/T 45654-2025 B.1.1): coverage check, import, diff, test."""


@keywords.command("check")
@click.argument("library", required=False, default=str(DEFAULT_LIBRARY), type=click.Path())
@click.option("--as-of", "as_of", metavar="DATE", help="Audit date for the 7-day age rule (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def check_cmd(library: str, as_of: str | None, as_json: bool) -> None:
    """Coverage per risk code and language and the B.1.1 verdict (exit 1 when not compliant).

    Counts are distinct terms after gensafe's own normalisation, deduplicated
    per (normalised term, primary code); the total counts each normalised term once.
    """
    lib = _load(library)
    comp = check_compliance(lib, _date(as_of))
    langs = lib.manifest.languages
    if as_json:
        out = {"library": lib.manifest.as_dict(), "hash": lib.content_hash, "rows": len(lib.terms),
               "duplicate_rows": lib.duplicates, **comp.as_dict()}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        m = lib.manifest
        click.echo(f"library {m.name} {m.version} (updated {m.updated.isoformat()}, {comp.age_days} days "
                   f"before {comp.as_of.isoformat()}) {lib.content_hash}")
        click.echo(f"{len(lib.terms)} rows, {lib.duplicates} duplicate rows after normalisation")
        head = f"{'code':<5} {'min':>5} " + " ".join(f"{x:>6}" for x in langs) + f" {'total':>6}  ok"
        click.echo(head)
        click.echo("-" * len(head))
        for r in comp.rows:
            if r["total"] == 0 and r["required"] == 0:
                continue
            cells = " ".join(f"{r.get(x, 0):>6}" for x in langs)
            click.echo(f"{r['code']:<5} {r['required']:>5} {cells} {r['total']:>6}  {'yes' if r['ok'] else 'NO'}")
        click.echo(f"total distinct terms: {comp.total} (B.1.1 minimum 10000); "
                   f"(term, code) pairs: {comp.total_pairs}")
        if comp.compliant:
            click.echo("verdict: COMPLIANT with GB/T 45654-2025 B.1.1")
        else:
            click.echo("verdict: NOT COMPLIANT with GB/T 45654-2025 B.1.1")
            for p in comp.problems:
                click.echo(f"  - {p}")
    if not comp.compliant:
        raise SystemExit(1)


@keywords.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--code", required=True, help="Risk code the terms go to (A1a ... A4g).")
@click.option("--lang", required=True, help="Language of the terms (zh, en).")
@click.option("--library", default=str(DEFAULT_LIBRARY), show_default=True, type=click.Path(), help="Library folder.")
@click.option("--severity", type=click.IntRange(1, 3), default=2, show_default=True,
              help="Severity of the imported terms: 1 weak, 2 strong, 3 decisive on its own.")
@click.option("--mode", type=click.Choice(["substring", "word"]), default=None,
              help="Match mode (default: substring for zh, word otherwise).")
@click.option("--no-touch", is_flag=True, help="Do not set the manifest's 'updated' date to today.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def import_cmd(file: str, code: str, lang: str, library: str, severity: int, mode: str | None,
               no_touch: bool, as_json: bool) -> None:
    """Import a plain word list (one term a line) or a CSV into a risk code."""
    try:
        res = import_terms(library, file, code, lang, severity=severity, mode=mode, touch=not no_touch)
    except (LibraryError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({"file": str(res.path), "read": res.read, "added": res.added,
                               "duplicates": res.duplicates}))
    else:
        click.echo(f"read {res.read} terms, added {res.added}, skipped {res.duplicates} already in the "
                   f"library -> {res.path}")


@keywords.command("diff")
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--limit", default=20, show_default=True, help="Terms listed per code and kind (text output).")
def diff_cmd(old: str, new: str, as_json: bool, limit: int) -> None:
    """Terms added, removed and changed per risk code between two libraries."""
    d = diff_libraries(_load(old), _load(new))
    if as_json:
        click.echo(json.dumps(d, ensure_ascii=False, indent=2))
        return
    click.echo(f"old: {d['old']['name']} {d['old']['version']} {d['old']['hash']}")
    click.echo(f"new: {d['new']['name']} {d['new']['version']} {d['new']['hash']}")
    s = d["summary"]
    click.echo(f"added {s['added']}, removed {s['removed']}, changed {s['changed']}")
    for code, parts in d["codes"].items():
        click.echo(f"{code}: +{len(parts['added'])} -{len(parts['removed'])} ~{len(parts['changed'])}")
        for t in parts["added"][:limit]:
            click.echo(f"  + {t}")
        for t in parts["removed"][:limit]:
            click.echo(f"  - {t}")
        for c in parts["changed"][:limit]:
            fields = ", ".join(f"{f}: {c['old'][f]!r} -> {c['new'][f]!r}" for f in c["fields"])
            click.echo(f"  ~ {c['term']} ({fields})")


@keywords.command("test")
@click.argument("text")
@click.option("--library", default=str(DEFAULT_LIBRARY), show_default=True, type=click.Path(), help="Library folder.")
@click.option("--strong-severity", default=3, show_default=True,
              help="A hit of this severity or more is a strong risk on its own.")
@click.option("--min-weak-hits", default=2, show_default=True,
              help="Weaker hits of one risk code needed before they count as a weak risk.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def test_cmd(text: str, library: str, strong_severity: int, min_weak_hits: int, as_json: bool) -> None:
    """Show the hits in TEXT with their spans, and why candidates were accepted or rejected."""
    lib = _load(library)
    m = Matcher(lib)
    norm = normalize(text)
    res = m.match_batch([text], keep_rejected=True)
    rule = RiskRule(strong_severity=strong_severity, min_weak_hits=min_weak_hits)
    hits = []
    assess_in = []
    for h in res.hits:
        t = m.terms[h.term]
        hits.append({"term": t.term, "codes": list(t.codes), "severity": t.severity, "mode": t.mode,
                     "start": h.start, "end": h.end, "text": text[h.start:h.end],
                     "normalised": norm[h.norm_start:h.norm_end], "source": t.source,
                     "exceptions": list(t.exceptions),
                     "cooccur": (list(t.cooccur), t.window) if t.cooccur else None,
                     "why": "accepted" + (" (co-occurrence satisfied)" if t.cooccur else "")
                            + (" (no exception applies)" if t.exceptions else "")})
        assess_in += [(c, h.term, t.severity) for c in t.codes]
    rejected = [{"term": m.terms[r.term].term, "codes": list(m.terms[r.term].codes),
                 "severity": m.terms[r.term].severity, "normalised_span": [r.norm_start, r.norm_end],
                 "normalised": norm[r.norm_start:r.norm_end], "why": r.reason,
                 "source": m.terms[r.term].source} for r in res.rejected]
    risks, weak, scores = rule.assess(assess_in)
    out = {"normalised": norm, "backend": m.backend, "hits": hits, "rejected": rejected,
           "kw_risks": risks, "kw_weak_risks": weak, "scores": scores}
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(f"normalised: {norm}")
    if not hits:
        click.echo("no hits")
    for h in hits:
        click.echo(f"HIT [{h['start']}:{h['end']}] {h['text']!r} term={h['term']!r} codes={','.join(h['codes'])} "
                   f"severity={h['severity']} mode={h['mode']} normalised={h['normalised']!r} "
                   f"{h['why']} ({h['source']})")
    for r in rejected:
        click.echo(f"rejected {r['normalised']!r} term={r['term']!r} codes={','.join(r['codes'])}: {r['why']} "
                   f"({r['source']})")
    click.echo(f"kw_risks: {', '.join(risks) or '-'}; kw_weak_risks: {', '.join(weak) or '-'}; "
               f"scores: {', '.join(f'{c}={v:.2f}' for c, v in scores.items()) or '-'}")


def register(main: click.Group) -> None:
    main.add_command(keywords)
