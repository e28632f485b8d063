"""What a page shows is recorded once, where the page is made: its digest (revdoor/common/digest.py) covers all its
template is given, so a theme that prints one more field needs no other change for warm builds to stay right.

The first tests are issue 17's reproduction: a site whose own `_macros.html` shows a move's notes in every
list. Before, the fingerprints hashed a list item without its notes (a list in the project's templates did
not show them), so a warm build after a notes edit kept the old notes on the lab, person and feed pages.
Then the same over random sequences of edits of every content kind (Hypothesis, the same examples on every
run: tests/explore.py), each warm build compared with a cold build of the same content, byte for byte.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from explore import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from revdoor.common.digest import Digester
from revdoor.common.resources import TEMPLATES
from revdoor.content.schema import SCHEMAS, Field
from revdoor.output.builder import build
from revdoor.preview.engine import Engine
from revdoor.preview.serve import Preview

NOTES_IN_LISTS = '  <span class="event-text">{{ sentence(v.headline) }}</span>\n'
SHOWN_NOTES = '<span class="notes">{{ v.event.notes_html|striptags|truncate(80) }}</span>\n'


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differing(a: Path, b: Path) -> list[str]:
    left, right = tree(a), tree(b)
    return sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))


def with_notes_in_lists(site: Path) -> Path:
    """The issue's theme change: the site's own `_macros.html` shows each move's notes in lists."""
    macros = (TEMPLATES / "_macros.html").read_text(encoding="utf-8")
    assert NOTES_IN_LISTS in macros
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates" / "_macros.html").write_text(macros.replace(NOTES_IN_LISTS, NOTES_IN_LISTS + SHOWN_NOTES),
                                                     encoding="utf-8")
    return site


def edit_stoiber_notes(site: Path) -> None:
    path = site / "content" / "events" / "stoiber-shopify-to-openai.md"
    text = path.read_text(encoding="utf-8")
    assert "The article (17 January 2026)" in text
    path.write_text(text.replace("The article (17 January 2026)", "The report (17 January 2026)"), encoding="utf-8")


def test_a_warm_build_after_a_notes_edit_shows_the_new_notes_wherever_the_theme_lists_them(
        site_copy: Path, tmp_path: Path) -> None:
    site = with_notes_in_lists(site_copy)
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    assert build(site, warm, with_search=False).ok
    assert "The article (17 January 2026)" in (warm / "labs" / "openai" / "index.html").read_text()
    edit_stoiber_notes(site)
    assert build(site, warm, with_search=False).ok
    assert build(site, cold, with_search=False, use_cache=False).ok
    assert differing(warm, cold) == []
    assert "The report (17 January 2026)" in (warm / "labs" / "openai" / "index.html").read_text()
    assert "The report (17 January 2026)" in (warm / "fr" / "labs" / "openai" / "index.html").read_text()


def test_the_preview_after_a_notes_edit_reaches_the_lab_page_the_theme_lists_them_on(site_copy: Path,
                                                                                     tmp_path: Path) -> None:
    site = with_notes_in_lists(site_copy)
    engine = Engine(site, tmp_path / "preview", build_options={"with_search": False})
    assert engine.full().ok
    edit_stoiber_notes(site)
    assert engine.rebuild({site / "content" / "events" / "stoiber-shopify-to-openai.md"}).ok
    assert build(site, tmp_path / "cold", with_search=False, use_cache=False).ok
    assert differing(tmp_path / "preview", tmp_path / "cold") == []


def test_a_template_edit_while_serving_renders_only_the_pages_using_it_and_matches_a_cold_build(
        site_copy: Path, tmp_path: Path) -> None:
    site = site_copy
    (site / "templates").mkdir()
    # No watcher: its own rebuild of the saved template, a moment later, would race the one asked for here.
    preview = Preview(site, tmp_path / "out", port=0, search=False, watch=False, log=lambda _: None)
    try:
        assert preview.start()
        template = site / "templates" / "search.html"
        template.write_text((TEMPLATES / "search.html").read_text()
                            .replace("{% block main %}", "{% block main %}\n<p>Edited while serving.</p>", 1))
        outcome = preview._build({template})
        assert outcome.ok and outcome.rendered == 2  # /search/ and /fr/search/: the pages using search.html
        cold = tmp_path / "cold"
        assert build(site, cold, with_search=False, use_cache=False, base_url=preview.url).ok
        assert differing(preview.output, cold) == []
        assert b"Edited while serving." in (preview.output / "search" / "index.html").read_bytes()
    finally:
        preview.close()


VENUE_IN_LISTS = ('{% if v.event.fields.venue is defined %}<span class="venue">{{ v.event.fields.venue }}</span>'
                  '{% endif %}\n')


def set_venue(site: Path, venue: str) -> Path:
    path = site / "content" / "events" / "stoiber-shopify-to-openai.md"
    head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
    kept = [line for line in head.split("\n") if not line.startswith("venue:")]
    path.write_text("\n".join([*kept, f"venue: {venue}"]) + sep + body, encoding="utf-8")
    return path


def test_a_field_added_to_the_schema_and_a_template_needs_no_other_change_for_warm_builds_and_the_preview(
        site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole change a theme makes: one line in the schema, one in a template. Nothing else is told.
    monkeypatch.setitem(SCHEMAS, "event", (*SCHEMAS["event"], Field("venue", "text", doc="Where it was said.")))
    site = site_copy
    macros = (TEMPLATES / "_macros.html").read_text(encoding="utf-8")
    (site / "templates").mkdir()
    (site / "templates" / "_macros.html").write_text(
        macros.replace(NOTES_IN_LISTS, NOTES_IN_LISTS + VENUE_IN_LISTS), encoding="utf-8")
    set_venue(site, "Davos")
    warm, preview, cold = tmp_path / "warm", tmp_path / "preview", tmp_path / "cold"
    assert build(site, warm, with_search=False, jobs=1).ok
    engine = Engine(site, preview, build_options={"with_search": False, "jobs": 1})
    assert engine.full().ok
    assert '<span class="venue">Davos</span>' in (preview / "labs" / "openai" / "index.html").read_text()

    path = set_venue(site, "Zurich")
    assert build(site, warm, with_search=False, jobs=1).ok
    assert engine.rebuild({path}).ok
    assert build(site, cold, with_search=False, jobs=1, use_cache=False).ok
    assert differing(warm, cold) == []
    assert differing(preview, cold) == []
    for page in ("labs/openai", "fr/labs/openai", "people/max-stoiber", "feed"):
        assert '<span class="venue">Zurich</span>' in (cold / page / "index.html").read_text(), page


def test_a_digest_covers_every_field_and_refuses_what_it_cannot_tell() -> None:
    digest = Digester()
    assert digest({"a": [1, "x", None]}) == Digester()({"a": [1, "x", None]})
    assert digest((1, "1")) != digest(("1", 1))
    assert digest(True) != digest(1)
    with pytest.raises(TypeError, match="whose content cannot be digested"):
        digest(object())


# Random sequences of edits of every content kind, on a small site with its own templates showing more than
# the project's (notes in lists, a lab's aliases on its people's pages, counts): each warm build must equal
# a cold build. Each edit rewrites one field of one file, as an editor would.
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "good-site"
EDITS = st.lists(st.tuples(st.sampled_from(["events", "people", "labs", "articles", "pages"]), st.integers(0, 50),
                           st.sampled_from(["body", "name", "date", "status", "role"]), st.integers(0, 9)),
                 min_size=1, max_size=4)
CAREER_EXTRA = '{% block main %}\n<p class="aliases">{{ current|map(attribute="name")|join(", ") }}</p>\n'


# Plain pages (content/pages/): the policy, whose presence every page's legend and footer show, and another.
# No title_fr, which a site in one language refuses; its `## fr` is a heading there, a translation in two.
PAGES = {
    "policy.md": "---\ntitle: Editorial policy\n---\nWhat we publish.\n\n"
                 "## Rumours\n\nMarked as such.\n\n## fr\n\nCe que nous publions.\n\n## Rumeurs {#rumours}\n\n"
                 "Signalées comme telles.\n",
    "about.md": "---\ntitle: About\ndescription: Who keeps the site.\n---\nVolunteers, see [the policy](policy.md).\n",
}


def with_pages(site: Path) -> Path:
    (site / "content" / "pages").mkdir(exist_ok=True)
    for name, text in PAGES.items():
        (site / "content" / "pages" / name).write_text(text, encoding="utf-8")
    return site


def themed_fixture(root: Path) -> Path:
    site = root / "site"
    shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns(".cache", "public"))
    with_pages(site)
    with_notes_in_lists(site)
    person = (TEMPLATES / "person.html").read_text(encoding="utf-8")
    assert "{% block main %}\n" in person
    (site / "templates" / "person.html").write_text(person.replace("{% block main %}\n", CAREER_EXTRA, 1))
    return site


def apply(site: Path, folder: str, index: int, field: str, n: int) -> None:
    files = sorted((site / "content" / folder).glob("*.md"))
    path = files[index % len(files)]
    head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
    lines = head.split("\n")
    if field == "body":
        body = f"Edited text number {n}.\n\n{body}"
    else:
        key = {"name": "title" if folder in ("articles", "pages") else "name", "date": "date", "status": "status",
               "role": "role"}[field]
        value = {"name": f'"Edited {n}"', "date": f"20{10 + n}-0{1 + n % 9}", "status":
                 ["confirmed", "reported", "rumored", "denied"][n % 4], "role": f'"Role {n}"'}[field]
        if folder in ("people", "labs") and key in ("date", "status", "role"):
            return  # profiles have no such field
        if folder == "articles" and key in ("status", "role"):
            return
        if folder == "pages" and key != "title":
            return  # a page has a title (and a description) only
        if folder == "events" and key == "name":
            key, value = "role", f'"Named role {n}"'
        kept = [line for line in lines if not line.startswith(f"{key}:")]
        lines = [*kept, f"{key}: {value}"]
    path.write_text("\n".join(lines) + sep + body, encoding="utf-8")


@settings(max_examples=examples(8))
@given(EDITS)
def test_warm_builds_equal_cold_builds_after_any_sequence_of_edits(edits: list[tuple[str, int, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        site = themed_fixture(root)
        assert build(site, root / "warm", with_search=False, jobs=1).ok
        for folder, index, field, n in edits:
            apply(site, folder, index, field, n)
            warm = build(site, root / "warm", with_search=False, jobs=1)
            cold = build(site, root / "cold", with_search=False, jobs=1, use_cache=False)
            assert warm.ok == cold.ok
            if cold.ok:
                assert differing(root / "warm", root / "cold") == []
            shutil.rmtree(root / "cold", ignore_errors=True)
