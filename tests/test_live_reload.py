"""Live reload in Debian's Chromium: an editor saves a file and the open page follows, errors included.

The preview server runs over a copy of tests/fixtures/good-site on a free port, with its real watcher.
Every wait ends on an event: the page's text, or the server's own (`Broadcaster.wait_until`: a page
connected, errors published). HANG_GUARD_MS only bounds a wait that a broken reload would never end: it
measures nothing (the benchmark measures the speed).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_site
from deadlines import HANG_GUARD_MS, HANG_GUARD_S
from playwright.sync_api import expect

from revdoor.preview.serve import Preview

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parent.parent
PERSON_URL = "people/mira-murati/"
MARKER = "window.__revdoorTestMarker"  # survives in-place changes, gone after a reload


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    site = copy_site("good-site", tmp_path / "site")
    (site / "static").mkdir()
    shutil.copy(REPO / "static" / "style.css", site / "static" / "style.css")  # the site's own, to edit
    (site / "templates").mkdir()
    shutil.copy(REPO / "templates" / "person.html", site / "templates" / "person.html")
    live = Preview(site, tmp_path / "out", port=0, search=False, log=lambda _: None)
    assert live.start()
    live.serve_in_thread()
    yield live
    live.close()


@pytest.fixture
def person(page: Any, preview: Preview) -> Any:
    """Mira Murati's page, open and listening to the server, marked so that a reload can be told apart."""
    page.set_default_timeout(HANG_GUARD_MS)
    page.goto(preview.url + PERSON_URL)
    # Its event stream is open: the next rebuild reaches it.
    assert preview.live.wait_until(lambda: preview.live.clients >= 1, HANG_GUARD_S), \
        "the page never connected to the event stream"
    page.evaluate(f"{MARKER} = 1")
    return page


def test_editing_a_profile_shows_the_new_text_without_a_manual_reload(person: Any, preview: Preview) -> None:
    profile = preview.source / "content" / "people" / "mira-murati.md"
    profile.write_text(profile.read_text().replace("Former CTO of OpenAI", "Formerly chief technologist of OpenAI"))
    expect(person.locator("main")).to_contain_text("Formerly chief technologist of OpenAI", timeout=HANG_GUARD_MS)
    assert person.evaluate(f"typeof {MARKER}") == "undefined"  # the page reloaded itself


def test_a_broken_event_shows_its_error_over_the_page_and_fixing_it_clears_it(person: Any,
                                                                               preview: Preview) -> None:
    event = preview.source / "content" / "events" / "murati-leaves-openai.md"
    good = event.read_text()
    event.write_text(good.replace("from: OpenAI", "from: OpenNope"))
    overlay = person.locator("#revdoor-errors")
    expect(overlay).to_contain_text(
        "content/events/murati-leaves-openai.md:5: from: unknown lab 'OpenNope' (did you mean 'OpenAI'?)",
        timeout=HANG_GUARD_MS)
    expect(person.locator("main h1")).to_have_text("Mira Murati")  # the last good page stays underneath
    event.write_text(good)
    expect(overlay).to_have_count(0, timeout=HANG_GUARD_MS)


def test_a_page_opened_while_the_site_is_broken_shows_the_errors_at_once(page: Any, preview: Preview) -> None:
    event = preview.source / "content" / "events" / "murati-leaves-openai.md"
    event.write_text(event.read_text().replace("from: OpenAI", "from: OpenNope"))
    assert preview.live.wait_until(lambda: bool(preview.live.errors), HANG_GUARD_S), \
        "the broken event was never rebuilt"
    page.goto(preview.url + PERSON_URL)
    expect(page.locator("#revdoor-errors")).to_contain_text("from: unknown lab 'OpenNope'", timeout=HANG_GUARD_MS)


def test_a_stylesheet_change_is_swapped_in_without_a_reload(person: Any, preview: Preview) -> None:
    style = preview.source / "static" / "style.css"
    style.write_text(style.read_text() + "\nbody { border-top: 7px solid rgb(1, 2, 3); }\n")
    person.wait_for_function("getComputedStyle(document.body).borderTopColor === 'rgb(1, 2, 3)'",
                             timeout=HANG_GUARD_MS)
    assert person.evaluate(MARKER) == 1  # the same page: no reload
    assert person.locator('link[rel="stylesheet"][href*="style.css"]').count() == 1  # the old sheet left


def test_a_template_edit_shows_on_the_open_page(person: Any, preview: Preview) -> None:
    template = preview.source / "templates" / "person.html"
    text = template.read_text()
    assert "{% block main %}" in text
    template.write_text(text.replace("{% block main %}", '{% block main %}<p id="tpl-edit">Edited template</p>', 1))
    expect(person.locator("#tpl-edit")).to_have_text("Edited template", timeout=HANG_GUARD_MS)


def test_the_built_files_carry_no_live_reload_script(person: Any, preview: Preview) -> None:
    built = (preview.output / "people" / "mira-murati" / "index.html").read_text()
    assert "__revdoor" not in built
    assert person.locator("script[src='/__revdoor/reload.js']").count() == 1
