"""What a move says happened: one sentence with a verb, the one title of an event everywhere it is shown.

"Mira Murati leaves OpenAI", "Andrea Vallone joins Anthropic", "Barret Zoph, Luke Metz and Sam Schoenholz
return to OpenAI from Thinking Machines Lab", "Two more Thinking Machines Lab employees may join OpenAI":
the same words in a page's <title> and <h1>, the Atom and JSON Feed entries, the search result and every
list, in each language. The sentence patterns are the catalogues' (msgids below, translated per language:
"quitte", "rejoint", "pourraient rejoindre"); this module picks one by the move's type and status, agrees
its verb with how many moved, and fills it with parts, so that a list can link each name (the template
draws a part with a URL as a link) while a title joins their text. No HTML is made here.

Present tense, as headlines write; a rumour in the conditional ("may join"); a denied rumour says it was
denied. Roles are shown as editors wrote them (docs/content.md: as they read mid-sentence), never
lower-cased here; a count is not added to an unnamed group's own words ("Two more ... employees").
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..common.names import fold
from ..content.statuses import STATUSES
from ..language import i18n

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True)
class Part:
    """A piece of a sentence: words, or a name with its page (`url`), or a text in a language that may not
    be the page's (`lang`: an untranslated role or group, marked with its language where it is shown)."""

    text: str
    url: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Headline:
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        """The sentence as plain text: a title, a feed entry, a search result."""
        return "".join(p.text for p in self.parts)


@dataclass(frozen=True)
class Move:
    """What the sentence of one move depends on."""

    type: str  # move, departure, arrival, founding, role-change
    status: str  # confirmed, reported, rumored, denied
    who: tuple[Part, ...]  # the people (or the unnamed group, one part)
    n: int  # how many moved: the verb agrees with it
    from_lab: Part | None
    to_lab: Part | None
    role: Part | None  # the title at `to_lab` (a role change's new one)
    returning: bool  # back to a lab they had left (every one of them)
    from_named: bool = False  # the group's own words already say where they come from


def headline(move: Move, catalogue: gettext.NullTranslations, lang: str) -> Headline:
    """The move's sentence in `lang`, from that language's `catalogue`."""
    values = {"who": series(move.who, catalogue.gettext("and")), "from_lab": _one(move.from_lab),
              "to_lab": _one(move.to_lab), "role": _one(move.role)}
    return Headline(compose(pattern(move, catalogue), values, lang))


def _one(part: Part | None) -> tuple[Part, ...]:
    return (part,) if part is not None else ()


def verb(move: Move) -> str:
    """Which sentence a move takes: a lab the group's own words name is not named again ("Two more Thinking
    Machines Lab employees may join OpenAI"), and a move back to a former lab is a return."""
    has_from = move.from_lab is not None and not move.from_named
    if move.type in ("move", "arrival"):
        if move.returning:
            return "return-from" if has_from and move.type == "move" else "return"
        return "move" if has_from and move.type == "move" else "arrival"
    if move.type == "founding":
        return "leave-to-found" if has_from else "founding"
    if move.type == "role-change":
        return "role"
    return "departure"


def pattern(move: Move, c: gettext.NullTranslations) -> str:
    """The sentence pattern for the move, its verb agreeing with `move.n` (the catalogue's plural rule)."""
    return _pattern(c, verb(move), "believed" if STATUSES[move.status].believed else move.status, move.n)


@functools.lru_cache(maxsize=1024)  # a few dozen patterns, asked for by every move of a big site
def _pattern(c: gettext.NullTranslations, kind: str, status: str, n: int) -> str:
    if status == "believed":
        table: dict[str, Callable[[], str]] = {
            "move": lambda: c.ngettext("%(who)s leaves %(from_lab)s for %(to_lab)s",
                                       "%(who)s leave %(from_lab)s for %(to_lab)s", n),
            "return-from": lambda: c.ngettext("%(who)s returns to %(to_lab)s from %(from_lab)s",
                                              "%(who)s return to %(to_lab)s from %(from_lab)s", n),
            "return": lambda: c.ngettext("%(who)s returns to %(to_lab)s", "%(who)s return to %(to_lab)s", n),
            "departure": lambda: c.ngettext("%(who)s leaves %(from_lab)s", "%(who)s leave %(from_lab)s", n),
            "arrival": lambda: c.ngettext("%(who)s joins %(to_lab)s", "%(who)s join %(to_lab)s", n),
            "founding": lambda: c.ngettext("%(who)s founds %(to_lab)s", "%(who)s found %(to_lab)s", n),
            "leave-to-found": lambda: c.ngettext("%(who)s leaves %(from_lab)s to found %(to_lab)s",
                                                 "%(who)s leave %(from_lab)s to found %(to_lab)s", n),
            "role": lambda: c.ngettext("%(who)s becomes %(role)s of %(to_lab)s",
                                       "%(who)s become %(role)s of %(to_lab)s", n),
        }
    elif status == "rumored":
        table = {
            "move": lambda: c.ngettext("%(who)s may leave %(from_lab)s for %(to_lab)s",
                                       "%(who)s may leave %(from_lab)s for %(to_lab)s", n),
            "return-from": lambda: c.ngettext("%(who)s may return to %(to_lab)s from %(from_lab)s",
                                              "%(who)s may return to %(to_lab)s from %(from_lab)s", n),
            "return": lambda: c.ngettext("%(who)s may return to %(to_lab)s", "%(who)s may return to %(to_lab)s", n),
            "departure": lambda: c.ngettext("%(who)s may leave %(from_lab)s", "%(who)s may leave %(from_lab)s", n),
            "arrival": lambda: c.ngettext("%(who)s may join %(to_lab)s", "%(who)s may join %(to_lab)s", n),
            "founding": lambda: c.ngettext("%(who)s may found %(to_lab)s", "%(who)s may found %(to_lab)s", n),
            "leave-to-found": lambda: c.ngettext("%(who)s may leave %(from_lab)s to found %(to_lab)s",
                                                 "%(who)s may leave %(from_lab)s to found %(to_lab)s", n),
            "role": lambda: c.ngettext("%(who)s may become %(role)s of %(to_lab)s",
                                       "%(who)s may become %(role)s of %(to_lab)s", n),
        }
    else:  # denied: what was said, and that it was denied
        table = {
            "move": lambda: c.ngettext(
                "%(who)s was said to be leaving %(from_lab)s for %(to_lab)s, a rumour since denied",
                "%(who)s were said to be leaving %(from_lab)s for %(to_lab)s, a rumour since denied", n),
            "return-from": lambda: c.ngettext(
                "%(who)s was said to be returning to %(to_lab)s from %(from_lab)s, a rumour since denied",
                "%(who)s were said to be returning to %(to_lab)s from %(from_lab)s, a rumour since denied", n),
            "return": lambda: c.ngettext("%(who)s was said to be returning to %(to_lab)s, a rumour since denied",
                                         "%(who)s were said to be returning to %(to_lab)s, a rumour since denied", n),
            "departure": lambda: c.ngettext("%(who)s was said to be leaving %(from_lab)s, a rumour since denied",
                                            "%(who)s were said to be leaving %(from_lab)s, a rumour since denied", n),
            "arrival": lambda: c.ngettext("%(who)s was said to be joining %(to_lab)s, a rumour since denied",
                                          "%(who)s were said to be joining %(to_lab)s, a rumour since denied", n),
            "founding": lambda: c.ngettext("%(who)s was said to be founding %(to_lab)s, a rumour since denied",
                                           "%(who)s were said to be founding %(to_lab)s, a rumour since denied", n),
            "leave-to-found": lambda: c.ngettext(
                "%(who)s was said to be leaving %(from_lab)s to found %(to_lab)s, a rumour since denied",
                "%(who)s were said to be leaving %(from_lab)s to found %(to_lab)s, a rumour since denied", n),
            "role": lambda: c.ngettext(
                "%(who)s was said to be becoming %(role)s of %(to_lab)s, a rumour since denied",
                "%(who)s were said to be becoming %(role)s of %(to_lab)s, a rumour since denied", n),
        }
    return table[kind]()


def series(items: Sequence[Part], and_word: str) -> tuple[Part, ...]:
    """"A", "A and B", "A, B and C" ("A, B et C"): names listed as a sentence lists them."""
    parts: list[Part] = []
    for i, item in enumerate(items):
        if i:
            parts.append(Part(f" {and_word} " if i == len(items) - 1 else ", "))
        parts.append(item)
    return tuple(parts)


def compose(pattern: str, values: Mapping[str, tuple[Part, ...]], lang: str) -> tuple[Part, ...]:
    """`pattern` with each `%(name)s` replaced by its parts, and the elisions the values' text calls for
    ("quitterait d’OpenAI" never "de OpenAI": `i18n.elide`); adjacent words are merged into one part."""
    if i18n.elides(lang):
        pattern = i18n.elide(pattern, {k: "".join(p.text for p in v) for k, v in values.items()}, lang)
    parts: list[Part] = []

    def add(part: Part) -> None:
        if parts and part.url is None and part.lang is None and parts[-1].url is None and parts[-1].lang is None:
            parts[-1] = Part(parts[-1].text + part.text)
        elif part.text:
            parts.append(part)

    for words, name in _segments(pattern):
        add(Part(words))
        for part in values.get(name, ()) if name else ():
            add(part)
    return tuple(p for p in parts if p.text)


@functools.lru_cache(maxsize=1024)
def _segments(pattern: str) -> tuple[tuple[str, str | None], ...]:
    """A pattern as (words, the placeholder after them) pairs, the last with no placeholder."""
    segments: list[tuple[str, str | None]] = []
    end = 0
    for match in PLACEHOLDER.finditer(pattern):
        segments.append((pattern[end:match.start()], match[1]))
        end = match.end()
    segments.append((pattern[end:], None))
    return tuple(segments)


def names_lab(text: str, lab_names: Sequence[str]) -> bool:
    """Whether a group's own words ("Two more Thinking Machines Lab employees") name one of a lab's names,
    as a whole word, whatever the case and accents."""
    folded = fold(text)
    return any(re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", folded) for name in lab_names if name)
