"""The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts.

Key numbers carry ``data-item``/``data-number``/``data-value`` attributes and
table cells ``data-col``/``data-value``, so a browser test can read exactly
what the page shows and compare it with DuckDB.
"""
from __future__ import annotations

import json
from html import escape
from typing import Any

from gensafe.audit import charts
from gensafe.audit.fmt import show
from gensafe.audit.items import Item
from gensafe.audit.report import Report

MAX_ROWS = 200

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1100px;padding:1.5rem;
color:#222;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
h3{font-size:1.05rem;margin-top:1.6rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem;display:block;overflow-x:auto;max-width:100%}
td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.verdict{font-weight:600;padding:.1rem .45rem;border-radius:.3rem;white-space:nowrap}
.compliant{background:#e8f5e9;color:#1b5e20}.non-compliant{background:#ffebee;color:#b71c1c}
.not-applicable{background:#eceff1;color:#37474f}.outside{background:#fff8e1;color:#6d4c00}
#overall{font-size:1.3rem;margin:1rem 0;padding:.6rem 1rem;border-radius:.4rem}
pre{background:#f7f7f7;padding:.6rem;overflow-x:auto;font-size:.8rem}
.note{color:#555;font-size:.9rem;margin:.2rem 0}
svg{max-width:100%;height:auto;display:block;margin:.5rem 0 1rem}
section.item{margin-bottom:1.5rem}
"""


def _cls(verdict: str) -> str:
    return {"compliant": "compliant", "non-compliant": "non-compliant", "not applicable": "not-applicable"}.get(
        verdict, "outside")


def _badge(verdict: str, item_id: str = "") -> str:
    attr = f' data-item-verdict="{escape(item_id)}"' if item_id else ""
    return (f'<span class="verdict {_cls(verdict)}" data-verdict="{escape(verdict)}"{attr}>'
            f"{escape(verdict)}</span>")


def _raw(v: Any) -> str:
    return escape(json.dumps(v, ensure_ascii=False, default=str), quote=True)


def _num_cell(key: str, v: Any) -> str:
    cls = ' class="n"' if isinstance(v, (int, float)) and not isinstance(v, bool) else ""
    return f'<td{cls} data-col="{escape(key)}" data-value="{_raw(v)}">{escape(show(key, v))}</td>'


def html_table(rows: list[dict[str, Any]], name: str, item_id: str) -> str:
    if not rows:
        return '<p class="note">(no rows)</p>'
    cols = list(rows[0])
    out = [f'<table data-item="{escape(item_id)}" data-rows="{escape(name)}"><thead><tr>'
           + "".join(f"<th>{escape(c)}</th>" for c in cols) + "</tr></thead><tbody>"]
    for r in rows[:MAX_ROWS]:
        out.append("<tr>" + "".join(_num_cell(c, r.get(c)) for c in cols) + "</tr>")
    out.append("</tbody></table>")
    if len(rows) > MAX_ROWS:
        out.append(f'<p class="note">… {len(rows) - MAX_ROWS} more row(s): see the JSON report or run the SQL</p>')
    return "".join(out)


def _item(it: Item, table_section: bool = False) -> str:
    iid = escape(it.id)
    out = [f'<section class="item" id="item-{iid}" data-item="{iid}" data-verdict="{escape(it.verdict)}">',
           f"<h3>{iid} {escape(it.title)} {'' if table_section else _badge(it.verdict, it.id)}</h3>"]
    if it.checks:
        out.append("<ul>" + "".join(f"<li>{_badge(c.verdict)} <em>{escape(c.name)}</em>: {escape(c.detail)}</li>"
                                    for c in it.checks) + "</ul>")
    if it.numbers:
        out.append(f'<table data-item="{iid}" data-rows="numbers"><tbody>')
        for k, v in it.numbers.items():
            cls = ' class="n"' if isinstance(v, (int, float)) and not isinstance(v, bool) else ""
            out.append(f'<tr><th>{escape(k)}</th><td{cls} data-item="{iid}" data-number="{escape(k)}" '
                       f'data-value="{_raw(v)}">{escape(show(k, v))}</td></tr>')
        out.append("</tbody></table>")
    for name, rows in it.rows.items():
        out.append(f"<p><strong>{escape(name)}</strong></p>" + html_table(rows, name, it.id))
    for n in it.notes:
        out.append(f'<p class="note">{escape(n)}</p>')
    if it.sql:
        out.append("<details><summary>SQL (paste into DuckDB)</summary>")
        for name, q in it.sql.items():
            out.append(f'<p><code>{escape(name)}</code></p><pre data-sql="{escape(name)}">{escape(q)}</pre>')
        out.append("</details>")
    out.append("</section>")
    return "".join(out)


def render_html(rep: Report) -> str:
    r = rep.run
    src = rep.item("T.sources").rows.get("sources", [])
    risks = rep.item("T.risks").rows.get("risks", [])
    runs = rep.item("T.trend").rows.get("runs", [])
    title = f"B.2.1 audit report — run {r['run_id']}"
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
           "<h1>GB/T 45654-2025 B.2.1 training data safety — audit report</h1>",
           f'<p>Run <code id="run-id" data-run="{escape(r["run_id"])}">{escape(r["run_id"])}</code> '
           f"(pipeline <code>{escape(str(r['pipeline']))}</code>, finished {escape(str(r['finished_at']))}); "
           f"database <code>{escape(rep.db)}</code>; generated {escape(rep.generated_at)}, seed {rep.seed}.</p>",
           '<table id="run-counts"><tbody>']
    for k in ("input_records", "kept", "removed", "rejected", "accounting_ok", "manifest_sha256"):
        out.append(f'<tr><th>{k}</th><td data-run-field="{k}" data-value="{_raw(r.get(k))}">'
                   f"{escape(show(k, r.get(k)))}</td></tr>")
    out.append("</tbody></table>")
    out.append(f'<div id="overall" class="{_cls(rep.overall)}" data-verdict="{escape(rep.overall)}">Overall (data-backed '
               f"items): {escape(rep.overall)}</div>")
    out += [f'<p class="note">{escape(n)}</p>' for n in rep.notes]
    out.append('<h2>Summary</h2><table id="summary"><thead><tr><th>item</th><th>title</th><th>verdict</th></tr>'
               "</thead><tbody>")
    for it in rep.items:
        out.append(f'<tr data-item="{escape(it.id)}"><td><a href="#item-{escape(it.id)}">{escape(it.id)}</a></td>'
                   f"<td>{escape(it.title)}</td><td>{_badge(it.verdict)}</td></tr>")
    for o in rep.outside:
        out.append(f'<tr data-outside="{escape(o["id"])}"><td>{escape(o["id"])}</td><td>{escape(o["title"])}</td>'
                   f"<td>{_badge('outside gensafe')}</td></tr>")
    out.append("</tbody></table>")
    out += ["<h2>Charts</h2>", "<h3>Qualified rate of the input per source (Clopper–Pearson 95 %)</h3>", charts.source_rates(src),
            "<h3>Removals per risk code</h3>", charts.risk_bars(risks),
            "<h3>Trend across runs</h3>", charts.trend(runs)]
    out.append("<h2>Items</h2>")
    out += [_item(it) for it in rep.items]
    out.append("<h2>Tables</h2>")
    out += [_item(t, table_section=True) for t in rep.tables]
    out.append('<h2>Outside gensafe</h2><p>The data cannot show these; the auditor reviews them from documents, '
               'systems and interviews.</p><ul id="outside">')
    out += [f'<li data-outside="{escape(o["id"])}"><strong>{escape(o["id"])}</strong> {escape(o["title"])}</li>'
            for o in rep.outside]
    out.append("</ul></body></html>")
    return "\n".join(out)
