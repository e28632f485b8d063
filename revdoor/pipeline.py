"""Load & validate -> model: everything `check` does, and the first half of every build.

Zola's `check` is "load everything, write nothing"; so is ours: `load_site` never writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assemble import assemble, read_all
from .cache import BodyCache
from .config import SiteConfig, load_config
from .model import Model
from .problems import Problem, has_errors, sort_problems
from .timelines import derive


@dataclass(frozen=True)
class Loaded:
    config: SiteConfig | None
    model: Model | None  # None when content has errors
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.model is not None


CACHE_FILE = Path(".cache") / "revdoor" / "bodies.pickle"


def load_site(root: Path, *, jobs: int | None = None, use_cache: bool = False) -> Loaded:
    """Read, validate and model the site in `root`; problems from every file, sorted, never raised.

    With `use_cache`, rendered Markdown is kept in `root/.cache/` between runs (safe to delete).
    """
    config, problems = load_config(root)
    if config is None:
        return Loaded(None, None, sort_problems(problems))
    by_kind, problems = read_all(root, config, jobs)
    cache = BodyCache(root / CACHE_FILE if use_cache else None)
    model, more = assemble(config, by_kind, cache, jobs)
    cache.save()
    problems += more
    model, more = derive(model)
    problems += more
    problems = sort_problems(problems)
    return Loaded(config, None if has_errors(problems) else model, problems)
