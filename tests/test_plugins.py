"""One ``module:name`` loader for plug-in stages and classifiers, with a one-line error for a bad path."""
from __future__ import annotations

import pytest

from gensafe.classifier.protocol import ClassifierError, load_factory
from gensafe.plugins import PluginError, load_object
from gensafe.stages import StageError
from gensafe.stages.registry import resolve


def test_load_object() -> None:
    assert load_object("gensafe.plugins:load_object") is load_object


@pytest.mark.parametrize("spec, message", [
    ("gensafe.plugins", "expected 'package.module:name'"),
    (":x", "expected 'package.module:name'"),
    ("no_such_module_xyz:f", "cannot be loaded: ModuleNotFoundError: No module named 'no_such_module_xyz'"),
    ("gensafe.plugins:nope", "cannot be loaded: module 'gensafe.plugins' has no attribute 'nope'"),
])
def test_a_bad_path_is_one_line(spec: str, message: str) -> None:
    with pytest.raises(PluginError) as err:
        load_object(spec, "thing")
    assert str(err.value).startswith(f"thing {spec!r}") and message in str(err.value) and "\n" not in str(err.value)


def test_stages_and_classifiers_share_it() -> None:
    with pytest.raises(StageError, match=r"^stage type 'gensafe.plugins:nope' cannot be loaded: module"):
        resolve("gensafe.plugins:nope")
    with pytest.raises(ClassifierError, match=r"^classifier 'gensafe.plugins:nope' cannot be loaded: module"):
        load_factory("gensafe.plugins:nope")
    with pytest.raises(ClassifierError, match=r"expected 'package.module:name'"):
        load_factory("gensafe.plugins")
