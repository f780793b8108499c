"""Problems found in contributor files, carried as data rather than raised one by one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from briefsite.characters import printable


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place in one file; ordering sorts by file, then line."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(path: str, line: int, column: int, message: str) -> Problem:
    return _problem(path, line, column, Severity.ERROR, message)


def warning(path: str, line: int, column: int, message: str) -> Problem:
    return _problem(path, line, column, Severity.WARNING, message)


def _problem(path: str, line: int, column: int, severity: Severity, message: str) -> Problem:
    # Messages quote contributor text: a line break in it must not forge a line for another
    # file, nor an escape sequence reach a terminal or a CI log.
    return Problem(printable(path), line, column, severity, printable(message))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.is_error for problem in problems)
