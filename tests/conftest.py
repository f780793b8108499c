"""Shared fixtures: tiny sites written into temporary folders, and real `mkdocs build` runs.

The engine that builds them is MkDocs unless `BRIEFSITE_ENGINE` names another that runs the
plugin under the same command line (`properdocs`: `make test` runs every test marked
`site_build` again on ProperDocs, from its own environment).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
ENGINE = os.environ.get("BRIEFSITE_ENGINE", "mkdocs")
"""The module run as `python -m ENGINE build` or `serve`: `mkdocs` or `properdocs`."""
BUILDS = frozenset({"mkdocs_build", "run_mkdocs_build", "engine_command"})
"""Names whose call builds or serves a site: a test, or a fixture it uses, that calls one
is marked `site_build` (tests that build through a helper are marked by hand)."""
# Debian's package; another build of Chromium can be named for a local run.
CHROMIUM = Path(os.environ.get("BRIEFSITE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs the tests as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Chromium's own calls home are not the site's requests: keep them out of the record.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESK_URL = "https://desk.example.org/"
"""`site_url` of the `desk` fixture site, so its feeds and exports carry absolute URLs."""

MKDOCS_YML = """\
site_name: test site
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - briefsite
# Every link of a generated page must lead somewhere: with --strict, a link MkDocs cannot
# resolve, or to a heading that is not there, fails the build.
validation:
  links:
    unrecognized_links: warn
    anchors: warn
"""

MINIMAL_BRIEF = """\
---
title: A brief
date: 2024-02-09
source: https://example.org/a
summary: Something happened.
actors:
  - Someone
---
"""


class MkDocsConfigLoader(yaml.SafeLoader):
    """`mkdocs.yml` read as MkDocs reads it with no variable set: `!ENV [NAME, default]`."""


MkDocsConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


class Site:
    """A throwaway site folder: write briefs and actors, check it, build it with MkDocs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "briefs" / "actors").mkdir(parents=True)
        (root / "docs").mkdir()
        (root / "mkdocs.yml").write_text(MKDOCS_YML)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def brief(self, name: str, text: str) -> Path:
        return self.write(f"briefs/{name}.md", text)

    def actor(self, name: str, text: str) -> Path:
        return self.write(f"briefs/actors/{name}.md", text)

    def mkdocs_build(
        self, *args: str, site_dir: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        site_dir = site_dir or self.root / "site"
        return run_mkdocs_build(self.root, site_dir, *args)

    def built_pages(self) -> dict[str, str]:
        """Every HTML page of the last build, by path relative to the site folder."""
        output = self.root / "site"
        return {
            path.relative_to(output).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(output.rglob("*.html"))
        }

    def html(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.root / "site" / page / "index.html").read_text(), "html.parser")


def engine_warnings(log: str) -> list[str]:
    """The warnings of a build log that the engine itself gave (a link to no page, say), for
    a site whose content is meant to draw briefsite's own warnings, and so cannot be built
    with --strict."""
    return [
        line for line in log.splitlines() if line.startswith("WARNING") and "briefsite:" not in line
    ]


def engine_command(command: str) -> list[str]:
    """The engine's `build` or `serve`, run by this Python, whose environment holds it."""
    assert _building_marked, (
        "a test that builds a site through a helper is marked site_build, so that it "
        "runs on ProperDocs too"
    )
    return [sys.executable, "-m", ENGINE, command]


def run_mkdocs_build(
    root: Path, site_dir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The engine's build of the site at `root` into `site_dir`; `env` adds variables.

    Never quiet: MkDocs' `-q` hides warnings from `--strict` too, which then passes a build
    with broken links."""
    return subprocess.run(
        [
            *engine_command("build"),
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(site_dir),
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path / "site-root")


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[str], Site]:
    return lambda name: Site(tmp_path / name)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the run: Playwright's sync API starts once per process."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The `desk` fixture site, built twice by `mkdocs build`: into `site/` and `site-again/`."""
    site = Site(tmp_path_factory.mktemp("desk") / "site-root")
    shutil.copytree(SITES / "desk" / "briefs", site.root / "briefs", dirs_exist_ok=True)
    site.write("mkdocs.yml", MKDOCS_YML + f"site_url: {DESK_URL}\n")
    for folder in ("site", "site-again"):
        # Not --strict: the fixture's hostile brief is meant to draw briefsite's warnings.
        result = site.mkdocs_build(site_dir=site.root / folder)
        assert result.returncode == 0, result.stderr
        assert not engine_warnings(result.stderr)
    return site


# Whether the running test is marked `site_build`: building without the mark would leave
# the test out of the ProperDocs run without anyone noticing.
_building_marked = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        # pytest has no public way to a test's fixture functions: `_fixtureinfo` is it.
        info = getattr(item, "_fixtureinfo", None)
        fixtures = [f.func for fs in info.name2fixturedefs.values() for f in fs] if info else []
        if any(_calls_a_build(f) for f in [getattr(item, "function", None), *fixtures]):
            item.add_marker(pytest.mark.site_build)


def _calls_a_build(function: object) -> bool:
    code = getattr(function, "__code__", None)
    return code is not None and not BUILDS.isdisjoint(code.co_names)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    global _building_marked
    _building_marked = item.get_closest_marker("site_build") is not None
