"""JSON-LD, Open Graph and feed links in `<head>`: read back from the real built `desk` site
the way crawlers' tooling reads them (extruct)."""

from __future__ import annotations

import json
from typing import Any

import extruct
import pytest
from bs4 import BeautifulSoup

from briefsite.outputs.head import script_json
from tests.conftest import DESK_URL, MINIMAL_BRIEF, Site

HOSTILE = "2024-03-01-hostile-claims"
HOSTILE_TITLE = "Claims \"retaliation\" & <script>alert('x')</script> ]]> done"
WARNS = "2024-02-14-kataib-hezbollah-spokesman-warns"


def page_html(site: Site, page: str) -> str:
    return (site.root / "site" / page / "index.html").read_text(encoding="utf-8")


def metadata(site: Site, page: str) -> dict[str, Any]:
    url = DESK_URL + page + ("/" if page else "")
    found = extruct.extract(
        page_html(site, page), base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True
    )
    (json_ld,) = found["json-ld"]
    (open_graph,) = found["opengraph"]
    return {"json-ld": json_ld, "og": open_graph}


def test_a_brief_is_an_article_based_on_its_source(desk: Site) -> None:
    data = metadata(desk, f"briefs/{WARNS}")["json-ld"]
    assert data["@type"] == "Article"
    assert data["url"] == f"{DESK_URL}briefs/{WARNS}/"
    assert data["isBasedOn"] == {
        "@type": "NewsArticle",
        "url": "https://example.org/almayadeen/askari",
        "datePublished": "2024-02-14",
        "publisher": {"@type": "Organization", "name": "Al Mayadeen"},
    }
    mentioned = {actor["@id"]: actor for actor in data["mentions"]}
    assert set(mentioned) == {
        f"{DESK_URL}actors/kataib-hezbollah/",
        f"{DESK_URL}actors/abu-ali-al-askari/",
    }
    kataib = mentioned[f"{DESK_URL}actors/kataib-hezbollah/"]
    assert kataib["@type"] == "Organization"
    assert "https://www.wikidata.org/wiki/Q1739120" in kataib["sameAs"]
    assert mentioned[f"{DESK_URL}actors/abu-ali-al-askari/"]["@type"] == "Person"


def test_every_quote_is_a_quotation_by_its_speaker(desk: Site) -> None:
    quotes = metadata(desk, f"briefs/{WARNS}")["json-ld"]["hasPart"]
    assert [(q["@type"], q["text"], q["creator"]["@id"], q["isBasedOn"]) for q in quotes] == [
        (
            "Quotation",
            "The pause is not a surrender.",
            f"{DESK_URL}actors/abu-ali-al-askari/",
            "https://example.org/almayadeen/askari",
        ),
        (
            "Quotation",
            "The resistance has not said its last word.",
            f"{DESK_URL}actors/kataib-hezbollah/",
            "https://example.org/almayadeen/askari",
        ),
    ]


def test_hostile_text_comes_back_as_text(desk: Site) -> None:
    found = metadata(desk, f"briefs/{HOSTILE}")
    data, preview = found["json-ld"], found["og"]
    assert data["headline"] == HOSTILE_TITLE
    assert preview["og:title"] == HOSTILE_TITLE
    assert [quote["text"] for quote in data["hasPart"]] == ['We said "enough" ]]> <b>now</b>']
    assert "<script>alert(1)</script>" not in data["description"]
    # The script element holds no markup, and nothing but JSON.
    soup = BeautifulSoup(page_html(desk, f"briefs/{HOSTILE}"), "html.parser")
    (script,) = soup.find_all("script", type="application/ld+json")
    assert not {"<", ">", "&"} & set(script.string or "")


def test_an_actor_is_a_person_or_an_organization(desk: Site) -> None:
    kataib = metadata(desk, "actors/kataib-hezbollah")["json-ld"]
    assert kataib["@type"] == "Organization"
    assert kataib["@id"] == kataib["url"] == f"{DESK_URL}actors/kataib-hezbollah/"
    assert kataib["name"] == "Kataib Hezbollah"
    assert kataib["alternateName"] == ["Kata'ib Hizballah", "KH", "Hezbollah Brigades"]
    assert kataib["description"] == "Iraqi armed group backed by Iran."
    assert kataib["sameAs"] == [
        "https://www.wikidata.org/wiki/Q1739120",
        "https://example.org/profiles/kataib-hezbollah",
    ]
    assert metadata(desk, "actors/abu-ali-al-askari")["json-ld"]["@type"] == "Person"
    assert metadata(desk, "actors/pentagon")["json-ld"]["@type"] == "Thing"  # implicit


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        (f"briefs/{WARNS}", "article"),
        ("actors/abu-ali-al-askari", "profile"),
        ("actors/kataib-hezbollah", "website"),
        ("", "website"),
    ],
)
def test_every_generated_page_has_a_link_preview(desk: Site, page: str, kind: str) -> None:
    preview = metadata(desk, page)["og"]
    assert preview["@type"] == kind  # extruct's uniform form of og:type
    assert preview["og:url"] == DESK_URL + page + ("/" if page else "")
    assert preview["og:site_name"] == "test site"
    assert preview["og:title"]
    soup = BeautifulSoup(page_html(desk, page), "html.parser")
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


@pytest.mark.parametrize(
    ("page", "feed"),
    [("", "feeds/site.xml"), ("actors/kataib-hezbollah", "feeds/actors/kataib-hezbollah.xml")],
)
def test_a_page_with_a_feed_announces_it_and_links_to_it(desk: Site, page: str, feed: str) -> None:
    soup = BeautifulSoup(page_html(desk, page), "html.parser")
    (alternate,) = soup.head.find_all("link", rel="alternate", type="application/atom+xml")
    assert alternate["href"] == DESK_URL + feed
    visible = soup.article.find("a", string=lambda text: text.startswith("Atom feed"))
    assert visible is not None
    assert (desk.root / "site" / page / visible["href"]).resolve() == (
        desk.root / "site" / feed
    ).resolve()


def test_a_brief_page_announces_no_feed(desk: Site) -> None:
    soup = BeautifulSoup(page_html(desk, f"briefs/{WARNS}"), "html.parser")
    assert soup.find_all("link", type="application/atom+xml") == []


def test_a_sites_own_main_template_keeps_working_with_the_head_tags(site: Site) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    site.write(
        "mkdocs.yml",
        (site.root / "mkdocs.yml")
        .read_text()
        .replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
    )
    site.write(
        "overrides/main.html",
        """
        {% extends "base.html" %}
        {% block extrahead %}<meta name="site-own" content="kept">{% endblock %}
        {% block content %}<p id="site-own-content">ours</p>{{ super() }}{% endblock %}
        """,
    )
    assert site.mkdocs_build("--strict").returncode == 0
    page = site.html("briefs/2024-02-09-a")
    assert page.find("meta", attrs={"name": "site-own"}) is not None
    assert page.find(id="site-own-content") is not None
    (script,) = page.find_all("script", type="application/ld+json")
    assert json.loads(script.string)["@type"] == "Article"
    assert page.find("meta", property="og:title")["content"] == "A brief"


@pytest.mark.parametrize(
    "text", ["</script><script>alert(1)</script>", "a\u2028b\u2029c", "&amp; <!-- x", "]]>"]
)
def test_script_json_cannot_be_broken_out_of(text: str) -> None:
    written = script_json({"text": text})
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(written)
    assert json.loads(written) == {"text": text}
