"""Formatting of report values shared by the Markdown and HTML renderers."""
from __future__ import annotations

from typing import Any

_PCT_HINTS = ("rate", "share", "ci_low", "ci_high", "agreement")


def is_pct(key: str) -> bool:
    return any(h in key for h in _PCT_HINTS) and "kappa" not in key


def show(key: str, v: Any, max_list: int = 6) -> str:
    """A value as people read it: rates as percentages, lists joined, None as a dash."""
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        if is_pct(key):
            return f"{v * 100:.2f} %"
        return f"{v:.4g}"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, (list, tuple)):
        items = [str(x) for x in v[:max_list]]
        return ", ".join(items) + (" …" if len(v) > max_list else "")
    return str(v)


VERDICT_MARK = {"compliant": "✅ compliant", "non-compliant": "❌ non-compliant",
                "not applicable": "➖ not applicable", "outside gensafe": "⬚ outside gensafe"}
