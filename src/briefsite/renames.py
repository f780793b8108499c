"""Former ids (`redirect_from`): each keeps its old URL, so no live id or other former id of
the same kind may hold it. Checked after resolution, when every actor id (implicit ones too)
is known, by the same rule as two files with one id (`resolve._id_problem`)."""

from __future__ import annotations

from collections.abc import Iterable

from briefsite.errors import Problem
from briefsite.model import FormerId, Location
from briefsite.resolve import Resolution, _id_problem

FIX = "remove it from redirect_from, or rename one of them"


def former_id_problems(resolution: Resolution) -> list[Problem]:
    """Every former id that a live brief or actor, or another former id, already holds."""
    briefs = [item.brief for item in resolution.briefs]
    actors = list(resolution.actors.values())
    return [
        *_clashes(
            "brief",
            {brief.id: _owner(f"'{brief.title}'", brief.location) for brief in briefs},
            [(f"'{b.title}'", b.location, former) for b in briefs for former in b.redirect_from],
        ),
        *_clashes(
            "actor",
            {actor.id: _owner(f"'{actor.name}'", actor.location) for actor in actors},
            [(f"'{a.name}'", a.location, former) for a in actors for former in a.redirect_from],
        ),
    ]


def _clashes(
    kind: str, live: dict[str, str], claims: Iterable[tuple[str, Location, FormerId]]
) -> list[Problem]:
    taken = dict(live)
    problems = []
    for name, location, former in sorted(claims, key=lambda claim: claim[2].location):
        problem = _id_problem(former.id, former.location, taken.get(former.id), kind, FIX)
        if problem:
            problems.append(problem)
        else:
            taken[former.id] = f"a former id of {_owner(name, location)}"
    return problems


def _owner(name: str, location: Location) -> str:
    return f"{name} ({location.path}:{location.line})"
