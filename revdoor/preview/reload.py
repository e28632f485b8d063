"""Live reload for the preview server: a Server-Sent Events stream and the small script that listens to it.

The script is added to HTML responses by the server only (`inject`), never to the built files, so the
published site cannot carry it. Messages, one per rebuild, to every open page:

- `reload`: the site changed, reload the page;
- `css`: only stylesheets changed, swap them in place (no reload: the scroll position and state stay);
- `errors`: the rebuild failed; data is the `path:line: field: message` lines, shown in an overlay above
  the last good page. The next good rebuild sends `reload`, and the reloaded page has no overlay.

`LiveSite` runs the builder it is given for each burst of changes and publishes the outcome; `Indexer`
refreshes the search index afterwards, in the background.

A page that connects (or reconnects, after the server restarted) is first sent `hello` with the build
number, then the current errors if any: a page opened on a broken site shows the overlay at once, and a
page that missed a rebuild while disconnected reloads itself.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..common.problems import Problem
from ..common.resources import PACKAGE, THEME
from ..output.render import TEMPLATE_SUFFIXES, TemplateRenderError

EVENTS_PATH = "/__revdoor/events"
SCRIPT_PATH = "/__revdoor/reload.js"
SCRIPT_FILE = PACKAGE / "preview" / "reload.js"
KEEPALIVE_SECONDS = 15.0  # a comment line now and then, so a vanished client is noticed (its write fails)
_CLOSED = object()


@dataclass(frozen=True)
class Message:
    event: str  # reload | css | errors | hello
    data: object

    def encode(self) -> bytes:
        """One SSE frame: `event:` and a single `data:` line of JSON (JSON never contains a raw newline)."""
        return f"event: {self.event}\ndata: {json.dumps(self.data, ensure_ascii=False)}\n\n".encode()


class Broadcaster:
    """Fans each message out to every connected page; remembers the build number and the current errors."""

    def __init__(self) -> None:
        self._lock = threading.RLock()  # reentrant: `wait_until`'s condition may read `clients`
        self._changed = threading.Condition(self._lock)  # told of every connection, departure and message
        self._clients: set[queue.Queue[object]] = set()
        self.token = uuid.uuid4().hex[:8]  # a server restart changes every build id
        self.build = 0
        self.errors: list[str] = []
        self.closed = False

    @property
    def build_id(self) -> str:
        return f"{self.token}-{self.build}"

    @property
    def clients(self) -> int:
        with self._lock:
            return len(self._clients)

    def publish(self, event: str, data: object = None) -> None:
        with self._lock:
            if event in ("reload", "css"):
                self.build += 1
                self.errors = []
                data = {"build": self.build_id}
            for client in self._clients:
                client.put(Message(event, data))
            self._changed.notify_all()

    def wait_until(self, ready: Callable[[], bool], timeout: float) -> bool:
        """Wait until `ready()` (checked again at every connection, departure and message), at most `timeout`
        seconds; whether it came. For whoever waits on the server, a test for one, rather than polling it."""
        with self._changed:
            return self._changed.wait_for(ready, timeout)

    def reload(self, css_only: bool = False) -> None:
        self.publish("css" if css_only else "reload")

    def show_errors(self, lines: list[str]) -> None:
        with self._lock:  # reentrant: publish takes it again
            self.errors = list(lines)  # what a page connecting later is shown first
            self.publish("errors", lines)

    def close(self) -> None:
        """End every stream (server shutdown), so no handler thread outlives the server."""
        with self._lock:
            self.closed = True
            for client in self._clients:
                client.put(_CLOSED)
            self._changed.notify_all()

    def stream(self) -> Iterator[bytes]:
        """The frames for one page, until the server closes; keep-alive comments between them."""
        mine: queue.Queue[object] = queue.Queue()
        with self._lock:
            if self.closed:
                return
            self._clients.add(mine)
            self._changed.notify_all()
            first = [Message("hello", {"build": self.build_id})]
            if self.errors:
                first.append(Message("errors", list(self.errors)))
        try:
            yield b"retry: 500\n\n"  # reconnect quickly after a server restart
            for message in first:
                yield message.encode()
            while True:
                try:
                    item = mine.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    yield b": keep-alive\n\n"
                    continue
                if item is _CLOSED:
                    return
                assert isinstance(item, Message)
                yield item.encode()
        finally:
            with self._lock:
                self._clients.discard(mine)
                self._changed.notify_all()


def script() -> bytes:
    return SCRIPT_FILE.read_bytes()


def inject(html: bytes, build_id: str) -> bytes:
    """The page with the live-reload script tag before `</body>` (or at the end when there is none).

    The tag carries the build the page comes from: a page that connects after a newer build reloads."""
    tag = f'<script src="{SCRIPT_PATH}" data-build="{build_id}"></script>\n'.encode()
    at = html.lower().rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


class Outcome(Protocol):
    """What a builder returns (revdoor.preview.engine.Outcome has these); read only."""

    @property
    def ok(self) -> bool: ...
    @property
    def problems(self) -> list[Problem]: ...
    @property
    def rendered(self) -> int: ...  # pages rendered (the others had not changed)
    @property
    def written(self) -> int: ...  # files whose bytes changed


Builder = Callable[[set[Path] | None], Outcome]


class LiveSite:
    """Runs the builder for each burst of changes and tells the open pages: reload, new CSS, or errors."""

    def __init__(self, builder: Builder, live: Broadcaster, *, root: Path,
                 log: Callable[[str], None] = print, after: Callable[[], None] = lambda: None) -> None:
        self.builder, self.live, self.root, self.log, self.after = builder, live, root, log, after

    def rebuild(self, changed: set[Path] | None) -> bool:
        start = time.perf_counter()
        what = describe(changed, self.root)
        try:
            outcome = self.builder(changed)
            lines = [p.text() for p in outcome.problems if p.is_error] if not outcome.ok else []
        except Exception as exc:  # a template error, or a bug: the server goes on with the last good site
            lines = exception_lines(exc, [self.root, THEME])
            outcome = None
        seconds = time.perf_counter() - start
        if outcome is None or not outcome.ok:
            lines = lines or ["the build failed without saying why"]
            self.live.show_errors(lines)
            count = f"{len(lines)} {'error' if len(lines) == 1 else 'errors'}"
            self.log(f"{what}: {count}, the last good site stays served ({seconds:.2f} s)")
            for line in lines:
                self.log(f"  {line}")
            return False
        css_only = bool(changed) and all(p.suffix == ".css" for p in changed or ())
        self.live.reload(css_only=css_only)
        self.log(f"{what}: {outcome.rendered} pages rendered, {outcome.written} files written in {seconds:.2f} s"
                 + (", stylesheets swapped" if css_only else ""))
        self.after()  # the search index, after the pages were told: it must not delay the reload
        return True


def describe(changed: Iterable[Path] | None, root: Path) -> str:
    if changed is None:
        return "build"
    names = []
    for path in sorted(changed):
        for base in (root, THEME):  # the site, else the project's templates
            try:
                names.append(path.resolve().relative_to(base.resolve()).as_posix())
                break
            except ValueError:
                continue
        else:
            names.append(str(path))
    return names[0] + (f" (+{len(names) - 1} more)" if len(names) > 1 else "") if names else "nothing"


def exception_lines(exc: BaseException, roots: list[Path]) -> list[str]:
    """`path:line: template: message` for a template error (syntax or while rendering), else the error."""
    import jinja2

    def rel(filename: str) -> str:
        for root in roots:
            try:
                return Path(filename).resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                continue
        return filename

    if isinstance(exc, TemplateRenderError):
        return [f"{rel(exc.filename)}:{exc.line}: template: {exc.message}"]
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return [f"{rel(exc.filename)}:{exc.lineno}: template: {exc.message}"]
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(TEMPLATE_SUFFIXES)]
    if frames:
        return [f"{rel(frames[-1].filename)}:{frames[-1].lineno}: template: {type(exc).__name__}: {exc}"]
    if isinstance(exc, jinja2.TemplateError):
        return [f"templates: {type(exc).__name__}: {exc}"]
    return [f"build: {type(exc).__name__}: {exc}"]


class Indexer:
    """Refreshes the search index in a background thread, after the pages were told to reload.

    Requests that come while it runs are merged into one more run; a run spoiled by a rebuild in the
    middle of it (the rebuild removes Pagefind's half-written directory) is simply the one redone."""

    def __init__(self, run: Callable[[], object], log: Callable[[str], None]) -> None:
        self.run, self.log = run, log
        self._wake = threading.Event()
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="revdoor-search", daemon=True)
        self._thread.start()

    def request(self) -> None:
        self._wake.set()

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            if self._stopped:
                return
            self._wake.clear()
            try:
                result = self.run()
            except Exception as exc:
                result = exc
            if not getattr(result, "ok", False) and not self._wake.is_set() and not self._stopped:
                self.log(f"search index not refreshed: {getattr(result, 'message', result)}")

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()
        self._thread.join(timeout=30)
