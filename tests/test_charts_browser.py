"""The charts in Debian's Chromium: drawn, with a size, on a desktop and a phone, light and dark, and never
widening the page. Screenshots are taken (the chart must render) and thrown away: none is kept."""

from __future__ import annotations

from typing import Any

import pytest
from deadlines import HANG_GUARD_MS

pytestmark = pytest.mark.browser
PAGES = {"/": 2, "/flows/": 7, "/labs/openai/": 1, "/people/barret-zoph/": 1}  # path -> charts on it


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_charts_are_drawn_with_a_size_and_do_not_widen_the_page(page: Any, good_server: str, width: int,
                                                                 scheme: str) -> None:
    page.set_default_timeout(HANG_GUARD_MS)
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    for path, count in PAGES.items():
        page.goto(good_server + path)
        charts = page.locator("figure.chart svg")
        assert charts.count() == count, path
        for i in range(count):
            svg = charts.nth(i)
            svg.scroll_into_view_if_needed()
            assert svg.is_visible(), f"{path}: chart {i}"
            box = svg.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 20, f"{path}: chart {i}: {box}"
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{path}: chart {i}: {box}"
            assert len(svg.screenshot()) > 1000, f"{path}: chart {i} draws nothing"
        widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert widths[0] <= widths[1], f"{path} is {widths[0]} px wide in a {widths[1]} px viewport"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_colours_follow_the_theme(page: Any, good_server: str, scheme: str) -> None:
    """Bands take the theme's palette, labels its text colour: dark text on dark would vanish."""
    page.set_default_timeout(HANG_GUARD_MS)
    page.emulate_media(color_scheme=scheme)
    page.goto(good_server + "/")
    fill = page.evaluate("() => getComputedStyle(document.querySelector('.chart .node.c3')).fill")
    label = page.evaluate("() => getComputedStyle(document.querySelector('.chart text.label')).fill")
    body = page.evaluate("() => getComputedStyle(document.body).color")
    assert fill == ("rgb(138, 92, 214)" if scheme == "light" else "rgb(183, 154, 240)")
    assert label == body


def test_the_numbers_open_as_a_table_under_the_chart(page: Any, good_server: str) -> None:
    page.set_default_timeout(HANG_GUARD_MS)
    page.goto(good_server + "/labs/openai/")
    table = page.locator("figure.chart details table")
    assert not table.is_visible()
    page.locator("figure.chart details summary").click()
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 6
