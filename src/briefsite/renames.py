"""Former ids (`redirect_from`): each keeps its old URL, so no live id or other former id of
the same kind may hold it. Checked after resolution, when every actor id (implicit ones too)
is known, by the same rule as two files with one id (`resolve.id_problem`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefsite.errors import Problem
from briefsite.model import FormerId, Location
from briefsite.resolve import Resolution, id_problem

FIX = "remove it from redirect_from, or rename one of them"


def former_id_problems(resolution: Resolution) -> list[Problem]:
    """Every former id that a live brief or actor, or another former id, already holds;
    reported at both places, so that a check of either file alone shows it."""
    briefs = [item.brief for item in resolution.briefs]
    actors = list(resolution.actors.values())
    return [
        *_clashes(
            "brief",
            {brief.id: _Holder(f"'{brief.title}'", brief.location) for brief in briefs},
            [(_Holder(f"'{b.title}'", b.location), f) for b in briefs for f in b.redirect_from],
        ),
        *_clashes(
            "actor",
            {actor.id: _Holder(f"'{actor.name}'", actor.location) for actor in actors},
            [(_Holder(f"'{a.name}'", a.location), f) for a in actors for f in a.redirect_from],
        ),
    ]


@dataclass(frozen=True)
class _Holder:
    """A brief or actor holding an id: its own (`at` its file), or a former id (`at` the entry)."""

    name: str
    at: Location
    former: bool = False

    def __str__(self) -> str:
        where = f"{self.at.path}:{self.at.line}"
        return (
            f"{self.name} ({where}, in redirect_from)" if self.former else f"{self.name} ({where})"
        )


def _clashes(
    kind: str, live: dict[str, _Holder], claims: Iterable[tuple[_Holder, FormerId]]
) -> list[Problem]:
    taken = dict(live)
    problems = []
    for owner, former in sorted(claims, key=lambda claim: claim[1].location):
        holder = taken.get(former.id)
        problem = id_problem(former.id, former.location, _text(holder), kind, FIX)
        if problem is None:
            taken[former.id] = _Holder(owner.name, former.location, former=True)
            continue
        problems.append(problem)
        if holder is not None:
            claimant = _Holder(owner.name, former.location, former=True)
            problems += filter(None, [id_problem(former.id, holder.at, str(claimant), kind, FIX)])
    return problems


def _text(holder: _Holder | None) -> str | None:
    return str(holder) if holder else None
