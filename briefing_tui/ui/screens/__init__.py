"""Screens of the briefing app."""
