"""Pipeline stages: each one only annotates a batch; the policy decides."""
from gensafe.stages.base import Stage, StageError
from gensafe.stages.registry import build_stage, STAGE_TYPES

__all__ = ["Stage", "StageError", "build_stage", "STAGE_TYPES"]
