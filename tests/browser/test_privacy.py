"""No third party learns what a reader reads: pages request nothing from any host but the site's."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import (
    ACTOR,
    DESKTOP,
    FIXTURE_PAGES,
    INDEXES,
    REPORT,
    SEED_BRIEF,
    Reader,
    reading,
    serve,
)
from tests.browser.test_search import search

PAGES = ["", SEED_BRIEF, ACTOR, *INDEXES.values()]


def read_to_the_end(reader: Reader, path: str) -> None:
    """Open a page, scroll to its foot (lazy content loads), wait until the network is idle."""
    page = reader.open(path)
    page.keyboard.press("End")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", sorted(set(PAGES)))
def test_a_page_requests_only_the_site_itself(reader: Reader, path: str) -> None:
    read_to_the_end(reader, path)
    assert reader.requested, "the recorder saw no request at all"
    assert reader.foreign_requests() == []
    REPORT[f"requests to other hosts, /{path}"] = len(reader.foreign_requests())


def test_a_search_requests_only_the_site_itself(reader: Reader) -> None:
    reader.open("")
    search(reader, "Abu Baqer").first.wait_for()
    reader.page.wait_for_load_state("networkidle")
    assert any(url.endswith("search_index.json") for url in reader.requested)
    assert reader.foreign_requests() == []
    REPORT["requests to other hosts, a search"] = len(reader.foreign_requests())


def test_the_recorder_sees_a_request_to_another_host(browser: Browser, tmp_path: Path) -> None:
    # Without this, a recorder that saw nothing would pass every test above.
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>t</title><img src="https://third-party.invalid/pixel.png" alt="">'
    )
    with serve(tmp_path) as url, reading(browser, url, DESKTOP) as reader:
        reader.open("")
        reader.page.wait_for_load_state("networkidle")
        assert reader.foreign_requests() == ["https://third-party.invalid/pixel.png"]


def test_a_site_with_material_defaults_requests_only_itself(
    browser: Browser, fixture_url: str
) -> None:
    with reading(browser, fixture_url, DESKTOP) as reader:
        for path in FIXTURE_PAGES:
            read_to_the_end(reader, path)
        foreign = sorted({url.split("?")[0] for url in reader.foreign_requests()})
    # The fixture site keeps Material's font setting: the plugin turns web fonts off.
    REPORT["requests to other hosts, fixture site with Material's default settings"] = foreign
    assert foreign == []
