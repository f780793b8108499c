"""The domain: briefs, actors and quotes as read from files. Typed, immutable, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from briefsite.urls import archive_date, wikidata_url


@dataclass(frozen=True, order=True)
class Location:
    """Where something was written: path relative to the site root, 1-based line and column."""

    path: str
    line: int
    column: int = 1


@dataclass(frozen=True)
class Source:
    url: str
    publisher: str | None = None
    author: str | None = None
    published: date | None = None
    archive_url: str | None = None
    location: Location | None = None
    """Where the source's address was written."""

    @property
    def archive_date(self) -> date | None:
        """When the archived copy was made, where its address says."""
        return archive_date(self.archive_url) if self.archive_url else None


@dataclass(frozen=True)
class Mention:
    """An actor named in a brief, as the brief spells it."""

    name: str
    role: str | None
    location: Location


@dataclass(frozen=True)
class Quote:
    by: str
    text: str
    context: str | None
    location: Location


@dataclass(frozen=True)
class ProseLink:
    """A `[[target]]` or `[[target|text]]` written in a summary, a body or a profile."""

    target: str
    """As written, white space folded: a name, an alias, an actor id or a brief id."""
    text: str | None
    location: Location
    """Where its `[[` is in the file."""

    def __str__(self) -> str:
        return f"[[{self.target}|{self.text}]]" if self.text else f"[[{self.target}]]"


@dataclass(frozen=True)
class FormerId:
    """An id a brief or actor had before its file was renamed: its old URL redirects."""

    id: str
    location: Location


@dataclass(frozen=True)
class Brief:
    id: str
    title: str
    date: date
    source: Source
    summary: str
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    tags: tuple[str, ...]
    body: str
    location: Location
    redirect_from: tuple[FormerId, ...] = ()
    """Ids this brief had before a rename."""
    prose_links: tuple[ProseLink, ...] = ()
    """Links written in the summary and the body, in that order."""


@dataclass(frozen=True)
class Affiliation:
    """`actor` is another registered actor's id; `relation` reads from the owner's side."""

    actor: str
    relation: str
    location: Location


@dataclass(frozen=True)
class Actor:
    """A registered actor (from `briefs/actors/`) or an implicit one made from a mention."""

    id: str
    name: str
    location: Location
    registered: bool = True
    type: str | None = None
    aliases: tuple[str, ...] = ()
    alias_locations: tuple[Location, ...] = ()
    """Where each alias was written, in the order of `aliases`."""
    description: str | None = None
    wikidata: str | None = None
    links: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    profile: str = ""
    redirect_from: tuple[FormerId, ...] = ()
    """Ids this actor had before a rename."""
    prose_links: tuple[ProseLink, ...] = ()
    """Links written in the profile."""

    @property
    def wikidata_url(self) -> str | None:
        return wikidata_url(self.wikidata) if self.wikidata else None

    def spellings(self) -> tuple[tuple[str, Location], ...]:
        """The name and every alias, each with where it was written."""
        alias_locations = self.alias_locations or (self.location,) * len(self.aliases)
        return ((self.name, self.location), *zip(self.aliases, alias_locations, strict=True))
