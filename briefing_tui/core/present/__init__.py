"""Presenting a briefing: the slide deck and sharing it with followers."""
