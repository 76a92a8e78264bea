"""Risk classifier: hashed n-gram features, calibrated linear heads for every risk code.

Public API: :class:`Featurizer`/:class:`FeatureConfig` (features),
:class:`LinearRiskModel`, :func:`load_model`, :func:`default_model_dir`
(model), :func:`train_model`/:class:`TrainConfig` (training),
:func:`evaluate_model` (metrics), :class:`Classifier` (plug-in protocol) and
the pipeline stage ``classifier`` (:mod:`gensafe.classifier.stage`).
"""
from gensafe.classifier.features import FeatureConfig, Featurizer
from gensafe.classifier.model import LinearRiskModel, ModelError, default_model_dir, load_model
from gensafe.classifier.protocol import Classifier

__all__ = ["FeatureConfig", "Featurizer", "LinearRiskModel", "ModelError", "default_model_dir", "load_model", "Classifier"]
