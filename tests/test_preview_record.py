"""The preview server asks the one record of what each page read (revdoor/preview/record.py): after random
sequences of edits of every kind, its output equals a cold build's, byte for byte.

The site is a small fixture with its own templates showing more than the project's (every move's notes in
lists, a person's current labs in a paragraph of its own), in one language or two. The edits: a field of an
event, a person, a lab or an article; a file added, renamed or removed; a template, a static file, the
settings. Hypothesis draws them, the same examples on every run (tests/explore.py). After each one the
engine rebuilds from what changed (as `serve` does after a save) and its output directory is compared with a
cold build of the same content, and its problems, warnings included, with the cold build's.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from explore import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_fingerprints import apply, differing, themed_fixture

from revdoor.output.builder import build
from revdoor.preview.engine import Engine

OPTIONS = {"with_search": False, "jobs": 1, "atomic": False, "keep_index": True}

FOLDERS = ["events", "people", "labs", "articles", "pages"]
FIELD = st.tuples(st.just("field"), st.sampled_from(FOLDERS), st.integers(0, 50),
                  st.sampled_from(["body", "name", "date", "status", "role"]), st.integers(0, 9))
FILE = st.tuples(st.sampled_from(["add", "rename", "remove", "redirect"]), st.sampled_from(FOLDERS),
                 st.integers(0, 50), st.just(""), st.integers(0, 9))
LOOK = st.tuples(st.sampled_from(["template", "static", "settings"]), st.just(""), st.just(0), st.just(""),
                 st.integers(0, 9))
EDITS = st.lists(st.one_of(FIELD, FIELD, FILE, LOOK), min_size=1, max_size=5)


def change(site: Path, what: str, folder: str, index: int, field: str, n: int) -> list[Path]:
    """Make one edit; the files it saved, created or deleted (what the watcher reports)."""
    if what in ("field", "add", "rename", "remove", "redirect") and not any((site / "content" / folder).glob("*.md")):
        return []  # every file of the folder removed already (the two pages): nothing to edit
    if what == "field":
        files = sorted((site / "content" / folder).glob("*.md"))
        apply(site, folder, index, field, n)
        return [files[index % len(files)]]
    if what in ("add", "rename", "remove", "redirect"):
        files = sorted((site / "content" / folder).glob("*.md"))
        path = files[index % len(files)]
        if what == "redirect":  # an old address of a profile or an article, given or taken back
            text = path.read_text(encoding="utf-8")
            line = f"redirect_from: [{path.stem}-old]\n"
            path.write_text(text.replace(line, "") if line in text else text.replace("---\n", "---\n" + line, 1),
                            encoding="utf-8")
            return [path]
        new = path.with_name(f"{path.stem}-{what}{n}.md")
        if what == "add":  # a copy under a new name; a profile's copy under a new name too, or it is a duplicate
            text = path.read_text(encoding="utf-8")
            if folder in ("people", "labs"):
                text = text.replace("\nname: ", f"\nname: Other {n} ", 1)
                text = "\n".join(line for line in text.split("\n") if not line.startswith(("aliases:", "  - ")))
            new.write_text(text, encoding="utf-8")
            return [new]
        if what == "rename":
            path.rename(new)
            return [path, new]
        path.unlink()
        return [path]
    if what == "template":
        template = site / "templates" / "person.html"
        template.write_text(template.read_text(encoding="utf-8") + f"\n{{# edit {n} #}}<!-- edit {n} -->\n",
                            encoding="utf-8")
        return [template]
    if what == "static":
        extra = site / "static" / f"extra-{n % 3}.css"
        extra.write_text(f"/* edit {n} */\n", encoding="utf-8")
        return [extra]
    settings_file = site / "site.toml"
    text = settings_file.read_text(encoding="utf-8")
    settings_file.write_text(text.replace('description = "', f'description = "Edit {n}. ', 1), encoding="utf-8")
    return [settings_file]


@settings(max_examples=examples(10))
@given(EDITS, st.booleans())
# An old address given, then taken back: its page must go (a page list kept up to date in place once
# lost it), in one language and in two.
@example([("redirect", "people", 0, "", 0), ("redirect", "people", 0, "", 0)], False)
@example([("redirect", "labs", 1, "", 0), ("field", "events", 3, "date", 2), ("redirect", "labs", 1, "", 0)], True)
# The editorial policy's page gone (every page's legend and footer lose their link), renamed (the same), its
# text edited (its own pages only), another page added, in one language and in two.
@example([("remove", "pages", 1, "", 0), ("add", "pages", 0, "", 1)], True)
@example([("rename", "pages", 1, "", 0), ("rename", "pages", 0, "", 1)], False)
@example([("field", "pages", 1, "body", 3), ("field", "pages", 1, "name", 4), ("remove", "pages", 0, "", 0)], True)
def test_the_preview_equals_a_cold_build_after_any_sequence_of_edits(
        edits: list[tuple[str, str, int, str, int]], bilingual: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        site = themed_fixture(root)
        (site / "static").mkdir()
        (site / "static" / "extra-0.css").write_text("/* start */\n", encoding="utf-8")
        if bilingual:
            toml = site / "site.toml"
            toml.write_text(toml.read_text(encoding="utf-8").replace('language = "en"', 'languages = ["en", "fr"]'),
                            encoding="utf-8")
        engine = Engine(site, root / "preview", build_options=OPTIONS)
        assert engine.full().ok
        for n, edit in enumerate(edits):
            saved = change(site, *edit)
            outcome = engine.rebuild(saved)
            cold = build(site, root / "cold", with_search=False, jobs=1, use_cache=False)
            assert outcome.ok == cold.ok, (edit, [p.text() for p in outcome.problems if p.is_error])
            # Errors and warnings too, as a cold build finds them (an in-place edit recounts its people's).
            assert [p.text() for p in outcome.problems] == [p.text() for p in cold.problems], f"after edit {n}"
            if cold.ok:
                assert differing(root / "preview", root / "cold") == [], f"after edit {n}: {edit}"
            shutil.rmtree(root / "cold", ignore_errors=True)


def test_an_articles_language_changed_under_the_preview_moves_its_canonical_frame_as_a_cold_build(
        tmp_path: Path) -> None:
    """Issue 18, point 7: every language frames every article, the frame in its own language canonical (the
    other names it and stays out of the sitemap). A `lang` edit moves that role, in the preview as cold."""
    site = themed_fixture(tmp_path)
    toml = site / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "en"', 'languages = ["en", "fr"]'),
                    encoding="utf-8")
    engine = Engine(site, tmp_path / "preview", build_options=OPTIONS)
    assert engine.full().ok
    sitemap = tmp_path / "preview/sitemap.xml"
    assert "<loc>https://example.org/fr/articles/zoph-retour-openai/</loc>" in sitemap.read_text(encoding="utf-8")
    article = site / "content/articles/zoph-retour-openai.md"
    article.write_text(article.read_text(encoding="utf-8").replace("lang: fr\n", "lang: en\n"), encoding="utf-8")
    assert engine.rebuild([article]).ok
    cold = build(site, tmp_path / "cold", with_search=False, jobs=1, use_cache=False)
    assert cold.ok and differing(tmp_path / "preview", tmp_path / "cold") == []
    french = (tmp_path / "cold/fr/articles/zoph-retour-openai/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/articles/zoph-retour-openai/">' in french
    assert "/fr/articles/zoph-retour-openai/</loc>" not in sitemap.read_text(encoding="utf-8")
