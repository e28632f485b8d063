"""Search in Debian's Chromium, against tests/fixtures/search-site built with its Pagefind index and served on
127.0.0.1 under a base path (/tracker/), as on a GitHub project page."""

from __future__ import annotations

import contextlib
import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import build_into, copy_site
from deadlines import HANG_GUARD_MS

from revdoor.modelling.model import Model
from revdoor.output.builder import BuildResult
from revdoor.preview.serve import serve_in_thread

pytestmark = pytest.mark.browser
BASE = "/tracker/"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site served so that its pages live under /tracker/, as its base_url says."""
    work = tmp_path_factory.mktemp("search-browser")
    source = copy_site("search-site", work / "site")
    result = build_into(source, work / "root" / "tracker", with_search=True, jobs=1)
    assert result.search is not None and result.search.ok, result.search_message
    httpd = serve_in_thread(work / "root")
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    shutil.rmtree(work, ignore_errors=True)


def search_page(page: Any, server: str, query: str, extra: str = "") -> None:
    page.goto(f"{server}{BASE}search/?q={query}{extra}")
    page.wait_for_selector("[data-search-results] .search-result", timeout=HANG_GUARD_MS)


def result_paths(page: Any, scope: str = "[data-search-results]") -> list[str]:
    hrefs = page.eval_on_selector_all(f"{scope} .search-title", "els => els.map(e => e.getAttribute('href'))")
    return [h.removeprefix(BASE) for h in hrefs]


@pytest.mark.parametrize(("query", "first"), [
    ("Barret Zoph", "people/barret-zoph/"),
    ("Brett Zoph", "people/barret-zoph/"),  # an alias
    ("DeepMind", "labs/google-deepmind/"),  # an alias; Google's page says "Google DeepMind" too
    ("Google", "labs/google/"),  # Google DeepMind's page says "Google" more often
    ("OpenAI", "labs/openai/"),
    ("Sebastien Bubeck", "people/sebastien-bubeck/"),  # no accent typed
    ("Sébastien Bubeck", "people/sebastien-bubeck/"),
    ("Schoen", "people/sam-schoenholz/"),  # part of a name
    ("cofondateurs", "articles/zoph-metz-retour-openai/"),  # French, from an English page
    ("débauchant", "articles/zoph-metz-retour-openai/"),
    ("debauchant", "articles/zoph-metz-retour-openai/"),
])
def test_search_page_puts_the_expected_page_first(page: Any, server: str, query: str, first: str) -> None:
    search_page(page, server, query)
    assert result_paths(page)[0] == first


def test_result_shows_kind_date_and_highlighted_snippet(page: Any, server: str) -> None:
    search_page(page, server, "débauchant")
    first = page.locator("[data-search-results] .search-result").first
    assert first.locator(".search-kind").inner_text().strip().lower() == "article"
    assert first.locator(".search-date").inner_text() == "15 January 2026"
    assert first.locator(".search-excerpt mark").first.inner_text().rstrip(".,") == "débauchant"
    assert first.locator(".search-title").inner_text() == "Barret Zoph et Luke Metz reviennent chez OpenAI"
    assert first.locator(".search-title").get_attribute("lang") == "fr"  # read in French by screen readers


def test_profile_result_shows_its_kind_and_no_date(page: Any, server: str) -> None:
    search_page(page, server, "Brett Zoph")
    first = page.locator("[data-search-results] .search-result").first
    assert first.locator(".search-kind").inner_text().strip().lower() == "person"
    assert first.locator(".search-date").count() == 0
    assert "Brett" in first.locator(".search-excerpt mark").all_inner_texts()


def result_kinds(page: Any) -> list[str]:
    return page.eval_on_selector_all("[data-search-results] .search-result", "els => els.map(e => e.dataset.kind)")


def filter_count(page: Any, key: str, value: str) -> int:
    label = page.locator(f"fieldset[data-filter='{key}'] label[data-value='{value}']")
    return int(label.locator(".search-count").inner_text())


def check_filter(page: Any, key: str, value: str) -> None:
    before = page.locator("[data-search-status]").inner_text()
    page.locator(f"fieldset[data-filter='{key}'] label[data-value='{value}'] input").check()
    # Done when the status line is neither the old one nor "Searching…" (set while the search runs).
    page.wait_for_function("""before => {
        const text = document.querySelector('[data-search-status]').textContent;
        return text !== before && !text.startsWith('Searching');
    }""", arg=before, timeout=HANG_GUARD_MS)


def test_kind_filter_narrows_results_to_its_count(page: Any, server: str) -> None:
    search_page(page, server, "OpenAI")
    total = len(result_paths(page))
    moves = filter_count(page, "kind", "move")
    assert 0 < moves < total
    check_filter(page, "kind", "move")
    assert result_kinds(page) == ["move"] * moves
    assert page.locator("[data-search-status]").inner_text().startswith(f"{moves} result")
    assert "kind=move" in page.url  # the filtered search can be shared


def test_status_and_lab_filters_combine(page: Any, server: str) -> None:
    search_page(page, server, "Bubeck")
    assert filter_count(page, "status", "rumored") == 1
    check_filter(page, "status", "rumored")
    assert result_paths(page) == ["events/bubeck-to-meta-rumored/"]
    # The lab counts follow the status chosen: only the rumour's labs are left.
    labs = page.eval_on_selector_all("fieldset[data-filter='lab'] label", "els => els.map(e => e.dataset.value)")
    assert sorted(labs) == ["Meta", "OpenAI"]


def test_year_filter_counts_dated_results(page: Any, server: str) -> None:
    search_page(page, server, "Zoph")
    assert filter_count(page, "year", "2026") == 2  # the return to OpenAI and the French article
    check_filter(page, "year", "2026")
    assert sorted(result_paths(page)) == ["articles/zoph-metz-retour-openai/", "events/zoph-metz-return-to-openai/"]


def test_sorting_by_date_orders_dated_results_then_profiles(page: Any, server: str) -> None:
    search_page(page, server, "Zoph", "&sort=desc")
    paths = result_paths(page)
    assert paths[:4] == ["articles/zoph-metz-retour-openai/", "events/zoph-metz-return-to-openai/",
                         "events/zoph-joins-thinking-machines/", "events/zoph-leaves-openai/"]
    assert "people/barret-zoph/" in paths[4:]  # undated pages are kept, after the dated ones
    page.select_option("[data-search-sort]", "asc")
    page.wait_for_function("() => document.querySelector('.search-title').getAttribute('href').includes('zoph-leaves')",
                           timeout=HANG_GUARD_MS)
    assert "sort=asc" in page.url


def open_header_results(page: Any, query: str) -> Any:
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "header-q"
    page.keyboard.type(query)
    panel = page.locator("#header-search-panel")
    # Results for the whole query, not for the first letters typed.
    page.wait_for_function("""query => {
        const status = document.querySelector('#header-search-panel .search-status');
        return status && status.textContent.includes('“' + query + '”');
    }""", arg=query, timeout=HANG_GUARD_MS)
    panel.locator(".search-result").first.wait_for(timeout=HANG_GUARD_MS)
    return panel


def test_slash_on_the_search_page_focuses_the_page_box_and_elsewhere_the_header_box(page: Any,
                                                                                    server: str) -> None:
    page.goto(f"{server}{BASE}search/")
    page.locator("#search-q").wait_for(state="visible", timeout=HANG_GUARD_MS)
    page.locator("body").click(position={"x": 1, "y": 1})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.goto(f"{server}{BASE}people/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "header-q"


def test_header_box_on_a_french_article_page_finds_people(page: Any, server: str) -> None:
    page.goto(f"{server}{BASE}articles/zoph-metz-retour-openai/")
    assert page.evaluate("document.documentElement.lang") == "fr"
    panel = open_header_results(page, "Schoen")
    assert panel.is_visible()
    assert result_paths(page, "#header-search-panel")[0] == "people/sam-schoenholz/"
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert page.evaluate("document.activeElement.id") == "header-q"


def test_header_box_on_an_english_page_finds_the_french_article(page: Any, server: str) -> None:
    page.goto(f"{server}{BASE}people/sebastien-bubeck/")
    open_header_results(page, "cofondateurs")
    assert result_paths(page, "#header-search-panel")[0] == "articles/zoph-metz-retour-openai/"


def test_header_results_are_links_reachable_with_arrow_keys(page: Any, server: str) -> None:
    page.goto(f"{server}{BASE}")
    open_header_results(page, "DeepMind")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"{BASE}labs/google-deepmind/"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/tracker/labs/google-deepmind/$"), timeout=HANG_GUARD_MS)


def test_header_box_links_to_the_full_search_page(page: Any, server: str) -> None:
    page.goto(f"{server}{BASE}labs/openai/")
    panel = open_header_results(page, "Zoph")
    panel.locator(".search-all").click()
    page.wait_for_url(re.compile(r".*/tracker/search/\?q=Zoph$"), timeout=HANG_GUARD_MS)
    page.wait_for_selector("[data-search-results] .search-result", timeout=HANG_GUARD_MS)
    assert result_paths(page)[0] == "people/barret-zoph/"


def test_search_makes_no_request_outside_the_site(page: Any, server: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    search_page(page, server, "Sebastien")
    page.goto(f"{server}{BASE}events/zoph-leaves-openai/")
    open_header_results(page, "Murati")
    assert requested and all(url.startswith(server + BASE) for url in requested), requested


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_panel_uses_the_sites_colours(browser: Any, server: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{server}{BASE}")
        panel = open_header_results(page, "OpenAI")
        colours = page.evaluate("""() => {
            const css = getComputedStyle(document.documentElement);
            const probe = document.createElement('div');
            probe.style.background = css.getPropertyValue('--bg');
            probe.style.color = css.getPropertyValue('--fg');
            document.body.appendChild(probe);
            const want = getComputedStyle(probe);
            const got = getComputedStyle(document.getElementById('header-search-panel'));
            return [got.backgroundColor, want.backgroundColor, got.color, want.color];
        }""")
        assert colours[0] == colours[1] and colours[2] == colours[3]
        assert panel.is_visible()
    finally:
        context.close()


def test_without_javascript_the_search_page_says_so_and_links_to_the_indexes(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}{BASE}search/?q=Zoph")
        assert page.locator("[data-search-page]").is_hidden()
        message = page.locator("noscript p, .search-noscript").first
        assert "Search needs JavaScript" in message.inner_text()
        hrefs = message.evaluate("p => [...p.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        assert f"{BASE}people/" in hrefs and f"{BASE}labs/" in hrefs
    finally:
        context.close()


def test_search_page_reloads_its_query_filters_and_order_from_the_address(page: Any, server: str) -> None:
    search_page(page, server, "OpenAI", "&kind=person&sort=desc")
    assert page.input_value("#search-q") == "OpenAI"
    assert page.input_value("[data-search-sort]") == "desc"
    assert page.locator("fieldset[data-filter='kind'] label[data-value='person'] input").is_checked()
    assert set(result_kinds(page)) == {"person"}


# ---- The same reader's queries against the repository's own content, once it is written. ----

REPO = Path(__file__).resolve().parent.parent


def fold(text: str) -> str:
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().casefold()


@pytest.fixture(scope="module")
def real(request: pytest.FixtureRequest) -> tuple[BuildResult, str]:
    if not (REPO / "content").is_dir():
        pytest.skip("content/ does not exist yet: the real site is searched once its content is written")
    return request.getfixturevalue("real_site"), request.getfixturevalue("real_server")


def profile_named(model: Model, name: str) -> str | None:
    """The URL path of the person or lab with this name or alias, accents aside (None: not in the content)."""
    for kind, items in (("people", model.people), ("labs", model.labs)):
        for slug, item in items.items():
            if fold(name) in {fold(n) for n in (item.name, *item.aliases)}:
                return f"{kind}/{slug}/"
    return None


@pytest.mark.parametrize("query", ["Brett Zoph", "Barret Zoph", "DeepMind", "Google DeepMind", "OpenAI",
                                   "Sebastien Bubeck"])
def test_real_content_puts_the_profile_first(page: Any, real: tuple[BuildResult, str], query: str) -> None:
    site, server = real
    assert site.model is not None
    expected = profile_named(site.model, query)
    if expected is None:
        pytest.skip(f"no person or lab called {query} in content/ yet")
    base = site.model.config.base_path
    page.goto(f"{server}{base}search/?q={query}")
    page.wait_for_selector("[data-search-results] .search-result", timeout=HANG_GUARD_MS)
    titles = page.locator("[data-search-results] .search-title")
    assert titles.first.get_attribute("href") == base + expected


@pytest.mark.parametrize("word", ["cofondateurs", "débauchant"])
def test_real_content_finds_the_french_article_using_the_word(page: Any, real: tuple[BuildResult, str],
                                                               word: str) -> None:
    site, server = real
    assert site.model is not None
    using = {f"articles/{slug}/" for slug, a in site.model.articles.items()
             if a.lang.startswith("fr") and fold(word) in fold(a.body_html + " " + a.title + " " + (a.summary or ""))}
    if not using:
        pytest.skip(f"no French article in content/ uses {word!r} yet")
    base = site.model.config.base_path
    page.goto(f"{server}{base}people/")
    panel = open_header_results(page, word)
    first = panel.locator(".search-title").first.get_attribute("href")
    assert first is not None and first.removeprefix(base) in using


# On a phone (360 x 640 CSS px, a touch screen): issue 18's "search on a phone puts results first".
PHONE = {"viewport": {"width": 360, "height": 640}, "has_touch": True, "is_mobile": True}
PLACEHOLDER_FITS = """input => {
  const style = getComputedStyle(input);
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return ctx.measureText(input.placeholder).width <= room;
}"""


@contextlib.contextmanager
def opened(browser: Any, real: tuple[BuildResult, str], lang: str, **options: Any) -> Iterator[tuple[Any, str]]:
    """A tab in a context of its own (`options`: viewport, touch), and the URL of the real site in `lang`."""
    site, server = real
    assert site.model is not None
    config = site.model.config
    context = browser.new_context(**options)
    try:
        yield context.new_page(), server + config.base_path + ("" if lang == config.language else f"{lang}/")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_on_a_phone_the_first_result_is_in_the_first_screen_and_filters_are_folded(
        browser: Any, real: tuple[BuildResult, str], lang: str) -> None:
    with opened(browser, real, lang, **PHONE) as (page, root):
        page.goto(f"{root}search/")
        page.locator("#search-q").fill("OpenAI")
        first = page.locator("[data-search-results] .search-result").first
        first.wait_for(timeout=HANG_GUARD_MS)
        box = first.locator(".search-title").bounding_box()
        assert box is not None and box["y"] + box["height"] <= 640, box
        assert page.locator("[data-search-fold]").evaluate("d => d.open") is False
        page.locator("[data-search-fold] > summary").click()
        assert page.locator("[data-search-filters] input[type=checkbox]").first.is_visible()
        assert page.locator("[role=search]").count() == 1  # one search landmark: the page's own box
        assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_on_a_phone_the_header_is_at_most_110_px_and_shows_no_keyboard_hint(
        browser: Any, real: tuple[BuildResult, str], lang: str) -> None:
    model = real[0].model
    assert model is not None
    person, event = next(iter(model.people)), next(iter(model.events))
    with opened(browser, real, lang, **PHONE) as (page, root):
        for path in ("", f"people/{person}/", "labs/thinking-machines-lab/", f"events/{event}/", "flows/",
                     "search/"):
            page.goto(root + path)
            height = page.eval_on_selector("header.site-header", "e => e.getBoundingClientRect().height")
            assert height <= 110, (path, height)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
            if path != "search/":
                assert "/" not in (page.locator("#header-q").get_attribute("placeholder") or ""), path


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_on_a_desktop_the_header_box_hints_at_the_slash_key_and_no_placeholder_is_cut(
        browser: Any, real: tuple[BuildResult, str], lang: str) -> None:
    with opened(browser, real, lang, viewport={"width": 1280, "height": 800}) as (page, root):
        page.goto(f"{root}people/")
        header = page.locator("#header-q")
        assert "/" in (header.get_attribute("placeholder") or "")
        assert header.evaluate(PLACEHOLDER_FITS)
