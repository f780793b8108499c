"""Which characters contributor text may hold, and what happens to the others.

Three kinds are taken out of every string and body as it is read, each with a warning at
the place it was written:
- characters that YAML or HTML do not allow at all (control characters, noncharacters
  such as U+FFFE): no reader can see them, and a generated page carrying one is unreadable
  to the tools that come after (the site generator's front-matter reader among them);
- explicit bidirectional formatting (overrides, embeddings, isolates): they make text show
  in another order than it was written, so a quote could read differently from its source.

Tabs and line breaks stay. The control characters that Python and YAML take for white space
(form feed, vertical tab, U+001C–U+001F, U+0085) become plain spaces, silently, as a reader
would expect. Output-side escaping lives in `sanitize`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_INVISIBLE = (
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"  # C0 and C1 controls, DEL
    "\ud800-\udfff"  # lone surrogates (only reachable through YAML escapes)
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters of the basic plane
    + "".join(
        f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)
    )
)
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"

_SPACE_LIKE = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
_REMOVED = re.compile(f"[{_INVISIBLE}{_BIDI_CONTROLS}]")
_BIDI = re.compile(f"[{_BIDI_CONTROLS}]")


@dataclass(frozen=True)
class Removed:
    """The first character taken out of a text, where it was, and how many went in all."""

    offset: int
    char: str
    count: int

    @property
    def reason(self) -> str:
        code = f"U+{ord(self.char):04X}"
        many = f" and {self.count - 1} more" if self.count > 1 else ""
        if _BIDI.fullmatch(self.char):
            return (
                f"removed the text-direction control {code}{many}: it makes text show "
                "in another order than it was written"
            )
        return f"removed the invisible character {code}{many}: no reader can see it"


def clean(text: str) -> tuple[str, Removed | None]:
    """`text` without the characters it may not hold, and what was removed, if anything."""
    # A regular expression, not str.translate, which looks up every character in Python.
    text = _SPACE_LIKE.sub(" ", text)
    found = _REMOVED.search(text)
    if found is None:
        return text, None
    cleaned, count = _REMOVED.subn("", text)
    return cleaned, Removed(found.start(), found.group(), count)


def printable(text: str) -> str:
    """`text` safe to print on a terminal or a log line: control and format characters
    (escape sequences, line breaks, bidi controls) are shown as escapes, not obeyed."""
    return "".join(_printable_char(char) for char in text)


def _printable_char(char: str) -> str:
    if char == " " or unicodedata.category(char)[0] not in "CZ":
        return char
    if char in "\t\u00a0" or unicodedata.category(char) == "Zs":
        return char
    return char.encode("unicode_escape").decode("ascii")
