"""`check --coverage`: the moves articles tell that no event records, as notices.

For each article that no event cites, each sentence that names a person (with a profile or not) and has a verb
or noun of moving is a notice: `content/articles/x.md:12: moves: 'Vallone … a rejoint Anthropic' is not
recorded; `build.py draft` can propose it`. Rules only (the same tokens, names and words as `draft`, without
spaCy), so that it runs wherever `check` runs and within its time. Notices are not problems: they never fail a
build or a check, not even under `--strict`, and `--format github` shows them as notices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...content.load import read_doc
from ...modelling.model import Model
from .moves import triggers
from .names import PERSON, Mention, Profile, Reader, directory, index_of
from .text import Sentence, Token, sentences


@dataclass(frozen=True)
class Notice:
    path: str
    line: int
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}: moves: {self.message}"

    def github(self) -> str:
        message = self.message.replace("%", "%25").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        return f"::notice file={path},line={self.line},title=moves::{message}"


def profiles(model: Model) -> tuple[Profile, ...]:
    return directory(((p.slug, p.name, p.aliases) for p in model.people.values()),
                     ((lab.slug, lab.name, lab.aliases) for lab in model.labs.values()))


def notices(root: Path, model: Model) -> list[Notice]:
    cited = {s.article for e in model.events.values() for s in e.sources if s.article}
    known = index_of(profiles(model))
    out: list[Notice] = []
    for slug in sorted(set(model.articles) - cited):
        article = model.articles[slug]
        doc, _ = read_doc(root.resolve(), "article", (root / article.path).resolve())
        if doc is None:
            continue
        lang = "fr" if article.lang.split("-")[0] == "fr" else "en"
        reader = Reader(known)  # what this article has named: its own
        for s in sentences(doc.body, doc.body_line):
            excerpt = uncovered(s, reader, lang, doc.body)
            if excerpt is not None:
                out.append(Notice(article.path, s.line,
                                  f"'{excerpt}' is not recorded; `build.py draft` can propose it"))
    return out


def uncovered(s: Sentence, reader: Reader, lang: str, text: str) -> str | None:
    """ "Vallone … a rejoint Anthropic": the person, then the words of moving, when the sentence has both."""
    people = [m for m in reader.mentions(s.tokens) if m.kind == PERSON]  # every sentence: surnames come later
    found = triggers(s.tokens, lang) if people else []
    if not found:
        return None
    at, _ = found[0]
    person = min(people, key=lambda m: abs(m.start - at))
    return _quote(s, person, at, text)


def _quote(s: Sentence, person: Mention, at: int, text: str) -> str:
    """The person and the words of moving, whole when they are close, else joined by an ellipsis."""
    tokens = s.tokens
    first = at
    if first > 0 and tokens[first - 1].word in ("a", "ont", "est", "sont", "has", "have", "had", "was"):
        first -= 1  # "a rejoint", "has left"
    last = min(len(tokens), at + 3)
    low, high = min(first, person.start), max(last, person.end)
    if high - low <= 8:
        return _span(text, tokens[low:high])
    name, words = _span(text, tokens[person.start:person.end]), _span(text, tokens[first:last])
    return f"{name} … {words}" if person.start < first else f"{words} … {name}"


def _span(text: str, tokens: Sequence[Token]) -> str:
    first, last = tokens[0], tokens[-1]
    return " ".join(text[first.start:last.start + len(last.text)].split())
