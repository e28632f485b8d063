"""What the built pages mark for Pagefind: the body, weights, metadata, filters, sort keys, and what is ignored.

Read from the HTML of tests/fixtures/search-site (no browser); the last tests run Pagefind itself.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from conftest import build_into, copy_site

from revdoor.output import search
from revdoor.output.builder import BuildResult

INDEXED_PAGES = 6 + 5 + 8 + 2  # labs, people, events, articles of the fixture


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    source = copy_site("search-site", tmp_path_factory.mktemp("search-index") / "site")
    return build_into(source, source.parent / "public", with_search=True, jobs=1)


def parse(site: BuildResult, rel: str) -> ET.Element:
    assert site.output is not None
    return html5lib.parse((site.output / rel).read_bytes(), namespaceHTMLElements=False)


def marks(root: ET.Element, kind: str) -> dict[str, list[str]]:
    """`data-pagefind-meta|filter|sort` values given as name[data-value]: {name: [values]}."""
    found: dict[str, list[str]] = {}
    for el in root.iter():
        spec = el.get(f"data-pagefind-{kind}")
        if spec:
            name, _, attr = spec.partition("[")
            found.setdefault(name, []).append(el.get(attr.rstrip("]"), "") if attr else "".join(el.itertext()))
    return found


def bodies(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter() if el.get("data-pagefind-body") is not None]


def inside(root: ET.Element, target: ET.Element, tag: str) -> bool:
    """Whether `target` is a descendant of some element `tag`."""
    return any(target in list(el.iter()) for el in root.iter(tag))


def ignored(root: ET.Element, target: ET.Element) -> bool:
    """Whether `target` or one of its ancestors carries data-pagefind-ignore."""
    return any(target in list(el.iter()) for el in root.iter() if el.get("data-pagefind-ignore") is not None)


PROFILE_AND_CONTENT = ["people/barret-zoph/index.html", "labs/google-deepmind/index.html",
                       "articles/zoph-metz-retour-openai/index.html", "events/zoph-metz-return-to-openai/index.html"]
LISTINGS = ["index.html", "people/index.html", "labs/index.html", "articles/index.html", "feed/index.html",
            "search/index.html", "404.html"]


@pytest.mark.parametrize("rel", PROFILE_AND_CONTENT)
def test_marks_one_body_inside_main_on_profile_and_content_pages(site: BuildResult, rel: str) -> None:
    root = parse(site, rel)
    found = bodies(root)
    assert len(found) == 1
    assert inside(root, found[0], "main")


@pytest.mark.parametrize("rel", LISTINGS)
def test_leaves_listings_out_of_the_index(site: BuildResult, rel: str) -> None:
    # Pagefind indexes only pages with a data-pagefind-body once any page has one: lists repeat the
    # profiles' names and would crowd them out of the results.
    assert bodies(parse(site, rel)) == []


@pytest.mark.parametrize("rel", PROFILE_AND_CONTENT)
def test_ignores_header_nav_and_footer_entirely(site: BuildResult, rel: str) -> None:
    root = parse(site, rel)
    header = root.find(".//header[@class='site-header']")
    footer = root.find(".//footer[@class='site-footer']")
    assert header is not None and footer is not None
    assert header.get("data-pagefind-ignore") == "all"
    assert footer.get("data-pagefind-ignore") == "all"
    assert inside(root, header.find(".//nav"), "header")  # type: ignore[arg-type]


def test_weights_a_persons_name_and_aliases_above_other_headings(site: BuildResult) -> None:
    root = parse(site, "people/barret-zoph/index.html")
    h1 = root.find(".//h1")
    aliases = root.find(".//p[@class='aliases']")
    assert h1 is not None and aliases is not None
    assert (h1.text, h1.get("data-pagefind-weight")) == ("Barret Zoph", "10")
    assert "Brett Zoph" in "".join(aliases.itertext())
    assert aliases.get("data-pagefind-weight") == "9"
    assert not ignored(root, aliases)


def test_person_page_meta_filters_and_no_date(site: BuildResult) -> None:
    root = parse(site, "people/barret-zoph/index.html")
    assert marks(root, "meta") == {"title": ["Barret Zoph"], "kind": ["person"],
                                   "names": ["Barret Zoph, Brett Zoph"]}
    filters = marks(root, "filter")
    assert filters["kind"] == ["person"]
    assert filters["ui"] == ["en"]  # found from the English pages' search (the French page says "fr")
    assert sorted(filters["lab"]) == ["OpenAI", "Thinking Machines Lab"]  # each lab once, though he returned
    assert "year" not in filters and "status" not in filters
    assert marks(root, "sort") == {}


def test_lab_page_carries_aliases_as_names_and_itself_as_lab(site: BuildResult) -> None:
    root = parse(site, "labs/google-deepmind/index.html")
    h1 = root.find(".//h1")
    assert h1 is not None and h1.get("data-pagefind-weight") == "10"
    assert marks(root, "meta") == {"title": ["Google DeepMind"], "kind": ["lab"],
                                   "names": ["Google DeepMind, DeepMind"]}
    assert marks(root, "filter") == {"kind": ["lab"], "lab": ["Google DeepMind"], "ui": ["en"]}


def test_event_page_meta_filters_and_sort_key(site: BuildResult) -> None:
    root = parse(site, "events/zoph-metz-return-to-openai/index.html")
    h1 = root.find(".//h1")
    assert h1 is not None and int(h1.get("data-pagefind-weight", "7")) < 10  # below a profile's name
    assert marks(root, "meta") == {"title": ["Barret Zoph and Luke Metz leave Thinking Machines Lab for OpenAI"],
                                   "kind": ["move"], "date": ["14 January 2026"]}
    assert marks(root, "filter") == {"kind": ["move"], "year": ["2026"], "status": ["confirmed"],
                                     "lab": ["Thinking Machines Lab", "OpenAI"], "ui": ["en"]}
    assert marks(root, "sort") == {"date": ["2026-01-14"]}


def test_event_known_to_the_year_sorts_at_the_years_start_and_shows_the_year(site: BuildResult) -> None:
    root = parse(site, "events/schoenholz-deepmind-to-openai/index.html")
    assert marks(root, "meta")["date"] == ["2023"]
    assert marks(root, "sort") == {"date": ["2023-01-01"]}
    assert marks(root, "filter")["status"] == ["reported"]


def test_article_page_meta_filters_and_sort_key(site: BuildResult) -> None:
    root = parse(site, "articles/zoph-metz-retour-openai/index.html")
    assert root.get("lang") == "fr"
    assert marks(root, "meta") == {"title": ["Barret Zoph et Luke Metz reviennent chez OpenAI"], "kind": ["article"],
                                   "lang": ["fr"], "date": ["15 January 2026"]}
    # Its interface's language too, as every page's (issue 18, point 7: an article is found in the reader's
    # frame; it had none when it was published once).
    assert marks(root, "filter") == {"kind": ["article"], "ui": ["en"], "year": ["2026"],
                                     "lab": ["OpenAI", "Thinking Machines Lab"]}
    assert marks(root, "sort") == {"date": ["2026-01-15"]}


@pytest.mark.parametrize("rel", PROFILE_AND_CONTENT)
def test_metadata_and_filters_are_not_indexed_as_words(site: BuildResult, rel: str) -> None:
    root = parse(site, rel)
    for el in root.iter():
        marked = el.get("data-pagefind-filter") or el.get("data-pagefind-sort")
        if marked or el.get("data-pagefind-meta", "title") != "title":
            assert ignored(root, el), ET.tostring(el)


def test_ignores_repeated_boilerplate_inside_bodies(site: BuildResult) -> None:
    lab = parse(site, "labs/openai/index.html")
    permalinks = [a for a in lab.iter("a") if a.get("class") == "permalink"]
    assert permalinks and all(a.get("data-pagefind-ignore") is not None for a in permalinks)
    feed_links = [a for a in lab.iter("a") if (a.get("href") or "").endswith("feed.xml") and inside(lab, a, "main")]
    assert feed_links and all(ignored(lab, a) for a in feed_links)
    stats = lab.find(".//dl[@class='stats']")
    assert stats is not None and stats.get("data-pagefind-ignore") is not None


def test_indexes_every_language_into_one_index(site: BuildResult) -> None:
    assert site.output is not None
    entry = json.loads((site.output / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"]  # the French article is in it, not in an index of its own
    assert entry["languages"]["en"]["page_count"] == INDEXED_PAGES


def test_build_reports_index_pages_size_and_time(site: BuildResult) -> None:
    assert site.output is not None and site.search is not None
    assert site.search.ok and site.search_message == "indexed"
    assert site.search.pages == INDEXED_PAGES
    assert (site.search.files, site.search.bytes) == search.tree_size(site.output / "pagefind")
    assert site.search.bytes > 0
    assert "search" in site.timings
    assert f"indexed {INDEXED_PAGES} pages" in site.search.summary()


def test_pagefind_is_told_the_sites_primary_language() -> None:
    command = search.pagefind_command("pagefind", Path("out"), "pt-BR")
    assert command[command.index("--force-language") + 1] == "pt"
    assert command[command.index("--site") + 1] == "out"


def test_index_site_reports_a_failure_as_a_message(tmp_path: Path) -> None:
    result = search.index_site(tmp_path / "missing")
    assert not result.ok
    assert result.message.startswith("pagefind failed: ")


def test_event_page_indexes_its_sentence_not_its_fact_labels_or_source_urls(site: BuildResult) -> None:
    root = parse(site, "events/zoph-leaves-openai/index.html")
    facts = root.find(".//dl[@class='facts']")
    sources = root.find(".//section[@aria-labelledby='sources']")
    heading = root.find(".//h1")  # the move's sentence (issue 18): "Barret Zoph leaves OpenAI"
    assert facts is not None and sources is not None and heading is not None
    assert ignored(root, facts) and ignored(root, sources)
    assert not ignored(root, heading) and "".join(heading.itertext()) == "Barret Zoph leaves OpenAI"
