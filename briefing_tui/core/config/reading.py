"""Reading a file the app did not write, without hanging and without reading too much.

Every file read at start (briefing, settings, state, theme, study data, cache
entries) comes from a path someone else may control. A FIFO there blocks a
plain ``open`` until something writes to it, a device never ends, and a huge
file fills memory. :func:`read_regular_file` opens without blocking, checks
on the open descriptor that it holds a regular file (so the check and the read
are of the same file), and reads no more than the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotARegularFile(OSError):
    """The path holds a directory, FIFO, socket or device, not a regular file."""


class FileTooLarge(OSError):
    """The file is larger than the reader's limit; :attr:`size` says how large."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit:,} bytes")
        self.size = size
        self.limit = limit


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at *path*, at most *limit* of them.

    Raises :class:`FileNotFoundError`, :class:`PermissionError` and other
    :class:`OSError` as ``open`` does, :class:`IsADirectoryError` for a
    folder, :class:`NotARegularFile` for a FIFO, socket or device, and
    :class:`FileTooLarge` past *limit* (the file is not read past it).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(errno.EINVAL, "is not a regular file", str(path))
        if info.st_size > limit:
            raise FileTooLarge(info.st_size, limit)
        chunks: list[bytes] = []
        size = 0
        # The file may grow while it is read: read to the limit and one byte more.
        while size <= limit:
            chunk = os.read(descriptor, min(1024 * 1024, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > limit:
        raise FileTooLarge(size, limit)
    return b"".join(chunks)
