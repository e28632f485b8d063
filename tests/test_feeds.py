"""Atom feeds parse cleanly and point at real pages; the sitemap lists every page; robots.txt names it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from sitecheck import SITES, Site, built

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(params=SITES)
def site(request: pytest.FixtureRequest) -> Site:
    return built(request, request.param)


def atom_feeds(site: Site) -> list[Path]:
    return [p for p in site.files(".xml") if p.name == "feed.xml"]


def absolute_to_file(site: Site, url: str) -> Path | None:
    assert url.startswith(site.base_url), f"{url} is not under {site.base_url}"
    return site.resolve(url[len(site.base_url) - len(site.base_path):])


def test_there_is_a_feed_for_the_site_and_for_every_person_and_lab(site: Site) -> None:
    names = {p.relative_to(site.out).as_posix() for p in atom_feeds(site)}
    expected = {f"{root}{f}" for root in ("", *(f"{x}/" for x in site.model.config.languages[1:]))  # /fr/ too
                for f in ("feed.xml", *(f"people/{s}/feed.xml" for s in site.model.people),
                          *(f"labs/{s}/feed.xml" for s in site.model.labs))}
    assert names == expected


def test_every_atom_feed_parses_without_error_and_entries_have_id_link_and_updated(site: Site) -> None:
    for path in atom_feeds(site):
        feed = feedparser.parse(path.read_bytes())
        where = path.relative_to(site.out).as_posix()
        assert feed.bozo == 0, f"{where}: {feed.get('bozo_exception')}"
        assert feed.version == "atom10", where
        assert feed.feed.get("id") and feed.feed.get("updated") and feed.feed.get("title"), where
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_links == [site.base_url + where], where
        assert absolute_to_file(site, feed.feed.link) is not None, f"{where}: {feed.feed.link} is no page"
        for entry in feed.entries:
            assert entry.get("id") and entry.get("link") and entry.get("updated_parsed"), f"{where}: {entry}"
            assert absolute_to_file(site, entry.link) is not None, f"{where}: {entry.link} is no page"


def test_site_feed_lists_moves_newest_first_and_person_feed_only_theirs(request: pytest.FixtureRequest) -> None:
    site = built(request, "good-site")
    feed = feedparser.parse((site.out / "feed.xml").read_bytes())
    updated = [e.updated for e in feed.entries]
    assert len(feed.entries) == len(site.model.events)
    assert updated == sorted(updated, reverse=True)
    zoph = feedparser.parse((site.out / "people" / "barret-zoph" / "feed.xml").read_bytes())
    assert [e.link for e in zoph.entries] == ["https://example.org/events/zoph-metz-return-to-openai/",
                                              "https://example.org/events/zoph-metz-leave-openai/"]
    assert zoph.feed.link == "https://example.org/people/barret-zoph/"


def test_feed_dates_come_from_the_content_not_the_clock(request: pytest.FixtureRequest) -> None:
    site = built(request, "good-site")
    feed = feedparser.parse((site.out / "feed.xml").read_bytes())
    assert feed.feed.updated == "2026-01-16T00:00:00Z", "the newest move's date (Kaiser rumour, 2026-01-16)"
    year_only = next(e for e in feed.entries if e.link.endswith("/bubeck-princeton-to-microsoft/"))
    assert year_only.updated == "2014-01-01T00:00:00Z"


def test_sitemap_lists_every_html_page_but_404_with_absolute_urls(site: Site) -> None:
    root = ET.parse(site.out / "sitemap.xml").getroot()
    locs = [loc.text or "" for loc in root.iter(f"{SITEMAP_NS}loc")]
    assert len(locs) == len(set(locs)), "no page twice"
    assert all(loc.startswith(site.base_url) for loc in locs), [x for x in locs if not x.startswith(site.base_url)]
    # An article once, at its canonical frame (issue 18, point 7: its frames in other languages point there).
    pages = {site.base_url[: -len(site.base_path)] + site.url_of(p) for p in site.html_files()
             if p.name == "index.html" and site.canonical(site.url_of(p)) == site.url_of(p)}
    assert set(locs) == pages
    assert not any(loc.endswith("404.html") for loc in locs)
    assert all(absolute_to_file(site, loc) is not None for loc in locs)


def test_robots_txt_allows_crawling_and_names_the_absolute_sitemap(site: Site) -> None:
    lines = (site.out / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {site.base_url}sitemap.xml" in lines
    assert "Disallow: /" not in lines
