"""Property-based tests (hypothesis): whatever an editor or a stranger writes, the pipeline answers, never raises.

Generated front matter and bodies, valid and broken, are laid over tests/sites/base. `load_site` must return
either problems that each name an existing file and a line inside it, or a model whose built site's internal
links all resolve. Example counts stay modest (each example is a small build) so the suite stays fast.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from explore import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sitecheck import Site, internal_target, parse, references

from revdoor.common.problems import has_errors
from revdoor.content.load import parse_doc
from revdoor.modelling.pipeline import load_site
from revdoor.output.builder import build

SITES = Path(__file__).resolve().parent / "sites"
SETTINGS = settings(max_examples=examples(50))

# Text an editor (or an attacker) might type: words, Markdown and HTML punctuation, quotes, accents, controls.
ALPHABET = st.sampled_from([*"abcXYZ éß ", *"<>&\"'`[](){}*_#!-=:/\\|~", "\n", "\t", "\r", "\x00", "\u2028",
                            "javascript:", "</script>", "<script>", "http://", "https://x.example/", "onerror=",
                            "> ", "- ", "1. ", "---", "{{", "%}", "\ufeff", "OpenAI", "Microsoft", "Sébastien Bubeck"])
TEXT = st.lists(ALPHABET, max_size=40).map("".join)
SCALAR = st.one_of(TEXT, st.integers(-5, 3000), st.booleans(), st.none(),
                   st.sampled_from(["2025-01", "2025-02-30", "2024-13", "before 2023", "openai", "microsoft",
                                    "move", "arrival", "reported", "https://example.org/a", "javascript:alert(1)",
                                    "../../etc/passwd", "sebastien-bubeck", "bubeck-rejoint-openai"]))
VALUE = st.one_of(SCALAR, st.lists(SCALAR, max_size=4), st.dictionaries(TEXT, SCALAR, max_size=3))
FIELDS = st.sampled_from(["name", "aliases", "links", "title", "date", "lang", "source", "source_url", "people",
                          "labs", "summary", "person", "unnamed", "count", "type", "from", "to", "role", "from_role",
                          "status", "sources", "kind", "parent", "url", "bogus"])
KIND = st.sampled_from(["people", "labs", "articles", "events"])
SLUG = st.sampled_from(["new-one", "openai", "sebastien-bubeck", "x", "bubeck-microsoft-to-openai"])


def yaml_value(value: object) -> str:
    """A flow-style YAML rendering; quoting is deliberately naive, so some files are broken YAML."""
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@st.composite
def content_file(draw: st.DrawFn) -> tuple[str, bytes]:
    kind, slug = draw(KIND), draw(SLUG)
    front = draw(st.dictionaries(FIELDS, VALUE, max_size=7))
    lines = [f"{k}: {yaml_value(v)}" for k, v in front.items()]
    body = draw(TEXT)
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    data = text.replace("\n", ending).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return f"content/{kind}/{slug}.md", data


def quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


@st.composite
def valid_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file that may well be valid: fixed structure, generated text wherever an editor writes prose."""
    words = TEXT.filter(lambda t: t.strip() != "")
    kind = draw(st.sampled_from(["person", "lab", "article", "event"]))
    n = draw(st.integers(1, 3))
    if kind == "person":
        aliases = ", ".join(quoted(a) for a in draw(st.lists(words, max_size=2)))
        front = f"name: {quoted(draw(words))}\naliases: [{aliases}]"
        rel = f"content/people/new-person-{n}.md"
    elif kind == "lab":
        front = f"name: {quoted(draw(words))}\nkind: company"
        rel = f"content/labs/new-lab-{n}.md"
    elif kind == "article":
        front = (f"title: {quoted(draw(words))}\ndate: 2025-0{n}-01\nsummary: {quoted(draw(words))}\n"
                 f"people: [sebastien-bubeck]")
        rel = f"content/articles/new-article-{n}.md"
    else:
        front = (f"person: lukasz-kaiser\ndate: 2019-0{n}\ntype: move\nfrom: openai\nto: anthropic\n"
                 f"role: {quoted(draw(words))}\nsources: [https://example.org/{n}]")
        rel = f"content/events/new-event-{n}.md"
    return rel, f"---\n{front}\n---\n{draw(TEXT)}".encode("utf-8", "surrogatepass")


def site_with(files: list[tuple[str, bytes]], root: Path) -> Path:
    site = root / "site"
    shutil.copytree(SITES / "base", site)
    for rel, data in files:
        (site / rel).write_bytes(data)
    return site


def git_lines(data: bytes) -> int:
    """Lines as git and GitHub number them, where a pull request's annotations land: a line ends at "\n" only
    ("\r\n" counts once; a lone "\r", U+0085, U+2028 and U+2029 end none)."""
    return data.count(b"\n") + 1


def assert_problems_point_into_files(site: Path, problems: list) -> None:
    for p in problems:
        path = site / p.path
        assert path.exists(), p.text()
        if path.is_file():
            assert 1 <= p.line <= git_lines(path.read_bytes()), p.text()


def broken_links(out: Path, result: object) -> list[str]:
    site = Site.of("generated", result, has_search_index=False)  # type: ignore[arg-type]
    broken = []
    for path in site.html_files():
        for tag, attr, ref in references(parse(path)):
            target = internal_target(site.url_of(path), ref, site)
            if target is None or urlsplit(target).path.startswith(site.base_path + "pagefind/"):
                continue
            if site.resolve(target) is None:
                broken.append(f"{site.url_of(path)}: <{tag} {attr}={ref!r}>")
    return broken


@SETTINGS
@given(st.lists(st.one_of(valid_file(), valid_file(), content_file()), min_size=1, max_size=3))
def test_any_content_gives_located_problems_or_a_site_whose_links_resolve(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = site_with(files, Path(tmp))
        loaded = load_site(site, jobs=1)
        if loaded.model is None or has_errors(loaded.problems):
            assert loaded.problems
            assert_problems_point_into_files(site, loaded.problems)
            return
        out = Path(tmp) / "out"
        result = build(site, out, with_search=False, jobs=1, use_cache=False)
        assert result.ok
        assert broken_links(out, result) == []


@settings(max_examples=examples(200))
@given(st.binary(max_size=300), st.sampled_from(["person", "lab", "article", "event"]))
@example("name: x\u2028y\n---\n".encode(), "person")
@example("\ufeffname: x\r\n---\n".encode(), "person")
def test_any_bytes_are_read_or_refused_with_a_line(data: bytes, kind: str) -> None:
    data = b"---\n" + data
    doc, problems = parse_doc(data, "content/x/y.md", kind, "y")
    assert doc is not None or problems
    assert all(1 <= p.line <= git_lines(data) and p.path == "content/x/y.md" for p in problems)


@settings(max_examples=examples(100))
@given(TEXT, TEXT)
@example(front='"\u2028\u2028', body="")  # found by Hypothesis: YAML counted the separators as lines
@example(front='"\u2029\u2029', body="")
@example(front='"\x85\x85', body="")
@example(front='"\r\r', body="")
@example(front='name: "a\r\nb\u2028c\rd\x85"\r\n[', body="\u2028\r")
@example(front="\ufeffname: [\u2029", body="")
def test_any_front_matter_text_is_read_or_refused_with_a_line(front: str, body: str) -> None:
    data = f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass")
    doc, problems = parse_doc(data, "content/x/y.md", "person", "y")
    assert doc is not None or problems
    assert all(1 <= p.line <= git_lines(data) for p in problems)
