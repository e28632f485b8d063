"""Read content files: bytes -> text -> front matter (with the line of every value) + body.

Nothing here knows what the fields mean (that is `schema`); this module only turns files into
`RawDoc`s or problems. YAML is parsed with libyaml into nodes, not values, so every value keeps its line
and dates stay the text the editor wrote (PyYAML would reject 2025-02-30 before we could explain it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..common.names import is_slug, slugify
from ..common.problems import Problem, error
from . import plainyaml
from .bodylinks import FOLDERS

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_NODES = 20_000  # bounds an alias bomb ("billion laughs"): real front matter has a few dozen nodes
MAX_FILE_BYTES = 1024 * 1024  # a whole press article is tens of kB; this bounds Markdown's time (a few s)
MAX_NESTING = 50  # levels of quotes, list indentation or `[` in a body (see `too_deep`)
_OPEN = "---\n"


@dataclass(frozen=True)
class RawDoc:
    """One content file, read but not interpreted."""

    kind: str  # article, event, person, lab, page
    slug: str
    path: str  # relative to the site root, posix
    front: dict[str, Any]
    lines: dict[str, int]  # field -> line of its value (1-based, in the file)
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)  # list field -> line of each item
    body: str = ""
    body_line: int = 1
    digest: str = ""  # of the file's bytes: the cache key of its rendered Markdown

    def line(self, name: str) -> int:
        """Line of a field's value, or of the opening `---` when the field is missing."""
        return self.lines.get(name, 1)


def discover(root: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Every content file as (kind, path), in a stable order, plus problems with the tree itself. (Paths as
    strings: a Path per file cost more than parsing it, on 75,000 files.)"""
    content = root / "content"
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    if not content.is_dir():
        return [], [error("content", 1, None, f"no content/ directory in {root}")]
    real_content = content.resolve()
    for entry in sorted(os.scandir(content), key=lambda e: e.name):
        rel = f"content/{entry.name}"
        if entry.name.startswith("."):
            continue
        if entry.name not in FOLDERS:
            problems.append(error(rel, 1, None, "unknown content folder or file",
                                  "content/ holds only articles/, events/, people/, labs/ and pages/"))
            continue
        kind = FOLDERS[entry.name]
        if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(real_content):
            problems.append(error(rel, 1, None, "symbolic link to a folder outside content/ is refused"))
            continue
        for sub in sorted(os.scandir(entry.path), key=lambda e: e.name):
            rel = f"content/{entry.name}/{sub.name}"
            if sub.name.startswith("."):
                continue
            if not sub.name.endswith(".md"):
                problems.append(error(rel, 1, None, "not a Markdown file", "content files end in .md"))
                continue
            if sub.is_symlink() and not Path(sub.path).resolve().is_relative_to(real_content):
                problems.append(error(rel, 1, None, "symbolic link to a file outside content/ is refused"))
                continue
            stem = sub.name[:-3]
            if not is_slug(stem):
                problems.append(error(rel, 1, None, f"file name {sub.name!r} is not a valid slug",
                                      f"use lowercase ASCII letters, digits and hyphens, e.g. "
                                      f"'{slugify(stem) or 'name'}.md'"))
                continue
            found.append((kind, sub.path))
    return found, problems


def read_doc(root: Path, kind: str, path: Path) -> tuple[RawDoc | None, list[Problem]]:
    rel = path.relative_to(root).as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [error(rel, 1, None, f"cannot read file: {exc.strerror}")]
    return parse_doc(data, rel, kind, path.stem)


def parse_doc(data: bytes, rel: str, kind: str, slug: str) -> tuple[RawDoc | None, list[Problem]]:
    """Bytes of one file -> RawDoc, or the problems that prevent reading it."""
    import hashlib

    if len(data) > MAX_FILE_BYTES:
        return None, [error(rel, 1, None, f"file is too large ({len(data) / 1_048_576:.1f} MB; at most "
                                          f"{MAX_FILE_BYTES / 1_048_576:.1f} MB)")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [error(rel, line, None, f"file is not UTF-8 text (byte 0x{data[exc.start]:02x} at "
                                             f"offset {exc.start})", "save it as UTF-8")]
    # Lines are numbered as git and GitHub number them (a pull request's annotations land there): a line ends
    # at "\n", "\r\n" counting once. YAML also breaks lines at a lone "\r", U+0085, U+2028 and U+2029; the
    # front matter refuses those (see `separator`), so YAML's lines and ours stay the same.
    text = text.replace("\r\n", "\n")
    if not text.strip():
        return None, [error(rel, 1, None, "empty file", "a content file starts with front matter between '---' lines")]
    # Split by hand rather than with python-frontmatter's regex, whose `\s*$` can swallow a blank line and
    # shift every line number after it.
    if not text.startswith(_OPEN) and text.rstrip(" ") != "---":
        if text.startswith("---\r"):
            return None, [error(rel, 1, None, "lines end with a lone carriage return (CR, as old Mac files do)",
                                "save the file with LF or CRLF line endings")]
        return None, [error(rel, 1, None, "no front matter: the file must start with a '---' line")]
    end = text.find("\n---\n", 3)
    if end < 0:
        if text.endswith("\n---") or text.endswith("\n---\n"):
            end = text.rfind("\n---")
        else:
            # A closing line that YAML would see, after a lone CR or a separator, which git does not.
            hidden = separator(rel, text[4:], 2)
            return None, [hidden or error(rel, 1, None, "front matter is not closed by a '---' line")]
    front_text = text[4:end + 1] if end >= 4 else ""
    body = text[end + 5:]
    first_line = 2  # the line after the opening ---
    body_line = first_line + front_text.count("\n") + 1
    hidden = separator(rel, front_text, first_line)
    if hidden is not None:
        return None, [hidden]
    try:
        front, lines, item_lines = parse_yaml(front_text, first_line)
    except YamlError as exc:
        return None, [error(rel, exc.line, exc.field, exc.message)]
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    deep = too_deep(body)
    if deep is not None:
        problem = error(rel, body_line + deep, None, f"the text is nested too deeply (more than {MAX_NESTING} "
                                                     "levels of quotes, lists or brackets)")
        return RawDoc(kind, slug, rel, front, lines, item_lines, "", body_line, digest), [problem]
    return RawDoc(kind, slug, rel, front, lines, item_lines, body, body_line, digest), []


# What YAML reads as a line break although git, GitHub and editors show none: pasted from web pages and word
# processors, invisible in a diff, they would cut a value in two or shift every line YAML reports.
_SEPARATORS = {"\r": "a carriage return (U+000D) not followed by a line feed", "\x85": "a next-line character (U+0085)",
               "\u2028": "a line separator (U+2028)", "\u2029": "a paragraph separator (U+2029)"}
_SEPARATOR = re.compile("[\r\x85\u2028\u2029]")
_FIELD = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)\s*:")


def separator(rel: str, front_text: str, first_line: int) -> Problem | None:
    """The first character of the front matter that YAML would read as a line break and git would not."""
    found = _SEPARATOR.search(front_text)
    if found is None:
        return None
    index = front_text.count("\n", 0, found.start())
    field = next((m.group(1) for line in reversed(front_text.split("\n")[: index + 1])
                  if (m := _FIELD.match(line))), None)
    return error(rel, first_line + index, field, f"front matter holds {_SEPARATORS[found.group()]}, which YAML "
                 "reads as a line break", "delete it or replace it with a space; such characters come with text "
                 "pasted from web pages and word processors")


def too_deep(body: str) -> int | None:
    """The body line (0-based) where quotes, list indentation or `[` nest beyond MAX_NESTING, else None.

    Python-Markdown recurses once per level: a thousand nested lists raise RecursionError, and thousands of
    nested `[` take quadratic time. No article needs more than a handful of levels.
    """
    if len(body) > MAX_NESTING:  # a tab is one level: a shorter body cannot nest too deeply
        for i, line in enumerate(body.split("\n")):
            stripped = line.lstrip(" \t>")
            prefix = line[: len(line) - len(stripped)]
            columns = len(prefix.expandtabs(4).replace(">", ""))
            if prefix.count(">") + columns // 4 > MAX_NESTING:
                return i
    if body.count("[") > MAX_NESTING:
        depth = 0
        for i, line in enumerate(body.split("\n")):
            if not line.strip():
                depth = 0  # a blank line ends the paragraph, and every bracket open in it
            elif "[" in line or "]" in line:
                for ch in line:
                    if ch == "[":
                        depth += 1
                        if depth > MAX_NESTING:
                            return i
                    elif ch == "]" and depth:
                        depth -= 1
    return None


class YamlError(Exception):
    def __init__(self, line: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.line, self.message, self.field = line, message, field


def parse_yaml(text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int], dict[str, tuple[int, ...]]]:
    """Front matter text -> (values, field lines, list item lines). Scalars stay strings unless plainly int/bool."""
    fast = plainyaml.parse(text, first_line)  # the usual shapes, read without composing YAML nodes
    return fast if fast is not None else compose_yaml(text, first_line)


def compose_yaml(text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int], dict[str, tuple[int, ...]]]:
    """The YAML path: compose nodes to know every value's line; errors raised as YamlError with their line."""
    if "\t" in text and any(line.startswith("\t") for line in text.split("\n")):
        line = next(i for i, t in enumerate(text.split("\n")) if t.startswith("\t"))
        raise YamlError(first_line + line, "a tab indents this line; YAML indents with spaces only")
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlError(line, f"invalid YAML: {exc.problem or exc.context}{_opened(exc, first_line, line)}") from None
    except yaml.reader.ReaderError as exc:  # a control character: libyaml's text spans lines and positions
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = first_line + text.count("\n", 0, max(exc.position, 0))
        raise YamlError(line, f"invalid YAML: control character U+{code:04X} is not allowed") from None
    except yaml.YAMLError as exc:
        raise YamlError(first_line, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        return {}, {}, {}
    if not isinstance(node, yaml.MappingNode):
        raise YamlError(first_line, "front matter is not a mapping of 'field: value' lines")
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    items: dict[str, tuple[int, ...]] = {}
    budget = [MAX_NODES]
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlError(line, "a field name must be plain text")
        name = key_node.value
        if name in values:
            raise YamlError(line, "field given twice", name)
        values[name] = _to_python(value_node, budget, line, name)
        lines[name] = first_line + value_node.start_mark.line
        if isinstance(value_node, yaml.SequenceNode):
            items[name] = tuple(first_line + n.start_mark.line for n in value_node.value)
    return values, lines, items


# PyYAML's "while parsing a flow sequence" in an editor's words.
_CONSTRUCTS = {"flow sequence": "the [ ] list", "flow mapping": "the { } mapping", "block sequence": "the list",
               "block mapping": "the mapping", "quoted scalar": "the quoted text", "block scalar": "the text block"}


def _opened(exc: yaml.MarkedYAMLError, first_line: int, line: int) -> str:
    """Where the unfinished construct began, when that is another line: an unclosed `[` shows up lines later."""
    if not exc.context or not exc.context_mark:
        return ""
    start = first_line + exc.context_mark.line
    what = next((v for k, v in _CONSTRUCTS.items() if k in exc.context), None)
    if start == line or what is None:
        return ""
    return f" ({what} that starts on line {start})"


def _to_python(node: yaml.Node, budget: list[int], line: int, name: str) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlError(line, "front matter is too large or expands too many aliases", name)
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "null":
            return None
        if tag == "bool":
            return node.value.lower() in ("true", "yes", "on")
        if tag == "int":
            try:
                return int(node.value.replace("_", ""), 0)
            except ValueError:
                return node.value
        return node.value  # str, timestamp, float: the text as written
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(n, budget, line, name) for n in node.value]
    out: dict[Any, Any] = {}
    for k, v in node.value:
        out[_to_python(k, budget, line, name)] = _to_python(v, budget, line, name)
    return out


def iter_lines(doc: RawDoc, name: str) -> Iterator[int]:
    """Line of each item of a list field (or of the field itself, repeated)."""
    lines = doc.item_lines.get(name)
    while True:
        yield from lines or ()
        yield doc.line(name)
