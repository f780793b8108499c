"""Normalised text for quote matching, with a map back to the original characters.

Contributors type straight quotes where the source printed curly ones, a hyphen for a
dash and three dots for an ellipsis; sources break lines inside sentences. None of that
changes what was said, so matching compares normalised text, and every normalised
character remembers the original character it came from, so a match can be cut from the
source exactly as printed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

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
    pieces: list[str] = []
    origin: list[int] = []
    pending_space = False
    for start, cluster in _clusters(original):
        folded = _fold(cluster)
        if folded.isspace():
            pending_space = bool(pieces)
            continue
        if pending_space:
            pieces.append(" ")
            origin.append(start - 1)
            pending_space = False
        pieces.append(folded)
        origin.extend([start] * len(folded))
    return NormalText(original, "".join(pieces), tuple(origin))


def _clusters(text: str) -> list[tuple[int, str]]:
    """A base character with the combining marks after it, so NFKC can compose them."""
    clusters: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        if clusters and unicodedata.combining(char):
            start, cluster = clusters[-1]
            clusters[-1] = (start, cluster + char)
        else:
            clusters.append((index, char))
    return clusters


def _fold(cluster: str) -> str:
    if cluster in _FOLDED:
        return _FOLDED[cluster]
    folded = unicodedata.normalize("NFKC", cluster)
    return "".join(_FOLDED.get(char, char) for char in folded)


def printable(text: str, limit: int = 200) -> str:
    """`text` safe to print in a one-line message: control characters escaped, length capped."""
    shown = "".join(
        char
        if char.isprintable() or char == " "
        else f"\\x{ord(char):02x}"
        if ord(char) < 0x100
        else f"\\u{ord(char):04x}"
        for char in " ".join(text.split())
    )
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
