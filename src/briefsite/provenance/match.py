"""One quote against one source text: verified, close (with the closest passage) or absent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from briefsite.provenance.text import NormalText, normalise

CLOSE_ENOUGH = 0.9
"""Similarity (0–1, Indel ratio of the normalised texts) from which a passage is "close"."""
SELECTOR_CONTEXT = 32
"""Characters of the source kept before and after a passage, as a W3C TextQuoteSelector."""

_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\[\.\.\.\])\s*")
_WORD_EDGE = re.compile(r"\b")


class Verdict(StrEnum):
    VERIFIED = "verified"
    CLOSE = "close"
    ABSENT = "absent"


@dataclass(frozen=True)
class Match:
    verdict: Verdict
    similarity: float
    """1.0 for a verbatim quote; otherwise that of the closest passage."""
    start: int
    end: int
    """The passage in the original source text (empty when nothing came close)."""


@dataclass(frozen=True)
class TextQuoteSelector:
    """A W3C Web Annotation selector: the passage with the words around it."""

    exact: str
    prefix: str
    suffix: str


def match_quote(quote: str, source: NormalText) -> Match:
    """Find `quote` in `source`: verbatim once both are normalised, else the closest passage."""
    needle = normalise(quote).text
    if not needle or not source.text:
        return Match(Verdict.ABSENT, 0.0, 0, 0)
    found = source.text.find(needle)
    if found >= 0:
        return Match(Verdict.VERIFIED, 1.0, *source.span(found, found + len(needle)))
    elided = _elided(needle, source.text)
    if elided is not None:
        return Match(Verdict.VERIFIED, 1.0, *source.span(*elided))
    start, end, similarity = _closest(needle, source.text)
    verdict = Verdict.CLOSE if similarity >= CLOSE_ENOUGH else Verdict.ABSENT
    return Match(verdict, similarity, *source.span(start, end))


def selector(original: str, start: int, end: int) -> TextQuoteSelector:
    return TextQuoteSelector(
        exact=original[start:end],
        prefix=original[max(0, start - SELECTOR_CONTEXT) : start],
        suffix=original[end : end + SELECTOR_CONTEXT],
    )


def _elided(needle: str, text: str) -> tuple[int, int] | None:
    """A quote with words left out ("we will ... fight") found piece by piece, in order,
    within a passage at most a few times longer than the quote."""
    pieces = [piece for piece in _ELLIPSIS.split(needle) if piece]
    if len(pieces) < 2:  # an ellipsis at an end leaves nothing out inside
        return None
    start = text.find(pieces[0])
    while start >= 0:
        end = start + len(pieces[0])
        for piece in pieces[1:]:
            at = text.find(piece, end)
            if at < 0:
                return None
            end = at + len(piece)
        if end - start <= 4 * len(needle) + 400:
            return start, end
        start = text.find(pieces[0], start + 1)
    return None


def _closest(needle: str, text: str) -> tuple[int, int, float]:
    """The passage of `text` most like `needle`, its edges moved to word boundaries."""
    rough = fuzz.partial_ratio_alignment(needle, text)
    if rough is None:
        return 0, 0, 0.0
    slack = max(8, len(needle) // 5)
    edges = [m.start() for m in _WORD_EDGE.finditer(text, max(0, rough.dest_start - slack))]
    starts = [e for e in edges if e <= rough.dest_start + slack]
    ends = [e for e in edges if rough.dest_end - slack <= e <= rough.dest_end + slack]
    best = (
        rough.dest_start,
        rough.dest_end,
        fuzz.ratio(needle, text[rough.dest_start : rough.dest_end]),
    )
    for start in starts:
        for end in ends:
            if end > start:
                score = fuzz.ratio(needle, text[start:end])
                if score > best[2]:
                    best = (start, end, score)
    return best[0], best[1], round(best[2] / 100, 3)
