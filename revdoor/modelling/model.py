"""The tracker's model: plain frozen records, built once from validated content and shared by every page.

References are resolved to slugs here; nothing downstream sees an editor's spelling again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..common.dates import FuzzyDate
from ..content.config import SiteConfig
from ..content.statuses import BELIEVED
from ..content.translated import NONE, Translations


@dataclass(frozen=True)
class Fields:
    """Every front-matter field of a file as the schema converted it (references as the editor wrote them).

    A record's typed attributes are what the code reasons about; this is what a theme may print besides. A
    field added to the schema reaches the templates at once (`{{ v.event.fields.venue }}`) with no change to
    the model or to anything that decides what a rebuild renders: a page's digest covers its records whole.
    """

    items: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, values: dict[str, Any]) -> Fields:
        return cls(tuple(sorted(values.items())))

    def __getitem__(self, name: str) -> Any:
        for key, value in self.items:
            if key == name:
                return value
        raise KeyError(name)  # Jinja then shows an undefined value, as for a missing attribute

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default


NO_FIELDS = Fields()


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    aliases: tuple[str, ...]
    links: tuple[tuple[str, str], ...]
    bio_html: str
    path: str
    redirect_from: tuple[str, ...] = ()  # old slugs whose URLs now lead here
    # Opted out (docs/policy.md): still in the model, so `check` validates their events and labs count them,
    # but no page, feed, data file or index names them (views.Views and markup.Linker.redact see to that).
    hidden: bool = False
    translations: Translations = NONE  # "bio" (HTML) in the site's other languages
    fields: Fields = NO_FIELDS


@dataclass(frozen=True)
class Lab:
    slug: str
    name: str
    aliases: tuple[str, ...]
    kind: str | None
    parent: str | None  # lab slug
    url: str | None
    description_html: str
    path: str
    redirect_from: tuple[str, ...] = ()
    translations: Translations = NONE  # "description" (HTML) in the site's other languages
    fields: Fields = NO_FIELDS


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    date: dt.date
    lang: str
    source: str | None
    source_url: str | None
    summary: str | None
    people: tuple[str, ...]  # named in front matter, then in the text
    labs: tuple[str, ...]
    body_html: str  # as its frame in its own language shows it (`SiteConfig.frame_language`)
    path: str
    redirect_from: tuple[str, ...] = ()
    fields: Fields = NO_FIELDS
    # Its text as each other language's frame shows it, (lang, html): the same words, whose links lead to
    # that language's pages (a reader stays in their language); empty on a site of one language.
    frames: tuple[tuple[str, str], ...] = ()

    def body_in(self, lang: str) -> str:
        """The text as the frame in `lang` shows it."""
        return next((html for code, html in self.frames if code == lang), self.body_html)


@dataclass(frozen=True)
class PlainPage:
    """A page of its own (`content/pages/<slug>.md`, at /<slug>/), such as the editorial policy: a title, an
    optional description and a text, each translated as profiles are (`title_fr`, a `## fr` section)."""

    slug: str
    title: str
    description: str | None
    body_html: str
    path: str
    translations: Translations = NONE  # "title", "description", "body" (HTML) in the site's other languages
    fields: Fields = NO_FIELDS


@dataclass(frozen=True)
class Source:
    """An event's source: one of our articles, or an outside URL."""

    article: str | None = None
    url: str | None = None


@dataclass(frozen=True, kw_only=True)  # built by keyword: sixteen fields are too many to pass in order
class Event:
    slug: str
    type: str  # move, departure, arrival, founding, role-change
    date: FuzzyDate
    people: tuple[str, ...]  # empty for an unnamed move
    unnamed: str | None
    count: int | None
    from_lab: str | None
    to_lab: str | None
    role: str | None
    from_role: str | None
    status: str  # confirmed, reported, rumored, denied
    sources: tuple[Source, ...]
    notes_html: str
    path: str
    lines: tuple[tuple[str, int], ...] = ()  # field -> line, for warnings found after loading
    # "notes" (HTML), "role", "from_role", "unnamed" in the site's other languages (views.Views picks one)
    translations: Translations = NONE
    fields: Fields = NO_FIELDS

    def line(self, name: str) -> int:
        return dict(self.lines).get(name, 1)

    @property
    def headcount(self) -> int:
        """How many people moved: named ones, or the unnamed count (1 when unknown)."""
        return len(self.people) or self.count or 1

    @property
    def changes_affiliation(self) -> bool:
        """Rumours and denied rumours are shown, never believed."""
        return self.status in BELIEVED

    @property
    def sort_key(self) -> tuple[tuple[int, int, int, int], str]:
        return (self.date.sort_key, self.slug)


@dataclass(frozen=True)
class Stint:
    """A person's time at one lab in one role; None ends mean "not known" (start) or "still there" (end)."""

    lab: str
    role: str | None
    start: FuzzyDate | None
    end: FuzzyDate | None
    start_event: str | None
    end_event: str | None
    is_return: bool = False

    @property
    def current(self) -> bool:
        return self.end_event is None


@dataclass(frozen=True)
class Timeline:
    person: str
    stints: tuple[Stint, ...]  # chronological
    current: tuple[str, ...]  # labs the person is at now (believed events only)
    events: tuple[str, ...]  # every event naming them, chronological
    rumours: tuple[str, ...]  # rumored or denied events, shown apart
    returns: tuple[str, ...]  # events that brought them back to a former lab


@dataclass(frozen=True)
class LabFlows:
    lab: str
    current: tuple[str, ...]  # people slugs
    alumni: tuple[str, ...]
    arrivals: tuple[str, ...]  # event slugs, chronological
    departures: tuple[str, ...]
    rumours: tuple[str, ...]
    arrived: int  # headcounts of believed moves
    departed: int
    gains_from: tuple[tuple[str, int], ...]  # (lab slug, people), most first
    loses_to: tuple[tuple[str, int], ...]
    children: tuple[str, ...]
    roles: tuple[str, ...] = ()  # believed appointments and role changes at the lab, chronological

    @property
    def net(self) -> int:
        return self.arrived - self.departed


@dataclass(frozen=True)
class Model:
    config: SiteConfig
    people: dict[str, Person]
    labs: dict[str, Lab]
    articles: dict[str, Article]
    events: dict[str, Event]
    pages: dict[str, PlainPage] = field(default_factory=dict)  # by slug, in file order
    timelines: dict[str, Timeline] = field(default_factory=dict)
    flows: dict[str, LabFlows] = field(default_factory=dict)
    events_by_date: tuple[str, ...] = ()  # newest first
    articles_by_date: tuple[str, ...] = ()  # newest first
    cited_by: dict[str, tuple[str, ...]] = field(default_factory=dict)  # article -> events citing it
    person_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lab_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lab_events: dict[str, tuple[str, ...]] = field(default_factory=dict)  # events naming each lab, in date order
    # Moves between two labs, (from, to, kind of status) -> people, per year: what the flow charts sum.
    flows_by_year: dict[int, Counter[tuple[str, str, str]]] = field(default_factory=dict)
