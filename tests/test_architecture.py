"""Data flows one way: load & validate -> model -> pages -> render -> write -> index -> serve.

Every module of the package sits in a layer; a module may import only from layers below its own (the
preview server's modules may also use each other). A new module must be placed here, on purpose.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "revdoor"

LAYERS: list[set[str]] = [
    {"resources"},  # where the project's templates, static files, catalogues and code are, checkout or wheel
    # tools with no site knowledge
    {"problems", "names", "dates", "parallel", "progress", "urls", "inline", "plainyaml", "charts", "pretranslate",
     "theme", "digest"},  # theme: what templates use and write; digest: what a page is handed, as bytes
    {"bodylinks"},  # links editors write to content files, and the URLs they become (over `urls`)
    {"markup"},  # over `inline`, Python-Markdown's inline processor without the patterns that cannot match
    {"i18n", "catalogues"},  # the reader's language: Babel's dates and plurals (over `dates`), the catalogues
    {"config"},
    {"load"},
    {"translated"},  # translated content: body sections and `_fr` fields, read as `load` left them
    {"schema", "refs", "redirects"},
    {"model", "cache"},
    {"assemble"},
    {"timelines"},
    {"pipeline"},  # everything `check` does
    {"views"},
    {"chartdata"},  # what the charts count, from the model; their geometry is `charts`
    {"pages"},
    {"feeds", "fingerprints"},
    {"data"},  # open data (JSON, CSV, JSON Feed): pages like the feeds, serialised in Python
    {"languages"},  # every page in each of the site's languages, tied by hreflang
    {"linkcheck"},  # `check` follows the links bodies write, to every page the site makes
    {"render"},
    {"write", "publish"},  # publish: the staging copy and the atomic swap of the output directory
    {"search"},
    {"builder"},  # one build, top to bottom
    {"serve", "watch", "reload", "engine"},  # the preview server, around a builder
    {"scaffold", "jsonschema", "changes"},  # editors' tools: `new` validates as `check` does; schemas from `schema`
    {"cli"},
]
SAME_LAYER_OK = {"serve", "watch", "reload", "engine"}


def layer_of(name: str) -> int:
    for i, layer in enumerate(LAYERS):
        if name in layer:
            return i
    raise AssertionError(f"revdoor/{name}.py is in no layer: place it in LAYERS in {Path(__file__).name}")


def internal_imports(path: Path) -> set[str]:
    """Modules of the package that `path` imports, at top level or inside functions."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                names.add(node.module.split(".")[0])
            else:
                names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("revdoor."):
            names.add(node.module.split(".")[1])
    return names


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def test_every_module_is_placed_in_a_layer() -> None:
    for path in modules():
        layer_of(path.stem)


def test_imports_point_only_downstream_to_upstream() -> None:
    wrong = []
    for path in modules():
        mine = layer_of(path.stem)
        for other in internal_imports(path):
            theirs = layer_of(other)
            if theirs > mine or (theirs == mine and not {path.stem, other} <= SAME_LAYER_OK):
                wrong.append(f"{path.stem} imports {other}")
    assert wrong == []


def test_templates_hold_no_python_built_html() -> None:
    """HTML lives in templates: no module builds markup in strings (f-strings with tags)."""
    offenders = [p.name for p in modules() if p.stem not in {"markup", "reload", "serve"}
                 and any(tag in p.read_text(encoding="utf-8") for tag in ('f"<', "f'<", '"<div', '"<a '))]
    assert offenders == []
