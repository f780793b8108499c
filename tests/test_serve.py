"""`mkdocs serve` as a contributor runs it: edits reload, a broken edit keeps the last good site."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import MINIMAL_BRIEF, Site, engine_command
from tests.test_search import ACTOR, BRIEF, fragments, pagefind_site

# Every test serves the site through `serve` below.
pytestmark = pytest.mark.site_build

PAGE = "briefs/2024-02-09-a/"
OVERRIDE = """\
{% extends "briefsite/brief.md.j2" %}
{% block title %}
# Brief overridden: {{ brief.title }}{{ dialect.heading_id("brief-title") }}
{% endblock %}
"""


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


@contextmanager
def serve_builds(site: Site, site_dir: Path) -> Iterator[Callable[[], None]]:
    """Builds as `mkdocs serve --dirty` runs them: one plugin object, its config read anew
    for each build. Gives the function that rebuilds, after the first build."""
    config_file = str(site.root / "mkdocs.yml")
    config = load_config(config_file=config_file, site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=True)

    def rebuild() -> None:
        build(load_config(config_file=config_file, site_dir=str(site_dir)), dirty=True)

    try:
        build(config, dirty=True)
        yield rebuild
    finally:
        config.plugins.on_shutdown()


def test_serve_rebuilds_show_edits_to_a_brief_an_actor_and_a_template(
    site: Site, tmp_path: Path
) -> None:
    """What each kind of edit changes shows after the rebuild; what it does not stays."""
    pagefind_site(site)
    site_dir = tmp_path / "served"
    page = site_dir / "briefs" / "2023-05-01-resume" / "index.html"
    actor = site_dir / "actors" / "kataib-hezbollah" / "index.html"
    with serve_builds(site, site_dir) as rebuild:
        site.brief("2023-05-01-resume", BRIEF.replace("Militia vows", "Edited militia vows"))
        rebuild()
        assert "Edited militia vows" in page.read_text()
        assert "Edited militia vows" in actor.read_text()
        site.actor("kataib-hezbollah", ACTOR.replace("name: Kataib", "name: Renamed Kataib"))
        rebuild()
        assert "Renamed Kataib Hezbollah" in page.read_text()
        site.write("templates/brief.md.j2", OVERRIDE)
        rebuild()
        assert "Brief overridden" in page.read_text()
        assert "Brief overridden" not in actor.read_text()


def test_serve_writes_the_search_index_after_the_pages_and_keeps_it_current(
    site: Site, tmp_path: Path
) -> None:
    pagefind_site(site)
    site_dir = tmp_path / "served"
    with serve_builds(site, site_dir) as rebuild:
        wait_for(lambda: "/briefs/2023-05-01-resume/" in search_titles(site_dir))
        site.brief("2023-05-01-resume", BRIEF.replace("Militia vows", "Edited militia vows"))
        rebuild()
        edited = "Edited militia vows to resume attacks"
        wait_for(lambda: edited in search_titles(site_dir).values())
        bundle = (site_dir / "pagefind" / "pagefind-entry.json").stat().st_mtime_ns
        # The same pages again (an unchanged file saved): the index in place is theirs.
        (site.root / "briefs" / "2023-05-01-resume.md").touch()
        rebuild()
        time.sleep(2)  # longer than this tiny site's index takes
        assert (site_dir / "pagefind" / "pagefind-entry.json").stat().st_mtime_ns == bundle


def search_titles(site_dir: Path) -> dict[str, str]:
    """Each page's title in the site's Pagefind index, by URL; none while it is missing."""
    try:
        return {url: page["meta"]["title"] for url, page in fragments(site_dir).items()}
    except OSError:
        return {}
