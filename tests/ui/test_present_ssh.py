"""The presenter's screen while serving over SSH: the audience, the join code, how to join."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.share import Presenter
from briefing_tui.core.present.ssh_gateway import Gateway, GatewayConfig, Listening
from briefing_tui.ui.present_app import PresentApp, hello_for
from tests.screen import assert_not_on_screen, assert_on_screen

FINGERPRINT = "SHA256:CJkp+PxbirTBNtUxXx3Pcnzkz7kbsmAIKnzQ4dgLswM"


def gateway(host: str = "127.0.0.1", code: str = "406619") -> Gateway:
    """A gateway as the presenter sees it, without its process."""
    config = GatewayConfig(
        name="talk",
        folder="/nowhere",
        host=host,
        port=2222,
        access="code" if code else "open",
        join_code=code,
        host_key=str(Path("/nowhere/key")),
        theme="briefing-dark",
    )
    process: Any = None
    return Gateway(process, Listening(host=host, port=2222, fingerprint=FINGERPRINT), config)


async def test_the_bar_shows_the_join_code_and_counts_the_ssh_audience(bundled: Briefing) -> None:
    served = gateway()
    async with Presenter.for_share("talk", hello_for(bundled)) as share:
        app = PresentApp(bundled, share=share, gateway=served)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert_on_screen(app, "code 406619", "no followers")
            served.connected, served.browsing = 12, 0
            assert served.on_count_change is not None
            served.on_count_change()
            await pilot.pause()
            assert_on_screen(app, "12 following")


async def test_c_shows_how_to_join_and_the_host_key(bundled: Briefing) -> None:
    async with Presenter.for_share("talk", hello_for(bundled)) as share:
        app = PresentApp(bundled, share=share, gateway=gateway())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert_not_on_screen(app, "ssh -p 2222 127.0.0.1")
            await pilot.press("c")
            await pilot.pause()
            assert_on_screen(app, "ssh -p 2222 127.0.0.1", "join code 406619", FINGERPRINT)
            await pilot.press("c")
            await pilot.pause()
            assert_not_on_screen(app, "ssh -p 2222 127.0.0.1")


async def test_listening_everywhere_names_the_machine(bundled: Briefing) -> None:
    import socket

    app = PresentApp(bundled, share=None, gateway=gateway(host="0.0.0.0", code=""))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert_on_screen(app, f"ssh -p 2222 {socket.gethostname()}", FINGERPRINT)
        assert_not_on_screen(app, "join code")


async def test_without_ssh_c_is_not_offered(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert_not_on_screen(app, "Follow on your own screen")
        await pilot.press("question_mark")
        await pilot.pause()
        assert_not_on_screen(app, "Show how to join")
