"""The gateway process: the built-in SSH server, following the presenter's share.

Started by ``briefing present --share NAME --ssh PORT`` (see
:mod:`briefing_tui.core.present.ssh_gateway` for why it is a process of its
own and how the two talk), never by hand. It reads its configuration from
standard input, follows the share like ``briefing follow NAME``, draws the
slides headless (:mod:`~briefing_tui.ui.audience_renderer`) and serves them
over SSH (:mod:`~briefing_tui.core.present.ssh_server`) until the
presentation ends.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel, ValidationError

from briefing_tui.core.config.settings import user_themes_dir
from briefing_tui.core.config.themes import discover_themes
from briefing_tui.core.content.text import neutralise
from briefing_tui.core.present.share import Follower, ShareError
from briefing_tui.core.present.ssh_access import ListenAddress
from briefing_tui.core.present.ssh_gateway import (
    AudienceCount,
    GatewayConfig,
    GatewayFailed,
    Listening,
)
from briefing_tui.core.present.ssh_server import AudienceServer, ServerOptions, load_host_key
from briefing_tui.ui.audience_renderer import AudienceApp

NICENESS = 5
"""How much the server yields the processor: the presenter's own screen comes first."""
GOODBYE_SECONDS = 0.5
"""Time for "presentation ended" to reach the audience before the server stops."""

log = logging.getLogger("briefing_tui.ssh")


class Reports:
    """The gateway's reports to the presenter: one JSON line each, on the original stdout."""

    def __init__(self, output: BinaryIO) -> None:
        self.output = output

    def send(self, report: BaseModel) -> None:
        """Write *report*; a presenter that is gone is no reason to stop serving."""
        try:
            self.output.write(report.model_dump_json().encode() + b"\n")
            self.output.flush()
        except OSError:
            pass


async def serve(config: GatewayConfig, reports: Reports) -> int:
    """Follow the share and serve it over SSH until the presentation ends; the exit status."""
    try:
        fingerprint = load_host_key(Path(config.host_key))
        follower = await Follower.connect(
            config.name, folder=Path(config.folder), wants_briefing=True
        )
        briefing, replay = await follower.receive_briefing("briefing follow NAME FILE")
    except (ValueError, OSError, ShareError) as error:
        return _failed(reports, str(error))
    catalog = discover_themes(user_themes_dir(), [Path(folder) for folder in config.theme_dirs])
    app = AudienceApp(
        briefing,
        follower,
        name=config.name,
        folder=config.folder,
        replay=replay,
        theme=config.theme,
        themes=catalog,
    )
    options = ServerOptions(
        address=ListenAddress(config.host, config.port),
        host_key=Path(config.host_key),
        access=config.access,
        join_code=config.join_code,
        authorized_keys=Path(config.authorized_keys) if config.authorized_keys else None,
        max_connections=config.max_connections,
        max_browsing=config.max_browsing,
    )
    server = AudienceServer(
        options,
        app,
        on_count_change=lambda connected, browsing: reports.send(
            AudienceCount(connected=connected, browsing=browsing)
        ),
    )
    app.server = server
    try:
        await server.start()
    except OSError as error:
        await follower.close()
        return _failed(reports, f"cannot listen on {options.address}: {error.strerror}")
    except ValueError as error:
        await follower.close()
        return _failed(reports, f"cannot read {config.authorized_keys}: {error}")
    reports.send(Listening(host=config.host, port=server.port, fingerprint=fingerprint))
    log.info("serving %s over SSH on %s, host key %s", config.name, options.address, fingerprint)
    loop = asyncio.get_running_loop()
    running = loop.create_task(app.run_async(headless=True, size=(80, 24)))
    ended = loop.create_task(app.ended.wait())
    presenter_gone = loop.create_task(_end_of_input())
    try:
        await asyncio.wait({running, ended, presenter_gone}, return_when=asyncio.FIRST_COMPLETED)
        await server.close()
        await asyncio.sleep(GOODBYE_SECONDS)
    finally:
        ended.cancel()
        presenter_gone.cancel()
        app.exit()
        await running
        await follower.close()
    return 0


def _failed(reports: Reports, message: str) -> int:
    """The server cannot start: say why in the log and to the presenter; the exit status."""
    log.warning("cannot serve over SSH: %s", message)
    reports.send(GatewayFailed(message=message))
    return 2


class NeutralFormatter(logging.Formatter):
    """Each record one line that acts on no terminal: records hold what clients sent.

    A user name, a reason for disconnecting, an address: none may start a
    line that looks like a record of its own, or reach the terminal of
    whoever reads the log with an escape sequence. A traceback keeps its
    lines, each neutralised.
    """

    def format(self, record: logging.LogRecord) -> str:
        line = neutralise(record.getMessage()).replace("\n", "\u240a")
        inert = logging.makeLogRecord({**record.__dict__, "msg": line, "args": None})
        return neutralise(super().format(inert))


async def _end_of_input() -> None:
    """Return once the presenter's end of standard input is closed: it quit, or died."""
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while await reader.read(4096):
        pass


def _refusals_only(record: logging.LogRecord) -> bool:
    """Keep asyncssh's warnings and the requests it denied; drop its account of every packet."""
    return record.levelno >= logging.WARNING or "denied" in record.getMessage()


def main() -> int:
    """Run the gateway: configuration on stdin, reports on stdout, a log on stderr.

    Standard input stays open while the presenter runs; its end ends the gateway.
    """
    # Reports go to the presenter through the stdout it gave; nothing else may
    # write there, so stdout itself goes nowhere.
    reports = Reports(os.fdopen(os.dup(sys.stdout.fileno()), "wb"))
    # On a laptop of two cores, drawing for 300 followers competes with the
    # presenter's own slide change: the presenter wins.
    os.nice(NICENESS)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    # Appended to by every server of this user: the process id tells them apart.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(NeutralFormatter("%(asctime)s [%(process)d] %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    # asyncssh says at INFO what it refused (agent forwarding, say), among much else.
    asyncssh_log = logging.getLogger("asyncssh")
    asyncssh_log.setLevel(logging.INFO)
    asyncssh_log.addFilter(_refusals_only)
    try:
        config = GatewayConfig.model_validate_json(sys.stdin.buffer.readline(65536))
    except ValidationError as error:
        return _failed(reports, f"bad configuration: {error.errors()[0]['msg']}")
    return asyncio.run(serve(config, reports))


if __name__ == "__main__":
    sys.exit(main())
