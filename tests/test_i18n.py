"""Dates and counts in English and French, by Babel: each date at its own precision, plurals by CLDR."""

from __future__ import annotations

import datetime as dt

import pytest
from markupsafe import Markup

from revdoor.common.dates import parse_fuzzy
from revdoor.language.i18n import (
    count,
    count_phrase,
    date_label,
    date_phrase,
    day_label,
    elide,
    number,
    signed,
    supported,
)


@pytest.mark.parametrize(("text", "en", "fr"), [
    ("2026-01-14", "14 January 2026", "14 janvier 2026"),
    ("2024-09", "September 2024", "septembre 2024"),
    ("2024", "2024", "2024"),
    ("before 2024-10-15", "before 15 October 2024", "avant le 15 octobre 2024"),
    ("before 2024-10", "before October 2024", "avant octobre 2024"),
    ("before 2024", "before 2024", "avant 2024"),
    ("2026-01-01", "1 January 2026", "1er janvier 2026"),
    ("2025-08", "August 2025", "août 2025"),
])
def test_a_date_is_labelled_at_its_own_precision_in_each_language(text: str, en: str, fr: str) -> None:
    assert date_label(parse_fuzzy(text), "en") == en
    assert date_label(parse_fuzzy(text), "fr") == fr


@pytest.mark.parametrize("text", ["2026-01-14", "2024-09", "2024", "before 2024-10-15", "before 2024-10",
                                  "before 2024", "2026-01-01", "2025-12-31"])
def test_the_english_label_is_the_one_the_site_has_always_written(text: str) -> None:
    assert date_label(parse_fuzzy(text), "en") == parse_fuzzy(text).label


@pytest.mark.parametrize(("text", "en", "fr"), [
    ("2026-01-14", "on 14 January 2026", "le 14 janvier 2026"),
    ("2024-09", "in September 2024", "en septembre 2024"),
    ("2024", "in 2024", "en 2024"),
    ("before 2024-10-15", "before 15 October 2024", "avant le 15 octobre 2024"),
])
def test_a_date_in_a_sentence_takes_the_preposition_of_its_precision(text: str, en: str, fr: str) -> None:
    assert date_phrase(parse_fuzzy(text), "en") == en == parse_fuzzy(text).phrase
    assert date_phrase(parse_fuzzy(text), "fr") == fr


def test_a_day_is_labelled_day_month_year() -> None:
    assert day_label(dt.date(2025, 3, 9), "en") == "9 March 2025"
    assert day_label(dt.date(2025, 3, 9), "fr") == "9 mars 2025"
    assert day_label(dt.date(2025, 3, 1), "fr") == "1er mars 2025"


@pytest.mark.parametrize(("n", "en", "fr"), [
    (0, "0 moves", "0 mouvement"),  # French counts zero as singular
    (1, "1 move", "1 mouvement"),
    (2, "2 moves", "2 mouvements"),
    (1500, "1,500 moves", "1\u202f500 mouvements"),  # French groups digits with a narrow no-break space
])
def test_a_count_agrees_with_its_number_in_each_language(n: int, en: str, fr: str) -> None:
    assert count(n, "move", "en") == en
    assert count(n, "move", "fr") == fr


def test_people_is_the_plural_of_person() -> None:
    assert [count(n, "person", "en") for n in (1, 2)] == ["1 person", "2 people"]
    assert [count(n, "person", "fr") for n in (1, 2)] == ["1 personne", "2 personnes"]


def test_a_missing_plural_category_falls_back_to_other() -> None:
    assert count_phrase(1, {"other": "{n} items"}, "en") == "1 items"


def test_numbers_are_grouped_by_the_locale() -> None:
    assert number(12345, "en") == "12,345"
    assert number(12345, "fr") == "12\u202f345"


def test_an_unknown_language_is_written_in_english_not_in_a_mixture() -> None:
    assert supported("de") == "en"
    assert supported("fr-CA") == "fr"
    assert date_label(parse_fuzzy("before 2024-10-15"), "de") == "before 15 October 2024"


@pytest.mark.parametrize(("value", "fr"), [
    ("Ilya Sutskever", "Parcours d’Ilya Sutskever"), ("OpenAI", "Parcours d’OpenAI"),
    ("Élodie Martin", "Parcours d’Élodie Martin"), ("ingénieur", "Parcours d’ingénieur"),
    ("Yves Le Roux", "Parcours d’Yves Le Roux"), ("Yoshua Bengio", "Parcours de Yoshua Bengio"),
    ("Google", "Parcours de Google"), ("Hugging Face", "Parcours de Hugging Face"), ("", "Parcours de "),
    ("2024", "Parcours de 2024"),
])
def test_french_elides_de_before_a_value_that_starts_with_a_vowel(value: str, fr: str) -> None:
    assert elide("Parcours de %(name)s", {"name": value}, "fr") % {"name": value} == fr


def test_elision_judges_markup_by_its_text_and_keeps_the_capital() -> None:
    link = Markup('<a href="/labs/anthropic/">Anthropic</a>')
    assert elide("départs de %(lab)s", {"lab": link}, "fr") == "départs d’%(lab)s"
    assert elide("De %(a)s et que %(b)s", {"a": "Apple", "b": "Ilya"}, "fr") == "D’%(a)s et qu’%(b)s"


def test_only_french_and_only_at_a_placeholder_elides() -> None:
    assert elide("from %(lab)s", {"lab": "OpenAI"}, "en") == "from %(lab)s"
    assert elide("de Apple à %(lab)s", {"lab": "OpenAI"}, "fr") == "de Apple à %(lab)s"  # the translator's words
    assert elide("code %(lab)s", {"lab": "OpenAI"}, "fr") == "code %(lab)s"  # "de" inside a word


def test_a_difference_keeps_its_sign_and_the_locales_digits() -> None:
    assert [signed(n, "en") for n in (12345, -3, 0)] == ["+12,345", "\u22123", "+0"]
    assert signed(-12345, "fr") == "\u221212\u202f345"
