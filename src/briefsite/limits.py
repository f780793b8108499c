"""Limits that keep the cost of rendering contributor Markdown bounded by its size.

Python-Markdown takes time that grows with the square of some constructs (unclosed
brackets, abbreviation definitions) and recurses into nested lists and quotes. These limits
are far beyond what a brief needs, and checked by `briefsite check`, before anything is
rendered: a file over them is an error at the line that crosses them, never a slow build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_MARKDOWN_CHARACTERS = 100_000
"""A body or a profile: about 15,000 words."""
MAX_BRACKETS = 500
"""`[` in one field: links, images and footnotes all open with one."""
MAX_ABBREVIATIONS = 50
"""Abbreviation definitions (`*[HTML]: …`) in one field."""
MAX_HTML_TAGS = 200
"""Raw HTML tags in one field (they are removed or shown as text, and warned about)."""
MAX_INDENT = 64
"""Columns of leading white space on one line: 32 levels of two-space list nesting."""
MAX_QUOTE_DEPTH = 16
"""Nested block quotes (`> > > …`)."""

RAW_HTML_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
"""Something a browser would read as a tag or comment, not a lone "<" in prose."""
_PREFIX = re.compile(r"[ \t>]*")
_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[", re.MULTILINE)


@dataclass(frozen=True)
class OverLimit:
    offset: int
    """Where in the text the limit is crossed."""
    message: str


def markdown_over_limit(text: str) -> OverLimit | None:
    """The first limit `text` crosses, if any."""
    if len(text) > MAX_MARKDOWN_CHARACTERS:
        return OverLimit(
            MAX_MARKDOWN_CHARACTERS,
            f"longer than {MAX_MARKDOWN_CHARACTERS:,} characters; split it into several briefs",
        )
    counted = _nth(text, "[", MAX_BRACKETS + 1)
    if counted is not None:
        return OverLimit(counted, f"more than {MAX_BRACKETS} '[' characters")
    for pattern, limit, what in _COUNTED:
        for number, match in enumerate(pattern.finditer(text), start=1):
            if number > limit:
                return OverLimit(match.start(), f"more than {limit} {what}")
    return _nesting_over_limit(text)


_COUNTED = (
    (_ABBREVIATION, MAX_ABBREVIATIONS, "abbreviation definitions"),
    (RAW_HTML_TAG, MAX_HTML_TAGS, "raw HTML tags"),
)


def _nth(text: str, char: str, count: int) -> int | None:
    if text.count(char) < count:
        return None
    offset = -1
    for _ in range(count):
        offset = text.index(char, offset + 1)
    return offset


def _nesting_over_limit(text: str) -> OverLimit | None:
    offset = 0
    for line in text.split("\n"):
        prefix = _PREFIX.match(line)
        assert prefix is not None  # the pattern matches the empty string
        if prefix.group().count(">") > MAX_QUOTE_DEPTH:
            return OverLimit(offset, f"block quotes nested more than {MAX_QUOTE_DEPTH} deep")
        if len(prefix.group().replace(">", "").expandtabs(4)) > MAX_INDENT:
            return OverLimit(offset, f"a line indented more than {MAX_INDENT} columns")
        offset += len(line) + 1
    return None
