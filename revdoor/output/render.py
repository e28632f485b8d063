"""Pages -> bytes with Jinja2: one environment per language, templates from the site first, then the project's own.

An environment carries its language's message catalogue (Jinja2's i18n extension: `{% trans %}`, `_()`)
and date filters in that language, so a page is rendered by the environment of its interface's language.

`render_pages` spreads pages over forked processes (see `parallel`): they share the model without pickling it.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import traceback
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..common.parallel import map_ordered
from ..common.resources import TEMPLATES
from ..common.theme import ITEMS
from ..common.urls import Urls
from ..content.config import SiteConfig
from ..language import i18n
from ..language.catalogues import translations
from ..language.pretranslate import Pretranslate
from ..site.pages import Page
from . import cardimage

PROJECT_TEMPLATES = TEMPLATES
POOL_THRESHOLD = 400  # pages; below this a pool's start-up costs more than it saves
MAX_CACHED_ITEMS = 100_000
TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".j2")


I18N_EXTENSIONS = ["jinja2.ext.i18n"]  # also in babel.cfg, which extracts the strings these templates ask for


class _Environment(jinja2.Environment):
    """Templates' globals as a plain dict, not Jinja's ChainMap over the environment's: every `{% from ... import
    %}` of every page compares the page's global names with the imported template's (`_get_default_module`),
    and a ChainMap tests each name through every map in Python: a tenth of the rendering time on M. The
    environment's globals are all set before the first template loads (`environment` below), as Jinja asks."""

    # Set by `environment` below: by jinja2.ext.i18n (which adds the method when the environment is made),
    # and for Pretranslate. Declared for the type checker only.
    install_gettext_translations: Callable[..., None]
    pretranslations: gettext.NullTranslations

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def environment(template_dirs: Sequence[Path], config: SiteConfig, urls: Urls,
                lang: str | None = None) -> jinja2.Environment:
    """The environment that renders pages whose interface is in `lang` (by default the site's language)."""
    lang = lang or config.language
    env = _Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]), extensions=[*I18N_EXTENSIONS, Pretranslate],
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: never stat a template again
    )
    env.globals.update(site=config, urls=urls, absolute=lambda url: config.origin + url)
    # newstyle: `_()` escapes its arguments and formats them itself, as `{% trans %}` does.
    env.install_gettext_translations(translations(lang), newstyle=True)
    env.pretranslations = translations(lang)  # fixed words, at compile time
    env.globals["gettext"] = env.globals["_"] = _remembered_gettext(translations(lang), lang)
    env.globals["ngettext"] = _ngettext(translations(lang), lang)
    env.globals["ui_lang"] = lang
    env.filters["day"] = functools.partial(i18n.day_label, lang=lang)
    env.filters["label"] = functools.partial(i18n.date_label, lang=lang)
    env.filters["isoday"] = lambda d: d.isoformat() if isinstance(d, dt.date) else str(d)
    env.filters["jsonld"] = _jsonld
    env.filters["language_name"] = i18n.language_name
    env.filters["og_locale"] = i18n.og_locale
    env.filters["number"] = functools.partial(i18n.number, lang=lang)  # "12 345" in French
    env.filters["signed"] = functools.partial(i18n.signed, lang=lang)  # "+3", "−12"
    env.globals["cached_event_item"] = item = _item_cache(env, ITEMS["cached_event_item"], "v")
    # Whole lists at once: a big lab lists thousands of moves and articles, and a Jinja loop costs more per
    # item than fetching it.
    env.globals["cached_event_items"] = _joined(item)
    for call, name in (("cached_article_items", "a"), ("cached_person_rows", "r"), ("cached_lab_rows", "r")):
        # The indexes too: an edit that changes one person's row renders one row, not two thousand.
        env.globals[call] = _joined(_item_cache(env, ITEMS[call], name))
    env.globals["fragment"] = _fragments(env)
    return env


def render_items(env: jinja2.Environment, call: str, views: Sequence[object]) -> None:
    """`views` rendered as a list's items by `call` (one of `theme.ITEMS`), into `env`'s item cache, as a page
    listing them would (the preview server's warm-up)."""
    items: Callable[[Sequence[object]], Markup] = env.globals[call]  # type: ignore[assignment]
    items(views)


def _joined(item: Any) -> Any:
    """A list's items rendered by `item`, as one piece of HTML."""
    return lambda views: Markup("").join(map(item, views))


def _remembered_gettext(catalogue: gettext.NullTranslations, lang: str) -> Any:
    """Jinja's newstyle `_()`/`gettext`, with the translation of a message without variables made once per
    environment: the interface's fixed words ("Skip to content", "People"...) are asked for on every page,
    and building each again cost a tenth of the rendering time. Same results: the translation, as Markup
    where the template autoescapes, formatted with its (escaped) variables, with the elisions the variables
    call for ("d’OpenAI", `i18n.elide`)."""
    cache: dict[tuple[str, bool], str] = {}
    fill = _filler(lang)

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, string: str, **variables: Any) -> str:
        autoescape = context.eval_ctx.autoescape
        if not variables:
            hit = cache.get((string, autoescape))
            if hit is None:
                text = catalogue.gettext(string)
                hit = cache[(string, autoescape)] = (Markup(text) if autoescape else text) % {}
            return hit
        return fill(catalogue.gettext(string), variables, autoescape)

    return gettext


def _ngettext(catalogue: gettext.NullTranslations, lang: str) -> Any:
    """Jinja's newstyle `ngettext`, with `%(num)s` written in the locale's digits ("1 234 personnes", where
    Jinja's own would write "1234") and the elisions of `_remembered_gettext`."""
    fill = _filler(lang)

    @jinja2.pass_context
    def ngettext(context: jinja2.runtime.Context, singular: str, plural: str, n: int, **variables: Any) -> str:
        variables.setdefault("num", i18n.number(n, lang))
        return fill(catalogue.ngettext(singular, plural, n), variables, context.eval_ctx.autoescape)

    return ngettext


def _filler(lang: str) -> Callable[[str, Mapping[str, Any], bool], str]:
    """How the templates' gettext and ngettext fill a translation: with the elisions its values call for
    (asked once per language: most never elide), as Markup where the template autoescapes, so that the
    values are escaped and the translation's own markup is kept, as Jinja's newstyle gettext does."""
    eliding = i18n.elides(lang)

    def fill(text: str, variables: Mapping[str, Any], autoescape: bool) -> str:
        if eliding:
            text = i18n.elide(text, variables, lang)
        return (Markup(text) if autoescape else text) % variables

    return fill


class Environments(dict[str, jinja2.Environment]):
    """One environment per language of the site; a page is rendered by its interface's (`Page.ui`); and the
    font social cards are drawn with (`cardimage.find_font`)."""

    def __init__(self, envs: dict[str, jinja2.Environment], default: str, card_font: Path | None = None) -> None:
        super().__init__(envs)
        self.default, self.card_font = default, card_font

    def for_page(self, page: Page) -> jinja2.Environment:
        return self[page.ui or self.default]


def environments(template_dirs: Sequence[Path], config: SiteConfig, urls: Mapping[str, Urls],
                 card_font: Path | None = None) -> Environments:
    """The environment of each language, given each language's URLs (languages.Languages.urls)."""
    return Environments({lang: environment(template_dirs, config, u, lang) for lang, u in urls.items()},
                        config.language, card_font)


def _item_cache(env: jinja2.Environment, template: str, name: str) -> Any:
    """A list item (an event's, an article's), rendered once and reused on every page that lists it (Hugo's
    partialCached): `template` rendered with the view as `name`.

    Keyed by the view's value (a frozen record of everything the item shows), so an edited event can never
    be served an old item, and the preview server's next rebuild still finds the unchanged ones.
    """
    cache: dict[object, Markup] = {}

    def cached_item(view: object) -> Markup:
        html = cache.get(view)
        if html is None:
            if len(cache) > MAX_CACHED_ITEMS:
                cache.clear()  # a long preview session must not grow without bound
            html = cache[view] = Markup(env.get_template(template).render({name: view}))
        return html

    return cached_item


def _fragments(env: jinja2.Environment) -> Any:
    """`fragment(name, **values)`: the template `name` rendered with `values`, once per environment and
    values. The header, footer and head links of base.html are the same on every page but for a few flags
    (the current section, the page's language): rendering them for each of M's 17,816 pages was a sixth of
    all rendering."""
    cache: dict[tuple[str, tuple[tuple[str, object], ...]], Markup] = {}

    def fragment(name: str, **values: object) -> Markup:
        key = (name, tuple(sorted(values.items())))
        html = cache.get(key)
        if html is None:
            html = cache[key] = Markup(env.get_template(name).render(values))
        return html

    return fragment


def _jsonld(value: str) -> Markup:
    """A page's JSON-LD, encoded for its <script> when the page was decided (`structured.script`)."""
    return Markup(value)


class TemplateRenderError(Exception):
    """A template failed (its syntax, or while rendering a page): the template file and line, and why.

    Raised in place of Jinja's error so that it crosses back from a rendering process intact (a traceback
    does not survive pickling), and so that the builder can report it as a Problem, never a traceback."""

    def __init__(self, filename: str, line: int, message: str, url: str) -> None:
        super().__init__(filename, line, message, url)
        self.filename, self.line, self.message, self.url = filename, line, message, url


def render_page(env: jinja2.Environment | Environments, page: Page) -> bytes:
    if page.body is not None:
        return page.body
    if page.card is not None:
        if not isinstance(env, Environments) or env.card_font is None:
            raise TypeError(f"{page.url}: a card is drawn with the font found by cardimage.find_font")
        return cardimage.draw(page.card, env.card_font)
    if isinstance(env, Environments):
        env = env.for_page(page)
    try:
        template = env.get_template(page.template)
        return template.render(page=page, **page.template_context()).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateRenderError(exc.filename or page.template, exc.lineno, exc.message or str(exc),
                                  page.url) from None
    except Exception as exc:
        # The innermost template frame is the line an editor of templates can act on.
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(TEMPLATE_SUFFIXES)]
        if not frames:
            raise  # a bug in our Python, not in a template: let it show as one
        raise TemplateRenderError(frames[-1].filename, frames[-1].lineno or 1, f"{type(exc).__name__}: {exc}",
                              page.url) from None


def check_templates(dirs: Sequence[Path]) -> list[TemplateRenderError]:
    """Parse every template before any page renders: a syntax error in a template no page uses yet, or one
    first met in a rendering process, is still reported with its file and line."""
    problems = []
    env = jinja2.Environment(extensions=I18N_EXTENSIONS)
    for d in dirs:
        for path in sorted(Path(d).rglob("*")):
            if path.is_file() and path.suffix in TEMPLATE_SUFFIXES:
                try:
                    env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
                except jinja2.TemplateSyntaxError as exc:
                    problems.append(TemplateRenderError(str(path), exc.lineno, exc.message or str(exc), ""))
                except UnicodeDecodeError:
                    problems.append(TemplateRenderError(str(path), 1, "the template is not UTF-8 text", ""))
    return problems


def render_pages(env: jinja2.Environment | Environments, pages: list[Page], jobs: int | None = None) -> list[bytes]:
    """Render every page, in order, over the cores when there are enough pages."""
    return map_ordered(functools.partial(render_page, env), pages, jobs, threshold=POOL_THRESHOLD)
