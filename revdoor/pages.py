"""Model -> pages: which page exists at which URL, with which template and which data.

Pure: nothing is rendered or written here. Each page also names what it shows (`deps`), so the preview
server can re-render only the pages an edit touches.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import chartdata
from .dates import day_label
from .model import Model
from .views import EditLinks, Views

HOME_EVENTS = 12


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    title: str
    description: str
    lang: str
    context: dict[str, Any] = field(default_factory=dict)
    # What the page shows, for fingerprints: "event:slug", "person:slug"...; "*names" (every name, for text
    # linking), "*context" (small pages showing a bit of everything: hash what they are given), "=text"
    # (a value, such as the number of feed pages).
    deps: frozenset[str] = frozenset()
    og_type: str = "website"
    jsonld: dict[str, Any] | None = None
    in_sitemap: bool = True
    alternate_feed: str | None = None
    subject: str | None = None  # the record this page is about ("person:slug"), counted whole in its fingerprint
    edit: EditLinks | None = None  # "Edit this page" and "Suggest a correction", for content pages


def html_pages(model: Model, views: Views) -> Iterator[Page]:
    """Every HTML page of the site, in a stable order."""
    yield home(model, views)
    yield people_index(model, views)
    yield labs_index(model, views)
    yield articles_index(model, views)
    yield flows_page(model, views)
    for slug in views.shown_people:  # a hidden person has no page (docs/policy.md)
        yield person_page(model, views, slug)
    for slug in model.labs:
        yield lab_page(model, views, slug)
    for slug in model.articles:
        yield article_page(model, views, slug)
    for slug in model.events:
        yield event_page(model, views, slug)
    for n in range(1, feed_page_count(model) + 1):
        yield feed_page(model, views, n)
    yield search_page(model, views)
    yield not_found(model, views)
    yield from redirect_pages(model, views)


def redirect_pages(model: Model, views: Views) -> Iterator[Page]:
    """A renamed profile's old URLs (its `redirect_from`) lead to the new one: a small page, out of the
    sitemap and the search index, that names the profile (`deps`: a new name shows there too)."""
    people = {slug: model.people[slug] for slug in views.shown_people}  # a hidden person's old URLs lead nowhere
    kinds = [(people, views.urls.person, "person", lambda r: r.name),
             (model.labs, views.urls.lab, "lab", lambda r: r.name),
             (model.articles, views.urls.article, "article", lambda r: r.title)]
    for records, url, kind, label in kinds:
        for slug, record in records.items():
            for old in record.redirect_from:
                yield Page(url(old), "redirect.html", label(record), f"Moved to {url(slug)}",
                           model.config.language, {"target": url(slug)}, frozenset({f"{kind}:{slug}"}),
                           in_sitemap=False)


def people_index(model: Model, views: Views) -> Page:
    return Page(views.urls.people(), "people.html", "People",
                f"All {len(views.shown_people)} people tracked, with their current lab.", model.config.language,
                {"rows": views.person_rows}, frozenset({"*context"}))


def labs_index(model: Model, views: Views) -> Page:
    return Page(views.urls.labs(), "labs.html", "Labs",
                f"All {len(model.labs)} labs tracked, with arrivals and departures.", model.config.language,
                {"rows": views.lab_rows}, frozenset({"*context"}))


def articles_index(model: Model, views: Views) -> Page:
    return Page(views.urls.articles(), "articles.html", "Articles", "Press articles about moves between AI labs.",
                model.config.language, {"articles": [model.articles[s] for s in model.articles_by_date]},
                frozenset(f"article:{s}" for s in model.articles_by_date))


def flows_page(model: Model, views: Views) -> Page:
    """Flow diagrams: all time and per year (believed moves), then all time with rumours."""
    ctx = {
        "chart_all": chartdata.flow_chart(model, views, "flows-all", "Moves between labs, all time",
                                          chartdata.model_counts(model)),
        "years": [(y, chartdata.flow_chart(model, views, f"flows-{y}", f"Moves between labs in {y}",
                                           chartdata.model_counts(model, year=y)))
                  for y in chartdata.flow_years(model)],
        "chart_rumours": chartdata.flow_chart(model, views, "flows-rumours", "Moves between labs, all time, with "
                                              "rumours", chartdata.model_counts(model, chartdata.WITH_RUMOURS)),
        "flow_labs": model.config.flow_labs,
    }
    return Page(views.urls.flows(), "flows.html", "Flows between labs",
                "Who moves from which AI lab to which: flow diagrams, all time and per year.",
                model.config.language, ctx, frozenset({"*context"}))


def search_page(model: Model, views: Views) -> Page:
    return Page(views.urls.search(), "search.html", "Search", "Search people, labs, articles and moves.",
                model.config.language, {}, frozenset())


def not_found(model: Model, views: Views) -> Page:
    return Page(views.urls.not_found(), "404.html", "Page not found", "This page does not exist.",
                model.config.language, {}, frozenset(), in_sitemap=False)


def home(model: Model, views: Views) -> Page:
    latest = model.events_by_date[:HOME_EVENTS]
    newest = chartdata.newest_date(model)
    since = chartdata.year_before(newest) if newest else None
    ctx = {
        "events": views.events(latest),
        "chart_recent": chartdata.flow_chart(model, views, "flows-recent", "Moves between labs in the twelve months "
                                             "up to the newest move", chartdata.recent_counts(model, since)),
        "chart_all": chartdata.flow_chart(model, views, "flows-all", "Moves between labs, all time",
                                          chartdata.model_counts(model)),
        "since": since,
        "articles": [model.articles[s] for s in model.articles_by_date[:6]],
        "counts": {"people": len(views.shown_people), "labs": len(model.labs), "events": len(model.events),
                   "articles": len(model.articles)},
        "busiest": sorted(views.lab_rows, key=lambda r: (-(r.arrived + r.departed), r.lab.name))[:8],
    }
    jsonld = {"@context": "https://schema.org", "@type": "WebSite", "name": model.config.title,
              "url": model.config.base_url}
    return Page(views.urls.home(), "home.html", model.config.title, model.config.description,
                model.config.language, ctx, frozenset({"*context"}),
                jsonld=jsonld, alternate_feed=views.urls.feed_xml())


def person_page(model: Model, views: Views, slug: str) -> Page:
    person, timeline = model.people[slug], model.timelines[slug]
    events = views.events(timeline.events[::-1])
    current = [views.lab_link(x) for x in timeline.current]
    articles = [model.articles[a] for a in model.person_articles.get(slug, ())]
    where = ", ".join(c.name for c in current) or "no lab known"
    description = f"{person.name}: career moves between AI labs. Currently: {where}."
    jsonld: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": person.name,
                              "url": model.config.origin + views.urls.person(slug)}
    if person.aliases:
        jsonld["alternateName"] = list(person.aliases)
    if current:
        jsonld["worksFor"] = [{"@type": "Organization", "name": c.name} for c in current]
    alumni = sorted({s.lab for s in timeline.stints if s.end_event} - set(timeline.current))
    if alumni:
        jsonld["alumniOf"] = [{"@type": "Organization", "name": model.labs[x].name} for x in alumni]
    if person.links:
        jsonld["sameAs"] = [url for _, url in person.links]
    deps = {f"person:{slug}", *(f"event:{e.event.slug}" for e in events), *(f"article:{a.slug}" for a in articles)}
    deps |= {f"lab:{s.lab}" for s in timeline.stints} | {f"lab:{x}" for e in events for x in
                                                         (e.event.from_lab, e.event.to_lab) if x}
    chart = chartdata.career_chart(model, views, slug)
    if chart:  # open stints run to the newest move of the whole site: a page to redo when that changes
        deps |= {f"=until:{chart.until.text}"}
    ctx = {"person": person, "timeline": timeline, "stints": views.stints(slug), "current": current,
           "events": events, "articles": articles, "feed": views.urls.person_feed(slug), "career_chart": chart}
    return Page(views.urls.person(slug), "person.html", person.name, description, model.config.language, ctx,
                frozenset(deps), "profile", jsonld, alternate_feed=views.urls.person_feed(slug),
                subject=f"person:{slug}", edit=views.edit_links(person.path, person.name, views.urls.person(slug)))


def lab_page(model: Model, views: Views, slug: str) -> Page:
    lab, flows = model.labs[slug], model.flows[slug]
    articles = [model.articles[a] for a in model.lab_articles.get(slug, ())]
    ctx = {
        "lab": lab, "flows": flows,
        "parent": views.lab_link(lab.parent) if lab.parent else None,
        "children": [views.lab_link(c) for c in flows.children],
        "current": views.people_links(flows.current),
        "alumni": views.people_links(flows.alumni),
        "arrivals": views.events(flows.arrivals[::-1]),
        "departures": views.events(flows.departures[::-1]),
        "rumours": views.events(flows.rumours[::-1]),
        "gains_from": [(views.lab_link(x), n) for x, n in flows.gains_from],
        "loses_to": [(views.lab_link(x), n) for x, n in flows.loses_to],
        "articles": articles, "feed": views.urls.lab_feed(slug),
        "years_chart": chartdata.lab_years(model, slug),
    }
    description = (f"{lab.name}: {len(flows.current)} people now, {flows.arrived} arrivals and "
                   f"{flows.departed} departures tracked.")
    jsonld: dict[str, Any] = {"@context": "https://schema.org", "@type": "Organization", "name": lab.name,
                              "url": lab.url or model.config.origin + views.urls.lab(slug)}
    if lab.aliases:
        jsonld["alternateName"] = list(lab.aliases)
    if lab.parent:
        jsonld["parentOrganization"] = {"@type": "Organization", "name": model.labs[lab.parent].name}
    shown = [*flows.arrivals, *flows.departures, *flows.rumours]
    deps = {f"lab:{slug}", *(f"event:{e}" for e in shown), *(f"article:{a.slug}" for a in articles),
            *(f"person:{p}" for p in flows.current + flows.alumni), *(f"lab:{c}" for c in flows.children)}
    deps |= {f"lab:{x}" for x in (lab.parent,) if x} | {f"lab:{x}" for x, _ in flows.gains_from + flows.loses_to}
    return Page(views.urls.lab(slug), "lab.html", lab.name, description, model.config.language, ctx,
                frozenset(deps), "website", jsonld, alternate_feed=views.urls.lab_feed(slug),
                subject=f"lab:{slug}", edit=views.edit_links(lab.path, lab.name, views.urls.lab(slug)))


def article_page(model: Model, views: Views, slug: str) -> Page:
    article = model.articles[slug]
    ctx = {"article": article, "people": views.people_links(article.people),
           "labs": [views.lab_link(x) for x in article.labs],
           "events": views.events(model.cited_by.get(slug, ()))}
    jsonld: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
                              "datePublished": article.date.isoformat(), "inLanguage": article.lang,
                              "url": model.config.origin + views.urls.article(slug),
                              "about": [{"@type": "Person", "name": p.name} for p in ctx["people"]]}
    if article.source:
        jsonld["publisher"] = {"@type": "Organization", "name": article.source}
    if article.source_url:
        jsonld["isBasedOn"] = article.source_url
    description = article.summary or f"{article.title} ({article.source or 'press'}, {day_label(article.date)})"
    deps = {f"article:{slug}", *(f"person:{p}" for p in article.people), *(f"lab:{x}" for x in article.labs),
            *(f"event:{e}" for e in model.cited_by.get(slug, ())), "*names"}
    return Page(views.urls.article(slug), "article.html", article.title, description, article.lang, ctx,
                frozenset(deps), "article", jsonld, subject=f"article:{slug}",
                edit=views.edit_links(article.path, article.title, views.urls.article(slug)))


def event_page(model: Model, views: Views, slug: str) -> Page:
    view = views.event(slug)
    e = view.event
    description = f"{view.title} ({e.type.replace('-', ' ')}, {e.date.label}, {e.status})."
    deps = {f"event:{slug}", *(f"person:{p}" for p in e.people), *(f"lab:{x}" for x in (e.from_lab, e.to_lab) if x),
            *(f"article:{s.article}" for s in e.sources if s.article)}
    return Page(views.urls.event(slug), "event.html", view.title, description, model.config.language,
                {"e": view}, frozenset(deps), "article", subject=f"event:{slug}",
                edit=views.edit_links(e.path, view.title, views.urls.event(slug)))


def feed_page_count(model: Model) -> int:
    return max(1, math.ceil(len(model.events_by_date) / model.config.feed_page_size))


def feed_page(model: Model, views: Views, n: int) -> Page:
    """Page n of every move, newest first."""
    size, total = model.config.feed_page_size, feed_page_count(model)
    chunk = model.events_by_date[(n - 1) * size:n * size]
    ctx = {"events": views.events(chunk), "page_number": n, "page_count": total,
           "prev": views.urls.feed(n - 1) if n > 1 else None,
           "next": views.urls.feed(n + 1) if n < total else None,
           "pages": [(i, views.urls.feed(i)) for i in range(1, total + 1)] if total <= 20 else None}
    title = "All moves" if n == 1 else f"All moves, page {n} of {total}"
    return Page(views.urls.feed(n), "feed.html", title, f"Every move between AI labs, newest first (page {n}).",
                model.config.language, ctx, frozenset({*(f"event:{e}" for e in chunk), f"=pages:{total}"}),
                alternate_feed=views.urls.feed_xml())
