"""``briefing present``: the slides, the notes channel and, optionally, a share."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import sys
import time
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message

from briefing_tui.core.config.themes import DEFAULT_THEME
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.share import (
    DEFAULT_FOLLOWERS_PER_USER,
    Command,
    HelloMessage,
    NextCommand,
    Presenter,
    PreviousCommand,
    ShareError,
)
from briefing_tui.core.present.slides import Slide, build_deck, locate
from briefing_tui.core.present.ssh_access import SshSettings, host_key_path, new_join_code
from briefing_tui.core.present.transfer import Packed, briefing_text, pack
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.screens.present import JoinInstructions, PresentScreen, slide_for_place
from briefing_tui.ui.slide_app import SlideApp
from briefing_tui.ui.stopwatch import Clock, Stopwatch

if TYPE_CHECKING:
    # Imported by present() only when serving over SSH.
    from briefing_tui.core.present.ssh_gateway import Gateway


class PresentApp(SlideApp):
    """Present a briefing as slides; followers and the notes view move with it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The explorer's quit key, under its id (so a keymap moves it), asking
        # first while followers would see the talk end. Signals still quit at once.
        Binding("q", "end_talk", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        briefing: Briefing,
        *,
        share: Presenter | None = None,
        notes: Presenter | None = None,
        gateway: Gateway | None = None,
        published: bool = False,
        clock: Clock = time.monotonic,
        **options: Any,
    ) -> None:
        """Create the app.

        Args:
            briefing: The briefing to present.
            share: The started share that followers join, if sharing.
            notes: The started notes channel that ``briefing notes`` follows.
            gateway: The built-in SSH server following *share*, when serving over SSH.
            published: True when *share* has the briefing already (the SSH
                server needed it before the app started).
            clock: The timer's clock (tests replace it).
            **options: The :class:`~briefing_tui.ui.app.BriefingApp` options
                (theme, themes, keymap, notices, on_theme_chosen).
        """
        super().__init__(briefing, **options)
        self.deck: tuple[Slide, ...] = build_deck(briefing)
        self.stopwatch = Stopwatch(clock)
        self.share = share
        self.notes_channel = notes
        self.gateway = gateway
        self.published = published
        channels = [channel for channel in (share, notes) if channel is not None]
        self.present_screen = PresentScreen(
            self.deck, self.stopwatch, channels, join_instructions(gateway)
        )
        if share is not None:
            share.on_count_change = self._followers_changed
        if gateway is not None:
            gateway.on_count_change = self._audience_changed
        if notes is not None:
            notes.on_command = self._notes_command

    class NotesCommanded(Message):
        """The notes window (``briefing notes``) asked to move the talk."""

        def __init__(self, command: Command) -> None:
            super().__init__()
            self.command = command

    def _notes_command(self, command: Command) -> None:
        # Called by the notes channel, outside the app's message loop: handled in it.
        self.post_message(self.NotesCommanded(command))

    @on(NotesCommanded)
    def _move_for_the_notes(self, event: NotesCommanded) -> None:
        screen = self.present_screen
        command = event.command
        if isinstance(command, NextCommand):
            screen.action_move(1)
        elif isinstance(command, PreviousCommand):
            screen.action_move(-1)
        else:
            screen.go(command.index)

    def action_end_talk(self) -> None:
        """Quit, asking first when followers are connected."""
        self.present_screen.end_talk()

    def on_mount(self) -> None:
        share = None if self.published else self.share
        if share is not None or self.notes_channel is not None:
            # Followers that join before it is through get it as soon as it is.
            self.run_worker(
                publish_briefing(self.briefing, share=share, notes=self.notes_channel),
                name="publish-briefing",
                group="publish-briefing",
            )

    def first_screen(self) -> PresentScreen:
        """The slides."""
        if self.share is not None:
            # Not yet mounted: set the count without running its watcher.
            self.present_screen.set_reactive(PresentScreen.followers, self.audience)
        return self.present_screen

    def reloadable_screen(self) -> PresentScreen:
        """The slides: a reload (``--watch``) replaces them and shows problems on them."""
        return self.present_screen

    async def show_reloaded(self, briefing: Briefing) -> None:
        """Rebuild the deck from the reloaded *briefing*, stay on the same slide, send it on."""
        await publish_briefing(briefing, share=self.share, notes=self.notes_channel)
        old = self.present_screen
        self.deck = build_deck(briefing)
        index = locate(self.deck, old.slide.key, old.index)
        self.present_screen = PresentScreen(self.deck, self.stopwatch, old.channels, old.join)
        self.present_screen.set_reactive(PresentScreen.followers, old.followers)
        self.present_screen.set_reactive(PresentScreen.index, index if index is not None else 0)
        await self.switch_screen(self.present_screen)

    def navigate(self, place: Place) -> None:
        """Go to the slide that shows *place* (chosen in the command palette), if one does."""
        index = slide_for_place(self.deck, place)
        if index is None:
            self.notify("No slide shows that", timeout=3, markup=False)
        else:
            self.present_screen.go(index)

    @property
    def audience(self) -> int:
        """Everyone following: on this machine, and over the built-in SSH server."""
        if self.share is None:
            return 0
        count = self.share.follower_count
        gateway = self.gateway
        if gateway is None:
            return count
        # The server follows the share once, and each follower browsing on
        # its own once more: those are its audience, counted by the server.
        return max(0, count - 1 - gateway.browsing) + gateway.connected

    def _followers_changed(self, _count: int) -> None:
        # Followers leave as the share closes, after the app has shut down:
        # is_running turns False as shutdown begins.
        if self.is_running and self.present_screen.is_mounted:
            self.present_screen.followers = self.audience

    def _audience_changed(self) -> None:
        self._followers_changed(self.audience)


def join_instructions(gateway: Gateway | None) -> JoinInstructions | None:
    """How the audience joins *gateway*, for the presenter's bar and join panel."""
    if gateway is None:
        return None
    address = gateway.address
    host = address.host
    if ipaddress.ip_address(host).is_unspecified:
        # Listening everywhere: the machine's name is what others type.
        host = socket.gethostname()
    port = "" if address.port == 22 else f"-p {address.port} "
    return JoinInstructions(f"ssh {port}{host}", gateway.join_code, gateway.fingerprint)


def hello_for(briefing: Briefing) -> HelloMessage:
    """What the presenter of *briefing* says first to every follower."""
    return HelloMessage(
        briefing_id=briefing.briefing.id,
        content_hash=briefing.content_hash,
        slide_count=len(build_deck(briefing)),
    )


def packed_briefings(briefing: Briefing, *, share: bool, notes: bool) -> tuple[Packed | None, ...]:
    """*briefing* ready to send: for the share without speaker notes, for the notes channel with.

    None for a channel not asked for.
    """
    return (
        pack(briefing_text(briefing, speaker_notes=False)) if share else None,
        pack(briefing_text(briefing, speaker_notes=True)) if notes else None,
    )


async def publish_briefing(
    briefing: Briefing, *, share: Presenter | None, notes: Presenter | None
) -> None:
    """Send *briefing* to the followers of *share* (no speaker notes) and of *notes*.

    Written out and compressed in a thread: a large briefing takes a moment.
    """
    hello = hello_for(briefing)
    shared, private = await asyncio.to_thread(
        packed_briefings, briefing, share=share is not None, notes=notes is not None
    )
    if share is not None and shared is not None:
        share.publish_briefing(hello, shared)
    if notes is not None and private is not None:
        notes.publish_briefing(hello, private)


async def present(
    briefing: Briefing,
    *,
    share: str | None = None,
    group: str | None = None,
    max_per_user: int | None = DEFAULT_FOLLOWERS_PER_USER,
    ssh: SshSettings | None = None,
    **options: Any,
) -> int | None:
    """Run the presenter app with its channels open; return its exit status.

    Opens the share *share* (for *group*, if given, with at most
    *max_per_user* followers from any one other user) and the notes channel
    before the app starts, and closes them after it ends. Raises
    :class:`~briefing_tui.core.present.share.ShareError` when the share cannot be
    opened; a notes channel that cannot be opened is only a warning, since
    the presentation itself does not need it. With *ssh*, the built-in SSH
    server follows the share (see :mod:`~briefing_tui.core.present.ssh_gateway`);
    its host key's fingerprint is printed before the app starts.
    """
    hello = hello_for(briefing)
    notices = list(options.pop("notices", ()))
    async with AsyncExitStack() as channels:
        shared = None
        if share is not None:
            shared = await channels.enter_async_context(
                Presenter.for_share(share, hello, group=group, max_per_user=max_per_user)
            )
            if shared.relocated is not None:
                # Other users must be told this directory: say it where the presenter sees it.
                notices.append(shared.relocated)
        gateway = None
        if shared is not None and ssh is not None:
            # The server follows the share, and needs the briefing to start.
            await publish_briefing(briefing, share=shared, notes=None)
            gateway = await start_gateway(shared, ssh, options.get("theme", DEFAULT_THEME))
            channels.push_async_callback(close_gateway, shared, gateway)
            sys.stdout.write(
                f"briefing: serving {share} over SSH on {gateway.address}; "
                f"host key {gateway.fingerprint}\n"
            )
            sys.stdout.flush()
        notes: Presenter | None
        try:
            notes = await channels.enter_async_context(Presenter.for_notes(hello))
        except ShareError as error:
            notes = None
            notices.append(f"Speaker notes are not available: {error.message}")
        app = PresentApp(
            briefing,
            share=shared,
            notes=notes,
            gateway=gateway,
            published=gateway is not None,
            notices=notices,
            **options,
        )
        await app.run_async()
    return app.return_code


async def close_gateway(share: Presenter, gateway: Gateway) -> None:
    """End the share, which ends the SSH server once its audience is told; wait for it."""
    await share.close()
    await gateway.close()


async def start_gateway(share: Presenter, ssh: SshSettings, theme: str) -> Gateway:
    """Start the built-in SSH server following *share*; raises ShareError if it cannot."""
    from briefing_tui.core.present.ssh_gateway import Gateway, GatewayConfig

    name = share.path.name.removesuffix(".sock")
    config = GatewayConfig(
        name=name,
        folder=str(share.path.parent),
        host=ssh.address.host,
        port=ssh.address.port,
        access=ssh.access,
        join_code=new_join_code() if ssh.access == "code" else "",
        authorized_keys=None if ssh.authorized_keys is None else str(ssh.authorized_keys),
        max_connections=ssh.max_connections,
        max_browsing=ssh.max_browsing,
        host_key=str(host_key_path()),
        theme=theme,
        theme_dirs=[str(folder) for folder in ssh.theme_dirs],
    )
    return await Gateway.start(config)
