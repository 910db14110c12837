"""Code run in a fresh interpreter.

What a start-up imports cannot be checked in the test process, which has
imported everything already: these tests run their code in a new one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import briefing_tui

PACKAGE_PARENT = Path(briefing_tui.__file__).resolve().parent.parent


def run_python(arguments: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a fresh interpreter with *arguments*, finding the package under test."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(PACKAGE_PARENT)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_code(code: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run *code* (dedented) in a fresh interpreter."""
    return run_python(["-c", textwrap.dedent(code)], cwd)
