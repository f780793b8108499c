"""Normalised text for quote matching, with a map back to the original characters.

Contributors type straight quotes where the source printed curly ones, a hyphen for a
dash and three dots for an ellipsis; sources break lines inside sentences. None of that
changes what was said, so matching compares normalised text, and every normalised
character remembers the original character it came from, so a match can be cut from the
source exactly as printed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from briefsite import characters

# Every character that prints as a double quote, a single quote/apostrophe or a dash.
_DOUBLE_QUOTES = (
    '"'
    "\N{LEFT DOUBLE QUOTATION MARK}"
    "\N{RIGHT DOUBLE QUOTATION MARK}"
    "\N{DOUBLE LOW-9 QUOTATION MARK}"
    "\N{DOUBLE HIGH-REVERSED-9 QUOTATION MARK}"
    "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"
    "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}"
    "\N{DOUBLE PRIME}"
    "\N{REVERSED DOUBLE PRIME QUOTATION MARK}"
    "\N{DOUBLE PRIME QUOTATION MARK}"
    "\N{FULLWIDTH QUOTATION MARK}"
)
_SINGLE_QUOTES = (
    "'"
    "\N{LEFT SINGLE QUOTATION MARK}"
    "\N{RIGHT SINGLE QUOTATION MARK}"
    "\N{SINGLE LOW-9 QUOTATION MARK}"
    "\N{SINGLE HIGH-REVERSED-9 QUOTATION MARK}"
    "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}"
    "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"
    "\N{PRIME}"
    "`"
    "\N{ACUTE ACCENT}"
    "\N{MODIFIER LETTER APOSTROPHE}"
    "\N{MODIFIER LETTER TURNED COMMA}"
    "\N{FULLWIDTH APOSTROPHE}"
)
_DASHES = (
    "-"
    "\N{HYPHEN}"
    "\N{NON-BREAKING HYPHEN}"
    "\N{FIGURE DASH}"
    "\N{EN DASH}"
    "\N{EM DASH}"
    "\N{HORIZONTAL BAR}"
    "\N{MINUS SIGN}"
    "\N{SMALL EM DASH}"
    "\N{SMALL HYPHEN-MINUS}"
    "\N{FULLWIDTH HYPHEN-MINUS}"
)
_FOLDED = {
    **dict.fromkeys(_DOUBLE_QUOTES, '"'),
    **dict.fromkeys(_SINGLE_QUOTES, "'"),
    **dict.fromkeys(_DASHES, "-"),
    "\N{HORIZONTAL ELLIPSIS}": "...",
    "\u00ad": "",  # a soft hyphen only says where a line may break
    "\u200b": "",  # nor does a zero-width space
}


@dataclass(frozen=True)
class NormalText:
    """`text` normalised; `origin[i]` is the index in the original of `text[i]`'s source."""

    original: str
    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters that normalised `text[start:end]` came from."""
        if start >= end:
            at = self.origin[start] if start < len(self.origin) else len(self.original)
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def normalise(original: str) -> NormalText:
    """Fold quote marks, apostrophes, dashes, ellipses and compatibility forms; one space
    for every run of whitespace; no space at either end."""
    out = _Builder()
    at, length = 0, len(original)
    while at < length:
        run = _RUN.match(original, at)
        end = run.end() if run else at
        if run and original[at].isspace():
            out.space()
            at = end
            continue
        # Printable ASCII but "`" folds to itself; its last character keeps any accents after it.
        if end < length and unicodedata.combining(original[end]):
            end -= 1
        if end > at:
            out.add(original[at:end], range(at, end))
            at = end
            continue
        end = at + 1
        while end < length and unicodedata.combining(original[end]):
            end += 1
        folded = _fold(original[at:end])
        if folded.isspace():
            out.space()
        else:
            out.add(folded, [at] * len(folded))
        at = end
    return NormalText(original, "".join(out.pieces), tuple(out.origin))


_RUN = re.compile(r"[!-_a-~]+|\s+")
"""A run of printable ASCII other than "`" (which folds), or of whitespace."""


class _Builder:
    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.origin: list[int] = []
        self._pending_space = False

    def space(self) -> None:
        self._pending_space = bool(self.pieces)

    def add(self, text: str, origin: Sequence[int]) -> None:
        """`text`, whose characters came from the original's `origin` indexes."""
        if not origin:  # folded to nothing: a soft hyphen, a zero-width space
            return
        if self._pending_space:
            # The space stands for the whitespace just before this text.
            self.pieces.append(" ")
            self.origin.append(origin[0] - 1)
            self._pending_space = False
        self.pieces.append(text)
        self.origin.extend(origin)


def _fold(cluster: str) -> str:
    if cluster in _FOLDED:
        return _FOLDED[cluster]
    folded = unicodedata.normalize("NFKC", cluster)
    return "".join(_FOLDED.get(char, char) for char in folded)


def printable(text: str, limit: int = 200) -> str:
    """`text` safe to print in a one-line message: white space folded, control characters
    escaped (`characters.printable`), length capped."""
    shown = characters.printable(" ".join(text.split()))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
