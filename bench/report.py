"""bench/RESULTS.md: one section per size, each with its machine, versions and date.

Re-running one size replaces that size's section and keeps the others. Sections are delimited by HTML
comments (`<!-- size:M -->` ... `<!-- /size:M -->`), so the file stays plain Markdown to read and diff.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import itertools
import json
import os
import platform
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .measure import Summary

ORDER = ("S", "M", "L", "XL")
# What Hugo 0.168 does on the shared corpus of the same size (issue 4, medians of 3, this machine).
HUGO: dict[str, dict[str, float]] = {
    "S": {"cold": 0.71, "warm": 0.93, "rss": 153, "rebuild-event": 0.198, "pagefind": 1.1},
    "M": {"cold": 7.4, "warm": 9.6, "rss": 758, "rebuild-event": 2.9, "pagefind": 11.7},
    "L": {"cold": 68.9, "warm": 86.5, "rss": 3500, "rebuild-event": 27.2, "pagefind": 58.9},
}
HUGO["S"]["cold-search"] = HUGO["S"]["cold"] + HUGO["S"]["pagefind"]
HUGO["M"]["cold-search"] = HUGO["M"]["cold"] + HUGO["M"]["pagefind"]
HUGO["L"]["cold-search"] = HUGO["L"]["cold"] + HUGO["L"]["pagefind"]

# key -> (label, what Hugo's figure is, target from issue 4 point 3)
ROWS: dict[str, tuple[str, str, str]] = {
    "cold": ("cold full build, no search (empty output, no cache)", "cold build", "≤ 1.5× Hugo (M, L)"),
    "cold-search": ("cold full build with search", "cold build + Pagefind CLI", ""),
    "warm": ("warm full build, nothing changed (no search)", "full build over an existing output",
             "≤ 0.5× Hugo"),
    "check": ("`build.py check`", "", "L < 10 s"),
    "pagefind": ("Pagefind indexing, within the build with search", "Pagefind CLI on Hugo's output", ""),
    "rebuild-event": ("rebuild after one event edit", "`hugo server` after one event edit",
                      "M < 100 ms, L < 300 ms"),
    "rebuild-profile": ("rebuild after one profile edit", "", ""),
    "rebuild-article": ("rebuild after one article edit", "", ""),
    "rebuild-template": ("rebuild after one template edit (person.html)", "", ""),
    "rebuild-mixed": ("rebuild after each of 20 edits of mixed kinds, the first right after the first build", "",
                      "M median < 100 ms, p95 < 200 ms; L < 300 ms, < 500 ms"),
    "rebuild-rename": ("rebuild after a person's rename or new alias", "", ""),
    "rss": ("peak RSS of the cold build, no search (process tree)", "peak RSS", "≤ Hugo (M, L)"),
}


@dataclass(frozen=True)
class Row:
    key: str
    value: Summary  # seconds, or MB for "rss"
    rss: Summary | None = None  # tree MB
    max_rss: Summary | None = None  # largest single process, MB
    note: str = ""


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        memory = f"{mem_kb / 2**20:.1f} GiB"
    except (OSError, AttributeError):
        memory = "unknown memory"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"nproc {cores}, {cpu}, {memory}, Linux {platform.release()}"


def versions() -> str:
    parts = [f"Python {platform.python_version()}"]
    for dist in ("jinja2", "markdown", "pyyaml", "nh3", "anyascii", "pagefind-bin"):
        try:
            parts.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    try:
        import yaml

        parts.append("libyaml " + ("yes" if hasattr(yaml, "CSafeLoader") else "no"))
    except ImportError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=Path(__file__).parent, check=False).stdout.strip()
        if commit:
            parts.append(f"revdoor at commit {commit} (plus uncommitted changes, if any)")
    except OSError:
        pass
    return ", ".join(parts)


def _secs(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def _mb(x: float) -> str:
    return f"{x / 1024:.2f} GB" if x >= 1024 else f"{x:.0f} MB"


def section(size: str, counts: tuple[int, int, int, int], rows: list[Row], output: dict[str, str],
            runs: int, warmup: int, notes: list[str], load: str = "?") -> str:
    """The Markdown block of one size: settings, the table of measures, output sizes, notes."""
    hugo = HUGO.get(size, {})
    title = f"{size}: {counts[0]:,} events, {counts[1]:,} people, {counts[2]:,} labs, {counts[3]:,} articles"
    lines = [f"<!-- size:{size} -->", f"## {title}", "",
             f"Measured {dt.date.today().isoformat()} with `python -m bench {size} --runs {runs}` "
             f"({warmup} untimed warm-up run{'s' if warmup != 1 else ''} before each series).", "",
             f"- Machine: {machine()}; load average when the measures started: {load}.",
             f"- Versions: {versions()}.", "",
             "| measure | median | min – max | peak RSS: process tree (largest process) | target | Hugo | "
             "ours / Hugo |", "|---|---:|---:|---:|---|---:|---:|"]
    for row in rows:
        label, hugo_what, goal = ROWS[row.key]
        fmt = _mb if row.key == "rss" else _secs
        mem = f"{_mb(row.rss.median)} ({_mb(row.max_rss.median)})" if row.rss and row.max_rss else ""
        ref = hugo.get(row.key)
        theirs = f"{fmt(ref)} ({hugo_what})" if ref is not None else ""
        ratio = f"{row.value.median / ref:.2f}×" if ref else ""
        label = label + (f" — {row.note}" if row.note else "")
        lines.append(f"| {label} | {fmt(row.value.median)} | {fmt(row.value.min)} – {fmt(row.value.max)} | "
                     f"{mem} | {goal} | {theirs} | {ratio} |")
    lines += ["", "| output | |", "|---|---|", *(f"| {k} | {v} |" for k, v in output.items()), ""]
    lines += [f"- {n}" for n in notes]
    data = {"events": counts[0], **{row.key: row.value.median for row in rows}}
    return "\n".join([*lines, f"<!-- data {json.dumps(data, sort_keys=True)} -->", f"<!-- /size:{size} -->"])


def paired_section(size: str, results: Path) -> str:
    """The paired cold-build ratio from ../shared/bench/run.sh's results.jsonl."""
    for line in results.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("label", "").startswith("ours, cold") and "vs" in record:
            ours, vs, ratio = record["wall"], record["vs"], record["vs"]["ratio"]
            body = (f"Paired with Hugo by `../shared/bench/run.sh {size}` ({record['runs']} pairs, "
                    f"quoted {dt.date.today().isoformat()}): ours {_secs(ours['median'])} "
                    f"({_secs(ours['min'])} – {_secs(ours['max'])}), Hugo {_secs(vs['wall']['median'])}, "
                    f"**ratio ours / Hugo {ratio['median']:.2f}** ({ratio['min']:.2f} – {ratio['max']:.2f}); "
                    f"peak RSS, process tree: ours {_mb(record['tree_rss_mb']['median'])}, Hugo "
                    f"{_mb(vs['tree_rss_mb']['median'])}. Target: ratio ≤ 1.5 on M and L. Our command: "
                    f"`{record.get('cmd', '?')}`.")
            return f"<!-- paired:{size} -->\n### {size}: cold build paired with Hugo\n\n{body}\n<!-- /paired:{size} -->"
    raise ValueError(f"no 'ours, cold' record in {results}: run run.sh with OURS set")


HEADER = """# Benchmark results

Produced by `python -m bench SIZE` (see bench/README.md); one section per size, each with the machine,
versions and date it was measured on. Hugo's figures are those of issue 4 (Hugo 0.168 on the shared
corpus of the same size, on this machine); the ratios that count for the targets are the paired ones
from `../shared/bench/run.sh`, quoted in the "paired with Hugo" sections when measured. The "ours / Hugo"
column of the size tables only puts figures side by side: different corpora of the same counts, measured at
different times on a machine shared with other work, so it is indicative, never a verdict.
"""

# `notes` blocks are written by hand (what a table cannot say: when and how a figure was taken again); they
# are kept as they are, after their size's tables.
_BLOCK = re.compile(r"<!-- (size|paired|notes|growth):([\w-]+) -->.*?<!-- /\1:\2 -->", re.S)
KINDS = ("size", "paired", "notes")
_DATA = re.compile(r"<!-- data (\{.*?\}) -->")
GROWTH_KEYS = ("cold", "warm", "check", "cold-search")


def growth(blocks: dict[tuple[str, str], str]) -> str | None:
    """How time grows from one measured size to the next (the target: XL/L at most 4.5 for 4× the content)."""
    data = {}
    for size in ORDER:
        match = _DATA.search(blocks.get(("size", size), ""))
        if match:
            data[size] = json.loads(match.group(1))
    sizes = list(data)
    if len(sizes) < 2:
        return None
    lines = ["<!-- growth:all -->", "## Growth between sizes", "",
             "Ratio of medians, larger size over smaller; linear growth is the content ratio.", "",
             "| sizes | content (events) | " + " | ".join(ROWS[k][0] for k in GROWTH_KEYS) + " |",
             "|---|---:|" + "---:|" * len(GROWTH_KEYS)]
    for small, big in itertools.pairwise(sizes):
        a, b = data[small], data[big]
        cells = [f"{b[k] / a[k]:.2f}×" if a.get(k) and b.get(k) else "" for k in GROWTH_KEYS]
        lines.append(f"| {big} / {small} | {b['events'] / a['events']:.1f}× | " + " | ".join(cells) + " |")
    return "\n".join([*lines, "<!-- /growth:all -->"])


def update(path: Path, block: str) -> None:
    """Replace the block with the same marker in `path` (or add it), keeping every other block."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    blocks = {(m.group(1), m.group(2)): m.group(0) for m in _BLOCK.finditer(text)}
    header = HEADER  # generated, like the blocks: editing it by hand would be lost anyway
    new = _BLOCK.match(block)
    assert new is not None
    blocks[(new.group(1), new.group(2))] = block

    blocks.pop(("growth", "all"), None)
    table = growth(blocks)
    if table:
        blocks[("growth", "all")] = table

    def order(k: tuple[str, str]) -> tuple[int, int, str]:
        kind, size = k
        rank = len(ORDER) + 1 if kind == "growth" else ORDER.index(size) if size in ORDER else len(ORDER)
        return (rank, KINDS.index(kind) if kind in KINDS else len(KINDS), size)

    body = "\n\n".join(blocks[k] for k in sorted(blocks, key=order))
    path.write_text(header + "\n" + body + "\n", encoding="utf-8")
