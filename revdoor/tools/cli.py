"""Command line: `build`, `check`, `serve`, `new`, `schemas`, `draft`. Exit codes: 0 success, 1 content errors,
2 usage errors.

Two entry points share it: the installed `revdoor` command, whose site is the current folder, and the
checkout's `python build.py`, whose site is the checkout's own. Usage errors (a bad flag, a `--source` that is
no site) are told before any work, as argparse tells a bad flag: exit 2 and one line naming what to fix.
Problems in the content are printed as lines an editor can act on (or GitHub annotations), exit 1; a
traceback is a bug.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.problems import Problem, has_errors, sort_problems, summary
from ..content.config import CONFIG_NAME as SITE_FILE

if TYPE_CHECKING:
    from ..modelling.model import Model
    from .draft.check import Notice

COMMANDS = ("build", "check", "serve", "new", "schemas", "draft")
_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)")  # https://x, ftp://x, www.x: not a folder


def site_folder(hint: str) -> Callable[[str], Path]:
    """`--source DIR`'s type: a folder. A web address is refused with `hint`, the flag that was probably meant
    (`new event --source https://...` would otherwise look for a folder named `https:/...`)."""

    def convert(value: str) -> Path:
        if _URL.match(value):
            raise argparse.ArgumentTypeError(f"{value!r} looks like a web address, but --source is the site's "
                                             f"folder (the one with {SITE_FILE}); {hint}")
        return Path(value)

    return convert


def _digits(value: str) -> int | None:
    """ASCII digits only: str.isdigit() also accepts '²', which int() refuses."""
    return int(value) if value.isascii() and value.isdigit() else None


def positive_int(value: str) -> int:
    number = _digits(value)
    if number is None or number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def port_number(value: str) -> int:
    number = _digits(value)
    if number is None or number > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (0 to 65535; 0: any free port)")
    return number


def shell_command(prog: str) -> str:
    """How a user runs this program again: `python build.py` in the checkout, `revdoor` when installed."""
    return f"python {prog}" if prog.endswith(".py") else prog


def parser(prog: str = "revdoor", default_source: Path | None = None) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description="Build, check or preview a Revolving Door site.")
    ap.set_defaults(prog=prog)  # for messages that name the command to run next
    sub = ap.add_subparsers(dest="command")
    where = "the current folder" if default_source is None else str(default_source)

    def source(p: argparse.ArgumentParser, hint: str) -> None:
        p.add_argument("--source", type=site_folder(hint), default=default_source, metavar="DIR",
                       help=f"the site: DIR/{SITE_FILE} and DIR/content/ (default: {where})")

    b = sub.add_parser("build", help="build the site into the output directory (the default command)")
    source(b, "to build for another address, give it with --base-url URL")
    b.add_argument("--output", type=Path, metavar="DIR", help="output directory (default: output_dir in site.toml)")
    b.add_argument("--no-search", action="store_true", help="skip Pagefind indexing")
    b.add_argument("--timings", action="store_true", help="also print the time of each step of loading")
    b.add_argument("--quiet", "-q", action="store_true", help="print only problems and the summary line")
    b.add_argument("--jobs", type=positive_int, default=None, help="rendering processes (default: one per core)")
    b.add_argument("--base-url", metavar="URL",
                   help="override base_url of site.toml (CI deploys to a GitHub project page with it)")

    c = sub.add_parser("check", help="validate all content and write nothing")
    source(c, "the site's address is base_url in site.toml")
    c.add_argument("--strict", action="store_true", help="fail on warnings too")
    c.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations")
    c.add_argument("--changed", metavar="BASE",
                   help="also list the pages added, changed and removed since the git revision BASE, and refuse "
                        "a removed profile whose slug no redirect_from lists")
    c.add_argument("--coverage", action="store_true",
                   help="also list, as notices that never fail, the moves articles tell that no event records")
    c.add_argument("--summary", type=Path, metavar="FILE",
                   help="with --changed: append the list as Markdown to FILE (CI: $GITHUB_STEP_SUMMARY)")

    s = sub.add_parser("serve", help="build, serve on http://127.0.0.1:8000 and rebuild on changes")
    source(s, "the preview's address is --host and --port")
    s.add_argument("--output", type=Path, metavar="DIR",
                   help="where the preview is built (default: a temporary directory, removed at the end)")
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; another one warns)")
    s.add_argument("--port", type=port_number, default=8000, help="port to listen on (default: 8000)")
    s.add_argument("--open", action="store_true", help="open the site in a browser")
    s.add_argument("--no-search", action="store_true", help="don't refresh the search index after rebuilds")
    from .scaffold import add_arguments

    n = sub.add_parser("new", help="write a new content file (event, person, lab, article) that check accepts")
    source(n, "did you mean --sources URL (an event's sources) or --source-url URL (an article's address)?")
    add_arguments(n)
    g = sub.add_parser("schemas", help="write the JSON Schemas of the front matter into docs/schema/")
    source(g, "the schemas are written into its docs/schema/")
    from .draft.cmd import add_arguments as draft_arguments

    d = sub.add_parser("draft", help="propose the moves an article reports as draft events (--write writes them)")
    source(d, "the article is a file of the site's content/articles/")
    draft_arguments(d)
    return ap


def usage_problem(args: argparse.Namespace, here: bool) -> str | None:
    """What makes the command line unusable although argparse accepted it, or None. `here`: the site is the
    current folder because no --source was given."""
    folder: Path = args.source
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        return f"--source {folder} {what}: give the site's folder, the one with {SITE_FILE}"
    if not (folder / SITE_FILE).is_file():
        fix = (f"run `{shell_command(args.prog)}` in a site's folder, or give one with --source DIR" if here
               else f"--source DIR is the site's folder, the one with its {SITE_FILE}")
        return f"{folder} is not a site: it has no {SITE_FILE} ({fix})"
    if args.command == "check" and args.summary is not None and args.changed is None:
        return "--summary FILE lists the changed pages: it needs --changed BASE"
    return None


def tune_gc() -> None:
    """Profiled on the L corpus (75,500 files): a third of `check`'s time was the cyclic garbage collector
    walking, again and again, hundreds of thousands of long-lived objects (documents, events, stints) that
    are never garbage. Collecting a hundred times less often took check on L from 11.5 s to 7.6 s."""
    gc.set_threshold(100_000, 50, 100)


def main(argv: Sequence[str] | None = None, *, prog: str = "revdoor", default_source: Path | None = None) -> int:
    """Run a command; `default_source` is the site when no --source is given (None: the current folder)."""
    tune_gc()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help")):
        args_list.insert(0, "build")  # `revdoor --source X` means build
    args = parser(prog, default_source).parse_args(args_list)
    here = args.source is None
    if here:
        args.source = Path.cwd()
    wrong = usage_problem(args, here)
    if wrong is not None:
        print(f"{prog} {args.command}: error: {wrong}", file=sys.stderr)
        return 2
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "serve":
            from ..preview.serve import cmd_serve

            return cmd_serve(args)
        if args.command == "new":
            from .scaffold import cmd_new

            return cmd_new(args)
        if args.command == "schemas":
            return cmd_schemas(args)
        if args.command == "draft":
            from .draft.cmd import cmd_draft

            return cmd_draft(args)
        return cmd_build(args)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


def report(problems: list[Problem], fmt: str = "text", notices: Sequence[Notice] = ()) -> None:
    for p in problems:
        print(p.github() if fmt == "github" else p.text())
    for n in notices:
        print(n.github() if fmt == "github" else n.text())
    print(summary(problems), file=sys.stderr if fmt == "github" else sys.stdout)


def cmd_check(args: argparse.Namespace) -> int:
    if args.changed is not None:
        from .changes import cmd_changed

        def told(model: Model) -> list[str]:  # the model `--changed` loaded: not loaded again
            from .draft.check import notices

            return [n.github() if args.format == "github" else n.text() for n in notices(args.source, model)]

        return cmd_changed(args.changed, args.source, args.format, args.strict, args.summary,
                           told if args.coverage else None)
    from ..modelling.pipeline import load_site

    # Load everything and write nothing; then follow the links bodies write, once the site is whole.
    loaded = load_site(args.source, bodies=False)  # Markdown is read only where it may hold a link
    problems = loaded.problems
    if loaded.model is not None:
        from .linkcheck import problems as link_problems

        problems = sort_problems(problems + link_problems(args.source, loaded.model, loaded.linked))
    notices: list[Notice] = []
    if args.coverage and loaded.model is not None:
        from .draft.check import notices as coverage

        notices = coverage(args.source, loaded.model)
    report(problems, args.format, notices)
    failed = has_errors(problems) or (args.strict and bool(problems))  # notices never fail, even --strict
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    from ..output.builder import build

    log = (lambda _: None) if args.quiet else print
    base_url = args.base_url
    if base_url is not None:
        from ..content.config import validate_config

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
        print(f"{summary(warnings)} (run `{shell_command(args.prog)} check` to see them)")
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
