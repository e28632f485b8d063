"""The fast front-matter reader gives exactly what the YAML path gives, or declines.

Run over every real and fixture content file, a generated corpus, and snippets chosen to trip it (YAML's
booleans, numbers and dates, quotes, escapes, comments, flow lists, nested blocks, odd line breaks).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus import main as make_corpus
from revdoor.content import plainyaml
from revdoor.content.load import YamlError, compose_yaml

ROOT = Path(__file__).resolve().parent.parent

TRICKY = [
    "name: Sébastien Bubeck\n",
    'name: "Barret Zoph"\naliases:\n  - "Brett Zoph"\n  - Barret\n',
    "aliases: []\n",
    "count: 2\nflag: yes\nother: No\nnothing: ~\nempty: null\n",
    "date: 2024-10\nday: 2024-10-15\nbefore: before 2024-10\n",
    "n: 0x1F\nm: 1_000\nsexa: 1:30\nf: 1.5\ne: 1e3\n",
    "title: a [bracketed] word\n",
    "title: colon:inside\n",
    "title: 'single ''quoted'''\n",
    'title: "escaped \\"quote\\""\n',
    "title: value # comment\n",
    "# a comment\nname: x\n",
    "people: [a, b]\n",
    "people: [ a , \"b c\" ]\n",
    "people: [a, ]\n",
    "people: [\"a, b\", c]\n",
    "people: [a: b]\n",
    "people: [yes, 2, ~]\n",
    "links:\n  homepage: https://example.org/\n  scholar: \"https://scholar.example.org/x\"\n",
    "links:\n  2024: x\n",
    "links:\n  a: b\n  a: c\n",
    "aliases:\n- a\n- b\n",
    "aliases:\n  - a\n    - b\n",
    "aliases:\n  - - nested\n",
    "title: multi\n  line\n",
    "name:\n",
    "name: x\nname: y\n",
    "name: &a x\nother: *a\n",
    "name: \tx\n",
    "name: x\u2028y\n",
    "name: trailing \n",
    "name: -dash\n",
    "name: ?q\n",
    "title: \"unclosed\n",
    "key : spaced\n",
    "from-role: CTO\n",
    "name: x\n...\n",
    "url: https://example.org/a?b=c&d=e\n",
    "summary: Un texte français, avec « guillemets » et l’apostrophe.\n",
]


def slow(text: str) -> object:
    try:
        return compose_yaml(text, 2)
    except YamlError as exc:
        return ("error", exc.line, exc.message)


@pytest.mark.parametrize("text", TRICKY)
def test_fast_reader_agrees_with_yaml_or_declines(text: str) -> None:
    fast = plainyaml.parse(text, 2)
    if fast is not None:
        assert fast == slow(text)


def front_matters(root: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        if text.startswith("---\n") and "\n---\n" in text[3:]:
            out.append((str(path), text[4:text.index("\n---\n", 3) + 1]))
    return out


def test_fast_reader_agrees_with_yaml_on_every_content_file(tmp_path: Path) -> None:
    assert make_corpus([str(tmp_path / "corpus"), "--events", "300", "--people", "60", "--labs", "12",
                        "--articles", "60", "--force"]) == 0
    files = front_matters(ROOT / "content") + front_matters(ROOT / "tests" / "fixtures")
    files += front_matters(tmp_path / "corpus" / "content")
    taken = 0
    for path, text in files:
        fast = plainyaml.parse(text, 2)
        if fast is not None:
            taken += 1
            assert fast == slow(text), path
    assert taken > 0.9 * len(files)  # the fast path is the usual one
