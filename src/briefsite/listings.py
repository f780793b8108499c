"""How the index pages group and order briefs and actors: plain data for the templates."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class ActorYear:
    """One year of a prolific actor's briefs and quotes, on a page of its own."""

    year: int
    appearances: tuple[Appearance, ...]
    quotes: tuple[tuple[Brief, ResolvedQuote], ...]


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
        ActorYear(year, tuple(found), tuple(said))
        for year, (found, said) in sorted(by_year.items(), reverse=True)
    ]
