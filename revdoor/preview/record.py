"""The record of what each page read, so that after an edit the preview server decides again exactly the
pages whose inputs changed, and nothing else says which pages an edit reaches.

While the server decides a page, the model it is given is a `TrackedModel`: every entry the page's function
reads (`model.events["x"]`, a lab's flows, the order of events), directly or through the views, is written
down as a key (`("events", "x")`), and so is every shared value it asks the views for (an event's view, a
link, a chart's sums: `common/memo.py`), each of which is recorded the same way when it is made. This is
the identity tracking of Hugo and the incremental computation of Salsa and Adapton, in small:

- after an edit, `changes` compares the new model with the old, entry by entry, and names the keys whose
  value changed (an entry equal to the old one keeps the old object, so what was made of it stays valid);
- `Record.changed` makes again every shared value that read one of them, then those that read a value
  that came out different, and so on, and stops wherever a value made again equals the old one (an edited
  note changes an event's view, not the chart that counts moves); it returns the pages that read a key
  whose value changed;
- the server decides those pages again, recording anew, and the fingerprints (the digest of each page as
  decided) say which of them must be rendered.

A page cannot read the model without it being written down: there is no other way in. So no list says
which fields a page shows or which pages an edit reaches, and a template that shows one more field needs
no other change here.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Hashable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar, cast

from ..common.memo import Memo
from ..modelling.model import Model

EVERY = "*"  # a read of every entry's value (`values()`, `items()`), or of a whole field (the order of events)
KEYS = "#"  # a read of which entries there are, in which order (iteration, `len`)

Key = Hashable  # (model field, entry key) or a shared value's key
V = TypeVar("V")
T = TypeVar("T")
_MISSING = object()


class TrackedMap(Mapping[str, V]):
    """One of the model's dictionaries, writing down each read."""

    __slots__ = ("_data", "_name", "_read")

    def __init__(self, name: str, data: dict[str, V], read: Callable[[Key], None]) -> None:
        self._name, self._data, self._read = name, data, read

    def __getitem__(self, key: str) -> V:
        self._read((self._name, key))
        return self._data[key]

    def get(self, key: str, default: Any = None) -> Any:
        self._read((self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._read((self._name, key))
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        self._read((self._name, KEYS))
        return iter(self._data)

    def __len__(self) -> int:
        self._read((self._name, KEYS))
        return len(self._data)

    def keys(self) -> KeysView[str]:
        self._read((self._name, KEYS))
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        self._read((self._name, EVERY))
        return self._data.values()

    def items(self) -> ItemsView[str, V]:
        self._read((self._name, EVERY))
        return self._data.items()


class TrackedModel:
    """The model as pages see it under the preview server: the same fields, each read written down (the
    settings are not: a change of `site.toml` rebuilds everything)."""

    def __init__(self, model: Model, read: Callable[[Key], None]) -> None:
        self.model, self._read = model, read
        self._fields: dict[str, Any] = {}
        for f in dataclasses.fields(model):
            value = getattr(model, f.name)
            self._fields[f.name] = TrackedMap(f.name, value, read) if isinstance(value, dict) else value

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._fields[name]
        except KeyError:
            raise AttributeError(name) from None
        if name != "config" and not isinstance(value, TrackedMap):
            self._read((name, EVERY))
        return value

    def as_model(self) -> Model:
        """What the page functions are typed for: it has every field they read."""
        return cast(Model, self)


def changes(old: Model, new: Model) -> tuple[Model, set[Key]]:
    """`new`, with every entry equal to the old one replaced by the old object (so the values made of it stay
    valid, and are found again by identity), and the keys whose value changed."""
    keys: set[Key] = set()
    merged: dict[str, Any] = {}
    for f in dataclasses.fields(Model):
        before, after = getattr(old, f.name), getattr(new, f.name)
        if before is after:
            merged[f.name] = after
        elif isinstance(after, dict):
            entries, changed = {}, False
            for key, value in after.items():
                was = before.get(key, _MISSING)
                if was is value or (was is not _MISSING and was == value):
                    entries[key] = was
                else:
                    entries[key] = value
                    keys.add((f.name, key))
                    changed = True
            for key in before.keys() - after.keys():
                keys.add((f.name, key))
                changed = True
            if changed:
                keys.add((f.name, EVERY))
            if len(before) != len(after) or list(before) != list(after):
                keys.add((f.name, KEYS))
            merged[f.name] = entries
        elif before == after:
            merged[f.name] = before
        else:
            merged[f.name] = after
            keys.add((f.name, EVERY))
    return Model(**merged), keys


class Record(Memo):
    """Shared values with what each was made of, and what every page read: `Views` take it as their memo."""

    def __init__(self) -> None:
        super().__init__()
        self.made: dict[Key, tuple[Callable[..., Any], tuple[Any, ...]]] = {}  # how to make each value again
        self.reads: dict[Key, set[Key]] = {}  # node (a value or a page) -> the keys it read
        self.readers: defaultdict[Key, set[Key]] = defaultdict(set)  # key -> the nodes that read it
        self._frames: list[set[Key]] = []
        self._pending: set[Key] = set()  # values that may have to be made again (during `changed`)
        self._changed: set[Key] = set()

    def read(self, key: Key) -> None:
        if self._frames:
            self._frames[-1].add(key)

    def __call__(self, key: Key, make: Callable[..., T], *args: Any) -> T:
        if self._frames:
            self._frames[-1].add(key)
        if key in self.values:
            if key in self._pending:
                self._refresh(key)
            if key in self.values:
                value: T = self.values[key]
                return value
        made = self.values[key] = self.run(key, make, *args)
        self.made[key] = (make, args)
        return made

    def run(self, node: Key, make: Callable[..., T], *args: Any) -> T:
        """make(*args), with what it reads written down as `node`'s inputs (replacing those of last time)."""
        frame: set[Key] = set()
        self._frames.append(frame)
        try:
            value = make(*args)
        finally:
            self._frames.pop()
        old = self.reads.get(node)
        readers = self.readers
        if old is None:
            for key in frame:
                readers[key].add(node)
        else:
            for key in old - frame:
                readers[key].discard(node)
            for key in frame - old:
                readers[key].add(node)
        self.reads[node] = frame
        return value

    def forget(self, node: Key) -> None:
        """`node` is gone (a page no longer made, a value of a deleted entry): it reads nothing any more."""
        for key in self.reads.pop(node, ()):
            self.readers[key].discard(node)
        self.values.pop(node, None)
        self.made.pop(node, None)

    def changed(self, keys: set[Key]) -> set[Key]:
        """After the model's `keys` changed value: the values that read them are made again (and those that read
        a value made different, and so on); the nodes that are not values (pages) and read a key whose value
        changed are returned, to be decided again."""
        self._changed = changed = set(keys)
        # Only what reads a changed key is looked at; a value made again and found different puts its own
        # readers in line. One looked at before a value it reads turned out different is simply looked at
        # again then, so each ends up made from what it reads as it now is.
        self._pending = {node for key in keys for node in self.readers.get(key, ()) if node in self.made}
        try:
            while self._pending:
                self._refresh(self._pending.pop())
        finally:
            self._pending = set()
        return {node for key in changed for node in self.readers.get(key, ()) if node not in self.made}

    def _refresh(self, key: Key) -> None:
        self._pending.discard(key)
        if key not in self.made:
            return
        reads = self.reads[key]
        for dep in reads & self._pending:  # what it reads first, when that may change too
            self._refresh(dep)
        if reads.isdisjoint(self._changed):
            return
        make, args = self.made[key]
        try:
            value = self.run(key, make, *args)
        except LookupError:  # made of an entry that is gone: whoever still needs it will make it anew
            readers = self.readers.get(key, set())
            self.forget(key)
            self._changed.add(key)
            self._pending.update(node for node in readers if node in self.made)
            return
        old = self.values[key]
        if type(value) is not type(old) or value != old:
            self.values[key] = value
            self._changed.add(key)
            self._pending.update(node for node in self.readers.get(key, ()) if node in self.made)
