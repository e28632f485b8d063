"""Load & validate -> model: everything `check` does, and the first half of every build.

Zola's `check` is "load everything, write nothing"; so is ours: `load_site` never writes a file.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..common.problems import Problem, has_errors, sort_problems
from ..common.theme import reserved_ids, template_dirs
from ..content.bodylinks import candidates
from ..content.config import CACHE_DIR, SiteConfig, load_config
from ..content.load import RawDoc
from .assemble import assemble, read_all
from .cache import BodyCache, DocCache
from .model import Model
from .timelines import derive


@dataclass(frozen=True)
class Loaded:
    config: SiteConfig | None
    model: Model | None  # None when content has errors
    problems: list[Problem]
    timings: dict[str, float] = field(default_factory=dict)  # read, model, timelines: for --timings
    files: int = 0
    caches: Caches | None = None  # for the next load in this process (the preview server keeps them)
    linked: tuple[RawDoc, ...] = ()  # files whose bodies may link to pages or files (`linkcheck`)

    @property
    def ok(self) -> bool:
        return self.model is not None




@dataclass
class Caches:
    """Parsed files and rendered bodies: on disk for builds, in memory for the preview server."""

    docs: DocCache
    bodies: BodyCache

    @classmethod
    def open(cls, root: Path | None, language: str, languages: tuple[str, ...] = ()) -> Caches:
        base = root / CACHE_DIR if root is not None else None
        return cls(DocCache(base / "docs.pickle" if base else None, language, languages),
                   BodyCache(base / "bodies.pickle" if base else None))

    @classmethod
    def fitting(cls, caches: Caches | None, root: Path, config: SiteConfig, use_cache: bool) -> Caches:
        """`caches` when they were made for `config`'s languages, else new ones (on disk under `root` when
        `use_cache`): a parsed file or a body is kept per language set."""
        if caches is not None and (caches.docs.header["language"], caches.docs.header["languages"]) == (
                config.language, config.languages):
            return caches
        return cls.open(root if use_cache else None, config.language, config.languages)

    def save(self) -> None:
        self.docs.save()
        self.bodies.save()


def load_site(root: Path, *, jobs: int | None = None, use_cache: bool = False, caches: Caches | None = None,
              bodies: bool = True, base_url: str | None = None, save: bool = True) -> Loaded:
    """Read, validate and model the site in `root`; problems from every file, sorted, never raised.

    With `use_cache`, parsed files and rendered Markdown are kept in `root/.cache/` between runs (safe to
    delete); the preview server passes its own in-memory `caches` instead. `check` skips rendering `bodies`.
    `save=False`: the caller writes the caches (`Loaded.caches.save()`) when another process keeps the other
    core busy meanwhile (the builder does, while the social cards are drawn).
    """
    config, problems = load_config(root)
    if config is None:
        return Loaded(None, None, sort_problems(problems))
    if base_url is not None:  # the preview server's own address, so links and feeds point at it
        config = dataclasses.replace(config, base_url=base_url)
    clock = [time.perf_counter()]
    timings: dict[str, float] = {}

    def lap(name: str) -> None:
        now = time.perf_counter()
        timings[name], clock[0] = now - clock[0], now

    caches = Caches.fitting(caches, root, config, use_cache)
    by_kind, problems = read_all(root, config, jobs, caches.docs, bodies)
    lap("read+validate")
    model, more = assemble(config, by_kind, caches.bodies, jobs, bodies, reserved_ids(template_dirs(root)))
    if save:
        caches.save()
    problems += more
    lap("model")
    model, more = derive(model)
    problems += more
    problems = sort_problems(problems)
    lap("timelines")
    files = sum(len(v) for v in by_kind.values())
    linked = tuple(d for docs in by_kind.values() for d, _ in docs if d.body and candidates(d.body))
    return Loaded(config, None if has_errors(problems) else model, problems, timings, files, caches, linked)
