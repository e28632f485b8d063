"""Command line: `build`, `check`, `serve`, `new`, `schemas`. Exit codes: 0 success, 1 content errors, 2 usage errors.

Problems are printed as lines an editor can act on (or GitHub annotations); a traceback is a bug.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from .problems import Problem, has_errors, sort_problems, summary

COMMANDS = ("build", "check", "serve", "new", "schemas")
REPO = Path(__file__).resolve().parent.parent


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="build.py", description="Build, check or preview the Revolving Door site.")
    sub = ap.add_subparsers(dest="command")

    def source(p: argparse.ArgumentParser) -> None:
        p.add_argument("--source", type=Path, default=REPO, metavar="DIR",
                       help="the site: DIR/site.toml and DIR/content/ (default: this repository)")

    b = sub.add_parser("build", help="build the site into the output directory (the default command)")
    source(b)
    b.add_argument("--output", type=Path, metavar="DIR", help="output directory (default: output_dir in site.toml)")
    b.add_argument("--no-search", action="store_true", help="skip Pagefind indexing")
    b.add_argument("--timings", action="store_true", help="also print the time of each step of loading")
    b.add_argument("--quiet", "-q", action="store_true", help="print only problems and the summary line")
    b.add_argument("--jobs", type=int, default=None, help="rendering processes (default: one per core)")
    b.add_argument("--base-url", metavar="URL",
                   help="override base_url of site.toml (CI deploys to a GitHub project page with it)")

    c = sub.add_parser("check", help="validate all content and write nothing")
    source(c)
    c.add_argument("--strict", action="store_true", help="fail on warnings too")
    c.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations")
    c.add_argument("--changed", metavar="BASE",
                   help="also list the pages added, changed and removed since the git revision BASE, and refuse "
                        "a removed profile whose slug no redirect_from lists")
    c.add_argument("--summary", type=Path, metavar="FILE",
                   help="with --changed: append the list as Markdown to FILE (CI: $GITHUB_STEP_SUMMARY)")

    s = sub.add_parser("serve", help="build, serve on http://127.0.0.1:8000 and rebuild on changes")
    source(s)
    s.add_argument("--output", type=Path, metavar="DIR",
                   help="where the preview is built (default: a temporary directory, removed at the end)")
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; another one warns)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    s.add_argument("--open", action="store_true", help="open the site in a browser")
    s.add_argument("--no-search", action="store_true", help="don't refresh the search index after rebuilds")
    from .scaffold import add_arguments

    n = sub.add_parser("new", help="write a new content file (event, person, lab, article) that check accepts")
    source(n)
    add_arguments(n)
    g = sub.add_parser("schemas", help="write the JSON Schemas of the front matter into docs/schema/")
    source(g)
    return ap


def tune_gc() -> None:
    """Profiled on the L corpus (75,500 files): a third of `check`'s time was the cyclic garbage collector
    walking, again and again, hundreds of thousands of long-lived objects (documents, events, stints) that
    are never garbage. Collecting a hundred times less often took check on L from 11.5 s to 7.6 s."""
    gc.set_threshold(100_000, 50, 100)


def main(argv: Sequence[str] | None = None) -> int:
    tune_gc()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help")):
        args_list.insert(0, "build")  # `python build.py --source X` means build
    args = parser().parse_args(args_list)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "serve":
            from .serve import cmd_serve

            return cmd_serve(args)
        if args.command == "new":
            from .scaffold import cmd_new

            return cmd_new(args)
        if args.command == "schemas":
            return cmd_schemas(args)
        return cmd_build(args)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


def report(problems: list[Problem], fmt: str = "text") -> None:
    for p in problems:
        print(p.github() if fmt == "github" else p.text())
    print(summary(problems), file=sys.stderr if fmt == "github" else sys.stdout)


def cmd_check(args: argparse.Namespace) -> int:
    if args.changed is not None:
        from .changes import cmd_changed

        return cmd_changed(args.changed, args.source, args.format, args.strict, args.summary)
    from .pipeline import load_site

    # Load everything and write nothing; then follow the links bodies write, once the site is whole.
    loaded = load_site(args.source, bodies=False)  # Markdown is read only where it may hold a link
    problems = loaded.problems
    if loaded.model is not None:
        from .linkcheck import problems as link_problems

        problems = sort_problems(problems + link_problems(args.source, loaded.model, loaded.linked))
    report(problems, args.format)
    failed = has_errors(problems) or (args.strict and bool(problems))
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    from .builder import build

    log = (lambda _: None) if args.quiet else print
    base_url = args.base_url
    if base_url is not None:
        from .config import validate_config

        config, problems = validate_config({"title": "-", "base_url": base_url})
        if config is None:
            print(f"error: --base-url {problems[0].message}", file=sys.stderr)
            return 2
        base_url = config.base_url  # with its trailing slash
    result = build(args.source, args.output, with_search=not args.no_search, jobs=args.jobs, log=log,
                   progress=not args.quiet, detail=args.timings, base_url=base_url)
    if not result.ok:
        report(result.problems)
        print("nothing was written: fix the errors above and build again", file=sys.stderr)
        return 1
    warnings = [p for p in result.problems if not p.is_error]
    if warnings:
        print(f"{summary(warnings)} (run `python build.py check` to see them)")
    assert result.stats is not None
    s = result.stats
    print(f"built {result.pages} pages into {result.output}: {s.written} written, {s.unchanged} unchanged, "
          f"{s.removed} removed ({s.bytes / 1e6:.1f} MB) in {sum(result.timings.values()):.2f} s")
    if result.search_message and result.search_message != "indexed":
        print(result.search_message, file=sys.stderr)
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    from .jsonschema import SCHEMA_DIR, schemas, write_schemas

    changed = write_schemas(args.source)
    total = len(schemas())
    print(f"{total} schemas in {SCHEMA_DIR}/: {len(changed)} written, {total - len(changed)} unchanged")
    return 0
