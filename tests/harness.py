"""A real pseudo-terminal for tests and benchmarks.

:class:`TerminalSession` starts a command in a pty of a given size, records
every byte it writes, feeds them to a ``pyte`` screen so tests can read what
a person would see, and sends keys. It is deliberately small::

    with TerminalSession(["briefing"], size=(80, 24)) as term:
        term.wait_for("Overview")
        term.send("j")
        term.wait_idle()
        assert "Sections" in term.text()
        raw = term.output  # every byte the app wrote

The pyte screen answers the terminal queries Textual sends at start-up the way
a real terminal would (pyte's own replies), so the app sees a live terminal.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from types import TracebackType

import pyte

KEYS = {
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "backspace": "\x7f",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "ctrl+p": "\x10",
    "ctrl+c": "\x03",
    "alt+left": "\x1b[1;3D",
    "alt+right": "\x1b[1;3C",
    "space": " ",
    "slash": "/",
    "plus": "+",
    "minus": "-",
    "question_mark": "?",
    "ctrl+t": "\x14",
    "ctrl+s": "\x13",
    "ctrl+q": "\x11",
}


class TerminalSession:
    """A command running in a pseudo-terminal, with a screen emulator attached."""

    def __init__(
        self,
        argv: Sequence[str],
        size: tuple[int, int] = (80, 24),
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
    ) -> None:
        self.size = size
        self.output = bytearray()
        self._lock = threading.Lock()
        self._last_output = time.monotonic()
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.screen.write_process_input = self._reply
        master, slave = pty.openpty()
        self._set_size(slave, size)
        # With no *env*, a modern terminal; a given *env* is used as it is.
        full_env = dict(env) if env is not None else {**os.environ, "COLORTERM": "truecolor"}
        full_env.setdefault("TERM", "xterm-256color")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            cwd=cwd,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self._closed = False
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    @staticmethod
    def _set_size(fd: int, size: tuple[int, int]) -> None:
        columns, rows = size
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def _reply(self, data: str) -> None:
        """Answer a terminal query the way the emulated terminal would."""
        with contextlib.suppress(OSError):
            os.write(self.master, data.encode())

    def _read_loop(self) -> None:
        while not self._closed:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.output.extend(data)
                self._last_output = time.monotonic()
                self.stream.feed(data)

    def send(self, *keys: str) -> None:
        """Type *keys*: names from :data:`KEYS` or literal text."""
        for key in keys:
            os.write(self.master, KEYS.get(key, key).encode())

    def text(self) -> str:
        """The screen as lines of text."""
        with self._lock:
            return "\n".join(line.rstrip() for line in self.screen.display)

    def mark(self) -> int:
        """The number of bytes written so far, to measure what comes after."""
        with self._lock:
            return len(self.output)

    def since(self, mark: int) -> bytes:
        """The bytes written after *mark*."""
        with self._lock:
            return bytes(self.output[mark:])

    def wait_for(self, text: str, timeout: float = 10.0) -> float:
        """Wait until *text* is on screen; returns the seconds since the process started."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.text():
                return time.monotonic() - self.started
            if self.process.poll() is not None and text not in self.text():
                break
            time.sleep(0.005)
        raise TimeoutError(f"{text!r} did not appear; screen:\n{self.text()}")

    def wait_gone(self, text: str, timeout: float = 10.0) -> None:
        """Wait until *text* is no longer on screen."""
        deadline = time.monotonic() + timeout
        while text in self.text():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{text!r} is still on screen:\n{self.text()}")
            time.sleep(0.005)

    def wait_idle(
        self, quiet: float = 0.1, timeout: float = 10.0, after: int | None = None
    ) -> float:
        """Wait until nothing is written for *quiet* seconds; return the time of the last write.

        With *after* (a :meth:`mark`), first wait for output beyond it: the
        answer to a key just sent.
        """
        deadline = time.monotonic() + timeout
        while after is not None and self.mark() <= after:
            if time.monotonic() > deadline:
                raise TimeoutError("no output after the mark")
            time.sleep(0.001)
        while time.monotonic() < deadline:
            with self._lock:
                last = self._last_output
            if time.monotonic() - last >= quiet:
                return last
            time.sleep(quiet / 10)
        raise TimeoutError("the program kept writing")

    def resize(self, columns: int, rows: int) -> None:
        """Resize the terminal, as a window manager would (SIGWINCH)."""
        with self._lock:
            self.screen.resize(rows, columns)
        self.size = (columns, rows)
        self._set_size(self.master, self.size)
        os.killpg(self.process.pid, signal.SIGWINCH)

    def hang_up(self) -> None:
        """The terminal goes away, as when its window is closed: nothing reads it any more."""
        self._closed = True
        self._reader.join(1.0)
        os.close(self.master)
        # close() still has a descriptor to close.
        self.master = os.open(os.devnull, os.O_RDONLY)

    def close(self, timeout: float = 5.0) -> int:
        """End the program (its whole process group) and return its exit status."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout)
        self._closed = True
        self._reader.join(timeout)
        os.close(self.master)
        return self.process.returncode

    def __enter__(self) -> TerminalSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
