"""Contributors' command line: a thin layer over the core."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from briefsite.build import check_site
from briefsite.errors import Severity, has_errors
from briefsite.report import FORMATS, format_problems, summary


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefsite")
def main() -> None:
    """Source briefs in, a searchable site with cross-linked actor pages out."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The site folder (where mkdocs.yml is).",
)
@click.option(
    "--briefs-dir", default="briefs", show_default=True, help="Folder of briefs under the root."
)
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

    PATHS limits the report to those files or folders; cross-file checks still read all.
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
