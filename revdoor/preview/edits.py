"""The model after an edit of events in place, made from the last one without loading the site again.

The common edit while curating is one event. Its file is read again and resolved against the unchanged
profiles, labs and articles; then the timelines of the people it names (before and after) are replayed,
and the flows of the labs whose events or whose people's timelines changed are counted again. What this
module decides is only the model: which pages show what changed is asked of the record of what each page
read (`record.py`), as after any other edit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from ..common.problems import Problem
from ..common.urls import Urls
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
from ..modelling.cache import BodyCache, DocCache
from ..modelling.model import Event, Model
from ..modelling.timelines import flows_of, person_timeline


def resolver(model: Model, entries: Iterable[tuple[int, int, Read]], urls: Urls) -> Resolver:
    """What event references resolve against, from the parsed files of the last load (profiles and articles
    are as it left them: any other edit loads the site again)."""
    by_kind: dict[str, list[Validated]] = {"person": [], "lab": []}
    for _, _, (doc, values, _problems) in entries:
        if doc is not None:
            by_kind.setdefault(doc.kind, []).append((doc, values))
    for docs in by_kind.values():
        docs.sort(key=lambda dv: dv[0].path)
    hidden = any(p.hidden for p in model.people.values())
    return Resolver(build_index("person", by_kind["person"])[0], build_index("lab", by_kind["lab"])[0], model.labs,
                    frozenset(model.articles), make_linker(by_kind, urls) if hidden else None)


def read_events(source: Path, rels: list[str], model: Model, r: Resolver, docs: DocCache, bodies: BodyCache,
                reserved: frozenset[str]) -> tuple[dict[str, Event], list[Problem]]:
    """The records of the event files `rels` (relative to `source`), read again; their problems."""
    problems: list[Problem] = []
    records: dict[str, Event] = {}
    languages = model.config.languages
    for rel in rels:
        size, mtime, read = _read_one(languages, ("event", str(source / rel), rel))
        docs.put(rel, size, mtime, read)
        doc, values, doc_problems = read
        problems += doc_problems
        if doc is None:
            continue
        redact = r.redactor.redact if r.redactor else str  # as assemble does
        rendered = render_bodies(body_parts(doc, model.config, redact), None, bodies, 1, reserved=reserved)
        event = event_record(doc, values, r, rendered[f"event:{doc.slug}"][0], problems,
                             translations_of(doc, values, rendered, languages))
        if event is not None:
            records[doc.slug] = event
    return records, problems


class EventsByLab:
    """The events naming each lab, kept up to date from edits: counting a lab's flows again reads its events
    only, not every event of the site (a lab's lists alone would miss an arrival that also names where the
    person came from, which counts among that lab's losses)."""

    def __init__(self, events: Iterable[Event]) -> None:
        self.slugs: dict[str, set[str]] = {}
        for e in events:
            self._add(e)

    def _add(self, e: Event) -> None:
        for lab in {e.from_lab, e.to_lab} - {None}:
            assert lab is not None
            self.slugs.setdefault(lab, set()).add(e.slug)

    def replace(self, before: Iterable[Event], after: Iterable[Event]) -> None:
        for e in before:
            for lab in {e.from_lab, e.to_lab} - {None}:
                assert lab is not None
                self.slugs[lab].discard(e.slug)
        for e in after:
            self._add(e)


def update_model(old: Model, records: dict[str, Event], by_lab: EventsByLab) -> Model:
    """The model after replacing some events: the timelines of their people (before and after) replayed,
    the flows of the labs they name, or where a replayed timeline begins or ends a stint, counted again, and
    the order of events and the articles' citations updated. `by_lab` is brought up to date."""
    events = {**old.events, **records}
    before = [old.events[s] for s in records]
    by_lab.replace(before, records.values())
    people = {p for e in (*before, *records.values()) for p in e.people}
    labs = {x for e in (*before, *records.values()) for x in (e.from_lab, e.to_lab) if x}
    articles = {s.article for e in (*before, *records.values()) for s in e.sources if s.article}

    timelines = dict(old.timelines)
    for person in people:
        slugs = set(old.timelines[person].events) - set(records)
        slugs |= {s for s, e in records.items() if person in e.people}
        timelines[person], _ = person_timeline(person, sorted((events[s] for s in slugs), key=lambda e: e.sort_key),
                                               old)
        if timelines[person] != old.timelines[person]:  # a lab's flows count its members' stints
            labs |= {s.lab for t in (old.timelines[person], timelines[person]) for s in t.stints}

    # The order of events: kept as it was when no edited date moved (the usual edit: notes, status, role),
    # so a rebuild does not sort fifty thousand events again.
    if all(old.events[s].sort_key == e.sort_key for s, e in records.items()):
        by_date = old.events_by_date
    else:
        by_date = tuple(e.slug for e in sorted(events.values(), key=lambda e: e.sort_key, reverse=True))
    cited = dict(old.cited_by)
    for article in articles:
        citing = [s for s in old.cited_by.get(article, ()) if s not in records]
        citing += [s for s, e in records.items() if any(src.article == article for src in e.sources)]
        if citing:
            cited[article] = tuple(sorted(citing, key=lambda s: events[s].sort_key))
        else:
            cited.pop(article, None)
    flows = dict(old.flows)
    for lab in labs & old.labs.keys():
        touching = sorted((events[s] for s in by_lab.slugs.get(lab, ())), key=lambda e: e.sort_key)
        # Everyone who had a stint there is current or alumni, or named by an edited event.
        was = old.flows[lab]
        members = {p: timelines[p] for p in {*was.current, *was.alumni, *people}
                   if any(s.lab == lab for s in timelines[p].stints)}
        flows[lab] = flows_of(old, lab, touching, members)
    return dataclasses.replace(old, events=events, timelines=timelines, flows=flows, events_by_date=by_date,
                               cited_by=cited)
