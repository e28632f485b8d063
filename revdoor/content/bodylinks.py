"""Links that editors write between pages: a body links to another page by the path of its content file.

The convention is MkDocs', which GitHub's own Markdown view follows too, so a link works in the pull
request's file view as on the site: in `content/articles/x.md`, `[Zoph](../people/barret-zoph.md)` leads to
`content/people/barret-zoph.md`, and `[the move](../events/y.md#sources)` to a part of that page. The build
writes the page's URL in the language of the page that shows the text, under base_url's path
(`/fr/people/barret-zoph/` on a French page; `/tracker/people/barret-zoph/` on a project page). A
site-root link (`/people/barret-zoph/`, `/static/x.png`) gets the base path. Nothing here reads files: this
is the arithmetic of addresses, shared by the renderer (which writes them) and `check` (which follows them).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from ..common.urls import Urls

# The one home of content's folders and the kind of file each holds: content/<folder>/<slug>.md.
FOLDERS = {"articles": "article", "events": "event", "people": "person", "labs": "lab", "pages": "page"}
FOLDER_OF = {kind: folder for folder, kind in FOLDERS.items()}
_URL_OF = {"article": Urls.article, "event": Urls.event, "person": Urls.person, "lab": Urls.lab, "page": Urls.page}
_CONTENT_FILE = re.compile(rf"content/({'|'.join(FOLDERS)})/([^/]+)\.md")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# What can make a body link worth a second look: an internal address, or an external one written wrong.
# Well-formed http(s) links, by far the most common, are neither (`check` only reads bodies that match).
_CANDIDATE = re.compile(r"""\]\(\s*+<?+(?!https?://[^\s)>]+[)>\s])|\]:[ \t]*+<?+(?!https?://\S+\s*$)|"""
                        r"""<(?:a|img)\b""", re.IGNORECASE | re.MULTILINE)
# A scheme written wrong: "http//x", "https:/x", "htp://x", "http:x".
_BROKEN_SCHEME = re.compile(r"(?:h?t?t?ps?|h?t?tp)(?::/?(?!/)|//)|[a-z]+:/(?!/)", re.IGNORECASE)

Kind = Literal["page", "file", "root", "fragment", "external", "malformed", "elsewhere"]


@dataclass(frozen=True)
class Place:
    """Where a body is shown: the file it comes from (relative links start there) and the URLs of the
    language of the page showing it."""

    source: str  # content/articles/x.md
    urls: Urls


@dataclass(frozen=True)
class Target:
    """What an address written in a body points at, whatever the language of the page.

    page: a content file (`path`, with its `kind` and `slug`); file: a file of the site's own, by its path
    from the site's root (`static/x.png`); root: a site-root address (`/people/x/`); fragment: a part of the
    same page; external: another site (or mailto:); malformed: an address written wrong; elsewhere: a
    relative address that is none of these (leads to no page)."""

    kind: Kind
    path: str = ""
    fragment: str = ""
    page_kind: str = ""
    slug: str = ""


def candidates(body: str) -> bool:
    """Whether `body` may hold a link `check` must follow: cheap, so bodies without one are never rendered."""
    return _CANDIDATE.search(body) is not None


def target(source: str, href: str) -> Target:
    """Where `href`, written in the content file `source`, leads."""
    href = href.strip()
    if not href:
        return Target("elsewhere")
    if " " in href or "\\" in href or _BROKEN_SCHEME.match(href):
        return Target("malformed")
    if href.startswith("#"):
        return Target("fragment", fragment=href[1:])
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        if parts.scheme in ("http", "https") and not parts.netloc:
            return Target("malformed")
        return Target("external")
    if _SCHEME.match(href):
        return Target("malformed")
    if href.startswith("/"):
        return Target("root", parts.path, parts.fragment)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(source), parts.path))
    found = _CONTENT_FILE.fullmatch(path)
    if found:
        return Target("page", path, parts.fragment, FOLDERS[found.group(1)], found.group(2))
    if path.startswith("static/"):
        return Target("file", path, parts.fragment)
    return Target("elsewhere", path, parts.fragment)


def rewrite(href: str, place: Place) -> str:
    """The address the built page writes for `href`: a content file's page in the place's language, a
    site-root address or a file under the base path; anything else as written."""
    found = target(place.source, href)
    suffix = f"#{found.fragment}" if found.fragment else ""
    if found.kind == "page":
        return _URL_OF[found.page_kind](place.urls, found.slug) + suffix
    if found.kind == "root":
        return place.urls.base + found.path[1:] + suffix
    if found.kind == "file" and found.path.startswith("static/"):
        return place.urls.static(found.path[len("static/"):]) + suffix
    return href


def place_key(body: str, place: Place | None, linked: bool = False) -> str:
    """What a rendered body depends on besides its text: its place, only when it holds a link to rewrite
    (most bodies render the same wherever they are shown, and share one cache entry), or when names in it
    are `linked` (a mention is a link to a content file)."""
    if place is None or not (linked or candidates(body)):
        return ""
    return f"{place.source}\0{place.urls.base}\0{place.urls.prefix}"
