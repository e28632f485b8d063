"""What the charts show, from the model: which moves count, "Other" labs, per-year counts, careers in dates.

Pure. The geometry is `charts`; the drawing is `templates/_charts.html`. Each chart comes with the same
numbers as table rows, for readers who cannot see it. Flows count believed moves between two labs, as the
labs' own flows do (`timelines.flows_of`): a role change moves nobody between labs, and a rumour never
counts unless a chart says it includes rumours, then as a band of its own kind.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..common.dates import FuzzyDate
from ..common.urls import Urls
from ..content.statuses import BELIEVED, KIND_OF
from ..language import i18n
from ..modelling.model import Event, Model
from ..modelling.timelines import is_flow
from . import careerchart, charts
from .views import Link, Localized, StintView, Views, Words


@dataclass(frozen=True)
class FlowTableRow:
    source: Link  # other_link (no URL) for the grouped small labs
    target: Link
    count: int
    kind: str


@dataclass(frozen=True)
class FlowChart:
    ident: str  # unique on its page: the SVG's title and description ids start with it
    title: str
    desc: str
    sankey: charts.Sankey
    rows: tuple[FlowTableRow, ...]


def newest_date(model: Model, views: Views | None = None) -> FuzzyDate | None:
    """The newest event in the content: where "the last twelve months" and open stints end (never the clock)."""
    newest = views.newest(0, 1) if views else model.events_by_date[:1]
    return model.events[newest[0]].date if newest else None


def year_before(newest: FuzzyDate) -> FuzzyDate:
    return FuzzyDate(newest.year - 1, newest.month or 1, newest.day or 1)


def flow_counts(events: Iterable[Event], statuses: tuple[str, ...] = BELIEVED, since: FuzzyDate | None = None,
                year: int | None = None) -> Counter[tuple[str, str, str]]:
    """People moving (from lab, to lab, kind), counted by headcount, for events in the period."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for e in events:
        if (is_flow(e, statuses) and (since is None or e.date.start >= since.start)
                and (year is None or e.date.year == year)):
            assert e.from_lab and e.to_lab  # as is_flow saw
            counts[(e.from_lab, e.to_lab, KIND_OF[e.status])] += e.headcount
    return counts


Counts = Counter[tuple[str, str, str]]


# Every flow, believed or rumoured, counted per year, is made once with the model (`model.flows_by_year`):
# profiled on L, 18 passes over 50,000 events took 1.3 s of a 2.5 s preview rebuild.


def _sum(years: dict[int, Counts], statuses: tuple[str, ...], year: int | None) -> Counts:
    kinds = {KIND_OF[s] for s in statuses if s in KIND_OF}
    out: Counts = Counter()
    for y in (years if year is None else [year]):
        for key, n in years.get(y, Counter()).items():
            if key[2] in kinds:
                out[key] += n
    return out


def _sum_of(views: Views, statuses: tuple[str, ...], year: int | None) -> Counts:
    return _sum(views.model.flows_by_year, statuses, year)


def model_counts(model: Model, statuses: tuple[str, ...] = BELIEVED, year: int | None = None,
                 views: Views | None = None) -> Counts:
    """flow_counts(model.events.values(), statuses, year=year), from the per-year sums (each sum once per build
    when `views` are given: home and /flows/ both draw the all-time chart)."""
    if views is None:
        return _sum(model.flows_by_year, statuses, year)
    return Counter(views.memo(("flow-sum", statuses, year), _sum_of, views, statuses, year))


def recent_counts(model: Model, since: FuzzyDate | None, views: Views | None = None) -> Counts:
    """Believed flows on or after `since`: only the newest events are read (events_by_date is newest first,
    and its order keeps each date's earliest day non-increasing)."""
    if since is None:
        return model_counts(model, views=views)
    if views is not None:  # once per build; a page that shows it reads it, not the whole order of events
        return Counter(views.memo(("recent", since), _recent_of, views, since))
    return _recent(model, since)


def _recent_of(views: Views, since: FuzzyDate) -> Counts:
    return _recent(views.model, since)


def _recent(model: Model, since: FuzzyDate) -> Counts:
    first = since.start
    recent = []
    for slug in model.events_by_date:
        e = model.events[slug]
        if e.date.start < first:
            break
        recent.append(e)
    return flow_counts(recent, since=since)


def grouped(counts: Counter[tuple[str, str, str]], keep: int) -> list[charts.Flow]:
    """The `keep` labs with the most people in or out stay; the others are one "Other labs" node."""
    volume: Counter[str] = Counter()
    for (a, b, _), n in counts.items():
        volume[a] += n
        volume[b] += n
    kept = {lab for lab, _ in sorted(volume.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]}
    merged: Counter[tuple[str, str, str]] = Counter()
    for (a, b, kind), n in counts.items():
        merged[(a if a in kept else charts.OTHER, b if b in kept else charts.OTHER, kind)] += n
    return [charts.Flow(a, b, n, kind) for (a, b, kind), n in sorted(merged.items())]


def people(views: Views, n: int) -> str:
    """"1 person", "2 people" in the interface's language (the templates' msgid)."""
    return views.ngettext("%(num)s person", "%(num)s people", n)


def other_link(views: Views) -> Link:
    """The node of the grouped small labs, which has no page."""
    return Link(views.gettext("Other labs"), "")


def largest_flow(model: Model, counts: Iterable[Counts]) -> int:
    """The most people in one flow of any of these charts, as they group them: small multiples drawn on one
    scale, so that a year's one person does not look as large as another year's ten."""
    return max((f.count for c in counts for f in grouped(c, model.config.flow_labs)), default=0)


def flow_chart(model: Model, views: Views, ident: str, title: str, counts: Counter[tuple[str, str, str]],
               peak: int | None = None) -> FlowChart:
    """A flow diagram, made once per build for its counts (`views.memo`, keyed by them): a move edited under
    the preview remakes the charts whose counts it changed, not the eighteen of /flows/."""
    key = ("flow-chart", views.lang, ident, title, peak, frozenset(counts.items()))
    return views.memo(key, _flow_chart, views, ident, title, counts, peak)


def _flow_chart(views: Views, ident: str, title: str, counts: Counter[tuple[str, str, str]],
                peak: int | None) -> FlowChart:
    model = views.model
    flows = grouped(counts, model.config.flow_labs)
    other = other_link(views)
    labels = {lab: model.labs[lab].name for f in flows for lab in (f.source, f.target) if lab in model.labs}
    labels[charts.OTHER] = other.name
    sankey = charts.sankey(flows, labels, peak=peak)

    def link(key: str) -> Link:
        return other if key == charts.OTHER else views.lab_link(key)

    rows = tuple(FlowTableRow(link(b.source), link(b.target), b.count, b.kind) for b in sankey.bands)
    rumoured = sum(b.count for b in sankey.bands if b.kind == "rumoured")
    # Whole sentences, one per case, so that a language orders them its own way; the verb-less English
    # agrees with the total in other languages.
    if not sankey.bands:
        desc = views.ngettext("%(num)s person moving between labs.", "%(num)s people moving between labs.",
                              sankey.total)
        return FlowChart(ident, title, desc, sankey, rows)
    big = max(sankey.bands, key=lambda b: b.count)
    values = {"source": big.source_label, "target": big.target_label, "count": people(views, big.count),
              "rumoured": i18n.number(rumoured, views.lang)}
    if rumoured:
        desc = views.ngettext("%(num)s person moving between labs, %(rumoured)s of them only rumoured; the "
                              "largest flow is %(source)s to %(target)s, %(count)s.",
                              "%(num)s people moving between labs, %(rumoured)s of them only rumoured; the "
                              "largest flow is %(source)s to %(target)s, %(count)s.", sankey.total, **values)
    else:
        desc = views.ngettext("%(num)s person moving between labs; the largest flow is %(source)s to "
                              "%(target)s, %(count)s.",
                              "%(num)s people moving between labs; the largest flow is %(source)s to "
                              "%(target)s, %(count)s.", sankey.total, **values)
    return FlowChart(ident, title, desc, sankey, rows)


def flow_years(model: Model, statuses: tuple[str, ...] = BELIEVED, views: Views | None = None) -> list[int]:
    """Years with at least one flow, newest first."""
    kinds = {KIND_OF[s] for s in statuses if s in KIND_OF}
    return sorted((y for y, c in model.flows_by_year.items() if any(k[2] in kinds for k in c)), reverse=True)


def with_quiet_years(years: list[int]) -> list[tuple[str, int | None]]:
    """Newest first, as `flow_years`: each year with flows (its label and itself), and between two of them the
    years without any as one entry ("2025", or "2015–2020", and None): a reader sees they were not skipped."""
    out: list[tuple[str, int | None]] = []
    for i, newer in enumerate(years):
        out.append((str(newer), newer))
        older = years[i + 1] if i + 1 < len(years) else newer - 1
        if newer - older > 1:
            first, last = older + 1, newer - 1
            out.append((str(first) if first == last else f"{first}–{last}", None))
    return out


# --- a lab's arrivals and departures per year --------------------------------------------------------------


@dataclass(frozen=True)
class YearRow:
    year: int
    arrived: int
    departed: int


@dataclass(frozen=True)
class LabYears:
    ident: str
    title: str
    desc: str
    bars: charts.Bars
    rows: tuple[YearRow, ...]


def lab_years(model: Model, slug: str, views: Views | None = None) -> LabYears | None:
    """Arrivals and departures of one lab per year, every year from its first move to its last (gaps as 0).
    Its words are in `views`' language; without views (a caller wanting the numbers), the site's own."""
    views = views or Views(model, Urls(model.config.base_path))
    flows = model.flows[slug]
    arrived: Counter[int] = Counter()
    departed: Counter[int] = Counter()
    for s in flows.arrivals:
        arrived[model.events[s].date.year] += model.events[s].headcount
    for s in flows.departures:
        departed[model.events[s].date.year] += model.events[s].headcount
    years = set(arrived) | set(departed)
    if not years:
        return None
    rows = tuple(YearRow(y, arrived[y], departed[y]) for y in range(min(years), max(years) + 1))
    name = model.labs[slug].name
    desc = views.gettext("%(joined)s and %(left)s, from %(first)s to %(last)s.", **{
        "joined": views.ngettext("%(num)s person joined %(lab)s", "%(num)s people joined %(lab)s", flows.arrived,
                                 lab=name),
        "left": views.ngettext("%(num)s person left it", "%(num)s people left it", flows.departed),
        "first": str(rows[0].year), "last": str(rows[-1].year)})
    title = views.gettext("Arrivals and departures at %(lab)s, per year", lab=name)
    return LabYears("years", title, desc,
                    charts.bars([(str(r.year), r.arrived, r.departed) for r in rows]), rows)


# --- a person's career -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CareerRow:
    lab: Link
    role: Localized | None  # in the interface's language, or the default one (marked with it)
    start: FuzzyDate | None
    end: FuzzyDate | None  # None: still there (a stint), or the rumour's date is `start`
    status: str  # "believed", or the rumour's status


@dataclass(frozen=True)
class CareerChart:
    ident: str
    title: str
    desc: str
    career: careerchart.Career
    rows: tuple[CareerRow, ...]
    until: FuzzyDate


def span(d: FuzzyDate) -> tuple[dt.date, dt.date]:
    """The days a date may mean; "before X" is drawn as the month up to X."""
    if d.before and d.day:
        return d.start.replace(day=1), d.start
    return d.start, d.end


def tip_date(d: FuzzyDate, lang: str) -> str:
    """A date in an SVG title: its ISO form at its own precision, "before" in `lang` ("before 2025-02-18",
    "avant le 2025-02-18"). Not the reader's "18 February 2025": a date written for readers stands in a
    <time> element (tests/test_pages.py), which an SVG title cannot hold; the table beside the chart has them."""
    return i18n.BEFORE[i18n.supported(lang)][d.precision].format(date=d.iso) if d.before else d.iso


@dataclass(frozen=True)
class CareerInputs:
    """What a person's career chart is made of, gathered when the page is decided; the chart itself is laid
    out when the page renders (`career_chart`), from these alone, on every core."""

    name: str
    stints: tuple[StintView, ...]
    rumours: tuple[tuple[Event, Link], ...]  # each rumour (or denied one) with the lab it names
    until: FuzzyDate | None  # the newest move of the site: open stints are drawn up to it


def career_inputs(model: Model, views: Views, person: str) -> CareerInputs:
    timeline = model.timelines[person]
    rumours = []
    for slug in timeline.rumours:
        e = model.events[slug]
        lab = e.to_lab or e.from_lab
        if lab is not None:
            rumours.append((e, views.lab_link(lab)))
    return CareerInputs(model.people[person].name, tuple(views.stints(person)), tuple(rumours),
                        newest_date(model, views))


def career_chart(inputs: CareerInputs, words: Words) -> CareerChart | None:
    until, lang = inputs.until, words.lang
    if until is None or not (inputs.stints or inputs.rumours):
        return None
    periods, rows = [], []
    for view in inputs.stints:
        s, role = view.stint, view.role
        label = f"{view.lab.name}, {role.text}" if role else view.lab.name
        when = words.gettext("%(start)s to %(end)s", **{
            "start": tip_date(s.start, lang) if s.start else words.gettext("start unknown"),
            "end": tip_date(s.end, lang) if s.end else words.gettext("now")})
        tip = words.gettext("%(label)s: %(when)s", label=label, when=when)
        periods.append(careerchart.Period(s.lab, label, tip, span(s.start) if s.start else None,
                                          span(s.end) if s.end else None, start_before=bool(s.start and s.start.before),
                                          end_before=bool(s.end and s.end.before)))
        rows.append(CareerRow(view.lab, role, s.start, s.end, "believed"))
    # A rumour (or denied rumour) as what was said: joining a lab, or leaving one. Literal msgids, for extraction.
    said = {("rumored", True): words.gettext("Rumoured: to %(lab)s"),
            ("rumored", False): words.gettext("Rumoured: leaving %(lab)s"),
            ("denied", True): words.gettext("Denied: to %(lab)s"),
            ("denied", False): words.gettext("Denied: leaving %(lab)s")}
    for e, lab in inputs.rumours:
        label = words.fill(said[(e.status, bool(e.to_lab))], {"lab": lab.name})
        periods.append(careerchart.Period(e.to_lab or e.from_lab or "", label, f"{label} ({tip_date(e.date, lang)})",
                                     span(e.date), None, "rumour"))
        rows.append(CareerRow(lab, None, e.date, None, e.status))
    name = inputs.name
    believed = len(inputs.stints)
    values = {"name": name, "stints": words.ngettext("%(num)s stint", "%(num)s stints", believed),
              "labs": words.ngettext("%(num)s lab", "%(num)s labs", len({v.stint.lab for v in inputs.stints}))}
    if len(rows) > believed:
        values["rumours"] = words.ngettext("%(num)s rumoured move drawn apart", "%(num)s rumoured moves drawn apart",
                                           len(rows) - believed)
        desc = words.gettext("%(name)s: %(stints)s at %(labs)s, and %(rumours)s.", **values)
    else:
        desc = words.gettext("%(name)s: %(stints)s at %(labs)s.", **values)
    return CareerChart("career-chart", words.gettext("Career of %(name)s", name=name), desc,
                       careerchart.career(periods, until.end), tuple(rows), until)
