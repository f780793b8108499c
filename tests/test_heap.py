"""The pipeline pauses Python's cycle collector while it runs, and always resumes it."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from briefsite import build, heap
from tests.conftest import MINIMAL_BRIEF, Site


def test_a_check_runs_without_cycle_collection_and_resumes_it(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.brief("2024-02-09-x", MINIMAL_BRIEF)
    collecting: list[bool] = []
    resolve = build.resolve

    def watched(*args: Any) -> Any:
        collecting.append(gc.isenabled())
        return resolve(*args)

    monkeypatch.setattr(build, "resolve", watched)
    assert gc.isenabled()
    assert build.check_site(site.root, site.root / "briefs").index is not None
    assert collecting == [False]
    assert gc.isenabled()


def test_the_collector_resumes_when_the_work_raises() -> None:
    @heap.without_cycle_collection
    def failing() -> None:
        assert not gc.isenabled()
        raise RuntimeError("broken")

    with pytest.raises(RuntimeError):
        failing()
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    try:
        with heap.cycle_collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
