"""Search while serving: the index follows the edits, refreshed after the pages were told to reload.

The test waits for each run of the indexer to end (its result is handed over a queue), never on the clock:
HANG_GUARD_S only bounds a wait that a stuck indexer would never end; it measures nothing.
"""

from __future__ import annotations

import json
import queue
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import copy_site
from deadlines import HANG_GUARD_S

from revdoor.preview.engine import Outcome
from revdoor.preview.reload import LiveSite
from revdoor.preview.serve import Preview


def indexed_pages(output: Path) -> int:
    """Pages in Pagefind's index, from its entry file (0 while there is none)."""
    entry = output / "pagefind" / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text())["languages"]
    except (OSError, ValueError, KeyError):
        return 0
    return sum(lang["page_count"] for lang in languages.values())


class IndexedPreview(Preview):
    """A preview whose indexer hands over the result of each of its runs, in order, in `runs` (run without
    its watcher: the test asks for each rebuild, and no rebuild of the watcher's adds a run of its own)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.runs: queue.Queue[object] = queue.Queue()
        assert self.indexer is not None
        run = self.indexer.run

        def run_and_hand_over() -> object:
            try:
                result = run()
            except Exception as exc:
                self.runs.put(exc)
                raise
            self.runs.put(result)
            return result

        self.indexer.run = run_and_hand_over  # looked up by the indexer's thread at each run

    def next_index(self, what: str) -> object:
        """The result of the indexer's next run, once it has ended."""
        try:
            return self.runs.get(timeout=HANG_GUARD_S)
        except queue.Empty:
            raise AssertionError(what) from None


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[IndexedPreview]:
    site = copy_site("good-site", tmp_path / "site")
    live = IndexedPreview(site, tmp_path / "out", port=0, search=True, watch=False, log=lambda _: None)
    assert live.start()
    live.serve_in_thread()
    yield live
    live.close()


def test_the_preview_indexes_its_site_and_a_new_profile_joins_the_index(preview: IndexedPreview) -> None:
    first = preview.next_index("the first index never ended")
    assert getattr(first, "ok", False), first
    before = indexed_pages(preview.output)
    assert before > 0
    new = preview.source / "content" / "people" / "jane-example.md"
    new.write_text("---\nname: Jane Example\n---\nA researcher added while the server runs.\n", encoding="utf-8")
    assert preview.site.rebuild({new})
    again = preview.next_index("the index was never refreshed after the rebuild")
    assert getattr(again, "ok", False), again
    assert indexed_pages(preview.output) == before + 1


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
