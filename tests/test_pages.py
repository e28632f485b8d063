"""What every page carries (metadata, landmarks, headings, dates), and what each kind of page shows."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import xml.etree.ElementTree as ET

import pytest
from sitecheck import SITES, Site, built, by_id, find, find_all, meta, parse, text

from revdoor.common.names import fold
from revdoor.language.catalogues import translations

DATETIME_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_TEXT_RE = re.compile(rf"\b(?:\d{{1,2}} )?(?:{MONTHS}) \d{{4}}\b")
FOCUSABLE = ("a", "button", "input", "select", "textarea", "summary")


@pytest.fixture(params=SITES)
def site(request: pytest.FixtureRequest) -> Site:
    return built(request, request.param)


@pytest.fixture
def good(request: pytest.FixtureRequest) -> Site:
    return built(request, "good-site")


def main_of(root: ET.Element) -> ET.Element:
    found = list(root.iter("main"))
    assert len(found) == 1
    return found[0]


def has_class(el: ET.Element, name: str) -> bool:
    return name in (el.get("class") or "").split()


def section(root: ET.Element, ident: str) -> ET.Element:
    found = find(root, "section", **{"aria-labelledby": ident})
    assert found is not None, f"no section labelled by #{ident}"
    assert by_id(root, ident) is not None
    return found


def hrefs(el: ET.Element | None) -> list[str]:
    return [a.get("href", "") for a in el.iter("a")] if el is not None else []


def fact(root: ET.Element, label: str) -> ET.Element:
    """The <dd> of an event page's fact labelled `label`."""
    for div in find_all(root, "div"):
        dt_el, dd_el = div.find("dt"), div.find("dd")
        if dt_el is not None and dd_el is not None and text(dt_el) == label:
            return dd_el
    raise AssertionError(f"no fact {label!r}")


# --- every page ---------------------------------------------------------------------------------------------


def test_every_page_has_title_description_canonical_and_opengraph(site: Site) -> None:
    origin = site.base_url[: -len(site.base_path)]
    for path in site.html_files():
        root, url = parse(path), site.url_of(path)
        canonical = origin + site.canonical(url)  # an article's frame in another language names its own
        title = find(root, "title")
        assert title is not None and site.model.config.title in text(title), url
        assert meta(root, "description"), f"{url}: no meta description"
        robots = [el.get("content") for el in find_all(root, "meta", name="robots")]
        if url.endswith("404.html"):  # issue 18: not a page of the site, for search engines
            assert not find_all(root, "link", rel="canonical") and robots == ["noindex"], url
        else:
            assert [el.get("href") for el in find_all(root, "link", rel="canonical")] == [canonical], url
            assert robots == [], url
        assert meta(root, "og:url") == canonical, url
        for key in ("og:title", "og:description", "og:type", "og:site_name"):
            assert meta(root, key), f"{url}: no {key}"
        # Every page has a social card: its own (a person, a lab, an article) or the site's, both in the output.
        image = meta(root, "og:image") or ""
        assert image.startswith(origin) and image.endswith("/card.png"), url
        assert (site.out / image[len(site.base_url):]).is_file() if image.startswith(site.base_url) else False, url
        assert meta(root, "twitter:card") == "summary_large_image", url
        parts = url[len(site.base_path):].strip("/").split("/")
        if len(parts) == 2 and parts[0] in ("people", "labs", "articles"):
            assert image == origin + url + "card.png", url


def test_every_json_ld_block_parses_and_names_its_type(site: Site) -> None:
    expected = {"people": "Person", "labs": "Organization", "articles": "NewsArticle"}
    for path in site.html_files():
        url, root = site.url_of(path), parse(path)
        blocks = [json.loads(el.text or "") for el in find_all(root, "script", type="application/ld+json")]
        parts = url[len(site.base_path):].strip("/").split("/")
        if len(parts) == 2 and parts[0] in expected:
            assert [b["@type"] for b in blocks] == [expected[parts[0]]], url
            assert blocks[0]["@context"] == "https://schema.org"
        if url == site.base_path:
            assert [b["@type"] for b in blocks] == ["WebSite"]


def test_html_lang_is_the_articles_language_and_the_sites_elsewhere(site: Site) -> None:
    for path in site.html_files():
        url, lang = site.url_of(path), parse(path).get("lang")
        parts = url[len(site.base_path):].strip("/").split("/")
        if parts[0] == "articles" and len(parts) == 2:
            assert lang == site.model.articles[parts[1]].lang, url
        else:
            assert lang == site.ui_language(url), url  # the default language, or /fr/'s French


def test_every_time_element_carries_a_valid_machine_datetime(site: Site) -> None:
    for path in site.html_files():
        for el in parse(path).iter("time"):
            value = el.get("datetime") or ""
            match = DATETIME_RE.match(value)
            assert match, f"{site.url_of(path)}: <time datetime={value!r}>"
            y, m, d = (int(g) if g else 1 for g in match.groups())
            dt.date(y, m, d)  # raises on 2025-02-30


def _dates_outside_time(el: ET.Element) -> list[str]:
    if el.tag == "time" or has_class(el, "prose") or has_class(el, "lede"):
        return []  # prose is the press's text; the lede is an editor's summary
    found = DATE_TEXT_RE.findall(el.text or "")
    for child in el:
        found += _dates_outside_time(child)
        found += DATE_TEXT_RE.findall(child.tail or "")
    return found


def test_every_date_shown_is_in_a_time_element(site: Site) -> None:
    for path in site.html_files():
        stray = _dates_outside_time(main_of(parse(path)))
        assert not stray, f"{site.url_of(path)}: dates outside <time>: {stray}"


def test_every_page_has_banner_navigation_main_and_footer_landmarks(site: Site) -> None:
    for path in site.html_files():
        root, url = parse(path), site.url_of(path)
        body = root.find("body")
        assert body is not None
        top = [child.tag for child in body]
        assert "header" in top and "main" in top and "footer" in top, f"{url}: {top}"
        assert top.index("header") < top.index("main") < top.index("footer"), url
        navs = list(root.iter("nav"))
        assert navs and all(n.get("aria-label") for n in navs), f"{url}: every nav needs a name"
        assert main_of(root).get("id") == "main"


def test_every_page_has_one_h1_and_never_skips_a_heading_level(site: Site) -> None:
    for path in site.html_files():
        url = site.url_of(path)
        levels = [int(el.tag[1]) for el in parse(path).iter() if isinstance(el.tag, str)
                  and re.fullmatch(r"h[1-6]", el.tag)]
        assert levels[:1] == [1] and levels.count(1) == 1, f"{url}: headings {levels}"
        skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert not skips, f"{url}: heading levels {levels} skip {skips}"


def test_the_first_focusable_element_of_every_page_is_a_skip_link_to_main(site: Site) -> None:
    for path in site.html_files():
        root = parse(path)
        body = root.find("body")
        assert body is not None
        first = next(el for el in body.iter() if el.tag in FOCUSABLE and el.get("tabindex") != "-1"
                     and (el.tag != "a" or el.get("href")))
        assert first.tag == "a" and first.get("href") == "#main", site.url_of(path)
        skip = translations(site.ui_language(site.url_of(path))).gettext("Skip to content")
        assert has_class(first, "skip-link") and text(first) == skip


def test_mentions_in_article_text_link_each_profile_once(site: Site) -> None:
    for slug in site.model.articles:
        prose = find(parse(site.page(f"{site.base_path}articles/{slug}/")), "div", class_="prose")
        if prose is None:
            continue
        linked = [a.get("href") for a in prose.iter("a") if has_class(a, "mention")]
        assert len(linked) == len(set(linked)), f"{slug}: an entity linked twice: {linked}"


# --- the kinds of page, on the fixture site ----------------------------------------------------------------


def test_person_page_shows_current_lab_career_moves_articles_and_feed(good: Site) -> None:
    root = parse(good.page("/people/barret-zoph/"))
    current = find(root, "p", class_="current")
    assert hrefs(current) == ["/labs/openai/"]
    timeline = find(section(root, "career"), "ol", class_="timeline")
    assert timeline is not None
    stints = list(timeline.iter("li"))
    assert [hrefs(li)[0] for li in stints] == ["/labs/openai/", "/labs/thinking-machines-lab/", "/labs/openai/"]
    assert "return" in text(stints[-1]) and has_class(stints[-1], "current")
    assert "return" not in text(stints[0])
    assert "/events/zoph-metz-return-to-openai/" in hrefs(section(root, "moves"))
    assert hrefs(section(root, "press"))[0] == "/articles/zoph-retour-openai/"
    assert "/people/barret-zoph/feed.xml" in hrefs(root)
    assert [el.get("href") for el in find_all(root, "link", rel="alternate")][-1] == "/people/barret-zoph/feed.xml"
    assert "Also written: Brett Zoph" in text(root)


def test_rumored_and_denied_moves_never_change_where_a_person_is(good: Site) -> None:
    for slug in ("lukasz-kaiser", "sebastien-bubeck"):  # rumoured, and denied, to be going to Meta
        root = parse(good.page(f"/people/{slug}/"))
        assert hrefs(find(root, "p", class_="current")) == ["/labs/openai/"], slug
        timeline = find(root, "ol", class_="timeline")
        assert "/labs/meta/" not in hrefs(timeline), slug
    kaiser = parse(good.page("/people/lukasz-kaiser/"))
    assert "rumoured" in text(section(kaiser, "moves"))
    meta_lab = parse(good.page("/labs/meta/"))
    assert "/people/lukasz-kaiser/" not in hrefs(section(meta_lab, "roster"))
    assert {"/events/kaiser-to-meta-rumored/", "/events/bubeck-to-meta-denied/"} <= set(
        hrefs(section(meta_lab, "rumours")))
    people = parse(good.page("/people/"))
    row = next(tr for tr in people.iter("tr") if "/people/lukasz-kaiser/" in hrefs(tr))
    assert hrefs(row)[1:] == ["/labs/openai/"]


def test_a_role_change_keeps_the_person_at_the_lab_with_the_new_title(good: Site) -> None:
    root = parse(good.page("/people/soumith-chintala/"))
    assert hrefs(find(root, "p", class_="current")) == ["/labs/thinking-machines-lab/"]
    assert "Chief technology officer" in text(find(root, "ol", class_="timeline"))


def test_lab_page_shows_roster_alumni_arrivals_departures_flows_and_articles(good: Site) -> None:
    root = parse(good.page("/labs/thinking-machines-lab/"))
    assert set(hrefs(section(root, "roster"))) == {"/people/mira-murati/", "/people/soumith-chintala/"}
    assert set(hrefs(section(root, "alumni"))) == {"/people/barret-zoph/", "/people/luke-metz/"}
    assert "/events/zoph-metz-leave-openai/" in hrefs(section(root, "arrivals"))
    assert "/events/zoph-metz-return-to-openai/" in hrefs(section(root, "departures"))
    flows = section(root, "flows")
    assert "/labs/openai/" in hrefs(flows)
    assert "/events/two-thinking-machines-employees/" in hrefs(section(root, "rumours"))
    assert "/articles/zoph-retour-openai/" in hrefs(section(root, "press"))
    assert "/labs/thinking-machines-lab/feed.xml" in hrefs(root)


def test_a_lab_links_its_parent_and_the_parent_its_children(good: Site) -> None:
    deepmind = parse(good.page("/labs/google-deepmind/"))
    assert "/labs/google/" in hrefs(main_of(deepmind))
    assert "/labs/google-deepmind/" in hrefs(main_of(parse(good.page("/labs/google/"))))
    jsonld = json.loads(find(deepmind, "script", type="application/ld+json").text or "")
    assert jsonld["parentOrganization"]["name"] == "Google"


def test_article_page_links_its_source_and_each_mention_at_its_first_occurrence(good: Site) -> None:
    root = parse(good.page("/articles/zoph-retour-openai/"))
    assert root.get("lang") == "fr"
    source = "https://www.lemonde.fr/pixels/article/2026/01/15/zoph-metz.html"
    assert any(a.get("href") == source and text(a) == "Le Monde" for a in root.iter("a"))
    prose = find(root, "div", class_="prose")
    assert prose is not None
    mentions = [(a.get("href"), text(a)) for a in prose.iter("a")]
    assert mentions == [
        ("/people/barret-zoph/", "Brett Zoph"), ("/people/luke-metz/", "Luke Metz"),
        ("/labs/thinking-machines-lab/", "Thinking Machines"), ("/labs/openai/", "OpenAI"),
        ("/people/soumith-chintala/", "Soumith Chintala"), ("/people/mira-murati/", "Mira Murati"),
        ("/people/sebastien-bubeck/", "Sébastien Bubeck"), ("/labs/microsoft/", "Microsoft"),
        ("/labs/google-deepmind/", "Google DeepMind"), ("/people/ilya-sutskever/", "Ilya Sutskever"),
        ("/labs/safe-superintelligence/", "Superintelligence sûre")]
    footer = find(root, "footer", class_="article-footer")
    assert footer is not None and footer.get("lang") == "en", "the site's own words stay English"
    assert {"/people/barret-zoph/", "/labs/openai/", "/labs/google-deepmind/"} <= set(hrefs(footer))
    jsonld = json.loads(find(root, "script", type="application/ld+json").text or "")
    assert jsonld["inLanguage"] == "fr" and jsonld["datePublished"] == "2026-01-15"


def test_english_article_links_accented_names_and_aliases_once(good: Site) -> None:
    root = parse(good.page("/articles/bubeck-joins-openai/"))
    assert root.get("lang") == "en"
    prose = find(root, "div", class_="prose")
    mentions = [(a.get("href"), text(a)) for a in prose.iter("a")] if prose is not None else []
    assert mentions == [
        ("/people/sebastien-bubeck/", "Sébastien Bubeck"), ("/labs/microsoft/", "Microsoft"),
        ("/labs/princeton-university/", "Princeton"), ("/labs/openai/", "OpenAI"),
        ("/people/lukasz-kaiser/", "Łukasz Kaiser"), ("/labs/google-deepmind/", "DeepMind")]


def test_event_page_shows_who_from_to_when_with_precision_status_and_sources(good: Site) -> None:
    root = parse(good.page("/events/zoph-metz-leave-openai/"))
    assert hrefs(fact(root, "Who")) == ["/people/barret-zoph/", "/people/luke-metz/"]
    assert hrefs(fact(root, "From")) == ["/labs/openai/"]
    assert hrefs(fact(root, "To")) == ["/labs/thinking-machines-lab/"]
    when = fact(root, "When")
    time = when.find("time")
    assert time is not None and time.get("datetime") == "2025-02-18" and text(time) == "before 18 February 2025"
    assert "known to the day; it had happened by then" in text(when)
    assert text(fact(root, "Status")) == "reported stated as fact by the press, not announced"
    assert hrefs(section(root, "sources")) == ["/articles/zoph-retour-openai/"]


@pytest.mark.parametrize(("slug", "datetime", "label", "precision"), [
    ("bubeck-princeton-to-microsoft", "2014", "2014", "known to the year"),
    ("murati-founds-thinking-machines", "2025-02", "February 2025", "known to the month"),
    ("murati-leaves-openai", "2024-09-25", "25 September 2024", "known to the day"),
])
def test_event_page_keeps_the_dates_precision(good: Site, slug: str, datetime: str, label: str,
                                              precision: str) -> None:
    when = fact(parse(good.page(f"/events/{slug}/")), "When")
    time = when.find("time")
    assert time is not None and (time.get("datetime"), text(time)) == (datetime, label)
    assert precision in text(when)


def test_unnamed_and_rumored_event_pages_say_so(good: Site) -> None:
    root = parse(good.page("/events/two-thinking-machines-employees/"))
    # The group's own words say how many: the count is not said again (issue 18).
    assert text(fact(root, "Who")) == "two Thinking Machines Lab employees"
    assert text(fact(root, "Status")) == "rumoured said by the press to be possible or coming; not counted as a move"
    denied = parse(good.page("/events/bubeck-to-meta-denied/"))
    assert text(fact(denied, "Status")).startswith("denied")
    assert hrefs(section(denied, "sources")) == ["https://example.com/rumour-bubeck-meta"]


def test_people_and_labs_indexes_are_sortable_by_name_and_latest_move(good: Site) -> None:
    for url, count in (("/people/", len(good.model.people)), ("/labs/", len(good.model.labs))):
        root = parse(good.page(url))
        table = find(root, "table")
        assert table is not None and table.get("data-sortable") is not None, url
        headings = {text(th): th.get("data-sort") for th in table.iter("th")}
        assert headings["Name"] == "text" and headings["Latest move"] == "date", url
        assert find(table, "th", **{"aria-sort": "ascending"}) is not None
        columns = list(headings)
        rows = [tr for tr in table.iter("tr") if tr.find("td") is not None]
        assert len(rows) == count, url
        for column in ("Name", "Latest move"):
            values = [tr.findall("td")[columns.index(column)].get("data-value") for tr in rows]
            assert all(v is not None for v in values), f"{url}: {column} cells need data-value"
        names = [tr.findall("td")[0].get("data-value") or "" for tr in rows]
        assert names == sorted(names, key=fold), f"{url}: rows start sorted by name, accents aside"


def test_feed_pages_link_to_each_other(good: Site) -> None:
    first, last = parse(good.page("/feed/")), parse(good.page("/feed/page/4/"))
    assert [el.get("href") for el in find_all(first, "link", rel="next")] == ["/feed/page/2/"]
    assert not find_all(first, "link", rel="prev")
    assert [el.get("href") for el in find_all(last, "link", rel="prev")] == ["/feed/page/3/"]
    assert not find_all(last, "link", rel="next")
    pagination = find(first, "nav", class_="pagination")
    assert pagination is not None and "/feed/page/4/" in hrefs(pagination)
    current = find(pagination, "a", **{"aria-current": "page"})
    assert current is not None and text(current) == "1"
    assert len(find_all(main_of(first), "li", class_="event status-line-confirmed")) <= 4


def test_home_page_shows_latest_moves_flows_and_entry_points(good: Site) -> None:
    root = parse(good.page("/"))
    latest = section(root, "latest")
    assert hrefs(latest)[:3] == ["/people/lukasz-kaiser/", "/labs/openai/", "/labs/meta/"]
    assert "/labs/thinking-machines-lab/" in hrefs(section(root, "flows"))
    assert {"/feed/", "/people/", "/labs/"} <= set(hrefs(main_of(root)))


def test_search_and_404_pages_exist_with_links_back(good: Site) -> None:
    not_found = parse(good.page("/404.html"))
    assert text(find(not_found, "h1")) == "Page not found"
    assert {"/people/", "/labs/", "/search/"} <= set(hrefs(main_of(not_found)))
    assert find(parse(good.page("/search/")), "input", type="search") is not None


def test_a_founding_after_leaving_a_lab_names_both_labs(good: Site) -> None:
    root = parse(good.page("/events/sutskever-founds-ssi/"))
    assert text(find(root, "h1")) == "Ilya Sutskever leaves OpenAI to found Safe Superintelligence"
    assert hrefs(fact(root, "From")) == ["/labs/openai/"]
    assert hrefs(fact(root, "To")) == ["/labs/safe-superintelligence/"]
    person = parse(good.page("/people/ilya-sutskever/"))
    assert hrefs(find(person, "p", class_="current")) == ["/labs/safe-superintelligence/"]


def test_ids_are_unique_and_every_id_reference_points_at_one(site: Site) -> None:
    for path in site.html_files():
        root, url = parse(path), site.url_of(path)
        ids = [el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")]
        assert len(ids) == len(set(ids)), f"{url}: duplicate ids {sorted({i for i in ids if ids.count(i) > 1})}"
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("for", "aria-labelledby", "aria-describedby", "aria-controls"):
                for ref in (el.get(attr) or "").split():
                    assert ref in ids, f"{url}: <{el.tag} {attr}={ref!r}> names no element"


def test_every_link_and_button_has_a_name_and_every_image_alt_text(site: Site) -> None:
    for path in site.html_files():
        url = site.url_of(path)
        for el in parse(path).iter():
            if el.tag == "img":
                assert el.get("alt") is not None, f"{url}: <img src={el.get('src')!r}> has no alt"
            elif el.tag in ("a", "button") and (el.tag == "button" or el.get("href")):
                name = text(el) or el.get("aria-label") or " ".join(i.get("alt") or "" for i in el.iter("img"))
                assert name.strip(), f"{url}: <{el.tag} href={el.get('href')!r}> has no accessible name"


def _time_langs(el: ET.Element, lang: str | None) -> list[tuple[str | None, str]]:
    lang = el.get("lang", lang)
    found = [(lang, text(el))] if el.tag == "time" else []
    return found + [pair for child in el for pair in _time_langs(child, lang)]


def test_dates_written_in_the_sites_language_are_marked_with_it_on_french_pages(site: Site) -> None:
    """Date labels are the interface's words ("15 January 2026"): on an article in another language they
    are marked with the interface's, or a reader's voice would mispronounce them."""
    for slug in site.model.articles:
        url = f"{site.base_path}articles/{slug}/"
        root = parse(site.page(url))
        wrong = [label for lang, label in _time_langs(root, None) if lang != site.ui_language(url)]
        assert not wrong, f"{slug}: dates inside another language: {wrong}"


def test_each_page_is_under_the_navigation_entry_that_marks_it_current() -> None:
    from revdoor.common.urls import Urls

    urls = Urls.for_language("/", "fr", "en")
    assert [urls.section(u) for u in ("/fr/", "/fr/people/barret-zoph/", "/fr/labs/", "/fr/feed/page/2/",
                                      "/fr/flows/", "/fr/articles/x/", "/fr/events/x/", "/fr/search/")] == [
        None, "people", "labs", "feed", "flows", "articles", None, None]


def test_no_tag_is_glued_to_the_word_before_it(site: Site) -> None:
    """Search excerpts read a page's text without its tags: "OpenAI</a><span class=tag>return" made the
    word "OpenAIreturn". A tag ("return", a status) always has a space before it."""
    glued = [str(p.relative_to(site.out)) for p in site.out.rglob("*.html")
             if re.search(r'[^\s>]</(a|span)><span class="(tag|status)', p.read_text(encoding="utf-8"))]
    assert glued == []
