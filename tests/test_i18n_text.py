"""The words built in Python (page titles and descriptions, chart titles and descriptions, feed titles, the
anonymous and unnamed fallbacks) follow the interface's language, `Views.lang`, through the catalogues;
English stays the text it always was."""

from __future__ import annotations

import dataclasses

import pytest

from revdoor.common.urls import Urls
from revdoor.modelling.model import Model
from revdoor.output.builder import BuildResult
from revdoor.site import data, feeds, pages
from revdoor.site.pages import Page
from revdoor.site.views import Views

NB = "\u00a0"  # French: a no-break space before ":"
NN = "\u202f"  # and a narrow one before ";"


def views_in(model: Model, lang: str) -> Views:
    return Views(model, Urls.for_language(model.config.base_path, lang, model.config.language), lang)


def all_pages(model: Model, views: Views) -> dict[str, Page]:
    """What the builder makes in one language: HTML pages, Atom feeds and the JSON Feed, by URL."""
    made = [*pages.html_pages(model, views), *feeds.feeds(model, views), data.json_feed_page(model, views)]
    return {p.url: p for p in made}


@pytest.fixture(scope="module")
def model(good_site: BuildResult) -> Model:
    assert good_site.model is not None
    return good_site.model


@pytest.fixture(scope="module")
def fr(model: Model) -> dict[str, Page]:
    return all_pages(model, views_in(model, "fr"))


@pytest.fixture(scope="module")
def en(model: Model) -> dict[str, Page]:
    return all_pages(model, views_in(model, "en"))


def texts(site: dict[str, Page], url: str) -> tuple[str, str]:
    return site[url].title, site[url].description


def test_french_indexes_have_french_titles_and_plural_descriptions(fr: dict[str, Page]) -> None:
    assert texts(fr, "/fr/people/") == ("Personnes", "Toutes les 7 personnes suivies, avec leur laboratoire actuel.")
    assert texts(fr, "/fr/labs/") == ("Laboratoires",
                                      "Tous les 9 laboratoires suivis, avec leurs arrivées et leurs départs.")
    assert texts(fr, "/fr/articles/") == ("Articles", "Articles de presse sur les mouvements entre laboratoires d’IA.")
    assert texts(fr, "/fr/flows/") == (
        "Flux entre laboratoires",
        f"Qui quitte quel laboratoire d’IA pour lequel{NB}: diagrammes de flux, depuis le début et par année.")
    assert texts(fr, "/fr/feed/") == (
        "Tous les mouvements", "Tous les mouvements entre laboratoires d’IA, du plus récent au plus ancien (page 1).")
    assert fr["/fr/feed/page/2/"].title == "Tous les mouvements, page 2 sur 4"
    assert texts(fr, "/fr/search/") == (
        "Rechercher", "Rechercher des personnes, des laboratoires, des articles et des mouvements.")
    assert texts(fr, "/fr/404.html") == ("Page introuvable", "Cette page n’existe pas.")


def test_french_person_lab_and_event_pages_are_described_in_french(fr: dict[str, Page]) -> None:
    assert fr["/fr/people/barret-zoph/"].description == (
        f"Barret Zoph{NB}: parcours entre laboratoires d’IA. Aujourd’hui{NB}: OpenAI.")
    assert fr["/fr/labs/openai/"].description == (
        f"OpenAI{NB}: 4 personnes actuellement, 4 arrivées et 4 départs recensés.")
    # French counts 0 and 1 in the singular.
    assert fr["/fr/labs/safe-superintelligence/"].description == (
        f"Safe Superintelligence{NB}: 1 personne actuellement, 1 arrivée et 0 départ recensés.")
    event = fr["/fr/events/zoph-metz-return-to-openai/"]
    assert event.title == "Barret Zoph et Luke Metz retournent chez OpenAI depuis Thinking Machines Lab"
    assert event.description == (
        "Barret Zoph et Luke Metz retournent chez OpenAI depuis Thinking Machines Lab (transfert, 14 janvier 2026, "
        "confirmé).")
    # The date at its own precision, "before" in French; type and status with the templates' words.
    assert fr["/fr/events/zoph-metz-leave-openai/"].description.endswith(
        "(transfert, avant le 18 février 2025, signalé).")
    assert fr["/fr/events/two-thinking-machines-employees/"].description.endswith("(transfert, janvier 2026, rumeur).")


def test_french_charts_have_french_titles_and_descriptions(fr: dict[str, Page]) -> None:
    home = fr["/fr/"].context
    assert (home["chart_all"].title, home["chart_all"].desc) == (
        "Mouvements entre laboratoires, depuis le début",
        f"12 personnes ont changé de laboratoire{NN}; le flux le plus important va de Google à Apple (3 personnes).")
    assert home["chart_recent"].title == (
        "Mouvements entre laboratoires sur les douze mois précédant le mouvement le plus récent")
    flows = fr["/fr/flows/"].context
    by_year = {year: chart for year, chart in flows["years"] if chart}  # years without flows: no chart
    assert (by_year["2021"].title, by_year["2021"].desc) == (
        "Mouvements entre laboratoires en 2021",
        f"1 personne a changé de laboratoire{NN}; le flux le plus important va de Google DeepMind à OpenAI "
        "(1 personne).")
    assert flows["chart_rumours"].desc == (
        f"15 personnes ont changé de laboratoire, dont 3 selon de simples rumeurs{NN}; le flux le plus important va "
        "de Google à Apple (3 personnes).")
    assert "Autres laboratoires" in [row.target.name for row in home["chart_all"].rows]
    years = fr["/fr/labs/openai/"].context["years_chart"]
    assert (years.title, years.desc) == (
        "Arrivées et départs chez OpenAI, par année",
        "4 personnes ont rejoint OpenAI et 4 personnes l’ont quitté, de 2021 à 2026.")


def test_french_career_charts_speak_french(fr: dict[str, Page]) -> None:
    zoph = fr["/fr/people/barret-zoph/"].value("career_chart")
    assert (zoph.title, zoph.desc) == ("Parcours de Barret Zoph", f"Barret Zoph{NB}: 3 postes dans 2 laboratoires.")
    # Dates in an SVG title stay ISO (a reader's date belongs in a <time>), with "before" in French.
    assert [row.title for row in zoph.career.rows] == [
        f"OpenAI{NB}: début inconnu – avant le 2025-02-18",
        f"Thinking Machines Lab{NB}: avant le 2025-02-18 – 2026-01-14",
        f"OpenAI{NB}: 2026-01-14 – aujourd’hui"]
    kaiser = fr["/fr/people/lukasz-kaiser/"].value("career_chart")
    assert kaiser.desc == (
        f"Łukasz Kaiser{NB}: 2 postes dans 2 laboratoires, et 1 rumeur montrée à part.")
    assert kaiser.career.rows[-1].title == f"Rumeur{NB}: vers Meta (2026-01-16)"


def test_french_feeds_have_french_titles_and_language(model: Model, fr: dict[str, Page]) -> None:
    assert fr["/fr/feed.xml"].title == f"Good Site{NB}: tous les mouvements"
    assert fr["/fr/people/barret-zoph/feed.xml"].title == f"Barret Zoph{NB}: mouvements"
    assert fr["/fr/labs/openai/feed.xml"].title == f"OpenAI{NB}: arrivées et départs"
    feed = data.json_feed(model, views_in(model, "fr"))
    assert (feed["title"], feed["language"]) == (f"Good Site{NB}: tous les mouvements", "fr")
    item = next(i for i in feed["items"] if i["url"].endswith("/fr/events/zoph-metz-return-to-openai/"))
    assert item["title"] == "Barret Zoph et Luke Metz retournent chez OpenAI depuis Thinking Machines Lab"
    assert item["content_text"] == (
        "Barret Zoph et Luke Metz retournent chez OpenAI depuis Thinking Machines Lab (transfert, 14 janvier 2026, "
        "confirmé)")
    assert item["tags"] == ["move", "confirmed"]  # machine values, not words


def test_every_french_page_but_the_articles_is_in_french(model: Model, fr: dict[str, Page]) -> None:
    langs = {url: p.lang for url, p in fr.items() if p.template != "article.html"}
    assert {url for url, lang in langs.items() if lang != "fr"} == set()
    # Every article framed in French too, at /fr/articles/ (issue 18, point 7), the page in its own language.
    assert {p.url: p.lang for p in fr.values() if p.template == "article.html"} == {
        f"/fr/articles/{slug}/": a.lang for slug, a in model.articles.items()}


def test_the_anonymous_person_the_unnamed_move_and_a_redirect_are_in_french(model: Model) -> None:
    zoph = dataclasses.replace(model.people["barret-zoph"], hidden=True)
    openai = dataclasses.replace(model.labs["openai"], redirect_from=("open-ai",))
    changed = dataclasses.replace(model, people={**model.people, "barret-zoph": zoph},
                                  labs={**model.labs, "openai": openai})
    fr, en = views_in(changed, "fr"), views_in(changed, "en")
    assert [w.name for w in fr.event("zoph-metz-return-to-openai").who] == ["Luke Metz", "une personne"]
    assert [w.name for w in en.event("zoph-metz-return-to-openai").who] == ["Luke Metz", "a researcher"]
    assert [w.name for w in fr.event("zoph-metz-leave-openai").who] == ["Luke Metz", "une personne"]
    assert fr.person_link("barret-zoph").name == "une personne"
    redirects = {p.url: p for p in pages.redirect_pages(changed, fr)}
    assert (redirects["/fr/labs/open-ai/"].description, redirects["/fr/labs/open-ai/"].lang) == (
        f"Nouvelle adresse{NB}: /fr/labs/openai/", "fr")
    assert {p.url: p.description for p in pages.redirect_pages(changed, en)}["/labs/open-ai/"] == (
        "Moved to /labs/openai/")
    assert (fr.unnamed, en.unnamed) == ("Sans nom", "Unnamed")


def test_english_texts_are_unchanged(model: Model, en: dict[str, Page]) -> None:
    assert texts(en, "/people/") == ("People", "All 7 people tracked, with their current lab.")
    assert texts(en, "/labs/") == ("Labs", "All 9 labs tracked, with arrivals and departures.")
    assert texts(en, "/flows/") == ("Flows between labs",
                                    "Who moves from which AI lab to which: flow diagrams, all time and per year.")
    assert texts(en, "/feed/page/2/") == ("All moves, page 2 of 4",
                                          "Every move between AI labs, newest first (page 2).")
    assert texts(en, "/404.html") == ("Page not found", "This page does not exist.")
    assert en["/people/barret-zoph/"].description == "Barret Zoph: career moves between AI labs. Currently: OpenAI."
    assert en["/labs/openai/"].description == "OpenAI: 4 people now, 4 arrivals and 4 departures tracked."
    assert en["/labs/safe-superintelligence/"].description == (
        "Safe Superintelligence: 1 person now, 1 arrival and 0 departures tracked.")
    assert texts(en, "/events/zoph-metz-leave-openai/") == (
        "Barret Zoph and Luke Metz leave OpenAI for Thinking Machines Lab",
        "Barret Zoph and Luke Metz leave OpenAI for Thinking Machines Lab (move, before 18 February 2025, reported).")
    assert en["/articles/bubeck-joins-openai/"].description == (
        "Sebastien Bubeck leaves Microsoft for OpenAI (The Verge, 15 October 2024)")
    assert [en[u].title for u in ("/feed.xml", "/people/barret-zoph/feed.xml", "/labs/openai/feed.xml")] == [
        "Good Site: all moves", "Barret Zoph: moves", "OpenAI: arrivals and departures"]
    home, flows = en["/"].context, en["/flows/"].context
    assert (home["chart_all"].title, home["chart_all"].desc) == (
        "Moves between labs, all time",
        "12 people moving between labs; the largest flow is Google to Apple, 3 people.")
    assert flows["chart_rumours"].desc == (
        "15 people moving between labs, 3 of them only rumoured; the largest flow is Google to Apple, 3 people.")
    years = en["/labs/openai/"].context["years_chart"]
    assert (years.title, years.desc) == ("Arrivals and departures at OpenAI, per year",
                                         "4 people joined OpenAI and 4 people left it, from 2021 to 2026.")
    kaiser = en["/people/lukasz-kaiser/"].value("career_chart")
    assert (kaiser.title, kaiser.desc) == (
        "Career of Łukasz Kaiser", "Łukasz Kaiser: 2 stints at 2 labs, and 1 rumoured move drawn apart.")
    assert [row.title for row in kaiser.career.rows] == [
        "Google DeepMind: start unknown to 2021-06", "OpenAI: 2021-06 to now", "Rumoured: to Meta (2026-01-16)"]
    feed = data.json_feed(model, views_in(model, "en"))
    assert (feed["title"], feed["language"]) == ("Good Site: all moves", "en")
    assert {p.lang for p in en.values() if p.template != "article.html"} == {"en"}


ENGLISH_WORDS = ["people tracked", "labs tracked", "arrivals and departures", "Moves between labs", "Career of",
                 "moving between labs", "career moves", "Currently", "newest first", "All moves", "Moved to",
                 "stint", "people now", "per year", "Rumoured", "start unknown", "Other labs", " to "]
CHARTS = ("chart_all", "chart_recent", "chart_rumours", "years_chart", "career_chart")


def test_no_french_title_or_description_uses_an_english_interface_word(fr: dict[str, Page]) -> None:
    found: list[tuple[str, str]] = []
    for p in fr.values():
        if p.template == "article.html":  # an article is in its own language
            continue
        charts = [p.value(k) for k in CHARTS if p.value(k)] + [c for _, c in p.context.get("years", ()) if c]
        found += [(p.url, t) for t in (p.title, p.description)]
        found += [(p.url, t) for c in charts for t in (c.title, c.desc)]
        career = p.value("career_chart")
        found += [(p.url, row.title) for row in career.career.rows] if career else []
    assert {(url, word) for url, text in found for word in ENGLISH_WORDS if word.lower() in text.lower()} == set()
