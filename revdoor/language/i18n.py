"""Dates and counts in the reader's language, by Babel: "14 January 2026" / "14 janvier 2026".

A date keeps the precision the editor gave it (see `dates`): a day, a month, a year alone, or "before" one
of them. Babel (CLDR) supplies the month names, the order of day, month and year, the plural rules and the
digits; this module supplies only the few words of grammar CLDR has no pattern for (the preposition before
a date, which depends on the precision in French: "le 14 janvier", "en janvier", "avant le 14 janvier").

Pure functions, no site knowledge: the interface's other words come from the message catalogues
(`catalogues`). A language this module does not know is written as the default one, English, rather than
mixing another language's month names into English grammar.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from ..common.dates import FuzzyDate, Precision

DEFAULT = "en"
# Labels are remembered: a site shows the same few thousand dates and counts on tens of thousands of pages,
# and Babel takes tens of microseconds to format one (the renderer's largest cost after Jinja itself).
CACHED = 1 << 16

# The CLDR locale each language is formatted in. English is British: the site has always written
# "14 January 2026" (day, month, year), which is CLDR's en_GB and not its en (US, "January 14, 2026").
FORMAT_LOCALES: dict[str, str] = {"en": "en_GB", "fr": "fr"}

# CLDR skeletons, one per precision: the locale decides the order and the separators.
SKELETONS: dict[Precision, str] = {"day": "yMMMMd", "month": "yMMMM", "year": "y"}

# "before …" per precision: French says "avant le 15 octobre 2024" but "avant octobre 2024".
BEFORE: dict[str, dict[Precision, str]] = {
    "en": {"day": "before {date}", "month": "before {date}", "year": "before {date}"},
    "fr": {"day": "avant le {date}", "month": "avant {date}", "year": "avant {date}"},
}

# A date inside a sentence: "on 14 January 2026", "in September 2024"; "le 14 janvier 2026", "en 2024".
IN_SENTENCE: dict[str, dict[Precision, str]] = {
    "en": {"day": "on {date}", "month": "in {date}", "year": "in {date}"},
    "fr": {"day": "le {date}", "month": "en {date}", "year": "en {date}"},
}

# Count phrases, keyed by CLDR plural category ("one", "other", and "few"/"many" for languages that have
# them). French counts 0 and 1 as "one": "0 départ", "1 départ", "2 départs".
NOUNS: dict[str, dict[str, dict[str, str]]] = {
    "move": {"en": {"one": "{n} move", "other": "{n} moves"},
             "fr": {"one": "{n} mouvement", "other": "{n} mouvements"}},
    "person": {"en": {"one": "{n} person", "other": "{n} people"},
               "fr": {"one": "{n} personne", "other": "{n} personnes"}},
    "lab": {"en": {"one": "{n} lab", "other": "{n} labs"},
            "fr": {"one": "{n} laboratoire", "other": "{n} laboratoires"}},
    "article": {"en": {"one": "{n} article", "other": "{n} articles"},
                "fr": {"one": "{n} article", "other": "{n} articles"}},
}


def supported(lang: str) -> str:
    """The language this module writes for `lang`: itself when known ("fr-CA" as "fr"), else English."""
    base = lang.split("-")[0].lower()
    return base if base in FORMAT_LOCALES else DEFAULT


def _locale(lang: str) -> str:
    return FORMAT_LOCALES[supported(lang)]


@functools.lru_cache(maxsize=CACHED)
def day_label(day: dt.date, lang: str) -> str:
    """A full day: "14 January 2026", "14 janvier 2026", and in French "1er janvier 2026"."""
    locale = _locale(lang)
    if day.day == 1 and supported(lang) == "fr":
        # French typography writes the first of the month as an ordinal, which CLDR's pattern cannot say.
        pattern = Locale.parse(locale).datetime_skeletons[SKELETONS["day"]].pattern
        return format_date(day, pattern.replace("d", "d'er'", 1), locale=locale)
    return format_skeleton(SKELETONS["day"], day, locale=locale)


@functools.lru_cache(maxsize=CACHED)
def date_label(date: FuzzyDate, lang: str) -> str:
    """A date at its own precision, for readers: "September 2024" / "septembre 2024", "2024" alone,
    "before 15 October 2024" / "avant le 15 octobre 2024"."""
    if date.precision == "day":
        core = day_label(date.start, lang)
    else:
        core = format_skeleton(SKELETONS[date.precision], date.start, locale=_locale(lang))
    return BEFORE[supported(lang)][date.precision].format(date=core) if date.before else core


def date_phrase(date: FuzzyDate, lang: str) -> str:
    """A date inside a sentence: "on 14 January 2026", "en septembre 2024"; "before …" stands as it is."""
    label = date_label(date, lang)
    if date.before:
        return label
    return IN_SENTENCE[supported(lang)][date.precision].format(date=label)


@functools.lru_cache(maxsize=CACHED)
def number(n: int, lang: str) -> str:
    """An integer with the locale's grouping: "12,345" / "12 345" (a narrow no-break space in French)."""
    return format_decimal(n, locale=_locale(lang))


@functools.lru_cache(maxsize=CACHED)
def plural_category(n: int, lang: str) -> str:
    """CLDR's plural category of `n` in `lang`: "one" or "other" in English and French."""
    return Locale.parse(_locale(lang)).plural_form(n)


def count_phrase(n: int, forms: Mapping[str, str], lang: str) -> str:
    """`n` with the form of its plural category ("{n}" in a form is the formatted number); a category the
    forms lack falls back to "other", as CLDR prescribes."""
    form = forms.get(plural_category(n, lang)) or forms["other"]
    return form.format(n=number(n, lang))


def signed(n: int, lang: str) -> str:
    """A difference, always with its sign: "+12,345", "−3" (a true minus sign, as the charts write it), "+0"."""
    return ("+" if n >= 0 else "\u2212") + number(abs(n), lang)


def count(n: int, noun: str, lang: str) -> str:
    """A count of one of the site's nouns: "1 move" / "2 moves", "1 départ" / "2 départs"."""
    return count_phrase(n, NOUNS[noun][supported(lang)], lang)


@functools.lru_cache(maxsize=64)
def og_locale(lang: str) -> str:
    """A language as Open Graph's `og:locale` wants it, language_TERRITORY: "en_GB" (the site's English is
    British, see FORMAT_LOCALES), "fr_FR" (CLDR's likely territory for French), "pt_BR" for "pt-BR"."""
    try:
        locale = Locale.parse(FORMAT_LOCALES.get(lang, lang.replace("-", "_")))
    except (ValueError, LookupError, UnknownLocaleError):
        return lang
    territory = locale.territory
    if territory is None:
        likely = get_global("likely_subtags").get(locale.language)
        territory = Locale.parse(likely).territory if likely else None
    return f"{locale.language}_{territory}" if territory else locale.language


def language_name(lang: str) -> str:
    """A language's name in itself, as a language switch offers it: "English", "Français"."""
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_")) or lang
    except (ValueError, LookupError, UnknownLocaleError):
        return lang
    return name[:1].upper() + name[1:]


# French elides "de" and "que" before a vowel: "le parcours d’Ilya Sutskever", "départs d’OpenAI". A
# translation can only write "de %(name)s": which form is right depends on the name it is filled with.
# Only at a placeholder, then: the translator's own words are spelled right already, and the values (names,
# roles) are left as they are. Before "h" French hesitates (aspirated or not), so "de" stays; "y" is a
# vowel only before a consonant ("d’Yves" but "de Yoshua").
_ELIDING = re.compile(r"(?<![\w’'])(de|De|que|Que) (%\((\w+)\)s)")
_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæ")


def elides(lang: str) -> bool:
    """Whether `elide` can change a message of `lang`: a renderer asks once, not at every message."""
    return supported(lang) == "fr"


def _starts_with_vowel(text: str) -> bool:
    head = text[:2].lower()
    if not head:
        return False
    if head[0] == "y":
        return len(head) == 2 and head[1].isalpha() and head[1] not in _VOWELS
    return head[0] in _VOWELS


def elide(message: str, values: Mapping[str, object], lang: str) -> str:
    """`message`, a translation still holding its `%(name)s` placeholders, with the elisions `values` call
    for in `lang`: French "départs de %(name)s" with Ilya Sutskever becomes "départs d’%(name)s". Fill it
    with `%` afterwards. A value that is markup is judged by its text (`striptags`), not its first tag."""
    if "%(" not in message or not elides(lang):
        return message

    def elided(match: re.Match[str]) -> str:
        value = values.get(match[3])
        text = value.striptags() if hasattr(value, "striptags") else str(value)
        if not _starts_with_vowel(text):
            return match[0]
        return match[1][:-1] + "’" + match[2]

    return _ELIDING.sub(elided, message)
