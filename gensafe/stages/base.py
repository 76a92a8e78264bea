"""The stage contract: annotate, never drop.

Every stage receives a ``pyarrow.RecordBatch`` and returns the same rows with
extra annotation columns.  Rows are never dropped or reordered by a stage, so
the one decision step at the end (``gensafe.policy``) sees every document and
the accounting ``input = kept + removed + rejected`` holds by construction.
"""
from __future__ import annotations

import abc
from typing import Any, ClassVar

import pyarrow as pa


class StageError(Exception):
    """A user-facing configuration or resource error of a stage (no traceback)."""


class Stage(abc.ABC):
    #: the name used as ``type`` in a pipeline file
    name: ClassVar[str] = "stage"
    #: the options the stage reads; any other is refused with the stage's name (None: not declared,
    #: every option accepted - only for plug-in stages written before options were declared)
    OPTIONS: ClassVar[tuple[str, ...] | None] = None
    #: the columns the stage adds, name -> Arrow type, in the order it adds them: ``output_columns()``
    #: names them (the run checks the policy's rules against them), ``gensafe score`` passes them through
    COLUMNS: ClassVar[dict[str, pa.DataType]] = {}
    #: True when the stage reads the source registry: it gets ``[pipeline] registry`` as its
    #: ``registry`` option unless the stage entry names its own
    USES_REGISTRY: ClassVar[bool] = False

    def __init__(self, **options: Any) -> None:
        check_options(type(self), options)
        self.options = options

    def setup(self) -> None:
        """Load heavy resources (automata, models) once per worker process."""

    @abc.abstractmethod
    def process(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        """Return ``batch`` with annotation columns appended (same rows, same order)."""

    def output_columns(self) -> list[str]:
        """Names of the columns this stage adds: those of ``COLUMNS`` (plug-ins written before it override this)."""
        return list(self.COLUMNS)

    def column_types(self) -> dict[str, pa.DataType | None]:
        """Each output column with its declared Arrow type (None: not declared in ``COLUMNS``)."""
        return {c: self.COLUMNS.get(c) for c in self.output_columns()}

    def provenance(self) -> dict[str, str]:
        """Versions and content hashes recorded in the ``runs`` table."""
        return {}

    def stats(self) -> dict[str, float]:
        """Per-stage counters (documents seen, hits...) merged across workers."""
        return {}


def check_options(cls: type[Stage], options: dict[str, Any]) -> None:
    """The one place a stage's options are checked against its ``OPTIONS``: a typo stops the run at once."""
    if cls.OPTIONS is None:
        return
    unknown = sorted(set(options) - set(cls.OPTIONS))
    if unknown:
        raise StageError(f"{cls.name} stage: unknown option(s) {', '.join(unknown)}; "
                         f"known: {', '.join(sorted(cls.OPTIONS)) or '(none)'}")


def append_columns(batch: pa.RecordBatch, columns: dict[str, pa.Array]) -> pa.RecordBatch:
    """Append (or replace) columns on a record batch."""
    names = list(batch.schema.names)
    arrays = list(batch.columns)
    for name, arr in columns.items():
        if name in names:
            arrays[names.index(name)] = arr
        else:
            names.append(name)
            arrays.append(arr)
    return pa.RecordBatch.from_arrays(arrays, names=names)

