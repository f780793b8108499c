"""Atom feeds: read back from a real `mkdocs build` of the `desk` fixture, as a reader would."""

from __future__ import annotations

from typing import Any

import feedparser
import lxml.etree
import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefsite.build import build_site
from briefsite.outputs.feeds import FEED_ENTRIES, xml_text
from briefsite.urls import UrlPolicy
from tests.conftest import DESK_URL, MINIMAL_BRIEF, MKDOCS_YML, Site

HOSTILE = "2024-03-01-hostile-claims"

FEEDS = {
    # feed → the briefs it lists, newest first
    "actors/kataib-hezbollah.xml": [
        HOSTILE,
        "2024-02-14-kataib-hezbollah-spokesman-warns",
        "2024-02-07-strike-kills-kataib-hezbollah-commander",
        "2024-02-03-us-strikes-85-targets-in-iraq-and-syria",
        "2024-01-30-kataib-hezbollah-suspends-attacks",
        "2024-01-28-drone-kills-three-us-soldiers-in-jordan",
    ],
    "actors/houthis.xml": [
        "2024-02-20-report-traces-arms-route-to-yemen",
        "2024-02-02-houthis-vow-to-continue-red-sea-attacks",
        "2024-01-12-us-and-uk-strike-houthi-targets",
    ],
    "actors/us-central-command.xml": [
        "2024-02-08-iraqi-government-condemns-baghdad-strike",
        "2024-02-07-strike-kills-kataib-hezbollah-commander",
        "2024-02-03-us-strikes-85-targets-in-iraq-and-syria",
        "2024-01-20-missiles-hit-ain-al-asad",
        "2024-01-12-us-and-uk-strike-houthi-targets",
        "2024-01-04-us-strike-kills-nujaba-commander",
    ],
    "actors/pentagon.xml": [HOSTILE],
    "tags/red-sea.xml": [
        "2024-02-20-report-traces-arms-route-to-yemen",
        "2024-02-02-houthis-vow-to-continue-red-sea-attacks",
        "2024-01-12-us-and-uk-strike-houthi-targets",
    ],
    "tags/baghdad.xml": [
        "2024-02-08-iraqi-government-condemns-baghdad-strike",
        "2024-02-07-strike-kills-kataib-hezbollah-commander",
        "2024-01-04-us-strike-kills-nujaba-commander",
    ],
    "publishers/al-mayadeen.xml": [
        "2024-02-14-kataib-hezbollah-spokesman-warns",
        "2024-01-30-kataib-hezbollah-suspends-attacks",
    ],
    "publishers/reuters.xml": [
        HOSTILE,
        "2024-02-08-iraqi-government-condemns-baghdad-strike",
        "2024-02-03-us-strikes-85-targets-in-iraq-and-syria",
        "2024-02-02-houthis-vow-to-continue-red-sea-attacks",
        "2024-01-04-us-strike-kills-nujaba-commander",
    ],
}


def read_feed(site: Site, path: str, folder: str = "site") -> Any:
    parsed = feedparser.parse((site.root / folder / "feeds" / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def brief_url(brief_id: str) -> str:
    return f"{DESK_URL}briefs/{brief_id}/"


@pytest.mark.parametrize(("path", "briefs"), FEEDS.items(), ids=list(FEEDS))
def test_a_feed_lists_its_briefs_newest_first(desk: Site, path: str, briefs: list[str]) -> None:
    feed = read_feed(desk, path)
    assert [entry.link for entry in feed.entries] == [brief_url(brief) for brief in briefs]
    assert feed.feed.id == f"{DESK_URL}feeds/{path}"
    assert feed.feed.updated == feed.entries[0].updated


def test_the_site_feed_lists_every_brief(desk: Site) -> None:
    feed = read_feed(desk, "site.xml")
    assert len(feed.entries) == 12
    assert feed.feed.title == "test site"
    assert feed.feed.link == DESK_URL
    dates = [entry.updated for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2024-03-01T00:00:00+00:00"


def test_every_feed_parses_and_links_to_built_pages(desk: Site) -> None:
    site = desk.root / "site"
    feeds = sorted((site / "feeds").rglob("*.xml"))
    # The site's, 9 actors', 5 tags', 3 publishers'.
    assert len(feeds) == 18
    for path in feeds:
        for entry in read_feed(desk, path.relative_to(site / "feeds").as_posix()).entries:
            page = entry.link.removeprefix(DESK_URL)
            assert (site / page / "index.html").is_file(), entry.link


def test_an_entry_carries_its_date_summary_actors_and_source(desk: Site) -> None:
    (entry,) = read_feed(desk, "actors/islamic-resistance-in-iraq.xml").entries[-1:]
    assert entry.id == brief_url("2024-01-20-missiles-hit-ain-al-asad")
    assert entry.title == "Missiles hit Ain al-Asad air base"
    assert entry.updated == entry.published == "2024-01-20T00:00:00+00:00"
    assert entry.summary.startswith("<p>Ballistic missiles and rockets struck the base")
    assert [(tag.term, tag.label) for tag in entry.tags] == [
        ("islamic-resistance-in-iraq", "Islamic Resistance in Iraq"),
        ("us-central-command", "US Central Command"),
    ]
    related = [link for link in entry.links if link.rel == "related"]
    assert [link.href for link in related] == ["https://example.org/ain-al-asad"]


def test_a_renamed_actor_has_its_feed_under_its_new_id_only(desk: Site) -> None:
    feeds = desk.root / "site" / "feeds" / "actors"
    assert (feeds / "us-central-command.xml").is_file()
    assert not (feeds / "centcom.xml").exists()


def test_hostile_text_reaches_a_reader_as_the_text_intended(desk: Site) -> None:
    (entry,) = read_feed(desk, "actors/pentagon.xml").entries
    # Control characters and U+FFFE cannot be carried by XML: they are dropped, nothing else.
    assert entry.title == "Claims \"retaliation\" & <script>alert('x')</script> ]]> done"
    assert entry.summary == (
        "<p>Fighters posted  and ]]&gt; with  <strong>bold</strong> &amp; 'quoted' text.</p>"
    )
    # The raw file holds no script element and no unescaped end of a CDATA section.
    raw = (desk.root / "site" / "feeds" / "actors" / "pentagon.xml").read_text()
    assert "<script" not in raw
    assert "]]>" not in raw


def test_two_builds_write_the_same_feeds(desk: Site) -> None:
    first, second = (desk.root / folder / "feeds" for folder in ("site", "site-again"))
    paths = sorted(path.relative_to(first) for path in first.rglob("*.xml"))
    assert paths == sorted(path.relative_to(second) for path in second.rglob("*.xml"))
    for path in paths:
        assert (first / path).read_bytes() == (second / path).read_bytes(), path


def test_feeds_hold_the_latest_briefs_and_an_empty_feed_is_dated_by_the_site(site: Site) -> None:
    for day in range(1, FEED_ENTRIES + 6):
        month, day_of_month = divmod(day - 1, 28)
        date = f"2024-{month + 1:02d}-{day_of_month + 1:02d}"
        site.brief(
            f"{date}-b",
            f"---\ntitle: B {day}\ndate: {date}\nsource: https://example.org/{day}\n"
            "summary: S.\nactors: [Someone]\n---\n",
        )
    site.actor("quiet", "---\nname: Quiet\n---\n")
    result = build_site(site.root, site.root / "briefs", urls=UrlPolicy(DESK_URL), site_name="S")
    files = {file.path: feedparser.parse(file.content) for file in result.files}
    latest = files["feeds/actors/someone.xml"]
    assert len(latest.entries) == FEED_ENTRIES
    assert latest.entries[0].title == f"B {FEED_ENTRIES + 5}"
    quiet = files["feeds/actors/quiet.xml"]
    assert quiet.entries == []
    assert quiet.feed.updated == latest.feed.updated


@given(st.text())
def test_any_text_made_xml_safe_is_accepted_by_lxml(text: str) -> None:
    element = lxml.etree.Element("title")
    element.text = xml_text(text)
    assert lxml.etree.fromstring(lxml.etree.tostring(element)).text in (xml_text(text), None)


def test_a_core_build_without_a_site_url_links_from_the_site_root(site: Site) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    result = build_site(site.root, site.root / "briefs")
    feed = feedparser.parse(next(f.content for f in result.files if f.path == "feeds/site.xml"))
    assert feed.entries[0].id == "/briefs/2024-02-09-a/"
    assert feed.feed.title == "Briefs"


def test_tags_and_publishers_spelled_alike_share_one_feed(site: Site) -> None:
    site.brief(
        "2024-02-09-a", MINIMAL_BRIEF.replace("actors:", "tags: [Red Sea, red-sea, '!!!']\nactors:")
    )
    site.brief(
        "2024-02-10-b",
        MINIMAL_BRIEF.replace("2024-02-09", "2024-02-10")
        .replace("source: https://example.org/a", "source: {url: https://e.org/b, publisher: A.P.}")
        .replace("actors:", "tags: [RED SEA]\nactors:"),
    )
    result = build_site(site.root, site.root / "briefs", site_name="Desk {0} <&>\x01")
    feeds = {file.path: feedparser.parse(file.content) for file in result.files}
    assert [path for path in feeds if "/tags/" in path or "/publishers/" in path] == [
        "feeds/tags/red-sea.xml",
        "feeds/publishers/a-p.xml",
    ]
    red_sea = feeds["feeds/tags/red-sea.xml"]
    assert red_sea.feed.title == "Tag: RED SEA — Desk {0} <&>"
    assert [entry.title for entry in red_sea.entries] == ["A brief", "A brief"]
    assert len(feeds["feeds/publishers/a-p.xml"].entries) == 1


def test_feeds_follow_the_url_style_mkdocs_is_set_to(site: Site) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    site.write("mkdocs.yml", MKDOCS_YML + f"site_url: {DESK_URL}\nuse_directory_urls: false\n")
    assert site.mkdocs_build("--strict").returncode == 0
    feed = read_feed(site, "site.xml")
    assert feed.entries[0].link == f"{DESK_URL}briefs/2024-02-09-a.html"
    assert (site.root / "site" / "briefs" / "2024-02-09-a.html").is_file()
    assert feed.feed.link == f"{DESK_URL}index.html"


def test_a_hand_written_file_where_a_feed_goes_is_refused(site: Site) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    site.write("docs/feeds/site.xml", "<feed/>")
    result = site.mkdocs_build()
    assert result.returncode == 1
    assert "feeds/site.xml is a hand-written page where briefsite generates one" in result.stderr
