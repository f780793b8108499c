"""`briefsite new --url`: what the page says about itself, and the registered actors it names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from briefsite.model import Actor
from briefsite.provenance.cache import Cache
from briefsite.provenance.extract import PageMetadata, article_text, decode, is_html, page_metadata
from briefsite.provenance.fetch import Fetcher, Outcome
from briefsite.slugs import slug

MAX_SUGGESTIONS = 20


@dataclass(frozen=True)
class Page:
    metadata: PageMetadata = field(default_factory=PageMetadata)
    text: str = ""
    failure: str = ""
    """Why nothing could be read from the page; empty when it could."""


def read_page(url: str, fetcher: Fetcher, cache: Cache) -> Page:
    """Fetch `url` once (the raw page is kept in the cache) and read its metadata and text."""
    fetched = fetcher.fetch(url)
    if fetched.outcome is not Outcome.OK:
        return Page(failure=fetched.reason)
    cache.put_raw(fetched.body)
    if not is_html(fetched.content_type, fetched.body):
        return Page(failure="not a web page")
    html = decode(fetched.body, fetched.content_type)
    return Page(page_metadata(html, fetched.final_url), article_text(html))


def named_actors(actors: Iterable[Actor], text: str) -> list[tuple[Actor, int]]:
    """Registered actors whose name or an alias appears in `text`, most named first.

    Words are compared like actor names are (case, diacritics and apostrophes aside)."""
    words = slug(text, max_length=0).lower().split("-")
    starts: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        starts.setdefault(word, []).append(index)
    found = []
    for actor in actors:
        hits = {
            at
            for spelling, _where in actor.spellings()
            for at in _occurrences(slug(spelling).lower().split("-"), words, starts)
        }
        if hits:
            found.append((actor, len(hits)))
    found.sort(key=lambda pair: (-pair[1], pair[0].name.casefold()))
    return found[:MAX_SUGGESTIONS]


def _occurrences(needle: list[str], words: list[str], starts: dict[str, list[int]]) -> list[int]:
    if not needle or not needle[0]:
        return []
    return [at for at in starts.get(needle[0], []) if words[at : at + len(needle)] == needle]


def prefill(url: str, actors: Iterable[Actor], cache: Cache) -> tuple[Page, list[tuple[str, int]]]:
    """The page at `url` read once, and the registered actors it names with their counts."""
    fetcher = Fetcher()
    try:
        page = read_page(url, fetcher, cache)
    finally:
        fetcher.close()
    named = [(actor.name, count) for actor, count in named_actors(actors, page.text)]
    return page, named
