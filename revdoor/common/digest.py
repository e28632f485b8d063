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
        self._shapes: dict[type, tuple[bytes, tuple[str, ...]]] = {}
        self._feeders: dict[type, Callable[[_Hash, Any], None]] = {
            str: _feed_str, int: _feed_int, bool: _feed_bool, type(None): _feed_none, float: _feed_float,
            bytes: _feed_bytes, dt.date: _feed_date, dt.datetime: _feed_datetime,
            tuple: self._feed_sequence, list: self._feed_sequence, dict: self._feed_mapping,
            frozenset: self._feed_set, set: self._feed_set, functools.partial: self._feed_partial}

    def __len__(self) -> int:
        """How many objects it remembers."""
        return len(self._memo)

    def __call__(self, value: object) -> bytes:
        """The 16-byte digest of `value`."""
        h = hashlib.blake2b(digest_size=16)
        self.feed(h, value)
        return h.digest()

    def feed(self, h: _Hash, value: object) -> None:
        """Write `value` into the hash `h`, tagged by kind so that no two values write the same bytes."""
        feeder = self._feeders.get(type(value))
        if feeder is None:
            feeder = self._feeders[type(value)] = self._feeder_for(type(value))
        feeder(h, value)

    def _feeder_for(self, kind: type) -> Callable[[_Hash, Any], None]:
        """How to feed a type met for the first time (the answer is remembered: one look per type)."""
        if dataclasses.is_dataclass(kind):
            names = tuple(f.name for f in dataclasses.fields(kind))
            self._shapes[kind] = (f"{kind.__module__}.{kind.__qualname__}".encode(), names)
            return self._feed_object
        if issubclass(kind, str):  # Markup and other text
            return _feed_str
        if issubclass(kind, enum.Enum):
            return lambda h, v: h.update(f"e{kind.__qualname__}.{v.name};".encode())
        if issubclass(kind, (tuple, list)):
            return self._feed_sequence
        return _refuse

    def of_object(self, obj: object) -> bytes:
        """The digest of a dataclass object: its type's name and each field's value."""
        hit = self._memo.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        shape = self._shapes.get(type(obj))
        if shape is None:
            self._feeders[type(obj)] = self._feeder_for(type(obj))
            shape = self._shapes[type(obj)]
        h = hashlib.blake2b(shape[0], digest_size=16)
        feeders, feeder_for = self._feeders, self._feeder_for
        for name in shape[1]:
            value = getattr(obj, name)
            feeder = feeders.get(type(value))
            if feeder is None:
                feeder = feeders[type(value)] = feeder_for(type(value))
            feeder(h, value)
        digest = h.digest()
        self._memo[id(obj)] = (obj, digest)
        return digest

    def _feed_object(self, h: _Hash, value: object) -> None:
        h.update(b"o" + self.of_object(value))

    def _feed_sequence(self, h: _Hash, value: tuple[Any, ...] | list[Any]) -> None:
        h.update(b"(%d" % len(value))
        feeders, feeder_for = self._feeders, self._feeder_for
        for item in value:
            feeder = feeders.get(type(item))
            if feeder is None:
                feeder = feeders[type(item)] = feeder_for(type(item))
            feeder(h, item)
        h.update(b")")

    def _feed_mapping(self, h: _Hash, value: dict[Any, Any]) -> None:
        # In order of the keys (text keys, the usual, as text; others by their digests): the same dict gives
        # the same bytes whatever order it was filled in.
        h.update(b"{%d" % len(value))
        if all(type(k) is str for k in value):
            for key in sorted(value):
                _feed_str(h, key)
                self.feed(h, value[key])
        else:
            for digest, item in sorted(((self(k), v) for k, v in value.items()), key=lambda kv: kv[0]):
                h.update(digest)
                self.feed(h, item)
        h.update(b"}")

    def _feed_set(self, h: _Hash, value: frozenset[Any] | set[Any]) -> None:
        items = sorted(self(v) for v in value)
        h.update(b"<%d" % len(items) + b"".join(items) + b">")

    def _feed_partial(self, h: _Hash, value: functools.partial[Any]) -> None:
        func = value.func
        qualname = getattr(func, "__qualname__", "<lambda>")
        if qualname != getattr(func, "__name__", None) or "<" in qualname:
            raise TypeError(f"a page holds a partial of {func!r}: only module-level functions can be digested")
        h.update(f"p{func.__module__}.{qualname}(".encode())
        self._feed_sequence(h, value.args)
        self._feed_mapping(h, value.keywords)
        h.update(b")")


def _feed_str(h: _Hash, value: str) -> None:
    data = value.encode("utf-8", "surrogatepass")
    h.update(b"s%d:%b" % (len(data), data))


def _feed_int(h: _Hash, value: int) -> None:
    h.update(b"i%d;" % value)


def _feed_bool(h: _Hash, value: bool) -> None:
    h.update(b"b1" if value else b"b0")


def _feed_none(h: _Hash, value: None) -> None:
    h.update(b"n")


def _feed_float(h: _Hash, value: float) -> None:
    h.update(f"f{value!r};".encode())


def _feed_bytes(h: _Hash, value: bytes) -> None:
    h.update(b"y%d:%b" % (len(value), value))


def _feed_date(h: _Hash, value: dt.date) -> None:
    h.update(f"d{value.isoformat()};".encode())


def _feed_datetime(h: _Hash, value: dt.datetime) -> None:
    h.update(f"t{value.isoformat()};".encode())


def _refuse(h: _Hash, value: object) -> None:
    kind = type(value)
    raise TypeError(f"a page holds a {kind.__module__}.{kind.__qualname__}, whose content cannot be digested: "
                    "give pages plain values and frozen dataclasses (revdoor/common/digest.py)")
