"""A quick look at a corpus: the first N records of each input file, or a seeded sample of them.

``gensafe run --limit N`` and ``--sample FRACTION`` cut the records a run
reads without changing how each one is judged.  Records that are left out
are not counted at all, so the run's books still balance
(``input = kept + removed + rejected`` over the records it looked at), and
the cut is recorded with the run.

The sample is a Bernoulli draw per record decided by a hash of the seed,
the input file and the record's line (or row): the same seed picks the
same records whatever the batch size, the number of workers or the
executor, and a rejected record is as likely to be drawn as a good one.
"""
from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_SCALE = float(1 << 64)


@dataclass(frozen=True)
class Subset:
    """Which records of each input file a run reads."""

    #: at most this many records of each input file (its first ones); None: all
    limit: int | None = None
    #: the fraction of records drawn; None: all
    sample: float | None = None
    seed: int = 0

    @property
    def active(self) -> bool:
        return self.limit is not None or self.sample is not None

    def describe(self) -> dict[str, Any]:
        """What the run records about the cut (its ``provenance`` and manifest)."""
        out: dict[str, Any] = {}
        if self.limit is not None:
            out["limit_per_file"] = self.limit
        if self.sample is not None:
            out["sample_fraction"] = self.sample
            out["sample_seed"] = self.seed
        return out

    def drawn(self, path: str, lines: Sequence[int]) -> np.ndarray:
        """A mask of the records (by line or row number) that the sample draws."""
        if self.sample is None:
            return np.ones(len(lines), dtype=bool)
        key = f"{self.seed}\0{path}\0".encode("utf-8", "surrogatepass")
        blake = hashlib.blake2b
        return np.fromiter((int.from_bytes(blake(key + struct.pack("<q", int(line)), digest_size=8).digest(),
                                           "little") / _SCALE < self.sample for line in lines),
                           dtype=bool, count=len(lines))


def apply(batches: Iterable[pa.RecordBatch], path: str, stats: Any, subset: Subset) -> Iterator[pa.RecordBatch]:
    """The batches of one task, cut to the subset; ``stats`` (records, rejections) is cut alike.

    Stops reading the file as soon as the limit is reached.  Rejections a
    reader reports between two batches are drawn and counted with the next
    batch, in line order, so the limit counts good and bad records alike.
    """
    if not subset.active:
        yield from batches
        return
    counted = 0
    kept_rej = 0  # rejections of stats.rejected already decided
    done = False

    def cut(batch: pa.RecordBatch | None) -> pa.RecordBatch | None:
        nonlocal counted, kept_rej, done
        new_rej = stats.rejected[kept_rej:]
        if subset.sample is not None:
            if batch is not None and batch.num_rows:
                mask = subset.drawn(path, batch.column("input_line").to_numpy())
                batch = batch.filter(pa.array(mask))
            if new_rej:
                keep = subset.drawn(path, [r.input_line for r in new_rej])
                new_rej = [r for r, k in zip(new_rej, keep) if k]
        if subset.limit is not None:
            lines = sorted((batch.column("input_line").to_pylist() if batch is not None else [])
                           + [r.input_line for r in new_rej])
            room = subset.limit - counted
            if len(lines) >= room:
                done = True
                if room <= 0:
                    batch = batch.slice(0, 0) if batch is not None else None
                    new_rej = []
                else:
                    last = lines[room - 1]
                    if batch is not None:
                        batch = batch.filter(pc.less_equal(batch.column("input_line"), pa.scalar(last, pa.int64())))
                    new_rej = [r for r in new_rej if r.input_line <= last]
        stats.rejected[kept_rej:] = new_rej
        kept_rej = len(stats.rejected)
        counted += (batch.num_rows if batch is not None else 0) + len(new_rej)
        return batch

    for batch in batches:
        out = cut(batch)
        if out is not None and out.num_rows:
            yield out
        if done:
            close = getattr(batches, "close", None)
            if close is not None:
                close()  # stop reading the file here
            break
    if not done:
        cut(None)  # rejections reported after the last batch (trailing bad lines, an unreadable file)
    stats.records = counted
