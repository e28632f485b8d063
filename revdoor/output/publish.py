"""Atomic publishing: a build never leaves the output directory incomplete, even when it is killed.

A full build writes into a staging directory next to the output (`.public.staging-<pid>`), which starts as
a hard-linked copy of the published tree (one `os.link` per file: no data is copied, and unchanged files keep
their inode and modification time, so the warm build's manifest still recognises them). `write` never writes
into an existing file in place (it writes a new file and renames it over), so the published copy of a
hard-linked file never changes. When the staging tree is complete (pages, static files, search index), it
and the output directory are exchanged in one system call (`renameat2(RENAME_EXCHANGE)` on Linux,
`renamex_np(RENAME_SWAP)` on macOS): at every instant the output path names a complete site. The old tree,
now under the staging name, is then deleted.

A build killed at any point leaves either the old site or the new one at the output path, plus leftovers
that the next build removes (`repair`). Where no exchange call exists, two renames are used; a kill between
them leaves the output missing and the old tree under `.public.old-<pid>`, which `repair` puts back.

The output stays a real directory (not a symlink to a build), so `shutil.rmtree`, `python -m http.server`,
the preview server's path checks and GitHub Pages' artifact upload see nothing new. When the output path is
itself a symlink (a user's `public -> /var/www/site`), the directory it points to is the one published.

The build calls `checkpoint(name)` at each boundary between its phases (CHECKPOINTS). It does nothing; the
tests run the build in a wrapper process that replaces it (tests/wrapped_build.py) to kill the process
there, so that "killed at any point" is tested at each boundary, at the same point on every run.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
from pathlib import Path

CHECKPOINTS = ("staged", "written", "cleaned", "indexed", "exchanged")


def checkpoint(name: str) -> None:
    """A boundary between two phases of a build (one of CHECKPOINTS): nothing happens here. Every caller
    looks the name up in this module at the call, so that a test's wrapper can replace it."""


def published(out: Path) -> Path:
    """The directory that is published at `out`: `out` itself, or what it links to."""
    return out.resolve() if out.is_symlink() else out


def _sibling(target: Path, what: str, pid: int) -> Path:
    return target.with_name(f".{target.name}.{what}-{pid}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def repair(target: Path) -> None:
    """Remove what killed builds left next to `target`; put the old site back if a kill left none."""
    if not target.parent.is_dir():
        return
    prefix = f".{target.name}."
    leftovers: list[tuple[str, int, Path]] = []
    for entry in os.scandir(target.parent):
        if not entry.name.startswith(prefix):
            continue
        what, _, pid = entry.name[len(prefix):].rpartition("-")
        if what in ("staging", "old", "cards") and pid.isdigit() and not _alive(int(pid)):
            leftovers.append((what, int(pid), Path(entry.path)))
    if not os.path.lexists(target):
        old = [p for what, _, p in leftovers if what == "old"]
        if old:
            os.rename(old[0], target)  # killed between the two renames of the fallback: the old site is whole
            leftovers = [x for x in leftovers if x[2] != old[0]]
    for _, _, path in leftovers:
        shutil.rmtree(path, ignore_errors=True)


def link_tree(src: Path, dest: Path) -> int:
    """Recreate `src` under `dest` with hard links to its files; the number of files linked."""
    count = 0
    dest.mkdir(parents=True)
    for dirpath, dirnames, filenames in os.walk(src):
        rel = os.path.relpath(dirpath, src)
        base = dest if rel == "." else dest / rel
        for d in dirnames:
            (base / d).mkdir()
        for name in filenames:
            os.link(os.path.join(dirpath, name), base / name, follow_symlinks=False)
            count += 1
    return count


def begin(out: Path) -> Path:
    """A staging directory holding (by hard links) what is published at `out` now: the build writes there."""
    target = published(out)
    repair(target)
    staging = _sibling(target, "staging", os.getpid())
    shutil.rmtree(staging, ignore_errors=True)
    if target.is_dir():
        link_tree(target, staging)
    else:
        staging.mkdir(parents=True)
    checkpoint("staged")
    return staging


def scratch(out: Path, what: str) -> Path:
    """A new, empty directory next to the published one (so on its file system: a file made there is moved
    into the staging tree by a rename), removed by the next build if this one is killed."""
    path = _sibling(published(out), what, os.getpid())
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def abandon(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def commit(out: Path, staging: Path) -> None:
    """Publish the complete `staging` tree at `out` in one step, then delete the old tree."""
    target = published(out)
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    if exchange(staging, target):
        old = staging  # now holds the old tree; a kill before it is gone leaves it to `repair`
    else:
        old = _sibling(target, "old", os.getpid())
        os.rename(target, old)
        os.rename(staging, target)
    checkpoint("exchanged")
    shutil.rmtree(old, ignore_errors=True)


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False when the system cannot (then nothing changed)."""
    libc = _libc()
    if libc is None:
        return False
    fa, fb = os.fsencode(a), os.fsencode(b)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        rc: int = libc.renameat2(at_fdcwd, fa, at_fdcwd, fb, rename_exchange)  # ctypes: the C int
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 2
        rc = libc.renamex_np(fa, fb, rename_swap)
    else:
        return False
    return rc == 0
