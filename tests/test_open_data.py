"""Open data (docs/data.md): /data/*.json, /data/events.csv and /feed.json, read back as a reuser would.

Checked against the good-site fixture's content, so a field that drifts from the model shows here.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import feedparser

from revdoor.output.builder import BuildResult, build

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read_json(site: BuildResult, rel: str) -> Any:
    assert site.output is not None
    return json.loads((site.output / rel).read_text(encoding="utf-8"))


def by_slug(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["slug"]: item for item in items}


def test_every_data_file_has_the_format_version_and_one_record_per_item(good_site: BuildResult) -> None:
    events, people, labs = (read_json(good_site, f"data/{n}.json") for n in ("events", "people", "labs"))
    assert (events["version"], people["version"], labs["version"]) == (1, 1, 1)
    assert (len(events["events"]), len(people["people"]), len(labs["labs"])) == (14, 7, 9)
    assert events["site"] == {"title": "Good Site", "url": "https://example.org/"}


def test_events_are_oldest_first_and_keep_the_date_as_written_with_its_precision(good_site: BuildResult) -> None:
    events = read_json(good_site, "data/events.json")["events"]
    assert events[0]["slug"] == "bubeck-princeton-to-microsoft"
    zurich = by_slug(events)["google-experts-to-apple-zurich"]
    assert zurich["date"] == {"text": "2024", "iso": "2024", "precision": "year", "before": False}
    assert (zurich["people"], zurich["unnamed"], zurich["count"]) == ([], "Google experts in Zurich", 3)
    assert zurich["sources"] == [{"url": "https://example.com/apple-zurich"}]
    assert zurich["url"] == "https://example.org/events/google-experts-to-apple-zurich/"


def test_a_rumour_keeps_its_status(good_site: BuildResult) -> None:
    rumour = by_slug(read_json(good_site, "data/events.json")["events"])["kaiser-to-meta-rumored"]
    assert (rumour["status"], rumour["from"], rumour["to"]) == ("rumored", "openai", "meta")
    assert rumour["date"]["precision"] == "day"


def test_a_person_lists_their_events_and_current_labs(good_site: BuildResult) -> None:
    kaiser = by_slug(read_json(good_site, "data/people.json")["people"])["lukasz-kaiser"]
    assert kaiser["name"] == "Łukasz Kaiser"
    assert kaiser["events"] == ["kaiser-deepmind-to-openai", "kaiser-to-meta-rumored"]
    assert kaiser["current_labs"] == ["openai"]  # the rumour is shown, never believed
    assert kaiser["url"] == "https://example.org/people/lukasz-kaiser/"


def test_a_lab_lists_its_people_and_its_own_website_apart_from_its_page(good_site: BuildResult) -> None:
    assert good_site.model is not None
    labs = by_slug(read_json(good_site, "data/labs.json")["labs"])
    openai = labs["openai"]
    assert openai["url"] == "https://example.org/labs/openai/"
    assert openai["website"] == good_site.model.labs["openai"].url
    assert openai["current_people"] == list(good_site.model.flows["openai"].current)
    assert labs["google-deepmind"]["parent"] == "google"


def test_the_csv_has_the_same_rows_as_the_json(good_site: BuildResult) -> None:
    assert good_site.output is not None
    rows = list(csv.DictReader(io.StringIO((good_site.output / "data/events.csv").read_text(encoding="utf-8"))))
    events = read_json(good_site, "data/events.json")["events"]
    assert [r["slug"] for r in rows] == [e["slug"] for e in events]
    zurich = next(r for r in rows if r["slug"] == "google-experts-to-apple-zurich")
    assert (zurich["date"], zurich["date_iso"], zurich["date_precision"], zurich["date_before"]) == \
        ("2024", "2024", "year", "false")
    assert (zurich["count"], zurich["people"], zurich["status"]) == ("3", "", "reported")
    zoph = next(r for r in rows if r["slug"] == "zoph-metz-return-to-openai")
    assert zoph["people"] == "barret-zoph luke-metz"


def test_the_json_feed_has_what_json_feed_1_1_requires_and_matches_the_atom_feed(good_site: BuildResult) -> None:
    assert good_site.output is not None
    feed = read_json(good_site, "feed.json")
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Good Site: all moves"
    assert feed["feed_url"] == "https://example.org/feed.json"
    assert all(item["id"] and (item.get("content_text") or item.get("content_html")) for item in feed["items"])
    atom = feedparser.parse((good_site.output / "feed.xml").read_bytes())
    assert [i["id"] for i in feed["items"]] == [e.id for e in atom.entries]
    assert feed["items"][0]["tags"] == ["move", "rumored"]


def test_every_page_links_the_json_feed_beside_the_atom_feed(good_site: BuildResult) -> None:
    assert good_site.output is not None
    html = (good_site.output / "people/lukasz-kaiser/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/feed+json" title="Good Site: all moves" href="/feed.json">' in html


def test_data_files_stay_out_of_the_sitemap(good_site: BuildResult) -> None:
    assert good_site.output is not None
    sitemap = (good_site.output / "sitemap.xml").read_text(encoding="utf-8")
    # (The page that lists them, /data/, is a page of the site: issue 18.)
    assert "/data/</loc>" in sitemap and not re.search(r"/data/[^<]", sitemap) and "feed.json" not in sitemap


def test_two_builds_write_the_same_data_bytes_and_a_warm_one_keeps_them(tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "good-site", site, ignore=shutil.ignore_patterns(".cache", "public"))
    files = ("data/events.json", "data/people.json", "data/labs.json", "data/events.csv", "feed.json")
    first = build(site, tmp_path / "a", with_search=False, jobs=1, use_cache=False)
    second = build(site, tmp_path / "b", with_search=False, jobs=1, use_cache=False)
    assert first.ok and second.ok
    assert [(tmp_path / "a" / f).read_bytes() for f in files] == [(tmp_path / "b" / f).read_bytes() for f in files]
    warm = build(site, tmp_path / "a", with_search=False, jobs=1)
    assert warm.ok and warm.stats is not None
    warm = build(site, tmp_path / "a", with_search=False, jobs=1)  # the first warm build wrote the manifest
    assert warm.stats is not None and warm.stats.removed == 0 and warm.rendered == 0
    assert all((tmp_path / "a" / f).is_file() for f in files)
