"""Usage errors exit 2 with one line naming what to fix, before any work; content errors exit 1.

A usage error is in the command line: a bad flag, a `--source` that is no site's folder, a web address
given to `--source` when `--sources` was meant. A content error is in the site's files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from revdoor.tools.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COMMANDS = [["build"], ["check"], ["serve"], ["new", "event"], ["schemas"]]


def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The last line argparse prints for a flag it refuses (exit 2)."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "good-site", tmp_path / "site",
                                ignore=shutil.ignore_patterns(".cache", "public")))


def test_source_that_looks_like_a_url_suggests_sources(capsys: pytest.CaptureFixture[str]) -> None:
    line = usage_error(["new", "event", "--source", "https://example.org/x"], capsys)
    assert line == ("revdoor new: error: argument --source: 'https://example.org/x' looks like a web address, but "
                    "--source is the site's folder (the one with site.toml); did you mean --sources URL (an "
                    "event's sources) or --source-url URL (an article's address)?")


def test_build_source_that_looks_like_a_url_suggests_base_url(capsys: pytest.CaptureFixture[str]) -> None:
    line = usage_error(["--source", "www.example.org"], capsys)
    assert line == ("revdoor build: error: argument --source: 'www.example.org' looks like a web address, but "
                    "--source is the site's folder (the one with site.toml); to build for another address, give "
                    "it with --base-url URL")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_folder_without_site_toml_is_a_usage_error_for_every_command(command: list[str], tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--source", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"revdoor {command[0]}: error: {tmp_path} is not a site: it has no "
                                       "site.toml (--source DIR is the site's folder, the one with its site.toml)\n")
    assert list(tmp_path.iterdir()) == []  # nothing built, scaffolded or written


def test_missing_source_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert main(["check", "--source", str(missing)]) == 2
    assert capsys.readouterr().err == (f"revdoor check: error: --source {missing} does not exist: give the site's "
                                       "folder, the one with site.toml\n")


def test_source_that_is_a_file_is_a_usage_error(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--source", str(site / "site.toml")]) == 2
    assert capsys.readouterr().err == (f"revdoor build: error: --source {site / 'site.toml'} is not a folder: give "
                                       "the site's folder, the one with site.toml\n")


def test_without_source_the_site_is_the_current_folder(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(site)
    assert main(["check", "--strict"]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings\n"


def test_current_folder_without_site_toml_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == (f"revdoor check: error: {Path.cwd()} is not a site: it has no site.toml "
                                       "(run `revdoor` in a site's folder, or give one with --source DIR)\n")


def test_checkout_build_py_works_on_its_own_site_from_any_folder(tmp_path: Path) -> None:
    """`python build.py` without --source is this repository's site, wherever it is run from."""
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--summary", "x"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    # Past the site check (the checkout has a site.toml), stopped at the next usage error, named as build.py.
    assert (done.returncode, done.stderr) == (
        2, "build.py check: error: --summary FILE lists the changed pages: it needs --changed BASE\n")


@pytest.mark.parametrize(("argv", "message"), [
    (["--jobs", "0"], "revdoor build: error: argument --jobs: '0' is not a whole number of at least 1"),
    (["serve", "--port", "99999"],
     "revdoor serve: error: argument --port: '99999' is not a port number (0 to 65535; 0: any free port)"),
    (["--jobs", "²"], "revdoor build: error: argument --jobs: '²' is not a whole number of at least 1"),
], ids=["jobs", "port", "superscript"])
def test_bad_flag_value_is_a_usage_error(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert usage_error(argv, capsys) == message


def test_summary_without_changed_is_a_usage_error(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--source", str(site), "--summary", str(site / "summary.md")]) == 2
    assert capsys.readouterr().err == ("revdoor check: error: --summary FILE lists the changed pages: it needs "
                                       "--changed BASE\n")


def test_content_error_exits_1_not_2(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "content" / "events" / "broken.md").write_text("---\ntype: arrival\n---\n", encoding="utf-8")
    assert main(["check", "--source", str(site)]) == 1
    assert main(["build", "--source", str(site), "--no-search", "--quiet"]) == 1
    assert "nothing was written" in capsys.readouterr().err
