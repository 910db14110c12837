"""Benchmarks for briefing-tui, reported as ratios against a baseline.

A timing on its own says more about the machine than about the code, so each
benchmark measures the code under test *and* a baseline that does comparable
work (the bare TOML parse for the loader, say) side by side in the same run,
and judges the ratio of the two against a target.

A benchmark is a module in this package with a function ``run() -> list[Result]``.
``python -m benchmarks`` finds every such module by itself; adding a benchmark
means adding a module, nothing else. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One figure of a benchmark and what it is judged against.

    With a *baseline*, *target* is the highest acceptable ``value / baseline``;
    without one (a count such as bytes per keystroke), the highest acceptable
    *value* itself.
    """

    name: str
    """What was measured, e.g. ``"load synthetic (11.2 MiB)"``."""
    value: float
    """The figure, in *unit*."""
    unit: str
    """The unit of *value* and *baseline*, e.g. ``"ms"`` or ``"bytes"``."""
    baseline: float | None = None
    """The same measure of the baseline work, taken in the same run."""
    baseline_name: str = ""
    """What the baseline is, e.g. ``"tomli.loads"``."""
    target: float | None = None
    """The highest acceptable ratio (or value, without a baseline); None to only report."""

    @property
    def ratio(self) -> float | None:
        """``value / baseline``, or None without a baseline."""
        if self.baseline is None:
            return None
        if self.baseline == 0:
            return float("inf")
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        """Whether the figure meets its target; None when there is no target."""
        if self.target is None:
            return None
        ratio = self.ratio
        return (self.value if ratio is None else ratio) <= self.target


def median_times(
    functions: Mapping[str, Callable[[], object]],
    runs: int = 7,
    warmup: int = 1,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """Time each function *runs* times, interleaved, and return the median seconds of each.

    The functions take turns (a, b, a, b, ...) so that a slow spell of the
    machine falls on all of them alike; *warmup* untimed rounds first pay for
    imports and caches. *clock* may be :func:`time.process_time` for work
    that only uses the CPU, which other processes then disturb less.
    """
    timings: dict[str, list[float]] = {name: [] for name in functions}
    for round_number in range(warmup + runs):
        for name, function in functions.items():
            start = clock()
            function()
            elapsed = clock() - start
            if round_number >= warmup:
                timings[name].append(elapsed)
    return {name: statistics.median(times) for name, times in timings.items()}


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if value >= 100 or value == int(value):
        return f"{value:,.0f} {unit}"
    return f"{value:,.1f} {unit}"


def format_table(results: Iterable[Result]) -> str:
    """The results as a plain-text table, one row each."""
    header = ("benchmark", "figure", "baseline", "ratio", "target", "result")
    rows = [header]
    for result in results:
        ratio = result.ratio
        baseline = _figure(result.baseline, result.unit)
        if result.baseline_name:
            baseline += f" ({result.baseline_name})"
        if result.target is None:
            target = "-"
        elif result.baseline is not None:
            target = f"<= {result.target:g}x"
        else:
            target = f"<= {_figure(result.target, result.unit)}"
        verdict = {True: "pass", False: "FAIL", None: "-"}[result.passed]
        rows.append(
            (
                result.name,
                _figure(result.value, result.unit),
                baseline,
                "-" if ratio is None else f"{ratio:.2f}x",
                target,
                verdict,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
