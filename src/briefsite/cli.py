"""Contributors' command line: a thin layer over the core."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path, PurePosixPath

import click
from pydantic import ValidationError

from briefsite import scaffold
from briefsite.build import check_site
from briefsite.errors import Severity, has_errors
from briefsite.frontmatter import ACTOR_TYPES, SourceEntry
from briefsite.report import FORMATS, format_problems, summary
from briefsite.schema import SCHEMA_FOLDER, json_schemas
from briefsite.slugs import slug

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefsite")
def main() -> None:
    """Source briefs in, a searchable site with cross-linked actor pages out."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@root_option
@briefs_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "style",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people, github for workflow annotations, json.",
)
def check(paths: tuple[Path, ...], root: Path, briefs_dir: str, strict: bool, style: str) -> None:
    """Validate every brief and actor file; exit 1 if any has an error.

    Each problem is one line, `file:line:col: error|warning: message`, sorted by
    file and line. PATHS limits the report to those files or folders; cross-file
    checks (actors, quotes, duplicate ids) still read every file.
    """
    result = check_site(root, root / briefs_dir, only=paths or None)
    problems = list(result.problems)
    if strict:
        problems = [replace(problem, severity=Severity.ERROR) for problem in problems]
    output = format_problems(problems, style)
    if output:
        click.echo(output)
    if style == "text":
        click.echo(summary(problems), err=True)
    sys.exit(1 if has_errors(problems) else 0)


@main.command()
@click.option("--title", required=True, help="The source's headline.")
@click.option("--url", required=True, help="The source's address (http or https).")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Date of the event or publication, YYYY-MM-DD (default: today).",
)
@click.option("--publisher", default=None, help="Outlet that published the source.")
@root_option
@briefs_option
def new(
    title: str, url: str, day: datetime | None, publisher: str | None, root: Path, briefs_dir: str
) -> None:
    """Write a skeleton brief at briefs/YYYY/YYYY-MM-DD-title.md.

    Its empty summary and actors are errors for `briefsite check` until you fill them.
    Refuses to overwrite an existing file.
    """
    try:
        SourceEntry(url=url)
    except ValidationError:
        raise click.BadParameter("must be an http:// or https:// URL", param_hint="--url") from None
    if not slug(title):
        raise click.BadParameter("needs letters or digits", param_hint="--title")
    when = day.date() if day else date.today()
    path = scaffold.brief_path(title, when, briefs_dir)
    _write_new(root, path, scaffold.brief_skeleton(path, title, url, when, publisher))


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
