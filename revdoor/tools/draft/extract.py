"""An article into the moves it reports, once each: what sentences say (`read`), put together.

The same move is often told twice (the title, then the body; "trois ingénieurs de Google DeepMind", then
their names), and an earlier stint in passing ("ancien vice-président d'OpenAI") is often the origin of the move
told beside it. Moves whose people are the same or one a part of the other, and whose labs do not disagree,
are one move, with the labs, the date words and the status words each brought; a denial wins over the report
it denies. An unnamed group of N people becomes the N people named with the same destination.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...common.problems import Problem, error
from ...content.load import read_doc
from ...content.schema import validate
from .context import Context, Move, topic
from .names import Profile, Reader
from .read import read
from .text import Parser, sentences


@dataclass(frozen=True)
class ArticleText:
    slug: str
    path: str  # relative to the site, as problems name it
    title: str
    title_line: int
    date: dt.date
    lang: str
    body: str
    body_line: int


def read_article(root: Path, path: Path, default_lang: str = "en") -> tuple[ArticleText | None, list[Problem]]:
    """The article at `path` (inside `root`'s content/articles/), validated as `check` would."""
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    if not path.is_file():
        return None, [error(rel, 1, None, "cannot read the article: no such file")]
    if path.resolve().parent != (root / "content" / "articles").resolve() or path.suffix != ".md":
        return None, [error(rel, 1, None, "is not an article of the site",
                            f"draft reads files of {root / 'content' / 'articles'}, whose slug its events cite")]
    doc, problems = read_doc(root.resolve(), "article", path.resolve())
    if doc is None:
        return None, problems
    values, more = validate(doc, default_lang)
    problems += more
    if "date" not in values or "title" not in values:
        return None, problems
    return ArticleText(doc.slug, doc.path, str(values["title"]), doc.line("title"), values["date"],
                       str(values.get("lang", default_lang)), doc.body, doc.body_line), problems


def propose(article: ArticleText, profiles: Sequence[Profile], parser: Parser | None = None) -> list[Move]:
    """The moves the article reports, merged, in the order it first tells them."""
    lang = "fr" if article.lang.split("-")[0] == "fr" else "en"
    reader = Reader.of(profiles)
    text = article.title + "\n\n" + article.body
    ctx = Context(reader, lang, article.date, text)
    moves: list[Move] = []
    for s in sentences(text, article.body_line - 2, parser if lang == "fr" else None):
        if s.line < article.body_line:
            s = dataclasses.replace(s, line=article.title_line)
        moves += read(s, ctx)
    return merge(_posted(moves, ctx))


def _posted(moves: Sequence[Move], ctx: Context) -> list[Move]:
    """An appointment that names no lab ("Mark Chen named SVP of research") is at the lab the article is
    about, the one it names most; with no lab named at all, it is no move."""
    about = topic(ctx)
    return [dataclasses.replace(m, to=about) if m.type == "role-change" and m.to is None else m
            for m in moves if m.type != "role-change" or m.to is not None or about is not None]


def merge(moves: Sequence[Move]) -> list[Move]:
    out: list[Move] = []
    for m in _named_groups(moves):
        for k, kept in enumerate(out):
            both = combine(kept, m)
            if both is not None:
                out[k] = both
                break
        else:
            out.append(m)
    return out


def _named_groups(moves: Sequence[Move]) -> list[Move]:
    """ "trois ingénieurs de Google DeepMind" + "Beyer, Kolesnikov et Zhai rejoindraient OpenAI": one move."""
    out = list(moves)
    for k, m in enumerate(out):
        if m.unnamed is None or m.count is None:
            continue
        for j, named in enumerate(out):
            if len(named.people) == m.count and (named.to is not None and _same(named.to, m.to)):
                out[j] = dataclasses.replace(named, origin=named.origin or m.origin,
                                             type="move" if (named.origin or m.origin) and named.to else named.type)
                out[k] = dataclasses.replace(m, unnamed=None, people=named.people)
                break
    return out


def _same(a: object, b: object) -> bool:
    return a is not None and b is not None and (getattr(a, "name", a) == getattr(b, "name", b))


def _key(m: Move) -> frozenset[str]:
    return frozenset(p.name for p in m.people)


def combine(a: Move, b: Move) -> Move | None:
    """One move from two tellings of it, or None when they are not the same move."""
    pa, pb = _key(a), _key(b)
    if pa and pb:
        if not (pa <= pb or pb <= pa):
            return None
    elif pa or pb or ((a.unnamed, a.count) != (b.unnamed, b.count) and (
            a.type, _name(a.origin), _name(a.to), a.count, a.status) != (
            b.type, _name(b.origin), _name(b.to), b.count, b.status)):
        return None  # unnamed: the same group told again, or the same move of a group of the same kind
    origin = a.origin or b.origin
    to = a.to or b.to
    if (a.origin and b.origin and a.origin.name != b.origin.name) or (a.to and b.to and a.to.name != b.to.name):
        return None
    if origin is not None and to is not None and origin.name == to.name:
        return None
    types = {a.type, b.type}
    if a.stint != b.stint and a.line != b.line and (a.origin is None or b.origin is None) and "founding" not in types:
        return None  # an earlier stint told in passing is the origin of a move told in the same sentence only
    if "founding" in types and types - {"founding", "departure"}:
        return None
    if "role-change" in types and types - {"role-change", "arrival"}:
        return None
    if "founding" in types and "departure" in types and (a.to is None) == (b.to is None) and a.type == b.type:
        return None
    first, second = (a, b) if not a.stint or b.stint else (b, a)
    kind = first.type
    if "founding" in types:
        kind = "founding"
    elif "role-change" in types:
        kind = "role-change"
    elif origin is not None and to is not None:
        kind = "move"
    status, words = first.status, first.status_words
    if second.status == "denied" or (not words and second.status_words):
        status, words = second.status, second.status_words
    date, date_words = first.date, first.date_words
    if status == "denied":  # dated by the denial's own telling: the month it was said
        denied = first if first.status == "denied" else second
        date, date_words = denied.date, denied.date_words
    elif a.line == b.line and a.type != b.type and "role-change" in types:  # "who joined OpenAI in 2018, was
        posted = a if a.type == "role-change" else b  # named SVP": the appointment's date, not the arrival's
        date, date_words = posted.date, posted.date_words
    elif second.date_words and (not date_words or (first.date_said and _later(second.date, first.date))):
        date, date_words = second.date, second.date_words  # "annoncé jeudi" ... "rejoint X le mois prochain"
    people = a.people if len(pa) >= len(pb) else b.people
    return dataclasses.replace(first, people=people, type=kind, origin=origin if kind != "role-change" else None,
                               to=to, role=first.role or second.role, from_role=first.from_role or second.from_role,
                               date=date, date_words=date_words, status=status, status_words=words,
                               stint=a.stint and b.stint, date_said=date_words == first.date_words and first.date_said)


def _later(a: str, b: str) -> bool:
    """Date `a` starts after date `b` ends: "2026-05" after "2026-04-16"; never a `before` date."""
    if a.startswith("before") or b.startswith("before"):
        return False
    n = min(len(a), len(b))
    return a[:n] > b[:n]


def _name(m: object) -> str | None:
    return getattr(m, "name", None)
