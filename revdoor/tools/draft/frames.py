"""Frames: each trigger of a sentence with who moved and the labs around it (`moves` finds the parts).

Who moved: the people or group before the trigger, its subject; after it for a lab that hires ("OpenAI a
embauché X"), a noun ("le départ de X") or a passive ("fondée par X"); the one a relative clause is about
("under Alexandr Wang, ..., who is set to join Meta"), unless another subject follows the relative clause ("A, who
ran sales, has resigned, and B is joining Y": B). Triggers with the same movers make one frame ("est sur
le point de partir pour rejoindre OpenAI"), but a departure told after an arrival is a move of its own ("who
joined OpenAI from Meta last year, has also left the company").
"""

from __future__ import annotations

from collections.abc import Sequence

from .moves import NOUN_TRIGGERS, Frame, Who, after, before, companion, is_role, lab_list, marked
from .names import Mention
from .stints import Stint
from .text import Token
from .words import ANAPHORS, FIRING, FOLLOW, FOUND, HIRE, JOIN, LEAVE, NAME, NEW_ROLE, PRONOUNS, TO_MARKS

_NOT_MOVER_BEFORE = frozenset({"selon", "according", "par", "by", "under", "avec", "with", "de", "d", "du", "of",
                               "pour", "for", "'s", "against", "contre"})
_NOT_HIRER = frozenset({"with", "avec"})
_POST_MARKS = frozenset({"of", "at", "de", "d", "du", "chez"})
_DETERMINERS = frozenset({"des", "les", "le", "la", "l", "du", "de", "d", "the", "a", "an", "ses", "son", "sa", "leur",
                          "leurs", "his", "her", "its", "their"})
_SINCE = frozenset({"depuis", "for"})
_ROLE_LEAD = frozenset({"as", "comme", "to", "au", "a", "poste", "de", "the", "its", "his", "her", "son", "sa", "an",
                        "un", "une", "le", "la", "l", "new", "nouveau", "nouvelle", "nouveaux", "nouvelles"})
# Where a post's words end: a clause, a date, a lab's mark, a word of its own.
_ROLE_END = frozenset({",", ".", ";", ":", "(", "after", "apres", "on", "in", "en", "replacing", "succeeding",
                       "remplacant", "effective", "since", "depuis", "pour", "for", "and", "et", "who", "qui",
                       "from", "at", "chez", "with", "avec", "by", "par", "said", "a-t-il", "a-t-elle", "«", '"'})
_ROLE_TAIL = frozenset({"de", "d", "du", "des", "of", "the", "l", "la", "le", "at", "chez", "'s"})
_YEARS = frozenset({"ans", "years", "an", "year"})


def is_passive(tokens: Sequence[Token], i: int) -> bool:
    """ "fondée par X", "fondée en avril par X", "founded in 2022 by X"."""
    return any(t.word in ("par", "by") for t in tokens[i + 1:i + 4]) and tokens[i].word.endswith(("e", "es", "ed"))


def parsed_subject(tokens: Sequence[Token], i: int, who: Sequence[Who]) -> Who | None:
    """With a parser: the people or group that is the verb's subject (or a passive's agent), if the parse says so."""
    verb = tokens[i]
    if verb.pos != "VERB":
        return None
    heads = {verb.start}
    for t in tokens:  # "a décidé de rejoindre": the subject of the verb it depends on
        if t.start == verb.head and verb.dep in ("xcomp", "advcl") and t.pos == "VERB":
            heads.add(t.start)
    for k, t in enumerate(tokens):
        if t.head in heads and t.dep in ("nsubj", "obl:agent"):
            for w in who:
                if w.start <= k < w.end:
                    return w
    return None


def movers(tokens: Sequence[Token], i: int, kind: str, who: Sequence[Who]) -> Who | None:
    if kind != HIRE:
        parsed = parsed_subject(tokens, i, who)
        if parsed is not None:
            return parsed
    ahead = [w for w in who if w.start > i and tokens[w.start].word not in PRONOUNS]
    behind = [w for w in who if w.end <= i and not (
        w.people and w.start > 0 and tokens[w.start - 1].word in _NOT_MOVER_BEFORE) and not (
        w.start > 0 and companion(tokens, w.start))]  # "along with some of his team" comes along
    word = tokens[i].word
    passive = is_passive(tokens, i)
    relative = [w for w in who if w.end <= i and any(t.word in ("qui", "who") for t in tokens[w.end:i])]
    if relative and not passive and all(t.word not in (".", ";") for t in tokens[relative[-1].end:i]):
        rel = relative[-1]  # "under Alexandr Wang, the founder of Scale AI, who is set to join Meta"
        last = behind[-1] if behind else None
        later = last if last is not None and last.start > rel.end and tokens[last.start - 1].word in (
            ",", "and", "et", ":", ";") and not any(t.word in ("qui", "who") for t in tokens[last.end:i]) else None
        if later is None and (not behind or behind[-1].end <= rel.end or tokens[rel.end].word in (",", "qui", "who")):
            return rel  # unless a subject comes after the clause: "A, who ran X, has resigned, and B is joining Y"
    if kind == HIRE and passive and behind:
        return behind[-1]  # "X avait été recruté fin 2013 par Meta", "X was hired by Meta": X, hired
    opening = i == 0 or tokens[i - 1].word in ("«", '"', "“")  # "Arrivé de Google en 2021, Ruoming Pang ..."
    if (kind == HIRE or word in NOUN_TRIGGERS or passive or opening) and ahead and ahead[0].start - i <= 10:
        return ahead[0]
    if behind and not passive:
        return behind[-1]
    return ahead[0] if ahead and ahead[0].start - i <= 3 else None


def frames_of(tokens: Sequence[Token], found: Sequence[tuple[int, str]], who: Sequence[Who],
            labs: Sequence[Mention], stops: set[int], named_stints: dict[int, list[Stint]]) -> list[Frame]:
    """Triggers with their movers and labs. The labs of the movers' own roles ("X, ancien directeur chez
    Shopify") say where they come from, never where they go: they are left out of the search."""
    frames: list[Frame] = []
    mover_spans = {k for w in who for k in range(w.start, w.end)}
    everywhere = [m for m in labs if m.start not in mover_spans]
    for i in range(1, len(tokens) - 2):  # "chez Microsoft depuis dix ans": an arrival, dated by its words
        if tokens[i].word in _SINCE and tokens[i + 2].word in _YEARS:
            lab = before(everywhere, i)
            w = movers(tokens, i, JOIN, who)
            if lab is not None and lab.end == i and w is not None:
                frames.append(Frame(w, [(i, JOIN)], [(lab, JOIN)]))
    for i, kind in found:
        w = movers(tokens, i, kind, who)
        if w is None:
            continue
        own = {s.lab.start for s in named_stints.get(w.start, [])}
        free = [m for m in everywhere if m.start not in own]
        joined_before = frames and any(k in (JOIN, HIRE) for _, k in frames[-1].triggers)
        joined = [m for m, k in frames[-1].to if k in (JOIN, HIRE)] if joined_before and frames[-1].who == w else []
        named_before = frames and any(k == NAME for _, k in frames[-1].triggers)
        # "who joined OpenAI in 2018, was named SVP": two moves, told apart; "a rejoint OpenAI comme nouveau CTO": one
        told_apart = bool(frames) and (kind == NAME) != bool(named_before) and any(
            t.word == "," for t in tokens[frames[-1].triggers[-1][0]:i])
        if frames and frames[-1].who == w and not (kind == LEAVE and joined_before) and not told_apart:
            frame = frames[-1]
        else:
            frame = Frame(w)
            frames.append(frame)
        frame.triggers.append((i, kind))
        passive = is_passive(tokens, i)
        start = i + 1
        known = [m for m, _ in frame.to]
        if kind in (JOIN, FOUND, NAME):
            lab = before(free, i) if passive else after(free, start, 8, stops - {i})
            if lab is None and tokens[i].word in NOUN_TRIGGERS:  # "OpenAI ... avec l'arrivée de X"
                lab = before(free, i)
            if lab is not None and _marked_from(tokens, lab, kind, i):
                frame.origin = frame.origin or lab  # "Arrivé de Google en 2021"
            elif lab is not None and lab not in known:
                frame.to += [(m, kind) for m in lab_list(free, tokens, lab) if m not in known]
                origin = after(free, lab.end, 6, stops, frozenset({"from"}), tokens)  # "joined X from Y"
                frame.origin = frame.origin or origin
            if kind == NAME:
                frame.role = frame.role or _role(tokens, i, {m.start for m in labs})
                if lab is None and not frame.to:  # "OpenAI named X as its new chief scientist"; "X, who joined
                    subject = joined[0] if joined else before(free, w.start)  # OpenAI in 2018, was named SVP"
                    frame.to += [(subject, kind)] if subject is not None else []
        elif kind == HIRE:
            lab = after(free, start, 6, stops - {i}) if is_passive(tokens, i) and w.end <= i else before(
                [m for m in free if m.start == 0 or tokens[m.start - 1].word not in _NOT_HIRER], i)  # "hired by X"
            if lab is not None and lab not in known:
                frame.to.append((lab, kind))
            origin = after(free, max(start, w.end), 8, stops - {i}, frozenset({"de", "d", "du", "from"}), tokens)
            frame.origin = frame.origin or origin or w.origin
        elif kind == LEAVE:
            origin = after(free, start, 4, stops - {i}) or (  # "quitte le laboratoire parisien de Meta"
                after(free, start, 6, stops - {i}) if start + 1 < len(tokens) and tokens[start + 1].word in ANAPHORS
                else None)
            current = [s.lab for s in named_stints.get(w.start, []) if not s.former and not s.founder]
            if origin is not None and tokens[origin.end - 1].word in ANAPHORS and (joined or current):
                origin = (joined or current)[0]  # "X, who joined OpenAI from Meta, has also left the company":
                # OpenAI; "X, chief scientist at Anthropic who previously worked at OpenAI, is leaving the
                # company": Anthropic
            if origin is not None and not marked(tokens, origin.start, TO_MARKS):
                frame.origin = frame.origin or origin
            dest = after(free, start, 10, set(), TO_MARKS, tokens)
            if dest is not None and dest not in known and dest != frame.origin:
                frame.to.append((dest, JOIN))
            if frame.origin is None and origin is None:
                frame.origin = _left_post(tokens, i, free, w)
                if frame.origin is not None and frame.role is None:
                    frame.from_role = _role(tokens, i, {m.start for m in labs})
            if frame.origin is None and dest is None and joined and tokens[i].word not in NOUN_TRIGGERS and \
                    tokens[i - 1].word not in _DETERMINERS:  # "who joined OpenAI in 2023, left in May"; not
                frame.origin = joined[0]  # "rejoindre OpenAI, renforçant la liste des départs"
        elif kind == FOLLOW:
            frame.origin = frame.origin or w.origin
    return frames


def _left_post(tokens: Sequence[Token], i: int, labs: Sequence[Mention], w: Who) -> Mention | None:
    """Where a departure said by its post is from: "stepping down as chief executive of OpenAI", "resigned as
    CEO at X", "démissionne de son poste de directeur chez X"; and "OpenAI fired X", "X a été limogé par
    OpenAI": the lab that fires."""
    k = i + 1 + (1 if i + 1 < len(tokens) and tokens[i + 1].word == "down" else 0)
    if k < len(tokens) and tokens[k].word in ("as", "comme", "de", "from"):
        lab = after(labs, k, 10, set(), _POST_MARKS, tokens)
        if lab is not None and all(t.word not in (",", ".", ";") for t in tokens[k:lab.start]):
            return lab
    if tokens[i].word.startswith(FIRING):
        if w.start > i:  # "OpenAI fired X"
            return before(labs, i)
        return after(labs, i + 1, 3, set(), frozenset({"par", "by"}), tokens)  # "limogé par OpenAI"
    return None


def _marked_from(tokens: Sequence[Token], lab: Mention, kind: str, i: int) -> bool:
    """ "Arrivé de Google", "joined from Meta": where they came from, not where they went ("rejoindre l'équipe
    de X" is not: only "de" right after the verb says it)."""
    before_lab = tokens[lab.start - 1].word if lab.start else ""
    return kind == JOIN and (before_lab == "from" or (before_lab in ("de", "d", "du") and lab.start - 1 == i + 1))


def _role(tokens: Sequence[Token], i: int, lab_starts: set[int]) -> str | None:
    """The post an appointment gives: right after its verb ("named chief scientist", "nommée directrice de la
    recherche", "promoted to SVP of research", "became its new CEO"), else after "comme", "as" or "new"
    further on ("named X as its new chief")."""
    k = i + 1
    while k < len(tokens) and k - i < 6 and not is_role(tokens[k]) and (
            tokens[k].word in _ROLE_LEAD or tokens[k].word == "'s" or tokens[k].text[:1].isupper()):
        k += 1  # "became OpenAI's chief scientist"
    if k < len(tokens) and is_role(tokens[k]):
        return _role_text(tokens, k, lab_starts)
    marks = ("comme", "as", "nouveau", "nouvelle", "new", "poste") + (
        ("to",) if tokens[i].word.startswith(("promot", "elevat")) else ())  # "promoted X to chief scientist"
    for k in range(i, min(len(tokens), i + 12)):
        if tokens[k].word in marks:
            while k + 1 < len(tokens) and tokens[k + 1].word in _ROLE_LEAD:
                k += 1
            return _role_text(tokens, k + 1, lab_starts)
    return None


def _role_text(tokens: Sequence[Token], k: int, lab_starts: set[int]) -> str | None:
    """A post's words from token k: up to a lab ("chief scientist of OpenAI"), a clause or a date, at most
    eight words ("SVP of research", "directrice de la recherche")."""
    end = k
    while end < len(tokens) and end - k < 8 and end not in lab_starts and tokens[end].word not in _ROLE_END \
            and not tokens[end].word.isdigit():
        end += 1
    while end > k and tokens[end - 1].word in _ROLE_TAIL:
        end -= 1
    role = " ".join(t.text for t in tokens[k:end] if t.word not in NEW_ROLE - {"interim"})
    return role.replace("' ", "'") or None
