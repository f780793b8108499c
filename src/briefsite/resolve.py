"""Mentions → actors: by id, name or alias after normalisation, else an implicit actor."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from briefsite import layout
from briefsite.errors import Problem, error, warning
from briefsite.model import Actor, Brief, Location, Mention, ProseLink, Quote
from briefsite.prose import LinkTarget
from briefsite.slugs import name_key, slug

RESERVED_IDS = frozenset({"index"})
"""Ids that would overwrite a generated index page."""


@dataclass(frozen=True)
class CastMember:
    actor_id: str
    role: str | None
    spelled_as: str
    """The name as this brief wrote it: exports keep what the source said."""


@dataclass(frozen=True)
class ResolvedQuote:
    quote: Quote
    actor_id: str


@dataclass(frozen=True)
class ResolvedBrief:
    brief: Brief
    cast: tuple[CastMember, ...]
    quotes: tuple[ResolvedQuote, ...]


@dataclass(frozen=True)
class Resolution:
    briefs: tuple[ResolvedBrief, ...]
    actors: dict[str, Actor]
    """Every actor by id, registered and implicit."""
    links: dict[str, LinkTarget] = field(default_factory=dict)
    """Where each target written in prose (`[[...]]`) leads, by `prose.target_key`."""


class _Registry:
    """Name keys → actor ids, filled from registered actors, then grown by implicit ones."""

    def __init__(self) -> None:
        self.by_key: dict[str, str] = {}
        self.written_at: dict[str, Location] = {}
        """Where the spelling that claimed each key was written."""
        self.actors: dict[str, Actor] = {}
        self.problems: list[Problem] = []

    def register(self, actor: Actor) -> None:
        if not self._claim_id(actor):
            return
        for spelling, where in (*actor.spellings(), (actor.id, actor.location)):
            key = name_key(spelling)
            owner = self.by_key.setdefault(key, actor.id)
            self.written_at.setdefault(key, where)
            if owner == actor.id:
                continue
            # Reported at both files, so that a check of either one alone (the pre-commit
            # hook checks the changed files only) shows it.
            first = self.actors[owner]
            self.problems += [
                _at(where, _clash(spelling, first)),
                _at(self.written_at[key], _clash(spelling, actor)),
            ]

    def spellings(self) -> list[str]:
        """Every actor's name and aliases."""
        return [name for actor in self.actors.values() for name, _ in actor.spellings()]

    def lookup_or_create(self, mention: Mention) -> str | None:
        key = name_key(mention.name)
        if not key:
            self.problems.append(
                _at(mention.location, f"actor name '{mention.name}' has no letters or digits")
            )
            return None
        if key in self.by_key:
            return self.by_key[key]
        actor = Actor(
            id=slug(mention.name), name=mention.name, location=mention.location, registered=False
        )
        if not self._claim_id(actor):
            return None
        self.by_key[key] = actor.id
        return actor.id

    def _claim_id(self, actor: Actor) -> bool:
        other = self.actors.get(actor.id)
        problems = id_problems(
            actor.id, "actor", _RENAME, _holder(actor), _holder(other) if other else None
        )
        if not problems:
            self.actors[actor.id] = actor
        self.problems += problems
        return not problems


_RENAME = "rename one of them"


def _holder(actor: Actor) -> IdHolder:
    return IdHolder(f"'{actor.name}' ({actor.location.path}:{actor.location.line})", actor.location)


def _clash(spelling: str, other: Actor) -> str:
    return (
        f"'{spelling}' also names actor '{other.id}' ({other.location.path}); one name, one actor"
    )


@dataclass(frozen=True)
class IdHolder:
    """A file that holds or claims an id: how messages name it, and where it is."""

    name: str
    at: Location


def id_problems(
    claimed: str, kind: str, fix: str, claimant: IdHolder, holder: IdHolder | None
) -> list[Problem]:
    """Why `claimant` cannot have `claimed` as id: it is reserved, or `holder` has it.

    A clash is reported at both places, each naming the other, so that a check of either
    file alone (the pre-commit hook checks the changed files only) shows it.
    """
    if claimed in RESERVED_IDS:
        return [_at(claimant.at, f"'{claimed}' is a reserved id; choose another name")]
    if holder is None:
        return []

    def taken(by: IdHolder) -> str:
        return f"{kind} id '{claimed}' is also the id of {by.name}; two {kind}s, one URL: {fix}"

    return [_at(claimant.at, taken(holder)), _at(holder.at, taken(claimant))]


def _unique_briefs(briefs: Iterable[Brief], problems: list[Problem]) -> list[Brief]:
    """Briefs whose ids are free, in file order; the others become problems, at both files."""
    kept: dict[str, Brief] = {}
    for brief in sorted(briefs, key=lambda brief: brief.location):
        taken = kept.get(brief.id)
        found = id_problems(
            brief.id,
            "brief",
            "rename one file",
            IdHolder(brief.location.path, brief.location),
            IdHolder(taken.location.path, taken.location) if taken else None,
        )
        if not found:
            kept[brief.id] = brief
        problems += found
    return list(kept.values())


def resolve(
    briefs: Iterable[Brief], registered: Iterable[Actor]
) -> tuple[Resolution, list[Problem]]:
    """Resolve every mention and quote; implicit actors take the name of their first mention."""
    registry = _Registry()
    for actor in sorted(registered, key=lambda actor: actor.location):
        registry.register(actor)
    registry.problems += _check_affiliations(registry.actors)
    unique = _unique_briefs(briefs, registry.problems)
    resolved = tuple(
        _resolve_brief(brief, registry)
        for brief in sorted(unique, key=lambda brief: (brief.date, brief.id))
    )
    # Last: a prose link may name an actor that only a later brief mentions.
    links = _resolve_links(resolved, registry)
    return Resolution(resolved, dict(sorted(registry.actors.items())), links), registry.problems


def _resolve_links(resolved: Iterable[ResolvedBrief], registry: _Registry) -> dict[str, LinkTarget]:
    """Every prose link's target, by the brief id it is, else by the rules of mentions.

    A link to an actor that is not among its brief's actors is a warning: a link is not a
    mention, and the reader may expect the actor listed with the brief.
    """
    briefs = {item.brief.id: item.brief for item in resolved}
    targets: dict[str, LinkTarget] = {}
    unknown: list[ProseLink] = []
    for links, cast in (
        *((item.brief.prose_links, {member.actor_id for member in item.cast}) for item in resolved),
        *((actor.prose_links, None) for actor in registry.actors.values()),
    ):
        for link in links:
            target, actor_id = _link_target(link.target, briefs, registry.by_key)
            if target is None:
                unknown.append(link)
                continue
            targets[link.target] = target
            if cast is not None and actor_id is not None and actor_id not in cast:
                registry.problems.append(_not_cast(link, registry.actors[actor_id]))
    registry.problems += _unknown_targets(unknown, [*briefs, *registry.spellings()])
    return targets


def _link_target(
    target: str, briefs: dict[str, Brief], by_key: dict[str, str]
) -> tuple[LinkTarget | None, str | None]:
    """Where `target` leads, and the actor's id when it is an actor."""
    brief = briefs.get(target)
    if brief is not None:
        return LinkTarget(layout.brief_page(brief.id), brief.title), None
    actor_id = by_key.get(name_key(target))
    if actor_id is None:
        return None, None
    return LinkTarget(layout.actor_page(actor_id)), actor_id


def _not_cast(link: ProseLink, actor: Actor) -> Problem:
    return _at(
        link.location,
        f"'{link}' links to actor '{actor.name}', who is not among this brief's actors: "
        "add them to 'actors' (a link in the text is not a mention)",
        severity_warning=True,
    )


MAX_SUGGESTIONS = 100
"""Unknown link targets given a closest name, per check: each is compared with every
spelling and brief id, which a file of hundreds of bad links must not multiply."""


def _unknown_targets(links: list[ProseLink], names: list[str]) -> list[Problem]:
    hints: dict[str, str] = {}
    for link in links:
        if link.target not in hints and len(hints) < MAX_SUGGESTIONS:
            hints[link.target] = did_you_mean(link.target, names)
    return [
        _at(
            link.location,
            f"'{link}' links to nothing: no actor has this name, alias or id, and no brief "
            "this id" + hints.get(link.target, ""),
        )
        for link in links
    ]


def _resolve_brief(brief: Brief, registry: _Registry) -> ResolvedBrief:
    cast: dict[str, CastMember] = {}
    for mention in brief.mentions:
        actor_id = registry.lookup_or_create(mention)
        if actor_id is None:
            continue
        if actor_id in cast:
            registry.problems.append(
                _at(
                    mention.location,
                    f"'{mention.name}' is listed twice among this brief's actors",
                    severity_warning=True,
                )
            )
            continue
        cast[actor_id] = CastMember(actor_id, mention.role, mention.name)
    quotes = []
    for quote in brief.quotes:
        actor_id = registry.by_key.get(name_key(quote.by))
        if actor_id not in cast:
            names = ", ".join(f"'{mention.name}'" for mention in brief.mentions)
            registry.problems.append(
                _at(
                    quote.location,
                    f"quote by '{quote.by}', who is not one of this brief's "
                    f"actors ({names}); add them to 'actors' or fix the name",
                )
            )
            continue
        quotes.append(ResolvedQuote(quote, actor_id))
    return ResolvedBrief(brief, tuple(cast.values()), tuple(quotes))


def _check_affiliations(actors: dict[str, Actor]) -> list[Problem]:
    problems = []
    for actor in actors.values():
        for affiliation in actor.affiliations:
            if affiliation.actor == actor.id:
                problems.append(
                    _at(affiliation.location, "an actor cannot be affiliated with itself")
                )
            elif affiliation.actor not in actors:
                problems.append(
                    _at(
                        affiliation.location,
                        f"affiliation names unknown actor id "
                        f"'{affiliation.actor}'" + did_you_mean(affiliation.actor, actors),
                    )
                )
    return problems


def did_you_mean(wanted: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'X'?)` with the candidate closest to `wanted`, ignoring case; or ""."""
    by_fold = {candidate.casefold(): candidate for candidate in candidates}
    close = difflib.get_close_matches(wanted.casefold(), list(by_fold), n=1)
    return f" (did you mean '{by_fold[close[0]]}'?)" if close else ""


def _at(location: Location, message: str, *, severity_warning: bool = False) -> Problem:
    make = warning if severity_warning else error
    return make(location.path, location.line, location.column, message)
