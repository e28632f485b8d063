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
                progress: Callable[[int], None] | None = None, weights: Sequence[int] | None = None) -> list[R]:
    """[fn(x) for x in items], in order, over `jobs` forked processes when there are enough items.

    `progress(n)` is told each time n more items are done (per chunk when parallel). `weights`: what each
    item costs, roughly (its length), so that chunks cost about the same; by default each item the same.
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
        # Many per process: the last one to end waits least. (A worker already holds its next chunk when this
        # process stops taking them: that is what this one waits for at the end.)
        chunks = _chunks(len(items), jobs * 48, weights)
        parts: list[list[R] | None] = [None] * len(chunks)
        # Balanced as it goes, not split in advance: pages cost unevenly (a big lab's page is a thousand
        # events'), and a fixed share left one process waiting for the other for a second on M. The
        # forked workers take chunks from the front; this process takes them from the back, each one it can
        # still withdraw from the pool (a chunk not yet sent to a worker), until they meet. (This process
        # works too: it would only wait otherwise, and each forked process holds, and counts in peak
        # memory, a copy of the whole model.)
        with ProcessPoolExecutor(jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run_chunk, c) for c in chunks]

            def collect(block: bool) -> None:
                for i, future in enumerate(futures):
                    if parts[i] is None and not future.cancelled() and (block or future.done()):
                        part = parts[i] = future.result()
                        if progress:
                            progress(len(part))

            try:
                for i in reversed(range(len(chunks))):
                    if not futures[i].cancel():
                        break  # a worker has it, and every chunk before it
                    part = parts[i] = _run_chunk(chunks[i])
                    if progress:
                        progress(len(part))
                        collect(block=False)
                collect(block=True)
            except BaseException:
                pool.shutdown(cancel_futures=True)  # an error is reported now, not after the workers' chunks
                raise
        flat: list[R] = []
        for done in parts:
            assert done is not None  # every chunk ran, in a worker or here
            flat += done
        return flat
    finally:
        _TASK = None
        gc.unfreeze()  # the serving process lives on: what it drops later must be collectable again


def _chunks(n: int, count: int, weights: Sequence[int] | None) -> list[tuple[int, int]]:
    """About `count` consecutive (start, end) ranges over n items, of even total weight (at least 20 items
    each without weights, at least one with them)."""
    if weights is None:
        size = max(20, n // count)
        return [(i, min(i + size, n)) for i in range(0, n, size)]
    share = max(1, sum(weights) // count)
    chunks, start, total = [], 0, 0
    for i, w in enumerate(weights):
        total += w
        if total >= share:
            chunks.append((start, i + 1))
            start, total = i + 1, 0
    if start < n:
        chunks.append((start, n))
    return chunks


def in_background(fn: Callable[[], R], jobs: int | None = None) -> Callable[[], R]:
    """Start fn() in a forked process and return what waits for its result, so that this process does
    something else meanwhile; with one job (or no fork), fn() runs when its result is asked for."""
    jobs = jobs or default_jobs()
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return fn
    global _TASK
    _TASK = (lambda _: fn(), [None])
    gc.freeze()  # as in map_ordered: the child must not walk (and so copy) the objects it shares
    try:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(_run_chunk, (0, 1))  # forks now (fork pools start their processes at once)
    finally:
        _TASK = None
        gc.unfreeze()

    def result() -> R:
        try:
            value: R = future.result()[0]  # _run_chunk's one result: fn()'s
            return value
        finally:
            pool.shutdown()

    return result


def prefix_meanwhile(fn: Callable[[T], R], items: Sequence[T], jobs: int | None = None) -> Callable[[], list[R]]:
    """Start [fn(x) for x in items] in a forked process, in order, and return what stops it: called once this
    process is done with its own work, it gives the results the other one had finished, a prefix of the list
    (empty with one job, or no fork). The caller does the rest: the split is set by how long this process was
    busy, so neither waits for the other. An item that fails ends the prefix; the caller meets it again."""
    jobs = jobs or default_jobs()
    if jobs <= 1 or not items or "fork" not in multiprocessing.get_all_start_methods():
        return lambda: []
    stop = multiprocessing.get_context("fork").Event()

    def run() -> list[R]:
        done: list[R] = []
        for x in items:
            if stop.is_set():
                break
            try:
                done.append(fn(x))
            except Exception:  # reported where the caller does it again, with its own error handling
                break
        return done

    result = in_background(run, jobs)

    def finish() -> list[R]:
        stop.set()
        return result()

    return finish
