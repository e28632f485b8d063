"""Dependency tracking for the preview server: which pages an edit reaches, and re-rendering only those
after a template edit.

Content edits are decided by the pages' `deps` (pages.py): a page is re-rendered when it names the edited
record before or after the edit, when it shows a bit of everything (`*context`: home, the indexes), or when
it links every name (`*names`) and a person or lab changed; a page that appears is rendered, one that
disappears is removed; `site.toml` reaches every page. Template edits are decided by the templates' own
graph (`extends`, `include`, `import`, and `_event_item.html`, which render.py renders from Python for
every template that calls `cached_event_item(s)` or `cached_article_items`). The result is a superset of
what changes; fingerprints then skip the pages whose bytes would be the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import meta, nodes

from . import fingerprints, render, write
from .builder import Memory
from .languages import site_pages
from .pages import Page
from .theme import template_dirs

ALL = "*all"  # an edit that reaches every page (site.toml)
KINDS = {"events": "event", "people": "person", "labs": "lab", "articles": "article"}
# Templates rendered from Python on behalf of a template, by the global function it calls.
IMPLICIT = {"cached_event_item": "_event_item.html", "cached_event_items": "_event_item.html",
            "cached_article_items": "_article_item.html"}


def edit_keys(rels: Iterable[str]) -> set[str]:
    """Site-relative paths -> what they edit: "event:slug", "template:person.html", ALL; static files and
    anything else: nothing (they are copied, not rendered)."""
    keys: set[str] = set()
    for rel in rels:
        parts = rel.split("/")
        if rel == "site.toml":
            keys.add(ALL)
        elif len(parts) == 3 and parts[0] == "content" and parts[1] in KINDS and parts[2].endswith(".md"):
            keys.add(f"{KINDS[parts[1]]}:{parts[2].removesuffix('.md')}")
        elif parts[0] == "templates" and len(parts) > 1:
            keys.add("template:" + "/".join(parts[1:]))
    return keys


def template_graph(dirs: Iterable[Path]) -> dict[str, frozenset[str]]:
    """Each template -> every template its output depends on, itself included (the closure). A template
    whose dependencies cannot be known (a computed `include`) depends on every template."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])  # the templates' {% trans %}, as render's
    direct: dict[str, set[str]] = {}
    for d in dirs:  # the first directory wins, as in the loader
        for path in sorted(p for p in Path(d).rglob("*") if p.is_file()):
            name = path.relative_to(d).as_posix()
            if name in direct:
                continue
            try:
                ast = env.parse(path.read_text(encoding="utf-8"))
            except (jinja2.TemplateSyntaxError, UnicodeDecodeError):
                direct[name] = {"*"}  # a broken template: the build reports it; assume it reaches all
                continue
            refs = {r if r is not None else "*" for r in meta.find_referenced_templates(ast)}
            refs |= {IMPLICIT[n.name] for n in ast.find_all(nodes.Name) if n.name in IMPLICIT}
            for call in ast.find_all(nodes.Call):  # fragment("_header.html", ...): render.py renders it
                if isinstance(call.node, nodes.Name) and call.node.name == "fragment":
                    named = call.args and isinstance(call.args[0], nodes.Const) and isinstance(call.args[0].value, str)
                    refs.add(call.args[0].value if named else "*")  # type: ignore[attr-defined]
            direct[name] = refs
    everything = frozenset(direct)
    closure: dict[str, frozenset[str]] = {}
    for name in direct:
        seen, todo = {name}, [name]
        while todo:
            for ref in direct.get(todo.pop(), ()):
                if ref == "*":
                    seen |= everything
                elif ref not in seen:
                    seen.add(ref)
                    todo.append(ref)
        closure[name] = frozenset(seen)
    return closure


def pages_using(all_pages: Iterable[Page], templates: set[str], graph: Mapping[str, frozenset[str]]) -> set[str]:
    """URLs of the pages whose output depends on any of `templates`."""
    return {p.url for p in all_pages if templates & graph.get(p.template, frozenset({p.template}))}


@dataclass(frozen=True)
class Affected:
    render: frozenset[str]  # URLs to render (again)
    remove: frozenset[str]  # URLs whose page is gone


def affected(old: Iterable[Page], new: Iterable[Page], keys: set[str],
             graph: Mapping[str, frozenset[str]]) -> Affected:
    """The pages an edit of `keys` reaches, from the pages before and after it."""
    before = {p.url: p for p in old}
    after = {p.url: p for p in new}
    gone = frozenset(before.keys() - after.keys())
    if ALL in keys:
        return Affected(frozenset(after), gone)
    templates = {k.removeprefix("template:") for k in keys if k.startswith("template:")}
    records = _shown_events({k for k in keys if not k.startswith("template:")}, [*before.values(), *after.values()])
    names_changed = any(k.startswith(("person:", "lab:")) for k in records)
    todo = set(after.keys() - before.keys()) | pages_using(after.values(), templates, graph)
    for url, page in after.items():
        old_deps = before[url].deps if url in before else page.deps
        deps = page.deps | old_deps
        if (records & deps or (records and "*context" in deps) or (names_changed and "*names" in deps)
                or old_deps != page.deps):  # shows other records now (a feed page the edit shifted)
            todo.add(url)
    return Affected(frozenset(todo), gone)


def _shown_events(records: set[str], every: list[Page]) -> set[str]:
    """The records, plus the events that look different because of them: an event shows the names of
    its people, labs and articles, and whether it is a return (from its people's whole timelines, which
    an edited event of theirs can change)."""
    events: dict[str, set[str]] = {}
    for page in every:
        if page.subject and page.subject.startswith("event:"):
            events.setdefault(page.subject, set()).update(page.deps)
    edited_people = {d for k in records if k in events for d in events[k] if d.startswith("person:")}
    return records | {e for e, deps in events.items() if deps & (records | edited_people)}


def all_pages(memory: Memory) -> list[Page]:
    """Every page of the model the preview server keeps, as the builder makes them."""
    assert memory.model is not None and memory.langs is not None
    return site_pages(memory.model, memory.langs)


def rerender_templates(memory: Memory, source: Path, templates: set[str]) -> tuple[int, int]:
    """After template edits only: render again the pages using them, with a new environment; the other
    pages' files stay, recorded under the new fingerprints (their bytes cannot have changed). Returns
    (pages rendered, files written). The memory must hold a good build (the model did not change)."""
    model, manifest, out, urls = memory.model, memory.manifest, memory.output, memory.urls
    assert model is not None and manifest is not None and out is not None and urls is not None
    assert memory.hashes is not None
    dirs = template_dirs(source)
    everything = all_pages(memory)
    todo = pages_using(everything, templates, template_graph(dirs))
    assert memory.langs is not None
    env = render.environments(dirs, model.config, memory.langs.urls)
    salt = fingerprints.salt(dirs, model.config)
    rendered = written = 0
    for page in everything:
        fp = fingerprints.fingerprint(page, memory.hashes, salt)
        file = out / urls.output_path(page.url)
        if page.url in todo:
            written += write.write_file(out, urls.output_path(page.url), render.render_page(env, page))
            rendered += 1
        elif not manifest.fresh(page.url, manifest.entries.get(page.url, (b"",))[0], file):
            continue  # not what the last build wrote: leave its entry stale, the next full build redoes it
        manifest.record(page.url, fp, file)
    memory.env, memory.salt = env, salt
    return rendered, written
