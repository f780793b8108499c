"""Where each generated page and file lives, as paths relative to the docs root.

Generated pages sit in their own folders (`briefs/`, `actors/`), so no id can reach a
name MkDocs or the theme uses at the top level (`search/`, `assets/`, `404.html`, …);
feeds and data files likewise (`feeds/`, `data/`).
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
SITE_FEED = "feeds/site.xml"
BRIEFS_JSON = "data/briefs.json"
ACTORS_JSON = "data/actors.json"
BRIEFS_DB = "data/briefs.db"


def brief_page(brief_id: str) -> str:
    return f"briefs/{brief_id}.md"


def actor_page(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


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
