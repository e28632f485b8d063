"""Which social cards the site has, and what each one shows: a person's, a lab's, an article's, and the
site's own for every other page (`Page.image` None).

A card is a page like any other (a `Plan` decides it, so the preview server and warm builds treat it as
they treat HTML pages): what it shows is a `pages.Card`, drawn into PNG bytes when it renders
(`output/cardimage.py`). Its fingerprint is the digest of that `Card` (and of the drawing code and the font:
`fingerprints.Salts.card`), so a card is drawn again exactly when what it shows changes.

Each language has its own cards (their words are the interface's); a site of one language draws each once.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from ..language import i18n
from ..modelling.model import Model
from .pages import Card, Page, Plan
from .views import Views


def card_plans(model: Model, views: Views) -> Iterator[Plan]:
    """The cards of the pages `pages.html_plans` makes in `views`' language (the same people, labs, articles)."""
    yield Plan(site_card)
    for slug in views.shown_people:
        yield Plan(person_card, (slug,))
    for slug in model.labs:
        yield Plan(lab_card, (slug,))
    for slug in model.articles:  # each frame its card: the date in its language
        yield Plan(article_card, (slug,))


def _card(model: Model, views: Views, url: str, title: str, subtitle: str, summary: str) -> Page:
    where = urlsplit(model.config.base_url)
    card = Card(title, subtitle, summary, model.config.title, (where.netloc + where.path).rstrip("/"))
    return Page(views.urls.card(url), "", "", "", views.lang, in_sitemap=False, card=card)


def site_card(model: Model, views: Views) -> Page:
    return _card(model, views, views.urls.home(), model.config.title, "", views.site_text("description").text)


def person_card(model: Model, views: Views, slug: str) -> Page:
    """Name, current labs, and the labs of the career in order ("Google → OpenAI → Anthropic")."""
    person, timeline = model.people[slug], model.timelines[slug]
    current = ", ".join(views.lab_link(x).name for x in timeline.current) or views.gettext("no lab known")
    path: list[str] = []
    for stint in timeline.stints:
        name = views.lab_link(stint.lab).name
        if not path or path[-1] != name:
            path.append(name)
    return _card(model, views, views.urls.person(slug), person.name, current, " → ".join(path))


def lab_card(model: Model, views: Views, slug: str) -> Page:
    """Name, the lab it belongs to (or its website), and its counts as the lab's page describes them."""
    lab, flows = model.labs[slug], model.flows[slug]
    parent = views.lab_link(lab.parent).name if lab.parent else urlsplit(lab.url or "").netloc
    counts = views.gettext("%(people)s, %(arrivals)s and %(departures)s tracked.", **{
        "people": views.ngettext("%(num)s person now", "%(num)s people now", len(flows.current)),
        "arrivals": views.ngettext("%(num)s arrival", "%(num)s arrivals", flows.arrived),
        "departures": views.ngettext("%(num)s departure", "%(num)s departures", flows.departed)})
    return _card(model, views, views.urls.lab(slug), lab.name, parent, counts)


def article_card(model: Model, views: Views, slug: str) -> Page:
    """Title, outlet and date, and the article's summary."""
    article = model.articles[slug]
    item = views.articles([slug])[0]
    day = i18n.day_label(article.date, views.lang)
    return _card(model, views, views.urls.article(slug), article.title,
                 f"{item.source}, {day}" if item.source else day, article.summary or "")
