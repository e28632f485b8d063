"""`python -m bench.shots [OUT]`: screenshots of every kind of page, for reviewers of a change to the look.

    .venv/bin/python -m bench.shots                    # into /tmp/revdoor-shots
    .venv/bin/python -m bench.shots OUT --kinds home,person --full

Builds the repository's site (with its search index) into a temporary folder, serves it on 127.0.0.1 and, with
Playwright driving Debian's Chromium (or Playwright's own), takes each page kind at 360 and 1280 px wide, in the
light and the dark theme, in English and in French: JPEG files named LANG-KIND-WIDTH-THEME.jpg (`fr-lab-360-dark.jpg`),
then prints them with the total size. A shot is what the window shows first (a lab's page is many screens
long; its top shows the layout), or the whole page with --full. Not part of the test suite:
tests/test_bench.py only checks that every page it shoots is a page the build writes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from revdoor.output.builder import build
from revdoor.preview.serve import serve_in_thread

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WIDTHS = {360: 740, 1280: 800}  # width: the window's height (a phone's, a laptop's)
THEMES = ("light", "dark")
LANGUAGES = ("en", "fr")
QUALITY = 50  # JPEG: the text stays legible, a window's shot weighs 10 to 60 KB
QUERY = "OpenAI"  # typed into the search page's box
KINDS = ("home", "people", "labs", "flows", "search", "person", "lab", "event", "article", "policy")


@dataclass(frozen=True)
class Shot:
    """One page to shoot: its kind, its language and its path on the site (the search page's without the query,
    which is typed)."""

    kind: str
    lang: str
    path: str

    def name(self, width: int, theme: str) -> str:
        return f"{self.lang}-{self.kind}-{width}-{theme}.jpg"


def richest(folder: Path, out: Path, lang: str | None) -> str | None:
    """The biggest page in `folder` (the most of everything its kind shows) in `lang` (any when None),
    redirects aside, as a path on the site."""
    pages = [p for p in folder.glob("*/index.html")
             if 'http-equiv="refresh"' not in (text := p.read_text(encoding="utf-8"))
             and (lang is None or f'<html lang="{lang}">' in text)]
    if not pages:
        return None
    best = max(pages, key=lambda p: (p.stat().st_size, p.parent.name))
    return "/" + best.parent.relative_to(out).as_posix() + "/"


def shots(out: Path) -> list[Shot]:
    """Every page kind in each language, found in the built site `out`."""
    found = []
    for lang in LANGUAGES:
        prefix = "" if lang == LANGUAGES[0] else f"/{lang}"
        fixed = {"home": "/", "people": "/people/", "labs": "/labs/", "flows": "/flows/", "search": "/search/"}
        if (out / prefix.lstrip("/") / "policy" / "index.html").is_file():  # a plain page (content/pages/)
            fixed["policy"] = "/policy/"
        found += [Shot(kind, lang, prefix + path) for kind, path in fixed.items()]
        for kind, section in (("person", "people"), ("lab", "labs"), ("event", "events"), ("article", "articles")):
            # An article keeps its own language's <html lang> in every language's frame: any will do.
            path = richest(out / prefix.lstrip("/") / section, out, None if kind == "article" else lang)
            if path is not None:
                found.append(Shot(kind, lang, path))
    return found


def browser_path() -> str | None:
    return CHROMIUM if Path(CHROMIUM).exists() else None  # None: Playwright's own


def take(out: Path, dest: Path, kinds: set[str] | None, full: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    server = serve_in_thread(out)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    written = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=browser_path(), args=["--no-sandbox"])
            for width, height in WIDTHS.items():
                for theme in THEMES:
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  color_scheme=theme)  # type: ignore[arg-type]
                    page = context.new_page()
                    page.set_default_timeout(60_000)
                    for shot in shots(out):
                        if kinds and shot.kind not in kinds:
                            continue
                        page.goto(base + shot.path)
                        if shot.kind == "search":
                            page.wait_for_selector("[data-search-page]:not([hidden])")
                            page.fill("#search-q", QUERY)
                            page.wait_for_selector("[data-search-results] .search-result")
                        path = dest / shot.name(width, theme)
                        page.screenshot(path=str(path), type="jpeg", quality=QUALITY, full_page=full)
                        written.append(path)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.shots", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path, default=Path(tempfile.gettempdir()) / "revdoor-shots")
    ap.add_argument("--kinds", default="", help=f"comma-separated kinds to shoot (default: all): {', '.join(KINDS)}")
    ap.add_argument("--full", action="store_true", help="whole pages, not only what the window shows first")
    args = ap.parse_args(argv)
    kinds = set(filter(None, args.kinds.split(","))) or None
    if kinds is not None and not kinds <= set(KINDS):
        ap.error(f"unknown kinds: {', '.join(sorted(kinds - set(KINDS)))} (known: {', '.join(KINDS)})")
    args.out.mkdir(parents=True, exist_ok=True)
    # A shot of an earlier run is not left to be mistaken for a current one; nothing else in OUT is touched.
    for old in args.out.glob("*-*-*-*.jpg"):
        if old.name.split("-")[0] in LANGUAGES and old.name.split("-")[-1].removesuffix(".jpg") in THEMES:
            old.unlink()
    with tempfile.TemporaryDirectory(prefix="revdoor-shots-site-") as site:
        result = build(REPO, Path(site) / "public", with_search=True)
        if not result.ok or result.output is None:
            print("the site does not build: run `python build.py check`", file=sys.stderr)
            return 1
        written = take(result.output, args.out, kinds, args.full)
    total = sum(p.stat().st_size for p in written)
    for p in written:
        print(f"{p}  {p.stat().st_size // 1024} KB")
    print(f"{len(written)} screenshots, {total / 1024:.0f} KB in all, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
