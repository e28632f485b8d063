"""One build, top to bottom: load & validate -> model -> pages -> render -> write -> index.

Each phase hands the next a value; nothing downstream reaches back upstream. `check` is the first phase
alone; the preview server calls `build` for its first build, with its own caches and its own way of
deciding pages (it records what each page reads), then redoes only what an edit reaches.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..common.digest import Digester
from ..common.problems import Problem, error, summary
from ..common.progress import bar
from ..common.resources import THEME
from ..common.theme import static_dirs, template_dirs
from ..common.urls import Urls
from ..content import config
from ..content.config import CACHE_DIR
from ..modelling.cache import PageManifest
from ..modelling.model import Model
from ..modelling.pipeline import Caches, Loaded, load_site
from ..site import fingerprints, pages
from ..site.languages import Languages, card_pages, site_pages
from . import earlycards, publish, render, search, write


def manifest_file(source: Path, output: Path) -> Path:
    """One manifest per output directory: a preview into a temporary directory must not make the next
    build into public/ forget what it wrote."""
    key = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
    return source / CACHE_DIR / f"pages-{key}.pickle"


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


def template_problem(exc: render.TemplateRenderError, source: Path) -> Problem:
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


Decide = Callable[[Model, Languages], list[pages.Page]]


class _Clock:
    """Each phase's time, logged as one line when it ends."""

    def __init__(self, log: Callable[[str], None]) -> None:
        self.log, self.timings, self.last = log, dict[str, float](), time.perf_counter()

    def phase(self, name: str, what: str = "", parts: dict[str, float] | None = None) -> None:
        now = time.perf_counter()
        self.timings[name], self.last = now - self.last, now
        self.log(f"{name:<15}{self.timings[name]:7.2f} s  {what}".rstrip())
        for part, seconds in (parts or {}).items():  # its sub-phases, for --timings
            self.log(f"  {part:<13}{seconds:7.2f} s")


def build(source: Path, output: Path | None = None, *, with_search: bool = True, jobs: int | None = None,
          use_cache: bool = True, log: Callable[[str], None] = lambda _: None, progress: bool = False,
          detail: bool = False, base_url: str | None = None, keep_index: bool = False, atomic: bool = True,
          caches: Caches | None = None, manifest: PageManifest | None = None, decide: Decide | None = None,
          digester: Digester | None = None) -> BuildResult:
    """Build `source` into `output`. `log` gets one line per phase (with its sub-phases when `detail`);
    `progress` shows a bar while pages render, on a terminal, when it takes a while. `atomic`: build into a
    staging copy and swap it in whole (see `publish`), so a failed or killed build leaves the old site.
    The preview server passes its own in-memory `caches` and `manifest`, `decide`s the pages itself
    (recording what each one reads) and digests them with its own `digester`: the phases are the same."""
    clock = _Clock(log)
    # First gather and validate all content, so every page sees the same model, and nothing is written
    # when any file has an error.
    loaded = load_site(source, jobs=jobs, use_cache=use_cache, caches=caches, base_url=base_url, save=False)
    clock.phase("load", f"{loaded.files} files, {summary(loaded.problems)}", loaded.timings if detail else {})
    if loaded.model is None or loaded.caches is None:
        if loaded.caches:
            loaded.caches.save()
        return BuildResult(loaded.problems, timings=clock.timings)
    model, out = loaded.model, resolve_output(source, output, loaded)

    # A template with a syntax error is reported before anything is staged, like a content error; so is a
    # font the social cards cannot be drawn without.
    broken = render.check_templates(template_dirs(source))
    font, no_font = config.card_font(source, model.config)
    if broken or no_font:
        loaded.caches.save()
        return BuildResult(loaded.problems + [template_problem(t, source) for t in broken] + no_font,
                           timings=clock.timings)
    assert font is not None  # (no_font says why when it is None)

    # A page whose fingerprint (the digest of the page as decided: all it may show; and its templates, the
    # settings, this code) is the one its file was written with is not rendered again: a warm build is cheap.
    salts = fingerprints.Salts(template_dirs(source), model.config, font)
    manifest = manifest or PageManifest(manifest_file(source, out) if use_cache else None, out)
    langs = Languages.of(model.config)
    views = langs.views(model)
    urls = langs.urls[langs.default]
    # Deciding pages runs on one core: meanwhile a second process draws the social cards this build needs
    # (they show what the model alone says), until the pages are decided.
    cards = earlycards.start(card_pages(model, langs, views), salts, manifest, out, urls.output_path, font, jobs)
    loaded.caches.save()  # (while the cards are drawn: no core idles)

    # Then decide every page (pure), in each of the site's languages, and only then touch the output.
    all_pages = decide(model, langs) if decide else site_pages(model, langs, views)
    drawn = cards()
    clock.phase("pages", f"{len(all_pages)} pages" + (f" in {len(langs.codes)} languages" if langs.several else "")
                + (f", {len(drawn)} cards drawn meanwhile" if drawn else ""))
    prints = fingerprints.fingerprints(all_pages, salts, jobs, digester)
    site = _Output(source, out, urls, manifest, all_pages, prints, with_search or keep_index, drawn)
    if atomic and not with_search and site.published_already():
        clock.phase("render+write", f"0 rendered, {len(all_pages)} unchanged since the last build; nothing to publish")
        return BuildResult(loaded.problems, model, len(all_pages), site.stats(), clock.timings, None, out, rendered=0)

    # Every write goes to a hard-linked copy of the published site, swapped in whole at the end.
    env = render.environments(template_dirs(source), model.config, langs.urls, font)
    return site.publish(env, loaded.problems, model, clock, atomic=atomic, with_search=with_search, jobs=jobs,
                        progress=progress)


class _Output:
    """The files a build publishes: its pages (those whose file is not already what they would render) and
    the static files; what it wrote, and what it removed."""

    def __init__(self, source: Path, out: Path, urls: Urls, manifest: PageManifest, all_pages: list[pages.Page],
                 prints: dict[str, bytes], keep_index: bool, drawn: earlycards.Drawn) -> None:
        self.source, self.out, self.urls, self.manifest = source, out, urls, manifest
        self.pages, self.prints, self.drawn = all_pages, prints, drawn
        # (The staging copy's files are hard links to the published ones: what is fresh there is fresh here.)
        current = publish.published(out)
        self.todo = [p for p in all_pages
                     if not manifest.fresh(p.url, prints[p.url], current / urls.output_path(p.url))]
        self.static = write.read_static(static_dirs(source))
        self.wanted = {urls.output_path(p.url) for p in all_pages} | set(self.static)
        self.keep = search.KEEP if keep_index else ()
        self.written = self.removed = 0
        self.started_empty = False

    def publish(self, env: render.Environments, problems: list[Problem], model: Model, clock: _Clock, *,
                atomic: bool, with_search: bool, jobs: int | None, progress: bool) -> BuildResult:
        """Render and write into the staging copy (or in place when not `atomic`), remove stale files, index
        for search, and swap the staging copy in; a template that fails on a page publishes nothing."""
        stage = publish.begin(self.out) if atomic else self.out
        try:
            self.render_and_write(stage, env, jobs, progress)
        except render.TemplateRenderError as exc:
            if atomic:
                publish.abandon(stage)
            return BuildResult([*problems, template_problem(exc, self.source)], timings=clock.timings)
        publish.checkpoint("written")
        clock.phase("render+write", f"{len(self.todo)} rendered, {len(self.pages) - len(self.todo)} unchanged "
                                    "since the last build")
        self.clean(stage)
        clock.phase("clean", f"{self.removed} stale files removed")
        publish.checkpoint("cleaned")
        indexed = search.index_site(stage, model.config.language) if with_search else None
        if indexed:
            clock.phase("search", indexed.summary())
            publish.checkpoint("indexed")
        if atomic:
            publish.commit(self.out, stage)
        return BuildResult(problems, model, len(self.pages), self.stats(), clock.timings,
                           indexed.message if indexed else None, self.out, rendered=len(self.todo), search=indexed)

    def published_already(self) -> bool:
        """Nothing to write and nothing to remove (a warm build of unchanged content): the published site
        already is this build's, and staging a hard-linked copy of every file only to swap it in costs more
        than the whole check (tens of thousands of mkdir and link calls)."""
        current = publish.published(self.out)
        if self.todo or not current.is_dir() or write.has_stale(current, self.wanted, self.keep):
            return False
        if not all(write.holds(current, rel, data) for rel, data in self.static.items()):
            return False
        self.manifest.save({p.url for p in self.pages})
        self.drawn.close()
        return True

    def render_and_write(self, stage: Path, env: render.Environments, jobs: int | None, progress: bool) -> None:
        # Nothing can be stale in a directory that starts empty (a cold build): walking it again is wasted.
        self.started_empty = not stage.exists() or not any(stage.iterdir())
        urls = self.urls

        def produce(page: pages.Page) -> tuple[str, bytes | Path]:
            drawn = self.drawn.get(page.url, self.prints[page.url]) if page.card is not None else None
            return urls.output_path(page.url), drawn if drawn is not None else render.render_page(env, page)

        # Render and write in the same worker, so 100 MB of pages never travel back to this process.
        try:
            with bar(len(self.todo), "rendering", progress) as advance:
                results = write.write_each(stage, self.todo, produce, jobs, advance, fresh=self.started_empty)
        finally:
            self.drawn.close()
        for p, (_, _, size, mtime) in zip(self.todo, results, strict=True):
            self.manifest.remember(p.url, self.prints[p.url], size, mtime)
        self.written = sum(w for _, w, _, _ in results)
        self.written += sum(write.write_file(stage, rel, data) for rel, data in self.static.items())

    def clean(self, stage: Path) -> None:
        # The search index stays until Pagefind swaps in the new one (a build without search removes it:
        # stale). (`keep_index`: the preview server refreshes the index itself, in the background.)
        self.removed = 0 if self.started_empty else write.remove_stale(stage, self.wanted, keep=self.keep)
        self.manifest.save({p.url for p in self.pages})

    def stats(self) -> write.WriteStats:
        size = sum(self.manifest.entries[p.url][1] for p in self.pages) + sum(len(d) for d in self.static.values())
        return write.WriteStats(self.written, len(self.wanted) - self.written, self.removed, size)
