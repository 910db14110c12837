"""The presenter's briefing on its way to followers: written, packed, sent, checked on arrival.

Timeouts only stop a broken test from hanging; nothing is timed.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import shutil
import tempfile
import zlib
from collections.abc import AsyncIterator, Awaitable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_toml
from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import MAX_FILE_BYTES, load_briefing, parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.toml_writer import dumps
from briefing_tui.core.present import share
from briefing_tui.core.present.share import (
    BriefingReceived,
    BriefingUnavailable,
    Follower,
    FollowerEvent,
    HelloMessage,
    Joined,
    Presenter,
    SlideChanged,
)
from briefing_tui.core.present.slides import build_deck
from briefing_tui.core.present.transfer import (
    PART_BYTES,
    Assembly,
    TransferError,
    briefing_text,
    encode_part,
    pack,
)

T = TypeVar("T")
TIMEOUT = 10.0
ALL_KEYS = Path(__file__).parents[2] / "data" / "good" / "all-optional-keys.toml"


async def within(awaitable: Awaitable[T]) -> T:
    return await asyncio.wait_for(awaitable, TIMEOUT)


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    return load_briefing(default_briefing_path())


def hello_of(briefing: Briefing) -> HelloMessage:
    return HelloMessage(
        briefing_id=briefing.briefing.id,
        content_hash=briefing.content_hash,
        slide_count=len(build_deck(briefing)),
    )


def without_notes(briefing: Briefing) -> Briefing:
    return parse_briefing(briefing_text(briefing, speaker_notes=False), "x.toml")


# --- Writing TOML back --------------------------------------------------------------------

keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8)
scalars = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.datetimes(timezones=st.just(dt.timezone.utc)),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300)
@given(st.dictionaries(keys, values, max_size=6))
def test_written_toml_reads_back_as_the_same_data(data: dict[str, Any]) -> None:
    assert tomli.loads(dumps(data)) == data


@pytest.mark.parametrize(
    "path", [default_briefing_path(), ALL_KEYS], ids=["bundled", "all-optional-keys"]
)
def test_a_briefing_written_with_its_notes_loads_as_the_same_briefing(path: Path) -> None:
    briefing = load_briefing(path)
    assert parse_briefing(briefing_text(briefing, speaker_notes=True), "x.toml") == briefing


def test_a_share_leaves_out_every_speaker_note(bundled: Briefing) -> None:
    notes = [section.notes for section in bundled.sections if section.notes]
    assert notes, "the bundled briefing has speaker notes"
    text = briefing_text(bundled, speaker_notes=False)
    for note in notes:
        for line in note.splitlines():
            if len(line.strip()) > 20:
                assert line.strip() not in text
    shared = parse_briefing(text, "x.toml")
    assert all(section.notes is None for section in shared.sections)
    assert [section.body for section in shared.sections] == [
        section.body for section in bundled.sections
    ]


# --- Packing and assembling ---------------------------------------------------------------


def assemble(packed_parts: list[bytes], **announced: Any) -> str:
    assembly = Assembly(**announced)
    for index, part in enumerate(packed_parts):
        assembly.add(index, encode_part(part))
    return assembly.text()


def test_packing_compresses_when_that_pays_and_cuts_into_parts() -> None:
    text = synthetic_toml(300)
    packed = pack(text)
    assert packed.encoding == "zlib"
    assert all(len(part) <= PART_BYTES for part in packed.parts)
    assert len(packed.parts) > 1
    # A part's message fits within a protocol line.
    longest = max(
        len(share.encode(share.PartMessage(index=share.MAX_PARTS - 1, data=encode_part(p))))
        for p in packed.parts
    )
    assert longest <= share.MAX_LINE_BYTES
    again = assemble(
        list(packed.parts),
        encoding=packed.encoding,
        size=packed.size,
        sha256=packed.sha256,
        parts=len(packed.parts),
    )
    assert again == text


def test_a_briefing_over_the_cap_is_not_sent() -> None:
    packed = pack("#" * (MAX_FILE_BYTES + 1))
    assert packed.parts == ()
    with pytest.raises(TransferError, match="more than the 16 MiB a follower accepts"):
        Assembly(packed.encoding, packed.size, packed.sha256, 0)


def test_a_compressed_bomb_stops_at_what_was_announced() -> None:
    bomb = zlib.compress(b"a" * (64 * 1024 * 1024), 9)
    with pytest.raises(TransferError, match="larger than it said"):
        assemble([bomb], encoding="zlib", size=1000, sha256="0" * 64, parts=1)
    with pytest.raises(TransferError, match="more than the 16 MiB"):
        Assembly("zlib", 64 * 1024 * 1024, "0" * 64, 3)


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda a: a.add(1, "AAAA"), "out of order"),
        (lambda a: a.add(0, "not base64!"), "damaged"),
    ],
)
def test_damaged_parts_are_refused(mangle: Any, message: str) -> None:
    assembly = Assembly("identity", 3, "0" * 64, 2)
    with pytest.raises(TransferError, match=message):
        mangle(assembly)


def test_text_that_does_not_match_its_hash_is_refused() -> None:
    with pytest.raises(TransferError, match="damaged"):
        assemble([b"abc"], encoding="identity", size=3, sha256="0" * 64, parts=1)


# --- Over the socket ----------------------------------------------------------------------


@pytest.fixture
def short_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # The notes socket's name is long: under tmp_path the path would be too long for a socket.
    folder = Path(tempfile.mkdtemp(prefix="bt-", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


async def published(briefing: Briefing, *, notes: bool = False) -> Presenter:
    hello = hello_of(briefing)
    presenter = Presenter.for_notes(hello) if notes else Presenter.for_share("talk", hello)
    await presenter.start()
    presenter.publish_briefing(hello, pack(briefing_text(briefing, speaker_notes=notes)))
    return presenter


async def events_until(
    events: AsyncIterator[FollowerEvent], kind: type[T]
) -> tuple[T, list[FollowerEvent]]:
    before: list[FollowerEvent] = []

    async def find() -> T:
        async for event in events:
            if isinstance(event, kind):
                return event
            before.append(event)
        raise AssertionError("the feed ended first")

    return await within(find()), before


async def test_a_follower_receives_the_presenters_briefing_checked(bundled: Briefing) -> None:
    presenter = await published(bundled)
    presenter.publish_slide(3, "section:history", "History")
    try:
        follower = await within(Follower.connect("talk", wants_briefing=True))
        async with follower:
            events = aiter(follower)
            received, before = await events_until(events, BriefingReceived)
            assert [type(event) for event in before] == [Joined]
            assert received.briefing == without_notes(bundled)
            # The state comes after the briefing, so the follower can find the slide in it.
            assert await within(anext(events)) == SlideChanged(3, "section:history", "History")
    finally:
        await presenter.close()


async def test_no_speaker_note_reaches_a_followers_socket(bundled: Briefing) -> None:
    presenter = await published(bundled)
    try:
        reader, writer = await within(asyncio.open_unix_connection(str(presenter.path)))
        lines = [await within(reader.readline()) for _ in range(2)]
        header = json.loads(lines[1])
        assert header["type"] == "briefing"
        parts = [json.loads(await within(reader.readline())) for _ in range(header["parts"])]
        writer.close()
    finally:
        await presenter.close()
    wire = b"".join(lines) + b"".join(json.dumps(part).encode() for part in parts)
    data = b"".join(base64.b64decode(part["data"]) for part in parts)
    text = (zlib.decompress(data) if header["encoding"] == "zlib" else data).decode()
    notes = [section.notes for section in bundled.sections if section.notes]
    assert notes
    for note in notes:
        for line in filter(None, (line.strip() for line in note.splitlines())):
            if len(line) > 20:
                assert line not in text
                assert line.encode() not in wire


async def test_the_notes_channel_carries_the_speaker_notes(
    bundled: Briefing, short_runtime_dir: Path
) -> None:
    presenter = await published(bundled, notes=True)
    try:
        follower = await within(Follower.connect_notes(bundled.briefing.id, wants_briefing=True))
        async with follower:
            received, _ = await events_until(aiter(follower), BriefingReceived)
            assert received.briefing == bundled
    finally:
        await presenter.close()


async def test_a_large_briefing_goes_out_as_fast_as_the_follower_reads_it() -> None:
    big = parse_briefing(synthetic_toml(5000), "big.toml")
    presenter = await published(big)
    try:
        _reader, writer = await within(asyncio.open_unix_connection(str(presenter.path)))
        # Not reading yet: the buffer fills, and the transfer waits instead of dropping.
        await asyncio.sleep(0.3)
        assert presenter.follower_count == 1
        assert presenter.dropped == 0
        writer.close()
        follower = await within(Follower.connect("talk", wants_briefing=True))
        async with follower:
            received, _ = await events_until(aiter(follower), BriefingReceived)
            assert len(received.briefing.sections) == 5000
        assert presenter.dropped == 0
    finally:
        await presenter.close()


async def test_a_follower_that_never_takes_the_briefing_is_dropped_in_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(share, "TRANSFER_TIMEOUT_SECONDS", 0.3)
    big = parse_briefing(synthetic_toml(2000), "big.toml")
    presenter = await published(big)
    try:
        _reader, writer = await within(asyncio.open_unix_connection(str(presenter.path)))
        for _ in range(200):
            if presenter.dropped:
                break
            await asyncio.sleep(0.02)
        assert presenter.dropped == 1
        assert presenter.follower_count == 0
        writer.close()
    finally:
        await presenter.close()


async def test_a_reload_reaches_followers(bundled: Briefing) -> None:
    presenter = await published(bundled)
    try:
        follower = await within(Follower.connect("talk", wants_briefing=True))
        async with follower:
            events = aiter(follower)
            await events_until(events, BriefingReceived)
            text = briefing_text(bundled, speaker_notes=False).replace(
                bundled.sections[0].title, "A new first title"
            )
            reloaded = parse_briefing(text, "x.toml")
            hello = hello_of(reloaded).model_copy(update={"content_hash": "cd" * 32})
            presenter.publish_briefing(hello, pack(text))
            received, before = await events_until(events, BriefingReceived)
            assert received.briefing.sections[0].title == "A new first title"
            assert [type(event) for event in before] == [Joined]
    finally:
        await presenter.close()


async def test_an_invalid_briefing_is_shown_as_problems_and_never_used() -> None:
    hello = HelloMessage(briefing_id="b", content_hash="", slide_count=3)
    presenter = Presenter.for_share("talk", hello)
    await presenter.start()
    bad = 'format = 1\n[briefing]\nid = "b"\ntitle = "[@click=app.quit]x\\u001b]52;c;aGk=\\u0007"\n'
    presenter.publish_briefing(hello, pack(bad))
    try:
        follower = await within(Follower.connect("talk", wants_briefing=True))
        async with follower:
            refused, _ = await events_until(aiter(follower), BriefingUnavailable)
            assert refused.problems
            assert all("\x1b" not in problem for problem in refused.problems)
            assert any(
                problem.startswith("(the presenter's briefing)") for problem in refused.problems
            )
    finally:
        await presenter.close()
