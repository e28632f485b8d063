"""`python build.py new event|person|lab|article|page`: write a new content file that `check` accepts.

The file is validated before it is written, exactly as `check` would see it in the site: its own fields
by `schema.validate`, its references against every profile by `assemble` (so "to: Antrhopic" is refused
with "did you mean 'Anthropic'?"). Nothing is written when there is an error, and an existing file is
never overwritten. Flags are generated from `schema.SCHEMAS`, so a new field is a new flag for free.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..common.names import is_slug, slugify
from ..common.problems import Problem, error, has_errors, sort_problems
from ..content.bodylinks import FOLDER_OF
from ..content.config import load_config
from ..content.load import parse_doc
from ..content.schema import SCHEMAS, TYPE_RULES, Field, validate
from ..modelling.assemble import assemble, read_all
from ..modelling.timelines import derive

FOLDERS = FOLDER_OF
LIST_KINDS = ("texts", "refs", "sources")
Ask = Callable[[str], str]


@dataclass(frozen=True)
class Draft:
    """A file about to be written: where, and its exact text."""

    path: Path
    rel: str
    text: str


# `--source DIR` is the site, as for every command; an article's `source` field takes another flag.
RENAMED = {"source": "--publication"}


def flag(spec: Field) -> str:
    return RENAMED.get(spec.name, "--" + spec.name.replace("_", "-"))


def dest(spec: Field) -> str:
    return f"field_{spec.name}"  # apart from the command's own options (`--source DIR`)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """One flag per field of any kind (a kind refuses the flags it has not), plus slug and body."""
    p.add_argument("content_kind", choices=tuple(FOLDERS), metavar="KIND",
                   help="what to add: event, person, lab, article or page")  # `kind` is a lab field
    p.add_argument("--slug", help="file name without .md (default: made from the name, title or move)")
    p.add_argument("--body", default="", help="Markdown below the front matter (notes, bio, article text)")
    seen: set[str] = set()
    for fields in SCHEMAS.values():
        for spec in fields:
            if spec.name in seen:
                continue
            seen.add(spec.name)
            kinds = [k for k, fs in SCHEMAS.items() if any(f.name == spec.name for f in fs)]
            where = "" if len(kinds) == len(SCHEMAS) else f" [{', '.join(kinds)}]"
            if spec.kind == "links":
                p.add_argument(flag(spec), dest=dest(spec), action="append", metavar="LABEL=URL",
                               help=f"{spec.doc}{where} (repeat the flag)")
            elif spec.kind in LIST_KINDS:
                p.add_argument(flag(spec), dest=dest(spec), action="append", metavar="TEXT",
                               help=f"{spec.doc}{where} (repeat the flag, or separate with commas)")
            else:
                p.add_argument(flag(spec), dest=dest(spec), metavar=spec.name.upper(), help=f"{spec.doc}{where}")


def values_from_args(args: argparse.Namespace) -> tuple[dict[str, Any], list[str]]:
    """The front matter the flags give, in the contract's order, and the flags that do not fit the kind."""
    fields = {spec.name: spec for spec in SCHEMAS[args.content_kind]}
    values: dict[str, Any] = {}
    wrong = []
    for kind_fields in SCHEMAS.values():
        for spec in kind_fields:
            raw = getattr(args, dest(spec), None)
            if raw is None or spec.name in values:
                continue
            if spec.name not in fields:
                wrong.append(flag(spec))
                continue
            values[spec.name] = convert(fields[spec.name], raw)
    ordered = {name: values[name] for name in fields if name in values}
    return ordered, sorted(set(wrong))


def convert(spec: Field, raw: Any) -> Any:
    """Flag text -> the YAML value an editor would write (lists split on commas, counts as numbers)."""
    if spec.kind == "links":
        items = raw if isinstance(raw, list) else [raw]
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in items)
    if spec.kind in LIST_KINDS:
        items = raw if isinstance(raw, list) else [raw]
        return [part.strip() for item in items for part in item.split(",") if part.strip()]
    if spec.kind == "count":
        return int(raw) if str(raw).strip().isdigit() else raw
    if spec.kind == "flag":  # --hidden true
        return {"true": True, "false": False}.get(str(raw).strip().lower(), raw)
    return raw


def prompt_missing(kind: str, values: dict[str, Any], ask: Ask) -> dict[str, Any]:
    """In a terminal: ask for each required field still missing (and, for events, who moved)."""
    out = dict(values)
    needed = [spec for spec in SCHEMAS[kind] if spec.required and spec.name not in out]
    if kind == "event" and not {"person", "people", "unnamed"} & set(out):
        needed.insert(0, next(s for s in SCHEMAS["event"] if s.name == "person"))
    for spec in needed:
        hint = f" ({', '.join(spec.choices)})" if spec.choices else ""
        answer = ask(f"{spec.name}{hint} - {spec.doc}\n> ").strip()
        if answer:
            out[spec.name] = convert(spec, answer)
    if kind == "event" and "type" in out:
        for name in TYPE_RULES.get(out["type"], ((), ""))[0]:
            if name not in out:
                answer = ask(f"{name} - {TYPE_RULES[out['type']][1]}\n> ").strip()
                if answer:
                    out[name] = answer
    return {spec.name: out[spec.name] for spec in SCHEMAS[kind] if spec.name in out}


def default_slug(kind: str, values: dict[str, Any]) -> str:
    """'Mira Murati' -> mira-murati; an event: who, then from and to ('mira-murati-openai-to-meta')."""
    if kind in ("person", "lab"):
        return slugify(str(values.get("name", "")))
    if kind in ("article", "page"):
        return slugify(str(values.get("title", "")))[:80].strip("-")
    who = values.get("person") or " ".join(values.get("people", [])[:3]) or values.get("unnamed", "")
    parts = [str(who), str(values.get("from", "")), "to" if values.get("to") else "", str(values.get("to", ""))]
    if not values.get("from") and not values.get("to"):
        parts.append(str(values.get("type", "")))
    return slugify(" ".join(parts))[:80].strip("-")


def render(values: dict[str, Any], body: str) -> str:
    """Front matter in the contract's order: lists inline ([a, b]), mappings as blocks, YAML's own quoting."""
    front = "".join(yaml.safe_dump({name: value}, sort_keys=False, allow_unicode=True, width=10_000,
                                   default_flow_style=None if isinstance(value, list) else False)
                    for name, value in values.items())
    body = body.strip("\n")
    return f"---\n{front}---\n" + (f"{body}\n" if body else "")


def draft(root: Path, kind: str, values: dict[str, Any], slug: str | None, body: str = "") -> tuple[Draft | None,
                                                                                                     list[Problem]]:
    """The file to write and the problems `check` would report in it; nothing is written here."""
    slug = slug or default_slug(kind, values)
    rel = f"content/{FOLDERS[kind]}/{slug or 'new'}.md"
    if not slug or not is_slug(slug):
        suggestion = slugify(slug or "") or "a-short-name"
        return None, [error(rel, 1, None, f"{slug!r} is not a valid slug",
                            f"use lowercase ASCII letters, digits and hyphens, e.g. --slug {suggestion}")]
    path = root / rel
    if path.exists():
        return None, [error(rel, 1, None, "already exists: nothing was written",
                            "choose another --slug, or edit the existing file")]
    text = render(values, body)
    return Draft(path, rel, text), problems_in(root, kind, slug, rel, text)


def problems_in(root: Path, kind: str, slug: str, rel: str, text: str) -> list[Problem]:
    """What `check` would say about this one file once added to the site (other files' problems aside)."""
    config, problems = load_config(root)
    if config is None:
        return problems
    doc, problems = parse_doc(text.encode("utf-8"), rel, kind, slug)
    if doc is None:
        return problems
    values, problems = validate(doc, config.language, config.languages[1:])
    by_kind, _ = read_all(root, config, bodies=False)
    by_kind[kind].append((doc, values))
    model, more = assemble(config, by_kind, bodies=False)
    problems += more
    _, more = derive(model)
    problems += more
    return sort_problems(p for p in problems if p.path == rel)


def cmd_new(args: argparse.Namespace, ask: Ask | None = None) -> int:
    """Exit 0 when written, 1 when `check` would refuse the file (nothing written), 2 for wrong flags."""
    values, wrong = values_from_args(args)
    if wrong:
        print(f"error: {args.content_kind} files have no {', '.join(wrong)}; "
              f"fields: {', '.join(s.name for s in SCHEMAS[args.content_kind])}", file=sys.stderr)
        return 2
    if ask is None and sys.stdin is not None and sys.stdin.isatty():
        ask = input
    if ask is not None:
        values = prompt_missing(args.content_kind, values, ask)
    new, problems = draft(args.source, args.content_kind, values, args.slug, args.body)
    for p in problems:
        print(p.text())
    if new is None or has_errors(problems):
        print(f"nothing was written: fix the {'error' if len(problems) == 1 else 'errors'} above", file=sys.stderr)
        return 1
    new.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(new.path, "x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
            f.write(new.text)
    except FileExistsError:
        print(f"{new.rel}:1: already exists: nothing was written", file=sys.stderr)
        return 1
    print(f"wrote {new.rel}")
    return 0
