"""briefing-tui: explore, study and present a policy briefing in the terminal."""

__version__ = "0.1.0"
