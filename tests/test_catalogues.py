"""The interface's message catalogues: every string of the templates has a French translation, and the
templates render in French with it while English output is the templates' own text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from revdoor.language import catalogues, i18n
from revdoor.language.catalogues import LOCALE_DIR, TEMPLATE_NAME, po_path, read_catalogue
from revdoor.output import render
from revdoor.output.builder import BuildResult
from revdoor.site.languages import Languages, site_pages

ROOT = Path(__file__).resolve().parent.parent
# Every language with a catalogue (English has none: its msgids are the templates' own text), so that a
# language added with `pybabel init` is checked from its first commit.
LANGS = sorted(p.name for p in LOCALE_DIR.iterdir() if po_path(p.name).is_file())


def extracted() -> set[str]:
    """The msgids of the templates as they are now, extracted as `pybabel extract -F babel.cfg` does."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    return {msg[0] if isinstance(msg, tuple) else msg
            for _file, _line, msg, _comments, _context in extract_from_dir(ROOT, method_map, options_map)}


def msgids(path: Path) -> set[str]:
    return {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_catalogue(path) if m.id}


def test_the_template_catalogue_is_up_to_date_with_the_templates() -> None:
    missing = extracted() - msgids(LOCALE_DIR / TEMPLATE_NAME)
    assert missing == set(), "run the extract and update commands of README 'Translating the interface'"


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_of_the_templates_is_in_the_catalogue(lang: str) -> None:
    assert extracted() - msgids(po_path(lang)) == set()
    assert msgids(LOCALE_DIR / TEMPLATE_NAME) - msgids(po_path(lang)) == set()


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_has_a_reviewed_translation(lang: str) -> None:
    untranslated = []
    for m in read_catalogue(po_path(lang), lang):
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strings):
            untranslated.append(m.id)
    assert untranslated == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_translation_keeps_the_placeholders_of_its_message(lang: str) -> None:
    catalogue = read_catalogue(po_path(lang), lang)
    assert [(m.id, [str(e) for e in errors]) for m, errors in catalogue.check()] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_with_a_catalogue_has_its_dates_and_counts(lang: str) -> None:
    # The catalogue holds the interface's words; the few words of grammar around dates and the site's count
    # nouns are revdoor/i18n.py's tables. Without them a language's dates would silently come out in English.
    assert i18n.supported(lang) == lang
    assert lang in i18n.BEFORE and lang in i18n.IN_SENTENCE and all(lang in forms for forms in i18n.NOUNS.values())


def test_english_needs_no_catalogue() -> None:
    assert catalogues.translations("en").gettext("Moves") == "Moves"
    assert catalogues.translations("fr").gettext("Moves") == "Mouvements"


@pytest.fixture(scope="module")
def french_pages(good_site: BuildResult) -> dict[str, str]:
    """Every page of the good site in French: its French pages, and its articles in French."""
    assert good_site.model is not None
    config = dataclasses.replace(good_site.model.config, languages=("en", "fr"))
    model = dataclasses.replace(good_site.model, config=config)
    langs = Languages.of(config)
    envs = render.environments([render.PROJECT_TEMPLATES], config, langs.urls)
    return {p.url: render.render_page(envs, p).decode("utf-8") for p in site_pages(model, langs)
            if p.ui == "fr" and p.template.endswith(".html")}


# Strings of the templates (those written in Python are tested by test_i18n_text.py and test_bilingual.py).
ENGLISH_INTERFACE = ["Skip to content", ">Moves<", ">People<", "Search the tracker", "Atom feed<",
                     "Edit this page", "No moves recorded", "Latest moves", "Select a column heading", ">Who<",
                     " moved from ", "known to the", "People now", "tracks moves between", "The numbers"]


def test_a_french_page_contains_no_english_interface_string(french_pages: dict[str, str]) -> None:
    found = {(url, s) for url, html in french_pages.items() for s in ENGLISH_INTERFACE if s in html}
    assert found == set()


def test_the_french_interface_speaks_french(french_pages: dict[str, str]) -> None:
    home = french_pages["/fr/"]
    assert ">Mouvements</a>" in home and "Aller au contenu" in home and "Rechercher dans le site" in home
    assert "Depuis le début" in home


def test_templates_write_counts_in_the_locales_digits_and_elide_before_a_vowel(good_site: BuildResult) -> None:
    assert good_site.model is not None
    config = dataclasses.replace(good_site.model.config, languages=("en", "fr"))
    envs = render.environments([render.PROJECT_TEMPLATES], config, Languages.of(config).urls)
    source = ('{{ ngettext("%(num)s person", "%(num)s people", 12345) }} | {{ 12345 | number }} | '
              '{{ -4 | signed }} | {{ _("Career of %(name)s", name="Ilya Sutskever") }}')
    assert envs["en"].from_string(source).render() == "12,345 people | 12,345 | \u22124 | Career of Ilya Sutskever"
    assert envs["fr"].from_string(source).render() == (
        "12\u202f345 personnes | 12\u202f345 | \u22124 | Parcours d’Ilya Sutskever")
