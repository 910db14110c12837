"""What the end-to-end SSH tests share: a private tmux, polling, the ``briefing`` to run.

With ``CI`` set, a missing ``sshd``, ``ssh`` or ``tmux`` fails the tests that
need them: in CI they must run, never be skipped.
"""

from __future__ import annotations

import os
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
WAIT_SECONDS = 30.0
POLL_SECONDS = 0.1


def require_tools(*, sshd: bool) -> None:
    """Skip the test (fail it in CI) unless ssh, ssh-keygen, tmux and, if asked, sshd are here."""
    missing = [tool for tool in ("ssh", "ssh-keygen", "tmux") if shutil.which(tool) is None]
    if sshd and not os.access(SSHD, os.X_OK):
        missing.insert(0, "sshd")
    if not missing:
        return
    reason = f"needs {', '.join(missing)} (apt-get install openssh-server openssh-client tmux)"
    if os.environ.get("CI"):
        pytest.fail(f"this test must run in CI: {reason}")
    pytest.skip(reason)


def briefing_command() -> list[str]:
    """The ``briefing`` of the Python running the tests, as an absolute command."""
    script = Path(sys.executable).parent / "briefing"
    if script.is_file():
        return [str(script)]
    return ["env", f"PYTHONPATH={ROOT}", sys.executable, "-m", "briefing_tui"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], bool], what: str, describe: Callable[[], str]) -> None:
    """Poll *condition* until it holds; fail with *describe*'s account after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(POLL_SECONDS)
    pytest.fail(f"timed out waiting for {what}\n{describe()}")


class Tmux:
    """A private tmux server (``tmux -L``), so the test never touches a user's own."""

    def __init__(self) -> None:
        self.server = f"briefing-test-{secrets.token_hex(4)}"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-u", "-L", self.server, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=30,
        )

    def start(self, session: str, command: list[str]) -> None:
        """Run *command* in a new detached session of 80x24."""
        result = self.run(
            "new-session", "-d", "-s", session, "-x", "80", "-y", "24", shlex.join(command)
        )
        assert result.returncode == 0, result.stderr
        # Keep the pane after its command exits, so a failure can be read.
        self.run("set-option", "-t", session, "remain-on-exit", "on")

    def screen(self, session: str) -> str:
        return self.run("capture-pane", "-p", "-t", session).stdout

    def history(self, session: str) -> str:
        """The pane's screen and the 100 lines scrolled off above it."""
        return self.run("capture-pane", "-p", "-S", "-100", "-t", session).stdout

    def keys(self, session: str, *keys: str) -> None:
        self.run("send-keys", "-t", session, *keys)

    def stop(self) -> None:
        self.run("kill-server")
