"""Who may join the built-in SSH server, and what a client tells it about its terminal.

Everything here is plain Python: no asyncssh, no Textual. The CLI uses it to
check ``--ssh`` options before anything starts, ``briefing present --help``
reads the host key's fingerprint from it, and the server
(:mod:`~briefing_tui.core.present.ssh_server`) takes its limits and its
reading of a client's terminal from it.

A client is untrusted. Its terminal type, environment and window size reach
the server as data: each is bounded and checked here, and anything unknown
falls back to a safe default rather than being passed on.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import ipaddress
import re
import secrets
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Literal

import platformdirs

APP_NAME = "briefing-tui"
DEFAULT_ADDRESS = "127.0.0.1"
"""Where ``--ssh PORT`` listens: this machine only. Others need an explicit address."""
DEFAULT_MAX_CONNECTIONS = 500
"""SSH connections the server holds at once; more are turned away with a message."""
DEFAULT_MAX_BROWSING = 8
"""Followers who may browse on their own at once: each takes an app process of its own."""
JOIN_CODE_DIGITS = 6
MAX_JOIN_ATTEMPTS = 3
"""Wrong join codes a connection may give before it is disconnected."""
HOST_KEY_NAME = "ssh_host_ed25519_key"

MIN_COLUMNS = 40
MIN_ROWS = 12
MAX_COLUMNS = 1000
MAX_ROWS = 500
"""Window sizes beyond these are taken as the largest; a client cannot make the server draw more."""

Access = Literal["code", "keys", "open"]
"""How clients get in: a join code (the default), a key in an authorized_keys file, or freely."""


class SshOptionError(ValueError):
    """A ``--ssh*`` option that cannot be used; ``str()`` is one line for a person."""


@dataclass(frozen=True)
class ListenAddress:
    """Where the SSH server listens."""

    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_listen_address(value: str) -> ListenAddress:
    """``PORT``, ``ADDR:PORT`` or ``[IPv6]:PORT`` as a :class:`ListenAddress`.

    Without an address the server listens on 127.0.0.1, this machine only:
    serving other machines takes an explicit address such as ``0.0.0.0:2222``.
    Raises :class:`SshOptionError` for anything else.
    """
    host, separator, port_text = value.rpartition(":")
    if not separator:
        host = DEFAULT_ADDRESS
    elif host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not port_text.isascii() or not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise SshOptionError(f"{value!r} is not [ADDRESS:]PORT with a port from 1 to 65535")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        raise SshOptionError(
            f"{host!r} is not an IP address: give one such as 127.0.0.1 or 0.0.0.0"
        ) from None
    return ListenAddress(host, int(port_text))


def new_join_code() -> str:
    """A fresh join code: six random digits, new for each run of the presenter."""
    return f"{secrets.randbelow(10**JOIN_CODE_DIGITS):0{JOIN_CODE_DIGITS}d}"


def code_matches(given: str, code: str) -> bool:
    """True when *given* is the join code; spaces and dashes typed around digits are forgiven."""
    typed = re.sub(r"[\s-]", "", given[:64])
    return secrets.compare_digest(typed.encode(), code.encode())


# --- The host key ----------------------------------------------------------------------


def host_key_path() -> Path:
    """The server's private host key, made once in the user's data folder (mode 0600)."""
    return platformdirs.user_data_path(APP_NAME) / HOST_KEY_NAME


def fingerprint_of_public_key(line: str) -> str | None:
    """The ``SHA256:…`` fingerprint of an OpenSSH public key line, as ``ssh-keygen -l`` shows."""
    fields = line.split()
    if len(fields) < 2:
        return None
    try:
        blob = base64.b64decode(fields[1], validate=True)
    except (binascii.Error, ValueError):
        return None
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


def known_fingerprint(private_key: Path | None = None) -> str | None:
    """The fingerprint of the host key made by an earlier run, if there is one (no asyncssh)."""
    public = (private_key or host_key_path()).with_suffix(".pub")
    try:
        return fingerprint_of_public_key(public.read_text(encoding="ascii")[:4096])
    except (OSError, UnicodeDecodeError):
        return None


# --- A client's terminal -----------------------------------------------------------------


class ColourDepth(Enum):
    """How many colours a client's terminal shows, from ``TERM`` and ``COLORTERM``."""

    TRUECOLOR = "truecolor"
    EIGHT_BIT = "256"
    STANDARD = "16"


_TERM_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
_LANG_PATTERN = re.compile(r"[A-Za-z0-9_.@-]{1,64}")
FALLBACK_TERM = "xterm-256color"
FALLBACK_LANG = "C.UTF-8"


@dataclass(frozen=True)
class TerminalProfile:
    """What the server believes about a client's terminal: checked, bounded, never raw."""

    term: str
    """``TERM``, or :data:`FALLBACK_TERM` when the client sent none or nonsense."""
    colorterm: str
    """``truecolor`` or ``""``: the only ``COLORTERM`` that changes anything."""
    lang: str
    """``LANG``, or :data:`FALLBACK_LANG`."""

    @classmethod
    def from_client(cls, term: str, environment: dict[str, str]) -> TerminalProfile:
        """The profile of a client whose pty request said *term* and who sent *environment*."""
        term = term if _TERM_PATTERN.fullmatch(term) else FALLBACK_TERM
        colorterm = environment.get("COLORTERM", "")
        lang = environment.get("LANG", "")
        return cls(
            term=term,
            colorterm="truecolor" if colorterm in ("truecolor", "24bit") else "",
            lang=lang if _LANG_PATTERN.fullmatch(lang) else FALLBACK_LANG,
        )

    @property
    def depth(self) -> ColourDepth:
        """The colours to draw with."""
        if self.colorterm:
            return ColourDepth.TRUECOLOR
        if "256color" in self.term or "direct" in self.term:
            return ColourDepth.EIGHT_BIT
        return ColourDepth.STANDARD

    @property
    def dumb(self) -> bool:
        """True for a terminal that cannot show a full-screen app at all."""
        return self.term in ("dumb", "unknown")

    def environment(self) -> dict[str, str]:
        """The variables a process drawing for this client gets: these three, nothing else."""
        variables = {"TERM": self.term, "LANG": self.lang}
        if self.colorterm:
            variables["COLORTERM"] = self.colorterm
        return variables


def bounded_size(columns: int, rows: int) -> tuple[int, int]:
    """A client's window size, within what the server will ever draw."""
    return max(0, min(columns, MAX_COLUMNS)), max(0, min(rows, MAX_ROWS))


SIZE_CLASS_COLUMNS = (40, 60, 80, 100, 120, 160, 200)
SIZE_CLASS_ROWS = (12, 18, 24, 30, 40, 50)


def size_class(columns: int, rows: int) -> tuple[int, int] | None:
    """The largest shared size that fits a window of *columns* x *rows*, or None if none does.

    Followers share renders: each slide is drawn once per size class, and a
    window between classes shows the class below it, centred. A window
    smaller than the smallest class has none.
    """
    fitting_columns = [width for width in SIZE_CLASS_COLUMNS if width <= columns]
    fitting_rows = [height for height in SIZE_CLASS_ROWS if height <= rows]
    if not fitting_columns or not fitting_rows:
        return None
    return fitting_columns[-1], fitting_rows[-1]


@dataclass(frozen=True)
class SshSettings:
    """``briefing present --ssh …``: where to listen and whom to let in."""

    address: ListenAddress
    access: Access = "code"
    authorized_keys: Path | None = None
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    max_browsing: int = DEFAULT_MAX_BROWSING
    theme_dirs: tuple[Path, ...] = ()
    """The presenter's ``--theme-dir`` folders, so the audience gets the presenter's theme."""
