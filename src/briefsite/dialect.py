"""Every engine- and theme-specific mark a generated page carries, behind one small interface.

Templates and the renderer say what they mean ("this heading has a fixed id", "this section
stays out of the search index", "these tags belong in `<head>`"); a dialect says how one
engine and theme spell it. `MATERIAL` is the dialect of MkDocs with Material for MkDocs. No
module imports the engine here: the plugin hands the dialect to the core, and uses the
dialect's own theme override.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import jinja2
from markupsafe import Markup

from briefsite.outputs.search import SearchRecord
from briefsite.sanitize import escaped_json, meta_text


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself, engine-neutral: plain text, never markup."""

    title: str
    description: str = ""
    searchable: bool = True
    """False keeps the whole page out of the search index (index pages list every brief)."""
    head: str = ""
    """HTML for the page's `<head>`, already safe (`outputs.head`)."""


class Dialect(Protocol):
    """How one engine and theme spell the marks the templates ask for."""

    markdown_extensions: tuple[str, ...]
    """Markdown extensions the engine must enable to read these marks."""

    def heading_id(self, anchor: str, *, searched: bool = True) -> Markup:
        """Written after a heading's text: the heading gets the fixed id `anchor`; with
        `searched=False` its section also stays out of the search index."""
        ...

    def block_id(self, anchor: str) -> Markup:
        """Written on the last line of a paragraph, alone: the paragraph gets the id `anchor`."""
        ...

    def unsearched(self) -> Markup:
        """Written after a heading's text: its section stays out of the search index."""
        ...

    def meta(self, page: PageMeta) -> dict[str, Any]:
        """The page's front matter, as the engine will read it back."""
        ...

    def front_matter(self, meta: dict[str, Any]) -> str:
        """`meta` written as the YAML that opens the page, without the `---` lines."""
        ...

    def navigation(self, index_pages: Sequence[str], hand_written: Sequence[str]) -> list[str]:
        """The site's navigation when the site sets none (paths of page sources)."""
        ...


_ANCHOR = re.compile(r"[a-z][a-z0-9-]*")
_UNSEARCHED = "data-search-exclude"
"""Read by Material's search plugin on a heading, for its whole section."""


class MaterialDialect:
    """MkDocs + Material for MkDocs: `attr_list` marks, front-matter keys, a theme override."""

    markdown_extensions: tuple[str, ...] = ("attr_list",)
    head_key = "briefsite_head"
    """The front-matter key the theme override (`overrides/main.html`) prints in `<head>`."""
    overrides = Path(__file__).parent / "overrides"
    override_prefix = "briefsite-theme/"
    """Under this prefix the override finds the site's own templates, to extend them."""

    def heading_id(self, anchor: str, *, searched: bool = True) -> Markup:
        # An anchor is the templates' own word, never contributor text: checked, not escaped.
        if not _ANCHOR.fullmatch(anchor):
            raise ValueError(f"not a heading anchor: {anchor!r}")
        # attr_list reads one `{ … }` per heading: both marks go in the same one.
        return Markup(f" {{ #{anchor} }}" if searched else f" {{ #{anchor} {_UNSEARCHED} }}")

    def block_id(self, anchor: str) -> Markup:
        # attr_list reads a paragraph's attributes from a line of their own at its end.
        return self.heading_id(anchor).lstrip()

    def unsearched(self) -> Markup:
        return Markup(f" {{ {_UNSEARCHED} }}")

    def meta(self, page: PageMeta) -> dict[str, Any]:
        # MkDocs and Material print title and description without escaping: escaped here, once.
        meta: dict[str, Any] = {"title": meta_text(page.title)}
        if page.description:
            meta["description"] = meta_text(page.description)
        if not page.searchable:
            meta["search"] = {"exclude": True}
        if page.head:
            meta[self.head_key] = page.head
        return meta

    def front_matter(self, meta: dict[str, Any]) -> str:
        """YAML that every YAML reader reads back as exactly `meta`.

        JSON values are YAML, and far quicker to write than through a YAML emitter, once the
        characters YAML reads differently from JSON are escaped: those it refuses raw (DEL, C1
        controls, noncharacters, surrogates) and those it takes for line breaks.
        """
        return "".join(
            f"{key}: {escaped_json(value, _YAML_UNSAFE)}\n" for key, value in sorted(meta.items())
        )

    def navigation(self, index_pages: Sequence[str], hand_written: Sequence[str]) -> list[str]:
        # Briefs and actors are reached through the index pages: listing them all in the
        # navigation of every page would make each page as long as the site.
        return [*index_pages, *sorted(hand_written)]

    def theme_loader(self, site_loader: jinja2.BaseLoader) -> jinja2.BaseLoader:
        """The theme's template loader with the override in front of it.

        The override's `main.html` extends whichever `main.html` the site would use (its own
        `custom_dir`'s, else the theme's), reached through `override_prefix`, and adds the
        page's head tags to its `extrahead` block: a site's own override keeps working.
        """
        prefix = self.override_prefix.rstrip("/")
        return jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(self.overrides),
                jinja2.PrefixLoader({prefix: site_loader}),
                site_loader,
            ]
        )


# Scanned for by a regular expression rather than `str.translate`, which looks up every
# character of a non-ASCII string in Python: front matter carries each page's head tags.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


MATERIAL = MaterialDialect()


class PagefindDialect:
    """Pagefind's spelling of a search record: a small HTML page of `data-pagefind-*` marks.

    Pagefind indexes these pages in place of the built ones: each says exactly what is
    searched (the `data-pagefind-body`), with what weight, under which filters, and which
    headings (with the ids the real page has) are results of their own. Every text is
    escaped here; the pages are read by the indexer only, never served.
    """

    def record(self, record: SearchRecord, language: str) -> str:
        heading = _element("h1", record.title, _weighed(record.title_weight))
        texts = "".join(_element("p", text.text, _weighed(text.weight)) for text in record.texts)
        sections = "".join(
            _element("h2", section.title, {"id": section.anchor} | _weighed(section.title_weight))
            + _element("p", section.text, _weighed(section.weight))
            for section in record.sections
        )
        marks = _marks({"title": [record.title], "kind": [record.kind]}, record.filters)
        return _document(language, f"{marks}{heading}{texts}{sections}")

    exclude_selectors: tuple[str, ...] = (".headerlink",)
    """Parts of the engine's rendered pages that are not text: the headings' permalink signs."""

    def page(self, title: str, content: str, language: str) -> str:
        """A hand-written page: its content as the engine rendered it (HTML, trusted)."""
        return _document(language, _marks({"title": [title], "kind": ["page"]}, ()) + content)


def _marks(meta: dict[str, list[str]], filters: Sequence[tuple[str, Sequence[str]]]) -> str:
    # Kept out of the searched text, but read for metadata and filters.
    spans = [
        _element("span", value, {"data-pagefind-meta": key})
        for key, values in meta.items()
        for value in values
    ]
    spans += [
        _element("span", value, {"data-pagefind-filter": key})
        for key, values in filters
        for value in values
    ]
    return f"<div data-pagefind-ignore>{''.join(spans)}</div>"


def _document(language: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        f"</head><body><main data-pagefind-body>{body}</main></body></html>\n"
    )


def _element(tag: str, text: str, attributes: dict[str, str]) -> str:
    marks = "".join(f' {key}="{html.escape(value)}"' for key, value in attributes.items())
    return f"<{tag}{marks}>{html.escape(text)}</{tag}>"


def _weighed(weight: float) -> dict[str, str]:
    return {"data-pagefind-weight": f"{weight:g}"}


PAGEFIND = PagefindDialect()
