"""`check --changed BASE`: the pages a pull request adds, changes and removes, against a real git history
(a temporary repository holding tests/sites/base, then an edit), and the refusal of a rename without a
redirect."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from revdoor.tools.cli import main

SITES = Path(__file__).resolve().parent / "sites"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose first commit is the base site, in a subfolder as the fixtures are."""
    root = tmp_path / "repo"
    shutil.copytree(SITES / "base", root / "site")
    (root / "README").write_text("not part of the site\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def commit(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edit")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_unchanged_content_changes_no_page(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--source", str(repo / "site"), "--changed", "HEAD")
    assert (code, out) == (0, "pages: 0 added, 0 changed, 0 removed\n0 errors, 0 warnings\n")


def test_an_edited_lab_changes_its_page_and_the_pages_showing_it(repo: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    lab = repo / "site/content/labs/openai.md"
    lab.write_text(lab.read_text().replace("kind: company", "kind: lab"))
    commit(repo)
    code, out, _ = run(capsys, "check", "--source", str(repo / "site"), "--changed", "HEAD~1")
    assert code == 0
    assert out.splitlines() == [
        "changed /data/labs.json",
        "changed /labs/",
        "changed /labs/openai/",
        "pages: 0 added, 3 changed, 0 removed",
        "0 errors, 0 warnings",
    ]


def test_a_new_person_and_a_removed_event_add_and_remove_their_pages(repo: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    site = repo / "site"
    (site / "content/people/mira-murati.md").write_text("---\nname: Mira Murati\n---\nFormer CTO.\n")
    (site / "content/events/bubeck-microsoft-to-openai.md").unlink()
    commit(repo)
    code, out, _ = run(capsys, "check", "--source", str(site), "--changed", "HEAD~1")
    lines = out.splitlines()
    assert code == 0
    changed = [x.removeprefix("changed ") for x in lines if x.startswith("changed ")]
    assert [x for x in lines if not x.startswith("changed ")] == [
        "added /people/mira-murati/",
        "added /people/mira-murati/feed.xml",
        "removed /events/bubeck-microsoft-to-openai/",
        f"pages: 2 added, {len(changed)} changed, 1 removed",
        "0 errors, 0 warnings",
    ]
    assert {"/", "/people/", "/people/sebastien-bubeck/", "/data/events.json", "/feed.json",
            "/sitemap.xml"} <= set(changed)
    assert changed == sorted(changed)


def test_the_working_tree_counts_not_only_commits(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    person = repo / "site/content/people/lukasz-kaiser.md"
    person.write_text(person.read_text().replace("Researcher.", "Researcher at OpenAI."))  # not committed
    code, out, _ = run(capsys, "check", "--source", str(repo / "site"), "--changed", "HEAD")
    assert (code, out) == (0, "changed /people/lukasz-kaiser/\npages: 0 added, 1 changed, 0 removed\n"
                              "0 errors, 0 warnings\n")


def test_a_rename_without_a_redirect_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = repo / "site/content/people"
    (people / "lukasz-kaiser.md").rename(people / "lukasz-kaiser-2.md")
    commit(repo)
    code, out, _ = run(capsys, "check", "--source", str(repo / "site"), "--changed", "HEAD~1")
    assert code == 1
    assert out.splitlines()[-2:] == [
        "content/people/lukasz-kaiser.md:1: removed without a redirect: /people/lukasz-kaiser/ would break "
        "(list 'lukasz-kaiser' in redirect_from of the profile that replaces it)",
        "1 error, 0 warnings",
    ]


def test_a_rename_with_a_redirect_keeps_the_old_url(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = repo / "site/content/people"
    (people / "lukasz-kaiser.md").unlink()
    (people / "lukasz-kaiser-2.md").write_text("---\nname: Łukasz Kaiser\nredirect_from: [lukasz-kaiser]\n---\n"
                                               "Researcher.\n")
    commit(repo)
    code, out, _ = run(capsys, "check", "--source", str(repo / "site"), "--changed", "HEAD~1")
    assert code == 0
    lines = out.splitlines()
    assert "added /people/lukasz-kaiser-2/" in lines
    assert "changed /people/lukasz-kaiser/" in lines  # the profile became its redirect
    assert "removed /people/lukasz-kaiser/feed.xml" in lines
    assert lines[-1] == "0 errors, 0 warnings"


def test_github_format_prints_one_notice_and_writes_the_job_summary(repo: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    lab = repo / "site/content/labs/openai.md"
    lab.write_text(lab.read_text().replace("kind: company", "kind: lab"))
    commit(repo)
    summary = tmp_path / "summary.md"
    code, out, err = run(capsys, "check", "--source", str(repo / "site"), "--changed", "HEAD~1", "--format",
                         "github", "--summary", str(summary))
    assert code == 0
    assert out == ("::notice title=Pages changed::pages: 0 added, 3 changed, 0 removed (against HEAD~1)%0A"
                   "changed /data/labs.json%0Achanged /labs/%0Achanged /labs/openai/\n")
    assert err == "0 errors, 0 warnings\n"
    assert summary.read_text() == ("### Pages this change adds, changes and removes\n\n"
                                   "Against `HEAD~1`: 0 added, 3 changed, 0 removed.\n\n"
                                   "- changed `/data/labs.json`\n- changed `/labs/`\n- changed `/labs/openai/`\n")


def test_content_errors_are_reported_as_check_does(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(SITES / "invalid" / "non-http-url", repo / "site", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("expected.txt"))
    code, out, _ = run(capsys, "check", "--source", str(repo / "site"), "--changed", "HEAD")
    assert code == 1
    assert out == (SITES / "invalid" / "non-http-url" / "expected.txt").read_text()


def test_an_unknown_base_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--source", str(repo / "site"), "--changed", "no-such-branch")
    assert (code, out) == (2, "")
    assert err.startswith("error: --changed no-such-branch: fatal: ")


def test_an_edited_article_changes_its_page_in_each_language(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every language frames every article (issue 18, point 7): an edit to its text changes both frames."""
    toml = repo / "site/site.toml"
    toml.write_text(toml.read_text() + 'languages = ["en", "fr"]\n')
    commit(repo)
    article = repo / "site/content/articles/bubeck-rejoint-openai.md"
    article.write_text(article.read_text() + "\nIl y dirigera une équipe de recherche.\n")
    commit(repo)
    code, out, _ = run(capsys, "check", "--source", str(repo / "site"), "--changed", "HEAD~1")
    assert code == 0
    assert out.splitlines() == [
        "changed /articles/bubeck-rejoint-openai/",
        "changed /fr/articles/bubeck-rejoint-openai/",
        "pages: 0 added, 2 changed, 0 removed",
        "0 errors, 0 warnings",
    ]


def test_coverage_notices_come_with_the_changed_pages_and_never_fail(repo: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    article = repo / "site/content/articles/kaiser-rejoint-anthropic.md"
    article.write_text("---\ntitle: Łukasz Kaiser rejoint Anthropic\ndate: 2025-03-02\nlang: fr\nsource: Exemple\n"
                       "source_url: https://news.example.org/kaiser\n---\n"
                       "Le chercheur Łukasz Kaiser a rejoint Anthropic cette semaine.\n")
    commit(repo)
    code, out, _ = run(capsys, "check", "--source", str(repo / "site"), "--changed", "HEAD~1", "--coverage",
                       "--strict")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "0 errors, 0 warnings"
    assert lines[-2].startswith("content/articles/kaiser-rejoint-anthropic.md:8: moves: '")
    assert lines[-2].endswith("' is not recorded; `build.py draft` can propose it")
    assert "added /articles/kaiser-rejoint-anthropic/" in lines
