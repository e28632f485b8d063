"""Search while serving: the index follows the edits, refreshed after the pages were told to reload.

Waits are bounded (HANG_GUARD_S) only so that a stuck indexer fails instead of hanging; they measure nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import copy_site

from revdoor.engine import Outcome
from revdoor.reload import LiveSite
from revdoor.serve import Preview

HANG_GUARD_S = 60


def indexed_pages(output: Path) -> int:
    """Pages in Pagefind's index, from its entry file (0 while there is none)."""
    entry = output / "pagefind" / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text())["languages"]
    except (OSError, ValueError, KeyError):
        return 0
    return sum(lang["page_count"] for lang in languages.values())


def wait_for(condition: object, what: str) -> None:
    deadline = time.monotonic() + HANG_GUARD_S
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    site = copy_site("good-site", tmp_path / "site")
    live = Preview(site, tmp_path / "out", port=0, search=True, log=lambda _: None)
    assert live.start()
    live.serve_in_thread()
    yield live
    live.close()


def test_the_preview_indexes_its_site_and_a_new_profile_joins_the_index(preview: Preview) -> None:
    wait_for(lambda: indexed_pages(preview.output) > 0, "the first index never appeared")
    before = indexed_pages(preview.output)
    new = preview.source / "content" / "people" / "jane-example.md"
    new.write_text("---\nname: Jane Example\n---\nA researcher added while the server runs.\n", encoding="utf-8")
    assert preview.site.rebuild({new})
    wait_for(lambda: indexed_pages(preview.output) == before + 1, "the new profile never reached the index")


class Recorder:
    """Stands in for the broadcaster: records what the pages were told, in order."""

    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    def reload(self, css_only: bool = False) -> None:
        self.calls.append("reload")

    def show_errors(self, lines: list[str]) -> None:
        self.calls.append("errors")


def test_the_index_is_refreshed_after_the_pages_are_told_to_reload(tmp_path: Path) -> None:
    calls: list[str] = []
    site = LiveSite(lambda changed: Outcome(True, [], 1, 1, 0.0, True), Recorder(calls),  # type: ignore[arg-type]
                    root=tmp_path, log=lambda _: None, after=lambda: calls.append("index"))
    assert site.rebuild({tmp_path / "content" / "events" / "x.md"})
    assert calls == ["reload", "index"]


def test_a_failed_rebuild_does_not_refresh_the_index(tmp_path: Path) -> None:
    calls: list[str] = []
    site = LiveSite(lambda changed: Outcome(False, [], 0, 0, 0.0, False), Recorder(calls),  # type: ignore[arg-type]
                    root=tmp_path, log=lambda _: None, after=lambda: calls.append("index"))
    assert not site.rebuild({tmp_path / "content" / "events" / "x.md"})
    assert calls == ["errors"]
