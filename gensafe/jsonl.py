"""Small JSONL side files (labels, review results, training data) read with file:line errors.

Corpus inputs go through :mod:`gensafe.readers`, which counts bad lines and
goes on; these side files are hand-made by people, so the first bad line
stops the command with a message that says where it is.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator


def iter_objects(path: str | Path, error: type[Exception] = ValueError) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; ``error`` names file and line of a bad one."""
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot open ({exc.strerror})") from None
    with fh:
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise error(f"{path}:{lineno}: invalid JSON ({exc.msg})") from None
                if not isinstance(rec, dict):
                    raise error(f"{path}:{lineno}: expected a JSON object")
                yield lineno, rec
        except UnicodeDecodeError as exc:
            raise error(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
