"""One build, top to bottom: load & validate -> model -> pages -> render -> write -> index.

Each phase hands the next a value; nothing downstream reaches back upstream. `check` is the first phase
alone; the preview server calls `build` (or its incremental cousin) and knows nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import feeds, pages, render, search, write
from .model import Model
from .pipeline import Loaded, load_site
from .problems import Problem
from .urls import Urls
from .views import Views

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuildResult:
    problems: list[Problem]
    model: Model | None = None
    pages: int = 0
    stats: write.WriteStats | None = None
    timings: dict[str, float] = field(default_factory=dict)
    search_message: str | None = None
    output: Path | None = None

    @property
    def ok(self) -> bool:
        return self.model is not None


def resolve_output(source: Path, output: Path | None, loaded: Loaded) -> Path:
    if output is not None:
        return output
    assert loaded.config is not None
    return source / loaded.config.output_dir


def template_dirs(source: Path) -> list[Path]:
    """The site's own templates first, then the project's, so a site can override one template."""
    dirs = [source / "templates", PROJECT_ROOT / "templates"]
    return [d for d in dict.fromkeys(d.resolve() for d in dirs) if d.is_dir()]


def static_dirs(source: Path) -> list[Path]:
    dirs = [PROJECT_ROOT / "static", source / "static"]  # later overrides earlier
    return [d for d in dict.fromkeys(d.resolve() for d in dirs) if d.is_dir()]


def build(source: Path, output: Path | None = None, *, with_search: bool = True, jobs: int | None = None,
          use_cache: bool = True, log: Callable[[str], None] = lambda _: None) -> BuildResult:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now
        log(f"{name:<8} {timings[name]:7.2f} s")

    # First gather and validate all content, so every page sees the same model, and nothing is written
    # when any file has an error.
    loaded = load_site(source, jobs=jobs, use_cache=use_cache)
    phase("load")
    if loaded.model is None:
        return BuildResult(loaded.problems, timings=timings)
    model = loaded.model
    out = resolve_output(source, output, loaded)

    # Then decide every page (pure), render them all, and only then touch the output directory.
    urls = Urls(model.config.base_path)
    views = Views(model, urls)
    html = list(pages.html_pages(model, views))
    others = [*feeds.feeds(model, views), feeds.sitemap(model, html, views), feeds.robots(model, views)]
    all_pages = html + others
    phase("pages")
    env = render.environment(template_dirs(source), model.config, urls)

    def produce(page: pages.Page) -> tuple[str, bytes]:
        return urls.output_path(page.url), render.render_page(env, page)

    # Render and write in the same worker, so 100 MB of pages never travel back to this process.
    results = write.write_each(out, all_pages, produce, jobs)
    static = write.read_static(static_dirs(source))
    static_written = sum(write.write_file(out, rel, data) for rel, data in static.items())
    phase("render+write")
    wanted = {rel for rel, _, _ in results} | set(static)
    removed = write.remove_stale(out, wanted)  # the search index is stale too: Pagefind writes it anew
    written = sum(w for _, w, _ in results) + static_written
    stats = write.WriteStats(written, len(wanted) - written, removed,
                             sum(n for _, _, n in results) + sum(len(d) for d in static.values()))
    phase("clean")
    message = None
    if with_search:
        message = search.index_site(out).message
        phase("search")
    return BuildResult(loaded.problems, model, len(all_pages), stats, timings, message, out)
