"""The bilingual real site (issue 10) as a reader meets it in Debian's Chromium: search scoped to the page's
interface language (its pages, and each article once, in its frame of that language: issue 18, point 7),
in that language's words; and the language switch, both ways, from an article too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import build_into, copy_site
from deadlines import HANG_GUARD_MS

from revdoor.language.catalogues import translations
from revdoor.preview.serve import serve_in_thread

pytestmark = pytest.mark.browser
FR = translations("fr")  # locale/fr/LC_MESSAGES/messages.po, as the build reads it
PERSON_EN = "/people/barret-zoph/"
PERSON_FR = "/fr/people/barret-zoph/"
FRENCH_ARTICLE = "/articles/zoph-metz-schoenholz-retour-openai/"  # its English frame; its French one under /fr
ARTICLES = ("bubeck-quitte-microsoft-pour-openai", "openai-debauche-trois-ingenieurs-deepmind",
            "porte-tournante-laboratoires-ia", "thinking-machines-trois-fondateurs-retour-openai",
            "zoph-metz-schoenholz-retour-openai")  # every article of the real site, each naming OpenAI


def french_status(total: int, term: str) -> str:
    """The French status line, from the catalogue's plural forms ("1 résultat", "12 résultats")."""
    form = FR.ngettext("{n} result for “{term}”", "{n} results for “{term}”", total)
    return form.format(n=total, term=term)


@pytest.fixture
def tab(page: Any, real_server: str) -> Any:
    page.set_default_timeout(HANG_GUARD_MS)
    return page


def search(tab: Any, server: str, path: str) -> list[str]:
    """Every result's URL path on a search page (all of them: the test fails if some are behind "More")."""
    tab.goto(server + path)
    tab.wait_for_selector("[data-search-results] .search-result")
    assert tab.locator("[data-search-more]").is_hidden(), "every result is on the first screen"
    return tab.eval_on_selector_all("[data-search-results] .search-title",
                                    "els => els.map(e => e.getAttribute('href'))")


def kind_of(tab: Any, scope: str, href: str) -> str:
    """The kind's words as written (the style sheet shows them in capitals)."""
    return tab.locator(f"{scope} .search-result:has(.search-title[href='{href}']) .search-kind").text_content()


def test_french_search_finds_french_pages_and_not_their_english_versions(tab: Any, real_server: str) -> None:
    paths = search(tab, real_server, "/fr/search/?q=Zoph")
    assert PERSON_FR in paths
    assert PERSON_EN not in paths
    assert not [p for p in paths if not p.startswith("/fr/")], paths


def test_english_search_finds_english_pages_and_not_their_french_versions(tab: Any, real_server: str) -> None:
    paths = search(tab, real_server, "/search/?q=Zoph")
    assert PERSON_EN in paths
    assert PERSON_FR not in paths
    assert not [p for p in paths if p.startswith("/fr/")], paths


@pytest.mark.parametrize(("root", "day"), [("/", "15 January 2026"), ("/fr/", "15 janvier 2026")])
def test_search_finds_each_article_once_in_the_frame_of_the_readers_language(tab: Any, real_server: str,
                                                                             root: str, day: str) -> None:
    """Every language frames every article (issue 18, point 7; before it, an article was published once and
    found from every language at its one address): from each interface, one result per article, leading
    to its frame in that language, its date in that language, its title and words marked French."""
    found = search(tab, real_server, f"{root}search/?q=OpenAI&kind=article")
    assert sorted(found) == [f"{root}articles/{slug}/" for slug in ARTICLES]
    result = tab.locator(f"[data-search-results] .search-result:has(.search-title[href='{root}{FRENCH_ARTICLE[1:]}'])")
    assert result.locator(".search-title").get_attribute("lang") == "fr"
    assert result.locator(".search-excerpt").get_attribute("lang") == "fr"
    date = result.locator(".search-date")
    assert date.inner_text() == day and date.get_attribute("lang") is None  # the interface's own


@pytest.fixture(scope="module")
def bilingual_good_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """tests/fixtures/good-site (whose articles are in English and in French) published in both languages,
    with its search index, served on 127.0.0.1: the real content has no English article yet."""
    site = copy_site("good-site", tmp_path_factory.mktemp("bilingual") / "site")
    toml = site / "site.toml"
    toml.write_text(re.sub(r"(?m)^language = .*\n", "", toml.read_text()) + 'languages = ["en", "fr"]\n')
    result = build_into(site, tmp_path_factory.mktemp("bilingual-out") / "public", with_search=True)
    assert result.output is not None
    server = serve_in_thread(result.output)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_english_article_is_found_from_the_french_search(tab: Any, bilingual_good_server: str) -> None:
    found = search(tab, bilingual_good_server, "/fr/search/?q=Bubeck")
    assert "/fr/articles/bubeck-joins-openai/" in found  # English, found in its French frame
    assert "/articles/bubeck-joins-openai/" not in found
    assert "/fr/people/sebastien-bubeck/" in found and "/people/sebastien-bubeck/" not in found
    english = tab.locator(".search-result", has=tab.locator('a[href="/fr/articles/bubeck-joins-openai/"]'))
    assert english.locator(".search-title").get_attribute("lang") == "en"


def test_french_search_page_speaks_french(tab: Any, real_server: str) -> None:
    paths = search(tab, real_server, "/fr/search/?q=Zoph")
    status = tab.locator("[data-search-status]").inner_text()
    assert status == french_status(len(paths), "Zoph")
    assert status.endswith(" résultats pour « Zoph »")  # the catalogue's plural, French quotation marks
    assert kind_of(tab, "[data-search-results]", PERSON_FR) == "Personne"
    assert kind_of(tab, "[data-search-results]", "/fr" + FRENCH_ARTICLE) == "Article"
    legends = dict(tab.eval_on_selector_all(
        "fieldset.search-filter", "sets => sets.map(s => [s.dataset.filter, s.querySelector('legend').textContent])"))
    french = {"kind": "Type", "lab": "Laboratoire", "year": "Année", "status": "Statut"}
    assert {"kind", "lab", "year"} <= legends.keys()
    assert legends == {key: french[key] for key in legends}
    kinds = tab.eval_on_selector_all("fieldset[data-filter='kind'] label > span:not(.search-count)",
                                     "els => els.map(e => e.textContent.trim())")
    assert set(kinds) <= {"Personne", "Laboratoire", "Article", "Mouvement"} and "Personne" in kinds


def test_english_search_page_keeps_its_english_words(tab: Any, real_server: str) -> None:
    paths = search(tab, real_server, "/search/?q=Zoph")
    assert tab.locator("[data-search-status]").inner_text() == f"{len(paths)} results for “Zoph”"
    assert kind_of(tab, "[data-search-results]", PERSON_EN) == "Person"


def test_header_search_on_a_french_page_shows_french_words_and_french_pages(tab: Any, real_server: str) -> None:
    tab.goto(real_server + "/fr/labs/")
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "header-q"
    tab.keyboard.type("Zoph")
    # Results for the whole word, not for its first letters.
    tab.wait_for_function("""() => {
        const status = document.querySelector('#header-search-panel .search-status');
        return status && status.textContent.includes('« Zoph »');
    }""")
    panel = tab.locator("#header-search-panel")
    assert panel.get_attribute("aria-label") == "Résultats de la recherche"
    hrefs = panel.locator(".search-title").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs[0] == PERSON_FR  # the profile whose name is the query comes first
    assert not [h for h in hrefs if not h.startswith("/fr/")], hrefs
    assert kind_of(tab, "#header-search-panel", PERSON_FR) == "Personne"
    status = panel.locator(".search-status").inner_text()
    total = int(status.split(" ")[0])
    assert status == french_status(total, "Zoph")
    more = panel.locator(".search-all")
    assert more.get_attribute("href") == "/fr/search/?q=Zoph"
    assert more.inner_text() in (f"Les {total} résultats, avec les filtres", "Page de recherche, avec les filtres")


def switch_to(tab: Any, lang: str) -> None:
    link = tab.locator(f"nav.lang-switch a[hreflang='{lang}']")
    assert link.get_attribute("lang") == lang  # its name is read in its own language
    link.click()


def test_the_language_switch_leads_to_the_same_page_in_the_other_language_and_back(tab: Any,
                                                                                   real_server: str) -> None:
    tab.goto(real_server + PERSON_EN)
    assert tab.evaluate("document.documentElement.lang") == "en"
    assert tab.locator("nav.lang-switch").get_attribute("aria-label") == "Language"
    assert tab.locator("nav.lang-switch a").all_inner_texts() == ["Français"]
    switch_to(tab, "fr")
    tab.wait_for_url(real_server + PERSON_FR)
    assert tab.evaluate("document.documentElement.lang") == "fr"
    assert tab.locator("nav.lang-switch").get_attribute("aria-label") == "Langue"
    assert tab.locator("h1").inner_text() == "Barret Zoph"
    assert tab.locator("nav.lang-switch a").all_inner_texts() == ["English"]
    switch_to(tab, "en")
    tab.wait_for_url(real_server + PERSON_EN)
    assert tab.evaluate("document.documentElement.lang") == "en"


def test_the_switch_on_an_article_leads_to_the_same_article_in_the_other_frame(tab: Any,
                                                                               real_server: str) -> None:
    """Issue 18, point 7 (before it, the switch led to the other language's list of articles): from the
    English frame of a French article to its French frame, and back; the interface follows, the text stays."""
    tab.goto(real_server + FRENCH_ARTICLE)
    header = "header.site-header"
    assert tab.locator(header).get_attribute("lang") == "en"  # the English frame, around French text
    assert tab.locator("header nav.main-nav a").first.inner_text() == "Moves"
    title = tab.locator("h1").inner_text()
    switch_to(tab, "fr")
    tab.wait_for_url(real_server + "/fr" + FRENCH_ARTICLE)
    assert tab.locator(header).get_attribute("lang") is None  # French like the page
    assert tab.locator("header nav.main-nav a").first.inner_text() == "Mouvements"
    assert tab.locator("h1").inner_text() == title
    switch_to(tab, "en")
    tab.wait_for_url(real_server + FRENCH_ARTICLE)


def test_the_switch_is_reached_by_the_keyboard_after_the_search_box(tab: Any, real_server: str) -> None:
    tab.goto(real_server + "/fr/")
    tab.locator("#header-q").focus()
    for _ in range(2):  # the search button, then the switch
        tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('href')") == "/"
    tab.keyboard.press("Enter")
    tab.wait_for_url(real_server + "/")
    assert tab.evaluate("document.documentElement.lang") == "en"


def test_the_french_home_page_lists_the_french_versions(tab: Any, real_server: str) -> None:
    tab.goto(real_server + "/fr/")
    nav = tab.locator("header nav").first.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert nav == ["/fr/feed/", "/fr/people/", "/fr/labs/", "/fr/flows/", "/fr/articles/"]
    assert tab.locator("form[data-search-box]").get_attribute("action") == "/fr/search/"
