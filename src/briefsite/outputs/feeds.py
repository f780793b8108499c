"""Atom feeds of the whole site and of each actor, tag and publisher, written from the index.

Every date in a feed is a brief's date, never the time of the build, so two builds of the
same briefs give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from briefsite import characters, layout
from briefsite.index import SiteIndex
from briefsite.memo import Memo
from briefsite.outputs import OutputFile
from briefsite.resolve import ResolvedBrief
from briefsite.sanitize import MarkdownRenderer
from briefsite.urls import UrlPolicy

FEED_ENTRIES = 50
"""Each feed lists the latest briefs only: a reader polls for what is new, not the archive."""
UNNAMED_SITE = "Briefs"
EMPTY_FEED_DATE = date(1970, 1, 1)
"""`updated` of a feed on a site without briefs: Atom requires one, and it must not be now."""


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (lxml refuses them).

    Contributor text has lost them already as it was read; this also covers text from
    elsewhere, such as the site's name.
    """
    return characters.clean(text)[0]


@dataclass(frozen=True)
class _Feed:
    path: str
    title: str
    briefs: Sequence[ResolvedBrief]
    """Newest first."""
    page: str | None = None
    """The page this feed follows, when there is one."""


def feed_files(
    index: SiteIndex,
    urls: UrlPolicy,
    site_name: str,
    markdown: MarkdownRenderer | None = None,
    memo: Memo[OutputFile] | None = None,
) -> list[OutputFile]:
    """Every feed, in a stable order: the site's, then each actor's, tag's and publisher's.

    `memo`, kept by the caller between builds, gives back each feed whose briefs, title and
    links are the same as last time (see `memo`)."""
    # Atom requires a title; a core caller need not name the site.
    site_name = xml_text(site_name).strip() or UNNAMED_SITE
    writer = _FeedWriter(index, urls, site_name, markdown or MarkdownRenderer(index.links, urls))
    if memo is None:
        return [writer.write(feed) for feed in _feeds(index, site_name)]
    # What any feed may show besides its own briefs: actors' names, summaries' links, URLs.
    actors = tuple(index.actors.items())
    memo.start((urls, site_name, writer.markdown, actors, writer.site_updated))
    feeds = _feeds(index, site_name)
    files = [
        memo.get(feed.path, feed, partial(writer.write, feed), writer.markdown) for feed in feeds
    ]
    memo.finish()
    return files


def _feeds(index: SiteIndex, site_name: str) -> Iterator[_Feed]:
    yield _Feed(layout.SITE_FEED, site_name, index.briefs, layout.HOME)
    by_id = {item.brief.id: item for item in index.briefs}
    for actor in index.actors.values():
        appearances = index.appearances.get(actor.id, ())
        yield _Feed(
            layout.actor_feed(actor.id),
            f"{actor.name} — {site_name}",
            [by_id[appearance.brief.id] for appearance in appearances],
            layout.actor_page(actor.id),
        )
    for tag in index.tags.values():
        title = f"Tag: {tag.name} — {site_name}"
        yield _Feed(layout.tag_feed(tag.slug), title, tag.briefs, layout.tag_page(tag.slug))
    for publisher in index.publishers.values():
        path = layout.publisher_feed(publisher.slug)
        page = layout.publisher_page(publisher.slug)
        yield _Feed(path, f"{publisher.name} — {site_name}", publisher.briefs, page)


class _FeedWriter:
    def __init__(
        self, index: SiteIndex, urls: UrlPolicy, site_name: str, markdown: MarkdownRenderer
    ) -> None:
        self.index = index
        self.urls = urls
        self.author = site_name
        self.markdown = markdown
        # A brief is in several feeds (the site's, each actor's, …): its entry is made once.
        self.entries: dict[str, FeedEntry] = {}
        newest = index.briefs[0].brief.date if index.briefs else EMPTY_FEED_DATE
        self.site_updated = _timestamp(newest)

    def write(self, feed: _Feed) -> OutputFile:
        url = self.urls.absolute(feed.path)
        generator = FeedGenerator()
        generator.id(url)
        generator.title(xml_text(feed.title))
        generator.author({"name": self.author})
        generator.link(href=url, rel="self", type="application/atom+xml")
        if feed.page is not None:
            generator.link(href=self.urls.absolute(feed.page), rel="alternate", type="text/html")
        # Named without a version, so that upgrading the library does not change the bytes.
        generator.generator("briefsite")
        latest = feed.briefs[:FEED_ENTRIES]
        # An empty feed was last updated when the site was.
        generator.updated(_timestamp(latest[0].brief.date) if latest else self.site_updated)
        for item in latest:
            generator.add_entry(self._entry(item), order="append")
        return OutputFile(feed.path, generator.atom_str(pretty=True))

    def _entry(self, item: ResolvedBrief) -> FeedEntry:
        brief = item.brief
        # Rendered (from the renderer's cache) for an entry made already too: the targets of
        # the summary's prose links are then recorded for each feed showing it (`memo`).
        summary = self.markdown.to_html(brief.summary)
        if brief.id in self.entries:
            return self.entries[brief.id]
        url = self.urls.absolute(layout.brief_page(brief.id))
        entry = FeedEntry()
        entry.id(url)
        entry.title(xml_text(brief.title))
        # Written with its href only (see _SourceLink): rel "alternate" is Atom's default.
        entry.link(href=url, rel="alternate")
        entry.register_extension("source_link", _SourceLink, rss=False)
        entry.source_link.attributes = _source_link(item)
        entry.published(_timestamp(brief.date))
        entry.updated(_timestamp(brief.date))
        entry.summary(xml_text(summary), type="html")
        for member in item.cast:
            name = self.index.actors[member.actor_id].name
            entry.category(term=member.actor_id, label=xml_text(name))
        self.entries[brief.id] = entry
        return entry


class _SourceLink:
    """Adds an entry's `related` link to its source, as a feedgen entry extension.

    feedgen 1.0 writes an entry's links with their href only, dropping rel, type and
    title: a `related` link made with `FeedEntry.link` would read as a second alternate.
    """

    def __init__(self) -> None:
        self.attributes: dict[str, str] = {}

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_atom(self, entry: Any) -> Any:
        entry.append(entry.makeelement("link", self.attributes))
        return entry


def _source_link(item: ResolvedBrief) -> dict[str, str]:
    source = item.brief.source
    title = {"title": xml_text(source.publisher)} if source.publisher else {}
    return {"href": xml_text(source.url), "rel": "related", **title}


def _timestamp(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
