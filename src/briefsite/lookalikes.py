"""Names written with look-alike letters from another script ("Joe Biden" typed with
Cyrillic J, o, e, B, i).

Such a spelling resolves to an actor of its own, so it would quietly split one actor in
two, or pass itself off as another. Two warnings, each at the spelling:
- a word that mixes scripts (Latin with Cyrillic or Greek…), which no real name does;
- a name that, read with its look-alike letters taken as Latin, is another actor's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from confusable_homoglyphs import categories, confusables

from briefsite.errors import Problem, warning
from briefsite.model import Actor, Location
from briefsite.slugs import name_key

_NEUTRAL = frozenset({"COMMON", "INHERITED"})
_WORD = re.compile(r"[^\s\-\u2010-\u2015]+")  # words split at spaces and dashes


def lookalike_warnings(actors: Iterable[Actor]) -> list[Problem]:
    """A warning at each spelling that mixes scripts in a word or imitates another actor."""
    actors = list(actors)
    owners = {name_key(spelling): actor for actor in actors for spelling, _ in actor.spellings()}
    problems: list[Problem] = []
    for actor in actors:
        for spelling, where in actor.spellings():
            problems.extend(_spelling_warnings(spelling, where, actor, owners))
    return problems


def _spelling_warnings(
    spelling: str, where: Location, actor: Actor, owners: dict[str, Actor]
) -> Iterator[Problem]:
    if spelling.isascii():
        return
    mixed = _mixed_word(spelling)
    if mixed is not None:
        word, scripts = mixed
        yield _at(
            where,
            f"'{spelling}': the word '{word}' mixes {' and '.join(scripts)} letters; "
            "retype it in one script (look-alike letters make a different name)",
        )
        return
    imitated = owners.get(name_key(_as_latin(spelling)))
    if imitated is not None and imitated.id != actor.id:
        yield _at(
            where,
            f"'{spelling}' is written with letters that look like Latin ones and reads as "
            f"'{imitated.name}' ({imitated.location.path}); retype it in Latin letters "
            "if it is that actor",
        )


def _mixed_word(name: str) -> tuple[str, list[str]] | None:
    for word in _WORD.findall(name):
        scripts = sorted({_script(char) for char in word} - _NEUTRAL)
        if len(scripts) > 1:
            return word, [script.title() for script in scripts]
    return None


def _as_latin(name: str) -> str:
    return "".join(_latin_lookalike(char) for char in name)


@cache
def _script(char: str) -> str:
    return str(categories.alias(char))


@cache
def _latin_lookalike(char: str) -> str:
    if char.isascii():
        return char
    found = confusables.is_confusable(char, greedy=False, preferred_aliases=["latin"])
    if not found:
        return char
    latin = [glyph["c"] for glyph in found[0]["homoglyphs"] if glyph["c"].isascii()]
    return latin[0] if latin else char


def _at(where: Location, message: str) -> Problem:
    return warning(where.path, where.line, where.column, message)
