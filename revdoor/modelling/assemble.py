"""Validated files -> the model: resolve every reference, render every body, check what spans files.

First gather every profile, so that every reference, whichever file it is in, resolves against the same
index; then the articles and events, which point at profiles and at each other.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common import urls
from ..common.names import slugify
from ..common.parallel import map_ordered
from ..common.problems import Problem, error, warning
from ..common.theme import Reserved
from ..content import markup
from ..content.bodylinks import Place, candidates, place_key
from ..content.config import SiteConfig
from ..content.load import RawDoc, discover, iter_lines, parse_doc
from ..content.redirects import redirect_problems
from ..content.refs import NameIndex, build_index, clashes, resolve_one
from ..content.schema import is_http_url, validate
from ..content.statuses import DEFAULT as DEFAULT_STATUS
from ..content.translated import BODY_FIELD, NONE, TEXT_FIELDS, UNTRANSLATED, Translations, split_body
from .cache import BodyCache, DocCache, body_key
from .model import Article, Event, Fields, Lab, Model, Person, PlainPage, Source

Validated = tuple[RawDoc, dict[str, Any]]
Rendered = dict[str, tuple[str, tuple[str, ...]]]  # "kind:slug" -> (html, mentioned targets)
Part = tuple[str, str, Place]  # what to render: (key, Markdown, where it is shown)


Read = tuple[RawDoc | None, dict[str, Any], list[Problem]]
RACY_NS = 2_000_000_000


def read_all(
    root: Path, config: SiteConfig, jobs: int | None = None, docs: DocCache | None = None, bodies: bool = True
) -> tuple[dict[str, list[Validated]], list[Problem]]:
    """Read and validate every file (over the cores); files with errors still come back when readable.

    Files unchanged since `docs` saw them (same size and mtime) are not read again.
    """
    found, problems = discover(root)
    if docs is None or not bodies:  # docs without their bodies must not be cached for a build
        docs = DocCache(None, config.language, config.languages)
    # Plain strings, not Path objects, on this path: pathlib costs more than parsing on 75,000 files.
    prefix = len(str(root)) + 1 if str(root) != "." else 0  # Path(".") / "content" is "content", no "./"
    items = [(kind, path, path[prefix:].replace(os.sep, "/")) for kind, path in found]
    results: dict[str, Read] = {}
    missing: list[tuple[str, str, str]] = []
    for item in items if docs.entries else ():  # (nothing known, as for `check`: no file is looked at twice)
        try:
            st = os.stat(item[1])
            hit = docs.get(item[2], st.st_size, st.st_mtime_ns)
        except OSError:
            hit = None
        if hit is None:
            missing.append(item)
        else:
            results[item[2]] = hit
    if not docs.entries:
        missing = items
    done = map_ordered(functools.partial(_read_one, config.languages, bodies=bodies), missing, jobs, threshold=500)
    for (_, _, rel), (size, mtime, read) in zip(missing, done, strict=True):
        results[rel] = read
        docs.put(rel, size, mtime, read)
    docs.keep_only(set(results))
    by_kind: dict[str, list[Validated]] = {"article": [], "event": [], "person": [], "lab": [], "page": []}
    for _, _, rel in items:
        doc, values, doc_problems = results[rel]
        problems += doc_problems
        if doc is not None:
            by_kind[doc.kind].append((doc, values))
    return by_kind, problems


def _read_one(languages: tuple[str, ...], item: tuple[str, str, str], bodies: bool = True) -> tuple[int, int, Read]:
    """(kind, path, path relative to the site) -> (size, mtime, (doc, values, problems)); `languages`: the
    site's, the default first.

    Without `bodies` the Markdown is dropped here, in the worker, so it never travels between processes.
    """
    kind, path, rel = item
    try:
        # The bare system calls (Python's buffered `open` adds an fstat, an ioctl and an lseek per file: a
        # cold `check` of corpus L reads 43,000 files); its size and time before reading it: a file saved
        # meanwhile only looks changed next time.
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            st = os.fstat(fd)
            size, mtime = st.st_size, st.st_mtime_ns
            data = _read_fd(fd, size)
        finally:
            os.close(fd)
    except OSError as exc:
        return -1, -1, (None, {}, [error(rel, 1, None, f"cannot read file: {exc.strerror}")])
    if time.time_ns() - mtime < RACY_NS:
        # Saved just now: another save within the file system's clock tick could keep size and mtime, so
        # do not trust this entry next time (git's "racy clean" rule).
        size, mtime = -1, -1
    doc, problems = parse_doc(data, rel, kind, os.path.basename(path)[:-3])
    if doc is None:
        return size, mtime, (None, {}, problems)
    values, more = validate(doc, languages[0], languages[1:])
    if not bodies and not candidates(doc.body):  # `check` reads a body only to follow its links
        doc = dataclasses.replace(doc, body="")
    return size, mtime, (doc, values, problems + more)


def _read_fd(fd: int, size: int) -> bytes:
    """The whole file, `size` bytes long when its size was taken: one read, unless it grew since (a read of
    a regular file returns less than asked only at its end)."""
    data = os.read(fd, size + 1)
    if len(data) <= size:
        return data
    chunks = [data]
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


_RENDERERS: dict[tuple[str, frozenset[str]], markup.Renderer] = {}
NO_IDS = Reserved()
# (linker, body, place, reserved ids, whether the names the body may hold are to be found too)
ToRender = tuple[markup.Linker | None, str, Place, frozenset[str], bool]


def _render_one(item: ToRender) -> tuple[tuple[str, tuple[str, ...]], str | None]:
    """A body rendered, and (when asked) the digest of the names it may hold (`Linker.digest_for`)."""
    # One converter per process, linker and set of reserved ids, built on first use (in the worker, after fork).
    linker, body, place, reserved, names = item
    key = (linker.digest if linker else "", reserved)
    renderer = _RENDERERS.get(key)
    if renderer is None:
        renderer = _RENDERERS[key] = markup.Renderer(linker, reserved)
    return renderer(body, place), linker.digest_for(body) if names and linker else None


def render_bodies(items: list[Part], linker: markup.Linker | None, cache: BodyCache, jobs: int | None = None,
                  linked: Sequence[Part] = (), reserved: Reserved = NO_IDS) -> Rendered:
    """Render (key, body, place) parts without linking names, and the `linked` ones linking `linker`'s names;
    reusing the cache and spreading what is missing over the cores, all in one pool (a second pool for the
    articles cost its start and its last chunk's wait again). `reserved`: ids no heading may take, by the
    kind of file a part's key starts with ("page:policy")."""
    out: Rendered = {}
    missing: list[tuple[str, str, ToRender]] = []
    ids = {kind: "\0".join(sorted(reserved.of(kind))) for kind in ("page", "")}
    for batch, link in ((items, None), (linked, linker)):
        for name, body, place in batch:
            kind = "page" if name.startswith("page:") else ""
            where = place_key(body, place, linked=link is not None)
            key = body_key(body, f"{where}\0{ids[kind]}")
            if link is not None:  # and the names its words can start (`Linker.digest_for`)
                names = cache.known_names(key, body, link)
                if names is None and cache.entries:  # its rendering may be cached under the names found now
                    names = link.digest_for(body)
                    cache.learn_names(key, names)
                if names is None:  # nothing cached: found where it renders, over the cores; its key is made then
                    missing.append((name, key, (link, body, place, reserved.of(kind), True)))
                    continue
                key = body_key(names, key)
            hit = cache.get(key)
            if hit is None:
                missing.append((name, key, (link, body, place, reserved.of(kind), False)))
            else:
                out[name] = hit
    # Chunks of even length in characters, not in bodies: an article is worth twenty notes.
    done = map_ordered(_render_one, [b for _, _, b in missing], jobs, threshold=100,
                       weights=[len(b[1]) for _, _, b in missing])
    for (name, key, _), (value, names) in zip(missing, done, strict=True):
        if names is not None:
            cache.learn_names(key, names)
            key = body_key(names, key)
        cache.put(key, value)
        out[name] = value
    return out


def assemble(config: SiteConfig, by_kind: dict[str, list[Validated]], cache: BodyCache | None = None,
             jobs: int | None = None, bodies: bool = True, reserved: Reserved = NO_IDS
             ) -> tuple[Model, list[Problem]]:
    """The model, with every cross-file rule checked. Without `bodies` (for `check`, which follows links
    apart) no body is rendered and articles name only the people and labs of their front matter.
    `reserved`: the ids the templates write, which no heading of a body may take."""
    problems: list[Problem] = []
    cache = cache or BodyCache(None)
    people_index, p = build_index("person", by_kind["person"])
    labs_index, q = build_index("lab", by_kind["lab"])
    problems += p + q + clashes(people_index, labs_index)
    u = urls.Urls(config.base_path)

    # Bodies first: profiles and notes link nothing; articles link every known name (the name index is
    # complete before any body renders). All go through the cache and over the cores, in one pool.
    # A hidden person's names are redacted from every text before it is rendered (and cache-keyed).
    rendered: Rendered = {}
    linker = make_linker(by_kind, u) if bodies else None
    redact = linker.redact if linker else str
    if linker:
        plain = [part for kind in ("person", "lab", "event", "page") for d, _ in by_kind.get(kind, ())
                 for part in body_parts(d, config, redact)]
        linked = [part for d, v in by_kind["article"] for part in article_parts(d, v, config, redact)]
        rendered = render_bodies(plain, linker, cache, jobs, linked=linked, reserved=reserved)

    def html(doc: RawDoc) -> str:
        return rendered.get(f"{doc.kind}:{doc.slug}", ("", ()))[0]

    for kind in ("person", "lab", "article"):
        problems += redirect_problems(by_kind[kind])
    def translations(d: RawDoc, v: dict[str, Any]) -> Translations:
        return translations_of(d, v, rendered, config.languages)

    people = {d.slug: person_record(d, v, html(d), translations(d, v)) for d, v in by_kind["person"]}
    labs = {d.slug: lab_record(d, v, labs_index, html(d), translations(d, v), problems) for d, v in by_kind["lab"]}
    problems += _parent_cycles(labs, {d.slug: d.line("parent") for d, _ in by_kind["lab"]})

    articles: dict[str, Article] = {}
    for d, v in by_kind["article"]:
        article = article_record(d, v, people_index, labs_index, rendered, redact, problems, config.languages)
        if article is not None:
            articles[d.slug] = article

    events: dict[str, Event] = {}
    resolver = Resolver(people_index, labs_index, labs, frozenset(d.slug for d, _ in by_kind["article"]),
                        linker if linker and linker.hidden else None)
    for d, v in by_kind["event"]:
        event = event_record(d, v, resolver, html(d), problems, translations(d, v))
        if event is not None:
            events[d.slug] = event

    pages = {d.slug: page_record(d, v, html(d), translations(d, v), redact) for d, v in by_kind.get("page", ())}
    addressed = [d for kind in ("article", "event", "page") for d, _ in by_kind.get(kind, ())]  # file name: URL
    problems += hidden_in_addresses(people, addressed)
    return Model(config, people, labs, articles, events, pages), problems


def person_record(d: RawDoc, v: dict[str, Any], bio_html: str, translations: Translations) -> Person:
    return Person(d.slug, v.get("name", d.slug), v.get("aliases", ()), v.get("links", ()), bio_html, d.path,
                  v.get("redirect_from", ()), v.get("hidden", False), translations, Fields.of(v))


def page_record(d: RawDoc, v: dict[str, Any], body_html: str, translations: Translations,
                redact: Callable[[str], str] = str) -> PlainPage:
    """A plain page; its short texts pass the redaction its text did (a hidden person is named on no page)."""
    shown = {k: _redacted(x, redact) for k, x in v.items()}
    texts = Translations(tuple((lang, name, text if name == "body" else redact(text))
                               for lang, name, text in translations.items))
    return PlainPage(d.slug, shown.get("title", d.slug), shown.get("description"), body_html, d.path, texts,
                     Fields.of(shown))


def lab_record(d: RawDoc, v: dict[str, Any], labs_index: NameIndex, description_html: str,
               translations: Translations, problems: list[Problem]) -> Lab:
    parent = _ref(labs_index, d, v, "parent", problems)
    return Lab(d.slug, v.get("name", d.slug), v.get("aliases", ()), v.get("kind"), parent, v.get("url"),
               description_html, d.path, v.get("redirect_from", ()), translations, Fields.of(v))


def article_record(d: RawDoc, v: dict[str, Any], people_index: NameIndex, labs_index: NameIndex,
                   rendered: Rendered, redact: Callable[[str], str], problems: list[Problem],
                   languages: tuple[str, ...] = ()) -> Article | None:
    """An article names the people and labs of its front matter, then those its text mentions; it holds its
    text as each of the site's `languages` frames it (`article_parts`)."""
    named_people = _refs(people_index, d, v, "people", problems)
    named_labs = _refs(labs_index, d, v, "labs", problems)
    html, mentions = rendered.get(f"article:{d.slug}", ("", ()))
    mentioned_people = [t.split(":", 1)[1] for t in mentions if t.startswith("person:")]
    mentioned_labs = [t.split(":", 1)[1] for t in mentions if t.startswith("lab:")]
    if "date" not in v or "title" not in v:
        return None
    frames = tuple((lang, rendered[f"article:{d.slug}@{lang}"][0]) for lang in languages
                   if f"article:{d.slug}@{lang}" in rendered)
    return Article(d.slug, redact(v["title"]), v["date"], v["lang"], v.get("source"), v.get("source_url"),
                   redact(v["summary"]) if "summary" in v else None,
                   tuple(dict.fromkeys(named_people + mentioned_people)),
                   tuple(dict.fromkeys(named_labs + mentioned_labs)), html, d.path, v.get("redirect_from", ()),
                   Fields.of({k: _redacted(x, redact) for k, x in v.items()}), frames)


def _redacted(value: Any, redact: Callable[[str], str]) -> Any:
    """An article's text fields shown to readers pass the same redaction as its title."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, tuple):
        return tuple(_redacted(x, redact) for x in value)
    return value


def article_parts(d: RawDoc, v: dict[str, Any], config: SiteConfig, redact: Callable[[str], str]) -> list[Part]:
    """An article's text, rendered linking every known name, once for each language's frame of it: as
    "article:slug" for the frame in its own language, as "article:slug@lang" for the others, whose links
    lead to that language's pages (an article is framed in every language: `site/languages.py`)."""
    own, text = config.frame_language(v.get("lang", config.language)), redact(d.body)
    return [(f"article:{d.slug}", text, _place(d, config, own)),
            *((f"article:{d.slug}@{lang}", text, _place(d, config, lang)) for lang in config.languages if lang != own)]


def hidden_in_addresses(people: dict[str, Person], docs: Iterable[RawDoc]) -> list[Problem]:
    """A file name is its page's address: one holding a hidden person's name (or alias) publishes it."""
    forms = sorted({f for p in people.values() if p.hidden for f in map(slugify, (p.name, *p.aliases)) if f})
    problems = []
    for d in docs if forms else ():
        found = next((f for f in forms if f"-{f}-" in f"-{d.slug}-"), None)
        if found:
            problems.append(warning(d.path, 1, None, f"the file name contains {found!r}, a name of a hidden person: "
                                    "the page's address shows it", "rename the file, see docs/policy.md"))
    return problems


@dataclass(frozen=True)
class Resolver:
    """What an event's references resolve against: kept by the preview server to redo one event alone."""

    people: NameIndex
    labs_index: NameIndex
    labs: dict[str, Lab]
    articles: frozenset[str]
    redactor: markup.Linker | None = None  # when someone is hidden: what their names are redacted with


def make_linker(by_kind: dict[str, list[Validated]], u: urls.Urls) -> markup.Linker:
    """Every name that links article text, and the hidden people's names, which are redacted instead."""
    hidden = (f"person:{d.slug}" for d, v in by_kind["person"] if v.get("hidden"))
    return markup.Linker.from_names(_name_entries(by_kind, u), hidden)


def event_record(d: RawDoc, v: dict[str, Any], r: Resolver, notes_html: str, problems: list[Problem],
                 translations: Translations = NONE) -> Event | None:
    """One validated event file -> its record (None when it lacks what a record needs); problems appended."""
    who = _refs(r.people, d, v, "people", problems) if "people" in v else []
    if "person" in v:
        slug = _ref(r.people, d, v, "person", problems)
        who = [slug] if slug else []
    from_lab = _ref(r.labs_index, d, v, "from", problems)
    to_lab = _ref(r.labs_index, d, v, "to", problems)
    if from_lab and from_lab == to_lab:
        # A founding "from" the lab it founds reads as a spin-out of a team: odd, not impossible.
        report = warning if v.get("type") == "founding" else error
        problems.append(report(d.path, d.line("to"), "to", f"is the same lab as from ({r.labs[to_lab].name!r})"))
    sources = _sources(d, v.get("sources", ()), r.articles, problems)
    if len(set(who)) != len(who):
        problems.append(error(d.path, d.line("people"), "people", "names the same person twice"))
    if "date" not in v or "type" not in v:
        return None
    return Event(
        slug=d.slug, type=v["type"], date=v["date"], people=tuple(dict.fromkeys(who)), unnamed=v.get("unnamed"),
        count=v.get("count"), from_lab=from_lab, to_lab=to_lab, role=v.get("role"), from_role=v.get("from_role"),
        status=v.get("status", DEFAULT_STATUS), sources=sources, notes_html=notes_html, path=d.path,
        lines=tuple((f, d.line(f)) for f in ("from", "to", "date")), translations=translations, fields=Fields.of(v))


def _place(d: RawDoc, config: SiteConfig, lang: str) -> Place:
    return Place(d.path, urls.Urls.for_language(config.base_path, lang, config.language))


def body_parts(d: RawDoc, config: SiteConfig, redact: Callable[[str], str]) -> list[Part]:
    """What to render of a profile's or an event's body: the default language's text as "kind:slug", and
    each other language's section as "kind:slug:lang" (`translated`); a hidden person redacted from all.
    When the default text links to other pages, it is rendered again for each other language as
    "kind:slug@lang", linking that language's pages, for the pages that show it untranslated."""
    key, languages = f"{d.kind}:{d.slug}", config.languages
    default, sections = split_body(d.body, languages)
    translated = {s.lang for s in sections}
    return [(key, redact(default), _place(d, config, languages[0])),
            *((f"{key}:{s.lang}", redact(s.text), _place(d, config, s.lang)) for s in sections
              if s.lang != languages[0]),
            *((f"{key}@{lang}", redact(default), _place(d, config, lang)) for lang in languages[1:]
              if lang not in translated and candidates(default))]


def translations_of(d: RawDoc, v: dict[str, Any], rendered: Rendered, languages: tuple[str, ...]) -> Translations:
    """A record's text in the site's other languages: its body's sections (rendered by `body_parts`' keys)
    and its `role_fr`-style fields (validated by `schema`); and its untranslated body where its links
    differ by language (`UNTRANSLATED`)."""
    items = []
    for lang in languages[1:]:
        html = rendered.get(f"{d.kind}:{d.slug}:{lang}")
        if html is not None and d.kind in BODY_FIELD:
            items.append((lang, BODY_FIELD[d.kind], html[0]))
        untranslated = rendered.get(f"{d.kind}:{d.slug}@{lang}")
        if untranslated is not None and d.kind in BODY_FIELD:
            items.append((lang, BODY_FIELD[d.kind] + UNTRANSLATED, untranslated[0]))
        items += [(lang, base, v[f"{base}_{lang}"]) for base in TEXT_FIELDS.get(d.kind, ()) if f"{base}_{lang}" in v]
    return Translations(tuple(items))


def _name_entries(by_kind: dict[str, list[Validated]], u: urls.Urls) -> Iterable[tuple[str, str, str]]:
    """A mention links to the profile's content file, as an editor's link would (`bodylinks`): the renderer
    writes the URL in the language of the page that shows it."""
    for kind, folder in (("person", "people"), ("lab", "labs")):
        for d, v in by_kind[kind]:
            for text in (v.get("name", ""), *v.get("aliases", ())):
                yield text, f"{kind}:{d.slug}", f"../{folder}/{d.slug}.md"


def _ref(index: NameIndex, doc: RawDoc, values: dict[str, Any], name: str, problems: list[Problem]) -> str | None:
    if name not in values:
        return None
    slug, p = resolve_one(index, values[name], doc, name, doc.line(name))
    problems += p
    return slug


def _refs(index: NameIndex, doc: RawDoc, values: dict[str, Any], name: str, problems: list[Problem]) -> list[str]:
    out = []
    for text, line in zip(values.get(name, ()), iter_lines(doc, name), strict=False):
        slug, p = resolve_one(index, text, doc, name, line)
        problems += p
        if slug:
            out.append(slug)
    return out


def _sources(doc: RawDoc, items: Iterable[str], known: frozenset[str], problems: list[Problem]) -> tuple[Source, ...]:
    out = []
    for text, line in zip(items, iter_lines(doc, "sources"), strict=False):
        if is_http_url(text):
            out.append(Source(url=text))
        elif text in known:
            out.append(Source(article=text))
        else:
            close = difflib.get_close_matches(text, sorted(known), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "give an article slug or an http(s) URL"
            problems.append(error(doc.path, line, "sources", f"unknown article {text!r}", hint))
    return tuple(out)


def _parent_cycles(labs: dict[str, Lab], lines: dict[str, int]) -> list[Problem]:
    problems = []
    reported: set[str] = set()
    for start in sorted(labs):
        chain: list[str] = []
        slug: str | None = start
        while slug is not None and slug in labs and slug not in chain:
            chain.append(slug)
            slug = labs[slug].parent
        if slug is not None and slug in chain and start == slug and start not in reported:
            cycle = [*chain[chain.index(slug):], slug]
            reported.update(cycle)
            lab = labs[start]
            problems.append(error(lab.path, lines.get(start, 1), "parent",
                                  "lab parents form a cycle: " + " -> ".join(labs[s].name for s in cycle)))
    return problems

