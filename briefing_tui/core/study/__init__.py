"""What a reader does with a briefing: study data, search, scoring and navigation."""
