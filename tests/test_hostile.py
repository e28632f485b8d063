"""Hostile content builds into a harmless site, and nothing in content or settings writes outside the output.

tests/fixtures/hostile-site puts script into names, titles, aliases, labels, roles and bodies, `</script>` into
names shown in JSON-LD, javascript:/data:/vbscript: links, event handlers, style with url(), iframes, forms
and mXSS shapes. Every built page is parsed as a browser would (html5lib) and must hold no script but the
site's own, no on* attribute, no script URL, and nothing fetched from another host; Chromium visits every
page and must see no dialog and no request to another host.
"""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import build_into, copy_site
from deadlines import HANG_GUARD_MS
from sitecheck import Site, parse, references

from revdoor.content.config import validate_config
from revdoor.content.load import parse_doc
from revdoor.output.builder import BuildResult, build
from revdoor.output.write import UnsafePathError, safe_join
from revdoor.preview.serve import serve_in_thread
from revdoor.tools.cli import main

SITE_SCRIPTS = {"/static/site.js", "/static/search.js"}
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
# What a browser fetches on its own: a body must never make it load anything from another host.
FETCHED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
           "embed": "src", "object": "data", "input": "src", "image": "href", "use": "href"}
ACTIVE = {"iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta", "link", "style", "math", "svg"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    source = copy_site("hostile-site", tmp_path_factory.mktemp("hostile") / "site")
    return build_into(source, source.parent / "public", jobs=1)


@pytest.fixture(scope="module")
def site(hostile: BuildResult) -> Site:
    return Site.of("hostile-site", hostile, has_search_index=True)


def prose_elements(root: ET.Element) -> Iterator[ET.Element]:
    """Every element inside rendered Markdown (the site's own templates may draw an <svg>; a body may not)."""
    for el in root.iter("div"):
        if "prose" in (el.get("class") or "").split():
            yield from el.iter()


def test_the_hostile_fixture_builds_without_problems(hostile: BuildResult) -> None:
    assert hostile.problems == []
    assert hostile.pages > 20


def test_no_page_has_a_script_but_the_sites_own(site: Site) -> None:
    found = []
    for path in site.html_files():
        for el in parse(path).iter("script"):
            src, kind = el.get("src"), el.get("type")
            if src in SITE_SCRIPTS and not (el.text or "").strip():
                continue
            if src is None and kind == "application/ld+json":
                json.loads(el.text or "")  # `</script>` in a name did not end the element early
                continue
            found.append(f"{site.url_of(path)}: <script src={src!r} type={kind!r}>{(el.text or '')[:60]}")
    assert found == []


def test_no_element_has_an_event_handler_attribute(site: Site) -> None:
    found = [f"{site.url_of(path)}: <{el.tag} {name}=...>"
             for path in site.html_files() for el in parse(path).iter() if isinstance(el.tag, str)
             for name in el.attrib if name.lower().startswith("on")]
    assert found == []


def test_no_link_or_source_uses_a_script_or_data_scheme(site: Site) -> None:
    found = [f"{site.url_of(path)}: <{tag} {attr}={ref!r}>" for path in site.html_files()
             for tag, attr, ref in references(parse(path))
             if "".join(ref.split()).lower().startswith(SCRIPT_SCHEMES)]
    found += [f"{site.url_of(path)}: <{el.tag} formaction>" for path in site.html_files()
              for el in parse(path).iter() if isinstance(el.tag, str) and el.get("formaction") is not None]
    assert found == []


def test_bodies_keep_no_active_element_style_or_fetch_from_another_host(site: Site) -> None:
    found, proses = [], 0
    for path in site.html_files():
        for el in prose_elements(parse(path)):
            proses += el.get("class") == "prose"
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.rsplit("}", 1)[-1]
            if tag in ACTIVE:
                found.append(f"{site.url_of(path)}: <{tag}>")
            if "url(" in (el.get("style") or ""):
                found.append(f"{site.url_of(path)}: <{tag} style={el.get('style')!r}>")
            attr = FETCHED.get(tag)
            ref = el.get(attr) if attr else None
            if ref and (urlsplit(ref).netloc or urlsplit(ref).scheme):
                found.append(f"{site.url_of(path)}: <{tag} {attr}={ref!r}>")
    assert proses == 5  # two profiles, one lab, the article and the event note: every hostile body was seen
    assert found == []


def test_hostile_text_is_shown_as_text_not_dropped(site: Site) -> None:
    """Escaping, not deleting: the title an editor wrote is the title the reader sees, markup and all."""
    article = parse(site.page("/articles/script-headline/"))
    title = article.find("head/title")
    assert title is not None and "</title><script>alert('title')</script> Mallory joins Good Lab" in (title.text or "")
    h1 = article.find(".//h1")
    assert h1 is not None and "".join(h1.itertext()).strip() == (
        "</title><script>alert('title')</script> Mallory joins Good Lab")
    person = parse(site.page("/people/mallory-script/"))
    ld = json.loads(next(el.text for el in person.iter("script") if el.get("type") == "application/ld+json") or "")
    assert ld["name"] == "Mallory </script><script>alert('name')</script>"
    raw = site.page("/people/mallory-script/").read_text(encoding="utf-8")
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert('name')" in raw


def test_feeds_sitemap_and_data_stay_well_formed(site: Site) -> None:
    xml_files = [p for p in site.out.rglob("*.xml") if "pagefind" not in p.parts]
    assert xml_files
    for path in xml_files:
        ET.parse(path)  # autoescape covers .xml templates: a `<` in a title cannot break the feed
    for path in site.out.rglob("*.json"):
        if "pagefind" not in path.parts:
            json.loads(path.read_text(encoding="utf-8"))


def test_autoescape_is_on_for_html_and_xml_templates(hostile: BuildResult) -> None:
    from revdoor.common.urls import Urls
    from revdoor.output import render

    assert hostile.model is not None
    env = render.environment([render.PROJECT_TEMPLATES], hostile.model.config, Urls("/"))
    assert env.autoescape("base.html") and env.autoescape("atom.xml") and env.autoescape("sitemap.xml")
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


@pytest.mark.browser
def test_a_browser_visiting_every_page_sees_no_dialog_and_no_request_to_another_host(
        site: Site, page: Any) -> None:
    server = serve_in_thread(site.out)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    dialogs: list[str] = []
    foreign: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(origin) else None)
    page.set_default_timeout(HANG_GUARD_MS)  # a bound on waits, never a timing assertion
    try:
        for path in site.html_files():
            page.goto(origin + site.url_of(path), wait_until="load")
            page.mouse.move(200, 200)  # a surviving onmouseover would fire
            page.keyboard.press("Tab")
    finally:
        server.shutdown()
    assert dialogs == []
    assert foreign == []


# Confined writes: paths from content and settings never leave the output directory.


@pytest.mark.parametrize("rel", ["../x.html", "a/../../x.html", "/etc/passwd", "a\\..\\x", "", "a/\0b"])
def test_safe_join_refuses_paths_that_leave_the_output(tmp_path: Path, rel: str) -> None:
    with pytest.raises(UnsafePathError):
        safe_join(tmp_path, rel)


@pytest.mark.parametrize(("value", "message"), [
    ("../../x", "'../../x' is outside the site: use a directory inside it, such as 'public' "
                "(to build elsewhere, pass --output on the command line)"),
    ("/tmp/x", "'/tmp/x' is outside the site: use a directory inside it, such as 'public' "
               "(to build elsewhere, pass --output on the command line)"),
    ("public/../../x", "'public/../../x' is outside the site: use a directory inside it, such as 'public' "
                       "(to build elsewhere, pass --output on the command line)"),
    ("content", "'content' is among the site's own files, which a build would replace: use a directory of its "
                "own, such as 'public'"),
    (".cache/out", "'.cache/out' is among the site's own files, which a build would replace: use a directory of "
                   "its own, such as 'public'"),
])
def test_an_output_dir_outside_the_site_or_over_its_files_is_a_config_problem(value: str, message: str) -> None:
    config, problems = validate_config({"title": "t", "base_url": "https://x.example/", "output_dir": value},
                                       f'title = "t"\nbase_url = "https://x.example/"\noutput_dir = "{value}"\n')
    assert config is None
    assert [(p.path, p.line, p.field, p.message) for p in problems] == [("site.toml", 3, "output_dir", message)]


def test_output_dirs_inside_the_site_are_accepted() -> None:
    for value in ("public", "build/site", "_site"):
        config, problems = validate_config({"title": "t", "base_url": "https://x.example/", "output_dir": value})
        assert problems == [] and config is not None and config.output_dir == value


def test_an_explicit_output_outside_the_site_is_allowed(tmp_path: Path) -> None:
    source = copy_site("good-site", tmp_path / "site")
    out = tmp_path / "elsewhere" / "deep" / "out"
    assert main(["build", "--source", str(source), "--output", str(out), "--no-search", "--quiet"]) == 0
    assert (out / "index.html").is_file()


def test_a_symlink_to_a_file_outside_content_is_refused_by_name(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    source = copy_site("good-site", tmp_path / "site")
    secret = tmp_path / "secret.md"
    secret.write_text("---\nname: Secret\n---\nprivate\n")
    (source / "content" / "people" / "secret.md").symlink_to(secret)
    assert main(["check", "--source", str(source)]) == 1
    out = capsys.readouterr().out
    assert out == ("content/people/secret.md:1: symbolic link to a file outside content/ is refused\n"
                   "1 error, 0 warnings\n")


def test_a_symlinked_folder_outside_content_is_refused_by_name(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = copy_site("good-site", tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    shutil.move(source / "content" / "articles", elsewhere)
    (source / "content" / "articles").symlink_to(elsewhere, target_is_directory=True)
    result = build(source, tmp_path / "out", with_search=False)
    assert not result.ok
    errors = [p.text() for p in result.problems if p.is_error]
    assert errors[0] == "content/articles:1: symbolic link to a folder outside content/ is refused"
    assert not (tmp_path / "out").exists()


def test_a_symlink_inside_content_to_content_is_followed(tmp_path: Path) -> None:
    source = copy_site("good-site", tmp_path / "site")
    people = source / "content" / "people"
    (source / "content" / "people" / ".drafts").mkdir()  # hidden: not read as content itself
    os.rename(people / "mira-murati.md", people / ".drafts" / "mira.md")
    (people / "mira-murati.md").symlink_to(Path(".drafts") / "mira.md")
    result = build(source, tmp_path / "out", with_search=False)
    assert result.ok and result.problems == []
    assert (tmp_path / "out" / "people" / "mira-murati" / "index.html").is_file()


# Encodings and line endings (tests/test_load.py covers BOM + CRLF, a non-UTF-8 byte and a tab indent).


def test_mixed_line_endings_keep_every_line_number() -> None:
    doc, problems = parse_doc(b"---\r\nname: A\nlinks: {a: https://x.example/}\r\n---\nBody\r\nmore\n",
                              "content/people/a.md", "person", "a")
    assert problems == [] and doc is not None
    assert (doc.lines, doc.body, doc.body_line) == ({"name": 2, "links": 3}, "Body\nmore\n", 5)


def test_a_closing_line_after_a_lone_carriage_return_is_refused_on_the_line_git_shows() -> None:
    # Git shows "links: ...\r---\rBody" as one line, line 3: that is where the problem is, not line 1.
    _, problems = parse_doc(b"---\r\nname: A\nlinks: {a: https://x.example/}\r---\rBody\r\nmore\n",
                            "content/people/a.md", "person", "a")
    assert [p.text() for p in problems] == [
        "content/people/a.md:3: links: front matter holds a carriage return (U+000D) not followed by a line "
        "feed, which YAML reads as a line break (delete it or replace it with a space; such characters come "
        "with text pasted from web pages and word processors)"]


def test_a_tab_inside_a_value_is_text_not_indentation() -> None:
    doc, problems = parse_doc(b"---\nname: A\taligned\n---\n", "content/people/a.md", "person", "a")
    assert problems == [] and doc is not None and doc.front == {"name": "A\taligned"}


def test_a_tab_indented_list_item_is_reported_on_its_line() -> None:
    _, problems = parse_doc(b"---\nname: A\naliases:\n\t- B\n---\n", "content/people/a.md", "person", "a")
    assert [p.text() for p in problems] == ["content/people/a.md:4: a tab indents this line; YAML indents with "
                                            "spaces only"]


def test_a_utf16_file_is_refused_as_not_utf8() -> None:
    _, problems = parse_doc("---\nname: A\n---\n".encode("utf-16"), "content/people/a.md", "person", "a")
    assert [p.text() for p in problems] == ["content/people/a.md:1: file is not UTF-8 text (byte 0xff at offset 0) "
                                            "(save it as UTF-8)"]


def test_a_control_character_in_front_matter_is_one_line_naming_it() -> None:
    _, problems = parse_doc(b'---\nname: A\naliases: ["x\x01y"]\n---\n', "content/people/a.md", "person", "a")
    assert [p.text() for p in problems] == ["content/people/a.md:3: invalid YAML: control character U+0001 is "
                                            "not allowed"]


def test_a_site_toml_that_is_not_utf8_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = copy_site("good-site", tmp_path / "site")
    (source / "site.toml").write_bytes(b'title = "caf\xe9"\nbase_url = "https://x.example/"\n')
    assert main(["check", "--source", str(source)]) == 1
    assert capsys.readouterr().out == "site.toml:1: file is not UTF-8 text\n1 error, 0 warnings\n"


def test_a_site_toml_with_a_byte_order_mark_and_crlf_is_read(tmp_path: Path) -> None:
    source = copy_site("good-site", tmp_path / "site")
    toml = source / "site.toml"
    toml.write_bytes(b"\xef\xbb\xbf" + toml.read_bytes().replace(b"\n", b"\r\n"))
    result = build(source, tmp_path / "out", with_search=False, jobs=1)
    assert result.ok and result.problems == []
