"""Contributors' command line: a thin layer over the core."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import click
from pydantic import ValidationError

from briefsite import scaffold
from briefsite.build import build_site, check_site, read_content
from briefsite.errors import Problem, Severity, has_errors
from briefsite.frontmatter import ACTOR_TYPES, SourceEntry
from briefsite.provenance.cache import CACHE_DIR, Cache
from briefsite.provenance.fetch import TIMEOUT, Fetcher
from briefsite.provenance.prefill import prefill
from briefsite.provenance.text import printable
from briefsite.provenance.verify import (
    JOBS,
    Report,
    orphan_manifests,
    select_briefs,
    verify_briefs,
)
from briefsite.report import FORMATS, format_problems, summary
from briefsite.schema import SCHEMA_FOLDER, json_schemas
from briefsite.slugs import slug
from briefsite.tree import TreeError, tree_files, write_tree
from briefsite.urls import UrlPolicy

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The site folder (where mkdocs.yml is).",
)
briefs_option = click.option(
    "--briefs-dir", default="briefs", show_default=True, help="Folder of briefs under the root."
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
format_option = click.option(
    "--format",
    "style",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people, github for workflow annotations, json.",
)
cache_option = click.option(
    "--cache-dir",
    default=CACHE_DIR,
    show_default=True,
    help="Folder under the root for fetched pages, texts and read files (keep it out of git).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefsite")
def main() -> None:
    """Source briefs in, a searchable site with cross-linked actor pages out."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@root_option
@briefs_option
@strict_option
@format_option
@cache_option
@click.option("--no-cache", "no_cache", is_flag=True, help="Read every file, even those unchanged.")
def check(
    paths: tuple[Path, ...],
    root: Path,
    briefs_dir: str,
    strict: bool,
    style: str,
    cache_dir: str,
    no_cache: bool,
) -> None:
    """Validate every brief and actor file; exit 1 if any has an error.

    Each problem is one line, `file:line:col: error|warning: message`, sorted by
    file and line. PATHS limits the report to those files or folders; cross-file
    checks (actors, quotes, duplicate ids) still read every file. Files unchanged
    since the last run (same size and modification time) are taken from the cache
    folder instead of being read again.
    """
    cache = None if no_cache else root / cache_dir
    result = check_site(root, root / briefs_dir, only=paths or None, cache=cache, index=False)
    _report(list(result.problems), style, strict)


@main.command("verify")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@root_option
@briefs_option
@click.option("--offline", is_flag=True, help="Use only the manifests and the cache; no network.")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Only briefs dated YYYY-MM-DD or later.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 300),
    default=TIMEOUT,
    show_default=True,
    help="Seconds allowed for each response.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 32),
    default=JOBS,
    show_default=True,
    help="Hosts read at once (each host still gets one request per second).",
)
@strict_option
@format_option
@cache_option
def verify_command(
    paths: tuple[Path, ...],
    root: Path,
    briefs_dir: str,
    offline: bool,
    since: datetime | None,
    timeout: float,
    jobs: int,
    strict: bool,
    style: str,
    cache_dir: str,
) -> None:
    """Check every quote against its source's text; exit 1 if any is not there.

    Fetches each brief's source (one request per host per second), keeps the page and
    its text in the cache folder and the evidence in provenance/BRIEF-ID.json. A quote
    found verbatim (ignoring quote marks, dashes and spacing) is verified; a close one is a
    warning that shows the source's words; an absent one, or a dead source, is an error.
    With --offline, the same verdicts come from the manifests and the cache alone.
    A run over the whole site also warns about evidence files that match no brief.
    """
    briefs, _actors, problems = read_content(root, root / briefs_dir)
    if has_errors(problems):
        click.echo("some briefs have errors and are skipped; run `briefsite check`", err=True)
    selected = select_briefs(briefs, root, paths, since.date() if since else None)
    fetcher = None if offline else Fetcher(timeout=timeout)
    try:
        report = verify_briefs(root, selected, Cache(root / cache_dir), fetcher, jobs)
    finally:
        if fetcher is not None:
            fetcher.close()
    found = report.problems
    if not paths and since is None and not has_errors(problems):
        found += orphan_manifests(root, {brief.id for brief in briefs})
    if style == "text":
        click.echo(_verify_summary(report), err=True)
    _report(found, style, strict)


def _verify_summary(report: Report) -> str:
    counts = report.quote_counts()
    sources = len(report.checked)
    return (
        f"{sources} source{'s' * (sources != 1)}, {report.seconds_per_source():.2f} s each; "
        f"quotes: {counts['verified']} verified, {counts['close']} close, "
        f"{counts['absent']} absent, {counts['unchecked']} unchecked"
    )


def _report(problems: list[Problem], style: str, strict: bool = False) -> None:
    """Print the problems (warnings as errors if `strict`), a count, and exit 1 on any error."""
    if strict:
        problems = [replace(problem, severity=Severity.ERROR) for problem in problems]
    output = format_problems(problems, style)
    if output:
        click.echo(output)
    if style == "text":
        click.echo(summary(problems), err=True)
    sys.exit(1 if has_errors(problems) else 0)


@main.command()
@click.option("--title", default=None, help="The source's headline (default: read from the page).")
@click.option("--url", required=True, help="The source's address (http or https).")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Date of the event or publication, YYYY-MM-DD (default: the page's, else today).",
)
@click.option("--publisher", default=None, help="Outlet that published the source.")
@click.option("--author", default=None, help="Who wrote the source.")
@root_option
@briefs_option
@cache_option
def new(
    title: str | None,
    url: str,
    day: datetime | None,
    publisher: str | None,
    author: str | None,
    root: Path,
    briefs_dir: str,
    cache_dir: str,
) -> None:
    """Write a skeleton brief at briefs/YYYY/YYYY-MM-DD-title.md.

    Without --title, the page at --url is fetched once and its own title, date,
    publisher and author fill the skeleton (options given win), with the registered
    actors the page names listed as a comment. Its empty summary and actors are errors
    for `briefsite check` until you fill them. Refuses to overwrite an existing file.
    """
    try:
        SourceEntry(url=url)
    except ValidationError:
        raise click.BadParameter("must be an http:// or https:// URL", param_hint="--url") from None
    when = day.date() if day else None
    named: list[tuple[str, int]] = []
    if title is None:
        _briefs, actors, _problems = read_content(root, root / briefs_dir)
        page, named = prefill(url, actors, Cache(root / cache_dir))
        found = page.metadata
        title = found.title or _title_from_address(url)
        if page.failure or not found.title:
            reason = printable(page.failure or "the page gives no title")
            click.echo(
                f"could not read {printable(url)}: {reason}; the title is taken from the "
                "address: correct it",
                err=True,
            )
        when = when or found.date
        publisher, author = publisher or found.publisher, author or found.author
    if not slug(title):
        raise click.BadParameter("needs letters or digits", param_hint="--title")
    when = when or date.today()
    path = scaffold.brief_path(title, when, briefs_dir)
    text = scaffold.brief_skeleton(path, title, url, when, publisher, author=author, named=named)
    _write_new(root, path, text)


def _title_from_address(url: str) -> str:
    """A stand-in title from the URL's last path segment (or its host), for a contributor
    to correct: `.../iraqi-groups-vow.html` → "Iraqi groups vow"."""
    parts = urlsplit(url)
    segment = PurePosixPath(parts.path.rstrip("/")).stem or parts.hostname or "source"
    words = " ".join(unquote(segment).replace("_", " ").replace("-", " ").split())
    return (words[:1].upper() + words[1:])[:200] or "Source"


@main.command("new-actor")
@click.argument("name")
@click.option(
    "--type",
    "actor_type",
    type=click.Choice(ACTOR_TYPES),
    default=None,
    help="What kind of actor this is.",
)
@root_option
@briefs_option
def new_actor(name: str, actor_type: str | None, root: Path, briefs_dir: str) -> None:
    """Write a skeleton actor file at briefs/actors/ID.md for NAME.

    Refuses to overwrite an existing file.
    """
    if not slug(name):
        raise click.BadParameter("needs letters or digits", param_hint="NAME")
    path = scaffold.actor_path(name, briefs_dir)
    _write_new(root, path, scaffold.actor_skeleton(path, name, actor_type))


@main.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the tree to: new, empty, or written by an earlier render.",
)
@click.option(
    "--site-url",
    default="",
    help="The site's public address, as mkdocs.yml's site_url: full URLs in feeds and data.",
)
@click.option(
    "--site-name", default="", help="The site's name, as mkdocs.yml's site_name (feed titles)."
)
@click.option(
    "--directory-urls/--no-directory-urls",
    default=True,
    show_default=True,
    help="As mkdocs.yml's use_directory_urls: pages at x/ or at x.html.",
)
@click.option(
    "--templates-dir",
    default="templates",
    show_default=True,
    help="Folder of this site's template overrides, under the root.",
)
@root_option
@briefs_option
@strict_option
def render(
    out: Path,
    site_url: str,
    site_name: str,
    directory_urls: bool,
    templates_dir: str,
    root: Path,
    briefs_dir: str,
    strict: bool,
) -> None:
    """Write every generated page and data file to OUT, as a plain tree.

    The same files the MkDocs plugin generates, byte for byte, so that the site can be built
    without the plugin: point an engine's docs folder at OUT. Nothing is written when any
    brief or actor file has an error; OUT is then left as it was.
    """
    result = build_site(
        root,
        root / briefs_dir,
        root / templates_dir,
        urls=UrlPolicy(site_url, directory_urls),
        site_name=site_name,
        cache=root / CACHE_DIR,
    )
    problems = list(result.problems)
    if not result.ok or (strict and problems):
        _report(problems, "text", strict)
    try:
        write_tree(tree_files(result), out)
    except (TreeError, OSError) as exc:
        click.echo(f"nothing written: {exc}", err=True)
        sys.exit(1)
    click.echo(
        f"{len(result.pages)} pages and {len(result.files)} files written to {out}", err=True
    )
    for problem in problems:
        click.echo(str(problem), err=True)


@main.command()
@root_option
def schema(root: Path) -> None:
    """Write the JSON Schemas of brief and actor front matter, and of the data export, to schema/.

    Editors with a YAML language server use the first two to validate and autocomplete;
    the others describe data/briefs.json and data/actors.json of the built site.
    """
    folder = root / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in json_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        click.echo(f"{SCHEMA_FOLDER}/{name}")


def _write_new(root: Path, path: PurePosixPath, text: str) -> None:
    target = root / path
    if target.exists():
        click.echo(f"{path}: already exists; not overwritten", err=True)
        sys.exit(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(str(path))
