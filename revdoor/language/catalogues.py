"""The interface's message catalogues: `locale/<lang>/LC_MESSAGES/messages.po`, compiled when read.

The `.po` files are the checked-in source (made and updated with Babel's `pybabel`, see README
"Translating the interface"). They are compiled to gettext's binary form in memory, at build time, rather
than committed as `.mo` files: a binary in the repository could silently disagree with its `.po`, and
compiling a catalogue of a few hundred messages costs milliseconds.

English is the language of the templates' msgids, so it needs no catalogue: a language without one is
written in English (gettext's NullTranslations).
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..common.resources import LOCALE

LOCALE_DIR = LOCALE
DOMAIN = "messages"
TEMPLATE_NAME = f"{DOMAIN}.pot"  # in LOCALE_DIR: what extraction from the templates produced


def po_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def translations(lang: str, locale_dir: Path = LOCALE_DIR) -> gettext.NullTranslations:
    """The translations of `lang`'s catalogue, or none (the English msgids) when it has no catalogue."""
    path = po_path(lang, locale_dir)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return gettext.NullTranslations()
    return _compiled(path, lang, mtime)


@functools.lru_cache(maxsize=16)
def _compiled(path: Path, lang: str, mtime_ns: int) -> gettext.GNUTranslations:
    """Keyed by the file's mtime, so that the preview server picks up an edited catalogue."""
    buffer = io.BytesIO()
    write_mo(buffer, read_catalogue(path, lang), use_fuzzy=False)  # a fuzzy entry is not yet a translation
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
