"""The same content written for the builds briefsite is compared with (bench/compare.py).

- minimal pages: every page briefsite generates (briefs, actors and their year pages,
  months, tags, publishers, actor types, the index pages) as the least Markdown that shows
  what readers see (title, date, source, summary, linked actors with roles, quotes, tags;
  the briefs a listing lists; an actor's latest briefs and quotes), with no head tags,
  structured data, charts or related lists: the floor of what any MkDocs site with this
  content costs;
- Hugo content: briefs as pages, actors and tags as taxonomy terms, with tiny layouts.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from pathlib import Path

from briefsite import layout, listings
from briefsite.index import Appearance, SiteIndex
from briefsite.model import Actor, Brief
from briefsite.render import LATEST_ON_ACTOR, QUOTES_ON_ACTOR, year_pages_needed
from briefsite.resolve import ResolvedBrief, ResolvedQuote

PLAIN_CONFIG = """\
site_name: bench
site_url: https://bench.example.org/
docs_dir: {docs}
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - attr_list
{extra}nav:
{nav}"""


def plain_config(docs: Path, nav: list[str], stylesheet: bool) -> str:
    """A configuration for plain MkDocs (or ProperDocs) over a folder of pages."""
    extra = f"extra_css:\n  - {layout.STYLESHEET}\n" if stylesheet else ""
    listed = "".join(f"  - {page}\n" for page in nav)
    return PLAIN_CONFIG.format(docs=docs, extra=extra, nav=listed)


def tree_nav(docs: Path) -> list[str]:
    """The navigation the plugin gives a rendered tree: its index pages (`index.md` and
    `*/index.md`); briefs and actors are reached from them."""
    found = [docs / "index.md", *sorted(docs.glob("*/index.md"))]
    return [path.relative_to(docs).as_posix() for path in found if path.is_file()]


def write_minimal_pages(index: SiteIndex, docs: Path) -> list[str]:
    """Write the minimal pages under `docs`, the same pages briefsite generates (listings
    and actors' year pages too); returns their navigation."""
    pages = {
        layout.HOME: _list_page(layout.HOME, "Latest briefs", index.briefs[:20]),
        layout.ACTORS_INDEX: _actor_list(layout.ACTORS_INDEX, "Actors", index.actors_by_name()),
        layout.ARCHIVE_INDEX: "# Archive\n\n"
        + "".join(
            f"- [{month}]({_link(layout.ARCHIVE_INDEX, layout.month_page(month))})\n"
            for month in index.months
        ),
    }
    for month, found in index.months.items():
        pages[layout.month_page(month)] = _list_page(layout.month_page(month), month, found)
    for groups, folder, page in (
        (index.tags, layout.TAGS_INDEX, layout.tag_page),
        (index.publishers, layout.PUBLISHERS_INDEX, layout.publisher_page),
    ):
        pages[folder] = "# Index\n\n" + "".join(
            f"- [{group.name}]({_link(folder, page(group.slug))})\n" for group in groups.values()
        )
        for group in groups.values():
            pages[page(group.slug)] = _list_page(page(group.slug), group.name, group.briefs)
    for type_slug, label, found in listings.by_type(index.actors_by_name()):
        pages[layout.actor_type_page(type_slug)] = _actor_list(
            layout.actor_type_page(type_slug), label, found
        )
    for item in index.briefs:
        pages[layout.brief_page(item.brief.id)] = _brief_page(index, item)
    for actor in index.actors.values():
        pages.update(_actor_pages(index, actor))
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    return tree_nav(docs)


def _list_page(path: str, title: str, briefs: Iterable[ResolvedBrief]) -> str:
    return f"# {title}\n\n" + "".join(_brief_item(path, item.brief) for item in briefs)


def _actor_list(path: str, title: str, actors: Iterable[Actor]) -> str:
    return f"# {title}\n\n" + "".join(
        f"- [{actor.name}]({_link(path, layout.actor_page(actor.id))})\n" for actor in actors
    )


def _actor_pages(index: SiteIndex, actor: Actor) -> dict[str, str]:
    """An actor's page with its latest briefs and quotes, and its year pages when it has
    more, split as briefsite splits them."""
    path = layout.actor_page(actor.id)
    appearances = index.appearances.get(actor.id, ())
    quotes = index.quotes.get(actor.id, ())
    year_pages = {
        layout.actor_year_page(actor.id, page.year, page.page): page
        for year in year_pages_needed(appearances, quotes)
        for page in year.each_page()
    }
    pages = {
        path: _actor_page(path, actor.name, appearances[:LATEST_ON_ACTOR], quotes[:QUOTES_ON_ACTOR])
        + "".join(f"- [{page}]({_link(path, page)})\n" for page in year_pages)
    }
    for page, year in year_pages.items():
        pages[page] = _actor_page(
            page, f"{actor.name} in {year.year}", year.appearances, year.quotes
        )
    return pages


def _actor_page(
    path: str,
    title: str,
    appearances: Iterable[Appearance],
    quotes: Iterable[tuple[Brief, ResolvedQuote]],
) -> str:
    briefs = "".join(_brief_item(path, appearance.brief) for appearance in appearances)
    said = "".join(f"> {quote.quote.text}\n>\n> — {brief.title}\n\n" for brief, quote in quotes)
    return f"# {title}\n\n## Briefs\n\n{briefs}\n## Quotes\n\n{said}## Years\n\n"


def _link(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def _brief_item(source: str, brief: Brief) -> str:
    return f"- [{brief.title}]({_link(source, layout.brief_page(brief.id))}) · {brief.date}\n"


def _brief_page(index: SiteIndex, item: ResolvedBrief) -> str:
    brief, path = item.brief, layout.brief_page(item.brief.id)
    cast = "".join(
        f"- [{index.actors[member.actor_id].name}]"
        f"({_link(path, layout.actor_page(member.actor_id))}) — {member.role or ''}\n"
        for member in item.cast
    )
    quotes = "".join(
        f"> {quote.quote.text}\n>\n> — {index.actors[quote.actor_id].name}\n\n"
        for quote in item.quotes
    )
    return (
        f"# {brief.title}\n\n**{brief.date}** · {brief.source.publisher or ''}\n\n"
        f"[Read the source]({brief.source.url})\n\n## Summary\n\n{brief.summary}\n\n"
        f"## Actors\n\n{cast}\n## Quotes\n\n{quotes}## Tags\n\n{', '.join(brief.tags)}\n"
    )


HUGO_CONFIG = {
    "baseURL": "https://bench.example.org/",
    "title": "bench",
    "taxonomies": {"actor": "actors", "tag": "tags"},
    "disableKinds": ["RSS"],
}
HUGO_LAYOUTS = {
    "baseof.html": "<!doctype html><html><head><title>{{ .Title }}</title></head>"
    "<body><nav><a href='/'>Home</a> <a href='/actors/'>Actors</a></nav>"
    '{{ block "main" . }}{{ end }}</body></html>',
    "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}'
    " · {{ .Params.publisher }}</p>{{ .Content }}<h2>Actors</h2><ul>"
    '{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>'
    "{{ end }}</ul>{{ end }}",
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
    '<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> · {{ .Date.Format "2006-01-02" }}'
    "</li>{{ end }}</ul>{{ end }}",
}


def write_hugo_site(index: SiteIndex, root: Path) -> None:
    """Briefs as Hugo pages (JSON front matter, Markdown body), actors as taxonomy terms."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.json").write_text(json.dumps(HUGO_CONFIG), encoding="utf-8")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    content = root / "content" / "briefs"
    content.mkdir(parents=True)
    for item in index.briefs:
        brief = item.brief
        front = {
            "title": brief.title,
            "date": brief.date.isoformat(),
            "publisher": brief.source.publisher or "",
            "actors": [index.actors[member.actor_id].name for member in item.cast],
            "tags": list(brief.tags),
        }
        quotes = "".join(
            f"> {quote.quote.text}\n>\n> — {index.actors[quote.actor_id].name}\n\n"
            for quote in item.quotes
        )
        body = f"[Read the source]({brief.source.url})\n\n{brief.summary}\n\n{quotes}"
        (content / f"{brief.id}.md").write_text(
            json.dumps(front, ensure_ascii=False) + "\n\n" + body, encoding="utf-8"
        )
