"""Material's search box, typed into as a reader does, finds briefs by quote and actors by alias."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, expect

from briefsite.build import read_content
from tests.browser.conftest import (
    ACTOR,
    ACTOR_NAME,
    DESKTOP,
    REPORT,
    SEED_TITLE,
    Reader,
    reading,
)
from tests.conftest import REPO

# Page titles of the results (a result's sections are h2 under it).
RESULT_TITLES = ".md-search-result__item h1"


def search(reader: Reader, query: str) -> Locator:
    """Focus the search box with its keyboard shortcut, type the query, return result titles."""
    page = reader.page
    page.keyboard.press("/")
    expect(page.get_by_role("textbox", name="Search")).to_be_focused()
    page.keyboard.type(query)
    return page.locator(RESULT_TITLES)


@pytest.mark.parametrize(
    ("phrase", "title"),
    [
        ("violated all the rules of engagement", SEED_TITLE),
        (
            "violation of Iraqi sovereignty",
            "Iraq condemns US strikes as a violation of its sovereignty",
        ),
    ],
)
def test_a_phrase_from_a_quote_lists_its_brief(reader: Reader, phrase: str, title: str) -> None:
    reader.open("")
    expect(search(reader, phrase)).to_contain_text([title])


@pytest.mark.parametrize(
    "spelling",
    ["Abu Baqer", "Wissam Mohammed Sabir Al Saiedi", "Abu Bakr al-Saadi", "abu baqir al-saadi"],
)
def test_an_alias_lists_the_canonical_actor_page(reader: Reader, spelling: str) -> None:
    reader.open("")
    expect(search(reader, spelling)).to_contain_text([ACTOR_NAME])


@pytest.mark.parametrize("spelling", ["Hezbollah Brigades", "Kata'ib Hizballah"])
def test_fixture_site_search_finds_an_actor_by_alias(
    browser: Browser, fixture_url: str, spelling: str
) -> None:
    with reading(browser, fixture_url, DESKTOP) as reader:
        reader.open("")
        expect(search(reader, spelling)).to_contain_text(["Kataib Hezbollah"])


def test_keyboard_alone_goes_from_query_to_actor_page(reader: Reader) -> None:
    page = reader.open("")
    results = search(reader, "Abu Baqer")
    expect(results).to_contain_text([ACTOR_NAME])
    reader.screenshot("search-in-progress")
    for _ in range(results.count()):
        page.keyboard.press("ArrowDown")
        focused = page.locator(":focus h1")
        if focused.count() and focused.inner_text().startswith(ACTOR_NAME):
            break
    else:
        pytest.fail(f"the arrow keys never reached {ACTOR_NAME!r} among the results")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{ACTOR}**")
    assert reader.heading() == ACTOR_NAME


class QuotesNotFound(AssertionError):
    """Quotes whose brief search does not list, the one failure the marker below expects."""


@pytest.mark.xfail(
    raises=QuotesNotFound,
    strict=True,
    reason="DEFECT (search ranking, reported on issue 11): Material ORs the words of a query and "
    "prefix-matches each one, so short words ('for', 'a', 'in') match titles such as "
    "'... US forces' (titles weigh 1000 times the text) and push the brief that holds the quote "
    "off the first screen of results (the run's summary lists the quotes it misses)",
)
def test_every_quote_typed_in_full_lists_its_brief(reader: Reader) -> None:
    briefs, _, problems = read_content(REPO, REPO / "briefs")
    assert not problems
    page = reader.open("")
    page.keyboard.press("/")
    box = page.get_by_role("textbox", name="Search")
    titles = page.locator(RESULT_TITLES)
    missed, quotes = [], [(quote.text, brief.title) for brief in briefs for quote in brief.quotes]
    for text, title in quotes:
        # Empty the box first, so the results of the last quote cannot pass for these.
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        expect(titles).to_have_count(0)
        # Material searches on key events: paste all but the last letter, type that one.
        box.fill(text[:-1])
        page.keyboard.type(text[-1])
        # Results are shown ("N matching documents"): a brief missing now is missing, short of
        # a last half second for a slow machine, so each miss costs no more than that.
        expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
        try:
            expect(titles).to_contain_text([title], timeout=500)
        except AssertionError:
            missed.append(text)
    REPORT["quotes typed in full that list their brief"] = (
        f"{len(quotes) - len(missed)}/{len(quotes)}"
    )
    REPORT["quotes whose brief is not among the first results"] = [text[:60] for text in missed]
    if missed:
        raise QuotesNotFound(missed)
