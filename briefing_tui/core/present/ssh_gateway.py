"""The presenter's side of the built-in SSH server: start it, hear from it, stop it.

The server runs in a process of its own, the *gateway*
(``python -m briefing_tui.ui.ssh_gateway``). It follows the presenter's
share like any follower, so it holds only what every follower gets (the
briefing without speaker notes), never the presenter's files; it draws the
slides for the audience on the machine's other core; and a crowd of SSH
clients costs the presenter's own screen nothing.

The presenter writes the gateway its :class:`GatewayConfig` (one JSON line on
its standard input, so the join code is never on a command line that
``ps`` shows), then reads one JSON line per report from its standard output:
``listening`` (with the host key's fingerprint) or ``error`` first, then
``audience`` whenever the audience changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from briefing_tui.core.present.share import APP_NAME, ShareError
from briefing_tui.core.present.ssh_access import (
    DEFAULT_MAX_BROWSING,
    DEFAULT_MAX_CONNECTIONS,
    Access,
    ListenAddress,
)

log = logging.getLogger(__name__)

START_SECONDS = 30.0
"""How long the gateway may take to follow the share and listen."""
STOP_SECONDS = 5.0
"""How long it may take to say goodbye to its audience once the share ends."""
MAX_REPORT_BYTES = 4096
LOG_LIMIT_BYTES = 1024 * 1024
"""A log longer than this when a server starts is set aside (``ssh-server.log.1``)."""


class GatewayConfig(BaseModel):
    """What the gateway is to serve, and how."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    """The share to follow."""
    folder: str
    """The directory of the share's socket."""
    host: str
    port: int
    access: Access
    join_code: str = ""
    authorized_keys: str | None = None
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    max_browsing: int = DEFAULT_MAX_BROWSING
    host_key: str
    theme: str
    theme_dirs: list[str] = []


class Listening(BaseModel):
    """The gateway listens."""

    type: Literal["listening"] = "listening"
    host: str
    port: int
    fingerprint: str


class GatewayFailed(BaseModel):
    """The gateway could not start; *message* is one line for a person."""

    type: Literal["error"] = "error"
    message: str


class AudienceCount(BaseModel):
    """How many are connected over SSH, and how many of them browse in apps of their own."""

    type: Literal["audience"] = "audience"
    connected: int
    browsing: int


Report = Annotated[Listening | GatewayFailed | AudienceCount, Field(discriminator="type")]
REPORT = TypeAdapter(Report)


def log_path() -> Path:
    """Where the gateway's log goes: who connected, who was turned away and why."""
    return platformdirs.user_state_path(APP_NAME) / "ssh-server.log"


class Gateway:
    """A running gateway, seen from the presenter."""

    def __init__(
        self,
        process: asyncio.subprocess.Process,
        listening: Listening,
        config: GatewayConfig,
    ) -> None:
        self.process = process
        self.address = ListenAddress(listening.host, listening.port)
        self.fingerprint = listening.fingerprint
        self.config = config
        self.connected = 0
        self.browsing = 0
        self.on_count_change: Callable[[], None] | None = None
        self._reader: asyncio.Task[None] | None = None

    @property
    def join_code(self) -> str:
        """The code the audience types, when access is by code."""
        return self.config.join_code

    @classmethod
    async def start(cls, config: GatewayConfig) -> Gateway:
        """Start the gateway and wait until it listens; raises :class:`ShareError` if it cannot."""
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        _set_aside_if_long(path)
        # Appended to, never truncated: another server may be writing to it (one
        # that failed to start must leave the running one's records, and its
        # offset, alone). The audience's addresses are the presenter's to read,
        # no one else's.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "wb") as log_file:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "briefing_tui.ui.ssh_gateway",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=log_file,
                limit=MAX_REPORT_BYTES,
            )
        assert process.stdin is not None
        process.stdin.write(config.model_dump_json().encode() + b"\n")
        with contextlib.suppress(ConnectionError):
            await process.stdin.drain()
        # Its standard input stays open for as long as the presenter runs: the
        # gateway takes its end, however the presenter ends (SIGKILL too),
        # for the end of the presentation.
        try:
            first = await asyncio.wait_for(_read_report(process), START_SECONDS)
        except asyncio.TimeoutError:
            first = GatewayFailed(message="the SSH server did not start in time")
        if not isinstance(first, Listening):
            await _stop(process)
            message = first.message if isinstance(first, GatewayFailed) else "it stopped"
            raise ShareError(f"cannot serve over SSH: {message} (see {path})")
        gateway = cls(process, first, config)
        gateway._reader = asyncio.get_running_loop().create_task(gateway._read_reports())
        return gateway

    async def _read_reports(self) -> None:
        while (report := await _read_report(self.process)) is not None:
            if isinstance(report, AudienceCount):
                self.connected, self.browsing = report.connected, report.browsing
                if self.on_count_change is not None:
                    self.on_count_change()

    async def close(self) -> None:
        """Wait for the gateway to end (the share's end ends it), stopping it if it does not."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.process.wait(), STOP_SECONDS)
        await _stop(self.process)
        if self._reader is not None:
            self._reader.cancel()


def _set_aside_if_long(path: Path) -> None:
    """Move a log longer than :data:`LOG_LIMIT_BYTES` to ``NAME.1`` (replacing it), to start anew.

    A server still writing to it carries on in ``NAME.1``.
    """
    with contextlib.suppress(FileNotFoundError):
        if path.stat().st_size > LOG_LIMIT_BYTES:
            path.replace(path.with_name(path.name + ".1"))


async def _read_report(process: asyncio.subprocess.Process) -> Report | None:
    """The gateway's next report; None once it has nothing more to say."""
    assert process.stdout is not None
    while True:
        try:
            line = await process.stdout.readline()
        except (ValueError, asyncio.LimitOverrunError):
            continue
        if not line:
            return None
        try:
            return REPORT.validate_json(line)
        except ValidationError:
            log.info("ignoring a malformed report from the SSH server")


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        try:
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except asyncio.TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
