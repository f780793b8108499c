"""The demo site and a fixture site, served on 127.0.0.1 and read in a real headless Chromium.

Each site is built once per test run with the real `mkdocs build --strict`; each test gets a
fresh browser context (no cookies, no cache, no storage carried over) whose every request
is recorded, so any test can tell which hosts a page contacted. Figures that are measured
rather than asserted go to REPORT, printed at the end of the run.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request

from tests.conftest import REPO, Site, run_mkdocs_build

HERE = Path(__file__).parent
FIXTURE_SITE = HERE.parent / "sites" / "basic"
NODE_MODULES = HERE / "node_modules"
# Screenshots and reports of a run, for a reviewer to look at (ignored by git).
ARTIFACTS = Path(os.environ.get("BRIEFSITE_ARTIFACTS", REPO / "artifacts" / "browser"))

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Facts of the demo content the browser tests rely on.
SEED_BRIEF = "briefs/2024-02-09-iraqi-groups-vow-to-resume-attacks/"
SEED_TITLE = "Iran-backed Iraqi groups vow to resume attacks on US forces"
ACTOR = "actors/abu-baqir-al-saadi/"
ACTOR_NAME = "Abu Baqir al-Saadi"
# Every index page of the site, by its label in the navigation.
INDEXES = {
    "Latest briefs": "",
    "Archive": "archive/",
    "Actors": "actors/",
    "Tags": "tags/",
    "Publishers": "publishers/",
}
# Pages reached from the index pages: a month, a tag, a publisher, the actors of one type.
LISTINGS = [
    "archive/2024-02/",
    "tags/kataib-hezbollah/",
    "publishers/cnn/",
    "actor-types/armed-group/",
]
# Pages of the fixture site: a brief in a year folder, a registered and an implicit actor.
FIXTURE_PAGES = [
    "",
    "briefs/2024-02-09-resume/",
    "actors/",
    "archive/",
    "tags/",
    "actors/kataib-hezbollah/",
    "actors/iraqi-government/",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output free of one line per request."""


@contextlib.contextmanager
def serve(directory: Path, handler_class: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve a folder on a free port of 127.0.0.1 for the time of the block; yield its URL."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("browser-demo") / "site"
    result = run_mkdocs_build(REPO, site_dir, "--strict")
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture site of the golden tests, built as a new site would be."""
    site = Site(tmp_path_factory.mktemp("browser-fixture") / "root")
    shutil.copytree(FIXTURE_SITE / "briefs", site.root / "briefs", dirs_exist_ok=True)
    result = site.mkdocs_build("--strict")
    assert result.returncode == 0, result.stderr
    return site.root / "site"


@pytest.fixture(scope="session")
def fixture_url(fixture_dir: Path) -> Iterator[str]:
    with serve(fixture_dir) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(demo_dir: Path) -> Iterator[str]:
    with serve(demo_dir) as url:
        yield url


@dataclass
class Reader:
    """One browser tab on the served site, with every URL it requested."""

    page: Page
    base_url: str
    requested: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        return self.page

    def foreign_requests(self) -> list[str]:
        """Requests to any host but the site's own."""
        own = urlsplit(self.base_url).netloc
        return [
            url
            for url in self.requested
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own
        ]

    def heading(self) -> str:
        """The page's main heading, without the permalink sign."""
        return self.page.locator("article h1").first.inner_text().removesuffix("¶").strip()

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=False)


@contextlib.contextmanager
def reading(browser: Browser, base_url: str, viewport: dict[str, int]) -> Iterator[Reader]:
    context: BrowserContext = browser.new_context(
        viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE
    )
    context.set_default_timeout(10_000)
    reader = Reader(context.new_page(), base_url)

    def record(request: Request) -> None:
        reader.requested.append(request.url)

    # Context-wide, so requests of the search worker are recorded too.
    context.on("request", record)
    try:
        yield reader
    finally:
        context.close()


@pytest.fixture
def reader(browser: Browser, base_url: str) -> Iterator[Reader]:
    with reading(browser, base_url, DESKTOP) as opened:
        yield opened


@pytest.fixture
def phone_reader(browser: Browser, base_url: str) -> Iterator[Reader]:
    with reading(browser, base_url, PHONE) as opened:
        yield opened


# Figures the checks measure (Material's own baseline and the like), shown after the run
# and written to the artifacts folder, because a figure that is not asserted must still be seen.
REPORT: dict[str, object] = {}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not REPORT:
        return
    terminalreporter.section("browser checks: figures")
    for name, value in REPORT.items():
        terminalreporter.write_line(f"{name}: {value}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "report.json").write_text(json.dumps(REPORT, indent=2, sort_keys=True) + "\n")
