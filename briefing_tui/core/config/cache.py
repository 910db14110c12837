"""What the app has checked before: validated data kept by the hash of its file.

Checking a briefing means importing pydantic and building its validators,
which costs more start-up time than Textual itself. A file whose exact bytes
were accepted before, by the same rules, is therefore rebuilt from the cache
(:func:`briefing_tui.core.content.validation.build`) without checking it again.

An entry is one file, ``KIND-KEY.json`` in the user cache folder: a header
line (the rules it was checked by, and the SHA-256 of the body) and the body,
JSON. An entry made by other rules, damaged or unreadable is a miss, never an
error: the caller checks the file as if there were no cache. Writing is best
effort, and the oldest entries of a kind are removed beyond
:data:`MAX_ENTRIES`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import briefing_tui
from briefing_tui.core.config.atomic import write_atomically
from briefing_tui.core.config.reading import read_regular_file
from briefing_tui.core.content.validation import build, dump

T = TypeVar("T")

APP_NAME = "briefing-tui"
MAX_ENTRIES = 16
MAX_ENTRY_BYTES = 256 * 1024 * 1024
"""An entry larger than this is not read: no file the app checks is near it."""
"""Entries kept per kind: enough for the files a person switches between."""
_NAME = re.compile(r"[a-z]+-[0-9a-f]{64}")

# The modules whose code decides what is valid: an entry made before any of
# them changed (a new release, or an edit in a source checkout) is stale.
_RULE_MODULES = (
    "content.model",
    "content.references",
    "content.links",
    "content.loader",
    "content.validation",
    "config.themes",
    "config.settings",
    "study.store",
)


@cache
def rules_fingerprint() -> str:
    """The app's version and the size and time of each module that defines validity."""
    core = Path(__file__).parents[1]
    parts = [briefing_tui.__version__]
    for module in _RULE_MODULES:
        with contextlib.suppress(OSError):
            info = (core / f"{module.replace('.', '/')}.py").stat()
            parts.append(f"{module}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def default_cache_dir() -> Path:
    """Where entries live: ``validated`` in the user's cache folder."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME) / "validated"


class ValidationCache:
    """Validated data, by kind (``briefing``, ``theme``) and SHA-256 of the file it came from."""

    def __init__(self, folder: Path | None = None, *, read_only: bool = False) -> None:
        """Use *folder* (default: :func:`default_cache_dir`); *read_only* never writes."""
        self.folder = folder if folder is not None else default_cache_dir()
        self.read_only = read_only

    def _path(self, kind: str, digest: str) -> Path | None:
        name = f"{kind}-{digest}"
        return self.folder / f"{name}.json" if _NAME.fullmatch(name) else None

    def load(self, kind: str, digest: str, cls: type[T]) -> T | None:
        """The *cls* instance stored for the file with SHA-256 *digest*, or ``None``."""
        path = self._path(kind, digest)
        if path is None:
            return None
        try:
            header, _, body = read_regular_file(path, MAX_ENTRY_BYTES).partition(b"\n")
            meta = json.loads(header)
            if meta != {"rules": rules_fingerprint(), "sha256": hashlib.sha256(body).hexdigest()}:
                return None
            return build(cls, json.loads(body))
        except (OSError, ValueError, RecursionError, KeyError, TypeError, AttributeError):
            # Unreadable, or not what this version writes: as if it were not there.
            return None

    def store(self, kind: str, digest: str, checked: object) -> None:
        """Keep *checked*, a dataclass instance, as what the file with SHA-256 *digest* holds.

        Failures are ignored: the cache only saves time.
        """
        if self._path(kind, digest) is None or self.read_only:
            return
        body = json.dumps(dump(checked), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.store_json(kind, digest, body)

    def store_json(self, kind: str, digest: str, body: bytes) -> None:
        """Keep *body*, the JSON of a checked table as :func:`~.validation.dump` makes it.

        For data already written as JSON (the study file): it is not turned
        into JSON a second time. Failures are ignored.
        """
        path = self._path(kind, digest)
        if path is None or self.read_only:
            return
        header = json.dumps(
            {"rules": rules_fingerprint(), "sha256": hashlib.sha256(body).hexdigest()}
        )
        with contextlib.suppress(OSError):
            # Private, like the study folder: entries can hold a reader's notes.
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomically(path, header.encode() + b"\n" + body, durable=False)
            self._prune(kind)

    def _prune(self, kind: str) -> None:
        entries = []
        for entry in self.folder.glob(f"{kind}-*.json"):
            with contextlib.suppress(OSError):
                entries.append((entry.stat().st_mtime_ns, entry))
        entries.sort(reverse=True)
        for _mtime, stale in entries[MAX_ENTRIES:]:
            with contextlib.suppress(OSError):
                stale.unlink()


def checked_through(
    cache: ValidationCache | None, kind: str, digest: str, cls: type[T], check: Callable[[], T]
) -> T:
    """What the file with SHA-256 *digest* holds, as a *cls* instance.

    Taken from *cache* when these bytes were accepted before; else
    ``check()`` reads and checks the file (raising on problems), and what it
    accepts is kept for the next time.
    """
    known = cache.load(kind, digest, cls) if cache is not None else None
    if known is not None:
        return known
    checked = check()
    if cache is not None:
        cache.store(kind, digest, checked)
    return checked
