"""How sure, and told when: the words of a sentence that decide a move's status and its tense.

A denial governs what follows it ("denied a report that X was leaving"), not what comes before it ("a confirmé
leur arrivée, tout en démentant avoir reçu une prime"); a modal governs the verb right after it ("devraient
prochainement rejoindre", "in talks to hire"); "aurait", "selon", "reportedly" say the press reports it; "a
annoncé", "confirmed", "officiellement" that the lab or the person said so. "Sur le point de" (about to) is
reported, as the curated seed events record it: told as decided. A move told in the past ("a quitté", "left",
"aurait payé ... pour ramener") is dated `before` the article when no date words say more.
"""

from __future__ import annotations

from collections.abc import Sequence

from .text import Token
from .words import CONFIRMED, DENIALS, REPORTED, RUMOURS, any_match

_AUX = frozenset({"a", "ont", "avait", "avaient", "est", "sont", "etait", "etaient", "aurait", "auraient", "ete",
                  "has", "have", "had", "was", "were", "avoir"})
_PARTICIPLE = ("e", "es", "ee", "ees", "i", "is", "it", "u", "us")
# "Said" by whom decides: the company or a named person saying so is its word on the record ("the company said",
# "Altman said that ..."); people or sources who go unnamed are the press reporting it. French "a déclaré",
# "a indiqué", "a précisé", "a fait savoir" the same, unless negated ("n'ont pas précisé").
_SAID = frozenset({"said", "says"})
_FR_SAID = ("declare", "indique", "precise")
_UNNAMED_SOURCES = frozenset({"familiar", "sources", "source", "according", "selon", "proches", "proche", "insiders",
                              "reportedly", "report", "reports", "reported", "rapporte", "aurait", "auraient",
                              "anonymat", "anonymity", "close"})
_EN_PAST = frozenset({"left", "quit", "joined", "hired", "founded", "co-founded", "named", "poached", "started"})


def status_of(tokens: Sequence[Token], first: int) -> tuple[str, str]:
    """The status of the move whose first trigger is token `first`, and the words that decided it."""
    words = [t.word for t in tokens]
    for k in range(first):
        if any_match(words[k], DENIALS):
            return "denied", tokens[k].text
    for k in range(max(0, first - 6), first):
        w = words[k]
        nxt, prev = words[k + 1], words[k - 1] if k else ""
        if not any_match(w, RUMOURS) or (w in ("set", "expected") and nxt != "to"):
            continue
        if w == "may" and (prev in ("in", "since", "early", "late", "mid", "of") or nxt.isdigit()):
            continue  # the month
        quote = tokens[k - 1:k + 1] if prev == "in" and w == "talks" else (
            tokens[k:k + 2] if w in ("set", "expected") else tokens[k:k + 1])
        return "rumored", " ".join(t.text for t in quote)
    text = " ".join(words)
    for phrase in ("sur le point de", "s apprete", "in talks"):
        if phrase in text:
            return ("rumored" if phrase == "in talks" else "reported"), phrase.replace("s apprete", "s'apprête")
    for k, w in enumerate(words):
        if any_match(w, CONFIRMED):
            return "confirmed", tokens[k].text
    said = _on_record(words)
    if said is not None:
        return "confirmed", tokens[said].text
    for k, w in enumerate(words):
        if any_match(w, REPORTED):
            return "reported", tokens[k].text
    return "reported", ""


def _on_record(words: Sequence[str]) -> int | None:
    """Where a named sayer says it ("the company said", "a précisé l'entreprise"), or None when an unnamed
    source does or nobody does."""
    if _UNNAMED_SOURCES.intersection(words):
        return None
    for k, w in enumerate(words):
        if w in _SAID:
            return k
        if w in _FR_SAID and k and words[k - 1] in ("a", "ont") and "pas" not in words[max(0, k - 3):k]:
            return k
    return None


def told_in_past(tokens: Sequence[Token], i: int, lang: str) -> bool:
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
