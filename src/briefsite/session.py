"""What one preview process keeps between builds, so that a rebuild after an edit redoes
only what the edit changed, and gives the very bytes a fresh build gives.

The caller (the MkDocs adapter under `mkdocs serve`) makes one `Session` and passes it
to every `build_site`. Each part is reused only while its inputs are equal to last
time's: the files read (by stamp), the template environment (by the templates' bytes),
the Markdown renderer (by the URL policy; each text by where its prose links lead), and
the pages and feeds (by everything they are made of: `memo`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

import jinja2

from briefsite.memo import Memo
from briefsite.outputs import OutputFile
from briefsite.prose import LinkTarget
from briefsite.readcache import Kept
from briefsite.render import RenderedPage, make_environment
from briefsite.sanitize import MarkdownRenderer
from briefsite.urls import UrlPolicy


class Session:
    """Made once per preview process; `build_site(..., session=...)` reads and fills it."""

    def __init__(self) -> None:
        self.read = Kept()
        self.pages: Memo[RenderedPage] = Memo()
        self.feeds: Memo[OutputFile] = Memo()
        self._environment: tuple[str, jinja2.Environment] | None = None
        self._markdown: tuple[UrlPolicy, MarkdownRenderer] | None = None

    def environment(self, templates_dir: Path | None) -> jinja2.Environment:
        """The last build's environment (its templates compiled already) while no template
        changed; else a new one."""
        fingerprint = _templates_fingerprint(templates_dir)
        if self._environment is None or self._environment[0] != fingerprint:
            environment = make_environment(templates_dir)
            # The fingerprint notices a changed template, not Jinja at each include.
            environment.auto_reload = False
            self._environment = (fingerprint, environment)
        return self._environment[1]

    def markdown(self, links: Mapping[str, LinkTarget], urls: UrlPolicy) -> MarkdownRenderer:
        """The last build's renderer, with every text it rendered, while the URL policy is
        the same; it forgets the texts whose prose links now lead elsewhere (`relink`)."""
        if self._markdown is None or self._markdown[0] != urls:
            self._markdown = (urls, MarkdownRenderer(links, urls))
        self._markdown[1].relink(links)
        return self._markdown[1]


def _templates_fingerprint(templates_dir: Path | None) -> str:
    """A digest of every template a build may load: the site's and the package's."""
    digest = hashlib.sha256()
    package = Path(str(resources.files("briefsite") / "templates"))
    folders = [package] if templates_dir is None else [package, templates_dir]
    for number, folder in enumerate(folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                digest.update(f"{number}:{name}:{path.stat().st_size}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


__all__ = ["Session"]
