"""The same work on many items, spread over forked worker processes.

Reading and validating files is most of `briefsite check` on a large site and needs no
shared state: each file is read on its own. Forked workers start in milliseconds with the
parent's modules loaded; where `fork` is missing, the work stays in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

TASKS_PER_WORKER = 4
"""Items go out in this many tasks per worker, so that a slow task leaves others to share."""


def usable_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_in_processes(
    function: Callable[[In], Out], items: Sequence[In], *, least: int
) -> list[Out]:
    """`[function(item) for item in items]`, in one worker per usable CPU when there are
    at least `least` items, more than one CPU and `fork`; in this process otherwise.

    `function` and its results must pickle; so must every exception it lets through.
    """
    jobs = usable_cpus()
    if len(items) < least or jobs < 2 or not can_fork():
        return [function(item) for item in items]
    size = -(-len(items) // (jobs * TASKS_PER_WORKER))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        done = pool.map(_apply_all, [function] * len(chunks), chunks)
        return [result for chunk in done for result in chunk]


def _apply_all(function: Callable[[In], Out], items: Sequence[In]) -> list[Out]:
    return [function(item) for item in items]


__all__ = ["can_fork", "map_in_processes", "usable_cpus"]
