"""Python's cycle collector paused while the pipeline builds its objects.

Reading, indexing and rendering a site make millions of small objects and almost no
reference cycles. The collector, which runs every few hundred new objects, walks the
whole growing heap again each time it reaches the oldest generation: at 10,000 briefs that
was a quarter of a build, to free nothing (peak memory is the same without it).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

Params = ParamSpec("Params")
Result = TypeVar("Result")


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Within: no cycle collection (reference counting still frees everything else)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def without_cycle_collection(function: Callable[Params, Result]) -> Callable[Params, Result]:
    """`function`, run with the cycle collector paused."""

    @functools.wraps(function)
    def paused(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        with cycle_collector_paused():
            return function(*args, **kwargs)

    return paused


__all__ = ["cycle_collector_paused", "without_cycle_collection"]
