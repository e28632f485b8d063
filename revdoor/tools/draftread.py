"""One sentence into moves: frames (`draftmoves`) given a type, a status and a date.

How sure: a denial governs what follows it ("denied a report that X was leaving"), not what comes before it
("a confirmé leur arrivée, tout en démentant avoir reçu une prime"); a modal governs the verb right after it
("devraient prochainement rejoindre", "in talks to hire"); "aurait", "selon", "reportedly" say the press
reports it; "a annoncé", "confirmed" that the lab or the person did. When: the date words nearest the verb,
else, for a move told in the past ("a quitté", "left") or a stint ("ancien vice-président"), `before` the
article's date, and for one told in the present or future, the article's month.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import draftdates
from .draftmoves import (
    NOUN_TRIGGERS,
    Frame,
    Stint,
    Who,
    after,
    before,
    groups,
    lab_list,
    people_runs,
    stints,
    triggers,
)
from .draftnames import LAB, PERSON, Mention, Reader
from .drafttext import Sentence, Token
from .draftwords import (
    ANAPHORS,
    CONFIRMED,
    DENIALS,
    FOLLOW,
    FOUND,
    HIRE,
    JOIN,
    LEAVE,
    NAME,
    PRONOUNS,
    REPORTED,
    RUMOURS,
    TO_MARKS,
    any_match,
)

_AUX = frozenset({"a", "ont", "avait", "avaient", "est", "sont", "etait", "etaient", "aurait", "auraient", "ete",
                  "has", "have", "had", "was", "were", "avoir"})
_PARTICIPLE = ("e", "es", "ee", "ees", "i", "is", "it", "u", "us")
_EN_PAST = frozenset({"left", "quit", "joined", "hired", "founded", "co-founded", "named", "poached", "started"})
_NOT_MOVER_BEFORE = frozenset({"selon", "according", "par", "by", "under", "avec", "with", "de", "d", "du", "of",
                               "pour", "for", "'s"})
_INCLUDING = frozenset({"dont", "notamment", "including", "among", "parmi", "like", "comme"})
_WITH = frozenset({"avec", "with"})
_SINCE = frozenset({"depuis", "for"})
_YEARS = frozenset({"ans", "years", "an", "year"})


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
    seen: list[Move] = field(default_factory=list)


def references(tokens: Sequence[Token], ctx: Context) -> list[Mention]:
    """Names, plus "l'entreprise" and "the company" as the lab named last, "il" and "she" as the person."""
    found = ctx.reader.mentions(tokens)
    taken = {i for m in found for i in range(m.start, m.end)}
    extra = []
    for k, t in enumerate(tokens):
        if k in taken or (k == 0 and t.word not in PRONOUNS):
            continue
        prev = tokens[k - 1].word if k else ""
        if t.word in ANAPHORS and prev in ("l", "la", "le", "the", "son", "sa"):
            lab = before([m for m in found if m.kind == LAB], k - 1) or ctx.last_lab
            if lab is not None:
                extra.append(Mention(LAB, lab.name, lab.slug, k - 1, k + 1))
        elif t.word in PRONOUNS:
            nxt = tokens[k + 1].word if k + 1 < len(tokens) else ""
            earlier = [m for m in found if m.kind == PERSON and m.end <= k]
            person = earlier[-1] if earlier else ctx.last_person
            if person is not None and nxt not in ("y", "s", "faut", "est", "is", "said", "wrote", "a-t-il"):
                extra.append(Mention(PERSON, person.name, person.slug, k, k + 1))
    return sorted([*found, *extra], key=lambda m: m.start)


def read(sentence: Sentence, ctx: Context) -> list[Move]:
    tokens = sentence.tokens
    mentions = references(tokens, ctx)
    labs = [m for m in mentions if m.kind == LAB]
    found = triggers(tokens, ctx.lang)
    stops = {i for i, _ in found}
    who = people_runs(mentions, tokens, stops) + groups(tokens, mentions, ctx.last_lab, ctx.last_people, ctx.text)
    who.sort(key=lambda w: w.start)
    named_stints = {w.start: stints(tokens, w, labs, stops) for w in who if w.people}
    frames = _frames(tokens, found, who, labs, stops, named_stints)
    moves: list[Move] = []
    whens = draftdates.find(tokens, ctx.date)
    for frame in frames:
        named = _named_members(tokens, frame.who, who)
        told = _moves(frame, tokens, sentence, ctx, whens, named_stints.get(frame.who.start, []), named is not None)
        moves += told
        for other in who:  # "avec la plupart des employés de la startup": they moved too
            lead = [t.word for t in tokens[max(0, other.start - 3):other.start]]
            if other.start > frame.who.end and any(w in _WITH for w in lead[-2:]) and other != frame.who:
                moves += [dataclasses.replace(m, people=other.people, unnamed=other.unnamed, count=other.count,
                                              origin=m.origin or other.origin) for m in told]
        if named is not None:  # "d'autres employés d'OpenAI ..., dont Luke Metz": Metz too
            moves += [dataclasses.replace(m, people=named.people, unnamed=None, count=None) for m in told]
    for w in who:
        for s in named_stints.get(w.start, []):
            if s.former or s.founder:
                kind = "founding" if s.founder else "departure"
                for p in w.people:
                    moves.append(Move((p,), None, None, kind, None if s.founder else s.lab,
                                      s.lab if s.founder else None, s.role if s.founder else None,
                                      None if s.founder else s.role, f"before {ctx.date.isoformat()}", "",
                                      "reported", "", sentence.line, sentence.text, stint=True))
    _remember(ctx, mentions, who)
    return moves


def _named_members(tokens: Sequence[Token], group: Who, who: Sequence[Who]) -> Who | None:
    if group.unnamed is None:
        return None
    for w in who:
        if w.people and w.start > group.end:
            k = w.start - 1
            if k >= 0 and tokens[k].word in _INCLUDING:
                return w
    return None


def _remember(ctx: Context, mentions: Sequence[Mention], who: Sequence[Who]) -> None:
    for m in mentions:
        if m.kind == LAB:
            ctx.last_lab = m
        else:
            ctx.last_person = m
    named = [w.people for w in who if len(w.people) > 1]
    if named:
        ctx.last_people = named[-1]


def _movers(tokens: Sequence[Token], i: int, kind: str, who: Sequence[Who]) -> Who | None:
    ahead = [w for w in who if w.start > i and tokens[w.start].word not in PRONOUNS]
    behind = [w for w in who if w.end <= i and not (
        w.people and w.start > 0 and tokens[w.start - 1].word in _NOT_MOVER_BEFORE)]
    word = tokens[i].word
    passive = i + 1 < len(tokens) and tokens[i + 1].word in ("par", "by")
    if (kind == HIRE or word in NOUN_TRIGGERS or passive) and ahead and ahead[0].start - i <= 10:
        return ahead[0]
    if behind and not passive:
        return behind[-1]
    return ahead[0] if ahead and ahead[0].start - i <= 3 else None


def _frames(tokens: Sequence[Token], found: Sequence[tuple[int, str]], who: Sequence[Who],
            labs: Sequence[Mention], stops: set[int], named_stints: dict[int, list[Stint]]) -> list[Frame]:
    """Triggers with their movers and labs. The labs of the movers' own roles ("X, ancien directeur chez
    Shopify") say where they come from, never where they go: they are left out of the search."""
    frames: list[Frame] = []
    mover_spans = {k for w in who for k in range(w.start, w.end)}
    everywhere = [m for m in labs if m.start not in mover_spans]
    for i in range(1, len(tokens) - 2):  # "chez Microsoft depuis dix ans": an arrival, dated by its words
        if tokens[i].word in _SINCE and tokens[i + 2].word in _YEARS:
            lab = before(everywhere, i)
            w = _movers(tokens, i, JOIN, who)
            if lab is not None and lab.end == i and w is not None:
                frames.append(Frame(w, [(i, JOIN)], [(lab, JOIN)]))
    for i, kind in found:
        w = _movers(tokens, i, kind, who)
        if w is None:
            continue
        own = {s.lab.start for s in named_stints.get(w.start, [])}
        free = [m for m in everywhere if m.start not in own]
        if frames and frames[-1].who == w:
            frame = frames[-1]
        else:
            frame = Frame(w)
            frames.append(frame)
        frame.triggers.append((i, kind))
        passive = i + 1 < len(tokens) and tokens[i + 1].word in ("par", "by")
        start = i + 1
        known = [m for m, _ in frame.to]
        if kind in (JOIN, FOUND, NAME):
            lab = before(free, i) if passive else after(free, start, 8, stops - {i})
            if lab is None and tokens[i].word in NOUN_TRIGGERS:  # "OpenAI ... avec l'arrivée de X"
                lab = before(free, i)
            if lab is not None and lab not in known and not _marked_from(tokens, lab, kind):
                frame.to += [(m, kind) for m in lab_list(free, tokens, lab) if m not in known]
            if kind == NAME:
                frame.role = _role(tokens, i)
        elif kind == HIRE:
            lab = before(free, i)
            if lab is not None and lab not in known:
                frame.to.append((lab, kind))
            origin = after(free, max(start, w.end), 8, stops - {i}, frozenset({"de", "d", "du", "from"}), tokens)
            frame.origin = frame.origin or origin or w.origin
        elif kind == LEAVE:
            origin = after(free, start, 4, stops - {i})
            if origin is not None and tokens[origin.start - 1].word not in TO_MARKS:
                frame.origin = frame.origin or origin
            dest = after(free, start, 10, set(), TO_MARKS, tokens)
            if dest is not None and dest not in known and dest != frame.origin:
                frame.to.append((dest, JOIN))
        elif kind == FOLLOW:
            frame.origin = frame.origin or w.origin
    return frames


def _marked_from(tokens: Sequence[Token], lab: Mention, kind: str) -> bool:
    """'venu d'Inflection AI' after a join: where they came from, not where they went."""
    return (kind == JOIN and lab.start >= 2 and tokens[lab.start - 2].word in ("venu", "venue", "from")) or (
        lab.start >= 1 and tokens[lab.start - 1].word == "from")


def _role(tokens: Sequence[Token], i: int) -> str | None:
    words = [t.word for t in tokens]
    for k in range(i, min(len(tokens), i + 12)):
        if words[k] in ("comme", "as", "nouveau", "nouvelle", "new"):
            end = k + 1
            while end < len(tokens) and words[end] not in ("de", "d", "du", "of", "at", ",", "."):
                end += 1
            role = " ".join(t.text for t in tokens[k + 1:end] if t.word not in ("nouveau", "nouvelle", "new"))
            return role or None
    return None


def _status(tokens: Sequence[Token], first: int) -> tuple[str, str]:
    words = [t.word for t in tokens]
    for k in range(first):
        if any_match(words[k], DENIALS):
            return "denied", tokens[k].text
    for k in range(max(0, first - 6), first):
        w = words[k]
        if any_match(w, RUMOURS) and (w not in ("set", "expected") or words[k + 1] == "to") and w != "may":
            return "rumored", " ".join(t.text for t in tokens[k:k + 2]) if w == "in" else tokens[k].text
    text = " ".join(words)
    for phrase in ("sur le point de", "s apprete", "in talks"):
        if phrase in text:
            return ("rumored" if phrase == "in talks" else "reported"), phrase.replace("s apprete", "s'apprête")
    for k, w in enumerate(words):
        if any_match(w, CONFIRMED):
            return "confirmed", tokens[k].text
    for k, w in enumerate(words):
        if any_match(w, REPORTED):
            return "reported", tokens[k].text
    return "reported", ""


def _past(tokens: Sequence[Token], i: int, lang: str) -> bool:
    word = tokens[i].word
    if lang != "fr":
        prev = tokens[i - 1].word if i else ""
        return (word.endswith("ed") or word in _EN_PAST) and prev not in ("to", "will", "would", "be")
    aux_before = any(t.word in _AUX for t in tokens[max(0, i - 4):i])
    compound = any(  # "aurait payé ... pour ramener": the clause is in the past
        t.word in _AUX and tokens[k + 1].word.endswith(_PARTICIPLE) and len(tokens[k + 1].word) > 3
        for k, t in enumerate(tokens[max(0, i - 8):i - 1], start=max(0, i - 8)))
    passive = i + 1 < len(tokens) and tokens[i + 1].word == "par"  # "Thinking Machines Lab, fondée par X"
    return ((aux_before or passive) and word.endswith(_PARTICIPLE)) or compound or word.endswith(("ait", "aient"))


def _moves(frame: Frame, tokens: Sequence[Token], sentence: Sentence, ctx: Context,
           whens: Sequence[draftdates.When], own: Sequence[Stint], named_members: bool = False) -> list[Move]:
    kinds = {k for _, k in frame.triggers}
    first = frame.triggers[0][0]
    status, status_words = _status(tokens, first)
    near = min(whens, key=lambda w: abs(w.at - first), default=None)
    if near is not None:
        date, date_words = near.date, near.words
    elif any(_past(tokens, i, ctx.lang) for i, _ in frame.triggers):
        date, date_words = f"before {ctx.date.isoformat()}", ""
    else:
        date, date_words = f"{ctx.date.year:04d}-{ctx.date.month:02d}", ""
    ranked = sorted(own, key=lambda s: (s.former, s.founder))  # where they are now, then what they founded
    origin = frame.origin
    if origin is None and (kinds & {LEAVE, HIRE, FOLLOW}) and ranked:
        origin = ranked[0].lab
    if origin is None and FOLLOW in kinds:
        origin = ctx.last_lab
    if origin is None and FOUND not in kinds:
        origin = frame.who.origin  # "deux autres employés de Thinking Machines Lab devraient rejoindre"
    from_role = next((s.role for s in ranked if origin is not None and s.lab == origin and not s.founder), None)
    tos: list[tuple[Mention | None, str]] = [
        (m, k) for m, k in frame.to if origin is None or m.name != origin.name] or [(None, "")]
    out = []
    for to, found_by in tos:
        if found_by == FOUND and to is not None:
            kind = "founding"
        elif found_by == NAME and to is not None:
            kind = "role-change"
        elif to is not None and origin is not None:
            kind = "move"
        elif to is not None:
            kind = "arrival"
        elif origin is not None and (kinds & {LEAVE, FOLLOW}):
            kind = "departure"
        else:
            continue
        w = frame.who
        if w.unnamed is not None and w.count is None and w.origin is None and not named_members:
            continue  # "en attirant des chercheurs": nobody in particular
        out.append(Move(w.people, w.unnamed, w.count, kind, origin if kind != "role-change" else None, to,
                        frame.role, from_role, date, date_words, status, status_words, sentence.line,
                        sentence.text))
    return out
