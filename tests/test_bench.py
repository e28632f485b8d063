"""The benchmark package: its corpus is deterministic, valid and varied; `python -m bench` writes its table."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from deadlines import HANG_GUARD_S

from bench import measure, rebuild, report
from bench.corpus import SIZES
from bench.texts import write_site
from revdoor.modelling.pipeline import load_site

REPO = Path(__file__).resolve().parent.parent
SMALL = (300, 60, 14, 80)  # events, people, labs, articles: enough for every kind of move to appear


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    write_site(out, *SMALL, seed=3)
    return out


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def front(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[0]


def test_sizes_are_the_issues_counts() -> None:
    assert SIZES == {"S": (1_000, 200, 40, 300), "M": (10_000, 2_000, 150, 3_000),
                     "L": (50_000, 10_000, 500, 15_000), "XL": (200_000, 40_000, 1_000, 50_000)}


def test_same_arguments_and_seed_give_byte_identical_files(tmp_path: Path) -> None:
    write_site(tmp_path / "a", 80, 20, 8, 20, seed=5)
    write_site(tmp_path / "b", 80, 20, 8, 20, seed=5)
    write_site(tmp_path / "c", 80, 20, 8, 20, seed=6)
    a, b, c = files_of(tmp_path / "a"), files_of(tmp_path / "b"), files_of(tmp_path / "c")
    assert a == b
    assert a != c


def test_corpus_has_the_requested_counts(small_corpus: Path) -> None:
    counts = tuple(len(list((small_corpus / "content" / kind).glob("*.md")))
                   for kind in ("events", "people", "labs", "articles"))
    assert counts == SMALL
    assert (small_corpus / "site.toml").is_file()


def test_corpus_checks_with_no_errors_and_no_warnings(small_corpus: Path) -> None:
    loaded = load_site(small_corpus)
    assert [p.text() for p in loaded.problems] == []
    assert loaded.model is not None


def test_corpus_has_every_kind_of_move_and_reference(small_corpus: Path) -> None:
    events = [front(p) for p in sorted((small_corpus / "content" / "events").glob("*.md"))]
    joined = "\n".join(events)
    assert any("\npeople:\n" in e for e in events), "a group move"
    assert re.search(r"^unnamed: .+\ncount: \d+$", joined, re.M), "an unnamed move with a count"
    for status in ("confirmed", "reported", "rumored", "denied"):
        assert f"status: {status}" in joined
    assert re.search(r"^date: before \d{4}-\d\d", joined, re.M)
    assert re.search(r"^date: \d{4}$", joined, re.M), "a year-precision date"
    assert re.search(r"^date: \d{4}-\d\d$", joined, re.M), "a month-precision date"
    for kind in ("move", "departure", "arrival", "founding", "role-change"):
        assert f"type: {kind}" in joined
    people = "\n".join(front(p) for p in (small_corpus / "content" / "people").glob("*.md"))
    assert re.search(r"[À-ÿŁłŚśŻżĆćŃńŘřŠšČčŞşĞğİıŐő]", people), "accented names"
    assert "aliases:" in people
    # An accent-stripped lowercase name as a reference ("lukasz wojcik" for "Łukasz Wójcik").
    names = {re.search(r'^name: "(.*)"$', front(p), re.M).group(1)  # type: ignore[union-attr]
             for p in (small_corpus / "content" / "people").glob("*.md")}
    from revdoor.common.names import fold
    folded = {fold(n) for n in names if fold(n) != n}
    assert any(f'"{f}"' in joined for f in folded)


def test_articles_are_french_and_english_and_about_600_words(small_corpus: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in (small_corpus / "content" / "articles").glob("*.md")]
    langs = {re.search(r"^lang: (\w+)$", t, re.M).group(1) for t in texts}  # type: ignore[union-attr]
    assert langs == {"en", "fr"}
    words = [len(t.split("\n---\n", 1)[1].split()) for t in texts]
    assert min(words) >= 500
    assert max(words) <= 800


def test_events_cite_the_articles_that_report_them(small_corpus: Path) -> None:
    articles = {p.stem for p in (small_corpus / "content" / "articles").glob("*.md")}
    cited = set(re.findall(r"^  - ([a-z0-9-]+)$", "\n".join(
        front(p) for p in (small_corpus / "content" / "events").glob("*.md")), re.M))
    assert cited == articles


def test_results_file_keeps_other_sizes_when_one_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    report.update(path, "<!-- size:M -->\nM first\n<!-- /size:M -->")
    report.update(path, "<!-- size:S -->\nS first\n<!-- /size:S -->")
    report.update(path, "<!-- size:S -->\nS again\n<!-- /size:S -->")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results")
    assert "S again" in text and "M first" in text and "S first" not in text
    assert text.index("S again") < text.index("M first")


def test_hand_written_notes_stay_after_their_sizes_tables_when_a_table_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("<!-- notes:M -->\nwhy M\n<!-- /notes:M -->\n<!-- size:L -->\nL\n<!-- /size:L -->\n")
    report.update(path, "<!-- paired:M -->\nM paired\n<!-- /paired:M -->")
    report.update(path, "<!-- size:M -->\nM table\n<!-- /size:M -->")
    text = path.read_text(encoding="utf-8")
    assert text.index("M table") < text.index("M paired") < text.index("why M") < text.index("L\n")


@pytest.mark.slow
def test_benchmark_at_size_s_writes_its_table_with_every_row(tmp_path: Path) -> None:
    """CI's smoke test of the benchmark (issue 4 point 6): it finishes and writes its table; no time is judged."""
    results = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "S", "--runs", "1", "--warmup", "0",
         "--work", str(tmp_path / "work"), "--results", str(results)],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    text = results.read_text(encoding="utf-8")
    section = text[text.index("<!-- size:S -->"):text.index("<!-- /size:S -->")]
    assert "## S: 1,000 events, 200 people, 40 labs, 300 articles" in section
    for label, _, _ in report.ROWS.values():
        assert f"| {label}" in section, label
    assert "| pages (HTML, feeds, sitemap, robots) | " in section
    assert "| Pagefind index | " in section
    assert "0 errors" in section


# Two children hold about 60 MB each at the same time, until the sampler has looked at the tree while both
# held it: they wait on a pipe from their parent, which waits on a FIFO from the test, which waits for that
# sample. No child sleeps for a while hoping to be seen. (signal.alarm: a hang guard, should a child die.)
HELD_CHILD = f"""
import os, signal, sys
signal.alarm({2 * HANG_GUARD_S})
held = b"x" * 60_000_000  # every page written, so resident
os.write(int(sys.argv[1]), b"r")
os.read(int(sys.argv[2]), 1)  # until the parent closes its end
"""
HOLDING_PARENT = f"""
import os, signal, subprocess, sys
signal.alarm({2 * HANG_GUARD_S})
child, ready_fifo, release_fifo = sys.argv[1:]
ready_r, ready_w = os.pipe()
release_r, release_w = os.pipe()
children = [subprocess.Popen([sys.executable, "-c", child, str(ready_w), str(release_r)],
                             pass_fds=(ready_w, release_r)) for _ in range(2)]
os.close(release_r)
got = b""
while len(got) < 2:
    got += os.read(ready_r, 2 - len(got))
with open(ready_fifo, "wb") as f:
    f.write(b"r")
with open(release_fifo, "rb") as f:
    f.read(1)
os.close(release_w)
codes = [c.wait() for c in children]
sys.exit(1 if any(codes) else 0)
"""


def run_sampled_while_ready(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str,
                            *args: str) -> tuple[measure.Run, bool]:
    """`measure.run_once` of `python -c script *args READY RELEASE`: the run writes to the FIFO READY once its
    tree is in the state to measure, and waits on RELEASE, which the test writes only after a sample began in
    that state. (run, whether such a sample was taken.)"""
    ready_fifo, release_fifo = tmp_path / "ready", tmp_path / "release"
    os.mkfifo(ready_fifo)
    os.mkfifo(release_fifo)
    # Opened read-write: neither open waits for the other side, and neither end sees an early end of file.
    ready, release = os.open(ready_fifo, os.O_RDWR), os.open(release_fifo, os.O_RDWR)
    in_state, sampled = threading.Event(), threading.Event()
    sample = measure.tree_memory

    def sample_and_say(pid: int) -> tuple[int, int]:
        was_in_state = in_state.is_set()
        sizes = sample(pid)
        if was_in_state:
            sampled.set()  # a sample begun after the tree reached the state, and before it leaves it
        return sizes

    def let_go_once_sampled() -> None:
        if select.select([ready], [], [], HANG_GUARD_S)[0]:
            os.read(ready, 1)
            in_state.set()
            sampled.wait(HANG_GUARD_S)
        os.write(release, b"g")  # also on a hang guard's failure, so that the run ends (and the test fails)

    monkeypatch.setattr(measure, "tree_memory", sample_and_say)
    helper = threading.Thread(target=let_go_once_sampled, daemon=True)
    helper.start()
    try:
        run = measure.run_once([sys.executable, "-c", script, *args, str(ready_fifo), str(release_fifo)])
        helper.join(HANG_GUARD_S)
    finally:
        os.close(ready)
        os.close(release)
    return run, sampled.is_set()


def test_peak_memory_sums_the_process_tree_and_also_keeps_the_largest_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run, sampled = run_sampled_while_ready(tmp_path, monkeypatch, HOLDING_PARENT, HELD_CHILD)
    assert run.rc == 0, run.output
    assert sampled, "the tree was never sampled while both children held their memory"
    assert 55 <= run.max_rss_mb < 100  # the largest process: one child
    assert run.tree_rss_mb >= 115  # the sum of the two children's


def test_paired_ratio_is_quoted_from_the_shared_scripts_records(tmp_path: Path) -> None:
    summary = {"median": 2.0, "min": 1.5, "max": 2.5}
    record = {"label": "ours, cold (A) vs hugo (B)", "runs": 3, "wall": {"median": 9.0, "min": 8.0, "max": 10.0},
              "tree_rss_mb": {"median": 500.0}, "vs": {"wall": {"median": 7.5}, "tree_rss_mb": {"median": 758.0},
                                                        "ratio": {"median": 1.2, "min": 1.1, "max": 1.3}}}
    results = tmp_path / "results.jsonl"
    results.write_text(json.dumps({"label": "hugo build, cold", "wall": summary}) + "\n" + json.dumps(record) + "\n")
    block = report.paired_section("M", results)
    assert block.startswith("<!-- paired:M -->") and block.endswith("<!-- /paired:M -->")
    assert "**ratio ours / Hugo 1.20** (1.10 – 1.30)" in block
    assert "Hugo 7.50 s" in block


def test_rebuild_measure_restores_every_file_it_edits(tmp_path: Path) -> None:
    write_site(tmp_path / "site", 40, 12, 6, 10, seed=2)
    before = files_of(tmp_path / "site" / "content")
    for edit in rebuild.EDITS:
        result = rebuild.measure(tmp_path / "site", tmp_path / "out", edit, runs=2)
        runs = len(rebuild.series(tmp_path / "site", edit)) if edit in rebuild.SERIES else 2
        assert len(result["times"]) == runs, edit  # type: ignore[arg-type]
        assert result["paths"] == ["record"], edit  # no edit of these takes the full build
    assert files_of(tmp_path / "site" / "content") == before
    assert not (tmp_path / "site" / "templates").exists()


def test_results_file_shows_growth_between_measured_sizes(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    rows = [report.Row("cold", measure.Summary(2.0, 1.0, 3.0)), report.Row("warm", measure.Summary(1.0, 1.0, 1.0))]
    report.update(path, report.section("S", SIZES["S"], rows, {}, 3, 1, []))
    assert "Growth between sizes" not in path.read_text(encoding="utf-8")
    rows = [report.Row("cold", measure.Summary(30.0, 29.0, 31.0)), report.Row("warm", measure.Summary(5.0, 5, 5))]
    report.update(path, report.section("M", SIZES["M"], rows, {}, 3, 1, []))
    text = path.read_text(encoding="utf-8")
    assert "| M / S | 10.0× | 15.00× | 5.00× |  |  |" in text
    assert text.index("<!-- size:M -->") < text.index("<!-- growth:all -->")


def test_the_screenshots_command_shoots_every_page_kind_in_each_language_and_only_pages_the_build_writes(
        request: pytest.FixtureRequest) -> None:
    """`python -m bench.shots` is not run in CI; what it would shoot is: one page of each kind it names, in each
    language, each a page the build wrote (not a redirect), so a renamed section cannot leave it shooting 404s."""
    from bench import shots

    out: Path = request.getfixturevalue("real_site").output
    taken = shots.shots(out)
    assert sorted((s.kind, s.lang) for s in taken) == sorted((k, lang) for k in shots.KINDS for lang in shots.LANGUAGES)
    for shot in taken:
        page = out / shot.path.lstrip("/") / "index.html"
        assert page.is_file() and 'http-equiv="refresh"' not in page.read_text(encoding="utf-8"), shot
        assert shot.path.startswith("/fr/") == (shot.lang == "fr"), shot  # in its language's frame
        if shot.kind != "article":  # an article is in its own language, whatever the interface's around it
            assert f'<html lang="{shot.lang}">' in page.read_text(encoding="utf-8"), shot
    assert len({s.name(w, t) for s in taken for w in shots.WIDTHS for t in shots.THEMES}) == 4 * len(taken)


WAITING_CHILD = f"""
import signal, sys
signal.alarm({2 * HANG_GUARD_S})
with open(sys.argv[1], "wb") as f:
    f.write(b"r")
with open(sys.argv[2], "rb") as f:
    f.read(1)
"""


def test_the_largest_process_is_its_own_memory_never_that_of_the_process_that_started_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux gives a process started by a large one that one's high-water mark (ru_maxrss counts the address
    space replaced at exec): the suite's own process, grown by the tests before, made a 60 MB child 164 MB."""
    ballast = b"x" * 200_000_000  # this process, the starter, is large
    run, sampled = run_sampled_while_ready(tmp_path, monkeypatch, WAITING_CHILD)
    assert len(ballast) == 200_000_000
    assert run.rc == 0, run.output
    assert sampled, "the child was never sampled while it ran"
    assert 1 <= run.max_rss_mb < 60  # a bare Python, not the 200 MB of the process that started it
