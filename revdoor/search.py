"""Search: index the written site with Pagefind (from the `pagefind-bin` package: nothing is downloaded).

Runs last, over the files `write` produced, like Pagefind's own CLI would in a CI job.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

INDEX_DIR = "pagefind"


@dataclass(frozen=True)
class IndexResult:
    ok: bool
    message: str


def pagefind_executable() -> str | None:
    try:
        import pagefind_bin
    except ImportError:
        return None
    return str(pagefind_bin.get_executable())


def index_site(output: Path) -> IndexResult:
    exe = pagefind_executable()
    if exe is None:
        return IndexResult(False, "pagefind-bin is not installed: the site was built without a search index")
    proc = subprocess.run([exe, "--site", str(output), "--output-subdir", INDEX_DIR, "--quiet"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return IndexResult(False, f"pagefind failed: {(proc.stderr or proc.stdout).strip()[-2000:]}")
    return IndexResult(True, "indexed")
