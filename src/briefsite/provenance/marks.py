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
from briefsite.provenance.manifest import MANIFEST_DIR, QuoteState, read_manifest


@dataclass(frozen=True)
class QuoteCheck:
    state: QuoteState
    checked: date
    """The day the source was fetched for this verdict."""


def read_quote_checks(root: Path, briefs: Iterable[Brief]) -> dict[Quote, QuoteCheck]:
    """The recorded verdict of every quote whose speaker and words are those that were
    checked; a quote edited since, or never checked, has none."""
    if not (root / MANIFEST_DIR).is_dir():
        return {}
    checks: dict[Quote, QuoteCheck] = {}
    for brief in briefs:
        manifest = read_manifest(root, brief.id)
        if manifest is None or manifest.source.url != brief.source.url:
            continue
        checked = _day(manifest.source.fetched)
        for quote in brief.quotes:
            record = manifest.quote(quote.by, quote.text)
            if record is not None and checked is not None:
                checks[quote] = QuoteCheck(record.state, checked)
    return checks


def _day(timestamp: str) -> date | None:
    # The manifest is a committed file anyone can edit: only a real date reaches a page.
    try:
        return date.fromisoformat(timestamp[:10])
    except ValueError:
        return None
