"""A build writes exactly the URL contract, as valid HTML, with nothing stale and nothing from the clock."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from conftest import build_into, copy_site
from sitecheck import REPO, SITES, Site, built, strict_errors

from revdoor.common.urls import Urls


@pytest.fixture(params=SITES)
def site(request: pytest.FixtureRequest) -> Site:
    return built(request, request.param)


def contract_urls(site: Site) -> list[str]:
    """Every URL issue 3 promises, for this site's people, labs, articles, events and feed pages."""
    u, m = Urls(site.base_path), site.model
    pages = max(1, math.ceil(len(m.events) / m.config.feed_page_size))
    return [u.home(), u.people(), u.labs(), u.articles(), u.feed(), u.feed_xml(), u.search(), u.sitemap(),
            u.not_found(), u.robots(),
            *(url for s in m.people for url in (u.person(s), u.person_feed(s))),
            *(url for s in m.labs for url in (u.lab(s), u.lab_feed(s))),
            *(u.article(s) for s in m.articles), *(u.event(s) for s in m.events),
            *(u.feed(n) for n in range(2, pages + 1))]


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_every_url_of_the_contract_is_a_file_in_the_output(site: Site) -> None:
    missing = [url for url in contract_urls(site) if site.resolve(url) is None]
    assert not missing, f"{site.name} lacks: {missing}"


def test_contract_urls_have_the_right_shape(request: pytest.FixtureRequest) -> None:
    site = built(request, "good-site-subpath")
    for url, rel in [("/tracker/", "index.html"), ("/tracker/people/barret-zoph/", "people/barret-zoph/index.html"),
                     ("/tracker/labs/openai/feed.xml", "labs/openai/feed.xml"),
                     ("/tracker/feed/page/2/", "feed/page/2/index.html"), ("/tracker/404.html", "404.html"),
                     ("/tracker/robots.txt", "robots.txt"), ("/tracker/sitemap.xml", "sitemap.xml")]:
        assert site.resolve(url) == site.out / rel
    assert site.resolve("/tracker/feed/page/1/") is None, "page 1 of the feed lives at /feed/ only"


def test_the_feed_has_one_page_per_feed_page_size_moves(request: pytest.FixtureRequest) -> None:
    site = built(request, "good-site")
    pages = sorted(p.parent.name for p in (site.out / "feed" / "page").glob("*/index.html"))
    # 14 events, 4 a page: /feed/ is page 1, then 2, 3 and 4
    assert len(site.model.events) == 14 and site.model.config.feed_page_size == 4
    assert pages == ["2", "3", "4"]


def test_every_html_page_parses_without_error_under_strict_html5(site: Site) -> None:
    errors = {site.url_of(p): e for p in site.html_files() if (e := strict_errors(p))}
    assert not errors, f"{len(errors)} pages of {site.name} are not valid HTML5: {errors}"


def test_a_rebuild_removes_stray_files_and_pages_that_no_longer_exist(tmp_path: Path) -> None:
    source = copy_site("good-site", tmp_path / "site")
    out = tmp_path / "public"
    build_into(source, out, with_search=False, jobs=1)
    assert (out / "events" / "google-experts-to-apple-zurich" / "index.html").is_file()
    (out / "stray.txt").write_text("left by hand")
    (out / "old" / "section").mkdir(parents=True)
    (out / "old" / "section" / "index.html").write_text("<p>a page of an older build</p>")
    (source / "content" / "events" / "google-experts-to-apple-zurich.md").unlink()
    (source / "content" / "labs" / "apple.md").unlink()

    result = build_into(source, out, with_search=False, jobs=1)

    assert not (out / "stray.txt").exists()
    assert not (out / "old").exists(), "emptied directories are removed too"
    assert not (out / "events" / "google-experts-to-apple-zurich").exists()
    assert not (out / "labs" / "apple").exists(), "the lab's page, feed and social card go with it"
    assert result.stats is not None and result.stats.removed == 6
    assert set(tree(out)) == set(tree(_fresh_build(source, tmp_path / "fresh")))


def _fresh_build(source: Path, dest: Path) -> Path:
    copy = dest / "site"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".cache", "public"))
    build_into(copy, dest / "public", with_search=False, jobs=1)
    return dest / "public"


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    first = tmp_path / "a" / "public"
    build_into(copy_site("good-site", tmp_path / "a" / "site"), first, with_search=False, jobs=1)
    # Elsewhere on disk, later, and once warm (body cache and page manifest in place): still the same bytes.
    second_source = copy_site("good-site", tmp_path / "b" / "elsewhere")
    second = tmp_path / "b" / "out"
    build_into(second_source, second, with_search=False, jobs=1)
    shutil.rmtree(second)
    build_into(second_source, second, with_search=False, jobs=1)
    a, b = tree(first), tree(second)
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []


def test_a_warm_rebuild_of_unchanged_content_writes_nothing(tmp_path: Path) -> None:
    source = copy_site("good-site", tmp_path / "site")
    out = tmp_path / "public"
    build_into(source, out, with_search=False, jobs=1)
    before = tree(out)
    result = build_into(source, out, with_search=False, jobs=1)
    assert result.stats is not None and (result.stats.written, result.stats.removed) == (0, 0)
    assert tree(out) == before


def _widen(source: Path, people: int) -> None:
    """Add enough people and moves that rendering and loading spread over processes (> 400 pages)."""
    content = source / "content"
    for i in range(people):
        (content / "people" / f"person-{i:03d}.md").write_text(f"---\nname: Person {i:03d}\n---\nA bio.\n")
        lab = ("openai", "meta", "apple", "google")[i % 4]
        (content / "events" / f"person-{i:03d}-joins.md").write_text(
            f"---\nperson: person-{i:03d}\ndate: 20{10 + i % 15}-{1 + i % 12:02d}\ntype: arrival\nto: {lab}\n"
            f"sources: [https://example.com/{i}]\n---\n")


def test_one_and_two_processes_build_the_same_bytes(tmp_path: Path) -> None:
    outs = {}
    for jobs in (1, 2):
        source = copy_site("good-site", tmp_path / f"jobs{jobs}" / "site")
        _widen(source, 150)
        outs[jobs] = tmp_path / f"jobs{jobs}" / "public"
        result = build_into(source, outs[jobs], with_search=False, jobs=jobs, use_cache=False)
        assert result.pages > 400, "too few pages to use the process pool"
    one, two = tree(outs[1]), tree(outs[2])
    assert sorted(one) == sorted(two)
    assert [rel for rel in one if one[rel] != two[rel]] == []


def test_two_builds_of_the_real_content_are_byte_identical(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    if not (REPO / "content").is_dir():
        pytest.skip("content/ does not exist yet: the real site is checked once its content is written")
    site_copy: Path = request.getfixturevalue("site_copy")
    first, second = tmp_path / "first", tmp_path / "second"
    build_into(site_copy, first, with_search=False, jobs=1)
    build_into(site_copy, second, with_search=False, jobs=2)
    a, b = tree(first), tree(second)
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []
