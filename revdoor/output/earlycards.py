"""Social cards drawn by a second process while this one decides the site's pages.

Deciding every page runs in one process (about 2 s of a cold build of corpus M, with the other core idle),
and drawing the cards is about a tenth of the build's CPU. A card shows what the model alone says
(`site.cards`), so the cards a build has to draw are known before any other page is decided: a forked
process draws them, in order, until the pages are decided and it is stopped (`parallel.prefix_meanwhile`).
The cards it finished are written with the other pages; the ones it did not reach are drawn with them.

A drawn card is used only for the page of the same URL and fingerprint (the digest of what it shows, its
drawing code and its font), so drawing ahead never changes what a build writes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from ..common.parallel import prefix_meanwhile
from ..modelling.cache import PageManifest
from ..site import fingerprints
from ..site.pages import Page
from . import cardimage, publish

ENOUGH = 200  # fewer cards than this are drawn with the other pages: a fork costs more than they do


class Drawn:
    """Cards drawn ahead: URL -> (fingerprint, PNG bytes)."""

    def __init__(self, cards: Mapping[str, tuple[bytes, bytes]] | None = None) -> None:
        self.cards = dict(cards or {})

    def get(self, url: str, fingerprint: bytes) -> bytes | None:
        """The card drawn for `url` if it was drawn from what the page shows now (`fingerprint`), else None."""
        found = self.cards.get(url)
        return found[1] if found is not None and found[0] == fingerprint else None

    def __len__(self) -> int:
        return len(self.cards)


def _draw(font: Path) -> Callable[[tuple[str, bytes, Page]], tuple[str, bytes, bytes]]:
    def draw(item: tuple[str, bytes, Page]) -> tuple[str, bytes, bytes]:
        url, fingerprint, page = item
        assert page.card is not None
        return url, fingerprint, cardimage.draw(page.card, font)
    return draw


def start(cards: list[Page], salts: fingerprints.Salts, manifest: PageManifest, out: Path,
          output_path: Callable[[str], str], font: Path, jobs: int | None) -> Callable[[], Drawn]:
    """Start drawing the `cards` whose file is not already what they show (by the `manifest` of `out`);
    the returned callable stops the drawing and gives what was drawn."""
    prints = fingerprints.fingerprints(cards, salts, jobs=1)
    current = publish.published(out)
    todo = [(p.url, prints[p.url], p) for p in cards
            if not manifest.fresh(p.url, prints[p.url], current / output_path(p.url))]
    if len(todo) < ENOUGH:
        return Drawn
    finish = prefix_meanwhile(_draw(font), todo, jobs)
    return lambda: Drawn({url: (fingerprint, png) for url, fingerprint, png in finish()})
