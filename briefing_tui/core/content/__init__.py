"""The content of a briefing: its model, loading and checking, links, lint and starter file."""
