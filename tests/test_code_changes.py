"""A change to the generator's code is a change of output: the caches and every page's fingerprint are keyed
on the code of the whole package, at any depth of its folders; a cache written by older code (whose
pickles may name modules that have since moved) is discarded, never crashed on."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from revdoor.common import resources
from revdoor.output.builder import build

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "good-site"


def site(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "public")))


def test_the_code_digest_covers_modules_in_every_folder() -> None:
    names = {p.relative_to(resources.PACKAGE).as_posix() for p in resources.code_files()}
    assert {"preview/engine.py", "site/fingerprints.py", "common/digest.py", "__init__.py"} <= names


def test_a_change_to_a_module_in_a_subfolder_renders_every_page_again(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    source, out = site(tmp_path), tmp_path / "out"
    first = build(source, out, with_search=False, jobs=1)
    assert first.ok and first.rendered == first.pages
    assert build(source, out, with_search=False, jobs=1).rendered == 0  # the control: nothing changed
    # The same package, one module of a subfolder edited: what a developer's next commit does.
    copy = tmp_path / "code" / "revdoor"
    shutil.copytree(resources.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "_theme"))
    engine = copy / "preview" / "engine.py"
    engine.write_text(engine.read_text() + "\n# a change\n")
    monkeypatch.setattr(resources, "PACKAGE", copy)
    monkeypatch.setattr(resources, "code_files", lambda: sorted(copy.rglob("*.py")))
    again = build(source, out, with_search=False, jobs=1)
    assert again.ok and again.rendered == again.pages


def test_a_cache_naming_modules_that_moved_is_discarded(tmp_path: Path) -> None:
    source, out = site(tmp_path), tmp_path / "out"
    assert build(source, out, with_search=False, jobs=1).ok
    cache = source / ".cache" / "revdoor"
    pickles = sorted(cache.glob("*.pickle"))
    assert pickles
    # A pickle of a class from the flat package of old (revdoor.load.RawDoc, now revdoor.content.load).
    stale = b"\x80\x04\x95" + b"\x00" * 8 + b"\x8c\x0crevdoor.load\x94\x8c\x06RawDoc\x94\x93\x94."
    for path in pickles:
        path.write_bytes(stale)
    with pytest.raises(ModuleNotFoundError):
        pickle.loads(stale)  # what an older cache holds: loading it would fail
    shutil.rmtree(out)
    again = build(source, out, with_search=False, jobs=1)
    assert again.ok and again.rendered == again.pages
