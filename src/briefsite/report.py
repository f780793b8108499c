"""Problems → text for people, GitHub workflow annotations, or JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Sequence

from briefsite.errors import Problem

FORMATS = ("text", "github", "json")


def format_problems(problems: Sequence[Problem], style: str) -> str:
    if style == "json":
        return json.dumps(
            [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "severity": str(p.severity),
                    "message": p.message,
                }
                for p in problems
            ],
            indent=2,
            ensure_ascii=False,
        )
    if style == "github":
        return "\n".join(_annotation(problem) for problem in problems)
    return "\n".join(str(problem) for problem in problems)


def _annotation(problem: Problem) -> str:
    # Workflow commands end at a newline and treat % specially: escape as GitHub documents.
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::{problem.severity} file={path},line={problem.line},col={problem.column}::{message}"


def summary(problems: Sequence[Problem]) -> str:
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
