"""References: "Lukasz", "sebastien bubeck", "DeepMind" -> the one profile they name.

A reference resolves by slug, name or alias, ignoring case, accents, spaces and punctuation (`names.key`).
The index is built once from every profile; two profiles claiming the same name is itself an error, so a
reference can never silently pick one of two people.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..common.names import key
from ..common.problems import Problem, error
from .load import RawDoc

KIND_WORD = {"person": "person", "lab": "lab", "article": "article"}


@dataclass
class NameIndex:
    """key -> slugs, for one kind of profile (people or labs)."""

    kind: str
    by_key: dict[str, set[str]] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)  # slug -> name, for suggestions
    owner: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (slug, path) that first claimed it
    # key -> (path, line, field, text) of each name or alias (not slugs), to find clashes with the other kind
    claims: dict[str, tuple[str, int, str, str]] = field(default_factory=dict)

    def add(self, slug: str, name: str, aliases: Iterable[str], path: str, lines: Iterable[int],
            name_line: int = 1) -> list[Problem]:
        """Register a profile; report a name or alias already claimed by another profile."""
        self.display[slug] = name
        problems = []
        seen: set[str] = set()
        # The slug last, so that a name shared with another profile is reported on the name's line.
        for (text, line, fieldname) in [(name, name_line, "name"),
                                        *((a, ln, "aliases") for a, ln in zip(aliases, lines, strict=False)),
                                        (slug, 1, None)]:
            k = key(text)
            if fieldname is not None and k:
                self.claims.setdefault(k, (path, line or 1, fieldname, text))
            if not k or k in seen:
                continue
            seen.add(k)
            self.by_key.setdefault(k, set()).add(slug)
            first = self.owner.setdefault(k, (slug, path))
            if first[0] != slug and fieldname is not None:
                problems.append(error(path, line or 1, fieldname,
                                      f"{text!r} is already a name or alias of {first[1]}",
                                      "each name and alias must lead to one profile"))
            elif first[0] != slug and k in self.claims:
                # This slug is another profile's name or alias: report it there, exactly as when this file is
                # read first, or the outcome would hang on file order (and "use the slug" could not help).
                at, line_at, field_at, text_at = self.claims[k]
                problems.append(error(at, line_at, field_at, f"{text_at!r} is already a name or alias of {path}",
                                      "each name and alias must lead to one profile"))
        return problems

    def resolve(self, text: str) -> set[str]:
        return self.by_key.get(key(text), set())

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Closest names, for 'did you mean'."""
        names = {key(v): v for v in self.display.values()}
        close = difflib.get_close_matches(key(text), list(self.by_key), n=n * 2, cutoff=0.6)
        out: list[str] = []
        for k in close:
            slug = sorted(self.by_key[k])[0]
            label = self.display.get(slug, slug)
            if label not in out:
                out.append(label)
        if not out:
            out = [names[k] for k in difflib.get_close_matches(key(text), list(names), n=n, cutoff=0.5)]
        return out[:n]


def build_index(kind: str, docs: Iterable[tuple[RawDoc, dict[str, Any]]]) -> tuple[NameIndex, list[Problem]]:
    index = NameIndex(kind)
    problems: list[Problem] = []
    for doc, values in docs:
        name = values.get("name", doc.slug)
        aliases = values.get("aliases", ())
        lines = doc.item_lines.get("aliases", ()) or [doc.line("aliases")] * len(aliases)
        problems += index.add(doc.slug, name, aliases, doc.path, lines, doc.line("name"))
    return index, problems


def clashes(people: NameIndex, labs: NameIndex) -> list[Problem]:
    """A lab named like a person: front matter would still know which is meant, but a reader, search and the
    linking of names in article text would not, so it is the same mistake as two people sharing a name."""
    problems = []
    for k, (path, line, fieldname, text) in labs.claims.items():
        if k in people.claims:
            problems.append(error(path, line, fieldname, f"{text!r} is already a name or alias of "
                                  f"{people.claims[k][0]}", "each name and alias must lead to one profile"))
    return problems


def resolve_one(
    index: NameIndex, text: str, doc: RawDoc, fieldname: str, line: int
) -> tuple[str | None, list[Problem]]:
    """One reference -> slug, or a problem naming the closest names or the two candidates."""
    slugs = index.resolve(text)
    if len(slugs) == 1:
        return next(iter(slugs)), []
    word = KIND_WORD[index.kind]
    if not slugs:
        close = index.suggest(text)
        hint = ("did you mean " + " or ".join(repr(c) for c in close) + "?") if close else \
            f"add a profile in content/{'people' if word == 'person' else 'labs'}/"
        return None, [error(doc.path, line, fieldname, f"unknown {word} {text!r}", hint)]
    names = sorted(f"{index.display[s]} ({s})" for s in slugs)
    return None, [error(doc.path, line, fieldname, f"{text!r} could be {' or '.join(names)}",
                        "use the slug to say which")]
