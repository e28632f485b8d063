"""Spread per-item work over the cores with forked processes.

Fork lets workers inherit what the parent already holds (the name index, the Jinja environment, the model)
without pickling it; only each chunk's results travel back. Below a threshold a pool costs more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _TASK is not None
    fn, items = _TASK
    return [fn(item) for item in items[bounds[0]:bounds[1]]]


def map_ordered(fn: Callable[[T], R], items: Sequence[T], jobs: int | None = None, threshold: int = 200,
                progress: Callable[[int], None] | None = None) -> list[R]:
    """[fn(x) for x in items], in order, over `jobs` forked processes when there are enough items.

    `progress(n)` is told each time n more items are done (per chunk when parallel).
    """
    global _TASK
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(items) < threshold or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for x in items:
            results.append(fn(x))
            if progress:
                progress(1)
        return results
    _TASK = (fn, items)
    # Every object alive now moves out of the collector's sight until the pool is done: a collection in a
    # worker would otherwise walk (and so copy, page by page) the whole model it shares with this process,
    # and one here would walk it for nothing. Python's documented recipe for fork without exec.
    gc.freeze()
    try:
        size = max(20, len(items) // (jobs * 8))  # several chunks per process evens out uneven pages
        chunks = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
        parts: list[list[R] | None] = [None] * len(chunks)
        # The parent takes every jobs-th chunk itself, beside jobs - 1 forked workers: it would only wait
        # otherwise, and each forked process holds (and counts in peak memory) a copy of the whole model.
        with ProcessPoolExecutor(jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = {i: pool.submit(_run_chunk, c) for i, c in enumerate(chunks) if i % jobs}

            def collect(block: bool) -> None:
                for i, future in list(pending.items()):
                    if block or future.done():
                        parts[i] = future.result()
                        del pending[i]
                        if progress:
                            progress(len(parts[i]))  # type: ignore[arg-type]

            for i, chunk in enumerate(chunks):
                if i % jobs == 0:
                    parts[i] = _run_chunk(chunk)
                    if progress:
                        progress(len(parts[i]))  # type: ignore[arg-type]
                    collect(block=False)
            collect(block=True)
        return [x for part in parts for x in part]  # type: ignore[union-attr]
    finally:
        _TASK = None
        gc.unfreeze()  # the serving process lives on: what it drops later must be collectable again
