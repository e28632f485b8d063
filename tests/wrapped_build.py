"""Run `build.py` with its checkpoints patched, so a test can kill a build, or look at its output, at a
named point of the build: the same point on every run, however fast or loaded the machine is.

    python tests/wrapped_build.py [--kill-at POINT] [--watch OUT --report FILE] -- <build.py arguments>

The points are the build's checkpoints (`revdoor.output.publish.CHECKPOINTS`, plain no-op calls in the
production code that this wrapper replaces) and `file-N`: just after the Nth file the build wrote
(`revdoor.output.write`'s `write_file` and `create_file`, patched the same way), in the middle of writing.

- `--kill-at POINT`: the process kills itself there with SIGKILL, as `kill -9` would.
- `--watch OUT --report FILE`: at every point, one line is appended to FILE: the point, then `ok` when OUT
  holds its home page and its 404 page, else `missing`.

Run builds with `--jobs 1`: a file written by a forked worker would kill, or be seen by, the worker only.
"""

from __future__ import annotations

import argparse
import os
import runpy
import signal
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Imported from the checkout, as `python build.py` does; the tests folder (this script's) stays out of the path.
sys.path[0] = str(REPO)

from revdoor.output import publish, write  # noqa: E402  (after the path is set)


def install(kill_at: str | None, watch: Path | None, report: Path | None) -> None:
    """Replace the checkpoints and the two file writers with versions that act at the named points."""

    def at(point: str) -> None:
        if watch is not None and report is not None:
            whole = (watch / "index.html").is_file() and (watch / "404.html").is_file()
            with report.open("a", encoding="utf-8") as f:
                f.write(f"{point} {'ok' if whole else 'missing'}\n")
        if point == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    written = 0

    def counted(writer: Callable[[Path, str, bytes], bool]) -> Callable[[Path, str, bytes], bool]:
        def write_and_count(root: Path, rel: str, data: bytes) -> bool:
            nonlocal written
            wrote = writer(root, rel, data)
            if wrote:
                written += 1
                at(f"file-{written}")
            return wrote

        return write_and_count

    publish.checkpoint = at  # publish's own call (`staged`) looks the name up in the module, as builder's do
    write.write_file = counted(write.write_file)  # type: ignore[assignment]
    write.create_file = counted(write.create_file)  # type: ignore[assignment]


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kill-at", metavar="POINT", help="a checkpoint's name, or file-N")
    ap.add_argument("--watch", type=Path, metavar="OUT", help="the output folder to look at, at every point")
    ap.add_argument("--report", type=Path, metavar="FILE", help="where --watch writes what it saw")
    ap.add_argument("build", nargs=argparse.REMAINDER, help="-- then build.py's arguments")
    args = ap.parse_args(argv)
    install(args.kill_at, args.watch, args.report)
    sys.argv = [str(REPO / "build.py"), *(args.build[1:] if args.build[:1] == ["--"] else args.build)]
    runpy.run_path(str(REPO / "build.py"), run_name="__main__")  # exits with build.py's own code


if __name__ == "__main__":
    main(sys.argv[1:])
