"""A generated page's `<head>` tags: feed autodiscovery, Open Graph and JSON-LD, made safe.

Contributor text reaches these tags two ways, each inert: in attributes as `meta_text`
(every punctuation mark a character reference, which the browser decodes back), and in the
JSON-LD script as JSON whose `<`, `>`, `&`, U+2028 and U+2029 are `\\u` escapes, so nothing in
it can close the script element or be read as markup, and every JSON reader gets the text back.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from briefsite.sanitize import escaped_json, meta_text

_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any) -> str:
    """JSON that can stand inside a `<script>` element whatever its strings hold."""
    return escaped_json(data, _SCRIPT_UNSAFE)


@dataclass(frozen=True)
class FeedLink:
    title: str
    href: str
    """Absolute when the site's address is known, else relative to the page."""


@dataclass(frozen=True)
class OpenGraph:
    """Link-preview data (Open Graph, and a Twitter/X card that falls back to it)."""

    title: str
    description: str
    type: str
    """`article` for a brief, `profile` for a person, else `website`."""
    url: str | None
    """Only when the site's address is known: Open Graph wants an absolute URL."""
    site_name: str

    def properties(self) -> list[tuple[str, str, str]]:
        """(attribute, property, content) for each `<meta>`; empty values are left out."""
        values = [
            ("property", "og:title", self.title),
            ("property", "og:description", self.description),
            ("property", "og:type", self.type),
            ("property", "og:url", self.url or ""),
            ("property", "og:site_name", self.site_name),
            ("name", "twitter:card", "summary"),
        ]
        return [value for value in values if value[2]]


@dataclass(frozen=True)
class Head:
    json_ld: dict[str, Any]
    open_graph: OpenGraph
    feeds: tuple[FeedLink, ...] = ()

    def html(self) -> str:
        tags = [
            '<link rel="alternate" type="application/atom+xml" '
            f'title="{meta_text(feed.title)}" href="{html.escape(feed.href)}">'
            for feed in self.feeds
        ]
        tags += [
            f'<meta {attribute}="{name}" content="{_content(name, content)}">'
            for attribute, name, content in self.open_graph.properties()
        ]
        tags.append(f'<script type="application/ld+json">{script_json(self.json_ld)}</script>')
        return "\n".join(tags)


def _content(name: str, content: str) -> str:
    # A URL was built by briefsite; text may be a contributor's.
    return html.escape(content) if name == "og:url" else meta_text(content)
