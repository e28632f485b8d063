"""Dates with their precision: "2024", "2024-09", "2026-01-14", or "before 2024-10-15".

The press often gives only a month or a year, or says a move "had happened" by the article's date. The
precision is kept from the editor's text to the reader's page; nothing is invented to fill it in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

Precision = Literal["year", "month", "day"]
_DATE_RE = re.compile(r"^(before\s+)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


class DateError(ValueError):
    """The text is not a date in the contract's forms; the message says why, for an editor."""


@total_ordering
@dataclass(frozen=True)
class FuzzyDate:
    """Ordered by `sort_key`: a year sorts at its start, and "before X" just before X."""

    year: int
    month: int = 0  # 0: unknown
    day: int = 0  # 0: unknown
    before: bool = False

    def __lt__(self, other: object) -> bool:
        # Not dataclass(order=True): comparing the fields in order would put "before X" after X.
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        return (self.year, self.month, self.day, 0 if self.before else 1)

    @property
    def iso(self) -> str:
        """The machine form, at its own precision: what `<time datetime>` carries."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def text(self) -> str:
        """As an editor writes it."""
        return ("before " if self.before else "") + self.iso

    @property
    def label(self) -> str:
        """For readers: "14 January 2026", "September 2024", "2024", "before 15 October 2024"."""
        if self.day:
            core = f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        elif self.month:
            core = f"{MONTHS[self.month - 1]} {self.year}"
        else:
            core = str(self.year)
        return f"before {core}" if self.before else core

    @property
    def phrase(self) -> str:
        """For sentences: "on 14 January 2026", "in September 2024", "in 2024", "before 15 October 2024"."""
        if self.before:
            return self.label
        return ("on " if self.day else "in ") + self.label

    @property
    def start(self) -> dt.date:
        """The earliest day the date can mean (for distances such as "within 60 days")."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The latest day the date can mean."""
        if self.day:
            return dt.date(self.year, self.month, self.day)
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    @property
    def timestamp(self) -> str:
        """RFC 3339 instant for feeds: the start of the period, at midnight UTC (never the clock)."""
        return f"{self.start.isoformat()}T00:00:00Z"


def parse_fuzzy(value: object) -> FuzzyDate:
    """Parse the editor's text; raise DateError with a message that says what is wrong."""
    text = str(value).strip()
    match = _DATE_RE.match(text)
    if not match:
        raise DateError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally after 'before '")
    before, year, month, day = match.groups()
    y, m, d = int(year), int(month or 0), int(day or 0)
    if month is not None and not 1 <= m <= 12:
        raise DateError(f"{text!r} is not a date: there is no month {m}")
    if day is not None:
        last = calendar.monthrange(y, m)[1]
        if not 1 <= d <= last:
            raise DateError(f"{text!r} is not a date: {MONTHS[m - 1]} {y} has {last} days")
    if y < 1900 or y > 2100:
        raise DateError(f"{text!r} is not a plausible year")
    return FuzzyDate(y, m, d, bool(before))


def parse_day(value: object) -> dt.date:
    """A full YYYY-MM-DD date (articles are dated to the day)."""
    fuzzy = parse_fuzzy(value)
    if fuzzy.before or not fuzzy.day:
        raise DateError(f"{str(value).strip()!r} is not a full date: write YYYY-MM-DD")
    return fuzzy.start


def day_label(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
