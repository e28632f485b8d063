"""A stable digest of what a page is handed: the one record of what the page shows.

A template can only show what its page gives it (templates do presentation only: no lookups of their
own), so a digest of the page, its context included, covers whatever the template reads, whichever field
of whichever record a theme decides to print. A warm build renders a page again exactly when this digest
(salted with the templates, the settings and the code) differs from the one its file was written with;
there is no list of fields or of affected pages kept by hand anywhere.

The digest is deep and the same in every process (no `hash()`, which Python salts per process). An object
met on many pages (an event's view is listed on its people's, its labs' and the feed's pages) is digested
once per `Digester`, by identity: a build makes one and keeps the objects alive while it does.

Values are what pages hold: text, numbers, dates, None, tuples, lists, dicts, sets, frozen dataclasses,
and `functools.partial` of a module-level function (a value made when the page renders). Anything else is
refused with a TypeError naming its type: a page must not carry an object whose content cannot be told
(the whole model, say), or its digest would not say what it shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
from collections.abc import Callable
from typing import Any

_Hash = Any  # hashlib's blake2b object (its type is not public)


class Digester:
    """Digests values; each dataclass object once, remembered by identity for this digester's life."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, bytes]] = {}  # id -> (the object, kept alive; its digest)
        self._fields: dict[type, tuple[bytes, tuple[str, ...]]] = {}

    def __call__(self, value: object) -> bytes:
        """The 16-byte digest of `value`."""
        h = hashlib.blake2b(digest_size=16)
        self.feed(h, value)
        return h.digest()

    def of_object(self, obj: object) -> bytes:
        """The digest of a dataclass object: its type's name and each field's value."""
        hit = self._memo.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        kind = type(obj)
        shape = self._fields.get(kind)
        if shape is None:
            names = tuple(f.name for f in dataclasses.fields(obj))  # type: ignore[arg-type]
            shape = self._fields[kind] = (f"{kind.__module__}.{kind.__qualname__}".encode(), names)
        h = hashlib.blake2b(shape[0], digest_size=16)
        for name in shape[1]:
            self.feed(h, getattr(obj, name))
        digest = h.digest()
        self._memo[id(obj)] = (obj, digest)
        return digest

    def feed(self, h: _Hash, value: object) -> None:
        """Write `value` into the hash `h`, tagged by kind so that no two values write the same bytes."""
        kind = type(value)
        feeder = _FEEDERS.get(kind)
        if feeder is not None:
            feeder(self, h, value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            h.update(b"o")
            h.update(self.of_object(value))
        elif isinstance(value, str):  # Markup and other text
            _feed_str(self, h, value)
        elif isinstance(value, enum.Enum):
            h.update(f"e{kind.__qualname__}.{value.name};".encode())
        elif isinstance(value, functools.partial):
            self._feed_partial(h, value)
        elif isinstance(value, (tuple, list)):
            _feed_sequence(self, h, value)
        else:
            raise TypeError(f"a page holds a {kind.__module__}.{kind.__qualname__}, whose content cannot be "
                            "digested: give pages plain values and frozen dataclasses (revdoor/digest.py)")

    def _feed_partial(self, h: _Hash, value: functools.partial[Any]) -> None:
        func = value.func
        if getattr(func, "__qualname__", "<lambda>") != getattr(func, "__name__", None) or "<" in func.__qualname__:
            raise TypeError(f"a page holds a partial of {func!r}: only module-level functions can be digested")
        h.update(f"p{func.__module__}.{func.__qualname__}(".encode())
        _feed_sequence(self, h, value.args)
        _feed_mapping(self, h, value.keywords)
        h.update(b")")


def _feed_str(_: Digester, h: _Hash, value: str) -> None:
    data = value.encode("utf-8", "surrogatepass")
    h.update(b"s%d:" % len(data))
    h.update(data)


def _feed_sequence(d: Digester, h: _Hash, value: tuple[Any, ...] | list[Any]) -> None:
    h.update(b"(%d" % len(value))
    for item in value:
        d.feed(h, item)
    h.update(b")")


def _feed_mapping(d: Digester, h: _Hash, value: dict[Any, Any]) -> None:
    # In order of the keys' digests: the same dict gives the same bytes whatever order it was filled in.
    items = sorted((d(k), v) for k, v in value.items())
    h.update(b"{%d" % len(items))
    for key, item in items:
        h.update(key)
        d.feed(h, item)
    h.update(b"}")


def _feed_set(d: Digester, h: _Hash, value: frozenset[Any] | set[Any]) -> None:
    items = sorted(d(v) for v in value)
    h.update(b"<%d" % len(items))
    for item in items:
        h.update(item)
    h.update(b">")


_FEEDERS: dict[type, Callable[[Digester, _Hash, Any], None]] = {
    str: _feed_str,
    int: lambda _, h, v: h.update(b"i%d;" % v),
    bool: lambda _, h, v: h.update(b"b1" if v else b"b0"),
    float: lambda _, h, v: h.update(f"f{v!r};".encode()),
    type(None): lambda _, h, v: h.update(b"n"),
    bytes: lambda _, h, v: (h.update(b"y%d:" % len(v)), h.update(v)),
    dt.date: lambda _, h, v: h.update(f"d{v.isoformat()};".encode()),
    dt.datetime: lambda _, h, v: h.update(f"t{v.isoformat()};".encode()),
    tuple: _feed_sequence,
    list: _feed_sequence,
    dict: _feed_mapping,
    frozenset: _feed_set,
    set: _feed_set,
}
