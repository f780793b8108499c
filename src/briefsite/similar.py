"""Near-duplicate actors: one actor's name spelled two ways, found before it splits in two.

Only names that share a blocking key are ever compared (with `names.profiles_match`), so
the cost grows with the number of names, not with its square.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations, product

from briefsite.errors import Problem, warning
from briefsite.lookalikes import lookalike_warnings
from briefsite.model import Actor
from briefsite.names import NameProfile, name_profile, profiles_match, tokens_close
from briefsite.resolve import Resolution
from briefsite.slugs import name_key

# --- Blocking: which names are compared at all -----------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One spelling of one actor: a registered name or alias, or an implicit actor's name."""

    spelling: str
    actor: Actor
    profile: NameProfile


def _entries(actors: Iterable[Actor]) -> list[_Entry]:
    entries = []
    for actor in actors:
        entries += [
            _Entry(spelling, actor, name_profile(spelling)) for spelling, _ in actor.spellings()
        ]
    return entries


def _candidate_pairs(entries: list[_Entry]) -> Iterator[tuple[_Entry, _Entry]]:
    """Pairs that could match, at least one of them implicit.

    Any match needs equal keys for the first and last tokens, except a lone kunya, which
    needs a kunya with its key: each name is filed under those keys only.
    """
    by_ends: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    lone_kunyas: dict[str, list[_Entry]] = defaultdict(list)
    with_kunya: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        tokens = entry.profile.tokens
        if not tokens:
            continue
        by_ends[tokens[0].key, tokens[-1].key].append(entry)
        if len(tokens) == 1 and tokens[0].kunya:
            lone_kunyas[tokens[0].key].append(entry)
        for key in {token.key for token in tokens if token.kunya}:
            with_kunya[key].append(entry)
    for group in by_ends.values():
        yield from _pairs_within(group)
    for key, lone in lone_kunyas.items():
        if len(lone) * len(with_kunya[key]) > MAX_PAIRS_PER_BLOCK:
            yield from _neighbours([*lone, *with_kunya[key]])
            continue
        for one, other in product(lone, with_kunya[key]):
            if not (one.actor.registered and other.actor.registered):
                yield one, other


MAX_PAIRS_PER_BLOCK = 2_500
"""Beyond this many candidate pairs in one block, each name is compared only with its
`NEIGHBOURS` nearest in alphabetical order (the sorted-neighbourhood method), so that a
thousand spellings of one name cost a thousand comparisons, not half a million."""
NEIGHBOURS = 20


def _pairs_within(group: list[_Entry]) -> Iterator[tuple[_Entry, _Entry]]:
    implicit = [entry for entry in group if not entry.actor.registered]
    registered = [entry for entry in group if entry.actor.registered]
    if len(implicit) * (len(implicit) + len(registered)) > MAX_PAIRS_PER_BLOCK:
        yield from _neighbours(group)
        return
    yield from product(implicit, registered)
    yield from combinations(implicit, 2)


def _neighbours(entries: list[_Entry]) -> Iterator[tuple[_Entry, _Entry]]:
    ordered = sorted(entries, key=lambda entry: (name_key(entry.spelling), entry.actor.id))
    for index, entry in enumerate(ordered):
        for other in ordered[index + 1 : index + 1 + NEIGHBOURS]:
            if not (entry.actor.registered and other.actor.registered):
                yield entry, other


# --- Warnings ----------------------------------------------------------------------------


def near_duplicate_warnings(resolution: Resolution) -> list[Problem]:
    """A warning at each implicit actor's first mention that looks like another actor.

    Against a registered actor it names the actor's file and the alias to add there;
    against another implicit actor, the one to register (the more mentioned) and the alias
    to give it. Two implicit names that both look like one registered actor are reported
    against it only. Sorted by file and line.
    """
    entries = _entries(resolution.actors.values())
    registered, implicit_pairs = _find_matches(entries)
    registered = _without_contradicted(registered, entries)
    # One warning per name, however many names it looks like: 1,000 spellings of one name
    # give 1,000 warnings, not half a million.
    problems = []
    for implicit_id, matches in registered.items():
        actor_id = min(matches)
        problems.append(
            _registered_warning(
                resolution.actors[implicit_id],
                resolution.actors[actor_id],
                matches[actor_id],
                len(matches) - 1,
            )
        )
    rank = _prominence(resolution)
    partners: dict[str, list[str]] = defaultdict(list)
    for pair in implicit_pairs:
        if registered.get(pair[0], {}).keys() & registered.get(pair[1], {}).keys():
            continue
        canonical, alias = sorted(pair, key=rank.__getitem__)
        partners[alias].append(canonical)
    for alias, canonicals in partners.items():
        canonical = min(canonicals, key=rank.__getitem__)
        problems.append(
            _implicit_warning(
                resolution.actors[alias], resolution.actors[canonical], len(canonicals) - 1
            )
        )
    problems += shared_wikidata_warnings(resolution.actors.values())
    problems += lookalike_warnings(resolution.actors.values())
    return sorted(problems)


def shared_wikidata_warnings(actors: Iterable[Actor]) -> list[Problem]:
    """Two actor files with one Wikidata id are probably one actor: a warning at the later file."""
    first: dict[str, Actor] = {}
    problems = []
    for actor in sorted(actors, key=lambda actor: actor.location):
        if actor.wikidata is None:
            continue
        other = first.setdefault(actor.wikidata, actor)
        if other is not actor:
            where = actor.location
            problems.append(
                warning(
                    where.path,
                    where.line,
                    where.column,
                    f"Wikidata id {actor.wikidata} is also that of '{other.name}' "
                    f"({other.location.path}); if they are one actor, keep one file and add "
                    "the other's name to its aliases",
                )
            )
    return problems


def _prominence(resolution: Resolution) -> dict[str, tuple[int, int, str]]:
    """Sort key of actor ids: most mentioned first, then first mentioned (briefs by date)."""
    mentions: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for resolved in resolution.briefs:
        for member in resolved.cast:
            mentions[member.actor_id] += 1
            first_seen.setdefault(member.actor_id, len(first_seen))
    return {
        actor_id: (-mentions[actor_id], first_seen.get(actor_id, len(first_seen)), actor_id)
        for actor_id in resolution.actors
    }


_RegisteredMatches = dict[str, dict[str, set[str]]]
"""Implicit actor id → registered actor id → the registered spellings it looks like."""


def _find_matches(entries: list[_Entry]) -> tuple[_RegisteredMatches, set[tuple[str, str]]]:
    registered: _RegisteredMatches = defaultdict(lambda: defaultdict(set))
    implicit_pairs: set[tuple[str, str]] = set()
    for one, other in _candidate_pairs(entries):
        if one.actor.id == other.actor.id or not profiles_match(one.profile, other.profile):
            continue
        if one.actor.registered or other.actor.registered:
            implicit, match = (other, one) if one.actor.registered else (one, other)
            registered[implicit.actor.id][match.actor.id].add(match.spelling)
        else:
            low, high = sorted((one.actor.id, other.actor.id))
            implicit_pairs.add((low, high))
    return registered, implicit_pairs


def _without_contradicted(
    registered: _RegisteredMatches, entries: list[_Entry]
) -> _RegisteredMatches:
    """Drop matches on a lone kunya alias that the actor's own full names contradict.

    "Abu Bakr al-Baghdadi" looks like the alias "Abu Baqer", but not like "Abu Baqir
    al-Saadi", the name of the actor who owns that alias: a different man.
    """
    by_actor: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_actor[entry.actor.id].append(entry)
    kept: _RegisteredMatches = {}
    for implicit_id, matches in registered.items():
        implicit = by_actor[implicit_id][0]
        kept[implicit_id] = {
            actor_id: spellings
            for actor_id, spellings in matches.items()
            if not _contradicted(implicit, by_actor[actor_id], spellings)
        }
    return {implicit_id: matches for implicit_id, matches in kept.items() if matches}


def _contradicted(implicit: _Entry, spellings_of_actor: list[_Entry], matched: set[str]) -> bool:
    lone = [
        entry.profile.tokens[0]
        for entry in spellings_of_actor
        if entry.spelling in matched and len(entry.profile.tokens) == 1
    ]
    if len(implicit.profile.tokens) < 2 or len(lone) < len(matched):
        return False  # a full name matched, or the implicit name is a lone kunya itself
    # A longer spelling with the same kunya would have matched too, had it been the same man.
    return any(
        len(entry.profile.tokens) > 1
        and any(tokens_close(kunya, token) for kunya in lone for token in entry.profile.tokens)
        for entry in spellings_of_actor
    )


def _more(others: int) -> str:
    return f" (and {others} more name{'s' * (others != 1)})" if others else ""


def _registered_warning(implicit: Actor, actor: Actor, spellings: set[str], others: int) -> Problem:
    names = (actor.name, *actor.aliases)
    spelling = min(spellings, key=names.index)
    looks_like = (
        f"actor '{actor.name}'"
        if spelling == actor.name
        else f"'{spelling}', an alias of actor '{actor.name}'"
    )
    return _at(
        implicit,
        f"'{implicit.name}' looks like {looks_like} ({actor.location.path}){_more(others)}; "
        f'if they are the same, add "{implicit.name}" to its aliases',
    )


def _implicit_warning(alias: Actor, canonical: Actor, others: int) -> Problem:
    where = canonical.location
    return _at(
        alias,
        f"'{alias.name}' looks like '{canonical.name}', first named in "
        f"{where.path}:{where.line}{_more(others)}; neither has an actor file: "
        "if they are the same, run "
        f'briefsite new-actor "{canonical.name}" and add "{alias.name}" to its aliases',
    )


def _at(actor: Actor, message: str) -> Problem:
    where = actor.location
    return warning(where.path, where.line, where.column, message)
