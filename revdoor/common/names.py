"""Name folding shared by references, mentions and slugs.

Editors write "Lukasz", "sebastien bubeck" or "Brett Zoph"; the press writes accents or not. `anyascii`
transliterates every script to ASCII (Ł -> L, ø -> o, ß -> ss), which `unicodedata` alone does not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NON_KEY = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII: 'Łukasz Ó Súilleabháin' -> 'lukasz o suilleabhain'."""
    return anyascii(text).lower()


@lru_cache(maxsize=65536)  # (a lab is named by 10,000 moves of corpus L: each name is folded once)
def key(text: str) -> str:
    """Identity of a name for resolution: folded letters and digits only ("Sébastien Bubeck" == "sebastien-bubeck")."""
    return _NON_KEY.sub("", fold(text))


def slugify(text: str) -> str:
    """A valid slug for a name, for suggestions: "Mira Murati" -> "mira-murati"."""
    return _NON_KEY.sub("-", fold(text).replace("'", "")).strip("-")


def is_slug(text: str) -> bool:
    return bool(SLUG_RE.match(text))
