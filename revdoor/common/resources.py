"""Where the project's own files are: its templates/, static/ and locale/ folders, and the package's code.

In the checkout the three folders sit at the top level, beside the package, where designers and translators
find them. An installed wheel has no such top level, so it carries them inside the package, as
`revdoor/_theme/` (`force-include` in pyproject.toml). This module is the one place that knows both homes;
every other module asks it, so `revdoor --source DIR` builds a site that lives anywhere.

It imports nothing from the package: it sits at the very bottom of the layers.
"""

from __future__ import annotations

import hashlib
from importlib.resources import files
from pathlib import Path

THEME_FOLDER = "_theme"  # inside the installed package; the name pyproject.toml's force-include writes


def _package_dir() -> Path:
    """The package's folder on disk. A wheel installs as plain files, so this is a real path; the templates
    are read by Jinja's FileSystemLoader and watched by the preview server, which need one."""
    root = files(__spec__.name.split(".")[0])  # the top package, `revdoor`, from revdoor/common/
    if not isinstance(root, Path):  # e.g. imported from a zip file: templates on disk are needed
        raise RuntimeError(f"revdoor must be installed as files, not imported from {root}")
    return root.resolve()


PACKAGE = _package_dir()  # the package's code: the build cache and every page's fingerprint hash its .py files
INSTALLED = (PACKAGE / THEME_FOLDER).is_dir()
THEME = PACKAGE / THEME_FOLDER if INSTALLED else PACKAGE.parent  # holds templates/, static/, locale/
TEMPLATES = THEME / "templates"
STATIC = THEME / "static"
LOCALE = THEME / "locale"


def code_files() -> list[Path]:
    """The package's own .py files, in a stable order, at any depth (the package may grow subpackages)."""
    return sorted(PACKAGE.rglob("*.py"))


def code_digest() -> bytes:
    """The package's code, hashed (each file's path in the package and bytes): what the caches and every
    page's fingerprint are keyed on, so that a change to any module, at any depth, is a change of output."""
    h = hashlib.blake2b(digest_size=16)
    for path in code_files():
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()
