"""A deterministic synthetic site in the editors' contract, at the benchmark's sizes.

    python -m bench.corpus OUT --size S [--seed 1] [--force]
    python -m bench.corpus OUT --people 20 --labs 6 --events 60 --articles 15

Writes OUT/site.toml and OUT/content/{people,labs,events,articles}/*.md; the same arguments always give
byte-identical files. Moves come from a small simulation replayed in the order the generator's model sorts
them (`FuzzyDate.sort_key`, then slug), so every career is coherent and the corpus checks with no errors:
each person has a current lab, a move or departure leaves it, rumours and denials never change it, and a
person's events are at least two months apart so none looks like a duplicate of another.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from revdoor.common.dates import FuzzyDate
from revdoor.common.names import key, slugify

from . import vocab

SIZES: dict[str, tuple[int, int, int, int]] = {  # events, people, labs, articles
    "S": (1_000, 200, 40, 300),
    "M": (10_000, 2_000, 150, 3_000),
    "L": (50_000, 10_000, 500, 15_000),
    "XL": (200_000, 40_000, 1_000, 50_000),
}
FIRST_DAY, DAYS = dt.date(2012, 1, 1), 365 * 14  # moves from 2012 to the end of 2025
SPACING = dt.timedelta(days=75)  # between one person's events: more than the 60 days of the duplicate check


@dataclass
class Person:
    slug: str
    name: str
    aliases: list[str]
    weight: float
    lab: Lab | None = None  # where the simulation has them now
    role: str | None = None
    free_from: dt.date = FIRST_DAY  # no new event for them before this day


@dataclass
class Lab:
    slug: str
    name: str
    aliases: list[str]
    kind: str
    parent: Lab | None
    weight: float
    members: dict[str, Person] = field(default_factory=dict)  # ordered: sets of str iterate by hash seed


@dataclass
class Move:
    slug: str
    date: FuzzyDate
    type: str
    status: str | None  # None: the contract's default (reported)
    people: list[Person]
    src: Lab | None = None
    dst: Lab | None = None
    role: str | None = None
    from_role: str | None = None
    unnamed: str | None = None
    count: int | None = None
    sources: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    people: list[Person]
    labs: list[Lab]
    moves: list[Move]


class Names:
    """Keys already claimed (slug, name and aliases fold to one key): a reference never names two profiles."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, text: str) -> bool:
        k = key(text)
        if not k or k in self.used:
            return False
        self.used.add(k)
        return True


def make_people(rng: random.Random, n: int) -> list[Person]:
    names, people = Names(), []
    while len(people) < n:
        given, family = rng.choice(vocab.GIVEN), rng.choice(vocab.FAMILY)
        if rng.random() < 0.2:
            family = f"{rng.choice('ABCDEFGHJKLMNPRSTW')}. {family}"
        name = f"{given} {family}"
        if not names.claim(name):
            continue
        bare = family.split(". ")[-1]
        aliases = [a for a in (f"{vocab.NICKNAMES[given]} {bare}" if given in vocab.NICKNAMES else "",
                               f"{given[0]}. {bare}" if rng.random() < 0.3 else "",
                               bare if rng.random() < 0.05 else "")  # the press's "Soliman"
                   if a and names.claim(a)]
        people.append(Person(slugify(name), name, aliases, rng.paretovariate(1.5)))
    return people


def make_labs(rng: random.Random, n: int) -> list[Lab]:
    names, labs = Names(), []
    by_name: dict[str, Lab] = {}
    for name, kind, aliases, parent in vocab.KNOWN_LABS[:n]:
        names.claim(name)
        lab = Lab(slugify(name), name, [a for a in aliases if names.claim(a)], kind, by_name.get(parent or ""), 0.0)
        by_name[name] = lab
        labs.append(lab)
    while len(labs) < n:
        r, parent = rng.random(), None
        if r < 0.15:  # a branch: "Google DeepMind Zürich" belongs to Google DeepMind
            parent = labs[rng.randrange(min(len(labs), 30))]
            name, kind = f"{parent.name} {rng.choice(vocab.LAB_CITIES)}", "lab"
        elif r < 0.25:
            name, kind = f"Université de {rng.choice(vocab.LAB_CITIES)}", "university"
        else:
            words = rng.sample(vocab.LAB_WORDS, 2 if rng.random() < 0.35 else 1)
            name = " ".join([*words, rng.choice(vocab.LAB_TAILS)])
            kind = rng.choice(("startup", "startup", "startup", "company", "lab", "nonprofit"))
        if not names.claim(name):
            continue
        initials = "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isalpha()).upper()
        aliases = [initials] if rng.random() < 0.25 and len(initials) >= 3 and names.claim(initials) else []
        labs.append(Lab(slugify(name), name, aliases, kind, parent, 0.0))
    for rank, lab in enumerate(labs, 1):
        lab.weight = 1 / rank**0.8  # a few big labs, a long tail
    return labs


def random_dates(rng: random.Random, n: int) -> list[FuzzyDate]:
    """Dates with the precision the press gives: mostly days, some months, a few years and 'before's."""
    out = []
    for _ in range(n):
        day = FIRST_DAY + dt.timedelta(days=int(DAYS * rng.random() ** 0.6))  # more moves lately
        r = rng.random()
        if r < 0.55:
            out.append(FuzzyDate(day.year, day.month, day.day))
        elif r < 0.85:
            out.append(FuzzyDate(day.year, day.month))
        elif r < 0.95:
            out.append(FuzzyDate(day.year))
        else:
            out.append(FuzzyDate(day.year, day.month, day.day if r < 0.98 else 0, before=True))
    return sorted(out, key=lambda d: d.sort_key)


class Simulation:
    """Replays moves in date order; every choice depends only on the seed."""

    def __init__(self, rng: random.Random, people: list[Person], labs: list[Lab]) -> None:
        self.rng, self.people, self.labs = rng, people, labs
        self.person_cum = list(itertools.accumulate(p.weight for p in people))
        self.lab_cum = list(itertools.accumulate(lab.weight for lab in labs))
        self.startups = [lab for lab in labs if lab.kind == "startup"] or labs

    def pick_person(self, date: FuzzyDate) -> Person | None:
        for _ in range(8):
            i = bisect.bisect_left(self.person_cum, self.rng.random() * self.person_cum[-1])
            person = self.people[min(i, len(self.people) - 1)]
            if person.free_from <= date.start:
                return person
        return None

    def pick_lab(self, avoid: Lab | None = None, pool: list[Lab] | None = None) -> Lab:
        for _ in range(20):
            if pool is None:
                i = bisect.bisect_left(self.lab_cum, self.rng.random() * self.lab_cum[-1])
                lab = self.labs[min(i, len(self.labs) - 1)]
            else:
                lab = self.rng.choice(pool)
            if lab is not avoid:
                return lab
        return next(lab for lab in self.labs if lab is not avoid)

    def status(self) -> str | None:
        return self.rng.choices(("confirmed", "reported", None, "rumored", "denied"), (55, 18, 12, 10, 5))[0]

    def step(self, date: FuzzyDate) -> Move:
        rng = self.rng
        r = rng.random()
        if r < 0.06 and len(self.labs) > 1:
            group = self.group_move(date)
            if group:
                return group
        person = self.pick_person(date) if r >= 0.04 else None
        if person is None:
            return self.unnamed_move(date)
        move = Move("", date, "", self.status(), [person])
        here = person.lab
        if here is None:
            move.type = rng.choices(("arrival", "founding"), (5, 1))[0]
        else:
            move.type = rng.choices(("move", "departure", "role-change", "founding"), (60, 14, 16, 6))[0]
        if move.type in ("move", "departure") or (move.type == "founding" and here is not None):
            move.src, move.from_role = here, person.role if rng.random() < 0.3 else None
        if move.type == "role-change":
            move.dst, move.role = here, rng.choice(vocab.ROLES)
        elif move.type == "founding":
            move.dst, move.role = self.pick_lab(here, self.startups), rng.choice(("Co-founder", "CEO", None))
        elif move.type in ("move", "arrival"):
            move.dst = self.pick_lab(here)
            move.role = rng.choice(vocab.ROLES) if rng.random() < 0.5 else None
        self.apply(move)
        return move

    def group_move(self, date: FuzzyDate) -> Move | None:
        """Two to four colleagues leaving one lab together (the Zoph, Metz and Schoenholz kind)."""
        lab = self.pick_lab()
        ready = [p for p in lab.members.values() if p.free_from <= date.start]
        if len(ready) < 2:
            return None
        who = self.rng.sample(ready, min(len(ready), self.rng.randint(2, 4)))
        move = Move("", date, "move", self.status(), who, src=lab, dst=self.pick_lab(lab))
        self.apply(move)
        return move

    def unnamed_move(self, date: FuzzyDate) -> Move:
        """'Three OpenAI researchers': counted in flows, on nobody's timeline."""
        rng = self.rng
        kind = rng.choice(("move", "move", "departure", "arrival"))
        src = self.pick_lab() if kind != "arrival" else None
        dst = self.pick_lab(src) if kind != "departure" else None
        n = rng.choice(sorted(vocab.NUMBERS))
        lab = (src or dst)
        assert lab is not None
        text = rng.choice(vocab.UNNAMED["en"]).format(n=vocab.NUMBERS[n], lab=lab.name)
        return Move("", date, kind, self.status(), [], src, dst, unnamed=text, count=n if rng.random() < 0.8 else None)

    def apply(self, move: Move) -> None:
        for person in move.people:
            person.free_from = move.date.end + SPACING
            if move.status in ("rumored", "denied"):
                continue  # rumours never change an affiliation
            if person.lab is not None and move.type != "role-change":
                person.lab.members.pop(person.slug, None)
            person.lab = None if move.type == "departure" else move.dst
            person.role = move.role
            if person.lab is not None:
                person.lab.members[person.slug] = person


def event_slug(move: Move, taken: set[str]) -> str:
    lab = move.dst or move.src
    assert lab is not None
    who = move.people[0].slug if move.people else f"{move.count or 'some'}-people"
    base = "-".join(s for s in slugify(f"{move.date.iso} {who} {move.type} {lab.slug}")[:90].split("-") if s)
    slug, i = base, 2
    while slug in taken:
        slug, i = f"{base}-{i}", i + 1
    taken.add(slug)
    return slug


def simulate(seed: int, events: int, people: int, labs: int) -> Corpus:
    rng = random.Random(seed)
    who, where = make_people(rng, people), make_labs(rng, labs)
    sim = Simulation(rng, who, where)
    moves = [sim.step(date) for date in random_dates(rng, events)]
    taken: set[str] = set()
    for move in moves:
        move.slug = event_slug(move, taken)
    # Dates are replayed in sort order; equal dates are ordered by slug in the model, so a person's two
    # events never share a date (SPACING) and the model's replay is the simulation's.
    return Corpus(who, where, moves)


def main(argv: list[str] | None = None) -> int:
    from .texts import write_site

    ap = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", choices=sorted(SIZES), default=None)
    ap.add_argument("--events", type=int)
    ap.add_argument("--people", type=int)
    ap.add_argument("--labs", type=int)
    ap.add_argument("--articles", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="replace OUT/content and OUT/site.toml if present")
    args = ap.parse_args(argv)
    counts = list(SIZES[args.size or "S"])
    for i, name in enumerate(("events", "people", "labs", "articles")):
        if getattr(args, name) is not None:
            counts[i] = getattr(args, name)
    if min(counts[1:3]) < 2 or counts[0] < 1 or counts[3] < 0:
        ap.error("at least 1 event, 2 people and 2 labs")
    if (args.out / "content").exists() and not args.force:
        print(f"{args.out / 'content'} exists: pass --force to replace it", file=sys.stderr)
        return 2
    files = write_site(args.out, *counts, seed=args.seed)
    print(f"wrote {files} files into {args.out} (events, people, labs, articles: {counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
