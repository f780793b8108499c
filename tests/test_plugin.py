"""The MkDocs plugin: overrides, all-or-nothing builds, hand-written page collisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL_BRIEF, Site


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_site_template_overrides_the_default(site: Site) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    site.write(
        "templates/partials/actor_link.md.j2",
        "{% macro actor_link(actor, links) %}"
        "[{{ actor.name }} (overridden)]({{ links.actor(actor.id) }})"
        "{% endmacro %}",
    )
    assert site.mkdocs_build("--strict").returncode == 0
    article = site.html("briefs/2024-02-09-a").article
    assert article.find("a", string="Someone (overridden)")["href"] == "../../actors/someone/"


def test_a_site_template_changes_one_block_of_the_default(site: Site) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    site.write(
        "templates/brief.md.j2",
        """\
        {% extends "briefsite/brief.md.j2" %}
        {% block summary %}

        ## In short{{ dialect.heading_id("summary") }}

        {{ markdown(brief.summary) }}
        {% endblock %}
        """,
    )
    assert site.mkdocs_build("--strict").returncode == 0
    article = site.html("briefs/2024-02-09-a").article
    assert article.find(id="summary").get_text(strip=True).removesuffix("¶") == "In short"
    assert article.find("p", string="Something happened.")
    # The blocks it leaves alone are the default's.
    assert article.find(id="actors").find_next("a").get_text() == "Someone"


BROKEN = [
    # (what breaks the build, the file written, its text, the message expected)
    (
        "typo in an override",
        "templates/home.md.j2",
        "# Home\n{{ brefs }}\n",
        "home.md.j2:2:1: error: template: 'brefs' is undefined",
    ),
    (
        "helper called wrongly in an override",
        "templates/home.md.j2",
        '{% extends "briefsite/home.md.j2" %}\n{% block introduction %}\n'
        "[x]({{ links.actor() }})\n{% endblock %}\n",
        "templates/home.md.j2:3:1: error: template: TypeError: Links.actor() missing 1 "
        "required positional argument: 'actor_id'",
    ),
    (
        "template syntax error in an override",
        "templates/partials/brief_link.md.j2",
        "{% macro brief_link(brief, links) %}{{ brief.title }\n{% endmacro %}\n",
        "templates/partials/brief_link.md.j2:1:1: error: template: unexpected '}'",
    ),
    (
        "invalid brief",
        "briefs/2024-02-10-b.md",
        MINIMAL_BRIEF.replace("date: 2024-02-09", "date: 2024-02-31"),
        "briefs/2024-02-10-b.md:3:7: error: 'date' 2024-02-31 is not a real date",
    ),
    (
        "hand-written page where a generated one goes",
        "docs/index.md",
        "# My home\n",
        "index.md is a hand-written page where briefsite generates one",
    ),
]


@pytest.mark.parametrize(("case", "path", "text", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_failing_build_says_why_and_leaves_the_previous_site_untouched(
    site: Site, case: str, path: str, text: str, message: str
) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    assert site.mkdocs_build().returncode == 0
    before = snapshot(site.root / "site")
    site.write(path, text)
    result = site.mkdocs_build()
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site.root / "site") == before


def test_a_title_cannot_take_an_id_the_theme_relies_on(site: Site) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF.replace("title: A brief", "title: __config"))
    assert site.mkdocs_build().returncode == 0
    page = site.html("briefs/2024-02-09-a")
    (config,) = page.find_all(id="__config")
    assert config.name == "script"
    assert page.find("h1").get_text(strip=True).removesuffix("¶") == "__config"


def test_contributor_links_must_be_absolute(site: Site) -> None:
    site.brief(
        "2024-02-09-a",
        MINIMAL_BRIEF
        + "[out](https://example.org/x) [up](../../search/) [host](//evil.example/)\n",
    )
    assert site.mkdocs_build().returncode == 0
    notes = site.html("briefs/2024-02-09-a").find("div", class_="briefsite-body")
    # The others are their text, not links without an address.
    assert [a.get("href") for a in notes.find_all("a")] == ["https://example.org/x"]
    assert [span.get_text() for span in notes.find_all("span")] == ["up", "host"]


def test_ids_named_like_the_sites_own_files_stay_in_their_folders(site: Site) -> None:
    site.brief("404", MINIMAL_BRIEF.replace("Someone", "sitemap.xml"))
    site.actor("search", "---\nname: Search\n---\n")
    site.actor("assets", "---\nname: Assets\n---\n")
    assert site.mkdocs_build("--strict").returncode == 0
    built = site.root / "site"
    assert "Something happened" not in (built / "404.html").read_text()  # still the theme's
    assert (built / "briefs" / "404" / "index.html").exists()
    assert (built / "actors" / "search" / "index.html").exists()
    assert (built / "actors" / "sitemap-xml" / "index.html").exists()
    assert (built / "search" / "search_index.json").exists()
    assert (built / "assets" / "javascripts").is_dir()
    assert (built / "sitemap.xml").read_text().startswith("<?xml")
