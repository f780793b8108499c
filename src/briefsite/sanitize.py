"""Contributor text → output that cannot carry markup or script into a page.

Two ways out, one per kind of field:
- `inline_text` for text that is only displayed (names, titles, quotes, roles, tags):
  every ASCII punctuation mark becomes a numeric character reference, so neither HTML
  nor Markdown (nor any Markdown extension a site enables) can read anything into it;
- `markdown_html` for fields that are Markdown (summary, body, profile): rendered with
  Python-Markdown, then cleaned by Ammonia (nh3) against an allow-list.
"""

from __future__ import annotations

import html
import json
import re
import string
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Any

import markdown
import nh3
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from briefsite import characters, prose
from briefsite.urls import LINK_SCHEMES, UrlPolicy, is_outside_link

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
        "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
"""What Markdown produces for prose. No images: a brief must not load a remote tracking pixel."""

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = LINK_SCHEMES
"""Links must be absolute and use one of these; other links become plain text."""
LINK_REL = "nofollow noopener noreferrer"

_MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists", "def_list", "abbr"]
_REFERENCES = {ord(char): f"&#{ord(char)};" for char in string.punctuation}


def inline_text(text: str) -> Markup:
    """Plain text made safe for both HTML and Markdown; whitespace folded to single spaces."""
    return Markup(" ".join(text.split()).translate(_REFERENCES))


def escaped_json(value: Any, unsafe: re.Pattern[str]) -> str:
    """`value` as JSON (keys sorted, text as written) with each character `unsafe` matches
    written as a `\\u` escape, which every JSON reader turns back into the character."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return unsafe.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def meta_text(text: str) -> str:
    """Plain text for page metadata that a theme prints unescaped (a `<title>`, an attribute).

    Escaped as for `inline_text`, so it stays inert whether it is read as HTML or, should
    anything ever show it as page text, as Markdown; invisible characters are dropped.
    """
    return str(inline_text(characters.clean(text)[0]))


def _outside_links_only(tag: str, attribute: str, value: str) -> str | None:
    # Relative and scheme-relative links ("/x", "//host/x", "http:../x") would escape the
    # link checks the site generator runs on its own pages: a contributor's link goes out,
    # in full. `_LinksOut` has already turned other links into text; this is the backstop.
    if attribute == "href" and not is_outside_link(value):
        return None
    return value


# "*": nothing is allowed on every element (Ammonia would otherwise keep lang and title).
_ATTRIBUTES = {"*": set(), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}}


def _cleaner(internal: set[str]) -> nh3.Cleaner:
    """The final clean. `internal`: the links into the site that prose links were given,
    the only ones besides links out that may stay (the set grows as texts are rendered).

    `rel` is `_LinksOut`'s, on links out only: a link within the site is followed.
    """

    def links(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "rel":
            return value if value == LINK_REL else None
        return value if value in internal else _outside_links_only(tag, attribute, value)

    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        attributes={**_ATTRIBUTES, "a": _ATTRIBUTES["a"] | {"rel"}},
        attribute_filter=links,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


_RAW_HTML_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS - {"a"}),
    attributes=_ATTRIBUTES,
    strip_comments=True,
)


class _RawHtmlWithoutLinks(Postprocessor):
    """Raw HTML is cleaned where it stands, links in it dropped (their text stays): a link
    is written in Markdown, where `_LinksOut` can check it."""

    def run(self, text: str) -> str:
        # Only pieces holding a link tag: an inline `<script>` and its text are separate
        # pieces, which the final clean removes together.
        stash = self.md.htmlStash
        stash.rawHtmlBlocks = [
            str(_RAW_HTML_CLEANER.clean(str(block))) if _LINK_TAG.search(str(block)) else block
            for block in stash.rawHtmlBlocks
        ]
        return text


_INTERNAL = "data-briefsite-internal"
_LINK_TAG = re.compile(r"<\s*/?\s*a(?![\w-])", re.IGNORECASE)


class _LinksOut(Treeprocessor):
    """A link that may not leave the site becomes its text, not an `<a>` without `href`.

    Prose links (`[[...]]`) are the exception: their element carries `_INTERNAL`, which
    nothing a contributor writes can put on an element of the tree.
    """

    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            if element.attrib.pop(_INTERNAL, None) is not None:
                continue
            if is_outside_link(element.get("href", "")):
                element.set("rel", LINK_REL)
            else:
                element.tag = "span"
                element.attrib.clear()


def _new_markdown(link: Callable[[str, str | None], etree.Element]) -> markdown.Markdown:
    """Python-Markdown as every contributor text is read; `link` makes each prose link."""
    made = markdown.Markdown(extensions=_MARKDOWN_EXTENSIONS, output_format="html")
    made.inlinePatterns.register(prose.LinkPattern(link), "briefsite-prose-links", prose.PRIORITY)
    return made


class MarkdownRenderer:
    """Renders contributor Markdown to clean HTML; one instance serves a whole build.

    `links` says where each prose link's target leads (by `prose.target_key`); a link to
    anything else shows its text only (validation reports it first). `urls` makes the
    links relative to the page a text is rendered for, or absolute when there is none.

    A renderer kept between builds (`session`) is given each build's links (`relink`): it
    forgets only the texts whose targets now lead elsewhere. What a page or feed made from
    its texts read of the links is known by `recording` them, and checked by `unchanged`.
    """

    def __init__(
        self, links: Mapping[str, prose.LinkTarget] | None = None, urls: UrlPolicy | None = None
    ) -> None:
        self._links = links or {}
        self._urls = urls or UrlPolicy()
        self._page: str | None = None
        """The page being rendered for, while a text is converted."""
        self._internal: set[str] = set()
        self._cleaner = _cleaner(self._internal)
        self._markdown = _new_markdown(self._link)
        # After inline patterns (priority 20), before serialising.
        self._markdown.treeprocessors.register(_LinksOut(self._markdown), "briefsite-links", 5)
        # Before the stash of raw HTML is put back (priority 30).
        raw_html = _RawHtmlWithoutLinks(self._markdown)
        self._markdown.postprocessors.register(raw_html, "briefsite-raw-html", 35)
        # A summary is wanted by its page, its description, the feeds and the export: each
        # text is rendered once per build and page it links from (once in all, without
        # prose links). The cache lives as long as the build's renderer.
        self._html: dict[tuple[str, str | None], Markup] = {}
        self._plain: dict[str, str] = {}
        # The link targets each rendered text looked up (texts that looked up none are not
        # kept), those of the text being converted, and those being recorded.
        self._used: dict[tuple[str, str | None], tuple[str, ...]] = {}
        self._looked_up: list[str] = []
        self._recording: set[str] | None = None

    def to_html(self, text: str, page: str | None = None) -> Markup:
        """`text` as clean HTML; its prose links relative to `page` (a source path such as
        `briefs/x.md`), or absolute URLs without one (feeds, exports)."""
        key = (text, page if "[[" in text else None)
        rendered = self._html.get(key)
        if rendered is None:
            self._page, self._looked_up = key[1], []
            converted = self._markdown.reset().convert(text)
            rendered = Markup(self._cleaner.clean(converted))
            self._html[key] = rendered
            if self._looked_up:
                self._used[key] = tuple(self._looked_up)
        if self._recording is not None and key in self._used:
            self._recording.update(self._used[key])
        return rendered

    def to_plain(self, text: str) -> str:
        """Text only, for descriptions: tags dropped, references decoded."""
        plain = self._plain.get(text)
        if plain is None:
            plain = html.unescape(nh3.clean(self.to_html(text), tags=set()))
            self._plain[text] = plain
        elif self._recording is not None and (text, None) in self._used:
            self._recording.update(self._used[(text, None)])
        return plain

    def relink(self, links: Mapping[str, prose.LinkTarget]) -> None:
        """Render with `links` from now on, forgetting the texts whose targets changed."""
        if links == self._links:
            return
        old, self._links = self._links, links
        for key, used in list(self._used.items()):
            if any(old.get(target) != links.get(target) for target in used):
                del self._html[key], self._used[key]
                if key[1] is None:
                    self._plain.pop(key[0], None)

    @contextmanager
    def recording(self) -> Iterator[set[str]]:
        """The link targets the texts rendered within looked up (rendered again or not)."""
        outer, self._recording = self._recording, set()
        try:
            yield self._recording
        finally:
            if outer is not None:
                outer.update(self._recording)
            self._recording = outer

    def lookups(self, targets: Iterable[str]) -> tuple[tuple[str, prose.LinkTarget | None], ...]:
        """What each of `targets` leads to now, to check later with `unchanged`."""
        return tuple((target, self._links.get(target)) for target in sorted(targets))

    def unchanged(self, lookups: tuple[tuple[str, prose.LinkTarget | None], ...]) -> bool:
        return all(self._links.get(target) == found for target, found in lookups)

    def _link(self, target: str, text: str | None) -> etree.Element:
        self._looked_up.append(target)
        found = self._links.get(target)
        if found is None:
            return prose.element("span", text or target)
        if self._page is None:
            href = self._urls.absolute(found.page)
        else:
            href = self._urls.relative(self._page, found.page)
        self._internal.add(href)
        link = prose.element("a", text or found.text or target)
        link.set("href", href)
        link.set(_INTERNAL, "")
        return link


def read_links(text: str) -> list[prose.WrittenLink]:
    """The prose links in `text` that Markdown reads (none in code), each at its `[[`."""
    if "[[" not in text:
        return []
    reader, read = _link_reader()
    read.clear()
    reader.reset().convert(text)
    return prose.locate(text, list(read))


@cache
def _link_reader() -> tuple[markdown.Markdown, list[tuple[str, str | None]]]:
    # Made once per process: validation reads every text that has a `[[` in it.
    read: list[tuple[str, str | None]] = []

    def collect(target: str, shown: str | None) -> etree.Element:
        read.append((target, shown))
        return prose.element("span", shown or target)

    return _new_markdown(collect), read


def external_link(
    url: str, text: str, *, version_url: str | None = None, version_date: date | None = None
) -> Markup:
    """A link out of the site; `url` has been validated as http(s) by the front-matter models.

    With `version_url`, an archived copy, the link carries the Robust Links attributes
    (`data-versionurl`, `data-versiondate`), so that tools can fall back to the copy.
    """
    robust = ""
    if version_url:
        robust = f' data-versionurl="{html.escape(version_url, quote=True)}"'
        robust += f' data-versiondate="{version_date.isoformat()}"' if version_date else ""
    return Markup(
        f'<a href="{html.escape(url, quote=True)}" rel="{LINK_REL}"{robust}>{inline_text(text)}</a>'
    )
