"""Stage names usable as ``type`` in a pipeline file.

A ``type`` may also be a dotted path ``package.module:Class`` so users can plug
in their own stages without touching gensafe.
"""
from __future__ import annotations

from typing import Any

from gensafe.plugins import PluginError, load_object
from gensafe.stages.base import Stage, StageError

STAGE_TYPES: dict[str, str] = {
    "noop": "gensafe.stages.builtin:NoopStage",
    "length": "gensafe.stages.builtin:LengthStage",
    "keywords": "gensafe.keywords.stage:KeywordStage",
    "classifier": "gensafe.classifier.stage:ClassifierStage",
    "pii": "gensafe.pii.stage:PIIStage",
    "ad_signals": "gensafe.adsignals.stage:AdSignalsStage",
    "license": "gensafe.provenance.license_stage:LicenseStage",
    "robots": "gensafe.provenance.robots_stage:RobotsStage",
    "records": "gensafe.provenance.records_stage:CollectionRecordStage",
    "source_admission": "gensafe.admission.stage:SourceAdmissionStage",
}


def resolve(type_name: str) -> type[Stage]:
    target = STAGE_TYPES.get(type_name, type_name)
    if ":" not in target:
        raise StageError(f"unknown stage type {type_name!r}; known: {', '.join(sorted(STAGE_TYPES))}")
    try:
        cls = load_object(target, "stage type")
    except PluginError as exc:
        raise StageError(str(exc)) from None
    if not (isinstance(cls, type) and issubclass(cls, Stage)):
        raise StageError(f"{target} is not a gensafe Stage")
    return cls


def build_stage(spec: dict[str, Any], registry: str | None = None) -> Stage:
    """The stage a ``[[stages]]`` entry describes; ``registry`` is the pipeline's source registry."""
    spec = dict(spec)
    type_name = spec.pop("type", None)
    if not type_name:
        raise StageError(f"stage {spec} has no 'type'")
    cls = resolve(type_name)
    if cls.USES_REGISTRY and registry and "registry" not in spec:
        spec["registry"] = registry
    return cls(**spec)
