"""Search: the records the core describes, the `search` setting, and Pagefind's index read back.

The browser tests (tests/browser/test_search.py) type into the real search box; these check
what the build writes: which pages Pagefind holds and with which filters, metadata and
anchors (decoded from its own files, as its JavaScript decodes them), that index pages stay
out, and that Material's index stays empty when Pagefind answers.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from briefsite.build import build_site
from briefsite.outputs import pagefind
from briefsite.outputs.search import PAGEFIND_FROM, search_records, uses_pagefind
from tests.conftest import Site

pytestmark = pytest.mark.site_build


BRIEF = """\
---
title: Militia vows to resume attacks
date: 2023-05-01
source:
  url: https://example.org/a
  publisher: Example News
summary: The group said it **will** resume attacks.
actors:
  - Kataib Hezbollah
  - Someone Else
quotes:
  - by: Kataib Hezbollah
    text: the stage of revenge has begun
tags: [iraq]
---
"""
ACTOR = """\
---
name: Kataib Hezbollah
type: armed group
aliases: [Hezbollah Brigades, "Kata'ib Hizballah"]
---
"""


def pagefind_site(site: Site, setting: str = "pagefind") -> Site:
    site.brief("2023-05-01-resume", BRIEF)
    site.actor("kataib-hezbollah", ACTOR)
    site.write("docs/about.md", "# About this desk\n\nWe read the militias' statements.\n")
    site.write("docs/hidden.md", "---\nsearch:\n  exclude: true\n---\n# Hidden\n\nUnsearched.\n")
    config = (site.root / "mkdocs.yml").read_text()
    (site.root / "mkdocs.yml").write_text(
        config.replace("  - briefsite\n", f"  - briefsite:\n      search: {setting}\n")
    )
    return site


def fragments(site_dir: Path) -> dict[str, dict[str, Any]]:
    """Every page Pagefind holds, by URL: decoded as pagefind.js decodes its fragments."""
    found = {}
    for path in (site_dir / pagefind.BUNDLE / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data.removeprefix(b"pagefind_dcd"))
        found[fragment["url"]] = fragment
    return found


def test_records_say_what_is_searched_and_how(site: Site) -> None:
    pagefind_site(site)
    result = build_site(site.root, site.root / "briefs")
    assert result.index is not None
    records = {record.page: record for record in search_records(result.index)}
    brief = records["briefs/2023-05-01-resume.md"]
    assert brief.title == "Militia vows to resume attacks"
    assert brief.texts[0].text == "The group said it will resume attacks."
    assert brief.title_weight > brief.texts[0].weight
    assert [(s.anchor, s.text) for s in brief.sections] == [
        ("quote-1", "the stage of revenge has begun")
    ]
    assert dict(brief.filters) == {
        "actor": ("Kataib Hezbollah", "Someone Else"),
        "tag": ("iraq",),
        "year": ("2023",),
        "publisher": ("Example News",),
        "type": ("armed group",),
    }
    actor = records["actors/kataib-hezbollah.md"]
    assert actor.title == "Kataib Hezbollah"
    assert [text.text for text in actor.texts] == ["Hezbollah Brigades", "Kata'ib Hizballah"]
    assert {text.weight for text in actor.texts} == {actor.title_weight}


def test_auto_turns_to_pagefind_at_its_threshold() -> None:
    assert not uses_pagefind("auto", PAGEFIND_FROM - 1)
    assert uses_pagefind("auto", PAGEFIND_FROM)
    assert uses_pagefind("pagefind", 1)
    assert not uses_pagefind("material", 100_000)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = pagefind_site(Site(tmp_path_factory.mktemp("pagefind") / "root"))
    result = site.mkdocs_build("--strict")
    assert result.returncode == 0, result.stderr
    return site.root / "site"


def test_pagefind_holds_briefs_actors_and_hand_written_pages_only(built: Path) -> None:
    assert sorted(fragments(built)) == [
        "/about/",
        "/actors/kataib-hezbollah/",
        "/actors/someone-else/",
        "/briefs/2023-05-01-resume/",
    ]


def test_a_brief_carries_its_filters_title_and_quote_anchor(built: Path) -> None:
    brief = fragments(built)["/briefs/2023-05-01-resume/"]
    assert brief["meta"] == {"title": "Militia vows to resume attacks", "kind": "brief"}
    assert brief["filters"]["year"] == ["2023"]
    assert brief["filters"]["actor"] == ["Kataib Hezbollah", "Someone Else"]
    assert [anchor["id"] for anchor in brief["anchors"]] == ["quote-1"]
    # The anchor Pagefind links to is on the brief's own page.
    page = (built / "briefs" / "2023-05-01-resume" / "index.html").read_text()
    assert 'id="quote-1"' in page
    assert "the stage of revenge has begun" in page


def test_permalink_signs_stay_out_of_hand_written_pages(built: Path) -> None:
    about = fragments(built)["/about/"]
    assert about["meta"]["title"] == "About this desk"
    assert "¶" not in about["content"]


def test_material_index_stays_empty_and_the_box_asks_the_worker(built: Path) -> None:
    material = json.loads((built / "search" / "search_index.json").read_text())
    assert material["docs"] == []
    home = (built / "index.html").read_text()
    assert "assets/briefsite/search-worker.js" in home
    assert (built / "assets" / "briefsite" / "search-worker.js").is_file()


def test_material_setting_writes_no_pagefind_bundle(site: Site) -> None:
    pagefind_site(site, "material")
    result = site.mkdocs_build("--strict")
    assert result.returncode == 0, result.stderr
    assert not (site.root / "site" / pagefind.BUNDLE).exists()
    assert "search-worker.js" not in (site.root / "site" / "index.html").read_text()
    material = json.loads((site.root / "site" / "search" / "search_index.json").read_text())
    assert any("revenge" in doc["text"] for doc in material["docs"])


def test_pagefind_without_the_search_box_is_refused(site: Site) -> None:
    pagefind_site(site)
    config = (site.root / "mkdocs.yml").read_text()
    (site.root / "mkdocs.yml").write_text(config.replace("  - search\n", ""))
    result = site.mkdocs_build()
    assert result.returncode == 1
    assert "search: pagefind needs the theme's `search` plugin" in result.stderr


def test_a_failed_index_leaves_the_previous_bundle_whole(tmp_path: Path) -> None:
    page = '<html lang="en"><body><main data-pagefind-body><h1>Old</h1></main></body></html>'
    pagefind.write_index(tmp_path, [("old/index.html", page)], "en")
    before = {
        path: path.read_bytes() for path in (tmp_path / "pagefind").rglob("*") if path.is_file()
    }
    # A page Pagefind cannot index (it has no HTML file name) makes the run fail.
    with pytest.raises(pagefind.SearchIndexError, match="Pagefind failed"):
        pagefind.write_index(tmp_path, [("new/page.txt", page)], "en")
    after = {
        path: path.read_bytes() for path in (tmp_path / "pagefind").rglob("*") if path.is_file()
    }
    assert after == before
    assert sorted(child.name for child in tmp_path.iterdir()) == ["pagefind"]
