"""Machine-readable outputs: Atom feeds (site, per person, per lab), the sitemap and robots.txt.

Dates come from the content, never from the clock, so two builds of the same content are identical.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..modelling.model import Model
from .pages import Page, Plan
from .views import Views

FEED_ENTRIES = 50


def feed_plans(model: Model, views: Views) -> Iterator[Plan]:
    yield Plan(site_feed)
    for slug in views.shown_people:
        yield Plan(person_feed, (slug,))
    for slug in model.labs:
        yield Plan(lab_feed, (slug,))


def feeds(model: Model, views: Views) -> Iterator[Page]:
    for plan in feed_plans(model, views):
        yield from plan.decide(model, views)


def site_feed(model: Model, views: Views) -> Page:
    events = views.newest(0, FEED_ENTRIES)
    title = views.gettext("%(site)s: all moves", site=model.config.title)  # base.html's msgid
    return _atom(model, views, views.urls.feed_xml(), title, views.urls.feed(),
                 events)


def person_feed(model: Model, views: Views, slug: str) -> Page:
    events = model.timelines[slug].events[::-1][:FEED_ENTRIES]
    title = views.gettext("%(title)s: moves", title=model.people[slug].name)  # base.html's msgid
    return _atom(model, views, views.urls.person_feed(slug), title,
                 views.urls.person(slug), events)


def lab_feed(model: Model, views: Views, slug: str) -> Page:
    flows = model.flows[slug]
    # Each list is in date order: the newest entries of all four are among the newest of each (a big lab
    # has thousands, sorted again for every lab feed otherwise).
    newest = {*flows.arrivals[-FEED_ENTRIES:], *flows.departures[-FEED_ENTRIES:], *flows.rumours[-FEED_ENTRIES:],
              *flows.roles[-FEED_ENTRIES:]}
    events = tuple(sorted(newest, key=lambda s: model.events[s].sort_key, reverse=True))[:FEED_ENTRIES]
    title = views.gettext("%(name)s: arrivals and departures", name=model.labs[slug].name)
    return _atom(model, views, views.urls.lab_feed(slug), title,
                 views.urls.lab(slug), events)


def _atom(model: Model, views: Views, url: str, title: str, html_url: str, events: tuple[str, ...],
) -> Page:
    entries = views.events(events)
    updated = max((e.event.date.timestamp for e in entries), default="2000-01-01T00:00:00Z")
    return Page(url, "atom.xml", title, "", views.lang,
                {"entries": entries, "updated": updated, "html_url": html_url}, in_sitemap=False)


def sitemap(model: Model, pages: list[Page], views: Views) -> Page:
    """Every page for search engines, each with its versions in the site's languages (hreflang)."""
    locs = [(p.url, p.alternates) for p in pages if p.in_sitemap and p.url.endswith("/")]
    return Page(views.urls.sitemap(), "sitemap.xml", "", "", model.config.language, {"locs": locs},
                in_sitemap=False)


def robots(model: Model, views: Views) -> Page:
    return Page(views.urls.robots(), "robots.txt", "", "", model.config.language,
                {"sitemap": model.config.origin + views.urls.sitemap()}, in_sitemap=False)
