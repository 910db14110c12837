"""The SSH server's process ends with its presenter, however the presenter ends."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.share import Presenter
from briefing_tui.core.present.ssh_access import ListenAddress, SshSettings
from briefing_tui.ui.present_app import hello_for, publish_briefing, start_gateway


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
    import warnings

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
