"""Plain paragraphs skip Markdown (markup.plain_paragraphs): same HTML as Python-Markdown, byte for byte,
whenever they are taken; anything that could be syntax goes through Markdown."""

from __future__ import annotations

from pathlib import Path

import markdown
from explore import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.texts import write_site
from revdoor.content.markup import EXTENSIONS, Renderer, plain_paragraphs

REPO = Path(__file__).resolve().parent.parent
STOCK = markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def same_when_taken(body: str) -> bool:
    """True when the plain path took `body` (and then its HTML is Markdown's)."""
    html = plain_paragraphs(body)
    if html is not None:
        assert html == STOCK.reset().convert(body), body
    return html is not None


def bodies(root: Path) -> list[str]:
    return [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for p in sorted(root.glob("content/*/*.md"))]


def test_notes_and_bios_of_a_generated_corpus_take_the_plain_path_with_markdowns_output(tmp_path: Path) -> None:
    write_site(tmp_path, 150, 30, 8, 40, seed=11)
    taken = [same_when_taken(b) for b in bodies(tmp_path)]
    assert sum(taken) > len(taken) / 2  # the event notes and the bios: most bodies


def test_the_real_content_renders_the_same_either_way() -> None:
    for body in bodies(REPO):
        same_when_taken(body)


def test_the_renderer_sanitises_plain_paragraphs_as_it_does_markdowns_html() -> None:
    body = "Joined in 2024, after “Phi”.\nHe leads a team.\n\nSecond paragraph."
    assert plain_paragraphs(body) is not None
    html, mentions = Renderer()(body)
    assert (html, mentions) == ("<p>Joined in 2024, after “Phi”.\nHe leads a team.</p>\n<p>Second paragraph.</p>", ())


def test_what_could_be_syntax_goes_through_markdown() -> None:
    for body in ["1986. A list item", "- item", "# Title", "> quote", "    code", "Term\n: definition",
                 "Title\n-----", "a *b*", "a_b", "a & b", "x <b>y</b>", "line  \nbreak", "[link](x)", "a | b",
                 "Title\n=====", "~~~", "{: .c}", " leading space", "tab\there", "é\u2028x"]:
        assert plain_paragraphs(body) is None, body


PIECES = ["word", "Mot", "é", " ", "  ", "\n", "\n\n", ".", ",", ":", ";", "!", "?", "'", '"', "“", "’", "(", ")",
          "-", "—", "1", "1.", "+", "%", "/", "@", "*", "_", "#", "&", "<", "=", "\t", "    ", ": ", "> ", "- "]


@settings(max_examples=examples(600))
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_generated_text_never_differs_from_markdown(body: str) -> None:
    same_when_taken(body)
