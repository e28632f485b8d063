"""Rebuild time after one edit, in the preview server's engine, timed from the edit to the last byte written.

    python -m bench.rebuild SRC OUT --edit event|profile|article|template|mixed|rename [--runs 3]

Run as its own process by `python -m bench`, so that its peak memory (initial build and rebuilds) is
measured like a build's. Prints one JSON line. Each run edits one file the way an editor would, times the
rebuild, then restores the file and rebuilds again untimed, so every run starts from the same site. The
event edit alternates, as the Hugo measurement does, between a sentence appended to the notes and a changed
status; the template edit changes the person page's template, overridden in SRC/templates/.

`mixed` is issue 17's series: twenty edits of mixed kinds, one after the other, the first one right after
the first build (as an editor's first save after `serve` starts): an event's notes, status, date, person,
destination; a person's bio, a lab's description, an article's text; each timed, then undone untimed.
`rename` renames a person and gives another one a new alias: what every body's name links may follow.
Both report the median and the 95th percentile.

The preview server's engine (`revdoor.preview.engine.Engine`) is used when present, called directly rather
than through the file watcher; the output says which path each rebuild took (`"paths": ["record"]` when it
decided again only the pages that read what changed, "full" for its full build with in-memory caches).
Without the engine, every rebuild is a full `build(..., with_search=False)` (`"engine": "build"`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from revdoor.common.resources import TEMPLATES
from revdoor.output.builder import build

EDITS = ("event", "profile", "article", "template", "mixed", "rename")
SERIES = ("mixed", "rename")
TEMPLATE = "person.html"


def pick(source: Path, folder: str, needle: str = "") -> Path:
    """The middle file of a folder (by name) whose text contains `needle`: stable across runs."""
    files = sorted((source / "content" / folder).glob("*.md"))
    if needle:
        files = [f for f in files if needle in f.read_text(encoding="utf-8")] or files
    return files[len(files) // 2]


def edited(edit: str, text: str, run: int) -> str:
    """The file's text after one editor's change (different at every run, so it is never a no-op)."""
    if edit == "event" and run % 2 == 1:
        return text.replace("status: confirmed", "status: reported", 1)
    if edit == "template":
        return text.replace("{% endblock %}", f"<!-- bench edit {run} -->{{% endblock %}}", 1)
    return text.rstrip("\n") + f"\n\nEdited for the benchmark, run {run}.\n"


def target(source: Path, edit: str) -> Path:
    if edit == "event":
        return pick(source, "events", "status: confirmed")
    if edit == "profile":
        return pick(source, "people")
    if edit == "article":
        return pick(source, "articles")
    override = source / "templates" / TEMPLATE  # the site's own copy wins over the project's
    if not override.exists():
        override.parent.mkdir(exist_ok=True)
        shutil.copyfile(TEMPLATES / TEMPLATE, override)
    return override


def engine(source: Path, output: Path) -> tuple[str, Callable[[Path], str]]:
    """(kind, rebuild) where rebuild(path) returns how that rebuild was done.

    The preview server's engine (`revdoor.preview.engine.Engine`) when there is one: its first build is untimed,
    as `serve` does it before watching; each rebuild is called with the edited path, as the watcher would
    (its debounce is not counted). Without an engine, every rebuild is a full `build(..., with_search=False)`.
    """
    try:
        from revdoor.preview.engine import Engine
    except ImportError:
        Engine = None  # noqa: N806 - the class, when the module exists
    if Engine is not None:
        eng = Engine(source, output, build_options={"with_search": False})
        _check(eng.full())

        def incremental(path: Path) -> str:
            outcome = eng.rebuild([path])
            _check(outcome)
            return "record" if outcome.fast else "full"

        return "engine", incremental

    def full(_: Path) -> str:
        result = build(source, output, with_search=False)
        if not result.ok:
            raise RuntimeError("\n".join(p.text() for p in result.problems if p.is_error))
        return "full"

    full(source)
    return "build", full


def _check(outcome: object) -> None:
    if not getattr(outcome, "ok", False):
        problems = getattr(outcome, "problems", [])
        raise RuntimeError("\n".join(p.text() for p in problems if p.is_error) or "the rebuild failed")


def series(source: Path, edit: str) -> list[tuple[str, Path, Callable[[str, int], str]]]:
    """The edits of a `mixed` or `rename` run: (what, file, how its text changes at run n)."""
    labs = [p.stem for p in sorted((source / "content" / "labs").glob("*.md"))]
    people = [p.stem for p in sorted((source / "content" / "people").glob("*.md"))]

    def nth(folder: str, i: int, needle: str = "") -> Path:
        files = sorted((source / "content" / folder).glob("*.md"))
        files = [f for f in files if needle in f.read_text(encoding="utf-8")] if needle else files
        return files[(len(files) * (2 * i + 1)) // 7 % len(files)]

    def field(name: str, value: Callable[[int], str]) -> Callable[[str, int], str]:
        return lambda text, n: re.sub(rf"^{name}: .*$", f"{name}: {value(n)}", text, count=1, flags=re.MULTILINE)

    def more(text: str, n: int) -> str:
        return text.rstrip("\n") + f"\n\nEdited for the benchmark, run {n}.\n"

    def status(text: str, n: int) -> str:
        return field("status", lambda _: "reported" if "status: confirmed" in text else "confirmed")(text, n)

    if edit == "rename":
        def alias(text: str, n: int) -> str:
            if "\naliases:" not in text:
                return text.replace("\n---\n", f'\naliases: ["Alias {n}"]\n---\n', 1)
            return re.sub(r"^aliases: \[", f'aliases: ["Alias {n}", ', text, count=1, flags=re.MULTILINE)

        def renamed(text: str, n: int) -> str:
            """A new name, the old one kept as an alias (as an editor does: references by it still hold)."""
            old = re.search(r"^name: (.*)$", text, flags=re.MULTILINE)
            assert old is not None
            text = field("name", lambda _: f'"Renamed Person {n}"')(text, n)
            return alias(text, n).replace(f'"Alias {n}"', old.group(1), 1)

        return [*(("rename", nth("people", i), renamed) for i in range(3)),
                *(("alias", nth("people", i + 3), alias) for i in range(3))]
    edits: list[tuple[str, Path, Callable[[str, int], str]]] = []
    date = field("date", lambda n: f"20{10 + n % 15}-0{1 + n % 9}-1{n % 9}")
    for i in range(3):
        edits += [("event notes", nth("events", i), more), ("event status", nth("events", i + 1, "status:"), status),
                  ("person bio", nth("people", i), more), ("lab description", nth("labs", i), more),
                  ("article text", nth("articles", i), more), ("event date", nth("events", i + 2), date)]
    person = field("person", lambda n: f'"{people[n % len(people)]}"')
    edits += [("event person", nth("events", 3, "\nperson:"), person),
              ("event to", nth("events", 4, "\nto:"), field("to", lambda n: f'"{labs[n % len(labs)]}"'))]
    return edits[:20]


def measure_series(source: Path, output: Path, edit: str) -> dict[str, object]:
    kind, rebuild = engine(source, output)
    times, paths, whats = [], [], []
    for n, (what, path, change) in enumerate(series(source, edit)):
        original = path.read_text(encoding="utf-8")
        try:
            start = time.perf_counter()
            path.write_text(change(original, n), encoding="utf-8")
            paths.append(rebuild(path))
            times.append(time.perf_counter() - start)
            whats.append(what)
        finally:
            path.write_text(original, encoding="utf-8")
        rebuild(path)
    ranked = sorted(times)
    return {"edit": edit, "engine": kind, "paths": sorted(set(paths)), "times": times, "edits": whats,
            "p95": ranked[min(len(ranked) - 1, round(0.95 * (len(ranked) - 1)))]}


def measure(source: Path, output: Path, edit: str, runs: int) -> dict[str, object]:
    if edit in SERIES:  # a series has its own number of edits
        return measure_series(source, output, edit)
    override = source / "templates" / TEMPLATE
    made_override = edit == "template" and not override.exists()
    path = target(source, edit)
    original = path.read_text(encoding="utf-8")
    try:
        kind, rebuild = engine(source, output)
        times, paths = [], []
        for run in range(runs):
            start = time.perf_counter()
            path.write_text(edited(edit, original, run), encoding="utf-8")
            paths.append(rebuild(path))
            times.append(time.perf_counter() - start)
            path.write_text(original, encoding="utf-8")
            rebuild(path)
    finally:
        if made_override:  # leave the site as it was: no templates/ of its own
            path.unlink()
            with contextlib.suppress(OSError):
                path.parent.rmdir()
        else:
            path.write_text(original, encoding="utf-8")
    return {"edit": edit, "engine": kind, "paths": sorted(set(paths)), "file": path.name, "times": times}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.rebuild", description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--edit", choices=EDITS, required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    try:
        from revdoor.tools.cli import tune_gc
    except ImportError:  # an older revdoor
        pass
    else:
        tune_gc()  # as `build.py serve` runs, through cli.main
    if args.edit in SERIES:
        print(json.dumps(measure_series(args.source, args.output, args.edit)))
    else:
        print(json.dumps(measure(args.source, args.output, args.edit, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
