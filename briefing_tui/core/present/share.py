"""Share a presentation over a Unix socket: one presenter, many read-only followers.

The protocol is one-way, versioned, newline-delimited JSON; it is described
for people in ``docs/protocol.md``. In short:

- A :class:`Presenter` listens on ``<runtime dir>/<NAME>.sock``. Every
  follower that connects gets ``hello``, the presenter's briefing (see
  :mod:`briefing_tui.core.present.transfer`; on a share, without speaker
  notes) and the presenter's current state, then every change as it
  happens. Publishing never waits: each follower has a bounded write
  buffer; one that cannot keep up is disconnected, and the briefing goes
  out only as fast as the follower takes it. Whatever a follower sends is
  read and thrown away.
- A :class:`Follower` connects by name and yields validated events. Every
  line is capped in length and checked against a model; a bad line is
  dropped, never fatal. Text in the events has been neutralised, and a
  briefing received has been checked by the loader like a file on disk.

Where sockets live:

- A private share (the default) and the notes channel live in the user's
  runtime directory, ``$XDG_RUNTIME_DIR/briefing`` (else
  ``/run/user/<uid>/briefing``, else ``/tmp/briefing-<uid>``), mode 0700;
  sockets are 0600.
- A share for a group (``group=...``) lives in ``/tmp/briefing-shared-<uid>``,
  mode 0711 (others may pass through, not list), socket 0660 owned by that
  group: the user's runtime directory is 0700 all the way up, so another user
  could never reach a socket there. Other users follow it with ``owner=``.
- Any local user can create those two names in /tmp first. A presenter that
  finds one taken (someone else's, not a directory, writable by others)
  shares from a directory made by ``tempfile.mkdtemp`` instead, whose name
  no one can predict, and records its path in the user's state directory:
  the same user's followers find it there, and other users are told it
  (:attr:`Presenter.relocated`) and follow with ``folder=`` (``--dir``).

This module is pure asyncio: it never imports Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import grp
import logging
import os
import pwd
import re
import secrets
import socket
import stat
import struct
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Annotated, Literal, TypeAlias

import platformdirs
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from briefing_tui import __version__
from briefing_tui.core.config.atomic import write_atomically
from briefing_tui.core.content.loader import MAX_FILE_BYTES, BriefingError
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.text import has_control_characters, neutralise
from briefing_tui.core.present.transfer import (
    PART_BYTES,
    Assembly,
    Packed,
    TransferError,
    encode_part,
    load_received,
)

log = logging.getLogger(__name__)

APP_NAME = "briefing-tui"

PROTOCOL_VERSION = 2
"""Bumped on any change an older follower could misread; added optional fields do not bump it.

Version 2: the presenter sends its briefing (``briefing`` and ``part``).
"""

MAX_LINE_BYTES = 64 * 1024
"""The longest line, newline included, that a follower accepts."""
FOLLOWER_BUFFER_BYTES = 64 * 1024
"""Bytes waiting to be sent to a follower (beyond the kernel's buffer) before it is dropped."""
MAX_FOLLOWER_INPUT_BYTES = 64 * 1024
"""Bytes a follower may send in all before it is dropped: followers have nothing to say."""
MAX_FOLLOWERS = 1000
"""Connections beyond this many are closed at once."""
DEFAULT_FOLLOWERS_PER_USER = 100
"""Followers one other user may have at once, unless the presenter says otherwise.

So that one member of a share's group cannot take all :data:`MAX_FOLLOWERS`
places. The presenter's own user is not limited: it could stop the
presenter anyway, and an audience sharing the presenter's account is that user.
"""
CLOSE_GRACE_SECONDS = 1.0
"""How long :meth:`Presenter.close` lets followers take their ``end`` before cutting them off."""
PROBE_TIMEOUT_SECONDS = 2.0
"""How long to wait when checking whether a socket has a live presenter behind it."""
TRANSFER_TIMEOUT_SECONDS = 60.0
"""How long a follower may take to read the presenter's briefing before it is dropped."""

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
NOTES_SUFFIX = ".notes.sock"
"""The notes channel of briefing ID is ``ID.notes.sock``."""
TEMP_ROOT = Path("/tmp")
"""Root of the fallback runtime directory and of group shares; the same for every user."""
RUN_USER_ROOT = Path("/run/user")
"""Where logind makes each user's runtime directory, ``/run/user/<uid>``."""

_READ_CHUNK = 64 * 1024
# What a late joiner is sent after hello, in this order.
_STATE_ORDER = ("slide", "blank", "timer")
# sun_path is 108 bytes on Linux and 104 on the BSDs and macOS, NUL included.
_MAX_SOCKET_PATH_BYTES = 107 if sys.platform.startswith("linux") else 103
_PRIVATE_DIR_MODE = 0o700
_SHARED_DIR_MODE = 0o711
_PRIVATE_SOCKET_MODE = 0o600
_GROUP_SOCKET_MODE = 0o660


class ShareError(Exception):
    """A share or follow that cannot go ahead; ``str()`` is one line for a person, safe to print."""

    def __init__(self, message: str) -> None:
        super().__init__(neutralise(message))

    @property
    def message(self) -> str:
        """The message, neutralised."""
        return str(self.args[0])


class NoPresentation(ShareError):
    """There is no presenter to follow under that name."""


class AlreadyShared(ShareError):
    """A live presenter already uses that name."""


class ProtocolMismatch(ShareError):
    """The presenter speaks another version of the protocol."""


# --- Messages on the wire --------------------------------------------------------------


WireText = Annotated[str, StringConstraints(max_length=500), AfterValidator(neutralise)]
ShortWireText = Annotated[str, StringConstraints(max_length=40), AfterValidator(neutralise)]
BriefingId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
SlideKey = Annotated[str, StringConstraints(pattern=r"^[a-z]{1,20}(:[a-z0-9][a-z0-9-]{0,63})?$")]
ContentHash = Annotated[str, StringConstraints(pattern=r"^([0-9a-f]{64})?$")]

MAX_SLIDES = 100_000


class WireMessage(BaseModel):
    """Base of every message: strict types, unknown fields ignored.

    Ignoring unknown fields lets protocol 1 grow optional fields without
    breaking older followers; anything an older follower would misread bumps
    :data:`PROTOCOL_VERSION` instead.
    """

    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, allow_inf_nan=False)


class HelloMessage(WireMessage):
    """First message of every connection: who is presenting what."""

    type: Literal["hello"] = "hello"
    protocol: int = PROTOCOL_VERSION
    """The protocol version the presenter speaks."""
    app: ShortWireText = __version__
    """The presenter's briefing-tui version."""
    briefing_id: BriefingId
    """The id of the briefing being presented."""
    content_hash: ContentHash
    """SHA-256 (hex) of the presenter's briefing file, or "" when unknown."""
    slide_count: Annotated[int, Field(ge=1, le=MAX_SLIDES)]
    """How many slides the presenter's deck has."""


class SlideMessage(WireMessage):
    """The presenter is on another slide."""

    type: Literal["slide"] = "slide"
    index: Annotated[int, Field(ge=0, lt=MAX_SLIDES)]
    """The slide's 0-based index in the presenter's deck."""
    key: SlideKey
    """The slide's stable key, e.g. ``"section:history"``."""
    title: WireText
    """The slide's title (neutralised on arrival)."""


class BlankMessage(WireMessage):
    """The presenter blanked or unblanked the screen."""

    type: Literal["blank"] = "blank"
    blank: bool
    """True while the screen is blank."""


class TimerMessage(WireMessage):
    """The presenter's timer started, paused or was reset."""

    type: Literal["timer"] = "timer"
    running: bool
    """Whether the timer is running."""
    elapsed: Annotated[float, Field(ge=0, le=10_000_000)]
    """Seconds on the timer when the message was sent."""


class EndMessage(WireMessage):
    """The presentation is over; the presenter closes the connection next."""

    type: Literal["end"] = "end"


MAX_PARTS = MAX_FILE_BYTES // PART_BYTES + 1
"""The most ``part`` messages a briefing within the loader's cap takes."""
PART_TEXT_MAX = 4 * -(-PART_BYTES // 3)
"""Characters of base64 in a full ``part``."""
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class BriefingMessage(WireMessage):
    """The presenter's briefing follows, in ``parts`` part messages; after a reload, again."""

    type: Literal["briefing"] = "briefing"
    briefing_id: BriefingId
    """The id of the briefing being presented."""
    content_hash: ContentHash
    """SHA-256 (hex) of the presenter's briefing file, or "" when unknown."""
    slide_count: Annotated[int, Field(ge=1, le=MAX_SLIDES)]
    """How many slides the presenter's deck has now."""
    encoding: Literal["zlib", "identity"]
    """How the parts are compressed."""
    size: Annotated[int, Field(ge=0, le=1 << 40)]
    """Bytes of the TOML text, uncompressed."""
    sha256: Sha256
    """SHA-256 (hex) of the TOML text."""
    parts: Annotated[int, Field(ge=0, le=MAX_PARTS)]
    """How many ``part`` messages follow; 0 when the text is over the 16 MiB cap."""


class PartMessage(WireMessage):
    """One piece of the briefing, in order."""

    type: Literal["part"] = "part"
    index: Annotated[int, Field(ge=0, lt=MAX_PARTS)]
    """The part's 0-based position."""
    data: Annotated[str, StringConstraints(max_length=PART_TEXT_MAX)]
    """Up to 45 KiB of the (compressed) text, base64."""


Message = Annotated[
    HelloMessage
    | BriefingMessage
    | PartMessage
    | SlideMessage
    | BlankMessage
    | TimerMessage
    | EndMessage,
    Field(discriminator="type"),
]
_MESSAGE = TypeAdapter(Message)


class NextCommand(WireMessage):
    """From the notes window: go to the next slide."""

    type: Literal["next"] = "next"


class PreviousCommand(WireMessage):
    """From the notes window: go to the previous slide."""

    type: Literal["previous"] = "previous"


class GoCommand(WireMessage):
    """From the notes window: go to slide *index* (0-based)."""

    type: Literal["go"] = "go"
    index: Annotated[int, Field(ge=0, lt=MAX_SLIDES)]


Command = Annotated[NextCommand | PreviousCommand | GoCommand, Field(discriminator="type")]
_COMMAND = TypeAdapter(Command)
MAX_COMMAND_BYTES = 1024
"""The longest command line the notes channel takes; a longer one drops the notes window."""


class _VersionProbe(BaseModel):
    # Read just enough of a hello that failed validation to tell a newer protocol apart.
    model_config = ConfigDict(extra="ignore", strict=True)

    type: Literal["hello"]
    protocol: int


def encode(message: WireMessage) -> bytes:
    """One message as a protocol line (compact JSON and a newline)."""
    return message.model_dump_json().encode() + b"\n"


# --- Where sockets live ----------------------------------------------------------------


def check_name(name: str) -> str:
    """Return *name* if it is a valid share name, else raise :class:`ShareError`."""
    if NAME_PATTERN.fullmatch(name) is None:
        raise ShareError(
            f"{name!r} is not a valid presentation name: use 1 to 64 letters, digits, "
            "'-' and '_', starting with a letter or digit"
        )
    return name


def _runtime_dir() -> Path | None:
    """The user's runtime directory (theirs alone by construction), if the session has one."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime)
    # Sessions without XDG_RUNTIME_DIR (ssh without PAM, cron) must still meet
    # the presenter's socket: /run/user/<uid> is where logind would point.
    run_user = RUN_USER_ROOT / str(os.geteuid())
    if run_user.is_dir():
        return run_user
    return None


def private_dir() -> Path:
    """The user's own directory for sockets, where a presenter tries first (not created here).

    Without a runtime directory this is ``/tmp/briefing-<uid>``, a name any
    local user can take first: a presenter that finds it taken uses a
    directory of its own making instead (see :func:`state_dir`).
    """
    runtime = _runtime_dir()
    if runtime is not None:
        return runtime / "briefing"
    return TEMP_ROOT / f"briefing-{os.geteuid()}"


def shared_dir(uid: int) -> Path:
    """The well-known directory of user *uid*'s group shares (not created here)."""
    return TEMP_ROOT / f"briefing-shared-{uid}"


def state_dir() -> Path:
    """The user's state directory for the app: it records socket directories made by mkdtemp.

    When a well-known directory in /tmp is taken by someone else, the
    presenter makes one with an unpredictable name and writes its path here
    (``private-socket-dir``, ``shared-socket-dir``), so that the same user's
    followers find it and later presenters use it again.
    """
    return platformdirs.user_state_path(APP_NAME)


def share_socket_path(name: str, *, group: str | None = None) -> Path:
    """Where the presenter of share *name* listens, unless that directory is taken."""
    check_name(name)
    folder = private_dir() if group is None else shared_dir(os.geteuid())
    return folder / f"{name}.sock"


def notes_socket_path(briefing_id: str) -> Path:
    """Where the notes channel of *briefing_id* listens, unless that directory is taken."""
    return private_dir() / f"{briefing_id}{NOTES_SUFFIX}"


class _UntrustedDir(ShareError):
    """A directory someone other than its expected owner controls; *reason* says how."""

    def __init__(self, path: Path, reason: str, advice: str) -> None:
        super().__init__(f"{path} {reason}; {advice}")
        self.reason = reason


def _check_dir(path: Path, owner: int) -> None:
    """Refuse a directory that someone other than *owner* controls (:class:`_UntrustedDir`)."""
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode):
        raise _UntrustedDir(path, "is not a directory", "remove it and try again")
    if info.st_uid != owner:
        raise _UntrustedDir(path, "belongs to another user", "refusing to use it")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise _UntrustedDir(path, "is writable by other users", "refusing to use it")


def _prepare_dir(path: Path, mode: int) -> None:
    """Create the socket directory with *mode*, or check and tighten an existing one."""
    try:
        path.mkdir(mode=mode)
    except FileExistsError:
        pass
    except OSError as error:
        raise ShareError(f"cannot create {path}: {error.strerror}") from None
    _check_dir(path, os.geteuid())
    if stat.S_IMODE(os.lstat(path).st_mode) != mode:
        # mkdir's mode went through the umask; an older directory may be looser.
        os.chmod(path, mode)


_MAX_RECORD_BYTES = 4096
PRIVATE_RECORD = "private-socket-dir"
"""The record, in :func:`state_dir`, of the private socket directory made by mkdtemp."""
SHARED_RECORD = "shared-socket-dir"
"""The record, in :func:`state_dir`, of the group-share directory made by mkdtemp."""


def _recorded_dir(record: str) -> Path | None:
    """The directory the user's state records under *record*, if it is still theirs alone.

    A record whose directory has gone (a /tmp cleaner) or was replaced by
    someone else's is no record: None. Never creates or writes anything.
    """
    try:
        with open(state_dir() / record, "rb") as file:
            data = file.read(_MAX_RECORD_BYTES + 1)
        text = data.decode("utf-8").removesuffix("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if len(data) > _MAX_RECORD_BYTES or not os.path.isabs(text) or has_control_characters(text):
        return None
    folder = Path(text)
    try:
        _check_dir(folder, os.geteuid())
    except (OSError, ShareError):
        return None
    return folder


def _made_dir(record: str, prefix: str, mode: int) -> Path:
    """A socket directory with an unpredictable name in /tmp, recorded under *record*.

    Used when the well-known directory is taken: the recorded one is used
    again while it is still the user's, else a new one is made with
    ``tempfile.mkdtemp`` (*prefix* and random letters, which no one can take
    first) and recorded. A lock keeps two presenters from recording two.
    """
    folder_of_records = state_dir()
    try:
        folder_of_records.mkdir(parents=True, exist_ok=True)
        with open(folder_of_records / f"{record}.lock", "ab") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            folder = _recorded_dir(record)
            if folder is None:
                folder = Path(tempfile.mkdtemp(prefix=prefix, dir=TEMP_ROOT))
                try:
                    write_atomically(folder_of_records / record, os.fsencode(folder) + b"\n")
                except OSError:
                    folder.rmdir()
                    raise
    except OSError as error:
        where = error.filename or folder_of_records
        raise ShareError(
            f"cannot make a socket directory ({where}: {error.strerror}); "
            "set XDG_RUNTIME_DIR to a directory only you can write to"
        ) from None
    _prepare_dir(folder, mode)
    return folder


def _check_path_length(path: Path) -> None:
    if len(os.fsencode(path)) > _MAX_SOCKET_PATH_BYTES:
        raise ShareError(
            f"socket path {path} is too long for a Unix socket; "
            "use a shorter name or set XDG_RUNTIME_DIR to a shorter directory"
        )


async def _is_live(path: Path) -> bool:
    """True when a presenter accepts connections at *path*; False for none or a stale socket."""
    loop = asyncio.get_running_loop()
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.setblocking(False)
    try:
        await asyncio.wait_for(loop.sock_connect(probe, str(path)), PROBE_TIMEOUT_SECONDS)
    except (FileNotFoundError, ConnectionRefusedError):
        return False
    except asyncio.TimeoutError:
        # A full backlog: something is listening there.
        return True
    except OSError as error:
        raise ShareError(f"cannot check {path}: {error.strerror}") from None
    finally:
        probe.close()
    return True


def _peer_credentials(sock: socket.socket | None) -> tuple[int, int, int] | None:
    """(pid, uid, gid) of the process at the other end of *sock*, where the platform says."""
    option = getattr(socket, "SO_PEERCRED", None)
    if sock is None or option is None:
        return None
    try:
        data = sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("iII"))
    except OSError:
        return None
    pid, uid, gid = struct.unpack("iII", data)
    return pid, uid, gid


def _fallback_for(folder: Path, group: str | None) -> str | None:
    """The record of the made directory that replaces *folder* if it is taken, or None.

    Only the well-known names in /tmp can be taken by another user; a
    runtime directory is the user's alone, and trouble there is an error.
    """
    if group is not None:
        return SHARED_RECORD
    if folder.parent == TEMP_ROOT:
        return PRIVATE_RECORD
    return None


# --- Presenter -------------------------------------------------------------------------


class _FollowerConnection(asyncio.Protocol):
    """The presenter's end of one follower: writes go out, reads are discarded.

    While the briefing goes out (:attr:`transfer`), the connection writes
    only as fast as the follower reads: a full buffer pauses the transfer
    rather than dropping the follower, and the presenter's state follows
    once the briefing is through.
    """

    def __init__(self, presenter: Presenter) -> None:
        self._presenter = presenter
        self.transport: asyncio.Transport | None = None
        self.uid: int | None = None
        """The follower's user (SO_PEERCRED), once admitted, where the platform says."""
        self.transfer: deque[bytes] = deque()
        """Lines of the briefing still to send; empty once it is through."""
        self.paused = False
        """True while the follower's buffer is full."""
        self.deadline: asyncio.TimerHandle | None = None
        """Drops the follower if the briefing is not through in time."""
        self._received = 0
        self._pending = bytearray()

    @property
    def transferring(self) -> bool:
        """True while the briefing is on its way to this follower."""
        return bool(self.transfer)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        # Above this many bytes waiting, asyncio calls pause_writing: that is
        # the follower falling behind, and it is dropped there.
        transport.set_write_buffer_limits(high=FOLLOWER_BUFFER_BYTES)
        self._presenter._join(self)

    def data_received(self, data: bytes) -> None:
        if self._presenter.on_command is not None and self.uid == self._presenter.own_uid:
            self._commands(data)
            return
        self._received += len(data)
        if self._received > MAX_FOLLOWER_INPUT_BYTES:
            self._presenter._drop(self, "sent more than a follower ever should")

    def _commands(self, data: bytes) -> None:
        """Lines from the presenter's own notes window: each a command, or dropped."""
        self._pending += data
        *lines, rest = self._pending.split(b"\n")
        if len(rest) > MAX_COMMAND_BYTES:
            self._presenter._drop(self, "sent a command line too long")
            return
        self._pending = bytearray(rest)
        for line in lines:
            try:
                command = _COMMAND.validate_json(line)
            except ValidationError:
                log.info("ignoring a malformed command on %s", self._presenter.description)
                continue
            assert self._presenter.on_command is not None
            self._presenter.on_command(command)

    def eof_received(self) -> bool:
        # A follower that closes its side has left; returning False closes ours.
        return False

    def pause_writing(self) -> None:
        if self.transferring:
            self.paused = True
        else:
            self._presenter._drop(self, "could not keep up")

    def resume_writing(self) -> None:
        self.paused = False
        if self.transferring:
            self._presenter._send_transfer(self)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
        self._presenter._leave(self)


class Presenter:
    """The presenter's end of a share: publishes the current slide to every follower.

    Create one with :meth:`for_share` or :meth:`for_notes`, ``await start()``,
    call the ``publish_*`` methods as the presentation moves (they never
    wait), and ``await close()`` at the end. Also an async context manager.
    """

    def __init__(
        self,
        path: Path,
        hello: HelloMessage,
        *,
        description: str,
        group: str | None = None,
        fallback: str | None = None,
        max_per_user: int | None = DEFAULT_FOLLOWERS_PER_USER,
        on_count_change: Callable[[int], None] | None = None,
        on_command: Callable[[Command], None] | None = None,
    ) -> None:
        """Prepare a presenter at *path*; nothing is opened until :meth:`start`.

        *description* names the share in errors ("a presentation named talk").
        With *group*, the socket is 0660 and belongs to that group. With
        *fallback* (a record name, see :func:`state_dir`), a directory of
        *path* that another user has taken is not an error: the socket goes
        to a directory made for it instead, and :attr:`path` changes.
        *max_per_user* caps the followers any one user other than the
        presenter's may have at once (None: no cap but :data:`MAX_FOLLOWERS`);
        followers beyond it are closed at once. *on_count_change* is called
        with the new follower count whenever it changes, in the event loop.
        With *on_command* (the notes channel), commands from followers of
        the presenter's own user (``next``, ``previous``, ``go``) are
        passed to it, in the event loop; a share never takes any.
        """
        if max_per_user is not None and max_per_user < 1:
            raise ValueError(f"max_per_user must be at least 1, not {max_per_user}")
        self.path = path
        self.description = description
        self.group = group
        self.fallback = fallback
        self.max_per_user = max_per_user
        self.on_count_change = on_count_change
        self.on_command = on_command
        self.own_uid = os.geteuid()
        """The presenter's user: the only one whose commands the notes channel takes."""
        self._per_user: Counter[int] = Counter()
        self.relocated: str | None = None
        """For a group share moved out of its taken directory: where, and what followers add."""
        self._hello = encode(hello)
        self._briefing: tuple[bytes, ...] = ()
        self._state: dict[str, bytes] = {}
        self._followers: set[_FollowerConnection] = set()
        self._all_gone = asyncio.Event()
        self._all_gone.set()
        self._server: asyncio.AbstractServer | None = None
        self._inode: tuple[int, int] | None = None
        self._closed = False
        self.dropped = 0
        """How many followers were disconnected for falling behind or talking."""

    @classmethod
    def for_share(
        cls,
        name: str,
        hello: HelloMessage,
        *,
        group: str | None = None,
        max_per_user: int | None = DEFAULT_FOLLOWERS_PER_USER,
        on_count_change: Callable[[int], None] | None = None,
    ) -> Presenter:
        """A presenter for ``briefing present --share NAME [--share-group GROUP]``."""
        path = share_socket_path(name, group=group)
        return cls(
            path,
            hello,
            description=f"a presentation named {name}",
            group=group,
            fallback=_fallback_for(path.parent, group),
            max_per_user=max_per_user,
            on_count_change=on_count_change,
        )

    @classmethod
    def for_notes(
        cls,
        hello: HelloMessage,
        *,
        on_count_change: Callable[[int], None] | None = None,
        on_command: Callable[[Command], None] | None = None,
    ) -> Presenter:
        """The private notes channel that ``briefing notes`` follows; one per briefing id.

        *on_command* takes the notes window's commands, which move the talk.
        """
        path = notes_socket_path(hello.briefing_id)
        return cls(
            path,
            hello,
            description=f"the notes channel of briefing {hello.briefing_id}",
            fallback=_fallback_for(path.parent, None),
            on_count_change=on_count_change,
            on_command=on_command,
        )

    @property
    def follower_count(self) -> int:
        """How many followers are connected now."""
        return len(self._followers)

    async def start(self) -> None:
        """Listen on :attr:`path`.

        Raises :class:`AlreadyShared` when a live presenter holds the name and
        :class:`ShareError` for anything else in the way (a foreign or loose
        directory without a fallback, an unknown group, a path too long). A
        socket left by a presenter that was killed is taken over.
        """
        gid = self._group_id()
        mode = _PRIVATE_SOCKET_MODE if gid is None else _GROUP_SOCKET_MODE
        self._prepare_folder(_PRIVATE_DIR_MODE if gid is None else _SHARED_DIR_MODE)
        _check_path_length(self.path)
        # Bind under a temporary name and give the socket its mode and group
        # before it appears under the real name, so no one can connect while
        # it still has the umask's permissions; link() then refuses to
        # replace a socket another presenter published in the meantime.
        temporary = self.path.with_name(f".{secrets.token_hex(8)}.tmp")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.setblocking(False)
            listener.bind(str(temporary))
            try:
                if gid is not None:
                    os.chown(temporary, -1, gid)
                os.chmod(temporary, mode)
                # Room for a whole audience joining at the same instant.
                listener.listen(MAX_FOLLOWERS)
                await self._publish_path(temporary)
            finally:
                temporary.unlink(missing_ok=True)
            # create_unix_server listens again on the socket it is given, with
            # its own backlog (100 unless told): pass ours, or a crowd joining
            # at once loses everyone beyond the first hundred.
            self._server = await asyncio.get_running_loop().create_unix_server(
                lambda: _FollowerConnection(self), sock=listener, backlog=MAX_FOLLOWERS
            )
        except BaseException as error:
            listener.close()
            self._remove_socket()
            if isinstance(error, OSError):
                raise ShareError(
                    f"cannot share {self.description}: {error.strerror or error}"
                ) from None
            raise

    def _prepare_folder(self, mode: int) -> None:
        """Make the socket's directory ready, moving to a made one if another user took it."""
        taken = self.path.parent
        try:
            _prepare_dir(taken, mode)
            return
        except _UntrustedDir as error:
            if self.fallback is None:
                raise
            reason = error.reason
        # A well-known name in /tmp that someone else got to first: going
        # elsewhere beats refusing to share, and no one can take a name they
        # cannot predict.
        folder = _made_dir(self.fallback, f"{taken.name}-", mode)
        log.warning("%s %s; using %s for %s", taken, reason, folder, self.description)
        self.path = folder / self.path.name
        if self.group is not None:
            self.relocated = neutralise(
                f"{taken} {reason}, so {self.description} is in {folder}: "
                f"other users follow it with --dir {folder}"
            )

    def _group_id(self) -> int | None:
        if self.group is None:
            return None
        try:
            gid = grp.getgrnam(self.group).gr_gid
        except KeyError:
            raise ShareError(f"there is no group named {self.group!r}") from None
        if os.geteuid() != 0 and gid not in os.getgroups() and gid != os.getegid():
            raise ShareError(f"you are not a member of group {self.group!r}")
        return gid

    async def _publish_path(self, temporary: Path) -> None:
        try:
            os.link(temporary, self.path)
        except FileExistsError:
            if await _is_live(self.path):
                raise AlreadyShared(f"{self.description} is already being shared") from None
            log.info("taking over stale socket %s", self.path)
            self.path.unlink(missing_ok=True)
            try:
                os.link(temporary, self.path)
            except FileExistsError:
                # Another presenter took the name between our check and our link.
                raise AlreadyShared(f"{self.description} is already being shared") from None
        info = os.stat(self.path)
        self._inode = (info.st_dev, info.st_ino)

    def publish_briefing(self, hello: HelloMessage, packed: Packed) -> None:
        """Send the briefing *packed* (see :mod:`~.transfer`) to every follower, and to later ones.

        *hello* describes it (id, file hash, slide count): later followers
        are greeted with it. Followers still taking an older briefing get
        this one instead. Never waits.
        """
        self._hello = encode(hello)
        header = BriefingMessage(
            briefing_id=hello.briefing_id,
            content_hash=hello.content_hash,
            slide_count=hello.slide_count,
            encoding=packed.encoding,
            size=packed.size,
            sha256=packed.sha256,
            parts=len(packed.parts),
        )
        self._briefing = (
            encode(header),
            *(
                encode(PartMessage(index=index, data=encode_part(part)))
                for index, part in enumerate(packed.parts)
            ),
        )
        if self._closed:
            return
        for follower in tuple(self._followers):
            self._start_transfer(follower)

    def _start_transfer(self, follower: _FollowerConnection) -> None:
        follower.transfer = deque(self._briefing)
        if follower.deadline is not None:
            follower.deadline.cancel()
        follower.deadline = asyncio.get_running_loop().call_later(
            TRANSFER_TIMEOUT_SECONDS, self._transfer_overdue, follower
        )
        if not follower.paused:
            self._send_transfer(follower)

    def _send_transfer(self, follower: _FollowerConnection) -> None:
        """Write the briefing's next lines until the follower's buffer fills or it is through."""
        transport = follower.transport
        if transport is None or follower not in self._followers:
            return
        while follower.transfer and not follower.paused and not transport.is_closing():
            # Taken off the queue only once written: a write that fills the
            # buffer must find the transfer still under way, and pause it.
            transport.write(follower.transfer[0])
            follower.transfer.popleft()
        if not follower.transfer:
            if follower.deadline is not None:
                follower.deadline.cancel()
                follower.deadline = None
            # The state it missed while the briefing went out, as a late joiner gets it.
            transport.write(self._current_state())

    def _transfer_overdue(self, follower: _FollowerConnection) -> None:
        follower.deadline = None
        if follower.transferring:
            self._drop(follower, "did not take the briefing in time")

    def _current_state(self) -> bytes:
        return b"".join(self._state[kind] for kind in _STATE_ORDER if kind in self._state)

    def publish_slide(self, index: int, key: str, title: str) -> None:
        """Tell every follower the presenter is on slide *index* (*key*, *title*). Never waits."""
        self._set("slide", SlideMessage(index=index, key=key, title=title))

    def publish_blank(self, blank: bool) -> None:
        """Tell every follower the screen is blanked (True) or back (False). Never waits."""
        self._set("blank", BlankMessage(blank=blank))

    def publish_timer(self, running: bool, elapsed: float) -> None:
        """Tell every follower the timer's state: running or not, *elapsed* seconds. Never waits."""
        self._set("timer", TimerMessage(running=running, elapsed=elapsed))

    def _set(self, kind: str, message: WireMessage) -> None:
        line = encode(message)
        self._state[kind] = line
        if not self._closed:
            self._broadcast(line)

    def _broadcast(self, line: bytes) -> None:
        # A write can drop its follower (pause_writing), so iterate over a copy.
        for follower in tuple(self._followers):
            if follower.transferring:
                continue  # it gets the state once the briefing is through
            if follower in self._followers and follower.transport is not None:
                follower.transport.write(line)

    def _join(self, follower: _FollowerConnection) -> None:
        transport = follower.transport
        assert transport is not None
        if self._closed or len(self._followers) >= MAX_FOLLOWERS:
            transport.abort()
            return
        credentials = _peer_credentials(transport.get_extra_info("socket"))
        if credentials is not None:
            pid, uid, _gid = credentials
            if self._over_user_limit(uid):
                log.info(
                    "turning away a follower of %s: pid %d, uid %d already has %d",
                    self.description,
                    pid,
                    uid,
                    self._per_user[uid],
                )
                transport.abort()
                return
            log.info("follower joined %s: pid %d, uid %d", self.description, pid, uid)
            follower.uid = uid
            self._per_user[uid] += 1
        self._followers.add(follower)
        self._all_gone.clear()
        transport.write(self._hello)
        if self._briefing:
            self._start_transfer(follower)
        else:
            transport.write(self._current_state())
        self._count_changed()

    def _over_user_limit(self, uid: int) -> bool:
        # Without credentials (a platform without SO_PEERCRED) there is no
        # user to count, and only MAX_FOLLOWERS applies.
        if self.max_per_user is None or uid == self.own_uid:
            return False
        return self._per_user[uid] >= self.max_per_user

    def _drop(self, follower: _FollowerConnection, reason: str) -> None:
        if follower not in self._followers:
            return
        log.info("dropping a follower of %s: it %s", self.description, reason)
        self.dropped += 1
        self._forget(follower)
        if follower.transport is not None:
            follower.transport.abort()

    def _leave(self, follower: _FollowerConnection) -> None:
        if follower in self._followers:
            self._forget(follower)

    def _forget(self, follower: _FollowerConnection) -> None:
        self._followers.discard(follower)
        if follower.uid is not None:
            self._per_user[follower.uid] -= 1
            if not self._per_user[follower.uid]:
                del self._per_user[follower.uid]
        if not self._followers:
            self._all_gone.set()
        self._count_changed()

    def _count_changed(self) -> None:
        if self.on_count_change is not None:
            self.on_count_change(len(self._followers))

    async def close(self) -> None:
        """Send ``end`` to every follower, disconnect them and remove the socket."""
        if self._closed:
            return
        self._closed = True
        if self._server is not None:
            self._server.close()
        end = encode(EndMessage())
        for follower in tuple(self._followers):
            if follower.transport is not None:
                follower.transport.write(end)
                follower.transport.close()
        try:
            await asyncio.wait_for(self._all_gone.wait(), CLOSE_GRACE_SECONDS)
        except asyncio.TimeoutError:
            for follower in tuple(self._followers):
                self._drop(follower, "did not take its end in time")
        self._remove_socket()

    def _remove_socket(self) -> None:
        # Only our own socket: never one a later presenter put in its place.
        if self._inode is None:
            return
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return
        if (info.st_dev, info.st_ino) == self._inode:
            self.path.unlink(missing_ok=True)
        self._inode = None

    async def __aenter__(self) -> Presenter:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


# --- Follower --------------------------------------------------------------------------


@dataclass(frozen=True)
class Joined:
    """The presenter said hello: what it presents, and whether it matches the local copy."""

    hello: HelloMessage
    """The presenter's hello (briefing id, content hash, slide count, app version)."""
    content_matches: bool | None
    """True when both sides hold the same file, False when they differ (warn), None when unknown."""


@dataclass(frozen=True)
class SlideChanged:
    """The presenter moved to a slide; find it locally with :func:`~.slides.locate`."""

    index: int
    key: str
    title: str
    """Neutralised."""


@dataclass(frozen=True)
class Blanked:
    """The presenter blanked (True) or unblanked (False) the screen."""

    blank: bool


@dataclass(frozen=True)
class TimerChanged:
    """The presenter's timer changed; :meth:`elapsed_now` keeps it ticking locally."""

    running: bool
    elapsed: float
    """Seconds on the presenter's timer when the message arrived."""
    received_at: float
    """``time.monotonic()`` at arrival."""

    def elapsed_now(self, now: float | None = None) -> float:
        """Seconds on the presenter's timer now, counting on from arrival while it runs."""
        if not self.running:
            return self.elapsed
        now = time.monotonic() if now is None else now
        return self.elapsed + max(0.0, now - self.received_at)


@dataclass(frozen=True)
class Ended:
    """The presentation is over for this follower; always the last event."""

    by_presenter: bool
    """True when the presenter said ``end``; False when the connection was lost."""

    @property
    def message(self) -> str:
        """What to show the viewer."""
        if self.by_presenter:
            return "presentation ended"
        return "presentation ended (connection to the presenter lost)"


@dataclass(frozen=True)
class BriefingReceived:
    """The presenter's briefing arrived whole and passed the loader's checks."""

    briefing: Briefing


@dataclass(frozen=True)
class BriefingUnavailable:
    """The presenter's briefing cannot be shown: too big, damaged, or not a valid briefing."""

    problems: tuple[str, ...]
    """What is wrong, one line each (the loader's ``FILE:LINE:COL: path: message``), neutralised."""


@dataclass(frozen=True)
class _Assembled:
    # The briefing's whole text, to be checked (off the event loop) before it is an event.
    text: str


class _Taken:
    """A line that was valid and did its work, but is no event (a part of the briefing)."""


_TAKEN = _Taken()


FollowerEvent: TypeAlias = (
    Joined | BriefingReceived | BriefingUnavailable | SlideChanged | Blanked | TimerChanged | Ended
)


class Follower:
    r"""The follower's end of a share: an async iterator of validated events.

    Get one with :meth:`connect` or :meth:`connect_notes`; then
    ``async for event in follower`` yields :class:`Joined`, then (when it
    wants the presenter's briefing) :class:`BriefingReceived` or
    :class:`BriefingUnavailable`, then any of :class:`SlideChanged`,
    :class:`Blanked`, :class:`TimerChanged`, and finally :class:`Ended`,
    after which iteration stops. A reload on the presenter's side yields
    :class:`Joined` (with the new slide count) and the briefing again.
    Iterating again goes on where the last loop stopped. It raises
    :class:`ProtocolMismatch` if the presenter speaks another protocol
    version. A follower of a share never writes to the socket; the notes
    window :meth:`send`\ s commands on its private channel.
    """

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        *,
        content_hash: str | None = None,
        wants_briefing: bool = False,
    ) -> None:
        """Follow over an open connection.

        *content_hash* is the local file's, to compare with the
        presenter's. With *wants_briefing* (no local file), the briefing
        the presenter sends is checked and yielded; otherwise it is skipped.
        """
        self._reader = reader
        self._writer = writer
        self._content_hash = content_hash or None
        self.wants_briefing = wants_briefing
        self.hello: HelloMessage | None = None
        """The presenter's hello (kept up to date by reloads), once it has arrived."""
        self.dropped = 0
        """How many lines were thrown away as oversized, malformed or out of place."""
        self._assembly: Assembly | None = None
        self._events_iterator: AsyncIterator[FollowerEvent] | None = None

    @classmethod
    async def connect(
        cls,
        name: str,
        *,
        owner: str | None = None,
        content_hash: str | None = None,
        folder: Path | None = None,
        wants_briefing: bool = False,
    ) -> Follower:
        """Follow the presentation shared as *name* (*wants_briefing*: see :class:`Follower`).

        Without *owner*, looks for the user's own share wherever a presenter
        of theirs puts it (the private directory, the group-share directory,
        or one recorded in :func:`state_dir` because the usual one was
        taken). With *owner*, looks for that user's group share where other
        users look: ``/tmp/briefing-shared-<uid>``. *folder* (``--dir``) is
        tried first, and must belong to the presenter (*owner*, or the user).
        Raises :class:`NoPresentation` when nothing is presenting under the
        name and :class:`ShareError` when the socket cannot be trusted or
        reached.
        """
        check_name(name)
        me = os.geteuid()
        if owner is None:
            uid = me
        else:
            try:
                uid = pwd.getpwnam(owner).pw_uid
            except KeyError:
                raise ShareError(f"there is no user named {owner!r}") from None
        candidates: list[tuple[Path, bool]] = []
        if folder is not None:
            candidates.append((folder, True))
        if owner is None:
            candidates += _private_candidates()
            candidates.append((shared_dir(me), False))
            recorded = _recorded_dir(SHARED_RECORD)
            if recorded is not None:
                candidates.append((recorded, True))
        else:
            candidates.append((shared_dir(uid), False))
        found, taken = await _find(candidates, uid, f"{name}.sock", f"presentation {name}")
        if found is not None:
            return cls(*found, content_hash=content_hash, wants_briefing=wants_briefing)
        if taken is not None and owner is not None:
            raise NoPresentation(
                f"no presentation named {name} by {owner}: {taken}, so their presenter "
                f"shares it elsewhere; ask {owner} for the directory it shows and add --dir DIR"
            )
        if folder is not None:
            raise NoPresentation(
                f"no presentation named {name} in {folder} (is the presenter running with "
                f"--share {name}, and is that the directory it shows?)"
            )
        if owner is None:
            raise NoPresentation(
                f"no presentation named {name} (is the presenter running with --share {name}? "
                "if another user shares it, add --from USER)"
            )
        raise NoPresentation(
            f"no presentation named {name} by {owner} "
            f"(is the presenter running with --share {name} --share-group GROUP? "
            "if it shows another directory, add --dir DIR)"
        )

    @classmethod
    async def connect_notes(
        cls, briefing_id: str, *, content_hash: str | None = None, wants_briefing: bool = False
    ) -> Follower:
        """Follow the notes channel of this user's presentation of *briefing_id*."""
        found, _taken = await _find(
            _private_candidates(),
            os.geteuid(),
            f"{briefing_id}{NOTES_SUFFIX}",
            f"presentation of {briefing_id}",
        )
        if found is None:
            raise NoPresentation(
                f"briefing {briefing_id} is not being presented "
                "(start `briefing present` first, in another terminal)"
            )
        return cls(*found, content_hash=content_hash, wants_briefing=wants_briefing)

    def __aiter__(self) -> AsyncIterator[FollowerEvent]:
        # One stream of events, however many loops read it: a loop that stops
        # early (waiting for the briefing, say) leaves the rest to the next.
        if self._events_iterator is None:
            self._events_iterator = self._events()
        return self._events_iterator

    async def _events(self) -> AsyncIterator[FollowerEvent]:
        try:
            async for line in self._lines():
                event = self._event(line)
                if event is None:
                    self.dropped += 1
                    continue
                if isinstance(event, _Taken):
                    continue
                if isinstance(event, _Assembled):
                    event = await self._load(event.text)
                yield event
                if isinstance(event, Ended):
                    return
        except OSError:
            pass
        yield Ended(by_presenter=False)

    async def receive_briefing(self, command: str) -> tuple[Briefing, list[FollowerEvent]]:
        """Read on until the presenter's briefing has arrived: it, and the events before it.

        For a follower that wants the briefing. Raises :class:`ShareError`
        when it cannot be shown (too big, damaged, not a valid briefing),
        advising *command* (``briefing follow NAME FILE``) to use a copy of
        one's own, or when the presentation ends first.
        """
        before: list[FollowerEvent] = []
        async for event in self:
            if isinstance(event, BriefingReceived):
                return event.briefing, before
            if isinstance(event, BriefingUnavailable):
                first, *more = event.problems or ("it did not arrive",)
                others = f" (and {len(more)} more problems)" if more else ""
                raise ShareError(
                    f"the presenter's briefing cannot be shown: {first}{others}; "
                    f"use your own copy of it: {command}"
                )
            if isinstance(event, Ended):
                raise ShareError(f"{event.message} before the presenter's briefing arrived")
            before.append(event)
        raise ShareError("the presentation ended before the presenter's briefing arrived")

    async def _load(self, text: str) -> BriefingReceived | BriefingUnavailable:
        """Check a received briefing with the loader, off the event loop."""
        try:
            briefing = await asyncio.to_thread(load_received, text)
        except BriefingError as error:
            return BriefingUnavailable(tuple(str(problem) for problem in error.problems))
        return BriefingReceived(briefing)

    def _event(self, line: bytes) -> FollowerEvent | _Assembled | _Taken | None:
        """The event a line stands for; :data:`_TAKEN` for none; None to drop it."""
        try:
            message = _MESSAGE.validate_json(line)
        except ValidationError:
            self._check_version(line)
            return None
        if isinstance(message, HelloMessage):
            self._check_version(line)
            if self.hello is not None:
                return None
            self.hello = message
            return Joined(message, self._compare(message.content_hash))
        if self.hello is None:
            # Nothing counts before hello: without it we cannot judge the rest.
            return None
        if isinstance(message, BriefingMessage):
            return self._announced(message)
        if isinstance(message, PartMessage):
            return self._part(message)
        if isinstance(message, SlideMessage):
            if message.index >= self.hello.slide_count:
                return None
            return SlideChanged(message.index, message.key, message.title)
        if isinstance(message, BlankMessage):
            return Blanked(message.blank)
        if isinstance(message, TimerMessage):
            return TimerChanged(message.running, message.elapsed, time.monotonic())
        return Ended(by_presenter=True)

    def _announced(self, message: BriefingMessage) -> FollowerEvent | _Taken:
        """A briefing is coming: note what it is, and get ready for its parts if wanted."""
        assert self.hello is not None
        self._assembly = None
        if self.wants_briefing:
            try:
                self._assembly = Assembly(
                    message.encoding, message.size, message.sha256, message.parts
                )
            except TransferError as error:
                return BriefingUnavailable((neutralise(str(error)),))
        current = (self.hello.briefing_id, self.hello.content_hash, self.hello.slide_count)
        if current == (message.briefing_id, message.content_hash, message.slide_count):
            return _TAKEN
        # A reload: the deck the presenter now shows.
        self.hello = self.hello.model_copy(
            update={
                "briefing_id": message.briefing_id,
                "content_hash": message.content_hash,
                "slide_count": message.slide_count,
            }
        )
        return Joined(self.hello, self._compare(message.content_hash))

    def _part(self, message: PartMessage) -> BriefingUnavailable | _Assembled | _Taken:
        assembly = self._assembly
        if assembly is None:
            return _TAKEN  # not wanted, or given up on
        try:
            assembly.add(message.index, message.data)
            if not assembly.complete:
                return _TAKEN
            self._assembly = None
            return _Assembled(assembly.text())
        except TransferError as error:
            self._assembly = None
            return BriefingUnavailable((neutralise(str(error)),))

    def _check_version(self, line: bytes) -> None:
        try:
            probe = _VersionProbe.model_validate_json(line)
        except ValidationError:
            return
        if probe.protocol != PROTOCOL_VERSION:
            raise ProtocolMismatch(
                f"the presenter speaks protocol version {probe.protocol}, this briefing "
                f"{__version__} speaks version {PROTOCOL_VERSION}: install the same "
                "briefing-tui version on both sides"
            )

    def _compare(self, theirs: str) -> bool | None:
        if not theirs or self._content_hash is None:
            return None
        return theirs == self._content_hash

    async def _lines(self) -> AsyncIterator[bytes]:
        """Lines of at most :data:`MAX_LINE_BYTES`; longer ones are skipped to their newline."""
        pending = bytearray()
        skipping = False
        while True:
            chunk = await self._reader.read(_READ_CHUNK)
            if not chunk:
                return
            start = 0
            while (newline := chunk.find(b"\n", start)) >= 0:
                piece = chunk[start:newline]
                start = newline + 1
                if skipping:
                    skipping = False
                elif len(pending) + len(piece) + 1 > MAX_LINE_BYTES:
                    self.dropped += 1
                else:
                    pending += piece
                    yield bytes(pending)
                pending.clear()
            rest = chunk[start:]
            if skipping:
                continue
            if len(pending) + len(rest) + 1 > MAX_LINE_BYTES:
                # Too long already: drop what we have and skip to its end.
                self.dropped += 1
                skipping = True
                pending.clear()
            else:
                pending += rest

    def send(self, command: NextCommand | PreviousCommand | GoCommand) -> None:
        """Ask the presenter to move (the notes channel only; a share ignores it). Never waits."""
        if not self._writer.is_closing():
            self._writer.write(encode(command))

    async def close(self) -> None:
        """Disconnect."""
        self._writer.close()
        with contextlib.suppress(OSError):
            await self._writer.wait_closed()

    async def __aenter__(self) -> Follower:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


async def presented_briefings() -> list[str]:
    """The ids of the briefings this user presents now (live notes channels), sorted.

    ``briefing notes`` without a FILE attaches to the only one, or asks
    which. Directories that cannot be trusted are skipped here; connecting
    to one reports them.
    """
    found: set[str] = set()
    for folder, _strict in _private_candidates():
        try:
            _check_dir(folder, os.geteuid())
            names = os.listdir(folder)
        except (OSError, ShareError):
            continue
        for name in names:
            briefing_id = name.removesuffix(NOTES_SUFFIX)
            if name.endswith(NOTES_SUFFIX) and re.fullmatch(
                r"[a-z0-9][a-z0-9-]{0,63}", briefing_id
            ):
                with contextlib.suppress(ShareError):
                    if await _is_live(folder / name):
                        found.add(briefing_id)
    return sorted(found)


def _private_candidates() -> list[tuple[Path, bool]]:
    """Where this user's private sockets may be, each with whether trouble there is an error.

    The runtime directory is the user's alone: a loose one is an error to
    fix. The well-known name in /tmp may be someone else's (skipped, as the
    presenter skips it); the recorded directory has been checked already.
    """
    folder = private_dir()
    candidates = [(folder, folder.parent != TEMP_ROOT)]
    recorded = _recorded_dir(PRIVATE_RECORD)
    if recorded is not None:
        candidates.append((recorded, True))
    return candidates


async def _find(
    candidates: list[tuple[Path, bool]], owner: int, socket_name: str, what: str
) -> tuple[tuple[asyncio.StreamReader, asyncio.StreamWriter] | None, str | None]:
    """Connect to *socket_name* in the first of *candidates* where a presenter listens.

    Each directory must belong to *owner* and be writable by no one else,
    or the socket in it could be anyone's. A directory marked strict that
    fails the check is an error; any other is skipped. Returns the
    connection (or None) and, when a skipped directory was taken by someone
    else, what is wrong with it, to explain a failure.
    """
    taken = None
    for folder, strict in candidates:
        try:
            _check_dir(folder, owner)
        except FileNotFoundError:
            continue
        except _UntrustedDir as error:
            if strict:
                raise
            taken = taken or f"{folder} {error.reason}"
            continue
        except OSError as error:
            raise ShareError(f"cannot follow the {what}: {error.strerror}") from None
        connection = await _open(folder / socket_name, what)
        if connection is not None:
            return connection, None
    return None, taken


async def _open(path: Path, what: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
    """Connect to *path* if a presenter listens there; None when nothing does."""
    if len(os.fsencode(path)) > _MAX_SOCKET_PATH_BYTES:
        return None
    try:
        return await asyncio.wait_for(
            asyncio.open_unix_connection(str(path), limit=_READ_CHUNK), PROBE_TIMEOUT_SECONDS
        )
    except (FileNotFoundError, ConnectionRefusedError):
        return None
    except PermissionError:
        raise ShareError(
            f"not allowed to follow the {what}: the presenter did not share it with "
            "a group you belong to"
        ) from None
    except asyncio.TimeoutError:
        raise ShareError(f"the {what} did not answer; try again") from None
    except OSError as error:
        raise ShareError(f"cannot follow the {what}: {error.strerror}") from None
