"""The repository's own wiring: workflows and hooks run the checks contributors rely on."""

from __future__ import annotations

import subprocess
import sys

import yaml

from tests.conftest import REPO


def workflow_commands(name: str) -> list[str]:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text())
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]


def test_pull_request_workflow_checks_briefs_builds_strictly_and_tests() -> None:
    commands = workflow_commands("pull-request.yml")
    assert "briefsite check --format github --strict" in commands
    assert "mkdocs build --strict" in commands
    assert "make test" in commands


def test_deploy_workflow_publishes_the_built_site() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text())
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(use.startswith("actions/deploy-pages@") for use in uses)
    assert "mkdocs build --strict" in workflow_commands("deploy.yml")


def test_pre_commit_hook_entry_runs() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    program, *arguments = hook["entry"].split()
    assert program == "briefsite"
    done = subprocess.run(
        [sys.executable, "-m", "briefsite", *arguments, "briefs/actors/kataib-hezbollah.md"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
