"""Serve a built site on 127.0.0.1: pretty URLs, the site's own 404 page, nothing outside the output directory.

The server knows nothing about building: `cmd_serve` builds, then hands it a directory.
"""

from __future__ import annotations

import argparse
import errno
import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from typing import ClassVar

from .builder import build


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the site's 404.html, and no way out of the root (`..`, `%2e%2e`, symlinks)."""

    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".xml": "application/xml", ".js": "text/javascript", ".json": "application/json",
                      ".css": "text/css", ".svg": "image/svg+xml", ".wasm": "application/wasm",
                      ".pf_meta": "application/octet-stream", ".pf_fragment": "application/octet-stream",
                      ".pf_index": "application/octet-stream", ".pf_filter": "application/octet-stream"}

    def __init__(self, *args: object, directory: str, **kwargs: object) -> None:
        self.root = os.path.realpath(directory)
        super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    def translate_path(self, path: str) -> str:
        translated = super().translate_path(path)  # already drops `..` and decodes %2e
        real = os.path.realpath(translated)
        if real != self.root and not real.startswith(self.root + os.sep):
            return os.path.join(self.root, "\0outside")  # a path that cannot exist: answered by a 404
        return translated

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = os.path.join(self.root, "404.html")
        if code == 404 and os.path.isfile(page):
            body = Path(page).read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # a preview server that prints every request drowns the rebuild lines


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve_in_thread(directory: Path, host: str = "127.0.0.1", port: int = 0) -> http.server.ThreadingHTTPServer:
    """Start a server in a background thread (for tests); port 0 picks a free port."""
    server = make_server(directory, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def cmd_serve(args: argparse.Namespace) -> int:
    from .cli import report

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {args.host}: other machines on the network can see the preview", file=sys.stderr)
    result = build(args.source, args.output, with_search=not args.no_search)
    if not result.ok:
        report(result.problems)
        return 1
    assert result.output is not None
    try:
        server = make_server(result.output, args.host, args.port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"port {args.port} is already in use: try `python build.py serve --port {args.port + 1}`",
                  file=sys.stderr)
            return 2
        raise
    url = f"http://{args.host}:{server.server_address[1]}/"
    print(f"serving {result.output} at {url} (Ctrl-C stops)")
    if args.open:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        server.server_close()
    return 0
