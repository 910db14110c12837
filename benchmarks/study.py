"""Saving study data: 1,000 notes, against a bare ``json.dump`` of the same notes.

``StudyStore.save`` does more than write JSON: it takes the lock, re-reads
the file to merge another instance's changes, writes a temporary file,
fsyncs it, renames it over the old one and fsyncs the folder. The baseline
is the bare minimum: ``json.dump`` of the same notes into an open file.
Measured twice: the first save of 1,000 new notes, and the everyday case of
one note changed in a file that holds 1,000. Target: under 50 ms a save.

Run ``python -m benchmarks.study`` for this benchmark alone.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import Result, format_table, median_times
from briefing_tui.core.content.loader import briefing_from_data
from briefing_tui.core.study.store import StudyStore

NOTES = 1000
TARGET_MS = 50.0
TARGET_RATIO = 4.0

BRIEFING = briefing_from_data(
    {
        "format": 1,
        "briefing": {"id": "bench", "title": "Benchmark"},
        "sections": [{"id": "only", "title": "Only", "body": "Text."}],
    }
)


def _note(number: int, version: int) -> str:
    return f"Note {number}, version {version}: " + "a thought worth keeping " * 6


def _bare_dump(path: Path, version: int) -> None:
    notes = {
        f"section:s{number}": {
            "text": _note(number, version),
            "updated": "2024-01-01T00:00:00Z",
        }
        for number in range(NOTES)
    }
    with path.open("w", encoding="utf-8") as file:
        json.dump({"version": 1, "briefing": "bench", "notes": notes}, file, indent=1)


def _first_save(directory: Path) -> Callable[[], None]:
    """A fresh file each time: 1,000 new notes, then one save."""
    counter = iter(range(1_000_000))

    def save() -> None:
        store = StudyStore(BRIEFING, directory=directory / str(next(counter)))
        for number in range(NOTES):
            store.set_note(f"section:s{number}", _note(number, 0))
        store.save()

    return save


def run(runs: int = 15) -> list[Result]:
    """Time the first save of 1,000 notes and a save of one change among 1,000."""
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as name:
        root = Path(name)
        store = StudyStore(BRIEFING, directory=root / "everyday")
        for number in range(NOTES):
            store.set_note(f"section:s{number}", _note(number, 0))
        store.save()
        versions = iter(range(1, 1_000_000))

        def one_change() -> None:
            store.set_note("section:s500", _note(500, next(versions)))
            store.save()

        versions_bare = iter(range(1, 1_000_000))
        bare_path = root / "bare.json"
        everyday = median_times(
            {
                "bare": lambda: _bare_dump(bare_path, next(versions_bare)),
                "save": one_change,
            },
            runs=runs,
        )
        first = _first_save(root / "first")
        # The first save also pays for building 1,000 notes; so does its baseline.
        first_times = median_times(
            {"bare": lambda: _bare_dump(bare_path, 0), "save": first}, runs=runs
        )
    return [
        Result(
            name=f"study save, one change among {NOTES:,} notes",
            value=everyday["save"] * 1000,
            unit="ms",
            baseline=everyday["bare"] * 1000,
            baseline_name="json.dump + write",
            target=TARGET_RATIO,
        ),
        Result(
            name=f"study save, one change among {NOTES:,} notes, absolute",
            value=everyday["save"] * 1000,
            unit="ms",
            target=TARGET_MS,
        ),
        Result(
            name=f"study first save of {NOTES:,} new notes",
            value=first_times["save"] * 1000,
            unit="ms",
            baseline=first_times["bare"] * 1000,
            baseline_name="json.dump + write",
            target=TARGET_RATIO,
        ),
        Result(
            name=f"study first save of {NOTES:,} new notes, absolute",
            value=first_times["save"] * 1000,
            unit="ms",
            target=TARGET_MS,
        ),
    ]


if __name__ == "__main__":
    print(format_table(run()))
