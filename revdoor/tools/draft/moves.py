"""What happened, in one sentence: the moves its verbs report, with who, from where, to where.

A sentence is read as mentions (people, groups, labs: `names`) and triggers (verbs and nouns of moving:
`words`). Each trigger finds who moved (the people or group before it, its subject; after it for a lab
that hires, "OpenAI a embauché X", or a noun, "le départ de X") and the labs around it ("quitte X", "pour X",
"chez X"). Triggers with the same movers make one frame: "est sur le point de partir pour rejoindre OpenAI" is
one move. Roles set beside a name ("X, ancien vice-président d'OpenAI", "cofondateur de Y") are stints
(`stints`): a former one is an earlier move of its own, a current one is where a leaver leaves from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .names import LAB, PERSON, Mention
from .text import Token
from .words import (
    ANAPHORS,
    FOLLOW,
    FOUNDER,
    GROUP_NOUNS,
    GROUP_START,
    JOIN,
    LEAVE,
    NAME,
    NEEDS_AS,
    NEEDS_DOWN,
    NEEDS_ROLE,
    NEW_ROLE,
    NUMBERS,
    ROLE_WORDS,
    TEAM_NOUNS,
    trigger_kind,
)

NOUN_TRIGGERS = frozenset({"depart", "departure", "retour", "arrivee", "defection", "demission", "exit",
                           "re-embauchage", "reembauchage"})
FROM_WORDS = frozenset({"de", "d", "du", "from", "of", "des"})
_JOINERS = frozenset({",", "et", "and", "ou", "or", "comme", "such", "as", "like", "notamment", "dont"})
_DEFINITE = frozenset({"les", "ces", "the", "these", "those"})
CLAUSE_END = frozenset({".", ";", "!", "?", ":"})
# Verbs a parser must call verbs before they count ("une partie de", "un parti"): only with a parser.
# "viennent de Meta", "came from Meta": where someone was before, a stint already over.
FROM_VERBS = frozenset({"venu", "venus", "venue", "venues", "viennent", "vient", "came", "comes"})
_NEEDS_VERB = frozenset({"partie", "parti", "lance", "suivre", "set", "start", "starts"})
# "a startup named Foo", "une société nommée Bar": a name given, not a post.
_NAMING_NOUNS = frozenset({"startup", "start-up", "company", "firm", "model", "product", "project", "lab", "tool",
                           "entreprise", "societe", "modele", "produit", "projet", "outil", "laboratoire"})
# Object pronouns before an infinitive: "pourraient le suivre" is a verb without a parser to say so.
_CLITICS = frozenset({"le", "la", "les", "l", "lui", "leur"})
# Words between a mark and its lab: "pour son rival Anthropic", "for rival Anthropic", "chez le géant Google".
_BESIDE_LAB = frozenset({"rival", "rivals", "competitor", "concurrent", "son", "sa", "its", "the", "le", "la", "l",
                         "geant", "giant"})
_ROLE_LEAD = frozenset({"the", "its", "a", "an", "la", "le", "l", "sa", "son", "un", "une"}) | NEW_ROLE
# Words inside a group's phrase, between its start and its noun: "la plupart des employés clés", "some of his
# team", "une partie de son équipe".
_GROUP_INSIDE = frozenset({"of", "cles", "key", "seniors", "senior", "la", "l", "d", "its", "autres", "his", "her",
                           "their", "son", "sa", "ses", "leur", "leurs", "de", "du", "des", "the"})
_GROUP_LEAD = frozenset({("plupart", "la"), ("partie", "une"), ("part", "a"), ("autres", "d")})
_A_LABS = frozenset({"l", "la", "its", "the"})  # possessives that stand for a lab, not a person
_POSSESSIVE = frozenset({"son", "sa", "ses", "leur", "leurs", "l", "la", "his", "her", "their", "its", "the"})
_PASSIVE_AUX = frozenset({"was", "were", "been", "being", "be", "is", "are", "got"})
_AS_VERBS = frozenset({"serve", "serves", "serving", "served", "over", "in"})  # "took over as", "step in as"


@dataclass(frozen=True)
class Who:
    """Those who moved in one frame: named people, or a group the press does not name."""

    people: tuple[Mention, ...] = ()
    unnamed: str | None = None
    count: int | None = None
    origin: Mention | None = None  # "employés de Thinking Machines Lab"
    start: int = 0
    end: int = 0


@dataclass
class Frame:
    who: Who
    triggers: list[tuple[int, str]] = field(default_factory=list)  # (token index, kind)
    to: list[tuple[Mention, str]] = field(default_factory=list)  # each with the kind of trigger that found it
    origin: Mention | None = None
    role: str | None = None
    from_role: str | None = None  # the post left: "stepping down as chief executive of OpenAI"
    since: int | None = None  # the token of "depuis dix ans": the frame's date


def triggers(tokens: Sequence[Token], lang: str) -> list[tuple[int, str]]:
    out = []
    for i, t in enumerate(tokens):
        kind = trigger_kind(t.word, lang)
        if kind is None and t.pos == "VERB":  # a form the stems miss, by its lemma ("suivi" is no follower)
            kind = trigger_kind(t.lemma, lang) if trigger_kind(t.lemma, lang) != FOLLOW else None
        if t.word in ("nouveau", "nouvelle", "new") and i > 0 and tokens[i - 1].word in ("comme", "as", "its", "son"):
            kind = NAME  # "annonçant X comme nouveau CTO de Y", "named X as its new chief"
        if kind is None and t.word in _IDIOMS:  # a few words, looked at only when they are there: `check
            kind = NAME if _takes_post(tokens, i) else LEAVE if lang == "fr" and _goes_away(tokens, i) else None
        if kind is None or FOUNDER.match(t.word):  # "cofondateur d'OpenAI" is a stint, not an event
            continue  # --coverage` asks this of every sentence no event cites
        if t.word == "ousted" and (i == 0 or tokens[i - 1].word not in _PASSIVE_AUX):
            continue  # "was ousted": the one ousted leaves; "the board that ousted X" is told of the board
        if t.word in _NEEDS_VERB and not _after_aux(tokens, i) and (t.pos not in ("VERB", "AUX") if t.pos else True):
            continue
        if t.word in NEEDS_ROLE and not _role_follows(tokens, i):
            continue  # "devient un acteur majeur", "became a hit": no post
        if kind == NAME and t.word.startswith(NEEDS_AS) and not any(
                u.word in ("as", "comme", "poste", "tete", "direction") for u in tokens[i + 1:i + 8]):
            continue  # "succeeds X as chief scientist", "remplace X au poste de"; not "succeeded in raising"
        if t.word in NEEDS_DOWN and (i + 1 >= len(tokens) or tokens[i + 1].word != "down"):
            continue
        if kind == NAME and i > 0 and tokens[i - 1].word in _NAMING_NOUNS:
            continue
        nxt = tokens[i + 1].word if i + 1 < len(tokens) else ""
        after_de = tokens[i + 2].word if i + 2 < len(tokens) else ""
        if kind == LEAVE and t.word in FROM_VERBS and (nxt not in ("de", "d", "du", "from") or trigger_kind(
                after_de, lang) is not None):
            continue  # "viennent de Meta", "came from Meta"; not "vient de rejoindre"... (a lab must follow)
        if kind == JOIN and (t.lemma == "travailler" or t.word in ("travailler", "work", "working")):
            nxt = tokens[i + 1].word if i + 1 < len(tokens) else ""
            prev = tokens[i - 1].word if i else ""
            if nxt not in ("chez", "pour", "at", "for") or prev not in ("pour", "to"):
                continue  # only "pour travailler chez X", "to work at X": where they went
        out.append((i, kind))
    return out


def _takes_post(tokens: Sequence[Token], i: int) -> bool:
    """Appointments said without "named": "will serve as interim CEO", "took over as chief", "step in as",
    "prend la tête de", "prendra la direction de", "assure l'intérim"."""
    w = tokens[i].word
    prev = tokens[i - 1].word if i else ""
    nxt = [t.word for t in tokens[i + 1:i + 3]]
    if w == "as":
        return prev in _AS_VERBS and _role_follows(tokens, i)
    if w in ("prend", "prendra", "prendre", "pris", "prenne"):
        return nxt[:1] == ["la"] and nxt[1:] in (["tete"], ["direction"])
    return w in ("interim", "l'interim") and prev in ("l", "assure", "assurera", "assurer")


def _goes_away(tokens: Sequence[Token], i: int) -> bool:
    """Departures said in French idioms: "s'en va", "s'en vont", "claque la porte d'OpenAI"."""
    w = tokens[i].word
    before = [t.word for t in tokens[max(0, i - 2):i]]
    if w in ("va", "vont", "aller", "ira", "iront", "allait", "allaient"):
        return before == ["s", "en"]
    return w.startswith("claqu") and [t.word for t in tokens[i + 1:i + 3]] == ["la", "porte"]


# The words `_takes_post` and `_goes_away` start from.
_IDIOMS = frozenset({"as", "prend", "prendra", "prendre", "pris", "prenne", "interim", "l'interim", "va", "vont",
                     "aller", "ira", "iront", "allait", "allaient", "claque", "claquer", "claquera", "claquent"})


def _after_aux(tokens: Sequence[Token], i: int) -> bool:
    """Without a parser: "est parti" is a verb, "un parti" and "une partie de" are not; nor is an infinitive
    after an object pronoun ("pourraient le suivre"), which the parser may miss as well."""
    prev = tokens[i - 1].word if i > 0 else ""
    if prev in _CLITICS and i > 1 and tokens[i - 2].word not in ("de", "d", "pour", "par", "a", "sur"):
        return tokens[i].word.endswith(("re", "er", "ir"))
    return prev in ("est", "sont", "etait", "etaient", "etre", "to", "will", "would")


def is_role(token: Token) -> bool:
    """A word that names a post: "directrice", "chief", "CEO", "SVP"."""
    return token.word in ROLE_WORDS or bool(FOUNDER.match(token.word))


def _role_follows(tokens: Sequence[Token], i: int) -> bool:
    """A post within three words: "devient directrice", "became its new chief scientist"."""
    for t in tokens[i + 1:i + 5]:
        if is_role(t):
            return t.word not in ("membre", "member")  # "devient un membre clé" is no post
        if t.word not in _ROLE_LEAD and t.word != "'s" and not t.text[:1].isupper():  # "becomes OpenAI's chief"
            return False
    return False


def people_runs(mentions: Sequence[Mention], tokens: Sequence[Token], stops: set[int]) -> list[Who]:
    """Named people listed together ("Zoph, Metz et Schoenholz"; "Luan and co-founders Odena, Nye...")."""
    runs: list[list[Mention]] = []
    people = [m for m in mentions if m.kind == PERSON]
    labs = {i for m in mentions if m.kind == LAB for i in range(m.start, m.end)}
    for m in people:
        if runs:
            last = runs[-1][-1]
            gap = range(last.end, m.start)
            words = [tokens[i].word for i in gap]
            joined = any(w in _JOINERS for w in words) and len(words) <= 4 and all(
                w in _JOINERS or w in ROLE_WORDS or FOUNDER.match(w) for w in words)
            if joined and not any(i in stops or i in labs for i in gap) and "qui" not in words:
                runs[-1].append(m)
                continue
        runs.append([m])
    return [Who(tuple(r), start=r[0].start, end=r[-1].end) for r in runs]


def groups(tokens: Sequence[Token], mentions: Sequence[Mention], last_lab: Mention | None,
           last_people: tuple[Mention, ...], text: str, last_group: Who | None = None) -> list[Who]:
    """Unnamed groups: "deux autres employés de Thinking Machines Lab", "most of Inflection's staff"."""
    out = []
    labs = {m.start: m for m in mentions if m.kind == LAB}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    for i, t in enumerate(tokens):
        if t.word not in GROUP_NOUNS or i in taken:
            continue
        start, count, owner, own_start = None, None, None, None
        definite = ""
        j = i - 1
        while j >= max(0, i - 6):
            w = tokens[j].word
            if w == "'s":  # "Inflection's staff", "the startup's employees": the owner is where they come from
                mine = next((m for m in labs.values() if m.end == j), None)
                owner = mine or last_lab
                own_start = mine.start if mine is not None else None
                j = (mine.start if mine is not None else j - 1) - 1
                continue
            if w in NUMBERS and w not in ("un", "une", "a", "one"):
                count, start = NUMBERS[w], j
            elif w.isdigit():
                count, start = int(w), j
            elif w in GROUP_START or w in ("plupart", "most", "some", "certain", "nombre"):
                start = j
            elif w in _DEFINITE:
                definite, start = w, j
                break
            elif w not in _GROUP_INSIDE:
                break
            j -= 1
        if start is None:
            continue
        if start > 0 and (tokens[start].word, tokens[start - 1].word) in _GROUP_LEAD:
            start -= 1  # "la plupart", "une partie", "a part", "d'autres"
        if definite:  # "les trois chercheurs": the three just named; "ces talents": the group just told of
            if count is not None and len(last_people) == count:
                out.append(Who(last_people, start=start, end=i + 1))
            elif count is None and definite in ("ces", "these", "those") and last_group is not None:
                out.append(Who((), last_group.unnamed, last_group.count, last_group.origin, start, i + 1))
            continue
        origin, end = owner, i + 1
        for k in range(i + 1, min(len(tokens), i + 16)):
            if origin is not None:
                break
            if tokens[k].word in CLAUSE_END or tokens[k].word == ",":
                break
            if k in labs and (tokens[k - 1].word in FROM_WORDS | {"son", "rival"} or _described(tokens, k)):
                origin, end = labs[k], labs[k].end
                break
        if origin is None and any(tokens[k].word == "its" for k in range(start, i)):
            origin = last_lab
        whose = _of_the_team(tokens, i) if origin is None else None
        if whose is not None:  # "d'autres membres de l'équipe", "some of its team": the lab's team; "his team",
            end = i + (1 if tokens[i].word in TEAM_NOUNS else 4)  # "son équipe": the leader's, whose lab the
            origin = last_lab if whose in _A_LABS else None  # leader's move says
        if own_start is not None and own_start < start:
            start = own_start
        words = " ".join(text[tokens[start].start:tokens[end - 1].start + len(tokens[end - 1].text)].split())
        out.append(Who((), words[:1].upper() + words[1:], count, origin, start, end))
    return out


def _described(tokens: Sequence[Token], k: int) -> bool:
    """A lab after a noun that describes it, after "de": "de la start-up nantaise Boréal", "from the Paris
    startup X"."""
    lead = [t.word for t in tokens[max(0, k - 4):k]]
    return any(w in ANAPHORS for w in lead) and any(w in FROM_WORDS for w in lead[:2])


def _of_the_team(tokens: Sequence[Token], i: int) -> str | None:
    """The possessive of "membres de l'équipe", "members of his team", or of the team itself ("some of its
    team"), else None."""
    if tokens[i].word in TEAM_NOUNS:
        return tokens[i - 1].word if i > 0 and tokens[i - 1].word in _POSSESSIVE else None
    nxt = [t.word for t in tokens[i + 1:i + 4]]
    ok = len(nxt) >= 3 and nxt[0] in FROM_WORDS and nxt[1] in _POSSESSIVE and nxt[2] in TEAM_NOUNS
    return nxt[1] if ok else None


def companion(tokens: Sequence[Token], start: int) -> bool:
    """Those named at `start` come along with the subject, they are not it: "avec une partie de son équipe",
    "accompagné de deux chercheurs", "along with some of his team", "together with", "alongside", "aux côtés de"."""
    lead = [t.word for t in tokens[max(0, start - 3):start]]
    return any(w in ("avec", "with", "alongside") or w.startswith("accompagn") for w in lead[-2:]) or (
        lead[-3:-1] == ["cotes", "de"] or lead[-2:] == ["cotes", "d"])


def lab_list(labs: Sequence[Mention], tokens: Sequence[Token], first: Mention) -> list[Mention]:
    """A lab and those listed after it: "comme DeepMind et Anthropic"."""
    out = [first]
    for m in labs:
        if m.start > out[-1].end and all(tokens[k].word in _JOINERS for k in range(out[-1].end, m.start)):
            out.append(m)
    return out


def after(labs: Sequence[Mention], pos: int, limit: int, stops: set[int], marks: frozenset[str] | None = None,
          tokens: Sequence[Token] = ()) -> Mention | None:
    for m in labs:
        if pos <= m.start < pos + limit and not any(s in stops for s in range(pos, m.start)) and (
                marks is None or marked(tokens, m.start, marks)):
            return m
    return None


def marked(tokens: Sequence[Token], start: int, marks: frozenset[str]) -> bool:
    """The word before a lab is one of `marks`, maybe past "son rival", "the": "pour son rival Anthropic"."""
    k = start - 1
    while k > 0 and start - k <= 3 and tokens[k].word in _BESIDE_LAB:
        k -= 1
    return k >= 0 and tokens[k].word in marks


def before(labs: Sequence[Mention], pos: int) -> Mention | None:
    found = [m for m in labs if m.end <= pos]
    return found[-1] if found else None
