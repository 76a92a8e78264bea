"""Personal-information detection and masking (GB/T 45654-2025 §4.2.3, B.2.1.2.3).

Public API::

    detect(text) -> list[PIIFinding]          # structured + sensitive findings, spans in text
    mask(text, findings, policy=None) -> str   # apply keep/mask/partial/remove per type
    PIIStage                                   # pipeline stage (gensafe.pii.stage)
"""
from __future__ import annotations

from functools import lru_cache

from gensafe.pii.detectors import DETECTOR_VERSION, STRUCTURED_TYPES, PIIFinding, detect_structured
from gensafe.pii.masking import ACTIONS, DEFAULT_POLICY, action_for, mask, merge_policy
from gensafe.pii.sensitive import SENSITIVE_TERMS, SensitiveDetector

__all__ = [
    "ACTIONS", "DEFAULT_POLICY", "DETECTOR_VERSION", "PIIFinding", "SENSITIVE_TERMS", "STRUCTURED_TYPES",
    "SensitiveDetector", "action_for", "detect", "detect_structured", "mask", "merge_policy",
]


@lru_cache(maxsize=1)
def _default_sensitive() -> SensitiveDetector:
    return SensitiveDetector()


def detect(text: str, sensitive: bool = True) -> list[PIIFinding]:
    """All PI findings in ``text`` sorted by start: validated structured items, then
    (when ``sensitive``) PIPL Art. 28 category signals near a personal reference.
    Sensitive spans may overlap structured ones; structured spans never overlap each other.
    """
    found = detect_structured(text)
    if sensitive:
        found = found + _default_sensitive().detect(text, found)
        found.sort(key=lambda f: (f.start, f.end))
    return found
