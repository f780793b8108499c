"""Redirect pages: each former id of a brief or actor keeps its old URL working.

A redirect is a small HTML file written where the old page was (`briefs/<old-id>/index.html`,
or `briefs/<old-id>.html` without directory URLs), not a generated page: it stays out of the
navigation, the search index and the sitemap. It redirects at once (meta refresh), names the
new page as canonical for search engines, and links to it for readers whose browser does not
follow the refresh.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from briefsite import layout
from briefsite.index import SiteIndex
from briefsite.outputs import OutputFile
from briefsite.sanitize import meta_text
from briefsite.urls import UrlPolicy

_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<p>This page has moved to <a href="{href}">{title}</a>.</p>
</body>
</html>
"""


def redirect_files(index: SiteIndex, urls: UrlPolicy) -> list[OutputFile]:
    """One file per former id, in path order."""
    return sorted(_redirects(index, urls), key=lambda file: file.path)


def _redirects(index: SiteIndex, urls: UrlPolicy) -> Iterator[OutputFile]:
    for item in index.briefs:
        brief = item.brief
        for former in brief.redirect_from:
            old, new = layout.brief_page(former.id), layout.brief_page(brief.id)
            yield _redirect(urls, old, new, brief.title)
    for actor in index.actors.values():
        for former in actor.redirect_from:
            old, new = layout.actor_page(former.id), layout.actor_page(actor.id)
            yield _redirect(urls, old, new, actor.name)


def _redirect(urls: UrlPolicy, old: str, new: str, title: str) -> OutputFile:
    # Relative, so that the redirect also works on a preview or a local copy of the site.
    href = html.escape(urls.relative(old, new))
    canonical = html.escape(urls.href(old, new))
    text = _PAGE.format(title=meta_text(title), canonical=canonical, href=href)
    return OutputFile(urls.output_file(old), text.encode("utf-8"))
