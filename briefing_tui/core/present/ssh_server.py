"""The built-in SSH server: an audience follows with nothing but ``ssh``.

``briefing present --share NAME --ssh PORT`` runs this server in a process of
its own (see ``briefing_tui/ui/ssh_gateway.py``), which follows the share like
any follower and draws the slides for the audience. This module is the SSH
side of that process, built on asyncssh, and never imports Textual.

One process for a lecture hall, not one per person: followers who are
following share the work. A renderer (:class:`Renderer`) draws each slide
once per :class:`FrameKey` (size class and scroll), encodes it once per
colour depth, and the server sends the same bytes to every follower of that
key; a window between size classes shows the class below it, centred. A
follower who presses ``d`` gets an app of its own (``briefing follow`` in a
pseudo-terminal), up to a cap, and ``f`` in it comes back.

Read-only, nothing else: every session must ask for a pty and a shell; exec
requests, subsystems (sftp), forwarding of ports, agents and X11 are refused,
and only ``TERM``, ``COLORTERM`` and ``LANG`` are read from a client. Limits
bound what a client can cost: connections in all, new connections per
address, login time, the time to open a session, output waiting for a slow
client (it is dropped), and input.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import pty
import signal
import struct
import termios
import textwrap
import time
import warnings
from collections import Counter, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from cryptography.utils import CryptographyDeprecationWarning

from briefing_tui.core.content.text import neutralise
from briefing_tui.core.present.ssh_access import (
    DEFAULT_MAX_BROWSING,
    DEFAULT_MAX_CONNECTIONS,
    MAX_JOIN_ATTEMPTS,
    Access,
    ColourDepth,
    ListenAddress,
    TerminalProfile,
    bounded_size,
    code_matches,
    size_class,
)

with warnings.catch_warnings():
    # cryptography warns about DSA as asyncssh imports it: no warning may land
    # on a terminal.
    warnings.simplefilter("ignore", CryptographyDeprecationWarning)
    import asyncssh
    from asyncssh.auth import KbdIntChallenge, KbdIntResponse

log = logging.getLogger(__name__)

LOGIN_SECONDS = 30.0
"""Time from connecting to being let in; then the connection is closed."""
SESSION_SECONDS = 10.0
"""Time from being let in to asking for a terminal session (``ssh -N`` never does)."""
KEEPALIVE_SECONDS = 15.0
"""A client that answers no keepalive for 3 of these is gone."""
WRONG_CODE_DELAY_SECONDS = 1.0
"""The pause after each wrong join code."""
RATE_WINDOW_SECONDS = 10.0
DEFAULT_RATE = 60
"""New connections one address may open per :data:`RATE_WINDOW_SECONDS`.

A lecture hall behind one NAT shares an address, so this is generous; it
stops a flood from one machine, not an audience."""
OUTPUT_BUFFER_BYTES = 256 * 1024
"""Output waiting for one follower; a follower this far behind is dropped."""
MAX_INPUT_CHUNK = 4096
"""Bytes of one burst of key presses that are looked at; the rest is ignored."""
SESSIONS_PER_CONNECTION = 4
"""Terminal sessions one connection may open (``ssh`` multiplexing opens several)."""

ENTER_SCREEN = b"\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J"
LEAVE_SCREEN = b"\x1b[0m\x1b[?25h\x1b[?1049l"

NO_PTY = "briefing: this server shows a presentation and needs a terminal: use ssh -t\r\n"
NO_COMMANDS = "briefing: this server only shows a presentation; connect without a command\r\n"
NO_SUBSYSTEMS = "briefing: this server only shows a presentation; no file transfer or subsystem\r\n"
DUMB = "briefing: this terminal (TERM=dumb) cannot show the slides\r\n"
NO_SESSION = "this server only shows a presentation: connect with ssh -t and no -N"
WRONG_CODE = "wrong join code: ask the presenter for the code on their screen"
FULL = "the presentation is full: try again later"
TOO_FAST = "too many connections from your address: wait a few seconds"
ENDED = "briefing: the presentation ended\r\n"
JOIN_PROMPT = "join code: "
ADMITTED_BY: Mapping[Access, str] = {
    "code": "join code",
    "keys": "listed key",
    "open": "open access",
}
"""How a connection was let in, as the log says it."""
LOGGED_NAME_CHARACTERS = 64
"""Of a user name (the client's to choose), what the log keeps."""


@dataclass(frozen=True)
class FrameKey:
    """One shared render: a size class and how far down a long slide is scrolled."""

    columns: int
    rows: int
    scroll: int = 0


@dataclass
class Frame:
    """A slide drawn at one :class:`FrameKey`, its lines encoded for each colour depth."""

    lines: Mapping[ColourDepth, Sequence[bytes]]
    """Each screen row: SGR codes and text, no cursor movement."""
    max_scroll: int = 0
    """How far down the slide can be scrolled at this size."""
    _placed: dict[tuple[ColourDepth, int, int], bytes] = field(default_factory=dict, repr=False)

    def placed(self, depth: ColourDepth, top: int, left: int) -> bytes:
        """The whole frame as terminal output, its top-left corner at (*top*, *left*).

        Built once per depth and position, then the same bytes go to every
        follower with that window.
        """
        key = (depth, top, left)
        output = self._placed.get(key)
        if output is None:
            rows = self.lines[depth]
            parts = [b"\x1b[0m"]
            if top or left:
                parts.append(b"\x1b[2J")
            parts += [
                b"\x1b[%d;%dH%s" % (top + number + 1, left + 1, row)
                for number, row in enumerate(rows)
            ]
            output = self._placed[key] = b"".join(parts)
        return output


class Renderer(Protocol):
    """What draws the slides for the server: the current state, at any key asked for."""

    def request(self, key: FrameKey) -> None:
        """Draw the current slide at *key* soon, then hand it to :meth:`AudienceServer.show`."""

    def browse_command(self) -> Sequence[str] | None:
        """The command of a follower's own app, at the current slide; None when there is none."""


@dataclass
class ServerOptions:
    """How the server admits and limits its audience."""

    address: ListenAddress
    host_key: Path
    access: Access = "code"
    join_code: str = ""
    authorized_keys: Path | None = None
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    max_browsing: int = DEFAULT_MAX_BROWSING
    rate: int = DEFAULT_RATE
    """New connections per address per :data:`RATE_WINDOW_SECONDS`."""
    login_seconds: float = LOGIN_SECONDS
    session_seconds: float = SESSION_SECONDS


class AudienceServer:
    """The SSH server: admits followers, sends them shared frames, runs their own apps."""

    def __init__(
        self,
        options: ServerOptions,
        renderer: Renderer,
        *,
        on_count_change: Callable[[int, int], None] | None = None,
    ) -> None:
        """Prepare the server; :meth:`start` listens.

        *on_count_change* is called with (connected followers, browsing) whenever either changes.
        """
        self.options = options
        self.renderer = renderer
        self.on_count_change = on_count_change
        self.frames: dict[FrameKey, Frame] = {}
        """The latest frame of each key, for followers who join or move to it."""
        self.sessions: set[AudienceSession] = set()
        self.connections = 0
        self.browsing = 0
        self.ended = False
        self._recent: dict[str, deque[float]] = {}
        self._listener: asyncssh.SSHAcceptor | None = None
        self.authorized_keys: asyncssh.SSHAuthorizedKeys | None = None
        """With access by keys, the keys let in."""
        self._shown_count: tuple[int, int] = (-1, -1)

    async def start(self) -> None:
        """Listen; raises ``OSError`` (a port in use) or ``ValueError`` (an unreadable key file)."""
        if self.options.access == "keys":
            assert self.options.authorized_keys is not None
            self.authorized_keys = asyncssh.read_authorized_keys(str(self.options.authorized_keys))
        self._listener = await asyncssh.create_server(
            lambda: _AudienceConnection(self),
            self.options.address.host,
            self.options.address.port,
            server_host_keys=[str(self.options.host_key)],
            session_factory=None,
            line_editor=False,
            agent_forwarding=False,
            x11_forwarding=False,
            allow_scp=False,
            sftp_factory=None,
            encoding=None,
            login_timeout=self.options.login_seconds,
            keepalive_interval=KEEPALIVE_SECONDS,
            keepalive_count_max=3,
            public_key_auth=self.options.access == "keys",
            kbdint_auth=self.options.access == "code",
            password_auth=False,
            host_based_auth=False,
            gss_auth=False,
            gss_kex=False,
            server_version="briefing",
        )

    @property
    def port(self) -> int:
        """The port listened on (useful when the options said 0)."""
        assert self._listener is not None
        return self._listener.get_port()

    async def close(self) -> None:
        """Tell every follower the presentation ended, and stop listening."""
        self.ended = True
        for session in tuple(self.sessions):
            session.end()
        if self._listener is not None:
            self._listener.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._listener.wait_closed(), 2.0)

    # Frames -------------------------------------------------------------

    def keys_in_use(self) -> list[FrameKey]:
        """The keys followers are on now, the most followed first."""
        counts = Counter(
            session.key for session in self.sessions if session.following and session.key
        )
        return [key for key, _count in counts.most_common()]

    def show(self, key: FrameKey, frame: Frame) -> None:
        """Take the renderer's new *frame* for *key* and send it to every follower on it."""
        self.frames[key] = frame
        for session in tuple(self.sessions):
            if session.following and session.key == key:
                session.send_frame(frame)

    def forget_frames(self) -> None:
        """The slide changed: older frames must not be sent to followers who join or move."""
        self.frames.clear()

    def frame_for(self, session: AudienceSession) -> None:
        """Send *session* its key's frame, or ask the renderer for one."""
        key = session.key
        if key is None:
            return
        frame = self.frames.get(key)
        if frame is not None:
            session.send_frame(frame)
        else:
            self.renderer.request(key)

    # Counting and limits -------------------------------------------------

    def admit_connection(self, address: str) -> str | None:
        """Why a new connection from *address* is refused, or None to let it in."""
        if self.ended:
            return "the presentation ended"
        if self.connections >= self.options.max_connections:
            return FULL
        now = time.monotonic()
        recent = self._recent.setdefault(address, deque())
        while recent and now - recent[0] > RATE_WINDOW_SECONDS:
            recent.popleft()
        if len(recent) >= self.options.rate:
            return TOO_FAST
        recent.append(now)
        if len(self._recent) > 10_000:
            # Forget quiet addresses, so that many of them cannot grow this table.
            self._recent = {
                key: times
                for key, times in self._recent.items()
                if times and now - times[-1] <= RATE_WINDOW_SECONDS
            }
        return None

    def count_changed(self) -> None:
        """Report the audience, if it changed."""
        counts = (sum(1 for session in self.sessions if session.started), self.browsing)
        if counts != self._shown_count:
            self._shown_count = counts
            if self.on_count_change is not None:
                self.on_count_change(*counts)


class _AudienceConnection(asyncssh.SSHServer):
    """One client's connection: who may come in, and what may be opened on it."""

    def __init__(self, server: AudienceServer) -> None:
        self.server = server
        self.conn: asyncssh.SSHServerConnection | None = None
        self.counted = False
        self.wrong_codes = 0
        self.address = "?"
        self._session_timer: asyncio.TimerHandle | None = None
        self.has_session = False
        self.sessions = 0
        self.username = ""
        self.let_in_at: float | None = None
        """When the connection was let in (monotonic); None until it is."""

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        refusal = self.server.admit_connection(self.address)
        if refusal is not None:
            log.info("turning away a connection from %s: %s", self.address, refusal)
            asyncio.get_running_loop().call_soon(
                conn.disconnect, asyncssh.DISC_TOO_MANY_CONNECTIONS, refusal
            )
            return
        self.counted = True
        self.server.connections += 1

    def connection_lost(self, exc: Exception | None) -> None:
        if self._session_timer is not None:
            self._session_timer.cancel()
        if self.counted:
            self.counted = False
            self.server.connections -= 1
            # A client's reason for leaving is its own text: the log's formatter neutralises it.
            reason = f": {str(exc)[:200]}" if exc is not None else ""
            if self.let_in_at is not None:
                seconds = time.monotonic() - self.let_in_at
                log.info(
                    "%s (user %r) left after %d s%s", self.address, self.username, seconds, reason
                )
            else:
                log.info("%s left without being let in%s", self.address, reason)

    def begin_auth(self, username: str) -> bool:
        # The user name is the client's to choose and means nothing here but
        # telling followers apart in the log.
        self.username = username[:LOGGED_NAME_CHARACTERS]
        if self.server.options.access == "keys":
            assert self.conn is not None
            self.conn.set_authorized_keys(self.server.authorized_keys)
            return True
        return self.server.options.access == "code"

    def auth_completed(self) -> None:
        self.let_in_at = time.monotonic()
        log.info(
            "let in %s as user %r (%s)",
            self.address,
            self.username,
            ADMITTED_BY[self.server.options.access],
        )
        # A connection that never opens a terminal session (ssh -N, a forwarding
        # that was refused) would otherwise hold a place for ever.
        self._session_timer = asyncio.get_running_loop().call_later(
            self.server.options.session_seconds, self._no_session
        )

    def _no_session(self) -> None:
        if not self.has_session and self.conn is not None:
            self.conn.disconnect(asyncssh.DISC_BY_APPLICATION, NO_SESSION)

    def kbdint_auth_supported(self) -> bool:
        return self.server.options.access == "code"

    def get_kbdint_challenge(self, username: str, lang: str, submethods: str) -> KbdIntChallenge:
        return ("", "Type the join code on the presenter's screen.", "", [(JOIN_PROMPT, True)])

    async def validate_kbdint_response(
        self, username: str, responses: KbdIntResponse
    ) -> KbdIntChallenge:
        if len(responses) == 1 and code_matches(responses[0], self.server.options.join_code):
            return True
        self.wrong_codes += 1
        log.info("wrong join code %d from %s", self.wrong_codes, self.address)
        await asyncio.sleep(WRONG_CODE_DELAY_SECONDS)
        if self.wrong_codes >= MAX_JOIN_ATTEMPTS:
            assert self.conn is not None
            self.conn.disconnect(asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE, WRONG_CODE)
            return False
        return ("", "That is not the join code; try again.", "", [(JOIN_PROMPT, True)])

    def public_key_auth_supported(self) -> bool:
        return self.server.options.access == "keys"

    def password_auth_supported(self) -> bool:
        return False

    def session_requested(self) -> AudienceSession | bool:
        if not self.counted:
            return False  # turned away in connection_made, on its way out
        # One connection may open many sessions (multiplexing): each is a
        # follower, so they are counted against the connection's place.
        if self.sessions >= SESSIONS_PER_CONNECTION:
            log.info("refusing one more session to %s", self.address)
            return False
        self.sessions += 1
        self.has_session = True
        return AudienceSession(self.server, self)


class _AcceptedEnvironment(dict[bytes, bytes]):
    """A client's environment as the server keeps it: COLORTERM and LANG, short, or nothing."""

    def __setitem__(self, name: bytes, value: bytes) -> None:
        if name in (b"COLORTERM", b"LANG") and len(value) <= 64:
            super().__setitem__(name, value)


class AudienceSession(asyncssh.SSHServerSession[bytes]):
    """One follower's terminal: a shared frame while following, its own app while browsing."""

    def __init__(self, server: AudienceServer, connection: _AudienceConnection) -> None:
        self.server = server
        self.connection = connection
        self.chan: asyncssh.SSHServerChannel[bytes] | None = None
        self.profile = TerminalProfile.from_client("", {})
        self.has_pty = False
        self.size = (0, 0)
        self.key: FrameKey | None = None
        """The frame this follower shows; None while its window is too small."""
        self.started = False
        self.following = False
        self.scroll = 0
        self.browser: _Browser | None = None
        self.closed = False

    # asyncssh's calls ---------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.chan = chan
        chan.set_write_buffer_limits(high=OUTPUT_BUFFER_BYTES)
        # asyncssh keeps every variable a client sends, without limit: a
        # client sending env requests by the million would grow the server.
        # Keep only those read here (asyncssh has no option for it).
        chan._env = _AcceptedEnvironment()

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Mapping[int, int]
    ) -> bool:
        self.has_pty = True
        self.size = bounded_size(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # Accepted only to say why nothing runs (in session_started): a
        # refusal would leave the client with "exec request failed" and no reason.
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        return True

    def session_started(self) -> None:
        assert self.chan is not None
        if self.chan.get_command() is not None:
            self._refuse(NO_COMMANDS)
            return
        if self.chan.get_subsystem() is not None:
            self._refuse(NO_SUBSYSTEMS)
            return
        if not self.has_pty:
            self._refuse(NO_PTY)
            return
        environment = {
            name: value
            for name, value in self.chan.get_environment().items()
            if name in ("COLORTERM", "LANG")
        }
        self.profile = TerminalProfile.from_client(self.chan.get_terminal_type() or "", environment)
        if self.profile.dumb:
            self._refuse(DUMB)
            return
        if self.server.ended:
            self._refuse(ENDED)
            return
        self.started = True
        self.server.sessions.add(self)
        self.server.count_changed()
        self.send(ENTER_SCREEN)
        self._follow()

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self.size = bounded_size(width, height)
        if self.browser is not None:
            self.browser.resize(self.size)
        elif self.following:
            self._place()

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if self.browser is not None:
            self.browser.type(data)
        elif self.following:
            self._keys(data[:MAX_INPUT_CHUNK])

    def eof_received(self) -> bool:
        return False

    def break_received(self, msec: int) -> bool:
        return False

    def pause_writing(self) -> None:
        if self.browser is not None:
            self.browser.pause()
            return
        # Publishing never waits for anyone: a follower this far behind is
        # dropped at once. Closing the channel would wait for the unsent
        # output to go, which a stuck client never takes.
        log.info("dropping a follower who could not keep up")
        self.following = False
        connection = self.chan.get_extra_info("connection") if self.chan is not None else None
        if connection is not None:
            connection.abort()

    def resume_writing(self) -> None:
        if self.browser is not None:
            self.browser.resume()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.following = False
        self.connection.sessions -= 1
        if self.browser is not None:
            self.browser.stop()
        if self.started:
            self.server.sessions.discard(self)
            self.server.count_changed()

    def send(self, data: bytes) -> None:
        """Write *data* to the client, unless its channel has closed meanwhile."""
        if self.chan is not None and not self.closed:
            # The client can go between any two writes; that is not an error here.
            with contextlib.suppress(OSError):
                self.chan.write(data)

    # Following ------------------------------------------------------------

    def _follow(self) -> None:
        self.following = True
        self._place()

    def _place(self) -> None:
        """Pick this window's frame key and show it (or say the window is too small)."""
        chan = self.chan
        assert chan is not None
        snapped = size_class(*self.size)
        if snapped is None:
            self.key = None
            message = (
                "Make this window at least 40x12 to see the slides "
                f"(it is {self.size[0]}x{self.size[1]}). q leaves."
            )
            # Wrapped here: the terminal would break the line inside a word.
            lines = textwrap.wrap(message, width=max(1, self.size[0]), break_long_words=False)
            self.send(b"\x1b[0m\x1b[H\x1b[2J" + "\r\n".join(lines).encode())
            return
        self.key = FrameKey(*snapped, self.scroll)
        self.server.frame_for(self)

    def send_frame(self, frame: Frame) -> None:
        """Draw *frame*, centred in this window."""
        if self.chan is None or self.closed or self.key is None:
            return
        if self.scroll > frame.max_scroll:
            # The slide got shorter (or the window taller): a scroll past its end shows nothing.
            self.scroll = frame.max_scroll
            self._place()
            return
        top = (self.size[1] - self.key.rows) // 2
        left = (self.size[0] - self.key.columns) // 2
        self.send(frame.placed(self.profile.depth, top, left))

    def _keys(self, data: bytes) -> None:
        if b"q" in data or b"\x03" in data or b"\x04" in data:
            self.close()
        elif b"d" in data:
            self._browse()
        elif self.key is not None:
            step = (
                data.count(b"j") + data.count(b"\x1b[B") + data.count(b"\x1bOB")
                - data.count(b"k") - data.count(b"\x1b[A") - data.count(b"\x1bOA")
            )  # fmt: skip
            frame = self.server.frames.get(self.key)
            limit = frame.max_scroll if frame is not None else self.scroll + max(step, 0)
            scroll = max(0, min(self.scroll + step, limit))
            if scroll != self.scroll:
                self.scroll = scroll
                self._place()

    def say(self, message: str) -> None:
        """One line of *message* on this follower's last row, until the next frame."""
        if self.chan is None or self.closed:
            return
        line = neutralise(message)[: max(self.size[0] - 1, 0)]
        self.send(b"\x1b[%d;1H\x1b[0;7m\x1b[2K%s\x1b[0m" % (self.size[1], line.encode()))

    # Browsing -------------------------------------------------------------

    def _browse(self) -> None:
        cap = self.server.options.max_browsing
        if cap == 0:
            self.say("Browsing on your own is off for this talk: keep following")
            return
        if self.server.browsing >= cap:
            self.say(
                f"Browsing on your own is full ({cap} people are): "
                "keep following, and try d again later"
            )
            return
        command = self.server.renderer.browse_command()
        if command is None:
            self.say("Nothing to browse yet: wait for the presenter's first slide")
            return
        self.following = False
        self.server.browsing += 1
        self.server.count_changed()
        self.say("Opening the briefing for you to browse… (f follows the presenter again)")
        self.browser = _Browser(self, command)
        asyncio.get_running_loop().create_task(self._run_browser(self.browser))

    async def _run_browser(self, browser: _Browser) -> None:
        try:
            status = await browser.run()
        finally:
            self.browser = None
            self.server.browsing -= 1
            self.server.count_changed()
        if self.closed:
            return
        if self.server.ended:
            self.end()
            return
        assert self.chan is not None
        self.send(ENTER_SCREEN)
        self._follow()
        if status != 0:
            self.say("Browsing stopped unexpectedly: following the presenter again")

    # Leaving --------------------------------------------------------------

    def _refuse(self, message: str) -> None:
        chan = self.chan
        if chan is None or self.closed:
            return
        with contextlib.suppress(OSError):
            chan.write_stderr(message.encode())
            chan.exit(2)

    def end(self) -> None:
        """The presentation ended: give the client its screen back, say so, and close."""
        chan = self.chan
        if chan is None or self.closed:
            return
        if self.browser is not None:
            self.browser.stop()
            return
        self.following = False
        if self.started:
            self.send(LEAVE_SCREEN + ENDED.encode())
        with contextlib.suppress(OSError):
            chan.exit(0)

    def close(self) -> None:
        """Leave: give the client its screen back and close the session."""
        chan = self.chan
        self.following = False
        if chan is None or self.closed:
            return
        if self.browser is not None:
            self.browser.stop()
        if self.started:
            self.send(LEAVE_SCREEN)
        with contextlib.suppress(OSError):
            chan.exit(0)


class _Browser:
    """A follower's own app, in a pseudo-terminal whose bytes go to the follower and back."""

    def __init__(self, session: AudienceSession, command: Sequence[str]) -> None:
        self.session = session
        self.command = tuple(command)
        self.master: int | None = None
        self.process: asyncio.subprocess.Process | None = None
        self._paused = False

    async def run(self) -> int:
        """Run the app until it exits; return its exit status."""
        master, slave = pty.openpty()
        self.master = master
        os.set_blocking(master, False)
        _set_window(master, self.session.size)
        environment = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("TEXTUAL", "LC_", "PYTHON"))
            and name not in ("TERM", "COLORTERM", "LANG", "NO_COLOR", "COLUMNS", "LINES")
        }
        environment.update(self.session.profile.environment())
        loop = asyncio.get_running_loop()
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.command,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=environment,
                start_new_session=True,
            )
        finally:
            os.close(slave)
        loop.add_reader(master, self._readable)
        try:
            return await self.process.wait()
        finally:
            loop.remove_reader(master)
            os.close(master)
            self.master = None

    def _readable(self) -> None:
        assert self.master is not None
        try:
            data = os.read(self.master, 65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        chan = self.session.chan
        if not data or chan is None:
            asyncio.get_running_loop().remove_reader(self.master)
            return
        self.session.send(data)

    def type(self, data: bytes) -> None:
        """Pass key presses to the app; what it cannot take now is dropped."""
        if self.master is not None:
            with contextlib.suppress(OSError):
                os.write(self.master, data[:MAX_INPUT_CHUNK])

    def resize(self, size: tuple[int, int]) -> None:
        """The follower's window changed: the app's terminal changes with it, and it is told.

        The kernel signals a resize only to the foreground of a controlling
        terminal, and the pty is not the app's (it runs in a session of its
        own, the pty opened before it started): so SIGWINCH is sent here, as
        a terminal would, to the app's process group.
        """
        if self.master is None:
            return
        _set_window(self.master, size)
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGWINCH)

    def pause(self) -> None:
        """The follower is behind: stop reading the app until it catches up."""
        if self.master is not None and not self._paused:
            self._paused = True
            asyncio.get_running_loop().remove_reader(self.master)

    def resume(self) -> None:
        """The follower caught up."""
        if self.master is not None and self._paused:
            self._paused = False
            asyncio.get_running_loop().add_reader(self.master, self._readable)

    def stop(self) -> None:
        """End the app (the follower left, or the presentation ended)."""
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)


def _set_window(fd: int, size: tuple[int, int]) -> None:
    columns, rows = size
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def generate_host_key(path: Path) -> None:
    """Make an ed25519 host key at *path* (0600) and its public half beside it."""
    key = asyncssh.generate_private_key("ssh-ed25519", comment="briefing-tui host key")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key.export_private_key())
    path.with_suffix(".pub").write_bytes(key.export_public_key())


def load_host_key(path: Path) -> str:
    """The host key at *path*, made on first use; returns its ``SHA256:`` fingerprint.

    Raises ``ValueError`` with a one-line reason for a key that others can
    read or that cannot be read.
    """
    if not path.exists():
        generate_host_key(path)
    info = path.stat()
    if info.st_mode & 0o077:
        raise ValueError(f"{path} can be read by other users: run chmod 600 {path}")
    try:
        key = asyncssh.read_private_key(str(path))
    except (OSError, asyncssh.KeyImportError) as error:
        raise ValueError(f"cannot read the host key {path}: {error}") from None
    public = path.with_suffix(".pub")
    if not public.exists():
        public.write_bytes(key.export_public_key())
    return str(key.get_fingerprint("sha256"))
