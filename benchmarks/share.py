"""Sharing a presentation: from a presenter's move to every follower having it.

One presenter publishes slide after slide; protocol-level followers (the
real :class:`~briefing_tui.core.present.share.Follower`, no UI) run in a separate
process, as audiences do, and note when each slide arrives. The figure for a
move is the time from just before ``publish_slide`` until the *last* follower
has the slide; ``time.monotonic`` is one clock for every process of the
machine.

Measured with 100 followers, with 100 followers plus one that never reads
(it must delay no one; that it is dropped once its buffers fill is shown by
``tests/core/present/test_share.py``), and with a single follower as the
baseline. Target: the worst move under 250 ms. Also reported: how long
``publish_slide`` itself takes with 100 followers, which is what a move
costs the presenter's own screen.

Run ``python -m benchmarks.share`` for this benchmark alone.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import Result, format_table
from briefing_tui.core.present.share import Follower, HelloMessage, Presenter, SlideChanged

NAME = "bench"
FOLLOWERS = 100
MOVES = 100
MOVE_INTERVAL_SECONDS = 0.02
TARGET_WORST_MS = 250.0
JOIN_TIMEOUT_SECONDS = 30.0

# The child process imports this package and briefing_tui from the same checkout.
_ROOT = str(Path(__file__).resolve().parent.parent)


@dataclass(frozen=True)
class Run:
    """What one presenter saw and its followers reported."""

    latencies_ms: list[float]
    """Per move: publish until the last follower had it."""
    publish_ms: list[float]
    """Per move: how long the ``publish_slide`` call took."""


async def _present(followers: int, stuck: bool, runtime_dir: Path) -> Run:
    """Present *MOVES* slides to *followers* followers in a child process; time each move."""
    hello = HelloMessage(briefing_id="bench", content_hash="", slide_count=MOVES)
    async with Presenter.for_share(NAME, hello) as presenter:
        child = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "benchmarks.share", "--followers", str(followers)),
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir), "PYTHONPATH": _ROOT},
        )
        stuck_socket = None
        if stuck:
            stuck_socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            stuck_socket.connect(str(presenter.path))
        expected = followers + (1 if stuck else 0)
        deadline = time.monotonic() + JOIN_TIMEOUT_SECONDS
        while presenter.follower_count < expected:
            if time.monotonic() > deadline or child.returncode is not None:
                raise RuntimeError(
                    f"only {presenter.follower_count} of {expected} followers joined"
                )
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)  # let every follower take its hello

        published: list[float] = []
        publish_ms: list[float] = []
        title = "A slide title of a typical length, say sixty characters long"
        for index in range(MOVES):
            start = time.monotonic()
            presenter.publish_slide(index, f"section:move-{index}", title)
            publish_ms.append((time.monotonic() - start) * 1000)
            published.append(start)
            await asyncio.sleep(MOVE_INTERVAL_SECONDS)
    stdout, _ = await child.communicate()
    if stuck_socket is not None:
        stuck_socket.close()
    arrivals = json.loads(stdout)
    if arrivals["incomplete"]:
        raise RuntimeError(f"{arrivals['incomplete']} followers missed a move")
    latencies = [
        (last - start) * 1000 for start, last in zip(published, arrivals["last"], strict=True)
    ]
    return Run(latencies, publish_ms)


async def _follow(count: int) -> dict[str, object]:
    """The child process: *count* followers; for each move, when the last of them got it."""
    followers = [await Follower.connect(NAME) for _ in range(count)]
    last = [0.0] * MOVES
    received = [0] * count

    async def follow(number: int, follower: Follower) -> None:
        async for event in follower:
            if isinstance(event, SlideChanged):
                last[event.index] = max(last[event.index], time.monotonic())
                received[number] += 1

    await asyncio.gather(*(follow(number, follower) for number, follower in enumerate(followers)))
    return {"last": last, "incomplete": sum(1 for count in received if count != MOVES)}


def _results(label: str, run: Run, baseline: Run) -> list[Result]:
    return [
        Result(
            name=f"share: move -> all of {label}, median",
            value=statistics.median(run.latencies_ms),
            unit="ms",
            baseline=statistics.median(baseline.latencies_ms),
            baseline_name="1 follower",
        ),
        Result(
            name=f"share: move -> all of {label}, worst",
            value=max(run.latencies_ms),
            unit="ms",
            target=TARGET_WORST_MS,
        ),
    ]


def run() -> list[Result]:
    """The figures of this benchmark, one :class:`Result` each."""

    async def measure() -> tuple[Run, Run, Run]:
        with tempfile.TemporaryDirectory(prefix="briefing-bench-") as directory:
            runtime_dir = Path(directory)
            os.environ["XDG_RUNTIME_DIR"] = directory
            baseline = await _present(1, False, runtime_dir)
            crowd = await _present(FOLLOWERS, False, runtime_dir)
            crowd_and_stuck = await _present(FOLLOWERS, True, runtime_dir)
        return baseline, crowd, crowd_and_stuck

    saved = os.environ.get("XDG_RUNTIME_DIR")
    try:
        baseline, crowd, crowd_and_stuck = asyncio.run(measure())
    finally:
        if saved is None:
            os.environ.pop("XDG_RUNTIME_DIR", None)
        else:
            os.environ["XDG_RUNTIME_DIR"] = saved
    return [
        *_results(f"{FOLLOWERS} followers", crowd, baseline),
        *_results(f"{FOLLOWERS} followers + 1 stuck", crowd_and_stuck, baseline),
        Result(
            name=f"share: publish_slide call, {FOLLOWERS} followers, median",
            value=statistics.median(crowd.publish_ms),
            unit="ms",
            baseline=statistics.median(baseline.publish_ms),
            baseline_name="1 follower",
        ),
        Result(
            name=f"share: publish_slide call, {FOLLOWERS} followers, worst",
            value=max(crowd.publish_ms),
            unit="ms",
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--followers"]:
        print(json.dumps(asyncio.run(_follow(int(sys.argv[2])))))
    else:
        print(format_table(run()))
