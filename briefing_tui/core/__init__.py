"""The pure core: everything the app knows about briefings, and nothing of terminals.

Grouped by what each part serves:

- ``content``: the content model, loading and checking files, links, lint,
  the starter file and the one function that neutralises outside text;
- ``study``: what a reader does with a briefing: study data, search,
  scoring and navigation;
- ``present``: the slide deck and sharing a presentation;
- ``output``: export to Markdown, HTML and plain text;
- ``config``: themes, settings, the cache of checked files and bundled resources.

Nothing in this package imports Textual; ``tests/test_core_purity.py`` proves it.
"""
