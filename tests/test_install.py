"""`pip install .` gives a `revdoor` command that builds a site living anywhere, from the wheel's own theme.

The wheel is built with the pinned backend already in the test environment (`--no-build-isolation`) and
installed into a fresh virtual environment that sees the test environment's packages through a .pth file
(`--no-deps --no-index`): nothing is fetched. `revdoor` then runs in folders outside the checkout, so it can
only find its templates, static files and catalogues inside the installed package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
THEME = ("templates", "static", "locale")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    revdoor: Path


def run(*cmd: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """A command in a clean environment: no PYTHONPATH leading back to the checkout, no pip self-check."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("install")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "--wheel-dir", root / "dist", REPO, cwd=root)
    (wheel,) = (root / "dist").glob("revolving_door-*.whl")
    venv = root / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                       cwd=root).stdout.strip())
    # The test environment's packages (Jinja, Babel, pip itself...) after the venv's own: revdoor comes
    # from the wheel, its dependencies from what the tests already run on.
    (purelib / "test-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(python, "-m", "pip", "install", "--no-deps", "--no-index", wheel, cwd=root)
    return Installed(wheel, python, bin_dir / "revdoor")


def bilingual_good_site(dest: Path) -> Path:
    """tests/fixtures/good-site, also in French, so the French catalogue must be found."""
    shutil.copytree(FIXTURES / "good-site", dest, ignore=shutil.ignore_patterns(".cache", "public"))
    toml = dest / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'languages = ["en", "fr"]\n', encoding="utf-8")
    return dest


def test_wheel_carries_the_theme_the_live_reload_script_and_the_command(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        entry_points = next(wheel.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
    theme = {f"revdoor/_theme/{p.relative_to(REPO).as_posix()}"
             for folder in THEME for p in (REPO / folder).rglob("*") if p.is_file() and p.suffix != ".mo"}
    assert theme - names == set()
    assert "revdoor/preview/reload.js" in names
    assert {f"revdoor/{p.name}" for p in (REPO / "revdoor").glob("*.py")} - names == set()
    assert "revdoor = revdoor.tools.cli:main" in entry_points


def test_installed_package_finds_its_theme_inside_itself(installed: Installed, tmp_path: Path) -> None:
    done = run(installed.python, "-c", "from revdoor.common import resources as r; print(r.INSTALLED, r.THEME)",
               cwd=tmp_path)
    flag, theme = done.stdout.split()
    assert flag == "True"
    assert Path(theme).is_relative_to(installed.python.parent.parent)
    assert not Path(theme).is_relative_to(REPO)


def test_installed_revdoor_builds_the_site_in_the_current_folder(installed: Installed, tmp_path: Path) -> None:
    site = bilingual_good_site(tmp_path / "site")
    done = run(installed.revdoor, "--no-search", "--quiet", cwd=site)
    assert done.stdout.startswith("built 170 pages into ")  # with cards, /data/, articles in both frames
    out = site / "public"
    assert (out / "people" / "ilya-sutskever" / "index.html").is_file()
    assert (out / "static" / "style.css").read_bytes() == (REPO / "static" / "style.css").read_bytes()
    assert "<title>People · Good Site" in (out / "people" / "index.html").read_text(encoding="utf-8")
    assert "<title>Personnes · Good Site" in (out / "fr" / "people" / "index.html").read_text(encoding="utf-8")
    # Built again by the same installed code: its cache and fingerprints trust themselves, nothing is rewritten.
    again = run(installed.revdoor, "--no-search", "--quiet", cwd=site)
    assert ": 0 written, 175 unchanged, 0 removed" in again.stdout


def test_installed_revdoor_checks_a_site_named_with_source(installed: Installed, tmp_path: Path) -> None:
    site = bilingual_good_site(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run(installed.revdoor, "check", "--strict", "--source", site, cwd=elsewhere)
    assert done.stdout == "0 errors, 0 warnings\n"


def test_installed_revdoor_in_a_folder_without_site_toml_exits_2_naming_it(installed: Installed,
                                                                           tmp_path: Path) -> None:
    done = run(installed.revdoor, cwd=tmp_path, check=False)
    assert done.returncode == 2
    assert done.stderr == (f"revdoor build: error: {tmp_path.resolve()} is not a site: it has no site.toml "
                           "(run `revdoor` in a site's folder, or give one with --source DIR)\n")
    assert list(tmp_path.iterdir()) == []


def test_installed_revdoor_help_lists_the_commands(installed: Installed, tmp_path: Path) -> None:
    done = run(installed.revdoor, "--help", cwd=tmp_path)
    assert done.stdout.startswith("usage: revdoor [-h] {build,check,serve,new,schemas,draft} ...\n")
