"""Fingerprints of pages: whether a page's file is already what a build would write.

A page's fingerprint is the digest of the page as decided (`digest`: its URL, title, and the context its
template is given, which is all the template may show), salted with what its look depends on: the templates
it uses (its own, those it extends, includes, imports or has render list items), the interface's catalogues,
the settings and this code. A build renders a page again exactly when its fingerprint changed; nothing
else records what a page shows, so a theme that prints one more field needs no other change.

Pure: the builder and the preview server keep the previous fingerprints and compare.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..common.digest import Digester
from ..common.parallel import map_ordered
from ..common.resources import code_digest
from ..common.theme import uses
from ..content.config import SiteConfig
from ..language.catalogues import LOCALE_DIR
from .pages import Page


def _files_digest(paths: Iterable[tuple[str, Path]]) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for name, path in paths:
        h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


class Salts:
    """What a page's look depends on besides its content, by template: made once per build."""

    def __init__(self, template_dirs: Sequence[Path], config: SiteConfig, card_font: Path | None = None) -> None:
        self.dirs = list(template_dirs)
        catalogues = sorted(LOCALE_DIR.rglob("*.po")) if LOCALE_DIR.is_dir() else []
        self.base = Digester()((code_digest(), _files_digest((str(p.relative_to(LOCALE_DIR)), p) for p in catalogues),
                                config))
        # A social card depends on what it shows, the drawing code and the font's bytes: not on templates,
        # catalogues or settings, so editing those draws no card again.
        self.card = Digester()((code_digest(), _files_digest([("font", card_font)]) if card_font else b""))
        self._by_template: dict[str, bytes] = {}

    def of(self, template: str) -> bytes:
        """The salt of the pages that `template` renders: the base salt and every template it uses."""
        salt = self._by_template.get(template)
        if salt is None:
            paths = [(name, next((d / name for d in self.dirs if (d / name).is_file()), None)) for name in
                     uses(self.dirs, template)] if template else []
            h = hashlib.blake2b(self.base, digest_size=16)
            for name, path in paths:
                h.update(name.encode() + b"\0" + (path.read_bytes() if path else b"?") + b"\0")
            salt = self._by_template[template] = h.digest()
        return salt


def fingerprint(page: Page, salts: Salts, digester: Digester) -> bytes:
    """The page's digest salted with its templates'. A file made whole in Python (`Page.body`: the open data)
    counts by its bytes (SHA-256: the CPU's own instructions make it twice blake2b's speed on megabytes)."""
    if page.card is not None:
        h = hashlib.blake2b(salts.card, digest_size=16)
        h.update(digester((page.url, page.card)))
        return h.digest()
    h = hashlib.blake2b(salts.of(page.template), digest_size=16)
    if page.body is not None:
        h.update(hashlib.sha256(page.body).digest())
        h.update(page.url.encode())
    else:
        h.update(digester(page))
    return h.digest()


_DIGESTER: list[tuple[object, Digester]] = []  # (the call it serves, its digester), in each process


def _print(salts: Salts, call: object, page: Page) -> bytes:
    if not _DIGESTER or _DIGESTER[0][0] is not call:
        _DIGESTER[:] = [(call, Digester())]  # a new call starts afresh: a digester remembers objects by identity
    return fingerprint(page, salts, _DIGESTER[0][1])


def fingerprints(pages: Sequence[Page], salts: Salts, jobs: int | None = None,
                 digester: Digester | None = None) -> dict[str, bytes]:
    """Every page's fingerprint, over the cores when there are many (each process digests the objects its
    pages share once; a third of a warm build's time on one core). With a `digester`, in this process and
    with that one: the preview server keeps what its first build digested, so that its first edit does not
    digest again every view a big page lists."""
    if digester is not None:
        return {page.url: fingerprint(page, salts, digester) for page in pages}
    call = object()
    try:
        prints = map_ordered(functools.partial(_print, salts, call), pages, jobs, threshold=2000)
    finally:
        _DIGESTER.clear()  # the preview server's process lives on: let this build's objects go
    return {page.url: fp for page, fp in zip(pages, prints, strict=True)}
