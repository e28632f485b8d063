"""The only module that writes the site: files whose bytes changed, and nothing stale left behind.

Leaving unchanged files untouched keeps a warm build cheap and keeps file times meaningful for rsync and
for the preview server's browsers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

from ..common.parallel import map_ordered

T = TypeVar("T")


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int
    bytes: int


class UnsafePathError(ValueError):
    """A relative path that would leave the output directory."""


def safe_join(root: Path, rel: str) -> Path:
    """root/rel, refusing absolute paths, `..` and anything that resolves outside root."""
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in rel or "\0" in rel:
        raise UnsafePathError(f"refusing to write {rel!r} outside the output directory")
    return root.joinpath(*pure.parts)


def write_file(root: Path, rel: str, data: bytes) -> bool:
    """Write one file unless it already holds exactly `data`; True when written."""
    path = safe_join(root, rel)
    same = _same(path, data)
    if same:
        return False
    if same is None:
        _create(path, data)
        return True
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # readers (the preview server) never see half a file
    return True


def _create(path: Path, data: bytes) -> None:
    """A new file (nobody can be reading an old version of it), through the bare system calls: Python's
    buffered `open` adds an fstat, an ioctl and an lseek per file, which tens of thousands of pages feel."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def create_file(root: Path, rel: str, data: bytes) -> bool:
    """Write a file into a directory known to have started empty (a cold build): no need to look first."""
    _create(safe_join(root, rel), data)
    return True


def move_file(root: Path, rel: str, made: Path) -> bool:
    """Move the file `made` to root/rel (over what was there: readers see the old file or the new one)."""
    path = safe_join(root, rel)
    try:
        os.replace(made, path)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(made, path)
    return True


def holds(root: Path, rel: str, data: bytes) -> bool:
    """The file at root/rel exists and holds exactly `data`."""
    return bool(_same(safe_join(root, rel), data))


def _same(path: Path, data: bytes) -> bool | None:
    """Whether the file holds exactly `data` (its size first, its bytes only then); None when there is none."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return None


def _stale(root: Path, wanted: set[str], keep: tuple[str, ...]) -> Iterator[tuple[str, bool]]:
    """What does not belong under `root`, deepest first, as (path, is a directory): each file that is not
    `wanted` (relative posix paths) nor under a `keep` prefix, then each directory nothing would be left in.
    Lazy, so that `has_stale` stops at the first; `remove_stale` removes them in this order."""
    staying: dict[str, bool] = {}  # directory -> whether anything stays in it
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        if keep and any(rel_dir.startswith(k) for k in keep):
            staying[dirpath] = True
            continue
        # A subdirectory os.walk did not enter (a symbolic link) stays, as it is.
        stays = any(staying.get(os.path.join(dirpath, d), True) for d in dirnames)
        for name in filenames:
            rel = rel_dir + name
            if rel in wanted or any(rel.startswith(k) for k in keep):
                stays = True
            else:
                yield os.path.join(dirpath, name), False
        staying[dirpath] = stays
        if rel_dir and not stays:
            yield dirpath, True


def has_stale(root: Path, wanted: set[str], keep: tuple[str, ...] = ()) -> bool:
    """Whether `remove_stale` would remove anything (a file not wanted, or a directory left empty)."""
    return next(_stale(root, wanted, keep), None) is not None


def write_each(root: Path, items: Sequence[T], produce: Callable[[T], tuple[str, bytes | Path]],
               jobs: int | None = None, progress: Callable[[int], None] | None = None,
               fresh: bool = False) -> list[tuple[str, bool, int, int]]:
    """Produce and write every item's file in the same (forked) worker: rendered pages never travel
    between processes, only (path, written, size, mtime in ns) does (the size and time the manifest
    records, looked up here, in parallel). `fresh`: `root` started empty (cold build). An item produced as
    a Path (a file made earlier, on the same file system) is moved into place."""
    root.mkdir(parents=True, exist_ok=True)
    put = create_file if fresh else write_file

    def one(item: T) -> tuple[str, bool, int, int]:
        rel, data = produce(item)
        written = move_file(root, rel, data) if isinstance(data, Path) else put(root, rel, data)
        st = os.stat(safe_join(root, rel))
        return rel, written, st.st_size, st.st_mtime_ns

    return map_ordered(one, items, jobs, threshold=400, progress=progress)


def remove_stale(root: Path, wanted: set[str], keep: tuple[str, ...] = ()) -> int:
    """Remove what `_stale` finds under `root`; the number of files removed."""
    removed = 0
    for path, is_dir in _stale(root, wanted, keep):
        if is_dir:
            os.rmdir(path)
        else:
            os.unlink(path)
            removed += 1
    return removed


def read_static(dirs: list[Path]) -> dict[str, bytes]:
    """Every file of the static directories as `static/<path>`; a later directory overrides an earlier one."""
    files: dict[str, bytes] = {}
    for base in dirs:
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files["static/" + path.relative_to(base).as_posix()] = path.read_bytes()
    return files
