"""The URL contract, in one place: every link a page makes comes from here.

URLs are root-relative and start with the base path, so the site works at a domain's root and under a
project page's path (https://example.github.io/tracker/) alike.
"""

from __future__ import annotations

from dataclasses import dataclass

# The first folder of every address the site makes besides a plain page's (`Urls.page`, /<slug>/), and of
# the files it publishes: a page's slug must be none of these, nor one of the site's languages (/fr/), or
# two things would claim one address (`content/schema.py` refuses such a file). `tests/test_pages.py`
# checks every address a build writes against this list.
ROOT_FOLDERS = ("people", "labs", "articles", "events", "feed", "flows", "search", "data", "static", "pagefind")


@dataclass(frozen=True)
class Urls:
    """The URLs of one language's pages. `prefix` is "" for the default language and "fr/" for French:
    its pages live under /fr/. Static files, open data, the sitemap and robots.txt belong to no language and
    keep their one address. An article is framed in every language, so it has an address in each
    (/articles/x/, /fr/articles/x/): the one in its own language is canonical (`views.Views.article_home`)."""

    base: str = "/"  # always starts and ends with "/"
    prefix: str = ""  # "" or "<lang>/"

    @classmethod
    def for_language(cls, base: str, lang: str, default: str) -> Urls:
        return cls(base, "" if lang == default else f"{lang}/")

    @property
    def root(self) -> str:
        """Where this language's pages start: "/" or "/fr/"."""
        return self.base + self.prefix

    def home(self) -> str:
        return self.root

    def people(self) -> str:
        return f"{self.root}people/"

    def person(self, slug: str) -> str:
        return f"{self.root}people/{slug}/"

    def person_feed(self, slug: str) -> str:
        return f"{self.root}people/{slug}/feed.xml"

    def labs(self) -> str:
        return f"{self.root}labs/"

    def lab(self, slug: str) -> str:
        return f"{self.root}labs/{slug}/"

    def lab_feed(self, slug: str) -> str:
        return f"{self.root}labs/{slug}/feed.xml"

    def article(self, slug: str) -> str:
        return f"{self.root}articles/{slug}/"

    def articles(self) -> str:
        return f"{self.root}articles/"

    def event(self, slug: str) -> str:
        return f"{self.root}events/{slug}/"

    def page(self, slug: str) -> str:
        """A plain page (`content/pages/<slug>.md`): the editorial policy at /policy/, /fr/policy/."""
        return f"{self.root}{slug}/"

    def feed(self, page: int = 1) -> str:
        return f"{self.root}feed/" if page == 1 else f"{self.root}feed/page/{page}/"

    def flows(self) -> str:
        return f"{self.root}flows/"

    def feed_xml(self) -> str:
        return f"{self.root}feed.xml"

    def feed_json(self) -> str:
        return f"{self.root}feed.json"

    def data(self, name: str) -> str:
        """Open data files (docs/data.md): data("events.json") -> /data/events.json."""
        return f"{self.base}data/{name}"

    def search(self) -> str:
        return f"{self.root}search/"

    def card(self, page: str | None = None) -> str:
        """A page's social card (`og:image`): /people/x/ -> /people/x/card.png; the site's card is /card.png."""
        return f"{page or self.root}card.png"

    def data_page(self) -> str:
        """The page that lists the open-data downloads (/data/, /fr/data/)."""
        return f"{self.root}data/"

    def sitemap(self) -> str:
        return f"{self.base}sitemap.xml"

    def not_found(self) -> str:
        return f"{self.root}404.html"

    def robots(self) -> str:
        return f"{self.base}robots.txt"

    def section(self, url: str) -> str | None:
        """The main navigation's entry a page is under ("people" for a person's page), for aria-current."""
        for name, root in (("feed", self.feed()), ("people", self.people()), ("labs", self.labs()),
                           ("flows", self.flows()), ("articles", self.articles())):
            if url.startswith(root):
                return name
        return None

    def static(self, name: str) -> str:
        return f"{self.base}static/{name}"

    def output_path(self, url: str) -> str:
        """The file that serves `url`, relative to the output directory: /people/x/ -> people/x/index.html."""
        rel = url[len(self.base):] if url.startswith(self.base) else url.lstrip("/")
        return rel + "index.html" if rel == "" or rel.endswith("/") else rel
