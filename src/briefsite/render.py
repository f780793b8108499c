"""Site index → Markdown pages, through Jinja2 templates a site may override.

Pages are Markdown so that the site generator does links, headings and search; every
piece of contributor text reaches them through `sanitize`, as Markup or escaped text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from briefsite import layout
from briefsite.dialect import MATERIAL, Dialect, PageMeta
from briefsite.index import SiteIndex
from briefsite.model import Actor
from briefsite.outputs.head import FeedLink, Head
from briefsite.outputs.structured import StructuredData, schema_type
from briefsite.sanitize import MarkdownRenderer, external_link, inline_text
from briefsite.slugs import slug
from briefsite.urls import UrlPolicy

LATEST_ON_HOME = 20
DESCRIPTION_LENGTH = 160


@dataclass(frozen=True)
class RenderedPage:
    path: str
    """Markdown source path relative to the docs root, e.g. `briefs/2024-02-09-x.md`."""
    content: str
    meta: dict[str, Any]
    """The front matter `content` starts with, as the site generator will read it back."""
    in_nav: bool = False
    """Only index pages belong in the navigation; briefs and actors are reached from them."""


@dataclass(frozen=True)
class Target:
    """Where and how the site is served: the engine's dialect, the URL policy, the site's name."""

    dialect: Dialect = MATERIAL
    urls: UrlPolicy = field(default_factory=UrlPolicy)
    site_name: str = ""


def make_environment(site_templates: Path | None = None) -> jinja2.Environment:
    """Site templates first, package defaults last; undefined names fail loudly."""
    loaders: list[jinja2.BaseLoader] = []
    if site_templates is not None and site_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(site_templates))
    loaders.append(jinja2.PackageLoader("briefsite", "templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        # Output is Markdown, not HTML: every plain value is escaped for both by `_finalize`.
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return value
    return inline_text(str(value))


def render_site(
    index: SiteIndex,
    environment: jinja2.Environment,
    target: Target | None = None,
    markdown: MarkdownRenderer | None = None,
) -> list[RenderedPage]:
    """Every generated page, in a stable order. `markdown` may be shared with the outputs
    of the same build, so that each text is rendered once."""
    target = target or Target()
    markdown = markdown or MarkdownRenderer(index.links, target.urls)
    renderer = _PageRenderer(index, environment, target, markdown)
    return [*renderer.index_pages(), *renderer.brief_pages(), *renderer.actor_pages()]


class _PageRenderer:
    def __init__(
        self,
        index: SiteIndex,
        environment: jinja2.Environment,
        target: Target,
        markdown: MarkdownRenderer,
    ) -> None:
        self.index = index
        self.environment = environment
        self.dialect = target.dialect
        self.urls = target.urls
        self.structured = StructuredData(index, target.urls, target.site_name)
        self.markdown = markdown

    def _page(
        self,
        template: str,
        path: str,
        page: PageMeta,
        *,
        in_nav: bool = False,
        **context: Any,
    ) -> RenderedPage:
        body = self.environment.get_template(template).render(
            links=layout.Links(path),
            markdown=partial(self.markdown.to_html, page=path),
            external=external_link,
            dialect=self.dialect,
            actors=self.index.actors,
            quote_checks=self.index.quote_checks,
            **context,
        )
        meta = self.dialect.meta(page)
        front = self.dialect.front_matter(meta)
        return RenderedPage(path, f"---\n{front}---\n\n{body}", meta, in_nav)

    def _with_head(
        self, path: str, page: PageMeta, json_ld: dict[str, Any], kind: str, feed: str | None
    ) -> PageMeta:
        """`page` with its head tags: link preview, structured data, and its feed if any."""
        preview = self.structured.open_graph(path, page.title, page.description, kind)
        feeds = (FeedLink(f"{page.title} (Atom)", self.urls.href(path, feed)),) if feed else ()
        return replace(page, head=Head(json_ld, preview, feeds).html())

    def index_pages(self) -> Iterator[RenderedPage]:
        home = PageMeta("Latest briefs", searchable=False)
        yield self._page(
            "home.md.j2",
            layout.HOME,
            self._with_head(
                layout.HOME, home, self.structured.website(), "website", layout.SITE_FEED
            ),
            in_nav=True,
            briefs=[item.brief for item in self.index.briefs[:LATEST_ON_HOME]],
            brief_count=len(self.index.briefs),
            actor_count=len(self.index.actors),
        )
        yield self._page(
            "actors_index.md.j2",
            layout.ACTORS_INDEX,
            self._with_head(
                layout.ACTORS_INDEX,
                PageMeta("Actors", searchable=False),
                self.structured.collection(layout.ACTORS_INDEX, "Actors"),
                "website",
                None,
            ),
            in_nav=True,
            groups=_alphabetical(self.index.actors_by_name()),
            counts={key: len(value) for key, value in self.index.appearances.items()},
        )

    def brief_pages(self) -> Iterator[RenderedPage]:
        for item in self.index.briefs:
            brief = item.brief
            path = layout.brief_page(brief.id)
            page = self._meta(brief.title, brief.summary)
            json_ld = self.structured.brief(item, page.description)
            yield self._page(
                "brief.md.j2",
                path,
                self._with_head(path, page, json_ld, "article", None),
                brief=brief,
                cast=item.cast,
                quotes=item.quotes,
                related=self.index.related.get(brief.id, ()),
                source_check=self.index.source_checks.get(brief.id),
            )

    def actor_pages(self) -> Iterator[RenderedPage]:
        for actor in self.index.actors.values():
            path = layout.actor_page(actor.id)
            page = self._meta(actor.name, actor.description or actor.profile)
            json_ld = self.structured.actor(actor, page.description)
            kind = "profile" if schema_type(actor) == "Person" else "website"
            feed = layout.actor_feed(actor.id)
            yield self._page(
                "actor.md.j2",
                path,
                self._with_head(path, page, json_ld, kind, feed),
                actor=actor,
                appearances=self.index.appearances.get(actor.id, ()),
                quotes=self.index.quotes.get(actor.id, ()),
                co_actors=self.index.co_actors.get(actor.id, ()),
                timeline=self.index.timeline.get(actor.id, ()),
                relations=self.index.relations.get(actor.id, ()),
            )

    def _meta(self, title: str, description: str) -> PageMeta:
        plain = " ".join(self.markdown.to_plain(description).split())
        if len(plain) > DESCRIPTION_LENGTH:
            plain = plain[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
        return PageMeta(title, plain)


def _alphabetical(actors: list[Actor]) -> list[tuple[str, list[Actor]]]:
    groups: dict[str, list[Actor]] = {}
    for actor in actors:
        initial = (slug(actor.name)[:1] or "#").upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(actor)
    return sorted(groups.items())
