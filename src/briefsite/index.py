"""Cross-references between briefs and actors. Pure functions, linear in the number of mentions."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from briefsite.model import Actor, Brief, Quote
from briefsite.prose import LinkTarget
from briefsite.provenance.marks import QuoteCheck, SourceCheck
from briefsite.resolve import Resolution, ResolvedBrief, ResolvedQuote
from briefsite.slugs import slug

RELATED_BRIEFS = 5
CO_ACTORS = 10
GROUP_ACTORS = 10
"""How many of its most present actors a tag or publisher page names."""
RELATED_WINDOW = 25
"""Per shared actor or tag, only this many briefs nearest in time on either side are
candidates for "related": a brief about a prolific actor or a common tag must not be
compared with all of that actor's or tag's briefs, so ranking stays near-linear."""


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
    actors: tuple[tuple[str, int], ...] = ()
    """The actors most present in the group (mentioned under a tag, quoted by a publisher),
    each with its count, most first."""


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
    months: dict[str, tuple[ResolvedBrief, ...]] = field(default_factory=dict)
    """The briefs of each month (`YYYY-MM`), newest first; months in order."""
    links: Mapping[str, LinkTarget] = field(default_factory=dict)
    """Where each target written in prose leads (see `Resolution.links`)."""
    quote_checks: Mapping[Quote, QuoteCheck] = field(default_factory=dict)
    source_checks: Mapping[str, SourceCheck] = field(default_factory=dict)
    """The last `briefsite verify` verdict of each brief's source, by brief id."""
    """The last `briefsite verify` verdict of each quote; a quote never checked has none."""

    def actors_by_name(self) -> list[Actor]:
        return sorted(self.actors.values(), key=lambda actor: (actor.name.casefold(), actor.id))

    def quote_count(self) -> int:
        return sum(len(quotes) for quotes in self.quotes.values())

    def latest_quotes(self, count: int) -> list[tuple[Brief, ResolvedQuote]]:
        """The quotes of the newest briefs, in the order each brief gives them."""
        found: list[tuple[Brief, ResolvedQuote]] = []
        for item in self.briefs:
            if len(found) >= count:
                break
            found += [(item.brief, quote) for quote in item.quotes]
        return found[:count]

    def most_mentioned_in_latest_month(self, count: int) -> tuple[str, tuple[tuple[str, int], ...]]:
        """The latest month with briefs, and its most mentioned actors with their counts."""
        if not self.months:
            return "", ()
        month = max(self.months)
        mentions = Counter(m.actor_id for item in self.months[month] for m in item.cast)
        return month, _most(mentions, count)


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
        related=_related(newest_first),
        timeline={key: _timeline(value) for key, value in appearances.items()},
        relations=_relations(resolution.actors),
        tags=_groups(newest_first, lambda brief: brief.tags, _mentioned),
        publishers=_groups(newest_first, _publisher, _quoted),
        months=_months(newest_first),
        links=resolution.links,
    )


def _most(counter: Counter[str], count: int) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))[:count])


def _co_actors(briefs: tuple[ResolvedBrief, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for item in briefs:
        ids = [member.actor_id for member in item.cast]
        for actor_id in ids:
            counts[actor_id].update(other for other in ids if other != actor_id)
    return {actor_id: _most(counter, CO_ACTORS) for actor_id, counter in counts.items()}


def _related(briefs: tuple[ResolvedBrief, ...]) -> dict[str, tuple[Brief, ...]]:
    """Each brief's related briefs: most shared actors and tags (one point each), then
    nearest in time. Candidates are the briefs nearest in time under each shared actor
    or tag (`RELATED_WINDOW`), so the work grows with the briefs, not their square."""
    features = {item.brief.id: _features(item) for item in briefs}
    # The briefs of each actor and tag, oldest first, to find the nearest by bisection.
    members: dict[str, list[Brief]] = defaultdict(list)
    for item in reversed(briefs):
        for feature in features[item.brief.id]:
            members[feature].append(item.brief)
    keys = {feature: [(b.date, b.id) for b in found] for feature, found in members.items()}
    related: dict[str, tuple[Brief, ...]] = {}
    for item in briefs:
        brief, own = item.brief, features[item.brief.id]
        candidates: dict[str, Brief] = {}
        for feature in own:
            at = bisect_left(keys[feature], (brief.date, brief.id))
            low = max(0, at - RELATED_WINDOW)
            candidates.update((b.id, b) for b in members[feature][low : at + RELATED_WINDOW + 1])
        candidates.pop(brief.id, None)
        ranked = sorted(
            candidates.values(),
            key=lambda other: (
                -len(own & features[other.id]),
                abs((other.date - brief.date).days),
                other.id,
            ),
        )
        related[brief.id] = tuple(ranked[:RELATED_BRIEFS])
    return related


def _features(item: ResolvedBrief) -> frozenset[str]:
    """What two briefs can share: actors (by id) and tags (by slug), kept apart by a prefix."""
    actors = {f"actor:{member.actor_id}" for member in item.cast}
    tags = {f"tag:{slug(tag)}" for tag in item.brief.tags if slug(tag)}
    return frozenset(actors | tags)


def month_key(day: date) -> str:
    """`YYYY-MM`, four digits for the year even before 1000 (`strftime` gives `1-01` there)."""
    return f"{day.year:04d}-{day.month:02d}"


def _months(briefs: tuple[ResolvedBrief, ...]) -> dict[str, tuple[ResolvedBrief, ...]]:
    months: dict[str, list[ResolvedBrief]] = defaultdict(list)
    for item in briefs:
        months[month_key(item.brief.date)].append(item)
    return {month: tuple(months[month]) for month in sorted(months)}


def _timeline(appearances: list[Appearance]) -> tuple[tuple[str, int], ...]:
    months = Counter(month_key(appearance.brief.date) for appearance in appearances)
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


def _mentioned(item: ResolvedBrief) -> Iterable[str]:
    return (member.actor_id for member in item.cast)


def _quoted(item: ResolvedBrief) -> Iterable[str]:
    return (quote.actor_id for quote in item.quotes)


def _groups(
    briefs: tuple[ResolvedBrief, ...],
    labels: Callable[[Brief], Iterable[str]],
    present: Callable[[ResolvedBrief], Iterable[str]],
) -> dict[str, Group]:
    """`present` says which actors of a brief count towards its group's most present."""
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
    return {
        key: Group(
            key, names[key], tuple(found), _most(Counter(_each(found, present)), GROUP_ACTORS)
        )
        for key, found in sorted(members.items())
    }


def _each(
    briefs: list[ResolvedBrief], present: Callable[[ResolvedBrief], Iterable[str]]
) -> Iterator[str]:
    for item in briefs:
        yield from present(item)
