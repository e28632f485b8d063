"""Making the output hold exactly the site: what is stale (a file no page wants, a directory left empty) is
found by one walk, which `has_stale` asks and `remove_stale` acts on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from revdoor.output.write import has_stale, remove_stale


def tree(root: Path, *files: str) -> Path:
    for rel in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rel)
    return root


def listing(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() + ("/" if p.is_dir() else "") for p in root.rglob("*")}


def test_removes_unwanted_files_and_the_directories_they_leave_empty(tmp_path: Path) -> None:
    root = tree(tmp_path, "index.html", "people/a/index.html", "people/b/index.html", "old/x/index.html")
    assert remove_stale(root, {"index.html", "people/a/index.html"}) == 2
    assert listing(root) == {"index.html", "people/", "people/a/", "people/a/index.html"}


def test_keeps_whatever_is_under_a_kept_prefix(tmp_path: Path) -> None:
    root = tree(tmp_path, "index.html", "pagefind/a.js", "pagefind/deep/b.pf", "stray.txt")
    (root / "pagefind/empty").mkdir()
    assert remove_stale(root, {"index.html"}, keep=("pagefind/",)) == 1
    assert listing(root) == {"index.html", "pagefind/", "pagefind/a.js", "pagefind/deep/", "pagefind/deep/b.pf",
                             "pagefind/empty/"}


def test_an_empty_directory_is_stale_and_removed(tmp_path: Path) -> None:
    root = tree(tmp_path, "index.html")
    (root / "gone/deeper").mkdir(parents=True)
    assert has_stale(root, {"index.html"})
    assert remove_stale(root, {"index.html"}) == 0
    assert listing(root) == {"index.html"}


def test_a_directory_reached_through_a_symbolic_link_stays(tmp_path: Path) -> None:
    outside = tree(tmp_path / "outside", "keep.txt")
    root = tree(tmp_path / "out", "index.html")
    os.symlink(outside, root / "linked")
    assert not has_stale(root, {"index.html"})
    assert remove_stale(root, {"index.html"}) == 0
    assert (outside / "keep.txt").is_file() and (root / "linked").is_symlink()


@pytest.mark.parametrize(("files", "wanted", "stale"), [
    (["index.html", "a/index.html"], {"index.html", "a/index.html"}, False),
    (["index.html", "a/index.html"], {"index.html"}, True),
    (["pagefind/x.js"], set(), False),
    (["index.html", "pagefind/x.js", "b/c/index.html"], {"index.html", "b/c/index.html"}, False),
])
def test_has_stale_says_whether_remove_stale_would_remove_anything(tmp_path: Path, files: list[str],
                                                                    wanted: set[str], stale: bool) -> None:
    root = tree(tmp_path, *files)
    assert has_stale(root, wanted, keep=("pagefind/",)) is stale
    before = listing(root)
    remove_stale(root, wanted, keep=("pagefind/",))
    assert (listing(root) != before) is stale
    assert not has_stale(root, wanted, keep=("pagefind/",))
