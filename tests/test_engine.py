"""The preview server's engine: after each edit, its output is exactly a cold build's.

After an edit the engine decides again the pages that read what changed (the record of reads) and renders
those whose fingerprint changed; a change of settings takes the full build. Sequences of edits go through
the engine, and after each one the output directory is compared, file by file, with a cold build of the same
content (tests/test_preview_record.py does it for random edits of every kind).
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.corpus import main as make_corpus
from revdoor.output.builder import build
from revdoor.preview.engine import Engine


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "site"
    assert make_corpus([str(root), "--events", "120", "--people", "30", "--labs", "8", "--articles", "30",
                        "--force"]) == 0
    return root


@pytest.fixture
def site(corpus: Path, tmp_path: Path) -> Path:
    shutil.copytree(corpus, tmp_path / "site")
    return tmp_path / "site"


def set_field(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    if re.search(rf"^{name}:", text, flags=re.MULTILINE):
        text = re.sub(rf"^{name}:.*$", f"{name}: {value}", text, count=1, flags=re.MULTILINE)
    else:
        text = text.replace("\n---\n", f"\n{name}: {value}\n---\n", 1)
    path.write_text(text, encoding="utf-8")


def event_edits(site: Path, rng: random.Random) -> Iterator[tuple[str, Path]]:
    """Edit one event file in place, then yield (what, file); the next edit comes when asked for."""
    events = sorted((site / "content" / "events").glob("*.md"))
    labs = [p.stem for p in sorted((site / "content" / "labs").glob("*.md"))]
    people = [p.stem for p in sorted((site / "content" / "people").glob("*.md"))]
    plan = []
    for what in ["notes", "date", "status-rumored", "status-confirmed", "to", "date-year", "person", "notes",
                 "from", "date-before", "status-denied", "date", "role", "status-reported", "status-confirmed",
                 "role", "notes"]:
        plan.append((what, rng.choice(events)))
    # Curating edits (not structural: the engine skips the indexes and charts) on the newest moves, which
    # home and the site's feeds list, and on one of the oldest, which they do not.
    plan += [("notes", events[-1]), ("status-reported", events[-2]), ("role", events[-3]), ("notes", events[0])]
    # What only the event's own page shows (its notes above, its sources, the role it left): lists are
    # fingerprinted without them, so these check that the lists still show everything they should.
    plan += [("source", events[-1]), ("source", events[len(events) // 2]), ("from_role", events[-2])]
    for what, path in plan:
        text = path.read_text(encoding="utf-8")
        if what == "role":
            set_field(path, "role", f"Head of {rng.choice(['Research', 'Alignment', 'Product'])} {rng.randint(1, 99)}")
        elif what == "notes":
            path.write_text(text + f"\nA later note {rng.random():.6f}.\n", encoding="utf-8")
        elif what.startswith("date"):
            value = {"date": f"20{rng.randint(13, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                     "date-year": f"20{rng.randint(13, 25)}", "date-before": "before 2020-06"}[what]
            set_field(path, "date", value)
        elif what == "source":
            path.write_text(text.replace("sources:\n", f"sources:\n  - https://example.org/{rng.randint(1, 999)}\n", 1),
                            encoding="utf-8")
        elif what == "from_role":
            set_field(path, "from_role", f"Lead {rng.randint(1, 99)}")
        elif what.startswith("status"):
            set_field(path, "status", what.split("-")[1])
        elif what in ("to", "from") and re.search(rf"^{what}:", text, flags=re.MULTILINE):
            set_field(path, what, rng.choice(labs))
        elif what == "person" and re.search(r"^person:", text, flags=re.MULTILINE):
            set_field(path, "person", rng.choice(people))
        else:
            path.write_text(text + "\nTouched.\n", encoding="utf-8")
        yield what, path


def test_engine_output_equals_a_cold_build_after_each_event_edit(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    engine = Engine(site, out, build_options={"with_search": False, "jobs": 1})
    assert engine.full().ok
    fast = 0
    for n, (what, path) in enumerate(event_edits(site, random.Random(7))):
        outcome = engine.rebuild([path])
        cold = tmp_path / f"cold{n}"
        reference = build(site, cold, with_search=False, jobs=1, use_cache=False)
        assert outcome.ok == reference.ok, (what, [p.text() for p in outcome.problems if p.is_error])
        if not outcome.ok:
            continue  # e.g. a move whose from and to became the same lab: both refuse it
        fast += outcome.fast
        assert tree(out) == tree(cold), f"engine output differs from a cold build after editing {what} of {path.name}"
    assert fast >= 8  # the fast path really was taken


def test_an_event_edit_reports_the_pages_it_rendered_and_the_files_it_wrote(site: Path, tmp_path: Path) -> None:
    # The fast path's counts (the server's log line): `rendered` was also the name of the edited event's
    # rendered bodies a few lines before, a dict, until mypy saw it; these pin the counts it reports.
    out = tmp_path / "out"
    engine = Engine(site, out, build_options={"with_search": False, "jobs": 1})
    assert engine.full().ok
    before = tree(out)
    event = sorted((site / "content" / "events").glob("*.md"))[-1]
    event.write_text(event.read_text(encoding="utf-8") + "\nA later note.\n", encoding="utf-8")
    outcome = engine.rebuild([event])
    after = tree(out)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    assert outcome.ok and outcome.fast
    assert type(outcome.rendered) is int and type(outcome.written) is int
    assert outcome.written == len(changed) > 0  # the event's page at least, in each language
    assert outcome.rendered >= outcome.written
    again = engine.rebuild([event])  # saved again, unchanged: every page is fresh
    assert again.ok and again.fast and (again.rendered, again.written) == (0, 0)
    assert tree(out) == after


def test_a_profile_rename_rebuilds_from_the_record_and_equals_a_cold_build(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    engine = Engine(site, out, build_options={"with_search": False, "jobs": 1})
    engine.full()
    person = sorted((site / "content" / "people").glob("*.md"))[0]
    person.write_text(person.read_text(encoding="utf-8").replace("name: ", "name: Dr ", 1), encoding="utf-8")
    outcome = engine.rebuild([person])
    assert outcome.ok and outcome.fast  # not the full build: the pages that read the person were decided again
    assert 0 < outcome.rendered < len(tree(out)) / 2
    assert tree(out) == tree(build_cold(site, tmp_path / "cold"))


def test_engine_reports_a_broken_event_and_recovers_when_fixed(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    engine = Engine(site, out, build_options={"with_search": False, "jobs": 1})
    engine.full()
    event = sorted((site / "content" / "events").glob("*.md"))[3]
    good = event.read_text(encoding="utf-8")
    set_field(event, "status", "maybe")
    broken = engine.rebuild([event])
    assert not broken.ok
    assert any(p.path == f"content/events/{event.name}" and p.field == "status" for p in broken.problems)
    event.write_text(good, encoding="utf-8")
    assert engine.rebuild([event]).ok
    assert tree(out) == tree(build_cold(site, tmp_path / "cold"))


def build_cold(site: Path, out: Path) -> Path:
    assert build(site, out, with_search=False, jobs=1, use_cache=False).ok
    return out


def test_a_bio_a_description_and_an_article_edited_in_place_do_not_load_the_site_again(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    engine = Engine(site, out, build_options={"with_search": False, "jobs": 1})
    assert engine.full().ok

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the site was loaded again for an edit that changes no name")

    monkeypatch.setattr("revdoor.preview.engine.load_site", refused)
    for folder in ("people", "labs", "articles"):
        path = sorted((site / "content" / folder).glob("*.md"))[1]
        path.write_text(path.read_text(encoding="utf-8") + "\nA sentence more.\n", encoding="utf-8")
        outcome = engine.rebuild([path])
        assert outcome.ok and outcome.fast and outcome.rendered > 0, folder
    monkeypatch.undo()
    assert tree(out) == tree(build_cold(site, tmp_path / "cold"))


def test_an_event_edited_in_place_brings_and_takes_back_the_warnings_a_load_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from revdoor.modelling.pipeline import load_site

    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "fixtures" / "good-site", site,
                    ignore=shutil.ignore_patterns(".cache", "public"))
    engine = Engine(site, tmp_path / "out", build_options={"with_search": False, "jobs": 1})
    assert engine.full().ok
    path = site / "content" / "events" / "bubeck-microsoft-to-openai.md"
    good = path.read_text(encoding="utf-8")

    def loaded() -> list[str]:
        monkeypatch.undo()
        return [p.text() for p in load_site(site, jobs=1).problems]

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the site was loaded again for an edit that changes no name")

    for text in (good.replace("date: 2024-10", "date: 2010"), good):
        monkeypatch.setattr("revdoor.preview.engine.load_site", refused)
        path.write_text(text, encoding="utf-8")
        outcome = engine.rebuild([path])
        assert outcome.ok and outcome.fast
        assert [p.text() for p in outcome.problems] == loaded()
    # Moved before his move to Microsoft, Bubeck leaves Microsoft before joining it: warned on the other file.
    path.write_text(good.replace("date: 2024-10", "date: 2010"), encoding="utf-8")
    assert any("bubeck-princeton-to-microsoft.md" in w for w in loaded())
