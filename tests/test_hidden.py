"""A person who opted out (`hidden: true`, docs/policy.md): their name is nowhere in the output, their moves stay.

The good-site fixture with Barret Zoph hidden: he is in two group moves with Luke Metz, in an article's
front matter (as "Brett Zoph"), title and text (as "Barret Zoph", "Brett Zoph" and, for this test, "Zoph",
added as an alias). Every file of the built site is searched, the search index's compressed fragments too.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import build_into, copy_site

from revdoor.content.markup import Linker
from revdoor.output.builder import BuildResult, build
from revdoor.preview.engine import Engine
from revdoor.tools.cli import main

PERSON = "content/people/barret-zoph.md"
# Every way the output could name him: name, aliases, slug, and each given name alone, in any case.
FORBIDDEN = ("barret zoph", "brett zoph", "barret-zoph", "barret", "brett")
HIDDEN_EVENTS = ("zoph-metz-leave-openai", "zoph-metz-return-to-openai")


def hide(site: Path, hidden: bool = True) -> None:
    path = site / PERSON
    text = re.sub(r"(?m)^hidden: .*\n", "", path.read_text(encoding="utf-8"))
    text = text.replace("aliases: [Brett Zoph]", "aliases: [Brett Zoph, Zoph]", 1)
    if hidden:
        text = text.replace("\n---\n", "\nhidden: true\n---\n", 1)
    path.write_text(text, encoding="utf-8")


def output_texts(root: Path) -> dict[str, str]:
    """Every file of the output as text; Pagefind's gzip-compressed files decompressed first."""
    out = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        out[path.relative_to(root).as_posix()] = data.decode("utf-8", "replace")
    return out


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def hidden_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    source = copy_site("good-site", tmp_path_factory.mktemp("hidden") / "site")
    hide(source)
    return build_into(source, source.parent / "public", with_search=True, jobs=1)


def test_the_hidden_person_is_named_in_no_file_of_the_output(hidden_site: BuildResult) -> None:
    assert hidden_site.output is not None
    texts = output_texts(hidden_site.output)
    assert any(name.endswith(".pf_fragment") for name in texts)  # the search index was searched too
    leaks = [(name, word) for name, text in texts.items() for word in FORBIDDEN if word in text.lower()]
    assert leaks == []
    assert [name for name, text in texts.items() if re.search(r"\bZoph\b", text)] == []  # the alias "Zoph"


def test_the_hidden_person_has_no_page_feed_or_data_record(hidden_site: BuildResult) -> None:
    assert hidden_site.output is not None
    assert not (hidden_site.output / "people/barret-zoph").exists()
    people = json.loads((hidden_site.output / "data/people.json").read_text(encoding="utf-8"))["people"]
    assert "barret-zoph" not in {p["slug"] for p in people} and len(people) == 6


def test_their_moves_stay_with_a_researcher_unlinked(hidden_site: BuildResult) -> None:
    assert hidden_site.output is not None
    for slug in HIDDEN_EVENTS:
        html = (hidden_site.output / f"events/{slug}/index.html").read_text(encoding="utf-8")
        assert "<dd><a href=\"/people/luke-metz/\">Luke Metz</a> and a researcher</dd>" in html
        assert "<title>Luke Metz and a researcher " in html
    events = json.loads((hidden_site.output / "data/events.json").read_text(encoding="utf-8"))["events"]
    moved = {e["slug"]: (e["people"], e["anonymous"]) for e in events if e["slug"] in HIDDEN_EVENTS}
    assert moved == {slug: (["luke-metz"], 1) for slug in HIDDEN_EVENTS}


def test_article_text_and_title_say_a_researcher(hidden_site: BuildResult) -> None:
    assert hidden_site.output is not None
    html = (hidden_site.output / "articles/zoph-retour-openai/index.html").read_text(encoding="utf-8")
    assert ">A researcher et Luke Metz reviennent chez OpenAI</h1>" in html
    assert "<p>A researcher et <a class=\"mention\" href=\"/people/luke-metz/\"" in html
    assert "Selon la presse, a researcher aurait été remercié." in html


def test_lab_counts_are_those_of_the_site_without_anyone_hidden(hidden_site: BuildResult,
                                                                 good_site: BuildResult) -> None:
    assert hidden_site.model is not None and good_site.model is not None
    assert hidden_site.model.flows == good_site.model.flows
    labs = {lab: json.loads((site.output / "data/labs.json").read_text(encoding="utf-8"))  # type: ignore[operator]
            for lab, site in (("hidden", hidden_site), ("shown", good_site))}
    counts = [{x["slug"]: (x["arrived"], x["departed"]) for x in labs[k]["labs"]} for k in ("hidden", "shown")]
    assert counts[0] == counts[1]
    html = (hidden_site.output / "labs/openai/index.html").read_text(encoding="utf-8")  # type: ignore[operator]
    now = len(good_site.model.flows["openai"].current)
    assert "barret-zoph" in good_site.model.flows["openai"].current
    assert f"<div><dt>People now</dt><dd>{now}</dd></div>" in html


def test_check_validates_the_hidden_persons_events_and_warns_of_their_name_in_addresses(hidden_site: BuildResult,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert hidden_site.output is not None
    source = hidden_site.output.parent / "site"
    assert main(["check", "--source", str(source)]) == 0
    warning = ("1: warning: the file name contains 'zoph', a name of a hidden person: the page's address shows it "
               "(rename the file, see docs/policy.md)")
    assert capsys.readouterr().out.splitlines() == [
        f"content/articles/zoph-retour-openai.md:{warning}", f"content/events/zoph-metz-leave-openai.md:{warning}",
        f"content/events/zoph-metz-return-to-openai.md:{warning}", "0 errors, 3 warnings"]


def test_check_reports_a_broken_reference_in_a_hidden_persons_event(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    source = copy_site("good-site", tmp_path / "site")
    hide(source)
    event = source / "content/events/zoph-metz-leave-openai.md"
    event.write_text(event.read_text(encoding="utf-8").replace("to: Thinking Machines", "to: Thinking Machine Co"))
    assert main(["check", "--source", str(source)]) == 1
    assert "content/events/zoph-metz-leave-openai.md" in capsys.readouterr().out


def test_redaction_takes_every_form_and_capitalises_a_sentence_start() -> None:
    linker = Linker.from_names([("Barret Zoph", "person:bz", "/people/bz/"), ("Zoph", "person:bz", "/people/bz/"),
                                ("OpenAI", "lab:openai", "/labs/openai/")], hidden={"person:bz"})
    assert linker.redact("**Barret Zoph** left. BARRET ZOPH and Zoph's team; Zophie stays.\n## Zoph") == \
        "**A researcher** left. A researcher and a researcher's team; Zophie stays.\n## A researcher"
    assert linker.redact("OpenAI hired Barret\nZoph") == "OpenAI hired a researcher"
    assert "OpenAI" in linker.names and "Zoph" not in linker.names  # a hidden name is never linked


def test_nobody_hidden_keeps_the_linkers_digest() -> None:
    entries = [("Barret Zoph", "person:bz", "/people/bz/")]
    assert Linker.from_names(entries).digest == Linker.from_names(entries, hidden=()).digest
    assert Linker.from_names(entries).digest != Linker.from_names(entries, hidden={"person:bz"}).digest


def test_engine_hiding_and_showing_again_equals_cold_builds(tmp_path: Path) -> None:
    site = copy_site("good-site", tmp_path / "site")
    hide(site, hidden=False)  # with the alias "Zoph", as when hidden
    out = tmp_path / "out"
    engine = Engine(site, out, build_options={"with_search": False, "jobs": 1})
    assert engine.full().ok
    before = tree(out)

    def cold(name: str) -> dict[str, bytes]:
        assert build(site, tmp_path / name, with_search=False, jobs=1, use_cache=False).ok
        return tree(tmp_path / name)

    hide(site)
    assert engine.rebuild([site / PERSON]).ok
    hidden = tree(out)
    assert hidden == cold("cold-hidden") and "people/barret-zoph/index.html" not in hidden

    # An event edit takes the fast path: its notes are redacted as a full build's are.
    event = site / "content/events/zoph-metz-leave-openai.md"
    event.write_text(event.read_text(encoding="utf-8") + "Barret Zoph was first.\n", encoding="utf-8")
    outcome = engine.rebuild([event])
    assert outcome.ok and outcome.fast
    assert tree(out) == cold("cold-event")
    page = (out / "events/zoph-metz-leave-openai/index.html").read_text(encoding="utf-8")
    assert "<p>They left OpenAI in 2024 and co-founded Thinking Machines Lab.\nA researcher was first.</p>" in page

    hide(site, hidden=False)
    assert engine.rebuild([site / PERSON]).ok
    assert tree(out) == cold("cold-shown")
    event.write_text(event.read_text(encoding="utf-8").replace("Barret Zoph was first.\n", ""), encoding="utf-8")
    assert engine.rebuild([event]).ok
    shutil.rmtree(tmp_path / "cold-shown")
    assert tree(out) == cold("cold-shown") == before


def test_the_footer_links_the_editorial_policy_only_with_a_repository(tmp_path: Path, good_site: BuildResult) -> None:
    assert good_site.output is not None
    assert "Editorial policy" not in (good_site.output / "index.html").read_text(encoding="utf-8")
    source = copy_site("good-site", tmp_path / "site")
    toml = source / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'repository = "https://github.com/owner/tracker"\n')
    site = build_into(source, tmp_path / "out", with_search=False, jobs=1)
    html = (tmp_path / "out/labs/openai/index.html").read_text(encoding="utf-8")
    assert site.ok and ('<a href="https://github.com/owner/tracker/blob/main/docs/policy.md">Editorial policy and '
                        'corrections</a>') in html
