"""The preview server's builder: the site kept in memory, and after an edit only what the edit touches.

The common edit while curating is one event. Its fast path reads that file again, redoes the timelines of
the people it names and the flows of the labs they were at, makes again only the pages that show those
(the event, its people, its labs, the articles it cites, the feed pages it falls on, home, the indexes,
the feeds), and renders the ones whose fingerprint changed. Anything else (a profile, an article, a
template, site.toml, a new or deleted file) takes the full build, which itself skips unchanged files and
pages thanks to the caches in `Memory`. Either way the output is exactly a cold build's (tested).
"""

from __future__ import annotations

import dataclasses
import heapq
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.digest import Digester
from ..common.problems import Problem, has_errors, sort_problems
from ..common.theme import reserved_ids, template_dirs
from ..content.bodylinks import FOLDER_OF
from ..content.refs import build_index
from ..modelling.assemble import (
    Read,
    Resolver,
    Validated,
    _read_one,
    body_parts,
    event_record,
    make_linker,
    render_bodies,
    translations_of,
)
from ..modelling.model import Event, LabFlows, Model, Timeline
from ..modelling.timelines import flows_of, person_timeline
from ..output import render, write
from ..output.builder import BuildResult, Memory, build
from ..site import chartdata, data, feeds, fingerprints, pages
from ..site.languages import Languages, localize
from ..site.views import Views


@dataclass(frozen=True)
class Outcome:
    """One rebuild, for the server's log line and its error overlay."""

    ok: bool
    problems: list[Problem]
    rendered: int
    written: int
    seconds: float
    fast: bool  # True when only the pages an event edit touches were considered


class Engine:
    def __init__(self, source: Path, output: Path | None = None, *, build_options: dict[str, Any] | None = None,
                 log: Callable[[str], None] = lambda _: None) -> None:
        self.source, self.output = source, output
        self.options = dict(build_options or {})
        self.memory = Memory()
        self.log = log
        self._resolver: Resolver | None = None
        self._reserved: frozenset[str] | None = None  # the templates' ids, read once per full build

    def full(self) -> Outcome:
        start = time.perf_counter()
        self._resolver = None
        self._reserved = None
        try:
            result: BuildResult = build(self.source, self.output, memory=self.memory, **self.options)
        except Exception:
            self.memory.model = None  # what is on disk is unknown: the next rebuild starts from scratch
            raise
        if not result.ok:
            self.memory.model = None
        else:
            self._prepare()
        written = result.stats.written if result.stats else 0
        return Outcome(result.ok, result.problems, result.rendered, written, time.perf_counter() - start, False)

    def rebuild(self, changed: Iterable[Path] | None = None) -> Outcome:
        """Bring the output up to date after `changed` files were saved (None: don't know, do everything)."""
        rels = None if changed is None else {self._rel(p) for p in changed}
        if rels is None or None in rels or self.memory.model is None or not self._edits_of_events(rels):
            return self.full()
        try:
            return self._events(sorted(r for r in rels if r))
        except Exception:
            self.memory.model = None
            raise

    def _prepare(self) -> Resolver:
        """What event references resolve against; made once per full build, before the next edit comes."""
        m = self.memory
        if self._resolver is None:  # profiles and articles stay as the last full build left them
            assert m.caches is not None and m.model is not None
            by_kind = _docs_by_kind(m.caches.docs.entries.values())
            hidden = any(p.hidden for p in m.model.people.values())
            assert m.urls is not None
            self._resolver = Resolver(build_index("person", by_kind["person"])[0],
                                      build_index("lab", by_kind["lab"])[0], m.model.labs,
                                      frozenset(m.model.articles), make_linker(by_kind, m.urls) if hidden else None)
        return self._resolver

    def _reserved_ids(self) -> frozenset[str]:
        """The ids no heading may take: read from the templates once per full build (a template edit takes
        the full build), not on every event edit."""
        if self._reserved is None:
            self._reserved = reserved_ids(template_dirs(self.source))
        return self._reserved

    def _rel(self, path: Path) -> str | None:
        try:
            return Path(path).resolve().relative_to(self.source.resolve()).as_posix()
        except ValueError:
            return None

    def _edits_of_events(self, rels: set[str | None]) -> bool:
        """Only existing event files, still there, edited in place: the fast path's case."""
        model = self.memory.model
        assert model is not None
        for rel in rels:
            folder = f"content/{FOLDER_OF['event']}/"
            if rel is None or not rel.startswith(folder) or not rel.endswith(".md"):
                return False
            slug = rel.removeprefix(folder).removesuffix(".md")
            if slug not in model.events or not (self.source / rel).is_file():
                return False
        return True

    def _events(self, rels: list[str]) -> Outcome:
        start = time.perf_counter()
        m = self.memory
        old = m.model
        assert old is not None and m.caches is not None and m.salts is not None and m.urls is not None
        # 1. Read the edited files again, resolve them against the unchanged profiles and articles.
        problems: list[Problem] = []
        docs = m.caches.docs
        records: dict[str, Event] = {}
        resolver = self._prepare()
        for rel in rels:
            languages = old.config.languages
            size, mtime, read = _read_one(languages, ("event", str(self.source / rel), rel))
            docs.put(rel, size, mtime, read)
            doc, values, doc_problems = read
            problems += doc_problems
            if doc is None:
                continue
            redact = resolver.redactor.redact if resolver.redactor else str  # as assemble does
            bodies = render_bodies(body_parts(doc, old.config, redact), None, m.caches.bodies, 1,
                                   reserved=self._reserved_ids())
            event = event_record(doc, values, resolver, bodies[f"event:{doc.slug}"][0], problems,
                                 translations_of(doc, values, bodies, languages))
            if event is not None:
                records[doc.slug] = event
        kept = [p for p in m.problems if p.path not in rels]
        if has_errors(problems) or len(records) != len(rels):
            return Outcome(False, sort_problems(kept + problems), 0, 0, time.perf_counter() - start, True)

        # 2. The model, redone only where the events reach.
        new, touched = update_model(old, records)
        # `kept` is in order already: merging the edited files' few problems into it spares sorting thousands.
        m.model, m.problems = new, list(heapq.merge(kept, sort_problems(problems), key=Problem.sort_key))

        # 3. The pages that can show what changed; fingerprint them; render and write those that differ.
        assert m.langs is not None
        assert m.views is not None
        m.views = {lang: v.after_event_edit(new, touched.events) for lang, v in m.views.items()}
        affected = affected_pages(old, new, m.langs, touched, m.views)
        digester = Digester()
        manifest, out, env = m.manifest, m.output, m.env
        assert manifest is not None and out is not None and env is not None
        rendered = written = 0
        for page in affected:
            fp = fingerprints.fingerprint(page, m.salts, digester)
            file = out / m.urls.output_path(page.url)
            if manifest.fresh(page.url, fp, file):
                continue
            written += write.write_file(out, m.urls.output_path(page.url), render.render_page(env, page))
            manifest.record(page.url, fp, file)
            rendered += 1
        return Outcome(True, m.problems, rendered, written, time.perf_counter() - start, True)


@dataclass(frozen=True)
class Touched:
    events: set[str]  # edited, plus those whose "return" flag changed
    people: set[str]  # named by those events (timelines redone for the edited events' people)
    labs: set[str]
    articles: set[str]  # cited by an edited event, before or after
    reordered: bool  # the order of events changed (a date was edited)
    # Something beyond the events' own lines changed (`_shape`): the indexes, counts and charts may show it.
    # The usual curating edit (notes, a role, sources, confirmed <-> reported) is not structural.
    structural: bool = True


def _shape(e: Event) -> tuple[object, ...]:
    """What an event contributes beyond the lines that show it: its place in the order of events, in
    timelines and rosters, in the flows' counts and in the charts (which tell believed moves and each kind of
    rumour apart, not confirmed from reported)."""
    return (e.date, e.type, e.people, e.count, e.from_lab, e.to_lab,
            "believed" if e.changes_affiliation else e.status)


def update_model(old: Model, records: dict[str, Event]) -> tuple[Model, Touched]:
    """The model after replacing some events, redoing only the timelines and flows they reach."""
    events = {**old.events, **records}
    before = [old.events[s] for s in records]
    people = {p for e in (*before, *records.values()) for p in e.people}
    labs = {x for e in (*before, *records.values()) for x in (e.from_lab, e.to_lab) if x}
    articles = {s.article for e in (*before, *records.values()) for s in e.sources if s.article}

    timelines = dict(old.timelines)
    for person in people:
        slugs = set(old.timelines[person].events) - set(records)
        slugs |= {s for s, e in records.items() if person in e.people}
        timelines[person], _ = person_timeline(person, sorted((events[s] for s in slugs), key=lambda e: e.sort_key),
                                               old)
    touched_events = set(records)
    for person in people:
        before_t, after_t = old.timelines[person], timelines[person]
        if before_t != after_t:
            touched_events |= set(before_t.returns) ^ set(after_t.returns)
            # Labs whose roster shows them differently (now current, now alumni, or gone from it):
            labs |= {lab for lab, _, _ in _memberships(before_t) ^ _memberships(after_t)}
    # An event whose "return" flag changed looks different wherever it is listed: with all its people,
    # labs and citing articles.
    labs |= {x for s in touched_events for x in (events[s].from_lab, events[s].to_lab) if x}
    shown = people | {p for s in touched_events for p in events[s].people}
    articles |= {a.article for s in touched_events for a in events[s].sources if a.article}

    # The order of events: kept as it was when no edited date moved (the usual edit: notes, status, role),
    # so a rebuild does not sort fifty thousand events again.
    if all(old.events[s].sort_key == e.sort_key for s, e in records.items()):
        by_date = old.events_by_date
    else:
        by_date = tuple(e.slug for e in sorted(events.values(), key=lambda e: e.sort_key, reverse=True))
    structural = any(_shape(old.events[s]) != _shape(e) for s, e in records.items())
    # What a lab's flows count (who moved, where, when, of what kind, believed or not) is the events' shape:
    # the usual curating edit leaves every lab's flows as they were, and redoing a big lab's walks every event.
    flows = _flows(old, events, timelines, labs) if structural else old.flows
    cited = dict(old.cited_by)
    for article in articles:
        citing = [s for s in old.cited_by.get(article, ()) if s not in records]
        citing += [s for s, e in records.items() if any(src.article == article for src in e.sources)]
        if citing:
            cited[article] = tuple(sorted(citing, key=lambda s: events[s].sort_key))
        else:
            cited.pop(article, None)
    new = dataclasses.replace(old, events=events, timelines=timelines, flows=flows, events_by_date=by_date,
                              cited_by=cited)
    return new, Touched(touched_events, shown, labs, articles, by_date != old.events_by_date, structural)


def _flows(old: Model, events: dict[str, Event], timelines: dict[str, Timeline], labs: set[str]
           ) -> dict[str, LabFlows]:
    """The flows of every lab, those of `labs` redone from the new events and timelines."""
    touching: dict[str, list[Event]] = defaultdict(list)
    for e in events.values():
        if e.from_lab in labs:
            touching[e.from_lab].append(e)
        if e.to_lab in labs and e.to_lab != e.from_lab:
            touching[e.to_lab].append(e)
    for lab_events in touching.values():
        lab_events.sort(key=lambda e: e.sort_key)
    members: dict[str, dict[str, Timeline]] = defaultdict(dict)
    for person, timeline in timelines.items():
        for stint in timeline.stints:
            if stint.lab in labs:
                members[stint.lab][person] = timeline
    flows = dict(old.flows)
    for lab in labs:
        flows[lab] = flows_of(old, lab, touching[lab], members[lab])
    return flows


def _memberships(t: Timeline) -> set[tuple[str, bool, bool]]:
    """(lab, current there, has left it) for each lab of a timeline: what a lab's roster shows of them."""
    return {(s.lab, s.lab in t.current, any(x.lab == s.lab and x.end_event is not None for x in t.stints))
            for s in t.stints}


def affected_pages(old: Model, new: Model, langs: Languages, t: Touched,
                   views: Mapping[str, Views]) -> list[pages.Page]:
    """Every page that can show something an event edit changed (a superset: fingerprints decide), in
    every language, and the open data (which shows every event). `views`: `new`'s, by language."""
    if chartdata.newest_date(old) != chartdata.newest_date(new):
        # Careers are drawn up to the newest move of the site: every person page may show a new end.
        t = dataclasses.replace(t, people=t.people | set(new.people))
    by_lang = {lang: _affected(old, new, views[lang], t, {a for a in t.articles if a in new.articles
                                                          and langs.of_article(new.articles[a]) == lang})
               for lang in langs.codes}
    return [*localize(by_lang, langs), *data.pages(new, views[langs.default], _data_files(old, new, views, t),
                                                      None if t.structural else t.events)]


def _data_files(old: Model, new: Model, views: Mapping[str, Views], t: Touched) -> tuple[str, ...]:
    """The open-data files an edit can change: all of them after a structural edit (rosters, current labs,
    counts), else the events' files when an edited event's record changed (a notes edit changes none)."""
    if t.structural:
        return data.FILES
    v = next(iter(views.values()))
    if any(data.event_record(old, v, old.events[s]) != data.event_record(new, v, new.events[s]) for s in t.events):
        return ("events.json", "events.csv")
    return ()


def _affected(old: Model, new: Model, views: Views, t: Touched, articles: set[str]) -> list[pages.Page]:
    """The pages of one language that can show what changed. The indexes and the charts only after a
    structural edit; home and the site's feeds when they list an edited event."""
    listed = set(new.events_by_date[:feeds.FEED_ENTRIES]) | set(old.events_by_date[:feeds.FEED_ENTRIES])
    on_home = set(new.events_by_date[:pages.HOME_EVENTS]) | set(old.events_by_date[:pages.HOME_EVENTS])
    out = []
    if t.structural or t.events & on_home:
        out.append(pages.home(new, views))
    if t.structural:
        out += [pages.people_index(new, views), pages.labs_index(new, views), pages.flows_page(new, views)]
    if t.structural or t.events & listed:
        out += [feeds.site_feed(new, views), data.json_feed_page(new, views)]
    out += [pages.event_page(new, views, s) for s in sorted(t.events)]
    for person in sorted(t.people.intersection(views.shown_people)):  # a hidden person has no page
        out += [pages.person_page(new, views, person), feeds.person_feed(new, views, person)]
    for lab in sorted(t.labs):
        out += [pages.lab_page(new, views, lab), feeds.lab_feed(new, views, lab)]
    out += [pages.article_page(new, views, a) for a in sorted(articles)]
    size = new.config.feed_page_size
    for n in range(1, pages.feed_page_count(new) + 1):
        chunk = slice((n - 1) * size, n * size)
        if old.events_by_date[chunk] != new.events_by_date[chunk] or t.events & set(new.events_by_date[chunk]):
            out.append(pages.feed_page(new, views, n))
    return out


def _docs_by_kind(entries: Iterable[tuple[int, int, Read]]) -> dict[str, list[Validated]]:
    by_kind: dict[str, list[Validated]] = defaultdict(list)
    for _, _, (doc, values, _problems) in entries:
        if doc is not None:
            by_kind[doc.kind].append((doc, values))
    for docs in by_kind.values():
        docs.sort(key=lambda dv: dv[0].path)
    return by_kind
