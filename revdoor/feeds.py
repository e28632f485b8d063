"""Machine-readable outputs: Atom feeds (site, per person, per lab), the sitemap and robots.txt.

Dates come from the content, never from the clock, so two builds of the same content are identical.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Model
from .pages import Page
from .views import Views

FEED_ENTRIES = 50


def feeds(model: Model, views: Views) -> Iterator[Page]:
    u = views.urls
    yield _atom(model, views, u.feed_xml(), model.config.title + ": all moves", u.feed(),
                model.events_by_date[:FEED_ENTRIES], frozenset({"*events"}))
    for slug, person in model.people.items():
        events = model.timelines[slug].events[::-1][:FEED_ENTRIES]
        yield _atom(model, views, u.person_feed(slug), f"{person.name}: moves", u.person(slug), events,
                    frozenset({f"person:{slug}", *(f"event:{e}" for e in events)}))
    for slug, lab in model.labs.items():
        flows = model.flows[slug]
        events = tuple(sorted({*flows.arrivals, *flows.departures, *flows.rumours},
                              key=lambda s: model.events[s].sort_key, reverse=True))[:FEED_ENTRIES]
        yield _atom(model, views, u.lab_feed(slug), f"{lab.name}: arrivals and departures", u.lab(slug), events,
                    frozenset({f"lab:{slug}", *(f"event:{e}" for e in events)}))


def _atom(model: Model, views: Views, url: str, title: str, html_url: str, events: tuple[str, ...],
          deps: frozenset[str]) -> Page:
    entries = views.events(events)
    updated = max((e.event.date.timestamp for e in entries), default="2000-01-01T00:00:00Z")
    return Page(url, "atom.xml", title, "", model.config.language,
                {"entries": entries, "updated": updated, "html_url": html_url}, deps, in_sitemap=False)


def sitemap(model: Model, pages: list[Page], views: Views) -> Page:
    urls = [p.url for p in pages if p.in_sitemap and p.url.endswith("/")]
    return Page(views.urls.sitemap(), "sitemap.xml", "", "", model.config.language, {"locs": urls},
                frozenset({"*pages"}), in_sitemap=False)


def robots(model: Model, views: Views) -> Page:
    return Page(views.urls.robots(), "robots.txt", "", "", model.config.language,
                {"sitemap": model.config.origin + views.urls.sitemap()}, frozenset(), in_sitemap=False)
