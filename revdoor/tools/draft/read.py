"""One sentence into moves: its frames (`frames`) given a type, a status (`status`) and a date.

When: the date words of its verb (those after it, up to the next verb; before the first verb, the first's),
else, for a move told in the past ("a quitté", "left") or a stint ("ancien vice-président"), `before` the
article's date, and for one told in the present or future, the article's month; a denied move, the article's
month (a day nearby is the denial's). Stints set beside names become earlier moves of their own, a new post
("a new chief executive, X") an appointment; a return ("le retour de X chez OpenAI") tells of an earlier stay;
the people named among a group ("dont Luke Metz") move with it, and so does a group that comes along ("avec
une partie de son équipe"). A departure told without what is left ("were also stepping down") is from the lab
of the departure told before it, else from the article's topic.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ...common.names import fold
from .context import Context, Move, references, remember, topic
from .dates import MONTHS, WEEKDAYS, When
from .dates import find as find_dates
from .frames import frames_of
from .moves import (
    FROM_VERBS,
    Frame,
    Who,
    companion,
    groups,
    people_runs,
    triggers,
)
from .names import LAB, Mention
from .status import status_of, told_in_past
from .stints import Stint, stints
from .text import Sentence, Token
from .words import (
    ALSO,
    FOLLOW,
    FOUND,
    HIRE,
    JOIN,
    LEAVE,
    NAME,
)

_OFFICIALLY = frozenset({"officially", "officiellement"})  # what confirms a title, where "announced" does not
_LEAVE_ADVERBS = frozenset({"down", "also", "too", "egalement", "aussi", "recently", "recemment", "now", "then",
                            "ensuite", "alors", "finalement", "eventually", "officially", "officiellement",
                            "their", "his", "her", "ses", "leurs", "posts", "post", "fonctions", "roles", "role"})
_NO_OBJECT = frozenset({"in", "on", "en", "le", "as", "after", "apres", "to", "pour", "this", "last", "earlier",
                        "cette", "ce", "dans", "et", "and", "effective", "afin", "at", "from", "de"})
_INCLUDING = frozenset({"dont", "notamment", "including", "among", "parmi", "like", "comme"})
_RETURNS = ("retour", "retourn", "revien", "revenu", "return", "re-embauch", "reembauch", "rehire", "rejoined",
            "rejoins")  # not "rejoin": French "rejoindre" is to join


def read(sentence: Sentence, ctx: Context) -> list[Move]:
    tokens = sentence.tokens
    mentions = references(tokens, ctx)
    labs = [m for m in mentions if m.kind == LAB]
    found = triggers(tokens, ctx.lang)
    stops = {i for i, _ in found}
    who = people_runs(mentions, tokens, stops) + groups(tokens, mentions, ctx.last_lab, ctx.last_people, ctx.text,
                                                          ctx.last_group)
    who = _without_appositions(sorted(who, key=lambda w: w.start), tokens)
    named_stints = {w.start: stints(tokens, w, labs, stops) for w in who if w.people}
    frames = frames_of(tokens, found, who, labs, stops, named_stints)
    moves: list[Move] = []
    whens = find_dates(tokens, ctx.date)
    for frame in frames:
        named = _named_members(tokens, frame.who, who)
        told = _moves(frame, tokens, sentence, ctx, _dates_of(frame, frames, whens),
                      named_stints.get(frame.who.start, []), named is not None)
        moves += told
        for other in who:  # "avec la plupart des employés de la startup": they moved too
            if other.start > frame.who.end and companion(tokens, other.start) and other != frame.who:
                moves += [dataclasses.replace(m, people=other.people, unnamed=other.unnamed, count=other.count,
                                              origin=m.origin or other.origin, from_role=None,
                                              type="move" if m.type == "arrival" and other.origin else m.type)
                          for m in _with_verb(frame, told, other)]  # "X, along with some of its team, would join
                # Y": from its lab
        if named is not None:  # "d'autres employés d'OpenAI ..., dont Luke Metz": Metz too
            moves += [dataclasses.replace(m, people=named.people, unnamed=None, count=None) for m in told]
    for frame in frames:
        moves += _earlier_stay(frame, tokens, sentence, ctx)
    for w in who:
        for s in named_stints.get(w.start, []):
            if s.new:  # "under a new chief executive, Zach Brock": an appointment
                near = min(whens, key=lambda d: abs(d.at - w.start), default=None)
                date = near.date if near is not None else f"{ctx.date.year:04d}-{ctx.date.month:02d}"
                status, words = status_of(tokens, w.start)
                moves += [Move((p,), None, None, "role-change", None, s.lab, s.role, None, date,
                               near.words if near is not None else "", status, words, sentence.line,
                               sentence.text) for p in w.people]
            if s.former or s.founder:
                kind = "founding" if s.founder else "departure"
                status, words = status_of(tokens, s.lab.start)
                if status == "rumored" or (status == "confirmed" and fold(words) not in _OFFICIALLY):
                    status, words = "reported", ""  # a modal or "announced" governs a verb, not an earlier stint
                for p in w.people:
                    moves.append(Move((p,), None, None, kind, None if s.founder else s.lab,
                                      s.lab if s.founder else None, s.role if s.founder else None,
                                      None if s.founder else s.role, f"before {ctx.date.isoformat()}", "",
                                      status, words, sentence.line, sentence.text, stint=True))
    remember(ctx, mentions, who)
    origins = [m.origin for m in moves if m.origin is not None and not m.stint]
    ctx.last_origin = origins[-1] if origins else ctx.last_origin
    told = [m for m in moves if not m.stint and m.type != "role-change"]
    ctx.last_to = told[-1].to if told else ctx.last_to  # after a departure, nowhere to join them at
    return moves


def _without_appositions(who: list[Who], tokens: Sequence[Token]) -> list[Who]:
    """ "A and B, two senior researchers, also left": the group set beside the names is the same people."""
    out: list[Who] = []
    for w in who:
        prev = out[-1] if out else None
        if (prev is not None and prev.people and w.unnamed is not None and w.start == prev.end + 1
                and tokens[prev.end].word == "," and w.count in (None, len(prev.people))):
            continue
        out.append(w)
    return out


def _dates_of(frame: Frame, frames: Sequence[Frame], whens: Sequence[When]) -> list[When]:
    """The date words a frame may take: those whose verb is one of its own, the verb told last before them, else
    the first after them ("who joined OpenAI from Meta last year, has also left the company": "last year" dates
    the arrival, not the departure; "En mars, X a quitté Y": the departure)."""
    mine = {i for i, _ in frame.triggers}
    every = sorted({i for f in frames for i, _ in f.triggers})
    out = []
    for d in whens:
        earlier = [i for i in every if i < d.at]
        owner = earlier[-1] if earlier else next((i for i in every if i >= d.at), None)
        if owner in mine:
            out.append(d)
    return out


def _with_verb(frame: Frame, told: Sequence[Move], other: Who) -> list[Move]:
    """The moves a companion takes part in: those of the verb told last before "with" ("co-founded X in 2010,
    left Y in 2022 to start Z with W": W founds Z, not X), all of them when the verb comes after."""
    labs = [m for m, _ in frame.to if m.start < other.start]
    if not labs:
        return list(told)
    return [m for m in told if m.to is None or m.to.name == labs[-1].name]


def _date_of_verb(frame: Frame, whens: Sequence[When], to: Mention | None) -> When | None:
    """When one telling has a verb for each lab, each lab takes the date words nearest its verb, between the verbs
    before and after it: "co-founded X in 2010, and left Y in 2022 to start Z": Z 2022, X 2010."""
    verbs = [i for i, _ in frame.triggers]
    if to is None or len(verbs) < 2 or not any(i < to.start for i in verbs):
        return None
    own = max(i for i in verbs if i < to.start)
    low = max((i for i in verbs if i < own), default=-1)
    high = min((i for i in verbs if i > own), default=1 << 30)
    near = [w for w in whens if low < w.at < high]
    return min(near, key=lambda w: abs(w.at - own)) if near else None


_THEM = frozenset({"them", "him", "her"})


def _joins_them(tokens: Sequence[Token], frame: Frame) -> bool:
    """A verb of joining whose object is a pronoun for people: "are joining them", "les rejoindre" ("le
    rejoindre" may be a lab's pronoun). Following ("pourraient le suivre") is leaving with them, and says no more
    of where they go."""
    for i, kind in frame.triggers:
        prev = tokens[i - 1].word if i else ""
        nxt = tokens[i + 1].word if i + 1 < len(tokens) else ""
        if kind == JOIN and (nxt in _THEM or prev == "les"):
            return True
    return False


def _joins_it(tokens: Sequence[Token], frame: Frame) -> bool:
    """A verb of joining whose object is a pronoun for a lab: "l'ont rejointe", "la rejoignent", "l'a rejoint",
    "joined it"."""
    for i, kind in frame.triggers:
        if kind != JOIN:
            continue
        lead = [t.word for t in tokens[max(0, i - 2):i]]
        nxt = tokens[i + 1].word if i + 1 < len(tokens) else ""
        if lead[-1:] in (["l"], ["la"]) or (lead[:1] in (["l"], ["la"]) and lead[1:] in (["a"], ["ont"], ["avait"],
                                                                                          ["avaient"])):
            return True
        if nxt == "it":
            return True
    return False


def _no_object(tokens: Sequence[Token], frame: Frame) -> bool:
    """A departure told without what is left: "were also stepping down", "quittent également", "left in May",
    "is leaving to start a company" (not "left the board", "quitter le constructeur automobile")."""
    for i, kind in frame.triggers:
        if kind != LEAVE:
            continue
        k = i + 1
        while k < len(tokens) and tokens[k].word in _LEAVE_ADVERBS:
            k += 1
        if [t.word for t in tokens[k:k + 3]] in (["a", "la", "retraite"], ["into", "retirement"]):
            return True  # "son départ à la retraite": from where they are
        if k >= len(tokens) or tokens[k].word in _NO_OBJECT or not tokens[k].word.isalpha() or (
                tokens[k].word in WEEKDAYS or tokens[k].word in MONTHS):
            return True
    return False


def _left_from(tokens: Sequence[Token], ctx: Context) -> Mention | None:
    """Where a departure without an object is from: "also", "également", "other" say it is one more of those
    just told, from the same lab; otherwise the lab the article is about."""
    if ctx.last_origin is not None and any(t.word in ALSO for t in tokens):
        return ctx.last_origin
    return topic(ctx)


def _earlier_stay(frame: Frame, tokens: Sequence[Token], sentence: Sentence, ctx: Context) -> list[Move]:
    """ "Le retour de Zoph chez OpenAI": they had been at OpenAI, and left it, before."""
    if not frame.who.people or not any(tokens[i].word.startswith(_RETURNS) for i, _ in frame.triggers):
        return []
    back = [m for m, kind in frame.to if kind in (JOIN, HIRE)]
    return [Move(frame.who.people, None, None, "departure", lab, None, None, None, f"before {ctx.date.isoformat()}",
                 "", "reported", "", sentence.line, sentence.text, stint=True) for lab in back[:1]]


def _named_members(tokens: Sequence[Token], group: Who, who: Sequence[Who]) -> Who | None:
    if group.unnamed is None:
        return None
    for w in who:
        if w.people and w.start > group.end:
            k = w.start - 1
            if k >= 0 and tokens[k].word in _INCLUDING:
                return w
    return None


def _moves(frame: Frame, tokens: Sequence[Token], sentence: Sentence, ctx: Context,
           whens: Sequence[When], own: Sequence[Stint], named_members: bool = False) -> list[Move]:
    kinds = {k for _, k in frame.triggers}
    first = frame.triggers[0][0]
    status, status_words = status_of(tokens, first)
    near = min(whens, key=lambda w: abs(w.at - first), default=None)
    if status == "denied":  # "denied on Thursday a report that...": the day is the denial's, not a move's
        date, date_words = f"{ctx.date.year:04d}-{ctx.date.month:02d}", ""
    elif near is not None:
        date, date_words = near.date, near.words
    elif any(told_in_past(tokens, i, ctx.lang) or tokens[i].word in FROM_VERBS for i, _ in frame.triggers):
        date, date_words = f"before {ctx.date.isoformat()}", ""
    else:
        date, date_words = f"{ctx.date.year:04d}-{ctx.date.month:02d}", ""
    ranked = sorted(own, key=lambda s: (s.former, s.founder))  # where they are now, then what they founded
    origin = frame.origin
    if origin is None and (kinds & {LEAVE, HIRE, FOLLOW}) and ranked:
        origin = ranked[0].lab
    if origin is None and JOIN in kinds and ranked and not ranked[0].former and not ranked[0].founder:
        origin = ranked[0].lab  # "Adept's chief executive, David Luan, ... are joining Amazon"
    if origin is None and FOLLOW in kinds:
        origin = ctx.last_lab
    if origin is None and FOUND not in kinds:
        origin = frame.who.origin  # "deux autres employés de Thinking Machines Lab devraient rejoindre"
    if origin is None and not frame.to and LEAVE in kinds and _no_object(tokens, frame):
        origin = _left_from(tokens, ctx)
    from_role = next((s.role for s in ranked if origin is not None and s.lab == origin and not s.founder),
                     frame.from_role)
    tos: list[tuple[Mention | None, str]] = [
        (m, k) for m, k in frame.to if origin is None or m.name != origin.name] or [(None, "")]
    if JOIN in kinds and not frame.to and _joins_it(tokens, frame) and topic(ctx) is not None:
        tos = [(topic(ctx), JOIN)]  # "six ingénieurs ... l'ont rejointe", "joined it": the lab the article is about
    elif JOIN in kinds and not frame.to and ctx.last_to is not None and _joins_them(tokens, frame):
        origin = origin if origin is not None and origin.name != ctx.last_to.name else ctx.last_origin
        tos = [(ctx.last_to, JOIN)]  # "are joining them", "pourraient le suivre": where those just named go
    if NAME in kinds and not frame.to:  # "X was named chief scientist": where X is, else (later) the topic
        current = next((s.lab for s in ranked if not s.former and not s.founder), None)
        tos = [(current, NAME)] if frame.role is not None else []  # a guessed lab needs a post said: not
        # "Time named X one of the most influential people"
    out = []
    for to, found_by in tos:
        of_verb = _date_of_verb(frame, whens, to)
        if of_verb is not None and status != "denied":
            date, date_words = of_verb.date, of_verb.words
        if found_by == FOUND and to is not None:
            kind = "founding"
        elif found_by == NAME:  # without a lab, the article's topic is given to it once read (`extract`)
            kind = "role-change"
        elif to is not None and origin is not None:
            kind = "move"
        elif to is not None:
            kind = "arrival"
        elif origin is not None and (kinds & {LEAVE, FOLLOW, JOIN}):  # "Arrivé de Google": it left Google
            kind = "departure"
        else:
            continue
        w = frame.who
        if w.unnamed is not None and w.count is None and w.origin is None and not named_members:
            continue  # "en attirant des chercheurs": nobody in particular
        out.append(Move(w.people, w.unnamed, w.count, kind, origin if kind != "role-change" else None, to,
                        frame.role, from_role, date, date_words, status, status_words, sentence.line,
                        sentence.text, date_said=near is not None and near.said and date_words == near.words))
    return out
