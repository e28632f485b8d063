"""Chart geometry: counts and dates in, plain records of positions and labels out.

Pure arithmetic with no site knowledge: `chartdata` decides what is counted, and the templates
(`templates/_charts.html`) turn these numbers into SVG. Every coordinate is rounded to 0.1 so that two
builds, or a build on one core and on several, write the same bytes.

A chart is never a wide drawing scaled down to a phone (its text would shrink below 12 px). Either it is
drawn at its own size in pixels and shown only where it fits (the Sankey: `SANKEY_WIDTH`, chosen by a
container query in static/style.css), or its horizontal positions are percentages of whatever width it is
given while its text and heights stay in pixels (the flow rows, the year bars, `careerchart`): text then
renders at its CSS size on every screen. Labels stand beside or above their marks, never on them.
"""

from __future__ import annotations

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


FONT_PX = 13.0  # .chart text in static/style.css: one size everywhere, a pixel above the 12 px floor
CHAR_EM = 0.62  # a generous average advance of a sans-serif letter: labels are laid out with room to spare
NARROW_PX = 288.0  # the narrowest column a chart is drawn for: a 320 px phone less the page's margins


def text_width(text: str, size: float = FONT_PX) -> float:
    """An upper estimate of a label's width in pixels (the build has no fonts to measure with)."""
    return len(text) * size * CHAR_EM


def wrap(text: str, px: float = NARROW_PX) -> tuple[str, ...]:
    """`text` in lines of at most `px` (estimated), broken at spaces; a word longer than a line stays whole."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(f"{lines[-1]} {word}") <= px:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines)


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
    anchor: str  # text-anchor of the label: outside the node, away from the bands


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
class FlowRow:
    """The narrow layout of a flow: its words on lines of their own, a bar beneath, the count after the bar."""

    source_label: str
    target_label: str
    lines: tuple[str, ...]
    count: int
    kind: str
    colour: str
    line_ys: tuple[float, ...]  # each line's baseline
    bar_y: float
    bar_width: float  # in % of the chart's width

    @property
    def count_y(self) -> float:
        return _r(self.bar_y + BAR_PX / 2)


@dataclass(frozen=True)
class Sankey:
    width: float
    height: float
    nodes: tuple[SankeyNode, ...]
    bands: tuple[SankeyBand, ...]
    total: int
    rows: tuple[FlowRow, ...] = ()  # the same flows for a narrow column, largest first
    rows_height: float = 0.0
    wide: bool = True  # the two columns leave the bands room (MIN_BANDS) beside their labels: else rows only


SANKEY_WIDTH = 640.0  # drawn 1:1, where the column is at least this wide (static/style.css: @container)
NODE_WIDTH = 12.0
NODE_GAP = 18.0  # labels are one line of 13 px: two nodes' labels never touch
LABEL_GAP = 6.0  # between a node and its label
PAD = 8.0
BODY = 260.0  # the tallest column's bars, when counts are large
MAX_UNIT, MIN_UNIT = 22.0, 3.0  # pixels per person
LINE_PX, BAR_PX, ROW_GAP = 16.0, 12.0, 14.0  # a line of text, a bar, the space between two rows
MAX_BAR = 85.0  # % of the width a bar may take: the count after the longest bar still fits
MIN_BANDS = 160.0  # the least room between the two columns for bands that can be followed by eye


def node_label(label: str, count: int) -> str:
    """What a node says: its lab and its count (the template writes the same)."""
    return f"{label} {count}"


def sankey(flows: Sequence[Flow], labels: Mapping[str, str], width: float = SANKEY_WIDTH,
           peak: int | None = None) -> Sankey:
    """Two columns of nodes (who left, where they went) and one band per flow, thickness ∝ count; labels
    outside the columns, so that no band runs under a label. And the same flows as rows, for narrow columns,
    their bars on the scale of `peak` people (charts shown side by side share one), else of the largest flow.

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
    room = {side: max(text_width(node_label(labels.get(k, k), counts[k])) for k in keys) + LABEL_GAP
            for side, keys, counts in (("source", sources, out_counts), ("target", targets, in_counts))}
    left_x, right_x = PAD + room["source"], width - PAD - room["target"] - NODE_WIDTH

    def place(keys: list[str], counts: dict[str, int], side: str) -> dict[str, SankeyNode]:
        nodes: dict[str, SankeyNode] = {}
        used = sum(counts[k] for k in keys) * unit + (len(keys) - 1) * NODE_GAP
        y = PAD + (height - 2 * PAD - used) / 2  # the shorter column is centred
        x = left_x if side == "source" else right_x
        for k in keys:
            h = counts[k] * unit
            label_x = x - LABEL_GAP if side == "source" else x + NODE_WIDTH + LABEL_GAP
            nodes[k] = SankeyNode(k, labels.get(k, k), counts[k], side, colour_of(k), _r(x), _r(y), NODE_WIDTH,
                                  _r(h), _r(label_x), _r(y + h / 2), "end" if side == "source" else "start")
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
    x0, x1 = left_x + NODE_WIDTH, right_x
    bands = tuple(SankeyBand(f.source, f.target, labels.get(f.source, f.source), labels.get(f.target, f.target),
                             f.count, f.kind, colour_of(f.source), _r(x0), _r(x1), _r((x0 + x1) / 2),
                             _r(y0s[id(f)]), _r(y1s[id(f)]), _r(f.count * unit))
                  for f in by_source)
    rows, rows_height = flow_rows(bands, peak)
    return Sankey(width, _r(height), (*left.values(), *right.values()), bands, total, rows, rows_height,
                  x1 - x0 >= MIN_BANDS)


def flow_rows(bands: Sequence[SankeyBand], peak: int | None = None) -> tuple[tuple[FlowRow, ...], float]:
    """The narrow layout: one row per flow, largest first, each "From → To" above a bar ∝ its count."""
    if not bands:
        return (), 0.0
    peak = max(peak or 0, *(b.count for b in bands))
    y, rows = 0.0, []
    for b in sorted(bands, key=lambda b: (-b.count, b.source_label.casefold(), b.target_label.casefold(), b.kind)):
        lines = wrap(f"{b.source_label} → {b.target_label}")
        ys = tuple(_r(y + LINE_PX * (i + 1) - 3) for i in range(len(lines)))
        bar_y = y + LINE_PX * len(lines) + 2
        rows.append(FlowRow(b.source_label, b.target_label, lines, b.count, b.kind, b.colour, ys, _r(bar_y),
                            _r(max(1.0, MAX_BAR * b.count / peak))))
        y = bar_y + BAR_PX + ROW_GAP
    return tuple(rows), _r(y - ROW_GAP + 2)


# --- Bars: arrivals up, departures down, one pair per year ---------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str  # the year
    up: int
    down: int
    x: float  # in % of the chart's width, like width and label_x
    width: float
    up_y: float
    up_height: float
    down_y: float
    down_height: float
    label_x: float
    # Where the year's label goes: under the bar's middle, but from the chart's left edge for the first year
    # and to its right edge for the last, so that a narrow slot's label never runs past the chart.
    tick_x: float = 0.0
    tick_anchor: str = "middle"

    @property
    def up_count_y(self) -> float:
        return _r(self.up_y - 4)

    @property
    def down_count_y(self) -> float:
        return _r(self.down_y + self.down_height + 14)


@dataclass(frozen=True)
class Bars:
    width: float  # 100: horizontal positions are percentages
    height: float
    axis_y: float
    label_y: float  # the years' baseline
    bars: tuple[Bar, ...]
    label_every: int  # print one year in n when there are many
    counts: bool  # the counts printed by the bars, when each year has room for them


BARS_WIDTH, BARS_HALF = 100.0, 60.0  # each half's tallest bar
COUNT_ROOM = 18.0  # above and below the bars, for their counts
YEAR_PX, COUNT_PX = 40.0, 30.0  # the room a year's label, and a count, need in the narrowest column


def bars(rows: Sequence[tuple[str, int, int]]) -> Bars:
    """Diverging bars: `up` above a middle axis, `down` below, on one scale, one slot per row."""
    if not rows:
        return Bars(BARS_WIDTH, 0.0, 0.0, 0.0, (), 1, True)
    peak = max(1, *(max(up, down) for _, up, down in rows))
    axis = COUNT_ROOM + BARS_HALF
    slot = BARS_WIDTH / len(rows)
    bar_w = slot * 0.6
    out = []
    for i, (label, up, down) in enumerate(rows):
        x = i * slot + (slot - bar_w) / 2
        hu, hd = BARS_HALF * up / peak, BARS_HALF * down / peak
        tick_x, anchor = (0.0, "start") if i == 0 else (BARS_WIDTH, "end") if i == len(rows) - 1 and i else (
            x + bar_w / 2, "middle")
        out.append(Bar(label, up, down, _r(x), _r(bar_w), _r(axis - hu), _r(hu), _r(axis), _r(hd),
                       _r(x + bar_w / 2), _r(tick_x), anchor))
    label_y = axis + BARS_HALF + COUNT_ROOM + 16
    every = max(1, math.ceil(len(rows) * YEAR_PX / NARROW_PX))
    return Bars(BARS_WIDTH, _r(label_y + 6), _r(axis), _r(label_y), tuple(out), every,
                len(rows) * COUNT_PX <= NARROW_PX)
