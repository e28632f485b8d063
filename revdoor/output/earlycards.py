"""Social cards drawn by a second process while this one decides the site's pages.

Deciding every page runs in one process (about 2 s of a cold build of corpus M, with the other core idle),
and drawing the cards is about a tenth of the build's CPU. A card shows what the model alone says
(`site.cards`), so the cards a build has to draw are known before any other page is decided: a forked
process draws them, in order, into files of a scratch directory beside the output, until the pages are
decided and it is stopped (`parallel.prefix_meanwhile`). The cards it finished are moved into place with
the other pages' writes; the ones it did not reach are drawn with them.

A drawn card is used only for the page of the same URL and fingerprint (the digest of what it shows, its
drawing code and its font), so drawing ahead never changes what a build writes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from ..common.parallel import default_jobs, prefix_meanwhile
from ..modelling.cache import PageManifest
from ..site import fingerprints
from ..site.pages import Page
from . import cardimage, publish, write

ENOUGH = 200  # fewer cards than this are drawn with the other pages: a fork costs more than they do


class Drawn:
    """Cards drawn ahead, each in its own file of a scratch directory next to the output (so that the PNG
    bytes of thousands of cards are held by no process, and a card is moved into place by a rename):
    URL -> (fingerprint, file)."""

    def __init__(self, scratch: Path | None = None, cards: Mapping[str, tuple[bytes, Path]] | None = None) -> None:
        self.scratch, self.cards = scratch, dict(cards or {})

    def get(self, url: str, fingerprint: bytes) -> Path | None:
        """The card drawn for `url` if it was drawn from what the page shows now (`fingerprint`), else None."""
        found = self.cards.get(url)
        return found[1] if found is not None and found[0] == fingerprint else None

    def __len__(self) -> int:
        return len(self.cards)

    def close(self) -> None:
        """Remove the scratch directory (and any card a page no longer wanted)."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


Item = tuple[int, str, bytes, Page]  # (its number, URL, fingerprint, the card's page)


def _draw(font: Path, scratch: Path) -> Callable[[Item], tuple[str, bytes, Path]]:
    def draw(item: Item) -> tuple[str, bytes, Path]:
        number, url, fingerprint, page = item
        assert page.card is not None
        file = scratch / f"{number}.png"
        write.create_file(scratch, file.name, cardimage.draw(page.card, font))
        return url, fingerprint, file
    return draw


def start(cards: list[Page], salts: fingerprints.Salts, manifest: PageManifest, out: Path,
          output_path: Callable[[str], str], font: Path, jobs: int | None) -> Callable[[], Drawn]:
    """Start drawing the `cards` whose file is not already what they show (by the `manifest` of `out`);
    the returned callable stops the drawing and gives what was drawn."""
    prints = fingerprints.fingerprints(cards, salts, jobs=1)
    current = publish.published(out)
    todo = [p for p in cards if not manifest.fresh(p.url, prints[p.url], current / output_path(p.url))]
    if len(todo) < ENOUGH or (jobs or default_jobs()) <= 1:
        return Drawn
    scratch = publish.scratch(out, "cards")
    finish = prefix_meanwhile(_draw(font, scratch), [(n, p.url, prints[p.url], p) for n, p in enumerate(todo)], jobs)
    return lambda: Drawn(scratch, {url: (fingerprint, file) for url, fingerprint, file in finish()})
