"""The build cache, in `<site>/.cache/revdoor/`: safe to delete at any time, and it never changes the output.

- parsed and validated files, keyed by path, size and modification time (and this code's version);
- rendered Markdown, keyed by a hash of the body, the Markdown settings and (for articles) every name that
  can be linked, so a stale entry can only be unused, never wrong;
- what the last build wrote (page fingerprints), so a warm build renders only what changed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from ..common.resources import code_digest
from ..content import markup

FORMAT = 2


def _load(path: Path | None, header: dict[str, Any]) -> Any:
    """The payload of a cache file written with the same header, else None (missing, corrupt, foreign)."""
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as f:
            data = pickle.load(f)
    except Exception:  # a corrupt cache is only a slower build
        return None
    if not isinstance(data, dict) or data.get("header") != header:
        return None
    return data.get("payload")


def _save(path: Path | None, header: dict[str, Any], payload: Any) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    with tmp.open("wb") as f:
        pickle.dump({"header": header, "payload": payload}, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


class DocCache:
    """Read-and-validated files by relative path, reused while the file's size and mtime are unchanged.

    Held in memory by the preview server between rebuilds, and on disk between builds.
    """

    def __init__(self, path: Path | None, language: str, languages: tuple[str, ...] = ()) -> None:
        self.path = path
        # Validation depends on both: the default language, and the others (which translations are allowed).
        self.header = {"format": FORMAT, "code": code_digest(), "language": language,
                       "languages": languages or (language,)}
        self.entries: dict[str, tuple[int, int, Any]] = _load(path, self.header) or {}
        self.changed = False

    def get(self, rel: str, size: int, mtime_ns: int) -> Any | None:
        entry = self.entries.get(rel)
        return entry[2] if entry is not None and entry[:2] == (size, mtime_ns) else None

    def put(self, rel: str, size: int, mtime_ns: int, value: Any) -> None:
        self.entries[rel] = (size, mtime_ns, value)
        self.changed = True

    def keep_only(self, rels: set[str]) -> None:
        if set(self.entries) - rels:
            self.entries = {r: e for r, e in self.entries.items() if r in rels}
            self.changed = True

    def save(self) -> None:
        if self.changed:
            _save(self.path, self.header, self.entries)
            self.changed = False


def body_key(body: str, linker_digest: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{markup.SETTINGS_VERSION}\0{linker_digest}\0".encode())
    h.update(body.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class BodyCache:
    """A dict on disk; entries not used by a build are dropped when it is saved, so it never grows stale."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        # Which names each linked text holds, as the last build's linker saw them (`known_names`).
        self.groups: dict[str, str] = {}
        self.names: dict[str, str] = {}
        if path is not None and path.is_file():
            try:
                with path.open("rb") as f:
                    data = pickle.load(f)
                if isinstance(data, dict) and data.get("format") == FORMAT:
                    self.entries, self.groups, self.names = data["entries"], data["groups"], data["names"]
            except Exception:  # a corrupt or foreign cache is only a slower build
                self.entries, self.groups, self.names = {}, {}, {}
        self._changed: frozenset[str] | None = None  # first words whose names differ from `groups`
        self._names: dict[str, str] = {}

    def get(self, key: str) -> Any | None:
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value

    def known_names(self, key: str, text: str, linker: markup.Linker) -> str | None:
        """`linker.digest_for(text)` (the names that can change how `text` renders; `key`: the text and
        where it is shown) when the last build saw the text and no group of names it may hold changed since;
        else None: the caller then finds them (`Linker.digest_for`, where the text is rendered, on every
        core: a cold build reads 3,000 articles' words, 0.6 s of one core on corpus M) and tells
        `learn_names`.

        Reading a text's words costs more than all the rest of a warm build's bodies (about 0.3 s for
        3,000 articles); the answer stays right while no group of names starting with one of its words
        changed, which a substring test of the few groups an edit changes tells.
        """
        if self._changed is None or linker.groups is not self.groups:
            # Once per linker: which groups of names differ from those the known answers were found with.
            # `names` holds answers right for `groups`: those looked up under the last linker are; the others
            # were right before it and still are only if it changed no group.
            old, new = self.groups, linker.groups
            self.names = {**self.names, **self._names} if not self._changed else self._names
            self._names = {}
            self._changed = frozenset(w for w in old.keys() | new.keys() if old.get(w) != new.get(w))
            if len(self._changed) > 64 or any(w.isdigit() for w in self._changed):
                self.names = {}  # many names changed, or a placeholder's: every text is read again
            self.groups = linker.groups
        known = self.names.get(key)
        if known is None or any(w in text for w in self._changed):
            return None
        self._names[key] = known
        return known

    def learn_names(self, key: str, names: str) -> None:
        """What `Linker.digest_for` said of the text `known_names` did not know."""
        self._names[key] = names

    def save(self) -> None:
        """Keep what this build used (on disk, and for the next build in this process)."""
        names_changed = self._changed is not None and self._names != self.names
        if self._changed is not None:
            self.names, self._names, self._changed = self._names, {}, None
        if self.path is not None and (self.used != self.entries or names_changed):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump({"format": FORMAT, "entries": self.used, "groups": self.groups, "names": self.names},
                            f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        self.entries, self.used = self.used, {}


class PageManifest:
    """What the last build wrote: page URL -> (fingerprint, size, mtime) of its output file.

    A page is skipped only when its fingerprint is the same and its file is still the one we wrote (same
    size and modification time), so a hand-edited or deleted output file is rendered again.
    """

    def __init__(self, path: Path | None, output: Path) -> None:
        self.path = path
        self.output = str(output.resolve())
        self.entries: dict[str, tuple[bytes, int, int]] = {}
        if path is not None and path.is_file():
            try:
                with path.open("rb") as f:
                    data = pickle.load(f)
                if isinstance(data, dict) and data.get("format") == FORMAT and data.get("output") == self.output:
                    self.entries = data["entries"]
            except Exception:  # a corrupt cache is only a slower build
                self.entries = {}

    def fresh(self, url: str, fingerprint: bytes, file: Path) -> bool:
        entry = self.entries.get(url)
        if entry is None or entry[0] != fingerprint:
            return False
        try:
            st = file.stat()
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns) == entry[1:]

    def record(self, url: str, fingerprint: bytes, file: Path) -> int:
        st = file.stat()
        self.remember(url, fingerprint, st.st_size, st.st_mtime_ns)
        return st.st_size

    def remember(self, url: str, fingerprint: bytes, size: int, mtime_ns: int) -> None:
        """`record`, with the file's size and time already known (from the process that wrote it)."""
        self.entries[url] = (fingerprint, size, mtime_ns)

    def save(self, urls: set[str]) -> None:
        if self.path is None:
            return
        entries = {u: e for u, e in self.entries.items() if u in urls}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump({"format": FORMAT, "output": self.output, "entries": entries}, f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
