"""The presenter→followers protocol over real Unix sockets in temporary directories.

The autouse fixture in conftest points ``XDG_RUNTIME_DIR`` into the test's
``tmp_path``, so every socket here lives there, except where a socket's name
would make the path too long for a Unix socket. Timeouts only stop a broken
test from hanging; nothing is timed.
"""

from __future__ import annotations

import asyncio
import grp
import json
import os
import pwd
import shutil
import socket
import stat
import tempfile
from collections.abc import AsyncIterator, Awaitable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from briefing_tui.core.present import share
from briefing_tui.core.present.share import (
    AlreadyShared,
    Blanked,
    Ended,
    Follower,
    FollowerEvent,
    HelloMessage,
    Joined,
    NoPresentation,
    Presenter,
    ProtocolMismatch,
    ShareError,
    SlideChanged,
    TimerChanged,
    private_dir,
    share_socket_path,
)

T = TypeVar("T")

TIMEOUT = 5.0
HASH = "ab" * 32
HELLO = HelloMessage(briefing_id="talk-briefing", content_hash=HASH, slide_count=20)


async def within(awaitable: Awaitable[T]) -> T:
    """*awaitable*'s result, failing the test instead of hanging."""
    return await asyncio.wait_for(awaitable, TIMEOUT)


async def next_event(events: AsyncIterator[FollowerEvent]) -> FollowerEvent:
    return await within(events.__anext__())


async def until(condition, description: str) -> None:
    """Wait (a few seconds at most) for *condition* to become true."""

    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    try:
        await within(poll())
    except asyncio.TimeoutError:
        pytest.fail(f"timed out waiting for {description}")


@pytest.fixture
async def presenter() -> AsyncIterator[Presenter]:
    async with Presenter.for_share("talk", HELLO) as started:
        yield started


async def follow(name: str = "talk", **options) -> tuple[Follower, AsyncIterator[FollowerEvent]]:
    follower = await within(Follower.connect(name, **options))
    return follower, aiter(follower)


async def test_a_late_joiner_starts_at_the_current_slide(presenter: Presenter) -> None:
    presenter.publish_slide(0, "title", "Title")
    presenter.publish_slide(3, "section:history", "History")
    presenter.publish_blank(True)
    presenter.publish_timer(True, 12.5)

    follower, events = await follow(content_hash=HASH)
    async with follower:
        joined = await next_event(events)
        assert isinstance(joined, Joined)
        assert joined.hello.briefing_id == "talk-briefing"
        assert joined.hello.slide_count == 20
        assert joined.content_matches is True
        assert await next_event(events) == SlideChanged(3, "section:history", "History")
        assert await next_event(events) == Blanked(True)
        timer = await next_event(events)
        assert isinstance(timer, TimerChanged)
        assert timer.running
        assert timer.elapsed == 12.5
        assert timer.elapsed_now(timer.received_at + 2) == 14.5

        presenter.publish_slide(4, "section:reactions", "Reactions")
        assert await next_event(events) == SlideChanged(4, "section:reactions", "Reactions")


async def test_a_content_hash_mismatch_is_reported(presenter: Presenter) -> None:
    follower, events = await follow(content_hash="cd" * 32)
    async with follower:
        joined = await next_event(events)
        assert isinstance(joined, Joined)
        assert joined.content_matches is False
    follower, events = await follow()
    async with follower:
        joined = await next_event(events)
        assert isinstance(joined, Joined)
        assert joined.content_matches is None


async def test_followers_see_the_end_when_the_presenter_quits() -> None:
    presenter = Presenter.for_share("talk", HELLO)
    await presenter.start()
    follower, events = await follow()
    async with follower:
        assert isinstance(await next_event(events), Joined)
        await within(presenter.close())
        assert await next_event(events) == Ended(by_presenter=True)
        with pytest.raises(StopAsyncIteration):
            await next_event(events)
    assert not presenter.path.exists()


async def test_a_follower_leaving_does_not_disturb_the_presenter(presenter: Presenter) -> None:
    counts: list[int] = []
    presenter.on_count_change = counts.append
    staying, staying_events = await follow()
    leaving, leaving_events = await follow()
    assert isinstance(await next_event(staying_events), Joined)
    assert isinstance(await next_event(leaving_events), Joined)
    assert presenter.follower_count == 2

    await leaving.close()
    await until(lambda: presenter.follower_count == 1, "the count to drop")
    assert counts[-1] == 1

    presenter.publish_slide(2, "section:the-deals", "Deals")
    assert await next_event(staying_events) == SlideChanged(2, "section:the-deals", "Deals")
    await staying.close()


async def test_sockets_are_private_by_default(presenter: Presenter) -> None:
    assert presenter.path == private_dir() / "talk.sock"
    assert stat.S_IMODE(presenter.path.stat().st_mode) == 0o600
    assert stat.S_ISSOCK(presenter.path.stat().st_mode)
    assert stat.S_IMODE(presenter.path.parent.stat().st_mode) == 0o700
    assert list(presenter.path.parent.iterdir()) == [presenter.path]


async def test_a_loose_private_directory_is_tightened(tmp_path: Path) -> None:
    private_dir().mkdir(mode=0o755)
    os.chmod(private_dir(), 0o755)
    async with Presenter.for_share("talk", HELLO):
        assert stat.S_IMODE(private_dir().stat().st_mode) == 0o700


async def test_a_directory_others_can_write_is_refused() -> None:
    private_dir().mkdir()
    os.chmod(private_dir(), 0o770)
    with pytest.raises(ShareError, match="writable by other users"):
        await Presenter.for_share("talk", HELLO).start()
    with pytest.raises(ShareError, match="writable by other users"):
        await Follower.connect("talk")


async def test_a_group_share_is_0660_for_that_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(share, "TEMP_ROOT", tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    group = grp.getgrgid(os.getegid()).gr_name
    async with Presenter.for_share("talk", HELLO, group=group) as presenter:
        assert presenter.path == tmp_path / "tmp" / f"briefing-shared-{os.geteuid()}" / "talk.sock"
        info = presenter.path.stat()
        assert stat.S_IMODE(info.st_mode) == 0o660
        assert info.st_gid == os.getegid()
        assert stat.S_IMODE(presenter.path.parent.stat().st_mode) == 0o711

        me = pwd.getpwuid(os.geteuid()).pw_name
        for options in ({}, {"owner": me}):
            follower, events = await follow(**options)
            async with follower:
                assert isinstance(await next_event(events), Joined)


async def test_an_unknown_group_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(share, "TEMP_ROOT", tmp_path)
    with pytest.raises(ShareError, match="no group named 'no-such-group-here'"):
        await Presenter.for_share("talk", HELLO, group="no-such-group-here").start()


@pytest.mark.parametrize("name", ["", "../talk", "a/b", ".hidden", "talk.notes", "x" * 65, "tälk"])
async def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(ShareError, match="not a valid presentation name"):
        Presenter.for_share(name, HELLO)
    with pytest.raises(ShareError, match="not a valid presentation name"):
        await Follower.connect(name)


async def test_a_stale_socket_is_taken_over() -> None:
    # What a presenter killed with SIGKILL leaves behind: a socket file nobody listens on.
    path = share_socket_path("talk")
    path.parent.mkdir(mode=0o700)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()

    async with Presenter.for_share("talk", HELLO) as presenter:
        follower, events = await follow()
        async with follower:
            assert isinstance(await next_event(events), Joined)
        assert stat.S_IMODE(presenter.path.stat().st_mode) == 0o600


async def test_a_live_presenter_is_not_displaced(presenter: Presenter) -> None:
    with pytest.raises(AlreadyShared, match="a presentation named talk is already being shared"):
        await Presenter.for_share("talk", HELLO).start()
    follower, events = await follow()
    async with follower:
        assert isinstance(await next_event(events), Joined)
    assert presenter.path.exists()


async def test_following_nothing_is_a_clear_error() -> None:
    with pytest.raises(
        NoPresentation,
        match=r"no presentation named talk \(is the presenter running with --share talk\?",
    ):
        await Follower.connect("talk")
    with pytest.raises(ShareError, match="no user named"):
        await Follower.connect("talk", owner="no-such-user-here")


@pytest.fixture
def short_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A runtime dir with a short path: a notes socket under tmp_path can be longer
    than a Unix socket path may be (107 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="bt-", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.usefixtures("short_runtime_dir")
async def test_the_notes_channel_is_private_and_per_briefing() -> None:
    with pytest.raises(NoPresentation, match="briefing talk-briefing is not being presented"):
        await Follower.connect_notes("talk-briefing")
    async with Presenter.for_notes(HELLO) as presenter:
        assert presenter.path == private_dir() / "talk-briefing.notes.sock"
        assert stat.S_IMODE(presenter.path.stat().st_mode) == 0o600
        presenter.publish_slide(1, "section:the-deals", "Deals")
        follower = await within(Follower.connect_notes("talk-briefing", content_hash=HASH))
        async with follower:
            events = aiter(follower)
            assert isinstance(await next_event(events), Joined)
            assert await next_event(events) == SlideChanged(1, "section:the-deals", "Deals")


# --- A fake presenter that sends whatever the test likes ---------------------------------


def line(**message: object) -> bytes:
    return json.dumps(message).encode() + b"\n"


HELLO_LINE = HELLO.model_dump_json().encode() + b"\n"


async def serve_raw(payload: bytes, received: list[bytes]) -> asyncio.AbstractServer:
    """Listen on the share path of "talk", send *payload* to each client, then close."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(payload)
        await writer.drain()
        writer.write_eof()
        received.append(await reader.read())
        writer.close()

    path = share_socket_path("talk")
    path.parent.mkdir(mode=0o700, exist_ok=True)
    return await asyncio.start_unix_server(handle, path=str(path))


async def events_from(payload: bytes) -> tuple[list[FollowerEvent], Follower, list[bytes]]:
    received: list[bytes] = []
    server = await serve_raw(payload, received)
    async with server:
        follower, _ = await follow()
        async with follower:

            async def collect() -> list[FollowerEvent]:
                return [event async for event in follower]

            events = await within(collect())
        await until(lambda: received, "the fake presenter to finish")
    return events, follower, received


async def test_malformed_lines_are_dropped_not_fatal() -> None:
    payload = b"".join(
        [
            line(type="slide", index=1, key="title", title="before hello"),
            HELLO_LINE,
            b"not json at all\n",
            b"\xff\xfe\x00 binary\n",
            b"[[[[[[[[[[" * 1000 + b"\n",
            line(type="slide", index="2", key="title", title="index as a string"),
            line(type="slide", index=2, key="Title; rm -rf /", title="bad key"),
            line(type="slide", index=99, key="title", title="beyond the deck"),
            line(type="slide", index=-1, key="title", title="negative"),
            line(type="timer", running=True, elapsed="NaN"),
            line(type="blank", blank=1),
            line(type="fireworks", colour="red"),
            line(type="slide", index=2, key="title", title="x" * 501),
            b'{"type": "slide", "index": 2, "key": "title", "title": "\\ud800"}\n',
            b"\n",
            line(type="slide", index=2, key="section:ok", title="Fine", extra="ignored"),
            line(type="slide", index=3, key="section:esc", title="\x1b]52;c;aGk=\x07 \x9b"),
            HELLO_LINE,
            line(type="end"),
            line(type="slide", index=4, key="title", title="after the end"),
        ]
    )
    events, follower, received = await events_from(payload)

    assert isinstance(events[0], Joined)
    assert events[1:] == [
        SlideChanged(2, "section:ok", "Fine"),
        SlideChanged(3, "section:esc", "\u241b]52;c;aGk=\u2407 \ufffd"),
        Ended(by_presenter=True),
    ]
    assert follower.dropped == 15
    # A follower never writes to the presenter.
    assert received == [b""]


async def test_oversized_lines_are_skipped_to_their_newline() -> None:
    huge_title = "y" * (share.MAX_LINE_BYTES + 10)
    payload = b"".join(
        [
            HELLO_LINE,
            line(type="slide", index=1, key="title", title=huge_title),
            b"z" * (3 * share.MAX_LINE_BYTES) + b'{"type": "end"}\n',
            line(type="slide", index=2, key="section:after", title="After"),
            b"a line that never ends" * 10_000,
        ]
    )
    events, follower, _ = await events_from(payload)
    assert events[1:] == [SlideChanged(2, "section:after", "After"), Ended(by_presenter=False)]
    assert follower.dropped == 3


async def test_a_newer_protocol_is_a_clear_error() -> None:
    payload = line(type="hello", protocol=3, app="9.0", something_new=True) + line(type="end")
    received: list[bytes] = []
    async with await serve_raw(payload, received):
        follower, events = await follow()
        async with follower:
            with pytest.raises(ProtocolMismatch, match=r"protocol version 3.*version 2"):
                await next_event(events)


async def test_an_older_presenter_that_sends_no_briefing_is_a_clear_error() -> None:
    # Version 1 presenters sent no briefing: a follower without a file could show nothing.
    hello = line(
        type="hello", protocol=1, app="0.1.0", briefing_id="b", content_hash="", slide_count=3
    )
    async with await serve_raw(hello + line(type="end"), []):
        follower, events = await follow()
        async with follower:
            with pytest.raises(
                ProtocolMismatch,
                match=r"^the presenter speaks protocol version 1, this briefing .* speaks "
                r"version 2: install the same briefing-tui version on both sides$",
            ):
                await next_event(events)


# --- Followers that misbehave --------------------------------------------------------------


async def raw_client(path: Path) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await within(asyncio.open_unix_connection(str(path)))


async def test_what_a_follower_sends_is_ignored(presenter: Presenter) -> None:
    reader, writer = await raw_client(presenter.path)
    writer.write(
        b'{"type": "slide", "index": 9, "key": "end", "title": "hijack"}\n\x00\xff garbage\n'
    )
    await writer.drain()
    assert await within(reader.readline()) == HELLO_LINE
    presenter.publish_slide(1, "section:the-deals", "Deals")
    assert json.loads(await within(reader.readline()))["index"] == 1
    assert presenter.follower_count == 1

    writer.write(b"x" * (share.MAX_FOLLOWER_INPUT_BYTES + 1))
    await writer.drain()
    await until(lambda: presenter.follower_count == 0, "the chatty follower to be dropped")
    assert presenter.dropped == 1
    writer.close()


async def test_a_stuck_follower_is_dropped_and_delays_no_one(presenter: Presenter) -> None:
    stuck = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stuck.connect(str(presenter.path))  # and never reads
    follower, events = await follow()
    slides = 20_000  # far more than the kernel's socket buffer plus a follower's bound

    async def read_all() -> list[str]:
        titles = []
        while len(titles) < slides:
            event = await events.__anext__()
            assert isinstance(event, SlideChanged)
            titles.append(event.title)
        return titles

    async with follower:
        assert isinstance(await next_event(events), Joined)
        await until(lambda: presenter.follower_count == 2, "both followers to join")
        reading = asyncio.create_task(read_all())
        for index in range(slides):
            presenter.publish_slide(index % 20, "section:padding", f"Slide {index} " + "." * 100)
            if index % 100 == 0:
                await asyncio.sleep(0)  # the event loop turns between key presses
        assert presenter.dropped == 1
        assert presenter.follower_count == 1
        titles = await within(reading)
        assert titles == [f"Slide {index} " + "." * 100 for index in range(slides)]
    stuck.close()


async def test_followers_beyond_the_limit_are_turned_away(
    presenter: Presenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(share, "MAX_FOLLOWERS", 1)
    first, first_events = await follow()
    assert isinstance(await next_event(first_events), Joined)
    second, second_events = await follow()
    assert await next_event(second_events) == Ended(by_presenter=False)
    assert presenter.follower_count == 1
    await first.close()
    await second.close()


async def test_a_whole_audience_joining_at_once_all_get_hello(presenter: Presenter) -> None:
    # 400 followers connect in the same turn of the event loop, before the
    # presenter accepts any: the listen backlog must hold them all (asyncio's
    # default backlog of 100 refuses the rest, and they see no hello).
    audience = 400
    followers = await within(asyncio.gather(*(Follower.connect("talk") for _ in range(audience))))
    try:
        firsts = await within(asyncio.gather(*(next_event(aiter(f)) for f in followers)))
        joined = sum(isinstance(event, Joined) for event in firsts)
        assert joined == audience, f"{audience - joined} of {audience} got no hello"
        assert presenter.follower_count == audience
    finally:
        await asyncio.gather(*(follower.close() for follower in followers))


# --- Squatting: another local user creates our /tmp directory first ---------------------------

OTHER_UID = 65534
"""Another user (nobody) for a squatter's files; making them takes root."""


def squat(path: Path, how: str, tmp_path: Path) -> None:
    """Put something at *path* the way another local user could, before we get there."""
    if how == "a symlink":
        path.symlink_to(tmp_path)
    elif how == "a file":
        path.write_text("")
    else:
        path.mkdir()
        os.chmod(path, 0o777 if "anyone can write" in how else 0o711)
    if how.startswith("another user's") or (os.geteuid() == 0 and how.startswith("a ")):
        os.lchown(path, OTHER_UID, OTHER_UID)


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="making another user's file needs root")
SQUATS = [
    pytest.param("another user's directory", marks=needs_root),
    pytest.param("another user's directory anyone can write", marks=needs_root),
    "our directory anyone can write",
    "a file",
    "a symlink",
]


@pytest.fixture
def temp_root(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A /tmp of the test's own, sticky and writable by everyone like the real one; its
    path is short, since a socket path may not be longer than 107 bytes."""
    root = Path(tempfile.mkdtemp(prefix="bt-", dir="/tmp"))
    os.chmod(root, 0o1777)
    monkeypatch.setattr(share, "TEMP_ROOT", root)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def no_runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A session without XDG_RUNTIME_DIR or /run/user/UID (ssh without PAM, cron)."""
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(share, "RUN_USER_ROOT", tmp_path / "no-run-user")


@pytest.mark.usefixtures("no_runtime_dir")
@pytest.mark.parametrize("how", SQUATS)
async def test_a_squatted_private_fallback_does_not_stop_sharing(
    temp_root: Path, tmp_path: Path, how: str
) -> None:
    taken = temp_root / f"briefing-{os.geteuid()}"
    squat(taken, how, tmp_path)
    async with (
        Presenter.for_share("talk", HELLO) as presenter,
        Presenter.for_notes(HELLO) as notes,
    ):
        folder = presenter.path.parent
        assert folder.parent == temp_root
        assert folder != taken
        assert notes.path.parent == folder
        assert stat.S_IMODE(folder.lstat().st_mode) == 0o700
        assert folder.lstat().st_uid == os.geteuid()
        assert stat.S_IMODE(presenter.path.stat().st_mode) == 0o600
        # The same user's followers find it without being told where.
        follower, events = await follow()
        async with follower:
            assert isinstance(await next_event(events), Joined)
        notes_follower = await within(Follower.connect_notes("talk-briefing"))
        async with notes_follower:
            assert isinstance(await next_event(aiter(notes_follower)), Joined)

    # The next presenter uses the same directory again.
    async with Presenter.for_share("talk", HELLO) as again:
        assert again.path.parent == folder


@pytest.mark.parametrize("how", SQUATS)
async def test_a_squatted_group_directory_does_not_stop_sharing(
    temp_root: Path, tmp_path: Path, how: str
) -> None:
    taken = temp_root / f"briefing-shared-{os.geteuid()}"
    squat(taken, how, tmp_path)
    group = grp.getgrgid(os.getegid()).gr_name
    me = pwd.getpwuid(os.geteuid()).pw_name
    async with Presenter.for_share("talk", HELLO, group=group) as presenter:
        folder = presenter.path.parent
        assert folder.parent == temp_root
        assert folder != taken
        assert stat.S_IMODE(folder.lstat().st_mode) == 0o711
        assert stat.S_IMODE(presenter.path.stat().st_mode) == 0o660
        # The presenter is told where the share is, and what followers add.
        assert presenter.relocated is not None
        assert f"--dir {folder}" in presenter.relocated

        # Another user, told the directory, follows with --dir.
        follower, events = await follow(owner=me, folder=folder)
        async with follower:
            assert isinstance(await next_event(events), Joined)
        # Without it, the message says what to do.
        with pytest.raises(NoPresentation, match=r"add --dir DIR") as refused:
            await Follower.connect("talk", owner=me)
        assert "\n" not in str(refused.value)
        # The presenter's own user finds it without being told.
        follower, events = await follow()
        async with follower:
            assert isinstance(await next_event(events), Joined)


async def test_a_directory_given_to_follow_must_be_the_presenters(
    temp_root: Path, tmp_path: Path
) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    os.chmod(loose, 0o777)
    with pytest.raises(ShareError, match="writable by other users"):
        await Follower.connect("talk", folder=loose)
    with pytest.raises(NoPresentation, match=f"no presentation named talk in {tmp_path}"):
        await Follower.connect("talk", folder=tmp_path)


@pytest.mark.usefixtures("no_runtime_dir")
async def test_no_room_for_a_socket_directory_is_one_line_that_says_what_to_do(
    temp_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    squat(temp_root / f"briefing-{os.geteuid()}", "a file", tmp_path)
    # Nowhere to record a directory made in its place: the state "directory" is a file.
    blocked = tmp_path / "state-is-a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    with pytest.raises(ShareError) as refused:
        await Presenter.for_share("talk", HELLO).start()
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith("cannot make a socket directory")
    assert message.endswith("set XDG_RUNTIME_DIR to a directory only you can write to")
    assert [path.name for path in temp_root.iterdir()] == [f"briefing-{os.geteuid()}"]


# --- One user cannot take every follower's place ----------------------------------------------


async def test_followers_per_user_are_limited_and_others_still_get_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Which user connects is what SO_PEERCRED says; here the test says it.
    connecting_as = [os.geteuid()]

    def credentials(sock: socket.socket | None) -> tuple[int, int, int]:
        return 4242, connecting_as[0], 100

    monkeypatch.setattr(share, "_peer_credentials", credentials)
    async with Presenter.for_share("talk", HELLO, max_per_user=2) as presenter:

        async def join_as(uid: int) -> tuple[Follower, FollowerEvent]:
            connecting_as[0] = uid
            follower, events = await follow()
            return follower, await next_event(events)

        greedy = [await join_as(1001) for _ in range(3)]
        assert [type(event) for _, event in greedy] == [Joined, Joined, Ended]
        assert presenter.follower_count == 2
        # Another user still gets in, and the presenter's own user is not limited.
        others = [await join_as(1002)] + [await join_as(os.geteuid()) for _ in range(3)]
        assert all(isinstance(event, Joined) for _, event in others)
        assert presenter.follower_count == 6
        # A place given back can be taken again.
        await greedy[0][0].close()
        await until(lambda: presenter.follower_count == 5, "the follower to leave")
        again = await join_as(1001)
        assert isinstance(again[1], Joined)
        for follower, _ in [*greedy, *others, again]:
            await follower.close()


def connect_as(uid: int, path: Path) -> socket.socket:
    """A connection to *path* made as user *uid* (root only): SO_PEERCRED reports *uid*."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    os.seteuid(uid)
    try:
        # Returns as soon as the connection is queued: the presenter accepts it later.
        sock.connect(str(path))
    finally:
        os.seteuid(0)
    sock.setblocking(False)
    return sock


@needs_root
async def test_a_group_member_cannot_hold_every_place(temp_root: Path) -> None:
    # Real users this time: the kernel says who connects.
    os.chmod(temp_root, 0o711)
    group = grp.getgrgid(os.getegid()).gr_name
    async with Presenter.for_share("talk", HELLO, group=group, max_per_user=3) as presenter:
        greedy = [connect_as(OTHER_UID, presenter.path) for _ in range(5)]
        other = connect_as(OTHER_UID - 1, presenter.path)
        streams = [
            await within(asyncio.open_unix_connection(sock=sock)) for sock in [*greedy, other]
        ]
        firsts = [await within(reader.readline()) for reader, _ in streams]
        assert firsts.count(HELLO_LINE) == 4
        assert firsts[:5].count(HELLO_LINE) == 3, "one user holds at most 3 places"
        assert firsts[5] == HELLO_LINE, "another user still gets in"
        assert presenter.follower_count == 4
        for _, writer in streams:
            writer.close()
