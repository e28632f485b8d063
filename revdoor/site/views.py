"""What templates are given: small records with names and URLs already looked up.

Templates do presentation only; every lookup (slug -> name, slug -> URL), sort and count is done here,
once per entity, and shared by every page that shows it.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from urllib.parse import quote, urlencode

from ..common.dates import FuzzyDate
from ..common.memo import Memo
from ..common.names import fold
from ..common.urls import Urls
from ..content.schema import TYPE_LABELS
from ..content.statuses import STATUSES
from ..content.translated import UNTRANSLATED, Translations
from ..language import i18n
from ..language.catalogues import translations
from ..modelling.model import Event, Model, Stint
from .headlines import Headline, Move, Part, headline, names_lab


@dataclass(frozen=True)
class Link:
    name: str
    url: str


@dataclass(frozen=True)
class Localized:
    """A text as a page in the interface's language shows it: the translation when there is one, else the
    default language's text; `lang` is the language it is really in (templates mark it when it is not the
    page's, `_macros.html`'s `in_lang` and `prose`). Bodies are HTML, short texts plain."""

    text: str
    lang: str


@dataclass(frozen=True)
class PageTexts:
    """A plain page's words in the interface's language (or the default one where untranslated)."""

    title: Localized
    description: Localized | None
    body: Localized | None  # HTML


@dataclass(frozen=True)
class EventTexts:
    """An event's own words, each localized; None when the event has none."""

    notes: Localized | None = None  # HTML
    role: Localized | None = None
    from_role: Localized | None = None
    unnamed: Localized | None = None


@dataclass(frozen=True)
class StatusLabel:
    """A status as readers read it in the interface's language: its badge and what it means
    (`content/statuses.py`, the one table of them); `name` is the contract's value, for the style sheet."""

    name: str
    label: str
    meaning: str


@dataclass(frozen=True)
class SourceView:
    """A move's source as its page lists it: one of our articles (its title, outlet and date) or a URL (its
    outlet's name from site.toml's `outlets`); `outlet` None: the publication is not named."""

    url: str
    title: str | None  # an article's
    outlet: str | None
    date: dt.date | None  # an article's
    article: bool
    lang: str | None = None  # an article's


@dataclass(frozen=True)
class EventView:
    event: Event
    url: str
    who: tuple[Link, ...]  # empty for an unnamed move
    from_lab: Link | None
    to_lab: Link | None
    sources: tuple[SourceView, ...]
    is_return: bool
    # What happened, as one sentence with a verb (`headlines`): the title everywhere, and lists' text.
    headline: Headline
    status: StatusLabel
    texts: EventTexts = EventTexts()  # notes, roles and `unnamed` in the interface's language (or the default)
    # The move's type and date as readers read them, in the interface's language: `summary`'s words.
    words: tuple[str, str] = ("", "")

    def __hash__(self) -> int:
        """Hashed once: a view is the key of its rendered list item (render.py), looked up on every page that
        lists the event, and hashing it whole walks the event's every field (a big lab lists thousands)."""
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash(tuple(getattr(self, f.name) for f in fields(self)))

    def __getstate__(self) -> dict[str, object]:
        # Not the remembered hash: a string's hash differs from one process to another.
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    @property
    def title(self) -> str:
        """What happened, in plain text, for <title>, <h1>, feeds and search: "Mira Murati leaves OpenAI"."""
        return self.headline.text

    @property
    def summary(self) -> str:
        """"Mira Murati leaves OpenAI (departure, September 2024, confirmed)": the one wording of a move in
        plain text, for its page's description, the Atom feeds and the JSON Feed alike."""
        kind, date = self.words
        return f"{self.title} ({kind}, {date}, {self.status.label})"


@dataclass(frozen=True)
class ArticleItem:
    """An article as lists show it (`_article_item.html`): small, so that it is a cheap key for its rendered
    item, which a big lab's page and the index of articles show among thousands."""

    url: str
    title: str
    lang: str
    source: str | None
    date: dt.date


@dataclass(frozen=True)
class EditLinks:
    """Where an editor fixes a page: its source file on the forge, and a prefilled new issue."""

    edit: str
    correct: str


@dataclass(frozen=True)
class StintView:
    stint: Stint
    lab: Link
    role: Localized | None = None  # the stint's role in the interface's language (or the default)


@dataclass(frozen=True)
class PersonRow:
    person: Link
    current: tuple[Link, ...]
    latest: FuzzyDate | None
    moves: int


@dataclass(frozen=True)
class LabRow:
    lab: Link
    kind: str | None
    current: int
    arrived: int
    departed: int
    net: int
    latest: FuzzyDate | None


@dataclass(frozen=True)
class Words:
    """The interface's words in one language: messages from its catalogue, filled and counted. A value (its
    language is all it is), so a page may hand it to what is made when the page renders."""

    lang: str

    @cached_property
    def catalogue(self) -> gettext.NullTranslations:
        return translations(self.lang)  # looked up once: every page asks for dozens of words

    @cached_property
    def _elides(self) -> bool:
        return i18n.elides(self.lang)

    def gettext(self, message: str, **values: str) -> str:
        """`message` (English, the msgid) in the interface's language, its placeholders filled from `values`
        when there are any (else left for `fill`); `pybabel extract` finds the calls."""
        text = self.catalogue.gettext(message)
        return self.fill(text, values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: str) -> str:
        """The form for `n` (by the language's plural rule) with `%(num)s` as `n` in the locale's digits, and
        the message's other placeholders filled from `values` (a verb agrees with its count in French)."""
        return self.fill(self.catalogue.ngettext(singular, plural, n),
                         {"num": i18n.number(n, self.lang), **values})

    def fill(self, text: str, values: Mapping[str, str]) -> str:
        """A translation's placeholders filled from `values`, with the elisions they call for ("d’OpenAI")."""
        return (i18n.elide(text, values, self.lang) if self._elides else text) % values


POLICY = "policy"  # the slug of the editorial policy's page (content/pages/policy.md)


class Views:
    """Lazily built views over one model; one instance per build, shared by every page.

    The one place a hidden person (`Person.hidden`, docs/policy.md) is kept out of sight: they have no
    page (`shown_people`), rosters and lists leave them out (`people_links`), and a move they are in shows
    them as "a researcher", unlinked (`person_link`). Counts still include them.
    """

    def __init__(self, model: Model, urls: Urls, lang: str | None = None, memo: Memo | None = None) -> None:
        self.model, self.urls = model, urls
        # The interface's language: the words built here (titles, descriptions, chart texts) are in it.
        self.lang = lang or model.config.language
        self.words = Words(self.lang)
        # Every view made for more than one page (an event's, a link, the rows of an index) is made once, by
        # key, through `memo`, shared by every language's views: a build's plain one, or the preview server's,
        # which remembers what each was made of (common/memo.py). A link is made once and digested once.
        self.memo = memo or Memo()
        # A hidden person in a move (docs/policy.md), and a move with no name at all, in this language.
        self.anonymous = self.gettext("a researcher")
        self.unnamed = self.gettext("Unnamed")

    def gettext(self, message: str, **values: str) -> str:
        """`Words.gettext` in this interface's language (`pybabel extract` finds the calls)."""
        return self.words.gettext(message, **values)

    def ngettext(self, singular: str, plural: str, n: int, **values: str) -> str:
        return self.words.ngettext(singular, plural, n, **values)

    def fill(self, text: str, values: Mapping[str, str]) -> str:
        return self.words.fill(text, values)

    def edit_links(self, source: str, title: str, url: str) -> EditLinks | None:
        """Links to edit `source` and to report a mistake on the page at `url`; None without a repository."""
        repo = self.model.config.repository
        if not repo:
            return None
        repo = repo.rstrip("/")
        page = self.model.config.origin + url
        body = f"Page: {page}\nSource file: {source}\n\nWhat is wrong, and the source that says so:\n"
        query = urlencode({"title": f"Correction: {title}", "body": body})
        return EditLinks(f"{repo}/edit/{quote(self.model.config.branch)}/{quote(source)}", f"{repo}/issues/new?{query}")

    @property
    def policy(self) -> str | None:
        """Where the status legend and the footer send readers for the editorial policy: the site's own page
        in this language when it has one (content/pages/policy.md), else docs/policy.md on the forge when
        the site names its repository, else nowhere. Made once per language: every page reads the one
        value, which changes only when the page comes or goes (an edit of its text leaves it be)."""
        return self.memo(("policy", self.lang), self._policy)

    def _policy(self) -> str | None:
        return self.urls.page(POLICY) if POLICY in self.model.pages else self.model.config.policy_url

    def page_texts(self, slug: str) -> PageTexts:
        page = self.model.pages[slug]
        title = self.localized(page.title, page.translations, "title") or Localized(page.title, self.lang)
        return PageTexts(title, self.localized(page.description, page.translations, "description"),
                         self.localized(page.body_html, page.translations, "body"))

    def profile_links(self, slug: str) -> list[Link]:
        """A person's own links (`links:` in their file) under a display name: "Wikipedia" for `wikipedia`,
        "Google Scholar" for `scholar`; a label the table does not know is shown as written."""
        names = {"wikipedia": "Wikipedia", "scholar": "Google Scholar", "github": "GitHub", "x": "X",
                 "twitter": "X (Twitter)", "linkedin": "LinkedIn", "bluesky": "Bluesky", "mastodon": "Mastodon",
                 "orcid": "ORCID", "homepage": self.gettext("Homepage"), "website": self.gettext("Website"),
                 "blog": self.gettext("Blog")}
        return [Link(names.get(label.casefold(), label), url) for label, url in self.model.people[slug].links]

    def person_link(self, slug: str) -> Link:
        """The person's name and page; for a hidden person "a researcher" (markup.ANONYMOUS, translated) and no
        URL (templates link no empty URL)."""
        return self.memo(("person-link", self.lang, slug), self._person_link, slug)

    def _person_link(self, slug: str) -> Link:
        person = self.model.people[slug]
        return Link(self.anonymous, "") if person.hidden else Link(person.name, self.urls.person(slug))

    @property
    def hidden_people(self) -> frozenset[str]:
        return self.memo(("hidden-people",), self._hidden_people)

    def _hidden_people(self) -> frozenset[str]:
        return frozenset(slug for slug, person in self.model.people.items() if person.hidden)

    @property
    def shown_people(self) -> tuple[str, ...]:
        """Slugs of the people who get a page, a feed and a place in lists: all but the hidden ones."""
        return self.memo(("shown-people",), self._shown_people)

    def _shown_people(self) -> tuple[str, ...]:
        hidden = self.hidden_people
        return tuple(slug for slug in self.model.people if slug not in hidden) if hidden else tuple(self.model.people)

    def people_links(self, slugs: tuple[str, ...] | list[str]) -> list[Link]:
        """Links to the shown people among `slugs` (a lab's roster, an article's people): the hidden left out."""
        return [self.person_link(p) for p in slugs if not self.model.people[p].hidden]

    def lab_link(self, slug: str) -> Link:
        return self.memo(("lab-link", self.lang, slug), self._lab_link, slug)

    def _lab_link(self, slug: str) -> Link:
        return Link(self.model.labs[slug].name, self.urls.lab(slug))

    def source(self, article: str | None, url: str | None) -> SourceView:
        if article:
            a = self.model.articles[article]
            return SourceView(self.urls.article(article), a.title, self.outlet(article), a.date, True, a.lang)
        return SourceView(url or "", None, self.model.config.outlet(url), None, False)

    def outlet(self, article: str) -> str | None:
        """The publication of one of our articles: its `source`, else the outlet of its `source_url`'s domain."""
        a = self.model.articles[article]
        return a.source or self.model.config.outlet(a.source_url)

    def article_link(self, slug: str) -> Link:
        return Link(self.model.articles[slug].title, self.urls.article(slug))

    def article_home(self, slug: str) -> str:
        """An article's canonical address: its frame in its own language (`SiteConfig.frame_language`), which
        its frames in the other languages name as their `rel=canonical` and machine readers are given. Links
        for readers stay in their language (`urls.article`)."""
        config = self.model.config
        lang = config.frame_language(self.model.articles[slug].lang)
        return Urls.for_language(self.urls.base, lang, config.language).article(slug)

    def event(self, slug: str) -> EventView:
        return self.memo(("event", self.lang, slug), self._event, slug)

    def _event(self, slug: str) -> EventView:
        e = self.model.events[slug]
        sources = tuple(self.source(s.article, s.url) for s in e.sources)
        # A return when everyone in it goes back to a lab they had left ("return to OpenAI").
        returns = bool(e.people) and all(
            p in self.model.timelines and slug in self.model.timelines[p].returns for p in e.people)
        who = self._who(e)
        texts = self.event_texts(e)
        from_lab = self.lab_link(e.from_lab) if e.from_lab else None
        to_lab = self.lab_link(e.to_lab) if e.to_lab else None
        return EventView(e, self.urls.event(slug), who, from_lab, to_lab, sources, returns,
                         self._headline(e, who, texts, from_lab, to_lab, returns), self.status(e.status),
                         texts, self.event_words(e))

    def _headline(self, e: Event, who: tuple[Link, ...], texts: EventTexts, from_lab: Link | None,
                  to_lab: Link | None, returning: bool) -> Headline:
        """The move's sentence (`headlines`), its parts made of this interface's links and texts."""
        if who:
            subject = tuple(Part(w.name, w.url or None) for w in who)
        else:
            group = texts.unnamed
            subject = (self._part(group) if group else Part(self.unnamed),)
        lab = self.model.labs.get(e.from_lab) if e.from_lab else None
        from_named = (not who and texts.unnamed is not None and lab is not None
                      and names_lab(texts.unnamed.text, (lab.name, *lab.aliases)))
        move = Move(e.type, e.status, subject, len(who) or e.count or 2,
                    Part(from_lab.name, from_lab.url) if from_lab else None,
                    Part(to_lab.name, to_lab.url) if to_lab else None,
                    self._part(texts.role) if texts.role else None, returning, from_named)
        return headline(move, self.words.catalogue, self.lang)

    def _part(self, text: Localized) -> Part:
        return Part(text.text, lang=text.lang if text.lang != self.lang else None)

    def status(self, name: str) -> StatusLabel:
        """A status's badge and meaning in this interface's language (`content/statuses.py`)."""
        status = STATUSES.get(name)
        if status is None:
            return StatusLabel(name, name, "")
        return StatusLabel(name, self.gettext(status.label), self.gettext(status.meaning))

    @property
    def statuses(self) -> tuple[StatusLabel, ...]:
        """Every status, in the table's order: the legend of the pages that list moves (made once, so that
        every page holds, and its digest reads, the same labels)."""
        return self.memo(("statuses", self.lang), lambda: tuple(self.status(name) for name in STATUSES))

    def event_words(self, e: Event) -> tuple[str, str]:
        """The move's type and date as readers read them (the type's name from `schema.TYPE_LABELS`)."""
        return (self.gettext(TYPE_LABELS.get(e.type, e.type)), i18n.date_label(e.date, self.lang))

    def _who(self, e: Event) -> tuple[Link, ...]:
        """The people of a move; hidden ones last, as "a researcher", which starts with a capital when it comes
        first, being everyone ("A researcher moved from ...", "Luke Metz and a researcher moved from ...")."""
        hidden = self.hidden_people
        if not hidden.intersection(e.people):
            return tuple(self.person_link(p) for p in e.people)
        shown = [self.person_link(p) for p in e.people if p not in hidden]
        anonymous = [self.person_link(p) for p in e.people if p in hidden]
        if not shown:
            anonymous[0] = Link(self.anonymous[:1].upper() + self.anonymous[1:], "")
        return (*shown, *anonymous)

    def newest(self, start: int, stop: int) -> tuple[str, ...]:
        """The slugs of events `start` to `stop` (newest first): a page showing some of them (home, a page of
        all moves, the feeds) reads only those, so a date edit elsewhere in the order leaves it be."""
        return self.memo(("newest", start, stop), self._newest, start, stop)

    def _newest(self, start: int, stop: int) -> tuple[str, ...]:
        return self.model.events_by_date[start:stop]

    def events(self, slugs: tuple[str, ...] | list[str]) -> list[EventView]:
        return [self.event(s) for s in slugs]

    def articles(self, slugs: Iterable[str]) -> list[ArticleItem]:
        """The articles as lists show them, made once per article and build."""
        return [self.memo(("article-item", self.lang, slug), self._article_item, slug) for slug in slugs]

    def _article_item(self, slug: str) -> ArticleItem:
        a = self.model.articles[slug]
        return ArticleItem(self.urls.article(slug), a.title, a.lang, self.outlet(slug), a.date)

    def stints(self, person: str) -> list[StintView]:
        return [StintView(s, self.lab_link(s.lab), self._stint_role(s)) for s in self.model.timelines[person].stints]

    def localized(self, default: str | None, translations: Translations, field: str) -> Localized | None:
        """`field` in the interface's language when it is translated, else the default language's text, marked
        with that language; None when there is neither."""
        text = translations.get(self.lang, field)
        if text is not None:
            return Localized(text, self.lang)
        # Untranslated, but with its links leading to this language's pages when it has any.
        default = translations.get(self.lang, field + UNTRANSLATED) or default
        return Localized(default, self.model.config.language) if default else None

    def site_text(self, field: str) -> Localized:
        """A setting readers see (`description`, or `description_fr` on French pages), in its language."""
        return Localized(*self.model.config.text(field, self.lang))

    def bio(self, slug: str) -> Localized | None:
        person = self.model.people[slug]
        return self.localized(person.bio_html, person.translations, "bio")

    def lab_description(self, slug: str) -> Localized | None:
        lab = self.model.labs[slug]
        return self.localized(lab.description_html, lab.translations, "description")

    def event_texts(self, e: Event) -> EventTexts:
        t = e.translations
        return EventTexts(self.localized(e.notes_html, t, "notes"), self.localized(e.role, t, "role"),
                          self.localized(e.from_role, t, "from_role"), self.localized(e.unnamed, t, "unnamed"))

    def _stint_role(self, s: Stint) -> Localized | None:
        """A stint's role comes from its events as `timelines` takes it: the role of the event that began it,
        else the from_role of the event that ended it; its translation comes from the same field."""
        start = self.model.events.get(s.start_event) if s.start_event else None
        if start is not None and start.role:
            return self.localized(start.role, start.translations, "role")
        end = self.model.events.get(s.end_event) if s.end_event else None
        if end is not None and end.from_role:
            return self.localized(end.from_role, end.translations, "from_role")
        return Localized(s.role, self.model.config.language) if s.role else None

    @property
    def person_rows(self) -> list[PersonRow]:
        return self.memo(("person-rows", self.lang), self._person_rows)

    def _person_rows(self) -> list[PersonRow]:
        rows = [self.memo(("person-row", self.lang, slug), self._person_row, slug) for slug in self.shown_people]
        # Accent-blind, as the browser's collator re-sorts it: Łukasz among the Ls, not after the Zs.
        return sorted(rows, key=lambda r: (fold(r.person.name), r.person.name, r.person.url))

    def _person_row(self, slug: str) -> PersonRow:
        """One row, made once (`memo`): a move edited under the preview makes its people's rows again, and
        the index's other rows stay the objects they were (digested once)."""
        timeline = self.model.timelines[slug]
        latest = self.model.events[timeline.events[-1]].date if timeline.events else None
        return PersonRow(self.person_link(slug), tuple(self.lab_link(x) for x in timeline.current),
                         latest, len(timeline.events))

    @property
    def lab_rows(self) -> list[LabRow]:
        return self.memo(("lab-rows", self.lang), self._lab_rows)

    def _lab_rows(self) -> list[LabRow]:
        rows = [self.memo(("lab-row", self.lang, slug), self._lab_row, slug) for slug in self.model.labs]
        return sorted(rows, key=lambda r: (fold(r.lab.name), r.lab.name, r.lab.url))

    def _lab_row(self, slug: str) -> LabRow:
        """One row, made once, as `_person_row`."""
        f, named = self.model.flows[slug], self.model.lab_events.get(slug)
        return LabRow(self.lab_link(slug), self.model.labs[slug].kind, len(f.current), f.arrived, f.departed, f.net,
                      self.model.events[named[-1]].date if named else None)
