"""The SSH server's process: it ends with its presenter, however the presenter ends, and logs."""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.share import Presenter, ShareError
from briefing_tui.core.present.ssh_access import ListenAddress, SshSettings
from briefing_tui.core.present.ssh_gateway import LOG_LIMIT_BYTES, log_path
from briefing_tui.ui.present_app import hello_for, publish_briefing, start_gateway
from briefing_tui.ui.ssh_gateway import NeutralFormatter


@pytest.fixture
def short_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # Unix socket paths are short (107 bytes); tmp_path can be too long.
    folder = Path(tempfile.mkdtemp(prefix="bt-", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


async def test_the_server_stops_when_the_presenter_lets_go_of_it(
    bundled: Briefing, short_runtime_dir: Path
) -> None:
    settings = SshSettings(ListenAddress("127.0.0.1", 0), access="open")
    async with Presenter.for_share("talk", hello_for(bundled)) as share:
        await publish_briefing(bundled, share=share, notes=None)
        gateway = await start_gateway(share, settings, "briefing-dark")
        assert gateway.fingerprint.startswith("SHA256:")
        # The presenter's end of its standard input closes (as when the
        # presenter dies), while the share itself stays open.
        assert gateway.process.stdin is not None
        gateway.process.stdin.close()
        assert await asyncio.wait_for(gateway.process.wait(), 10) == 0
        await gateway.close()


async def test_the_server_ends_with_the_share(bundled: Briefing, short_runtime_dir: Path) -> None:
    settings = SshSettings(ListenAddress("127.0.0.1", 0), access="open")
    async with Presenter.for_share("talk", hello_for(bundled)) as share:
        await publish_briefing(bundled, share=share, notes=None)
        gateway = await start_gateway(share, settings, "briefing-dark")
        await share.close()
        assert await asyncio.wait_for(gateway.process.wait(), 10) == 0


@pytest.mark.parametrize(
    ("term", "environment", "present", "absent"),
    [
        ("xterm", {}, [], [b"38;5;", b"38;2;", b"48;2;"]),
        ("xterm-256color", {}, [b"38;5;"], [b"38;2;", b"48;2;"]),
        ("xterm-256color", {"COLORTERM": "truecolor"}, [b"38;2;"], []),
    ],
    ids=["16 colours", "256 colours", "truecolor"],
)
async def test_each_follower_gets_the_slide_in_its_terminals_colours(
    bundled: Briefing,
    short_runtime_dir: Path,
    term: str,
    environment: dict[str, str],
    present: list[bytes],
    absent: list[bytes],
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import asyncssh

    settings = SshSettings(ListenAddress("127.0.0.1", 0), access="open")
    async with Presenter.for_share("talk", hello_for(bundled)) as share:
        await publish_briefing(bundled, share=share, notes=None)
        share.publish_slide(1, "section:" + bundled.sections[0].id, bundled.sections[0].title)
        gateway = await start_gateway(share, settings, "briefing-dark")
        connection = await asyncssh.connect(
            "127.0.0.1", gateway.address.port, known_hosts=None, username="x", env=environment
        )
        async with connection:
            process = await connection.create_process(
                term_type=term, term_size=(80, 24), encoding=None
            )
            received = b""
            while b"slide 2/" not in received:
                received += await asyncio.wait_for(process.stdout.read(65536), 10)
        assert bundled.sections[0].title.encode() in received
        for code in present:
            assert code in received
        for code in absent:
            assert code not in received
        await share.close()
        await gateway.close()


async def logged(text: str) -> str:
    """The server's log once it holds *text* (the gateway writes it in its own time)."""
    deadline = time.monotonic() + 10
    content = ""
    while time.monotonic() < deadline:
        content = log_path().read_text(errors="replace") if log_path().exists() else ""
        if text in content:
            return content
        await asyncio.sleep(0.05)
    pytest.fail(f"the log never said {text!r}; it holds:\n{content}")


async def test_a_second_server_on_a_taken_port_keeps_the_first_ones_log(
    bundled: Briefing, short_runtime_dir: Path
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import asyncssh

    settings = SshSettings(ListenAddress("127.0.0.1", 0), access="open")
    async with Presenter.for_share("talk", hello_for(bundled)) as share:
        await publish_briefing(bundled, share=share, notes=None)
        gateway = await start_gateway(share, settings, "briefing-dark")
        port = gateway.address.port
        await logged("serving talk over SSH")

        taken = SshSettings(ListenAddress("127.0.0.1", port), access="open")
        async with Presenter.for_share("talk2", hello_for(bundled)) as second:
            await publish_briefing(bundled, share=second, notes=None)
            with pytest.raises(ShareError, match="cannot listen"):
                await start_gateway(second, taken, "briefing-dark")
        # The failure is in the log, after the running server's records, not instead of them.
        content = await logged(f"cannot listen on 127.0.0.1:{port}")
        assert "serving talk over SSH" in content

        # Who came in and went is logged, with the user name the client gave.
        connection = await asyncssh.connect("127.0.0.1", port, known_hosts=None, username="eve")
        async with connection:
            await connection.create_process(term_type="xterm", term_size=(80, 24), encoding=None)
            await logged("let in")
        await logged("left")
        await share.close()
        await gateway.close()
    data = log_path().read_bytes()
    assert b"\x00" not in data, "the running server wrote after a hole"
    lines = data.decode().splitlines()
    (let_in,) = [line for line in lines if "let in" in line]
    assert "127.0.0.1" in let_in
    assert "eve" in let_in
    assert "open access" in let_in
    (left,) = [line for line in lines if "left" in line]
    assert "127.0.0.1" in left
    assert "eve" in left
    assert log_path().stat().st_mode & 0o777 == 0o600


async def test_a_long_log_is_set_aside_when_a_server_starts(
    bundled: Briefing, short_runtime_dir: Path
) -> None:
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"an old record\n" * (LOG_LIMIT_BYTES // 14 + 1))
    settings = SshSettings(ListenAddress("127.0.0.1", 0), access="open")
    async with Presenter.for_share("talk", hello_for(bundled)) as share:
        await publish_briefing(bundled, share=share, notes=None)
        gateway = await start_gateway(share, settings, "briefing-dark")
        content = await logged("serving talk over SSH")
        await share.close()
        await gateway.close()
    assert "an old record" not in content
    assert path.with_name(path.name + ".1").read_bytes().startswith(b"an old record\n")


def test_a_log_record_is_one_line_that_acts_on_no_terminal() -> None:
    # asyncssh refuses control characters in user names today; the log must not depend on it.
    record = logging.LogRecord(
        "briefing_tui.ssh", logging.INFO, __file__, 1, "let in %s as user %r", ("::1", "x"), None
    )
    record.args = ("::1", "eve\x1b]52;c;AAAA\x07\nforged record \u202egnp.exe")
    line = NeutralFormatter("%(name)s: %(message)s").format(record)
    assert "\n" not in line
    assert "\x1b" not in line
    assert "\x07" not in line
    assert "\u202e" not in line
    assert line.startswith("briefing_tui.ssh: let in ::1 as user ")
