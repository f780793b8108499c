"""`briefsite check` as contributors run it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from briefsite.cli import main
from tests.conftest import MINIMAL_BRIEF, REPO, Site


def run(site: Site, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(site.root), *args])
    return result.exit_code, result.output


def test_demo_content_is_clean() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefsite", "check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.strip() == "0 errors, 0 warnings"


def test_typo_key_exits_1_with_file_line_col(site: Site) -> None:
    site.brief("2024-02-09-x", MINIMAL_BRIEF.replace("summary:", "sumary:"))
    code, output = run(site)
    assert code == 1
    assert "briefs/2024-02-09-x.md:5:1: error: unknown key 'sumary' (did you mean 'summary'?)" in (
        output
    )


def test_warnings_pass_unless_strict(site: Site) -> None:
    site.brief("2024-02-09-x", MINIMAL_BRIEF.replace("Something happened.", "<b>Bold</b>"))
    assert run(site)[0] == 0
    code, output = run(site, "--strict")
    assert code == 1
    assert "briefs/2024-02-09-x.md:5:10: error: raw HTML in 'summary'" in output


def test_github_format_emits_workflow_annotations(site: Site) -> None:
    site.brief("2024-02-09-x", MINIMAL_BRIEF.replace("summary:", "sumary:"))
    code, output = run(site, "--format", "github")
    assert code == 1
    assert output.strip() == (
        "::error file=briefs/2024-02-09-x.md,line=5,col=1::"
        "unknown key 'sumary' (did you mean 'summary'?)"
    )


def test_json_format_is_machine_readable(site: Site) -> None:
    site.brief("2024-02-09-x", MINIMAL_BRIEF.replace("2024-02-09", "2024-02-30"))
    code, output = run(site, "--format", "json")
    (problem,) = json.loads(output)
    assert code == 1
    assert problem == {
        "path": "briefs/2024-02-09-x.md",
        "line": 3,
        "column": 7,
        "severity": "error",
        "message": "'date' 2024-02-30 is not a real date (day is out of range for month)",
    }


def test_paths_limit_the_report(site: Site) -> None:
    site.brief("good", MINIMAL_BRIEF)
    site.brief("bad", MINIMAL_BRIEF.replace("title:", "titel:"))
    assert run(site, str(site.root / "briefs" / "good.md"))[0] == 0
    assert run(site, str(site.root / "briefs" / "bad.md"))[0] == 1


def test_usage_error_exits_2(site: Site) -> None:
    assert run(site, "--format", "xml")[0] == 2


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 5
