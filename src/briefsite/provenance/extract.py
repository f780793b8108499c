"""A fetched page → its article text and its own metadata (title, date, author, outlet).

The text is what quotes are checked against: navigation, related links and comments
around the article are left out, so a quote cannot be "verified" by a reader's comment.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version

from lxml import etree

EXTRACTOR = f"trafilatura {version('trafilatura')}"
"""Recorded with the evidence: another extractor may cut another text from the same page."""

_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_SNIFF_BYTES = 4096
_MAX_METADATA = 300


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself; any of it may be missing."""

    title: str | None = None
    date: date | None = None
    author: str | None = None
    publisher: str | None = None


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def is_html(content_type: str, body: bytes) -> bool:
    kind = media_type(content_type)
    if kind not in _HTML_TYPES:
        return False
    # Servers mislabel files; a NUL byte near the start is no web page.
    return b"\x00" not in body[:_SNIFF_BYTES]


def decode(body: bytes, content_type: str) -> str:
    """Bytes → text by the charset of the header, else of `<meta charset>`, else UTF-8;
    undecodable bytes become U+FFFD rather than an exception."""
    for candidate in (_header_charset(content_type), _meta_charset(body)):
        if candidate and _known(candidate):
            return body.decode(candidate, errors="replace")
    return body.decode("utf-8", errors="replace")


def article_text(html: str) -> str:
    """The article's text, paragraphs separated by newlines; empty when there is none
    (a paywall, a page drawn by scripts, a file that is no article)."""
    import trafilatura  # a tenth of a second: only `verify` and `new --url` pay for it

    try:
        text = trafilatura.extract(
            html,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            deduplicate=False,
            # "Please enable JavaScript" is never the article.
            prune_xpath="//noscript",
        )
    except (etree.LxmlError, ValueError, TypeError, RecursionError):
        return ""
    return text or ""


def page_metadata(html: str, url: str) -> PageMetadata:
    """Title, date, author and publisher from Open Graph, JSON-LD and `<meta>` tags."""
    import trafilatura

    try:
        found = trafilatura.extract_metadata(html, default_url=url)
    except (etree.LxmlError, ValueError, TypeError, RecursionError):
        return PageMetadata()
    return PageMetadata(
        title=_short(found.title),
        date=_date(found.date),
        author=_short(found.author),
        publisher=_short(found.sitename),
    )


def _header_charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return None


def _meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:_SNIFF_BYTES])
    return found.group(1).decode("ascii") if found else None


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def _short(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text[:_MAX_METADATA] or None


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
