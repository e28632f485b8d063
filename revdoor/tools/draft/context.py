"""What an article has said so far, for the sentences after it: the labs and people it named (for "il", "the
company", "these researchers"), the lab it is about (`topic`), and where the last departure was from; and
`Move`, what a sentence reports.

"L'entreprise" and "the company" are the lab the sentence named last, else the article's topic; "il" and "she"
the person the sentence named last, else the subject of the sentence before; "le chercheur", "the executive"
(a definite person noun with no name after it) the subject of the sentences before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from .moves import Who, before
from .names import LAB, PERSON, Mention, Reader
from .text import Token
from .words import ANAPHORS, NEAR_ANAPHORS, PERSON_NOUNS, PRONOUNS, STOPWORDS, trigger_kind


@dataclass(frozen=True)
class Move:
    """A move one sentence reports."""

    people: tuple[Mention, ...]
    unnamed: str | None
    count: int | None
    type: str
    origin: Mention | None
    to: Mention | None
    role: str | None
    from_role: str | None
    date: str
    date_words: str
    status: str
    status_words: str
    line: int
    evidence: str
    stint: bool = False  # an earlier stint, told in passing
    date_said: bool = False  # dated by the day it was said ("a annoncé jeudi"), not by words of its own


@dataclass
class Context:
    """What the article has said so far: the last lab and person named, the last group of names."""

    reader: Reader
    lang: str
    date: dt.date
    text: str
    last_lab: Mention | None = None
    last_person: Mention | None = None
    last_people: tuple[Mention, ...] = ()
    last_group: Who | None = None
    subject: Mention | None = None  # the first person the last sentence named
    last_origin: Mention | None = None  # where the last departure told was from: "X is also leaving"
    last_to: Mention | None = None  # where the last move told went: "are joining them", "pourraient le suivre"
    labs_seen: list[Mention] = field(default_factory=list)


def references(tokens: Sequence[Token], ctx: Context) -> list[Mention]:
    """Names, plus "l'entreprise" and "the company" as the lab named last, "il" and "she" as the person."""
    found = ctx.reader.mentions(tokens)
    taken = {i for m in found for i in range(m.start, m.end)}
    extra = []
    for k, t in enumerate(tokens):
        if k in taken or (k == 0 and t.word not in PRONOUNS):
            continue
        prev = tokens[k - 1].word if k else ""
        if (t.word in ANAPHORS or t.word in NEAR_ANAPHORS) and prev in ("l", "la", "le", "the", "son", "sa"):
            if named_after(tokens, k, found, ctx.lang):
                continue
            lab = before([m for m in found if m.kind == LAB], k - 1) or (
                topic(ctx) if t.word in ANAPHORS else None)
            if lab is not None:
                extra.append(Mention(LAB, lab.name, lab.slug, k - 1, k + 1))
        elif t.word in PERSON_NOUNS and prev in ("le", "la", "l", "the", "du") and not (
                k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper()):  # "le chercheur", not "le chercheur X"
            person = ctx.subject or ctx.last_person
            if person is not None and not any(m.kind == PERSON and m.end <= k for m in found):
                extra.append(Mention(PERSON, person.name, person.slug, k - 1, k + 1))
        elif t.word in PRONOUNS:
            nxt = tokens[k + 1].word if k + 1 < len(tokens) else ""
            earlier = [m for m in found if m.kind == PERSON and m.end <= k]
            person = earlier[-1] if earlier else ctx.subject or ctx.last_person  # "He" continues the subject
            if person is not None and nxt not in ("y", "s", "faut", "est", "is", "said", "wrote", "a-t-il"):
                extra.append(Mention(PERSON, person.name, person.slug, k, k + 1))
    return sorted([*found, *extra], key=lambda m: m.start)


def named_after(tokens: Sequence[Token], k: int, found: Sequence[Mention], lang: str) -> bool:
    """ "la start-up nantaise Boréal Analytics", "le laboratoire parisien de Meta", "the Paris lab of Meta":
    the noun is set beside the lab's name, it stands for no other lab; only adjectives and "de" between them
    ("quitte l'entreprise pour rejoindre Meta" leaves another lab)."""
    lab = next((m for m in found if m.kind == LAB and k < m.start <= k + 3), None)
    return lab is not None and all(
        t.word in ("de", "d", "du", "of") or (t.word.isalpha() and t.text.islower() and t.word not in STOPWORDS
                                                and trigger_kind(t.word, lang) is None)
        for t in tokens[k + 1:lab.start])


def topic(ctx: Context) -> Mention | None:
    """The lab an article is about: the one it has named most so far, the first named on a tie. "The
    company" in a sentence naming no lab is more often the article's subject than the last lab named."""
    if not ctx.labs_seen:
        return None
    counts: dict[str, int] = {}
    for m in ctx.labs_seen:
        counts[m.name] = counts.get(m.name, 0) + 1
    top = max(counts.values())
    return next(m for m in ctx.labs_seen if counts[m.name] == top)


def remember(ctx: Context, mentions: Sequence[Mention], who: Sequence[Who]) -> None:
    """After a sentence: who and which labs it named, for the next sentences' pronouns and anaphors."""
    people = [m for m in mentions if m.kind == PERSON]
    if people:
        ctx.subject = people[0]
    for m in mentions:
        if m.kind == LAB:
            ctx.last_lab = m
        else:
            ctx.last_person = m
    named = [w.people for w in who if len(w.people) > 1]
    if named:
        ctx.last_people = named[-1]
    unnamed = [w for w in who if w.unnamed is not None]
    if unnamed:
        ctx.last_group = unnamed[-1]
    ctx.labs_seen += [m for m in mentions if m.kind == LAB]
