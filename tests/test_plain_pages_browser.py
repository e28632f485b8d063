"""Issue 18, point 4, in Debian's Chromium: the status legend under a list of moves leads to the editorial
policy's "Rumours" section, a page of the site itself, in the reader's language."""

from __future__ import annotations

from typing import Any

import pytest
from deadlines import HANG_GUARD_MS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "heading"), [("", "Rumours"), ("fr/", "Rumeurs")])
def test_the_legend_link_reaches_the_policys_rumours_section_in_the_readers_language(
        page: Any, real_server: str, lang: str, heading: str) -> None:
    page.set_default_timeout(HANG_GUARD_MS)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{real_server}/{lang}labs/openai/")
    page.locator(".status-legend a").click()
    page.wait_for_url(f"{real_server}/{lang}policy/#rumours")
    target = page.locator("#rumours")
    assert target.evaluate("el => el.tagName") == "H2"
    assert target.inner_text() == heading
    # The browser scrolled to it: the section's heading is on the reader's screen, at its top.
    top = target.evaluate("el => el.getBoundingClientRect().top")
    assert -1 < top < 200  # (a fraction of a pixel above 0, as the browser rounds the scroll)
    assert page.evaluate("() => document.documentElement.lang") == (lang.rstrip("/") or "en")
