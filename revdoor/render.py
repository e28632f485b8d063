"""Pages -> bytes with Jinja2: one environment, templates from the site first, then the project's own.

The rendering workers share nothing but the model; `render_pages` spreads pages over a process pool when
there are enough of them to pay for it (fork shares the model without pickling it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import jinja2

from .config import SiteConfig
from .dates import day_label
from .pages import Page
from .urls import Urls

PROJECT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
POOL_THRESHOLD = 400  # pages; below this a pool's start-up costs more than it saves


def environment(template_dirs: Sequence[Path], config: SiteConfig, urls: Urls) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.globals.update(site=config, urls=urls, absolute=lambda url: config.origin + url)
    env.filters["day"] = day_label
    env.filters["isoday"] = lambda d: d.isoformat() if isinstance(d, dt.date) else str(d)
    env.filters["jsonld"] = _jsonld
    return env


def _jsonld(value: Any) -> jinja2.utils.markupsafe.Markup:
    """JSON for a <script type="application/ld+json">: `<`, `>`, `&` escaped so `</script>` cannot end it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return jinja2.utils.markupsafe.Markup(text)


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    template = env.get_template(page.template)
    return template.render(page=page, **page.context).encode("utf-8")


_WORKER: tuple[jinja2.Environment, list[Page]] | None = None


def _render_chunk(bounds: tuple[int, int]) -> list[bytes]:
    assert _WORKER is not None
    env, pages = _WORKER
    return [render_page(env, p) for p in pages[bounds[0]:bounds[1]]]


def render_pages(env: jinja2.Environment, pages: list[Page], jobs: int | None = None) -> list[bytes]:
    """Render every page, in order; with a pool of `jobs` processes when it is worth it."""
    global _WORKER
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(pages) < POOL_THRESHOLD:
        return [render_page(env, p) for p in pages]
    _WORKER = (env, pages)
    try:
        size = max(50, len(pages) // (jobs * 8))
        chunks = [(i, min(i + size, len(pages))) for i in range(0, len(pages), size)]
        import multiprocessing

        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            out: list[bytes] = []
            for part in pool.map(_render_chunk, chunks):
                out.extend(part)
        return out
    finally:
        _WORKER = None
