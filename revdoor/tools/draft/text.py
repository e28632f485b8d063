"""An article's text as sentences of tokens, each token with its place in the file (for `path:line`).

Tokens are made by rules, the same in both languages, so that `check --coverage` reads articles without
spaCy: "d'OpenAI" is `d'` + `OpenAI`, "Inflection's" is `Inflection` + `'s`, "ex-OpenAI" is `ex-` +
`OpenAI`, "Character.AI" and "vice-président" stay whole. When a parser is given (spaCy's French pipeline,
`draft` only), its sentence token gets the parser's part of speech and lemma. The parser's sentence
boundaries are not used: on the press's French, spaCy's small pipeline cuts "de son rival Google | DeepMind"
and "le Financial | Times".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ...common.names import fold

_TOKEN = re.compile(
    r"(?:[ldjmnstcLDJMNSTC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=\w)"  # French elision
    r"|[Aa]ujourd['’]hui"
    r"|['’]s\b"  # English possessive
    r"|[Ee]x-(?=[A-Z])"  # "ex-OpenAI": a former stint, the lab a name of its own
    r"|\d+(?:[.,]\d+)*"  # numbers, 2,7 or 14.3
    r"|\w+(?:[-.&]\w+)*"  # words, Character.AI, co-fondateur
    r"|[^\w\s]", re.UNICODE)
# Between sentences: an end mark, spaces, then what starts a sentence. A blank line always ends one.
_BOUNDARY = re.compile(r"(?<=[.!?…»\"”])\s+(?=[«\"“A-ZÀ-ÖØ-Þ0-9])|\n\s*\n")
_ABBREVIATIONS = re.compile(r"(?:\b[A-WYZ]|\bM|\bMme|\bDr|\bInc|\bCo|\bLtd|\bSt|\bvs|\bU\.S|\bp|\bMr|\bMrs|\bMs)\.$")


class Token(NamedTuple):
    """A NamedTuple, not a frozen dataclass: as immutable, and three times quicker to make, which counts when
    `check --coverage` reads every article no event cites."""

    text: str
    start: int  # offset in the article's text
    word: str  # folded: lowercase ASCII, the elision's apostrophe dropped ("d'" -> "d")
    pos: str = ""  # the parser's part of speech (VERB, NOUN, PROPN...), "" without a parser
    lemma: str = ""
    dep: str = ""  # the parser's relation to its head (nsubj, obj, obl:agent...), "" without a parser
    head: int = -1  # the start offset of its head


@dataclass(frozen=True)
class Sentence:
    text: str  # as written, on one line
    line: int  # the line of the file it starts on
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Parsed:
    """What a parser says of one token: found by the token's start offset."""

    pos: str
    lemma: str
    dep: str = ""
    head: int = -1


Parser = Callable[[str], dict[int, Parsed]]  # text -> what it says of each token, by start offset


def tokenize(text: str, offset: int = 0) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        word = fold(raw).rstrip("'’").replace("’", "'")
        out.append(Token(raw, offset + m.start(), word))
    return out


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, by rules: an end mark followed by a capital, not after "M." or "Inc."."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if _ABBREVIATIONS.search(text[start:m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def sentences(text: str, first_line: int, parser: Parser | None = None) -> list[Sentence]:
    """The sentences of `text`, whose first line is line `first_line` of its file."""
    tokens = tokenize(text)
    spans = split(text)
    parsed: dict[int, Parsed] = {}
    if parser is not None:
        parsed = parser(text)
        tokens = [Token(t.text, t.start, t.word, parsed[t.start].pos, parsed[t.start].lemma, parsed[t.start].dep,
                        parsed[t.start].head)
                  if t.start in parsed else t for t in tokens]
    out = []
    i = 0
    for a, b in spans:
        mine = []
        while i < len(tokens) and tokens[i].start < b:
            if tokens[i].start >= a:
                mine.append(tokens[i])
            i += 1
        if mine:
            line = first_line + text.count("\n", 0, mine[0].start)
            out.append(Sentence(" ".join(text[a:b].split()), line, tuple(mine)))
    return out


def words(tokens: Sequence[Token]) -> list[str]:
    return [t.word for t in tokens]


def spacy_parser(nlp: object) -> Parser:
    """A Parser from a loaded spaCy pipeline (typed loosely: spaCy is an optional dependency)."""

    def parse(text: str) -> dict[int, Parsed]:
        doc = nlp(text)  # type: ignore[operator]
        return {t.idx: Parsed(t.pos_, fold(t.lemma_), t.dep_, t.head.idx) for t in doc}

    return parse
