"""Values made once and shared by every page that asks for them: an event's view, a link, a chart's sums.

A build makes a `Memo` and forgets it with the build. The preview server hands the views its own kind
(`revdoor/preview/record.py`), which also writes down what each value was made of and which page asked for
it, so that after an edit only what the edit reached is made again. So a value is asked for by a key and
the function (with its arguments) that makes it, never looked up in a dictionary of one's own: that is what
lets the preview server make it again when its inputs change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """Each key's value, made by `make(*args)` the first time it is asked for."""

    def __init__(self) -> None:
        self.values: dict[Hashable, Any] = {}

    def __call__(self, key: Hashable, make: Callable[..., T], *args: Any) -> T:
        values = self.values
        if key in values:
            value: T = values[key]
            return value
        made = values[key] = make(*args)
        return made
