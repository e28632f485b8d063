"""Fingerprints of pages: a hash of everything a page shows, so a build can skip pages that did not change.

A page names what it shows in `Page.deps`. Its fingerprint hashes, for each of them, the model's record as
resolved (not the file's bytes: a renamed lab changes the pages that print its name, wherever the reference
was written). The page's own subject counts whole (a person with their timeline, a lab with its flows);
the other people and labs it links to count by their name and link only, so one arrival at a big lab does
not re-render every page that mentions that lab. Small pages that show a bit of everything (home, the
indexes, the sitemap) are fingerprinted by what they are given (`*context`). Templates, settings and the
generator's own code salt every fingerprint.

Pure: the builder and the preview server keep the previous fingerprints and compare.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .catalogues import LOCALE_DIR
from .model import Model
from .pages import Page
from .resources import PACKAGE


def _h(*parts: object) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.digest()


def _context_hash(context: dict[str, object]) -> bytes:
    """Like _h(context), but a text value is hashed as its bytes: repr() of a long text escapes every quote."""
    h = hashlib.blake2b(digest_size=16)
    for key in sorted(context):
        value = context[key]
        h.update(key.encode() + b"\0")
        h.update(b"s" + value.encode("utf-8", "surrogatepass") if isinstance(value, str) else _h(value))
        h.update(b"\0")
    return h.digest()


def tree_digest(dirs: Iterable[Path], pattern: str = "*") -> bytes:
    """Hash of every file's path and bytes under the given directories (templates, the package's code)."""
    h = hashlib.blake2b(digest_size=16)
    for d in dirs:
        for path in sorted(p for p in d.rglob(pattern) if p.is_file()):
            h.update(str(path.relative_to(d)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def salt(template_dirs: Iterable[Path], config: object) -> bytes:
    """What every page depends on besides content: this code, the templates, the interface's message
    catalogues and the settings."""
    return _h(tree_digest([PACKAGE], "*.py"), tree_digest(template_dirs), tree_digest([LOCALE_DIR], "*.po"), config)


@dataclass(frozen=True)
class Hashes:
    """Per-record hashes of one model: `full` for a page's own subject, `name` for a link to it (for an
    event: for a list item showing it)."""

    full: dict[str, bytes]
    name: dict[str, bytes]
    names: bytes  # every name and alias: what links article text

    @classmethod
    def of(cls, model: Model, salt: bytes) -> Hashes:
        full: dict[str, bytes] = {}
        name: dict[str, bytes] = {}
        for slug, person in model.people.items():
            full[f"person:{slug}"] = _h(person, model.timelines.get(slug))
            name[f"person:{slug}"] = _h(person.name, person.hidden)  # hidden: shown as "a researcher"
        for slug, lab in model.labs.items():
            full[f"lab:{slug}"] = _h(lab, model.flows.get(slug))
            name[f"lab:{slug}"] = _h(lab.name)
        for slug, article in model.articles.items():
            full[f"article:{slug}"] = name[f"article:{slug}"] = _h(article)
        for slug, event in model.events.items():
            # An event is shown with the names of its people and labs: they are part of what it looks like.
            # Whether it is a return comes from the person's whole timeline: count that too.
            shown = [name[f"person:{p}"] for p in event.people]
            shown += [name[f"lab:{x}"] for x in (event.from_lab, event.to_lab) if x]
            shown += [slug in t.returns for t in (model.timelines.get(p) for p in event.people) if t]
            # A list shows an event without its notes and sources (`_event_item.html`, the Atom feeds): an
            # edit of those makes the event's own page again, not every list it is in (a big lab lists
            # thousands, and notes are the usual curating edit).
            listed = _h(event.slug, event.type, event.date, event.people, event.unnamed, event.count,
                        event.from_lab, event.to_lab, event.role, event.from_role, event.status,
                        [t for t in event.translations.items if t[1] != "notes"], shown)
            name[f"event:{slug}"] = listed
            full[f"event:{slug}"] = _h(listed, event, [name[f"article:{s.article}"] for s in event.sources
                                                       if s.article])
        names = _h([(p.slug, p.name, p.aliases, p.hidden) for p in model.people.values()],
                   [(x.slug, x.name, x.aliases) for x in model.labs.values()])
        return cls(full, name, names)


def fingerprint(page: Page, hashes: Hashes, salt: bytes) -> bytes:
    h = hashlib.blake2b(salt, digest_size=16)
    h.update(_h(page.url, page.template, page.title, page.description, page.lang, page.og_type, page.jsonld,
                page.in_sitemap, page.alternate_feed))
    if page.body is not None:
        # SHA-256 has the CPU's own instructions here: twice blake2b's speed over the open data's megabytes.
        h.update(hashlib.sha256(page.body).digest())
    for dep in sorted(page.deps):
        if dep == "*context":
            h.update(_context_hash(page.context))
            continue
        if dep == "*names":
            h.update(hashes.names)
            continue
        if dep.startswith("="):
            h.update(dep.encode())
            continue
        table = hashes.full if dep == page.subject else hashes.name
        h.update(dep.encode() + table.get(dep, b"?"))
    return h.digest()


def fingerprints(pages: Iterable[Page], hashes: Hashes, salt: bytes) -> dict[str, bytes]:
    return {page.url: fingerprint(page, hashes, salt) for page in pages}
