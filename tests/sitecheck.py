"""Reading a built site the way a browser and a crawler would: pages, their links, and the files they name.

Shared by the build, page, feed and link tests, so each test states a property of the output, not how to
walk it. Pages are parsed once (html5lib, the HTML5 algorithm browsers use) and cached.
"""

from __future__ import annotations

import functools
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest

from revdoor.modelling.model import Model
from revdoor.output.builder import BuildResult
from revdoor.site.languages import Languages

LINK_ATTRIBUTES = ("href", "src", "srcset", "action", "poster", "data")
REPO = Path(__file__).resolve().parent.parent
SITES = ("good-site", "good-site-subpath", "real")
_FIXTURE_OF = {"good-site": "good_site", "good-site-subpath": "good_site_subpath", "real": "real_site"}


@dataclass(frozen=True)
class Site:
    """One built output directory and the base URL it was built for."""

    name: str
    out: Path
    model: Model
    has_search_index: bool  # built with Pagefind: its files must then resolve too

    @classmethod
    def of(cls, name: str, result: BuildResult, *, has_search_index: bool) -> Site:
        assert result.model is not None and result.output is not None
        return cls(name, result.output, result.model, has_search_index)

    @property
    def base_url(self) -> str:
        return self.model.config.base_url

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def ui_language(self, url: str) -> str:
        """The language of a page's interface: its language's prefix (/fr/...), else the default language
        (an article too: every language frames it, at its own prefix)."""
        langs = Languages.of(self.model.config)
        rest = url[len(self.base_path):]
        return next((lang for lang in langs.codes[1:] if rest.startswith(f"{lang}/")), langs.default)

    def canonical(self, url: str) -> str:
        """A page's canonical URL (root-relative): its own, but for an article's frame in another language
        than the article's, which names the frame in the article's language (issue 18, point 7)."""
        config = self.model.config
        parts = url[len(self.base_path):].strip("/").split("/")
        slug = parts[-1] if len(parts) >= 2 and parts[-2] == "articles" else None
        if slug not in self.model.articles or len(parts) > 3:
            return url
        lang = config.frame_language(self.model.articles[slug].lang)
        return self.base_path + ("" if lang == config.language else f"{lang}/") + f"articles/{slug}/"

    def html_files(self) -> list[Path]:
        return sorted(p for p in self.out.rglob("*.html") if not self._is_search_index(p))

    def files(self, suffix: str) -> list[Path]:
        return sorted(p for p in self.out.rglob(f"*{suffix}") if not self._is_search_index(p))

    def _is_search_index(self, path: Path) -> bool:
        return path.relative_to(self.out).parts[0] == "pagefind"

    def url_of(self, path: Path) -> str:
        """The root-relative URL a file is served at: people/x/index.html -> /base/people/x/."""
        rel = path.relative_to(self.out).as_posix()
        if rel == "index.html":
            rel = ""
        elif rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return self.base_path + rel

    def page(self, url: str) -> Path:
        """The file serving a root-relative URL (which must start with the base path)."""
        path = self.resolve(url)
        assert path is not None, f"{self.name}: no file serves {url}"
        return path

    def resolve(self, url: str) -> Path | None:
        """The file a root-relative URL would be served from, as a static host (GitHub Pages) does."""
        path = unquote(urlsplit(url).path)
        if not path.startswith(self.base_path):
            return None
        rel = path[len(self.base_path):]
        target = self.out / rel if rel else self.out
        if target.is_dir():
            if rel and not rel.endswith("/"):
                return None  # a directory without its slash: every link the site makes ends with one
            target = target / "index.html"
        return target if target.is_file() else None


def built(request: pytest.FixtureRequest, name: str) -> Site:
    """One of SITES, built once per session by its conftest fixture; the real site only once content/ exists."""
    if name == "real" and not (REPO / "content").is_dir():
        pytest.skip("content/ does not exist yet: the real site is checked once its content is written")
    return Site.of(name, request.getfixturevalue(_FIXTURE_OF[name]), has_search_index=name == "real")


@functools.lru_cache(maxsize=4096)
def _parse_cached(path: Path, mtime_ns: int) -> ET.Element:
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree", ET), namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())


def parse(path: Path) -> ET.Element:
    """The document element of an HTML file (parsed leniently; strictness is its own test)."""
    return _parse_cached(path, path.stat().st_mtime_ns)


def strict_errors(path: Path) -> str | None:
    """The first HTML5 parse error in a file, or None when html5lib's strict mode accepts it."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(path.read_bytes())
    except html5lib.html5parser.ParseError as exc:
        return f"{exc} (line {parser.errors[-1][0][0] if parser.errors else '?'})"
    return None


def text(el: ET.Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def find_all(root: ET.Element, tag: str, **attrs: str) -> list[ET.Element]:
    return [el for el in root.iter(tag) if all(el.get(k.rstrip("_")) == v for k, v in attrs.items())]


def find(root: ET.Element, tag: str, **attrs: str) -> ET.Element | None:
    found = find_all(root, tag, **attrs)
    return found[0] if found else None


def by_id(root: ET.Element, ident: str) -> ET.Element | None:
    return next((el for el in root.iter() if el.get("id") == ident), None)


def meta(root: ET.Element, key: str) -> str | None:
    """<meta name=key> or <meta property=key> content."""
    for el in root.iter("meta"):
        if key in (el.get("name"), el.get("property")):
            return el.get("content")
    return None


def references(root: ET.Element) -> Iterator[tuple[str, str, str]]:
    """(tag, attribute, URL) for every URL an element points at, srcset candidates included."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in LINK_ATTRIBUTES:
            value = el.get(attr)
            if value is None or (attr == "data" and el.tag != "object"):
                continue
            if attr == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        yield el.tag, attr, candidate.split()[0]
            else:
                yield el.tag, attr, value.strip()


def internal_target(page_url: str, ref: str, site: Site) -> str | None:
    """A reference made absolute against its page, when it points into the site; None when external."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        if ref.startswith(site.base_url):
            return ref[len(site.base_url) - len(site.base_path):]
        return None
    if ref.startswith("/"):
        return ref
    if not parts.path:  # "#frag" or "?q": the page itself
        return page_url + ref
    base_dir = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(base_dir + parts.path) + ("/" if parts.path.endswith("/") else "")
    return joined + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
