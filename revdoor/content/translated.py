"""Translated content (issue 10): a profile's or an event's text in the site's other languages.

Two forms, both kept in the file of the thing they translate, so a translation cannot drift away from it:

- a body (a person's bio, a lab's description, an event's notes, a plain page's text) is split by lines that are exactly
  `## fr`, a level-2 heading whose whole text is one of the site's languages: the text before the first
  such line is in the default language, each section runs to the next such line or to the end;
- an event's short texts `role`, `from_role` and `unnamed` take translations as `role_fr`, `from_role_fr`,
  `unnamed_fr`; a plain page's `title` and `description` as `title_fr`, `description_fr`.

Articles are not translated (each is written in its own language): a `## fr` line there is a heading.
In a site with one language nothing here applies: `## fr` is a heading and `role_fr` an unknown field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..common.problems import Problem, error
from .load import RawDoc

BODY_FIELD = {"person": "bio", "lab": "description", "event": "notes", "page": "body"}  # kinds whose body is translated
# A body's field with this suffix ("notes~untranslated"): its default-language text rendered for another
# language's pages, whose links lead to that language's pages (`bodylinks`); only for bodies with links.
UNTRANSLATED = "~untranslated"
# Front matter fields with `_<lang>` translations.
TEXT_FIELDS = {"event": ("role", "from_role", "unnamed"), "page": ("title", "description")}
_SUFFIXED = re.compile(r"^(?P<base>[a-z_]+?)_(?P<lang>[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


@dataclass(frozen=True)
class Section:
    lang: str
    line: int  # of its `## lang` heading, 0-based within the body
    text: str  # what follows the heading, up to the next section


@dataclass(frozen=True)
class Translations:
    """A record's text in other languages: (lang, field, text) in file order; bodies are HTML once rendered.

    A tuple, not a dict, so that records holding it stay hashable (an event's view is a cache key)."""

    items: tuple[tuple[str, str, str], ...] = ()

    def get(self, lang: str, field: str) -> str | None:
        return next((text for item_lang, name, text in self.items if item_lang == lang and name == field), None)

    def langs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(lang for lang, _, _ in self.items))


NONE = Translations()  # the default of every record: nothing translated


def split_body(body: str, languages: tuple[str, ...]) -> tuple[str, tuple[Section, ...]]:
    """The default language's text and the sections after it. `languages` are all the site's, default first:
    a `## <default>` line also starts a section (which `body_problems` refuses). Lines in a fenced code block
    are never headings, as Markdown reads them."""
    if len(languages) < 2 or "## " not in body:
        return body, ()
    headings = {f"## {lang}": lang for lang in languages}
    lines = body.split("\n")
    starts: list[tuple[int, str]] = []
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.rstrip() in headings:
            starts.append((i, headings[line.rstrip()]))
    if not starts:
        return body, ()
    ends = [i for i, _ in starts[1:]] + [len(lines)]
    sections = tuple(Section(lang, i, "\n".join(lines[i + 1:end]).strip("\n") + "\n")
                     for (i, lang), end in zip(starts, ends, strict=True))
    return "\n".join(lines[:starts[0][0]]).rstrip("\n") + "\n", sections


def body_problems(doc: RawDoc, languages: tuple[str, ...]) -> list[Problem]:
    """Sections in the default language, given twice, or empty; lines are the headings' lines in the file."""
    if doc.kind not in BODY_FIELD:
        return []
    problems = []
    first: dict[str, int] = {}
    for s in split_body(doc.body, languages)[1]:
        line = doc.body_line + s.line
        if s.lang == languages[0]:
            problems.append(error(doc.path, line, None, f"'## {s.lang}' starts a section in the default language",
                                  "the default language's text comes first, without a heading"))
        elif s.lang in first:
            problems.append(error(doc.path, line, None, f"a second '## {s.lang}' section, after the one on line "
                                  f"{first[s.lang]}", "put all of a language's text in one section"))
        elif not s.text.strip():
            problems.append(error(doc.path, line, None, f"the '## {s.lang}' section is empty",
                                  "write the translation under the heading, or remove the heading"))
        first.setdefault(s.lang, line)
    return problems


def text_field(kind: str, name: str, others: tuple[str, ...]) -> str | None:
    """The field `name` translates (`role` for `role_fr`) when `name` is a translation this site accepts."""
    match = _SUFFIXED.match(name)
    if match and match["base"] in TEXT_FIELDS.get(kind, ()) and match["lang"] in others:
        return match["base"]
    return None


def unknown_field_hint(kind: str, name: str, languages: tuple[str, ...]) -> str | None:
    """For `role_de` (a translation into a language the site does not have): what the site does accept."""
    match = _SUFFIXED.match(name)
    if not match or match["base"] not in TEXT_FIELDS.get(kind, ()):
        return None
    base, lang, default, others = match["base"], match["lang"], languages[0], languages[1:]
    if lang == default:
        return f"{base} holds the text in the default language, {default}"
    needs = f"translating into {lang} needs {lang} in site.toml's languages"
    if not others:
        return f"the site has one language, {default}: {needs}"
    return f"the site's other languages are {', '.join(others)}: {needs}"


def missing_original(doc: RawDoc, name: str, base: str, default: str) -> Problem:
    return error(doc.path, doc.line(name), name, f"translates {base}, which is not given",
                 f"give {base} too, in {default}, the default language")
