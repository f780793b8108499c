"""The reader's index pages (archive, tags, publishers, actors by type), the home page and the
actor page's timeline, on the `desk` fixture site as built by the real `mkdocs build`; and
an actor with 1,200 briefs, whose page must stay light yet lead to every one of them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from bench.famous_actor import write_famous_site
from bs4 import BeautifulSoup, Tag

from briefsite.build import check_site
from briefsite.chart import MAX_BARS, month_span, timeline_svg
from briefsite.slugs import slug
from tests.conftest import SITES, Site

DESK_BRIEFS = SITES / "desk" / "briefs"
COUNT = re.compile(r"(\d+) briefs?")
BRIEF_URL = re.compile(r"/briefs/([^/]+)/")
MAX_ACTOR_PAGE = 400_000
"""Bytes of built HTML an actor page may weigh, however many briefs name the actor."""
FAMOUS_BRIEFS = 1200
FAMOUS_YEARS = 2


def front_matters(folder: Path) -> dict[str, dict[str, object]]:
    """Each brief's front matter, by brief id (its file name), read straight from the files."""
    found = {}
    for path in sorted(folder.rglob("*.md")):
        if "actors" not in path.parts:
            found[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    return found


DESK = front_matters(DESK_BRIEFS)


def newest_first(ids: list[str]) -> list[str]:
    return sorted(ids, key=lambda brief_id: (str(DESK[brief_id]["date"]), brief_id), reverse=True)


def article(site: Site, page: str) -> Tag:
    found = site.html(page).article
    assert found is not None, page
    return found


def brief_ids(tag: Tag, page: str) -> list[str]:
    """The briefs a list on `page` links to, in its order."""
    targets = [urljoin(f"/{page}/", a["href"]) for a in tag.select("li > a:first-child")]
    return [found.group(1) for found in map(BRIEF_URL.fullmatch, targets) if found]


def listed_counts(page: Tag) -> dict[str, int]:
    """`link text → count` of every `[name](…) · N briefs` item of a list page."""
    counts = {}
    for item in page.find_all("li"):
        found = COUNT.search(item.get_text())
        if item.a is not None and found:
            counts[item.a.get_text()] = int(found.group(1))
    return counts


def month_key(brief_id: str) -> str:
    return str(DESK[brief_id]["date"])[:7]


def test_every_index_page_is_one_click_from_the_navigation(desk: Site) -> None:
    nav = desk.html("briefs/2024-02-14-kataib-hezbollah-spokesman-warns").find(
        "nav", class_="md-nav--primary"
    )
    labels = {a.get_text(strip=True): a["href"] for a in nav.find_all("a", href=True)}
    for label in ("Latest briefs", "Archive", "Actors", "Tags", "Publishers"):
        assert label in labels, labels


def test_archive_counts_and_month_pages_list_exactly_their_briefs(desk: Site) -> None:
    by_month: dict[str, list[str]] = defaultdict(list)
    for brief_id in DESK:
        by_month[month_key(brief_id)].append(brief_id)
    archive = article(desk, "archive")
    assert listed_counts(archive) == {
        "January 2024": 5,
        "February 2024": 6,
        "March 2024": 1,
    }
    for month, ids in by_month.items():
        assert brief_ids(article(desk, f"archive/{month}"), f"archive/{month}") == newest_first(
            ids
        ), month


def test_tag_pages_list_their_briefs_newest_first_with_the_actors_most_present(
    desk: Site,
) -> None:
    by_tag: dict[str, list[str]] = defaultdict(list)
    for brief_id, meta in DESK.items():
        for tag in set(map(slug, meta.get("tags") or [])):  # type: ignore[call-overload]
            by_tag[tag].append(brief_id)
    counts = listed_counts(article(desk, "tags"))
    assert {slug(name): count for name, count in counts.items()} == {
        tag: len(ids) for tag, ids in by_tag.items()
    }
    for tag, ids in by_tag.items():
        page = article(desk, f"tags/{tag}")
        listed = page.find(id="briefs").find_next("ul")
        assert brief_ids(listed, f"tags/{tag}") == newest_first(ids)
    # Under "escalation", Kataib Hezbollah is named in the most briefs.
    present = article(desk, "tags/escalation").find(id="actors").find_next("ul")
    assert present.li.a.get_text() == "Kataib Hezbollah"
    assert present.li.find(string=re.compile("4 briefs"))


def test_publisher_pages_list_their_briefs_and_link_their_feed(desk: Site) -> None:
    by_publisher = Counter(
        str(meta["source"]["publisher"])  # type: ignore[index]
        for meta in DESK.values()
        if isinstance(meta["source"], dict) and meta["source"].get("publisher")
    )
    assert listed_counts(article(desk, "publishers")) == dict(by_publisher)
    page = article(desk, "publishers/al-mayadeen")
    listed = brief_ids(page.find(id="briefs").find_next("ul"), "publishers/al-mayadeen")
    assert len(listed) == by_publisher["Al Mayadeen"]
    assert page.find("a", href="../../feeds/publishers/al-mayadeen.xml") is not None
    quoted = page.find(id="actors").find_next("ul")
    assert "quote" in quoted.li.get_text()


def test_actors_index_and_type_lists_give_counts_and_types(desk: Site) -> None:
    index = article(desk, "actors")
    counts = listed_counts(index)
    assert counts["Kataib Hezbollah"] == 6
    assert "armed group" in index.find("a", string="Kataib Hezbollah").parent.get_text()
    groups = article(desk, "actor-types/armed-group")
    assert listed_counts(groups) == {
        name: counts[name]
        for name in (
            "Harakat al-Nujaba",
            "Houthis",
            "Islamic Resistance in Iraq",
            "Kataib Hezbollah",
        )
    }
    assert index.find("a", href="../actor-types/armed-group/").get_text() == "Armed groups"


def test_home_gives_counts_latest_briefs_month_actors_and_quotes(desk: Site) -> None:
    home = article(desk, "")
    text = " ".join(home.get_text().split())
    assert "12 briefs about 9 actors, with 11 quotes, from 3 publishers" in text
    latest = home.find("ul")
    assert brief_ids(latest, "") == newest_first(list(DESK))
    # Each with its one-line summary.
    assert "Seized components match missiles" in latest.get_text()
    assert home.find(id="most-mentioned").get_text().startswith("Most mentioned in March 2024")
    quotes = home.find(id="quotes").find_all_next("blockquote")
    assert quotes[0].find("a", string="Kataib Hezbollah") is not None


def test_brief_links_its_tags_publisher_month_and_related_briefs(desk: Site) -> None:
    path = "briefs/2024-02-02-houthis-vow-to-continue-red-sea-attacks"
    page = article(desk, path)
    assert page.find("a", string="2024-02-02")["href"] == "../../archive/2024-02/"
    assert page.find("a", string="Reuters")["href"] == "../../publishers/reuters/"
    assert page.find("a", string="red-sea")["href"] == "../../tags/red-sea/"
    # The two other "red-sea" briefs share a tag and the Houthis: they come first.
    related = brief_ids(page.find(id="related").find_next("ul"), path)
    assert related[:2] == [
        "2024-02-20-report-traces-arms-route-to-yemen",
        "2024-01-12-us-and-uk-strike-houthi-targets",
    ]


def test_section_headings_have_fixed_ids(desk: Site) -> None:
    actor = article(desk, "actors/kataib-hezbollah")
    for anchor in ("briefs", "quotes", "affiliations", "appears-most-with", "timeline"):
        assert actor.find(id=anchor) is not None, anchor


def test_timeline_is_an_accessible_svg_whose_bars_add_up(desk: Site) -> None:
    page = article(desk, "actors/kataib-hezbollah")
    svg = page.find(id="timeline").find_next("svg")
    root = ET.fromstring(str(svg))  # well-formed XML, as written by the core
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    labelled = root.find(f"{ns}title")
    assert labelled is not None
    assert labelled.get("id") == root.get("aria-labelledby")
    assert "6 in all" in (labelled.text or "")
    bars = root.findall(f"{ns}rect")
    assert sum(int(bar.get("data-briefs", "0")) for bar in bars) == 6
    assert [bar.get("data-month") for bar in bars] == ["2024-01", "2024-02", "2024-03"]
    # The text alternative gives the same figures.
    rows = [row.find_all("td") for row in page.find(id="timeline").find_next("table")("tr")[1:]]
    assert [(month.get_text(), int(count.get_text())) for month, count in rows] == [
        ("2024-01", 2),
        ("2024-02", 3),
        ("2024-03", 1),
    ]


def test_the_timeline_spans_every_month_from_first_to_last_mention() -> None:
    svg = ET.fromstring(timeline_svg("A & <B>", [("2023-11", 2), ("2024-02", 1)]))
    ns = "{http://www.w3.org/2000/svg}"
    bars = svg.findall(f"{ns}rect")
    assert [bar.get("data-month") for bar in bars] == ["2023-11", "2024-02"]
    # Four months wide: the two without a mention are gaps, not left out.
    assert int(bars[1].get("x", "")) == 3 * int(bars[0].get("width", "")) + 3
    assert int(bars[0].get("height", "")) == 2 * int(bars[1].get("height", ""))
    assert [label.text for label in svg.findall(f"{ns}text")] == ["2023", "2024"]
    title = svg.find(f"{ns}title")
    assert title is not None
    assert title.text == "Briefs mentioning A & <B> per month, 2023-11 to 2024-02: 3 in all"


def test_the_timeline_of_an_early_or_long_span_ends_and_stays_small() -> None:
    # Years before 1000 are written with four digits, like every other.
    assert month_span([("0999-12", 1), ("1000-02", 1)]) == [
        ("0999-12", 1),
        ("1000-01", 0),
        ("1000-02", 1),
    ]
    svg = ET.fromstring(timeline_svg("A", [("0001-01", 1), ("9999-12", 1)]))
    assert len(svg.findall("{http://www.w3.org/2000/svg}rect")) == 2
    assert len(svg.findall("{http://www.w3.org/2000/svg}text")) <= 21


def test_a_timeline_over_centuries_stays_a_small_chart_with_every_brief() -> None:
    # Dates are the contributors': two briefs 9,998 years apart must not draw 120,000 bars.
    months = [("0001-01", 1), ("2024-02", 5), ("2024-03", 2), ("9999-12", 3)]
    svg = ET.fromstring(str(timeline_svg("Actor", months)))
    bars = svg.findall("{http://www.w3.org/2000/svg}rect")
    assert 3 <= len(bars) <= MAX_BARS
    assert sum(int(bar.get("data-briefs", "0")) for bar in bars) == 11
    assert len(ET.tostring(svg)) < 100_000


def test_new_pages_are_byte_identical_across_builds(desk: Site) -> None:
    for folder in ("archive", "tags", "publishers", "actor-types"):
        first = sorted((desk.root / "site" / folder).rglob("*.html"))
        again = desk.root / "site-again" / folder
        assert first
        for path in first:
            twin = again / path.relative_to(desk.root / "site" / folder)
            assert path.read_bytes() == twin.read_bytes(), path


def test_related_briefs_count_shared_tags_as_well_as_actors(site: Site) -> None:
    brief = "---\ntitle: {0}\ndate: 2024-02-{1:02d}\nsource: https://example.org/{0}\n"
    brief += "summary: S.\nactors: [{2}]\ntags: [{3}]\n---\n"
    site.brief("2024-02-10-a", brief.format("a", 10, "Group", "ports"))
    site.brief("2024-02-11-b", brief.format("b", 11, "Group", "other"))  # an actor, nearer
    site.brief("2024-02-01-c", brief.format("c", 1, "Group", "ports"))  # an actor and a tag
    site.brief("2024-02-02-d", brief.format("d", 2, "Someone", "ports"))  # a tag only
    index = check_site(site.root, site.root / "briefs").index
    assert index is not None
    assert [other.id for other in index.related["2024-02-10-a"]] == [
        "2024-02-01-c",
        "2024-02-11-b",
        "2024-02-02-d",
    ]


# --- an actor named in 1,200 briefs -----------------------------------------------------


@pytest.fixture(scope="module")
def famous(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """1,200 briefs over two years all naming one actor, a third of them quoting it: each
    year too full for one page."""
    site = Site(tmp_path_factory.mktemp("famous") / "site-root")
    write_famous_site(site.root, FAMOUS_BRIEFS, years=FAMOUS_YEARS)
    result = site.mkdocs_build("--strict")
    assert result.returncode == 0, result.stderr
    return site


def linked_pages(site: Site, page: str) -> dict[str, BeautifulSoup]:
    """`page` and the actor year pages it links to, by URL path from the site root."""
    found = {page: site.html(page)}
    for link in found[page].article.find_all("a", href=True):
        target = urljoin(f"/{page}/", link["href"]).strip("/")
        if re.fullmatch(rf"{re.escape(page)}/\d{{4}}(-\d+)?", target):
            found[target] = site.html(target)
    return found


@pytest.mark.site_build
def test_a_famous_actors_page_stays_light_and_leads_to_every_brief(famous: Site) -> None:
    built = famous.root / "site"
    pages = linked_pages(famous, "actors/famous")
    # The actor page, and each year on two pages: 600 briefs, 300 per page.
    assert len(pages) == 1 + FAMOUS_YEARS * 2
    for path in pages:
        assert (built / path / "index.html").stat().st_size <= MAX_ACTOR_PAGE, path
    reached = {
        href.rstrip("/").rsplit("/", 1)[-1]
        for soup in pages.values()
        for href in (a["href"] for a in soup.article.find_all("a", href=True))
        if "/briefs/" in href
    }
    assert len(reached) == FAMOUS_BRIEFS
    quotes = {
        quote.get_text()
        for path, soup in pages.items()
        if path != "actors/famous"
        for quote in soup.article.find_all(string=re.compile(r"Statement number \d+"))
    }
    assert len(quotes) == FAMOUS_BRIEFS // 3
    svg = pages["actors/famous"].find("div", class_="briefsite-timeline").svg
    bars = ET.fromstring(str(svg)).findall("{http://www.w3.org/2000/svg}rect")
    assert sum(int(bar.get("data-briefs", "0")) for bar in bars) == FAMOUS_BRIEFS


@pytest.mark.site_build
def test_every_link_of_a_famous_actors_pages_reaches_its_page_and_heading(famous: Site) -> None:
    """The links to each year's pages of quotes go to the quotes heading of a page that is
    there, as every other link of the actor's pages does."""
    built = famous.root / "site"
    to_quotes = 0
    for path, soup in linked_pages(famous, "actors/famous").items():
        for link in soup.article.find_all("a", href=True):
            target = urlparse(urljoin(f"https://site.test/{path}/", link["href"]))
            if target.netloc != "site.test":
                continue
            page = built / target.path.strip("/")
            page = page if page.suffix else page / "index.html"  # a feed, or a page
            assert page.is_file(), (path, link["href"])
            if target.fragment:
                heading = BeautifulSoup(page.read_text(), "html.parser").find(id=target.fragment)
                assert heading is not None, (path, link["href"])
            to_quotes += target.fragment == "quotes"
    # From the actor page: each year, and each of its two pages of quotes.
    assert to_quotes >= FAMOUS_YEARS * 3


@pytest.mark.site_build
def test_a_tag_slugged_index_keeps_the_tags_index_page(famous: Site) -> None:
    tags = famous.html("tags").article
    assert listed_counts(tags)["index"] == FAMOUS_BRIEFS
    assert tags.find("a", string="index")["href"] == "index-/"
    assert famous.html("tags/index-").article.h1.get_text(strip=True).startswith("index")
