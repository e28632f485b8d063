"""The editors' contract: which fields each kind of file has, and what each may hold.

One table (`SCHEMAS`) is the single source of truth: `check` validates with it, and the JSON Schemas
for editors' editors are generated from it. Values come out converted (dates parsed, URLs checked);
references stay text here, `refs` resolves them once every profile is known.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..common.dates import DateError, parse_day, parse_fuzzy
from ..common.names import is_slug, slugify
from ..common.problems import Problem, error
from ..common.urls import ROOT_FOLDERS
from .load import RawDoc, iter_lines
from .statuses import N_
from .statuses import STATUSES as STATUS_TABLE
from .translated import body_problems, missing_original, text_field, unknown_field_hint

_SPACE = re.compile(r"\s")

# Each kind of move, and what readers call it (a msgid, translated where it is shown: `views.event_words`).
TYPE_LABELS = {"move": N_("move"), "departure": N_("departure"), "arrival": N_("arrival"),
               "founding": N_("founding"), "role-change": N_("role change")}
EVENT_TYPES = tuple(TYPE_LABELS)
STATUSES = tuple(STATUS_TABLE)
LAB_KINDS = ("company", "lab", "startup", "university", "nonprofit", "government", "other")
MAX_GROUP = 100  # people named in one group move
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, day, fuzzydate, lang, url, ref, refs, texts, slugs, choice, count, links, sources, flag
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""


SCHEMAS: dict[str, tuple[Field, ...]] = {
    "article": (
        Field("title", "text", True, doc="Headline, in the article's language."),
        Field("date", "day", True, doc="Publication date, YYYY-MM-DD."),
        Field("lang", "lang", doc="BCP 47 language of the article (default: the site's language)."),
        Field("source", "text", doc="The publication the article comes from, by its name (WIRED), not its web "
              "address; when left out, the outlet of source_url's domain in site.toml's [outlets], else 'not named'."),
        Field("authors", "texts", doc="Who wrote the article, as the publication names them (for machine readers)."),
        Field("source_url", "url", doc="Address of the original article (http or https)."),
        Field("people", "refs", doc="People the article is about (slug, name or alias)."),
        Field("labs", "refs", doc="Labs the article is about (slug, name or alias)."),
        Field("summary", "text", doc="One sentence shown in lists and feeds."),
        Field("redirect_from", "slugs", doc="Old slugs of this profile: their pages now lead here."),
    ),
    "event": (
        Field("person", "ref", doc="The one person who moved (slug, name or alias)."),
        Field("people", "refs", doc="Everyone in a group move."),
        Field("unnamed", "text", doc="Who moved, when the press names nobody ('two OpenAI researchers')."),
        Field("count", "count", doc="How many unnamed people moved, when known."),
        Field("date", "fuzzydate", True, doc="YYYY, YYYY-MM or YYYY-MM-DD, optionally 'before ...'."),
        Field("type", "choice", True, EVENT_TYPES, doc="What kind of move."),
        Field("from", "ref", doc="The lab left."),
        Field("to", "ref", doc="The lab joined."),
        Field("role", "text", doc="Title at the destination."),
        Field("from_role", "text", doc="Title left behind."),
        Field("status", "choice", False, STATUSES, doc="How sure the sources are (default: reported)."),
        Field("sources", "sources", True, doc="Article slugs or http(s) URLs; at least one."),
    ),
    "person": (
        Field("name", "text", True, doc="Full name as it should be shown."),
        Field("aliases", "texts", doc="Other spellings the press uses."),
        Field("links", "links", doc="Label: URL pairs (homepage, x, scholar...)."),
        Field("redirect_from", "slugs", doc="Old slugs of this profile: their pages now lead here."),
        Field("hidden", "flag", doc="true: the person opted out; their name is left out of the whole site "
                                    "(docs/policy.md)."),
    ),
    "lab": (
        Field("name", "text", True, doc="Name as it should be shown."),
        Field("aliases", "texts", doc="Other names the press uses."),
        Field("kind", "choice", False, LAB_KINDS, doc="What sort of organisation."),
        Field("parent", "ref", doc="The lab this one belongs to (Google DeepMind: Google)."),
        Field("url", "url", doc="Official website."),
        Field("redirect_from", "slugs", doc="Old slugs of this profile: their pages now lead here."),
    ),
    "page": (
        Field("title", "text", True, doc="The page's title, its <h1> (title_fr: in French)."),
        Field("description", "text", doc="One sentence for search engines and link previews (description_fr: in "
                                         "French)."),
    ),
}

# What each event type needs beyond the common fields, and how to say it.
TYPE_RULES: dict[str, tuple[tuple[str, ...], str]] = {
    "move": (("from", "to"), "a move needs from and to"),
    "departure": (("from",), "a departure needs from"),
    "arrival": (("to",), "an arrival needs to"),
    "founding": (("to",), "a founding needs to"),
    "role-change": (("to", "role"), "a role-change needs to and role"),
}


def validate(doc: RawDoc, default_lang: str, others: tuple[str, ...] = ()) -> tuple[dict[str, Any], list[Problem]]:
    """Check every field of one file against its schema; return converted values and problems.

    `others` are the site's languages besides the default: translations into them are allowed (`translated`).
    """
    fields = {f.name: f for f in SCHEMAS[doc.kind]}
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, raw in doc.front.items():
        spec = fields.get(str(name))
        base = text_field(doc.kind, str(name), others) if spec is None and others else None
        if base is not None:
            spec = Field(str(name), fields[base].kind, doc=fields[base].doc)
            if base not in doc.front:
                problems.append(missing_original(doc, str(name), base, default_lang))
        if spec is None:
            close = difflib.get_close_matches(str(name), fields, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(fields)}"
            hint = unknown_field_hint(doc.kind, str(name), (default_lang, *others)) or hint
            problems.append(error(doc.path, doc.line(str(name)), str(name), "unknown field", hint))
            continue
        if raw is None or raw == "" or raw == [] or raw == {}:
            if spec.required:
                problems.append(error(doc.path, doc.line(name), name, "is empty"))
            continue
        try:
            values[name] = CONVERTERS[spec.kind](raw, spec)
        except FieldError as exc:
            line = doc.line(name)
            if exc.item is not None:
                line = _nth(iter_lines(doc, name), exc.item)
            problems.append(error(doc.path, line, name, exc.message, exc.hint))
    for spec in fields.values():
        if spec.required and spec.name not in doc.front:
            problems.append(error(doc.path, 1, spec.name, "missing required field"))
    if doc.kind == "article":
        values.setdefault("lang", default_lang)
        if re.fullmatch(r"(https?://)?(www\.)?[\w-]+(\.[\w-]+)+/?", str(values.get("source", ""))):
            problems.append(error(doc.path, doc.line("source"), "source",
                                  f"{values['source']!r} is a web address, not the publication's name",
                                  "write the outlet's name (WIRED), or leave source out: the page then says the "
                                  "publication is not named, unless site.toml's [outlets] names its domain"))
    if doc.kind == "event":
        problems += _event_rules(doc, values)
    if doc.kind == "page":
        problems += _page_address(doc, others)
    if others:
        problems += body_problems(doc, (default_lang, *others))
    return values, problems


def _page_address(doc: RawDoc, others: tuple[str, ...]) -> list[Problem]:
    """A plain page is published at /<slug>/ (`urls.Urls.page`): its file name must not take an address the
    site already uses for something else (/search/, /people/, the French pages' /fr/)."""
    if doc.slug in ROOT_FOLDERS:
        what = f"/{doc.slug}/ is already an address of the site"
    elif doc.slug in others:
        what = f"/{doc.slug}/ is where the site's pages in {doc.slug} start"
    else:
        return []
    return [error(doc.path, 1, None, f"file name '{doc.slug}.md' would publish this page at /{doc.slug}/, but {what}",
                  f"rename the file; a page's file name cannot be {', '.join(ROOT_FOLDERS)} or a language of the "
                  "site")]


def _event_rules(doc: RawDoc, values: dict[str, Any]) -> list[Problem]:
    problems = []
    who = [f for f in ("person", "people", "unnamed") if f in doc.front]
    if not who:
        problems.append(error(doc.path, 1, "person", "missing: say who moved with person, people or unnamed"))
    elif len(who) > 1:
        problems.append(error(doc.path, doc.line(who[1]), who[1],
                              f"give only one of person, people and unnamed (also has {who[0]})"))
    if len(values.get("people", ())) > MAX_GROUP:
        # Every member's page shows the whole group: 10,000 names would make 10,000 pages of 10,000 names each.
        problems.append(error(doc.path, doc.line("people"), "people",
                              f"a group move names at most {MAX_GROUP} people (this one names "
                              f"{len(values.pop('people'))})", "for a larger group, use unnamed and count"))
    if "count" in values and "unnamed" not in doc.front:
        problems.append(error(doc.path, doc.line("count"), "count", "only goes with unnamed"))
    kind = values.get("type")
    if kind in TYPE_RULES:
        needed, sentence = TYPE_RULES[kind]
        for name in needed:
            if name not in doc.front:
                problems.append(error(doc.path, 1, name, f"missing: {sentence}"))
    return problems


class FieldError(Exception):
    def __init__(self, message: str, hint: str | None = None, item: int | None = None) -> None:
        super().__init__(message)
        self.message, self.hint, self.item = message, hint, item


def _text(raw: Any, spec: Field) -> str:
    if isinstance(raw, (bool, list, dict)):
        raise FieldError("must be text")
    text = str(raw).strip()
    if not text:
        raise FieldError("is empty")
    return text


def _texts(raw: Any, spec: Field) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise FieldError("must be a list", f"write {spec.name}: [first, second]")
    out = []
    for i, item in enumerate(raw):
        try:
            out.append(_text(item, spec))
        except FieldError as exc:
            raise FieldError(f"item {i + 1} {exc.message}", item=i) from None
    return tuple(out)


def _slugs(raw: Any, spec: Field) -> tuple[str, ...]:
    """Old slugs (redirect_from): written as file names are, so the old URL is exactly the one given."""
    items = _texts(raw, spec)
    for i, item in enumerate(items):
        if not is_slug(item):
            raise FieldError(f"{item!r} is not a valid slug",
                             f"use lowercase ASCII letters, digits and hyphens, e.g. '{slugify(item) or 'name'}'",
                             item=i)
    if len(set(items)) != len(items):
        raise FieldError("lists the same slug twice")
    return items


def _url(raw: Any, spec: Field) -> str:
    text = _text(raw, spec)
    if not is_http_url(text):
        raise FieldError(f"{text!r} is not an http(s) URL")
    return text


# An address that is plainly an http(s) URL with a host: what `urlsplit` would say yes to, told without it
# (it costs more than all the rest of validating a source; a `check` of corpus L meets 100,000 addresses).
_PLAIN_HTTP_URL = re.compile(r"(?i:https?)://[A-Za-z0-9][A-Za-z0-9.-]*(?::[0-9]{1,5})?(?:[/?#]\S*)?")


def is_http_url(text: str) -> bool:
    """Absolute http or https URL with a host and no white space (no javascript:, data:, file:)."""
    if _PLAIN_HTTP_URL.fullmatch(text):
        return True
    if _SPACE.search(text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _day(raw: Any, spec: Field) -> Any:
    try:
        return parse_day(raw)
    except DateError as exc:
        raise FieldError(str(exc)) from None


def _fuzzy(raw: Any, spec: Field) -> Any:
    try:
        return parse_fuzzy(raw)
    except DateError as exc:
        raise FieldError(str(exc)) from None


def _lang(raw: Any, spec: Field) -> str:
    text = _text(raw, spec)
    if not LANG_RE.match(text):
        raise FieldError(f"{text!r} is not a BCP 47 language tag such as 'en' or 'fr'")
    return text


def _choice(raw: Any, spec: Field) -> str:
    text = _text(raw, spec)
    if text not in spec.choices:
        close = difflib.get_close_matches(text, spec.choices, n=1, cutoff=0.5)
        hint = (f"did you mean '{close[0]}'? " if close else "") + f"allowed: {', '.join(spec.choices)}"
        raise FieldError(f"unknown {spec.name} {text!r}", hint)
    return text


def _count(raw: Any, spec: Field) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        raise FieldError("must be a whole number of at least 1")
    return raw


def _flag(raw: Any, spec: Field) -> bool:
    if not isinstance(raw, bool):
        raise FieldError("must be true or false")
    return raw


def _links(raw: Any, spec: Field) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, dict):
        raise FieldError("must be a mapping of label: URL", "e.g. homepage: https://example.org/")
    out = []
    for label, url in raw.items():
        if not isinstance(label, str) or not label.strip():
            raise FieldError("every link needs a text label")
        try:
            out.append((label.strip(), _url(url, spec)))
        except FieldError as exc:
            raise FieldError(f"{label}: {exc.message}") from None
    return tuple(out)


def _sources(raw: Any, spec: Field) -> tuple[str, ...]:
    items = _texts(raw, spec)
    for i, item in enumerate(items):
        if ":" in item and not is_http_url(item):
            raise FieldError(f"{item!r} is neither an article slug nor an http(s) URL", item=i)
    return items


CONVERTERS: dict[str, Callable[[Any, Field], Any]] = {
    "text": _text, "texts": _texts, "slugs": _slugs, "ref": _text, "refs": _texts, "url": _url, "day": _day,
    "fuzzydate": _fuzzy, "lang": _lang, "choice": _choice, "count": _count, "links": _links,
    "sources": _sources, "flag": _flag,
}


def _nth(lines: Any, n: int) -> int:
    for i, line in enumerate(lines):
        if i == n:
            return int(line)
    return 1
