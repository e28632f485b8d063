"""Run a command several times and measure each run: wall time, CPU time and peak memory.

Peak memory is taken two ways, and the report says which is which:
- `tree_rss_mb`: the summed resident set of the process and every descendant (the rendering pool's forked
  workers included), sampled from /proc every 20 ms. Forked workers share pages with their parent, so the
  sum counts shared pages once per process: it overstates, never understates, the tree's real footprint.
  It is the measure the Hugo comparison uses (Hugo is one process, so its sum is its own RSS).
- `max_rss_mb`: the largest single process of the tree, never a sum: the highest of their high-water marks
  (VmHWM), sampled with the sum. Not the kernel's ru_maxrss from wait4: a process started by a large one
  (pytest, or a benchmark that generated its corpus in-process) takes as its own the high-water mark of its
  starter's memory at exec (Linux records the old address space's peak then), so it said 164 MB for a
  60 MB child when the suite's own process had grown, whichever test ran before.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.02


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + system of the whole tree (the children it reaped)
    max_rss_mb: float
    tree_rss_mb: float
    rc: int
    output: str  # stdout and stderr of the run


@dataclass(frozen=True)
class Summary:
    median: float
    min: float
    max: float

    @staticmethod
    def of(values: Sequence[float]) -> Summary:
        return Summary(statistics.median(values), min(values), max(values))


def descendants(pid: int) -> list[int]:
    """pid and every process below it, from /proc/<pid>/task/<tid>/children (no psutil needed)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:  # the process ended between two reads
            continue
    return out


def tree_memory(pid: int) -> tuple[int, int]:
    """(the summed resident set of pid's tree, the largest high-water mark of one of its processes), bytes."""
    total = largest = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                fields = dict(line.split(":", 1) for line in f if line.startswith(("VmRSS:", "VmHWM:")))
        except OSError:  # the process ended between two reads
            continue
        if "VmRSS" in fields and "VmHWM" in fields:  # (a zombie has neither)
            total += int(fields["VmRSS"].split()[0]) * 1024
            largest = max(largest, int(fields["VmHWM"].split()[0]) * 1024)
    return total, largest


class TreeSampler:
    """Keeps the peak of `tree_memory(pid)`'s sum, and its largest process, while the process runs, in a
    background thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.largest = pid, 0, 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while not self.stop.is_set():
            total, largest = tree_memory(self.pid)
            self.peak, self.largest = max(self.peak, total), max(self.largest, largest)
            self.stop.wait(SAMPLE_SECONDS)

    def finish(self) -> tuple[int, int]:
        self.stop.set()
        self.thread.join()
        return self.peak, self.largest


def run_once(cmd: Sequence[str], cwd: Path | None = None) -> Run:
    """Run `cmd` once; output goes to a file, so a chatty build never blocks on a full pipe."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        peak, largest = sampler.finish()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    max_rss = largest / 2**20
    return Run(wall, usage.ru_utime + usage.ru_stime, max_rss, max(peak / 2**20, max_rss), proc.returncode, output)


def repeat(cmd: Sequence[str], runs: int, warmup: int = 0, prep: Callable[[], None] | None = None,
           cwd: Path | None = None) -> list[Run]:
    """`warmup` untimed runs, then `runs` timed ones; `prep` runs untimed before each. Fails on a bad exit."""
    out = []
    for i in range(warmup + runs):
        if prep is not None:
            prep()
        run = run_once(cmd, cwd)
        if run.rc != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited with {run.rc}:\n{run.output[-3000:]}")
        if i >= warmup:
            out.append(run)
    return out


def tree_size(root: Path, skip: str | None = None) -> tuple[int, int]:
    """(files, bytes) under root, leaving out the top-level directory `skip`."""
    files = size = 0
    for dirpath, dirnames, filenames in os.walk(root):
        if skip and Path(dirpath) == root and skip in dirnames:
            dirnames.remove(skip)
        for name in filenames:
            files += 1
            size += os.stat(os.path.join(dirpath, name)).st_size
    return files, size


class Graveyard:
    """Old output trees are moved aside before a cold run and deleted after the series: deleting 10^5 files
    right before a build slows that build down on this kind of disk (see ../shared/bench/run.sh)."""

    def __init__(self, root: Path) -> None:
        self.root, self.n = root, 0

    def bury(self, *paths: Path) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        for path in paths:
            if path.exists():
                self.n += 1
                path.rename(self.root / f"{self.n}-{path.name}")
        os.sync()

    def empty(self) -> None:
        import shutil

        shutil.rmtree(self.root, ignore_errors=True)
