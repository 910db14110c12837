"""A briefing written out: Markdown, HTML and plain text."""
