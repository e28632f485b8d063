"""Fuzzy dates keep the precision the editor wrote, order as the contract says, and explain bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from revdoor.common.dates import DateError, FuzzyDate, day_label, parse_day, parse_fuzzy


@pytest.mark.parametrize(("text", "precision", "iso", "label", "phrase"), [
    ("2024", "year", "2024", "2024", "in 2024"),
    ("2024-09", "month", "2024-09", "September 2024", "in September 2024"),
    ("2026-01-14", "day", "2026-01-14", "14 January 2026", "on 14 January 2026"),
    ("before 2024-10-15", "day", "2024-10-15", "before 15 October 2024", "before 15 October 2024"),
    ("before 2024-10", "month", "2024-10", "before October 2024", "before October 2024"),
])
def test_each_form_keeps_its_precision_from_text_to_label(text: str, precision: str, iso: str, label: str,
                                                          phrase: str) -> None:
    date = parse_fuzzy(text)
    assert date.precision == precision
    assert date.iso == iso
    assert date.text == text
    assert date.label == label
    assert date.phrase == phrase


def test_before_is_remembered_apart_from_the_date_itself() -> None:
    assert parse_fuzzy("before 2024-10-15") == FuzzyDate(2024, 10, 15, before=True)
    assert parse_fuzzy("2024-10-15") == FuzzyDate(2024, 10, 15)


def test_surrounding_space_and_non_string_values_are_read() -> None:
    # YAML hands over an int for `date: 2024`; editors leave stray spaces.
    assert parse_fuzzy(2024) == FuzzyDate(2024)
    assert parse_fuzzy("  2024-09 ") == FuzzyDate(2024, 9)


def test_a_year_spans_its_whole_calendar_year() -> None:
    date = parse_fuzzy("2024")
    assert (date.start, date.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_a_month_spans_to_its_last_day() -> None:
    date = parse_fuzzy("2024-09")
    assert (date.start, date.end) == (dt.date(2024, 9, 1), dt.date(2024, 9, 30))


def test_february_ends_on_the_29th_in_a_leap_year_only() -> None:
    assert parse_fuzzy("2024-02").end == dt.date(2024, 2, 29)
    assert parse_fuzzy("2025-02").end == dt.date(2025, 2, 28)
    assert parse_fuzzy("2000-02").end == dt.date(2000, 2, 29)  # divisible by 400
    assert parse_fuzzy("1900-02").end == dt.date(1900, 2, 28)  # divisible by 100, not 400


def test_a_day_starts_and_ends_on_itself() -> None:
    date = parse_fuzzy("2026-01-14")
    assert date.start == date.end == dt.date(2026, 1, 14)


def test_feed_timestamp_is_the_start_of_the_period_at_midnight_utc() -> None:
    assert parse_fuzzy("2024-09").timestamp == "2024-09-01T00:00:00Z"
    assert parse_fuzzy("before 2024-10-15").timestamp == "2024-10-15T00:00:00Z"


def test_a_year_sorts_at_its_start_before_its_months_and_days() -> None:
    year, january, first = parse_fuzzy("2024"), parse_fuzzy("2024-01"), parse_fuzzy("2024-01-01")
    assert year.sort_key < january.sort_key < first.sort_key
    assert parse_fuzzy("2024-12-31").sort_key < parse_fuzzy("2025").sort_key


def test_a_month_sorts_before_its_days() -> None:
    assert parse_fuzzy("2024-09").sort_key < parse_fuzzy("2024-09-01").sort_key
    assert parse_fuzzy("2024-08-31").sort_key < parse_fuzzy("2024-09").sort_key


def test_before_x_sorts_just_before_x() -> None:
    before, day = parse_fuzzy("before 2024-10-15"), parse_fuzzy("2024-10-15")
    assert parse_fuzzy("2024-10-14").sort_key < before.sort_key < day.sort_key
    assert parse_fuzzy("before 2024").sort_key < parse_fuzzy("2024").sort_key


def test_comparisons_and_sorted_follow_sort_key() -> None:
    # The class says it is ordered by sort_key: `<` and a plain sorted() must agree with it.
    texts = ["2024-10-15", "before 2024-10-15", "2024-10", "2024", "2024-10-14", "before 2024", "2023-12-31"]
    dates = [parse_fuzzy(t) for t in texts]
    assert [d.text for d in sorted(dates)] == [d.text for d in sorted(dates, key=lambda d: d.sort_key)]
    assert [d.text for d in sorted(dates)] == ["2023-12-31", "before 2024", "2024", "2024-10", "2024-10-14",
                                               "before 2024-10-15", "2024-10-15"]
    assert parse_fuzzy("before 2024-10-15") < parse_fuzzy("2024-10-15")
    assert parse_fuzzy("2024-10-15") > parse_fuzzy("before 2024-10-15")


@pytest.mark.parametrize(("text", "message"), [
    ("2025-13-01", "'2025-13-01' is not a date: there is no month 13"),
    ("2025-00", "'2025-00' is not a date: there is no month 0"),
    ("2025-02-30", "'2025-02-30' is not a date: February 2025 has 28 days"),
    ("2024-02-30", "'2024-02-30' is not a date: February 2024 has 29 days"),
    ("2024-04-31", "'2024-04-31' is not a date: April 2024 has 30 days"),
    ("2024-04-00", "'2024-04-00' is not a date: April 2024 has 30 days"),
    ("March 2025", "'March 2025' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally after 'before '"),
    ("2025-3", "'2025-3' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally after 'before '"),
    ("2025/03/01", "'2025/03/01' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally after 'before '"),
    ("after 2025", "'after 2025' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally after 'before '"),
    ("", "'' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally after 'before '"),
    ("1850", "'1850' is not a plausible year"),
    ("2101-01", "'2101-01' is not a plausible year"),
])
def test_bad_dates_are_explained_to_the_editor(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_fuzzy(text)
    assert str(caught.value) == message


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


def test_parse_day_accepts_only_a_full_date() -> None:
    assert parse_day("2026-01-14") == dt.date(2026, 1, 14)
    with pytest.raises(DateError) as month:
        parse_day("2026-01")
    assert str(month.value) == "'2026-01' is not a full date: write YYYY-MM-DD"
    with pytest.raises(DateError) as before:
        parse_day("before 2026-01-14")
    assert str(before.value) == "'before 2026-01-14' is not a full date: write YYYY-MM-DD"


def test_parse_day_reports_an_impossible_day_as_parse_fuzzy_does() -> None:
    with pytest.raises(DateError) as caught:
        parse_day("2025-02-30")
    assert str(caught.value) == "'2025-02-30' is not a date: February 2025 has 28 days"


def test_day_label_names_the_month() -> None:
    assert day_label(dt.date(2024, 12, 3)) == "3 December 2024"
