"""The MkDocs adapter: the only module that imports mkdocs. Each hook delegates to the core."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from briefsite import layout, prerender, processes
from briefsite.build import BuildResult, build_site
from briefsite.dialect import MATERIAL, PAGEFIND
from briefsite.outputs import pagefind
from briefsite.outputs.search import SETTINGS, search_records, uses_pagefind
from briefsite.provenance.cache import CACHE_DIR
from briefsite.provenance.manifest import MANIFEST_DIR
from briefsite.session import Session
from briefsite.urls import UrlPolicy

log = get_plugin_logger(__name__)

# Material for MkDocs and MaterialX (its continuation on ProperDocs, under its own theme
# name) read the same `font` option.
MATERIAL_THEMES = frozenset({"material", "materialx"})


class BriefsiteConfig(base.Config):
    briefs_dir = c.Type(str, default="briefs")
    """Folder of brief files (and `actors/`), relative to `mkdocs.yml`."""
    templates_dir = c.Type(str, default="templates")
    """Folder of this site's template overrides, relative to `mkdocs.yml`."""
    web_fonts = c.Type(bool, default=False)
    """Let the theme load its fonts from Google Fonts. Off by default: a page that does so
    tells a third party who reads it."""
    search = c.Choice(SETTINGS, default="auto")
    """What answers the theme's search box: `material` (the theme's own index, one file every
    reader downloads), `pagefind` (an index in chunks, loaded as each query needs them), or
    `auto`: Pagefind from 250 briefs on (docs/search.md)."""
    workers = c.Optional(c.Type(int))
    """Processes converting generated pages to HTML beside MkDocs (`prerender`); 0 for none.
    Unset: one per usable CPU but MkDocs' own, for sites of `PARALLEL_FROM` pages or more."""


PARALLEL_FROM = 200
"""Below this many generated pages, starting worker processes costs more than it saves."""


class BriefsitePlugin(BasePlugin[BriefsiteConfig]):
    def __init__(self) -> None:
        # Set afresh by every build in on_pre_build.
        self._result: BuildResult | None = None
        # Only under `mkdocs serve`: the last valid pages, served while a broken edit is fixed.
        # (MkDocs' server blocks every request after a failed rebuild until one succeeds.)
        self._serving = False
        self._last_good: BuildResult | None = None
        # Set afresh by every build: whether Pagefind answers the search box, and the
        # hand-written pages it indexes beside the briefs and actors (path, title, HTML).
        self._pagefind = False
        self._hand_written: list[tuple[str, str, str]] = []
        # Generated pages' HTML: from worker processes in a build, kept between serve rebuilds.
        self._generated: frozenset[str] = frozenset()
        self._workers: prerender.Workers | None = None
        self._conversions = prerender.Conversions()
        self._dirty = False
        self._last_written: dict[str, int] = {}
        """Under `serve --dirty`: a hash of each generated file's content, by path, as the
        last build wrote it."""
        self._nav: Navigation | None = None
        # Only under `mkdocs serve`: what a rebuild reuses of the last (`session`), and the
        # search index written after each build, in the background.
        self._session: Session | None = None
        self._search: pagefind.Background | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object across the rebuilds of one `mkdocs serve`.
        self._serving = command == "serve"
        # `mkdocs serve --dirty`: MkDocs renders only the files whose `is_modified()` is true.
        self._dirty = self._serving and dirty
        self._session = Session() if self._serving else None
        self._search = pagefind.Background(_search_failed) if self._serving else None

    def on_shutdown(self) -> None:
        if self._search is not None:
            self._search.cancel()

    def _folder(self, config: MkDocsConfig, name: str) -> Path:
        return Path(config.config_file_path).parent / name

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The dialect's marks (fixed heading ids, sections kept out of search) need these.
        for extension in MATERIAL.markdown_extensions:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        _reader_defaults(config, web_fonts=self.config.web_fonts)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Runs before MkDocs cleans site_dir: invalid content leaves the last good site intact.
        if self._search is not None:
            # This build's pages will have their own index: the last one's is abandoned.
            self._search.cancel()
        self._result = build_site(
            self._folder(config, "."),
            self._folder(config, self.config.briefs_dir),
            self._folder(config, self.config.templates_dir),
            urls=UrlPolicy(config.site_url or "", config.use_directory_urls),
            site_name=config.site_name,
            dialect=MATERIAL,
            cache=self._folder(config, CACHE_DIR),
            session=self._session,
        )
        for problem in self._result.problems:
            if not problem.is_error:
                log.warning(str(problem))
        if self._result.ok:
            _refuse_hand_written_collisions(self._result, Path(config.docs_dir))
            self._choose_search(config, self._result)
            self._last_good = self._result if self._serving else None
            return
        errors = "\n".join(str(problem) for problem in self._result.problems if problem.is_error)
        if self._last_good is None:
            raise PluginError(f"invalid briefs:\n{errors}")
        log.error(f"invalid briefs; still serving the last valid version until fixed:\n{errors}")
        self._result = self._last_good

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self._result is not None, "on_pre_build always runs first"
        written, self._last_written = self._last_written, {}
        for path, content, inclusion in _generated_files(self._result):
            kind = File
            if self._dirty:
                self._last_written[path] = hash(content)
                kind = _Unchanged if written.get(path) == hash(content) else File
            files.append(kind.generated(config, path, content=content, inclusion=inclusion))
        if config.nav is None:
            config.nav = _default_nav(self._result, files)
        if self._pagefind:
            worker = (resources.files("briefsite") / "assets" / "search-worker.js").read_bytes()
            files.append(File.generated(config, layout.SEARCH_WORKER, content=worker))
        return files

    def _choose_search(self, config: MkDocsConfig, result: BuildResult) -> None:
        assert result.index is not None, "a valid build has its index"
        self._hand_written = []
        self._pagefind = uses_pagefind(self.config.search, len(result.index.briefs))
        if self._pagefind and "material/search" not in config.plugins:
            # Pagefind answers the theme's search box: without the box there is nothing to answer.
            if self.config.search == "pagefind":
                raise PluginError("search: pagefind needs the theme's `search` plugin in plugins")
            self._pagefind = False

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if not self._pagefind:
            return html
        excluded = (page.meta.get("search") or {}).get("exclude")
        if page.file.generated_by is None and not excluded:
            self._hand_written.append((page.file.dest_uri, page.title or "", html))
        # Material's own index stays empty: every reader would download it on every page.
        page.meta["search"] = {"exclude": True}
        return html

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        # Verify's evidence too: a new verdict shows under its quote on the next reload.
        for name in (self.config.briefs_dir, self.config.templates_dir, MANIFEST_DIR):
            folder = self._folder(config, name)
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        # Files are final here: links between pages can be resolved in the workers.
        assert self._result is not None, "on_pre_build always runs first"
        self._generated = frozenset(page.path for page in self._result.pages)
        self._nav = nav
        if self._serving:
            self._conversions.start(config, files)
        elif jobs := self._jobs(len(self._generated)):
            uris = [page.path for page in self._result.pages]
            self._workers = prerender.Workers(config, files, uris, jobs)
        return nav

    def _jobs(self, pages: int) -> int:
        if not processes.can_fork():
            return 0
        if self.config.workers is not None:
            return max(0, self.config.workers)
        return processes.usable_cpus() - 1 if pages >= PARALLEL_FROM else 0

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        # The dialect's override puts each generated page's head tags into `<head>`.
        assert env.loader is not None, "MkDocs always gives its theme a loader"
        env.loader = MATERIAL.theme_loader(env.loader)
        env.globals["briefsite_search_worker"] = layout.SEARCH_WORKER if self._pagefind else None
        if self._dirty and self._nav is not None:
            # A page a dirty build skipped has no title; the navigation still shows it.
            for page in self._nav.pages:
                if page.markdown is None:
                    page.read_source(config)
        return env

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        uri = page.file.src_uri
        if uri in self._generated:
            if self._workers is not None:
                prerender.take_over_render(page, self._workers.take(uri))
            elif self._serving:
                conversions = self._conversions
                prerender.take_over_render(page, conversions.known(page), conversions.kept)
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._workers is not None:
            workers, count = self._workers.jobs, self._workers.converted
            log.info(
                f"{count} of {len(self._generated)} generated pages converted to HTML by "
                f"{workers} worker process{'es' * (workers != 1)}"
            )
        self._stop_workers()
        result = self._result
        if self._pagefind and result is not None and result.index is not None:
            language = config.theme.get("language") or "en"
            pages = self._search_pages(config, result, language, self._hand_written)
            site_dir, excluded = Path(config.site_dir), PAGEFIND.exclude_selectors
            if self._search is not None:
                # The pages are served already; their search catches up seconds later. The
                # records are made in the background too (`pages` is a generator).
                self._search.start(site_dir, pages, language, excluded)
            else:
                try:
                    pagefind.write_index(site_dir, pages, language, excluded)
                except pagefind.SearchIndexError as exc:
                    raise PluginError(str(exc)) from exc
        self._result = None
        self._hand_written = []

    def _search_pages(
        self,
        config: MkDocsConfig,
        result: BuildResult,
        language: str,
        hand_written: list[tuple[str, str, str]],
    ) -> Iterator[tuple[str, str]]:
        """Each searchable page as Pagefind reads it: its path in the site and its record."""
        assert result.index is not None, "a valid build has its index"
        urls = UrlPolicy(config.site_url or "", config.use_directory_urls)
        # The build's renderer: the summaries were rendered for the pages already.
        for record in search_records(result.index, result.markdown):
            yield urls.output_file(record.page), PAGEFIND.record(record, language)
        for path, title, html in hand_written:
            yield path, PAGEFIND.page(title, html, language)

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_workers()

    def _stop_workers(self) -> None:
        if self._workers is not None:
            self._workers.close()
            self._workers = None


class _Unchanged(File):
    """A generated file with the very content the previous build of this `mkdocs serve
    --dirty` wrote: MkDocs neither renders nor copies it again."""

    def is_modified(self) -> bool:
        return False


def _search_failed(message: str) -> None:
    log.error(f"search index not updated: {message}")


def _generated_files(result: BuildResult) -> Iterator[tuple[str, str | bytes, InclusionLevel]]:
    for page in result.pages:
        yield (
            page.path,
            page.content,
            (InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV),
        )
    for output in result.files:
        yield output.path, output.content, InclusionLevel.UNDEFINED


def _refuse_hand_written_collisions(result: BuildResult, docs_dir: Path) -> None:
    # Checked before MkDocs cleans site_dir, like every other error.
    for path in [*(page.path for page in result.pages), *(file.path for file in result.files)]:
        if (docs_dir / path).exists():
            raise PluginError(
                f"{docs_dir / path} is a hand-written page where briefsite generates one; "
                "rename or remove it"
            )


def _default_nav(result: BuildResult, files: Files) -> list[str]:
    hand_written = [
        file.src_uri for file in files.documentation_pages() if file.generated_by is None
    ]
    return MATERIAL.navigation([page.path for page in result.pages if page.in_nav], hand_written)


def _reader_defaults(config: MkDocsConfig, *, web_fonts: bool) -> None:
    """What every briefsite site gets from the theme: links underlined in content (see the
    stylesheet), and no fonts fetched from Google unless the site asks for them."""
    config.extra_css.append(layout.STYLESHEET)
    if not web_fonts and config.theme.name in MATERIAL_THEMES:
        config.theme["font"] = False
