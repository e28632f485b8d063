"""Markdown bodies -> safe HTML, with the names of known people and labs linked at their first mention.

Names are found with one dictionary of word sequences (longest first), so the cost is linear in the text
and independent of how many profiles exist: "Google DeepMind" links DeepMind, not Google. Linking happens in
the element tree, never by editing HTML strings; the result is then sanitised with an allow-list (nh3),
because bodies come from strangers through pull requests.

People who opted out (`hidden: true`, docs/policy.md) are not linked but removed: `Linker.redact` turns every
mention of their name or alias into "a researcher" in the Markdown itself, before it is rendered, so the
name is in no element, attribute or cached body.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import xml.etree.ElementTree as etree  # noqa: N813 - the name Python-Markdown's own docs use
from collections.abc import Iterable
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..common.names import slugify
from . import bodylinks, fastmark, inline
from .bodylinks import Place

WORD = re.compile(r"\w+")
SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
EXTENSIONS = ["extra", "sane_lists"]
ALLOWED_TAGS = (nh3.ALLOWED_TAGS - {"area", "map", "center", "img"}) | {"img"}
ALLOWED_ATTRIBUTES = {**{k: set(v) for k, v in nh3.ALLOWED_ATTRIBUTES.items()},
                      **{h: {"id"} for h in HEADINGS},  # a heading's id: where a `#fragment` link lands
                      "a": {"href", "hreflang", "title", "class"}, "abbr": {"title"},
                      "img": {"src", "alt", "width", "height", "title"},
                      "th": {"colspan", "rowspan", "scope", "align"}, "td": {"colspan", "rowspan", "align"}}
SETTINGS_VERSION = "5"  # bump when the Markdown settings change: rendered-body caches key on it
URL_SCHEMES = {"http", "https", "mailto"}
ANONYMOUS = "a researcher"  # what a hidden person is called wherever a move or a text must still say someone


@dataclass(frozen=True)
class Name:
    """A name or alias as a sequence of words, with the separators between them."""

    words: tuple[str, ...]
    seps: tuple[str, ...]
    target: str  # e.g. "person:barret-zoph"
    url: str


def split_name(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    matches = list(WORD.finditer(text))
    words = tuple(m.group() for m in matches)
    seps = tuple(_norm_sep(text[a.end():b.start()]) for a, b in itertools.pairwise(matches))
    return words, seps


def _norm_sep(sep: str) -> str:
    return " " if sep.isspace() else " ".join(sep.split())


@dataclass
class Linker:
    """Every name and alias of every profile, keyed by its first word, then by its whole word sequence."""

    names: dict[str, dict[tuple[str, ...], list[Name]]] = field(default_factory=dict)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word -> name lengths, longest first
    digest: str = ""  # changes when any name, target or URL changes
    groups: dict[str, str] = field(default_factory=dict)  # first word -> digest of the names it starts
    hidden: frozenset[str] = frozenset()  # targets never linked: their names are redacted instead
    hidden_re: re.Pattern[str] | None = None  # every name and alias of a hidden target, in any case
    digit_words: tuple[str, ...] = ()  # first words made of digits (`digest_for` counts them for every text)

    @classmethod
    def from_names(cls, entries: Iterable[tuple[str, str, str]], hidden: Iterable[str] = ()) -> Linker:
        """entries: (text, target, url); hidden: targets whose names are replaced by ANONYMOUS, not linked."""
        linker = cls(hidden=frozenset(hidden))
        h = hashlib.blake2b(digest_size=16)
        patterns = []
        for text, target, url in sorted(set(entries)):
            h.update(f"{text}\0{target}\0{url}\n".encode())
            words, seps = split_name(text)
            if target in linker.hidden:
                h.update(b"hidden\n")  # only then: a site where nobody opted out keeps its cached bodies
                if words:
                    patterns.append(r"\W+".join(re.escape(w) for w in words))
                continue
            if words:
                group = linker.names.setdefault(words[0], {})
                group.setdefault(words, []).append(Name(words, seps, target, url))
        for first, group in linker.names.items():
            linker.lengths[first] = tuple(sorted({len(w) for w in group}, reverse=True))
            g = hashlib.blake2b(digest_size=16)
            for name in sorted((n for names in group.values() for n in names), key=repr):
                g.update(f"{name!r}\n".encode())
            linker.groups[first] = g.hexdigest()
        linker.digit_words = tuple(w for w in linker.groups if w.isdigit())
        if patterns:
            # Longest first, so "Brett Zoph" goes whole before "Zoph"; any separator ("Barret **Zoph**", a
            # line break) and any case: a name missed here would be published.
            alternatives = "|".join(sorted(set(patterns), key=lambda p: (-len(p), p)))
            linker.hidden_re = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        linker.digest = h.hexdigest()
        return linker

    def digest_for(self, text: str) -> str:
        """What of this linker can change how `text` renders: the names starting with a word the text holds.

        `find` looks a name up only by a word of the text it is given, and the text Markdown hands it is
        made of the body's own words (entities and escapes become placeholders, footnote marks sit in links,
        which are never searched). So a rendered article is cache-keyed by this, not by `digest`: renaming
        one person renders again only the texts holding the old or the new name's first word. Names starting
        with digits are always counted: Markdown's placeholders hold digits of their own.
        """
        words = self.groups.keys() & set(WORD.findall(text))
        words.update(self.digit_words)
        h = hashlib.blake2b(digest_size=16)
        for word in sorted(words):
            h.update(f"{word}\0{self.groups[word]}\n".encode())
        return h.hexdigest()

    def redact(self, text: str) -> str:
        """`text` with every mention of a hidden person as ANONYMOUS ("A researcher" where a sentence starts)."""
        if self.hidden_re is None or not text:
            return text
        return self.hidden_re.sub(lambda m: _anonymous(text, m.start()), text)

    def find(self, text: str) -> list[tuple[int, int, Name]]:
        """Non-overlapping (start, end, name) matches, leftmost then longest."""
        words = WORD.findall(text)
        lengths_of = self.lengths
        # Only the words that start some name are looked at in Python (a list comprehension's set tests run
        # at C speed); most pieces of text between two marks have none.
        starts = [i for i, word in enumerate(words) if word in lengths_of]
        if not starts:
            return []
        matches = list(WORD.finditer(text))
        found = []
        after = 0  # the first word a next match may start at
        for i in starts:
            if i < after:
                continue
            group, hit = self.names[words[i]], None
            for n in lengths_of[words[i]]:
                candidates = group.get(tuple(words[i:i + n])) if i + n <= len(words) else None
                if candidates:
                    seps = tuple(_norm_sep(text[matches[i + j].end():matches[i + j + 1].start()])
                                 for j in range(n - 1))
                    hit = next((c for c in candidates if c.seps == seps), None)
                    if hit:
                        break
            if hit:
                after = i + len(hit.words)
                found.append((matches[i].start(), matches[after - 1].end(), hit))
        return found


def _anonymous(text: str, start: int) -> str:
    """ANONYMOUS, capitalised at the start of a line, a sentence or a Markdown heading, list item or quote."""
    before = text[:start].rstrip(" \t*_>#+-[")
    return ANONYMOUS[0].upper() + ANONYMOUS[1:] if not before or before[-1] in "\n.!?" else ANONYMOUS


class _MentionProcessor(Treeprocessor):
    def __init__(self, md: markdown.Markdown, linker: Linker | None, found: list[str],
                 reserved: frozenset[str]) -> None:
        super().__init__(md)
        self.linker, self.found, self.reserved = linker, found, reserved

    def run(self, root: etree.Element) -> None:
        # The page's own <h1> is the title, so a body's headings start at <h2> and never skip a level
        # (an editor's "## Section" first, or "#" then "###", would otherwise leave a gap for screen readers).
        headings = [el for el in root.iter() if el.tag in HEADINGS]
        rank = {level: i + 2 for i, level in enumerate(sorted({int(el.tag[1]) for el in headings}))}
        previous = 1
        taken = set(self.reserved)
        for el in headings:
            previous = min(rank[int(el.tag[1])], previous + 1, 6)
            el.tag = f"h{previous}"
            # An id the editor gave (`## Rumeurs {#rumours}`) is kept: a translation's heading then keeps the
            # address its original has, which links elsewhere name.
            el.set("id", heading_id(el.get("id") or "".join(el.itertext()), taken))
        if self.linker is not None:
            linked: set[str] = set()
            self._walk(root, linked)

    def _walk(self, el: etree.Element, linked: set[str]) -> None:
        if el.tag not in SKIP:
            el.text = self._link(el, 0, el.text, linked)
            for child in list(el):
                self._walk(child, linked)
        for child in list(el):
            if child.tail:
                child.tail = self._link(el, list(el).index(child) + 1, child.tail, linked)

    def _link(self, parent: etree.Element, index: int, text: str | None, linked: set[str]) -> str | None:
        """Replace the first mention of each entity in `text` by an <a>; record every mention."""
        if not text or self.linker is None:
            return text
        pieces: list[etree.Element] = []
        head, cursor, current = text, 0, None
        for start, end, name in self.linker.find(text):
            self.found.append(name.target)
            if name.target in linked or parent.tag in SKIP:
                continue
            linked.add(name.target)
            link = etree.Element("a", {"href": name.url, "class": "mention"})
            link.text = text[start:end]
            if current is None:
                head = text[cursor:start]
            else:
                current.tail = text[cursor:start]
            pieces.append(link)
            current, cursor = link, end
        if current is None:
            return text
        current.tail = text[cursor:]
        for offset, piece in enumerate(pieces):
            parent.insert(index + offset, piece)
        return head


def heading_id(text: str, taken: set[str]) -> str:
    """A stable id for a heading, from its words ("Départ d'OpenAI" -> "depart-dopenai"), unique on its page:
    not one of `taken` (the body's earlier headings, the ids the page's template writes), else "-2", "-3"."""
    base = slugify(text) or "section"
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    return ident


class _Mentions(Extension):
    def __init__(self, linker: Linker | None, found: list[str], reserved: frozenset[str]) -> None:
        super().__init__()
        self.linker, self.found, self.reserved = linker, found, reserved

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_MentionProcessor(md, self.linker, self.found, self.reserved), "mentions", 0)


@dataclass(frozen=True)
class Written:
    """A link or image address in a sanitised body, as the editor wrote it (before any rewriting)."""

    tag: str  # "a" or "img"
    href: str


class Renderer:
    """One reusable Markdown converter: building one per body cost more than converting the body.

    `reserved`: ids the pages' templates write, which a heading's id must not take. Each call may name the
    body's `Place`, so that links to content files become the URLs of the page's language; the addresses
    and heading ids that survived sanitising are left in `written` and `ids` for `check`."""

    def __init__(self, linker: Linker | None = None, reserved: frozenset[str] = frozenset()) -> None:
        self.found: list[str] = []
        self.mentions = _Mentions(linker, self.found, reserved)
        self.md = markdown.Markdown(extensions=[*EXTENSIONS, self.mentions], output_format="html")
        inline.install(self.md)  # the same output, without trying patterns that cannot match
        self.place: Place | None = None
        self.unsanitised = ""  # the last body's HTML before sanitising: what `check` says the sanitiser dropped
        self.written: list[Written] = []
        self.ids: list[str] = []
        # The sanitiser sees every address that survives it, written by Markdown or as raw HTML alike.
        self.cleaner = nh3.Cleaner(tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                                   attribute_filter=self._attribute, url_schemes=URL_SCHEMES,
                                   link_rel="noopener noreferrer")

    def __call__(self, body: str, place: Place | None = None) -> tuple[str, tuple[str, ...]]:
        """Markdown -> (sanitised HTML, targets mentioned in order of first appearance)."""
        self.place = place
        self.unsanitised = ""
        self.written.clear()
        self.ids.clear()
        if self.mentions.linker is None:  # nothing to link: plain paragraphs need no Markdown
            html = plain_paragraphs(body)
            if html is not None:
                return clean(html), ()
        self.found.clear()
        root = fastmark.tree(body)  # most articles: Markdown's tree without its parsers (a third of the time)
        self.md.reset()
        html = self.unsanitised = self.md.convert(body) if root is None else fastmark.finish(self.md, root)
        return self.cleaner.clean(html), tuple(dict.fromkeys(self.found))

    def _attribute(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            self.ids.append(value)
        elif (tag, attribute) in (("a", "href"), ("img", "src")):
            if _same_site_images(tag, attribute, value) is None:
                return None
            self.written.append(Written(tag, value))
            if self.place is not None:
                return bodylinks.rewrite(value, self.place)
        return value


# What Markdown could read as syntax: inline marks, HTML and entities, escapes, tables, attribute lists,
# setext and ATX headings, fences; tabs and control characters (its preprocessors rewrite them).
_MARKDOWN_CHARS = re.compile(r"[\\`*_\[\]<>&#|~{}=\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def plain_paragraphs(body: str) -> str | None:
    """The HTML Python-Markdown makes of `body` when it is only paragraphs of plain text, else None.

    Most bodies are a move's notes or a short bio: a sentence or two. Markdown's fixed cost per document
    (its preprocessors, block and tree processors, serialiser) was a third of all rendering on M for them.
    A body qualifies when no character can be syntax and every line starts with a letter (no list, quote,
    heading, code block or definition) and has no trailing space (a line break); tested byte for byte
    against Markdown itself (tests/test_plain_paragraphs.py)."""
    if _MARKDOWN_CHARS.search(body):
        return None
    paragraphs: list[list[str]] = [[]]
    for line in body.strip("\n").split("\n"):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif line[0].isalpha() and not line[-1].isspace():
            paragraphs[-1].append(line)
        else:
            return None
    return "\n".join(f"<p>{chr(10).join(lines)}</p>" for lines in paragraphs if lines)


def render(body: str, linker: Linker | None = None, place: Place | None = None) -> tuple[str, tuple[str, ...]]:
    """Render one body (convenience for tests; batches use `Renderer`)."""
    return Renderer(linker)(body, place)


def clean(html: str) -> str:
    return _cleaner().clean(html)


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """One sanitiser per process: `nh3.clean(html, **settings)` converts the settings again on every call,
    which cost twice the sanitising itself over M's 15,000 bodies (0.64 s against 0.22 s, same output)."""
    return nh3.Cleaner(tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES, attribute_filter=_same_site_images,
                       url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")


def _same_site_images(tag: str, attribute: str, value: str) -> str | None:
    """An image from another host is fetched by every reader's browser as the page loads: a tracking pixel
    slipped into a pull request. Only the site's own images (relative addresses) keep their `src`."""
    if tag == "img" and attribute == "src" and (":" in value.split("/", 1)[0] or value.startswith("//")):
        return None
    return value
