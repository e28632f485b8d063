"""Hypothesis's two profiles: the same examples on every run by default, fresh random ones only when asked.

A property test that draws new examples on each run turns a suite into a lottery: a bug it finds once may
fail the next pull request, whoever wrote it, and pass again on a retry. So by default every run draws the
same examples (`derandomize`: seeded from each test's own source) and keeps no example database. Before a
release, explore: `scripts/test.sh --explore` (or `pytest --explore`) draws random examples, ten times as
many; a failure it finds is printed as an `@example(...)`: add that line above the test, so every later run
checks it, then fix the bug.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.database import InMemoryExampleDatabase

EXPLORE_FACTOR = 10

settings.register_profile("deterministic", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", derandomize=False, database=InMemoryExampleDatabase(), deadline=None,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])


def use_profile(explore: bool) -> None:
    settings.load_profile("explore" if explore else "deterministic")


def examples(count: int) -> int:
    """How many examples a property draws: `count` on every ordinary run, more when exploring."""
    return count * EXPLORE_FACTOR if settings.get_current_profile_name() == "explore" else count
