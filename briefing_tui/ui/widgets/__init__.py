"""Widgets of the briefing app."""
