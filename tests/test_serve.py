"""The preview server: what it refuses, what it answers, and how it starts and stops.

Most tests serve a build of tests/fixtures/good-site; the live ones run a `Preview` over a copy of it,
without its watcher, and call its rebuild directly (the watcher and the browser have their own tests).

Nothing here waits on the clock: the debouncer's quiet period is a timer the test fires itself, the watcher's
events are waited for, and HANG_GUARD_S only bounds a wait that a broken server would never end.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import copy_site
from deadlines import HANG_GUARD_S

from revdoor.output.builder import BuildResult
from revdoor.preview.reload import EVENTS_PATH, SCRIPT_PATH
from revdoor.preview.serve import Preview, host_warning, serve_in_thread
from revdoor.preview.watch import Debouncer, ignored
from revdoor.tools.cli import parser

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server(good_site: BuildResult) -> Iterator[tuple[str, int, Path]]:
    assert good_site.output is not None
    out = good_site.output
    outside = out.parent / "secret.txt"
    outside.write_text("not for the web")
    link = out / "escape"
    if not link.exists():
        link.symlink_to(out.parent)
    srv = serve_in_thread(out)
    yield "127.0.0.1", int(srv.server_address[1]), out
    srv.shutdown()
    srv.server_close()


def get(target: tuple[str, int, Path] | tuple[str, int], path: str) -> tuple[int, dict[str, str], bytes]:
    """A raw GET: http.client sends the path exactly as given (no normalisation of `..`)."""
    conn = http.client.HTTPConnection(target[0], target[1], timeout=HANG_GUARD_S)
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body


@pytest.mark.parametrize("path", ["/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt",
                                  "/%2E%2E/%2e%2e/etc/passwd", "/people/..%2f..%2f../secret.txt",
                                  "/escape/secret.txt"])
def test_refuses_paths_outside_the_output_directory_with_the_404_page(
        server: tuple[str, int, Path], path: str) -> None:
    status, _, body = get(server, path)
    assert status == 404
    assert b"not for the web" not in body and b"root:" not in body
    assert body == (server[2] / "404.html").read_bytes()


def test_answers_an_unknown_path_with_the_sites_404_page_and_status_404(server: tuple[str, int, Path]) -> None:
    status, headers, body = get(server, "/people/nobody-at-all/")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body == (server[2] / "404.html").read_bytes()


def test_serves_pretty_urls_from_index_html(server: tuple[str, int, Path]) -> None:
    status, headers, body = get(server, "/people/mira-murati/")
    assert status == 200
    assert body == (server[2] / "people" / "mira-murati" / "index.html").read_bytes()
    assert headers["content-type"].startswith("text/html")


def test_redirects_a_pretty_url_without_its_slash(server: tuple[str, int, Path]) -> None:
    status, headers, _ = get(server, "/people/mira-murati")
    assert status == 301
    assert headers["location"] == "/people/mira-murati/"


@pytest.mark.parametrize(("path", "kind"), [("/", "text/html"), ("/static/style.css", "text/css"),
                                            ("/static/site.js", "text/javascript"), ("/feed.xml", "application/"),
                                            ("/sitemap.xml", "application/xml"), ("/robots.txt", "text/plain")])
def test_sends_the_right_content_type(server: tuple[str, int, Path], path: str, kind: str) -> None:
    status, headers, _ = get(server, path)
    assert status == 200
    assert headers["content-type"].startswith(kind)


def test_a_plain_server_injects_no_live_reload_script(server: tuple[str, int, Path]) -> None:
    _, _, body = get(server, "/")
    assert SCRIPT_PATH.encode() not in body
    assert get(server, EVENTS_PATH)[0] == 404


def test_serves_on_127_0_0_1_by_default_and_warns_for_another_host() -> None:
    assert parser().parse_args(["serve"]).host == "127.0.0.1"
    assert host_warning("127.0.0.1") is None
    assert host_warning("0.0.0.0") == ("warning: serving on 0.0.0.0: other machines on the network can see "
                                       "the preview")


def run_serve(site: Path, *args: str, sigint: object = signal.SIG_DFL) -> subprocess.Popen[str]:
    """`serve` in its own process; `sigint`: how it inherits SIGINT (a script's background job: ignored)."""
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--source", str(site), "--no-search",
                             *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, sigint))  # type: ignore[arg-type]


def test_a_port_in_use_gives_a_clear_message_a_free_port_and_exit_code_2(tmp_path: Path) -> None:
    site = copy_site("good-site", tmp_path / "site")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = run_serve(site, "--port", str(port))
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2, out + err
    match = re.fullmatch(rf"port {port} is already in use on 127.0.0.1 \(another server\?\): "
                         r"try `python build.py serve --port (\d+)`\n", err)
    assert match, err
    assert int(match.group(1)) != port
    assert "Traceback" not in err


def test_another_host_is_served_only_with_a_warning(tmp_path: Path) -> None:
    site = copy_site("good-site", tmp_path / "site")
    with socket.socket() as busy:  # the port is taken, so nothing is really exposed by this test
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = run_serve(site, "--host", "0.0.0.0", "--port", str(port))
        _, err = proc.communicate(timeout=60)
    assert err.startswith("warning: serving on 0.0.0.0: other machines on the network can see the preview\n")


def test_ctrl_c_stops_the_server_cleanly_without_a_traceback(tmp_path: Path) -> None:
    site = copy_site("good-site", tmp_path / "site")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = run_serve(site, "--port", str(port))
    assert proc.stdout is not None
    first = proc.stdout.readline()  # the first build's line: the server is about to listen
    assert first.startswith("build: "), first
    assert proc.stdout.readline().startswith(f"serving {site.resolve()} at http://127.0.0.1:{port}/")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=HANG_GUARD_S)
    assert proc.returncode == 0, err  # a hang past serve.STOP_SECONDS shows every thread's stack here
    assert out.strip() == "stopped"
    assert "Traceback" not in err


def test_ctrl_c_stops_a_server_started_with_sigint_ignored(tmp_path: Path) -> None:
    """A script's background job hands its children SIGINT ignored; Python then installs no handler of its
    own. `serve` installs it itself: it was this session's stress run that met the server ignoring Ctrl-C."""
    site = copy_site("good-site", tmp_path / "site")
    proc = run_serve(site, "--port", "0", sigint=signal.SIG_IGN)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("build: ")
    assert proc.stdout.readline().startswith(f"serving {site.resolve()} at http://127.0.0.1:")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=HANG_GUARD_S)
    assert proc.returncode == 0, err
    assert out.strip() == "stopped"


TGKILL = {"x86_64": 234, "aarch64": 131}  # the tgkill system call: a signal to one chosen thread of a process


@pytest.mark.skipif(os.uname().machine not in TGKILL, reason="tgkill's number is known for x86_64 and aarch64")
def test_ctrl_c_delivered_to_another_thread_than_the_main_one_still_stops_the_server(tmp_path: Path) -> None:
    """The kernel hands a process's signal to any of its threads; Python runs the handler in the main thread
    only when that thread runs again. This sends SIGINT to each other thread in turn, as the kernel may: the
    main thread sleeping for an hour would never stop (what made `serve` hang now and then under load)."""
    import ctypes

    site = copy_site("good-site", tmp_path / "site")
    proc = run_serve(site, "--port", "0")
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("build: ")
    assert proc.stdout.readline().startswith(f"serving {site.resolve()} at http://127.0.0.1:")
    others = sorted(int(t) for t in os.listdir(f"/proc/{proc.pid}/task") if int(t) != proc.pid)
    assert others, "the server and the watcher run in threads of their own"
    # Once the main thread waits in its sleep (the kernel says where it waits), and not before: a signal
    # that comes while it still runs Python is handled at once, which would prove nothing.
    wchan = Path(f"/proc/{proc.pid}/task/{proc.pid}/wchan")
    deadline = time.monotonic() + HANG_GUARD_S
    while "nanosleep" not in wchan.read_text() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert "nanosleep" in wchan.read_text(), wchan.read_text()
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.syscall(TGKILL[os.uname().machine], proc.pid, others[-1], signal.SIGINT) == 0
    out, err = proc.communicate(timeout=HANG_GUARD_S)
    assert proc.returncode == 0, err
    assert out.strip() == "stopped"


def test_ctrl_c_inside_starting_the_server_thread_still_closes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C can interrupt `Thread.start()` before the thread exists; closing must not wait for a loop that
    never runs (it did: `shutdown()` waited forever, seen as a hung `serve` in CI)."""
    site = copy_site("good-site", tmp_path / "site")
    live = Preview(site, tmp_path / "out", port=0, search=False, log=lambda _: None)
    assert live.start()

    def interrupted(_self: threading.Thread) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(threading.Thread, "start", interrupted)
        with pytest.raises(KeyboardInterrupt):
            live.serve_in_thread()
    closing = threading.Thread(target=live.close, daemon=True)
    closing.start()
    closing.join(timeout=HANG_GUARD_S)
    assert not closing.is_alive()


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    site = copy_site("good-site", tmp_path / "site")
    (site / "templates").mkdir()
    live = Preview(site, tmp_path / "out", port=0, search=False, watch=False, log=lambda _: None)
    assert live.start()
    live.serve_in_thread()
    yield live
    live.close()


def target(p: Preview) -> tuple[str, int]:
    return "127.0.0.1", p.port


def test_live_html_carries_the_reload_script_but_the_built_file_does_not(preview: Preview) -> None:
    status, _, body = get(target(preview), "/people/mira-murati/")
    assert status == 200
    assert f'<script src="{SCRIPT_PATH}" data-build="{preview.live.build_id}"></script>\n</body>'.encode() in body
    on_disk = (preview.output / "people" / "mira-murati" / "index.html").read_bytes()
    assert SCRIPT_PATH.encode() not in on_disk
    status, headers, script = get(target(preview), SCRIPT_PATH)
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    assert b"EventSource" in script


def test_the_preview_links_to_its_own_address(preview: Preview) -> None:
    body = (preview.output / "people" / "mira-murati" / "index.html").read_text()
    assert f'<link rel="canonical" href="http://127.0.0.1:{preview.port}/people/mira-murati/">' in body


def test_the_404_page_of_the_preview_listens_for_reloads_too(preview: Preview) -> None:
    status, _, body = get(target(preview), "/nothing-here/")
    assert status == 404
    assert SCRIPT_PATH.encode() in body


def read_events(p: Preview, count: int) -> list[tuple[str, object]]:
    """The first `count` events of the stream (after the `retry:` line)."""
    conn = http.client.HTTPConnection("127.0.0.1", p.port, timeout=HANG_GUARD_S)
    conn.request("GET", EVENTS_PATH)
    resp = conn.getresponse()
    assert resp.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    events: list[tuple[str, object]] = []
    name = None
    while len(events) < count:
        line = resp.fp.readline().decode().rstrip("\n")
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: ") and name:
            events.append((name, json.loads(line.removeprefix("data: "))))
    conn.close()
    return events


def test_a_broken_event_keeps_the_last_good_page_and_sends_its_error_line(preview: Preview) -> None:
    page_before = get(target(preview), "/events/murati-leaves-openai/")[2]
    event = preview.source / "content" / "events" / "murati-leaves-openai.md"
    good = event.read_text()
    event.write_text(good.replace("from: OpenAI", "from: OpenNope"))
    assert preview.site.rebuild({event}) is False
    expected = ["content/events/murati-leaves-openai.md:5: from: unknown lab 'OpenNope' (did you mean 'OpenAI'?)"]
    assert preview.live.errors == expected
    assert read_events(preview, 2) == [("hello", {"build": preview.live.build_id}), ("errors", expected)]
    assert get(target(preview), "/events/murati-leaves-openai/")[2] == page_before
    event.write_text(good)
    assert preview.site.rebuild({event}) is True
    assert preview.live.errors == []


def test_a_template_syntax_error_is_reported_with_its_file_and_line(preview: Preview) -> None:
    template = preview.source / "templates" / "person.html"
    template.write_text('{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n')
    assert preview.site.rebuild({template}) is False
    assert preview.live.errors == ["templates/person.html:3: template: Expected an expression, got 'end of "
                                   "statement block'"]
    template.unlink()
    assert preview.site.rebuild({template}) is True
    assert preview.live.errors == []


def test_a_template_error_while_rendering_is_reported_with_its_file_and_line(preview: Preview) -> None:
    template = preview.source / "templates" / "person.html"
    template.write_text('{% extends "base.html" %}\n{% block main %}\n{{ no_such_thing.name }}\n{% endblock %}\n')
    assert preview.site.rebuild({template}) is False
    # As `build` says it: the template's file and line, and the page it failed on.
    assert preview.live.errors == ["templates/person.html:3: template: UndefinedError: 'no_such_thing' is "
                                   "undefined (while rendering /people/barret-zoph/)"]


class ManualTimer:
    """Stands in for the debouncer's threading.Timer: it fires when the test says, never by itself."""

    def __init__(self, seconds: float, fire: Callable[[], None]) -> None:
        self.seconds, self._fire = seconds, fire
        self.started = self.cancelled = self.fired = False

    def start(self) -> None:
        self.started = True

    def cancel(self) -> None:
        self.cancelled = True

    def fire(self) -> None:
        """The quiet period ends now."""
        self.fired = True
        self._fire()


class ManualTimers(list[ManualTimer]):
    """Makes ManualTimers and keeps them; `pending`: the quiet periods still running (started, neither
    cancelled nor fired)."""

    def __call__(self, seconds: float, fire: Callable[[], None]) -> ManualTimer:
        self.append(ManualTimer(seconds, fire))
        return self[-1]

    def pending(self) -> list[ManualTimer]:
        return [t for t in self if t.started and not t.cancelled and not t.fired]


def test_a_burst_of_changes_is_one_call() -> None:
    calls: list[set[Path]] = []
    timers = ManualTimers()
    debouncer = Debouncer(calls.append, quiet=0.2, timer=timers)
    for name in ("a.md", "a.md", "b.md", "c.css"):
        debouncer.add(Path(name))
    assert calls == []  # nothing before the quiet period ends
    [quiet] = timers.pending()  # each change restarted the quiet period: the last one is left, at full length
    assert quiet is timers[-1] and len(timers) == 4 and quiet.seconds == 0.2
    quiet.fire()
    assert calls == [{Path("a.md"), Path("b.md"), Path("c.css")}]
    assert timers.pending() == []  # nothing left to make a second call


def test_a_change_during_the_call_goes_into_the_next_call() -> None:
    calls: list[set[Path]] = []
    timers = ManualTimers()

    def callback(paths: set[Path]) -> None:
        calls.append(paths)
        if len(calls) == 1:
            debouncer.add(Path("saved-while-rebuilding.md"))

    debouncer = Debouncer(callback, timer=timers)
    debouncer.add(Path("a.md"))
    timers.pending()[0].fire()
    [after] = timers.pending()
    after.fire()
    assert calls == [{Path("a.md")}, {Path("saved-while-rebuilding.md")}]


@pytest.mark.parametrize("name", [".#person.md", "person.md~", ".person.md.swp", ".person.md.swx", "4913",
                                  "sedAb12Cd", "#person.md#"])
def test_ignores_editor_temporary_files(name: str) -> None:
    assert ignored(Path("content/people") / name)


def test_ignores_the_cache_directory_but_not_content() -> None:
    assert ignored(Path("site/.cache/revdoor/docs.pickle"))
    assert not ignored(Path("content/people/mira-murati.md"))
    assert not ignored(Path("content/people"), is_dir=True)


def save_by_rename(path: Path, text: str) -> None:
    """As editors save: a temporary file (one the watcher ignores) renamed over the file."""
    temp = path.with_name(path.name + "~")
    temp.write_text(text)
    os.replace(temp, path)


def test_the_watcher_turns_a_save_by_rename_into_one_rebuild(tmp_path: Path) -> None:
    from revdoor.preview.watch import Watcher

    (tmp_path / "content").mkdir()
    calls: queue.Queue[set[Path]] = queue.Queue()
    watcher = Watcher([tmp_path / "content"], [tmp_path / "site.toml"], calls.put, quiet=0.3).start()
    try:
        target_file = tmp_path / "content" / "x.md"
        swap = tmp_path / "content" / ".x.md.swp"
        swap.write_text("swap")
        save_by_rename(target_file, "new")
        swap.unlink()
        first = calls.get(timeout=HANG_GUARD_S)
        # A second save, after the first call: the watcher reports events in order, so anything the first
        # save still had to say comes before this one's, in its own call or in this one's, never after.
        later = tmp_path / "content" / "later.md"
        save_by_rename(later, "later")
        second = calls.get(timeout=HANG_GUARD_S)
    finally:
        watcher.stop()
    assert [first, second] == [{target_file.resolve()}, {later.resolve()}]
