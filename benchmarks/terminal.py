"""The app in a real pseudo-terminal: start-up, key latency, bytes on the wire, memory.

Every figure is measured through :class:`tests.harness.TerminalSession`, the
pty harness the tests use, at 80x24 unless said otherwise:

- start-up: spawn to first paint of the bundled briefing, against a bare
  Textual app that shows one line (the floor of any Textual app); and the
  5,000-section synthetic briefing against the bundled one. The app keeps
  files it has checked in its cache (docs/settings.md), so every start
  after the first is measured like that, and a first open, with an empty
  cache, is measured too;
- a key press until the screen has settled (no output for a short quiet
  spell, subtracted), until its first output, and the bytes it wrote: an
  outline step, a section change, a view switch — for the bundled and the
  synthetic briefing;
- bytes written while idle in the explorer and in the presenter with the
  timer running;
- peak memory (RSS) against the bare app.

Run ``python -m benchmarks terminal``, or ``python -m benchmarks.terminal
--runs 3 --sections 1000`` for a quicker look.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import briefing_tui
from benchmarks import Result, format_table
from benchmarks.synthetic import write_synthetic
from tests.harness import TerminalSession

QUIET = 0.05
"""Seconds without output that count as settled."""

BARE_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("Overview")

    Bare().run()
    """
)


def _env(home: Path) -> dict[str, str]:
    # A scratch home: no user settings, study data or cache, nothing written to the real one.
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.pop("NO_COLOR", None)
    return env


def _first_paint(argv: list[str], env: dict[str, str], text: str = "Overview") -> float:
    with TerminalSession(argv, env=env) as term:
        return term.wait_for(text, timeout=60)


def _rss_of(argv: list[str], env: dict[str, str], text: str = "Overview") -> float:
    """Peak RSS in MiB of the program once it has painted, read from /proc."""
    with TerminalSession(argv, env=env) as term:
        term.wait_for(text, timeout=60)
        term.wait_idle(0.3, timeout=60)
        status = Path(f"/proc/{term.process.pid}/status").read_text()
    peak = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(peak.split()[1]) / 1024


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _keys(
    argv: list[str], env: dict[str, str], rounds: int
) -> dict[str, tuple[float, float, float]]:
    """Median settle time (ms), time to the first output (ms) and bytes of each kind of key."""
    samples: dict[str, list[tuple[float, float, int]]] = {"outline": [], "section": [], "view": []}
    with TerminalSession(argv, env=env) as term:
        term.wait_for("Overview", timeout=60)
        term.wait_idle(0.5, timeout=60)

        def press(key: str) -> tuple[float, float, int]:
            mark = term.mark()
            start = time.monotonic()
            term.send(key)
            while term.mark() <= mark and time.monotonic() - start < 30:
                time.sleep(0.0005)
            first = time.monotonic()
            last = term.wait_idle(QUIET, timeout=30, after=mark)
            return (last - start) * 1000, (first - start) * 1000, len(term.since(mark))

        # The outline has focus at start. Onto the first section, then down and
        # up by turns between two sections: the bundled outline has 16 lines,
        # fewer than the steps of a long run, and a step onto a group is
        # another thing (it repaints the group's guides).
        press("j")
        press("j")
        for round_number in range(rounds):
            samples["outline"].append(press("k" if round_number % 2 else "j"))
        press("2")
        term.wait_idle(0.3)
        for round_number in range(rounds):
            samples["section"].append(press("[" if round_number % 2 else "]"))
            term.wait_idle(0.2)
        for round_number in range(rounds):
            samples["view"].append(press("3" if round_number % 2 else "5"))
            term.wait_idle(0.2)

    def medians(values: list[tuple[float, float, int]]) -> tuple[float, float, float]:
        settles, firsts, sizes = zip(*values, strict=True)
        return _median(list(settles)), _median(list(firsts)), _median(list(sizes))

    return {name: medians(values) for name, values in samples.items()}


def _idle_bytes(argv: list[str], env: dict[str, str], keys: str, seconds: float) -> float:
    """Bytes per second written after start-up (and *keys*) while nobody types."""
    with TerminalSession(argv, env=env) as term:
        term.wait_idle(1.0, timeout=60)
        term.send(*keys)
        time.sleep(1.5)
        mark = term.mark()
        time.sleep(seconds)
        return len(term.since(mark)) / seconds


def _compile_package() -> None:
    """Write the package's bytecode caches, as installing it would.

    Textual's caches were written when it was installed; without ours (a
    fresh checkout, files just edited, or ``PYTHONDONTWRITEBYTECODE`` set)
    every start-up of the app would compile its modules again, and the
    bare app would not.
    """
    compileall.compile_dir(Path(briefing_tui.__file__).parent, quiet=1)


def run(runs: int = 9, sections: int = 5000) -> list[Result]:
    """Every terminal figure, as :class:`Result` rows."""
    _compile_package()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch:
        folder = Path(scratch)
        env = _env(folder)
        bare = folder / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        synthetic = write_synthetic(folder / "synthetic.toml", sections)
        app = [python, "-m", "briefing_tui"]
        bare_argv = [python, str(bare)]
        big = [*app, str(synthetic)]
        # With --no-save the cache is only read: starting from an empty one
        # each time measures a first open.
        first_open = [*app, "--no-save"]
        # Not measured: these fill the cache, as the reader's first open does.
        _first_paint(app, env)
        _first_paint(big, env)

        paints: dict[str, list[float]] = {"bare": [], "bundled": [], "synthetic": [], "first": []}
        for run_number in range(runs):
            paints["bare"].append(_first_paint(bare_argv, env))
            paints["bundled"].append(_first_paint(app, env))
            paints["synthetic"].append(_first_paint(big, env))
            empty = _env(folder / f"first-open-{run_number}")
            paints["first"].append(_first_paint(first_open, empty))
        bare_ms, bundled_ms, synthetic_ms, first_ms = (
            _median(paints[name]) * 1000 for name in ("bare", "bundled", "synthetic", "first")
        )
        results = [
            Result(
                "start-up, bundled briefing", bundled_ms, "ms", bare_ms, "bare Textual app", 1.3
            ),
            Result(
                "start-up, bundled, first open (empty cache)",
                first_ms,
                "ms",
                bare_ms,
                "bare Textual app",
            ),
            Result(
                f"start-up, synthetic ({sections:,} sections)",
                synthetic_ms,
                "ms",
                bundled_ms,
                "bundled briefing",
                2.0,
            ),
        ]
        # A home of their own: quitting saves the place the keys left the
        # reader at, and the later starts must open on the overview again.
        keys_env = _env(folder / "keys")
        for label, argv in (("bundled", app), ("synthetic", big)):
            keys = _keys(argv, keys_env, rounds=runs * 2)
            for name, (ms, first_ms, size) in keys.items():
                what = {
                    "outline": "outline step",
                    "section": "section change",
                    "view": "view switch",
                }[name]
                results.append(Result(f"{what}, {label}: settle", ms, "ms", target=50))
                results.append(Result(f"{what}, {label}: first output", first_ms, "ms"))
                limit = {"outline": 1024, "section": 4096}.get(name)
                results.append(Result(f"{what}, {label}: bytes", size, "bytes", target=limit))
        results.append(
            Result("idle, explorer", _idle_bytes(app, env, "", 3.0), "bytes/s", target=0)
        )
        present = [python, "-m", "briefing_tui", "present"]
        results.append(
            Result(
                "idle, presenter with timer",
                _idle_bytes(present, env, "t", 5.0),
                "bytes/s",
                target=100,
            )
        )
        bare_rss = _rss_of(bare_argv, env)
        results.append(
            Result("peak memory, bundled", _rss_of(app, env), "MiB", bare_rss, "bare Textual app")
        )
        results.append(
            Result("peak memory, synthetic", _rss_of(big, env), "MiB", bare_rss, "bare Textual app")
        )
    return results


def main() -> None:
    """``python -m benchmarks.terminal [--runs N] [--sections N]``: this benchmark alone."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.terminal", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--runs", type=int, default=9, help="start-ups of each program, median taken (default: 9)"
    )
    parser.add_argument(
        "--sections",
        type=int,
        default=5000,
        help="sections of the synthetic briefing (default: 5000)",
    )
    args = parser.parse_args()
    print(format_table(run(runs=args.runs, sections=args.sections)))


if __name__ == "__main__":
    main()
