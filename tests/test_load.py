"""Reading one content file: front matter with the line of every value, the body apart, or the problem.

`parse_doc` is called on bytes directly (no site, no build); `parse_yaml` chooses between the fast plain
reader and the YAML composer, and both must give the same lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from explore import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from revdoor.content import plainyaml
from revdoor.content.load import RawDoc, YamlError, compose_yaml, discover, iter_lines, parse_doc, parse_yaml, read_doc

PATH = "content/people/mira-murati.md"


def parse(text: str | bytes) -> tuple[RawDoc | None, list[str]]:
    """A person file's bytes -> (doc, the `check` lines of its problems)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    doc, problems = parse_doc(data, PATH, "person", "mira-murati")
    return doc, [p.text() for p in problems]


def only_doc(text: str | bytes) -> RawDoc:
    doc, problems = parse(text)
    assert problems == []
    assert doc is not None
    return doc


PLAIN = """---
name: Mira Murati
aliases:
  - Murati
  - Mira
links:
  wikipedia: https://en.wikipedia.org/wiki/Mira_Murati
---
Former chief technology officer.

Founded a lab.
"""


def test_each_field_keeps_the_line_of_its_value() -> None:
    doc = only_doc(PLAIN)
    assert doc.front == {"name": "Mira Murati", "aliases": ["Murati", "Mira"],
                         "links": {"wikipedia": "https://en.wikipedia.org/wiki/Mira_Murati"}}
    # A block list's or mapping's value starts on the line after its key.
    assert doc.lines == {"name": 2, "aliases": 4, "links": 7}


def test_each_list_item_keeps_its_own_line() -> None:
    doc = only_doc(PLAIN)
    assert doc.item_lines == {"aliases": (4, 5)}
    assert list(zip(["Murati", "Mira"], iter_lines(doc, "aliases"), strict=False)) == [("Murati", 4), ("Mira", 5)]


def test_a_missing_field_is_placed_on_the_opening_line() -> None:
    doc = only_doc(PLAIN)
    assert doc.line("parent") == 1
    assert doc.line("name") == 2


def test_iter_lines_falls_back_to_the_field_line_for_a_list_without_item_lines() -> None:
    doc = only_doc("---\nname: Mira Murati\n---\n")
    lines = iter_lines(doc, "name")
    assert [next(lines), next(lines)] == [2, 2]


def test_the_body_is_kept_apart_with_its_first_line() -> None:
    doc = only_doc(PLAIN)
    assert doc.body == "Former chief technology officer.\n\nFounded a lab.\n"
    assert doc.body_line == 9


def test_doc_records_kind_slug_path_and_a_digest_of_the_bytes() -> None:
    doc = only_doc(PLAIN)
    assert (doc.kind, doc.slug, doc.path) == ("person", "mira-murati", PATH)
    assert doc.digest == only_doc(PLAIN).digest
    assert doc.digest != only_doc(PLAIN.replace("Founded", "Started")).digest


def test_a_blank_line_in_front_matter_does_not_shift_later_lines() -> None:
    doc = only_doc("---\nname: Mira Murati\n\naliases: [Murati]\n---\nBody\n")
    assert doc.lines == {"name": 2, "aliases": 4}
    assert doc.body_line == 6


def test_windows_line_endings_and_a_byte_order_mark_are_read_as_plain_lines() -> None:
    doc = only_doc("\ufeff---\r\nname: Mira Murati\r\naliases: [Murati]\r\n---\r\nBody\r\n")
    assert doc.front == {"name": "Mira Murati", "aliases": ["Murati"]}
    assert doc.lines == {"name": 2, "aliases": 3}
    assert doc.body == "Body\n"


HINT = ("(delete it or replace it with a space; such characters come with text pasted from web pages and word "
        "processors)")


@pytest.mark.parametrize(("char", "named"), [
    ("\u2028", "a line separator (U+2028)"),
    ("\u2029", "a paragraph separator (U+2029)"),
    ("\x85", "a next-line character (U+0085)"),
    ("\r", "a carriage return (U+000D) not followed by a line feed"),
])
def test_a_character_yaml_reads_as_a_line_break_is_refused_on_its_git_line(char: str, named: str) -> None:
    # Lines 1-3 end in CRLF and the file starts with a BOM: neither shifts the line git and GitHub show.
    text = f"\ufeff---\r\nname: Mira Murati\r\naliases: [Murati]\r\nlinks:\n  x: https://x.org/{char}a\n---\n"
    assert parse(text) == (None, [f"{PATH}:5: links: front matter holds {named}, which YAML reads as a line "
                                  f"break {HINT}"])


def test_a_file_whose_lines_end_in_lone_carriage_returns_is_told_so() -> None:
    assert parse("---\rname: Mira Murati\r---\rBody\r") == (None, [
        f"{PATH}:1: lines end with a lone carriage return (CR, as old Mac files do) "
        "(save the file with LF or CRLF line endings)"])


def test_line_breaks_git_does_not_count_stay_in_the_body_and_do_not_shift_its_lines() -> None:
    doc = only_doc("---\nname: Mira Murati\n---\nOne\u2028two\rthree\x85\nFour\r\n")
    assert doc.body == "One\u2028two\rthree\x85\nFour\n"
    assert doc.body_line == 4


def test_a_yaml_error_after_windows_lines_is_on_its_git_line() -> None:
    assert parse("---\r\nname: Mira Murati\r\naliases: [Murati\r\n---\r\n")[1] == [
        f"{PATH}:4: invalid YAML: did not find expected ',' or ']' (the [ ] list that starts on line 3)"]


def test_front_matter_closed_at_the_end_of_the_file_has_an_empty_body() -> None:
    doc = only_doc("---\nname: Mira Murati\n---")
    assert doc.front == {"name": "Mira Murati"}
    assert doc.body == ""


def test_empty_front_matter_is_an_empty_mapping() -> None:
    doc = only_doc("---\n---\nBody")
    assert (doc.front, doc.lines, doc.body) == ({}, {}, "Body")


def test_the_plain_reader_takes_plain_front_matter() -> None:
    text = PLAIN.split("---\n")[1]
    fast = plainyaml.parse(text, 2)
    assert fast is not None
    assert fast == compose_yaml(text, 2)


def test_a_comment_sends_the_file_through_yaml_with_the_same_lines() -> None:
    text = "name: Mira Murati  # shown name\naliases:\n  - Murati\n\n  - Mira\n"
    assert plainyaml.parse(text, 2) is None
    values, lines, items = parse_yaml(text, 2)
    assert values == {"name": "Mira Murati", "aliases": ["Murati", "Mira"]}
    assert lines == {"name": 2, "aliases": 4}
    assert items == {"aliases": (4, 6)}


def test_a_flow_list_over_two_lines_gives_each_item_its_own_line() -> None:
    text = "name: Mira Murati\naliases: [Murati,\n  Mira]\n"
    assert plainyaml.parse(text, 2) is None
    assert parse_yaml(text, 2)[2] == {"aliases": (3, 4)}


def test_a_one_line_flow_list_puts_every_item_on_its_line() -> None:
    assert parse_yaml("aliases: [Murati, Mira]\n", 2)[2] == {"aliases": (2, 2)}


def test_yaml_scalars_stay_as_written_except_plain_ints_bools_and_nulls() -> None:
    values, _, _ = compose_yaml("count: 2\nflag: yes\ndate: 2024-10-15\nratio: 1.5\nnothing: ~\n", 2)
    assert values == {"count": 2, "flag": True, "date": "2024-10-15", "ratio": "1.5", "nothing": None}


def test_an_unclosed_flow_list_names_the_line_it_starts_on() -> None:
    doc, problems = parse("---\nname: Mira Murati\naliases: [Murati,\n  Mira\n---\nBody\n")
    assert doc is None
    assert problems == [f"{PATH}:5: invalid YAML: did not find expected ',' or ']' "
                        "(the [ ] list that starts on line 3)"]


def test_an_unclosed_quote_names_the_line_it_starts_on() -> None:
    _, problems = parse("---\nname: 'Mira Murati\n---\n")
    assert problems == [f"{PATH}:3: invalid YAML: found unexpected end of stream "
                        "(the quoted text that starts on line 2)"]


def test_a_tab_indent_is_reported_on_its_line() -> None:
    doc, problems = parse("---\nname: Mira Murati\n\taliases: [Murati]\n---\n")
    assert doc is None
    assert problems == [f"{PATH}:3: a tab indents this line; YAML indents with spaces only"]


def test_a_field_given_twice_is_reported_on_the_second_with_its_name() -> None:
    _, problems = parse("---\nname: Mira Murati\naliases: [Murati]\nname: Mira\n---\n")
    assert problems == [f"{PATH}:4: name: field given twice"]


def test_a_file_that_is_not_utf8_names_the_line_and_byte() -> None:
    doc, problems = parse(b"---\nname: Mira Murati\naliases: [Murat\xef]\n---\n")
    assert doc is None
    assert problems == [f"{PATH}:3: file is not UTF-8 text (byte 0xef at offset 37) (save it as UTF-8)"]


@pytest.mark.parametrize("text", ["", "  \n\n"])
def test_an_empty_file_is_reported_on_line_one(text: str) -> None:
    doc, problems = parse(text)
    assert doc is None
    assert problems == [f"{PATH}:1: empty file (a content file starts with front matter between '---' lines)"]


@pytest.mark.parametrize("front", ["- Mira Murati\n- Murati\n", "[Mira Murati, Murati]\n", "Mira Murati\n"])
def test_front_matter_that_is_not_a_mapping_is_reported(front: str) -> None:
    doc, problems = parse(f"---\n{front}---\nBody\n")
    assert doc is None
    assert problems == [f"{PATH}:2: front matter is not a mapping of 'field: value' lines"]


def test_a_file_without_an_opening_line_has_no_front_matter() -> None:
    _, problems = parse("name: Mira Murati\n")
    assert problems == [f"{PATH}:1: no front matter: the file must start with a '---' line"]


def test_front_matter_without_a_closing_line_is_reported() -> None:
    _, problems = parse("---\nname: Mira Murati\nBody\n")
    assert problems == [f"{PATH}:1: front matter is not closed by a '---' line"]


def test_an_alias_bomb_is_stopped_on_the_field_that_expands() -> None:
    tens = ",".join(["*a"] * 10)
    text = ("a: &a [x,x,x,x,x,x,x,x,x,x]\n"
            f"b: &b [{tens}]\nc: &c [{tens.replace('a', 'b')}]\nd: &d [{tens.replace('a', 'c')}]\n"
            f"e: [{tens.replace('a', 'd')}]\n")
    with pytest.raises(YamlError) as caught:
        compose_yaml(text, 2)
    assert (caught.value.line, caught.value.field) == (6, "e")
    assert caught.value.message == "front matter is too large or expands too many aliases"


def test_read_doc_takes_the_slug_from_the_file_name_and_the_path_from_the_root(tmp_path: Path) -> None:
    path = tmp_path / "content" / "people" / "mira-murati.md"
    path.parent.mkdir(parents=True)
    path.write_text(PLAIN, encoding="utf-8")
    doc, problems = read_doc(tmp_path, "person", path)
    assert problems == []
    assert doc is not None
    assert (doc.slug, doc.path, doc.lines["name"]) == ("mira-murati", PATH, 2)


def test_discover_lists_content_by_kind_in_name_order_and_skips_hidden_files(tmp_path: Path) -> None:
    for rel in ("people/zoe.md", "people/adam.md", "people/.draft.md", "labs/openai.md", ".git/x"):
        (tmp_path / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / rel).write_text("---\n---\n", encoding="utf-8")
    found, problems = discover(tmp_path)
    assert problems == []
    assert [(kind, Path(p).relative_to(tmp_path).as_posix()) for kind, p in found] == [
        ("lab", "content/labs/openai.md"), ("person", "content/people/adam.md"),
        ("person", "content/people/zoe.md")]


def _http_url_by_urlsplit(text: str) -> bool:
    """The rule `schema.is_http_url` keeps, said the slow way."""
    import re
    from urllib.parse import urlsplit

    if re.search(r"\s", text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


URL_PIECES = ["http", "https", "HTTP", "ftp", "javascript:", ":", "//", "/", "a", "x.org", "-", ".", "[::1]", "@",
              "user:pw@", ":80", ":99999", ":x", "?q=1", "#f", " ", "\t", "\x00", "é", "%20", "_", "~"]


@settings(max_examples=examples(500))
@given(st.lists(st.sampled_from(URL_PIECES), max_size=10).map("".join))
def test_the_quick_test_of_an_http_url_says_what_urlsplit_says(text: str) -> None:
    from revdoor.content.schema import is_http_url

    assert is_http_url(text) == _http_url_by_urlsplit(text)


def test_plain_addresses_are_http_urls_and_others_are_not() -> None:
    from revdoor.content.schema import is_http_url

    assert [is_http_url(u) for u in ("https://www.wired.com/story/x_y/?a=1#b", "HTTP://X.ORG", "http://x.org:8080",
                                     "https://user@x.org/", "javascript:alert(1)", "https:///x", "http://x .org")] \
        == [True, True, True, True, False, False, False]
