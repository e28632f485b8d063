"""The built real site against the tools the web's standards bodies and browser makers keep: the W3C's Nu Html
Checker (npm's vnu-jar, run with Debian's Java) on every page, Deque's axe-core (npm, injected into Chromium
by Playwright) on one page of every kind in the light and the dark theme, every rule of it, Google's Lighthouse
(npm, its own command driving the same Chromium) on the pages readers land on; and the keyboard's focus, visible.

scripts/test.sh installs the three from package-lock.json (`npm ci`) and Java from Debian; nothing is downloaded
while the tests run. A missing tool fails the test with what to run, rather than skipping it quietly.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS
from deadlines import HANG_GUARD_MS

from revdoor.output.builder import BuildResult

REPO = Path(__file__).resolve().parent.parent
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "core" / "index.js"
THEMES = ["light", "dark"]
# One page of every kind; a section's richest page (most bytes) stands for its kind.
KINDS = ["home", "people index", "labs index", "articles index", "feed", "flows", "person", "lab", "article",
         "event", "search", "search results", "data", "404",
         # The French interface (issue 10): under /fr/, with its own words, lang and language switch.
         "home (fr)", "people index (fr)", "labs index (fr)", "articles index (fr)", "feed (fr)", "flows (fr)",
         "person (fr)", "lab (fr)", "event (fr)", "search (fr)", "search results (fr)", "data (fr)", "404 (fr)",
         "article (fr)"]
FIXED = {"home": "/", "people index": "/people/", "labs index": "/labs/", "articles index": "/articles/",
         "feed": "/feed/", "flows": "/flows/", "search": "/search/", "search results": "/search/?q=OpenAI",
         "data": "/data/", "404": "/no-such-page/"}
FIXED |= {f"{kind} (fr)": "/fr" + path for kind, path in FIXED.items()}
# An article in its English frame and in its French one (issue 18, point 7: every language frames it).
SECTIONS = {"person": "people", "lab": "labs", "article": "articles", "event": "events", "person (fr)": "fr/people",
            "lab (fr)": "fr/labs", "event (fr)": "fr/events", "article (fr)": "fr/articles"}
NOT_FILES = ("search results", "404", "search results (fr)", "404 (fr)")  # a query, and a missing page


def tool(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(REPO)} is missing: run scripts/test.sh (it runs `npm ci`)")
    return path


def java() -> str:
    found = shutil.which("java")
    if found is None:
        pytest.fail("java is missing: run scripts/test.sh (it installs Debian's default-jre-headless)")
    return found


def html_pages(out: Path) -> list[Path]:
    """Every HTML page the build wrote, except Pagefind's own files."""
    return sorted(p for p in out.rglob("*.html") if p.relative_to(out).parts[0] != "pagefind")


def is_redirect(html: Path) -> bool:
    return 'http-equiv="refresh"' in html.read_text(encoding="utf-8")


def richest(out: Path, section: str) -> str:
    """The URL of the biggest page in a section (a redirect_from page is not one of its kind)."""
    pages = [p for p in (out / section).glob("*/index.html") if not is_redirect(p)]
    assert pages, f"no pages under /{section}/"
    best = max(pages, key=lambda p: (p.stat().st_size, p.parent.name))
    return f"/{section}/{best.parent.name}/"


def url_of(out: Path, kind: str) -> str:
    return FIXED[kind] if kind in FIXED else richest(out, SECTIONS[kind])


def vnu_errors(files: list[Path], root: Path) -> list[str]:
    """The Nu Html Checker's errors for all files, from one JVM, as "file:line: message"."""
    result = subprocess.run([java(), "-jar", str(tool(VNU)), "--format", "json", "--errors-only", *map(str, files)],
                            capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = []
    for m in messages:
        name = m.get("url", "").removeprefix("file:")
        where = Path(name).relative_to(root).as_posix() if name.startswith(str(root)) else name
        errors.append(f"{where}:{m.get('lastLine', '?')}: {m['message']}")
    assert result.returncode == (1 if errors else 0), result.stderr[-2000:]
    return errors


def test_the_checker_reports_an_invalid_page_with_its_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html>\n<html lang="en">\n<head><title>t</title></head>\n<body>\n'
                   '<figure><figcaption>c</figcaption><p>x</p><details><summary>s</summary></details>'
                   '<figcaption>d</figcaption></figure>\n</body>\n</html>\n', encoding="utf-8")
    assert vnu_errors([bad], tmp_path) == [
        "bad.html:5: Element “figcaption” not allowed as child of element “figure” in this context. "
        "(Suppressing further errors from this subtree.)"]


def test_every_page_of_the_real_site_passes_the_nu_html_checker(real_site: BuildResult) -> None:
    out = real_site.output
    assert out is not None
    pages = html_pages(out)
    kinds = {url_of(out, k) for k in KINDS if k not in NOT_FILES} | {"/404.html", "/fr/404.html"}
    written = {"/" + p.relative_to(out).as_posix().removesuffix("index.html") for p in pages}
    assert kinds <= written, sorted(kinds - written)
    errors = vnu_errors(pages, out)
    assert not errors, f"{len(errors)} errors in {len(pages)} pages:\n" + "\n".join(errors)


# axe-core in Chromium

def axe_violations(page: Any) -> list[str]:
    """Every violation of every rule axe runs by default, whatever its impact: WCAG 2.x A and AA and Deque's best
    practices (landmarks, headings, a region for all content), everything but its experimental rules."""
    page.add_script_tag(path=str(tool(AXE)))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']}: " + ", ".join(" ".join(n["target"]) for n in v["nodes"])
            for v in result["violations"]]


def open_page(page: Any, server: str, path: str, theme: str) -> None:
    page.set_default_timeout(HANG_GUARD_MS)
    page.emulate_media(color_scheme=theme)
    page.goto(server + path)
    if path.startswith(("/search/", "/fr/search/")):
        page.wait_for_selector("[data-search-page]:not([hidden])")
        if "?q=" in path:
            page.wait_for_selector("[data-search-results] .search-result")


@pytest.mark.browser
def test_axe_reports_low_contrast_text(page: Any) -> None:
    """The harness catches what it is there to catch: grey on white, 1.6:1, fails WCAG 2 AA."""
    page.set_content('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>Title</h1>'
                     '<p id="pale" style="color:#bbb;background:#fff">Pale</p></main></body></html>')
    violations = axe_violations(page)
    assert len(violations) == 1 and violations[0].startswith("color-contrast (serious): ")
    assert violations[0].endswith(": #pale")


@pytest.mark.browser
def test_axe_reports_moderate_best_practice_violations_too(page: Any) -> None:
    """Not only WCAG's rules and serious impacts: a page without a level-one heading, and text outside every
    landmark, are Deque's best practices, of moderate impact."""
    page.set_content('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>Loose</p>'
                     '<main><h2>Not a title</h2></main></body></html>')
    assert [v.split(":")[0] for v in axe_violations(page)] == ["page-has-heading-one (moderate)",
                                                               "region (moderate)"]


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_page_has_no_axe_violations(request: pytest.FixtureRequest, page: Any, kind: str,
                                                   theme: str) -> None:
    server: str = request.getfixturevalue("real_server")
    out: Path = request.getfixturevalue("real_site").output
    path = url_of(out, kind)
    open_page(page, server, path, theme)
    assert page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches") == (theme == "dark")
    # Open every <details> (a chart's numbers), so that what a reader unfolds is checked too.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    violations = axe_violations(page)
    assert not violations, f"{path} ({theme}):\n" + "\n".join(violations)


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_the_header_search_open_on_its_results_has_no_axe_violations(request: pytest.FixtureRequest, page: Any,
                                                                     theme: str) -> None:
    """The results panel drawn as one types: a combobox, expanded, with its dialog of results."""
    server: str = request.getfixturevalue("real_server")
    open_page(page, server, "/", theme)
    page.locator("#header-q").fill("OpenAI")
    page.wait_for_selector("#header-search-panel .search-result")
    assert page.locator("#header-q").get_attribute("aria-expanded") == "true"
    violations = axe_violations(page)
    assert not violations, f"/ with the header's results open ({theme}):\n" + "\n".join(violations)


# Lighthouse: its accessibility and best-practices categories, both scored 100

# The pages readers land on from elsewhere, one in French: its own words, lang and language switch.
LIGHTHOUSE_KINDS = ["home", "person", "lab", "lab (fr)"]
LIGHTHOUSE_CATEGORIES = ("accessibility", "best-practices")


def chrome(browser: Any) -> str:
    """The browser the other browser tests drive: Debian's Chromium when present, else Playwright's own (GitHub's
    runners install it), asked of the session's browser (a second Playwright in the thread would be refused).
    Lighthouse launches it itself, from CHROME_PATH."""
    return CHROMIUM if Path(CHROMIUM).exists() else str(browser.browser_type.executable_path)


@pytest.fixture(scope="session")
def lighthouse_reports(real_site: BuildResult, real_server: str, browser: Any,
                       tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Lighthouse's report on each page of LIGHTHOUSE_KINDS, by kind: both categories from one load of each
    page, every page from one run of tests/lighthouse.mjs (one Node, one Chromium; Lighthouse's own command,
    once a page, takes twice as long). Against 127.0.0.1 it needs no network, and reports nowhere."""
    assert real_site.output is not None
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run scripts/test.sh (it installs Debian's nodejs)")
    tool(LIGHTHOUSE)
    out = tmp_path_factory.mktemp("lighthouse")
    urls = [real_server + url_of(real_site.output, kind) for kind in LIGHTHOUSE_KINDS]
    job = {"urls": urls, "out": str(out), "chromeFlags": CHROMIUM_ARGS}
    result = subprocess.run([node, str(REPO / "tests" / "lighthouse.mjs"), json.dumps(job)], capture_output=True,
                            text=True, timeout=600, check=False, env={**os.environ, "CHROME_PATH": chrome(browser)})
    assert result.returncode == 0, result.stderr[-2000:]
    return {kind: json.loads((out / f"{i}.json").read_text(encoding="utf-8"))
            for i, kind in enumerate(LIGHTHOUSE_KINDS)}


def failing_audits(report: dict[str, Any]) -> dict[str, list[str]]:
    """Per category, the audits that cost it points, as "id: title (score)": those that weigh in its score and
    scored below 1 (an audit that does not apply to the page has no score, and weighs nothing)."""
    failing: dict[str, list[str]] = {}
    for name in LIGHTHOUSE_CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failing.setdefault(name, []).append(f"{audit['id']}: {audit['title']} ({audit['score']})")
    return failing


def test_a_lighthouse_failure_names_each_audit_that_cost_points() -> None:
    audits = {"image-alt": {"id": "image-alt", "title": "Image elements have [alt] attributes", "score": 0},
              "list": {"id": "list", "title": "Lists contain only <li> elements", "score": None},
              "accesskeys": {"id": "accesskeys", "title": "[accesskey] values are unique", "score": 0},
              "doctype": {"id": "doctype", "title": "Page has the HTML doctype", "score": 1}}
    report = {"audits": audits, "categories": {
        "accessibility": {"score": 0.9, "auditRefs": [{"id": "image-alt", "weight": 10}, {"id": "list", "weight": 7},
                                                      {"id": "accesskeys", "weight": 0}]},
        "best-practices": {"score": 1, "auditRefs": [{"id": "doctype", "weight": 1}]}}}
    assert failing_audits(report) == {"accessibility": ["image-alt: Image elements have [alt] attributes (0)"]}


@pytest.mark.browser
@pytest.mark.parametrize("kind", LIGHTHOUSE_KINDS)
def test_lighthouse_scores_accessibility_and_best_practices_100(lighthouse_reports: dict[str, dict[str, Any]],
                                                                real_site: BuildResult, real_server: str,
                                                                kind: str) -> None:
    report = lighthouse_reports[kind]
    assert real_site.output is not None
    url = real_server + url_of(real_site.output, kind)
    assert report.get("runtimeError") is None, report["runtimeError"]
    assert report["finalDisplayedUrl"] == url  # the page itself, not an error page or a redirect
    # Every request the page made went to the local server: no font, script or image from elsewhere, which
    # would also fail offline (as here, and in CI's sandbox).
    assert {origin for entity in report["entities"] for origin in entity["origins"]} == {real_server}
    scores = {name: report["categories"][name]["score"] for name in LIGHTHOUSE_CATEGORIES}
    assert scores == dict.fromkeys(LIGHTHOUSE_CATEGORIES, 1), f"{url}: {scores}\n" + "\n".join(
        f"{name}: {audit}" for name, audits in failing_audits(report).items() for audit in audits)


# Focus

def luminance(css: str) -> float:
    """WCAG's relative luminance of a computed colour, "rgb(r, g, b)"."""
    channels = [int(c) / 255 for c in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_follows_wcag() -> None:
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 2) == 21.0
    assert round(contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)"), 2) == 4.54


FOCUS_STYLE = """() => {
  const el = document.activeElement, s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow !== 'none';
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.getAttribute('href') ? '[href="' + el.getAttribute('href') + '"]' : '');
  return {name, visible: outline || shadow, colour: s.outlineColor, inBody: el !== document.body};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", ["home", "people index", "person", "search", "home (fr)", "person (fr)"])
def test_everything_the_keyboard_reaches_shows_where_the_focus_is(request: pytest.FixtureRequest, page: Any,
                                                                  kind: str, theme: str) -> None:
    """Tab through the page, as far as the footer: every link, button, summary and field gets an outline."""
    server: str = request.getfixturevalue("real_server")
    out: Path = request.getfixturevalue("real_site").output
    open_page(page, server, url_of(out, kind), theme)
    seen: list[dict[str, Any]] = []
    for _ in range(400):  # a bound: the home page has about a hundred stops
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if not state["inBody"] or (seen and state["name"] == seen[0]["name"]):
            break
        seen.append(state)
    assert len(seen) >= 5, seen
    assert [s["name"] for s in seen if not s["visible"]] == []
    # WCAG 1.4.11: an indicator needs 3:1 against what it is drawn on, the page's background.
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    faint = [f"{s['name']}: {s['colour']} on {background}" for s in seen if contrast(s["colour"], background) < 3]
    assert faint == []


def test_ci_installs_the_checkers_from_the_lock_file_before_the_tests() -> None:
    """GitHub's runners bring Node and Java; the workflow installs exactly what package-lock.json pins."""
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    run = [s.get("run", "") for s in job["steps"]]
    npm = next(i for i, r in enumerate(run) if r.startswith("npm ci "))
    assert "--ignore-scripts" in run[npm].split()
    assert npm < run.index(".venv/bin/python -m pytest")
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert sorted(lock["packages"][""]["dependencies"]) == ["axe-core", "chrome-launcher", "lighthouse", "vnu-jar"]
    assert all(v[0].isdigit() for v in lock["packages"][""]["dependencies"].values()), "exact versions"
