"""What the site shows next to each quote: the verdict of its last check, and when.

Read from the committed manifests only, never the network or the cache: a build gives
the same pages wherever it runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from briefsite.model import Brief, Quote
from briefsite.provenance.manifest import (
    MANIFEST_DIR,
    QuoteState,
    SourceState,
    read_manifest,
)
from briefsite.urls import is_outside_link


@dataclass(frozen=True)
class QuoteCheck:
    state: QuoteState
    checked: date
    """The day the source was fetched for this verdict."""


@dataclass(frozen=True)
class SourceCheck:
    """What the last `briefsite verify` found at a brief's source."""

    state: SourceState
    status: int | None
    """The HTTP status of the last response, when there was one."""
    final_url: str | None
    """Where the source's redirects led, when that was elsewhere and a web address."""
    checked: date


@dataclass(frozen=True)
class Checks:
    quotes: dict[Quote, QuoteCheck]
    sources: dict[str, SourceCheck]
    """By brief id."""


def read_checks(root: Path, briefs: Iterable[Brief]) -> Checks:
    """The recorded verdicts of sources, and of every quote whose speaker and words are
    those that were checked; a quote edited since, or never checked, has none."""
    checks = Checks({}, {})
    if not (root / MANIFEST_DIR).is_dir():
        return checks
    for brief in briefs:
        manifest = read_manifest(root, brief.id)
        checked = _day(manifest.source.fetched) if manifest else None
        if manifest is None or checked is None or manifest.source.url != brief.source.url:
            continue
        source = manifest.source
        moved = source.final_url != source.url and is_outside_link(source.final_url)
        checks.sources[brief.id] = SourceCheck(
            source.state, source.status, source.final_url if moved else None, checked
        )
        for quote in brief.quotes:
            record = manifest.quote(quote.by, quote.text)
            if record is not None:
                checks.quotes[quote] = QuoteCheck(record.state, checked)
    return checks


def _day(timestamp: str) -> date | None:
    # The manifest is a committed file anyone can edit: only a real date reaches a page.
    try:
        return date.fromisoformat(timestamp[:10])
    except ValueError:
        return None
