"""Renames that never break links: `redirect_from` lists a profile's old slugs, whose URLs keep working.

Each old slug must lead to one profile: not listed twice in a kind, and never the slug of a live profile
of that kind (its page would be overwritten by the redirect, or the redirect by it). Pure: the model
(assemble) and `check --changed` (changes) call these with what they read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..common.problems import Problem, error
from .load import RawDoc, iter_lines

FOLDERS = {"person": "people", "lab": "labs", "article": "articles"}


def redirect_problems(docs: Iterable[tuple[RawDoc, dict[str, Any]]]) -> list[Problem]:
    """The cross-file rules of one kind's redirect_from (each value is already a valid slug)."""
    docs = list(docs)
    live = {d.slug: d.path for d, _ in docs}
    claimed: dict[str, str] = {}
    problems = []
    for d, v in docs:
        for old, line in zip(v.get("redirect_from", ()), iter_lines(d, "redirect_from"), strict=False):
            if old in live:
                problems.append(error(d.path, line, "redirect_from", f"{old!r} is the slug of {live[old]}",
                                      "a page that exists cannot also redirect: remove it from redirect_from"))
            elif old in claimed:
                problems.append(error(d.path, line, "redirect_from", f"{old!r} is already redirected by "
                                      f"{claimed[old]}", "each old slug must lead to one profile"))
            else:
                claimed[old] = d.path
    return problems


def unredirected(removed: Iterable[str], redirected: Mapping[str, Iterable[str]]) -> list[str]:
    """Profile files ("content/people/x.md") removed without their slug in any redirect_from of their kind.

    `redirected` maps a kind ("person") to the old slugs its profiles list."""
    folder_kind = {folder: kind for kind, folder in FOLDERS.items()}
    out = []
    for path in sorted(removed):
        parts = path.split("/")
        if len(parts) != 3 or parts[0] != "content" or parts[1] not in folder_kind or not parts[2].endswith(".md"):
            continue
        if parts[2].removesuffix(".md") not in set(redirected.get(folder_kind[parts[1]], ())):
            out.append(path)
    return out
