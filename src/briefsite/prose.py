"""Links in prose: `[[name or alias]]`, `[[name|text]]` and `[[brief-id]]`.

A summary, a body or a profile links to an actor page or a brief page by writing its
name, alias or id between double brackets. Python-Markdown reads them (so that code stays
literal, as everywhere in Markdown); the core resolves each target once it knows every
actor and brief, and the renderer writes the link relative to the page it is on.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

MAX_LINK_PART = 300
"""Characters in a target or a text: as long as a name may be. Longer is no link."""

# Neither part may hold a bracket, so each `[[` is tried once, against the text up to the
# next bracket: linear, whatever the input. \x02 and \x03 delimit Python-Markdown's
# placeholders (a code span inside the brackets): such brackets are no link.
LINK = re.compile(
    rf"\[\[(?P<target>[^\[\]|\x02\x03]{{1,{MAX_LINK_PART}}})"
    rf"(?:\|(?P<text>[^\[\]\x02\x03]{{1,{MAX_LINK_PART}}}))?\]\]"
)
PRIORITY = 175
"""After code spans (190) and backslash escapes (180), before Markdown's links (170):
`` `[[x]]` `` and `\\[[x]]` stay as typed, and `[[x]]` is never read as `[x]`."""

_LINE_PREFIX = re.compile(r"\n[ \t>]*")


@dataclass(frozen=True)
class LinkTarget:
    """Where a target written in prose leads."""

    page: str
    """The page's source path, e.g. `actors/abu-baqer.md`."""
    text: str | None = None
    """What the link shows when the contributor gave no text (a brief's title)."""


@dataclass(frozen=True)
class WrittenLink:
    """A link as written: its target, its text if any, and where its `[[` is in the field."""

    target: str
    text: str | None
    offset: int


def target_key(target: str) -> str:
    """A target as looked up: white space (a line wrapped inside the brackets) folded."""
    return " ".join(target.split())


def parts(match: re.Match[str]) -> tuple[str, str | None]:
    """Target and text of a match, white space folded; blank text is no text."""
    return target_key(match["target"]), target_key(match["text"] or "") or None


class LinkPattern(InlineProcessor):
    """Reads `[[...]]`; `make` turns its target and text into the element that stands there."""

    def __init__(self, make: Callable[[str, str | None], etree.Element]) -> None:
        super().__init__(LINK.pattern)
        self.make = make

    # Python-Markdown's InlineProcessor changes Pattern's signature so itself.
    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        return self.make(*parts(m)), m.start(0), m.end(0)


def element(tag: str, text: str) -> etree.Element:
    """An element holding `text` as text: never read as Markdown or HTML again."""
    made = etree.Element(tag)
    made.text = AtomicString(text)
    return made


def locate(text: str, read: Iterable[tuple[str, str | None]]) -> list[WrittenLink]:
    """Each link Markdown `read` in `text`, with the offset of its `[[` in `text`.

    Markdown does not keep offsets, so each link is matched to the first unclaimed
    `[[...]]` in `text` with the same target; where a line break inside the brackets
    carries a list's indent or a quote's `>`, that is taken for white space. A link
    Markdown read that the text does not show so (it never happens but in odd nesting)
    gets the offset of the next unclaimed `[[`, or 0.
    """
    written = [(match.start(), _plain_target(match)) for match in LINK.finditer(text)]
    claimed: set[int] = set()
    found = []
    for target, shown in read:
        offset = next((at for at, key in written if key == target and at not in claimed), None)
        if offset is None:
            offset = next((at for at, _ in written if at not in claimed), 0)
        claimed.add(offset)
        found.append(WrittenLink(target, shown, offset))
    return sorted(found, key=lambda link: link.offset)


def _plain_target(match: re.Match[str]) -> str:
    return target_key(_LINE_PREFIX.sub(" ", match["target"]))
