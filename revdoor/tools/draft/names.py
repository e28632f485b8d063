"""Who and where: the people and labs a sentence names, resolved against the site's profiles.

A profile is found by its name or an alias, as written or without accents ("Sebastien Bubeck"), the longest
first ("Google DeepMind" before "Google"); a person's surname alone ("Zoph", "Soliman") once the article has
named them in full. A name with no profile is kept with the spelling found, to be proposed as a new profile:
a run of two or three capitalised words is a person ("Peter Deng"), one ending in AI, IA, Lab or Labs a lab
("Halcyon AI"), and so is a capitalised word right after "chez", "joined", "left"... The tagger's entity labels
are not used: spaCy's small French model calls "Mira Murati" an organisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .text import Token, tokenize
from .words import ANAPHORS, STOPWORDS, words_of

PERSON, LAB = "person", "lab"
LAB_SUFFIXES = frozenset({"ai", "ia", "lab", "labs", "inc", "research", "technologies", "intelligence", "university",
                          "institute", "college"})
LAB_AFTER = frozenset({"chez", "joined", "join", "joins", "left", "leaving", "quitte", "quitter",
                       "rejoint", "rejoindre", "from"})
# Capitalised words that start sentences or name things other than people.
NOT_NAMES = words_of("""
selon ni mais alors cependant depuis lorsque outre pour avec par parallelement ensuite enfin dans sur ces cet
cette son sa ses le la les l un une des de du d au aux en et ou apres avant comme chez the a an in on at of
to for and but as after before when while with from by this that these those his her its their our we it
he she they i mr mrs ms dr m mme nouveau nouvelle new former ancien ancienne pdg ceo cto lundi mardi
mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre january february march
april june july august september october november december regulators of
""")
_DETERMINERS = frozenset({"le", "la", "les", "l", "un", "une", "des", "du", "the", "a", "an", "son", "sa", "ses",
                          "its", "his", "her", "their", "leur", "ce", "cette"})


@dataclass(frozen=True)
class Profile:
    slug: str
    name: str
    kind: str  # person or lab
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    kind: str
    name: str  # the profile's name, or the spelling found for a new one
    slug: str | None  # None: no profile yet
    start: int  # token indexes in the sentence, end excluded
    end: int


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(t.word for t in tokenize(text) if t.word not in ("'", ""))


def _capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.islower() for c in text[1:]) and text[:1].isalpha()


@dataclass(frozen=True)
class Index:
    names: dict[tuple[str, ...], Profile]  # folded words of a name or alias -> its profile
    firsts: frozenset[str]  # the first words of them all: most words start no name


@dataclass
class Reader:
    """Reads one article's sentences in order, remembering who it has named (surnames, new names)."""

    index: Index
    surnames: dict[tuple[str, ...], Profile] = field(default_factory=dict)
    new: dict[tuple[str, ...], Mention] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)
    new_firsts: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, profiles: Sequence[Profile]) -> Reader:
        return cls(index_of(profiles))

    def mentions(self, tokens: Sequence[Token]) -> list[Mention]:
        out: list[Mention] = []
        words = [t.word for t in tokens]
        i = 0
        while i < len(tokens):
            found = self._known(tokens, i, words) or self._unknown(tokens, i)
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.end
        return out

    def _known(self, tokens: Sequence[Token], i: int, words: Sequence[str]) -> Mention | None:
        first = words[i:i + 1]
        if not first or (first[0] not in self.index.firsts and first[0] not in self.new_firsts
                         and (first[0],) not in self.surnames):
            return None
        for n in range(min(5, len(tokens) - i), 0, -1):
            key = tuple(words[i:i + n])
            if n == 1 and not _capitalised(tokens[i]) and not tokens[i].text.isupper():
                break  # "lab", "scale": a one-word name is written with a capital
            p = self.index.names.get(key)
            if p is None and key in self.surnames and key[0] not in STOPWORDS:
                p = self.surnames[key]
            if p is not None:
                if len(key) > 1:
                    self._remember(p)
                return Mention(p.kind, p.name, p.slug, i, i + n)
            if key in self.new:
                seen = self.new[key]
                return Mention(seen.kind, seen.name, None, i, i + n)
        return None

    def _remember(self, p: Profile) -> None:
        """After a full name, its short form: a person's surname, a lab's name without "AI" ("Halcyon")."""
        self.named.add(p.slug)
        words = _words(p.name)
        short = words[-1:] if p.kind == PERSON else words[:-1] if words[-1:] and words[-1] in LAB_SUFFIXES else ()
        if short and short not in self.index.names:
            self.surnames[short] = p

    def _unknown(self, tokens: Sequence[Token], i: int) -> Mention | None:
        if not _capitalised(tokens[i]) or tokens[i].word in NOT_NAMES:
            return None
        run = i
        while run < len(tokens) and run - i < 4 and (
                _capitalised(tokens[run]) or (run > i and tokens[run].word in LAB_SUFFIXES)):
            if run > i and self._known(tokens, run, [t.word for t in tokens]) is not None:
                break
            run += 1
        prev = tokens[i - 1].word if i > 0 else ""
        words = tuple(t.word for t in tokens[i:run])
        text = " ".join(t.text for t in tokens[i:run])
        if len(words) >= 2 and words[-1] in LAB_SUFFIXES:
            return self._add(Mention(LAB, text, None, i, run), words)
        if (len(words) == 1 and prev in LAB_AFTER) or _after_lab_noun(tokens, i):
            return self._add(Mention(LAB, text, None, i, run), words)
        if 2 <= len(words) <= 3 and prev not in _DETERMINERS and not any(w in NOT_NAMES for w in words):
            mention = self._add(Mention(PERSON, text, None, i, run), words)
            if words[-1:] not in self.index.names:
                self.new.setdefault(words[-1:], mention)  # the surname, from now on
                self.new_firsts.add(words[-1])
            return mention
        return None

    def _add(self, mention: Mention, words: tuple[str, ...]) -> Mention:
        self.new.setdefault(words, mention)
        self.new_firsts.add(words[0])
        if mention.kind == LAB and len(words) > 1 and words[:1] not in self.index.names:
            self.new.setdefault(words[:1], mention)  # "Halcyon" after "Halcyon AI"
        return mention


def _after_lab_noun(tokens: Sequence[Token], i: int) -> bool:
    """A name set after a noun of companies, maybe past one adjective: "la start-up nantaise Boréal Analytics",
    "the self-driving start-up Nuro", "la société Vireo" name labs, whatever their words."""
    k = i - 1
    if k > 0 and tokens[k].text.islower() and tokens[k].word not in _LAB_NOUNS | STOPWORDS and \
            tokens[k - 1].word in _LAB_NOUNS:
        k -= 1
    return k >= 0 and tokens[k].word in _LAB_NOUNS and tokens[k].text.islower()


_LAB_NOUNS = ANAPHORS - {"poste"}


def index_of(profiles: Sequence[Profile]) -> Index:
    """Every spelling of every profile, as folded words: made once for all the articles one command reads."""
    names: dict[tuple[str, ...], Profile] = {}
    for p in profiles:
        for text in (p.name, *p.aliases, p.slug.replace("-", " ")):
            key = _words(text)
            if key and key not in names:
                names[key] = p
    return Index(names, frozenset(k[0] for k in names))


def directory(people: Iterable[tuple[str, str, tuple[str, ...]]],
              labs: Iterable[tuple[str, str, tuple[str, ...]]]) -> tuple[Profile, ...]:
    """Profiles from (slug, name, aliases) of people and of labs."""
    return (tuple(Profile(s, n, PERSON, a) for s, n, a in people)
            + tuple(Profile(s, n, LAB, a) for s, n, a in labs))
