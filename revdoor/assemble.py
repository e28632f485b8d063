"""Validated files -> the model: resolve every reference, render every body, check what spans files.

First gather every profile, so that every reference, whichever file it is in, resolves against the same
index; then the articles and events, which point at profiles and at each other.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import markup, urls
from .cache import BodyCache, body_key
from .config import SiteConfig
from .load import RawDoc, discover, iter_lines, read_doc
from .model import Article, Event, Lab, Model, Person, Source
from .parallel import map_ordered
from .problems import Problem, error, warning
from .refs import NameIndex, build_index, resolve_one
from .schema import is_http_url, validate

Validated = tuple[RawDoc, dict[str, Any]]
Rendered = dict[str, tuple[str, tuple[str, ...]]]  # "kind:slug" -> (html, mentioned targets)


def read_all(
    root: Path, config: SiteConfig, jobs: int | None = None
) -> tuple[dict[str, list[Validated]], list[Problem]]:
    """Read and validate every file (over the cores); files with errors still come back when readable."""
    found, problems = discover(root)
    by_kind: dict[str, list[Validated]] = {"article": [], "event": [], "person": [], "lab": []}
    results = map_ordered(functools.partial(_read_one, root, config.language), found, jobs, threshold=500)
    for doc, values, doc_problems in results:
        problems += doc_problems
        if doc is not None:
            by_kind[doc.kind].append((doc, values))
    return by_kind, problems


def _read_one(root: Path, language: str, item: tuple[str, Path]) -> tuple[RawDoc | None, dict[str, Any], list[Problem]]:
    doc, problems = read_doc(root, *item)
    if doc is None:
        return None, {}, problems
    values, more = validate(doc, language)
    return doc, values, problems + more


_RENDERERS: dict[str, markup.Renderer] = {}


def _render_one(linker: markup.Linker | None, body: str) -> tuple[str, tuple[str, ...]]:
    # One converter per process and linker, built on first use (in the worker, after fork).
    key = linker.digest if linker else ""
    renderer = _RENDERERS.get(key)
    if renderer is None:
        renderer = _RENDERERS[key] = markup.Renderer(linker)
    return renderer(body)


def render_bodies(items: list[tuple[str, str]], linker: markup.Linker | None, cache: BodyCache,
                  jobs: int | None = None) -> Rendered:
    """Render (key, body) pairs, reusing the cache and spreading what is missing over the cores."""
    digest = linker.digest if linker else ""
    out: Rendered = {}
    missing: list[tuple[str, str, str]] = []
    for name, body in items:
        key = body_key(body, digest)
        hit = cache.get(key)
        if hit is None:
            missing.append((name, key, body))
        else:
            out[name] = hit
    done = map_ordered(functools.partial(_render_one, linker), [b for _, _, b in missing], jobs, threshold=100)
    for (name, key, _), value in zip(missing, done, strict=False):
        cache.put(key, value)
        out[name] = value
    return out


def assemble(config: SiteConfig, by_kind: dict[str, list[Validated]], cache: BodyCache | None = None,
             jobs: int | None = None) -> tuple[Model, list[Problem]]:
    problems: list[Problem] = []
    cache = cache or BodyCache(None)
    people_index, p = build_index("person", by_kind["person"])
    labs_index, q = build_index("lab", by_kind["lab"])
    problems += p + q
    u = urls.Urls(config.base_path)

    # Bodies first, in two batches: profiles and notes link nothing; articles link every known name, so they
    # wait for the complete name index. Both go through the cache and over the cores.
    linker = markup.Linker.from_names(_name_entries(by_kind, u))
    plain = [(f"{d.kind}:{d.slug}", d.body) for kind in ("person", "lab", "event") for d, _ in by_kind[kind]]
    rendered = render_bodies(plain, None, cache, jobs)
    rendered.update(render_bodies([(f"article:{d.slug}", d.body) for d, _ in by_kind["article"]], linker, cache,
                                  jobs))

    def html(doc: RawDoc) -> str:
        return rendered[f"{doc.kind}:{doc.slug}"][0]

    people = {d.slug: Person(d.slug, v.get("name", d.slug), v.get("aliases", ()), v.get("links", ()), html(d), d.path)
              for d, v in by_kind["person"]}
    labs: dict[str, Lab] = {}
    for d, v in by_kind["lab"]:
        parent = _ref(labs_index, d, v, "parent", problems)
        labs[d.slug] = Lab(d.slug, v.get("name", d.slug), v.get("aliases", ()), v.get("kind"), parent,
                           v.get("url"), html(d), d.path)
    problems += _parent_cycles(labs, {d.slug: d.line("parent") for d, _ in by_kind["lab"]})

    articles: dict[str, Article] = {}
    for d, v in by_kind["article"]:
        named_people = _refs(people_index, d, v, "people", problems)
        named_labs = _refs(labs_index, d, v, "labs", problems)
        mentions = rendered[f"article:{d.slug}"][1]
        mentioned_people = [t.split(":", 1)[1] for t in mentions if t.startswith("person:")]
        mentioned_labs = [t.split(":", 1)[1] for t in mentions if t.startswith("lab:")]
        if "date" not in v or "title" not in v:
            continue
        articles[d.slug] = Article(
            d.slug, v["title"], v["date"], v["lang"], v.get("source"), v.get("source_url"), v.get("summary"),
            tuple(dict.fromkeys(named_people + mentioned_people)), tuple(dict.fromkeys(named_labs + mentioned_labs)),
            html(d), d.path)

    events: dict[str, Event] = {}
    article_slugs = {d.slug for d, _ in by_kind["article"]}
    for d, v in by_kind["event"]:
        who = _refs(people_index, d, v, "people", problems) if "people" in v else []
        if "person" in v:
            slug = _ref(people_index, d, v, "person", problems)
            who = [slug] if slug else []
        from_lab = _ref(labs_index, d, v, "from", problems)
        to_lab = _ref(labs_index, d, v, "to", problems)
        if from_lab and from_lab == to_lab:
            # A founding "from" the lab it founds reads as a spin-out of a team: odd, not impossible.
            report = warning if v.get("type") == "founding" else error
            problems.append(report(d.path, d.line("to"), "to", f"is the same lab as from ({labs[to_lab].name!r})"))
        sources = _sources(d, v.get("sources", ()), article_slugs, problems)
        if len(set(who)) != len(who):
            problems.append(error(d.path, d.line("people"), "people", "names the same person twice"))
        if "date" not in v or "type" not in v:
            continue
        events[d.slug] = Event(
            d.slug, v["type"], v["date"], tuple(dict.fromkeys(who)), v.get("unnamed"), v.get("count"), from_lab,
            to_lab, v.get("role"), v.get("from_role"), v.get("status", "reported"), sources, html(d), d.path,
            tuple((f, d.line(f)) for f in ("from", "to", "date")))

    return Model(config, people, labs, articles, events), problems


def _name_entries(by_kind: dict[str, list[Validated]], u: urls.Urls) -> Iterable[tuple[str, str, str]]:
    for kind, url in (("person", u.person), ("lab", u.lab)):
        for d, v in by_kind[kind]:
            for text in (v.get("name", ""), *v.get("aliases", ())):
                yield text, f"{kind}:{d.slug}", url(d.slug)


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


def _sources(doc: RawDoc, items: Iterable[str], known: set[str], problems: list[Problem]) -> tuple[Source, ...]:
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
        chain, slug = [], start
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

