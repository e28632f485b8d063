"""The preview server: serves the output directory and, with live reload, rebuilds it as sources change.

MkDocs' and staticjinja's model: the server is given a builder (a callable taking the changed paths) and an
output directory, and knows nothing else about the site; `watch` says when, `reload` tells the open pages.
A failed rebuild never stops it: the last good output stays served and its errors go to every open page.

Serving: 127.0.0.1 unless asked otherwise, pretty URLs (`/people/x/` is `people/x/index.html`), the site's
own 404 page with status 404, and no way out of the output directory (`..`, `%2e%2e`, symlinks).
"""

from __future__ import annotations

import argparse
import errno
import faulthandler
import functools
import http.server
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..output.render import TEMPLATE_SUFFIXES
from . import reload
from .reload import Indexer, LiveSite, Outcome

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
STOP_SECONDS = 15  # the most stopping may take (closing the server, removing the temporary output)
# The content types served: http.server's, and the site's own (the search index's files among them).
EXTENSIONS = {**http.server.SimpleHTTPRequestHandler.extensions_map,
              ".xml": "application/xml", ".js": "text/javascript", ".json": "application/json",
              ".css": "text/css", ".svg": "image/svg+xml", ".wasm": "application/wasm",
              ".pf_meta": "application/octet-stream", ".pf_fragment": "application/octet-stream",
              ".pf_index": "application/octet-stream", ".pf_filter": "application/octet-stream"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the site's 404.html, and no way out of the root (`..`, `%2e%2e`, symlinks).

    With `live` (a `reload.Broadcaster`), HTML responses get the live-reload script and the event stream
    is served at `reload.EVENTS_PATH`: the files on disk are never touched."""

    extensions_map = EXTENSIONS

    def __init__(self, *args: Any, directory: str, live: reload.Broadcaster | None = None, **kwargs: Any) -> None:
        self.root = os.path.realpath(directory)
        self.live = live
        super().__init__(*args, directory=directory, **kwargs)  # the server's (request, address, server)

    def translate_path(self, path: str) -> str:
        translated = super().translate_path(path)  # already drops `..` and decodes %2e
        real = os.path.realpath(translated)
        if real != self.root and not real.startswith(self.root + os.sep):
            # A path that cannot exist (under a file), answered by a 404. (A NUL byte would make open() raise
            # ValueError, which the parent class does not catch: the connection would just drop.)
            return os.path.join(self.root, "404.html", "outside")
        return translated

    def do_GET(self) -> None:
        if self.live is not None:
            route = urlsplit(self.path).path
            if route == reload.EVENTS_PATH:
                return self._events(self.live)
            if route == reload.SCRIPT_PATH:
                return self._send(200, "text/javascript; charset=utf-8", reload.script())
            html = self._html_file(route)
            if html is not None:
                return self._send(200, "text/html; charset=utf-8", self._live_html(Path(html).read_bytes()))
        return super().do_GET()

    def _html_file(self, route: str) -> str | None:
        """The HTML file a GET would send, or None (not HTML, missing, or a directory to redirect)."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not route.endswith("/"):
                return None  # the parent class redirects /people/x to /people/x/
            path = os.path.join(path, "index.html")
        return path if path.endswith(".html") and os.path.isfile(path) else None

    def _live_html(self, body: bytes) -> bytes:
        return reload.inject(body, self.live.build_id) if self.live is not None else body

    def _send(self, code: int, content_type: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _events(self, live: reload.Broadcaster) -> None:
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        try:
            for frame in live.stream():
                self.wfile.write(frame)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page went away

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page()
        if code == 404 and os.path.isfile(page):
            return self._send(404, "text/html; charset=utf-8", self._live_html(Path(page).read_bytes()))
        if code == 404 and self.live is not None:  # nothing built yet (the first build failed): keep listening
            return self._send(404, "text/html; charset=utf-8", self._live_html(b"<!DOCTYPE html><title>Not built"
                                                                                b"</title><body></body>"))
        return super().send_error(code, message, explain)

    def _not_found_page(self) -> str:
        """/fr/… has its own "page not found", in French: the 404.html of the first folder, when it has one."""
        first = self.path.split("?", 1)[0].lstrip("/").split("/", 1)[0]
        if first and first.replace("-", "").isalnum():
            local = os.path.join(self.root, first, "404.html")
            if os.path.isfile(local):
                return local
        return os.path.join(self.root, "404.html")

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # a preview server that prints every request drowns the rebuild lines


class _ServerV6(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6  # --host ::1


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000,
                live: reload.Broadcaster | None = None) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(directory), live=live)
    server = (_ServerV6 if ":" in host else http.server.ThreadingHTTPServer)((host, port), handler)
    server.daemon_threads = True
    return server


def serve_in_thread(directory: Path, host: str = "127.0.0.1", port: int = 0) -> http.server.ThreadingHTTPServer:
    """Start a server in a background thread (for tests); port 0 picks a free port."""
    server = make_server(directory, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def host_warning(host: str) -> str | None:
    if host in LOCAL_HOSTS:
        return None
    return f"warning: serving on {host}: other machines on the network can see the preview"


def check_templates(dirs: list[Path]) -> None:
    """Every template parses, or the first that does not is raised, with its file and line, for the overlay
    (the template-only fast path renders without the builder, which checks them itself)."""
    from ..output.render import check_templates as broken

    for problem in broken(dirs):
        raise problem


class Preview:
    """`build.py serve`: build, serve, watch, rebuild, tell the pages. Binds its port first, so a port in
    use is reported before any work, and the site is built with its own address as `base_url`.

    Without `output` it builds into a temporary directory (removed at the end): the preview's pages link
    to the local server, and must not be mistaken for, or overwrite, the published build."""

    def __init__(self, source: Path, output: Path | None = None, host: str = "127.0.0.1", port: int = 8000,
                 *, search: bool = True, watch: bool = True, log: Callable[[str], None] = print) -> None:
        from ..common.theme import static_dirs, template_dirs
        from ..language.catalogues import LOCALE_DIR
        from .engine import Engine
        from .watch import Watcher

        self.source = Path(source).resolve()
        self.temporary = output is None
        self.output = Path(output) if output is not None else Path(tempfile.mkdtemp(prefix="revdoor-serve-"))
        self.live = reload.Broadcaster()
        try:
            self.server = make_server(self.output, host, port, self.live)
        except OSError:
            self._remove_output()
            raise
        self.port = int(self.server.server_address[1])
        shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
        self.url = f"http://{f'[{shown}]' if ':' in shown else shown}:{self.port}/"
        # The preview's directory is not swapped whole (atomic=False): its files are replaced one by one, each
        # atomically, so the server and the background indexer never lose the directory under them.
        self.engine = Engine(self.source, self.output, build_options={
            "with_search": False, "keep_index": True, "base_url": self.url, "use_cache": True, "atomic": False})
        self.templates = template_dirs(self.source)
        self.indexer = Indexer(self._index, log) if search else None
        self.site = LiveSite(self._build, self.live, root=self.source, log=log,
                             after=self.indexer.request if self.indexer else lambda: None)
        # The interface's catalogues too: a saved translation is a full rebuild (the pages' fingerprints
        # include the catalogues), so the open pages show it.
        # (Without `watch`, rebuilds happen only when asked, `site.rebuild`: a test that asks for them is not
        # raced by the watcher's own rebuild of the same save, a moment later.)
        self.watcher = Watcher([self.source / "content", *self.templates, *static_dirs(self.source), LOCALE_DIR],
                               [self.source / "site.toml"], self.site.rebuild) if watch else None
        self._thread: threading.Thread | None = None
        self.last_ok = False  # the last rebuild succeeded: the memory holds a good build

    def _build(self, changed: set[Path] | None) -> Outcome:
        try:
            return self._build_or_raise(changed)
        except Exception:
            # What is in memory may not match the templates or the output any more: start again from scratch.
            self.last_ok, self.engine.site = False, None
            raise

    def _build_or_raise(self, changed: set[Path] | None) -> Outcome:
        if changed is None or any(p.suffix in TEMPLATE_SUFFIXES for p in changed):
            check_templates(self.templates)
        # A template edit takes the engine's cached full build too: the pages' fingerprints are salted with
        # the templates each one uses, so only the pages using the edited template render again.
        outcome = self.engine.full() if changed is None else self.engine.rebuild(changed)
        self.last_ok = outcome.ok
        return outcome

    def _index(self) -> object:
        from ..output import search

        model = self.engine.model
        return search.index_site(self.output, model.config.language if model else "en")

    def start(self) -> bool:
        """The first build, then watching; True when the site built (else the overlay says why)."""
        ok = self.site.rebuild(None)
        if self.watcher is not None:
            self.watcher.start()
        return ok

    def serve_in_thread(self) -> Preview:
        """Serve from a thread, so the main thread is free to take Ctrl-C at any moment."""
        self._thread = threading.Thread(target=self.server.serve_forever, name="revdoor-serve", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        self.live.close()  # ends every open event stream, so no request thread is left behind
        # `shutdown()` waits for a `serve_forever` that runs or is about to (one asked first ends at once), but
        # forever for one that never starts: Ctrl-C can land inside `Thread.start()` before the thread exists
        # (a pending signal runs its Python handler at the next bytecode, whatever the signal mask says).
        # A live thread is one that has started; only then is there a loop to stop.
        if self._thread is not None and self._thread.is_alive():
            self.server.shutdown()
        self.server.server_close()
        if self.indexer is not None:
            self.indexer.stop()
        self._remove_output()

    def _remove_output(self) -> None:
        if self.temporary:
            shutil.rmtree(self.output, ignore_errors=True)


def free_port_near(host: str, port: int) -> int | None:
    for candidate in range(port + 1, min(port + 50, 65536)):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            try:
                s.bind((host, candidate))
            except OSError:
                continue
            return candidate
    return None


def cmd_serve(args: argparse.Namespace) -> int:
    warning = host_warning(args.host)
    if warning:
        print(warning, file=sys.stderr)
    try:
        preview = Preview(args.source, args.output, args.host, args.port, search=not args.no_search)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            free = free_port_near(args.host, args.port)
            hint = f"try `python build.py serve --port {free}`" if free else "try another --port"
            print(f"port {args.port} is already in use on {args.host} (another server?): {hint}", file=sys.stderr)
        else:
            print(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # `kill` stops it as cleanly as Ctrl-C: the temporary output is removed

    signal.signal(signal.SIGTERM, stop)
    # Ctrl-C is how the preview stops, even when started from a script in the background, which hands its
    # children SIGINT ignored (Python then installs no handler of its own, and Ctrl-C did nothing).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        preview.start()
        print(f"serving {preview.source} at {preview.url} (Ctrl-C stops); watching for changes")
        if args.open:
            import webbrowser

            webbrowser.open(preview.url)
        preview.serve_in_thread()
        # Until Ctrl-C or SIGTERM, in short sleeps: the kernel may hand the signal to any thread (the server's,
        # the watcher's), and Python runs its handler in the main thread only when that thread runs again. A
        # sleep of an hour was then not woken for an hour: the `serve` that sometimes never exited under load.
        while True:
            time.sleep(0.25)
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        # Stopping must end the process: should anything hold on past STOP_SECONDS, the threads' stacks go to
        # stderr (to say what) and the process exits anyway.
        faulthandler.dump_traceback_later(STOP_SECONDS, exit=True)
        preview.close()
    # Closed, and the temporary output removed: end here rather than wait, at interpreter exit, for whatever an
    # interrupted rebuild may leave running (its thread, a process pool's manager thread). A `serve` that never
    # exited after Ctrl-C was seen twice in full CI runs, never alone; this is the exit that cannot hang.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
