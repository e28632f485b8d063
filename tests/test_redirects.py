"""Renames never break links: a profile's `redirect_from` slugs keep their old URLs, as small redirect pages
out of the sitemap and the search index; the preview server writes and removes them as a cold build does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build_into, copy_site

from revdoor.output.builder import build
from revdoor.preview.engine import Engine


def add_line(path: Path, after: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert after in text
    path.write_text(text.replace(after, f"{after}\n{line}", 1), encoding="utf-8")


@pytest.fixture
def renamed(tmp_path: Path) -> Path:
    site = copy_site("good-site", tmp_path / "site")
    add_line(site / "content/people/mira-murati.md", "name: Mira Murati", "redirect_from: [ermira-murati, m-murati]")
    add_line(site / "content/labs/openai.md", "name: OpenAI", "redirect_from: [open-ai]")
    add_line(site / "content/articles/bubeck-joins-openai.md", "title: Sebastien Bubeck leaves Microsoft for OpenAI",
             "redirect_from: [bubeck-openai]")
    return site


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_an_old_slug_serves_a_page_that_sends_readers_and_crawlers_to_the_new_url(renamed: Path,
                                                                                  tmp_path: Path) -> None:
    out = build_into(renamed, tmp_path / "out", with_search=False).output
    assert out is not None
    html = (out / "people/m-murati/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/people/mira-murati/">' in html
    assert '<link rel="canonical" href="https://example.org/people/mira-murati/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<a href="/people/mira-murati/">Mira Murati</a>' in html
    assert (out / "people/ermira-murati/index.html").is_file()
    lab = (out / "labs/open-ai/index.html").read_text(encoding="utf-8")
    assert 'url=/labs/openai/"' in lab and ">OpenAI</a>" in lab
    article = (out / "articles/bubeck-openai/index.html").read_text(encoding="utf-8")
    assert 'url=/articles/bubeck-joins-openai/"' in article


def test_redirects_stay_out_of_the_sitemap_and_the_search_index(renamed: Path, tmp_path: Path) -> None:
    result = build_into(renamed, tmp_path / "out", with_search=True)
    assert result.output is not None and result.model is not None and result.search is not None
    sitemap = (result.output / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"m-murati|ermira-murati|open-ai/|bubeck-openai", sitemap) == []
    redirect = (result.output / "people/m-murati/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in redirect and '<body data-pagefind-ignore="all">' in redirect
    m = result.model
    assert result.search.ok, result.search.message
    # Pagefind indexes only pages with a data-pagefind-body: the profiles, articles and events.
    assert result.search.pages == len(m.people) + len(m.labs) + len(m.articles) + len(m.events)


def test_the_preview_server_writes_and_removes_redirects_like_a_cold_build(tmp_path: Path) -> None:
    site = copy_site("good-site", tmp_path / "site")
    engine = Engine(site, tmp_path / "preview", build_options={"with_search": False, "jobs": 1})
    assert engine.full().ok
    profile = site / "content/people/mira-murati.md"
    original = profile.read_text(encoding="utf-8")
    add_line(profile, "name: Mira Murati", "redirect_from: [m-murati]")
    assert engine.rebuild([profile]).ok
    cold = build(site, tmp_path / "cold", with_search=False, use_cache=False, jobs=1)
    assert cold.ok
    assert (tmp_path / "preview/people/m-murati/index.html").is_file()
    assert tree(tmp_path / "preview") == tree(tmp_path / "cold")
    profile.write_text(original, encoding="utf-8")
    assert engine.rebuild([profile]).ok
    assert not (tmp_path / "preview/people/m-murati").exists()


def test_people_json_lists_the_old_slugs(renamed: Path, tmp_path: Path) -> None:
    import json

    out = build_into(renamed, tmp_path / "out", with_search=False).output
    assert out is not None
    people = {p["slug"]: p for p in json.loads((out / "data/people.json").read_text(encoding="utf-8"))["people"]}
    assert people["mira-murati"]["redirect_from"] == ["ermira-murati", "m-murati"]
