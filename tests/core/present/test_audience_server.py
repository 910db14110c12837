"""The SSH server's own rules, in process: shared frames, windows, a stuck client, the environment.

A stand-in renderer hands the server frames on request, and asyncssh
clients on loopback connect with a pty, as audiences do.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import warnings
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from briefing_tui.core.present.ssh_access import Access, ColourDepth, ListenAddress
from briefing_tui.core.present.ssh_server import (
    AudienceServer,
    Frame,
    FrameKey,
    ServerOptions,
    load_host_key,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import asyncssh

TIMEOUT = 10.0


class Slides:
    """A renderer that draws a frame naming its key, *padding* bytes long per row."""

    def __init__(self, padding: int = 0, browse: Sequence[str] | None = None) -> None:
        self.padding = padding
        self.browse = browse
        self.server: AudienceServer | None = None
        self.requests: list[FrameKey] = []

    def frame(self, key: FrameKey) -> Frame:
        rows = [f"slide at {key.columns}x{key.rows}".encode() + b"." * self.padding]
        rows += [b""] * (key.rows - 1)
        return Frame(lines=dict.fromkeys(ColourDepth, rows))

    def request(self, key: FrameKey) -> None:
        self.requests.append(key)
        assert self.server is not None
        asyncio.get_running_loop().call_soon(self.server.show, key, self.frame(key))

    def browse_command(self) -> Sequence[str] | None:
        return self.browse


WINDOW_REPORTER = """
import os, signal, time

told = True

def tell(*_):
    global told
    told = True

signal.signal(signal.SIGWINCH, tell)
while True:
    if told:
        told = False
        columns, rows = os.get_terminal_size(0)
        os.write(1, f"window {columns}x{rows}\\r\\n".encode())
    time.sleep(0.05)
"""
"""A browsing app that says its window's size at start and on each SIGWINCH, and only then."""


@pytest.fixture
async def serving(tmp_path: Path) -> AsyncIterator[tuple[AudienceServer, Slides]]:
    key = tmp_path / "host_key"
    load_host_key(key)
    slides = Slides()
    server = AudienceServer(
        ServerOptions(address=ListenAddress("127.0.0.1", 0), host_key=key, access="open"), slides
    )
    slides.server = server
    await server.start()
    try:
        yield server, slides
    finally:
        await server.close()


async def follower(
    server: AudienceServer, size: tuple[int, int] = (80, 24), **options: object
) -> tuple[asyncssh.SSHClientConnection, asyncssh.SSHClientProcess[bytes]]:
    options = {"username": "anyone", **options}
    connection = await asyncssh.connect("127.0.0.1", server.port, known_hosts=None, **options)
    process = await connection.create_process(
        term_type="xterm-256color", term_size=size, encoding=None
    )
    return connection, process


async def read_until(process: asyncssh.SSHClientProcess[bytes], text: bytes) -> bytes:
    received = b""
    while text not in received:
        chunk = await asyncio.wait_for(process.stdout.read(65536), TIMEOUT)
        assert chunk, f"closed before {text!r}; got {received[-300:]!r}"
        received += chunk
    return received


async def test_followers_of_one_size_class_get_the_same_bytes(
    serving: tuple[AudienceServer, Slides],
) -> None:
    server, slides = serving
    first_connection, first = await follower(server)
    second_connection, second = await follower(server)
    async with first_connection, second_connection:
        await read_until(first, b"slide at 80x24")
        await read_until(second, b"slide at 80x24")
        server.forget_frames()
        frame = slides.frame(FrameKey(80, 24))
        server.show(FrameKey(80, 24), frame)
        assert await read_until(first, b"slide at") == await read_until(second, b"slide at")
        assert slides.requests.count(FrameKey(80, 24)) == 1, "drawn once for both"


async def test_a_window_between_classes_shows_the_class_below_centred(
    serving: tuple[AudienceServer, Slides],
) -> None:
    server, _slides = serving
    connection, process = await follower(server, size=(90, 28))
    async with connection:
        received = await read_until(process, b"slide at 80x24")
        # Two rows down and five columns in: (28 - 24) / 2 and (90 - 80) / 2.
        assert b"\x1b[3;6Hslide at 80x24" in received
        process.change_terminal_size(120, 40)
        await read_until(process, b"slide at 120x40")
        process.change_terminal_size(30, 10)
        received = await read_until(process, b"q leaves.")
        # Wrapped between words for the window it is in, never inside "40x12".
        message = received[received.rindex(b"\x1b[2J") + 4 :].decode()
        lines = message.split("\r\n")
        assert all(len(line) <= 30 for line in lines), lines
        assert "40x12" in message
        assert " ".join(lines) == (
            "Make this window at least 40x12 to see the slides (it is 30x10). q leaves."
        )


async def test_a_follower_who_stops_reading_is_dropped_and_the_others_carry_on(
    serving: tuple[AudienceServer, Slides],
) -> None:
    server, slides = serving
    slides.padding = 60_000
    stuck_connection, _stuck = await follower(server)
    reading_connection, reading = await follower(server)
    async with stuck_connection, reading_connection:
        await read_until(reading, b"slide at 80x24")
        # Far more than the SSH window and the server's buffer: the stuck one must go.
        for _ in range(200):
            if len(server.sessions) == 1:
                break
            server.show(FrameKey(80, 24), slides.frame(FrameKey(80, 24)))
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(reading.stdout.read(1 << 20), 0.05)
            await asyncio.sleep(0)
        for _ in range(100):
            if len(server.sessions) == 1:
                break
            await asyncio.sleep(0.05)
        assert len(server.sessions) == 1, "the stuck follower is dropped"
        server.show(FrameKey(80, 24), slides.frame(FrameKey(80, 24)))
        await read_until(reading, b"slide at 80x24")


async def test_only_colorterm_and_lang_are_kept_of_a_clients_environment(
    serving: tuple[AudienceServer, Slides],
) -> None:
    server, _slides = serving
    flood = {f"VARIABLE_{number}": "x" * 1000 for number in range(2000)}
    connection, process = await follower(
        server,
        env={**flood, "COLORTERM": "truecolor", "LANG": "de_DE.UTF-8", "PYTHONPATH": "/evil"},
    )
    async with connection:
        await read_until(process, b"slide at 80x24")
        (session,) = server.sessions
        assert session.chan is not None
        assert dict(session.chan.get_environment()) == {
            "COLORTERM": "truecolor",
            "LANG": "de_DE.UTF-8",
        }
        assert session.profile.depth is ColourDepth.TRUECOLOR


async def test_the_host_key_is_private_and_made_once(tmp_path: Path) -> None:
    key = tmp_path / "data" / "ssh_host_ed25519_key"
    fingerprint = load_host_key(key)
    assert fingerprint.startswith("SHA256:")
    assert key.stat().st_mode & 0o777 == 0o600
    assert load_host_key(key) == fingerprint
    key.chmod(0o644)
    with pytest.raises(ValueError, match="chmod 600"):
        load_host_key(key)


async def test_beyond_the_most_connections_a_client_is_told_the_talk_is_full(
    tmp_path: Path,
) -> None:
    key = tmp_path / "host_key"
    load_host_key(key)
    slides = Slides()
    options = ServerOptions(
        address=ListenAddress("127.0.0.1", 0), host_key=key, access="open", max_connections=2
    )
    server = AudienceServer(options, slides)
    slides.server = server
    await server.start()
    try:
        first_connection, first = await follower(server)
        second_connection, _second = await follower(server)
        async with first_connection, second_connection:
            with pytest.raises(asyncssh.DisconnectError, match="the presentation is full"):
                await follower(server)
            server.show(FrameKey(80, 24), slides.frame(FrameKey(80, 24)))
            await read_until(first, b"slide at 80x24")
    finally:
        await server.close()


async def test_one_connection_cannot_open_followers_without_end(
    serving: tuple[AudienceServer, Slides],
) -> None:
    server, _slides = serving
    connection, first = await follower(server)
    async with connection:
        await read_until(first, b"slide at 80x24")
        for _ in range(3):
            await connection.create_process(
                term_type="xterm-256color", term_size=(80, 24), encoding=None
            )
        with pytest.raises(asyncssh.ChannelOpenError):
            await connection.create_process(
                term_type="xterm-256color", term_size=(80, 24), encoding=None
            )
        assert len(server.sessions) == 4


async def test_a_browsing_follower_s_app_follows_the_window_s_size(
    serving: tuple[AudienceServer, Slides],
) -> None:
    server, slides = serving
    slides.browse = [sys.executable, "-c", WINDOW_REPORTER]
    connection, process = await follower(server)
    async with connection:
        await read_until(process, b"slide at 80x24")
        process.stdin.write(b"d")
        await read_until(process, b"window 80x24")
        # The app learns of each new size as a terminal tells it: SIGWINCH, the pty resized.
        process.change_terminal_size(120, 40)
        await read_until(process, b"window 120x40")
        process.change_terminal_size(60, 20)
        await read_until(process, b"window 60x20")


class TypesTheCode(asyncssh.SSHClient):
    """A client that answers the join code prompt, as a person would."""

    def kbdint_auth_requested(self) -> str:
        return ""

    def kbdint_challenge_received(
        self, name: str, instructions: str, lang: str, prompts: Sequence[tuple[str, bool]]
    ) -> list[str]:
        return ["406619" for _prompt in prompts]


@pytest.mark.parametrize("access", ["code", "keys"])
async def test_who_is_let_in_and_who_leaves_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, access: Access
) -> None:
    key = tmp_path / "host_key"
    load_host_key(key)
    client_key = asyncssh.generate_private_key("ssh-ed25519")
    listed = tmp_path / "authorized_keys"
    listed.write_bytes(client_key.export_public_key())
    slides = Slides()
    options = ServerOptions(
        address=ListenAddress("127.0.0.1", 0),
        host_key=key,
        access=access,
        join_code="406619",
        authorized_keys=listed,
    )
    server = AudienceServer(options, slides)
    slides.server = server
    await server.start()
    caplog.set_level(logging.INFO, logger="briefing_tui.core.present.ssh_server")
    try:
        if access == "code":
            credentials: dict[str, object] = {"client_factory": TypesTheCode, "client_keys": None}
        else:
            credentials = {"client_keys": [client_key]}
        connection, process = await follower(server, username="ann", **credentials)
        async with connection:
            await read_until(process, b"slide at 80x24")
        for _ in range(100):
            if "left" in caplog.text:
                break
            await asyncio.sleep(0.05)
    finally:
        await server.close()
    how = {"code": "join code", "keys": "listed key"}[access]
    assert f"let in 127.0.0.1 as user 'ann' ({how})" in caplog.text
    assert "127.0.0.1 (user 'ann') left after" in caplog.text
