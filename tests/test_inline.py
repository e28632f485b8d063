"""The skipping inline processor (revdoor/content/inline.py) gives Python-Markdown's own output, byte for byte."""

from __future__ import annotations

from pathlib import Path

import markdown
from explore import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.texts import write_site
from revdoor.content import inline
from revdoor.content.markup import EXTENSIONS

REPO = Path(__file__).resolve().parent.parent


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def skipping() -> markdown.Markdown:
    md = stock()
    inline.install(md)
    return md


STOCK, SKIPPING = stock(), skipping()


def same(body: str) -> None:
    assert SKIPPING.reset().convert(body) == STOCK.reset().convert(body), body


def bodies(root: Path) -> list[str]:
    return [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for p in sorted(root.glob("content/*/*.md"))]


def test_every_pattern_of_the_installed_markdown_has_its_trigger() -> None:
    """A Python-Markdown upgrade that changes a pattern turns its skipping off: this says when it happened."""
    processor = SKIPPING.treeprocessors["inline"]
    assert isinstance(processor, inline.SkippingInlineProcessor)
    names = [SKIPPING.inlinePatterns.get_index_for_name(n) for n in (*inline.TRIGGERS, "html")]
    assert sorted(names) == list(range(len(SKIPPING.inlinePatterns)))
    assert None not in processor.triggers()


def test_same_output_on_the_real_content() -> None:
    for body in bodies(REPO):
        same(body)


def test_same_output_on_a_generated_corpus(tmp_path: Path) -> None:
    write_site(tmp_path, 150, 30, 8, 40, seed=11)
    for body in bodies(tmp_path):
        same(body)


PIECES = ["word", "mot", " ", "  ", "\n", "\n\n", "*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")",
          "![", "[^1]", "<", ">", "&", "&amp;", "&#233;", "<b>", "</b>", "<http://x.org/a>", "<a@b.org>",
          "http://x.org", "# ", "- ", "1. ", "> ", "    ", "|", "---", ":", "{: .c}", "*[HTML]: Hyper", "é", "!"]


@settings(max_examples=examples(400))
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_same_output_on_generated_markdown(body: str) -> None:
    same(body)


def test_a_changed_pattern_is_never_skipped() -> None:
    md = stock()
    inline.install(md)
    processor = md.treeprocessors["inline"]
    md.inlinePatterns["entity"].pattern = "(&[a-z]+)"  # as if a release changed it
    assert isinstance(processor, inline.SkippingInlineProcessor)
    triggers = processor.triggers()
    assert triggers[md.inlinePatterns.get_index_for_name("entity")] is None
    assert triggers[md.inlinePatterns.get_index_for_name("link")] == ("[",)
