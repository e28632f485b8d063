"""Shared fixtures: building sites into temporary directories, serving them, and Debian's Chromium."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from explore import use_profile

from revdoor.output.builder import BuildResult, build
from revdoor.preview.serve import serve_in_thread

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--explore", action="store_true",
                     help="property tests draw fresh random examples, ten times as many (tests/explore.py)")


def pytest_configure(config: pytest.Config) -> None:
    use_profile(config.getoption("explore"))


def build_into(source: Path, out: Path, **kwargs: object) -> BuildResult:
    result = build(source, out, **kwargs)  # type: ignore[arg-type]
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return result


def copy_site(fixture: str, dest: Path, base_url: str | None = None) -> Path:
    """A writable copy of tests/fixtures/<fixture> (a build writes its body cache into its source)."""
    shutil.copytree(FIXTURES / fixture, dest, ignore=shutil.ignore_patterns(".cache", "public"))
    if base_url is not None:
        toml = dest / "site.toml"
        toml.write_text(re.sub(r"(?m)^base_url\s*=.*$", f'base_url = "{base_url}"', toml.read_text()))
    return dest


@pytest.fixture(scope="session")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """tests/fixtures/good-site built once, served from a domain's root."""
    source = copy_site("good-site", tmp_path_factory.mktemp("good") / "site")
    return build_into(source, source.parent / "public", with_search=False, jobs=1)


@pytest.fixture(scope="session")
def good_site_subpath(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """tests/fixtures/good-site built once for a GitHub project page: base_url has a path."""
    source = copy_site("good-site", tmp_path_factory.mktemp("good-sub") / "site",
                       base_url="https://example.github.io/tracker/")
    return build_into(source, source.parent / "public", with_search=False, jobs=1)


@pytest.fixture(scope="session")
def good_server(good_site: BuildResult) -> Iterator[str]:
    """tests/fixtures/good-site built once and served on 127.0.0.1, for the browser tests that read it."""
    assert good_site.output is not None
    server = serve_in_thread(good_site.output)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own content, built once (with the search index) for every test that reads it."""
    return build_into(REPO, tmp_path_factory.mktemp("real") / "public", with_search=True)


@pytest.fixture(scope="session")
def real_server(real_site: BuildResult) -> Iterator[str]:
    """Base URL of the built real site, served on 127.0.0.1."""
    assert real_site.output is not None
    server = serve_in_thread(real_site.output)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A writable copy of the repository's site (content, settings), for tests that edit it."""
    dest = tmp_path / "site"
    dest.mkdir()
    shutil.copytree(REPO / "content", dest / "content")
    shutil.copy(REPO / "site.toml", dest / "site.toml")
    return dest


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright when present, else Playwright's own (GitHub's runners install it
    with `playwright install --with-deps chromium`); a test never downloads a browser."""
    from playwright.sync_api import Error, sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).exists() else None
    with sync_playwright() as pw:
        try:
            # Playwright's own browser gets its own flags (its headless shell has no `--headless=new`).
            instance = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS if executable else [])
        except Error as exc:
            pytest.fail(f"no browser: {CHROMIUM} is missing (scripts/test.sh installs Debian's chromium) and "
                        f"Playwright's own Chromium did not start: {exc.message.splitlines()[0]}")
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()
