"""The words `draft` reads moves by, in English and French: one table per question (what happened, how sure,
how many, which role), so that a missed word is added here and nowhere else.

Words are matched on folded text (`names.fold`: lowercase, accents off), by stem where a verb has many forms
("rejoin" finds rejoint, rejoindre, rejoindraient; "quitt" finds quitte, quitté, quittait), by whole word
otherwise. The stems are the same with or without spaCy: the French parser adds lemmas and parts of speech,
which confirm a stem is a verb or a noun, not the words themselves.
"""

from __future__ import annotations

import re
from functools import lru_cache


def words_of(text: str) -> frozenset[str]:
    """A set of words written as a paragraph, easier to read and extend than a list of quoted words."""
    return frozenset(text.split())

# What a trigger says happened to whoever it is about.
JOIN = "join"  # arrives at the lab after it: rejoindre, join, retourner chez, travailler chez
LEAVE = "leave"  # leaves the lab after it (or the one they are known at): quitter, leave, départ de
HIRE = "hire"  # the lab before it takes the people after it: embaucher, débaucher, hire, poach
FOUND = "found"  # founds the lab after it (or the one it qualifies: "X, fondée par")
NAME = "name"  # a new role at a lab: nommer, named, "nouveau CTO de"
FOLLOW = "follow"  # follows someone out: emboîter le pas, suivre

# (pattern on a folded word, kind). A pattern ending in "*" is a stem, otherwise the whole word.
TRIGGERS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (
        ("rejoin*", JOIN), ("rejoign*", JOIN), ("retourn*", JOIN), ("retour", JOIN), ("reviennent", JOIN),
        ("revient", JOIN), ("revenu*", JOIN), ("arrivee", JOIN), ("arrive", JOIN), ("arrives", JOIN),
        ("travailler", JOIN), ("re-embauchage", HIRE), ("reembauchage", HIRE),
        ("quitt*", LEAVE), ("depart*", LEAVE), ("partir", LEAVE), ("parti", LEAVE), ("partie", LEAVE),
        ("defection", LEAVE), ("venu", LEAVE), ("venus", LEAVE), ("venue", LEAVE), ("venues", LEAVE),
        ("viennent", LEAVE), ("vient", LEAVE), ("demission*", LEAVE), ("demissionn*", LEAVE),
        ("limog*", LEAVE), ("licencie*", LEAVE), ("evince*", LEAVE), ("congedie*", LEAVE), ("renvoye*", LEAVE),
        ("embauch*", HIRE), ("debauch*", HIRE), ("recrut*", HIRE), ("ramener", HIRE), ("accueill*", HIRE),
        ("attir*", HIRE),
        ("fonde", FOUND), ("fondee", FOUND), ("fondes", FOUND), ("fondees", FOUND), ("fonder", FOUND),
        ("cofond*", FOUND), ("co-fond*", FOUND), ("lancer", FOUND), ("lance", FOUND), ("creer", FOUND),
        ("nomm*", NAME), ("promu", NAME), ("promue", NAME), ("promus", NAME), ("promues", NAME),
        ("devient", NAME), ("deviendra", NAME), ("devenu", NAME), ("devenue", NAME), ("succede*", NAME),
        ("remplace", NAME), ("remplacera", NAME),
        ("emboiter", FOLLOW), ("suivre", FOLLOW),
    ),
    "en": (
        ("join", JOIN), ("joins", JOIN), ("joined", JOIN), ("joining", JOIN), ("return*", JOIN),
        ("rejoin*", JOIN),
        ("leave", LEAVE), ("leaves", LEAVE), ("leaving", LEAVE), ("left", LEAVE), ("quit", LEAVE),
        ("quits", LEAVE), ("came", LEAVE), ("comes", LEAVE), ("departure", LEAVE), ("depart*", LEAVE),
        ("exit", LEAVE), ("exits", LEAVE), ("resign*", LEAVE), ("retire", LEAVE), ("retires", LEAVE),
        ("retired", LEAVE), ("retiring", LEAVE), ("step", LEAVE), ("steps", LEAVE),
        ("stepping", LEAVE), ("stepped", LEAVE), ("fired", LEAVE), ("ousted", LEAVE), ("dismissed", LEAVE),
        ("hire", HIRE), ("hires", HIRE), ("hired", HIRE), ("hiring", HIRE), ("poach*", HIRE),
        ("recruit*", HIRE), ("rehire*", HIRE),
        ("founded", FOUND), ("co-founded", FOUND), ("cofounded", FOUND), ("co-found", FOUND),
        ("launch*", FOUND), ("started", FOUND), ("start", FOUND), ("starts", FOUND),
        ("named", NAME), ("appoint*", NAME), ("promoted", NAME), ("becomes", NAME), ("became", NAME),
        ("become", NAME), ("succeed*", NAME), ("tapped", NAME), ("replaces", NAME), ("replaced", NAME),
        ("follow", FOLLOW), ("work", JOIN),
    ),
}

# A role that says the person founded the lab it qualifies ("cofondateur d'OpenAI", "Adept's co-founder").
FOUNDER = re.compile(r"^(co-?)?fondat(eur|rice)s?$|^(co-?)?founders?$|^membres? fondat")
# Roles: a word that names a post, so that "vice-président de l'IA de Microsoft" ties the person to Microsoft.
ROLE_WORDS = words_of("""
vice-president vice-presidente president presidente directeur directrice cto ceo pdg dg cfo coo
scientifique chercheur chercheuse ingenieur ingenieure responsable patron patronne chef dirigeant
dirigeante professeur professeure membre fondateur fondatrice cofondateur cofondatrice co-fondateur
chief head president vice researcher scientist engineer director founder co-founder cofounder leader
professor executive officer lead manager member svp evp vp cso cpo cro cio cmo chair chairman chairwoman
interim
""")
# Verbs that make a trigger only with a role after them: "devient directrice", "became chief scientist";
# "steps down" only with "down": "step" alone is no move.
NEEDS_ROLE = frozenset({"devient", "deviendra", "devenu", "devenue", "becomes", "became", "become", "tapped"})
NEEDS_DOWN = frozenset({"step", "steps", "stepping", "stepped"})
# Verbs that make an appointment only with the post after them: "succeeds X as chief scientist", "remplace X au
# poste de directeur", "replaces X as CEO".
# Verbs of firing: the lab that fires is the one left ("OpenAI fired X", "X a été limogé par OpenAI").
FIRING = ("fired", "ousted", "dismissed", "limog", "licencie", "evince", "congedie", "renvoye")
NEEDS_AS = ("succe", "remplac", "replac")
# A stint told by its verb, not by a title: "who had spent two years at Anthropic", "a passé trois ans chez
# DeepMind", "passés par Google", "previously worked at Apple". Over, unless "depuis" or "since" says it goes on.
STINT_VERBS = words_of("""
spent spending passe passes passee passees worked travaille oversaw supervise dirige led
""")
# Nouns that stand for a team a leader takes along ("avec une partie de son équipe", "along with some of his
# team"): a group, whose origin is the leader's.
TEAM_NOUNS = words_of("team teams equipe equipes colleagues collegues")
# Words that make a role past: the stint it names is over ("ancien vice-président d'OpenAI").
FORMER = frozenset({"ancien", "ancienne", "anciens", "anciennes", "ex", "ex-", "former", "previously", "auparavant",
                    "formerly", "precedemment", "alum", "alumnus", "alumna", "veteran"})
# Words that make a role new: "a new chief executive, Zach Brock", "la nouvelle directrice": an appointment.
NEW_ROLE = frozenset({"new", "nouveau", "nouvelle", "interim", "interimaire"})
# Words that say a departure is one more of those just told: "were also stepping down", "quittent également".
ALSO = frozenset({"also", "too", "egalement", "aussi", "other", "autres", "another", "autre"})
# A group of people the press does not name.
GROUP_NOUNS = words_of("""
chercheurs chercheuses ingenieurs employes salaries personnalites experts membres cadres talents
collaborateurs dirigeants researchers engineers employees staff people members executives scientists
team equipe colleagues collegues
""")
GROUP_START = words_of("""
des deux trois quatre cinq six sept huit neuf dix plusieurs certains certaines autres d' nombre plupart
two three four five six seven eight nine ten several some many most other others dozens partie part
""")
NUMBERS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
           "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "un": 1, "une": 1, "one": 1, "a": 1}
# "l'entreprise", "the company": the lab the sentence named last, else the one the article names most.
ANAPHORS = frozenset({"entreprise", "societe", "startup", "start-up", "company", "firm", "laboratoire", "lab",
                      "groupe", "poste"})
# Nouns that stand for a lab only when the same sentence names it ("Tesla ... le constructeur automobile"):
# never the article's topic, which is rarely a carmaker.
NEAR_ANAPHORS = frozenset({"constructeur", "automaker", "carmaker", "geant", "giant"})
PRONOUNS = frozenset({"il", "elle", "he", "she"})  # the person the last sentence was about
# Definite nouns of one person that stand for the one the article is about: "le chercheur avait rejoint X en 2019".
PERSON_NOUNS = words_of("""
chercheur chercheuse scientifique ingenieur ingenieure dirigeant dirigeante interesse interessee researcher
scientist engineer executive
""")
# Before a lab after a departure: the lab is where they go ("quitte Microsoft pour OpenAI").
TO_MARKS = frozenset({"chez", "pour", "vers", "to", "at", "for", "rejoindre", "join", "joining"})
# Status: the words that decide it. A denial governs what follows it; a modal, the verb right after it.
DENIALS = ("dement*", "denied", "denies", "deny", "denying")
RUMOURS = ("pourrait", "pourraient", "devrait", "devraient", "envisage*", "talks", "discussions", "could",
           "might", "may", "expected", "set", "possible")
REPORTED = ("aurait", "auraient", "selon", "reportedly", "according", "rapporte", "reported", "said",
            "serait", "seraient")
CONFIRMED = ("annonc*", "announc*", "confirm*", "officiellement", "officially")
STOPWORDS = words_of("""
le la les l un une des de du d et ou a au aux en dans sur pour par avec sans ce cet cette ces son sa ses leur
leurs qui que quoi dont ou il elle ils elles on nous vous se the a an and or of in on at to for by with from as
that this these those his her its their he she it they we who whom which
""")


def matches(word: str, pattern: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def any_match(word: str, patterns: tuple[str, ...]) -> bool:
    return any(matches(word, p) for p in patterns)


@lru_cache(maxsize=65536)
def trigger_kind(word: str, lang: str) -> str | None:
    """The kind of move a folded word reports in `lang`, or None (remembered: `check --coverage` asks it of
    every word of every article no event cites)."""
    for pattern, kind in TRIGGERS.get(lang, TRIGGERS["en"]):
        if matches(word, pattern):
            return kind
    return None
