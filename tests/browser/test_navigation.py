"""A reader clicks from page to page: every click lands on a page about what the link named."""

from __future__ import annotations

import pytest

from briefsite.build import build_site
from tests.browser.conftest import ACTOR, ACTOR_NAME, INDEXES, SEED_BRIEF, SEED_TITLE, Reader
from tests.conftest import REPO

# Another brief that names the actor, reached from the actor's page.
OTHER_BRIEF = "briefs/2024-02-07-centcom-confirms-killing-in-baghdad/"
OTHER_TITLE = "CENTCOM confirms killing top Kataib Hezbollah commander in Baghdad"


def click_in_content(reader: Reader, name: str, path: str) -> None:
    """Click the link named `name` in the page's content; check it leads to `path`."""
    reader.page.locator("article").get_by_role("link", name=name, exact=True).first.click()
    reader.page.wait_for_url(reader.base_url + path)


def test_home_to_brief_to_actor_to_another_brief_and_back(reader: Reader) -> None:
    page = reader.open("")
    reader.screenshot("home")
    click_in_content(reader, SEED_TITLE, SEED_BRIEF)
    assert reader.heading() == SEED_TITLE
    reader.screenshot("brief")
    click_in_content(reader, ACTOR_NAME, ACTOR)
    assert reader.heading() == ACTOR_NAME
    reader.screenshot("actor")
    click_in_content(reader, OTHER_TITLE, OTHER_BRIEF)
    assert reader.heading() == OTHER_TITLE
    page.go_back()
    page.wait_for_url(reader.base_url + ACTOR)
    assert reader.heading() == ACTOR_NAME
    page.go_back()
    page.wait_for_url(reader.base_url + SEED_BRIEF)
    assert reader.heading() == SEED_TITLE


@pytest.mark.parametrize(("label", "path"), INDEXES.items())
def test_each_index_is_one_click_away_in_the_navigation(
    reader: Reader, label: str, path: str
) -> None:
    reader.open(SEED_BRIEF)
    navigation = reader.page.get_by_role("navigation", name="Navigation")
    navigation.get_by_role("link", name=label, exact=True).click()
    reader.page.wait_for_url(reader.base_url + path)
    assert reader.heading() == label


def test_every_index_page_of_the_site_is_checked_here() -> None:
    # The browser tests visit the pages in INDEXES: a new index page joins them there.
    result = build_site(REPO, REPO / "briefs")
    assert result.ok, result.problems
    in_navigation = {page.path.removesuffix("index.md") for page in result.pages if page.in_nav}
    assert in_navigation == set(INDEXES.values())
