"""Bounded resources: hostile sizes end in a clear error (or a finished build), never a hang or a traceback.

A YAML alias bomb, a 20 MB article, Markdown nested a thousand levels deep, a group move naming 10,000
people, 100,000 files. No timings are asserted: each test finishing at all is the bound (pytest's own run
time shows a regression), and the exact message is what an editor reads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from revdoor.content.load import MAX_NESTING, parse_doc
from revdoor.output.builder import build
from revdoor.tools.cli import main

SITES = Path(__file__).resolve().parent / "sites"
NESTED = "the text is nested too deeply (more than 50 levels of quotes, lists or brackets)"


def base_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITES / "base", site)
    return site


def check(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", "--source", str(site)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines()


def article(body: str) -> bytes:
    return f"---\ntitle: Deep\ndate: 2025-01-01\n---\n{body}".encode()


def test_an_alias_bomb_in_a_site_is_one_error_on_its_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = base_site(tmp_path)
    levels = ["&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"&{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
    (site / "content" / "people" / "bomb.md").write_text(
        "---\nname: Bomb\n# a comment sends this through the YAML path\naliases: [" + ", ".join(levels) + "]\n---\n")
    code, out = check(site, capsys)
    assert code == 1
    assert out == ["content/people/bomb.md:4: aliases: front matter is too large or expands too many aliases",
                   "1 error, 0 warnings"]


def test_a_20_mb_article_is_refused_before_it_is_parsed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = base_site(tmp_path)
    (site / "content" / "articles" / "huge.md").write_bytes(article("word " * 4_000_000))
    code, out = check(site, capsys)
    assert code == 1
    assert out == ["content/articles/huge.md:1: file is too large (19.1 MB; at most 1.0 MB)", "1 error, 0 warnings"]


def test_an_article_just_under_the_size_limit_builds(tmp_path: Path) -> None:
    site = base_site(tmp_path)
    (site / "content" / "articles" / "long.md").write_bytes(article(("Long text, " * 80 + "\n\n") * 1000))
    result = build(site, tmp_path / "out", with_search=False, jobs=1)
    assert result.ok, [p.text() for p in result.problems]
    assert (tmp_path / "out" / "articles" / "long" / "index.html").stat().st_size > 800_000


@pytest.mark.parametrize(("body", "line"), [
    (">" * 1000 + " a thousand nested quotes\n", 5),
    ("Intro.\n\n" + "".join("  " * i + "- item\n" for i in range(1000)), 109),
    ("[" * 5000 + "x" + "]" * 5000 + "\n", 5),
    ("Text\n\n" + "[\n" * 60, 57),
    ("> " * 1000 + "spaced quotes\n", 5),
    ("\t" * 60 + "- tabbed list\n", 5),
], ids=["quotes", "lists", "brackets", "brackets-over-lines", "spaced-quotes", "tabs"])
def test_markdown_nested_a_thousand_levels_deep_is_an_error_on_its_line(body: str, line: int) -> None:
    doc, problems = parse_doc(article(body), "content/articles/deep.md", "article", "deep")
    assert [(p.line, p.message) for p in problems] == [(line, NESTED)]
    assert doc is not None and doc.body == ""  # never handed to Markdown


def test_a_deeply_nested_body_stops_the_build_with_its_message(tmp_path: Path) -> None:
    site = base_site(tmp_path)
    (site / "content" / "articles" / "deep.md").write_bytes(article("".join("  " * i + "- x\n" for i in range(1000))))
    result = build(site, tmp_path / "out", with_search=False, jobs=1)
    assert not result.ok
    assert [p.text() for p in result.problems] == [f"content/articles/deep.md:{5 + 102}: {NESTED}"]
    assert not (tmp_path / "out").exists()


def test_nesting_up_to_the_limit_renders(tmp_path: Path) -> None:
    body = ">" * MAX_NESTING + " deep but allowed\n\n" + "[" * MAX_NESTING + "x" + "]" * MAX_NESTING + "\n"
    doc, problems = parse_doc(article(body), "content/articles/deep.md", "article", "deep")
    assert problems == [] and doc is not None and doc.body == body
    site = base_site(tmp_path)
    (site / "content" / "articles" / "deep.md").write_bytes(article(body))
    result = build(site, tmp_path / "out", with_search=False, jobs=1)
    assert result.ok, [p.text() for p in result.problems]
    assert "deep but allowed" in (tmp_path / "out" / "articles" / "deep" / "index.html").read_text()


def test_a_group_move_naming_10000_people_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = base_site(tmp_path)
    names = ", ".join(f"Person Number{i}" for i in range(10_000))
    (site / "content" / "events" / "crowd.md").write_text(
        f"---\npeople: [{names}]\ndate: 2025-01\ntype: arrival\nto: OpenAI\nsources: [https://a.example/]\n---\n")
    code, out = check(site, capsys)
    assert code == 1
    assert out == ["content/events/crowd.md:2: people: a group move names at most 100 people (this one names "
                   "10000) (for a larger group, use unnamed and count)", "1 error, 0 warnings"]


def test_a_group_move_of_a_hundred_known_people_builds(tmp_path: Path) -> None:
    site = base_site(tmp_path)
    for i in range(100):
        (site / "content" / "people" / f"p{i}.md").write_text(f"---\nname: Person Number{i}\n---\n")
    slugs = ", ".join(f"p{i}" for i in range(100))
    (site / "content" / "events" / "crowd.md").write_text(
        f"---\npeople: [{slugs}]\ndate: 2025-01\ntype: arrival\nto: OpenAI\nsources: [https://a.example/]\n---\n")
    result = build(site, tmp_path / "out", with_search=False, jobs=1)
    assert result.ok, [p.text() for p in result.problems]
    assert "Person Number99" in (tmp_path / "out" / "people" / "p0" / "index.html").read_text()


@pytest.mark.slow
def test_a_hundred_thousand_files_are_checked_to_the_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = base_site(tmp_path)
    people = site / "content" / "people"
    for i in range(100_000):
        (people / f"p{i}.md").write_bytes(b"---\nname: Person Number%d\n---\n" % i)
    (people / "p99999.md").write_bytes(b"---\nname: Person Number99999\nnmae: typo\n---\n")
    code, out = check(site, capsys)
    assert code == 1
    assert out == ["content/people/p99999.md:3: nmae: unknown field (did you mean 'name'?)", "1 error, 0 warnings"]
