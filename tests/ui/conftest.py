"""Fixtures for the Textual tests: the bundled briefing and hostile content."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.content.model import Briefing

HOSTILE = Path(__file__).parent.parent / "data" / "good" / "hostile-markup.toml"


@pytest.fixture(scope="session")
def bundled() -> Briefing:
    """The bundled briefing."""
    return load_briefing(default_briefing_path())


@pytest.fixture(scope="session")
def hostile() -> Briefing:
    """A briefing whose every plain field looks like markup."""
    return load_briefing(HOSTILE)
