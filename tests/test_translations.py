"""Translated content (issue 10): body sections (`## fr`) and `role_fr`-style fields, from the file to the page.

The check messages are pinned here word for word (and again, as `check` prints them, by the fixture sites
tests/sites/invalid/translation-*); the pages are rendered as the builder renders each language's: with
`render.environment(..., lang)` and `Views(model, urls, lang)`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from revdoor.common.urls import Urls
from revdoor.content.load import parse_doc
from revdoor.content.schema import validate
from revdoor.content.translated import Section, Translations, split_body
from revdoor.modelling.model import Model
from revdoor.modelling.pipeline import load_site
from revdoor.output import render
from revdoor.preview.engine import Engine
from revdoor.site import pages
from revdoor.site.views import Localized, Views

BASE = Path(__file__).resolve().parent / "sites" / "base"
EN_FR = ("en", "fr")


def problems_of(kind: str, text: str, languages: tuple[str, ...] = EN_FR) -> list[str]:
    doc, problems = parse_doc(text.encode("utf-8"), f"content/x/{kind}.md", kind, "x")
    assert doc is not None and problems == []
    return [p.text() for p in validate(doc, languages[0], languages[1:])[1]]


EVENT = "---\nperson: Łukasz Kaiser\ndate: 2024-06\ntype: arrival\nto: OpenAI\n{extra}sources: [a]\n---\nNotes.\n"


# Parsing the two forms

def test_a_body_splits_into_the_default_text_and_one_section_per_language() -> None:
    body = "Researcher.\n\n## fr\n\nChercheur.\n\n## Career\n\nMore.\n"
    assert split_body(body, EN_FR) == ("Researcher.\n", (Section("fr", 2, "Chercheur.\n\n## Career\n\nMore.\n"),))


def test_only_a_heading_naming_a_language_of_the_site_starts_a_section() -> None:
    body = "Researcher.\n\n## de\n\nForscher.\n\n## fr.\n\n### fr\n"
    assert split_body(body, EN_FR) == (body, ())


def test_a_heading_in_a_fenced_code_block_is_code() -> None:
    body = "Example:\n\n```\n## fr\n```\n"
    assert split_body(body, EN_FR) == (body, ())


def test_a_site_with_one_language_has_no_sections() -> None:
    body = "Researcher.\n\n## fr\n\nChercheur.\n"
    assert split_body(body, ("en",)) == (body, ())


def test_translations_are_looked_up_by_language_and_field() -> None:
    t = Translations((("fr", "role", "chercheur"), ("fr", "notes", "<p>Notes.</p>")))
    assert (t.get("fr", "role"), t.get("fr", "from_role"), t.get("de", "role")) == ("chercheur", None, None)
    assert hash(t) == hash(Translations((("fr", "role", "chercheur"), ("fr", "notes", "<p>Notes.</p>"))))


# What `check` says

def test_translations_into_the_sites_languages_are_valid() -> None:
    assert problems_of("event", EVENT.format(extra="role: researcher\nrole_fr: chercheur\n") + "\n## fr\n\nNotes.\n") \
        == []
    assert problems_of("person", "---\nname: X\n---\nResearcher.\n\n## fr\n\nChercheur.\n") == []


def test_a_section_in_the_default_language_is_refused() -> None:
    assert problems_of("person", "---\nname: X\n---\n## en\n\nResearcher.\n") == [
        "content/x/person.md:4: '## en' starts a section in the default language "
        "(the default language's text comes first, without a heading)"]


def test_a_language_given_twice_is_refused_naming_its_first_section() -> None:
    assert problems_of("lab", "---\nname: X\n---\nA lab.\n\n## fr\n\nUn labo.\n\n## fr\n\nEncore.\n") == [
        "content/x/lab.md:10: a second '## fr' section, after the one on line 6 "
        "(put all of a language's text in one section)"]


def test_an_empty_section_is_refused() -> None:
    assert problems_of("event", EVENT.format(extra="") + "\n## fr\n\n\n") == [
        "content/x/event.md:10: the '## fr' section is empty "
        "(write the translation under the heading, or remove the heading)"]


def test_a_translation_without_its_original_is_refused() -> None:
    assert problems_of("event", EVENT.format(extra="role_fr: chercheur\n")) == [
        "content/x/event.md:6: role_fr: translates role, which is not given (give role too, in en, the default "
        "language)"]


@pytest.mark.parametrize(("extra", "languages", "hint"), [
    ("role_de: Forscher\n", EN_FR,
     "the site's other languages are fr: translating into de needs de in site.toml's languages"),
    ("role_fr: chercheur\n", ("en",),
     "the site has one language, en: translating into fr needs fr in site.toml's languages"),
    ("role_en: researcher\n", EN_FR, "role holds the text in the default language, en"),
])
def test_a_translation_into_another_language_is_an_unknown_field(extra: str, languages: tuple[str, ...],
                                                                   hint: str) -> None:
    field = extra.split(":")[0]
    assert problems_of("event", EVENT.format(extra="role: researcher\n" + extra), languages) == [
        f"content/x/event.md:7: {field}: unknown field ({hint})"]


def test_an_article_is_not_translated_its_language_headings_are_headings() -> None:
    text = "---\ntitle: T\ndate: 2024-01-02\n---\nText.\n\n## en\n\n## fr\n"
    assert problems_of("article", text) == []


# The model and the views, on a small site in English and French

FR_SITE = 'title = "Translated"\nbase_url = "https://t.example.org/"\nlanguages = ["en", "fr"]\n'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("translated") / "site"
    shutil.copytree(BASE, root)
    (root / "site.toml").write_text(FR_SITE, encoding="utf-8")
    people = root / "content" / "people"
    (people / "sebastien-bubeck.md").write_text(
        "---\nname: Sébastien Bubeck\n---\nResearcher, once with Jane Hidden.\n\n## fr\n\n"
        "Chercheur, un temps avec Jane Hidden.\n", encoding="utf-8")
    (people / "jane-hidden.md").write_text("---\nname: Jane Hidden\nhidden: true\n---\n", encoding="utf-8")
    (root / "content" / "labs" / "openai.md").write_text("---\nname: OpenAI\n---\nMakes ChatGPT.\n", encoding="utf-8")
    (root / "content" / "events" / "kaiser-joins.md").write_text(
        "---\nperson: Łukasz Kaiser\ndate: 2024-06\ntype: arrival\nto: OpenAI\nrole: researcher\nrole_fr: chercheur\n"
        "sources: [bubeck-rejoint-openai]\n---\nJoined.\n\n## fr\n\nArrivé.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def model(site: Path) -> Model:
    loaded = load_site(site, jobs=1)
    assert [p.text() for p in loaded.problems] == []
    assert loaded.model is not None
    return loaded.model


def test_the_model_keeps_each_translation_beside_the_default_text(model: Model) -> None:
    person = model.people["sebastien-bubeck"]
    assert "Researcher" in person.bio_html and "Chercheur" not in person.bio_html
    assert person.translations.langs() == ("fr",)
    event = model.events["kaiser-joins"]
    assert event.notes_html == "<p>Joined.</p>"
    assert event.translations == Translations((("fr", "notes", "<p>Arrivé.</p>"), ("fr", "role", "chercheur")))
    assert model.labs["openai"].translations == Translations()


def test_a_hidden_persons_name_is_redacted_from_translations_too(model: Model) -> None:
    bio = model.people["sebastien-bubeck"].translations.get("fr", "bio")
    assert bio is not None and "Chercheur" in bio and "Jane" not in bio and "Hidden" not in bio


def test_views_give_the_translation_in_its_language_and_fall_back_to_the_default(model: Model) -> None:
    fr = Views(model, Urls.for_language("/", "fr", "en"), "fr")
    en = Views(model, Urls("/"), "en")
    assert fr.event("kaiser-joins").texts.role == Localized("chercheur", "fr")
    assert en.event("kaiser-joins").texts.role == Localized("researcher", "en")
    assert fr.lab_description("openai") == Localized("<p>Makes ChatGPT.</p>", "en")  # not translated
    assert fr.lab_description("microsoft") is None  # no text at all
    assert fr.bio("lukasz-kaiser") == Localized("<p>Researcher.</p>", "en")
    assert [s.role for s in fr.stints("lukasz-kaiser")] == [Localized("chercheur", "fr")]


def render_person(model: Model, slug: str, lang: str) -> str:
    urls = Urls.for_language(model.config.base_path, lang, model.config.language)
    views = Views(model, urls, lang)
    env = render.environment([render.PROJECT_TEMPLATES], model.config, urls, lang=lang)
    return render.render_page(env, pages.person_page(model, views, slug)).decode("utf-8")


def test_the_french_page_shows_the_french_bio_in_the_pages_own_language(model: Model) -> None:
    html = render_person(model, "sebastien-bubeck", "fr")
    assert re.search(r'<div class="prose"><p>Chercheur, un temps avec [^<]*</p></div>', html)
    assert "Researcher" not in html


def test_a_missing_translation_shows_the_english_text_marked_as_english(model: Model) -> None:
    html = render_person(model, "lukasz-kaiser", "fr")
    assert '<div class="prose" lang="en"><p>Researcher.</p></div>' in html
    assert "chercheur" in html and '<span lang="en">chercheur</span>' not in html  # the role is translated


def test_the_english_page_marks_nothing(model: Model) -> None:
    html = render_person(model, "lukasz-kaiser", "en")
    assert '<div class="prose"><p>Researcher.</p></div>' in html
    assert "researcher" in html and ' lang="fr"' not in html


def test_an_untranslated_role_in_a_move_shows_in_english_marked_as_english(site: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(site, root)
    path = root / "content" / "events" / "kaiser-joins.md"
    path.write_text(path.read_text(encoding="utf-8").replace("role_fr: chercheur\n", ""), encoding="utf-8")
    loaded = load_site(root, jobs=1)
    assert loaded.model is not None
    assert '<span lang="en">researcher</span>' in render_person(loaded.model, "lukasz-kaiser", "fr")


# The preview server's fast path

def test_the_preview_servers_event_edit_reads_translations_as_a_full_load_does(site: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(site, root)
    engine = Engine(root, tmp_path / "out", build_options={"with_search": False, "jobs": 1})
    assert engine.full().ok
    path = root / "content" / "events" / "kaiser-joins.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Arrivé.", "Arrivé chez OpenAI.")
                    .replace("role_fr: chercheur", "role_fr: chercheur principal"), encoding="utf-8")
    outcome = engine.rebuild([path])
    assert outcome.ok and outcome.fast, [p.text() for p in outcome.problems]
    assert engine.model is not None
    fast = engine.model.events["kaiser-joins"]
    assert fast.translations == Translations((("fr", "notes", "<p>Arrivé chez OpenAI.</p>"),
                                              ("fr", "role", "chercheur principal")))
    cold = load_site(root, jobs=1).model
    assert cold is not None and cold.events["kaiser-joins"] == fast

