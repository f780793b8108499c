"""Evidence → verdicts and problems. The same function judges a fresh fetch and stored
evidence, so `verify --offline` says exactly what the online run said."""

from __future__ import annotations

from briefsite.errors import Problem, error, warning
from briefsite.model import Brief, Location, Quote
from briefsite.provenance.manifest import (
    MANIFEST_DIR,
    Manifest,
    QuoteRecord,
    Selector,
    SourceRecord,
)
from briefsite.provenance.match import Verdict, match_quote, selector
from briefsite.provenance.sources import Evidence
from briefsite.provenance.text import normalise, printable


def judge(
    brief: Brief, evidence: Evidence, previous: Manifest | None
) -> tuple[tuple[QuoteRecord, ...], list[Problem]]:
    """Each quote's record, and the problems of the source and of its quotes."""
    record = evidence.record
    if record is None:
        where = _source_location(brief)
        return _unchecked(brief), [
            warning(
                where.path,
                where.line,
                where.column,
                f"not verified yet: no evidence in {MANIFEST_DIR}/{brief.id}.json for this "
                "source address; run `briefsite verify` with network access",
            )
        ]
    problems = _source_problems(brief, record)
    if evidence.text is not None:
        records = _match_all(brief, evidence.text)
    elif record.state == "ok" and previous is not None:
        records = _replay(brief, previous)
    else:
        return _unchecked(brief), problems
    for quote, quote_record in zip(brief.quotes, records, strict=True):
        problems += _quote_problems(quote, quote_record)
    return records, problems


def _match_all(brief: Brief, text: str) -> tuple[QuoteRecord, ...]:
    source = normalise(text)
    records = []
    for quote in brief.quotes:
        found = match_quote(quote.text, source)
        chosen = None
        if found.verdict is not Verdict.ABSENT:
            cut = selector(text, found.start, found.end)
            chosen = Selector(exact=cut.exact, prefix=cut.prefix, suffix=cut.suffix)
        records.append(
            QuoteRecord(
                by=quote.by,
                text=quote.text,
                state=found.verdict.value,
                similarity=found.similarity,
                selector=chosen,
            )
        )
    return tuple(records)


def _replay(brief: Brief, previous: Manifest) -> tuple[QuoteRecord, ...]:
    """Verdicts of the last run for quotes unchanged since; edited ones are unchecked again."""
    return tuple(
        previous.quote(quote.by, quote.text)
        or QuoteRecord(by=quote.by, text=quote.text, state="unchecked")
        for quote in brief.quotes
    )


def _unchecked(brief: Brief) -> tuple[QuoteRecord, ...]:
    return tuple(QuoteRecord(by=q.by, text=q.text, state="unchecked") for q in brief.quotes)


def _source_problems(brief: Brief, record: SourceRecord) -> list[Problem]:
    where = _source_location(brief)
    address = printable(record.final_url)
    reason = printable(record.reason)
    if record.state == "dead":
        return [
            error(where.path, where.line, where.column, f"source is dead: {reason} ({address})")
        ]
    if record.state == "failed":
        message = f"source could not be fetched: {reason} ({address}); its quotes are not verified"
    elif record.state == "no-text":
        message = f"source has no text to check: {reason} ({address}); its quotes are not verified"
    else:
        return []
    return [warning(where.path, where.line, where.column, message)]


def _quote_problems(quote: Quote, record: QuoteRecord) -> list[Problem]:
    where = quote.location
    percent = f"{(record.similarity or 0) * 100:.0f}%"
    if record.state == "close" and record.selector is not None:
        passage = printable(record.selector.exact, 300)
        message = f"quote differs from the source ({percent} alike); the source has: “{passage}”"
        return [warning(where.path, where.line, where.column, message)]
    if record.state == "absent":
        message = f"quote not found in the source (the closest passage is {percent} alike)"
        return [error(where.path, where.line, where.column, message)]
    if record.state == "unchecked":
        message = "quote changed since the source was verified; run `briefsite verify` to check it"
        return [warning(where.path, where.line, where.column, message)]
    return []


def _source_location(brief: Brief) -> Location:
    return brief.source.location or brief.location
