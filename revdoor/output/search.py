"""Search: index the written site with Pagefind (from the `pagefind-bin` package: nothing is downloaded).

Runs last, over the files `write` produced, like Pagefind's own CLI would in a CI job. What gets indexed,
and how it ranks, is decided by `data-pagefind-*` attributes in the templates (see docs in search.html).

One index for the whole site, every page in it marked with its interface's language (the `ui` filter,
templates/_search.html), which static/search.js searches within: an article is framed in every language, so
it is found once, in the reader's frame. Pagefind would otherwise split the index by `<html lang>`, which an
article's frames take from the article (the main content's language), and the English frame of a French
article would be invisible from the English pages: `--force-language` puts every page into one index (in
the site's language); Pagefind 1.5 folds diacritics itself, so "Sebastien" still finds "Sébastien".

The CLI (`pagefind_bin`) is used rather than the `pagefind` package's async service API: on the S corpus it
indexes the same files about 30% faster (1.4 s against 1.9 s), as the service re-sends every file as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

INDEX_DIR = "pagefind"
NEW_DIR, OLD_DIR = ".pagefind-new", ".pagefind-old"
# What a build must leave alone when the index is kept: the index, and the directories Pagefind writes
# and swaps it through (the preview server indexes in the background while it rebuilds).
KEEP = (f"{INDEX_DIR}/", f"{NEW_DIR}/", f"{OLD_DIR}/")


@dataclass(frozen=True)
class IndexResult:
    ok: bool
    message: str
    seconds: float = 0.0
    pages: int = 0  # pages in the index, as Pagefind counts them
    files: int = 0  # files under /pagefind/, UI bundles included
    bytes: int = 0

    def summary(self) -> str:
        """One line for `--timings` and the benchmark's report."""
        if not self.ok:
            return self.message
        return (f"indexed {self.pages} pages in {self.seconds:.2f} s: {self.files} files, "
                f"{self.bytes / 1e6:.1f} MB under /{INDEX_DIR}/")


def pagefind_executable() -> str | None:
    try:
        import pagefind_bin
    except ImportError:
        return None
    return str(pagefind_bin.get_executable())


def pagefind_command(exe: str, output: Path, language: str, subdir: str = INDEX_DIR) -> list[str]:
    """The CLI call: one index in the site's language, written to `output/<subdir>/`."""
    return [exe, "--site", str(output), "--output-subdir", subdir, "--force-language", primary_subtag(language),
            "--quiet"]


def primary_subtag(language: str) -> str:
    """Pagefind wants an ISO 639-1 code ("pt"), not a full BCP 47 tag ("pt-BR")."""
    return language.split("-")[0].lower()


def index_site(output: Path, language: str = "en") -> IndexResult:
    exe = pagefind_executable()
    if exe is None:
        return IndexResult(False, "pagefind-bin is not installed: the site was built without a search index")
    start = time.perf_counter()
    # Index into a new directory, then swap it in: the old index keeps serving searches until then, and
    # no fragment of an older index is left behind.
    fresh, old = output / NEW_DIR, output / OLD_DIR
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    proc = subprocess.run(pagefind_command(exe, output, language, NEW_DIR), capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        return IndexResult(False, f"pagefind failed: {(proc.stderr or proc.stdout).strip()[-2000:]}", seconds)
    if (output / INDEX_DIR).exists():
        os.replace(output / INDEX_DIR, old)
    os.replace(fresh, output / INDEX_DIR)
    shutil.rmtree(old, ignore_errors=True)
    files, size = tree_size(output / INDEX_DIR)
    return IndexResult(True, "indexed", seconds, indexed_pages(output / INDEX_DIR), files, size)


def tree_size(root: Path) -> tuple[int, int]:
    """(files, bytes) under root."""
    sizes = [p.stat().st_size for p in root.rglob("*") if p.is_file()]
    return len(sizes), sum(sizes)


def indexed_pages(index: Path) -> int:
    """Pages in the index, from Pagefind's entry file (0 when it cannot be read)."""
    try:
        entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(int(lang.get("page_count", 0)) for lang in entry.get("languages", {}).values())
    except (OSError, ValueError, AttributeError):
        return 0
