"""Chart geometry (revdoor/site/charts.py): bands conserve counts, nothing overlaps, everything stays in the viewBox."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter

import pytest

from revdoor.content.config import validate_config
from revdoor.site import careerchart, charts
from revdoor.site.chartdata import grouped, with_quiet_years

EPS = 0.051  # coordinates are rounded to 0.1

FLOWS = [charts.Flow("a", "b", 5), charts.Flow("a", "c", 2), charts.Flow("b", "a", 3), charts.Flow("c", "b", 1),
         charts.Flow("d", "a", 1), charts.Flow("a", "b", 2, "rumoured")]
LABELS = {"a": "Alpha", "b": "Beta", "c": "Gamma", "d": "Delta"}


@pytest.fixture
def layout() -> charts.Sankey:
    return charts.sankey(FLOWS, LABELS)


def test_each_node_is_as_tall_as_the_bands_leaving_or_reaching_it(layout: charts.Sankey) -> None:
    for node in layout.nodes:
        mine = [b for b in layout.bands if (b.source if node.side == "source" else b.target) == node.key]
        assert node.count == sum(b.count for b in mine)
        assert abs(node.height - sum(b.thickness for b in mine)) < EPS * len(mine)


def test_band_thickness_is_proportional_to_its_count(layout: charts.Sankey) -> None:
    per_person = {round(b.thickness / b.count, 1) for b in layout.bands}
    assert len(per_person) == 1
    assert layout.total == 14


def test_bands_stack_inside_their_nodes_without_overlapping(layout: charts.Sankey) -> None:
    nodes = {(n.side, n.key): n for n in layout.nodes}
    for side, end in (("source", "y0"), ("target", "y1")):
        for key in {n.key for n in layout.nodes if n.side == side}:
            node = nodes[(side, key)]
            spans = sorted((getattr(b, end), getattr(b, end) + b.thickness) for b in layout.bands
                           if (b.source if side == "source" else b.target) == key)
            assert spans[0][0] == pytest.approx(node.y, abs=EPS)
            assert spans[-1][1] == pytest.approx(node.y + node.height, abs=3 * EPS)
            for (_, bottom), (top, _) in itertools.pairwise(spans):
                assert top == pytest.approx(bottom, abs=EPS)


def test_nodes_of_a_column_do_not_overlap_and_stay_in_the_viewbox(layout: charts.Sankey) -> None:
    for side in ("source", "target"):
        column = sorted((n for n in layout.nodes if n.side == side), key=lambda n: n.y)
        for upper, lower in itertools.pairwise(column):
            assert upper.y + upper.height + charts.NODE_GAP <= lower.y + EPS
        for n in column:
            assert n.x >= 0 and n.x + n.width <= layout.width
            assert n.y >= 0 and n.y + n.height <= layout.height + EPS


def test_nodes_are_ordered_by_count_with_other_last() -> None:
    flows = [charts.Flow("a", "b", 1), charts.Flow(charts.OTHER, "b", 9), charts.Flow("c", "b", 4)]
    layout = charts.sankey(flows, {"a": "A", "b": "B", "c": "C", charts.OTHER: "Other labs"})
    assert [n.key for n in layout.nodes if n.side == "source"] == ["c", "a", charts.OTHER]
    assert [n.colour for n in layout.nodes if n.key == charts.OTHER] == ["c-other"]


def test_node_labels_stand_outside_the_columns_and_inside_the_chart(layout: charts.Sankey) -> None:
    """Beside their nodes, away from the bands (which run between the columns), never past the drawing."""
    x0 = min(b.x0 for b in layout.bands)
    x1 = max(b.x1 for b in layout.bands)
    for n in layout.nodes:
        width = charts.text_width(charts.node_label(n.label, n.count))
        if n.side == "source":
            assert n.anchor == "end" and n.label_x < n.x and n.label_x - width >= 0
            assert n.x + n.width <= x0 + EPS
        else:
            assert n.anchor == "start" and n.label_x > n.x + n.width and n.label_x + width <= layout.width
            assert n.x >= x1 - EPS


def test_labels_of_a_column_are_a_line_apart_at_least() -> None:
    flows = [charts.Flow(f"s{i}", f"t{i % 3}", 1) for i in range(12)]  # many thin nodes
    layout = charts.sankey(flows, {})
    for side in ("source", "target"):
        ys = sorted(n.label_y for n in layout.nodes if n.side == side)
        assert all(b - a >= charts.LINE_PX for a, b in itertools.pairwise(ys))


def test_the_narrow_layout_lists_every_flow_largest_first_on_one_scale(layout: charts.Sankey) -> None:
    rows = layout.rows
    assert sorted((r.source_label, r.target_label, r.count, r.kind) for r in rows) == sorted(
        (b.source_label, b.target_label, b.count, b.kind) for b in layout.bands)
    assert [r.count for r in rows] == sorted((r.count for r in rows), reverse=True)
    assert rows[0].bar_width == charts.MAX_BAR
    assert {round(r.bar_width / r.count, 1) for r in rows} == {round(charts.MAX_BAR / rows[0].count, 1)}
    for upper, lower in itertools.pairwise(rows):  # each row's words and bar below the one before
        assert upper.bar_y + charts.BAR_PX < lower.line_ys[0] - charts.LINE_PX + 4
    assert rows[-1].bar_y + charts.BAR_PX <= layout.rows_height


def test_charts_side_by_side_can_share_one_scale() -> None:
    """Per-year charts: one person in a quiet year is drawn a tenth of ten people in a busy one."""
    alone = charts.sankey([charts.Flow("a", "b", 1)], LABELS)
    shared = charts.sankey([charts.Flow("a", "b", 1)], LABELS, peak=10)
    assert alone.rows[0].bar_width == charts.MAX_BAR
    assert shared.rows[0].bar_width == pytest.approx(charts.MAX_BAR / 10, abs=EPS)


def test_long_flow_labels_wrap_to_fit_the_narrowest_column() -> None:
    labels = {"a": "Thinking Machines Lab", "b": "Safe Superintelligence Inc."}
    row, = charts.sankey([charts.Flow("a", "b", 1)], labels).rows
    assert len(row.lines) == 2 and " ".join(row.lines) == "Thinking Machines Lab → Safe Superintelligence Inc."
    assert all(charts.text_width(line) <= charts.NARROW_PX for line in row.lines)
    assert row.line_ys[1] - row.line_ys[0] == charts.LINE_PX


def test_labels_too_long_for_the_wide_drawing_leave_only_the_rows() -> None:
    assert charts.sankey(FLOWS, LABELS).wide
    long = {k: f"{v} Laboratory of Very Long Names" for k, v in LABELS.items()}
    layout = charts.sankey(FLOWS, long)
    assert not layout.wide and len(layout.rows) == len(FLOWS)


def test_no_flow_gives_an_empty_chart() -> None:
    assert charts.sankey([], {}) == charts.Sankey(charts.SANKEY_WIDTH, 0.0, (), (), 0)


def test_a_labs_colour_is_a_stable_class_from_a_fixed_palette() -> None:
    assert charts.colour_of("openai") == charts.colour_of("openai")
    assert {charts.colour_of(f"lab-{i}") for i in range(200)} == {f"c{i}" for i in range(charts.PALETTE_SIZE)}
    # Pinned: a lab's colour must not change between releases without meaning to.
    assert [charts.colour_of(s) for s in ("openai", "meta", "thinking-machines-lab")] == ["c3", "c10", "c9"]


def test_small_labs_are_grouped_as_other_and_their_people_still_counted() -> None:
    counts = Counter({("a", "b", "believed"): 5, ("c", "b", "believed"): 1, ("d", "e", "believed"): 1,
                      ("a", "d", "rumoured"): 2})
    flows = grouped(counts, 2)
    assert flows == [charts.Flow(charts.OTHER, charts.OTHER, 1), charts.Flow(charts.OTHER, "b", 1),
                     charts.Flow("a", charts.OTHER, 2, "rumoured"), charts.Flow("a", "b", 5)]
    assert sum(f.count for f in flows) == sum(counts.values())


def test_year_bars_share_one_scale_around_the_axis() -> None:
    layout = charts.bars([("2024", 4, 0), ("2025", 1, 2), ("2026", 0, 0)])
    first, second, third = layout.bars
    assert first.up_height == charts.BARS_HALF and first.up_y + first.up_height == layout.axis_y
    assert second.up_height == charts.BARS_HALF / 4 and second.down_height == charts.BARS_HALF / 2
    assert second.down_y == layout.axis_y and third.up_height == third.down_height == 0
    assert layout.width == 100  # percent of the column: the chart fills it, its text is not scaled
    for bar in layout.bars:
        assert bar.x >= 0 and bar.x + bar.width <= layout.width
        assert bar.up_count_y >= 0 and bar.down_count_y <= layout.label_y <= layout.height
    assert [b.x for b in layout.bars] == sorted(b.x for b in layout.bars)


def test_many_years_print_one_label_in_n_and_no_counts_they_have_no_room_for() -> None:
    many = charts.bars([(str(y), 1, 1) for y in range(2000, 2030)])
    assert many.label_every > 1 and not many.counts
    # Each printed year has its room on the narrowest column.
    assert charts.NARROW_PX * many.label_every / len(many.bars) >= charts.YEAR_PX
    few = charts.bars([(str(y), 1, 1) for y in range(2020, 2026)])
    assert few.label_every == 1 and few.counts


D = dt.date
PERIODS = [
    careerchart.Period("a", "A", "A", None, (D(2020, 1, 1), D(2020, 12, 31))),  # start unknown, ended in 2020
    careerchart.Period("b", "B", "B", (D(2021, 3, 1), D(2021, 3, 31)), (D(2023, 4, 4), D(2023, 5, 4)),
                       end_before=True),  # started in March 2021, left before 4 May 2023
    careerchart.Period("c", "C, the one with a long title that a phone must wrap", "C",
                       (D(2023, 5, 4), D(2023, 5, 4)), None),  # still there
    careerchart.Period("d", "Rumoured: D", "D", (D(2024, 1, 1), D(2024, 1, 31)), None, "rumour"),
]


def test_a_career_says_what_is_not_known() -> None:
    layout = careerchart.career(PERIODS, D(2024, 6, 30))
    a, b, c, rumour = layout.rows
    # An unknown start reaches back to the chart's edge, drawn as unknown; then the year it ended, faded.
    assert a.x0 == 0 and a.start_style == "unknown" and a.start_width > 0 and a.solid_width == 0
    assert a.end_style == "fuzzy" and a.end_width > 0
    # A month's start is faded; an end known only as "before" a date is drawn as unknown, up to that date.
    assert b.start_style == "fuzzy" and b.start_width > 0 and b.solid_width > 0
    assert b.end_style == "unknown" and b.end_width > 0
    assert c.open_end and c.x1 == careerchart.RIGHT and c.start_width == c.end_width == 0
    assert rumour.kind == "rumour" and rumour.y > c.y
    assert layout.unknown and layout.fuzzy


def test_a_careers_labels_stand_on_lines_of_their_own_inside_the_chart() -> None:
    layout = careerchart.career(PERIODS, D(2024, 6, 30))
    c = layout.rows[2]
    assert len(c.lines) == 2 and all(charts.text_width(line) <= charts.NARROW_PX for line in c.lines)
    previous_bottom = 0.0
    for row in layout.rows:
        assert 0 <= row.x0 <= row.solid0 <= row.solid1 <= row.x1 <= careerchart.RIGHT < layout.width
        assert previous_bottom <= row.line_ys[0] - charts.FONT_PX  # below the row before
        assert row.line_ys[-1] < row.grid_top < row.y  # its label above its bar, gridlines only by the bar
        previous_bottom = row.y + row.height
    assert previous_bottom < layout.axis_y - charts.FONT_PX < layout.height


def test_a_careers_years_are_labelled_where_their_label_fits() -> None:
    layout = careerchart.career(PERIODS, D(2024, 6, 30))
    assert [t.label for t in layout.ticks] == ["2019", "2020", "2021", "2022", "2023", "2024"]
    assert [t.labelled for t in layout.ticks] == [True] * 5 + [False]  # 2024 would crowd 2023 at the right edge
    wide = careerchart.career([careerchart.Period("a", "A", "A", (D(2010, 1, 1), D(2010, 1, 1)), None)],
                              D(2024, 12, 31))
    assert [(t.label, t.labelled, t.anchor) for t in wide.ticks] == [
        ("2010", True, "start"), ("2015", True, "start"), ("2020", True, "start")]
    last = careerchart.career([careerchart.Period("a", "A", "A", (D(2005, 1, 1), D(2005, 1, 1)), None)],
                              D(2020, 3, 1))  # 2020 near the right edge, 2015 far enough: left of its line
    assert (last.ticks[-1].label, last.ticks[-1].labelled, last.ticks[-1].anchor) == ("2020", True, "end")


def test_years_without_flows_are_said_not_skipped() -> None:
    assert with_quiet_years([2026, 2024, 2021, 2014, 2013]) == [
        ("2026", 2026), ("2025", None), ("2024", 2024), ("2022–2023", None), ("2021", 2021),
        ("2015–2020", None), ("2014", 2014), ("2013", 2013)]
    assert with_quiet_years([]) == []


def test_flow_labs_is_a_setting_between_1_and_50() -> None:
    base = {"title": "T", "base_url": "https://example.org/"}
    config, problems = validate_config(base)
    assert config is not None and config.flow_labs == 8 and problems == []
    config, problems = validate_config({**base, "flow_labs": 3})
    assert config is not None and config.flow_labs == 3
    _, problems = validate_config({**base, "flow_labs": 0}, 'flow_labs = 0\n')
    assert [(p.line, p.field, p.message) for p in problems] == [(1, "flow_labs", "must be between 1 and 50")]
    _, problems = validate_config({**base, "flow_labs": "8"})
    assert [(p.field, p.message) for p in problems] == [("flow_labs", "must be a int")]
