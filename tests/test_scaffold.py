"""`python build.py new ...` writes a file `check` accepts, at the right path, or writes nothing."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from revdoor.modelling.pipeline import load_site
from revdoor.tools.cli import main
from revdoor.tools.scaffold import cmd_new

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the good fixture site; stdin is not a terminal, so nothing prompts."""
    dest = tmp_path / "site"
    shutil.copytree(FIXTURES / "good-site", dest, ignore=shutil.ignore_patterns(".cache", "public"))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    return dest


def new(site: Path, *args: str) -> int:
    return main(["new", "--source", str(site), *args])


def errors(site: Path) -> list[str]:
    return [p.text() for p in load_site(site, bodies=False).problems if p.is_error]


def test_writes_a_person_profile_named_after_its_slug(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = new(site, "person", "--name", "Jane Exämple", "--aliases", "J. Example, Jane E.",
               "--links", "homepage=https://example.org/jane")
    assert code == 0
    assert capsys.readouterr().out == "wrote content/people/jane-example.md\n"
    assert (site / "content/people/jane-example.md").read_text(encoding="utf-8") == (
        "---\nname: Jane Exämple\naliases: [J. Example, Jane E.]\nlinks:\n  homepage: https://example.org/jane\n---\n")
    assert errors(site) == []


def test_writes_an_event_that_check_accepts(site: Path) -> None:
    code = new(site, "event", "--person", "sebastien bubeck", "--type", "move", "--from", "OpenAI",
               "--to", "Meta", "--date", "2026-02", "--status", "rumored",
               "--sources", "bubeck-joins-openai,https://example.com/story", "--body", "Said by one source.")
    assert code == 0
    text = (site / "content/events/sebastien-bubeck-openai-to-meta.md").read_text(encoding="utf-8")
    assert text.startswith("---\nperson: sebastien bubeck\ndate: 2026-02\ntype: move\nfrom: OpenAI\nto: Meta\n"
                           "status: rumored\n")
    assert text.endswith("---\nSaid by one source.\n")
    assert errors(site) == []


def test_refuses_unknown_lab_with_suggestion_and_writes_nothing(site: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    code = new(site, "event", "--person", "Mira Murati", "--type", "arrival", "--to", "Mcrosoft",
               "--date", "2026-01", "--sources", "https://example.com/a")
    out, err = capsys.readouterr()
    assert code == 1
    assert "content/events/mira-murati-to-mcrosoft.md:5: to: unknown lab 'Mcrosoft' (did you mean 'Microsoft'?)" \
        in out.splitlines()
    assert err == "nothing was written: fix the error above\n"
    assert not (site / "content/events/mira-murati-to-mcrosoft.md").exists()


def test_refuses_an_unknown_article_slug_in_sources(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = new(site, "event", "--unnamed", "Two researchers", "--type", "departure", "--from", "OpenAI",
               "--date", "2026-01", "--sources", "bubeck-joins-opena", "--slug", "murati-again")
    assert code == 1
    assert capsys.readouterr().out == ("content/events/murati-again.md:6: sources: unknown article "
                                       "'bubeck-joins-opena' (did you mean 'bubeck-joins-openai'?)\n")


def test_refuses_missing_required_fields(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(site, "article", "--title", "A headline") == 1
    assert capsys.readouterr().out == "content/articles/a-headline.md:1: date: missing required field\n"
    assert not (site / "content/articles/a-headline.md").exists()


def test_never_overwrites_an_existing_file(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = site / "content/people/mira-murati.md"
    before = path.read_bytes()
    assert new(site, "person", "--name", "Mira Murati") == 1
    assert capsys.readouterr().out == ("content/people/mira-murati.md:1: already exists: nothing was written "
                                       "(choose another --slug, or edit the existing file)\n")
    assert path.read_bytes() == before


def test_refuses_an_invalid_slug(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(site, "lab", "--name", "Anthropic", "--slug", "Anthropic_PBC") == 1
    assert capsys.readouterr().out == ("content/labs/Anthropic_PBC.md:1: 'Anthropic_PBC' is not a valid slug "
                                       "(use lowercase ASCII letters, digits and hyphens, e.g. --slug "
                                       "anthropic-pbc)\n")


def test_refuses_a_field_the_kind_does_not_have(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(site, "person", "--name", "X", "--type", "move") == 2
    assert capsys.readouterr().err == ("error: person files have no --type; "
                                       "fields: name, aliases, links, redirect_from, hidden\n")


def test_article_source_field_has_its_own_flag(site: Path) -> None:
    code = new(site, "article", "--title", "Une annonce", "--date", "2026-01-05", "--lang", "fr",
               "--publication", "WIRED", "--labs", "OpenAI")
    assert code == 0
    text = (site / "content/articles/une-annonce.md").read_text(encoding="utf-8")
    assert "\nsource: WIRED\n" in text
    assert errors(site) == []


def test_prompts_for_missing_required_fields_in_a_terminal(site: Path) -> None:
    answers = iter(["Mira Murati", "2026-03", "departure", "https://example.com/a", "OpenAI"])
    questions: list[str] = []

    def ask(question: str) -> str:
        questions.append(question.split(" ", 1)[0])
        return next(answers)

    from revdoor.tools.cli import parser

    args = parser().parse_args(["new", "--source", str(site), "event"])
    assert cmd_new(args, ask=ask) == 0
    assert questions == ["person", "date", "type", "sources", "from"]
    assert (site / "content/events/mira-murati-openai.md").read_text(encoding="utf-8") == (
        "---\nperson: Mira Murati\ndate: 2026-03\ntype: departure\nfrom: OpenAI\n"
        "sources: ['https://example.com/a']\n---\n")
    assert errors(site) == []


def test_refuses_to_antrhopic_with_did_you_mean_anthropic(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "content/labs/anthropic.md").write_text("---\nname: Anthropic\nkind: company\n---\n", encoding="utf-8")
    code = new(site, "event", "--person", "Lukasz Kaiser", "--type", "arrival", "--to", "Antrhopic",
               "--date", "2026-02", "--sources", "https://example.com/a")
    assert code == 1
    assert "content/events/lukasz-kaiser-to-antrhopic.md:5: to: unknown lab 'Antrhopic' (did you mean " \
           "'Anthropic'?)" in capsys.readouterr().out.splitlines()
    assert list((site / "content/events").glob("*antrhopic*")) == []
