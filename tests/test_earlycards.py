"""Social cards drawn while the pages are decided (`output/earlycards.py`) are written only for the page
they were drawn for: a build's files are the same whether a card was drawn ahead or when its page rendered.

How many cards the second process finishes depends on the machine, so these tests replace it by one that
has finished a known list (`prefix_meanwhile`'s contract: a prefix of the cards, in order)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from revdoor.output import builder, earlycards

FIXTURE = Path(__file__).parent / "fixtures" / "good-site"


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def finished(answer: Callable[[Any], Any]) -> Callable[..., Callable[[], list[Any]]]:
    """A second process that had done `answer(item)` for every item when it was stopped."""
    def meanwhile(fn: Callable[[Any], Any], items: Sequence[Any], jobs: int | None = None) -> Callable[[], list[Any]]:
        return lambda: [answer(item) for item in items]
    return meanwhile


def build(out: Path, log: list[str] | None = None) -> None:
    lines = [] if log is None else log
    # (two jobs: with one, nothing is drawn ahead; the site is too small for the render pool to fork)
    result = builder.build(FIXTURE, out, with_search=False, jobs=2, use_cache=False, log=lines.append)
    assert result.ok, result.problems


@pytest.fixture
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The fixture site built with every card drawn when its page renders."""
    with monkeypatch.context() as m:
        m.setattr(earlycards, "ENOUGH", 10**9)
        build(tmp_path / "plain")
    return files(tmp_path / "plain")


def test_cards_drawn_ahead_are_the_cards_rendering_draws(plain: dict[str, bytes], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(earlycards, "ENOUGH", 0)
    monkeypatch.setattr(earlycards, "prefix_meanwhile", lambda fn, items, jobs=None: lambda: [fn(x) for x in items])
    log: list[str] = []
    build(tmp_path / "ahead", log)
    cards = sum(name.endswith("card.png") for name in plain)
    assert cards > 10
    assert any(f", {cards} cards drawn meanwhile" in line for line in log), log
    assert files(tmp_path / "ahead") == plain


def test_a_card_drawn_ahead_is_written_for_the_page_it_was_drawn_for(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(earlycards, "ENOUGH", 0)
    def drawn_ahead(item: earlycards.Item) -> tuple[str, bytes, Path]:
        number, url, fingerprint, _ = item
        scratch = next((tmp_path / "out").parent.glob(".out.cards-*"))
        (scratch / f"{number}.png").write_bytes(b"drawn ahead")
        return url, fingerprint, scratch / f"{number}.png"

    monkeypatch.setattr(earlycards, "prefix_meanwhile", finished(drawn_ahead))
    build(tmp_path / "out")
    written = files(tmp_path / "out")
    assert not list(tmp_path.glob(".out.cards-*"))  # the scratch directory is gone
    assert {name: data for name, data in written.items() if name.endswith("card.png")} == \
        dict.fromkeys((name for name in written if name.endswith("card.png")), b"drawn ahead")


def test_a_card_drawn_from_what_a_page_no_longer_shows_is_drawn_again(plain: dict[str, bytes], tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(earlycards, "ENOUGH", 0)
    monkeypatch.setattr(earlycards, "prefix_meanwhile",
                        finished(lambda item: (item[1], b"what the page showed before", tmp_path / "stale.png")))
    build(tmp_path / "ahead")
    assert files(tmp_path / "ahead") == plain
