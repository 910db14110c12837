"""The built wheel works on its own: installed, run from elsewhere, with its bundled briefing.

The wheel goes into a fresh virtual environment without pip (quick to make);
its dependencies come from the environment running the tests through a
``.pth`` line, which adds that ``site-packages`` to ``sys.path`` without
running its own ``.pth`` files, so an editable install of this checkout
there cannot stand in for the wheel.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import briefing_tui

ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run *command* outside the checkout, failing the test with its output if it fails."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def build_wheel(folder: Path) -> Path:
    """Build this checkout's wheel into *folder*."""
    # Reuse an installed hatchling; without one, build fetches it into an isolated environment.
    isolation = ["--no-isolation"] if importlib.util.find_spec("hatchling") else []
    run(
        [sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", folder, ROOT],
        folder.parent,
    )
    (wheel,) = folder.glob("briefing_tui-*.whl")
    return wheel


@pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="needs a source checkout")
def test_installed_wheel_validates_its_bundled_briefing(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "dist")
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], tmp_path)
    python = venv / "bin" / "python"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            wheel,
        ],
        tmp_path,
    )
    site_packages = Path(
        run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path
        ).stdout.strip()
    )
    dependencies = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site_packages / "dependencies.pth").write_text(
        "\n".join(sorted(dependencies)) + "\n", encoding="utf-8"
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = "from briefing_tui.core.config.resources import default_briefing_path as p; print(p())"
    bundled = Path(run([python, "-c", where], elsewhere).stdout.strip())
    assert bundled.is_relative_to(site_packages / "briefing_tui")
    assert bundled.is_file()

    briefing = venv / "bin" / "briefing"
    result = run([briefing, "validate", bundled], elsewhere)
    assert result.stdout.startswith(f"ok {bundled}: ")
    version = run([briefing, "--version"], elsewhere)
    assert version.stdout == f"briefing {briefing_tui.__version__}\n"
    # The documentation a new briefing points to is installed with the app.
    documentation = run([briefing, "help", "format"], elsewhere)
    assert documentation.stdout == (ROOT / "docs" / "content-format.md").read_text("utf-8")
    run([briefing, "new", "talk.toml"], elsewhere)
    first_line = (elsewhere / "talk.toml").read_text("utf-8").split("\n", 1)[0]
    assert first_line == "#:schema ./briefing.schema.json"
    schema = (elsewhere / "briefing.schema.json").read_text("utf-8")
    assert schema == (ROOT / "docs" / "briefing.schema.json").read_text("utf-8")
