"""What a reader can search for, engine-neutral: one record per brief and per actor page.

A record says which texts are searched and how much each weighs, which filters a result can be
narrowed by, and which parts of the page are results of their own (each quote, at its anchor on
the brief's page). A search engine's spelling of records lives in the dialect; index pages
have no record, since they list every brief and would match every query.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from briefsite import layout
from briefsite.index import SiteIndex
from briefsite.model import Actor
from briefsite.resolve import ResolvedBrief
from briefsite.sanitize import MarkdownRenderer

TITLE_WEIGHT = 8.0
"""A word of a page's title or an actor's alias counts eight times a word of its summary."""
ALIAS_WEIGHT = 8.0
QUOTE_WEIGHT = 2.0
"""A quote is what a researcher most often pastes: it outweighs the summary around it."""
TEXT_WEIGHT = 1.0
NAMES_WEIGHT = 0.5
"""Names of the actors in a brief: found, but below briefs whose text is about the query."""

SETTINGS = ("auto", "material", "pagefind")
"""Which search answers the theme's search box (the `search` setting; docs/search.md)."""
PAGEFIND_FROM = 250
"""`auto` turns to Pagefind at this many briefs. Below it the theme's own index, which every
reader downloads whole before a first result, stays well under 300 kB compressed."""

FILTERS = ("actor", "tag", "year", "publisher", "type")
"""Every filter a record may carry, in the order a search box offers them."""


def uses_pagefind(setting: str, briefs: int) -> bool:
    """Whether a site of `briefs` briefs with this `search` setting is searched by Pagefind."""
    return setting == "pagefind" or (setting == "auto" and briefs >= PAGEFIND_FROM)


def quote_anchor(number: int) -> str:
    """The id of a page's `number`th quote (from 1): where its search result leads."""
    return f"quote-{number}"


@dataclass(frozen=True)
class Text:
    text: str
    weight: float = TEXT_WEIGHT


@dataclass(frozen=True)
class Section:
    """A part of the page that is a result of its own, at `anchor` on the page."""

    anchor: str
    title: str
    text: str
    weight: float = QUOTE_WEIGHT
    title_weight: float = NAMES_WEIGHT
    """The section's title names its speaker: found, like the names of a brief's actors."""


@dataclass(frozen=True)
class SearchRecord:
    page: str
    """The page's source path (`layout`), e.g. `briefs/2024-02-09-x.md`."""
    title: str
    texts: tuple[Text, ...]
    """What else is searched on the page, after its title."""
    title_weight: float = TITLE_WEIGHT
    sections: tuple[Section, ...] = ()
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Filter name (one of `FILTERS`) and this record's values for it."""
    kind: str = "brief"
    """`brief` or `actor`: shown with the result."""


def search_records(
    index: SiteIndex, markdown: MarkdownRenderer | None = None
) -> Iterator[SearchRecord]:
    """One record per brief, then per actor, in the index's stable order."""
    markdown = markdown or MarkdownRenderer(index.links)
    for item in index.briefs:
        yield _brief_record(item, index, markdown)
    for actor in index.actors.values():
        yield _actor_record(actor, markdown)


def _brief_record(
    item: ResolvedBrief, index: SiteIndex, markdown: MarkdownRenderer
) -> SearchRecord:
    brief = item.brief
    cast = [index.actors[member.actor_id] for member in item.cast]
    names = " · ".join(actor.name for actor in cast)
    sections = tuple(
        Section(quote_anchor(number), f"Quote by {index.actors[quoted.actor_id].name}", text)
        for number, quoted in enumerate(item.quotes, start=1)
        if (text := quoted.quote.text.strip())
    )
    filters = {
        "actor": sorted({actor.name for actor in cast}),
        "tag": sorted(set(brief.tags)),
        "year": [str(brief.date.year)],
        "publisher": [brief.source.publisher] if brief.source.publisher else [],
        "type": sorted({actor.type for actor in cast if actor.type}),
    }
    return SearchRecord(
        page=layout.brief_page(brief.id),
        title=brief.title,
        texts=(Text(markdown.to_plain(brief.summary)), Text(names, NAMES_WEIGHT)),
        sections=sections,
        filters=_filters(filters),
        kind="brief",
    )


def _actor_record(actor: Actor, markdown: MarkdownRenderer) -> SearchRecord:
    texts = [Text(alias, ALIAS_WEIGHT) for alias in actor.aliases]
    texts += [Text(actor.description or "")]
    texts += [Text(markdown.to_plain(actor.profile))] if actor.profile.strip() else []
    filters = {"actor": [actor.name], "type": [actor.type] if actor.type else []}
    return SearchRecord(
        page=layout.actor_page(actor.id),
        title=actor.name,
        texts=tuple(text for text in texts if text.text.strip()),
        filters=_filters(filters),
        kind="actor",
    )


def _filters(values: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((name, tuple(values[name])) for name in FILTERS if values.get(name))
