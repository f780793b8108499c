"""Permanent URLs: a renamed brief or actor keeps its old URL working (`redirect_from`)."""

from __future__ import annotations

import json
import posixpath
import re

import pytest
from bs4 import BeautifulSoup

from briefsite.build import build_site, check_site
from tests.conftest import DESK_URL, MINIMAL_BRIEF, Site

RENAMED = [
    # (old page, new page) in the desk fixture
    ("actors/centcom/", "actors/us-central-command/"),
    ("briefs/2024-02-14-askari-warns/", "briefs/2024-02-14-kataib-hezbollah-spokesman-warns/"),
]


def renamed(old: str) -> str:
    return MINIMAL_BRIEF.rstrip("-\n") + f"\nredirect_from: [{old}]\n---\n"


def follow(site: Site, old_file: str) -> tuple[str, BeautifulSoup]:
    """The page the redirect at `old_file` leads to (relative to the site folder), and it."""
    soup = BeautifulSoup((site.root / "site" / old_file).read_text(), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    match = re.fullmatch(r"0; url=(.+)", refresh)
    assert match is not None, refresh
    target = posixpath.normpath(posixpath.join(posixpath.dirname(old_file), match.group(1)))
    return target, soup


@pytest.mark.parametrize(("old", "new"), RENAMED)
def test_an_old_url_leads_to_the_new_page(desk: Site, old: str, new: str) -> None:
    target, soup = follow(desk, f"{old}index.html")
    assert target == new.rstrip("/")
    assert (desk.root / "site" / new / "index.html").is_file()
    assert soup.find("link", rel="canonical")["href"] == DESK_URL + new
    link = soup.body.find("a")
    assert link["href"] == soup.find("meta", attrs={"http-equiv": "refresh"})["content"][7:]


def test_redirects_stay_out_of_the_sitemap_and_search(desk: Site) -> None:
    sitemap = (desk.root / "site" / "sitemap.xml").read_text()
    search = (desk.root / "site" / "search" / "search_index.json").read_text()
    for old, _ in RENAMED:
        assert old not in sitemap
        assert old not in search


def test_without_directory_urls_the_redirect_is_the_old_html_file(site: Site) -> None:
    site.write("mkdocs.yml", (site.root / "mkdocs.yml").read_text() + "use_directory_urls: false\n")
    site.brief("2024-02-09-new", renamed("2024-02-09-old"))
    assert site.mkdocs_build("--strict").returncode == 0
    target, _ = follow(site, "briefs/2024-02-09-old.html")
    assert target == "briefs/2024-02-09-new.html"


def errors(site: Site) -> list[str]:
    result = check_site(site.root, site.root / "briefs")
    return [str(problem) for problem in result.problems if problem.is_error]


def test_an_old_id_that_a_live_brief_holds_is_an_error_naming_both(site: Site) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    site.brief("2024-02-09-b", renamed("2024-02-09-a"))
    fix = "two briefs, one URL: remove it from redirect_from, or rename one of them"
    assert errors(site) == [
        "briefs/2024-02-09-a.md:1:1: error: brief id '2024-02-09-a' is also the id of "
        f"'A brief' (briefs/2024-02-09-b.md:8, in redirect_from); {fix}",
        "briefs/2024-02-09-b.md:8:17: error: brief id '2024-02-09-a' is also the id of "
        f"'A brief' (briefs/2024-02-09-a.md:1); {fix}",
    ]


def test_one_old_id_claimed_twice_is_an_error_naming_both(site: Site) -> None:
    site.actor("new-name", "---\nname: New Name\nredirect_from: [old-name]\n---\n")
    site.actor("other", "---\nname: Other\nredirect_from:\n  - old-name\n---\n")
    fix = "two actors, one URL: remove it from redirect_from, or rename one of them"
    assert errors(site) == [
        "briefs/actors/new-name.md:3:17: error: actor id 'old-name' is also the id of "
        f"'Other' (briefs/actors/other.md:4, in redirect_from); {fix}",
        "briefs/actors/other.md:4:5: error: actor id 'old-name' is also the id of "
        f"'New Name' (briefs/actors/new-name.md:3, in redirect_from); {fix}",
    ]


def test_an_old_actor_id_that_an_implicit_actor_takes_is_an_error(site: Site) -> None:
    site.actor("kataib-hezbollah", "---\nname: Kataib Hezbollah\nredirect_from: [someone]\n---\n")
    site.brief("2024-02-09-a", MINIMAL_BRIEF)  # names "Someone": an implicit actor
    at_mention, at_actor = errors(site)  # sorted by file
    assert at_actor.startswith("briefs/actors/kataib-hezbollah.md:3:17: error: actor id 'someone'")
    assert "'Someone' (briefs/2024-02-09-a.md:7)" in at_actor
    assert at_mention.startswith("briefs/2024-02-09-a.md:7:5: error: actor id 'someone'")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Old Name", "'redirect_from[0]' 'Old Name' is not an id: write the old file name"),
        ("old.md", "(did you mean 'old-md'?)"),
        ("index", "'index' is a reserved id"),
    ],
)
def test_an_old_id_must_be_an_id(site: Site, written: str, message: str) -> None:
    site.actor("new", f"---\nname: New\nredirect_from: [{written}]\n---\n")
    (found,) = errors(site)
    assert found.startswith("briefs/actors/new.md:3:17: error: ")
    assert message in found


def test_a_hostile_title_stays_text_on_the_redirect_page(site: Site) -> None:
    title = "</title><script>alert(1)</script><meta http-equiv=refresh content='0;url=//evil'>"
    site.brief(
        "2024-02-09-new",
        renamed("2024-02-09-old").replace("title: A brief", f"title: {json.dumps(title)}"),
    )
    result = build_site(site.root, site.root / "briefs")
    (redirect,) = [file for file in result.files if file.path.endswith("index.html")]
    soup = BeautifulSoup(redirect.content.decode(), "html.parser")
    assert soup.title.get_text() == soup.body.a.get_text() == title
    assert [tag.name for tag in soup.find_all(True)] == [
        "html", "head", "meta", "title", "link", "meta", "meta", "body", "p", "a",
    ]  # fmt: skip
