"""The fixture site in Debian's Chromium: small screens, the keyboard, and the sortable indexes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from deadlines import HANG_GUARD_MS

from revdoor.common.names import fold

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.browser


@pytest.fixture
def tab(page: Any) -> Any:
    page.set_default_timeout(HANG_GUARD_MS)
    return page


@pytest.mark.parametrize("path", ["/", "/people/", "/labs/", "/people/barret-zoph/", "/labs/thinking-machines-lab/",
                                  "/articles/zoph-retour-openai/", "/events/zoph-metz-leave-openai/", "/feed/",
                                  "/search/"])
def test_pages_fit_a_360_px_screen_without_horizontal_scrolling(tab: Any, good_server: str, path: str) -> None:
    tab.set_viewport_size({"width": 360, "height": 740})
    tab.goto(good_server + path)
    widths = tab.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{path} is {widths[0]} px wide in a {widths[1]} px viewport"


def test_every_page_of_the_real_site_fits_a_360_px_screen(request: pytest.FixtureRequest, tab: Any) -> None:
    """Real names and labs are longer than the fixture's ("Safe Superintelligence"): check every page."""
    if not (REPO / "content").is_dir():
        pytest.skip("content/ does not exist yet: the real site is checked once its content is written")
    server: str = request.getfixturevalue("real_server")
    out: Path = request.getfixturevalue("real_site").output
    tab.set_viewport_size({"width": 360, "height": 740})
    too_wide = []
    for html in sorted(out.rglob("index.html")):
        if html.relative_to(out).parts[0] == "pagefind":
            continue
        path = "/" + html.parent.relative_to(out).as_posix() + "/" if html.parent != out else "/"
        tab.goto(server + path)
        widths = tab.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if widths[0] > widths[1]:
            too_wide.append(f"{path}: {widths[0]} px")
    assert not too_wide, too_wide

def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(tab: Any, good_server: str) -> None:
    tab.goto(good_server + "/")
    tab.keyboard.press("Tab")
    focused = tab.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"]
    box = tab.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is visible"
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => document.activeElement.id") == "main"


def _column(tab: Any, index: int) -> list[str]:
    return tab.eval_on_selector_all(
        "table[data-sortable] tbody tr", f"rows => rows.map(r => r.cells[{index}].getAttribute('data-value'))")


def test_clicking_a_people_column_heading_sorts_the_table(tab: Any, good_server: str) -> None:
    tab.goto(good_server + "/people/")
    names = _column(tab, 0)
    assert names == sorted(names, key=fold)
    name_heading = tab.locator("th", has_text="Name")
    name_heading.get_by_role("button").click()
    assert name_heading.get_attribute("aria-sort") == "descending"
    assert tab.eval_on_selector_all("table[data-sortable] tbody tr", "rows => rows[0].cells[0].textContent.trim()") \
        == "Soumith Chintala"
    assert _column(tab, 0) == names[::-1]
    tab.locator("th", has_text="Latest move").get_by_role("button").click()
    first = tab.eval_on_selector_all("table[data-sortable] tbody tr", "rows => rows[0].cells[0].textContent.trim()")
    assert first == "Łukasz Kaiser", "the newest move (a rumour, 16 January 2026) sorts first"
    assert tab.locator("th", has_text="Name").get_attribute("aria-sort") is None


CONTRAST_JS = """
() => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (!own || style.visibility === "hidden" || style.display === "none" || !el.getClientRects().length) continue;
    if (el.closest(".visually-hidden, .skip-link")) continue;
    const fg = parse(style.color).slice(0, 3), bg = background(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) failures.push(`${el.tagName.toLowerCase()}.${el.className}: ${ratio.toFixed(2)} ` +
                                      `(${style.color} on rgb(${bg})) "${el.textContent.trim().slice(0, 30)}"`);
  }
  return failures;
}
"""


CONTRAST_PAGES = ["/", "/people/", "/labs/meta/", "/people/lukasz-kaiser/", "/articles/zoph-retour-openai/",
                  "/events/two-thinking-machines-employees/", "/feed/", "/search/", "/404.html"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_has_wcag_aa_contrast_in_light_and_dark_themes(tab: Any, good_server: str, scheme: str) -> None:
    tab.emulate_media(color_scheme=scheme)
    failures = []
    for path in CONTRAST_PAGES:
        tab.goto(good_server + path)
        background = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert background == ("rgb(253, 253, 252)" if scheme == "light" else "rgb(20, 22, 26)"), path
        failures += [f"{path}: {f}" for f in tab.evaluate(CONTRAST_JS)]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["/people/", "/labs/"])
def test_indexes_stay_sortable_by_name_and_latest_move_on_a_360_px_screen(tab: Any, good_server: str,
                                                                         path: str) -> None:
    tab.set_viewport_size({"width": 360, "height": 740})
    tab.goto(good_server + path)
    for heading in ("Name", "Latest move"):
        assert tab.locator("th", has_text=heading).get_by_role("button").is_visible(), f"{path}: {heading}"


def test_a_short_pages_footer_sits_at_the_foot_of_the_window(tab: Any, good_server: str) -> None:
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(good_server + "/404.html")
    bottom = tab.eval_on_selector(".site-footer", "e => e.getBoundingClientRect().bottom")
    assert bottom == 900


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_is_the_accent_colour_not_an_error_red(tab: Any, good_server: str, scheme: str) -> None:
    tab.emulate_media(color_scheme=scheme)
    tab.goto(good_server + "/people/")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")  # past the skip link, to the site's name
    ring, accent = tab.evaluate("""() => [getComputedStyle(document.activeElement).outlineColor,
        getComputedStyle(document.querySelector('button[type=submit]')).backgroundColor]""")
    assert ring == accent


def test_no_index_heading_is_cut_mid_word_on_a_360_px_screen(tab: Any, good_server: str) -> None:
    tab.set_viewport_size({"width": 360, "height": 740})
    for path in ("/people/", "/labs/"):
        tab.goto(good_server + path)
        # Each word of a heading in one piece: a word broken across two lines has two boxes.
        cut = tab.evaluate("""() => {
            const cut = [];
            for (const th of document.querySelectorAll('th')) {
                const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const m of node.data.matchAll(/\\S+/g)) {
                        const range = document.createRange();
                        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                        if (range.getClientRects().length > 1) cut.push(m[0]);
                    }
                }
            }
            return cut;
        }""")
        assert cut == [], (path, cut)


def test_a_status_badge_explains_itself_on_hover_on_a_tap_and_when_the_keyboard_reaches_its_row(
        tab: Any, good_server: str) -> None:
    """Issue 18: a move's status explained on hover and on keyboard focus, without a Tab stop per badge (a big
    lab's page lists thousands of moves): the keyboard's stop is the row's own "Details" link."""
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(good_server + "/labs/thinking-machines-lab/")
    first, second = tab.locator("ol.events > li.event").nth(0), tab.locator("ol.events > li.event").nth(1)
    badge, tip = first.locator(".status"), first.locator(".status-tip")

    def shown() -> bool:  # hidden, the tip is a 1-px clipped box, there for screen readers only
        box = tip.bounding_box()
        return box is not None and box["width"] > 20

    assert not shown()
    badge.hover()
    assert shown()
    tab.keyboard.press("Escape")  # WCAG 1.4.13: dismissed without moving the pointer
    assert not shown()
    tab.locator("h1").hover()
    badge.hover()
    assert shown()
    tab.locator("h1").hover()
    assert not shown()
    # The keyboard: from the row's last link in its sentence, one Tab goes to its "Details" link, not the badge.
    first.locator(".event-text a").last.focus()
    tab.keyboard.press("Tab")
    assert tab.evaluate("() => document.activeElement.className") == "permalink"
    assert first.locator(".permalink").evaluate("a => a === document.activeElement")
    assert shown()
    tab.keyboard.press("Escape")
    assert not shown()
    tab.keyboard.press("Tab")  # on to the next row: its badge explains itself, this one no longer
    assert second.locator(".event-text a").first.evaluate("a => a === document.activeElement")
    assert not shown()
    # A tap or a click focuses the badge, which shows its meaning (touch screens have no hover).
    badge.click()
    assert badge.evaluate("b => b === document.activeElement") and shown()


NAV_CLEAR = """() => {
  const nav = document.querySelector('.main-nav'), box = nav.getBoundingClientRect();
  const link = nav.querySelector('[aria-current="page"]').getBoundingClientRect();
  const right = nav.classList.contains('is-scrollable'), left = nav.classList.contains('is-scrolled');
  return {text: nav.querySelector('[aria-current="page"]').textContent, right, left,
          clear: (!right || link.right <= box.left + 0.8 * box.width + 0.5)
              && (!left || link.left >= box.left + 0.2 * box.width - 0.5)
              && link.left >= box.left - 0.5 && link.right <= box.right + 0.5};
}"""


def test_on_a_phone_the_current_section_is_shown_clear_of_the_navs_fades(request: pytest.FixtureRequest,
                                                                          tab: Any) -> None:
    """French section names are long: at 360 px the list of sections scrolls sideways, fading where there is
    more; the current section is scrolled into the clear part, and the fades say which way the rest is."""
    server: str = request.getfixturevalue("real_server")
    tab.set_viewport_size({"width": 360, "height": 740})
    seen = []
    for path in ("/fr/feed/", "/fr/people/", "/fr/labs/", "/fr/flows/", "/fr/articles/"):
        tab.goto(server + path)
        state = tab.evaluate(NAV_CLEAR)
        assert state["clear"], (path, state)
        seen.append((state["left"], state["right"]))
    assert seen[0] == (False, True)  # the first section: more to the right only
    assert (True, True) in seen and seen[-1] == (True, False)  # then both ways, then more to the left only


def test_the_language_switch_ends_the_header_row_on_every_page_even_without_the_header_search(
        request: pytest.FixtureRequest, tab: Any) -> None:
    """The search page has no header box (its own box is the page's); its language link stays where it is on
    every other page, at the row's end, not beside the sections."""
    server: str = request.getfixturevalue("real_server")
    tab.set_viewport_size({"width": 1280, "height": 800})
    ends = {}
    for path in ("/", "/search/", "/fr/search/"):
        tab.goto(server + path)
        ends[path] = tab.evaluate("""() => {
            const row = document.querySelector('.header-row'), s = getComputedStyle(row);
            return Math.round(document.querySelector('.lang-switch').getBoundingClientRect().right
                              - (row.getBoundingClientRect().right - parseFloat(s.paddingRight)));
        }""")
    assert ends == {"/": 0, "/search/": 0, "/fr/search/": 0}


def test_running_text_keeps_a_readable_measure_on_a_wide_screen(request: pytest.FixtureRequest, tab: Any) -> None:
    """At 1280 px a paragraph across the whole column runs to 140 characters a line; the introductions
    (home, flows, an article's summary) keep the prose's measure, 42rem, as bios, notes and articles do."""
    server: str = request.getfixturevalue("real_server")
    out: Path = request.getfixturevalue("real_site").output
    article = next(p for p in sorted((out / "articles").glob("*/index.html")) if 'class="lede"' in p.read_text())
    tab.set_viewport_size({"width": 1280, "height": 800})
    widths = {}
    for path in ("/", "/flows/", "/fr/", f"/articles/{article.parent.name}/"):
        tab.goto(server + path)
        widths[path] = tab.evaluate("""() => {
            const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
            return Math.max(...[...document.querySelectorAll('main p.lede, main .prose p')]
                .map(p => p.getBoundingClientRect().width / rem));
        }""")
    assert all(0 < w <= 42 for w in widths.values()), widths
