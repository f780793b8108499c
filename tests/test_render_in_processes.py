"""A large site's pages are made in worker processes: the very pages one process makes, in
the same order, and a broken site template is still reported at its file and line."""

from __future__ import annotations

import pytest
from bench.corpus import write_corpus

from briefsite import processes
from briefsite.build import BuildResult, build_site
from briefsite.urls import UrlPolicy
from tests.conftest import Site

BRIEFS = 40


@pytest.fixture
def spread(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Pages made in two worker processes from the first page on; how many jobs went out."""
    if not processes.can_fork():
        pytest.skip("no fork on this system: pages are always made in one process")
    monkeypatch.setattr(processes, "usable_cpus", lambda: 2)
    sent: list[int] = []
    original = processes.map_in_processes

    def counted(function, items, *, least):  # type: ignore[no-untyped-def]
        sent.append(len(items))
        return original(function, items, least=1)

    monkeypatch.setattr(processes, "map_in_processes", counted)
    return sent


def build(site: Site) -> BuildResult:
    urls = UrlPolicy("https://desk.example.org/", True)
    return build_site(site.root, site.root / "briefs", site.root / "templates", urls=urls)


def test_pages_made_in_processes_are_those_one_process_makes(
    site: Site, spread: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(site.root, BRIEFS)
    together = build(site)
    assert spread
    assert spread[0] > BRIEFS
    monkeypatch.setattr(processes, "map_in_processes", lambda f, items, least: [*map(f, items)])
    alone = build(site)
    assert together.pages == alone.pages
    assert together.files == alone.files
    assert len(alone.pages) > BRIEFS


def test_a_broken_template_is_reported_at_its_line_from_a_worker(
    site: Site, spread: list[int]
) -> None:
    write_corpus(site.root, BRIEFS)
    site.write(
        "templates/brief.md.j2",
        '{% extends "briefsite/brief.md.j2" %}\n{% block summary %}\n{{ brief.nope() }}\n'
        "{% endblock %}\n",
    )
    result = build(site)
    assert spread
    messages = [str(problem) for problem in result.problems]
    assert any(
        message.startswith("templates/brief.md.j2:3:1: error: template: ") for message in messages
    ), messages
