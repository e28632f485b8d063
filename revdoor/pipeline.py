"""Load & validate -> model: everything `check` does, and the first half of every build.

Zola's `check` is "load everything, write nothing"; so is ours: `load_site` never writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assemble import Renderer, assemble, read_all, render_serially
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


def load_site(root: Path, render: Renderer = render_serially) -> Loaded:
    """Read, validate and model the site in `root`; problems from every file, sorted, never raised."""
    config, problems = load_config(root)
    if config is None:
        return Loaded(None, None, sort_problems(problems))
    by_kind, problems = read_all(root, config)
    model, more = assemble(config, by_kind, render)
    problems += more
    model, more = derive(model)
    problems += more
    problems = sort_problems(problems)
    return Loaded(config, None if has_errors(problems) else model, problems)
