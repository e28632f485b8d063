"""Flow diagrams and charts on the fixture site: counted from the model as counted by hand from its events,
and drawn in the built pages as SVG that parses and carries the same labels and counts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from sitecheck import Site, built, find, find_all, parse, strict_errors, text

from revdoor.common.dates import FuzzyDate
from revdoor.content.statuses import WITH_RUMOURS
from revdoor.output.builder import BuildResult
from revdoor.site import chartdata

SVG = "{http://www.w3.org/2000/svg}"

# Counted by hand from tests/fixtures/good-site/content/events/ (confirmed and reported; a role change and
# a departure move nobody between two labs; the founding of SSI came from OpenAI).
ALL_TIME = {("google", "apple"): 3, ("openai", "thinking-machines-lab"): 2,
            ("thinking-machines-lab", "openai"): 2, ("openai", "safe-superintelligence"): 1,
            ("google-deepmind", "openai"): 1, ("meta", "thinking-machines-lab"): 1, ("microsoft", "openai"): 1,
            ("princeton-university", "microsoft"): 1}
PER_YEAR = {2014: {("princeton-university", "microsoft"): 1}, 2021: {("google-deepmind", "openai"): 1},
            2024: {("google", "apple"): 3, ("openai", "safe-superintelligence"): 1, ("microsoft", "openai"): 1},
            2025: {("openai", "thinking-machines-lab"): 2, ("meta", "thinking-machines-lab"): 1},
            2026: {("thinking-machines-lab", "openai"): 2}}
# Newest event: Kaiser's rumour, 16 January 2026; the twelve months before start on 16 January 2025.
LAST_TWELVE_MONTHS = {("openai", "thinking-machines-lab"): 2, ("thinking-machines-lab", "openai"): 2,
                      ("meta", "thinking-machines-lab"): 1}
# Rumoured, not denied: two TML employees to OpenAI, Kaiser to Meta (Bubeck's denied move is left out).
RUMOURED = {("thinking-machines-lab", "openai"): 2, ("openai", "meta"): 1}


@pytest.fixture
def good(request: pytest.FixtureRequest) -> Site:
    return built(request, "good-site")


def believed(counts: dict[tuple[str, str, str], int]) -> dict[tuple[str, str], int]:
    assert {kind for _, _, kind in counts} <= {"believed"}
    return {(a, b): n for (a, b, _), n in counts.items()}


def test_flows_from_the_model_match_the_hand_count(good_site: BuildResult) -> None:
    model = good_site.model
    assert model is not None
    events = list(model.events.values())
    assert believed(chartdata.flow_counts(events)) == ALL_TIME
    for year, expected in PER_YEAR.items():
        assert believed(chartdata.flow_counts(events, year=year)) == expected, year
    assert chartdata.flow_years(model) == [2026, 2025, 2024, 2021, 2014]
    assert chartdata.newest_date(model) == FuzzyDate(2026, 1, 16)
    since = chartdata.year_before(FuzzyDate(2026, 1, 16))
    assert believed(chartdata.flow_counts(events, since=since)) == LAST_TWELVE_MONTHS
    with_rumours = chartdata.flow_counts(events, WITH_RUMOURS)
    assert {(a, b): n for (a, b, kind), n in with_rumours.items() if kind == "rumoured"} == RUMOURED
    assert {(a, b): n for (a, b, kind), n in with_rumours.items() if kind == "believed"} == ALL_TIME


def test_the_pages_one_pass_counts_equal_the_plain_counts(good_site: BuildResult) -> None:
    """Home and /flows/ read the per-year index and the newest events only: the same numbers as a full scan."""
    model = good_site.model
    assert model is not None
    events = list(model.events.values())
    assert believed(chartdata.model_counts(model)) == ALL_TIME
    for year, expected in PER_YEAR.items():
        assert believed(chartdata.model_counts(model, year=year)) == expected, year
    rumours = WITH_RUMOURS
    assert chartdata.model_counts(model, rumours) == chartdata.flow_counts(events, rumours)
    for since in (FuzzyDate(2025, 1, 16), FuzzyDate(2024), FuzzyDate(2024, 12), FuzzyDate(2026, 1, 17)):
        assert chartdata.recent_counts(model, since) == chartdata.flow_counts(events, since=since), since


def test_a_labs_years_match_its_arrivals_and_departures(good_site: BuildResult) -> None:
    assert good_site.model is not None
    chart = chartdata.lab_years(good_site.model, "openai")
    assert chart is not None
    # Kaiser 2021, Bubeck 2024, Zoph and Metz back 2026; Sutskever and Murati left 2024, Zoph and Metz 2025.
    assert [(r.year, r.arrived, r.departed) for r in chart.rows] == [
        (2021, 1, 0), (2022, 0, 0), (2023, 0, 0), (2024, 1, 2), (2025, 0, 2), (2026, 2, 0)]
    assert chartdata.lab_years(good_site.model, "safe-superintelligence") is not None


def svgs(path: object, layout: str = "wide") -> list[ET.Element]:
    """Each outermost <svg> of a page's main content (an <svg> may hold others; the header's search icon is
    not a chart), cut out of the file and parsed on its own as XML; of a chart drawn twice (wide and
    narrow, for the column it is shown in), the `layout` one."""
    raw = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    raw = raw[raw.index('<main id="main"'):]
    found, depth, start = [], 0, 0
    for tag in re.finditer(r"<svg\b|</svg>", raw):
        if tag.group() == "</svg>":
            depth -= 1
            if depth == 0:
                found.append(raw[start:tag.end()])
        else:
            depth += 1
            start = tag.start() if depth == 1 else start
    other = "narrow" if layout == "wide" else "wide"
    return [ET.fromstring(s.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)) for s in found
            if not s.startswith(f'<svg class="{other}"')]


def titles(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}title")]


def labels(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def widths_per_person(narrow: list[ET.Element]) -> set[float]:
    """The bar width per person (in % of the column) of every row of these narrow layouts."""
    found = set()
    for svg in narrow:
        for g in (g for g in svg.iter(f"{SVG}g") if g.get("class") == "flow"):
            bar = g.find(f"{SVG}rect")
            assert bar is not None
            found.add(round(float((bar.get("width") or "").rstrip("%")) / int(labels(g)[-1]), 0))
    return found


def test_home_shows_two_flow_diagrams_labelled_with_their_counts(good: Site) -> None:
    recent, all_time = svgs(good.page("/"))
    assert titles(recent)[0] == "Moves between labs in the twelve months up to the newest move"
    assert sorted(t for t in titles(recent) if "→" in t) == [
        "Meta → Thinking Machines Lab: 1 person", "OpenAI → Thinking Machines Lab: 2 people",
        "Thinking Machines Lab → OpenAI: 2 people"]
    assert "Thinking Machines Lab 3" in labels(recent) and "Meta 1" in labels(recent)
    bands = [t for t in titles(all_time) if "→" in t]
    assert len(bands) == 8 and "Google → Apple: 3 people" in bands
    # Nine labs, eight shown: the ninth (one person, last by name) is "Other labs".
    assert "OpenAI → Other labs: 1 person" in bands and "Other labs 1" in labels(all_time)
    assert "Safe Superintelligence" not in " ".join(labels(all_time))
    assert sum(int(t.rsplit(": ", 1)[1].split()[0]) for t in bands) == sum(ALL_TIME.values())
    # The narrow layout shows the same flows, a row each, largest first, with their words as text.
    for wide, narrow in zip((recent, all_time), svgs(good.page("/"), "narrow"), strict=True):
        rows = [g for g in narrow.iter(f"{SVG}g") if g.get("class") == "flow"]
        assert titles(narrow)[0] == titles(wide)[0]  # its own title and description, for when it is shown
        assert sorted(t for t in titles(narrow) if "→" in t) == sorted(t for t in titles(wide) if "→" in t)
        counts = [int(labels(g)[-1]) for g in rows]
        assert counts == sorted(counts, reverse=True)
        assert [" ".join(labels(g)[:-1]) for g in rows] == [titles(g)[0].rsplit(": ", 1)[0] for g in rows]
    assert len(widths_per_person(svgs(good.page("/"), "narrow"))) == 1  # side by side, on one scale


def test_every_chart_has_a_title_a_description_and_a_table_of_its_numbers(good: Site) -> None:
    for url in ("/", "/flows/", "/labs/openai/", "/people/barret-zoph/", "/people/sebastien-bubeck/"):
        root = parse(good.page(url))
        figures = [f for f in root.iter("figure") if "chart" in (f.get("class") or "").split()]
        assert figures, url
        for figure in figures:
            assert figure.get("data-pagefind-ignore") is not None, url  # no chart text in search excerpts
            svg = figure.find(f"{SVG}svg")
            assert svg is not None and svg.get("role") == "img", url
            title_id, desc_id = (svg.get("aria-labelledby") or "").split()
            assert [el.get("id") for el in svg if el.tag in (f"{SVG}title", f"{SVG}desc")] == [title_id, desc_id]
            table = find(figure, "table")
            assert table is not None and find(figure, "details") is not None, url
            assert len(find_all(table, "tr")) >= 2, url
        assert strict_errors(good.page(url)) is None, url


def test_the_numbers_table_holds_the_same_counts_as_the_bands(good: Site) -> None:
    root = parse(good.page("/flows/"))
    figure = next(f for f in root.iter("figure") if f.get("id") == "flows-all")
    rows = [[text(td) for td in tr.findall("td")] for tr in find_all(find(figure, "tbody"), "tr")]
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    bands = sorted(t for t in titles(svg) if "→" in t)
    assert sorted(f"{a} → {b}: {n} {'person' if n == '1' else 'people'}" for a, b, n in rows) == bands


def test_flows_page_has_per_year_diagrams_and_one_with_rumours(good: Site) -> None:
    root = parse(good.page("/flows/"))
    ids = [f.get("id") for f in root.iter("figure")]
    assert ids == ["flows-all", "flows-2026", "flows-2025", "flows-2024", "flows-2021", "flows-2014", "flows-rumours"]
    rumours = svgs(good.page("/flows/"))[-1]
    dashed = [p for p in rumours.iter(f"{SVG}path") if "band-rumoured" in (p.get("class") or "")]
    assert sorted(titles(p)[0] for p in dashed) == ["OpenAI → Meta: 1 person (rumoured)",
                                                    "Thinking Machines Lab → OpenAI: 2 people (rumoured)"]
    assert "Sébastien" not in " ".join(titles(rumours))
    # The years' narrow layouts share one scale: a bar's width per person is the same in every year.
    assert len(widths_per_person(svgs(good.page("/flows/"), "narrow")[1:-1])) == 1


def test_flows_page_is_in_the_navigation_and_the_sitemap(good: Site) -> None:
    home = parse(good.page("/"))
    nav = find(home, "nav")
    assert nav is not None and "/flows/" in [a.get("href") for a in nav.iter("a")]
    flows = parse(good.page("/flows/"))
    current = [a.get("href") for a in find(flows, "nav").iter("a") if a.get("aria-current") == "page"]  # type: ignore[union-attr]
    assert current == ["/flows/"]
    assert "<loc>https://example.org/flows/</loc>" in good.page("/sitemap.xml").read_text(encoding="utf-8")


def test_lab_page_draws_arrivals_and_departures_per_year(good: Site) -> None:
    (svg,) = svgs(good.page("/labs/openai/"))
    assert [t for t in titles(svg)[1:]] == ["2021: 1 arrived, 0 left", "2022: 0 arrived, 0 left",
                                           "2023: 0 arrived, 0 left", "2024: 1 arrived, 2 left",
                                           "2025: 0 arrived, 2 left", "2026: 2 arrived, 0 left"]
    assert "+2" in labels(svg) and "−2" in labels(svg)


def test_person_page_draws_stints_with_uncertain_ends_and_rumours_apart(good: Site) -> None:
    (svg,) = svgs(good.page("/people/barret-zoph/"))
    rows = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "stint"]
    assert [titles(g)[0] for g in rows] == ["OpenAI: start unknown to before 2025-02-18",
                                           "Thinking Machines Lab: before 2025-02-18 to 2026-01-14",
                                           "OpenAI: 2026-01-14 to now"]
    first, _, last = rows
    # Start unknown: drawn as unknown back to the chart's edge; an end known only as "before": unknown too.
    start, end = [(r.get("class"), r.get("x")) for r in first.iter(f"{SVG}rect")]
    assert start == ("unknown c3", "0.0%") and end[0] == "unknown c3"
    assert [p.get("class") for p in last.iter(f"{SVG}path")] == ["open c3"]  # still there
    (kaiser,) = svgs(good.page("/people/lukasz-kaiser/"))
    rumours = [g for g in kaiser.iter(f"{SVG}g") if g.get("class") == "rumour"]
    assert [titles(g)[0] for g in rumours] == ["Rumoured: to Meta (2026-01-16)"]
    assert [r.get("class") for r in rumours[0].iter(f"{SVG}rect")] == ["marker c10"]
