"""One build, top to bottom: load & validate -> model -> pages -> render -> write -> index.

Each phase hands the next a value; nothing downstream reaches back upstream. `check` is the first phase
alone; the preview server calls `build` (or its incremental cousin) and knows nothing else.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..common.problems import Problem, error, summary
from ..common.progress import bar
from ..common.resources import THEME
from ..common.theme import static_dirs, template_dirs
from ..common.urls import Urls
from ..content.config import CACHE_DIR
from ..modelling.cache import PageManifest
from ..modelling.model import Model
from ..modelling.pipeline import Caches, Loaded, load_site
from ..site import fingerprints, pages
from ..site.languages import Languages, site_pages
from ..site.views import Views
from . import publish, render, search, write


def manifest_file(source: Path, output: Path) -> Path:
    """One manifest per output directory: a preview into a temporary directory must not make the next
    build into public/ forget what it wrote."""
    key = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
    return source / CACHE_DIR / f"pages-{key}.pickle"


@dataclass
class Memory:
    """What the preview server keeps between its rebuilds, so that each one redoes only what changed:
    parsed files and rendered bodies (instead of the disk cache) and the fingerprints of the pages written."""

    caches: Caches | None = None
    manifest: PageManifest | None = None
    # The last good build's site, for the engine's fast path (revdoor/preview/engine.py).
    model: Model | None = None
    problems: list[Problem] = field(default_factory=list)
    env: render.Environments | None = None
    urls: Urls | None = None  # the default language's (output paths are the same in every language)
    langs: Languages | None = None
    salts: fingerprints.Salts | None = None
    output: Path | None = None
    views: dict[str, Views] | None = None  # by language: the event views the pages were given


@dataclass
class BuildResult:
    problems: list[Problem]
    model: Model | None = None
    pages: int = 0
    stats: write.WriteStats | None = None
    timings: dict[str, float] = field(default_factory=dict)
    search_message: str | None = None
    output: Path | None = None
    rendered: int = 0  # pages rendered this time (the others were unchanged since the last build)
    search: search.IndexResult | None = None  # indexing time, pages, index size

    @property
    def ok(self) -> bool:
        return self.model is not None


def _template_problem(exc: render.TemplateRenderError, source: Path) -> Problem:
    """`templates/person.html:3: template: ...`, the path relative to the site or to the project."""
    path = Path(exc.filename).resolve()
    for root in (source.resolve(), THEME):
        if path.is_relative_to(root):
            path = path.relative_to(root)
            break
    return error(path.as_posix(), exc.line, "template", exc.message,
                 f"while rendering {exc.url}" if exc.url else None)


def resolve_output(source: Path, output: Path | None, loaded: Loaded) -> Path:
    if output is not None:
        return output
    assert loaded.config is not None
    return source / loaded.config.output_dir


def build(source: Path, output: Path | None = None, *, with_search: bool = True, jobs: int | None = None,
          use_cache: bool = True, log: Callable[[str], None] = lambda _: None, progress: bool = False,
          detail: bool = False, memory: Memory | None = None, base_url: str | None = None,
          keep_index: bool = False, atomic: bool = True) -> BuildResult:
    """Build `source` into `output`. `log` gets one line per phase (with its sub-phases when `detail`);
    `progress` shows a bar while pages render, on a terminal, when it takes a while. `atomic`: build into a
    staging copy and swap it in whole (see `publish`), so a failed or killed build leaves the old site."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def phase(name: str, what: str = "") -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now
        log(f"{name:<15}{timings[name]:7.2f} s  {what}".rstrip())

    # First gather and validate all content, so every page sees the same model, and nothing is written
    # when any file has an error.
    loaded = load_site(source, jobs=jobs, use_cache=use_cache, caches=memory.caches if memory else None,
                       base_url=base_url)
    if memory is not None:
        memory.caches = loaded.caches
    phase("load", f"{loaded.files} files, {summary(loaded.problems)}")
    if detail:
        for name, seconds in loaded.timings.items():
            log(f"  {name:<13}{seconds:7.2f} s")
    if loaded.model is None:
        return BuildResult(loaded.problems, timings=timings)
    model = loaded.model
    out = resolve_output(source, output, loaded)

    # Then decide every page (pure), in each of the site's languages, render them all, and only then touch
    # the output directory.
    # A page whose fingerprint (everything it shows, the templates, the settings, this code) is the one
    # its file was written with last time is not rendered again: that is what makes a warm build cheap.
    # (The fingerprint is a digest of the page as decided: all its template is given, so all it may show.)
    langs = Languages.of(model.config)
    urls = langs.urls[langs.default]
    views = langs.views(model)
    all_pages = site_pages(model, langs, views)
    phase("pages", f"{len(all_pages)} pages" + (f" in {len(langs.codes)} languages" if langs.several else ""))
    env = render.environments(template_dirs(source), model.config, langs.urls)
    salts = fingerprints.Salts(template_dirs(source), model.config)
    prints = fingerprints.fingerprints(all_pages, salts)
    if memory is not None:
        if memory.manifest is None or memory.manifest.output != str(out.resolve()):
            memory.manifest = PageManifest(manifest_file(source, out) if use_cache else None, out)
        manifest = memory.manifest
        memory.model, memory.problems, memory.env, memory.urls, memory.langs = model, loaded.problems, env, urls, langs
        memory.salts, memory.output, memory.views = salts, out, views
    else:
        manifest = PageManifest(manifest_file(source, out) if use_cache else None, out)
    # A template with a syntax error is reported before anything is staged, like a content error.
    broken = render.check_templates(template_dirs(source))
    if broken:
        return BuildResult(loaded.problems + [_template_problem(t, source) for t in broken], timings=timings)

    # Nothing to write and nothing to remove (a warm build of unchanged content): the published site already
    # is this build's, and staging a hard-linked copy of every file only to swap it in costs more than the
    # whole check (tens of thousands of mkdir and link calls).
    # (The staging copy's files are hard links to the published ones: what is fresh there is fresh here.)
    current = publish.published(out)
    todo = [p for p in all_pages if not manifest.fresh(p.url, prints[p.url], current / urls.output_path(p.url))]
    static = write.read_static(static_dirs(source))
    wanted = {urls.output_path(p.url) for p in all_pages} | set(static)
    keep = search.KEEP if with_search or keep_index else ()
    if atomic and not with_search and not todo and current.is_dir() \
            and all(write.holds(current, rel, data) for rel, data in static.items()) \
            and not write.has_stale(current, wanted, keep):
        manifest.save({p.url for p in all_pages})
        page_bytes = sum(manifest.entries[p.url][1] for p in all_pages) + sum(len(d) for d in static.values())
        phase("render+write", f"0 rendered, {len(all_pages)} unchanged since the last build; nothing to publish")
        return BuildResult(loaded.problems, model, len(all_pages), write.WriteStats(0, len(wanted), 0, page_bytes),
                           timings, None, out, rendered=0)

    # Every write goes to `stage`: a hard-linked copy of the published site, swapped in whole at the end.
    stage = publish.begin(out) if atomic else out
    # Nothing can be stale in a directory that starts empty (a cold build): walking it again is wasted.
    started_empty = not stage.exists() or not any(stage.iterdir())

    def produce(page: pages.Page) -> tuple[str, bytes]:
        return urls.output_path(page.url), render.render_page(env, page)

    # Render and write in the same worker, so 100 MB of pages never travel back to this process.
    try:
        with bar(len(todo), "rendering", progress) as advance:
            results = write.write_each(stage, todo, produce, jobs, advance, fresh=started_empty)
    except render.TemplateRenderError as exc:  # a template failed on some page: nothing is published
        if atomic:
            publish.abandon(stage)
        return BuildResult([*loaded.problems, _template_problem(exc, source)], timings=timings)
    for p, (_, _, size, mtime) in zip(todo, results, strict=True):
        manifest.remember(p.url, prints[p.url], size, mtime)
    page_bytes = sum(size for _, _, size, _ in results)
    rendered = {p.url for p in todo}
    page_bytes += sum(manifest.entries[p.url][1] for p in all_pages if p.url not in rendered)
    static_written = sum(write.write_file(stage, rel, data) for rel, data in static.items())
    publish.checkpoint("written")
    phase("render+write", f"{len(todo)} rendered, {len(all_pages) - len(todo)} unchanged since the last build")
    # The search index stays until Pagefind swaps in the new one (a build without search removes it: stale).
    # (`keep_index`: the preview server refreshes the index itself, in the background, after each rebuild.)
    removed = 0 if started_empty else write.remove_stale(stage, wanted, keep=keep)
    manifest.save({p.url for p in all_pages})
    written = sum(w for _, w, _, _ in results) + static_written
    stats = write.WriteStats(written, len(wanted) - written, removed,
                             page_bytes + sum(len(d) for d in static.values()))
    phase("clean", f"{removed} stale files removed")
    publish.checkpoint("cleaned")
    message, indexed = None, None
    if with_search:
        indexed = search.index_site(stage, model.config.language)
        message = indexed.message
        phase("search", indexed.summary())
        publish.checkpoint("indexed")
    if atomic:
        publish.commit(out, stage)
    return BuildResult(loaded.problems, model, len(all_pages), stats, timings, message, out,
                       rendered=len(todo), search=indexed)
