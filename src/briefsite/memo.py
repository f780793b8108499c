"""Results of the previous build, for the next build of the same process to reuse.

A page or a feed is a pure function of its own inputs and of inputs every one of them
sees (the site-wide ones). A result whose inputs all equal last time's is last time's
result: no hand-written rule says which edit changes which page, so a rebuild is right by
construction. A change to anything site-wide forgets every result. Comparing is cheap
when unchanged files keep their objects (`readcache.Kept`): equality of tuples and
dataclasses stops at identical objects.

One input is not passed but read: where each prose link (`[[...]]`) in the texts rendered
leads. The Markdown renderer records the targets a result's texts looked up, and the
result is reused only if each still leads where it led (a brief linked by its title that
was retitled does not render every page again, only those linking to it).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from briefsite.sanitize import MarkdownRenderer

Result = TypeVar("Result")


class Memo(Generic[Result]):
    """Results by key (a page's path, say), each with the inputs it was made from."""

    def __init__(self) -> None:
        self._site: Any = None
        self._old: dict[Hashable, tuple[Any, Result, Any]] = {}
        self._new: dict[Hashable, tuple[Any, Result, Any]] = {}
        self.reused = 0
        """How many results the current build reused (for the log and the tests)."""

    def start(self, site: Any) -> None:
        """Begin a build whose site-wide inputs are `site`."""
        if self._site is None or site != self._site:
            self._old = {}
        self._site, self._new, self.reused = site, {}, 0

    def finish(self) -> None:
        """The build made every result: the next one may reuse them (and no other). A build
        that stops halfway does not finish: the next one compares with the last finished."""
        self._old, self._new = self._new, {}

    def get(
        self,
        key: Hashable,
        inputs: Any,
        make: Callable[[], Result],
        links: MarkdownRenderer | None = None,
    ) -> Result:
        """Last build's result for `key` if made from equal `inputs` (and, with `links`,
        the same targets of the prose links it rendered); else `make()`."""
        known = self._old.get(key)
        if (
            known is not None
            and known[0] == inputs
            and (links is None or links.unchanged(known[2]))
        ):
            self.reused += 1
            self._new[key] = known
            return known[1]
        lookups: Any = ()
        if links is None:
            result = make()
        else:
            with links.recording() as targets:
                result = make()
            lookups = links.lookups(targets)
        self._new[key] = (inputs, result, lookups)
        return result


def comparable(context: dict[str, Any]) -> tuple[Any, ...]:
    """`context` as inputs: the order of a dict in it counts, as a template may loop over it."""
    return tuple(
        (name, tuple(value.items()) if isinstance(value, dict) else value)
        for name, value in context.items()
    )


__all__ = ["Memo", "comparable"]
