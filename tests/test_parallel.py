"""map_ordered: results in order whatever process made them; the parent works beside jobs - 1 workers.

Tests about who does which chunk never race the processes against each other: a process that must wait for
the other is held on a pipe (forked workers inherit it) until the event it waits for has happened, so the
outcome is the same however fast or loaded the machine is. HANG_GUARD_S only turns a wait that would never
end (the behaviour under test is broken) into a failure.
"""

from __future__ import annotations

import os
import select
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from deadlines import HANG_GUARD_S

from revdoor.common import parallel
from revdoor.common.parallel import _chunks, map_ordered

PARENT = os.getpid()


class Signal:
    """A one-way event between forked processes: set() in one, wait() in any (a pipe that stays readable)."""

    def __init__(self) -> None:
        self.read, self.write = os.pipe()

    def set(self) -> None:
        os.write(self.write, b"x")

    def wait(self, what: str) -> None:
        readable, _, _ = select.select([self.read], [], [], HANG_GUARD_S)
        assert readable, what

    def close(self) -> None:
        os.close(self.read)
        os.close(self.write)


def square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_results_keep_the_order_of_the_items() -> None:
    assert [a for a, _ in map_ordered(square_and_pid, list(range(1000)), jobs=3, threshold=10)] == \
        [x * x for x in range(1000)]


def test_with_two_jobs_the_parent_and_one_worker_share_the_work() -> None:
    # This process holds its first item until the worker has started one: however quick the items are, it
    # cannot take every chunk before the pool hands the worker the first (it takes them from the back).
    worker_started = Signal()

    def square_and_pid_together(x: int) -> tuple[int, int]:
        if os.getpid() == PARENT:
            worker_started.wait("the worker was never given a chunk")
        else:
            worker_started.set()
        return square_and_pid(x)

    try:
        pids = {pid for _, pid in map_ordered(square_and_pid_together, list(range(1000)), jobs=2, threshold=10)}
    finally:
        worker_started.close()
    assert PARENT in pids
    assert len(pids) == 2


def test_progress_counts_every_item_once() -> None:
    seen: list[int] = []
    map_ordered(square_and_pid, list(range(777)), jobs=2, threshold=10, progress=seen.append)
    assert sum(seen) == 777


def fail_on_900(x: int) -> int:
    if x == 900:
        raise ValueError("item 900")
    return x


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_an_error_in_any_process_reaches_the_caller(jobs: int) -> None:
    with pytest.raises(ValueError, match="item 900"):
        map_ordered(fail_on_900, list(range(1000)), jobs=jobs, threshold=10)


def test_weighted_chunks_cover_every_item_once_in_order_at_about_even_weight() -> None:
    weights = [100] * 10 + [1] * 1000  # ten long articles, then a thousand short notes
    chunks = _chunks(len(weights), 10, weights)
    assert [i for a, b in chunks for i in range(a, b)] == list(range(len(weights)))
    assert [sum(weights[a:b]) for a, b in chunks] == [200] * 10  # two articles, or two hundred notes


def test_weights_keep_the_order_of_the_results() -> None:
    items = list(range(500))
    assert [a for a, _ in map_ordered(square_and_pid, items, jobs=2, threshold=10, weights=items)] == \
        [x * x for x in items]


def test_the_free_process_takes_more_chunks_than_a_fixed_split_would_give_it() -> None:
    # The worker is held on its first item until this process has done more than three quarters of the
    # items. Handed out as they go, the chunks not yet given to the held worker are this process's to take;
    # with a fixed split it would stop at half and wait for the worker, which the hang guard lets go.
    items = list(range(640))
    done_here = 0
    three_quarters_done = Signal()

    def pid_once_allowed(x: int) -> int:
        nonlocal done_here
        if os.getpid() == PARENT:
            done_here += 1
            if done_here == 481:
                three_quarters_done.set()
        else:
            three_quarters_done.wait("this process stopped taking chunks before three quarters of the items")
        return os.getpid()

    try:
        pids = map_ordered(pid_once_allowed, items, jobs=2, threshold=10)
    finally:
        three_quarters_done.close()
    assert pids.count(PARENT) > 480  # a fixed half would be 320


class PoolHeldUntilShutdown(ProcessPoolExecutor):
    """The real pool, but `shutdown` lets its held worker go only once every chunk it cancels is cancelled.

    ProcessPoolExecutor cancels the queued chunks from its manager thread, a moment after `shutdown` is
    asked: a worker let go at once could race through chunks in that moment. Cancelling them here first
    (Future.cancel, as the manager thread does) leaves the worker exactly the chunks the pool already gave it.
    """

    released: Signal

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.submitted: list[Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        self.submitted.append(future)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if cancel_futures:
            for future in self.submitted:
                future.cancel()  # fails, as it should, for a chunk a worker already has
        self.released.set()
        super().shutdown(wait, cancel_futures=cancel_futures)


def test_an_error_in_this_process_is_reported_without_the_workers_doing_their_remaining_chunks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    count = tmp_path / "count"
    PoolHeldUntilShutdown.released = Signal()
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", PoolHeldUntilShutdown)

    def fail_in_the_parent_count_in_the_worker(x: int) -> int:
        if os.getpid() == PARENT:
            raise ValueError("in the parent")
        # Held until the pool is shut down: what it does after is what the error left it to do.
        PoolHeldUntilShutdown.released.wait("the pool was never shut down")
        with open(count, "a") as f:
            f.write(".")
        return x

    try:
        with pytest.raises(ValueError, match="in the parent"):
            map_ordered(fail_in_the_parent_count_in_the_worker, list(range(2000)), jobs=2, threshold=10)
    finally:
        PoolHeldUntilShutdown.released.close()
    done = len(count.read_text()) if count.exists() else 0
    assert done < 200  # the chunks it held (20 items each), not the 1,980 items it would have done


def test_meanwhile_gives_every_result_in_order_once_the_other_process_finished_them() -> None:
    finished = Signal()

    def square_and_tell(x: int) -> int:
        if x == 99:
            finished.set()
        return x * x

    try:
        stop = parallel.prefix_meanwhile(square_and_tell, list(range(100)), jobs=2)
        finished.wait("the other process never reached the last item")
        assert stop() == [x * x for x in range(100)]
    finally:
        finished.close()


def test_meanwhile_stopped_at_once_gives_a_prefix_of_the_results() -> None:
    got = parallel.prefix_meanwhile(lambda x: x * x, list(range(10_000)), jobs=2)()
    assert got == [x * x for x in range(len(got))]


def test_meanwhile_ends_its_prefix_at_an_item_that_fails() -> None:
    failed = Signal()

    def fail_on_3(x: int) -> int:
        if x == 3:
            failed.set()
            raise ValueError("item 3")
        return x

    try:
        stop = parallel.prefix_meanwhile(fail_on_3, list(range(10)), jobs=2)
        failed.wait("the other process never reached item 3")
        assert stop() == [0, 1, 2]
    finally:
        failed.close()


def test_meanwhile_with_one_job_leaves_every_item_to_the_caller() -> None:
    assert parallel.prefix_meanwhile(lambda x: x, [1, 2, 3], jobs=1)() == []
