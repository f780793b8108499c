"""The dialect owns every engine and theme mark: templates ask it, never spell the syntax."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefsite.dialect import MATERIAL, PageMeta

TEMPLATES = Path(__file__).resolve().parent.parent / "src" / "briefsite" / "templates"
ENGINE_SYNTAX = {
    "attr_list mark": re.compile(r"\{ +[:#.]|\{:|data-search-exclude"),
    "a URL built by a template": re.compile(r"https?://"),
}


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.rglob("*.j2")))
def test_templates_spell_no_engine_syntax_and_build_no_url(template: str) -> None:
    text = next(TEMPLATES.rglob(template)).read_text(encoding="utf-8")
    found = [name for name, pattern in ENGINE_SYNTAX.items() if pattern.search(text)]
    assert found == []


def test_material_marks() -> None:
    assert MATERIAL.heading_id("brief-title") == " { #brief-title }"
    assert MATERIAL.unsearched() == " { data-search-exclude }"
    # attr_list reads only the last `{ … }` of a heading: both marks share one.
    assert MATERIAL.heading_id("briefs", searched=False) == " { #briefs data-search-exclude }"
    with pytest.raises(ValueError, match="anchor"):
        MATERIAL.heading_id("x } onclick")


def test_material_meta_escapes_what_the_theme_prints_raw() -> None:
    meta = MATERIAL.meta(PageMeta('<b>"T"</b>', "d & <i>", searchable=False, head="<meta>"))
    assert meta == {
        "title": "&#60;b&#62;&#34;T&#34;&#60;&#47;b&#62;",
        "description": "d &#38; &#60;i&#62;",
        "search": {"exclude": True},
        MATERIAL.head_key: "<meta>",
    }
