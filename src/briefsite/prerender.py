"""Generated pages' Markdown converted to HTML ahead of MkDocs, in worker processes.

Part of the MkDocs adapter, with `plugin.py`. MkDocs converts pages one at a time, on one
core, and Python-Markdown is half of a build. Here forked workers run MkDocs' own
conversion (`Page.render`: the site's extensions, MkDocs' link rewriting, headings and
anchors) on copies of the build's configuration and files, from the last page to the
first, while MkDocs goes from the first; MkDocs then takes each page's result instead of
converting it again. Output bytes are the same by construction, and checked by a test:

- a page whose Markdown a plugin changed after it was generated is converted by MkDocs;
- a page whose conversion logs anything (a broken link, say) is converted again by MkDocs,
  so that the message is logged where `--strict` counts it;
- a page the workers have not reached when MkDocs needs it is converted by MkDocs.

Under `mkdocs serve`, pages are converted by MkDocs and each result is kept for the next
rebuild (`Conversions`), as long as the files, their URLs and the Markdown settings stay.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import meta

CHUNK = 40
"""Pages per task at most: small enough that MkDocs seldom waits for a task to finish; a
small site gets several tasks per worker."""


@dataclass(frozen=True)
class Converted:
    """What `Page.render` sets on a page, for one Markdown text."""

    markdown: str
    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None
    """Links to anchors of other pages, by the linked file's `src_uri`."""

    @classmethod
    def of(cls, page: Page) -> Converted:
        assert page.markdown is not None, "read before it is rendered"
        assert page.content is not None, "rendered"
        links = getattr(page, "links_to_anchors", None)
        return cls(
            page.markdown,
            page.content,
            page.toc,
            getattr(page, "_title_from_render", None),
            page.present_anchor_ids,
            None if links is None else {file.src_uri: dict(found) for file, found in links.items()},
        )

    def apply(self, page: Page, files: Files) -> None:
        page.content = self.content
        page.toc = self.toc
        page._title_from_render = self.title  # what Page.render sets
        page.present_anchor_ids = self.anchors
        if self.links is not None:
            page.links_to_anchors = {
                target: found
                for uri, found in self.links.items()
                if (target := files.get_file_from_path(uri)) is not None
            }


def take_over_render(
    page: Page, known: Converted | None, keep: dict[str, Converted] | None = None
) -> None:
    """Make `page.render` use `known` if the page's Markdown is still `known.markdown`
    when MkDocs renders it; else MkDocs converts it, and `keep` gets the result."""
    original = page.render

    def render(config: MkDocsConfig, files: Files) -> None:
        if known is not None and page.markdown == known.markdown:
            known.apply(page, files)
            return
        original(config, files)
        if keep is not None:
            keep[page.file.src_uri] = Converted.of(page)

    page.render = render  # type: ignore[method-assign]


# Set in the parent just before the workers fork; each worker reads its own copy.
_shared: tuple[MkDocsConfig, Files] | None = None


class Workers:
    """The pool converting `src_uris` (generated pages), last first."""

    def __init__(self, config: MkDocsConfig, files: Files, src_uris: Sequence[str], jobs: int):
        global _shared  # handed to the forked workers, never pickled
        _shared = (config, files)
        self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
        self._tasks: dict[str, tuple[Future[list[Converted | None]], int]] = {}
        self.jobs, self.converted = jobs, 0
        size = max(1, min(CHUNK, len(src_uris) // (4 * jobs)))
        chunks = [src_uris[start : start + size] for start in range(0, len(src_uris), size)]
        for chunk in reversed(chunks):
            task = self._pool.submit(_convert, list(chunk))
            self._tasks |= {uri: (task, place) for place, uri in enumerate(chunk)}
        _shared = None

    def take(self, src_uri: str) -> Converted | None:
        """The page's conversion, or None for MkDocs to convert it: a task not started yet
        is cancelled, as MkDocs has caught up with it."""
        task, place = self._tasks.pop(src_uri, (None, 0))
        if task is None or (not task.done() and task.cancel()) or task.cancelled():
            return None
        try:
            converted = task.result()[place]
        except Exception:  # a worker that died: MkDocs converts the page itself
            return None
        self.converted += converted is not None
        return converted

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _convert(src_uris: list[str]) -> list[Converted | None]:
    """In a worker: each page converted as MkDocs would, or None if that logged anything."""
    assert _shared is not None, "set before the fork"
    config, files = _shared
    logged = _Capture()
    for name in ("", "mkdocs", "MARKDOWN"):
        logging.getLogger(name).handlers = [logged]
    return [_one(uri, config, files, logged) for uri in src_uris]


def _one(uri: str, config: MkDocsConfig, files: Files, logged: _Capture) -> Converted | None:
    file = files.get_file_from_path(uri)
    if file is None:
        return None
    page = Page(None, file, config)
    page.markdown, page.meta = meta.get_data(file.content_string)
    logged.records.clear()
    Page.render(page, config, files)
    return None if logged.records else Converted.of(page)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Conversions:
    """Conversions kept across the rebuilds of one `mkdocs serve`, by page and Markdown;
    forgotten whenever a file is added, removed or moved, or the Markdown settings change."""

    def __init__(self) -> None:
        self._key: Any = None
        self.kept: dict[str, Converted] = {}

    def start(self, config: MkDocsConfig, files: Files) -> None:
        key = (
            repr(config.markdown_extensions),
            repr(config.mdx_configs),
            repr(config.validation),
            tuple((file.src_uri, file.url) for file in _sorted(files)),
        )
        if key != self._key:
            self._key, self.kept = key, {}

    def known(self, page: Page) -> Converted | None:
        return self.kept.get(page.file.src_uri)


def _sorted(files: Files) -> Iterator[Any]:
    return iter(sorted(files, key=lambda file: file.src_uri))
