"""``license`` stage: per-document licence verdict (§4.1.3 a).

A document's own ``license`` column wins over its source's registry licence;
unknown licences are lifted only by an authorisation or contract reference of
the source in the registry.  Verdicts are cached per (expression, source),
since a corpus holds few distinct licences.
"""
from __future__ import annotations

from dataclasses import astuple
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from gensafe.provenance.licenses import LicensePolicy, LicensePolicyError, LicenseVerdict, effective_license, load_policy
from gensafe.provenance.sources import WEB_KINDS, open_registry, references
from gensafe.stages.base import Stage, StageError, append_columns
from gensafe.stages.columns import broadcast, column_or_nulls, distinct_rows


class LicenseStage(Stage):
    """Options: ``policy`` (path; default the shipped policy), ``registry`` (path),
    ``web_without_license`` (``allow`` - default - | ``block``): a document of a
    web-collected source (kind self_collected/domain) with no licence anywhere is
    governed by §4.1.3 b) - robots, opt-outs, collection records - not by a licence,
    so by default it is not blocked here (verdict stays ``unknown``)."""

    name = "license"
    USES_REGISTRY = True
    OPTIONS = ("policy", "registry", "web_without_license")
    #: in LicenseVerdict's field order
    COLUMNS = {"license_expr": pa.string(), "license_verdict": pa.string(), "license_condition": pa.string(),
               "license_ok": pa.bool_(), "license_reason": pa.string()}

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
        # one verdict per distinct (licence, source) of the batch, broadcast to its rows
        combos, idx = distinct_rows(column_or_nulls(batch, "license"), column_or_nulls(batch, "source_id"))
        rows = [astuple(self.verdict(doc_license, source_id)) for doc_license, source_id in combos]
        cols = broadcast(rows, idx, self.COLUMNS)
        self._counts["docs"] += batch.num_rows
        self._counts["not_ok"] += batch.num_rows - (pc.sum(cols["license_ok"]).as_py() or 0)
        return append_columns(batch, cols)
