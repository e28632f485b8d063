"""Python-Markdown's inline processor, skipping the patterns that cannot match.

For every piece of text, Python-Markdown tries each of its fifteen inline patterns in turn (code, escapes,
links, images, autolinks, line breaks, raw HTML, entities, emphasis, footnotes). Each one needs a certain
character to match at all: a link a `[`, emphasis a `*` or `_`, an entity a `&`. Most sentences hold none
of them, yet the pattern loop was the largest single cost of a cold build (a million calls on the M
corpus). This processor makes the same calls in the same order, except for a pattern whose trigger is
absent from the text, which could only have answered "no match".

Only patterns whose regular expression is exactly the one listed here are skipped, so a Python-Markdown
release that changes one makes it run every time again, never miss a match. tests/test_inline.py checks
the output against the stock processor's, byte for byte, on the real content, the benchmark corpus and
generated Markdown.
"""

from __future__ import annotations

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor

# pattern name -> (its regular expression in Python-Markdown 3.11, text it cannot match without)
TRIGGERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "backtick": (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", ("`",)),
    "escape": (r"\\(.)", ("\\",)),
    "footnote": (r"\[\^([^\]]*)\]", ("[^",)),
    "reference": (r"(?<!\!)\[", ("[",)),
    "link": (r"(?<!\!)\[", ("[",)),
    "short_reference": (r"(?<!\!)\[", ("[",)),
    "image_link": (r"\!\[", ("![",)),
    "image_reference": (r"\!\[", ("![",)),
    "short_image_ref": (r"\!\[", ("![",)),
    "autolink": (r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", ("<",)),
    "automail": (r"<([^<> !]+@[^@<> ]+)>", ("<",)),
    "linebreak": (r"  \n", ("  \n",)),
    "entity": (r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)", ("&",)),
    "em_strong": (r"\*|_", ("*", "_")),
}
HTML_TRIGGER = ("html", ("<",))  # raw HTML: its long expression always starts with "<"


class SkippingInlineProcessor(InlineProcessor):
    """Python-Markdown's `InlineProcessor`, with its pattern loop (`__handleInline`) skipping the patterns
    that cannot match the text at hand."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._triggers: list[tuple[str, ...] | None] | None = None

    def triggers(self) -> list[tuple[str, ...] | None]:
        """Each registered pattern's triggers, by index; None for a pattern that always runs."""
        if self._triggers is None:
            patterns = self.inlinePatterns
            index = {patterns.get_index_for_name(name): name for name in (*TRIGGERS, HTML_TRIGGER[0])
                     if name in patterns}
            out: list[tuple[str, ...] | None] = []
            for i in range(len(patterns)):
                name, regex = index.get(i), getattr(patterns[i], "pattern", None)
                if name == HTML_TRIGGER[0] and isinstance(regex, str) and regex.startswith("(<"):
                    out.append(HTML_TRIGGER[1])
                elif name in TRIGGERS and regex == TRIGGERS[name][0]:
                    out.append(TRIGGERS[name][1])
                else:
                    out.append(None)
            self._triggers = out
        return self._triggers

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        # Python-Markdown 3.11's loop (treeprocessors.py), plus the `trigger` test. The name is the private
        # method's, so the base class's own calls (including recursive ones) come here.
        if not isinstance(data, util.AtomicString):
            triggers = self.triggers()
            index, start = patternIndex, 0
            count = len(self.inlinePatterns)
            apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]  # private: not in types-Markdown
            while index < count:
                trigger = triggers[index]
                if trigger is not None and not any(t in data for t in trigger):
                    index, start = index + 1, 0  # as a pattern that found nothing
                    continue
                data, matched, start = apply(self.inlinePatterns[index], data, index, start)
                if not matched:
                    index += 1
        return data


def install(md: markdown.Markdown) -> None:
    """Use the skipping processor in `md` (same name and priority as the stock one, which it replaces)."""
    md.treeprocessors.register(SkippingInlineProcessor(md), "inline", 20)
