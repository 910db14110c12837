"""A follower's own app over SSH: browsing the briefing, until ``f`` follows again.

The built-in SSH server (:mod:`~briefing_tui.core.present.ssh_server`) runs
this in a pseudo-terminal for a follower who presses ``d``. It is the
follower app (``briefing follow NAME``, the same sandbox), opened straight
into the explorer at the presenter's slide; ``f`` ends it, and the server
shows the follower the shared slides again. Never run by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from textual import on

from briefing_tui.core.content.text import neutralise
from briefing_tui.core.present.share import Follower, ShareError
from briefing_tui.core.study.navigation import VIEWS, Place
from briefing_tui.ui.follow_app import FollowApp
from briefing_tui.ui.screens.follow import FollowScreen


class BrowseApp(FollowApp):
    """The follower app, browsing from *start*; following again ends it."""

    def __init__(self, *args: Any, start: Place, **options: Any) -> None:
        super().__init__(*args, **options)
        self.start = start

    def on_mount(self) -> None:
        # After BriefingApp's own on_mount has pushed the follower's screen.
        self.call_after_refresh(self.follow_screen.detach, self.start)

    @on(FollowScreen.FollowingAgain)
    def _following_again(self) -> None:
        # The server shows the presenter's slide from here on.
        self.exit(return_code=0)


async def browse(name: str, folder: Path, start: Place, theme: str) -> int:
    """Browse the share *name* (in *folder*) from *start*; the exit status."""
    follower = await Follower.connect(name, folder=folder, wants_briefing=True)
    try:
        briefing, replay = await follower.receive_briefing("briefing follow NAME FILE")
        app = BrowseApp(briefing, follower, name=name, replay=replay, start=start, theme=theme)
        await app.run_async()
    finally:
        await follower.close()
    return app.return_code or 0


def main() -> int:
    """Parse the server's arguments and browse."""
    parser = argparse.ArgumentParser(prog="briefing-ssh-browse")
    parser.add_argument("name")
    parser.add_argument("--dir", dest="folder", type=Path, required=True)
    parser.add_argument("--view", required=True, choices=sorted(VIEWS))
    parser.add_argument("--item", default="")
    parser.add_argument("--theme", required=True)
    args = parser.parse_args()
    try:
        return asyncio.run(browse(args.name, args.folder, Place(args.view, args.item), args.theme))
    except ShareError as error:
        sys.stderr.write(neutralise(error.message) + "\r\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
