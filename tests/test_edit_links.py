"""'Edit this page' and 'Suggest a correction' lead editors from a page to its source file (issue 7, point 5)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import html5lib
import pytest

from revdoor.output.builder import build

FIXTURE = Path(__file__).parent / "fixtures" / "good-site"
REPO = "https://github.com/example/tracker"


def built(tmp_path: Path, repository: str | None) -> Path:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    if repository:
        toml = site / "site.toml"
        toml.write_text(toml.read_text(encoding="utf-8") + f'repository = "{repository}"\nbranch = "trunk"\n',
                        encoding="utf-8")
    out = tmp_path / "out"
    assert build(site, out, with_search=False, jobs=1).ok
    return out


def edit_links(page: Path) -> dict[str, str]:
    doc = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    return {a.text: a.get("href") for p in doc.iter("p") if p.get("class") == "edit-links" for a in p.iter("a")}


def test_content_pages_link_to_their_source_file_and_a_prefilled_issue(tmp_path: Path) -> None:
    out = built(tmp_path, REPO)
    person = next(p for p in sorted((FIXTURE / "content" / "people").glob("*.md")))
    links = edit_links(out / "people" / person.stem / "index.html")
    assert links["Edit this page"] == f"{REPO}/edit/trunk/content/people/{person.name}"
    issue = urlsplit(links["Suggest a correction"])
    assert f"{issue.scheme}://{issue.netloc}{issue.path}" == f"{REPO}/issues/new"
    query = parse_qs(issue.query)
    assert query["title"][0].startswith("Correction: ")
    assert f"content/people/{person.name}" in query["body"][0]
    assert f"/people/{person.stem}/" in query["body"][0]


@pytest.mark.parametrize("kind", ["events", "labs", "articles"])
def test_every_kind_of_content_page_has_edit_links(tmp_path: Path, kind: str) -> None:
    out = built(tmp_path, REPO)
    source = sorted((FIXTURE / "content" / kind).glob("*.md"))[0]
    links = edit_links(out / kind / source.stem / "index.html")
    assert links["Edit this page"].endswith(f"/content/{kind}/{source.name}")


def test_no_edit_links_without_a_repository_or_on_pages_without_a_source(tmp_path: Path) -> None:
    out = built(tmp_path, None)
    assert not any("edit-links" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    with_repo = built(tmp_path / "again", REPO)
    assert edit_links(with_repo / "index.html") == {}
    assert edit_links(with_repo / "people" / "index.html") == {}


def test_the_status_legend_links_to_the_editorial_policy_where_the_site_has_one(tmp_path: Path) -> None:
    # Issue 18, point 4: under every list of moves, what each status means and where the policy says more.
    out = built(tmp_path, REPO)
    doc = html5lib.parse((out / "index.html").read_bytes(), namespaceHTMLElements=False)
    [legend] = [d for d in doc.iter("div") if d.get("class") == "status-legend"]
    assert [a.get("href") for a in legend.iter("a")] == [f"{REPO}/blob/trunk/docs/policy.md#rumours"]
    bare = built(tmp_path / "bare", None)  # no repository, no policy page to point at: the legend alone
    doc = html5lib.parse((bare / "index.html").read_bytes(), namespaceHTMLElements=False)
    [legend] = [d for d in doc.iter("div") if d.get("class") == "status-legend"]
    assert list(legend.iter("a")) == [] and len(list(legend.iter("dt"))) == 4
