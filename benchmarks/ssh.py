"""The built-in SSH server with a lecture hall: 300 followers over real SSH sessions with a pty.

``briefing present --share bench --ssh PORT --ssh-open`` runs in a
pseudo-terminal at 80x24. A separate process holds 300 asyncssh clients,
each a session with a pty (``xterm-256color``, 80x24), coming from ten
loopback addresses (127.0.0.10-19, so that the per-address rate lets them
all in at once), at niceness 10: in a room the audience's own machines do
that work, not the presenter's. For each slide change the benchmark notes when the key
went to the presenter and when each client's output first held the new
slide's title (escape sequences stripped); ``time.monotonic`` is one clock
for every process of the machine.

Figures:

- the time until all 300 had the slide, median and worst over the moves
  (targets: 300 ms and 1 s);
- the presenter's own slide change (key to a quiet screen) with the 300
  against ``briefing present`` alone (target: 1.2x);
- the resident memory of the presenter and everything it started (the
  gateway), summed (target: 600 MiB);
- bytes per slide change per follower at 80x24, against what ``briefing
  follow`` in a terminal of that size receives for the same change (target:
  1x), and bytes sent to all 300 while nothing changes (target: 0).

Run ``python -m benchmarks ssh``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from benchmarks import Result, format_table
from tests.harness import TerminalSession

CLIENTS = 300
MOVES = 12
ADDRESSES = tuple(f"127.0.0.{number}" for number in range(10, 20))
QUIET = 0.05
IDLE_SECONDS = 2.0
TARGET_MEDIAN_MS = 300.0
TARGET_WORST_MS = 1000.0
TARGET_MIB = 600.0
_ROOT = str(Path(__file__).resolve().parent.parent)
_ESCAPE = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>78]")
_MOVE = re.compile(rb"\x1b\[[0-9;]*H")


def visible(output: bytes) -> str:
    """What a client's output says, rows run together: cursor moves become spaces."""
    text = _ESCAPE.sub(b"", _MOVE.sub(b" ", output)).decode(errors="replace")
    return " ".join(text.split())


# --- The clients' process ------------------------------------------------------------


async def _clients(port: int, count: int) -> None:
    """Hold *count* SSH sessions; for each title read from stdin, report when each one has it."""
    # In a room the audience's machines decrypt and draw; here they share the
    # presenter's two cores, and yield to it as other machines would not compete.
    os.nice(10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import asyncssh

    outputs: list[bytearray] = [bytearray() for _ in range(count)]
    seen_text: list[str] = [""] * count
    arrived: list[float | None] = [None] * count
    expected = ""
    seen = asyncio.Event()

    async def session(number: int) -> None:
        address = ADDRESSES[number % len(ADDRESSES)]
        connection = await asyncssh.connect(
            "127.0.0.1",
            port,
            username="audience",
            known_hosts=None,
            local_addr=(address, 0),
        )
        process = await connection.create_process(
            term_type="xterm-256color", term_size=(80, 24), encoding=None
        )
        while True:
            data = await process.stdout.read(65536)
            if not data:
                return
            outputs[number] += data
            if not expected or arrived[number] is not None:
                continue
            # Chunk by chunk, so that 300 clients cost little: a frame comes in one.
            seen_text[number] = f"{seen_text[number][-200:]} {visible(data)}"
            if expected in seen_text[number]:
                arrived[number] = time.monotonic()
                if all(time is not None for time in arrived):
                    seen.set()

    tasks = []
    for start in range(0, count, 20):
        tasks += [
            asyncio.create_task(session(number)) for number in range(start, min(count, start + 20))
        ]
        await asyncio.sleep(0.05)
    while sum(1 for output in outputs if output) < count:
        await asyncio.sleep(0.1)
    print("ready", flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := (await reader.readline()).decode().strip():
        command, _, argument = line.partition(" ")
        for output in outputs:
            output.clear()
        if command == "quiet":
            await asyncio.sleep(float(argument))
            print(json.dumps({"bytes": sum(len(output) for output in outputs)}), flush=True)
            continue
        arrived = [None] * count
        seen_text = [""] * count
        seen.clear()
        expected = argument
        print("armed", flush=True)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(seen.wait(), 20)
        await asyncio.sleep(0.3)  # the rest of the frame
        times = [time for time in arrived if time is not None]
        sizes = [len(output) for output in outputs]
        print(
            json.dumps(
                {"times": times, "missing": count - len(times), "bytes": statistics.median(sizes)}
            ),
            flush=True,
        )
        expected = ""
    for task in tasks:
        task.cancel()


# --- The presenter's side -------------------------------------------------------------


def _tree_rss_mib(pid: int) -> float:
    """Resident memory of *pid* and all its descendants, in MiB (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        pending += children.get(current, [])
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(found.group(1)) if found else 0
    return total / 1024


def _settle(term: TerminalSession, key: str) -> float:
    mark = term.mark()
    start = time.monotonic()
    term.send(key)
    last = term.wait_idle(QUIET, timeout=30, after=mark)
    term.wait_idle(0.1)
    return (last - start) * 1000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(folder / name.lower())
    env["XDG_RUNTIME_DIR"] = str(folder / "run")
    (folder / "run").mkdir(mode=0o700, exist_ok=True)
    env["PYTHONPATH"] = _ROOT
    return env


def _titles() -> list[str]:
    from briefing_tui.core.config.resources import default_briefing_path
    from briefing_tui.core.content.loader import load_briefing
    from briefing_tui.core.present.slides import build_deck

    return [slide.title for slide in build_deck(load_briefing(default_briefing_path()))]


def run() -> list[Result]:
    """The figures of this benchmark, one :class:`Result` each."""
    titles = _titles()
    python = sys.executable
    present = [python, "-m", "briefing_tui", "present"]
    with tempfile.TemporaryDirectory(prefix="bs-", dir="/tmp") as scratch:
        folder = Path(scratch)
        env = _environment(folder)

        with TerminalSession(present, env=env) as alone:
            alone.wait_idle(0.5, timeout=60)
            alone_ms = [_settle(alone, "right" if n % 2 == 0 else "left") for n in range(MOVES)]

        # What the Textual follower receives for a slide change at 80x24.
        with TerminalSession([*present, "--share", "bytes"], env=env) as presenter:
            presenter.wait_for("Slide 1/", timeout=60)
            with TerminalSession([python, "-m", "briefing_tui", "follow", "bytes"], env=env) as one:
                one.wait_for("Following bytes", timeout=60)
                one.wait_idle(0.5, timeout=30)
                follow_bytes = []
                for number in range(MOVES):
                    mark = one.mark()
                    presenter.send("right" if number % 2 == 0 else "left")
                    one.wait_idle(0.2, timeout=30, after=mark)
                    follow_bytes.append(len(one.since(mark)))

        port = _free_port()
        argv = [*present, "--share", "bench", "--ssh", str(port), "--ssh-open"]
        with TerminalSession(argv, env=env) as presenter:
            presenter.wait_for("Slide 1/", timeout=60)
            clients = subprocess.Popen(
                [python, "-m", "benchmarks.ssh", "--clients", str(port), str(CLIENTS)],
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert clients.stdin is not None
            assert clients.stdout is not None
            try:
                if clients.stdout.readline().strip() != "ready":
                    raise RuntimeError("the SSH clients did not all connect")
                presenter.wait_for(f"{CLIENTS} following", timeout=60)
                presenter.wait_idle(0.5, timeout=30)
                rss_mib = _tree_rss_mib(presenter.process.pid)
                clients.stdin.write(f"quiet {IDLE_SECONDS}\n")
                clients.stdin.flush()
                idle_bytes = json.loads(clients.stdout.readline())["bytes"]

                reach_all: list[float] = []
                reach_each: list[float] = []
                ssh_bytes: list[float] = []
                shared_ms: list[float] = []
                index = 0
                for number in range(MOVES):
                    index += 1 if number % 2 == 0 else -1
                    clients.stdin.write(f"expect {' '.join(titles[index].split())}\n")
                    clients.stdin.flush()
                    clients.stdout.readline()  # armed
                    start = time.monotonic()
                    shared_ms.append(_settle(presenter, "right" if number % 2 == 0 else "left"))
                    report = json.loads(clients.stdout.readline())
                    if report["missing"]:
                        raise RuntimeError(f"{report['missing']} clients missed a slide")
                    reach_all.append((max(report["times"]) - start) * 1000)
                    reach_each += [(arrival - start) * 1000 for arrival in report["times"]]
                    ssh_bytes.append(report["bytes"])
            finally:
                clients.stdin.close()
                clients.kill()
                clients.wait()

    return [
        Result(
            f"ssh: slide -> all {CLIENTS} followers, median",
            statistics.median(reach_all),
            "ms",
            target=TARGET_MEDIAN_MS,
        ),
        Result(
            f"ssh: slide -> all {CLIENTS} followers, worst",
            max(reach_all),
            "ms",
            target=TARGET_WORST_MS,
        ),
        Result(
            f"ssh: slide -> one of {CLIENTS} followers, median",
            statistics.median(reach_each),
            "ms",
        ),
        Result(
            f"ssh: presenter slide change, {CLIENTS} followers",
            statistics.median(shared_ms),
            "ms",
            statistics.median(alone_ms),
            "no followers",
            1.2,
        ),
        Result(
            f"ssh: memory, presenter + server, {CLIENTS} followers",
            rss_mib,
            "MiB",
            target=TARGET_MIB,
        ),
        Result(
            "ssh: bytes per slide change per follower, 80x24",
            statistics.median(ssh_bytes),
            "bytes",
            statistics.median(follow_bytes),
            "briefing follow",
            1.0,
        ),
        Result(
            f"ssh: bytes to {CLIENTS} followers, {IDLE_SECONDS:g} s of no change",
            idle_bytes,
            "bytes",
            target=0,
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--clients"]:
        asyncio.run(_clients(int(sys.argv[2]), int(sys.argv[3])))
    else:
        print(format_table(run()))
