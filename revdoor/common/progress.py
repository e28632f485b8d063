"""What a long build tells the person waiting: phase lines, and a progress bar while pages render.

The bar (tqdm, a well-kept library that handles terminals, widths and rates) appears only on a terminal
and only after two seconds, so short builds and CI logs stay plain lines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm

BAR_DELAY = 2.0  # seconds before a bar is worth showing


@contextmanager
def bar(total: int, label: str, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A callback advancing a bar of `total` items, or None when no bar should be shown."""
    if not enabled or total == 0 or not sys.stderr.isatty():
        yield None
        return
    with tqdm(total=total, desc=label, unit="page", delay=BAR_DELAY, leave=False, file=sys.stderr,
              dynamic_ncols=True) as t:

        def advance(n: int) -> None:
            t.update(n)  # tqdm's update says whether it redrew: the callers have no use for that

        yield advance
