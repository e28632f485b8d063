"""Chart geometry: counts and dates in, plain records of positions and labels out.

Pure arithmetic with no site knowledge: `chartdata` decides what is counted, and the templates
(`templates/_charts.html`) turn these numbers into SVG. Every coordinate is rounded to 0.1 so that two
builds, or a build on one core and on several, write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PALETTE_SIZE = 12  # colours .c0-.c11 in static/style.css, light and dark
OTHER = "*other"  # the key of the "Other labs" node


def colour_of(key: str) -> str:
    """A CSS class for `key` (a lab slug), the same on every page and in every build: a stable hash.

    Not the lab's rank: a rank changes with every move, and a person's page would change colour when a
    stranger moves. Two labs may share a colour; every band and bar is labelled, colour only helps.
    """
    if key == OTHER:
        return "c-other"
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=4).digest()
    return f"c{int.from_bytes(digest, 'big') % PALETTE_SIZE}"


def _r(x: float) -> float:
    return round(x, 1)


# --- Sankey: sources on the left, destinations on the right --------------------------------------------------


@dataclass(frozen=True)
class Flow:
    source: str  # keys (lab slugs, or OTHER)
    target: str
    count: int
    kind: str = "believed"  # or "rumoured": drawn apart, counted the same


@dataclass(frozen=True)
class SankeyNode:
    key: str
    label: str
    count: int
    side: str  # "source" or "target"
    colour: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor of the label: inside the chart, towards the middle


@dataclass(frozen=True)
class SankeyBand:
    source: str
    target: str
    source_label: str
    target_label: str
    count: int
    kind: str
    colour: str  # the source's
    x0: float  # the source node's right edge
    x1: float  # the target node's left edge
    cx: float  # the curve's control points' x, halfway
    y0: float  # top at the source
    y1: float  # top at the target
    thickness: float

    @property
    def y0b(self) -> float:
        return _r(self.y0 + self.thickness)

    @property
    def y1b(self) -> float:
        return _r(self.y1 + self.thickness)


@dataclass(frozen=True)
class Sankey:
    width: float
    height: float
    nodes: tuple[SankeyNode, ...]
    bands: tuple[SankeyBand, ...]
    total: int


SANKEY_WIDTH = 400.0  # scaled to the column: text stays legible on a 375 px phone
NODE_WIDTH = 12.0
NODE_GAP = 18.0  # room for a label between two thin nodes
PAD = 8.0
BODY = 260.0  # the tallest column's bars, when counts are large
MAX_UNIT, MIN_UNIT = 22.0, 3.0  # pixels per person


def sankey(flows: Sequence[Flow], labels: Mapping[str, str], width: float = SANKEY_WIDTH) -> Sankey:
    """Two columns of nodes (who left, where they went) and one band per flow, thickness ∝ count.

    Nodes are ordered by count (then label), "Other" last; bands leave a source in the order of their
    targets and reach a target in the order of their sources, so they cross as little as they can.
    """
    flows = [f for f in flows if f.count > 0]
    total = sum(f.count for f in flows)
    if not flows:
        return Sankey(width, 0.0, (), (), 0)
    out_counts: dict[str, int] = {}
    in_counts: dict[str, int] = {}
    for f in flows:
        out_counts[f.source] = out_counts.get(f.source, 0) + f.count
        in_counts[f.target] = in_counts.get(f.target, 0) + f.count

    def order(counts: dict[str, int]) -> list[str]:
        return sorted(counts, key=lambda k: (k == OTHER, -counts[k], labels.get(k, k).casefold(), k))

    sources, targets = order(out_counts), order(in_counts)
    # A whole number of tenths of a pixel per person, so that rounded edges still add up exactly.
    unit = math.floor(max(MIN_UNIT, min(MAX_UNIT, BODY / total)) * 10) / 10
    columns = max(len(sources), len(targets))
    height = 2 * PAD + total * unit + (columns - 1) * NODE_GAP

    def place(keys: list[str], counts: dict[str, int], side: str) -> dict[str, SankeyNode]:
        nodes: dict[str, SankeyNode] = {}
        used = sum(counts[k] for k in keys) * unit + (len(keys) - 1) * NODE_GAP
        y = PAD + (height - 2 * PAD - used) / 2  # the shorter column is centred
        x = PAD if side == "source" else width - PAD - NODE_WIDTH
        for k in keys:
            h = counts[k] * unit
            label_x = x + NODE_WIDTH + 4 if side == "source" else x - 4
            nodes[k] = SankeyNode(k, labels.get(k, k), counts[k], side, colour_of(k), _r(x), _r(y), NODE_WIDTH,
                                  _r(h), _r(label_x), _r(y + h / 2), "start" if side == "source" else "end")
            y += h + NODE_GAP
        return nodes

    left, right = place(sources, out_counts, "source"), place(targets, in_counts, "target")
    rank_s = {k: i for i, k in enumerate(sources)}
    rank_t = {k: i for i, k in enumerate(targets)}
    kinds = {"believed": 0}
    by_source = sorted(flows, key=lambda f: (rank_s[f.source], rank_t[f.target], kinds.get(f.kind, 1), f.kind))
    by_target = sorted(flows, key=lambda f: (rank_t[f.target], rank_s[f.source], kinds.get(f.kind, 1), f.kind))
    top_out = {k: n.y for k, n in left.items()}
    top_in = {k: n.y for k, n in right.items()}
    y0s: dict[int, float] = {}
    for f in by_source:
        y0s[id(f)] = top_out[f.source]
        top_out[f.source] += f.count * unit
    y1s: dict[int, float] = {}
    for f in by_target:
        y1s[id(f)] = top_in[f.target]
        top_in[f.target] += f.count * unit
    x0, x1 = PAD + NODE_WIDTH, width - PAD - NODE_WIDTH
    bands = tuple(SankeyBand(f.source, f.target, labels.get(f.source, f.source), labels.get(f.target, f.target),
                             f.count, f.kind, colour_of(f.source), _r(x0), _r(x1), _r((x0 + x1) / 2),
                             _r(y0s[id(f)]), _r(y1s[id(f)]), _r(f.count * unit))
                  for f in by_source)
    return Sankey(width, _r(height), (*left.values(), *right.values()), bands, total)


# --- Bars: arrivals up, departures down, one pair per year ---------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str  # the year
    up: int
    down: int
    x: float
    width: float
    up_y: float
    up_height: float
    down_y: float
    down_height: float
    label_x: float

    @property
    def up_count_y(self) -> float:
        return _r(self.up_y - 4)

    @property
    def down_count_y(self) -> float:
        return _r(self.down_y + self.down_height + 13)


@dataclass(frozen=True)
class Bars:
    width: float
    height: float
    axis_y: float
    label_y: float  # the years' baseline
    bars: tuple[Bar, ...]
    label_every: int  # print one year in n when there are many


BARS_WIDTH, BARS_HALF = 400.0, 60.0  # each half's tallest bar
COUNT_ROOM = 16.0  # above and below the bars, for their counts


def bars(rows: Sequence[tuple[str, int, int]], width: float = BARS_WIDTH) -> Bars:
    """Diverging bars: `up` above a middle axis, `down` below, on one scale, one slot per row."""
    if not rows:
        return Bars(width, 0.0, 0.0, 0.0, (), 1)
    peak = max(1, *(max(up, down) for _, up, down in rows))
    axis = COUNT_ROOM + BARS_HALF
    slot = (width - 2 * PAD) / len(rows)
    bar_w = min(40.0, slot * 0.7)
    out = []
    for i, (label, up, down) in enumerate(rows):
        x = PAD + i * slot + (slot - bar_w) / 2
        hu, hd = BARS_HALF * up / peak, BARS_HALF * down / peak
        out.append(Bar(label, up, down, _r(x), _r(bar_w), _r(axis - hu), _r(hu), _r(axis), _r(hd),
                       _r(x + bar_w / 2)))
    label_y = axis + BARS_HALF + COUNT_ROOM + 14
    every = max(1, -(-len(rows) * 34 // int(width - 2 * PAD)))  # a year label needs about 34 px
    return Bars(width, _r(label_y + 6), _r(axis), _r(label_y), tuple(out), every)


# --- Career: one row per stint on a time axis ----------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A stint in dates: each end is a range [lo, hi] when only its month or year is known."""

    key: str  # lab slug, for the colour
    label: str
    title: str
    start: tuple[dt.date, dt.date] | None  # None: start unknown
    end: tuple[dt.date, dt.date] | None  # None: still there
    kind: str = "stint"  # or "rumour": a marker at `start`, on a row of its own


@dataclass(frozen=True)
class Row:
    label: str
    title: str
    kind: str
    colour: str
    y: float  # the bar's top
    height: float
    x0: float  # faded from x0 to solid0, solid to solid1, faded to x1
    solid0: float
    solid1: float
    x1: float
    open_end: bool
    label_x: float
    label_y: float
    anchor: str

    # Widths for the template (subtracting there would print 12.299999999999999).
    @property
    def fuzzy0_width(self) -> float:
        return _r(self.solid0 - self.x0)

    @property
    def solid_width(self) -> float:
        return _r(self.solid1 - self.solid0)

    @property
    def fuzzy1_width(self) -> float:
        return _r(self.x1 - self.solid1)

    @property
    def marker_x(self) -> float:
        return _r(self.x0 - 5)

    @property
    def marker_width(self) -> float:
        return _r(self.x1 - self.x0 + 10)

    @property
    def arrow_top(self) -> float:
        return _r(self.y - 3)

    @property
    def arrow_half(self) -> float:
        return _r(self.height / 2 + 3)


@dataclass(frozen=True)
class Tick:
    label: str
    x: float


@dataclass(frozen=True)
class Career:
    width: float
    height: float
    top: float  # the plot's top and bottom, for the ticks' lines
    bottom: float
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]

    @property
    def tick_y(self) -> float:
        return _r(self.bottom + 14)


CAREER_WIDTH = 400.0
CAREER_SIDE = 18.0  # room for the first and last years' labels, and the open end's arrow
ROW_HEIGHT, BAR_HEIGHT = 36.0, 12.0
UNKNOWN_START_PX = 36.0  # how far back a stint of unknown start fades in


def career(periods: Sequence[Period], until: dt.date, width: float = CAREER_WIDTH) -> Career:
    """Stints as bars on one time axis from the first known year to `until` (the newest event in the content,
    never the clock); uncertain ends fade over the days they may mean; rumours are markers on rows below."""
    if not periods:
        return Career(width, 0.0, 0.0, 0.0, (), ())
    dates = [d for p in periods for pair in (p.start, p.end) if pair for d in pair] + [until]
    # A stint known only by its end was there before it: leave it a year to fade in from.
    dates += [p.end[0] - dt.timedelta(days=365) for p in periods if p.start is None and p.end and p.kind == "stint"]
    first = dt.date(min(dates).year, 1, 1)
    last = max(dates)
    span = max(1, (last - first).days)
    left, right = CAREER_SIDE, width - CAREER_SIDE

    def x(d: dt.date) -> float:
        return left + (right - left) * (d - first).days / span

    rows = []
    for i, p in enumerate(periods):
        y = PAD + 16 + i * ROW_HEIGHT
        if p.kind == "rumour":
            assert p.start is not None
            x0 = solid0 = x(p.start[0])
            solid1 = x1 = x(p.start[1])
            open_end = False
        else:
            end_lo, end_hi = p.end if p.end else (until, until)
            if p.start:
                x0, solid0 = x(p.start[0]), x(min(p.start[1], end_lo))
            else:  # known only to have ended: it fades in a little before, all of it uncertain
                x0, solid0 = max(left, x(end_lo) - UNKNOWN_START_PX), x(end_lo)
            solid1, x1 = x(end_lo), x(end_hi)
            solid0 = min(solid0, solid1)
            open_end = p.end is None
        start_side = x0 < (left + right) / 2
        rows.append(Row(p.label, p.title, p.kind, colour_of(p.key), _r(y), BAR_HEIGHT, _r(x0), _r(solid0),
                        _r(solid1), _r(x1), open_end, _r(x0 if start_side else x1), _r(y - 4),
                        "start" if start_side else "end"))
    years = range(first.year, last.year + 1)
    step = next(s for s in (1, 2, 5, 10, 20, 50) if len(years) / s <= 8)
    ticks = tuple(Tick(str(yr), _r(x(dt.date(yr, 1, 1)))) for yr in years if yr % step == 0 or step == 1)
    bottom = PAD + 16 + len(periods) * ROW_HEIGHT - (ROW_HEIGHT - BAR_HEIGHT) + 6
    return Career(width, _r(bottom + 18), PAD, _r(bottom), tuple(rows), ticks)
