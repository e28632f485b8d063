"""`check` follows every link a body writes, as Zola's `check` does, and reports the ones that lead nowhere.

A body links to another page by its content file (`bodylinks`); so does an image to a file of `static/`.
Each link or image that survives sanitising (Markdown's, or raw `<a href>` and `<img src>`) must lead to a
content file, a page the site makes, a heading or section of that page, or a file the site publishes.
Those that do not are warnings (errors under `--strict`), each on its line: a broken link is a reader's
dead end, not a reason to hold back a correction. External links are not fetched (a check must not depend
on other sites being up); a malformed one (`http//x`, a space) is reported all the same.

Only bodies that may hold such a link are read (`bodylinks.candidates`: most links are well-formed
`https://` ones), so `check` stays within its time on a large site.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

from ..common.problems import Problem, warning
from ..common.theme import Reserved, page_ids, reserved_ids, static_dirs, template_dirs
from ..common.urls import Urls
from ..content.bodylinks import FOLDERS, Target, target
from ..content.load import RawDoc, read_doc
from ..content.markup import Renderer
from ..content.translated import split_body
from ..modelling.model import Model
from ..site.languages import Languages, site_pages

FIELD = "body"
_URL_OF = {"article": Urls.article, "event": Urls.event, "person": Urls.person, "lab": Urls.lab, "page": Urls.page}


@dataclass(frozen=True)
class Written:
    """One address a body writes, on the line of the file where it is written."""

    line: int
    tag: str  # "a" or "img"
    href: str


class _Addresses(HTMLParser):
    """Every link and image address in HTML, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        self.found += [(tag, value) for name, value in attrs if name == wanted and value is not None]


def _dropped(renderer: Renderer) -> list[tuple[str, str]]:
    """Addresses the sanitiser removed because they are written wrong (a space, `http//`): the reader sees
    no link where the editor wrote one. (A `javascript:` address it removes on purpose is not reported.)"""
    parser = _Addresses()
    parser.feed(renderer.unsanitised)
    kept = Counter((w.tag, w.href) for w in renderer.written)
    dropped = []
    for tag, href in parser.found:
        if kept[tag, href] > 0:
            kept[tag, href] -= 1
        elif target("", href).kind == "malformed":
            dropped.append((tag, href))
    return dropped


def written_in(doc: RawDoc, renderer: Renderer) -> tuple[list[Written], list[str]]:
    """The addresses `doc`'s body writes, as the sanitiser leaves them (and the malformed ones it drops),
    each with its line; and the ids of its headings. Markdown does not say where an address came from, so
    it is found in the text, in order."""
    renderer(doc.body)
    addresses = [(w.tag, w.href) for w in renderer.written] + _dropped(renderer)
    found, cursor = [], 0
    for tag, href in addresses:
        at = doc.body.find(href, cursor)
        if at < 0:  # written with an entity or an escape: the first place it shows, else the body's start
            at = max(doc.body.find(href), 0)
        else:
            cursor = at + len(href)
        found.append(Written(doc.body_line + doc.body.count("\n", 0, at), tag, href))
    return sorted(found, key=lambda w: w.line), list(renderer.ids)


class Site:
    """What links may lead to: every content file, every page and published file, every page's ids."""

    def __init__(self, root: Path, model: Model, reserved: Reserved) -> None:
        self.root, self.model, self.reserved = root, model, reserved
        self.dirs = template_dirs(root)
        self.docs = {r.path: (kind, slug) for kind, records in (
            ("person", model.people), ("lab", model.labs), ("article", model.articles), ("event", model.events),
            ("page", model.pages)) for slug, r in records.items()}
        self._ids: dict[str, frozenset[str]] = {}
        self._renderers: dict[frozenset[str], Renderer] = {}

    def renderer(self, kind: str) -> Renderer:
        """A converter for bodies of `kind`, whose headings keep clear of the ids its page's templates write."""
        ids = self.reserved.of(kind)
        if ids not in self._renderers:
            self._renderers[ids] = Renderer(reserved=ids)
        return self._renderers[ids]

    @cached_property
    def urls(self) -> dict[str, str]:
        """Every URL of the default language's pages and of the files the site publishes, without the base
        path -> the template of its page ("" for a file). Made only when a site-root link asks."""
        langs = Languages.of(self.model.config)
        base = self.model.config.base_path
        out = {p.url[len(base) - 1:]: p.template for p in site_pages(self.model, langs)
               if p.url.startswith(base) and p.ui in ("", langs.default)}
        for d in static_dirs(self.root):
            out.update({f"/static/{f.relative_to(d).as_posix()}": "" for f in d.rglob("*") if f.is_file()})
        return out

    @cached_property
    def content_urls(self) -> dict[str, str]:
        """A content page's URL in the default language, without the base path -> its file."""
        u = Urls()
        return {_URL_OF[kind](u, slug): path for path, (kind, slug) in self.docs.items()}

    def ids(self, path: str) -> frozenset[str]:
        """The ids of a content file's page: its template's and its body's headings' (in every language)."""
        if path not in self._ids:
            kind, _ = self.docs[path]
            ids = set(page_ids(self.dirs, f"{kind}.html"))
            doc, _problems = read_doc(self.root, kind, self.root / path)
            if doc is not None:
                default, sections = split_body(doc.body, self.model.config.languages)
                renderer = self.renderer(kind)
                for text in (default, *(s.text for s in sections)):
                    renderer(text)
                    ids.update(renderer.ids)
            self._ids[path] = frozenset(ids)
        return self._ids[path]

    def published(self, path: str) -> bool:
        return (self.root / path).is_file() or any((d / path[len("static/"):]).is_file()
                                                   for d in static_dirs(self.root))


def problems(root: Path, model: Model, linked: Sequence[RawDoc]) -> list[Problem]:
    """A warning for each link or image in `linked`'s bodies that leads to nothing the site has."""
    site = Site(root, model, reserved_ids(template_dirs(root)))
    out: list[Problem] = []
    for doc in linked:
        found, own_ids = written_in(doc, site.renderer(doc.kind))
        for w in found:
            message = _broken(site, doc, own_ids, w)
            if message is not None:
                out.append(warning(doc.path, w.line, FIELD, *message))
    return out


def _broken(site: Site, doc: RawDoc, own_ids: Iterable[str], w: Written) -> tuple[str, str | None] | None:
    """What is wrong with one address (message, hint), or None when it leads somewhere."""
    what = f'{"image" if w.tag == "img" else "link to"} "{w.href}"'
    found: Target = target(doc.path, w.href)
    nowhere = (f"{what} leads to no page", _page_hint(found))
    if found.kind == "external":
        return None
    if found.kind == "malformed":
        return f"{what} is a malformed address", "write it whole, e.g. https://example.org/page"
    if found.kind == "fragment":
        ids: Set[str] = set(own_ids) | page_ids(site.dirs, f"{doc.kind}.html")
        if found.fragment in ids:
            return None
        return f"{what} leads to no heading or section of this page", _ids_hint(ids)
    if found.kind == "page":
        if found.path not in site.docs:
            return f"{what} leads to no page", _file_hint(site, found)
        if found.fragment and found.fragment not in (ids := site.ids(found.path)):
            return f"{what} leads to no heading or section of that page", _ids_hint(ids)
        return None
    if found.kind == "file":
        return None if site.published(found.path) else (f"{what} leads to no published file", None)
    if found.kind == "root":
        template = site.urls.get(found.path)
        if template is None:
            return nowhere
        if found.fragment:
            source = site.content_urls.get(found.path)
            ids = site.ids(source) if source else page_ids(site.dirs, template) if template else frozenset()
            if found.fragment not in ids:
                return f"{what} leads to no heading or section of that page", _ids_hint(ids)
        return None
    return nowhere


def _page_hint(found: Target) -> str:
    """A page's address written where its file's path belongs (`../people/x/`) gets the path to write."""
    parts = found.path.strip("/").split("/")
    if found.kind == "elsewhere" and len(parts) == 3 and parts[0] == "content" and parts[1] in FOLDERS:
        return f"link to a page by its file: ../{parts[1]}/{parts[2]}.md"
    return "link to a page by its file, e.g. ../people/jane-doe.md"


def _file_hint(site: Site, found: Target) -> str:
    folder = found.path.split("/")[1]
    slugs = sorted(slug for path, (_, slug) in site.docs.items() if path.split("/")[1] == folder)
    close = difflib.get_close_matches(found.slug, slugs, n=1)
    if close:
        return f"did you mean ../{folder}/{close[0]}.md?"
    return f"there is no {found.path}"


def _ids_hint(ids: Iterable[str]) -> str | None:
    names = sorted(ids)
    if not names:
        return None
    shown = ", ".join(f"#{n}" for n in names[:8])
    return f"it has {shown}" + (", ..." if len(names) > 8 else "")
