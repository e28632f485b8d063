"""The URL contract, in one place: every link a page makes comes from here.

URLs are root-relative and start with the base path, so the site works at a domain's root and under a
project page's path (https://example.github.io/tracker/) alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Urls:
    base: str = "/"  # always starts and ends with "/"

    def home(self) -> str:
        return self.base

    def people(self) -> str:
        return f"{self.base}people/"

    def person(self, slug: str) -> str:
        return f"{self.base}people/{slug}/"

    def person_feed(self, slug: str) -> str:
        return f"{self.base}people/{slug}/feed.xml"

    def labs(self) -> str:
        return f"{self.base}labs/"

    def lab(self, slug: str) -> str:
        return f"{self.base}labs/{slug}/"

    def lab_feed(self, slug: str) -> str:
        return f"{self.base}labs/{slug}/feed.xml"

    def article(self, slug: str) -> str:
        return f"{self.base}articles/{slug}/"

    def articles(self) -> str:
        return f"{self.base}articles/"

    def event(self, slug: str) -> str:
        return f"{self.base}events/{slug}/"

    def feed(self, page: int = 1) -> str:
        return f"{self.base}feed/" if page == 1 else f"{self.base}feed/page/{page}/"

    def flows(self) -> str:
        return f"{self.base}flows/"

    def feed_xml(self) -> str:
        return f"{self.base}feed.xml"

    def feed_json(self) -> str:
        return f"{self.base}feed.json"

    def data(self, name: str) -> str:
        """Open data files (docs/data.md): data("events.json") -> /data/events.json."""
        return f"{self.base}data/{name}"

    def search(self) -> str:
        return f"{self.base}search/"

    def sitemap(self) -> str:
        return f"{self.base}sitemap.xml"

    def not_found(self) -> str:
        return f"{self.base}404.html"

    def robots(self) -> str:
        return f"{self.base}robots.txt"

    def static(self, name: str) -> str:
        return f"{self.base}static/{name}"

    def output_path(self, url: str) -> str:
        """The file that serves `url`, relative to the output directory: /people/x/ -> people/x/index.html."""
        rel = url[len(self.base):] if url.startswith(self.base) else url.lstrip("/")
        return rel + "index.html" if rel == "" or rel.endswith("/") else rel
