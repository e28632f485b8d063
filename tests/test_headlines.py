"""A move says what happened, with a verb, in each language (issue 18, points 3-5 and 9): its one sentence
(`revdoor/site/headlines.py`) for every type and status, the same title everywhere the move is shown, its
status on every listed move, appointments on lab pages, and French that says "mouvement" for moves."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from sitecheck import Site, built, find, find_all, parse, text

from revdoor.content.statuses import STATUSES
from revdoor.language.catalogues import LOCALE_DIR, TEMPLATE_NAME, po_path, read_catalogue, translations
from revdoor.site.headlines import Move, Part, headline

JANE = (Part("Jane Example", "/people/jane-example/"),)
BOTH = (Part("Jane Example", "/people/jane-example/"), Part("Max Mustermann", "/people/max-mustermann/"))
OPENAI, ANTHROPIC = Part("OpenAI", "/labs/openai/"), Part("Anthropic", "/labs/anthropic/")
TEMPLATE = LOCALE_DIR / TEMPLATE_NAME
CTO = {"en": Part("chief technology officer"), "fr": Part("directrice technique")}

# (type, returning, from_lab): the sentence each takes, believed / rumoured / denied, in English then French.
SENTENCES = {
    ("move", False, True): (
        "Jane Example leaves OpenAI for Anthropic", "Jane Example may leave OpenAI for Anthropic",
        "Jane Example was said to be leaving OpenAI for Anthropic, a rumour since denied",
        "Jane Example quitte OpenAI pour Anthropic", "Jane Example pourrait quitter OpenAI pour Anthropic",
        "Jane Example quitterait OpenAI pour Anthropic, une rumeur démentie par la suite"),
    ("move", True, True): (
        "Jane Example returns to Anthropic from OpenAI", "Jane Example may return to Anthropic from OpenAI",
        "Jane Example was said to be returning to Anthropic from OpenAI, a rumour since denied",
        "Jane Example retourne chez Anthropic depuis OpenAI",
        "Jane Example pourrait retourner chez Anthropic depuis OpenAI",
        "Jane Example retournerait chez Anthropic depuis OpenAI, une rumeur démentie par la suite"),
    ("arrival", True, False): (
        "Jane Example returns to Anthropic", "Jane Example may return to Anthropic",
        "Jane Example was said to be returning to Anthropic, a rumour since denied",
        "Jane Example retourne chez Anthropic", "Jane Example pourrait retourner chez Anthropic",
        "Jane Example retournerait chez Anthropic, une rumeur démentie par la suite"),
    ("departure", False, True): (
        "Jane Example leaves OpenAI", "Jane Example may leave OpenAI",
        "Jane Example was said to be leaving OpenAI, a rumour since denied",
        "Jane Example quitte OpenAI", "Jane Example pourrait quitter OpenAI",
        "Jane Example quitterait OpenAI, une rumeur démentie par la suite"),
    ("arrival", False, False): (
        "Jane Example joins Anthropic", "Jane Example may join Anthropic",
        "Jane Example was said to be joining Anthropic, a rumour since denied",
        "Jane Example rejoint Anthropic", "Jane Example pourrait rejoindre Anthropic",
        "Jane Example rejoindrait Anthropic, une rumeur démentie par la suite"),
    ("founding", False, False): (
        "Jane Example founds Anthropic", "Jane Example may found Anthropic",
        "Jane Example was said to be founding Anthropic, a rumour since denied",
        "Jane Example fonde Anthropic", "Jane Example pourrait fonder Anthropic",
        "Jane Example fonderait Anthropic, une rumeur démentie par la suite"),
    ("founding", False, True): (
        "Jane Example leaves OpenAI to found Anthropic", "Jane Example may leave OpenAI to found Anthropic",
        "Jane Example was said to be leaving OpenAI to found Anthropic, a rumour since denied",
        "Jane Example quitte OpenAI pour fonder Anthropic",
        "Jane Example pourrait quitter OpenAI pour fonder Anthropic",
        "Jane Example quitterait OpenAI pour fonder Anthropic, une rumeur démentie par la suite"),
    ("role-change", False, False): (
        "Jane Example becomes chief technology officer of Anthropic",
        "Jane Example may become chief technology officer of Anthropic",
        "Jane Example was said to be becoming chief technology officer of Anthropic, a rumour since denied",
        "Jane Example devient directrice technique d’Anthropic",
        "Jane Example pourrait devenir directrice technique d’Anthropic",
        "Jane Example deviendrait directrice technique d’Anthropic, une rumeur démentie par la suite"),
}
CASES = [(kind, status, sentences[i + 3 * j], lang)
         for kind, sentences in SENTENCES.items()
         for i, statuses in enumerate((("confirmed", "reported"), ("rumored",), ("denied",)))
         for status in statuses for j, lang in enumerate(("en", "fr"))]


def move(kind: tuple[str, bool, bool], status: str, lang: str, who: tuple[Part, ...] = JANE) -> Move:
    type_, returning, has_from = kind
    return Move(type_, status, who, len(who), OPENAI if has_from else None, ANTHROPIC, CTO[lang], returning)


@pytest.mark.parametrize(("kind", "status", "expected", "lang"), CASES)
def test_every_type_and_status_says_what_happened_in_each_language(kind: tuple[str, bool, bool], status: str,
                                                                    expected: str, lang: str) -> None:
    assert headline(move(kind, status, lang), translations(lang), lang).text == expected


@pytest.mark.parametrize(("status", "lang", "expected"), [
    ("confirmed", "en", "Jane Example and Max Mustermann leave OpenAI for Anthropic"),
    ("confirmed", "fr", "Jane Example et Max Mustermann quittent OpenAI pour Anthropic"),
    ("rumored", "en", "Jane Example and Max Mustermann may leave OpenAI for Anthropic"),
    ("rumored", "fr", "Jane Example et Max Mustermann pourraient quitter OpenAI pour Anthropic"),
    ("denied", "en", "Jane Example and Max Mustermann were said to be leaving OpenAI for Anthropic, "
                     "a rumour since denied"),
    ("denied", "fr", "Jane Example et Max Mustermann quitteraient OpenAI pour Anthropic, "
                     "une rumeur démentie par la suite"),
])
def test_the_verb_agrees_with_how_many_moved(status: str, lang: str, expected: str) -> None:
    assert headline(move(("move", False, True), status, lang, BOTH), translations(lang), lang).text == expected


def test_a_sentence_links_its_names_and_keeps_a_foreign_text_marked() -> None:
    group = (Part("Deux employés d’OpenAI", lang="fr"),)
    sentence = headline(Move("move", "rumored", group, 2, OPENAI, ANTHROPIC, None, False, from_named=True),
                        translations("en"), "en")
    # The group's words name the lab they leave: it is not named again.
    assert sentence.text == "Deux employés d’OpenAI may join Anthropic"
    assert sentence.parts == (group[0], Part(" may join "), ANTHROPIC)


def real(request: pytest.FixtureRequest) -> Site:
    return built(request, "real")


ISSUE_TITLES = {  # issue 18's own examples, in both languages
    "murati-leaves-openai": ("Mira Murati leaves OpenAI", "Mira Murati quitte OpenAI"),
    "vallone-joins-anthropic": ("Andrea Vallone joins Anthropic", "Andrea Vallone rejoint Anthropic"),
    "zoph-metz-schoenholz-return-to-openai": (
        "Barret Zoph, Luke Metz and Sam Schoenholz return to OpenAI from Thinking Machines Lab",
        "Barret Zoph, Luke Metz et Sam Schoenholz retournent chez OpenAI depuis Thinking Machines Lab"),
    "chintala-named-cto-of-thinking-machines-lab": (
        "Soumith Chintala becomes chief technology officer of Thinking Machines Lab",
        "Soumith Chintala devient directeur technique de Thinking Machines Lab"),
    "two-thinking-machines-employees-to-openai": (
        "Two more Thinking Machines Lab employees may join OpenAI",
        "Deux autres employés de Thinking Machines Lab pourraient rejoindre OpenAI"),
}
ATOM = "{http://www.w3.org/2005/Atom}"


def list_items(root: ET.Element) -> list[ET.Element]:
    return [li for li in root.iter("li") if "event" in (li.get("class") or "").split()]


@pytest.mark.parametrize(("lang", "prefix"), [("en", ""), ("fr", "/fr")])
def test_one_title_in_the_tab_the_heading_the_feeds_and_the_lists(request: pytest.FixtureRequest, lang: str,
                                                                   prefix: str) -> None:
    site = real(request)
    atom = {e.findtext(f"{ATOM}id", "").split("/events/")[-1].strip("/"): e.findtext(f"{ATOM}title")
            for e in ET.parse(site.out / prefix.strip("/") / "feed.xml").getroot().iter(f"{ATOM}entry")}
    feed = json.loads((site.out / prefix.strip("/") / "feed.json").read_text(encoding="utf-8"))
    json_feed = {i["url"].split("/events/")[-1].strip("/"): i["title"] for i in feed["items"]}
    home = parse(site.page(f"{prefix}/"))
    listed = {find(li, "a", class_="permalink").get("href", "").split("/events/")[-1].strip("/"):  # type: ignore[union-attr]
              text(find(li, "span", class_="event-text")) for li in list_items(home)}
    for slug, titles in ISSUE_TITLES.items():
        title = titles[lang == "fr"]
        root = parse(site.page(f"{prefix}/events/{slug}/"))
        assert text(find(root, "title")) == f"{title} · Revolving Door"
        assert text(find(root, "h1")) == title  # the search result's title (data-pagefind-meta="title")
        assert find(root, "h1").get("data-pagefind-meta") == "title"  # type: ignore[union-attr]
        assert atom[slug] == json_feed[slug] == title
        if slug in listed:
            assert listed[slug] == title
    assert len(set(listed) & set(ISSUE_TITLES)) >= 3


def test_the_lab_page_lists_appointments_and_role_changes(request: pytest.FixtureRequest) -> None:
    site = real(request)
    for prefix, heading, title, label in (
            ("", "Appointments and role changes",
             "Soumith Chintala becomes chief technology officer of Thinking Machines Lab", "confirmed"),
            ("/fr", "Nominations et changements de poste",
             "Soumith Chintala devient directeur technique de Thinking Machines Lab", "confirmé")):
        root = parse(site.page(f"{prefix}/labs/thinking-machines-lab/"))
        section = find(root, "section", **{"aria-labelledby": "roles"})
        assert section is not None and text(find(section, "h2")) == heading
        [item] = list_items(section)
        assert text(find(item, "span", class_="event-text")) == title
        badge = find(item, "span", class_="status status-confirmed")
        assert badge is not None and badge.text == label
    atom = ET.parse(site.out / "labs/thinking-machines-lab/feed.xml").getroot()
    assert "Soumith Chintala becomes chief technology officer of Thinking Machines Lab" in [
        e.findtext(f"{ATOM}title") for e in atom.iter(f"{ATOM}entry")]


LABELS = {"en": {"confirmed": "confirmed", "reported": "reported", "rumored": "rumoured", "denied": "denied"},
          "fr": {"confirmed": "confirmé", "reported": "signalé", "rumored": "rumeur", "denied": "démenti"}}


def test_every_listed_move_carries_its_status_explained_and_a_legend(request: pytest.FixtureRequest) -> None:
    site = real(request)
    seen: set[tuple[str, str]] = set()
    for path in sorted(site.out.rglob("*.html")):
        root = parse(path)
        items = list_items(root)
        lang = site.ui_language(site.url_of(path))  # the interface's (an article's frame's, not its own)
        for li in items:
            status = next(c[len("status-line-"):] for c in (li.get("class") or "").split()
                          if c.startswith("status-line-"))
            [badge] = [s for s in li.iter("span") if "status" in (s.get("class") or "").split()]
            assert badge.get("class") == f"status status-{status}" and badge.get("tabindex") == "-1", path
            tip = find(badge, "span", class_="status-tip")
            assert tip is not None and text(tip).lstrip(": ") == " ".join(STATUS_MEANINGS[lang][status].split()), path
            assert (badge.text or "") == LABELS[lang][status], path
            seen.add((lang, status))
        if items:  # every page that lists moves explains every badge
            legend = find(root, "div", class_="status-legend")
            assert legend is not None, path
            assert [text(dt) for dt in legend.iter("dt")] == list(LABELS[lang].values()), path
    assert {s for _, s in seen} == {"confirmed", "reported", "rumored"} and {lang for lang, _ in seen} == {"en", "fr"}


STATUS_MEANINGS = {lang: {name: translations(lang).gettext(s.meaning) for name, s in STATUSES.items()}
                   for lang in ("en", "fr")}


def test_readers_read_rumoured_in_english_whatever_the_value() -> None:
    english = translations("en")
    assert english.gettext(STATUSES["rumored"].label) == "rumoured"
    # Every "rumored" left in the templates and the code is the contract's value (a class, a key), never a
    # message readers read: no msgid spells it so.
    assert [m for m in read_catalogue(TEMPLATE) if m.id and "rumored" in str(m.id).lower()] == []


def test_the_french_catalogue_calls_moves_mouvements_not_departures() -> None:
    wrong = []
    for m in read_catalogue(po_path("fr"), "fr"):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        english = " ".join(ids)
        # "move(s)" in general; a text that also speaks of departures or of people leaving may say "départ".
        if re.search(r"\b[Mm]oves?\b", english) and not re.search(r"depart|\bleft\b|\bleav", english):
            wrong += [(english, s) for s in strings if "départ" in s.lower()]
    assert wrong == []
    french = translations("fr")
    assert [french.gettext(w) for w in ("Moves", "Latest moves", "All moves", "of this move (%(title)s)")] == [
        "Mouvements", "Derniers mouvements", "Tous les mouvements", "de ce mouvement (%(title)s)"]
    assert french.ngettext("%(num)s move", "%(num)s moves", 23) == "%(num)s mouvements"
    assert french.gettext("Since %(date)s") == "Depuis le %(date)s"


def test_french_pages_say_mouvements_and_busiest_labs_read_in_words(request: pytest.FixtureRequest) -> None:
    site = real(request)
    home = parse(site.page("/fr/"))
    assert "Mouvements" in [text(a) for a in home.iter("a")]
    assert "Derniers mouvements" in [text(h) for h in home.iter("h2")]
    assert site.model is not None
    assert re.search(rf"\b{len(site.model.events)} mouvements\b", text(find(home, "p", class_="lede")))
    assert re.search(r"Depuis le \d", text(home))
    busiest = find(home, "ul", class_="chips")
    assert busiest is not None
    chips = [text(li) for li in busiest.iter("li")]
    assert all("+" not in c and "−" not in c for c in chips), chips
    assert "Thinking Machines Lab 5 arrivées, 3 départs" in chips
    assert "Anthropic 3 arrivées" in chips  # no "0 départ"
    english = [text(li) for li in find(parse(site.page("/")), "ul", class_="chips").iter("li")]  # type: ignore[union-attr]
    assert "Thinking Machines Lab 5 arrivals, 3 departures" in english
    assert not any(re.search(r"\b0 (arrivals|departures)\b", c) for c in english)
    role = parse(site.page("/fr/events/chintala-named-cto-of-thinking-machines-lab/"))
    assert "départ" not in text(find(role, "main")).lower()
    for li in find_all(home, "li"):
        assert "(2)" not in text(li)
