"""A warm build skips pages whose fingerprint did not change; it must still give exactly a cold build's output.

Each edit below changes something that shows on pages other than the edited file's own (a name printed in
lists, a date that reorders timelines, a status that changes an affiliation, an alias that changes which
articles link whom). After each, the warm output must be byte-identical to a cold build of the same content.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from revdoor.content.config import load_config
from revdoor.modelling.pipeline import Caches
from revdoor.output import publish
from revdoor.output.builder import build

FIXTURE = Path(__file__).parent / "fixtures" / "good-site"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def first(folder: Path) -> Path:
    return sorted(folder.glob("*.md"))[0]


def replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(pattern, new, text, count=1, flags=re.MULTILINE)
    assert n == 1, f"{pattern!r} not in {path}"
    path.write_text(changed, encoding="utf-8")


def rename_person(c: Path) -> None:
    replace(first(c / "people"), r'^name: *"?([^"\n]+)"?$', r'name: "\1 Junior"')


def rename_lab(c: Path) -> None:
    replace(first(c / "labs"), r'^name: *"?([^"\n]+)"?$', r'name: "\1 Institute"')


def redate_event(c: Path) -> None:
    replace(first(c / "events"), r"^date: .*$", "date: 2019-07")


def make_rumour(c: Path) -> None:
    path = sorted((c / "events").glob("*.md"))[-1]
    if "\nstatus:" in path.read_text(encoding="utf-8"):
        replace(path, r"^status: .*$", "status: rumored")
    else:
        replace(path, r"^type: .*$", "\\g<0>\nstatus: rumored")


def edit_notes(c: Path) -> None:
    path = first(c / "events")
    path.write_text(path.read_text(encoding="utf-8") + "\nA note added later.\n", encoding="utf-8")


def add_alias(c: Path) -> None:
    replace(first(c / "labs"), r"^name: .*$", "\\g<0>\naliases: [\"Zyzzyva Research\"]")


def delete_event(c: Path) -> None:
    sorted((c / "events").glob("*.md"))[1].unlink()


EDITS: list[Callable[[Path], None]] = [rename_person, rename_lab, redate_event, make_rumour, edit_notes,
                                       delete_event]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    if not FIXTURE.is_dir():
        pytest.skip("fixture site missing")
    shutil.copytree(FIXTURE, tmp_path / "site")
    return tmp_path / "site"


@pytest.mark.parametrize("in_memory", [False, True], ids=["disk-cache", "preview-server-memory"])
def test_warm_build_after_each_edit_equals_a_cold_build(site: Path, tmp_path: Path, in_memory: bool) -> None:
    warm = tmp_path / "warm"
    config = load_config(site)[0]
    assert config is not None
    caches = Caches.open(None, config.language, config.languages) if in_memory else None
    assert build(site, warm, with_search=False, jobs=1, caches=caches).ok
    for n, edit in enumerate(EDITS):
        edit(site / "content")
        result = build(site, warm, with_search=False, jobs=1, caches=caches)
        assert result.ok, [p.text() for p in result.problems]
        cold = tmp_path / f"cold{n}"
        assert build(site, cold, with_search=False, jobs=1, use_cache=False).ok
        assert tree(warm) == tree(cold), f"warm build differs from a cold one after {edit.__name__}"


def test_warm_build_with_nothing_changed_renders_nothing(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out, with_search=False, jobs=1)
    again = build(site, out, with_search=False, jobs=1)
    assert again.stats is not None and again.stats.written == 0
    assert again.rendered == 0


def test_warm_build_rewrites_an_output_file_edited_by_hand(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out, with_search=False, jobs=1)
    page = out / "people" / "index.html"
    original = page.read_bytes()
    page.write_bytes(b"tampered")
    build(site, out, with_search=False, jobs=1)
    assert page.read_bytes() == original


def test_edited_template_rerenders_the_pages_that_use_it(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out, with_search=False, jobs=1)
    (site / "templates").mkdir()
    base = (Path(__file__).parent.parent / "templates" / "404.html").read_text(encoding="utf-8")
    (site / "templates" / "404.html").write_text(base.replace("</h1>", " (custom)</h1>", 1), encoding="utf-8")
    build(site, out, with_search=False, jobs=1)
    assert "(custom)" in (out / "404.html").read_text(encoding="utf-8")


def test_add_alias_links_articles_like_a_cold_build(site: Path, tmp_path: Path) -> None:
    warm = tmp_path / "warm"
    build(site, warm, with_search=False, jobs=1)
    add_alias(site / "content")
    build(site, warm, with_search=False, jobs=1)
    cold = tmp_path / "cold"
    build(site, cold, with_search=False, jobs=1, use_cache=False)
    assert tree(warm) == tree(cold)


def test_a_warm_build_of_unchanged_content_stages_nothing_yet_still_notices_strays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    out = tmp_path / "out"
    assert build(site, out, with_search=False).ok
    before = tree(out)
    staged: list[Path] = []
    real_begin = publish.begin
    monkeypatch.setattr(publish, "begin", lambda o: staged.append(o) or real_begin(o))
    result = build(site, out, with_search=False)
    assert result.ok and result.rendered == 0 and result.stats is not None and result.stats.written == 0
    assert staged == [] and tree(out) == before  # no hard-linked copy of the site made, nothing swapped
    (out / "stray.html").write_text("left by hand", encoding="utf-8")
    (out / "static" / "style.css").write_text("edited by hand", encoding="utf-8")
    result = build(site, out, with_search=False)
    assert staged == [out] and result.stats is not None and result.stats.removed == 1
    assert tree(out) == before


def rendered_paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose Markdown is rendered (not taken from the body cache) from now on."""
    from revdoor.modelling import assemble

    seen: list[str] = []
    render = assemble._render_one

    def recording(item: assemble.ToRender) -> tuple[tuple[str, tuple[str, ...]], str | None]:
        seen.append(item[2].source)
        return render(item)

    monkeypatch.setattr(assemble, "_render_one", recording)
    return seen


@pytest.mark.parametrize("kept", ["in memory", "on disk"])
def test_renaming_a_person_renders_again_only_the_articles_holding_the_old_or_the_new_name(
        kept: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from revdoor.modelling.pipeline import load_site

    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns(".cache", "public"))
    config, _ = load_config(site)
    assert config is not None
    caches = Caches.open(None, config.language, config.languages)

    def load() -> None:  # as the preview does (its caches in memory), or as `build` does (.cache/)
        loaded = load_site(site, caches=caches, jobs=1) if kept == "in memory" else load_site(site, use_cache=True)
        assert loaded.model is not None

    load()
    seen = rendered_paths(monkeypatch)
    person = site / "content" / "people" / "barret-zoph.md"
    person.write_text(person.read_text(encoding="utf-8").replace("name: Barret Zoph", "name: Barrett Zoph"))
    load()
    # "Barret Zoph" is in the one article about him; the other article names neither spelling.
    assert seen == ["content/articles/zoph-retour-openai.md"]

    seen.clear()
    person.write_text(person.read_text(encoding="utf-8").replace("[Brett Zoph]", "[Brett Zoph, Dr Zoph]"))
    load()
    assert seen == []  # a new alias whose first word ("Dr") neither article holds
    load()
    assert seen == []
