"""How the index pages group and order briefs and actors: plain data for the templates."""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefsite.index import Appearance, Group
from briefsite.model import Actor, Brief
from briefsite.resolve import ResolvedBrief, ResolvedQuote
from briefsite.slugs import slug

TYPE_LABELS = {
    "person": "Persons",
    "organization": "Organizations",
    "armed group": "Armed groups",
    "state": "States",
    "government": "Governments",
    "media outlet": "Media outlets",
    "other": "Other actors",
}
"""The heading of each actor type's list (`frontmatter.ACTOR_TYPES`), in that order."""
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
"""Month names in English, whatever the machine's locale."""


YEAR_PAGE_BRIEFS = 300
YEAR_PAGE_QUOTES = 150
"""At most this many briefs and quotes on one page of an actor's year: a year in which an
actor is named a thousand times takes several pages, each light."""


@dataclass(frozen=True)
class ActorYear:
    """One year of a prolific actor's briefs and quotes, on pages of its own."""

    year: int
    appearances: tuple[Appearance, ...]
    quotes: tuple[tuple[Brief, ResolvedQuote], ...]
    pages: int = 1
    """How many pages the whole year takes."""
    page: int = 0
    """0 for the whole year; else which of its pages this is, from 1."""

    @property
    def quote_pages(self) -> int:
        """How many of the whole year's pages carry quotes."""
        return -(-len(self.quotes) // YEAR_PAGE_QUOTES)

    def each_page(self) -> list[ActorYear]:
        """The year's pages, in order, each with its own briefs and quotes."""
        return [self.on_page(number) for number in range(1, self.pages + 1)]

    def on_page(self, page: int) -> ActorYear:
        """The briefs and quotes of the year's page `page` (from 1)."""
        briefs = (page - 1) * YEAR_PAGE_BRIEFS
        quotes = (page - 1) * YEAR_PAGE_QUOTES
        return replace(
            self,
            appearances=self.appearances[briefs : briefs + YEAR_PAGE_BRIEFS],
            quotes=self.quotes[quotes : quotes + YEAR_PAGE_QUOTES],
            page=page,
        )


def alphabetical(actors: list[Actor]) -> list[tuple[str, list[Actor]]]:
    groups: dict[str, list[Actor]] = {}
    for actor in actors:
        initial = (slug(actor.name)[:1] or "#").upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(actor)
    return sorted(groups.items())


def by_type(actors: list[Actor]) -> list[tuple[str, str, list[Actor]]]:
    """(slug, heading, actors in the given order) of each actor type that has actors."""
    found: dict[str, list[Actor]] = {}
    for actor in actors:
        if actor.type in TYPE_LABELS:
            found.setdefault(actor.type, []).append(actor)
    return [
        (slug(kind), label, found[kind]) for kind, label in TYPE_LABELS.items() if kind in found
    ]


def by_name(groups: dict[str, Group]) -> list[Group]:
    return sorted(groups.values(), key=lambda group: (group.name.casefold(), group.slug))


def archive_years(
    months: dict[str, tuple[ResolvedBrief, ...]],
) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """Newest year first, each with its months (key, name, count) newest first."""
    years: dict[str, list[tuple[str, str, int]]] = {}
    for month in reversed(months):
        years.setdefault(month[:4], []).append((month, month_name(month), len(months[month])))
    return list(years.items())


def month_name(month: str) -> str:
    """`2024-02` → `February 2024`, whatever the machine's locale."""
    return f"{MONTHS[int(month[5:]) - 1]} {month[:4]}"


def actor_years(
    appearances: tuple[Appearance, ...], quotes: tuple[tuple[Brief, ResolvedQuote], ...]
) -> list[ActorYear]:
    """Every year of an actor's briefs and quotes, newest first (both come newest first)."""
    by_year: dict[int, tuple[list[Appearance], list[tuple[Brief, ResolvedQuote]]]] = {}
    for appearance in appearances:
        by_year.setdefault(appearance.brief.date.year, ([], []))[0].append(appearance)
    for quote in quotes:
        by_year.setdefault(quote[0].date.year, ([], []))[1].append(quote)
    return [
        ActorYear(year, tuple(found), tuple(said), _pages(len(found), len(said)))
        for year, (found, said) in sorted(by_year.items(), reverse=True)
    ]


def _pages(briefs: int, quotes: int) -> int:
    return max(1, -(-briefs // YEAR_PAGE_BRIEFS), -(-quotes // YEAR_PAGE_QUOTES))
