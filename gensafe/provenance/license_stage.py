"""``license`` stage: per-document licence verdict (§4.1.3 a).

A document's own ``license`` column wins over its source's registry licence;
unknown licences are lifted only by an authorisation or contract reference of
the source in the registry.  Verdicts are cached per (expression, source),
since a corpus holds few distinct licences.
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa

from gensafe.provenance.licenses import LicensePolicy, LicensePolicyError, LicenseVerdict, effective_license, load_policy
from gensafe.provenance.sources import WEB_KINDS, open_registry, references
from gensafe.stages.base import Stage, StageError, append_columns

COLUMNS = ["license_expr", "license_verdict", "license_condition", "license_ok", "license_reason"]


class LicenseStage(Stage):
    """Options: ``policy`` (path; default the shipped policy), ``registry`` (path),
    ``web_without_license`` (``allow`` - default - | ``block``): a document of a
    web-collected source (kind self_collected/domain) with no licence anywhere is
    governed by §4.1.3 b) - robots, opt-outs, collection records - not by a licence,
    so by default it is not blocked here (verdict stays ``unknown``)."""

    name = "license"

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.web_without_license = options.get("web_without_license", "allow")
        if self.web_without_license not in ("allow", "block"):
            raise StageError(f"license: web_without_license must be 'allow' or 'block', "
                             f"got {self.web_without_license!r}")
        self._policy: LicensePolicy | None = None
        self._registry = None
        self._cache: dict[tuple[str, str], LicenseVerdict] = {}
        self._counts = {"docs": 0, "not_ok": 0}

    def setup(self) -> None:
        try:
            self._policy = load_policy(self.options.get("policy"))
        except LicensePolicyError as exc:
            raise StageError(str(exc)) from None
        self._registry = open_registry(self.options.get("registry"))

    def output_columns(self) -> list[str]:
        return list(COLUMNS)

    def provenance(self) -> dict[str, str]:
        if self._policy is None:
            self.setup()
        assert self._policy is not None
        out = {"license_policy": self._policy.path, "license_policy_version": self._policy.version,
               "license_policy_hash": self._policy.hash}
        if self._registry is not None:
            out["license_registry_hash"] = self._registry.hash
        return out

    def stats(self) -> dict[str, float]:
        return dict(self._counts)

    def verdict(self, doc_license: str | None, source_id: str | None) -> LicenseVerdict:
        """The verdict for one document (cached)."""
        if self._policy is None:
            self.setup()
        assert self._policy is not None
        info = self._registry.get(source_id) if (self._registry is not None and source_id) else None
        expr = effective_license(doc_license, info.license if info else None)
        key = (expr, source_id or "")
        hit = self._cache.get(key)
        if hit is None:
            auths = references(info, ("authorizations", "contracts"))
            hit = self._policy.evaluate(expr, auths)
            if not expr:
                where = f"source {source_id!r} " + ("has no licence in the registry" if info else "is not in the registry")
                hit = LicenseVerdict(hit.expr, hit.verdict, hit.condition, hit.ok,
                                     f"{hit.reason} (document has no 'license'; {where})")
                if (not hit.ok and info is not None and info.kind in WEB_KINDS
                        and self.web_without_license == "allow"):
                    hit = LicenseVerdict("", "unknown", "", True,
                                         f"web-collected source {source_id!r} without licence: governed by robots, "
                                         f"opt-outs and collection records (§4.1.3 b)")
            self._cache[key] = hit
        return hit

    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        n = batch.num_rows
        names = batch.schema.names
        lic = batch.column("license").to_pylist() if "license" in names else [None] * n
        src = batch.column("source_id").to_pylist() if "source_id" in names else [None] * n
        cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
        for doc_license, source_id in zip(lic, src):
            v = self.verdict(doc_license, source_id)
            cols["license_expr"].append(v.expr)
            cols["license_verdict"].append(v.verdict)
            cols["license_condition"].append(v.condition)
            cols["license_ok"].append(v.ok)
            cols["license_reason"].append(v.reason)
        self._counts["docs"] += n
        self._counts["not_ok"] += sum(1 for ok in cols["license_ok"] if not ok)
        return append_columns(batch, {
            "license_expr": pa.array(cols["license_expr"], pa.string()),
            "license_verdict": pa.array(cols["license_verdict"], pa.string()),
            "license_condition": pa.array(cols["license_condition"], pa.string()),
            "license_ok": pa.array(cols["license_ok"], pa.bool_()),
            "license_reason": pa.array(cols["license_reason"], pa.string()),
        })
