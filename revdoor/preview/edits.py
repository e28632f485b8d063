"""The model after files are edited in place, made from the last one without loading the site again.

The common edit while curating is one event, or a bio, a lab's description, an article's text, a plain page. The file is
read again and its record made against the site's unchanged names (`Names`); when the edit changes what
other files read of it (a name, an alias, an old slug, who is hidden, a lab's parent), the site is loaded
again instead. An event's people have their timelines replayed, and the labs whose events or whose
people's timelines changed have their flows counted again. What this
module decides is only the model: which pages show what changed is asked of the record of what each page
read (`record.py`), as after any other edit.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..common.problems import Problem
from ..common.theme import Reserved
from ..common.urls import Urls
from ..content.bodylinks import FOLDER_OF, FOLDERS
from ..content.markup import Linker
from ..content.refs import build_index
from ..modelling.assemble import (
    Read,
    Resolver,
    Validated,
    _read_one,
    article_parts,
    article_record,
    body_parts,
    event_record,
    hidden_in_addresses,
    lab_record,
    make_linker,
    page_record,
    person_record,
    render_bodies,
    translations_of,
)
from ..modelling.cache import BodyCache, DocCache
from ..modelling.model import Event, Model
from ..modelling.timelines import article_indexes, flow_key, flows_of, person_timeline, warnings_about

# What other files read of a file, besides its record: names and aliases (references, name links in
# articles), who is hidden (redacted everywhere), old slugs (redirects), a lab's parent (its children, cycles).
# A file edited with these unchanged changes its own record only; otherwise the site is loaded again.
NAMED = ("name", "aliases", "hidden", "redirect_from", "parent")


class Names:
    """What a file's record is made against: the site's names, from the parsed files of the last load (an
    edit that changes them loads the site again)."""

    def __init__(self, model: Model, entries: Iterable[tuple[int, int, Read]]) -> None:
        self.by_kind: dict[str, list[Validated]] = {kind: [] for kind in FOLDER_OF}
        for _, _, (doc, values, _problems) in entries:
            if doc is not None:
                self.by_kind[doc.kind].append((doc, values))
        for docs in self.by_kind.values():
            docs.sort(key=lambda dv: dv[0].path)
        self.model = model
        self.resolver = Resolver(build_index("person", self.by_kind["person"])[0],
                                 build_index("lab", self.by_kind["lab"])[0], model.labs, frozenset(model.articles),
                                 self.linker if any(p.hidden for p in model.people.values()) else None)

    @functools.cached_property
    def linker(self) -> Linker:
        """Every name that links article text (made when an article is first edited: it takes a while)."""
        return make_linker(self.by_kind, Urls(self.model.config.base_path))

    @property
    def redact(self) -> Callable[[str], str]:
        return self.resolver.redactor.redact if self.resolver.redactor else str  # as assemble does


def same_names(before: Read | None, after: Read) -> bool:
    """Whether an edited file leaves what other files read of it as it was (`NAMED`)."""
    if before is None or before[0] is None or after[0] is None:
        return False
    return all(before[1].get(name) == after[1].get(name) for name in NAMED)


Records = dict[str, dict[str, Any]]  # kind -> slug -> its record


def read_records(source: Path, rels: list[str], model: Model, names: Names, docs: DocCache, bodies: BodyCache,
                 reserved: Reserved) -> tuple[Records | None, list[Problem]]:
    """The records of the files `rels` (relative to `source`, each in its kind's folder), read again, and
    their problems; None instead of records when one of them changes what other files read of it."""
    problems: list[Problem] = []
    records: Records = {}
    config, languages = model.config, model.config.languages
    same = True
    for rel in rels:
        kind = FOLDERS[rel.split("/")[1]]
        before = docs.entries.get(rel)
        size, mtime, read = _read_one(languages, (kind, str(source / rel), rel))
        docs.put(rel, size, mtime, read)
        same = same and same_names(before[2] if before else None, read)
        doc, values, doc_problems = read
        problems += doc_problems
        if doc is None or not same:
            continue
        if kind == "article":
            rendered = render_bodies([], names.linker, bodies, 1, linked=article_parts(doc, values, config,
                                                                                       names.redact),
                                     reserved=reserved)
            record: Any = article_record(doc, values, names.resolver.people, names.resolver.labs_index, rendered,
                                         names.redact, problems, languages)
        else:
            rendered = render_bodies(body_parts(doc, config, names.redact), None, bodies, 1, reserved=reserved)
            html, translations = rendered[f"{kind}:{doc.slug}"][0], translations_of(doc, values, rendered, languages)
            if kind == "event":
                record = event_record(doc, values, names.resolver, html, problems, translations)
            elif kind == "person":
                record = person_record(doc, values, html, translations)
            elif kind == "page":
                record = page_record(doc, values, html, translations, names.redact)
            else:
                record = lab_record(doc, values, names.resolver.labs_index, html, translations, problems)
        if kind in ("article", "event", "page"):  # its file name is an address: as `assemble` warns
            problems += hidden_in_addresses(model.people, [doc])
        if record is not None:
            records.setdefault(kind, {})[doc.slug] = record
    return (records if same else None), problems


def update_model(old: Model, records: Records) -> Model:
    """The model after replacing some records (whose names, as `NAMED`, are unchanged): a profile's record
    is all that changes with it (timelines and flows read only names of profiles); articles are put in order
    and listed by who they name again; events as `update_events` says."""
    model = old
    if "person" in records:
        model = dataclasses.replace(model, people={**model.people, **records["person"]})
    if "lab" in records:
        model = dataclasses.replace(model, labs={**model.labs, **records["lab"]})
    if "page" in records:  # read by no other record: its own page (and whether it exists) is all it changes
        model = dataclasses.replace(model, pages={**model.pages, **records["page"]})
    if "article" in records:
        model = article_indexes(dataclasses.replace(model, articles={**model.articles, **records["article"]}))
    return update_events(model, records["event"]) if "event" in records else model


def warnings_after(old: Model, new: Model, records: Records) -> tuple[list[Problem], list[Problem]]:
    """The warnings an in-place edit of events may take away and bring: those about the timelines of the
    people the events name (before and after the edit) and about possible duplicates of them, in the old
    model and in the new (the others stand as the last load found them)."""
    events = records.get("event", {})
    if not events:
        return [], []
    before = [old.events[s] for s in events]
    people = {p for e in (*before, *events.values()) for p in e.people}
    return warnings_about(old, people, before), warnings_about(new, people, events.values())


def update_events(old: Model, records: dict[str, Event]) -> Model:
    """The model after replacing some events: the timelines of their people (before and after) replayed,
    the flows of the labs they name, or where a replayed timeline begins or ends a stint, counted again, and
    the order of events, the events of each lab, the flow charts' counts and the articles' citations
    updated."""
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
    lab_events = dict(old.lab_events)
    for lab in {x for e in (*before, *records.values()) for x in (e.from_lab, e.to_lab) if x}:
        slugs = {*old.lab_events.get(lab, ()), *records} - {s for s, e in records.items() if lab not in
                                                            (e.from_lab, e.to_lab)}
        if slugs:
            lab_events[lab] = tuple(sorted(slugs, key=lambda s: events[s].sort_key))
        else:
            lab_events.pop(lab, None)
    flows = dict(old.flows)
    for lab in labs & old.labs.keys():
        touching = [events[s] for s in lab_events.get(lab, ())]
        # Everyone who had a stint there is current or alumni, or named by an edited event.
        was = old.flows[lab]
        members = {p: timelines[p] for p in {*was.current, *was.alumni, *people}
                   if any(s.lab == lab for s in timelines[p].stints)}
        flows[lab] = flows_of(old, lab, touching, members)
    return dataclasses.replace(old, events=events, timelines=timelines, flows=flows, events_by_date=by_date,
                               cited_by=cited, lab_events=lab_events,
                               flows_by_year=_counts(old.flows_by_year, before, records.values()))


def _counts(years: dict[int, Counter[tuple[str, str, str]]], before: Iterable[Event], after: Iterable[Event]
            ) -> dict[int, Counter[tuple[str, str, str]]]:
    """The flow charts' counts with the `before` events' moves taken out and the `after` ones' put in (the
    same dictionary when the edit changes no move: a note, a role, a source)."""
    taken = [key for e in before if (key := flow_key(e)) is not None]
    put = [key for e in after if (key := flow_key(e)) is not None]
    if sorted(taken) == sorted(put):
        return years
    out = dict(years)
    for keys, sign in ((taken, -1), (put, 1)):
        for year, flow, n in keys:
            counter = out[year] = Counter(out.get(year, ()))
            counter[flow] += sign * n
            if counter[flow] == 0:
                del counter[flow]
            if not counter:
                del out[year]
    return out
