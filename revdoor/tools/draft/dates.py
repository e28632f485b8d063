"""When, in the words of an article: "mercredi", "en mars", "l'an dernier", "recently", resolved against the
article's date, at the precision the words support and never more.

A weekday is the last such day on or before the article's date (an article of Thursday saying "mercredi"
means the day before; one of Tuesday saying "mardi", that day). A month without a year is the last such month
on or before the article's; "récemment", "recently", "in recent months" say only that it had happened:
`before` the article's date. Each resolution keeps the words it was read from, for the draft's notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .text import Token

MONTHS = {name: i + 1 for i, names in enumerate((
    ("janvier", "january"), ("fevrier", "february"), ("mars", "march"), ("avril", "april"), ("mai", "may"),
    ("juin", "june"), ("juillet", "july"), ("aout", "august"), ("septembre", "september"),
    ("octobre", "october"), ("novembre", "november"), ("decembre", "december"))) for name in names}
WEEKDAYS = {name: i for i, names in enumerate((
    ("lundi", "monday"), ("mardi", "tuesday"), ("mercredi", "wednesday"), ("jeudi", "thursday"),
    ("vendredi", "friday"), ("samedi", "saturday"), ("dimanche", "sunday"))) for name in names}
NUMBERS = {"un": 1, "une": 1, "one": 1, "a": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4,
           "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8, "neuf": 9,
           "nine": 9, "dix": 10, "ten": 10}
RECENT = ("recemment", "recently", "derniers mois", "recent months", "dernieres semaines", "recent weeks",
          "ces derniers jours", "past few months", "last few months")
# A number of years is a date only counted from the article: "il y a deux ans", "depuis dix ans", "two years
# ago". Otherwise it is a length ("a passé trois ans chez", "spent two years at", "âgé de 30 ans") or counted
# from another event ("un an après son retour"): no date.
_SINCE = frozenset({"depuis", "for", "since"})
_AGO = frozenset({"ago", "plus", "earlier", "auparavant"})
# "May" is also a modal: a month name needs a preposition or a day before it, or a year after it.
_MONTH_LEAD = {"en", "in", "de", "d", "since", "depuis", "au", "mois", "early", "late", "mid", "debut", "fin"}


# Seasons name no month an event file can write: a season is its year ("au printemps", "last summer").
# Winter is left out: "cet hiver" straddles two years.
SEASONS = {"printemps": 3, "spring": 3, "ete": 6, "summer": 6, "automne": 9, "autumn": 9, "fall": 9}
_SEASON_LEAD = frozenset({"au", "l", "cet", "en", "this", "last", "next", "in", "since", "depuis"})
# Verbs of saying: a day set right after one ("a annoncé jeudi l'arrivée de X", "said on Tuesday") is the day it
# was said; another telling's own date words ("rejoint Marelle le mois prochain") say when it happens.
_SAYING = ("annonc", "announc", "confirm", "said", "dit", "declar", "precis", "indiqu", "revel", "report", "rappor",
           "told", "wrote", "ecrit", "explain", "expliqu", "affirm", "assur")
_SAID_GAP = frozenset({"on", "le", "ce", "this", "late", "early", "last", "dernier", "soir", "matin", "evening",
                       "morning"})


@dataclass(frozen=True)
class When:
    date: str  # as an event file writes it: 2024-03, 2026-01-14, before 2024-10-15
    at: int  # index of the token it starts at, in its sentence
    words: str  # the words it was read from
    said: bool = False  # the day a verb of saying was said on, not the move's own


def day(d: dt.date) -> str:
    return d.isoformat()


def month(year: int, m: int) -> str:
    return f"{year:04d}-{m:02d}"


def last_month(name_month: int, article: dt.date) -> int:
    """The year of the last such month on or before the article's."""
    return article.year if name_month <= article.month else article.year - 1


def find(tokens: Sequence[Token], article: dt.date) -> list[When]:
    """Every date expression of a sentence, in order."""
    w = [t.word for t in tokens]
    out: list[When] = []
    n = len(w)
    i = 0
    while i < n:
        found = _at(w, i, article)
        if found is not None:
            date, length = found
            out.append(When(date, i, " ".join(t.text for t in tokens[i:i + length]), _said(w, i)))
            i += length
        else:
            i += 1
    return out


def _said(w: list[str], i: int) -> bool:
    """A date right after a verb of saying, maybe past "on" or "le": "announced on Tuesday", "a annoncé jeudi"."""
    k = i - 1
    while k >= 0 and i - k <= 2 and w[k] in _SAID_GAP:
        k -= 1
    return k >= 0 and w[k].startswith(_SAYING)


def _season(w: list[str], i: int, article: dt.date) -> tuple[str, int] | None:
    """ "au printemps", "l'été dernier", "last summer", "next spring": the season's year, never a month; with a
    year after it, that year ("au printemps 2026")."""
    word, prev = w[i], w[i - 1] if i > 0 else ""
    nxt = w[i + 1] if i + 1 < len(w) else ""
    if prev == "the" and i > 1 and w[i - 2] in ("in", "during", "since", "over"):
        prev = w[i - 2]  # "in the fall", not "the summer intern"
    if word not in SEASONS or prev not in _SEASON_LEAD:
        return None
    if nxt.isdigit() and len(nxt) == 4:
        return nxt, 2
    start = SEASONS[word]
    if nxt in ("prochain", "prochaine") or prev == "next":
        return str(article.year + (1 if article.month >= start else 0)), 2 if prev != "next" else 1
    if nxt in ("dernier", "derniere") or prev == "last":
        return str(article.year if article.month > start + 2 else article.year - 1), 2 if prev != "last" else 1
    return str(article.year if article.month >= start else article.year - 1), 1


def _at(w: list[str], i: int, article: dt.date) -> tuple[str, int] | None:
    word = w[i]
    nxt = w[i + 1] if i + 1 < len(w) else ""
    nxt2 = w[i + 2] if i + 2 < len(w) else ""
    prev = w[i - 1] if i > 0 else ""
    year = int(word) if word.isdigit() and len(word) == 4 and 1950 <= int(word) <= 2100 else None
    # 14 janvier 2026, January 14, 2026
    if word.isdigit() and len(word) <= 2 and nxt in MONTHS:
        y = int(nxt2) if nxt2.isdigit() and len(nxt2) == 4 else last_month(MONTHS[nxt], article)
        return _safe_day(y, MONTHS[nxt], int(word)), 3 if nxt2.isdigit() else 2
    if word in MONTHS and (prev in _MONTH_LEAD or (nxt.isdigit() and len(nxt) == 4) or word != "may"):
        if nxt.isdigit() and len(nxt) == 4:
            return month(int(nxt), MONTHS[word]), 2
        if nxt.isdigit() and len(nxt) <= 2 and nxt2.isdigit() and len(nxt2) == 4:
            return _safe_day(int(nxt2), MONTHS[word], int(nxt)), 3
        if nxt in ("dernier", "last") or prev == "last":
            y = article.year if MONTHS[word] < article.month else article.year - 1
            return month(y, MONTHS[word]), 2 if nxt in ("dernier", "last") else 1
        return month(last_month(MONTHS[word], article), MONTHS[word]), 1
    if year is not None:
        return str(year), 1
    season = _season(w, i, article)
    if season is not None:
        return season
    if word in WEEKDAYS and prev not in ("chaque", "every"):
        back = (article.weekday() - WEEKDAYS[word]) % 7
        return day(article - dt.timedelta(days=back)), 1
    if word in ("aujourd'hui", "aujourdhui", "today"):
        return day(article), 1
    if word in ("hier", "yesterday"):
        return day(article - dt.timedelta(days=1)), 1
    pair = f"{word} {nxt}"
    triple = f"{word} {nxt} {nxt2}"
    if triple == "l an dernier":
        return str(article.year - 1), 3
    if pair in ("an dernier", "annee derniere", "last year"):
        return str(article.year - 1), 2
    if triple in ("l an prochain", "l annee prochaine"):
        return str(article.year + 1), 3
    if pair in ("an prochain", "annee prochaine", "next year"):
        return str(article.year + 1), 2
    if pair in ("mois prochain", "next month"):
        after = article.replace(day=28) + dt.timedelta(days=4)
        return month(after.year, after.month), 2
    if pair in ("mois dernier", "last month"):
        first = article.replace(day=1) - dt.timedelta(days=1)
        return month(first.year, first.month), 2
    if triple == "earlier this year" or (triple == "plus tot cette" and w[i + 3:i + 4] == ["annee"]):
        return str(article.year), 3 if word == "earlier" else 4
    if pair in ("cette annee", "this year"):
        return str(article.year), 2
    if pair in ("cette semaine", "this week", "ce mois", "this month", "ces derniers", "these past"):
        return month(article.year, article.month), 2
    if word in ("il", "ago") or (word == "y" and prev == "il"):
        return None
    if word in NUMBERS or word.isdigit():  # il y a un an, a year ago, depuis dix ans
        count = NUMBERS.get(word) or int(word)
        since = prev in _SINCE or (prev == "a" and w[i - 2:i - 1] == ["y"]) or nxt2 in _AGO
        if nxt in ("an", "ans", "annee", "annees", "year", "years") and count < 60 and since:
            return str(article.year - count), 2
    for phrase in RECENT:
        parts = phrase.split()
        if w[i:i + len(parts)] == parts:
            return f"before {day(article)}", len(parts)
    return None


def _safe_day(year: int, m: int, d: int) -> str:
    try:
        return day(dt.date(year, m, d))
    except ValueError:
        return month(year, m)


def precision(date: str) -> int:
    """How precise a fuzzy date is: before X 0, a year 1, a month 2, a day 3."""
    if date.startswith("before "):
        return 0
    return {4: 1, 7: 2, 10: 3}.get(len(date), 0)
