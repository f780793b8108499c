"""The pipeline: load → validate → resolve → index → render + outputs. Plain data in and out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import jinja2

from briefsite import heap, layout, processes
from briefsite.dialect import MATERIAL, Dialect
from briefsite.errors import Problem, error, has_errors
from briefsite.index import SiteIndex, build_index
from briefsite.load import ContentFile, Kind, find_content_files, read_document
from briefsite.memo import Memo
from briefsite.model import Actor, Brief
from briefsite.outputs import OutputFile
from briefsite.provenance.marks import read_checks
from briefsite.readcache import Entry, Kept, ReadCache
from briefsite.renames import former_id_problems
from briefsite.render import RenderedPage, Target, make_environment, render_site
from briefsite.resolve import resolve
from briefsite.sanitize import MarkdownRenderer
from briefsite.session import Session
from briefsite.similar import near_duplicate_warnings
from briefsite.urls import UrlPolicy
from briefsite.validate import validate_actor, validate_brief

READ_IN_PROCESSES_FROM = 500
"""Files to read before reading them in worker processes pays for starting them."""


@dataclass(frozen=True)
class CheckResult:
    index: SiteIndex | None
    """None when there are errors: nothing may be built from invalid content."""
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class BuildResult:
    pages: tuple[RenderedPage, ...]
    problems: tuple[Problem, ...]
    files: tuple[OutputFile, ...] = ()
    """Feeds and data exports: files that are not pages."""
    index: SiteIndex | None = None
    """What the pages were made from (None with errors): outputs the engine writes after
    the pages, such as a search index, read it."""
    markdown: MarkdownRenderer | None = field(default=None, compare=False, repr=False)
    """The build's renderer, with every text it rendered: those outputs reuse it."""

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


@heap.without_cycle_collection
def check_site(
    root: Path,
    briefs_dir: Path,
    only: Iterable[Path] | None = None,
    *,
    cache: Path | None = None,
    index: bool = True,
    kept: Kept | None = None,
) -> CheckResult:
    """Read and cross-check every brief and actor file under `briefs_dir`.

    Cross-file checks (actors, quotes, duplicate ids) always see every file; `only`
    limits which files' problems are reported. With `cache` (a folder), files unchanged
    since the last run are not read again (`readcache`; `kept`: by this process). Without
    `index`, only the problems are wanted: the result's index is None.
    """
    briefs, actors, problems = read_content(root, briefs_dir, cache, kept)
    resolution, resolve_problems = resolve(briefs, actors)
    problems += resolve_problems
    problems += former_id_problems(resolution)
    problems += near_duplicate_warnings(resolution)
    problems = sorted(set(problems))
    built = None if has_errors(problems) or not index else build_index(resolution)
    if only is not None:
        problems = _limit_to(problems, root, only)
    return CheckResult(built, tuple(problems))


def read_content(
    root: Path, briefs_dir: Path, cache: Path | None = None, kept: Kept | None = None
) -> tuple[list[Brief], list[Actor], list[Problem]]:
    """Every valid brief and actor under `briefs_dir`, and the problems of the others;
    files unchanged since the last run with the same `cache` folder are not read again."""
    files, problems = find_content_files(root, briefs_dir)
    briefs: list[Brief] = []
    actors: list[Actor] = []
    read = ReadCache(cache, kept)
    entries = [read.get(file.display, file.kind.value, file.path) for file in files]
    unread = [file for file, entry in zip(files, entries, strict=True) if entry is None]
    fresh = iter(processes.map_in_processes(_read, unread, least=READ_IN_PROCESSES_FROM))
    for file, cached in zip(files, entries, strict=True):
        entry = cached
        if entry is None:
            entry = next(fresh)
            read.put(file.display, file.kind.value, file.path, entry)
        item, found = entry
        if isinstance(item, Actor):
            actors.append(item)
        elif item is not None:
            briefs.append(item)
        problems += found
    read.save()
    return briefs, actors, problems


@heap.without_cycle_collection
def build_site(
    root: Path,
    briefs_dir: Path,
    templates_dir: Path | None = None,
    *,
    urls: UrlPolicy | None = None,
    site_name: str = "",
    dialect: Dialect = MATERIAL,
    cache: Path | None = None,
    session: Session | None = None,
) -> BuildResult:
    """Every generated page and file, or none at all and the problems that prevent them.

    `urls` says where the site is served, so feeds, exports and structured data carry final
    URLs; `dialect` how the engine and theme spell the marks pages carry; `cache` is
    `check_site`'s. A `session` kept by the caller between builds of one process (a
    preview) reuses whatever an edit left unchanged: the same bytes, sooner.
    """
    kept = session.read if session is not None else None
    checked = check_site(root, briefs_dir, cache=cache, kept=kept)
    if checked.index is None:
        return BuildResult((), checked.problems)
    briefs = (item.brief for item in checked.index.briefs)
    checks = read_checks(root, briefs)
    index = replace(checked.index, quote_checks=checks.quotes, source_checks=checks.sources)
    target = Target(dialect, urls or UrlPolicy(), site_name)
    if session is None:
        environment = make_environment(templates_dir)
        # Templates do not change within one build: no file check at every include (a fifth
        # of the rendering time).
        environment.auto_reload = False
        # One per build: pages, feeds and export share its renderings.
        markdown = MarkdownRenderer(index.links, target.urls)
    else:
        environment = session.environment(templates_dir)
        markdown = session.markdown(index.links, target.urls)
    memo = session.pages if session is not None else None
    try:
        pages = render_site(index, environment, target, markdown, memo)
    except Exception as exc:
        # Templates are the maintainers' code: a broken override is reported, not hidden,
        # whatever it raises (a typo, or a helper called wrongly); a fault of the core is not
        # a template's, and keeps its traceback.
        problem = _template_problem(exc, root)
        if problem is None:
            raise
        return BuildResult((), (*checked.problems, problem))
    feeds = session.feeds if session is not None else None
    files = output_files(index, target.urls, site_name, markdown, feeds)
    return BuildResult(tuple(pages), checked.problems, files, index, markdown)


def output_files(
    index: SiteIndex,
    urls: UrlPolicy,
    site_name: str,
    markdown: MarkdownRenderer | None = None,
    feed_memo: Memo[OutputFile] | None = None,
) -> tuple[OutputFile, ...]:
    """Feeds, data exports and redirects, each written once from the whole index; feeds
    unchanged since the build `feed_memo` remembers are that build's."""
    # Imported here: `briefsite check` needs none of them (SQLite and feed libraries).
    from briefsite.outputs import database, export, feeds, redirects

    markdown = markdown or MarkdownRenderer(index.links, urls)
    briefs, actors = export.export_records(index, urls, markdown)
    return (
        *feeds.feed_files(index, urls, site_name, markdown, feed_memo),
        *export.json_files(briefs, actors),
        database.database_file(briefs, actors),
        *redirects.redirect_files(index, urls),
        OutputFile(layout.STYLESHEET, _stylesheet()),
    )


def _stylesheet() -> bytes:
    # Links underlined in content: colour alone does not tell them from text (WCAG 1.4.1).
    return (resources.files("briefsite") / "assets" / "briefsite.css").read_bytes()


def _template_problem(exc: Exception, root: Path) -> Problem | None:
    """`template file:line: message` for an error raised in a template; None for another."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    traceback = exc.__traceback__
    # Jinja puts template frames in tracebacks: the last one is where the template failed.
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename.endswith(".j2"):
            filename, line = traceback.tb_frame.f_code.co_filename, traceback.tb_lineno
        traceback = traceback.tb_next
    if isinstance(exc, jinja2.TemplateError):
        message = f"template: {exc}"
    elif filename is not None:
        message = f"template: {type(exc).__name__}: {exc}"
    else:
        return None
    name = _relative(Path(filename), root) if filename else "templates"
    return error(name, line or 1, 1, message)


def _read(file: ContentFile) -> Entry:
    """The valid brief or actor in `file` (None if it has errors), and its problems."""
    document = read_document(file)
    if isinstance(document, Problem):
        return None, (document,)
    found: list[Problem]
    if document.file.kind is Kind.ACTOR:
        item: Brief | Actor | None
        item, found = validate_actor(document)
    else:
        item, found = validate_brief(document)
    return item, tuple(found)


def _limit_to(problems: list[Problem], root: Path, only: Iterable[Path]) -> list[Problem]:
    wanted = [_relative(path, root) for path in only]
    return [
        problem
        for problem in problems
        if any(
            prefix in ("", ".")
            or problem.path == prefix
            or problem.path.startswith(prefix.rstrip("/") + "/")
            for prefix in wanted
        )
    ]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


__all__ = [
    "BuildResult",
    "CheckResult",
    "build_site",
    "check_site",
    "output_files",
    "read_content",
]
