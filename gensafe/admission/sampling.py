"""Seeded, worker-independent random sampling per source (bottom-k sketch).

Reservoir sampling à la Algorithm R depends on the order in which a worker
sees documents, so two workers would draw a different sample than one.
Instead every document gets a deterministic pseudo-random key

    key = uint64(blake2b(seed ‖ source_id ‖ doc_id))

and a source's sample of size n is the n documents with the smallest keys.
That is a uniform random sample without replacement (the keys are i.i.d.
uniform for distinct ids), it is computed in one pass with O(n) memory, and
two sketches merge by keeping the n smallest keys of their union — so the
sample is the same whatever the number of workers or the order of the
stream.  Processing the sample in ascending key order is also a uniformly
random order, which is what the sequential test (SPRT) needs.
"""
from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

MAX_KEY = 2**64 - 1


def doc_key(seed: int, source_id: str, doc_id: str) -> int:
    """The document's sampling key: a uint64 fixed by (seed, source, id)."""
    h = hashlib.blake2b(digest_size=8, person=b"gensafe-sample")
    h.update(int(seed).to_bytes(8, "little", signed=True))
    h.update(source_id.encode("utf-8"))
    h.update(b"\x00")
    h.update(doc_id.encode("utf-8"))
    return int.from_bytes(h.digest(), "big")


@dataclass
class BottomK:
    """The n smallest-key documents of one source seen so far; mergeable."""

    n: int
    seen: int = 0
    # max-heap via negated keys: (-key, doc_id) -> payload kept in a dict
    _heap: list[tuple[int, str]] = field(default_factory=list)
    _items: dict[str, tuple[int, Any]] = field(default_factory=dict)

    def offer(self, key: int, doc_id: str, payload: Any = None) -> None:
        self.seen += 1
        self._offer(key, doc_id, payload)

    def _offer(self, key: int, doc_id: str, payload: Any) -> None:
        if self.n <= 0 or doc_id in self._items:
            return  # a repeated id has the same key: keep one copy
        if len(self._heap) < self.n:
            heapq.heappush(self._heap, (-key, _neg(doc_id)))
            self._items[doc_id] = (key, payload)
            return
        worst_key, worst_neg = -self._heap[0][0], self._heap[0][1]
        # order by (key, doc_id) so ties break the same way on every worker
        if (key, doc_id) < (worst_key, _unneg(worst_neg)):
            heapq.heapreplace(self._heap, (-key, _neg(doc_id)))
            del self._items[_unneg(worst_neg)]
            self._items[doc_id] = (key, payload)

    def merge(self, other: "BottomK") -> "BottomK":
        """Union of two sketches of the same source (same n)."""
        out = BottomK(max(self.n, other.n))
        out.seen = self.seen + other.seen
        for sk in (self, other):
            for doc_id, (key, payload) in sk._items.items():
                out._offer(key, doc_id, payload)
        return out

    def items(self) -> list[tuple[int, str, Any]]:
        """(key, doc_id, payload) in ascending key order (a random order)."""
        return sorted(((k, d, p) for d, (k, p) in self._items.items()), key=lambda t: (t[0], t[1]))

    def __len__(self) -> int:
        return len(self._items)


def _neg(doc_id: str) -> tuple[int, ...]:
    # heap entries must order (key desc, doc_id desc); negate the code points
    return tuple(-ord(c) for c in doc_id)


def _unneg(neg: tuple[int, ...]) -> str:
    return "".join(chr(-c) for c in neg)


class SourceSampler:
    """One bottom-k sketch per source over a stream of documents."""

    def __init__(self, n: int, seed: int, sources: Iterable[str] | None = None) -> None:
        self.n = int(n)
        self.seed = int(seed)
        self.sketches: dict[str, BottomK] = {s: BottomK(self.n) for s in (sources or ())}

    def offer(self, source_id: str, doc_id: str, payload: Any = None) -> None:
        sk = self.sketches.get(source_id)
        if sk is None:
            sk = self.sketches[source_id] = BottomK(self.n)
        sk.offer(doc_key(self.seed, source_id, doc_id), doc_id, payload)

    def offer_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        for r in rows:
            self.offer(r["source_id"], r["doc_id"], r)

    def merge(self, other: "SourceSampler") -> "SourceSampler":
        if other.seed != self.seed:
            raise ValueError("cannot merge samples drawn with different seeds")
        out = SourceSampler(max(self.n, other.n), self.seed)
        for sid in sorted(set(self.sketches) | set(other.sketches)):
            a, b = self.sketches.get(sid), other.sketches.get(sid)
            out.sketches[sid] = a.merge(b) if a and b else (a or b).merge(BottomK(out.n))  # type: ignore[union-attr]
        return out

    def sample(self, source_id: str) -> list[tuple[int, str, Any]]:
        sk = self.sketches.get(source_id)
        return sk.items() if sk else []

    def seen(self, source_id: str) -> int:
        sk = self.sketches.get(source_id)
        return sk.seen if sk else 0


def sample_ids(rows: Iterable[dict[str, Any]], n: int, seed: int, workers: int = 1) -> dict[str, list[str]]:
    """Sampled doc ids per source, splitting the stream round-robin over ``workers`` sketches.

    Exists so the worker-independence property is easy to state and test: the
    result does not depend on ``workers``.
    """
    samplers = [SourceSampler(n, seed) for _ in range(max(1, workers))]
    for i, r in enumerate(rows):
        samplers[i % len(samplers)].offer(r["source_id"], r["doc_id"])
    merged = samplers[0]
    for s in samplers[1:]:
        merged = merged.merge(s)
    return {sid: [d for _, d, _ in merged.sample(sid)] for sid in sorted(merged.sketches)}


def iter_in_key_order(sample: list[tuple[int, str, Any]], chunk: int) -> Iterator[list[tuple[int, str, Any]]]:
    for i in range(0, len(sample), chunk):
        yield sample[i:i + chunk]
