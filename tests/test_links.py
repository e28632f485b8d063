"""Every link and asset of every page resolves inside the output, at a domain's root and under a project path."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from sitecheck import SITES, Site, built, by_id, find_all, internal_target, parse, references

# Elements whose URL a browser fetches as soon as the page loads: they must never point at a third party.
FETCHED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
           "embed": "src", "object": "data"}
FETCHED_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "apple-touch-icon", "manifest", "prefetch"}


@pytest.fixture(params=SITES)
def site(request: pytest.FixtureRequest) -> Site:
    return built(request, request.param)


def broken_references(site: Site) -> list[str]:
    broken = []
    for path in site.html_files():
        page_url = site.url_of(path)
        root = parse(path)
        for tag, attr, ref in references(root):
            target = internal_target(page_url, ref, site)
            if target is None:
                continue
            if not site.has_search_index and urlsplit(target).path.startswith(site.base_path + "pagefind/"):
                continue  # the fixtures are built without the search phase, which writes pagefind/
            where = f"{site.url_of(path)}: <{tag} {attr}={ref!r}>"
            file = site.resolve(target)
            if file is None:
                broken.append(f"{where} resolves to no file")
                continue
            fragment = urlsplit(target).fragment
            if fragment and file.suffix == ".html" and by_id(parse(file), fragment) is None:
                broken.append(f"{where}: no element with id {fragment!r}")
    return broken


def test_every_internal_link_and_asset_resolves_to_a_file(site: Site) -> None:
    broken = broken_references(site)
    assert not broken, f"{len(broken)} broken links in {site.name}:\n" + "\n".join(broken[:30])


def test_every_root_relative_link_starts_with_the_base_path(site: Site) -> None:
    outside = []
    for path in site.html_files():
        for tag, attr, ref in references(parse(path)):
            if ref.startswith("/") and not ref.startswith("//") and not ref.startswith(site.base_path):
                outside.append(f"{site.url_of(path)}: <{tag} {attr}={ref!r}>")
    assert not outside, "links that miss the base path:\n" + "\n".join(outside[:30])


def test_pages_under_a_project_path_load_their_stylesheet_and_script_from_that_path(
        request: pytest.FixtureRequest) -> None:
    site = built(request, "good-site-subpath")
    root = parse(site.page("/tracker/people/"))
    stylesheets = [el.get("href") for el in find_all(root, "link", rel="stylesheet")]
    scripts = [el.get("src") for el in root.iter("script") if el.get("src")]
    assert any(url.startswith("/tracker/static/style") for url in stylesheets), stylesheets
    assert any(url.startswith("/tracker/static/site") for url in scripts), scripts
    assert all(url.startswith("/tracker/static/") and site.resolve(url) for url in [*stylesheets, *scripts])


def test_no_page_fetches_anything_from_a_third_party(site: Site) -> None:
    third_party = []
    for path in site.html_files():
        for el in parse(path).iter():
            if not isinstance(el.tag, str):
                continue
            url = el.get(FETCHED[el.tag]) if el.tag in FETCHED else None
            if el.tag == "link" and FETCHED_LINK_RELS & set((el.get("rel") or "").split()):
                url = el.get("href")
            if url and internal_target(site.url_of(path), url, site) is None:
                third_party.append(f"{site.url_of(path)}: <{el.tag}> fetches {url}")
    assert not third_party, "\n".join(third_party[:30])


def test_stylesheets_fetch_nothing_from_a_third_party(site: Site) -> None:
    for css in site.out.glob("static/**/*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), f"{css.name} loads a remote resource"


def test_the_404_page_uses_only_root_relative_links_as_it_is_served_at_any_depth(site: Site) -> None:
    relative = [f"<{tag} {attr}={ref!r}>" for tag, attr, ref in references(parse(site.out / "404.html"))
                if not urlsplit(ref).scheme and not ref.startswith(("/", "#"))]
    assert not relative, relative
