"""Shared fixtures: keep every test away from the real home directory."""

from __future__ import annotations

from pathlib import Path

import pytest

_XDG_DIRS = {
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
    "XDG_RUNTIME_DIR": "runtime",
}


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the XDG folders into *tmp_path* and clear settings read from the environment.

    Subprocesses inherit the same environment, so nothing a test starts reads
    or writes the real home either.
    """
    for variable, name in _XDG_DIRS.items():
        folder = tmp_path / "xdg" / name
        folder.mkdir(parents=True, mode=0o700)
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("BRIEFING_THEME", raising=False)
