"""Atomic output: a failed or killed build leaves the previously published site whole (revdoor/output/publish.py).

Builds run as subprocesses. Those to be killed or watched run in tests/wrapped_build.py, which patches the
build's checkpoints (no-op calls at its phase boundaries, revdoor/output/publish.py) and its file writes: the build
SIGKILLs itself at a named point, or reports at every point whether the output holds its home page. The
kill lands at the same point on every run, whatever the machine's speed: no test watches the clock or the
file system to decide when to kill.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, build_into, copy_site

from revdoor.output import publish


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


WRAPPER = Path(__file__).resolve().parent / "wrapped_build.py"


def run_build(source: Path, out: Path, *extra: str, kill_at: str | None = None,
              report: Path | None = None) -> subprocess.Popen[str]:
    """`build.py` on `source` into `out`; with `kill_at` (a checkpoint, or `file-N`: after the Nth file
    written) it kills itself there; with `report`, it writes there, at every point, whether `out` is whole."""
    build = ["--source", str(source), "--output", str(out), "--quiet", "--jobs", "1", *extra]
    hooks = [*(["--kill-at", kill_at] if kill_at else []),
             *(["--watch", str(out), "--report", str(report)] if report else [])]
    command = [str(WRAPPER), *hooks, "--", *build] if hooks else [str(REPO / "build.py"), *build]
    return subprocess.Popen([sys.executable, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def edit(source: Path) -> None:
    """Changes that make the next build rewrite, add and remove pages."""
    event = source / "content" / "events" / "murati-leaves-openai.md"
    event.write_text(event.read_text().replace("Chief technology officer", "Chief scientist"))
    (source / "content" / "events" / "kaiser-to-meta-rumored.md").unlink()
    (source / "content" / "people" / "jane-example.md").write_text("---\nname: Jane Example\n---\nA new person.\n")


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A site built once (with its search index), then edited: (source, output, the published files)."""
    source = copy_site("good-site", tmp_path / "site")
    out = tmp_path / "public"
    build_into(source, out, jobs=1)
    before = tree(out)
    assert "index.html" in before and any(rel.startswith("pagefind/") for rel in before)
    edit(source)
    return source, out, before


@pytest.mark.parametrize("checkpoint", [c for c in publish.CHECKPOINTS if c != "exchanged"])
def test_a_build_killed_before_the_swap_leaves_the_published_site_byte_for_byte(
        published: tuple[Path, Path, dict[str, bytes]], checkpoint: str) -> None:
    source, out, before = published
    proc = run_build(source, out, kill_at=checkpoint)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL, err
    assert tree(out) == before
    # The next build cleans up what the killed one left and publishes the edit.
    again = run_build(source, out)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert leftovers(out) == []
    after = tree(out)
    assert "people/jane-example/index.html" in after
    assert b"Chief scientist" in after["events/murati-leaves-openai/index.html"]


def test_a_build_killed_just_after_the_swap_has_published_the_new_site_whole(
        published: tuple[Path, Path, dict[str, bytes]], tmp_path: Path) -> None:
    source, out, _ = published
    proc = run_build(source, out, kill_at="exchanged")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL, err
    assert leftovers(out) != []  # the old tree, not yet deleted
    killed = tree(out)
    assert "people/jane-example/index.html" in killed
    again = run_build(source, out)
    assert again.communicate(timeout=120)[0] is not None and again.returncode == 0
    assert leftovers(out) == []
    pages = {rel: data for rel, data in tree(out).items() if not rel.startswith("pagefind/")}
    assert pages == {rel: data for rel, data in killed.items() if not rel.startswith("pagefind/")}


def test_a_build_killed_while_writing_leaves_the_published_site(tmp_path: Path) -> None:
    source = copy_site("good-site", tmp_path / "site")
    out = tmp_path / "public"
    build_into(source, out, with_search=False, jobs=1)
    before = tree(out)
    (source / "templates").mkdir()
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    (source / "templates" / "base.html").write_text(base.replace("</body>", "<!-- edited --></body>"))
    proc = run_build(source, out, "--no-search", kill_at="file-3")  # every page changes: it dies at the third
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL, err
    assert tree(out) == before
    # Killed in the middle of writing: its staging copy holds three edited pages, and pages not yet edited.
    staged = tree(out.with_name(f".{out.name}.staging-{proc.pid}"))
    pages = [data for rel, data in staged.items() if rel.endswith(".html")]
    assert sum(b"<!-- edited -->" in data for data in pages) == 3 < len(pages)
    again = run_build(source, out, "--no-search")
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert leftovers(out) == []
    assert b"<!-- edited -->" in (out / "index.html").read_bytes()


def test_the_output_never_lacks_its_home_page_during_a_build(
        published: tuple[Path, Path, dict[str, bytes]], tmp_path: Path) -> None:
    """Looked at every checkpoint and after every file written, the swap included."""
    source, out, _ = published
    report = tmp_path / "report.txt"
    proc = run_build(source, out, "--no-search", report=report)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    seen = dict(line.split() for line in report.read_text(encoding="utf-8").splitlines())
    assert {"staged", "written", "cleaned", "exchanged", "file-1"} <= set(seen)  # every point was looked at
    assert [point for point, state in seen.items() if state != "ok"] == []


def test_a_build_with_content_errors_leaves_the_output_untouched(
        published: tuple[Path, Path, dict[str, bytes]]) -> None:
    source, out, before = published
    (source / "content" / "events" / "broken.md").write_text("---\ntype: nonsense\n---\n")
    proc = run_build(source, out)
    proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert tree(out) == before
    assert leftovers(out) == []


def test_unchanged_pages_keep_their_file_across_the_swap(tmp_path: Path) -> None:
    """The warm build's promise survives staging: an unchanged page is the same file (inode, time)."""
    source = copy_site("good-site", tmp_path / "site")
    out = tmp_path / "public"
    build_into(source, out, with_search=False, jobs=1)
    page = out / "labs" / "apple" / "index.html"
    first = page.stat()
    result = build_into(source, out, with_search=False, jobs=1)
    assert result.rendered == 0
    second = page.stat()
    assert (second.st_ino, second.st_mtime_ns) == (first.st_ino, first.st_mtime_ns)


def test_a_rewritten_page_never_changes_the_published_copy_in_place(tmp_path: Path) -> None:
    """Staging hard-links the published files: a changed page must be a new file, not the old one rewritten."""
    source = copy_site("good-site", tmp_path / "site")
    out = tmp_path / "public"
    build_into(source, out, with_search=False, jobs=1)
    page = out / "events" / "murati-leaves-openai" / "index.html"
    old_bytes = page.read_bytes()
    keep = tmp_path / "kept.html"
    os.link(page, keep)  # another name for the published file, as the staging copy is
    edit(source)
    build_into(source, out, with_search=False, jobs=1)
    assert keep.read_bytes() == old_bytes
    assert b"Chief scientist" in page.read_bytes()


def test_an_output_path_that_is_a_symlink_stays_one_and_its_target_is_published(tmp_path: Path) -> None:
    source = copy_site("good-site", tmp_path / "site")
    real = tmp_path / "www" / "site"
    real.mkdir(parents=True)
    out = tmp_path / "public"
    out.symlink_to(real, target_is_directory=True)
    build_into(source, out, with_search=False, jobs=1)
    build_into(source, out, with_search=False, jobs=1)
    assert out.is_symlink()
    assert (real / "index.html").is_file()
    assert sorted(p.name for p in real.parent.iterdir()) == ["site"]


def test_repair_puts_back_an_old_site_left_between_two_renames(tmp_path: Path) -> None:
    """Where no atomic exchange exists, a kill between the two renames leaves only `.public.old-<pid>`."""
    out = tmp_path / "public"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    old = tmp_path / f".public.old-{dead}"
    old.mkdir()
    (old / "index.html").write_text("old site")
    staging = tmp_path / f".public.staging-{dead}"
    staging.mkdir()
    publish.repair(out)
    assert (out / "index.html").read_text() == "old site"
    assert leftovers(out) == []
