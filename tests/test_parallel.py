"""map_ordered: results in order whatever process made them; the parent works beside jobs - 1 workers."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from revdoor.parallel import _chunks, map_ordered


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


def test_weighted_chunks_cover_every_item_once_in_order_at_about_even_weight() -> None:
    weights = [100] * 10 + [1] * 1000  # ten long articles, then a thousand short notes
    chunks = _chunks(len(weights), 10, weights)
    assert [i for a, b in chunks for i in range(a, b)] == list(range(len(weights)))
    assert [sum(weights[a:b]) for a, b in chunks] == [200] * 10  # two articles, or two hundred notes


def test_weights_keep_the_order_of_the_results() -> None:
    items = list(range(500))
    assert [a for a, _ in map_ordered(square_and_pid, items, jobs=2, threshold=10, weights=items)] == \
        [x * x for x in items]


def slow_in_the_worker(x: int) -> int:
    if os.getpid() != PARENT:
        time.sleep(0.01)
    return os.getpid()


PARENT = os.getpid()


def test_the_faster_process_takes_more_chunks_than_a_fixed_split_would_give_it() -> None:
    pids = map_ordered(slow_in_the_worker, list(range(640)), jobs=2, threshold=10)
    assert pids.count(PARENT) > 480  # a fixed half would be 320


def fail_in_the_parent_count_in_the_worker(x: int) -> int:
    if os.getpid() == PARENT:
        raise ValueError("in the parent")
    with open(os.environ["REVDOOR_TEST_COUNT"], "a") as f:
        f.write(".")
    time.sleep(0.01)
    return x


def test_an_error_in_this_process_is_reported_without_the_workers_doing_their_remaining_chunks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    count = tmp_path / "count"
    monkeypatch.setenv("REVDOOR_TEST_COUNT", str(count))
    with pytest.raises(ValueError, match="in the parent"):
        map_ordered(fail_in_the_parent_count_in_the_worker, list(range(2000)), jobs=2, threshold=10)
    done = len(count.read_text()) if count.exists() else 0
    assert done < 200  # the chunks it held (about 21 items each), not the half of 2,000 it would have done
