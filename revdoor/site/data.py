"""Open data: the model as versioned JSON and CSV files, and the site feed as JSON Feed 1.1.

The format is a contract with whoever reuses the data (docs/data.md): every file carries `version`, which
changes only when a field changes meaning or disappears (a new field does not bump it). Dates keep the
editor's precision: the text as written, its ISO form at that precision, and the precision itself, never
a day invented to fill a month.

These are data, not HTML: they are serialised here with `json` and `csv` (sorted keys, fixed order, no
clock), and each becomes a Page that carries its finished bytes (`Page.body`, written as they are). So the
builder, fingerprints, the manifest and stale-file removal treat them as any other page.

Speed (profiled on the L corpus, 50,000 events): `json.dumps(..., indent=2)` of whole documents took 4.3 s
on every build and on every preview rebuild, because indenting forces the pure-Python encoder. Records
are serialised one per line with the C encoder, each line made once (an edited event makes one new line,
not fifty thousand), as UTF-8 bytes, and the files are joined from their lines.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..common.dates import FuzzyDate
from ..modelling.model import Event, Model
from .feeds import FEED_ENTRIES
from .pages import Page
from .views import Views

VERSION = 1
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
CSV_COLUMNS = ("slug", "url", "type", "status", "date", "date_iso", "date_precision", "date_before", "people",
               "unnamed", "count", "from", "to", "role", "from_role", "sources", "anonymous")


FILES = ("events.json", "people.json", "labs.json", "events.csv")
FORMATS = {"json": ("JSON", "application/json"), "csv": ("CSV", "text/csv")}


@dataclass(frozen=True)
class Download:
    """One open-data file as /data/ lists it: `name` says what it holds (the template words it)."""

    name: str
    url: str
    format: str
    media_type: str
    kilobytes: int  # rounded up: a file of a few bytes is "1 kB", not "0 kB"


def downloads_page(model: Model, views: Views) -> Page:
    """/data/ (and /fr/data/): the open-data downloads, with their format, size and licence, linked from every
    page's footer. The sizes are those of the files this build writes (made once: `views.memo`)."""
    files = [(file, file_page(model, views, file).body or b"") for file in FILES]
    files.append(("feed.json", json_feed_page(model, views).body or b""))
    downloads = []
    for file, body in files:
        kind, media_type = FORMATS[file.rsplit(".", 1)[1]]
        url = views.urls.feed_json() if file == "feed.json" else views.urls.data(file)
        downloads.append(Download(file, url, "JSON Feed 1.1" if file == "feed.json" else kind, media_type,
                                  -(-len(body) // 1000)))
    config = model.config
    return Page(views.urls.data_page(), "data.html", views.gettext("Open data"),
                views.gettext("The tracker's data to download and reuse: every move, person and lab, as JSON and CSV."),
                views.lang, {"downloads": downloads, "license": config.data_license,
                             "license_url": config.data_license_url, "docs": config.data_docs_url})


def pages(model: Model, views: Views) -> Iterator[Page]:
    """The open-data files as pages, none of them in the sitemap; the JSON Feed is `json_feed_page`."""
    for file in FILES:
        yield file_page(model, views, file)


def file_page(model: Model, views: Views, file: str) -> Page:
    """One open-data file, made once per build (`views.memo`): /data/ (in each language) reads its size."""
    return _page(model, views.urls.data(file), views.memo(("data-file", file), _file_body, views, file))


def _file_body(views: Views, file: str) -> bytes:
    """Each record's line is made once (`views.memo`): an edited event makes one line again under the preview
    server, which keeps the others, and the file is joined from its lines."""
    model, memo = views.model, views.memo
    site = _site(model)
    if file == "events.json":
        return _document("events", [memo(("data", file, s), _event_line, views, s)
                                    for s in model.events_by_date[::-1]], site)
    if file == "events.csv":
        return b"".join((_csv_line(CSV_COLUMNS), *(memo(("data", file, s), _event_row, views, s)
                                                   for s in model.events_by_date[::-1])))
    if file == "people.json":
        return _document("people", [memo(("data", file, s), _person_line, views, s)
                                    for s in sorted(views.shown_people)], site)
    assert file == "labs.json", file
    return _document("labs", [memo(("data", file, s), _lab_line, views, s) for s in sorted(model.labs)], site)


def json_feed_page(model: Model, views: Views) -> Page:
    """/feed.json, in each of the site's languages (the open data above exists once, in no language)."""
    return _page(model, views.urls.feed_json(), _json(json_feed(model, views)).encode(), views.lang)


def _event_line(views: Views, slug: str) -> bytes:
    return _line(event_record(views.model, views, views.model.events[slug]))


def _event_row(views: Views, slug: str) -> bytes:
    return _csv_line(csv_row(event_record(views.model, views, views.model.events[slug])))


def _person_line(views: Views, slug: str) -> bytes:
    return _line(person_record(views.model, views, slug))


def _lab_line(views: Views, slug: str) -> bytes:
    return _line(lab_record(views.model, views, slug))


def _line(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, sort_keys=True).encode()


def _document(key: str, lines: list[bytes], site: tuple[str, str]) -> bytes:
    """{"<key>": [one record per line], "site": ..., "version": ...}: keys sorted, as json.dumps would."""
    rest = json.dumps({"site": {"title": site[0], "url": site[1]}, "version": VERSION}, ensure_ascii=False,
                      sort_keys=True)
    end = f"{rest[1:]}\n".encode()
    if not lines:
        return f'{{"{key}": [], '.encode() + end
    return b"".join((f'{{"{key}": [\n'.encode(), b",\n".join(lines), b"\n], ", end))


def _csv_line(row: Iterable[object]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    return buffer.getvalue().encode()


def _page(model: Model, url: str, body: bytes, lang: str | None = None) -> Page:
    # Made whole here: the fingerprint hashes the finished bytes (`Page.body`), which are all the file shows.
    return Page(url, "", "", "", lang or model.config.language, in_sitemap=False, body=body)


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def date_record(date: FuzzyDate) -> dict[str, Any]:
    """A date as editors wrote it, at its own precision: {"text": "before 2024-10", "iso": "2024-10", ...}."""
    return {"text": date.text, "iso": date.iso, "precision": date.precision, "before": date.before}


def _site(model: Model) -> tuple[str, str]:
    return model.config.title, model.config.base_url


def _shown(model: Model, slugs: tuple[str, ...]) -> list[str]:
    """The slugs of people who are not hidden (docs/policy.md): a hidden person's slug is never published."""
    return [p for p in slugs if not model.people[p].hidden]


def event_record(model: Model, views: Views, event: Event) -> dict[str, Any]:
    people = _shown(model, event.people)
    return {
        "slug": event.slug, "url": model.config.origin + views.urls.event(event.slug), "type": event.type,
        "status": event.status, "date": date_record(event.date), "people": people,
        "anonymous": len(event.people) - len(people),
        "unnamed": event.unnamed, "count": event.count, "from": event.from_lab, "to": event.to_lab,
        "role": event.role, "from_role": event.from_role,
        "sources": [{"article": s.article} if s.article else {"url": s.url} for s in event.sources],
    }


def person_record(model: Model, views: Views, slug: str) -> dict[str, Any]:
    person, timeline = model.people[slug], model.timelines.get(slug)
    return {
        "slug": slug, "name": person.name, "aliases": list(person.aliases),
        "url": model.config.origin + views.urls.person(slug),
        "links": [{"label": label, "url": url} for label, url in person.links],
        "current_labs": list(timeline.current) if timeline else [],
        "events": list(timeline.events) if timeline else [],
        "redirect_from": list(person.redirect_from),
    }


def lab_record(model: Model, views: Views, slug: str) -> dict[str, Any]:
    lab, flows = model.labs[slug], model.flows.get(slug)
    return {
        "slug": slug, "name": lab.name, "aliases": list(lab.aliases), "kind": lab.kind, "parent": lab.parent,
        "website": lab.url, "url": model.config.origin + views.urls.lab(slug),
        "current_people": _shown(model, flows.current) if flows else [],
        "alumni": _shown(model, flows.alumni) if flows else [],
        "arrived": flows.arrived if flows else 0, "departed": flows.departed if flows else 0,
        "redirect_from": list(lab.redirect_from),
    }


def csv_row(record: dict[str, Any]) -> list[object]:
    """An events.json record flattened for events.csv: lists joined by spaces (slugs and URLs hold none)."""
    date = record["date"]
    return [
        record["slug"], record["url"], record["type"], record["status"], date["text"], date["iso"],
        date["precision"], "true" if date["before"] else "false", " ".join(record["people"]),
        record["unnamed"] or "", record["count"] or "", record["from"] or "", record["to"] or "",
        record["role"] or "", record["from_role"] or "",
        " ".join(s.get("article") or s["url"] for s in record["sources"]), record["anonymous"],
    ]


def json_feed(model: Model, views: Views) -> dict[str, Any]:
    """The site's Atom feed (feeds.site_feed) again, as JSON Feed 1.1: the same newest moves, same ids."""
    origin = model.config.origin
    items = []
    for v in views.events(views.newest(0, FEED_ENTRIES)):
        e = v.event
        items.append({
            "id": origin + v.url, "url": origin + v.url, "title": v.title,
            "content_text": v.summary,
            "date_published": e.date.timestamp, "tags": [e.type, e.status],
        })
    title = views.gettext("%(site)s: all moves", site=model.config.title)  # as the Atom feed's
    return {"version": JSON_FEED_VERSION, "title": title,
            "home_page_url": origin + views.urls.feed(), "feed_url": origin + views.urls.feed_json(),
            "description": views.site_text("description").text, "language": views.lang,
            "authors": [{"name": model.config.title}], "items": items}
