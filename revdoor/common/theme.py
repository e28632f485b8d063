"""The ids a page's template writes, read from the templates themselves: where `#fragment` links may land.

A body's heading gets an id from its words; it must not take one the page's template writes (two
`id="career"` on a person's page would make `#career` lead to either). And `check` must know that
`[the move](../events/x.md#sources)` lands on the event template's `id="sources"`. Both come from
reading the templates' literal `id="..."` attributes, following `extends`, `include` and `import`, so a
theme that adds a section needs no list kept by hand. Ids built from expressions (`id="{{ chart.ident }}"`)
are not literal and are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .resources import STATIC, TEMPLATES

_ID = re.compile(r"""\bid=["']([A-Za-z][\w:.-]*)["']""")
_NAMED = re.compile(r"""["']([\w./-]+\.(?:html|xml|txt|j2))["']""")  # a template named in a string
# Templates that render.py renders from Python on a template's behalf, by the global function it calls.
ITEMS = {"cached_event_item": "_event_item.html", "cached_event_items": "_event_item.html",
         "cached_article_items": "_article_item.html", "cached_person_rows": "_person_row.html",
         "cached_lab_rows": "_lab_row.html"}


def template_dirs(source: Path) -> list[Path]:
    """The site's own templates first, then the project's, so a site can override one template. (The one
    home of this rule: the builder, the preview server and `check` all ask it.)"""
    dirs = [source / "templates", TEMPLATES]
    return [d for d in dict.fromkeys(d.resolve() for d in dirs) if d.is_dir()]


def static_dirs(source: Path) -> list[Path]:
    """The project's static files, then the site's, which override them."""
    dirs = [STATIC, source / "static"]
    return [d for d in dict.fromkeys(d.resolve() for d in dirs) if d.is_dir()]


def _source(dirs: Sequence[Path], name: str) -> str:
    """A template's text, from the first directory that has it (the site's own before the project's)."""
    for d in dirs:
        path = d / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


def uses(dirs: Sequence[Path], name: str) -> tuple[str, ...]:
    """The template `name` and every template it uses, sorted: those it extends, includes and imports, those
    it names in a string (`fragment("_header.html")`), and the list items rendered on its behalf when it
    calls `cached_event_items` and the like (`ITEMS`). What a page's look depends on (`fingerprints`)."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        text = _source(dirs, current)
        todo.extend(_NAMED.findall(text))
        todo.extend(template for call, template in ITEMS.items() if call in text)
    return tuple(sorted(seen))


def page_ids(dirs: Sequence[Path], name: str) -> frozenset[str]:
    """The literal ids of the page template `name` and of every template it uses."""
    return frozenset(i for used in uses(dirs, name) for i in _ID.findall(_source(dirs, used)))


@dataclass(frozen=True)
class Reserved:
    """The ids no heading of a body may take. A plain page's text (`content/pages/`) is shown by page.html
    alone, so only that template's ids are kept from it: the editorial policy's "## Rumours" is `#rumours`,
    which the status legend links to, although a lab's page writes an `id="rumours"` of its own. Every other
    body keeps clear of every template's ids, whichever page shows it."""

    every: frozenset[str] = frozenset()
    page: frozenset[str] = frozenset()

    def of(self, kind: str) -> frozenset[str]:
        """The ids a body of this kind of content file may not take."""
        return self.page if kind == "page" else self.every


def reserved_ids(dirs: Sequence[Path]) -> Reserved:
    """Every literal id of every template, and those of page.html: the ids no heading of a body may take."""
    names = sorted({p.name for d in dirs for p in d.glob("*.html")})
    every = frozenset().union(*(page_ids(dirs, n) for n in names)) if names else frozenset()
    return Reserved(every, page_ids(dirs, "page.html"))
