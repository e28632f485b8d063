"""map_ordered: results in order whatever process made them; the parent works beside jobs - 1 workers."""

from __future__ import annotations

import os

import pytest

from revdoor.parallel import map_ordered


def square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_results_keep_the_order_of_the_items() -> None:
    assert [a for a, _ in map_ordered(square_and_pid, list(range(1000)), jobs=3, threshold=10)] == \
        [x * x for x in range(1000)]


def test_with_two_jobs_the_parent_and_one_worker_share_the_work() -> None:
    pids = {pid for _, pid in map_ordered(square_and_pid, list(range(1000)), jobs=2, threshold=10)}
    assert os.getpid() in pids
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
