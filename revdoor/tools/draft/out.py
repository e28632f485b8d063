"""What `draft` hands the editor: one line a move on the terminal, a JSON list for tools, or (`--write`) event
files and new profiles, validated together exactly as `check` will see them, never over an existing file.

A proposal carries the event file's own fields, the sentence it comes from, and the words that decided its
status and date, quoted in its notes so the reviewer of the pull request can judge them. A move the site
already records (same people, labs and a date that agrees) is reported as such, not proposed again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...common.dates import DateError, FuzzyDate, parse_fuzzy
from ...common.names import slugify
from ...common.problems import Problem, sort_problems
from ...content.config import load_config
from ...content.load import parse_doc
from ...content.schema import SCHEMAS, validate
from ...modelling.assemble import assemble, read_all
from ...modelling.model import Model
from ...modelling.timelines import derive
from ..scaffold import FOLDERS, default_slug, render
from .context import Move
from .extract import ArticleText
from .names import LAB, PERSON


@dataclass(frozen=True)
class Proposal:
    fields: dict[str, Any]  # the event file's front matter, in the contract's order
    notes: str
    evidence: str
    line: int
    new_profiles: tuple[tuple[str, str], ...]  # (person or lab, name as found)
    recorded: str | None = None  # the existing event file that already records it


def proposal(move: Move, article: ArticleText, model: Model | None = None) -> Proposal:
    values: dict[str, Any] = {}
    if move.people:
        names = [p.name for p in move.people]
        values["people" if len(names) > 1 else "person"] = names if len(names) > 1 else names[0]
    else:
        values["unnamed"] = move.unnamed
        if move.count is not None:
            values["count"] = move.count
    values.update({"date": move.date, "type": move.type})
    if move.origin is not None:
        values["from"] = move.origin.name
    if move.to is not None:
        values["to"] = move.to.name
    for name, value in (("role", move.role), ("from_role", move.from_role)):
        if value:
            values[name] = value
    values["status"] = move.status
    values["sources"] = [article.slug]
    order = [f.name for f in SCHEMAS["event"]]
    values = {k: values[k] for k in order if k in values}
    new = tuple(dict.fromkeys([(PERSON, p.name) for p in move.people if p.slug is None]
                              + [(LAB, m.name) for m in (move.origin, move.to) if m is not None and m.slug is None]))
    return Proposal(values, notes(move, article), move.evidence, move.line, new,
                    recorded_as(move, model) if model is not None else None)


def notes(move: Move, article: ArticleText) -> str:
    said = f"{article.path}:{move.line}: \u201c{move.evidence}\u201d"
    how = (f"Status {move.status}: \u201c{move.status_words}\u201d." if move.status_words
           else f"Status {move.status}: the article states it as fact.")
    when = (f"Date {move.date}: \u201c{move.date_words}\u201d." if move.date_words else
            f"Date {move.date}: no date words; "
            + ("told as past, before the article's date." if move.date.startswith("before") else
               "a denied move is dated by the article's month." if move.status == "denied" else
               "told in the present, the article's month."))
    return f"Drafted by `build.py draft` from {said}\n\n{how} {when} To be checked against the article."


def _agrees(a: str, b: FuzzyDate) -> bool:
    try:
        d = parse_fuzzy(a)
    except DateError:
        return False
    if d.before or b.before:
        return d.sort_key[:3] <= b.sort_key[:3] if d.before else b.sort_key[:3] <= d.sort_key[:3]
    return d.year == b.year and (not d.month or not b.month or d.month == b.month) and (
        not d.day or not b.day or d.day == b.day)


def recorded_as(move: Move, model: Model) -> str | None:
    """The event file that already records this move: same people (or the same unnamed move), same labs, and
    dates that agree (one within the other, or before the other)."""
    if any(p.slug is None for p in move.people):
        return None
    people = {p.slug for p in move.people}
    origin = move.origin.slug if move.origin is not None else None
    to = move.to.slug if move.to is not None else None
    for e in model.events.values():
        same_who = set(e.people) == people if people else (e.unnamed is not None and e.type == move.type)
        if same_who and e.from_lab == origin and e.to_lab == to and _agrees(move.date, e.date):
            return e.path
    return None


def text_lines(proposals: Sequence[Proposal], article: ArticleText) -> list[str]:
    out = []
    for p in proposals:
        f = p.fields
        who = f.get("person") or ", ".join(f.get("people", [])) or f"{f['unnamed']}" + (
            f" ({f['count']})" if "count" in f else "")
        labs = f"{f.get('from', '?')} -> {f.get('to', '?')}"
        head = f"{article.path}:{p.line}: {f['type']}: {who}: {labs}, {f['date']}, {f['status']}"
        if p.recorded:
            out.append(f"{head}: already recorded: {p.recorded}")
            continue
        new = "; ".join(f"new {kind} profile: {name}" for kind, name in p.new_profiles)
        out.append(f"{head}{' (' + new + ')' if new else ''}\n    \u201c{p.evidence}\u201d")
    return out


def as_json(proposals: Sequence[Proposal]) -> str:
    items = [{**p.fields, "notes": p.notes, "evidence": p.evidence,
              "new_profiles": [{"kind": k, "name": n} for k, n in p.new_profiles],
              **({"already_recorded": p.recorded} if p.recorded else {})} for p in proposals]
    return json.dumps(items, ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class File:
    kind: str
    slug: str
    rel: str
    text: str


def files(root: Path, proposals: Sequence[Proposal]) -> list[File]:
    """The files `--write` would add: new profiles first, then events, each under a free name."""
    taken: set[str] = set()
    out: list[File] = []

    def free(kind: str, base: str) -> str:
        slug, n = base or "new", 1
        while f"{kind}/{slug}" in taken or (root / "content" / FOLDERS[kind] / f"{slug}.md").exists():
            n += 1
            slug = f"{base}-{n}"
        taken.add(f"{kind}/{slug}")
        return slug

    named: set[tuple[str, str]] = set()
    for p in proposals:
        if p.recorded:
            continue
        for kind, name in p.new_profiles:
            if (kind, name) in named:
                continue
            named.add((kind, name))
            slug = free(kind, slugify(name))
            body = f"Named in {p.fields['sources'][0]} (drafted by `build.py draft`): to be completed."
            out.append(File(kind, slug, f"content/{FOLDERS[kind]}/{slug}.md", render({"name": name}, body)))
    for p in proposals:
        if not p.recorded:
            slug = free("event", default_slug("event", p.fields))
            out.append(File("event", slug, f"content/events/{slug}.md", render(p.fields, p.notes)))
    return out


def problems_in(root: Path, new: Sequence[File]) -> list[Problem]:
    """What `check` would say about these files once all added to the site (other files' problems aside)."""
    config, problems = load_config(root)
    if config is None:
        return problems
    by_kind, _ = read_all(root, config, bodies=False)
    for f in new:
        doc, more = parse_doc(f.text.encode("utf-8"), f.rel, f.kind, f.slug)
        problems += more
        if doc is not None:
            values, more = validate(doc, config.language, config.languages[1:])
            problems += more
            by_kind[f.kind].append((doc, values))
    model, more = assemble(config, by_kind, bodies=False)
    problems += more
    _, more = derive(model)
    rels = {f.rel for f in new}
    return sort_problems(p for p in [*problems, *more] if p.path in rels)


def write(root: Path, new: Sequence[File]) -> list[str]:
    """Write each file; "x": never over an existing one, even one made since it was checked."""
    written = []
    for f in new:
        path = root / f.rel
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(path, "x", encoding="utf-8") as out:
                out.write(f.text)
        except FileExistsError:
            continue
        written.append(f.rel)
    return written
