"""The fast path for common bodies (revdoor/content/fastmark.py) gives what Python-Markdown gives, byte for
byte, names linked and headings given ids alike; and it takes the bodies it was made for."""

from __future__ import annotations

from pathlib import Path

from explore import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.texts import write_site
from revdoor.content import fastmark
from revdoor.content.markup import Linker, Renderer

REPO = Path(__file__).resolve().parent.parent
LINKER = Linker.from_names([("Barret Zoph", "person:barret-zoph", "/people/barret-zoph/"),
                            ("Zoph", "person:barret-zoph", "/people/barret-zoph/"),
                            ("OpenAI", "lab:openai", "/labs/openai/"), ("Word", "lab:word", "/labs/word/")])
RENDERER = Renderer(LINKER, reserved=frozenset({"moves"}))


def same(body: str) -> bool:
    """Whether the fast path took `body`; when it did, its HTML and the names it found are Markdown's."""
    root = fastmark.tree(body)
    if root is None:
        return False
    RENDERER.found.clear()
    fast, fast_found = fastmark.finish(RENDERER.md.reset(), root), list(RENDERER.found)
    RENDERER.found.clear()
    slow, slow_found = RENDERER.md.reset().convert(body), list(RENDERER.found)
    assert (fast, fast_found) == (slow, slow_found), body
    return True


def bodies(root: Path) -> list[str]:
    return [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for p in sorted(root.glob("content/*/*.md"))]


def test_same_output_on_the_real_content_most_of_which_it_takes() -> None:
    taken = [same(body) for body in bodies(REPO)]
    assert sum(taken) >= 0.8 * len(taken)


def test_same_output_on_a_generated_corpus_whose_articles_it_mostly_takes(tmp_path: Path) -> None:
    write_site(tmp_path, 150, 30, 8, 40, seed=11)
    articles = [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
                for p in sorted((tmp_path / "content" / "articles").glob("*.md"))]
    taken = [same(body) for body in articles]
    assert len(taken) == 40 and sum(taken) >= 0.8 * len(taken)
    for body in bodies(tmp_path):
        same(body)


PIECES = ["word", "Word", "Barret Zoph", "Zoph", "OpenAI", "é", " ", "  ", "\n", "\n\n", "\n\n\n", "*", "**",
          "***", "_", "[", "]", "(", ")", "[OpenAI](https://openai.com/a_b)", "![", "[^1]", "<", ">", "&", "#",
          "\\", "`", "|", "{: .c}", "*[HTML]: Hyper", "---", "- ", "* ", "+ ", "1. ", "2) ", "> ", "# ", "## ",
          "####### ", "    ", "\t", ":", "=", "!", "«", "’", "1", "."]


@settings(max_examples=examples(400))
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_same_output_on_any_mix_of_marks(body: str) -> None:
    same(body)


WORDS = st.sampled_from(["word", "Word", "Barret Zoph", "Zoph", "OpenAI", "l’équipe", "«", "»", "(sic)", "2025",
                         "1.", "x_y", "a*b", "!"])
SPAN = st.one_of(WORDS, WORDS.map(lambda w: f"**{w}**"), WORDS.map(lambda w: f"*{w}*"),
                 WORDS.map(lambda w: f"[{w}](https://example.org/{w.replace(' ', '-')})"))
LINE = st.lists(SPAN, min_size=1, max_size=8).map(" ".join)
BLOCK = st.one_of(
    st.lists(LINE, min_size=1, max_size=3).map("\n".join),  # a paragraph
    st.tuples(st.sampled_from(["# ", "## ", "### ", "###### "]), LINE).map("".join),
    st.lists(LINE.map(lambda line: "- " + line), min_size=1, max_size=4).map("\n".join),
    st.lists(LINE.map(lambda line: "> " + line), min_size=1, max_size=3).map("\n".join))


@settings(max_examples=examples(400))
@given(st.lists(BLOCK, min_size=1, max_size=6).map("\n\n".join))
def test_same_output_on_generated_articles(body: str) -> None:
    same(body)


def test_it_takes_an_article_of_every_shape_it_knows() -> None:
    assert same("**Barret Zoph** joins *OpenAI*.\nA second line.\n\n## Why it [matters](https://x.org/a_b)\n\n"
                "- one\n- two **three**\n\n> A quote\n> on two lines\n\nThe end (sic).")


def test_it_leaves_to_markdown_what_it_does_not_know() -> None:
    for body in ["a <b>bold</b>", "AT&T", "a_b", "a * b", "- one\n\n- two", "> a\n\n> b", "1. one", "a  \nb",
                 " indented", "## Title ##", "[a][ref]", "![image](x.png)", "Term\n: definition", "a | b",
                 "text\n===", "- - -", "`code`", "", "\n\n"]:
        assert fastmark.tree(body) is None, body
