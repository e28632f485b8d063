"""A person's career as geometry: one row per stint on a time axis, in percentages of the chart's width.

Horizontal positions are percentages (the SVG has no viewBox), heights and text are pixels: the chart takes
the whole content width on a desktop and on a phone, and its text stays at its CSS size on both. Each row's
label stands on lines of its own above its bar, from the chart's left edge, so that no label crosses a bar,
a gridline or the chart's edge; gridlines are drawn only through the bars' strips.

What is not known is drawn as not known: a stint whose start is unknown reaches back to the chart's left
edge as a dashed bar ("start unknown"), and so does an end known only as "before X" (dashed up to X); a date
known only to its month or year is a faded stretch over the days it may mean; a stint still running ends in
an arrow at the newest move of the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .charts import _r, colour_of, wrap

WIDTH = 100.0  # percent
LINE_PX, BAR_PX, ROW_GAP = 16.0, 12.0, 14.0
RIGHT = 97.0  # % where "now" is: the open end's arrow (6 px) still fits on a 288 px column
LAST_TICK = 88.0  # a year's label (about 36 px, right of its gridline) starting further right could run out...
END_ROOM = 30.0  # ...so it stands left of its gridline, if the label before is this far (86 px at 288 px)
MAX_TICKS = 6  # labels at least a sixth of the width apart: 48 px on the narrowest column


@dataclass(frozen=True)
class Period:
    """A stint in dates: each end is a range [lo, hi] when only its month or year is known."""

    key: str  # lab slug, for the colour
    label: str
    title: str
    start: tuple[dt.date, dt.date] | None  # None: start unknown
    end: tuple[dt.date, dt.date] | None  # None: still there
    kind: str = "stint"  # or "rumour": a marker at `start`, on a row of its own
    start_before: bool = False  # the start is known only as "before" a date
    end_before: bool = False  # the end is known only as "before" a date


@dataclass(frozen=True)
class Row:
    label: str
    lines: tuple[str, ...]
    title: str
    kind: str
    colour: str
    line_ys: tuple[float, ...]  # each label line's baseline
    y: float  # the bar's top
    height: float
    x0: float  # in %: from x0 to solid0 uncertain, solid to solid1, uncertain from solid1 to x1
    solid0: float
    solid1: float
    x1: float
    start_style: str  # "unknown" (dashed: start unknown, or only "before") or "fuzzy" (faded: month or year)
    end_style: str
    open_end: bool

    # Widths for the template (subtracting there would print 12.299999999999999).
    @property
    def start_width(self) -> float:
        return _r(self.solid0 - self.x0)

    @property
    def solid_width(self) -> float:
        return _r(self.solid1 - self.solid0)

    @property
    def end_width(self) -> float:
        return _r(self.x1 - self.solid1)

    @property
    def grid_top(self) -> float:
        return _r(self.y - 3)

    @property
    def grid_bottom(self) -> float:
        return _r(self.y + self.height + 3)

    @property
    def middle(self) -> float:
        return _r(self.y + self.height / 2)


@dataclass(frozen=True)
class Tick:
    label: str
    x: float  # %
    labelled: bool  # its year printed: not if it would run out of the chart or into the year before
    anchor: str = "start"  # its label right of the gridline ("start"), or left of it near the right edge

    @property
    def dx(self) -> int:
        return 4 if self.anchor == "start" else -4


def ticks_for(positions: Sequence[tuple[str, float]]) -> tuple[Tick, ...]:
    out: list[Tick] = []
    for label, x in positions:
        if x <= LAST_TICK:
            out.append(Tick(label, _r(x), True))
        else:
            room = all(x - t.x >= END_ROOM for t in out if t.labelled)
            out.append(Tick(label, _r(x), room, "end"))
    return tuple(out)


@dataclass(frozen=True)
class Career:
    width: float
    height: float
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    axis_y: float  # the years' baseline
    unknown: bool  # some stint's start, or end, is known only partly: the legend says how it is drawn
    fuzzy: bool


def career(periods: Sequence[Period], until: dt.date) -> Career:
    """Stints as bars on one time axis from the first known year to `until` (the newest event in the content,
    never the clock); rumours are dashed markers on rows below."""
    if not periods:
        return Career(WIDTH, 0.0, (), (), 0.0, False, False)
    dates = [d for p in periods for pair in (p.start, p.end) if pair for d in pair] + [until]
    # A stint known only by its end was there before it: leave it a year to reach back over.
    dates += [p.end[0] - dt.timedelta(days=365) for p in periods if p.start is None and p.end and p.kind == "stint"]
    first = dt.date(min(dates).year, 1, 1)
    last = max(dates)
    span = max(1, (last - first).days)

    def x(d: dt.date) -> float:
        return RIGHT * (d - first).days / span

    rows, y = [], 0.0
    for p in periods:
        lines = wrap(p.label)
        ys = tuple(_r(y + LINE_PX * (i + 1) - 3) for i in range(len(lines)))
        top = y + LINE_PX * len(lines) + 2
        start_style = end_style = "fuzzy"
        if p.kind == "rumour":
            assert p.start is not None
            x0 = solid0 = x(p.start[0])
            solid1 = x1 = x(p.start[1])
            open_end = False
        else:
            end_lo, end_hi = p.end if p.end else (until, until)
            if p.start:
                x0, solid0 = x(p.start[0]), x(min(p.start[1], end_lo))
                start_style = "unknown" if p.start_before else "fuzzy"
            else:  # start unknown: it reaches back to the edge, all of it uncertain up to the first date known
                x0, solid0, start_style = 0.0, x(end_lo), "unknown"
            solid1, x1 = x(end_lo), x(end_hi)
            end_style = "unknown" if p.end_before else "fuzzy"
            solid0 = min(solid0, solid1)
            open_end = p.end is None
        rows.append(Row(p.label, lines, p.title, p.kind, colour_of(p.key), ys, _r(top), BAR_PX, _r(x0), _r(solid0),
                        _r(solid1), _r(x1), start_style, end_style, open_end))
        y = top + BAR_PX + ROW_GAP
    years = range(first.year, last.year + 1)
    step = next(s for s in (1, 2, 5, 10, 20, 50) if len(years) / s <= MAX_TICKS)
    ticks = ticks_for([(str(yr), x(dt.date(yr, 1, 1))) for yr in years if yr % step == 0 or step == 1])
    return Career(WIDTH, _r(y + 10), tuple(rows), ticks, _r(y + 4), _drawn(rows, "unknown"), _drawn(rows, "fuzzy"))


def _drawn(rows: Sequence[Row], style: str) -> bool:
    """Whether some stint has a stretch drawn in `style`: the legend explains only what is shown."""
    return any((r.start_style == style and r.start_width > 0) or (r.end_style == style and r.end_width > 0)
               for r in rows if r.kind != "rumour")
