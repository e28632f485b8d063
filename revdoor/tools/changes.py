"""`check --changed BASE`: the pages a pull request adds, changes and removes, for its reviewer.

The content of BASE (a git commit, branch or tag) is read with `git archive` into a temporary directory;
both sites are modelled and every page fingerprinted (fingerprints.py: a hash of everything a page shows),
with the working tree's templates for both, so only what the content changes shows. A profile removed
without its slug in any `redirect_from` of its kind is an error: its old URL would break (redirects.py).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..common.problems import Problem, error, has_errors, sort_problems, summary
from ..common.theme import template_dirs
from ..content.redirects import FOLDERS, unredirected
from ..modelling.model import Model
from ..modelling.pipeline import load_site
from ..output import render
from ..site import fingerprints
from ..site.languages import Languages, site_pages
from ..site.pages import Page

SITE_FILES = ("content", "site.toml")


class GitError(Exception):
    """BASE cannot be read (not a repository, unknown revision): a usage error, not a content one."""


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    def lines(self) -> list[str]:
        return ([f"added {u}" for u in self.added] + [f"changed {u}" for u in self.changed]
                + [f"removed {u}" for u in self.removed])

    def summary(self) -> str:
        return f"pages: {len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed"


@dataclass(frozen=True)
class Snapshot:
    """Every page the builder would write for one model, with its fingerprint and what renders it."""

    pages: dict[str, Page]
    prints: dict[str, bytes]
    env: render.Environments

    @classmethod
    def of(cls, model: Model, templates: list[Path]) -> Snapshot:
        langs = Languages.of(model.config)
        salts = fingerprints.Salts(templates, model.config)
        # Social cards are pictures of pages listed here already (and drawing them costs): not listed.
        pages = [p for p in site_pages(model, langs) if p.card is None]
        prints = fingerprints.fingerprints(pages, salts)
        return cls({p.url: p for p in pages}, prints, render.environments(templates, model.config, langs.urls))

    def render(self, url: str) -> bytes:
        return render.render_page(self.env, self.pages[url])


def compare(before: Snapshot | None, after: Snapshot) -> Changes:
    """A page changed when its bytes do. A fingerprint covers more than a page shows (a feed counts its
    person whole), so only the pages whose fingerprints differ are rendered, on both sides, and compared."""
    old = before.pages if before else {}
    candidates = sorted(u for u in after.pages.keys() & old.keys() if before and after.prints[u] != before.prints[u])
    changed = tuple(u for u in candidates if before and before.render(u) != after.render(u))
    added, removed = sorted(after.pages.keys() - old.keys()), sorted(old.keys() - after.pages.keys())
    return Changes(tuple(added), changed, tuple(removed))


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:][0]
                       if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


def extract(source: Path, base: str, dest: Path) -> None:
    """Write BASE's content/ and site.toml of the site in `source` (any folder of a repository) into `dest`."""
    top = Path(_git(source, "rev-parse", "--show-toplevel").decode().strip())
    prefix = _git(source, "rev-parse", "--show-prefix").decode().strip()
    tree = f"{base}:{prefix}"
    present = set(_git(top, "ls-tree", "--name-only", tree).decode().splitlines())
    wanted = [name for name in SITE_FILES if name in present]
    if not wanted:
        return  # BASE had no site here: every page is new
    data = _git(top, "archive", "--format=tar", tree, *wanted)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")


def profile_files(root: Path) -> set[str]:
    return {f"content/{folder}/{p.name}" for folder in FOLDERS.values()
            for p in (root / "content" / folder).glob("*.md")}


def rename_problems(source: Path, base_root: Path, model: Model) -> list[Problem]:
    """Profiles removed since BASE whose slug no profile lists in redirect_from: their URLs would break."""
    redirected = {"person": [s for p in model.people.values() for s in p.redirect_from],
                  "lab": [s for x in model.labs.values() for s in x.redirect_from],
                  "article": [s for a in model.articles.values() for s in a.redirect_from]}
    removed = profile_files(base_root) - profile_files(source)
    problems = []
    for path in unredirected(removed, redirected):
        folder, name = path.split("/")[1:]
        slug = name.removesuffix(".md")
        problems.append(error(path, 1, None, f"removed without a redirect: /{folder}/{slug}/ would break",
                              f"list '{slug}' in redirect_from of the profile that replaces it"))
    return problems


def changes_against(source: Path, base: str, log: Callable[[str], None]
                    ) -> tuple[Changes | None, list[Problem], Model | None]:
    """(the page changes, the working tree's problems, its model); no changes nor model when the working tree
    has errors."""
    loaded = load_site(source)
    if loaded.model is None:
        return None, loaded.problems, None
    templates = template_dirs(source)
    with tempfile.TemporaryDirectory(prefix="revdoor-base-") as tmp:
        root = Path(tmp)
        extract(source, base, root)
        before = None
        if (root / "site.toml").is_file():
            old = load_site(root)
            if old.model is None:
                log(f"note: {base} does not build ({summary(old.problems)}): every page is listed as added")
            else:
                before = Snapshot.of(old.model, templates)
        problems = sort_problems(loaded.problems + rename_problems(source, root, loaded.model))
    return compare(before, Snapshot.of(loaded.model, templates)), problems, loaded.model


def markdown(changes: Changes, base: str) -> str:
    """The report for a job summary ($GITHUB_STEP_SUMMARY)."""
    out = ["### Pages this change adds, changes and removes", "",
           f"Against `{base}`: {changes.summary().removeprefix('pages: ')}.", ""]
    out += [f"- {line.split(' ', 1)[0]} `{line.split(' ', 1)[1]}`" for line in changes.lines()]
    return "\n".join(out).rstrip() + "\n"


def _command_text(text: str) -> str:
    """A workflow command's message: newlines and % escaped as GitHub reads them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def cmd_changed(base: str, source: Path, fmt: str, strict: bool, summary_file: Path | None,
                notices: Callable[[Model], Sequence[str]] | None = None) -> int:
    """`notices`: the lines to print after the problems for the working tree's model (`check --coverage`'s),
    which never fail the check."""
    try:
        changes, problems, model = changes_against(source, base, lambda line: print(line, file=sys.stderr))
    except GitError as exc:
        print(f"error: --changed {base}: {exc}", file=sys.stderr)
        return 2
    if changes is not None:
        if fmt == "github":
            body = "\n".join([f"{changes.summary()} (against {base})", *changes.lines()])
            print(f"::notice title=Pages changed::{_command_text(body)}")
        else:
            for line in changes.lines():
                print(line)
            print(changes.summary())
        if summary_file is not None:
            with open(summary_file, "a", encoding="utf-8") as f:
                f.write(markdown(changes, base))
    for p in problems:
        print(p.github() if fmt == "github" else p.text())
    for line in notices(model) if notices and model else ():  # never fail, even --strict
        print(line)
    print(summary(problems), file=sys.stderr if fmt == "github" else sys.stdout)
    return 1 if has_errors(problems) or (strict and bool(problems)) else 0
