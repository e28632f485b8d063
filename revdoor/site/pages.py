"""Model -> pages: which page exists at which URL, with which template and which data.

Pure: nothing is rendered or written here. A page holds all its template may show, as values (its context
of views and records); the digest of the page is what tells a build whether to render it again
(`fingerprints`), so nothing else says what a page shows.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..content.statuses import WITH_RUMOURS
from ..language import i18n
from ..modelling.model import Article, Lab, Model, Person
from . import chartdata, structured
from .views import EditLinks, Views

HOME_EVENTS = 12


@dataclass(frozen=True)
class Card:
    """What a page's social card (`og:image`) shows: drawn by output/cardimage.py, and drawn again exactly when
    one of these changes (a card page's fingerprint is their digest: `fingerprints`)."""

    title: str  # a person's or lab's name, an article's title
    subtitle: str  # the current lab, the outlet
    summary: str  # one line
    site: str  # the site's title and address, in a corner
    where: str


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    title: str
    description: str
    lang: str
    # What the template is given, and all it may show (with the fields above): its digest is the page's
    # fingerprint (`fingerprints`), so it holds values only, never the whole model (`digest`).
    context: dict[str, Any] = field(default_factory=dict)
    og_type: str = "website"
    jsonld: str | None = None  # the JSON-LD, encoded (`structured.script`)
    in_sitemap: bool = True
    alternate_feed: str | None = None
    edit: EditLinks | None = None  # "Edit this page" and "Suggest a correction", for content pages
    # Set by `languages.localize` once every language's pages exist: the interface's language (whose
    # templates environment renders the page), the page in each language for hreflang, and where the
    # language switch leads (the same page in the other languages, when it has them).
    ui: str = ""
    alternates: tuple[tuple[str, str], ...] = ()
    switch: tuple[tuple[str, str], ...] = ()
    # A file made whole in Python (the open data, data.py), written as it is: no template renders it, and
    # its fingerprint is the hash of these bytes.
    body: bytes | None = None
    # A social card (a PNG drawn when the page renders) instead of a template; and, on an HTML page, the URL
    # of its card (`og:image`; None: the site's card).
    card: Card | None = None
    image: str | None = None
    # An article's frame (`article_page`): the address of its frame in its own language, its `rel=canonical`
    # (its own URL on that frame). None on every other page, which is its own canonical address.
    canonical: str | None = None
    # Where the frame of an HTML page (its status legend, its footer) links the editorial policy: set for
    # every such page by `Plan.decide` (`Views.policy`), so that its digest covers it.
    policy: str | None = None

    def value(self, key: str) -> Any:
        """A context value as templates get it (a value made late, made), None when the page has none."""
        value = self.context.get(key)
        return value() if isinstance(value, functools.partial) else value

    def template_context(self) -> dict[str, Any]:
        return {key: self.value(key) for key in self.context}


# A context value may be made late, when its page renders, in the process that renders it: a
# `functools.partial` of a module-level function and the inputs it is made of, which are what the page's
# digest covers. Every page is decided in one process before any rendering starts: the career charts were a
# third of that (0.5 s of 1.4 on M), while rendering runs on every core.


@dataclass(frozen=True)
class Plan:
    """A page to decide: the function that decides it and what for (a slug, a page number), besides the model
    and the views. Every file of the site has one, so the preview server can decide a page again from it alone
    (`revdoor/preview/engine.py`)."""

    make: Callable[..., Page | list[Page]]
    args: tuple[Any, ...] = ()

    def decide(self, model: Model, views: Views) -> list[Page]:
        made = self.make(model, views, *self.args)
        pages = made if isinstance(made, list) else [made]
        if not any(p.template.endswith(".html") for p in pages):
            return pages
        policy = views.policy  # read here, once for every kind of page (recorded as read under the preview)
        return [dataclasses.replace(p, policy=policy) if p.template.endswith(".html") else p for p in pages]


def html_plans(model: Model, views: Views) -> Iterator[Plan]:
    """Every HTML page of the site in `views`' language, in a stable order (every article too: each language
    frames it, `article_page`)."""
    yield from (Plan(home), Plan(people_index), Plan(labs_index), Plan(articles_index), Plan(flows_page))
    for slug in views.shown_people:  # a hidden person has no page (docs/policy.md)
        yield Plan(person_page, (slug,))
    for slug in model.labs:
        yield Plan(lab_page, (slug,))
    for slug in model.articles:
        yield Plan(article_page, (slug,))
    for slug in model.events:
        yield Plan(event_page, (slug,))
    for slug in model.pages:
        yield Plan(plain_page, (slug,))
    for n in range(1, feed_page_count(model) + 1):
        yield Plan(feed_page, (n,))
    yield from (Plan(search_page), Plan(search_text), Plan(not_found), Plan(redirects))


def html_pages(model: Model, views: Views) -> Iterator[Page]:
    for plan in html_plans(model, views):
        yield from plan.decide(model, views)


def redirects(model: Model, views: Views) -> list[Page]:
    return list(redirect_pages(model, views))


def redirect_pages(model: Model, views: Views) -> Iterator[Page]:
    """A renamed profile's old URLs (its `redirect_from`) lead to the new one: a small page, out of the
    sitemap and the search index, that names the profile."""
    people = {slug: model.people[slug] for slug in views.shown_people}  # a hidden person's old URLs lead nowhere
    kinds: list[tuple[Mapping[str, Person | Lab | Article], Callable[[str], str]]] = [
        (people, views.urls.person), (model.labs, views.urls.lab), (model.articles, views.urls.article)]
    for records, url in kinds:
        for slug, record in records.items():
            label = record.title if isinstance(record, Article) else record.name
            for old in record.redirect_from:
                yield Page(url(old), "redirect.html", label,
                           views.gettext("Moved to %(url)s", url=url(slug)),
                           views.lang, {"target": url(slug)}, in_sitemap=False)


def people_index(model: Model, views: Views) -> Page:
    return Page(views.urls.people(), "people.html", views.gettext("People"),
                views.ngettext("All %(num)s person tracked, with their current lab.",
                               "All %(num)s people tracked, with their current lab.", len(views.shown_people)),
                views.lang, {"rows": views.person_rows})


def labs_index(model: Model, views: Views) -> Page:
    return Page(views.urls.labs(), "labs.html", views.gettext("Labs"),
                views.ngettext("All %(num)s lab tracked, with arrivals and departures.",
                               "All %(num)s labs tracked, with arrivals and departures.", len(model.labs)),
                views.lang, {"rows": views.lab_rows})


def articles_index(model: Model, views: Views) -> Page:
    return Page(views.urls.articles(), "articles.html", views.gettext("Articles"),
                views.gettext("Press articles about moves between AI labs."),
                views.lang, {"articles": views.articles(model.articles_by_date)})


def flows_page(model: Model, views: Views) -> Page:
    """Flow diagrams: all time and per year (believed moves), then all time with rumours."""
    years = chartdata.flow_years(model, views=views)
    per_year = {y: chartdata.model_counts(model, year=y, views=views) for y in years}
    peak = chartdata.largest_flow(model, per_year.values())  # the years side by side, on one scale
    ctx = {
        "chart_all": chartdata.flow_chart(model, views, "flows-all", views.gettext("Moves between labs, all time"),
                                          chartdata.model_counts(model, views=views)),
        # Years without a flow between two with some are said, not skipped (None: no chart).
        "years": [(label, chartdata.flow_chart(model, views, f"flows-{y}",
                                               views.gettext("Moves between labs in %(year)s", year=str(y)),
                                               per_year[y], peak) if y else None)
                  for label, y in chartdata.with_quiet_years(years)],
        "chart_rumours": chartdata.flow_chart(model, views, "flows-rumours",
                                              views.gettext("Moves between labs, all time, with rumours"),
                                              chartdata.model_counts(model, WITH_RUMOURS, views=views)),
        "flow_labs": model.config.flow_labs,
    }
    return Page(views.urls.flows(), "flows.html", views.gettext("Flows between labs"),
                views.gettext("Who moves from which AI lab to which: flow diagrams, all time and per year."),
                views.lang, ctx)


def search_text(model: Model, views: Views) -> Page:
    """The words static/search.js shows (result counts, kinds, filter names), in the page's language: fetched
    with the index on first use rather than carried by every page."""
    return Page(views.urls.search() + "text.json", "search_text.txt", "", "", views.lang, {}, in_sitemap=False)


def search_page(model: Model, views: Views) -> Page:
    return Page(views.urls.search(), "search.html", views.gettext("Search"),
                views.gettext("Search people, labs, articles and moves."), views.lang, {})


def not_found(model: Model, views: Views) -> Page:
    return Page(views.urls.not_found(), "404.html", views.gettext("Page not found"),
                views.gettext("This page does not exist."), views.lang, {}, in_sitemap=False)


def home(model: Model, views: Views) -> Page:
    latest = views.newest(0, HOME_EVENTS)
    newest = chartdata.newest_date(model, views)
    since = chartdata.year_before(newest) if newest else None
    description = views.site_text("description")
    recent, all_time = chartdata.recent_counts(model, since, views), chartdata.model_counts(model, views=views)
    peak = chartdata.largest_flow(model, (recent, all_time))  # side by side, on one scale
    ctx = {
        "events": views.events(latest),
        "chart_recent": chartdata.flow_chart(model, views, "flows-recent",
                                             views.gettext("Moves between labs in the twelve months up to the "
                                                           "newest move"), recent, peak),
        "chart_all": chartdata.flow_chart(model, views, "flows-all", views.gettext("Moves between labs, all time"),
                                          all_time, peak),
        "since": since,
        "articles": views.articles(model.articles_by_date[:6]),
        "counts": {"people": len(views.shown_people), "labs": len(model.labs), "events": len(model.events),
                   "articles": len(model.articles)},
        # Labs people joined or left, the most first: a lab nobody moved to or from is not busy.
        "busiest": sorted((r for r in views.lab_rows if r.arrived + r.departed),
                          key=lambda r: (-(r.arrived + r.departed), r.lab.name))[:8],
        "description": description, "statuses": views.statuses,
    }
    jsonld = structured.script(structured.website(model))
    return Page(views.urls.home(), "home.html", model.config.title, description.text,
                views.lang, ctx, jsonld=jsonld, alternate_feed=views.urls.feed_xml())


def person_page(model: Model, views: Views, slug: str) -> Page:
    person, timeline = model.people[slug], model.timelines[slug]
    events = views.events(timeline.events[::-1])
    current = [views.lab_link(x) for x in timeline.current]
    articles = model.person_articles.get(slug, ())
    where = ", ".join(c.name for c in current) or views.gettext("no lab known")
    description = views.gettext("%(name)s: career moves between AI labs. Currently: %(labs)s.",
                                name=person.name, labs=where)
    jsonld = structured.script(structured.person_page(model, views, slug))
    # The career chart is laid out when the page renders (on every core); what it is made of is decided here.
    chart = functools.partial(chartdata.career_chart, chartdata.career_inputs(model, views, slug), views.words)
    ctx = {"person": person, "profile_links": views.profile_links(slug), "bio": views.bio(slug),
           "timeline": timeline, "stints": views.stints(slug),
           "current": current, "events": events, "articles": views.articles(articles),
           "feed": views.urls.person_feed(slug), "career_chart": chart, "statuses": views.statuses}
    return Page(views.urls.person(slug), "person.html", person.name, description, views.lang, ctx,
                "profile", jsonld, alternate_feed=views.urls.person_feed(slug),
                edit=views.edit_links(person.path, person.name, views.urls.person(slug)),
                image=views.urls.card(views.urls.person(slug)))


def lab_page(model: Model, views: Views, slug: str) -> Page:
    lab, flows = model.labs[slug], model.flows[slug]
    articles = model.lab_articles.get(slug, ())
    ctx = {
        "lab": lab, "description": views.lab_description(slug), "flows": flows,
        "parent": views.lab_link(lab.parent) if lab.parent else None,
        "children": [views.lab_link(c) for c in flows.children],
        "current": views.people_links(flows.current),
        "alumni": views.people_links(flows.alumni),
        "arrivals": views.events(flows.arrivals[::-1]),
        "departures": views.events(flows.departures[::-1]),
        "rumours": views.events(flows.rumours[::-1]),
        "roles": views.events(flows.roles[::-1]),
        "statuses": views.statuses,
        "gains_from": [(views.lab_link(x), n) for x, n in flows.gains_from],
        "loses_to": [(views.lab_link(x), n) for x, n in flows.loses_to],
        "articles": views.articles(articles), "feed": views.urls.lab_feed(slug),
        "years_chart": chartdata.lab_years(model, slug, views),
    }
    # Each count with its own plural form; the sentence around them is one message, for the word order.
    description = views.gettext("%(lab)s: %(people)s, %(arrivals)s and %(departures)s tracked.", **{
        "lab": lab.name,
        "people": views.ngettext("%(num)s person now", "%(num)s people now", len(flows.current)),
        "arrivals": views.ngettext("%(num)s arrival", "%(num)s arrivals", flows.arrived),
        "departures": views.ngettext("%(num)s departure", "%(num)s departures", flows.departed)})
    jsonld = structured.script(structured.lab_page(model, views, slug))
    return Page(views.urls.lab(slug), "lab.html", lab.name, description, views.lang, ctx,
                "website", jsonld, alternate_feed=views.urls.lab_feed(slug),
                edit=views.edit_links(lab.path, lab.name, views.urls.lab(slug)),
                image=views.urls.card(views.urls.lab(slug)))


def article_page(model: Model, views: Views, slug: str) -> Page:
    """An article framed in `views`' language: its interface's words, dates and links (marked with that
    language, `Page.ui`, where the article's is another: the page is in the article's, `Page.lang`). Every
    language frames every article, so a reader stays in theirs; the frame in the article's own language is
    canonical, and the others name it so and stay out of the sitemap (the same main content at two addresses
    is one page to a search engine: Google's "consolidate duplicate URLs")."""
    article = model.articles[slug]
    url, home = views.urls.article(slug), views.article_home(slug)
    people = views.people_links(article.people)
    ctx = {"article": article, "body": article.body_in(views.lang), "people": people, "outlet": views.outlet(slug),
           "labs": [views.lab_link(x) for x in article.labs],
           "events": views.events(model.cited_by.get(slug, ())), "statuses": views.statuses}
    jsonld = structured.script(structured.article_page(model, views, slug))
    source = views.outlet(slug) or views.gettext("press")  # outside the f-string: `pybabel extract` reads no f-string
    description = article.summary or f"{article.title} ({source}, {i18n.day_label(article.date, views.lang)})"
    return Page(url, "article.html", article.title, description, article.lang, ctx, "article", jsonld,
                in_sitemap=url == home, edit=views.edit_links(article.path, article.title, url),
                image=views.urls.card(url), canonical=home)


def event_page(model: Model, views: Views, slug: str) -> Page:
    view = views.event(slug)
    e = view.event
    description = view.summary + "."
    return Page(views.urls.event(slug), "event.html", view.title, description, views.lang,
                {"e": view}, "article", structured.script(structured.event_page(model, views, e, view.title)),
                edit=views.edit_links(e.path, view.title, views.urls.event(slug)))


def plain_page(model: Model, views: Views, slug: str) -> Page:
    """A page of its own (content/pages/<slug>.md) in the site's frame, in the interface's language where it
    is translated (its title, description and text each marked with its language where it is not)."""
    record, texts = model.pages[slug], views.page_texts(slug)
    url = views.urls.page(slug)
    description = texts.description.text if texts.description else texts.title.text
    lang = texts.body.lang if texts.body else texts.title.lang
    jsonld = structured.script(structured.plain_page(model, views, slug, texts.title.text, lang,
                                                     texts.description.text if texts.description else None))
    return Page(url, "page.html", texts.title.text, description, views.lang, {"texts": texts}, "website", jsonld,
                edit=views.edit_links(record.path, record.title, url))


def feed_page_count(model: Model) -> int:
    return max(1, math.ceil(len(model.events) / model.config.feed_page_size))


def feed_page(model: Model, views: Views, n: int) -> Page:
    """Page n of every move, newest first."""
    size, total = model.config.feed_page_size, feed_page_count(model)
    chunk = views.newest((n - 1) * size, n * size)
    ctx = {"events": views.events(chunk), "page_number": n, "page_count": total, "statuses": views.statuses,
           "prev": views.urls.feed(n - 1) if n > 1 else None,
           "next": views.urls.feed(n + 1) if n < total else None,
           "pages": [(i, views.urls.feed(i)) for i in range(1, total + 1)] if total <= 20 else None}
    title = (views.gettext("All moves") if n == 1
             else views.gettext("All moves, page %(n)s of %(count)s", n=str(n), count=str(total)))
    return Page(views.urls.feed(n), "feed.html", title,
                views.gettext("Every move between AI labs, newest first (page %(n)s).", n=str(n)),
                views.lang, ctx, alternate_feed=views.urls.feed_xml())
