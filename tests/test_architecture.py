"""Data flows one way, and the package's folders are its phases:

    common -> language -> content -> modelling -> site -> output -> preview -> tools

A module may import from the folders before its own, and from its own folder only modules placed before it
in `ORDER` (the preview server's modules may also use each other). A folder inside a folder (tools/draft) is one
layer of the folder holding it. A new module must be placed here, on purpose, and
live in its folder.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "revdoor"

# Each folder, in the pipeline's order, with its modules from the bottom up.
ORDER: dict[str, list[set[str]]] = {
    "common": [{"resources"}, {"problems", "names", "dates", "parallel", "progress", "urls", "digest", "theme",
                               "memo"}],
    "language": [{"pretranslate"}, {"i18n", "catalogues"}],
    "content": [{"plainyaml", "inline", "bodylinks", "statuses", "fastmark"}, {"markup"}, {"config"}, {"load"},
                {"translated"},
                {"schema", "refs", "redirects"}],
    "modelling": [{"model", "cache"}, {"assemble"}, {"timelines"}, {"pipeline"}],
    "site": [{"charts", "headlines"}, {"careerchart", "views"}, {"chartdata", "structured"}, {"pages"},
             {"feeds", "fingerprints", "cards"}, {"data"}, {"languages"}],
    "output": [{"cardimage"}, {"render"}, {"write", "publish"}, {"search", "earlycards"}, {"builder"}],
    "preview": [{"record", "edits"}, {"engine"}, {"serve", "watch", "reload"}],
    "tools": [{"scaffold", "jsonschema", "changes", "linkcheck"}, {"draft"}, {"cli"}],
    # A folder inside a folder is one layer of it (above: draft uses scaffold, cli uses draft), its modules
    # ordered among themselves.
    "tools/draft": [{"text", "words"}, {"dates", "names", "status"}, {"moves"}, {"stints"}, {"frames", "context"},
                    {"read"}, {"extract", "check"}, {"out"}, {"cmd"}],
}
SAME_LAYER_OK = {"serve", "watch", "reload"}
FOLDERS = [f for f in ORDER if "/" not in f]


def rank(folder: str, module: str) -> tuple[int, int, int]:
    if "/" in folder:  # (the place of the folder in its parent's layers, the module's within the folder)
        parent, name = folder.rsplit("/", 1)
        outer = rank(parent, name)
        for i, layer in enumerate(ORDER[folder]):
            if module in layer:
                return outer[0], outer[1], i
    for i, layer in enumerate(ORDER.get(folder, [])):
        if module in layer:
            return FOLDERS.index(folder), i, 0
    raise AssertionError(f"revdoor/{folder}/{module}.py is in no layer: place it in ORDER in {Path(__file__).name}")


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.stem != "__init__")


def folder_of(path: Path) -> str:
    """A module's folder as ORDER names it: "output", or "tools/draft" for a folder inside a folder."""
    return path.parent.relative_to(PACKAGE).as_posix()


def internal_imports(path: Path) -> set[tuple[str, str]]:
    """(folder, module) of each module of the package that `path` imports, at top level or in functions."""
    here = path.parent.relative_to(PACKAGE).parts
    found: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = list(here[: len(here) - (node.level - 1)]) if node.level > 1 else list(here)
            parts = base + (node.module.split(".") if node.module else [])
        elif node.module and node.module.startswith("revdoor."):
            parts = node.module.split(".")[1:]
        else:
            continue
        folder = max((k for k in range(1, len(parts) + 1) if "/".join(parts[:k]) in ORDER), default=0)
        if folder and len(parts) == folder + 1:
            found.add(("/".join(parts[:folder]), parts[folder]))
        elif folder and len(parts) == folder:  # `from ..folder import a, b`, or `from . import a, b`
            found.update(("/".join(parts), alias.name) for alias in node.names)
    return found


def test_every_module_lives_in_a_folder_and_is_placed_in_a_layer() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.stem != "__init__"]
    assert loose == [], "every module has a folder"
    for path in modules():
        rank(folder_of(path), path.stem)


def test_every_folder_has_an_init_that_says_what_it_is() -> None:
    for folder in ORDER:
        init = PACKAGE / folder / "__init__.py"
        assert init.is_file(), folder
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), folder


def test_imports_point_only_downstream_to_upstream() -> None:
    wrong = []
    for path in modules():
        mine = rank(folder_of(path), path.stem)
        for folder, module in internal_imports(path):
            theirs = rank(folder, module)
            same_ok = theirs == mine and {path.stem, module} <= SAME_LAYER_OK
            if (theirs >= mine and not same_ok) or (folder, module) == (folder_of(path), path.stem):
                wrong.append(f"{folder_of(path)}/{path.stem} imports {folder}/{module}")
    assert wrong == []


def test_the_import_check_sees_relative_and_absolute_imports() -> None:
    # A guard on the guard: the parser must find what a module really imports.
    found = internal_imports(PACKAGE / "output" / "builder.py")
    assert ("modelling", "pipeline") in found and ("output", "render") in found and ("site", "languages") in found
    found = internal_imports(PACKAGE / "tools" / "draft" / "read.py")  # a folder inside a folder
    assert ("common", "names") in found and ("tools/draft", "frames") in found and ("tools/draft", "dates") in found
    assert ("tools/draft", "cmd") in internal_imports(PACKAGE / "tools" / "cli.py")
