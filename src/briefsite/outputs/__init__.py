"""Index → files that are not pages: feeds, data exports, redirects. One writer a module."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFile:
    path: str
    """Where the file goes, relative to the site root, e.g. `feeds/actors/x.xml`."""
    content: bytes
