"""SIGCONT resumes the app only after the app's own suspend.

Textual's Linux driver answers every SIGCONT by starting its terminal mode
again, as it must after a suspend (ctrl+z, SIGTSTP). But a terminal that
hangs up (its window closed, tmux killed, an SSH client gone) sends SIGHUP
*and* SIGCONT, with nothing suspended: the driver then starts a second
writer on a terminal that is gone, the writer dies at its first write, and
the app hangs for ever as it quits, holding its share (and with ``--ssh``
its SSH server) open. A stray ``kill -CONT`` would likewise switch to the
alternate screen anew. :func:`resume_only_after_suspend` lets SIGCONT
through only when a SIGTSTP came first.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from types import FrameType
from typing import Any

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

Handler = Callable[[int, FrameType | None], Any]


def resume_only_after_suspend(app: App[Any]) -> None:
    """Wrap the driver's SIGTSTP and SIGCONT handlers: no resume without a suspend first.

    Call it once the app runs (its driver installs the handlers when it is
    made); a driver without them (headless, tests, Windows) is left alone.
    """
    if not isinstance(app._driver, LinuxDriver):
        return
    on_stop = signal.getsignal(signal.SIGTSTP)
    on_continue = signal.getsignal(signal.SIGCONT)
    if not callable(on_stop) or not callable(on_continue):
        return
    suspended = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal suspended
        suspended = True
        on_stop(signum, frame)

    def resume(signum: int, frame: FrameType | None) -> None:
        nonlocal suspended
        if suspended:
            suspended = False
            on_continue(signum, frame)

    signal.signal(signal.SIGTSTP, stop)
    signal.signal(signal.SIGCONT, resume)
