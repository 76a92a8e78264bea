"""``PIIStage``: annotate personal information, apply the per-type policy.

Adds (docs/architecture.md): ``pii`` (list<struct<type, start, end, sensitive>>,
spans into the original ``text``), ``pii_count``, ``pii_sensitive_count``,
``pii_ok`` (false when a ``remove``-policy type was found and the source has no
consent records for it), ``pii_reason`` and ``text_out`` (masked text when
something was masked, else null).

Consent (GB/T 45654-2025 §4.2.3 a/b): sources in ``consent_sources`` have
consent records, so their non-sensitive PI is kept as is; sensitive PI needs
*separate* consent, so it is kept as is only for sources in
``sensitive_consent_sources`` (which defaults to nothing).
"""
from __future__ import annotations

from collections import Counter
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from typing import Any

import pyarrow as pa

from gensafe.pii import detect_structured
from gensafe.pii.detectors import DETECTOR_VERSION, PIIFinding
from gensafe.pii.masking import action_for, mask, merge_policy
from gensafe.pii.sensitive import DEFAULT_WINDOW, SensitiveDetector
from gensafe.stages.base import Stage, StageError, append_columns

PII_TYPE = pa.list_(
    pa.struct([("type", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("sensitive", pa.bool_())])
)


class PIIStage(Stage):
    """Personal-information detection with keep/mask/partial/remove per type.

    Options: ``policy`` (type → action; merged over ``DEFAULT_POLICY``;
    ``sensitive:*`` and ``*`` are wildcards), ``consent_sources``,
    ``sensitive_consent_sources``, ``placeholder`` (default ``"[{label}]"``),
    ``sensitive`` (detect Art. 28 categories, default true), ``window``
    (characters between a sensitive term and a personal reference, default 40).
    """

    name = "pii"
    OPTIONS = ("policy", "consent_sources", "sensitive_consent_sources", "placeholder", "sensitive", "window")
    COLUMNS = {"pii": PII_TYPE, "pii_count": pa.int32(), "pii_sensitive_count": pa.int32(), "pii_ok": pa.bool_(),
               "pii_reason": pa.string(), "text_out": pa.string()}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        pol = options.get("policy") or {}
        if not isinstance(pol, Mapping):
            raise StageError("pii: 'policy' must be a table of type = action")
        try:
            self.policy = merge_policy(pol)
        except ValueError as exc:
            raise StageError(str(exc)) from None
        self.consent_sources = frozenset(map(str, options.get("consent_sources") or ()))
        self.sensitive_consent_sources = frozenset(map(str, options.get("sensitive_consent_sources") or ()))
        self.placeholder = str(options.get("placeholder", "[{label}]"))
        try:
            self.placeholder.format(label="X", type="x")
        except (KeyError, IndexError, ValueError) as exc:
            raise StageError(f"pii: bad placeholder {self.placeholder!r}: {exc}") from None
        self.want_sensitive = bool(options.get("sensitive", True))
        self.window = int(options.get("window", DEFAULT_WINDOW))
        self._sens: SensitiveDetector | None = None
        self._counts: Counter[str] = Counter()
        self._sep_len = max(64, self.window + 1)

    def setup(self) -> None:
        if self.want_sensitive and self._sens is None:
            self._sens = SensitiveDetector(window=self.window)

    def provenance(self) -> dict[str, str]:
        return {"pii_detector_version": DETECTOR_VERSION}

    def stats(self) -> dict[str, float]:
        return {k: float(v) for k, v in self._counts.items()}

    def findings(self, text: str) -> list[PIIFinding]:
        """Structured plus (optionally) sensitive findings for one text."""
        found = detect_structured(text)
        if self._sens is not None:
            found = found + self._sens.detect(text, found)
            found.sort(key=lambda f: (f.start, f.end))
        return found

    def findings_batch(self, texts: list[str | None]) -> Iterator[tuple[int, list[PIIFinding]]]:
        """(row, findings) for each row with findings; same result as :meth:`findings` per text.

        Why: most documents are short, and per-document Python overhead (a
        few regex calls each) would dominate.  The texts are joined with a
        separator of NUL characters longer than every context window, which no
        detector matches or looks across, and scanned once; findings are then
        split back by offset.
        """
        sep = "\x00" * self._sep_len
        starts: list[int] = []
        pos = 0
        for t in texts:
            starts.append(pos)
            pos += len(t or "") + len(sep)
        big = sep.join(t or "" for t in texts)
        rows: dict[int, list[PIIFinding]] = {}
        for f in self.findings(big):
            i = bisect_right(starts, f.start) - 1
            off = starts[i]
            rows.setdefault(i, []).append(PIIFinding(f.type, f.start - off, f.end - off, f.sensitive, f.value))
        return iter(sorted(rows.items()))

    def decide(self, text: str, source_id: str | None, found: list[PIIFinding]) -> tuple[bool, str | None, str | None]:
        """(pii_ok, pii_reason, text_out) for one document's findings."""
        if not found:
            return True, None, None
        consent = source_id in self.consent_sources
        sconsent = source_id in self.sensitive_consent_sources
        effective: dict[str, str] = {}
        for f in found:
            act = action_for(f.type, self.policy)
            if (f.sensitive and sconsent) or (not f.sensitive and consent):
                act = "keep"
            effective.setdefault(f.type, act)
        removed = sorted(t for t, a in effective.items() if a == "remove")
        masked = sorted(t for t, a in effective.items() if a in ("mask", "partial"))
        counts = Counter(f.type for f in found)
        summary = ",".join(f"{t}={n}" for t, n in sorted(counts.items()))
        parts = [f"found {summary}"]
        if consent or sconsent:
            parts.append("consent records: " + ("all PI" if consent and sconsent else "sensitive PI" if sconsent else "non-sensitive PI"))
        text_out = None
        if masked or removed:
            out = mask(text, found, effective, self.placeholder)
            text_out = out if out != text else None
            if masked:
                parts.append("masked " + ",".join(masked))
        if removed:
            parts.append("remove " + ",".join(removed) + " (policy)")
        return not removed, "; ".join(parts), text_out

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        if self.want_sensitive and self._sens is None:
            self.setup()
        texts = batch.column("text").to_pylist()
        names = batch.schema.names
        sources = batch.column("source_id").to_pylist() if "source_id" in names else [None] * len(texts)
        n = len(texts)
        # most documents have no PI: start from "nothing found" and fill in the rest
        pii: list[list[dict]] = [[] for _ in range(n)]
        cnt = [0] * n
        scnt = [0] * n
        ok = [True] * n
        reason: list[str | None] = [None] * n
        tout: list[str | None] = [None] * n
        counts = self._counts
        counts["docs"] += n
        for i, found in self.findings_batch(texts):
            text, src = texts[i], sources[i]
            p_ok, reason[i], tout[i] = self.decide(text, src, found)
            pii[i] = [f.as_dict() for f in found]
            cnt[i] = len(found)
            ns = scnt[i] = sum(1 for f in found if f.sensitive)
            ok[i] = p_ok
            counts["docs_with_pii"] += 1
            if ns:
                counts["docs_with_sensitive_pii"] += 1
            if not p_ok:
                counts["docs_pii_remove"] += 1
            if tout[i] is not None:
                counts["docs_masked"] += 1
            for f in found:
                counts[f"pii:{f.type}"] += 1
        return append_columns(
            batch,
            {
                "pii": pa.array(pii, type=PII_TYPE),
                "pii_count": pa.array(cnt, type=pa.int32()),
                "pii_sensitive_count": pa.array(scnt, type=pa.int32()),
                "pii_ok": pa.array(ok, type=pa.bool_()),
                "pii_reason": pa.array(reason, type=pa.string()),
                "text_out": pa.array(tout, type=pa.string()),
            },
        )
