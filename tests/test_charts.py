"""Chart geometry (revdoor/site/charts.py): bands conserve counts, nothing overlaps, everything stays in the viewBox."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter

import pytest

from revdoor.content.config import validate_config
from revdoor.site import charts
from revdoor.site.chartdata import grouped

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
    for bar in layout.bars:
        assert bar.x >= 0 and bar.x + bar.width <= layout.width
        assert bar.up_count_y >= 0 and bar.down_count_y <= layout.label_y <= layout.height
    assert [b.x for b in layout.bars] == sorted(b.x for b in layout.bars)


def test_many_years_print_one_label_in_n() -> None:
    assert charts.bars([(str(y), 1, 1) for y in range(2000, 2030)]).label_every > 1
    assert charts.bars([(str(y), 1, 1) for y in range(2020, 2026)]).label_every == 1


def test_a_career_runs_to_the_given_date_and_fades_over_uncertain_ends() -> None:
    d = dt.date
    periods = [
        charts.Period("a", "A", "A", None, (d(2020, 1, 1), d(2020, 12, 31))),  # start unknown, ended in 2020
        charts.Period("b", "B", "B", (d(2021, 3, 1), d(2021, 3, 31)), (d(2023, 5, 4), d(2023, 5, 4))),
        charts.Period("c", "C", "C", (d(2023, 5, 4), d(2023, 5, 4)), None),  # still there
        charts.Period("d", "Rumoured: D", "D", (d(2024, 1, 1), d(2024, 1, 31)), None, "rumour"),
    ]
    layout = charts.career(periods, d(2024, 6, 30))
    a, b, c, rumour = layout.rows
    assert a.solid_width == 0 and a.fuzzy0_width > 0 and a.fuzzy1_width > 0  # all of it uncertain
    assert b.fuzzy0_width > 0 and b.solid_width > 0 and b.fuzzy1_width == 0  # a month, then a day
    assert c.open_end and c.x1 == layout.width - charts.CAREER_SIDE  # runs to the newest event
    assert c.fuzzy0_width == c.fuzzy1_width == 0
    assert rumour.kind == "rumour" and rumour.y > c.y
    for row in layout.rows:
        assert charts.CAREER_SIDE - EPS <= row.x0 <= row.solid0 <= row.solid1 <= row.x1 <= layout.width
        assert row.y + row.height <= layout.bottom <= layout.height
    assert [t.label for t in layout.ticks] == ["2019", "2020", "2021", "2022", "2023", "2024"]
    assert [row.y for row in layout.rows] == sorted({row.y for row in layout.rows})


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
