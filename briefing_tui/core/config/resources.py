"""Where the bundled briefings and themes live.

In an installed wheel they sit inside the package (``briefing_tui/content``);
in a source checkout or an editable install they are the top-level
``content/`` and ``themes/`` folders of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[2]

DEFAULT_BRIEFING = "china-russia-north-korea.toml"


def bundled_dir(name: str) -> Path:
    """The folder of bundled files called *name* (``content`` or ``themes``)."""
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def default_briefing_path() -> Path:
    """The briefing the app opens when no file is given."""
    return bundled_dir("content") / DEFAULT_BRIEFING
