"""A briefing on the way from a presenter to its followers, and back into a briefing.

The presenter sends its briefing as TOML text, so that a follower checks it
with the same loader as a file on disk: every rule of the content format
applies, and nothing in it is executed. The text leaves out the speaker
notes on a share (:func:`briefing_text`); they stay on the presenter's
private notes channel. On the wire (see ``docs/protocol.md``) the text is a
``briefing`` message, then ``part`` messages of at most :data:`PART_BYTES`
each, base64, zlib-compressed when that is smaller.

A follower's :class:`Assembly` takes the parts back, bounded at every step
by the loader's 16 MiB cap: a compressed bomb stops at the cap.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import zlib
from dataclasses import dataclass
from typing import Literal

from briefing_tui.core.content.loader import MAX_FILE_BYTES, parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.toml_writer import dumps
from briefing_tui.core.content.validation import dump

PART_BYTES = 45 * 1024
"""Bytes of briefing in one ``part`` message: base64 makes 61,440 characters, within a line."""

Encoding = Literal["zlib", "identity"]


def briefing_text(briefing: Briefing, *, speaker_notes: bool) -> str:
    """*briefing* as TOML text for followers; without the sections' notes unless *speaker_notes*."""
    data = dump(briefing, exclude_none=True)
    if not speaker_notes:
        for section in data["sections"]:
            section.pop("notes", None)
    text: str = dumps(data)
    return text


@dataclass(frozen=True)
class Packed:
    """A briefing's text ready for the wire."""

    encoding: Encoding
    """``zlib`` when compressing made it smaller, else ``identity``."""
    size: int
    """Bytes of the TOML text (UTF-8), before compression."""
    sha256: str
    """SHA-256 (hex) of the TOML text."""
    parts: tuple[bytes, ...]
    """The (compressed) bytes, cut into pieces of at most :data:`PART_BYTES`; none when too big."""


def pack(text: str) -> Packed:
    """*text* compressed if that pays and cut into parts; no parts above the loader's cap."""
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_FILE_BYTES:
        # A follower would refuse it: say how big it is, and send none of it.
        return Packed("identity", len(data), digest, ())
    compressed = zlib.compress(data, 6)
    encoding: Encoding = "zlib" if len(compressed) < len(data) else "identity"
    payload = compressed if encoding == "zlib" else data
    parts = tuple(
        payload[start : start + PART_BYTES] for start in range(0, len(payload), PART_BYTES)
    )
    return Packed(encoding, len(data), digest, parts or (b"",))


def encode_part(part: bytes) -> str:
    """A part's bytes as the text of a ``part`` message."""
    return base64.b64encode(part).decode("ascii")


class TransferError(Exception):
    """A briefing that did not arrive whole; ``str()`` says why, for a person."""


def too_big(size: int) -> str:
    """Why a briefing of *size* bytes is not shared."""
    return (
        f"the presenter's briefing is {size / 1024 / 1024:.1f} MiB, more than the "
        f"{MAX_FILE_BYTES // 1024 // 1024} MiB a follower accepts"
    )


class Assembly:
    """The parts of one briefing as they arrive; :meth:`briefing` checks and loads the whole."""

    def __init__(self, encoding: Encoding, size: int, sha256: str, parts: int) -> None:
        if size > MAX_FILE_BYTES or parts == 0:
            raise TransferError(too_big(size))
        self.encoding = encoding
        self.size = size
        self.sha256 = sha256
        self.expected = parts
        self._received = 0
        self._data = bytearray()

    @property
    def complete(self) -> bool:
        """True once every part has arrived."""
        return self._received == self.expected

    def add(self, index: int, data: str) -> None:
        """Take part *index* (base64 text); parts must come in order."""
        if index != self._received or self.complete:
            raise TransferError("the presenter's briefing arrived out of order")
        try:
            chunk = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise TransferError("the presenter's briefing arrived damaged") from None
        if len(self._data) + len(chunk) > MAX_FILE_BYTES:
            raise TransferError(too_big(len(self._data) + len(chunk)))
        self._data += chunk
        self._received += 1

    def text(self) -> str:
        """The whole TOML text, decompressed within the cap and checked against its SHA-256."""
        data = bytes(self._data)
        if self.encoding == "zlib":
            inflater = zlib.decompressobj()
            try:
                # One byte more than announced, at most: enough to catch a lie.
                data = inflater.decompress(data, self.size + 1)
            except zlib.error:
                raise TransferError("the presenter's briefing arrived damaged") from None
            if inflater.unconsumed_tail or not inflater.eof:
                raise TransferError("the presenter's briefing is larger than it said")
        if len(data) != self.size or hashlib.sha256(data).hexdigest() != self.sha256:
            raise TransferError("the presenter's briefing arrived damaged")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise TransferError("the presenter's briefing is not UTF-8 text") from None


BRIEFING_NAME = "(the presenter's briefing)"
"""What problems in a received briefing name as their file."""


def load_received(text: str) -> Briefing:
    """Check *text* with the loader, as a file on disk; :class:`BriefingError` lists problems."""
    return parse_briefing(text, BRIEFING_NAME)
