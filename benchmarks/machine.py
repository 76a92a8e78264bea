"""What else the machine was doing during a measurement (shared by the benchmarks).

The development machine has 2 cores shared with other work, so every
wall-clock figure is printed next to how many cores other processes kept
busy meanwhile.
"""
from __future__ import annotations

import os


def busy_cpu_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy (from /proc/stat)."""
    try:
        with open("/proc/stat") as fh:
            f = [int(x) for x in fh.readline().split()[1:]]
    except OSError:
        return None
    idle = f[3] + (f[4] if len(f) > 4 else 0)
    return (sum(f[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def others_cores(busy0: float | None, busy1: float | None, own_cpu: float, wall: float) -> float | None:
    """Cores other processes kept busy during a measurement: the machine's busy time less ours."""
    if busy0 is None or busy1 is None or wall <= 0:
        return None
    return round(max(0.0, (busy1 - busy0) - own_cpu) / wall, 2)
