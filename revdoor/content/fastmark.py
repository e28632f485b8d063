"""The element tree Python-Markdown makes of the most common bodies, made without its parsers.

A press article is paragraphs, `##` headings, `-` lists, `>` quotes, `**strong**`, `*emphasis*` and
`[links](https://...)`. For such a body, Python-Markdown's block parser and inline patterns (which try each
of their rules on each block and each piece of text) were two thirds of its time, and its time was the
largest part of loading corpus M. `tree` builds the same element tree directly, and `finish` runs
Python-Markdown's own remaining steps on it (its other tree processors, with ours that links names and
gives headings ids; its serialiser; its postprocessors), so what differs is only how the tree was found.

A body qualifies only when every line is plainly one of those shapes and no character that any other
Markdown rule reads appears where it could be read: else `tree` says None and Markdown does it all. The
equality, byte for byte, is tested on the real content, the benchmark corpus and generated bodies
(tests/test_fastmark.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 - the name Python-Markdown's own docs use

import markdown
from markdown.treeprocessors import InlineProcessor

# Anything another rule reads: raw HTML and entities, escapes, code, tables, attribute lists, footnotes,
# abbreviations, images, underscores (emphasis; allowed in a link's address only), tabs and control
# characters (the whitespace preprocessor rewrites them), and markers Markdown would read inside a block.
_DECLINE = re.compile(r"[<>&\\`|{}~\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029#]|!\[|\[\^|\*\[|\]:|\]\[|\n\n\n")
_INLINE = re.compile(
    r"\*\*(?P<strong>[^*\s\[\]](?:[^*\[\]]*[^*\s\[\]])?)\*\*"
    r"|\*(?P<em>[^*\s\[\]](?:[^*\[\]]*[^*\s\[\]])?)\*"
    r"|\[(?P<text>[^\[\]*\n]+)\]\((?P<url>[^()\s<>\"'*\[\]]+)\)")
_HEADING = re.compile(r"(#{1,6}) (\S(?:[^#\n]*\S)?)")
# A line of a paragraph, an item or a quote starts with a letter, a digit not followed by "." or ")"
# (an ordered list), an opening quote or bracket, or a star that opens emphasis.
_LINE_START = re.compile(r"[^\W\d_]|\d+(?![\d.)])|[«“‘\"'(\[]|\*\*?[^\s*]")


def tree(body: str) -> etree.Element | None:
    """Python-Markdown's tree for `body` just before its inline processor's successors run, or None when
    `body` holds anything but the shapes this module knows."""
    body = body.strip("\n")
    if not body or _DECLINE.search(_without_block_marks(body)):
        return None
    root = etree.Element("div")
    kinds: list[str] = []
    for block in body.split("\n\n"):
        lines = block.split("\n")
        if any(not line or line != line.strip(" ") for line in lines):
            return None
        if len(lines) == 1 and lines[0].startswith("#"):
            found = _HEADING.fullmatch(lines[0])
            if found is None or not _inline(etree.SubElement(root, f"h{len(found[1])}"), found[2]):
                return None
            kind = "h"
        elif all(line.startswith("- ") for line in lines):
            parent = etree.SubElement(root, "ul")
            if not all(_inline(etree.SubElement(parent, "li"), line[2:]) for line in lines):
                return None
            kind = "ul"
        elif all(line.startswith("> ") for line in lines):
            quote = etree.SubElement(root, "blockquote")
            if not _inline(etree.SubElement(quote, "p"), "\n".join(line[2:] for line in lines)):
                return None
            kind = "blockquote"
        elif not _inline(etree.SubElement(root, "p"), block):
            return None
        else:
            kind = "p"
        if kind in ("ul", "blockquote") and kinds and kinds[-1] == kind:
            return None  # two lists (or quotes) apart by a blank line: Markdown makes one loose list of them
        kinds.append(kind)
    return root


def _without_block_marks(body: str) -> str:
    """`body` without the `#` that open a line (a heading) and the `> ` (a quote): the only places where
    this module reads those characters."""
    return "\n".join(line.lstrip("#").removeprefix("> ") for line in body.split("\n"))


def _inline(parent: etree.Element, text: str) -> bool:
    """Fill `parent` with `text`'s strong, emphasis and links, as Markdown's inline patterns would; False
    when `text` holds a mark they would read otherwise (a star or bracket left over, an underscore)."""
    if any(not _LINE_START.match(line) for line in text.split("\n")):
        return False
    last: etree.Element | None = None
    cursor = 0
    for found in _INLINE.finditer(text):
        between = text[cursor:found.start()]
        if not _plain(between):
            return False
        if found["strong"] is not None:
            el, words = etree.Element("strong"), found["strong"]
        elif found["em"] is not None:
            el, words = etree.Element("em"), found["em"]
        else:
            el, words = etree.Element("a", {"href": found["url"]}), found["text"]
        if "_" in words:
            return False
        el.text = words
        _append(parent, last, between)
        parent.append(el)
        last, cursor = el, found.end()
    rest = text[cursor:]
    if not _plain(rest):
        return False
    _append(parent, last, rest)
    return True


def _plain(text: str) -> bool:
    return not any(c in text for c in "*[]_")


def _append(parent: etree.Element, last: etree.Element | None, text: str) -> None:
    if last is None:
        parent.text = text
    else:
        last.tail = text


def finish(md: markdown.Markdown, root: etree.Element) -> str:
    """What `md.convert` returns for the body whose tree is `root`: its steps after the inline processor's
    work (`Markdown.convert`, Python-Markdown 3.x), on a reset `md`."""
    for processor in md.treeprocessors:
        if not isinstance(processor, InlineProcessor):
            found = processor.run(root)
            if found is not None:
                root = found
    output = md.serializer(root)
    start = output.index(f"<{md.doc_tag}>") + len(md.doc_tag) + 2
    output = output[start:output.rindex(f"</{md.doc_tag}>")].strip()
    for post in md.postprocessors:
        output = post.run(output)
    return output.strip()
