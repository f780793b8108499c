"""A brief's source → a `SourceRecord` and its article text, from the network or the cache."""

from __future__ import annotations

from dataclasses import dataclass

from briefsite.provenance.cache import Cache
from briefsite.provenance.extract import EXTRACTOR, article_text, decode, is_html, media_type
from briefsite.provenance.fetch import Fetched, Fetcher, Outcome
from briefsite.provenance.manifest import Manifest, Redirect, SourceRecord, SourceState

NO_TEXT = "no article text found (a paywall, or a page drawn by scripts)"


@dataclass(frozen=True)
class Evidence:
    """What is known of a source: its record and, when at hand, its text."""

    record: SourceRecord | None
    """None when nothing is known yet (offline, never verified)."""
    text: str | None = None


def fetch_evidence(url: str, fetcher: Fetcher, cache: Cache) -> Evidence:
    """Fetch the source, keep the raw body and its text in the cache, describe the outcome."""
    fetched = fetcher.fetch(url)
    if fetched.outcome is not Outcome.OK:
        state: SourceState = "dead" if fetched.outcome is Outcome.DEAD else "failed"
        return Evidence(_record(fetched, state, fetched.reason))
    raw = cache.put_raw(fetched.body)
    if not is_html(fetched.content_type, fetched.body):
        kind = media_type(fetched.content_type) or "unknown type"
        return Evidence(_record(fetched, "no-text", f"not a web page ({kind})", raw=raw))
    text = article_text(decode(fetched.body, fetched.content_type))
    if not text.strip():
        return Evidence(_record(fetched, "no-text", NO_TEXT, raw=raw))
    digest = cache.put_text(text)
    return Evidence(_record(fetched, "ok", "", raw=raw, text=digest), text)


def stored_evidence(url: str, previous: Manifest | None, cache: Cache) -> Evidence:
    """The evidence of the last online run, if it was about this same address."""
    if previous is None or previous.source.url != url:
        return Evidence(None)
    digest = previous.source.text_sha256
    return Evidence(previous.source, cache.get_text(digest) if digest else None)


def _record(
    fetched: Fetched,
    state: SourceState,
    reason: str,
    raw: str | None = None,
    text: str | None = None,
) -> SourceRecord:
    return SourceRecord(
        url=fetched.url,
        final_url=fetched.final_url,
        state=state,
        status=fetched.status,
        reason=reason,
        fetched=fetched.fetched,
        redirects=tuple(Redirect(status=hop.status, url=hop.url) for hop in fetched.redirects),
        content_type=fetched.content_type[:200],
        text_sha256=text,
        raw_sha256=raw,
        extractor=EXTRACTOR,
    )
