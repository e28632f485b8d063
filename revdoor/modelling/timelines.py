"""Careers and flows, derived from the events: who was where, when, and where people go.

Only believed events (confirmed, reported) move people; rumours and denials are listed apart and never
change an affiliation. Warnings point at events that contradict the timeline the other events draw.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..common.dates import FuzzyDate
from ..common.problems import Problem, warning
from ..content.statuses import KIND_OF, WITH_RUMOURS
from .model import Event, LabFlows, Model, Stint, Timeline

DUPLICATE_DAYS = 60
ARRIVING = ("move", "arrival", "founding")


@dataclass
class _Open:
    role: str | None
    start: FuzzyDate | None
    start_event: str | None
    is_return: bool


def derive(model: Model) -> tuple[Model, list[Problem]]:
    """The model with timelines, flows and indexes filled in, plus the warnings found on the way."""
    events = sorted(model.events.values(), key=lambda e: e.sort_key)
    by_person: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for slug in event.people:
            by_person[slug].append(event)
    problems: list[Problem] = []
    timelines = {}
    for slug in model.people:
        timeline, p = person_timeline(slug, by_person.get(slug, []), model)
        timelines[slug] = timeline
        problems += p
    problems += duplicates(events)
    by_lab: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for lab in {x for x in (event.from_lab, event.to_lab) if x is not None}:
            by_lab[lab].append(event)
    flows = lab_flows(model, by_lab, timelines)

    by_date = tuple(e.slug for e in reversed(events))
    cited: dict[str, list[str]] = defaultdict(list)
    for event in events:
        for source in event.sources:
            if source.article:
                cited[source.article].append(event.slug)
    return article_indexes(dataclasses.replace(
        model, timelines=timelines, flows=flows, events_by_date=by_date,
        cited_by={k: tuple(v) for k, v in cited.items()},
        lab_events={k: tuple(e.slug for e in v) for k, v in by_lab.items()},
        flows_by_year=flows_by_year(model.events.values()))), problems


def is_flow(e: Event, statuses: tuple[str, ...]) -> bool:
    """A move between two labs, of one of `statuses`: what the flow charts count (a role change moves
    nobody between labs; a departure to nowhere known has no second lab)."""
    return bool(e.from_lab and e.to_lab and e.type != "role-change" and e.status in statuses)


def flow_key(e: Event) -> tuple[int, tuple[str, str, str], int] | None:
    """What a move adds to the flow charts' counts: (year, (from, to, kind of status), people), or None."""
    if not is_flow(e, WITH_RUMOURS):
        return None
    assert e.from_lab and e.to_lab  # as is_flow saw
    return e.date.year, (e.from_lab, e.to_lab, KIND_OF[e.status]), e.headcount


def flows_by_year(events: Iterable[Event]) -> dict[int, Counter[tuple[str, str, str]]]:
    years: dict[int, Counter[tuple[str, str, str]]] = {}
    for e in events:
        key = flow_key(e)
        if key is not None:
            years.setdefault(key[0], Counter())[key[1]] += key[2]
    return years



def article_indexes(model: Model) -> Model:
    """The model with its articles in order (newest first) and listed by the people and labs they name."""
    articles = sorted(model.articles.values(), key=lambda a: (a.date, a.slug), reverse=True)
    person_articles: dict[str, list[str]] = defaultdict(list)
    lab_articles: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        for slug in article.people:
            person_articles[slug].append(article.slug)
        for slug in article.labs:
            lab_articles[slug].append(article.slug)
    return dataclasses.replace(model, articles_by_date=tuple(a.slug for a in articles),
                               person_articles={k: tuple(v) for k, v in person_articles.items()},
                               lab_articles={k: tuple(v) for k, v in lab_articles.items()})


def person_timeline(slug: str, events: list[Event], model: Model) -> tuple[Timeline, list[Problem]]:
    """Replay one person's believed events in date order into stints."""
    problems: list[Problem] = []
    stints: list[Stint] = []
    open_: dict[str, _Open] = {}
    visited: set[str] = set()
    returns: list[str] = []

    def name(lab: str) -> str:
        return model.labs[lab].name if lab in model.labs else lab

    def close(lab: str, event: Event) -> None:
        stint = open_.pop(lab)
        start = stint.start
        if (event.type != "role-change" and start is not None and start.before and stint.start_event
                and start.sort_key[:3] == event.date.sort_key[:3]):
            # Joined only "before X" and left at X: the stint has no known length, and the timeline draws
            # the previous one (the lab they came from) up to X, longer than any source says.
            joined = next(e for e in events if e.slug == stint.start_event)
            problems.append(warning(
                joined.path, joined.line("date"), "date",
                f"{model.people[slug].name} joins {name(lab)} only {joined.date.phrase}, when they leave it: "
                f"the stint there has no known length, and the timeline keeps them at their previous lab "
                f"until then", "date the move from a source: for a founding team, when the lab was founded"))
        stints.append(Stint(lab, stint.role or event.from_role, stint.start, event.date, stint.start_event,
                            event.slug, stint.is_return))

    def leave(event: Event) -> None:
        lab = event.from_lab
        if lab is None:
            return
        if lab in open_:
            close(lab, event)
            return
        if open_:
            elsewhere = ", ".join(name(x) for x in sorted(open_))
            problems.append(warning(event.path, event.line("from"), "from",
                                    f"{model.people[slug].name} leaves {name(lab)} here, but their timeline "
                                    f"places them at {elsewhere} {event.date.phrase}"))
        # What the event itself tells: they were at `from` until now, since an unknown date.
        stints.append(Stint(lab, event.from_role, None, event.date, None, event.slug))
        visited.add(lab)

    def join(event: Event, lab: str) -> None:
        if lab in open_:
            problems.append(warning(event.path, event.line("to"), "to",
                                    f"{model.people[slug].name} is already at {name(lab)} "
                                                         f"{event.date.phrase}"))
            return
        if open_ and event.type != "role-change":
            others = ", ".join(name(x) for x in sorted(open_))
            problems.append(warning(event.path, event.line("to"), "to",
                                    f"overlapping stints: {model.people[slug].name} joins "
                                                         f"{name(lab)} while still at {others}"))
        is_return = lab in visited
        if is_return:
            returns.append(event.slug)
        open_[lab] = _Open(event.role, event.date, event.slug, is_return)
        visited.add(lab)

    for event in events:
        if not event.changes_affiliation:
            continue
        if event.type == "role-change" and event.to_lab:
            if event.to_lab in open_:
                close(event.to_lab, event)
                open_[event.to_lab] = _Open(event.role, event.date, event.slug, False)
            else:
                join(event, event.to_lab)
            continue
        if event.type in ("move", "departure", "founding"):
            leave(event)
        if event.type in ARRIVING and event.to_lab:
            join(event, event.to_lab)
    for lab, stint in open_.items():
        stints.append(Stint(lab, stint.role, stint.start, None, stint.start_event, None, stint.is_return))
    stints.sort(key=lambda s: ((s.start or s.end or FuzzyDate(1)).sort_key, s.end is None,
                               (s.end.sort_key if s.end else ()), s.lab))
    rumours = tuple(e.slug for e in events if not e.changes_affiliation)
    timeline = Timeline(slug, tuple(stints), tuple(sorted(open_)), tuple(e.slug for e in events), rumours,
                        tuple(returns))
    return timeline, problems


def duplicates(events: list[Event]) -> list[Problem]:
    """Warn about two events with the same people and labs within 60 days: probably one move entered twice."""
    groups: dict[tuple[frozenset[str], str | None, str | None, bool], list[Event]] = defaultdict(list)
    for event in events:
        if event.people:
            groups[_group(event)].append(event)
    problems = []
    for group in groups.values():
        for earlier, later in itertools.pairwise(group):
            if (later.date.start - earlier.date.end).days <= DUPLICATE_DAYS:
                problems.append(warning(later.path, later.line("date"), "date",
                                        f"looks like a duplicate of {earlier.path} (same people and labs "
                                        f"within {DUPLICATE_DAYS} days)"))
    return problems


def warnings_about(model: Model, people: Iterable[str], events: Iterable[Event]) -> list[Problem]:
    """The warnings `derive` finds in these people's timelines and among the events that could be
    duplicates of these: what an edit of these events may change (the preview recounts only them)."""
    problems: list[Problem] = []
    for slug in sorted(people):
        if slug in model.timelines:
            mine = [model.events[s] for s in model.timelines[slug].events]
            problems += person_timeline(slug, mine, model)[1]
    groups = {_group(e) for e in events if e.people}
    for key in sorted(groups, key=repr):
        anyone = min(key[0])
        same = [model.events[s] for s in model.timelines.get(anyone, _NOBODY).events
                if _group(model.events[s]) == key]
        problems += duplicates(same)
    return problems


_NOBODY = Timeline("", (), (), (), (), ())


def _group(event: Event) -> tuple[frozenset[str], str | None, str | None, bool]:
    """What two events share when one may be the other entered twice: the same people between the same labs,
    both moves or both new roles (an arrival, then a new role in the same lab, is two events)."""
    return frozenset(event.people), event.from_lab, event.to_lab, event.type == "role-change"


def lab_flows(model: Model, touching: dict[str, list[Event]], timelines: dict[str, Timeline]
              ) -> dict[str, LabFlows]:
    """Every lab's flows, from the events naming it (in date order) and the people's timelines."""
    members: dict[str, dict[str, Timeline]] = defaultdict(dict)
    for person, timeline in timelines.items():
        for lab in {s.lab for s in timeline.stints}:
            members[lab][person] = timeline
    return {slug: flows_of(model, slug, touching.get(slug, []), members[slug]) for slug in model.labs}


def flows_of(model: Model, slug: str, events: list[Event], members: dict[str, Timeline]) -> LabFlows:
    """One lab's flows, from the events naming it (in date order) and the timelines of everyone who was there.

    Per lab, so that the preview server can redo only the labs an edit touches.
    """
    arrivals: list[str] = []
    departures: list[str] = []
    rumours: list[str] = []
    roles: list[str] = []  # a role change moves nobody, yet concerns the lab (an appointment as CTO)
    arrived = departed = 0
    gains: Counter[str] = Counter()
    losses: Counter[str] = Counter()
    for event in events:
        if not event.changes_affiliation:
            rumours.append(event.slug)
            continue
        n = event.headcount
        if event.to_lab == slug and event.type == "role-change":
            roles.append(event.slug)
        if event.to_lab == slug and event.type in ARRIVING:
            arrivals.append(event.slug)
            arrived += n
        if event.from_lab == slug and event.type in ("move", "departure", "founding"):
            departures.append(event.slug)
            departed += n
        if event.from_lab and event.to_lab and event.type != "role-change":
            if event.to_lab == slug:
                gains[event.from_lab] += n
            if event.from_lab == slug:
                losses[event.to_lab] += n
    current = {p for p, t in members.items() if slug in t.current}
    former = {p for p, t in members.items() if any(s.lab == slug and s.end_event is not None for s in t.stints)}
    children = tuple(sorted(lab.slug for lab in model.labs.values() if lab.parent == slug))

    def by_name(slugs: set[str]) -> tuple[str, ...]:
        return tuple(sorted(slugs, key=lambda s: (model.people[s].name.casefold(), s)))

    def ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    return LabFlows(slug, by_name(current), by_name(former - current), tuple(arrivals), tuple(departures),
                    tuple(rumours), arrived, departed, ranked(gains), ranked(losses), children, tuple(roles))
