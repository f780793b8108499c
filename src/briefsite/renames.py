"""Former ids (`redirect_from`): each keeps its old URL, so no live id or other former id of
the same kind may hold it. Checked after resolution, when every actor id (implicit ones too)
is known, by the same rule as two files with one id (`resolve.id_problems`)."""

from __future__ import annotations

from collections.abc import Iterator

from briefsite.errors import Problem
from briefsite.model import Brief, FormerId, Location
from briefsite.resolve import IdHolder, Resolution, id_problems

FIX = "remove it from redirect_from, or rename one of them"


def former_id_problems(resolution: Resolution) -> list[Problem]:
    """Every former id that a live brief or actor, or another former id, already holds;
    reported at both places, so that a check of either file alone shows it."""
    briefs = [(b.id, f"'{b.title}'", b.location, b.redirect_from) for b in _briefs(resolution)]
    actors = [
        (a.id, f"'{a.name}'", a.location, a.redirect_from) for a in resolution.actors.values()
    ]
    return [*_clashes("brief", briefs), *_clashes("actor", actors)]


def _briefs(resolution: Resolution) -> Iterator[Brief]:
    return (item.brief for item in resolution.briefs)


_Owner = tuple[str, str, Location, tuple[FormerId, ...]]
"""A brief or actor: its id, its name as messages quote it, its file, its former ids."""


def _clashes(kind: str, owners: list[_Owner]) -> list[Problem]:
    taken = {owner_id: _holder(name, at) for owner_id, name, at, _ in owners}
    claims = [(name, former) for _, name, _, formers in owners for former in formers]
    problems = []
    for name, former in sorted(claims, key=lambda claim: claim[1].location):
        claimant = _holder(name, former.location, former=True)
        found = id_problems(former.id, kind, FIX, claimant, taken.get(former.id))
        if not found:
            taken[former.id] = claimant
        problems += found
    return problems


def _holder(name: str, at: Location, *, former: bool = False) -> IdHolder:
    """An id's holder as messages name it: its own id (at its file), or a former id."""
    where = f"{at.path}:{at.line}"
    return IdHolder(f"{name} ({where}, in redirect_from)" if former else f"{name} ({where})", at)
