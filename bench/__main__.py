"""`python -m bench SIZE`: generate (or reuse) the corpus, measure the builds, update bench/RESULTS.md.
`python -m bench draft` scores `build.py draft` against its gold instead (bench/draft.py).

    python -m bench S                       # 3 timed runs per measure, after 1 untimed warm-up
    python -m bench M --runs 5 --work /tmp/revdoor-bench-M
    python -m bench S --skip search,rebuild
    python -m bench tiny --counts 60,20,8,15 --runs 1 --warmup 0 --results /tmp/RESULTS.md

Every build is a subprocess of `python build.py`, so a measure includes interpreter start-up and its
peak memory is the whole process tree's; see measure.py for how memory is sampled and what it means.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path

from . import report
from .corpus import SIZES
from .measure import Graveyard, Run, Summary, repeat, run_once, tree_size
from .rebuild import EDITS
from .texts import write_site

REPO = Path(__file__).resolve().parent.parent
STEPS = ("cold", "search", "warm", "check", "rebuild")
BUILT = re.compile(r"built (\d+) pages into .*?: (\d+) written")
PATHS = {"record": "pages that read what changed", "fast": "fast path",
         "full": "full build with its in-memory caches"}
INDEXED = re.compile(r"indexed (\d+) pages in ([\d.]+) s: (\d+) files, ([\d.]+) MB")


def corpus(work: Path, counts: tuple[int, int, int, int], seed: int) -> Path:
    """WORK/src, regenerated only when the counts, the seed or the generator's code changed."""
    src = work / "src"
    code = b"".join((Path(__file__).parent / f).read_bytes() for f in ("corpus.py", "texts.py", "vocab.py"))
    stamp = f"{counts} seed={seed} {hashlib.sha1(code).hexdigest()[:12]}"
    stamp_file = work / "corpus.stamp"
    if not (stamp_file.exists() and stamp_file.read_text() == stamp and (src / "content").is_dir()):
        print(f"generating the corpus into {src} ...", flush=True)
        src.mkdir(parents=True, exist_ok=True)
        write_site(src, *counts, seed=seed)
        stamp_file.write_text(stamp)
    return src


def build_cmd(src: Path, out: Path, search: bool) -> list[str]:
    cmd = [sys.executable, str(REPO / "build.py"), "--source", str(src), "--output", str(out), "--timings"]
    return cmd if search else [*cmd, "--no-search"]


def time_row(key: str, runs: list[Run], note: str = "") -> report.Row:
    return report.Row(key, Summary.of([r.wall for r in runs]), Summary.of([r.tree_rss_mb for r in runs]),
                      Summary.of([r.max_rss_mb for r in runs]), note)


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def measure(src: Path, work: Path, runs: int, warmup: int, skip: set[str]) -> tuple[list[report.Row],
                                                                                    dict[str, str], list[str]]:
    out, cache, grave = work / "out", src / ".cache", Graveyard(work / "old")
    rows: list[report.Row] = []
    output: dict[str, str] = {}
    notes: list[str] = []
    files, size = tree_size(src / "content")
    output["corpus"] = f"{files:,} source files, {mb(size)}"

    def cold() -> None:
        grave.bury(out, cache)

    if "cold" not in skip:
        done = repeat(build_cmd(src, out, False), runs, warmup, cold)
        rows.append(time_row("cold", done))
        rows.append(report.Row("rss", Summary.of([r.tree_rss_mb for r in done])))
        built = BUILT.search(done[-1].output)
        files, size = tree_size(out, skip="pagefind")
        output["pages (HTML, feeds, sitemap, robots)"] = built.group(1) if built else "?"
        output["output without the search index"] = f"{files:,} files, {mb(size)}"
        grave.empty()
    if "search" not in skip:
        done = repeat(build_cmd(src, out, True), runs, warmup, cold)
        rows.append(time_row("cold-search", done))
        indexed = [INDEXED.search(r.output) for r in done]
        if all(indexed):
            rows.append(report.Row("pagefind", Summary.of([float(m.group(2)) for m in indexed if m])))
            files, size = tree_size(out / "pagefind")
            m = indexed[-1]
            assert m is not None
            output["Pagefind index"] = f"{m.group(1)} pages indexed; {files:,} files, {mb(size)}"
        else:
            notes.append("Pagefind did not index (pagefind-bin missing?): " + done[-1].output.strip()[-300:])
        grave.empty()
    if "warm" not in skip:
        done = repeat(build_cmd(src, out, False), runs, max(warmup, 1))
        rows.append(time_row("warm", done))
    if "check" not in skip:
        done = repeat([sys.executable, str(REPO / "build.py"), "check", "--source", str(src)], runs, warmup)
        rows.append(time_row("check", done))
        summary = done[-1].output.strip().splitlines()[-1]
        output["check says"] = summary
    if "rebuild" not in skip:
        for edit in EDITS:
            run = run_once([sys.executable, "-m", "bench.rebuild", str(src), str(out), "--edit", edit,
                            "--runs", str(runs)], cwd=REPO)
            if run.rc != 0:
                raise RuntimeError(f"bench.rebuild --edit {edit} failed:\n{run.output[-3000:]}")
            result = json.loads(run.output.strip().splitlines()[-1])
            how = " and ".join(PATHS.get(p, p) for p in result.get("paths", []))
            note = (f"serve engine, {how}" if result["engine"] == "engine"
                    else "full rebuild (incremental engine not yet available)")
            if "p95" in result:
                note += f"; {len(result['times'])} edits, p95 {result['p95'] * 1000:.0f} ms"
            rows.append(report.Row(f"rebuild-{edit}", Summary.of(result["times"]),
                                   Summary.of([run.tree_rss_mb]), Summary.of([run.max_rss_mb]), note))
        notes.append("Rebuild rows: time from writing the edited file to the rebuild's return (last byte "
                     "written), no search; their peak RSS is the whole serving process's (first build included).")
    notes.append("Peak RSS: summed RSS of the build process and its forked workers, sampled every 20 ms from "
                 "/proc (shared copy-on-write pages count once per process, so this overstates); in brackets, "
                 "the kernel's ru_maxrss, the largest single process.")
    notes.append("Cold: output directory and `<src>/.cache` moved away (and synced) before each run, untimed. "
                 "Warm: the same build again over its own output and cache. Every build is a subprocess of "
                 "`python build.py --timings`, interpreter start-up included.")
    return rows, output, notes


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["draft"]:  # `python -m bench draft`: build.py draft against its gold (bench/draft.py)
        from . import draft

        return draft.main(argv[1:])
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("size", help=f"one of {', '.join(SIZES)}, or any name with --counts")
    ap.add_argument("--counts", help="EVENTS,PEOPLE,LABS,ARTICLES for a custom size")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--work", type=Path, help="corpus and outputs (default /tmp/revdoor-bench-SIZE)")
    ap.add_argument("--skip", default="", help=f"comma-separated steps to skip: {', '.join(STEPS)}")
    ap.add_argument("--results", type=Path, default=Path(__file__).parent / "RESULTS.md")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--paired", type=Path, metavar="RESULTS_JSONL",
                    help="only quote the paired ratio from ../shared/bench/run.sh's results.jsonl")
    args = ap.parse_args(argv)
    if args.paired:
        report.update(args.results, report.paired_section(args.size, args.paired))
        print(f"updated {args.results}")
        return 0
    if args.counts:
        try:
            e, p, la, a = (int(x) for x in args.counts.split(","))
        except ValueError:
            ap.error("--counts takes four numbers: EVENTS,PEOPLE,LABS,ARTICLES")
        counts = (e, p, la, a)
    elif args.size in SIZES:
        counts = SIZES[args.size]
    else:
        ap.error(f"unknown size {args.size!r}: use {', '.join(SIZES)} or give --counts")
    skip = {s for s in args.skip.split(",") if s}
    if skip - set(STEPS):
        ap.error(f"unknown step(s) {', '.join(sorted(skip - set(STEPS)))}: steps are {', '.join(STEPS)}")
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    work = args.work or Path(f"/tmp/revdoor-bench-{args.size}")
    work.mkdir(parents=True, exist_ok=True)
    src = corpus(work, counts, args.seed)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())  # a busy machine explains a wide min-max
    rows, output, notes = measure(src, work, args.runs, args.warmup, skip)
    block = report.section(args.size, counts, rows, output, args.runs, args.warmup, notes, load)
    report.update(args.results, block)
    print(block)
    print(f"\nupdated {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
