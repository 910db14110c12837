"""Loading a briefing, against the bare TOML parse of the same file.

``load_briefing`` reads, parses, validates and cross-checks a file. Parsing
with ``tomli.loads`` is work it cannot avoid, so that is the floor; the
target is a load at most three times as slow as the parse alone. Measured on
a large synthetic briefing (see :mod:`benchmarks.synthetic`) and on the
bundled one.

Run ``python -m benchmarks.load`` for this benchmark alone.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import tomli

from benchmarks import Result, format_table, median_times
from benchmarks.synthetic import write_synthetic
from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing

TARGET_RATIO = 3.0


def measure_load(path: Path, name: str, runs: int) -> Result:
    """Median time of ``load_briefing(path)`` against ``tomli.loads`` of its text."""
    text = path.read_text(encoding="utf-8")
    medians = median_times(
        {"parse": lambda: tomli.loads(text), "load": lambda: load_briefing(path)},
        runs=runs,
        # Both sides only compute (the file is in the page cache): CPU time
        # keeps other processes on a shared machine out of the figures.
        clock=time.process_time,
    )
    return Result(
        name=name,
        value=medians["load"] * 1000,
        unit="ms",
        baseline=medians["parse"] * 1000,
        baseline_name="tomli.loads",
        target=TARGET_RATIO,
    )


def _size(path: Path) -> str:
    size = path.stat().st_size
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MiB"
    return f"{size / 1024:.0f} KiB"


def run(runs: int = 7, sections: int = 5000) -> list[Result]:
    """Load the synthetic and the bundled briefing; one :class:`Result` each."""
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as directory:
        synthetic = write_synthetic(Path(directory) / "synthetic.toml", sections)
        results = [
            measure_load(
                synthetic,
                f"load synthetic ({sections:,} sections, {_size(synthetic)})",
                runs,
            )
        ]
    bundled = default_briefing_path()
    # The bundled file loads in milliseconds: more rounds steady the median.
    results.append(measure_load(bundled, f"load bundled ({_size(bundled)})", runs * 5))
    return results


if __name__ == "__main__":
    print(format_table(run()))
