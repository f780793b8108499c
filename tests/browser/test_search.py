"""Material's search box, typed into as a reader does, finds briefs by quote and actors by alias.

Both answers to the box are tested: the theme's own search (the demo's `auto` at its size) and
Pagefind (the demo built with `search: pagefind`, and a 300-brief site that `auto` gives to
Pagefind, where the first query's download is held to its budget).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from bench.corpus import write_corpus
from playwright.sync_api import Browser, Locator, Request, expect

from briefsite.build import check_site, read_content
from briefsite.outputs.search import PAGEFIND_FROM
from tests.browser.conftest import (
    ACTOR,
    ACTOR_NAME,
    DESKTOP,
    REPORT,
    SEED_TITLE,
    Reader,
    reading,
    serve,
)
from tests.conftest import MKDOCS_YML, REPO, SITES, Site, engine_warnings, run_mkdocs_build

pytestmark = pytest.mark.site_build


# Page titles of the results (a result's sections are h2 under it).
RESULT_TITLES = ".md-search-result__item h1"
FIRST_QUERY_BUDGET = 300_000
"""Bytes a reader's first query may download (SPEC §4), from the key that opens search on."""


@pytest.fixture(scope="session")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo built with `search: pagefind` (its size alone would give it the theme's)."""
    site_dir = tmp_path_factory.mktemp("browser-demo-pagefind") / "site"
    result = run_mkdocs_build(REPO, site_dir, "--strict", env={"BRIEFSITE_SEARCH": "pagefind"})
    assert result.returncode == 0, result.stderr
    with serve(site_dir) as url:
        yield url


@pytest.fixture(params=["material", "pagefind"])
def searcher(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Reader]:
    """A reader of the demo, searched by the theme's own index or by Pagefind."""
    url = base_url if request.param == "material" else request.getfixturevalue("pagefind_url")
    with reading(browser, url, DESKTOP) as opened:
        yield opened


@pytest.fixture
def pagefind_reader(browser: Browser, pagefind_url: str) -> Iterator[Reader]:
    with reading(browser, pagefind_url, DESKTOP) as opened:
        yield opened


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
def test_a_phrase_from_a_quote_lists_its_brief(
    request: pytest.FixtureRequest, searcher: Reader, phrase: str, title: str
) -> None:
    if searcher.base_url == request.getfixturevalue("base_url") and "engagement" in phrase:
        # The demo's reference pages quote this phrase as an example and may outrank the
        # brief, as their wording changes: not strict, since the strict test of the same
        # defect is test_every_quote_typed_in_full_lists_its_brief.
        request.applymarker(
            pytest.mark.xfail(strict=False, reason="DEFECT (search ranking, issue 11): Material")
        )
    searcher.open("")
    expect(search(searcher, phrase)).to_contain_text([title])


@pytest.mark.parametrize(
    "spelling",
    ["Abu Baqer", "Wissam Mohammed Sabir Al Saiedi", "Abu Bakr al-Saadi", "abu baqir al-saadi"],
)
def test_an_alias_lists_the_canonical_actor_page(searcher: Reader, spelling: str) -> None:
    searcher.open("")
    expect(search(searcher, spelling)).to_contain_text([ACTOR_NAME])


@pytest.mark.parametrize("spelling", ["Hezbollah Brigades", "Kata'ib Hizballah"])
def test_fixture_site_search_finds_an_actor_by_alias(
    browser: Browser, fixture_url: str, spelling: str
) -> None:
    with reading(browser, fixture_url, DESKTOP) as reader:
        reader.open("")
        expect(search(reader, spelling)).to_contain_text(["Kataib Hezbollah"])


def test_keyboard_alone_goes_from_query_to_actor_page(searcher: Reader) -> None:
    page = searcher.open("")
    results = search(searcher, "Abu Baqer")
    expect(results).to_contain_text([ACTOR_NAME])
    searcher.screenshot(f"search-in-progress-{searcher.base_url.split(':')[-1].strip('/')}")
    for _ in range(results.count()):
        page.keyboard.press("ArrowDown")
        focused = page.locator(":focus h1")
        if focused.count() and focused.inner_text().startswith(ACTOR_NAME):
            break
    else:
        pytest.fail(f"the arrow keys never reached {ACTOR_NAME!r} among the results")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{ACTOR}**")
    assert searcher.heading() == ACTOR_NAME


def test_enter_in_the_box_opens_the_best_result(searcher: Reader) -> None:
    page = searcher.open("")
    expect(search(searcher, "Abu Baqer").first).to_contain_text(ACTOR_NAME)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{ACTOR}**")


class QuotesNotFound(AssertionError):
    """Quotes whose brief search does not list, the one failure the marker below expects."""


def quotes_missed(reader: Reader) -> tuple[int, list[str]]:
    """Type every quote of the demo in full; how many there are, and those whose brief is
    not among the results."""
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
    return len(quotes), missed


@pytest.mark.xfail(
    raises=QuotesNotFound,
    strict=True,
    reason="DEFECT (search ranking, reported on issue 11): Material ORs the words of a query and "
    "prefix-matches each one, so short words ('for', 'a', 'in') match titles such as "
    "'... US forces' (titles weigh 1000 times the text) and push the brief that holds the quote "
    "off the first screen of results (the run's summary lists the quotes it misses); "
    "Pagefind finds them all (next test)",
)
def test_every_quote_typed_in_full_lists_its_brief(reader: Reader) -> None:
    count, missed = quotes_missed(reader)
    REPORT["quotes typed in full that list their brief"] = f"{count - len(missed)}/{count}"
    REPORT["quotes whose brief is not among the first results"] = [text[:60] for text in missed]
    if missed:
        raise QuotesNotFound(missed)


def test_with_pagefind_every_quote_typed_in_full_lists_its_brief(
    pagefind_reader: Reader,
) -> None:
    count, missed = quotes_missed(pagefind_reader)
    REPORT["quotes typed in full that list their brief (Pagefind)"] = (
        f"{count - len(missed)}/{count}"
    )
    assert not missed


def test_a_quote_is_a_result_of_its_own_that_opens_at_the_quote(pagefind_reader: Reader) -> None:
    page = pagefind_reader.open("")
    search(pagefind_reader, "violated all the rules of engagement")
    quote = page.locator(".md-search-result__item h2", has_text="Quote by").first
    expect(quote).to_be_visible()
    quote.click()
    page.wait_for_url("**#quote-*")
    anchor = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"[id='{anchor}']")).to_contain_text("rules of engagement")


def test_an_actor_filter_keeps_only_that_actors_pages(pagefind_reader: Reader) -> None:
    checked = check_site(REPO, REPO / "briefs")
    assert checked.index is not None
    actors = checked.index.actors
    expected = {
        item.brief.title
        for item in checked.index.briefs
        if "Kataib Hezbollah" in {actors[member.actor_id].name for member in item.cast}
    } | {"Kataib Hezbollah"}
    pagefind_reader.open("")
    titles = search(pagefind_reader, 'actor:"kataib hezbollah" strike')
    expect(titles.first).to_be_visible()
    shown = set(titles.all_inner_texts())
    assert shown <= expected, shown - expected
    # Without the filter the same word finds pages about others too.
    pagefind_reader.page.keyboard.press("Control+A")
    pagefind_reader.page.keyboard.type("strike")
    expect(titles.first).to_be_visible()
    expect(pagefind_reader.page.locator(".md-search-result__meta")).not_to_have_text(
        f"{len(shown)} matching documents"
    )


@dataclass(frozen=True)
class LargeSite:
    url: str
    headline: str
    """What a reader recalls of a brief's headline: the two longest words of its title."""
    quote_words: list[str]
    """Words of six letters or more (never among English's commonest) of one quote, shortest
    first, and the title of its brief."""
    quote_title: str


@pytest.fixture(scope="session")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LargeSite]:
    """A synthetic site just big enough for `auto` to give its search to Pagefind."""
    root = tmp_path_factory.mktemp("browser-large") / "root"
    write_corpus(root, PAGEFIND_FROM + 50)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    result = run_mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "pagefind" / "pagefind.js").is_file()
    briefs, _, problems = read_content(root, root / "briefs")
    assert not problems
    words = briefs[len(briefs) // 2].title.split()[:-1]  # the last is the brief's number
    brief, quote = next(
        (brief, long)
        for brief in briefs
        for quote in brief.quotes
        if len(long := sorted({w for w in quote.text.split() if len(w) >= 6}, key=len)) >= 6
    )
    with serve(root / "site") as url:
        yield LargeSite(url, " ".join(sorted(words, key=len)[-2:]), quote, brief.title)


def test_first_query_on_a_large_site_stays_within_budget(
    browser: Browser, large_site: LargeSite
) -> None:
    with reading(browser, large_site.url, DESKTOP) as reader:
        page = reader.open("")
        page.wait_for_load_state("networkidle")
        received: list[int] = []

        def count(request: Request) -> None:
            sizes = request.sizes()
            received.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

        page.context.on("requestfinished", count)
        expect(search(reader, large_site.headline).first).to_be_visible()
        page.wait_for_load_state("networkidle")
        REPORT["first query on a 300-brief site (bytes, uncompressed)"] = sum(received)
        assert 0 < sum(received) <= FIRST_QUERY_BUDGET
        assert not reader.foreign_requests()


def test_typing_on_past_three_telling_words_downloads_no_more_of_the_index(
    browser: Browser, large_site: LargeSite
) -> None:
    """A quote typed word by word, at a pace where each word is searched as it grows: once
    its first three telling words are typed, the rest of it loads no index chunk, and its
    brief is found."""
    first, rest = large_site.quote_words[:3], large_site.quote_words[3:]
    with reading(browser, large_site.url, DESKTOP) as reader:
        page = reader.open("")
        page.wait_for_load_state("networkidle")
        chunks: list[str] = []
        page.context.on(
            "requestfinished",
            lambda request: chunks.append(request.url) if ".pf_index" in request.url else None,
        )
        page.keyboard.press("/")
        page.keyboard.type(" ".join(first) + " ", delay=150)
        results = page.locator(RESULT_TITLES).filter(has_text=large_site.quote_title)
        expect(results.first).to_be_visible()
        page.wait_for_load_state("networkidle")
        loaded = list(chunks)
        page.keyboard.type(" ".join(rest), delay=150)
        page.wait_for_timeout(600)
        page.wait_for_load_state("networkidle")
        expect(results.first).to_be_visible()
        assert loaded
        assert chunks == loaded


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The `desk` fixture site (a brief of hostile text among them), searched by Pagefind."""
    site = Site(tmp_path_factory.mktemp("browser-hostile-search") / "root")
    shutil.copytree(SITES / "desk" / "briefs", site.root / "briefs", dirs_exist_ok=True)
    config = (site.root / "mkdocs.yml").read_text()
    (site.root / "mkdocs.yml").write_text(
        config.replace("  - briefsite\n", "  - briefsite:\n      search: pagefind\n")
    )
    # Not --strict: the hostile brief is meant to draw briefsite's warnings.
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    assert not engine_warnings(result.stderr)
    with serve(site.root / "site") as url:
        yield url


@pytest.mark.parametrize(
    ("query", "literal"), [("retaliation", "<script>alert('x')</script>"), ("enough", "<b>now")]
)
def test_hostile_text_in_results_stays_text(
    browser: Browser, hostile_url: str, query: str, literal: str
) -> None:
    with reading(browser, hostile_url, DESKTOP) as reader:
        dialogs: list[str] = []
        reader.page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        reader.open("")
        expect(search(reader, query).first).to_be_visible()
        results = reader.page.locator(".md-search-result")
        expect(results).to_contain_text(literal)
        assert results.locator("script, b, img, iframe").count() == 0
        assert not dialogs
