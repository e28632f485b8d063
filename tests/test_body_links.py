"""Links editors write between pages (docs/content.md, "Links"): by the path of a content file, as MkDocs and
GitHub's file view read them; built as the page's URL in the language of the page showing the text, under
base_url's path; followed by `check` (the exact messages are pinned in tests/sites/invalid/warning-body-links).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from revdoor.common.urls import Urls
from revdoor.content.bodylinks import Place, candidates, rewrite, target
from revdoor.content.markup import Renderer
from revdoor.output.builder import build
from revdoor.tools.cli import main

SITES = Path(__file__).resolve().parent / "sites"
ARTICLE = "content/articles/x.md"


@pytest.mark.parametrize(("href", "kind"), [
    ("../people/barret-zoph.md", "page"), ("../events/y.md#sources", "page"), ("#intro", "fragment"),
    ("/people/x/", "root"), ("../../static/a.png", "file"), ("https://example.org/a", "external"),
    ("mailto:a@example.org", "external"), ("http//example.org", "malformed"), ("https:/example.org", "malformed"),
    ("https://exa mple.org/", "malformed"), ("http:x", "malformed"), ("../people/barret-zoph/", "elsewhere"),
    ("notes.txt", "elsewhere"),
])
def test_an_address_in_a_body_is_told_apart_by_where_it_leads(href: str, kind: str) -> None:
    assert target(ARTICLE, href).kind == kind


@pytest.mark.parametrize(("href", "root", "expected"), [
    ("../people/barret-zoph.md", Urls(), "/people/barret-zoph/"),
    ("../people/barret-zoph.md#career", Urls("/tracker/", "fr/"), "/tracker/fr/people/barret-zoph/#career"),
    ("../articles/a.md", Urls("/", "fr/"), "/fr/articles/a/"),  # an article, framed in the page's language
    ("/feed.xml", Urls("/tracker/", "fr/"), "/tracker/feed.xml"),  # site-root: the base path, as written
    ("../../static/map.png", Urls("/tracker/"), "/tracker/static/map.png"),
    ("https://example.org/a", Urls("/tracker/"), "https://example.org/a"),
    ("#intro", Urls("/tracker/"), "#intro"),
])
def test_a_content_file_link_becomes_the_url_of_its_page_in_the_page_language(href: str, root: Urls,
                                                                              expected: str) -> None:
    assert rewrite(href, Place(ARTICLE, root)) == expected


def test_only_bodies_that_may_link_somewhere_of_ours_are_read_by_check() -> None:
    assert not candidates("Plain text with [a site](https://example.org/a) and [b](<https://b.org/>).")
    assert not candidates("[ref]: https://example.org/a")
    for body in ("[x](../people/a.md)", "[x](http//a.org)", "[x]: ../a.md", "<a href=x>y</a>", "<IMG src=a>",
                 "[x](/feed.xml)", "[x](#part)"):
        assert candidates(body), body


def test_headings_get_stable_ids_that_never_take_one_the_templates_write() -> None:
    renderer = Renderer(reserved=frozenset({"career"}))
    html, _ = renderer("## Career\n\n## Départ d'OpenAI\n\n## Career\n\n## !!!")
    assert re.findall(r'<h2 id="([^"]+)"', html) == ["career-2", "depart-dopenai", "career-3", "section"]


def bilingual_site(tmp_path: Path, base_url: str = "https://check.example.org/") -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITES / "base", site)
    toml = site / "site.toml"
    toml.write_text(f'title = "Links"\nbase_url = "{base_url}"\nlanguages = ["en", "fr"]\n')
    event = site / "content/events/bubeck-microsoft-to-openai.md"
    event.write_text(event.read_text().replace(
        "Reported by the press.",
        "Reported by [the press](../articles/bubeck-rejoint-openai.md); see [Bubeck](../people/sebastien-bubeck.md"
        "#career) and [the feed](/feed.xml).\n\n## Background\n\nMore."))
    return site


def hrefs(page: Path) -> list[str]:
    return re.findall(r'<a href="([^"]+)" rel="noopener noreferrer">', page.read_text())


def test_links_in_untranslated_notes_lead_to_the_pages_of_each_language(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(bilingual_site(tmp_path), out, with_search=False, jobs=1).ok
    english = hrefs(out / "events/bubeck-microsoft-to-openai/index.html")
    french = hrefs(out / "fr/events/bubeck-microsoft-to-openai/index.html")
    assert english[:3] == ["/articles/bubeck-rejoint-openai/", "/people/sebastien-bubeck/#career", "/feed.xml"]
    assert french[:3] == ["/fr/articles/bubeck-rejoint-openai/", "/fr/people/sebastien-bubeck/#career", "/feed.xml"]
    # The heading "Background" has an id on both pages, so `#background` lands there.
    assert '<h2 id="background">' in (out / "fr/events/bubeck-microsoft-to-openai/index.html").read_text()


def test_links_get_the_base_path_of_a_project_page(tmp_path: Path) -> None:
    out = tmp_path / "out"
    site = bilingual_site(tmp_path, "https://example.github.io/tracker/")
    assert build(site, out, with_search=False, jobs=1).ok
    assert hrefs(out / "fr/events/bubeck-microsoft-to-openai/index.html")[:3] == [
        "/tracker/fr/articles/bubeck-rejoint-openai/", "/tracker/fr/people/sebastien-bubeck/#career",
        "/tracker/feed.xml"]


def test_an_article_links_names_to_the_pages_of_each_frames_language(tmp_path: Path) -> None:
    # A French article, framed in French and in English (issue 18, point 7; it had its French frame only).
    out = tmp_path / "out"
    assert build(bilingual_site(tmp_path), out, with_search=False, jobs=1).ok
    french = (out / "fr/articles/bubeck-rejoint-openai/index.html").read_text()
    english = (out / "articles/bubeck-rejoint-openai/index.html").read_text()
    assert '<a class="mention" href="/fr/people/sebastien-bubeck/"' in french
    assert '<a class="mention" href="/people/sebastien-bubeck/"' in english and "/fr/people/" not in english


def test_check_follows_links_in_both_languages_and_finds_none_broken(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", "--source", str(bilingual_site(tmp_path))]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings\n"


def test_a_broken_link_is_annotated_on_its_line_for_github(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = bilingual_site(tmp_path)
    event = site / "content/events/bubeck-microsoft-to-openai.md"
    event.write_text(event.read_text().replace("#career", "#carrer"))
    assert main(["check", "--format", "github", "--source", str(site)]) == 0
    assert capsys.readouterr().out == (
        "::warning file=content/events/bubeck-microsoft-to-openai.md,line=11,title=body::link to "
        '"../people/sebastien-bubeck.md#carrer" leads to no heading or section of that page '
        "(it has #career, #header-q, #main, #moves, #press)\n")
    assert main(["check", "--strict", "--source", str(site)]) == 1
