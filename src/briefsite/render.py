"""Site index → Markdown pages, through Jinja2 templates a site may override.

Pages are Markdown so that the site generator does links, headings and search; every
piece of contributor text reaches them through `sanitize`, as Markup or escaped text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from briefsite import layout, listings, processes
from briefsite.chart import timeline_svg
from briefsite.dialect import MATERIAL, Dialect, PageMeta
from briefsite.index import Appearance, Group, SiteIndex, month_key
from briefsite.memo import Memo, comparable
from briefsite.model import Actor, Brief
from briefsite.outputs.head import FeedLink, Head
from briefsite.outputs.search import quote_anchor
from briefsite.outputs.structured import StructuredData, schema_type
from briefsite.resolve import ResolvedBrief, ResolvedQuote
from briefsite.sanitize import MarkdownRenderer, external_link, inline_text
from briefsite.slugs import slug
from briefsite.urls import UrlPolicy

LATEST_ON_HOME = 20
QUOTES_ON_HOME = 5
ACTORS_ON_HOME = 10
LATEST_ON_ACTOR = 100
"""An actor page lists this many of its latest briefs; the rest are on its year pages."""
QUOTES_ON_ACTOR = 20
"""Likewise for its quotes: a famous actor's page stays light."""
DESCRIPTION_LENGTH = 160
DEFAULTS_PREFIX = "briefsite"
"""The package's own templates are reachable as `briefsite/<name>`, so a site's template of
the same name can `{% extends "briefsite/<name>" %}` and change one block."""


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
    defaults = jinja2.PackageLoader("briefsite", "templates")
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({DEFAULTS_PREFIX: defaults})]
    if site_templates is not None and site_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(site_templates))
    loaders.append(defaults)
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


def year_pages_needed(
    appearances: tuple[Appearance, ...], quotes: tuple[tuple[Brief, ResolvedQuote], ...]
) -> list[listings.ActorYear]:
    """An actor's years, each on pages of its own, when its page cannot list every brief
    and quote; none when it can."""
    prolific = len(appearances) > LATEST_ON_ACTOR or len(quotes) > QUOTES_ON_ACTOR
    return listings.actor_years(appearances, quotes) if prolific else []


RENDER_IN_PROCESSES_FROM = 400
"""Pages to make before making them in worker processes pays for starting them."""

Job = Callable[[], "RenderedPage | list[RenderedPage]"]
"""The making of one page, or of an actor's page and its year pages."""


def render_site(
    index: SiteIndex,
    environment: jinja2.Environment,
    target: Target | None = None,
    markdown: MarkdownRenderer | None = None,
    memo: Memo[RenderedPage] | None = None,
) -> list[RenderedPage]:
    """Every generated page, in a stable order. `markdown` may be shared with the outputs
    of the same build, so that each text is rendered once. A large site's pages are made
    in worker processes (`processes`): the same pages, sooner. `memo`, kept by the caller
    between builds, gives back unchanged pages without rendering them again."""
    target = target or Target()
    markdown = markdown or MarkdownRenderer(index.links, target.urls)
    if memo is not None:
        checks = tuple(index.quote_checks.items())
        memo.start((environment, markdown, target, tuple(index.actors.items()), checks))
    jobs = _PageRenderer(index, environment, target, markdown, memo).jobs()
    if memo is not None:
        # Made here, where the memo is: a rebuild renders few pages, and remembers them.
        made = [_make(job) for job in jobs]
        memo.finish()
    else:
        try:
            made = processes.map_in_processes(_make, jobs, least=RENDER_IN_PROCESSES_FROM)
        except Exception:
            # An error raised in a worker has lost the traceback that tells in which
            # template and line it was raised: made again here, it is raised with it.
            made = [_make(job) for job in jobs]
    return [page for pages in made for page in pages]


def _make(job: Job) -> list[RenderedPage]:
    made = job()
    return made if isinstance(made, list) else [made]


class Partials:
    """The partial templates' macros, as `parts.<name>(…)` in every template.

    `partials/<name>.md.j2` defines the macro `<name>`, so a site overrides one partial by
    writing that one file. A macro's output is Markdown whose values the environment has
    escaped already: it is marked safe here, so that it is not escaped twice.
    """

    def __init__(self, environment: jinja2.Environment) -> None:
        self._environment = environment

    def __getattr__(self, name: str) -> Callable[..., Markup]:
        if name.startswith("_"):
            raise AttributeError(name)
        module = self._environment.get_template(f"partials/{name}.md.j2").module
        macro = getattr(module, name)

        def call(*args: Any, **kwargs: Any) -> Markup:
            return Markup(macro(*args, **kwargs))

        return call


class _PageRenderer:
    def __init__(
        self,
        index: SiteIndex,
        environment: jinja2.Environment,
        target: Target,
        markdown: MarkdownRenderer,
        memo: Memo[RenderedPage] | None = None,
    ) -> None:
        self.index = index
        self.memo = memo
        self.environment = environment
        self.dialect = target.dialect
        self.urls = target.urls
        self.structured = StructuredData(index, target.urls, target.site_name)
        self.markdown = markdown
        self.parts = Partials(environment)

    def _page(
        self,
        template: str,
        path: str,
        page: PageMeta,
        *,
        in_nav: bool = False,
        **context: Any,
    ) -> RenderedPage:
        if self.memo is None:
            return self._render(template, path, page, in_nav, context)
        inputs = (template, page, in_nav, comparable(context))
        render = partial(self._render, template, path, page, in_nav, context)
        return self.memo.get(path, inputs, render, self.markdown)

    def _render(
        self, template: str, path: str, page: PageMeta, in_nav: bool, context: dict[str, Any]
    ) -> RenderedPage:
        body = self.environment.get_template(template).render(
            links=layout.Links(path),
            markdown=partial(self.markdown.to_html, page=path),
            external=external_link,
            dialect=self.dialect,
            parts=self.parts,
            actors=self.index.actors,
            quote_checks=self.index.quote_checks,
            quote_anchor=quote_anchor,
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

    def _listing(
        self,
        template: str,
        path: str,
        title: str,
        *,
        in_nav: bool = False,
        feed: str | None = None,
        **context: Any,
    ) -> RenderedPage:
        """A page that lists briefs or actors: out of search, which finds them by themselves."""
        page = PageMeta(title, searchable=False)
        json_ld = self.structured.collection(path, title)
        head = self._with_head(path, page, json_ld, "website", feed)
        return self._page(template, path, head, in_nav=in_nav, title=title, **context)

    def jobs(self) -> list[Job]:
        """How every page is made, in page order."""
        return [
            lambda: list(self.index_pages()),
            *self._listing_jobs(),
            *(partial(self._brief_page, item) for item in self.index.briefs),
            *(partial(self._actor_pages, actor) for actor in self.index.actors.values()),
        ]

    def index_pages(self) -> Iterator[RenderedPage]:
        """The pages of the navigation, in its order."""
        index = self.index
        yield self._home()
        yield self._listing(
            "archive.md.j2",
            layout.ARCHIVE_INDEX,
            "Archive",
            in_nav=True,
            years=listings.archive_years(index.months),
            brief_count=len(index.briefs),
        )
        yield self._listing(
            "actors_index.md.j2",
            layout.ACTORS_INDEX,
            "Actors",
            in_nav=True,
            groups=listings.alphabetical(index.actors_by_name()),
            counts=self._counts,
            types=[(type_slug, label, len(found)) for type_slug, label, found in self._types],
        )
        for template, path, title, groups in (
            ("tags_index.md.j2", layout.TAGS_INDEX, "Tags", index.tags),
            ("publishers_index.md.j2", layout.PUBLISHERS_INDEX, "Publishers", index.publishers),
        ):
            yield self._listing(template, path, title, in_nav=True, groups=listings.by_name(groups))

    def _home(self) -> RenderedPage:
        index = self.index
        month, month_actors = index.most_mentioned_in_latest_month(ACTORS_ON_HOME)
        page = self._with_head(
            layout.HOME,
            PageMeta("Latest briefs", searchable=False),
            self.structured.website(),
            "website",
            layout.SITE_FEED,
        )
        latest = [item.brief for item in index.briefs[:LATEST_ON_HOME]]
        return self._page(
            "home.md.j2",
            layout.HOME,
            page,
            in_nav=True,
            latest=[(brief, self._one_line(brief.summary)) for brief in latest],
            brief_count=len(index.briefs),
            actor_count=len(index.actors),
            quote_count=index.quote_count(),
            publisher_count=len(index.publishers),
            month=month,
            month_name=listings.month_name(month) if month else "",
            month_actors=month_actors,
            quotes=index.latest_quotes(QUOTES_ON_HOME),
        )

    def _listing_jobs(self) -> list[Job]:
        """A page per month, tag, publisher and actor type, reached from the index pages."""
        months = list(self.index.months)
        return [
            *(partial(self._month_page, months, position) for position in range(len(months))),
            *(
                partial(self._group_page, "tag.md.j2", layout.tag_page, layout.tag_feed, group)
                for group in self.index.tags.values()
            ),
            *(
                partial(
                    self._group_page,
                    "publisher.md.j2",
                    layout.publisher_page,
                    layout.publisher_feed,
                    group,
                )
                for group in self.index.publishers.values()
            ),
            *(
                partial(self._type_page, type_slug, label, found)
                for type_slug, label, found in self._types
            ),
        ]

    def _month_page(self, months: list[str], position: int) -> RenderedPage:
        month = months[position]
        return self._listing(
            "month.md.j2",
            layout.month_page(month),
            listings.month_name(month),
            month=month,
            briefs=[item.brief for item in self.index.months[month]],
            previous=months[position - 1] if position else None,
            next=months[position + 1] if position + 1 < len(months) else None,
            month_name=listings.month_name,
        )

    def _type_page(self, type_slug: str, label: str, found: list[Actor]) -> RenderedPage:
        return self._listing(
            "actor_type.md.j2",
            layout.actor_type_page(type_slug),
            label,
            actors_of_type=found,
            counts=self._counts,
        )

    def _group_page(
        self,
        template: str,
        page: Callable[[str], str],
        feed: Callable[[str], str],
        group: Group,
    ) -> RenderedPage:
        return self._listing(
            template,
            page(group.slug),
            group.name,
            feed=feed(group.slug),
            group=group,
            briefs=[item.brief for item in group.briefs],
        )

    @cached_property
    def _counts(self) -> dict[str, int]:
        """Briefs per actor id, for the actor lists."""
        return {key: len(value) for key, value in self.index.appearances.items()}

    @cached_property
    def _types(self) -> list[tuple[str, str, list[Actor]]]:
        """Each actor type with actors, for the actors index and the type pages."""
        return listings.by_type(self.index.actors_by_name())

    def _brief_page(self, item: ResolvedBrief) -> RenderedPage:
        brief = item.brief
        path = layout.brief_page(brief.id)
        page = self._meta(brief.title, brief.summary)
        json_ld = self.structured.brief(item, page.description)
        publisher = slug(brief.source.publisher) if brief.source.publisher else ""
        return self._page(
            "brief.md.j2",
            path,
            self._with_head(path, page, json_ld, "article", None),
            brief=brief,
            cast=item.cast,
            quotes=item.quotes,
            tags=[(tag, slug(tag)) for tag in brief.tags],
            publisher_slug=publisher,
            month=month_key(brief.date),
            related=self.index.related.get(brief.id, ()),
            source_check=self.index.source_checks.get(brief.id),
        )

    def _actor_pages(self, actor: Actor) -> list[RenderedPage]:
        """The actor's page, and a prolific actor's year pages."""
        appearances = self.index.appearances.get(actor.id, ())
        quotes = self.index.quotes.get(actor.id, ())
        years = year_pages_needed(appearances, quotes)
        pages = [self._actor_page(actor, appearances, quotes, years)]
        for year in years:
            for page in year.each_page():
                part = f", page {page.page} of {page.pages}" if page.pages > 1 else ""
                pages.append(
                    self._listing(
                        "actor_year.md.j2",
                        layout.actor_year_page(actor.id, page.year, page.page),
                        f"{actor.name} in {page.year}{part}",
                        actor=actor,
                        year=page,
                        years=years,
                    )
                )
        return pages

    def _actor_page(
        self,
        actor: Actor,
        appearances: tuple[Appearance, ...],
        quotes: tuple[tuple[Brief, ResolvedQuote], ...],
        years: list[listings.ActorYear],
    ) -> RenderedPage:
        path = layout.actor_page(actor.id)
        page = self._meta(actor.name, actor.description or actor.profile)
        json_ld = self.structured.actor(actor, page.description)
        kind = "profile" if schema_type(actor) == "Person" else "website"
        timeline = self.index.timeline.get(actor.id, ())
        return self._page(
            "actor.md.j2",
            path,
            self._with_head(path, page, json_ld, kind, layout.actor_feed(actor.id)),
            actor=actor,
            appearances=appearances[:LATEST_ON_ACTOR],
            appearance_count=len(appearances),
            quotes=quotes[:QUOTES_ON_ACTOR],
            quote_count=len(quotes),
            years=years,
            co_actors=self.index.co_actors.get(actor.id, ()),
            timeline=timeline,
            chart=timeline_svg(actor.name, timeline) if timeline else None,
            relations=self.index.relations.get(actor.id, ()),
        )

    def _meta(self, title: str, description: str) -> PageMeta:
        return PageMeta(title, self._one_line(description))

    def _one_line(self, text: str) -> str:
        """`text` as plain text on one line, cut at a word to fit a description."""
        plain = " ".join(self.markdown.to_plain(text).split())
        if len(plain) > DESCRIPTION_LENGTH:
            plain = plain[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
        return plain
