"""schema.org structured data and link previews for generated pages, from the index.

A brief is an `Article` that `isBasedOn` its source (a `NewsArticle`), `mentions` its actors
and has each quote as a `Quotation` part; an actor is a `Person`, an `Organization` (or one
of its kinds) or a `Thing`, by its type. Every node about an actor has the actor page's URL
as its `@id`, so the briefs and the actor pages describe one graph. Text is given as
contributors wrote it (JSON-LD is data); `head.script_json` makes it safe in the page.
"""

from __future__ import annotations

from typing import Any

from briefsite import layout
from briefsite.index import SiteIndex
from briefsite.model import Actor, Brief
from briefsite.outputs.head import OpenGraph
from briefsite.resolve import ResolvedBrief
from briefsite.urls import UrlPolicy

CONTEXT = "https://schema.org"
SCHEMA_TYPES = {
    "person": "Person",
    "organization": "Organization",
    "armed group": "Organization",
    "state": "Organization",
    "government": "GovernmentOrganization",
    "media outlet": "NewsMediaOrganization",
}
"""schema.org type of each actor type; `other` and implicit actors (no type) are `Thing`."""


def schema_type(actor: Actor) -> str:
    return SCHEMA_TYPES.get(actor.type or "", "Thing")


class StructuredData:
    """JSON-LD and Open Graph of each generated page; pure, one instance per build."""

    def __init__(self, index: SiteIndex, urls: UrlPolicy, site_name: str) -> None:
        self.index = index
        self.urls = urls
        self.site_name = site_name

    def brief(self, item: ResolvedBrief, description: str) -> dict[str, Any]:
        brief = item.brief
        url = self.urls.absolute(layout.brief_page(brief.id))
        data: dict[str, Any] = {
            "@context": CONTEXT,
            "@type": "Article",
            "@id": url,
            "url": url,
            "headline": brief.title,
            "description": description,
            "isPartOf": self._website_ref(),
            "isBasedOn": _source(brief),
            "mentions": [self.actor_ref(member.actor_id) for member in item.cast],
        }
        if item.quotes:
            data["hasPart"] = [
                _without_none(
                    {
                        "@type": "Quotation",
                        "text": quoted.quote.text,
                        "creator": self.actor_ref(quoted.actor_id, same_as=False),
                        "isBasedOn": brief.source.url,
                        "description": quoted.quote.context,
                    }
                )
                for quoted in item.quotes
            ]
        if brief.tags:
            data["keywords"] = list(brief.tags)
        return data

    def actor(self, actor: Actor, description: str) -> dict[str, Any]:
        data = {"@context": CONTEXT, **self.actor_ref(actor.id)}
        if actor.aliases:
            data["alternateName"] = list(actor.aliases)
        if description:
            data["description"] = description
        return data

    def actor_ref(self, actor_id: str, *, same_as: bool = True) -> dict[str, Any]:
        """An actor as a node: its page's URL is its `@id`; `sameAs` its other identities."""
        actor = self.index.actors[actor_id]
        url = self.urls.absolute(layout.actor_page(actor_id))
        data: dict[str, Any] = {"@type": schema_type(actor), "@id": url, "name": actor.name}
        data["url"] = url
        identities = [actor.wikidata_url, *actor.links] if actor.wikidata_url else actor.links
        if same_as and identities:
            data["sameAs"] = list(identities)
        return data

    def website(self) -> dict[str, Any]:
        return {"@context": CONTEXT, **self._website_ref()}

    def collection(self, page: str, title: str) -> dict[str, Any]:
        url = self.urls.absolute(page)
        return {
            "@context": CONTEXT,
            "@type": "CollectionPage",
            "@id": url,
            "url": url,
            "name": title,
            "isPartOf": self._website_ref(),
        }

    def open_graph(self, page: str, title: str, description: str, kind: str) -> OpenGraph:
        url = self.urls.absolute(page) if self.urls.site_url else None
        return OpenGraph(title, description, kind, url, self.site_name)

    def _website_ref(self) -> dict[str, Any]:
        url = self.urls.absolute(layout.HOME)
        return _without_none(
            {"@type": "WebSite", "@id": url, "url": url, "name": self.site_name or None}
        )


def _source(brief: Brief) -> dict[str, Any]:
    source = brief.source
    published = source.published or brief.date
    return _without_none(
        {
            "@type": "NewsArticle",
            "url": source.url,
            "datePublished": published.isoformat(),
            "publisher": _named("Organization", source.publisher),
            "author": _named("Person", source.author),
            "archivedAt": source.archive_url,
        }
    )


def _named(kind: str, name: str | None) -> dict[str, str] | None:
    return {"@type": kind, "name": name} if name else None


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}
