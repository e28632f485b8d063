"""Watch the site's sources with watchdog and turn each burst of saves into one call.

Editors do not just write a file: they write a temporary file and rename it over the old one, leave swap
and lock files, or save several files at once (a search-and-replace). Every event restarts a short quiet
period; when it ends, the callback gets the set of paths that changed, once. Events that arrive while the
callback runs are gathered for the next call, so rebuilds never overlap and never pile up.

The watcher knows nothing about building: it is given directories, single files and a callback.
"""

from __future__ import annotations

import fnmatch
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..content.config import CACHE_DIR

QUIET_SECONDS = 0.15
# Editor droppings: Emacs locks and autosaves, backups, Vim swap files and its write test, JetBrains and
# other "safe write" temporaries. Anything under a `.cache` directory is the build's own.
IGNORED = ("*~", ".#*", "#*#", ".*.sw?", ".*.sw??", "*.swp", "4913", "*.tmp", "*.bak", ".DS_Store",
           "*___jb_tmp___", "*___jb_old___", ".goutputstream-*")


def ignored(path: Path, is_dir: bool = False) -> bool:
    """True for files no build reads: editor temporaries, the `.cache/` directory, and files without an
    extension (tools' temporaries such as `sed -i`'s `sedAbC123`, Vim's `4913`)."""
    if CACHE_DIR.parts[0] in path.parts or (not is_dir and not path.suffix):
        return True
    return any(fnmatch.fnmatchcase(path.name, pattern) for pattern in IGNORED)


class Timer(Protocol):
    """What the debouncer needs of `threading.Timer`."""

    def start(self) -> None: ...

    def cancel(self) -> None: ...


def daemon_timer(seconds: float, fire: Callable[[], None]) -> Timer:
    """A `threading.Timer` that never keeps the process alive."""
    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    return timer


class Debouncer:
    """Collects paths; calls `callback(paths)` once they stop coming for `quiet` seconds (one at a time).

    `timer(seconds, fire)` makes the quiet period's timer: a test gives one that it fires itself, so that
    what makes a burst is decided by the test, not by how fast the machine runs it."""

    def __init__(self, callback: Callable[[set[Path]], object], quiet: float = QUIET_SECONDS,
                 timer: Callable[[float, Callable[[], None]], Timer] = daemon_timer) -> None:
        self.callback, self.quiet, self._make_timer = callback, quiet, timer
        self._lock = threading.Lock()
        self._pending: set[Path] = set()
        self._timer: Timer | None = None
        self._running = threading.Lock()  # held while the callback runs

    def add(self, path: Path) -> None:
        with self._lock:
            self._pending.add(path)
            if self._timer is not None:
                self._timer.cancel()
            self._timer = self._make_timer(self.quiet, self._fire)
            self._timer.start()

    def _fire(self) -> None:
        with self._running:  # a burst that ended during the last call waits for it, then goes as one
            with self._lock:
                paths, self._pending = self._pending, set()
            if paths:
                self.callback(paths)

    def cancel(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._pending = set()


class _Handler(FileSystemEventHandler):
    def __init__(self, accept: Callable[[Path, bool], bool], debouncer: Debouncer) -> None:
        self.accept, self.debouncer = accept, debouncer

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file changes nothing
        if event.is_directory and event.event_type == "modified":
            return  # a file inside changed: that file's own event says which
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                path = Path(raw if isinstance(raw, str) else raw.decode())
                if self.accept(path, event.is_directory):
                    self.debouncer.add(path)


class Watcher:
    """Watches `dirs` recursively and `files` one by one; `callback` gets each burst's changed paths."""

    def __init__(self, dirs: Iterable[Path], files: Iterable[Path], callback: Callable[[set[Path]], object],
                 quiet: float = QUIET_SECONDS) -> None:
        self.dirs = [Path(d).resolve() for d in dirs]
        self.files = {Path(f).resolve() for f in files}
        self.debouncer = Debouncer(callback, quiet)
        self.observer = Observer()
        handler = _Handler(self._accept, self.debouncer)
        for d in dict.fromkeys(self.dirs):
            if d.is_dir():
                self.observer.schedule(handler, str(d), recursive=True)
        # A single file is watched through its directory (not recursively: that may hold the output).
        for parent in dict.fromkeys(f.parent for f in self.files):
            if parent.is_dir() and parent not in self.dirs:
                self.observer.schedule(handler, str(parent), recursive=False)

    def _accept(self, path: Path, is_dir: bool = False) -> bool:
        if path in self.files:
            return True
        inside = any(path == d or d in path.parents for d in self.dirs)
        return inside and not ignored(path, is_dir)

    def start(self) -> Watcher:
        self.observer.daemon = True
        self.observer.start()
        return self

    def stop(self) -> None:
        self.debouncer.cancel()
        self.observer.stop()
        self.observer.join(timeout=5)
