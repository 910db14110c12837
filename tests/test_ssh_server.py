"""End to end: an audience follows through the built-in SSH server with OpenSSH's ``ssh``.

``briefing present --share talk --ssh PORT`` runs in a tmux pane of 80x24;
OpenSSH's client (``ssh -tt``, a fresh known_hosts file, any user name)
runs in another and answers the join code through ``SSH_ASKPASS``, the way
a person types it. It must follow the slides, browse on its own with ``d``
(the app laid out again when the window is resized), come back with ``f``,
lay the slide out again when its window is resized,
and say "presentation ended" when the presenter quits.

Then everything the server must refuse, each with a clear message, while a
follower connected beforehand keeps following: a command (``ssh host ls``),
``ssh -N -L``, ``ssh -A``, ``sftp``, a session without a pty, three wrong join
codes, a key not in ``--ssh-keys``, and a flood of connections.

Only loopback addresses are used. With ``CI`` set, missing ``ssh`` or
``tmux`` fails these tests instead of skipping them.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.present.slides import build_deck
from tests.ssh_tools import Tmux, briefing_command, free_port, require_tools, wait_for

TALK = """format = 1

[briefing]
id = "ssh-server-talk"
title = "A talk served over the built-in SSH server"

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
key_points = ["The audience needs only ssh"]

[[sections]]
id = "third"
title = "The third section of the talk"
body = "The third body, for those who browse."
key_points = ["It shows what the presenter shows"]
"""


@pytest.fixture(scope="module", autouse=True)
def _require_tools() -> None:
    require_tools(sshd=False)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def folder() -> Iterator[Path]:
    # Short: Unix socket paths are at most 107 bytes.
    made = Path(tempfile.mkdtemp(prefix="bt-sshd-", dir="/tmp"))
    made.chmod(0o700)
    yield made
    shutil.rmtree(made, ignore_errors=True)


@dataclass
class Served:
    """A presenter serving over SSH in a tmux pane, and how to reach it."""

    tmux: Tmux
    folder: Path
    port: int
    code: str
    deck_titles: list[str]

    @property
    def log(self) -> str:
        path = self.folder / "state" / "briefing-tui" / "ssh-server.log"
        return path.read_text(errors="replace") if path.exists() else "(no log)"

    def describe(self) -> str:
        panes = "\n".join(
            f"--- {name} ---\n{self.tmux.screen(name)}"
            for name in ("present", "audience", "second")
            if self.tmux.run("has-session", "-t", name).returncode == 0
        )
        return f"{panes}\n--- server log ---\n{self.log}"

    def wait(self, condition: Callable[[], bool], what: str) -> None:
        wait_for(condition, what, self.describe)

    def askpass(self, code: str) -> Path:
        """A program that types *code* at the join prompt, as SSH_ASKPASS."""
        script = self.folder / f"askpass-{code}"
        script.write_text(f"#!/bin/sh\necho {code}\n", encoding="ascii")
        script.chmod(0o700)
        return script

    def ssh(
        self,
        *options: str,
        code: str | None = None,
        user: str = "anyone",
        command: tuple[str, ...] = (),
    ) -> list[str]:
        """OpenSSH's client for this server (running *command*); the join code via SSH_ASKPASS."""
        answer = self.askpass(self.code if code is None else code)
        return [
            "env",
            f"SSH_ASKPASS={answer}",
            "SSH_ASKPASS_REQUIRE=force",
            "DISPLAY=:0",
            "ssh",
            "-F", "/dev/null",
            "-o", "StrictHostKeyChecking=accept-new",
            "-o", f"UserKnownHostsFile={self.folder / 'known_hosts'}",
            "-o", "LogLevel=ERROR",
            "-p", str(self.port),
            *options,
            f"{user}@127.0.0.1",
            *command,
        ]  # fmt: skip

    def run(self, command: list[str], timeout: float = 30) -> subprocess.CompletedProcess[str]:
        """Run a client to its end, with no terminal (setsid: askpass, not a tty prompt)."""
        return subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            start_new_session=True,
        )

    def following(self, pane: str, number: int) -> Callable[[], bool]:
        def shown() -> bool:
            screen = self.tmux.screen(pane)
            return (
                "Following talk" in screen
                and f"slide {number}/{len(self.deck_titles)}" in screen
                and self.deck_titles[number - 1] in screen
            )

        return shown


def environment(folder: Path) -> list[str]:
    """The presenter's own XDG folders, all in *folder*."""
    return [
        "env",
        f"XDG_RUNTIME_DIR={folder / 'run'}",
        f"XDG_DATA_HOME={folder / 'data'}",
        f"XDG_STATE_HOME={folder / 'state'}",
        f"XDG_CONFIG_HOME={folder / 'config'}",
        f"XDG_CACHE_HOME={folder / 'cache'}",
    ]


def serve(tmux: Tmux, folder: Path, *options: str) -> Served:
    """Start ``briefing present --share talk --ssh PORT`` in the pane "present"."""
    (folder / "run").mkdir(mode=0o700, exist_ok=True)
    talk = folder / "talk.toml"
    talk.write_text(TALK, encoding="utf-8")
    titles = [slide.title for slide in build_deck(load_briefing(talk))]
    port = free_port()
    command = [
        *environment(folder),
        *briefing_command(),
        "present",
        "--share",
        "talk",
        "--ssh",
        str(port),
        *options,
        str(talk),
    ]
    tmux.start("present", command)
    served = Served(tmux, folder, port, "", titles)
    served.wait(lambda: f"Slide 1/{len(titles)}" in tmux.screen("present"), "the presenter")
    found = re.search(r"code (\d{6})", tmux.screen("present"))
    served.code = found.group(1) if found else ""
    return served


def test_an_audience_follows_browses_and_sees_the_end_with_nothing_but_ssh(
    tmux: Tmux, folder: Path
) -> None:
    served = serve(tmux, folder)
    assert served.code, served.describe()

    tmux.start("audience", served.ssh("-tt"))
    served.wait(served.following("audience", 1), "the follower on slide 1")
    served.wait(lambda: "1 following" in tmux.screen("present"), "the presenter's count")

    # The host key was made once, private, and is the one the client now trusts.
    key = folder / "data" / "briefing-tui" / "ssh_host_ed25519_key"
    assert key.stat().st_mode & 0o777 == 0o600
    trusted = subprocess.run(
        ["ssh-keygen", "-lf", str(folder / "known_hosts")], capture_output=True, text=True
    ).stdout
    ours = subprocess.run(
        ["ssh-keygen", "-lf", str(key.with_suffix(".pub"))], capture_output=True, text=True
    ).stdout
    assert ours.split()[1] in trusted

    tmux.keys("present", "Right", "Right", "Right")
    served.wait(served.following("audience", 4), "the follower on slide 4")
    assert "SPEAKER-ONLY" not in tmux.screen("audience")

    # d: the follower's own app, at the presenter's section; f: back to the shared slides.
    tmux.keys("audience", "d")
    served.wait(
        lambda: "The third body, for those who browse." in tmux.screen("audience"),
        "the section's text",
    )
    assert "following paused — presenter on slide 4" in tmux.screen("audience")
    tmux.keys("present", "Left")
    served.wait(
        lambda: "presenter on slide 3" in tmux.screen("audience"), "the paused status to move"
    )
    # The follower's own app lays itself out again when the window is resized.
    tmux.run("resize-window", "-t", "audience", "-x", "100", "-y", "30")

    def browsing_foot_at_the_bottom() -> bool:
        rows = tmux.screen("audience").splitlines()
        return len(rows) >= 30 and "f follows again" in rows[29]

    served.wait(browsing_foot_at_the_bottom, "the browsing app laid out at 100x30")
    tmux.keys("audience", "f")
    served.wait(served.following("audience", 3), "the follower back on slide 3")
    assert "following paused" not in tmux.screen("audience")

    # A resize lays the slide out for the new window: the bar moves to its foot.
    tmux.run("resize-window", "-t", "audience", "-x", "120", "-y", "40")

    def bar_at_the_foot() -> bool:
        rows = tmux.screen("audience").splitlines()
        return len(rows) >= 40 and "Following talk" in rows[39] and "slide 3/" in rows[39]

    served.wait(bar_at_the_foot, "the slide laid out at 120x40")

    # The end gives the client its own screen back (the slide goes), saying why.
    tmux.keys("present", "q")
    served.wait(lambda: "End the talk for" in tmux.screen("present"), "the presenter's question")
    tmux.keys("present", "y")
    served.wait(
        lambda: "briefing: the presentation ended" in tmux.history("audience"),
        "the end of the talk",
    )


def test_everything_but_following_is_refused_and_followers_carry_on(
    tmux: Tmux, folder: Path
) -> None:
    served = serve(tmux, folder)
    tmux.start("audience", served.ssh("-tt"))
    served.wait(served.following("audience", 1), "the follower on slide 1")

    command = served.run(served.ssh(command=("ls", "/")))
    assert command.returncode == 2
    assert "this server only shows a presentation; connect without a command" in command.stderr

    no_pty = served.run(served.ssh("-T"))
    assert no_pty.returncode == 2
    assert "needs a terminal: use ssh -t" in no_pty.stderr

    sftp_client = [
        "sftp",
        "-F", "/dev/null",
        "-o", "StrictHostKeyChecking=accept-new",
        "-o", f"UserKnownHostsFile={folder / 'known_hosts'}",
        "-P", str(served.port),
        "anyone@127.0.0.1",
    ]  # fmt: skip
    sftp = served.run([*served.ssh()[:4], *sftp_client])
    assert sftp.returncode != 0
    assert "no file transfer or subsystem" in sftp.stderr

    started = time.monotonic()
    tunnel = served.run(served.ssh("-N", "-L", f"127.0.0.1:{free_port()}:127.0.0.1:22"))
    assert tunnel.returncode == 255
    assert "connect with ssh -t and no -N" in tunnel.stderr
    assert time.monotonic() - started < 20

    started = time.monotonic()
    wrong = served.run(served.ssh("-tt", code="000000"))
    assert wrong.returncode == 255
    assert "wrong join code: ask the presenter" in wrong.stderr
    assert time.monotonic() - started >= 3, "each wrong code costs a second"

    # Agent forwarding is asked for and denied; the session is a follower as any other.
    agent = subprocess.run(
        ["ssh-agent", "-a", str(folder / "agent.sock"), "-s"], capture_output=True, text=True
    )
    agent_pid = re.search(r"SSH_AGENT_PID=(\d+)", agent.stdout)
    try:
        tmux.start(
            "second",
            ["env", f"SSH_AUTH_SOCK={folder / 'agent.sock'}", *served.ssh("-A", "-tt")],
        )
        served.wait(served.following("second", 1), "the -A follower on slide 1")
        served.wait(lambda: "Agent forwarding request denied" in served.log, "the refusal")
    finally:
        if agent_pid is not None:
            os.kill(int(agent_pid.group(1)), 15)

    # A flood from one address: beyond the rate, connections are turned away in words.
    flood: list[socket.socket] = []
    try:
        for _ in range(80):
            connection = socket.create_connection(
                ("127.0.0.1", served.port), timeout=5, source_address=("127.0.0.2", 0)
            )
            flood.append(connection)
        turned_away = b""
        for connection in flood[-5:]:
            connection.settimeout(5)
            while b"too many connections" not in turned_away:
                data = connection.recv(4096)
                if not data:
                    break
                turned_away += data
        assert b"too many connections from your address" in turned_away
        # Meanwhile everyone else still gets in, and those following still follow.
        tmux.keys("present", "Right")
        served.wait(served.following("audience", 2), "the first follower on slide 2")
        served.wait(served.following("second", 2), "the second follower on slide 2")
        late = served.run(served.ssh(command=("ls",)))
        assert "connect without a command" in late.stderr
    finally:
        for connection in flood:
            connection.close()
    served.wait(lambda: "2 following" in tmux.screen("present"), "the count, unharmed")


def test_with_ssh_keys_only_the_listed_keys_get_in(tmux: Tmux, folder: Path) -> None:
    for name in ("listed", "stranger"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / name)],
            check=True,
            timeout=30,
        )
    keys = folder / "authorized_keys"
    keys.write_text((folder / "listed.pub").read_text(), encoding="ascii")
    served = serve(tmux, folder, "--ssh-keys", str(keys))
    assert not served.code, "no join code when keys decide"

    def with_key(name: str) -> list[str]:
        return served.ssh(
            "-i", str(folder / name), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes"
        )

    stranger = served.run([*with_key("stranger"), "-tt"])
    assert stranger.returncode == 255
    assert "Permission denied (publickey)" in stranger.stderr

    tmux.start("audience", [*with_key("listed"), "-tt"])
    served.wait(served.following("audience", 1), "the listed key following")
