"""The demo site, built by the real `mkdocs build --strict`, read as a reader would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from briefsite.build import build_site
from tests.conftest import ENGINE, REPO, run_mkdocs_build

SEED = "briefs/2024-02-09-iraqi-groups-vow-to-resume-attacks"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("demo") / "site"
    result = run_mkdocs_build(REPO, site_dir, "--strict")
    assert result.returncode == 0, result.stderr
    return site_dir


def page(site_dir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / path / "index.html").read_text(), "html.parser")


def article(site_dir: Path, path: str) -> BeautifulSoup:
    found = page(site_dir, path).find("article")
    assert found is not None
    return found


def heading(tag: BeautifulSoup) -> str:
    return tag.h1.get_text(strip=True).removesuffix("¶")  # the permalink sign


def links_in(tag: BeautifulSoup) -> set[str]:
    return {str(a["href"]) for a in tag.find_all("a", href=True)}


# The `generator` tag each engine writes: `make test` builds again with ProperDocs.
GENERATORS = {"mkdocs": "mkdocs-1.6", "properdocs": "mkdocs-ProperDocs 1.6"}


def test_the_engine_the_run_names_is_the_one_that_built(built: Path) -> None:
    generator = page(built, "").find("meta", attrs={"name": "generator"})
    assert generator["content"].startswith(GENERATORS[ENGINE])


def test_brief_page_shows_summary_quotes_and_source(built: Path) -> None:
    brief = article(built, SEED)
    assert heading(brief) == ("Iran-backed Iraqi groups vow to resume attacks on US forces")
    text = brief.get_text(" ", strip=True)
    assert "said on Friday it would resume attacks on US forces" in text
    quotes = [quote.get_text(" ", strip=True) for quote in brief.find_all("blockquote")]
    assert any("violated all the rules of engagement" in quote for quote in quotes)
    assert any("is a failure of deterrence" in quote and "Tony Thomas" in quote for quote in quotes)
    source = brief.find("a", string="Read the source")
    assert source["href"] == (
        "https://www.ifmat.org/02/12/iranian-proxies-threaten-to-resume-attacks-against-us-forces/"
    )
    assert "Iran International" in text


def test_prose_links_lead_to_pages_of_the_site(built: Path) -> None:
    followed = []
    for path in (SEED, "actors/abu-baqir-al-saadi"):
        for region in article(built, path).select('div[class^="briefsite-"]'):
            for link in region.find_all("a"):
                href = str(link["href"])
                if not href.startswith("https://"):
                    target = (built / path / href).resolve() / "index.html"
                    assert target.is_file(), href
                    followed.append((link.get_text(), target.parent.name))
    assert ("Wisam Mohammed Saber al-Saedi", "abu-baqir-al-saadi") in followed
    assert ("US Central Command", "us-central-command") in followed
    # A brief linked by its id shows its title.
    assert (
        "US strike in Baghdad kills Kataib Hezbollah commander Abu Baqir al-Saadi",
        "2024-02-07-us-strike-in-baghdad-kills-kataib-hezbollah-commander",
    ) in followed


def test_quote_is_attributed_with_a_link_to_the_speaker(built: Path) -> None:
    brief = article(built, SEED)
    quotes = brief.find_all("blockquote")
    assert len(quotes) == 8  # one element per quote of the seed brief, never merged
    quote = next(q for q in quotes if "violated all the rules" in q.text)
    assert "language of weapons" not in quote.text
    assert "../../actors/islamic-resistance-in-iraq/" in links_in(quote)


def test_actor_page_links_back_to_brief_and_lists_its_quotes(built: Path) -> None:
    actor = article(built, "actors/islamic-resistance-in-iraq")
    assert heading(actor) == "Islamic Resistance in Iraq"
    assert f"../../{SEED}/" in links_in(actor)
    quotes = " ".join(q.get_text(" ", strip=True) for q in actor.find_all("blockquote"))
    assert "violated all the rules of engagement" in quotes
    assert "language of weapons" in quotes


def test_mention_by_alias_lands_on_the_canonical_actor_page(built: Path) -> None:
    # The seed brief names "Wisam Mohammed Saber al-Saedi", an alias of a registered actor.
    brief = article(built, SEED)
    link = brief.find("a", string="Abu Baqir al-Saadi")
    assert link is not None
    assert link["href"] == "../../actors/abu-baqir-al-saadi/"
    assert not (built / "actors" / "wisam-mohammed-saber-al-saedi").exists()
    actor = article(built, "actors/abu-baqir-al-saadi")
    assert f"../../{SEED}/" in links_in(actor)
    # One actor, spelled differently by several outlets, gathers all their briefs.
    assert len([href for href in links_in(actor) if href.startswith("../../briefs/")]) >= 3


def test_search_index_holds_every_alias(built: Path) -> None:
    index = json.loads((built / "search" / "search_index.json").read_text())
    actor_text = " ".join(
        entry["text"]
        for entry in index["docs"]
        if entry["location"].startswith("actors/abu-baqir-al-saadi/")
    )
    for alias in ("Abu Baqer", "Wisam Mohammed Saber al-Saedi", "Abu Bakr al-Saadi"):
        assert alias in actor_text


def test_actor_index_lists_actors_with_counts(built: Path) -> None:
    index = article(built, "actors")
    item = next(li for li in index.find_all("li") if li.a and li.a.text == "Kataib Hezbollah")
    assert item.a["href"] == "kataib-hezbollah/"
    count = int(item.get_text().split("·")[1].split()[0])
    assert count >= 5


def test_home_lists_latest_briefs_newest_first(built: Path) -> None:
    latest = article(built, "").find("ul")  # the first list; the others follow headings
    assert latest.find_previous("h2") is None
    dates = [li.get_text().split("·")[1].strip() for li in latest.find_all("li")]
    assert dates
    assert dates == sorted(dates, reverse=True)


def test_the_demos_own_home_template_wins_and_keeps_the_default_blocks(built: Path) -> None:
    home = article(built, "")
    # The introduction is the demo's (templates/home.md.j2)…
    assert "This demo gathers source briefs" in home.get_text()
    # …and the blocks it leaves alone are the default's.
    assert home.find(id="quotes") is not None
    assert home.find("a", href="feeds/site.xml") is not None


def test_generated_pages_stay_out_of_the_navigation(built: Path) -> None:
    nav = page(built, SEED).find("nav", class_="md-nav--primary")
    assert not any("/briefs/" in href or href.startswith("../../briefs") for href in links_in(nav))


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run_mkdocs_build(REPO, again, "--strict").returncode == 0
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*.html")}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*.html")}
    assert first == second
    search = Path("search/search_index.json")
    assert (built / search).read_bytes() == (again / search).read_bytes()


def test_mkdocs_reads_every_generated_front_matter_back_exactly() -> None:
    result = build_site(REPO, REPO / "briefs", REPO / "templates")
    assert result.ok
    for generated in result.pages:
        body, meta = get_data(generated.content)
        assert meta == generated.meta, generated.path
        assert generated.content.endswith(body), generated.path
        assert not body.startswith("---"), generated.path
