"""Where each generated page and file lives, as paths relative to the docs root.

Generated pages sit in their own folders (`briefs/`, `actors/`, `archive/`, `tags/`,
`publishers/`, `actor-types/`), so no id can reach a name MkDocs or the theme uses at the
top level (`search/`, `assets/`, `404.html`, …); feeds and data files likewise (`feeds/`,
`data/`). A tag or publisher whose slug is `index` gets the page `index-` (no slug ends
with a hyphen), so that it cannot take the place of its folder's index page.
"""

from __future__ import annotations

import posixpath
from functools import cache

from markupsafe import Markup

HOME = "index.md"
STYLESHEET = "assets/briefsite/briefsite.css"
"""The site's stylesheet, which the engine adapter adds to every page."""
SEARCH_WORKER = "assets/briefsite/search-worker.js"
"""The search worker that answers the theme's search box from Pagefind's index."""
ACTORS_INDEX = "actors/index.md"
ARCHIVE_INDEX = "archive/index.md"
TAGS_INDEX = "tags/index.md"
PUBLISHERS_INDEX = "publishers/index.md"
SITE_FEED = "feeds/site.xml"
BRIEFS_JSON = "data/briefs.json"
ACTORS_JSON = "data/actors.json"
BRIEFS_DB = "data/briefs.db"


def brief_page(brief_id: str) -> str:
    return f"briefs/{brief_id}.md"


def actor_page(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def actor_year_page(actor_id: str, year: int, page: int = 1) -> str:
    """The briefs and quotes of one year of a prolific actor (the actor page shows the latest);
    a year too full for one page goes on over `2024-2`, `2024-3`…"""
    return f"actors/{actor_id}/{year}{f'-{page}' if page > 1 else ''}.md"


def actor_type_page(type_slug: str) -> str:
    return f"actor-types/{type_slug}.md"


def month_page(month: str) -> str:
    """`month` is `YYYY-MM`."""
    return f"archive/{month}.md"


def tag_page(tag_slug: str) -> str:
    return f"tags/{_not_index(tag_slug)}.md"


def publisher_page(publisher_slug: str) -> str:
    return f"publishers/{_not_index(publisher_slug)}.md"


def _not_index(name: str) -> str:
    return "index-" if name == "index" else name


def actor_feed(actor_id: str) -> str:
    return f"feeds/actors/{actor_id}.xml"


def tag_feed(tag_slug: str) -> str:
    """`tag_slug` is the key of the tag's group in the index (`SiteIndex.tags`)."""
    return f"feeds/tags/{tag_slug}.xml"


def publisher_feed(publisher_slug: str) -> str:
    """`publisher_slug` is the key of the publisher's group (`SiteIndex.publishers`)."""
    return f"feeds/publishers/{publisher_slug}.xml"


@cache
def _relative_folder(target: str, start: str) -> str:
    # Pages live in a handful of folders: each pair is worked out once per process.
    return posixpath.relpath(target, start)


class Links:
    """Relative links from one page to the others; templates call this, never build URLs."""

    def __init__(self, current_page: str) -> None:
        self._folder = posixpath.dirname(current_page) or "."

    def to(self, page: str) -> Markup:
        folder, name = posixpath.split(page)
        return Markup(posixpath.join(_relative_folder(folder or ".", self._folder), name))

    def brief(self, brief_id: str) -> Markup:
        return self.to(brief_page(brief_id))

    def actor(self, actor_id: str) -> Markup:
        return self.to(actor_page(actor_id))

    def home(self) -> Markup:
        return self.to(HOME)

    def actors_index(self) -> Markup:
        return self.to(ACTORS_INDEX)

    def site_feed(self) -> Markup:
        return self.to(SITE_FEED)

    def actor_feed(self, actor_id: str) -> Markup:
        return self.to(actor_feed(actor_id))

    def actor_year(self, actor_id: str, year: int, page: int = 1, section: str = "") -> Markup:
        """A page of an actor's year; at the heading `section` (an id such as `quotes`)."""
        link = self.to(actor_year_page(actor_id, year, page))
        return link + Markup("#") + section if section else link

    def actor_type(self, type_slug: str) -> Markup:
        return self.to(actor_type_page(type_slug))

    def archive(self) -> Markup:
        return self.to(ARCHIVE_INDEX)

    def month(self, month: str) -> Markup:
        """`month` is `YYYY-MM`."""
        return self.to(month_page(month))

    def tags_index(self) -> Markup:
        return self.to(TAGS_INDEX)

    def tag(self, tag_slug: str) -> Markup:
        return self.to(tag_page(tag_slug))

    def tag_feed(self, tag_slug: str) -> Markup:
        return self.to(tag_feed(tag_slug))

    def publishers_index(self) -> Markup:
        return self.to(PUBLISHERS_INDEX)

    def publisher(self, publisher_slug: str) -> Markup:
        return self.to(publisher_page(publisher_slug))

    def publisher_feed(self, publisher_slug: str) -> Markup:
        return self.to(publisher_feed(publisher_slug))
