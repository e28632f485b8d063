"""Stints: the posts set beside a name, which say where a person is or was, told in passing.

"X, ancien vice-président d'OpenAI" and "a former OpenAI researcher" are former stints (an earlier move of
their own); "cofondateur de Y" a founding; "OpenAI's head of research" where a leaver leaves from; "a new
chief executive, X" an appointment. Some say it with no title: "ex-OpenAI", "who had spent two years at
Anthropic", "a passé trois ans chez DeepMind", "passés par Google", "previously oversaw search at Apple".
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from .moves import CLAUSE_END, FROM_WORDS, Who, before, is_role, lab_list
from .names import Mention
from .text import Token
from .words import FORMER, FOUNDER, NEW_ROLE, ROLE_WORDS, STINT_VERBS

_AUX_PAST = frozenset({"a", "ont", "avait", "avaient", "avoir", "had", "has", "have"})
_ROLE_STOP = frozenset({"at", "chez", "a", ",", "who", "qui", "which", "that", "since", "depuis", "in", "en", "and",
                        "et", "until", "when", "lorsqu", "quand", "'s"})
_ALUMNI = ("veteran", "alum", "alumnus", "alumna")  # "an OpenAI veteran"
_STILL = frozenset({"depuis", "since", "still", "toujours"})  # a stint that goes on


@dataclass(frozen=True)
class Stint:
    """A role set beside names: "ancien vice-président d'OpenAI" (former), "cofondateur de X" (founder)."""

    lab: Mention
    role: str | None
    former: bool
    founder: bool
    new: bool = False  # "a new chief executive, Zach Brock": an appointment


def stints(tokens: Sequence[Token], who: Who, labs: Sequence[Mention], stops: set[int]) -> list[Stint]:
    """Roles beside the named: after them up to the next comma ("X, ancien vice-président d'OpenAI,"), or
    before them after a comma ("l'ancienne CTO d'OpenAI, Mira Murati"; "Adept's chief executive, David Luan")."""
    out = []
    after = who.end + (1 if who.end < len(tokens) and tokens[who.end].word == "," else 0)
    end = after
    while end < len(tokens) and end - after < 16 and tokens[end].word not in CLAUSE_END | {","} \
            and end not in stops:
        end += 1
    windows = [(after, end)]
    right_before = tokens[who.start - 1].word if who.start > 0 else ""
    if right_before == "," or right_before in ROLE_WORDS or FOUNDER.match(right_before):
        begin = who.start - 1
        while begin > 0 and who.start - begin < 12 and tokens[begin - 1].word not in CLAUSE_END | {","} \
                and begin - 1 not in stops:
            begin -= 1
        windows.append((begin, who.start - (1 if right_before == "," else 0)))
    for a, b in windows:
        words = [t.word for t in tokens[a:b]]
        role_at = next((k for k, w in enumerate(words) if is_role(tokens[a + k])), None)
        if role_at is None:
            out += _untitled(tokens, labs, a, b)
            continue
        lab = _stint_lab(tokens, labs, a, b, a + role_at)
        new = any(w in NEW_ROLE for w in words[:role_at + 1])
        if lab is None and new:  # "Adept will carry on under a new chief executive, Zach Brock"
            lab = before(labs, a + role_at)
        if lab is None:
            out += _untitled(tokens, labs, a, b)
            continue
        upto = max(lab.end, a + role_at + 1)  # the words of this stint; another may follow ("who previously...")
        founder = any(FOUNDER.match(w) for w in words[:upto - a])
        former = any(w in FORMER for w in words[:upto - a]) or _stint_verb(tokens, a, upto) or _until_now(words)
        of_ok = lab.start < a + role_at  # the lab said before the post: "its head of research", all of it
        role_end = next((k for k in range(role_at, len(words)) if a + k >= lab.start > a + role_at or
                         words[k] in _ROLE_STOP or (words[k] in FROM_WORDS and not of_ok)), len(words))
        kept = list(tokens[a + role_at:a + role_end])
        while kept and kept[-1].word in FROM_WORDS | {"l", "la", "le", "the", "a", "chez", "at"}:
            kept.pop()
        role = " ".join(t.text for t in kept).replace("' ", "'").replace(" ( ", " (").replace(" )", ")") or None
        out.append(Stint(lab, role, former, founder, new and not former and not founder))
        out += [s for s in _untitled(tokens, labs, upto, b) if s.lab != lab]  # "co-founder of Anthropic who
    return out  # previously led research at OpenAI": both


def _until_now(words: Sequence[str]) -> bool:
    """ "jusqu'ici chercheur chez X", "until now head of Y": the post is being left, a stint now over."""
    pairs = set(itertools.pairwise(words))
    return bool(pairs & {("jusqu", "ici"), ("jusqu", "alors"), ("until", "now"), ("until", "then")}) or \
        "jusque-la" in words or "hitherto" in words


def _stint_verb(tokens: Sequence[Token], a: int, b: int) -> bool:
    """A verb that tells a stint is over: "who had spent two years", "a passé trois ans", "passés par", "who
    previously worked"; a French participle only after its auxiliary ("a travaillé", not "qui dirige"); never
    with "depuis" or "since", which say it goes on."""
    words = [t.word for t in tokens[a:b]]
    if any(w in _STILL for w in words):
        return False
    for k in range(a, b):
        w = tokens[k].word
        if w not in STINT_VERBS:
            continue
        english = w in ("spent", "spending", "worked", "oversaw", "led")
        after_aux = any(t.word in _AUX_PAST for t in tokens[max(a, k - 2):k])
        if english or after_aux or (w.startswith("passe") and k + 1 < b and tokens[k + 1].word == "par"):
            return True
    return False


def _untitled(tokens: Sequence[Token], labs: Sequence[Mention], a: int, b: int) -> list[Stint]:
    """A former stint without a title: "ex-OpenAI", "un ancien de Google", "an OpenAI veteran", "who had spent
    two years at Anthropic", "a passé trois ans chez DeepMind", "previously oversaw search at Apple"; each lab
    of a list ("passé par Google et Microsoft")."""
    words = [t.word for t in tokens[a:b]]
    if not (any(w in FORMER for w in words) or _stint_verb(tokens, a, b)):
        return []
    marks = FROM_WORDS | {"chez", "at", "par", "for", "pour"}
    for m in labs:
        if a < m.start < b and (tokens[m.start - 1].word in FORMER or _after_word(tokens, m.start, marks) or (
                m.end < len(tokens) and tokens[m.end].word in ("'s", *_ALUMNI))):
            return [Stint(lab, None, True, False) for lab in lab_list(labs, tokens, m) if lab.start < b]
    return []


def _stint_lab(tokens: Sequence[Token], labs: Sequence[Mention], a: int, b: int, role: int) -> Mention | None:
    """The lab a role is at: "vice-président de l'IA de Microsoft", "chez Shopify", "Adept's chief executive",
    "a former OpenAI researcher", "Halcyon lost its chief technology officer"."""
    found = next((m for m in labs if role < m.start < b and _after_word(tokens, m.start, FROM_WORDS | {"chez", "at",
                                                                                                      "a"})), None)
    if found is not None:
        return found
    owners = [m for m in labs if a <= m.start and m.end <= role and (
        (m.end < len(tokens) and tokens[m.end].word == "'s") or role - m.end <= 1)]
    if owners:
        return owners[-1]
    if role > 0 and "its" in (tokens[role - 1].word, tokens[role - 2].word if role > 1 else ""):
        earlier = [m for m in labs if m.end < role]  # "Halcyon lost its chief technology officer"
        return earlier[-1] if earlier else None
    return None


def _after_word(tokens: Sequence[Token], start: int, marks: frozenset[str]) -> bool:
    """The word before a name is one of `marks`, maybe with an article between ("à l'Université de X")."""
    k = start - 1
    if k > 0 and tokens[k].word in ("l", "la", "le", "the"):
        k -= 1
    return k >= 0 and tokens[k].word in marks
