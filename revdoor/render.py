"""Pages -> bytes with Jinja2: one environment, templates from the site first, then the project's own.

`render_pages` spreads pages over forked processes (see `parallel`): they share the model without pickling it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .config import SiteConfig
from .dates import day_label
from .pages import Page
from .parallel import map_ordered
from .urls import Urls

PROJECT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
POOL_THRESHOLD = 400  # pages; below this a pool's start-up costs more than it saves
MAX_CACHED_ITEMS = 100_000


def environment(template_dirs: Sequence[Path], config: SiteConfig, urls: Urls) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: never stat a template again
    )
    env.globals.update(site=config, urls=urls, absolute=lambda url: config.origin + url)
    env.filters["day"] = day_label
    env.filters["isoday"] = lambda d: d.isoformat() if isinstance(d, dt.date) else str(d)
    env.filters["jsonld"] = _jsonld
    env.globals["cached_event_item"] = _event_item_cache(env)
    return env


def _event_item_cache(env: jinja2.Environment) -> Any:
    """An event's list item, rendered once and reused on every page that lists it (Hugo's partialCached).

    Keyed by the view's value (a frozen record of everything the item shows), so an edited event can never
    be served an old item, and the preview server's next rebuild still finds the unchanged ones.
    """
    cache: dict[object, Markup] = {}

    def cached_event_item(view: object) -> Markup:
        html = cache.get(view)
        if html is None:
            if len(cache) > MAX_CACHED_ITEMS:
                cache.clear()  # a long preview session must not grow without bound
            html = cache[view] = Markup(env.get_template("_event_item.html").render(v=view))
        return html

    return cached_event_item


def _jsonld(value: Any) -> Markup:
    """JSON for a <script type="application/ld+json">: `<`, `>`, `&` escaped so `</script>` cannot end it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    template = env.get_template(page.template)
    return template.render(page=page, **page.context).encode("utf-8")


def render_pages(env: jinja2.Environment, pages: list[Page], jobs: int | None = None) -> list[bytes]:
    """Render every page, in order, over the cores when there are enough pages."""
    return map_ordered(functools.partial(render_page, env), pages, jobs, threshold=POOL_THRESHOLD)
