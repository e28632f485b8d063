"""A bilingual site (issue 10): every page in English and in French under /fr/, each declaring its language
and its versions (`hreflang`, both ways, and in the sitemap), with a switch to the other language; a
monolingual site unchanged. Articles (issue 18, point 7: a reader stays in their language) are framed in
both languages around their own text, the frame in their own language canonical, the other pointing there."""

from __future__ import annotations

import json
import re
import tomllib
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build_into, copy_site

from revdoor.content.config import validate_config
from revdoor.language.catalogues import LOCALE_DIR
from revdoor.output.builder import BuildResult
from revdoor.preview.serve import Preview, serve_in_thread

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ORIGIN = "https://revolving-door.example.org"
# Interface strings a French page must not show (the English of the templates and of pages.py/chartdata.py).
ENGLISH = ["Skip to content", ">Moves<", ">People<", ">Labs<", ">Flows<", "Search the tracker", "Atom feed",
           "Edit this page", "Suggest a correction", "people tracked", "arrivals and departures", "Career of",
           "Moves between labs", "moving between labs", "All moves", "Other labs"]


class Head(HTMLParser):
    """<html lang>, the hreflang links and the language switch of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}
        self.switch: dict[str, str] = {}
        self.og_locales: list[str] = []  # og:locale, then each og:locale:alternate
        self.canonical: str | None = None
        self._in_switch = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"] or ""] = a.get("href") or ""
        elif tag == "meta" and (a.get("property") or "").startswith("og:locale"):
            self.og_locales.append(a.get("content") or "")
        elif tag == "nav" and "lang-switch" in (a.get("class") or ""):
            self._in_switch = True
        elif tag == "a" and self._in_switch:
            self.switch[a.get("hreflang") or ""] = a.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_switch = False


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(out: Path) -> dict[str, Path]:
    """URL -> file of every HTML page but the redirects (index.html files and 404.html)."""
    pages = {}
    for f in out.rglob("*.html"):
        rel = f.relative_to(out).as_posix()
        if rel.startswith(("pagefind", "static")) or 'http-equiv="refresh"' in f.read_text(encoding="utf-8"):
            continue
        pages["/" + rel.removesuffix("index.html")] = f
    return pages


@pytest.fixture(scope="module")
def out(real_site: BuildResult) -> Path:
    """The repository's own site, whose site.toml lists English and French."""
    assert real_site.output is not None and real_site.model is not None
    assert real_site.model.config.languages == ("en", "fr")
    return real_site.output


ARTICLE = "/articles/zoph-metz-schoenholz-retour-openai/"  # in French


def is_article(url: str) -> bool:
    return re.fullmatch(r"(/fr)?/articles/[^/]+/", url) is not None


def test_every_page_exists_in_english_and_in_french(out: Path) -> None:
    # Articles too (issue 18, point 7; before it, an article was published once, in its own language).
    pages = html_pages(out)
    english = {u for u in pages if not u.startswith("/fr/")}
    french = {u for u in pages if u.startswith("/fr/")}
    assert english == {u.removeprefix("/fr") for u in french}
    assert len(french) > 50
    assert ARTICLE in english and "/fr" + ARTICLE in french


def test_each_page_declares_its_language_and_both_versions(out: Path) -> None:
    for url, file in html_pages(out).items():
        if is_article(url):
            continue  # in its own language, framed in each: one page at one canonical address (see below)
        h = head(file)
        en = url.removeprefix("/fr")
        assert h.lang == ("fr" if url.startswith("/fr/") else "en"), url
        assert h.alternates == {"en": ORIGIN + en, "fr": ORIGIN + "/fr" + en, "x-default": ORIGIN + en}, url
        # Open Graph's own form, language_TERRITORY: the page's locale first, then the other one.
        assert h.og_locales == (["fr_FR", "en_GB"] if url.startswith("/fr/") else ["en_GB", "fr_FR"]), url


def test_the_language_switch_leads_to_the_same_page_in_the_other_language(out: Path) -> None:
    en = head(out / "people/barret-zoph/index.html")
    fr = head(out / "fr/people/barret-zoph/index.html")
    assert en.switch == {"fr": "/fr/people/barret-zoph/"}
    assert fr.switch == {"en": "/people/barret-zoph/"}
    assert head(out / "fr/feed/index.html").switch == {"en": "/feed/"}
    assert '<a href="/fr/people/barret-zoph/" hreflang="fr" lang="fr">Français</a>' in (
        out / "people/barret-zoph/index.html").read_text(encoding="utf-8")


def page_text(out: Path, url: str) -> str:
    return (out / url.lstrip("/") / "index.html").read_text(encoding="utf-8")


def test_an_article_is_framed_in_each_language_around_its_own_text(out: Path) -> None:
    # Issue 18, point 7, which replaces "an article is published once, framed by its own language".
    english, french = page_text(out, ARTICLE), page_text(out, "/fr" + ARTICLE)
    assert ">People<" in english and ">Personnes<" not in english  # the English frame's words...
    assert ">Personnes<" in french and ">People<" not in french
    assert ">15 January 2026</time>" in english and ">15 janvier 2026</time>" in french  # ...and dates
    # The page is in the article's language, its main content (WCAG's "language of page"); the English
    # frame marks itself English (its header, the date line, the footers), the French one has no need to.
    for frame in (ARTICLE, "/fr" + ARTICLE):
        assert head(out / frame.lstrip("/") / "index.html").lang == "fr", frame
    for part in ('<header class="site-header" data-pagefind-ignore="all"', '<p class="meta"',
                 '<footer class="site-footer" data-pagefind-ignore="all"'):
        assert part + ' lang="en">' in english and part + ">" in french, part
    assert '<footer class="article-footer" lang="en">' in english
    assert "<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"5\">Barret Zoph, Luke Metz et Sam" in english
    # Names in the text lead to the pages of the frame's language.
    assert '<a class="mention" href="/people/mira-murati/"' in english
    assert '<a class="mention" href="/fr/people/mira-murati/"' in french


def test_an_articles_frame_in_its_own_language_is_canonical(out: Path) -> None:
    home = ORIGIN + "/fr" + ARTICLE
    for url in (ARTICLE, "/fr" + ARTICLE):
        h = head(out / url.lstrip("/") / "index.html")
        assert h.canonical == home, url
        assert h.alternates == {}, url  # one page in two frames, not two language versions
        jsonld = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_text(out, url))[0])
        assert (jsonld["url"], jsonld["mainEntityOfPage"], jsonld["inLanguage"]) == (home, home, "fr"), url


def test_the_switch_on_an_article_leads_to_the_same_article_in_the_other_frame(out: Path) -> None:
    assert head(out / ARTICLE.lstrip("/") / "index.html").switch == {"fr": "/fr" + ARTICLE}
    assert head(out / "fr" / ARTICLE.lstrip("/") / "index.html").switch == {"en": ARTICLE}


def test_every_list_of_articles_links_to_the_frame_of_its_own_language(out: Path) -> None:
    for page in ("/articles/", "/", "/people/barret-zoph/", "/labs/thinking-machines-lab/",
                 "/events/zoph-metz-schoenholz-return-to-openai/"):
        english, french = page_text(out, page), page_text(out, "/fr" + page)
        assert f'href="{ARTICLE}"' in english and f'href="/fr{ARTICLE}"' not in english, page
        assert f'href="/fr{ARTICLE}"' in french and f'href="{ARTICLE}"' not in french, page


def test_the_sitemap_lists_both_versions_of_each_page_with_alternates(out: Path) -> None:
    root = ET.parse(out / "sitemap.xml").getroot()
    entries = {u.findtext("s:loc", namespaces=SITEMAP_NS): {x.get("hreflang"): x.get("href")
               for x in u.findall("x:link", SITEMAP_NS)} for u in root.findall("s:url", SITEMAP_NS)}
    person = ORIGIN + "/people/barret-zoph/"
    french = ORIGIN + "/fr/people/barret-zoph/"
    expected = {"en": person, "fr": french, "x-default": person}
    assert entries[person] == expected and entries[french] == expected
    # An article once, at its canonical frame (in its own language), with no alternates.
    assert entries[ORIGIN + "/fr" + ARTICLE] == {} and ORIGIN + ARTICLE not in entries


def test_a_french_page_shows_no_english_interface_string(out: Path) -> None:
    for url, file in html_pages(out).items():
        if url.startswith("/fr/"):
            text = file.read_text(encoding="utf-8")
            found = [s for s in ENGLISH if s in text]
            assert found == [], f"{url}: {found}"


class FrenchText(HTMLParser):
    """The text a French page writes in French: its text nodes (SVG titles included), without scripts,
    styles and whatever an element marks as another language (an untranslated bio, an English article's
    title), whose punctuation follows its own language's rules."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                      "track", "wbr", "path", "rect", "line", "circle"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: is its text out of bounds?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang")
        # Code (`status: rumored` in the editorial policy) is in no language: YAML keeps its colon close.
        outside = bool(self._stack and self._stack[-1]) or tag in ("script", "style", "code") or (
            lang is not None and not lang.startswith("fr"))
        self._stack.append(outside)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)


def french_text(file: Path) -> str:
    parser = FrenchText()
    parser.feed(file.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


def french_pages(out: Path) -> dict[str, str]:
    return {url: french_text(f) for url, f in html_pages(out).items() if url.startswith("/fr/")}


def test_french_pages_put_a_no_break_space_before_a_colon(out: Path) -> None:
    # French typography: "Google DeepMind → OpenAI : 3 personnes", never "OpenAI: 3".
    found = {(url, m[0]) for url, text in french_pages(out).items()
             for m in re.finditer(r"\w{1,20}[:;](?=\s)", text)}
    assert found == set()


def test_french_pages_elide_de_before_a_vowel(out: Path) -> None:
    # "Parcours d’Ilya Sutskever", "Flux Atom des mouvements d’Ilya": never "de Ilya", "de OpenAI".
    found = {(url, m[0]) for url, text in french_pages(out).items()
             for m in re.finditer(r"(?<![\w’'])de [AEIOUÉaeiouéèê]\w*", text)}
    assert found == set()
    career = french_text(out / "fr/people/ilya-sutskever/index.html")
    assert "Parcours d’Ilya Sutskever" in career and "Flux Atom des mouvements d’Ilya Sutskever" in career
    assert "Flux Atom des arrivées et des départs d’OpenAI" in french_text(out / "fr/labs/openai/index.html")


def test_french_counts_agree_with_each_number_of_a_sentence(out: Path) -> None:
    # A year's bar says "0 départ" beside "4 arrivées", "7 départs" beside "4 arrivées": each count takes
    # its own plural. (Schoenholz's departure is dated with the lab's founding, 2025: issue 19.)
    openai = french_text(out / "fr/labs/openai/index.html")
    assert "2026\u00a0: 4 arrivées, 0 départ\n" in openai
    assert "2024\u00a0: 4 arrivées, 7 départs\n" in openai
    assert "2025\u00a0: 0 arrivée, 1 départ\n" in openai
    english = (out / "labs/openai/index.html").read_text(encoding="utf-8")
    assert "<title>2026: 4 arrived, 0 left</title>" in english


def test_french_feeds_and_search_words_exist_and_open_data_once(out: Path) -> None:
    atom = ET.parse(out / "fr/feed.xml").getroot()
    assert atom.findtext("{http://www.w3.org/2005/Atom}title") == "Revolving Door\u00a0: tous les mouvements"
    summaries = {e.findtext("{http://www.w3.org/2005/Atom}summary") for e in atom}
    assert "Max Stoiber quitte Shopify pour OpenAI (transfert, avant le 17 janvier 2026, signalé)" in summaries
    assert (out / "fr/feed.json").is_file() and (out / "fr/people/barret-zoph/feed.xml").is_file()
    assert '"kinds": {"article": "Article", "lab": "Laboratoire"' in (out / "fr/search/text.json").read_text()
    # The files once; the page that lists them in each language (issue 18).
    assert (out / "data/events.json").is_file() and not (out / "fr/data/events.json").exists()
    assert [p.name for p in (out / "fr/data").iterdir()] == ["index.html"]


def test_a_site_with_one_language_has_no_alternates_switch_or_prefix(good_site: BuildResult) -> None:
    assert good_site.output is not None
    page = good_site.output / "people/barret-zoph/index.html"
    h = head(page)
    assert h.lang == "en" and h.alternates == {} and h.switch == {}
    assert not (good_site.output / "fr").exists()
    sitemap = (good_site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "xhtml:link" not in sitemap
    # A French article on an English site: one frame, English, its own canonical address and in the sitemap.
    article = head(good_site.output / "articles/zoph-retour-openai/index.html")
    assert article.lang == "fr" and article.switch == {}
    assert article.canonical == "https://example.org/articles/zoph-retour-openai/"
    assert "<loc>https://example.org/articles/zoph-retour-openai/</loc>" in sitemap


def test_a_french_default_language_puts_english_under_en(tmp_path: Path) -> None:
    site = copy_site("good-site", tmp_path / "site")
    toml = site / "site.toml"
    toml.write_text(re.sub(r'(?m)^language = .*\n', "", toml.read_text()) + 'languages = ["fr", "en"]\n')
    english = site / "content/articles/bubeck-joins-openai.md"  # English, no longer the default language
    english.write_text(english.read_text().replace("date: 2024-10-15\n", "date: 2024-10-15\nlang: en\n"))
    result = build_into(site, tmp_path / "out", with_search=False)
    assert result.output is not None
    assert head(result.output / "people/barret-zoph/index.html").lang == "fr"
    assert head(result.output / "en/people/barret-zoph/index.html").switch == {"fr": "/people/barret-zoph/"}
    # An English article keeps the address it always had, now its French frame, which names the English one.
    page = result.output / "articles/bubeck-joins-openai/index.html"
    old = head(page)
    assert old.lang == "en" and old.canonical == "https://example.org/en/articles/bubeck-joins-openai/"
    assert '<header class="site-header" data-pagefind-ignore="all" lang="fr">' in page.read_text(encoding="utf-8")
    assert old.switch == {"en": "/en/articles/bubeck-joins-openai/"}


def test_the_preview_server_answers_a_missing_french_page_with_the_french_404(out: Path) -> None:
    server = serve_in_thread(out)
    try:
        port = server.server_address[1]
        for path, lang in (("/fr/people/nobody/", "fr"), ("/people/nobody/", "en"), ("/frx/y/", "en")):
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}")
            assert caught.value.code == 404
            assert f'<html lang="{lang}">' in caught.value.read().decode("utf-8"), path
    finally:
        server.shutdown()
        server.server_close()


def test_the_preview_server_watches_the_interface_catalogues(tmp_path: Path) -> None:
    site = copy_site("good-site", tmp_path / "site")
    preview = Preview(site, tmp_path / "out", port=0, search=False, log=lambda _: None)
    assert preview.start()
    try:
        assert LOCALE_DIR.resolve() in preview.watcher.dirs
        assert preview.watcher._accept(LOCALE_DIR.resolve() / "fr" / "LC_MESSAGES" / "messages.po")
    finally:
        preview.close()


def test_the_site_description_is_shown_in_the_pages_language(out: Path) -> None:
    french = (out / "fr/index.html").read_text(encoding="utf-8")
    assert '<p class="lede">Qui passe d’un laboratoire d’IA à l’autre\u00a0: les personnes' in french
    assert '<meta name="description" content="Qui passe d’un laboratoire' in french
    assert '<p class="lede">Who moves between AI labs' in (out / "index.html").read_text(encoding="utf-8")
    assert json.loads((out / "fr/feed.json").read_text(encoding="utf-8"))["description"].startswith("Qui passe")


def test_an_untranslated_description_shows_in_the_default_language_marked_with_it(tmp_path: Path) -> None:
    site = copy_site("good-site", tmp_path / "site")
    toml = site / "site.toml"
    toml.write_text(re.sub(r'(?m)^language = .*\n', "", toml.read_text()) + 'languages = ["en", "fr"]\n')
    result = build_into(site, tmp_path / "out", with_search=False)
    assert result.output is not None and result.model is not None
    lede = f'<p class="lede"><span lang="en">{result.model.config.description}</span> '
    assert lede in (result.output / "fr/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("settings", "expected"), [
    ('languages = ["en", "fr"]\ndescription_de = "Wer"', "site.toml:5: description_de: 'de' is not one of the site's "
     "other languages (the site's other languages are fr: list de in languages first)"),
    ('description_fr = "Qui"', "site.toml:4: description_fr: 'fr' is not one of the site's other languages "
     "(the site has one language: list fr in languages first)"),
    ('languages = ["en", "fr"]\ndescription_fr = ""', "site.toml:5: description_fr: must be a non-empty string"),
])
def test_a_description_in_a_language_the_site_lacks_is_an_error(tmp_path: Path, settings: str, expected: str) -> None:
    text = 'title = "T"\nbase_url = "https://example.org/"\ndescription = "D"\n' + settings + "\n"
    config, problems = validate_config(tomllib.loads(text), text)
    assert config is None and [p.text() for p in problems] == [expected]
