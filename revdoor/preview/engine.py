"""The preview server's builder: the site kept in memory, and after an edit only what the edit reaches.

The first build is the builder's, except that the engine decides the pages itself, under a `Record` of what
each one reads (`record.py`), and keeps them. After an edit:

- of content (any file, added, edited, renamed or removed): the model is made again (an event edited in
  place from the last model, `edits.py`; anything else by loading the site from the in-memory caches), the
  entries whose value changed are named, and the record says which pages read them: those are decided
  again, and rendered when their fingerprint changed;
- of a template: the pages that use it (their fingerprints are salted with their templates) are rendered
  again; of a static file: the static files are written again;
- of `site.toml`, a catalogue or anything else: everything again (the full build, from the caches).

Either way the output is exactly a cold build's (tests/test_engine.py, tests/test_preview_record.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import heapq
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..common.digest import Digester
from ..common.problems import Problem, has_errors, sort_problems
from ..common.theme import Reserved, reserved_ids, static_dirs, template_dirs, uses
from ..content.bodylinks import FOLDERS
from ..content.config import card_font, load_config
from ..modelling.cache import PageManifest
from ..modelling.model import Model
from ..modelling.pipeline import Caches, load_site
from ..output import render, search, write
from ..output.builder import build, manifest_file, template_problem
from ..site import fingerprints
from ..site.languages import Languages, language_plans, localize, neutral_plans, sitemap_of
from ..site.pages import Page, Plan
from ..site.views import Views
from .edits import Names, read_records, update_model, warnings_after
from .record import Record, TrackedModel, changes

# The engine's digester starts afresh when it remembers this many times the objects the full build's pages
# hold (edits add new objects and keep the old ones alive): a fixed number was below what corpus M's first
# build alone digests (470,000), so the first edits after it started over and digested every big page again.
DIGESTS_KEPT_FACTOR = 2
Node = tuple[str, Plan]  # (language, or "" for the files in none; the page's plan)


def _ties(pages: list[Page]) -> list[tuple[str, bool, bool]]:
    """What of a node's pages tying the languages (`localize`) and the sitemap read: their addresses, whether
    the sitemap lists them, and whether they are an article's frames (an article whose `lang` changes moves
    its canonical frame, in or out of the sitemap)."""
    return [(p.url, p.in_sitemap, p.canonical is None) for p in pages]


@dataclass(frozen=True)
class Outcome:
    """One rebuild, for the server's log line and its error overlay."""

    ok: bool
    problems: list[Problem]
    rendered: int
    written: int
    seconds: float
    fast: bool  # True when only what the edit reached was considered (not the full build)


def _plans(langs: Languages, views: dict[str, Views]) -> list[Node]:
    """Every page's node, in the order a build lists them (the sitemap's order)."""
    default = views[langs.default]
    by_lang = language_plans(default.model, langs, views)
    return [*((lang, plan) for lang, plans in by_lang.items() for plan in plans),
            *(("", plan) for plan in neutral_plans())]


@dataclass
class _Site:
    """The last good build, as the engine keeps it between edits."""

    model: Model
    problems: list[Problem]  # the content's as it is now (with errors, the model stays the last good one)
    langs: Languages
    record: Record
    views: dict[str, Views]  # by language; their model is the record's view of `model`
    pages: dict[Node, list[Page]]  # every node's pages as published (tied to their other languages)
    sitemap: Page

    def decide(self, node: Node) -> list[Page]:
        lang, plan = node
        views = self.views[lang or self.langs.default]
        return self.record.run(node, plan.decide, views.model, views)

    def tie(self) -> None:
        """Every page told its versions in the other languages, and the sitemap made again."""
        listed: dict[str, list[Page]] = {lang: [] for lang in self.langs.codes}
        owners: list[Node] = []
        for lang in self.langs.codes:
            for node, pages in self.pages.items():
                if node[0] == lang:
                    listed[lang] += [dataclasses.replace(p, ui="", alternates=(), switch=()) for p in pages]
                    owners += [node] * len(pages)
        tied: dict[Node, list[Page]] = {}
        for node, page in zip(owners, localize(listed, self.langs), strict=True):
            tied.setdefault(node, []).append(page)
        self.pages = {node: tied.get(node, pages) for node, pages in self.pages.items()}
        every = [p for node, pages in self.pages.items() if node[0] for p in pages]
        self.sitemap = sitemap_of(self.model, every, self.views[self.langs.default])


class Engine:
    def __init__(self, source: Path, output: Path | None = None, *, build_options: dict[str, Any] | None = None,
                 log: Callable[[str], None] = lambda _: None) -> None:
        self.source, self.output = source, output
        self.options = dict(build_options or {})
        self.log = log
        self.caches: Caches | None = None  # parsed files and rendered bodies, kept in memory
        self.manifest: PageManifest | None = None  # the fingerprint each written file was rendered with
        self.site: _Site | None = None  # None: the next rebuild is a full one
        self.out: Path | None = None
        self._names: Names | None = None
        self._digester: Digester | None = None
        self._digests_kept = 0  # how many objects the digester may remember (DIGESTS_KEPT_FACTOR)
        # How pages look, made at the full build and again when a template changes: the salts of the pages'
        # fingerprints, and the templates' environments (which keep the list items they rendered).
        self.salts: fingerprints.Salts | None = None
        self.env: render.Environments | None = None
        self._reserved_ids: Reserved | None = None

    @property
    def model(self) -> Model | None:
        return self.site.model if self.site else None

    def full(self) -> Outcome:
        """Build everything, keeping what the next rebuilds need."""
        gc.unfreeze()  # what earlier rebuilds kept is looked at again, so that the cycles among it are freed
        try:
            return self._full()
        finally:
            gc.collect()
            gc.freeze()

    def _full(self) -> Outcome:
        start = time.perf_counter()
        self.site, self._names = None, None
        config, _ = load_config(self.source)
        if config is not None:  # the caches the build will use, kept here for the next rebuilds
            caches = Caches.fitting(self.caches, self.source, config, bool(self.options.get("use_cache")))
            if caches is not self.caches:
                self.caches, self.manifest = caches, None
        out = self.output or (self.source / config.output_dir if config else self.source)
        if self.manifest is None or self.manifest.output != str(out.resolve()):
            self.manifest = PageManifest(manifest_file(self.source, out) if self.options.get("use_cache") else None,
                                         out)
        decided: list[_Site] = []
        self._digester = Digester()  # the build's pages digested here, for the rebuilds (`_render`)
        result = build(self.source, self.output, caches=self.caches, manifest=self.manifest,
                       decide=lambda model, langs: self._decide(model, langs, decided), digester=self._digester,
                       **self.options)
        self._digests_kept = max(100_000, DIGESTS_KEPT_FACTOR * len(self._digester))
        if result.ok and decided:
            self.site, self.out = decided[0], result.output
            self.site.problems = result.problems
            self._look()
            self._warm()
        written = result.stats.written if result.stats else 0
        return Outcome(result.ok, result.problems, result.rendered, written, time.perf_counter() - start, False)

    def _decide(self, model: Model, langs: Languages, into: list[_Site]) -> list[Page]:
        """Every page, as the builder would decide it, each one's reads recorded."""
        record = Record()
        views = langs.views(TrackedModel(model, record.read).as_model(), record)
        nodes = record(("plans",), _plans, langs, views)
        site = _Site(model, [], langs, record, views, {}, Page("", "", "", "", ""))
        site.pages = {node: site.decide(node) for node in nodes}
        site.tie()
        into.append(site)
        return [*(p for pages in site.pages.values() for p in pages), site.sitemap]

    def rebuild(self, changed: Iterable[Path] | None = None) -> Outcome:
        """Bring the output up to date after `changed` files were saved (None: don't know, do everything).

        What survives a rebuild (the model, the record, the pages: millions of objects on a large site) is
        then moved out of the garbage collector's sight (`gc.freeze`): otherwise every collection of the
        next rebuild walks all of it, which was 40% of a rename's time on corpus M. Objects frozen are
        still freed when nothing refers to them; only cycles among them wait for the next `full`.
        """
        try:
            return self._rebuild(changed)
        finally:
            gc.freeze()

    def _rebuild(self, changed: Iterable[Path] | None) -> Outcome:
        if changed is None or self.site is None:
            return self.full()
        kinds = {Path(path): self._kind(Path(path)) for path in changed}
        what = set(kinds.values())
        if "other" in what or (what != {"content"} and has_errors(self.site.problems)):
            # (While the content has errors the output is the last good site's: a change of its look waits
            # for the whole build that comes once the content is mended, and reports the errors meanwhile.)
            return self.full()
        start = time.perf_counter()
        try:
            outcome = Outcome(True, self.site.problems, 0, 0, 0.0, True)
            if "content" in what:
                outcome = self._content(sorted(self._rel(p) for p, kind in kinds.items() if kind == "content"))
            if outcome.ok and "template" in what and self.site is not None:
                outcome = self._add(outcome, self._templates())
            if outcome.ok and "static" in what and self.site is not None:
                outcome = self._add(outcome, (0, self._static()))
        except render.TemplateRenderError as exc:  # as the builder says it; the next rebuild starts afresh
            self.site = None
            return Outcome(False, [template_problem(exc, self.source)], 0, 0, time.perf_counter() - start, True)
        except Exception:
            self.site = None  # what is in memory may not match the output any more: start again from scratch
            raise
        if not self._alive():  # a change of settings on the way: everything again
            return self.full()
        return dataclasses.replace(outcome, seconds=time.perf_counter() - start)

    # --- content ---------------------------------------------------------------------------------------

    def _content(self, rels: list[str]) -> Outcome:
        site = self.site
        assert site is not None and self.caches is not None
        # Files edited in place are made from the last model; while some file has an error, the last model is
        # not the content's any more: the site is loaded again (only the files changed since are read).
        new: Model | None = None
        problems: list[Problem] = []
        if self._in_place(rels) and not has_errors(site.problems):
            new, problems = self._records(rels)
        if new is None and not has_errors(problems):  # a name changed: other files may read it
            new, problems = self._load()
        site.problems = problems  # the content's as it is now, while the model stays the last good one
        if new is None:
            return Outcome(False, problems, 0, 0, 0.0, True)
        if new.config != site.model.config:
            self.site = None
            return Outcome(True, problems, 0, 0, 0.0, False)
        model, keys = changes(site.model, new)
        site.model = model
        tracked = TrackedModel(model, site.record.read).as_model()
        for views in site.views.values():
            views.model = tracked
        before, old = site.record.values[("plans",)], site.pages
        stale = site.record.changed(keys)
        nodes = site.record(("plans",), _plans, site.langs, site.views)
        if nodes is before:  # the same pages (the usual edit): only those that read what changed
            redo, gone = [n for n in stale if n in old], []
        else:  # pages added or gone: every page is looked at
            alive = set(nodes)
            redo = [n for n in nodes if n not in old or n in stale]
            gone = [node for node in old if node not in alive]
        decided = {node: site.decide(node) for node in redo}
        # What the decided and the gone nodes showed before (site.pages, `old`, is updated in place below).
        previous = {n: old[n] for n in (*decided, *gone) if n in old}
        for node in gone:
            site.record.forget(node)
        retie = bool(gone) or any(node not in previous or _ties(pages) != _ties(previous[node])
                                  for node, pages in decided.items())
        if not retie:  # the same pages at the same addresses: each keeps its versions in the other languages
            decided = {n: [dataclasses.replace(p, ui=o.ui, alternates=o.alternates, switch=o.switch)
                           for p, o in zip(pages, previous[n], strict=True)] for n, pages in decided.items()}
        if nodes is before:
            site.pages.update(decided)
        else:  # in the order of the plans: the sitemap's
            site.pages = {node: decided[node] if node in decided else old[node] for node in nodes}
        if retie:
            site.tie()
        rendered, written = self._render([*(p for n in decided for p in site.pages[n]),
                                          *([site.sitemap] if retie else [])])
        removed = {p.url for pages in previous.values() for p in pages}
        written += self._remove(removed - {p.url for n in decided for p in site.pages[n]})
        return Outcome(True, site.problems, rendered, written, 0.0, True)

    def _in_place(self, rels: list[str]) -> bool:
        """Only files that were in the model, still there, edited in place."""
        assert self.site is not None
        model = self.site.model
        records: dict[str, Mapping[str, object]] = {"event": model.events, "person": model.people,
                                                    "lab": model.labs, "article": model.articles,
                                                    "page": model.pages}
        for rel in rels:
            parts = rel.split("/")
            kind = FOLDERS.get(parts[1]) if len(parts) == 3 else None
            if kind is None or parts[2].removesuffix(".md") not in records[kind] or not (self.source / rel).is_file():
                return False
        return True

    def _records(self, rels: list[str]) -> tuple[Model | None, list[Problem]]:
        site, caches = self.site, self.caches
        assert site is not None and caches is not None
        if self._names is None:  # made once per load: what the files' records are made against
            self._names = Names(site.model, caches.docs.entries.values())
        records, problems = read_records(self.source, rels, site.model, self._names, caches.docs, caches.bodies,
                                         self._reserved())
        if records is None:
            return None, []
        kept = [p for p in site.problems if p.path not in rels]
        if has_errors(problems) or sum(map(len, records.values())) != len(rels):
            return None, sort_problems(kept + problems)
        model = update_model(site.model, records)
        gone, found = warnings_after(site.model, model, records)
        if gone or found:  # warnings about the edited events' people, wherever they are, as a load finds them
            left = Counter(gone)
            kept = [p for p in kept if not _take(left, p)]
            return model, sort_problems(kept + problems + found)
        # `kept` is in order already: merging the edited files' few problems into it spares sorting thousands.
        return model, list(heapq.merge(kept, sort_problems(problems), key=Problem.sort_key))

    def _load(self) -> tuple[Model | None, list[Problem]]:
        """Any other edit: the site loaded again from the in-memory caches (only changed files are read)."""
        assert self.site is not None
        loaded = load_site(self.source, jobs=self.options.get("jobs"), caches=self.caches,
                           base_url=self.options.get("base_url"))
        self._names = None
        return loaded.model, loaded.problems

    def _alive(self) -> bool:
        """Whether the kept site survived the steps of a rebuild (one may drop it: new settings, new ids in
        the templates). A method, as the type checker does not see those steps assign `site`."""
        return self.site is not None

    def _reserved(self) -> Reserved:
        """The ids no heading may take, those the templates write: read once per look of the site."""
        if self._reserved_ids is None:
            self._reserved_ids = reserved_ids(template_dirs(self.source))
        return self._reserved_ids

    # --- templates and static files ------------------------------------------------------------------

    def _look(self) -> None:
        assert self.site is not None
        dirs = template_dirs(self.source)
        font, _ = card_font(self.source, self.site.model.config)  # the first build stopped without it
        self.salts = fingerprints.Salts(dirs, self.site.model.config, font)
        self.env = render.environments(dirs, self.site.model.config, self.site.langs.urls, font)
        self._reserved_ids = None
        for template in {p.template for pages in self.site.pages.values() for p in pages}:
            self.salts.of(template)  # now, as the templates are: the next template edit is told apart from them

    def _warm(self) -> None:
        """Do now what the first edit would otherwise pay for in this process (the full build rendered in
        others): compile every template the pages use, in each language, index the site's names, and render
        every list item (an event's, an article's, an index row) once, as the pages list them: the first edit
        of a move then renders a big lab's page or a run of feed pages from these, not from scratch."""
        assert self.site is not None and self.env is not None and self.caches is not None
        dirs = template_dirs(self.source)
        used = {p.template for pages in self.site.pages.values() for p in pages if p.template}
        for env in self.env.values():
            for name in sorted({t for template in used for t in uses(dirs, template)}):
                with contextlib.suppress(jinja2.TemplateError):  # a page using it will say what is wrong
                    env.get_template(name)
        self._names = Names(self.site.model, self.caches.docs.entries.values())
        model = self.site.model
        for lang, views in self.site.views.items():  # values the pages made already: looked up, not made
            env = self.env[lang]
            render.render_items(env, "cached_event_items", views.events(list(model.events)))
            render.render_items(env, "cached_article_items", views.articles(model.articles))
            render.render_items(env, "cached_person_rows", views.person_rows)
            render.render_items(env, "cached_lab_rows", views.lab_rows)

    def _templates(self) -> tuple[int, int]:
        """After a template changed: the pages that use it, whose fingerprints are salted with it, rendered
        again (a template that changes which ids headings may not take changes bodies: everything again)."""
        assert self.site is not None and self.salts is not None
        before, reserved = self.salts, self._reserved()
        self._look()
        if self._reserved() != reserved:
            self.site = None
            return 0, 0
        assert self.salts is not None
        pages = [*(p for pages in self.site.pages.values() for p in pages), self.site.sitemap]
        return self._render([p for p in pages if before.of(p.template) != self.salts.of(p.template)])

    def _static(self) -> int:
        assert self.site is not None and self.out is not None
        static = write.read_static(static_dirs(self.source))
        written = sum(write.write_file(self.out, rel, data) for rel, data in static.items())
        urls = self.site.langs.urls[self.site.langs.default]
        wanted = {urls.output_path(p.url) for pages in self.site.pages.values() for p in pages}
        wanted |= {urls.output_path(self.site.sitemap.url)} | set(static)
        return written + write.remove_stale(self.out, wanted, keep=search.KEEP)

    # --- output --------------------------------------------------------------------------------------

    def _render(self, pages: list[Page]) -> tuple[int, int]:
        """Render and write the pages whose fingerprint is not the one their file was written with."""
        site, manifest, out, salts, env = self.site, self.manifest, self.out, self.salts, self.env
        assert site is not None and manifest is not None and out is not None and salts is not None and env is not None
        urls = site.langs.urls[site.langs.default]
        # One digester for the engine's life: a view shared by many pages (an event listed on a big lab's page)
        # is digested once, not at every edit. It keeps what it digested alive: started afresh when large.
        if self._digester is None or len(self._digester) > self._digests_kept:
            self._digester = Digester()
        digester = self._digester
        rendered = written = 0
        for page in pages:
            fp = fingerprints.fingerprint(page, salts, digester)
            file = out / urls.output_path(page.url)
            if manifest.fresh(page.url, fp, file):
                continue
            written += write.write_file(out, urls.output_path(page.url), render.render_page(env, page))
            manifest.record(page.url, fp, file)
            rendered += 1
        return rendered, written

    def _remove(self, gone: set[str]) -> int:
        assert self.site is not None and self.out is not None and self.manifest is not None
        urls = self.site.langs.urls[self.site.langs.default]
        out = self.out.resolve()
        for url in gone:
            file = (self.out / urls.output_path(url)).resolve()
            file.unlink(missing_ok=True)
            self.manifest.entries.pop(url, None)
            # Its folders too, once empty (/people/old-slug/), as a cold build would not have them.
            for folder in file.parents:
                if folder == out or not folder.is_relative_to(out) or any(folder.iterdir()):
                    break
                folder.rmdir()
        return len(gone)

    @staticmethod
    def _add(outcome: Outcome, counts: tuple[int, int]) -> Outcome:
        return dataclasses.replace(outcome, rendered=outcome.rendered + counts[0], written=outcome.written + counts[1])

    def _rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.source.resolve()).as_posix()

    def _kind(self, path: Path) -> str:
        """What a saved file is to the engine: content, a template, a static file, or other (everything again)."""
        path = path.resolve()
        if path.suffix == ".md" and path.is_relative_to((self.source / "content").resolve()):
            return "content"
        if any(path.is_relative_to(d.resolve()) for d in template_dirs(self.source)):
            return "template"
        if any(path.is_relative_to(d.resolve()) for d in static_dirs(self.source)):
            return "static"
        return "other"


def _take(left: Counter[Problem], problem: Problem) -> bool:
    """Whether `problem` is one of those `left` to take away (each taken once)."""
    if left[problem] > 0:
        left[problem] -= 1
        return True
    return False
