"""Site index → Markdown pages, through Jinja2 templates a site may override.

Pages are Markdown so that the site generator does links, headings and search; every
piece of contributor text reaches them through `sanitize`, as Markup or escaped text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from briefsite import layout
from briefsite.index import SiteIndex
from briefsite.model import Actor
from briefsite.sanitize import MarkdownRenderer, external_link, inline_text, meta_text
from briefsite.slugs import slug

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


def render_site(index: SiteIndex, environment: jinja2.Environment) -> list[RenderedPage]:
    """Every generated page, in a stable order."""
    renderer = _PageRenderer(index, environment)
    return [*renderer.index_pages(), *renderer.brief_pages(), *renderer.actor_pages()]


class _PageRenderer:
    def __init__(self, index: SiteIndex, environment: jinja2.Environment) -> None:
        self.index = index
        self.environment = environment
        self.markdown = MarkdownRenderer()

    def _page(
        self,
        template: str,
        path: str,
        meta: dict[str, Any],
        *,
        in_nav: bool = False,
        **context: Any,
    ) -> RenderedPage:
        body = self.environment.get_template(template).render(
            links=layout.Links(path),
            markdown=self.markdown.to_html,
            external=external_link,
            actors=self.index.actors,
            quote_checks=self.index.quote_checks,
            **context,
        )
        return RenderedPage(path, f"---\n{front_matter(meta)}---\n\n{body}", meta, in_nav)

    def index_pages(self) -> Iterator[RenderedPage]:
        hidden = {"search": {"exclude": True}}
        yield self._page(
            "home.md.j2",
            layout.HOME,
            {"title": "Latest briefs", **hidden},
            in_nav=True,
            briefs=[item.brief for item in self.index.briefs[:LATEST_ON_HOME]],
            brief_count=len(self.index.briefs),
            actor_count=len(self.index.actors),
        )
        yield self._page(
            "actors_index.md.j2",
            layout.ACTORS_INDEX,
            {"title": "Actors", **hidden},
            in_nav=True,
            groups=_alphabetical(self.index.actors_by_name()),
            counts={key: len(value) for key, value in self.index.appearances.items()},
        )

    def brief_pages(self) -> Iterator[RenderedPage]:
        for item in self.index.briefs:
            brief = item.brief
            yield self._page(
                "brief.md.j2",
                layout.brief_page(brief.id),
                self._meta(brief.title, brief.summary),
                brief=brief,
                cast=item.cast,
                quotes=item.quotes,
                related=self.index.related.get(brief.id, ()),
            )

    def actor_pages(self) -> Iterator[RenderedPage]:
        for actor in self.index.actors.values():
            yield self._page(
                "actor.md.j2",
                layout.actor_page(actor.id),
                self._meta(actor.name, actor.description or actor.profile),
                actor=actor,
                appearances=self.index.appearances.get(actor.id, ()),
                quotes=self.index.quotes.get(actor.id, ()),
                co_actors=self.index.co_actors.get(actor.id, ()),
                timeline=self.index.timeline.get(actor.id, ()),
                relations=self.index.relations.get(actor.id, ()),
            )

    def _meta(self, title: str, description: str) -> dict[str, Any]:
        # The theme prints both without escaping; they are escaped here, once.
        plain = " ".join(self.markdown.to_plain(description).split())
        if len(plain) > DESCRIPTION_LENGTH:
            plain = plain[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
        return {"title": meta_text(title), "description": meta_text(plain)}


def front_matter(meta: dict[str, Any]) -> str:
    """YAML that every YAML reader reads back as exactly `meta`.

    JSON values are YAML, and far quicker to write than through a YAML emitter, once the
    characters YAML reads differently from JSON are escaped: those it refuses raw (DEL, C1
    controls, noncharacters, surrogates) and those it takes for line breaks.
    """
    return "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True).translate(_YAML_ESCAPES)}\n"
        for key, value in sorted(meta.items())
    )


_YAML_ESCAPES = {
    code: f"\\u{code:04x}"
    for code in (
        *range(0x7F, 0xA0),
        0x2028,
        0x2029,
        *range(0xD800, 0xE000),
        0xFFFE,
        0xFFFF,
    )
}


def _alphabetical(actors: list[Actor]) -> list[tuple[str, list[Actor]]]:
    groups: dict[str, list[Actor]] = {}
    for actor in actors:
        initial = (slug(actor.name)[:1] or "#").upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(actor)
    return sorted(groups.items())
