"""The build cache: rendered Markdown keyed by a hash of its bytes and of everything that shapes its HTML.

Safe to delete at any time, and it never changes the output: a key covers the body, the Markdown settings
and (for articles) every name that can be linked, so a stale entry can only be unused, never wrong.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from . import markup

FORMAT = 1


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
        if path is not None and path.is_file():
            try:
                with path.open("rb") as f:
                    data = pickle.load(f)
                if isinstance(data, dict) and data.get("format") == FORMAT:
                    self.entries = data["entries"]
            except Exception:  # a corrupt or foreign cache is only a slower build
                self.entries = {}

    def get(self, key: str) -> Any | None:
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        if self.path is None or self.used == self.entries:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump({"format": FORMAT, "entries": self.used}, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
