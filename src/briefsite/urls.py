"""The URL policy: the final address of every generated page and file.

The engine adapter says how the site is served (its public address, directory URLs or
not); with that, the core knows where everything will be, so feeds, exports and
structured data can carry final URLs without asking the engine.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
"""The only links out of the site; relative links would escape the site's link checks."""
WIKIDATA = "https://www.wikidata.org/wiki/"


def wikidata_url(item: str) -> str:
    """The page of a Wikidata item; `item` is a validated Q-id such as `Q42`."""
    return WIKIDATA + item


@dataclass(frozen=True)
class UrlPolicy:
    site_url: str = ""
    """The site's public address, e.g. `https://desk.example.org/`; empty when unknown."""
    directory_urls: bool = True
    """`briefs/x/` (True) or `briefs/x.html` (False) for the page `briefs/x.md`."""

    def __post_init__(self) -> None:
        if self.site_url and not self.site_url.endswith("/"):
            object.__setattr__(self, "site_url", self.site_url + "/")

    def path(self, source: str) -> str:
        """URL of a generated page (`.md` source) or file, relative to the site root."""
        if not source.endswith(".md"):
            return source
        stem = source.removesuffix(".md")
        folder, _, name = stem.rpartition("/")
        folder = f"{folder}/" if folder else ""
        if name == "index":
            return folder if self.directory_urls else f"{folder}index.html"
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def absolute(self, source: str) -> str:
        """Absolute URL when the site's address is known; else a path from the site root."""
        return (self.site_url or "/") + self.path(source)

    def href(self, page: str, target: str) -> str:
        """A link from `page` to `target` (both sources) that works wherever the site is
        served: absolute when the site's address is known, else relative to the page."""
        return self.absolute(target) if self.site_url else self.relative(page, target)

    def relative(self, page: str, target: str) -> str:
        """A link from `page` to `target` (both sources), relative to the page's final URL."""
        here = self.path(page)
        folder = here if here.endswith("/") or not here else posixpath.dirname(here)
        there = self.path(target)
        relative = posixpath.relpath(there or ".", folder or ".")
        # A folder URL keeps its slash, or the server answers with a redirect.
        return f"{relative}/" if there.endswith("/") or not there else relative

    def output_file(self, page: str) -> str:
        """The file a page (`.md` source) becomes in the built site."""
        url = self.path(page)
        return f"{url}index.html" if url.endswith("/") or not url else url


def is_outside_link(url: str, schemes: frozenset[str] = LINK_SCHEMES) -> bool:
    """Whether `url` is a full address the site may link to: `http(s)://host/...` or
    `mailto:...`, with nothing that browsers and Python could read differently (a
    backslash, white space, control characters, a missing `//` or host)."""
    if "\\" in url or any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        return False
    if scheme == "mailto":
        return bool(parts.path) and "/" not in parts.path
    return url[len(scheme) :].startswith("://") and bool(host)


_ARCHIVE_STAMP = re.compile(r"/(\d{4})(\d{2})(\d{2})\d{0,6}(?:[a-z]{2}_)?/")


def archive_date(url: str) -> date | None:
    """The day an archived copy was made, from the timestamp web archives put in its path
    (`https://web.archive.org/web/20240209123456/https://…`), when there is one."""
    found = _ARCHIVE_STAMP.search(urlsplit(url).path + "/")
    if found is None:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None
