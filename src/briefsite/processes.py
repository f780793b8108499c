"""The same work on many items, spread over forked worker processes.

Reading files and rendering pages need no state shared while they run: each item is done
on its own. Forked workers start in milliseconds with the parent's modules and data
loaded, so the work and its items reach them through the fork, not by pickling; only
results travel back. Where `fork` is missing, the work stays in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

TASKS_PER_WORKER = 4
"""Items go out in this many tasks per worker, so that a slow task leaves others to share."""

# Set in the parent just before the workers fork; each worker reads its own copy.
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def usable_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_in_processes(
    function: Callable[[In], Out], items: Sequence[In], *, least: int
) -> list[Out]:
    """`[function(item) for item in items]`, in one worker per usable CPU when there are
    at least `least` items, more than one CPU and `fork`; in this process otherwise.

    Results must pickle; so must every exception `function` lets through.
    """
    global _work
    jobs = usable_cpus()
    if len(items) < least or jobs < 2 or not can_fork():
        return [function(item) for item in items]
    size = -(-len(items) // (jobs * TASKS_PER_WORKER))
    ranges = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    _work = (function, items)
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for done in pool.map(_apply, ranges) for result in done]
    finally:
        _work = None


def _apply(bounds: tuple[int, int]) -> list[Any]:
    assert _work is not None, "set before the fork"
    function, items = _work
    return [function(item) for item in items[bounds[0] : bounds[1]]]


__all__ = ["can_fork", "map_in_processes", "usable_cpus"]
