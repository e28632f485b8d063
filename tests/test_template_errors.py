"""A broken template is an editor's mistake like any other: `path:line: template: message`, nothing published.

Site templates override the project's (templates/ in the site's folder), so the tests break a copy of one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, copy_site

from revdoor.output.builder import build
from revdoor.tools.cli import main


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = copy_site("good-site", tmp_path / "site")
    (site / "templates").mkdir()
    shutil.copy(REPO / "templates" / "person.html", site / "templates" / "person.html")
    return site


def break_template(site: Path, old: str, new: str) -> None:
    path = site / "templates" / "person.html"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(site: Path, needle: str) -> int:
    lines = (site / "templates" / "person.html").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_while_rendering_names_the_template_line_and_the_page(site: Path, tmp_path: Path,
                                                                       jobs: int) -> None:
    break_template(site, "{% block main %}", "{% block main %}{{ person.name.nope() }}")
    result = build(site, tmp_path / "public", with_search=False, jobs=jobs)
    assert not result.ok
    [problem] = [p for p in result.problems if p.is_error]
    assert problem.text().startswith(f"templates/person.html:{line_of(site, 'nope')}: template: UndefinedError: "
                                     "'str object' has no attribute 'nope' (while rendering /people/")
    assert not (tmp_path / "public").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".public")] == []  # no staging left


def test_a_syntax_error_in_a_template_is_reported_before_anything_renders(site: Path, tmp_path: Path) -> None:
    break_template(site, "{% block main %}", "{% block main %}{% if %}")
    result = build(site, tmp_path / "public", with_search=False)
    assert [p.text() for p in result.problems if p.is_error] == [
        f"templates/person.html:{line_of(site, '{% if %}')}: template: Expected an expression, got 'end of "
        "statement block'"]
    assert not (tmp_path / "public").exists()


def test_a_broken_template_leaves_the_published_site_as_it_was(site: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "public"
    assert build(site, out, with_search=False).ok
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    break_template(site, "{% block main %}", "{% block main %}{{ person.name.nope() }}")
    assert main(["build", "--source", str(site), "--output", str(out), "--no-search", "--quiet"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert ": template: UndefinedError: 'str object' has no attribute 'nope'" in captured.out
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
