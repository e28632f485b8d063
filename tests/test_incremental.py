"""Dependency tracking: for each kind of edit, exactly which pages the preview server renders again.

The sets are the fixture site's (tests/fixtures/good-site, 4 events per feed page). A safety test also
checks, for several edits, that every page whose bytes really change (two cold builds compared) is in the
set, and the template path is compared byte for byte with a cold build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import build_into, copy_site

from revdoor import languages, pages
from revdoor.incremental import ALL, affected, edit_keys, template_graph
from revdoor.pipeline import load_site
from revdoor.serve import Preview
from revdoor.theme import template_dirs

PEOPLE = ["barret-zoph", "ilya-sutskever", "lukasz-kaiser", "luke-metz", "mira-murati", "sebastien-bubeck",
          "soumith-chintala"]
LABS = ["apple", "google", "google-deepmind", "meta", "microsoft", "openai", "princeton-university",
        "safe-superintelligence", "thinking-machines-lab"]
INDEXES = {"/", "/people/", "/labs/", "/flows/", "/sitemap.xml",  # they show a bit of everything
           "/data/events.json", "/data/people.json", "/data/labs.json", "/data/events.csv", "/feed.json"}


def site_pages(source: Path) -> list[pages.Page]:
    model = load_site(source).model
    assert model is not None
    return languages.site_pages(model, languages.Languages.of(model.config))  # as the builder makes them


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site("good-site", tmp_path / "site")


def reached(site: Path, rel: str, edit: Callable[[Path], None] = lambda _: None) -> tuple[set[str], set[str]]:
    """(URLs to render, URLs to remove) after `edit` of the file `rel`."""
    old = site_pages(site)
    edit(site / rel)
    result = affected(old, site_pages(site), edit_keys([rel]), template_graph(template_dirs(site)))
    return set(result.render), set(result.remove)


def replace(old: str, new: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))

    return edit


def test_edit_keys_name_the_edited_records() -> None:
    assert edit_keys(["content/events/a.md", "content/people/b.md", "content/labs/c.md", "content/articles/d.md",
                      "templates/_macros.html", "static/style.css", "content/events/notes.txt"]) == {
        "event:a", "person:b", "lab:c", "article:d", "template:_macros.html"}
    assert edit_keys(["site.toml"]) == {ALL}


BASE = {"base.html", "_head_links.html", "_head_scripts.html", "_header.html", "_footer.html"}  # its fragments


def test_template_graph_follows_extends_imports_fragments_and_the_cached_list_items(site: Path) -> None:
    graph = template_graph(template_dirs(site))
    assert graph["person.html"] == {"person.html", *BASE, "_macros.html", "_search.html", "_event_item.html",
                                    "_article_item.html", "_charts.html"}
    assert graph["search.html"] == {"search.html", *BASE}
    # A feed's words for types and statuses are _macros.html's (which reaches the cached list items).
    assert graph["atom.xml"] == {"atom.xml", "_macros.html", "_event_item.html", "_article_item.html"}


def test_an_event_edit_reaches_its_page_people_labs_articles_feed_pages_and_indexes(site: Path) -> None:
    render, remove = reached(site, "content/events/murati-leaves-openai.md", replace("status: confirmed",
                                                                                     "status: rumored"))
    assert render == INDEXES | {
        "/events/murati-leaves-openai/", "/people/mira-murati/", "/people/mira-murati/feed.xml",
        "/labs/openai/", "/labs/openai/feed.xml", "/articles/zoph-retour-openai/", "/feed/page/3/", "/feed.xml",
        # Mira Murati's other event may stop or start being a return: it is shown wherever it is listed.
        "/events/murati-founds-thinking-machines/", "/labs/thinking-machines-lab/",
        "/labs/thinking-machines-lab/feed.xml", "/feed/page/2/"}
    assert remove == set()


def test_an_event_moved_in_time_also_reaches_the_feed_pages_it_shifts(site: Path) -> None:
    render, _ = reached(site, "content/events/murati-leaves-openai.md", replace("2024-09-25", "2019-01-02"))
    assert {"/feed/page/2/", "/feed/page/3/", "/feed/page/4/"} <= render
    assert "/feed/" not in render  # the newest moves did not change


def test_a_profile_edit_reaches_the_pages_showing_that_person_and_the_text_linking_names(site: Path) -> None:
    render, _ = reached(site, "content/people/mira-murati.md", replace("Former CTO", "Formerly CTO"))
    assert render == INDEXES | {
        "/people/mira-murati/", "/people/mira-murati/feed.xml",
        "/events/murati-leaves-openai/", "/events/murati-founds-thinking-machines/",
        "/labs/openai/", "/labs/openai/feed.xml", "/labs/thinking-machines-lab/",
        "/labs/thinking-machines-lab/feed.xml", "/feed/page/2/", "/feed/page/3/", "/feed.xml",
        "/articles/zoph-retour-openai/", "/articles/bubeck-joins-openai/"}  # both link every known name


def test_an_article_edit_reaches_the_article_its_index_and_what_cites_or_names_it(site: Path) -> None:
    render, _ = reached(site, "content/articles/bubeck-joins-openai.md", replace("Bubeck led", "He led"))
    assert render == INDEXES | {
        "/articles/", "/articles/bubeck-joins-openai/",
        "/events/bubeck-microsoft-to-openai/", "/events/bubeck-princeton-to-microsoft/",
        "/events/kaiser-deepmind-to-openai/",
        "/people/sebastien-bubeck/", "/people/sebastien-bubeck/feed.xml", "/people/lukasz-kaiser/",
        "/people/lukasz-kaiser/feed.xml",
        "/labs/microsoft/", "/labs/microsoft/feed.xml", "/labs/openai/", "/labs/openai/feed.xml",
        "/labs/princeton-university/", "/labs/princeton-university/feed.xml", "/labs/google-deepmind/",
        "/labs/google-deepmind/feed.xml", "/feed/page/3/", "/feed/page/4/", "/feed.xml"}


def test_a_template_edit_reaches_exactly_the_pages_using_it_through_extends_and_import(site: Path) -> None:
    render, _ = reached(site, "templates/_search.html")
    events = {p.stem for p in (site / "content" / "events").glob("*.md")}
    articles = {p.stem for p in (site / "content" / "articles").glob("*.md")}
    assert render == ({f"/people/{s}/" for s in PEOPLE} | {f"/labs/{s}/" for s in LABS}
                      | {f"/events/{s}/" for s in events} | {f"/articles/{s}/" for s in articles})
    render, _ = reached(site, "templates/atom.xml")
    assert render == ({"/feed.xml"} | {f"/people/{s}/feed.xml" for s in PEOPLE}
                      | {f"/labs/{s}/feed.xml" for s in LABS})


def test_site_toml_reaches_every_page(site: Path) -> None:
    render, _ = reached(site, "site.toml")
    assert render == {p.url for p in site_pages(site)}


def test_a_deleted_event_removes_its_page_and_reaches_the_pages_that_listed_it(site: Path) -> None:
    render, remove = reached(site, "content/events/kaiser-to-meta-rumored.md", Path.unlink)
    assert remove == {"/events/kaiser-to-meta-rumored/"}
    assert {"/people/lukasz-kaiser/", "/labs/meta/", "/feed.xml"} <= render


@pytest.mark.parametrize(("rel", "old", "new"), [
    ("content/events/murati-leaves-openai.md", "2024-09-25", "2019-01-02"),
    ("content/events/murati-leaves-openai.md", "status: confirmed", "status: rumored"),
    ("content/people/mira-murati.md", "name: Mira Murati", "name: Mira Muratti"),
    ("content/labs/openai.md", "name: OpenAI", "name: Open AI"),
    ("content/articles/bubeck-joins-openai.md", "Bubeck led", "He led"),
])
def test_every_page_whose_bytes_change_is_in_the_set(site: Path, tmp_path: Path, rel: str, old: str,
                                                     new: str) -> None:
    before = build_into(site, tmp_path / "before", with_search=False, use_cache=False).output
    render, _ = reached(site, rel, replace(old, new))
    after = build_into(site, tmp_path / "after", with_search=False, use_cache=False).output
    assert before is not None and after is not None
    changed = {f"/{p.relative_to(after).as_posix()}".removesuffix("index.html") for p in after.rglob("*")
               if p.is_file() and (before / p.relative_to(after)).read_bytes() != p.read_bytes()}
    assert changed, "the edit changed nothing: the test would prove nothing"
    assert changed <= render


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_template_edit_while_serving_renders_only_its_pages_and_matches_a_cold_build(site: Path,
                                                                                      tmp_path: Path) -> None:
    (site / "templates").mkdir()
    # No watcher: its own rebuild of the saved template, a moment later, would race the one asked for here.
    preview = Preview(site, tmp_path / "out", port=0, search=False, watch=False, log=lambda _: None)
    try:
        assert preview.start()
        template = site / "templates" / "search.html"
        template.write_text((Path(__file__).resolve().parent.parent / "templates" / "search.html").read_text()
                            .replace("{% block main %}", "{% block main %}\n<p>Edited while serving.</p>", 1))
        outcome = preview._build({template})
        assert outcome.ok and outcome.rendered == 1
        cold = build_into(site, tmp_path / "cold", with_search=False, use_cache=False, base_url=preview.url).output
        assert cold is not None
        assert tree(preview.output) == tree(cold)
        assert b"Edited while serving." in (preview.output / "search" / "index.html").read_bytes()
    finally:
        preview.close()
