"""Problems found in content: values, collected from every file and reported together.

An editor must never see a traceback. Every phase that reads content returns the problems it found
instead of raising, so `check` can print all of them at once, each naming file, line and field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One mistake in one place: `path:line: field: message`.

    `path` is relative to the site's root (posix separators), `line` is 1-based: the line of the
    offending value, the opening `---` for a missing field, 1 for a whole-file problem.
    """

    path: str
    line: int
    field: str | None
    message: str
    hint: str | None = None
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self) -> str:
        """The `path:line: [warning: ]field: message` line that `check` prints."""
        where = f"{self.path}:{self.line}: "
        if self.severity == "warning":
            where += "warning: "
        if self.field:
            where += f"{self.field}: "
        return where + self.full_message()

    def full_message(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def github(self) -> str:
        """A GitHub Actions workflow command, so the message lands on the changed line of a pull request."""
        level = "error" if self.is_error else "warning"
        title = f"{self.field}" if self.field else "content"
        message = _escape_data(self.full_message())
        return (f"::{level} file={_escape_property(self.path)},line={self.line},"
                f"title={_escape_property(title)}::{message}")

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line, self.field or "", self.message)


def error(path: str, line: int, field: str | None, message: str, hint: str | None = None) -> Problem:
    return Problem(path, line, field, message, hint, "error")


def warning(path: str, line: int, field: str | None, message: str, hint: str | None = None) -> Problem:
    return Problem(path, line, field, message, hint, "warning")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Stable, deterministic order (file, then line) whatever order the phases found them in."""
    return sorted(set(problems), key=Problem.sort_key)


def summary(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} {'error' if errors == 1 else 'errors'}, {warnings} {'warning' if warnings == 1 else 'warnings'}"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def _escape_data(text: str) -> str:
    # GitHub's documented escaping for workflow command data.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
