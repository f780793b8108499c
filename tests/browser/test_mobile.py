"""On a phone (390 by 844): pages fit the screen's width, and search works by tapping."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ACTOR, ACTOR_NAME, INDEXES, PHONE, SEED_BRIEF, Reader
from tests.browser.test_search import RESULT_TITLES

# Material's header button that opens search on a small screen.
SEARCH_BUTTON = 'label.md-header__button[for="__search"]'


# The page's width. Not how far it scrolls: Material hides the root's sideways overflow, and a
# phone's browser then zooms the page out to show it all, which is no better to read.
PAGE_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.mark.parametrize("path", sorted({SEED_BRIEF, ACTOR, *INDEXES.values()}))
def test_a_page_fits_the_phone_without_sideways_scrolling(phone_reader: Reader, path: str) -> None:
    page = phone_reader.open(path)
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    if path in (SEED_BRIEF, ACTOR):
        phone_reader.screenshot("phone-" + path.split("/")[0].removesuffix("s"))


def test_search_on_a_phone_finds_the_actor_by_alias(phone_reader: Reader) -> None:
    page = phone_reader.open(SEED_BRIEF)
    page.locator(SEARCH_BUTTON).tap()
    box = page.get_by_role("textbox", name="Search")
    expect(box).to_be_focused()
    page.keyboard.type("Abu Baqer")
    results = page.locator(RESULT_TITLES)
    expect(results).to_contain_text([ACTOR_NAME])
    phone_reader.screenshot("phone-search")
    results.filter(has_text=ACTOR_NAME).first.tap()
    page.wait_for_url(f"**/{ACTOR}**")
    assert phone_reader.heading() == ACTOR_NAME


def test_the_sideways_measure_sees_a_page_too_wide(phone_reader: Reader) -> None:
    # Without this, a measure blind to overflow would pass the test above.
    page = phone_reader.open(SEED_BRIEF)
    page.evaluate(
        "() => document.querySelector('article').insertAdjacentHTML("
        "'beforeend', '<p style=\"width: 1200px\">too wide</p>')"
    )
    assert page.evaluate(PAGE_WIDTH) > PHONE["width"]
