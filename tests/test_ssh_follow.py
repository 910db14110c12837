"""End to end over real SSH: an audience member follows a presentation through OpenSSH.

The test starts OpenSSH's ``sshd`` on 127.0.0.1 with a throwaway config,
host key and client key in a temporary directory. The client key is
restricted the way ``docs/presenting.md`` tells presenters to restrict their
audience's keys (``command="briefing follow NAME",restrict,pty``), so the
test also checks that recipe. In one tmux pane of 80x24 ``briefing present
--share talk FILE`` runs; in another, ``ssh -tt`` logs in and gets the forced
follower, ``briefing follow talk`` with no file of its own. It must show the
presenter's briefing and move with the presenter; ``d`` shows a section's
text, ``f`` goes back to the presenter's slide.

Everything runs on a private tmux server (``tmux -L``) and is stopped by
session and pid afterwards. With ``CI`` set, missing ``sshd``, ``ssh`` or
``tmux`` fails the test: in CI this test must run, never be skipped.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.present.slides import build_deck
from tests.ssh_tools import (
    SSHD,
    Tmux,
    briefing_command,
    free_port,
    require_tools,
    wait_for,
)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module", autouse=True)
def _require_tools() -> None:
    require_tools(sshd=True)


@dataclass
class Sshd:
    """A running throwaway sshd and what a client needs to reach it."""

    port: int
    folder: Path
    process: subprocess.Popen[bytes]

    @property
    def log(self) -> str:
        return (self.folder / "sshd.log").read_text(errors="replace")

    def client(self, user: str) -> list[str]:
        """The ssh command line that logs *user* in with the throwaway client key."""
        return [
            "ssh",
            "-F", "/dev/null",
            "-i", str(self.folder / "client"),
            "-o", "IdentitiesOnly=yes",
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=accept-new",
            "-o", f"UserKnownHostsFile={self.folder / 'known_hosts'}",
            "-o", "LogLevel=ERROR",
            "-p", str(self.port),
            "-tt",
            f"{user}@127.0.0.1",
        ]  # fmt: skip


@pytest.fixture
def short_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # Unix socket paths are short (107 bytes); tmp_path can be too long for the notes channel.
    folder = Path(tempfile.mkdtemp(prefix="bt-", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def forced_follow_command() -> str:
    """What the audience key runs, whatever the client asks for: the follower, in our sandbox."""
    # An SSH session without PAM has no XDG_RUNTIME_DIR; the presenter's and
    # the test's XDG folders are passed on explicitly.
    xdg = [f"{name}={value}" for name, value in os.environ.items() if name.startswith("XDG_")]
    return shlex.join(["env", *sorted(xdg), *briefing_command(), "follow", "talk"])


@pytest.fixture
def sshd(short_runtime_dir: Path) -> Iterator[Sshd]:
    folder = Path(tempfile.mkdtemp(prefix="bt-sshd-"))
    process: subprocess.Popen[bytes] | None = None
    try:
        for key in ("host", "client"):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)],
                check=True,
                timeout=30,
            )
        public_key = (folder / "client.pub").read_text().strip()
        # The audience recipe of docs/presenting.md; `pty` gives back the
        # terminal `restrict` takes away, which the follower needs.
        options = f'command="{forced_follow_command()}",restrict,pty'
        (folder / "authorized_keys").write_text(f"{options} {public_key}\n")
        (folder / "authorized_keys").chmod(0o600)
        port = free_port()
        (folder / "sshd_config").write_text(
            f"Port {port}\n"
            "ListenAddress 127.0.0.1\n"
            f"HostKey {folder / 'host'}\n"
            f"PidFile {folder / 'sshd.pid'}\n"
            f"AuthorizedKeysFile {folder / 'authorized_keys'}\n"
            "PubkeyAuthentication yes\n"
            "PasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\n"
            "PermitRootLogin prohibit-password\n"
            "UsePAM no\n"
            "StrictModes no\n"
            "AcceptEnv LANG LC_*\n"
        )
        if os.geteuid() == 0:
            # sshd run as root refuses to start without its privilege-separation directory.
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        log = (folder / "sshd.log").open("wb")
        process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(folder / "sshd_config")],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        log.close()
        running = Sshd(port, folder, process)

        def listening() -> bool:
            assert process is not None
            if process.poll() is not None:
                pytest.fail(f"sshd exited with {process.returncode}\n{running.log}")
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0

        wait_for(listening, "sshd to listen", lambda: running.log)
        yield running
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


TALK = """format = 1

[briefing]
id = "ssh-talk"
title = "A briefing only the presenter has"

[[sections]]
id = "first"
title = "The first section of the talk"
body = "Browsing on your own shows this body, sent by the presenter."
key_points = ["Nobody in the audience has this file"]
notes = "SPEAKER-ONLY: slow down here."

[[sections]]
id = "second"
title = "The second section of the talk"
body = "The second body."
key_points = ["The follower names no file"]

[[sections]]
id = "third"
title = "The third section of the talk"
body = "The third body."
key_points = ["It shows what the presenter shows"]
"""


def test_follower_over_ssh_moves_with_the_presenter(sshd: Sshd, tmux: Tmux, tmp_path: Path) -> None:
    # The presenter's own file: the follower (`briefing follow talk`, no FILE) must show it.
    talk = tmp_path / "talk.toml"
    talk.write_text(TALK, encoding="utf-8")
    deck = build_deck(load_briefing(talk))
    user = pwd.getpwuid(os.geteuid()).pw_name

    tmux.start("present", [*briefing_command(), "present", "--share", "talk", str(talk)])

    def presenter_ready() -> bool:
        return f"Slide 1/{len(deck)}" in tmux.screen("present")

    wait_for(presenter_ready, "the presenter", lambda: tmux.screen("present"))

    # Whatever the client asks to run, the key's forced command runs the follower.
    tmux.start("audience", [*sshd.client(user), "echo", "not-the-forced-command"])

    def describe() -> str:
        return (
            f"--- audience pane ---\n{tmux.screen('audience')}\n"
            f"--- presenter pane ---\n{tmux.screen('present')}\n"
            f"--- sshd log ---\n{sshd.log}"
        )

    def following_slide(number: int) -> Callable[[], bool]:
        def shown() -> bool:
            screen = tmux.screen("audience")
            return "Following talk" in screen and f"slide {number}/{len(deck)}" in screen

        return shown

    wait_for(following_slide(1), "the follower on slide 1", describe)
    assert deck[0].title in tmux.screen("audience")
    wait_for(lambda: "1 following" in tmux.screen("present"), "the follower count", describe)

    tmux.keys("present", "Right", "Right", "Right")
    wait_for(following_slide(4), "the follower on slide 4", describe)
    audience = tmux.screen("audience")
    assert deck[3].title in audience
    assert "not-the-forced-command" not in audience
    assert "SPEAKER-ONLY" not in audience

    # Browsing on your own shows the presenter's section text; f snaps back.
    tmux.keys("audience", "d")
    wait_for(lambda: "The third body." in tmux.screen("audience"), "the section's text", describe)
    assert "following paused — presenter on slide 4" in tmux.screen("audience")
    tmux.keys("present", "Left")
    wait_for(
        lambda: "presenter on slide 3" in tmux.screen("audience"), "the status to move", describe
    )
    tmux.keys("audience", "f")
    wait_for(following_slide(3), "the follower back on slide 3", describe)
    assert deck[2].title in tmux.screen("audience")
    assert "following paused" not in tmux.screen("audience")

    # With an audience, q asks first: an accidental key does not end the talk.
    tmux.keys("present", "q")
    wait_for(
        lambda: "End the talk for 1 follower?" in tmux.screen("present"), "the question", describe
    )
    tmux.keys("present", "y")
    wait_for(
        lambda: "presentation ended" in tmux.screen("audience"), "the end of the talk", describe
    )
    assert deck[2].title in tmux.screen("audience"), "the follower keeps the last slide"
