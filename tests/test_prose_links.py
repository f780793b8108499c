"""Links in prose: `[[name]]`, `[[name|text]]` and `[[brief-id]]` in summaries, bodies and
profiles, as contributors write them and readers follow them."""

from __future__ import annotations

import json
import posixpath
import time
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from briefsite.build import check_site
from briefsite.cli import main
from briefsite.outputs.search import search_records
from briefsite.prose import LINK, LinkTarget
from briefsite.resolve import MAX_SUGGESTIONS
from briefsite.sanitize import MarkdownRenderer, read_links
from briefsite.urls import UrlPolicy
from tests.conftest import MKDOCS_YML, Site

SITE_URL = "https://desk.example.org/"

COMMANDER = """\
---
name: Abu Baqir al-Saadi
type: person
aliases: [Abu Baqer]
---
Commander of [[Kataib Hezbollah|the group]], killed as told in
[[2024-02-07-strike]].
"""
GROUP = """\
---
name: Kataib Hezbollah
type: armed group
aliases: [KH]
---
An Iraqi militia.
"""
STRIKE = """\
---
title: US strike in Baghdad kills a commander
date: 2024-02-07
source: https://example.org/strike
summary: >
  A US drone strike killed [[abu baqer]], a commander of
  [[KH|Kataib Hezbollah]].
actors:
  - Abu Baqer
  - Kataib Hezbollah
---
The groups answered in [[2024-02-09-vow|a statement]] two days later.
Written as code, `[[Abu Baqer]]` stays as typed:

    [[2024-02-09-vow]]
"""
VOW = """\
---
title: Iraqi groups vow to resume attacks
date: 2024-02-09
source: https://example.org/vow
summary: The groups answered [[2024-02-07-strike]], which killed [[Abu Baqer|him]].
actors:
  - Kataib Hezbollah
---
"""


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("prose") / "site-root")
    site.write("mkdocs.yml", MKDOCS_YML + f"site_url: {SITE_URL}\n")
    site.actor("abu-baqir-al-saadi", COMMANDER)
    site.actor("kataib-hezbollah", GROUP)
    site.brief("2024-02-07-strike", STRIKE)
    site.brief("2024-02-09-vow", VOW)
    # Not --strict: the vow links to the commander without listing him, a warning.
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    return site


def prose_links(site: Site, page: str, region: str) -> list[tuple[str, str]]:
    """(text, page file the link leads to) of each link in a region of a built page."""
    soup = site.html(page)
    found = []
    for link in soup.find("div", class_=region).find_all("a"):
        target = posixpath.normpath(posixpath.join(page + "/", link["href"]))
        assert (site.root / "site" / target / "index.html").is_file(), link
        found.append((link.get_text(), target))
    return found


def test_summary_links_lead_to_the_canonical_actor_whatever_the_spelling(linked: Site) -> None:
    assert prose_links(linked, "briefs/2024-02-07-strike", "briefsite-summary") == [
        ("abu baqer", "actors/abu-baqir-al-saadi"),
        ("Kataib Hezbollah", "actors/kataib-hezbollah"),
    ]


def test_body_links_to_a_brief_show_their_text_and_code_stays_as_typed(linked: Site) -> None:
    assert prose_links(linked, "briefs/2024-02-07-strike", "briefsite-body") == [
        ("a statement", "briefs/2024-02-09-vow"),
    ]
    body = linked.html("briefs/2024-02-07-strike").find("div", class_="briefsite-body")
    assert [code.get_text() for code in body.find_all("code")] == [
        "[[Abu Baqer]]",
        "[[2024-02-09-vow]]\n",
    ]


def test_a_brief_link_without_text_shows_the_briefs_title(linked: Site) -> None:
    assert prose_links(linked, "briefs/2024-02-09-vow", "briefsite-summary") == [
        ("US strike in Baghdad kills a commander", "briefs/2024-02-07-strike"),
        ("him", "actors/abu-baqir-al-saadi"),
    ]


def test_profile_links_work_on_the_actor_page(linked: Site) -> None:
    assert prose_links(linked, "actors/abu-baqir-al-saadi", "briefsite-profile") == [
        ("the group", "actors/kataib-hezbollah"),
        ("US strike in Baghdad kills a commander", "briefs/2024-02-07-strike"),
    ]


def test_description_of_the_page_carries_the_link_text(linked: Site) -> None:
    description = linked.html("briefs/2024-02-09-vow").find("meta", attrs={"name": "description"})
    assert description["content"] == (
        "The groups answered US strike in Baghdad kills a commander, which killed him."
    )


def test_feeds_carry_absolute_links(linked: Site) -> None:
    feed = ElementTree.parse(linked.root / "site" / "feeds" / "site.xml")
    atom = "{http://www.w3.org/2005/Atom}"
    summaries = {
        entry.findtext(f"{atom}title"): BeautifulSoup(
            entry.findtext(f"{atom}summary") or "", "html.parser"
        )
        for entry in feed.getroot().iter(f"{atom}entry")
    }
    links = summaries["US strike in Baghdad kills a commander"].find_all("a")
    assert [link["href"] for link in links] == [
        f"{SITE_URL}actors/abu-baqir-al-saadi/",
        f"{SITE_URL}actors/kataib-hezbollah/",
    ]


def test_json_export_carries_absolute_links_and_plain_text(linked: Site) -> None:
    data = json.loads((linked.root / "site" / "data" / "briefs.json").read_text())
    vow = next(brief for brief in data["briefs"] if brief["id"] == "2024-02-09-vow")
    assert vow["summary"].startswith("The groups answered [[2024-02-07-strike]], which")
    assert vow["summary_text"] == (
        "The groups answered US strike in Baghdad kills a commander, which killed him."
    )
    links = BeautifulSoup(vow["summary_html"], "html.parser").find_all("a")
    assert [link["href"] for link in links] == [
        f"{SITE_URL}briefs/2024-02-07-strike/",
        f"{SITE_URL}actors/abu-baqir-al-saadi/",
    ]


def test_a_link_is_not_a_mention(linked: Site) -> None:
    # The vow links to the commander but does not list him among its actors: his page
    # and the export count the strike only.
    page = linked.html("actors/abu-baqir-al-saadi")
    listed = [link.get_text() for link in page.select("ul a[href^='../../briefs/']")]
    assert listed == ["US strike in Baghdad kills a commander"]
    data = json.loads((linked.root / "site" / "data" / "actors.json").read_text())
    counts = {actor["id"]: actor["counts"]["briefs"] for actor in data["actors"]}
    assert counts == {"abu-baqir-al-saadi": 1, "kataib-hezbollah": 2}


# --- problems ---------------------------------------------------------------------------

BROKEN = """\
---
title: A brief
date: 2024-02-09
source: https://example.org/a
summary: >
  Something happened to
  the commander [[Abu Baker]] in Baghdad.
actors:
  - Abu Baqer
---
Notes on [[Kataib Hezbolah]] and [[2024-02-07-strik|the strike]].
"""


def check(site: Site, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(site.root), *args])
    return result.exit_code, result.output


def broken_site(site: Site) -> Site:
    site.actor("abu-baqir-al-saadi", COMMANDER)
    site.actor("kataib-hezbollah", GROUP)
    site.brief("2024-02-07-strike", STRIKE.replace("[[2024-02-09-vow|a statement]]", "a vow"))
    site.brief("2024-02-09-broken", BROKEN)
    return site


UNKNOWN = [
    "briefs/2024-02-09-broken.md:7:17: error: '[[Abu Baker]]' links to nothing: no actor has "
    "this name, alias or id, and no brief this id (did you mean 'Abu Baqer'?)",
    "briefs/2024-02-09-broken.md:11:10: error: '[[Kataib Hezbolah]]' links to nothing: no actor "
    "has this name, alias or id, and no brief this id (did you mean 'Kataib Hezbollah'?)",
    "briefs/2024-02-09-broken.md:11:34: error: '[[2024-02-07-strik|the strike]]' links to "
    "nothing: no actor has this name, alias or id, and no brief this id "
    "(did you mean '2024-02-07-strike'?)",
]


def test_check_reports_unknown_targets_at_their_brackets_with_a_suggestion(site: Site) -> None:
    code, output = check(broken_site(site))
    assert code == 1
    assert [line for line in output.splitlines() if ": error: " in line] == UNKNOWN


def test_the_build_stops_with_the_same_messages(site: Site) -> None:
    result = broken_site(site).mkdocs_build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for message in UNKNOWN:
        assert message in result.stderr


def test_a_linked_actor_missing_from_actors_is_a_warning(site: Site) -> None:
    site.actor("kataib-hezbollah", GROUP)
    site.actor("abu-baqir-al-saadi", "---\nname: Abu Baqir al-Saadi\naliases: [Abu Baqer]\n---\n")
    site.brief("2024-02-09-a", VOW.replace("[[2024-02-07-strike]], which killed ", ""))
    code, output = check(site)
    assert code == 0
    assert (
        "briefs/2024-02-09-a.md:5:30: warning: '[[Abu Baqer|him]]' links to actor "
        "'Abu Baqir al-Saadi', who is not among this brief's actors: add them to 'actors' "
        "(a link in the text is not a mention)"
    ) in output.splitlines()
    assert check(site, "--strict")[0] == 1


SUMMARIES = [
    # (front matter line of the summary, line and column of its `[[`)
    ("summary: Met [[Nobody]] today.", (5, 14)),
    ('summary: "Caf\\u00e9 \\"x\\" [[Nobody]]"', (5, 27)),
    ("summary: 'It''s [[Nobody]]'", (5, 17)),
    ("summary: |\n  First line\n    indented [[Nobody]]", (7, 14)),
    ("summary: >-\n  folded\n\n  [[x]] and [[Nobody]]", (8, 13)),
    ("summary:\n  plain\n  over [[Nobody]] lines", (7, 8)),
]


@pytest.mark.parametrize(("summary", "position"), SUMMARIES)
def test_summary_positions_point_at_the_brackets_in_the_file(
    site: Site, summary: str, position: tuple[int, int]
) -> None:
    site.write(
        "briefs/2024-02-09-a.md",
        "---\ntitle: A\ndate: 2024-02-09\nsource: https://example.org/a\n"
        f"{summary}\nactors: [x]\n---\n",
    )
    code, output = check(site)
    assert code == 1
    line, column = position
    assert f"briefs/2024-02-09-a.md:{line}:{column}: error: '[[Nobody]]'" in output


# --- rendering ------------------------------------------------------------------------

TARGETS = {"Abu Baqer": LinkTarget("actors/abu-baqir-al-saadi.md")}


def test_links_are_relative_to_each_page_and_absolute_elsewhere() -> None:
    renderer = MarkdownRenderer(TARGETS)
    text = "Met [[Abu Baqer]]."
    assert 'href="../../actors/abu-baqir-al-saadi/"' in renderer.to_html(text, "briefs/x.md")
    assert 'href="../abu-baqir-al-saadi/"' in renderer.to_html(text, "actors/other.md")
    assert 'href="actors/abu-baqir-al-saadi/"' in renderer.to_html(text, "index.md")
    assert 'href="/actors/abu-baqir-al-saadi/"' in renderer.to_html(text)
    flat = MarkdownRenderer(TARGETS, UrlPolicy("https://x.example/", directory_urls=False))
    assert 'href="../actors/abu-baqir-al-saadi.html"' in flat.to_html(text, "briefs/x.md")
    assert 'href="https://x.example/actors/abu-baqir-al-saadi.html"' in flat.to_html(text)


def test_links_within_the_site_are_followed_links_out_are_not() -> None:
    text = "[[Abu Baqer]] and [the source](https://example.org/)"
    links = BeautifulSoup(MarkdownRenderer(TARGETS).to_html(text, "briefs/x.md"), "html.parser")
    assert [link.get("rel") for link in links.find_all("a")] == [
        None,
        ["nofollow", "noopener", "noreferrer"],
    ]


HOSTILE = [
    "[[Abu Baqer|<script>alert(1)</script>]]",
    '[[Abu Baqer|"><img src=x onerror=alert(1)>]]',
    "[[Abu Baqer|javascript:alert(1)]]",
    "[[javascript:alert(1)|x]]",
    "[x]([[Abu Baqer]])",
    "[[Abu Baqer]](javascript:alert(1))",
    "[[[[Abu Baqer]]|x]]",
    "[[Abu Baqer|a\n<script>b</script>]]",
    "<a href='[[Abu Baqer]]'>x</a>",
    "[[Abu Baqer|`code`]]",
    "[[Abu Baqer|a|b|c]]",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_link_text_is_only_text(text: str) -> None:
    rendered = BeautifulSoup(MarkdownRenderer(TARGETS).to_html(text, "briefs/x.md"), "html.parser")
    assert rendered.find_all(["script", "img"]) == []
    for link in rendered.find_all("a"):
        assert link["href"] == "../../actors/abu-baqir-al-saadi/"
        assert set(link.attrs) == {"href"}


ADVERSARIAL = {
    "brackets": "[[" * 250,
    "unclosed": "[[" + "a" * 99_000,
    "pipes": "[[a|" * 120 + "]" * 200,
    "newlines": "[[a" + " \n" * 40_000,
    "long-text": ("[[a|b" + "|" * 300) * 100,
    "just-too-long": ("[[" + "a" * 301 + "]]") * 100,
}


@pytest.mark.parametrize("text", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_adversarial_brackets_are_text(text: str) -> None:
    assert read_links(text) == []
    assert "<a" not in MarkdownRenderer(TARGETS).to_html(text, "briefs/x.md")


@pytest.mark.parametrize("text", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_the_link_pattern_never_backtracks_into_a_hang(text: str) -> None:
    # Ten times the largest field, so that anything worse than linear would show: a
    # backtracking pattern takes minutes here, this one milliseconds. (Rendering times are
    # the bench's: bench/hostile_inputs.py.)
    started = time.perf_counter()
    assert list(LINK.finditer(text * 10)) == []
    assert time.perf_counter() - started < 2


def test_escaped_brackets_stay_text() -> None:
    assert read_links("\\[[Abu Baqer]] and `[[Abu Baqer]]`") == []


def test_a_link_wrapped_in_a_quote_is_found_at_its_brackets() -> None:
    (found,) = read_links("> first\n> [[Abu\n> Baqer]]")
    assert (found.target, found.offset) == ("Abu Baqer", 10)


def test_closest_names_are_looked_up_for_a_bounded_number_of_targets(site: Site) -> None:
    site.actor("kataib-hezbollah", GROUP)
    links = " ".join(f"[[Kataib Hezbolah {number}]]" for number in range(MAX_SUGGESTIONS + 5))
    site.brief(
        "2024-02-09-a",
        VOW.replace("[[2024-02-07-strike]], which killed [[Abu Baqer|him]]", "x") + links,
    )
    code, output = check(site)
    errors = [line for line in output.splitlines() if ": error: " in line]
    assert (code, len(errors)) == (1, MAX_SUGGESTIONS + 5)
    hinted = [line for line in errors if "(did you mean 'Kataib Hezbollah'?)" in line]
    assert len(hinted) == MAX_SUGGESTIONS


def test_search_records_carry_the_link_text(site: Site) -> None:
    site.actor("abu-baqir-al-saadi", COMMANDER)
    site.actor("kataib-hezbollah", GROUP)
    site.brief("2024-02-07-strike", STRIKE)
    site.brief("2024-02-09-vow", VOW)
    index = check_site(site.root, site.root / "briefs").index
    assert index is not None
    records = {record.page: record for record in search_records(index)}
    summary = records["briefs/2024-02-09-vow.md"].texts[0].text
    assert (
        summary == "The groups answered US strike in Baghdad kills a commander, which killed him."
    )
