"""`mkdocs serve` as a contributor runs it: edits reload, a broken edit keeps the last good site."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_BRIEF, Site, engine_command

# Every test serves the site through `serve` below.
pytestmark = pytest.mark.site_build

PAGE = "briefs/2024-02-09-a/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture
def served(site: Site, tmp_path: Path) -> Iterator[tuple[Site, str, Path]]:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    yield from serve(site, tmp_path)


@pytest.fixture
def served_dirty(site: Site, tmp_path: Path) -> Iterator[tuple[Site, str, Path]]:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    other = MINIMAL_BRIEF.replace("title: A brief", "title: Other brief")
    site.brief("2024-02-10-b", other.replace("Someone", "Somebody else"))
    site.write("docs/about.md", "# About this desk\n")
    yield from serve(site, tmp_path, "--dirty")


def serve(site: Site, tmp_path: Path, *args: str) -> Iterator[tuple[Site, str, Path]]:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                *engine_command("serve"),
                "--livereload",
                *args,
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(site.root / "mkdocs.yml"),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield site, f"http://127.0.0.1:{port}/", log
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except OSError:
        return ""


def test_editing_a_brief_rebuilds_and_a_broken_edit_keeps_the_last_good_site(
    served: tuple[Site, str, Path],
) -> None:
    site, base, log = served
    wait_for(lambda: "A brief" in fetch(base + PAGE))
    assert "livereload" in fetch(base + PAGE)

    site.brief("2024-02-09-a", MINIMAL_BRIEF.replace("title: A brief", "title: Edited brief"))
    wait_for(lambda: "Edited brief" in fetch(base + PAGE))

    site.brief("2024-02-09-a", MINIMAL_BRIEF.replace("title: A brief", "titel: Broken brief"))
    wait_for(lambda: "still serving the last valid version" in log.read_text())
    assert "briefs/2024-02-09-a.md:2:1: error: unknown key 'titel'" in log.read_text()
    assert "Edited brief" in fetch(base + PAGE)
    assert "Traceback" not in log.read_text()

    site.brief("2024-02-09-a", MINIMAL_BRIEF.replace("title: A brief", "title: Fixed brief"))
    wait_for(lambda: "Fixed brief" in fetch(base + PAGE))


def test_a_dirty_serve_shows_an_edit_on_its_brief_actor_and_index_pages(
    served_dirty: tuple[Site, str, Path],
) -> None:
    """`mkdocs serve --dirty` renders only the pages an edit changed (docs/engines.md): those
    show it, the others stay as they were, and the navigation keeps every page's title."""
    site, base, log = served_dirty
    wait_for(lambda: "A brief" in fetch(base + PAGE))
    other = without_reload_ids(fetch(base + "briefs/2024-02-10-b/"))
    site.brief("2024-02-09-a", MINIMAL_BRIEF.replace("title: A brief", "title: Edited brief"))
    for page in (PAGE, "actors/someone/", ""):
        wait_for(lambda page=page: "Edited brief" in fetch(base + page))
    edited = fetch(base + PAGE)
    for title in ("Latest briefs", "Actors", "About this desk"):
        assert f"{title}\n" in edited or f">{title}<" in edited, title
    assert "None" not in edited
    assert without_reload_ids(fetch(base + "briefs/2024-02-10-b/")) == other
    assert "Traceback" not in log.read_text()


def without_reload_ids(page: str) -> str:
    """The page without the build ids MkDocs' live-reload script carries."""
    return re.sub(r"reload\(\d+, \d+\)", "reload()", page)
