"""`check` and `build` on fixture sites: one small valid site, and one invalid site per mistake an editor makes.

`tests/sites/base/` is a complete valid site. Each `tests/sites/invalid/<mistake>/` holds only the files that
differ from it (added or replaced) and `expected.txt`, the exact output `check` must print, so every message
an editor can meet is pinned word for word and a change to one shows in review.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from revdoor.tools.cli import main

SITES = Path(__file__).resolve().parent / "sites"
CASES = sorted(p.name for p in (SITES / "invalid").iterdir() if p.is_dir())


def make_site(tmp_path: Path, case: str | None) -> Path:
    """The base site with one mistake laid over it."""
    site = tmp_path / "site"
    shutil.copytree(SITES / "base", site)
    if case is not None:
        shutil.copytree(SITES / "invalid" / case, site, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("expected.txt"))
    return site


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_base_site_checks_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--source", str(make_site(tmp_path, None)), "--strict")
    assert (code, out) == (0, "0 errors, 0 warnings\n")


def test_every_mistake_has_a_case_and_an_expected_output() -> None:
    assert len(CASES) >= 28
    missing = [c for c in CASES if not (SITES / "invalid" / c / "expected.txt").is_file()]
    assert missing == []


@pytest.mark.parametrize("case", CASES)
def test_check_prints_exact_problems(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = (SITES / "invalid" / case / "expected.txt").read_text(encoding="utf-8")
    code, out, err = run(capsys, "check", "--source", str(make_site(tmp_path, case)))
    assert out == expected
    assert "Traceback" not in out + err
    # Warnings alone pass; any error fails.
    assert code == (0 if case.startswith("warning-") else 1)


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("warning-")])
def test_strict_fails_on_warnings(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--source", str(make_site(tmp_path, case)), "--strict")
    assert code == 1
    assert ": warning: " in out


def test_github_format_annotates_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, "unknown-lab-with-suggestion")
    code, out, err = run(capsys, "check", "--source", str(site), "--format", "github")
    assert code == 1
    assert out == ("::error file=content/events/kaiser-joins.md,line=5,title=to::"
                   "unknown lab 'Antrhopic' (did you mean 'Anthropic'?)\n")
    assert err == "1 error, 0 warnings\n"


def test_github_format_marks_warnings_as_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, "warning-overlapping-stints")
    _, out, _ = run(capsys, "check", "--source", str(site), "--format", "github")
    assert out.startswith("::warning file=content/events/bubeck-joins-anthropic.md,line=5,title=to::")


def test_several_mistakes_are_reported_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, "impossible-month")
    shutil.copytree(SITES / "invalid" / "non-http-url", site, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("expected.txt"))
    code, out, _ = run(capsys, "check", "--source", str(site))
    assert code == 1
    assert out.splitlines() == [
        "content/events/kaiser-joins.md:3: date: '2025-13-01' is not a date: there is no month 13",
        "content/labs/anthropic.md:3: url: 'javascript:alert(1)' is not an http(s) URL",
        "2 errors, 0 warnings",
    ]


@pytest.mark.parametrize("case", ["yaml-syntax", "unknown-lab-with-suggestion", "parent-cycle", "not-utf8"])
def test_build_writes_nothing_when_there_are_errors(case: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, case)
    out_dir = tmp_path / "public"
    code, out, err = run(capsys, "build", "--source", str(site), "--output", str(out_dir), "--no-search")
    assert code == 1
    assert not out_dir.exists()
    assert (SITES / "invalid" / case / "expected.txt").read_text().splitlines()[0] in out.splitlines()
    assert "nothing was written" in err


def test_build_with_warnings_writes_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, "warning-overlapping-stints")
    code, out, _ = run(capsys, "build", "--source", str(site), "--output", str(tmp_path / "public"),
                       "--no-search", "--quiet")
    assert code == 0
    assert "0 errors, 1 warning (run `revdoor check` to see them)" in out
    assert (tmp_path / "public" / "people" / "sebastien-bubeck" / "index.html").is_file()


def test_usage_error_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml"])
    assert exc.value.code == 2


def test_missing_site_toml_is_a_problem_not_a_traceback(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, None)
    (site / "site.toml").unlink()
    code, out, err = run(capsys, "check", "--source", str(site))
    assert code in (1, 2)
    assert "site.toml" in out + err
    assert "Traceback" not in out + err
