"""Every brief and actor as data for reuse: `briefs.json` and `actors.json`.

The records are pydantic models, so the JSON Schema published in `schema/` is generated
from the very models that write the files; the SQLite export is filled from them too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from briefsite import layout
from briefsite.index import Relation, SiteIndex
from briefsite.model import Actor
from briefsite.outputs import OutputFile
from briefsite.provenance.marks import QuoteCheck, SourceCheck
from briefsite.resolve import ResolvedBrief
from briefsite.sanitize import MarkdownRenderer
from briefsite.urls import UrlPolicy


class _Record(BaseModel):
    # Attribute docstrings become the descriptions of the published JSON Schema.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class SourceRecord(_Record):
    url: str
    """Address of the source."""
    publisher: str | None
    author: str | None
    published: date | None
    """Publication date, when the brief gives one."""
    archive_url: str | None
    checked: date | None = None
    """When `briefsite verify` last read the source, if ever."""
    check_state: str | None = None
    """What it found: ok, no-text (paywall, script-only), dead or failed."""


class MentionRecord(_Record):
    actor: str
    """The actor's id (see actors.json)."""
    role: str | None
    """What the actor is or does in this brief."""
    spelled_as: str
    """The name as the brief wrote it: a name, an alias or an id."""


class QuoteRecord(_Record):
    speaker: str
    """The speaking actor's id."""
    spelled_as: str
    """The speaker's name as the brief wrote it."""
    text: str
    """The words, verbatim."""
    context: str | None
    verification: str = "unchecked"
    """verified (verbatim in the source), close, absent or unchecked."""
    verified_on: date | None = None
    """The day the source was read for that verdict."""


class BriefRecord(_Record):
    id: str
    url: str
    """The brief's page on the site."""
    title: str
    date: date
    source: SourceRecord
    summary: str
    """Markdown, as the contributor wrote it."""
    summary_text: str
    """The summary as plain text, markup removed."""
    summary_html: str
    """The summary as clean HTML; its links to actors and briefs are absolute URLs."""
    actors: list[MentionRecord]
    quotes: list[QuoteRecord]
    tags: list[str]


class AffiliationRecord(_Record):
    subject: str
    """The actor whose file declares the relation (an id)."""
    relation: str
    """Read from the subject's side, e.g. "member of"."""
    object: str
    """The other actor's id."""


class ActorCounts(_Record):
    briefs: int
    """Briefs that mention the actor."""
    quotes: int
    """Quotes by the actor."""


class ActorRecord(_Record):
    id: str
    url: str
    """The actor's page on the site."""
    name: str
    registered: bool
    """False for an actor known only from a brief's mention (no file of its own)."""
    type: str | None
    aliases: list[str]
    description: str | None
    wikidata: str | None
    """Wikidata item id, e.g. Q42."""
    links: list[str]
    affiliations: list[AffiliationRecord]
    """Relations the actor declares and those other actors declare with it."""
    counts: ActorCounts


class BriefsExport(_Record):
    """briefsite's `briefs.json`: every brief, newest first."""

    briefs: list[BriefRecord]


class ActorsExport(_Record):
    """briefsite's `actors.json`: every actor, by id."""

    actors: list[ActorRecord]


def export_records(
    index: SiteIndex, urls: UrlPolicy, markdown: MarkdownRenderer | None = None
) -> tuple[BriefsExport, ActorsExport]:
    """Every brief and every actor as export records, in a stable order."""
    markdown = markdown or MarkdownRenderer(index.links, urls)
    briefs = [_brief_record(item, index, urls, markdown) for item in index.briefs]
    actors = [_actor_record(actor, index, urls) for actor in index.actors.values()]
    return BriefsExport(briefs=briefs), ActorsExport(actors=actors)


def json_files(briefs: BriefsExport, actors: ActorsExport) -> list[OutputFile]:
    return [
        OutputFile(layout.BRIEFS_JSON, _json(briefs)),
        OutputFile(layout.ACTORS_JSON, _json(actors)),
    ]


def _json(export: BaseModel) -> bytes:
    return export.model_dump_json().encode() + b"\n"


def _brief_record(
    item: ResolvedBrief, index: SiteIndex, urls: UrlPolicy, markdown: MarkdownRenderer
) -> BriefRecord:
    brief, source = item.brief, item.brief.source
    return BriefRecord(
        id=brief.id,
        url=urls.absolute(layout.brief_page(brief.id)),
        title=brief.title,
        date=brief.date,
        source=SourceRecord(
            url=source.url,
            publisher=source.publisher,
            author=source.author,
            published=source.published,
            archive_url=source.archive_url,
            **_source_check(index.source_checks.get(brief.id)),
        ),
        summary=brief.summary,
        summary_text=markdown.to_plain(brief.summary).strip(),
        summary_html=str(markdown.to_html(brief.summary)).strip(),
        actors=[
            MentionRecord(actor=member.actor_id, role=member.role, spelled_as=member.spelled_as)
            for member in item.cast
        ],
        quotes=[
            QuoteRecord(
                speaker=quote.actor_id,
                spelled_as=quote.quote.by,
                text=quote.quote.text,
                context=quote.quote.context,
                **_quote_check(index.quote_checks.get(quote.quote)),
            )
            for quote in item.quotes
        ],
        tags=list(brief.tags),
    )


def _source_check(check: SourceCheck | None) -> dict[str, Any]:
    return {"checked": check.checked, "check_state": check.state} if check else {}


def _quote_check(check: QuoteCheck | None) -> dict[str, Any]:
    return {"verification": check.state, "verified_on": check.checked} if check else {}


def _actor_record(actor: Actor, index: SiteIndex, urls: UrlPolicy) -> ActorRecord:
    return ActorRecord(
        id=actor.id,
        url=urls.absolute(layout.actor_page(actor.id)),
        name=actor.name,
        registered=actor.registered,
        type=actor.type,
        aliases=list(actor.aliases),
        description=actor.description,
        wikidata=actor.wikidata,
        links=list(actor.links),
        affiliations=[
            _affiliation(actor.id, relation) for relation in index.relations.get(actor.id, ())
        ],
        counts=ActorCounts(
            briefs=len(index.appearances.get(actor.id, ())),
            quotes=len(index.quotes.get(actor.id, ())),
        ),
    )


def _affiliation(owner: str, relation: Relation) -> AffiliationRecord:
    subject, other = (owner, relation.actor_id) if relation.outgoing else (relation.actor_id, owner)
    return AffiliationRecord(subject=subject, relation=relation.relation, object=other)
