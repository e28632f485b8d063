"""One site in several languages: which pages each language has, and how the versions point at each other.

Views and page functions know one language at a time. This module runs them once per language of
`site.toml`'s `languages` and ties the results together: every page learns its interface's language (the
templates environment that renders it), its versions in the other languages (`hreflang`, the sitemap) and
where its language switch leads. The default language keeps the contract's URLs, the others live under
/<lang>/ (`urls.Urls.prefix`). Articles too: every language frames every article (/articles/x/,
/fr/articles/x/), so a reader who opens one stays in their language; the frame in the article's own language
is its canonical address (`pages.article_page`).

A site with one language skips the tying altogether: its pages are exactly what they were before
languages existed, at no cost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..common.memo import Memo
from ..common.urls import Urls
from ..content.config import SiteConfig
from ..modelling.model import Model
from . import cards, data, feeds, pages
from .pages import Page, Plan
from .views import Views


@dataclass(frozen=True)
class Languages:
    """The site's languages, the default first, and each one's URLs."""

    codes: tuple[str, ...]
    urls: Mapping[str, Urls]
    config: SiteConfig

    @classmethod
    def of(cls, config: SiteConfig) -> Languages:
        return cls(config.languages, {lang: Urls.for_language(config.base_path, lang, config.language)
                                      for lang in config.languages}, config)

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def several(self) -> bool:
        return len(self.codes) > 1

    def views(self, model: Model, memo: Memo | None = None) -> dict[str, Views]:
        """Each language's views, sharing one `memo` (what is the same in every language is made once)."""
        memo = memo or Memo()
        return {lang: Views(model, self.urls[lang], lang, memo) for lang in self.codes}

def language_plans(model: Model, langs: Languages, views: Mapping[str, Views]) -> dict[str, list[Plan]]:
    """What each language publishes: its HTML pages, its Atom feeds, its JSON Feed and its social cards."""
    return {lang: [*pages.html_plans(model, views[lang]), *feeds.feed_plans(model, views[lang]),
                   Plan(data.json_feed_page), Plan(data.downloads_page), *cards.card_plans(model, views[lang])]
            for lang in langs.codes}


def neutral_plans() -> list[Plan]:
    """The files in no language, decided with the default language's views: the open data and robots.txt
    (the sitemap is made from the other pages: `sitemap_of`)."""
    return [*(Plan(data.file_page, (file,)) for file in data.FILES), Plan(feeds.robots)]


def sitemap_of(model: Model, every: Iterable[Page], views: Views) -> Page:
    """The sitemap of the HTML pages among `every` (with each one's versions in the other languages)."""
    return feeds.sitemap(model, [p for p in every if p.template != "atom.xml" and p.body is None and p.card is None],
                         views)


def site_pages(model: Model, langs: Languages, views: Mapping[str, Views] | None = None) -> list[Page]:
    """Every file the site makes, in a stable order: each language's HTML pages and feeds, then the open
    data (language-neutral), robots.txt and the sitemap (with every language's versions)."""
    views = views or langs.views(model)
    default = views[langs.default]
    by_lang = {lang: [page for plan in plans for page in plan.decide(model, views[lang])]
               for lang, plans in language_plans(model, langs, views).items()}
    every = localize(by_lang, langs)
    neutral = [page for plan in neutral_plans() for page in plan.decide(model, default)]
    return [*every, *neutral, sitemap_of(model, every, default)]


def card_pages(model: Model, langs: Languages, views: Mapping[str, Views]) -> list[Page]:
    """Every language's social cards, as `site_pages` decides them: from the model alone, before the pages
    they belong to (a card has no versions in other languages to tie)."""
    return [page for lang in langs.codes for plan in cards.card_plans(model, views[lang])
            for page in plan.decide(model, views[lang])]


def localize(by_lang: Mapping[str, Iterable[Page]], langs: Languages) -> list[Page]:
    """The pages of every language, each told its interface's language, its versions in the others (pages
    at the same place under each language's root) and where its language switch leads."""
    if not langs.several:
        return [p for ps in by_lang.values() for p in ps]
    listed = {lang: list(ps) for lang, ps in by_lang.items()}
    versions: dict[str, dict[str, str]] = {}  # place under the root -> lang -> URL
    for lang, ps in listed.items():
        root = langs.urls[lang].root
        for p in ps:
            if p.url.startswith(root):
                versions.setdefault(p.url[len(root):], {})[lang] = p.url
    out = []
    for lang, ps in listed.items():
        root = langs.urls[lang].root
        for p in ps:
            found = versions.get(p.url[len(root):], {}) if p.url.startswith(root) else {}
            others = tuple((code, found[code]) for code in langs.codes if code in found and code != lang)
            # An article's frames hold one text: not versions of a page in other languages but one page, whose
            # frames name the canonical one (`Page.canonical`). Google reads the same main content under
            # another interface as a duplicate, and drops hreflang annotations between pages that are not
            # each their own canonical; so its frames have no hreflang, only the switch between them.
            alternates = () if p.canonical is not None else tuple((code, found[code]) for code in langs.codes
                                                                   if code in found and len(found) > 1)
            out.append(dataclasses.replace(p, ui=lang, alternates=alternates, switch=others))
    return out
