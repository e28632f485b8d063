"""A fast reader for the plain front matter editors actually write, exactly as YAML reads it, or nothing.

Composing YAML node by node (to know each value's line) costs about 120 µs a file, most of the time `check`
spends on a large site. Nearly every file is a handful of `field: value` lines, block lists of scalars and
one-level mappings (`links:`). This reads those shapes line by line and gives the same values, field lines
and item lines as the YAML path (tests compare the two), deciding what a plain scalar means (null, bool,
int, text) with PyYAML's own resolver. Anything else, however ordinary (a comment, an escape, a flow list,
an anchor, a tab), returns None and the file goes through PyYAML, which also reports the errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$")
_ITEM = re.compile(r"  - (.*)$")
_SUBKEY = re.compile(r"  ([A-Za-z_][A-Za-z0-9_ .-]*):(?: (.*))?$")
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")
# PyYAML's resolver.py: (node class, value, (plain, quoted)) -> tag; types-PyYAML leaves it unannotated.
_RESOLVE: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = yaml.resolver.Resolver().resolve
# Comments, anchors, aliases, tabs, and what YAML treats as a line break or refuses as unprintable.
_UNUSUAL = re.compile("[#&*\t\r\x85\u2028\u2029\ufeff]|[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_LINES = 200

Parsed = tuple[dict[str, Any], dict[str, int], dict[str, tuple[int, ...]]]


def scalar(text: str) -> tuple[bool, Any]:
    """(True, value) for a scalar this reader is sure of, else (False, None)."""
    if not text or text != text.strip():
        return False, None
    if text[0] == '"':
        inner = text[1:-1]
        if len(text) >= 2 and text[-1] == '"' and '"' not in inner and "\\" not in inner:
            return True, inner
        return False, None
    if text[0] == "'":
        inner = text[1:-1]
        if len(text) >= 2 and text[-1] == "'" and "'" not in inner:
            return True, inner
        return False, None
    if text[0] in _PLAIN_START or ": " in text or " #" in text or text.endswith(":"):
        return False, None
    tag = _RESOLVE(yaml.ScalarNode, text, (True, False)).rsplit(":", 1)[-1]
    if tag == "null":
        return True, None
    if tag == "bool":
        return True, text.lower() in ("true", "yes", "on")
    if tag == "int":
        try:
            return True, int(text.replace("_", ""), 0)
        except ValueError:
            return True, text
    if tag in ("float", "str", "timestamp"):
        return True, text  # the text as written, as the YAML path keeps it
    return False, None


def flow_list(inner: str) -> list[Any] | None:
    """The items of a one-line `[a, "b"]` of scalars, or None."""
    if not inner.strip():
        return []
    if any(c in inner for c in "[]{}"):
        return None
    out = []
    for part in inner.split(","):
        ok, value = scalar(part.strip())
        if not ok or ("," in part and part.strip()[0] in "'\""):
            return None
        out.append(value)
    return out


def parse(text: str, first_line: int) -> Parsed | None:
    """Front matter text -> (values, field lines, item lines), or None when it is not of the plain shapes."""
    if _UNUSUAL.search(text) or text.count("\n") > MAX_LINES:
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    values: dict[str, Any] = {}
    where: dict[str, int] = {}
    items: dict[str, tuple[int, ...]] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        match = _KEY.match(line)
        if match is None or match.group(1) in values:
            return None
        name, rest = match.group(1), match.group(2)
        if rest is not None and rest != "":
            if rest.startswith("[") and rest.endswith("]"):
                flow = flow_list(rest[1:-1])
                if flow is None:
                    return None
                values[name], where[name] = flow, first_line + i
                items[name] = (first_line + i,) * len(flow)
            else:
                ok, value = scalar(rest)
                if not ok:
                    return None
                values[name], where[name] = value, first_line + i
            i += 1
            continue
        # `name:` alone: a block list or a one-level mapping follows on indented lines.
        j = i + 1
        block = []
        while j < len(lines) and lines[j].startswith("  "):
            block.append(j)
            j += 1
        if not block:
            return None  # an empty value: its line is where YAML says, not worth guessing
        listed = [m.group(1) for k in block if (m := _ITEM.match(lines[k]))]
        if len(listed) == len(block):  # every line an item
            out = []
            for text in listed:
                ok, value = scalar(text)
                if not ok:
                    return None
                out.append(value)
            values[name], where[name] = out, first_line + block[0]
            items[name] = tuple(first_line + k for k in block)
        else:
            mapping: dict[Any, Any] = {}
            for k in block:
                sub = _SUBKEY.match(lines[k])
                if sub is None or sub.group(2) is None:
                    return None
                key_ok, key = scalar(sub.group(1))
                ok, value = scalar(sub.group(2))
                if not (ok and key_ok) or key in mapping or not isinstance(key, str):
                    return None
                mapping[key] = value
            values[name], where[name] = mapping, first_line + block[0]
        i = j
    return values, where, items
