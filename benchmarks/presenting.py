"""The presenter in a real terminal: key latency with 100 followers, bytes per slide change,
and how long a follower takes to join.

Two ``briefing present`` sessions run in pseudo-terminals at 80x24: one
alone, one sharing with 100 protocol-level followers (a separate process
reading the socket). The presenter's key-to-screen time (a slide change until
the screen settles) with followers is compared with the one without; the
target is at most 1.2x. Also reported: bytes written to the terminal per
slide change.

The join: ``briefing follow NAME`` (no FILE) started in a pseudo-terminal
until the presenter's first slide is on its screen, which takes the
briefing's transfer, its check by the loader and the first paint. The join
of a 5,000-section synthetic briefing (11 MiB of TOML) is reported as a
ratio to the join of the bundled one.

Run ``python -m benchmarks presenting``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from benchmarks import Result, format_table
from benchmarks.synthetic import write_synthetic
from tests.harness import TerminalSession

QUIET = 0.05
FOLLOWERS = 100

# A process holding FOLLOWERS followers of the share NAME, reading every message.
FOLLOWER_PROCESS = textwrap.dedent(
    """
    import asyncio, sys
    from briefing_tui.core.present.share import Follower

    async def drain(follower):
        async for _ in follower:
            pass

    async def main(name, count):
        # One connection at a time: a burst of 100 could overflow the listen backlog.
        followers = [await Follower.connect(name) for _ in range(count)]
        print("ready", flush=True)
        await asyncio.gather(*(drain(follower) for follower in followers))

    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
    """
)


def _slide_changes(term: TerminalSession, presses: int) -> tuple[list[float], list[int]]:
    """Settle times (ms) and bytes of *presses* slide changes, back and forth."""
    times: list[float] = []
    sizes: list[int] = []
    for number in range(presses):
        mark = term.mark()
        start = time.monotonic()
        term.send("left" if number % 2 else "right")
        last = term.wait_idle(QUIET, timeout=30, after=mark)
        times.append((last - start) * 1000)
        sizes.append(len(term.since(mark)))
        term.wait_idle(0.1)
    return times, sizes


def _joins(env: dict[str, str], briefing: list[str], title: str, times: int = 3) -> list[float]:
    """Milliseconds from starting ``briefing follow`` to the first slide's *title* on its screen."""
    python = sys.executable
    argv = [python, "-m", "briefing_tui"]
    joins = []
    with TerminalSession([*argv, "present", "--share", "join", *briefing], env=env) as presenter:
        presenter.wait_for("Slide 1/", timeout=120)
        presenter.wait_idle(0.5, timeout=60)
        for _ in range(times):
            with TerminalSession([*argv, "follow", "join"], env=env) as follower:
                joins.append(follower.wait_for(title[:40], timeout=120) * 1000)
    return joins


def run(presses: int = 20) -> list[Result]:
    """Presenter latency alone and with 100 followers; bytes per slide change."""
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bp-", dir="/tmp") as scratch:
        folder = Path(scratch)
        env = dict(os.environ)
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[name] = str(folder / name.lower())
        # A short runtime dir: a Unix socket path is limited to 107 bytes.
        env["XDG_RUNTIME_DIR"] = str(folder / "run")
        (folder / "run").mkdir(mode=0o700)
        argv = [python, "-m", "briefing_tui", "present"]

        with TerminalSession(argv, env=env) as term:
            term.wait_idle(0.5, timeout=60)
            alone, sizes = _slide_changes(term, presses)

        with TerminalSession([*argv, "--share", "bench"], env=env) as term:
            term.wait_idle(0.5, timeout=60)
            followers = subprocess.Popen(
                [python, "-c", FOLLOWER_PROCESS, "bench", str(FOLLOWERS)],
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            try:
                assert followers.stdout is not None
                followers.stdout.readline()
                term.wait_for(f"{FOLLOWERS} following", timeout=30)
                term.wait_idle(0.3, timeout=30)
                shared, _ = _slide_changes(term, presses)
            finally:
                followers.kill()
                followers.wait()

        from briefing_tui.core.config.resources import default_briefing_path
        from briefing_tui.core.content.loader import load_briefing

        bundled_title = load_briefing(default_briefing_path()).briefing.title
        bundled_join = _joins(env, [], bundled_title)
        synthetic = write_synthetic(folder / "synthetic.toml")
        synthetic_title = load_briefing(synthetic).briefing.title
        synthetic_join = _joins(env, [str(synthetic)], synthetic_title)

    alone_ms = statistics.median(alone)
    return [
        Result(
            f"presenter slide change, {FOLLOWERS} followers",
            statistics.median(shared),
            "ms",
            alone_ms,
            "no followers",
            1.2,
        ),
        Result("presenter slide change: bytes", statistics.median(sizes), "bytes"),
        Result("follower join, bundled", statistics.median(bundled_join), "ms"),
        Result(
            "follower join, 5,000 sections",
            statistics.median(synthetic_join),
            "ms",
            statistics.median(bundled_join),
            "join of the bundled briefing",
        ),
    ]


if __name__ == "__main__":
    print(format_table(run()))
