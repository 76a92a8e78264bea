"""The report as Markdown: a verdict summary, then each item with its evidence and SQL."""
from __future__ import annotations

from typing import Any

from gensafe.audit.fmt import VERDICT_MARK, show
from gensafe.audit.items import Item
from gensafe.audit.report import Report

MAX_ROWS = 40


def _cell(key: str, v: Any) -> str:
    return show(key, v).replace("|", "\\|").replace("\n", " ")


def md_table(rows: list[dict[str, Any]], max_rows: int = MAX_ROWS) -> list[str]:
    if not rows:
        return ["(no rows)"]
    cols = list(rows[0])
    out = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for r in rows[:max_rows]:
        out.append("| " + " | ".join(_cell(c, r.get(c)) for c in cols) + " |")
    if len(rows) > max_rows:
        out.append(f"\n… {len(rows) - max_rows} more row(s) (see `--format json` or run the SQL)")
    return out


def _item(it: Item, heading: str = "##") -> list[str]:
    out = [f"{heading} {it.id} {it.title}", ""]
    if not it.id.startswith("T."):
        out += [f"**Verdict: {VERDICT_MARK.get(it.verdict, it.verdict)}**", ""]
    for c in it.checks:
        out.append(f"- {VERDICT_MARK.get(c.verdict, c.verdict)} — *{c.name}*: {c.detail}")
    if it.checks:
        out.append("")
    if it.numbers:
        out += ["| number | value |", "|---|---|"]
        out += [f"| {k} | {_cell(k, v)} |" for k, v in it.numbers.items()]
        out.append("")
    for name, rows in it.rows.items():
        out += [f"**{name}**", ""] + md_table(rows) + [""]
    for n in it.notes:
        out.append(f"> {n}")
    if it.notes:
        out.append("")
    if it.sql:
        out += ["<details><summary>SQL</summary>", ""]
        for name, q in it.sql.items():
            out += [f"`{name}`:", "", "```sql", q, "```", ""]
        out += ["</details>", ""]
    return out


def render_markdown(rep: Report) -> str:
    r = rep.run
    out = ["# GB/T 45654-2025 B.2.1 training data safety — audit report", "",
           f"Run `{r['run_id']}` (pipeline `{r['pipeline']}`, finished {r['finished_at']}), database `{rep.db}`, "
           f"generated {rep.generated_at} by gensafe, seed {rep.seed}.", "",
           f"Input {show('n', r['input_records'])} records: kept {show('n', r['kept'])}, removed "
           f"{show('n', r['removed'])}, rejected {show('n', r['rejected'])} (accounting "
           f"{'balanced' if r['accounting_ok'] else 'NOT balanced'}); manifest sha256 `{r['manifest_sha256']}`.", "",
           f"## Overall: {VERDICT_MARK.get(rep.overall, rep.overall)}", ""]
    out += [f"> {n}" for n in rep.notes] + [""]
    out += ["| item | title | verdict |", "|---|---|---|"]
    out += [f"| {i.id} | {i.title} | {VERDICT_MARK.get(i.verdict, i.verdict)} |" for i in rep.items]
    out += [f"| {o['id']} | {o['title']} | {VERDICT_MARK['outside gensafe']} |" for o in rep.outside]
    out.append("")
    for it in rep.items:
        out += _item(it)
    out += ["# Tables", ""]
    for t in rep.tables:
        out += _item(t)
    out += ["# Outside gensafe", "",
            "The data cannot show these; the auditor reviews them from documents, systems and interviews.", ""]
    out += [f"- **{o['id']}** {o['title']}" for o in rep.outside]
    return "\n".join(out) + "\n"
