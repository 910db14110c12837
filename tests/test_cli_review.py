"""The command line and spaced repetition: the daily limit, Anki and CSV exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui import cli
from briefing_tui.ui.app import BriefingApp


def test_the_setting_of_new_cards_per_day_reaches_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("new_cards_per_day = 7\n", encoding="utf-8")
    started: list[int] = []
    monkeypatch.setattr(cli, "_is_terminal", lambda: True)
    monkeypatch.setattr(BriefingApp, "run", lambda self: started.append(self.new_cards_per_day))
    assert cli.main(["--config", str(config), "--no-save"]) == 0
    assert started == [7]
