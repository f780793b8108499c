"""Cross-references between briefs and actors. Pure functions, linear in the number of mentions."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from briefsite.model import Actor, Brief, Quote
from briefsite.prose import LinkTarget
from briefsite.provenance.marks import QuoteCheck, SourceCheck
from briefsite.resolve import Resolution, ResolvedBrief, ResolvedQuote
from briefsite.slugs import slug

RELATED_BRIEFS = 5
CO_ACTORS = 10
RELATED_WINDOW = 25
"""Per shared actor, only this many briefs nearest in time are candidates for "related":
a brief about a prolific actor must not be compared with all of that actor's briefs."""


@dataclass(frozen=True)
class Appearance:
    brief: Brief
    role: str | None


@dataclass(frozen=True)
class Relation:
    actor_id: str
    relation: str
    outgoing: bool
    """True when the owner declared it; False when the other actor did."""


@dataclass(frozen=True)
class Group:
    """The briefs that share a tag or a publisher; spellings with one slug are one group."""

    slug: str
    name: str
    """As the newest brief in the group spells it."""
    briefs: tuple[ResolvedBrief, ...]
    """Newest first."""


@dataclass(frozen=True)
class SiteIndex:
    briefs: tuple[ResolvedBrief, ...]
    """Newest first."""
    actors: dict[str, Actor]
    appearances: dict[str, tuple[Appearance, ...]]
    quotes: dict[str, tuple[tuple[Brief, ResolvedQuote], ...]]
    co_actors: dict[str, tuple[tuple[str, int], ...]]
    related: dict[str, tuple[Brief, ...]]
    timeline: dict[str, tuple[tuple[str, int], ...]]
    relations: dict[str, tuple[Relation, ...]]
    tags: dict[str, Group]
    """By slug."""
    publishers: dict[str, Group]
    """By slug; briefs whose source names no publisher are in none."""
    links: Mapping[str, LinkTarget] = field(default_factory=dict)
    """Where each target written in prose leads (see `Resolution.links`)."""
    quote_checks: Mapping[Quote, QuoteCheck] = field(default_factory=dict)
    source_checks: Mapping[str, SourceCheck] = field(default_factory=dict)
    """The last `briefsite verify` verdict of each brief's source, by brief id."""
    """The last `briefsite verify` verdict of each quote; a quote never checked has none."""

    def actors_by_name(self) -> list[Actor]:
        return sorted(self.actors.values(), key=lambda actor: (actor.name.casefold(), actor.id))


def build_index(resolution: Resolution) -> SiteIndex:
    newest_first = tuple(
        sorted(resolution.briefs, key=lambda item: (item.brief.date, item.brief.id), reverse=True)
    )
    appearances: dict[str, list[Appearance]] = defaultdict(list)
    quotes: dict[str, list[tuple[Brief, ResolvedQuote]]] = defaultdict(list)
    for item in newest_first:
        for member in item.cast:
            appearances[member.actor_id].append(Appearance(item.brief, member.role))
        for quote in item.quotes:
            quotes[quote.actor_id].append((item.brief, quote))
    return SiteIndex(
        briefs=newest_first,
        actors=resolution.actors,
        appearances={key: tuple(value) for key, value in appearances.items()},
        quotes={key: tuple(value) for key, value in quotes.items()},
        co_actors=_co_actors(newest_first),
        related=_related(newest_first, appearances),
        timeline={key: _timeline(value) for key, value in appearances.items()},
        relations=_relations(resolution.actors),
        tags=_groups(newest_first, lambda brief: brief.tags),
        publishers=_groups(newest_first, _publisher),
        links=resolution.links,
    )


def _co_actors(briefs: tuple[ResolvedBrief, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for item in briefs:
        ids = [member.actor_id for member in item.cast]
        for actor_id in ids:
            counts[actor_id].update(other for other in ids if other != actor_id)
    return {
        actor_id: tuple(sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))[:CO_ACTORS])
        for actor_id, counter in counts.items()
    }


def _related(
    briefs: tuple[ResolvedBrief, ...], appearances: dict[str, list[Appearance]]
) -> dict[str, tuple[Brief, ...]]:
    # Each actor's briefs oldest first, to find the ones nearest in time by bisection.
    timelines = {
        actor_id: [appearance.brief for appearance in reversed(items)]
        for actor_id, items in appearances.items()
    }
    keys = {actor_id: [(b.date, b.id) for b in items] for actor_id, items in timelines.items()}
    related: dict[str, tuple[Brief, ...]] = {}
    for item in briefs:
        brief = item.brief
        shared: Counter[str] = Counter()
        by_id: dict[str, Brief] = {}
        for member in item.cast:
            timeline = timelines[member.actor_id]
            at = bisect_left(keys[member.actor_id], (brief.date, brief.id))
            low = max(0, at - RELATED_WINDOW)
            for other in timeline[low : at + RELATED_WINDOW + 1]:
                if other.id != brief.id:
                    shared[other.id] += 1
                    by_id[other.id] = other
        ranked = sorted(
            shared,
            key=lambda other_id: (
                -shared[other_id],
                abs((by_id[other_id].date - brief.date).days),
                other_id,
            ),
        )
        related[brief.id] = tuple(by_id[other_id] for other_id in ranked[:RELATED_BRIEFS])
    return related


def _timeline(appearances: list[Appearance]) -> tuple[tuple[str, int], ...]:
    months = Counter(appearance.brief.date.strftime("%Y-%m") for appearance in appearances)
    return tuple(sorted(months.items()))


def _relations(actors: dict[str, Actor]) -> dict[str, tuple[Relation, ...]]:
    relations: dict[str, list[Relation]] = defaultdict(list)
    for actor in actors.values():
        for affiliation in actor.affiliations:
            if affiliation.actor not in actors:
                continue
            relations[actor.id].append(Relation(affiliation.actor, affiliation.relation, True))
            relations[affiliation.actor].append(Relation(actor.id, affiliation.relation, False))
    return {key: tuple(value) for key, value in relations.items()}


def _publisher(brief: Brief) -> tuple[str, ...]:
    return (brief.source.publisher,) if brief.source.publisher else ()


def _groups(
    briefs: tuple[ResolvedBrief, ...], labels: Callable[[Brief], Iterable[str]]
) -> dict[str, Group]:
    names: dict[str, str] = {}
    members: dict[str, list[ResolvedBrief]] = defaultdict(list)
    for item in briefs:
        # "Red Sea" and "red sea" in one brief put it in the group once.
        keys: dict[str, str] = {}
        for label in labels(item.brief):
            keys.setdefault(slug(label), label)
        for key, label in keys.items():
            # A label without letters or digits has no slug, hence no URL: it is no group.
            if key:
                names.setdefault(key, label)
                members[key].append(item)
    return {key: Group(key, names[key], tuple(members[key])) for key in sorted(members)}
