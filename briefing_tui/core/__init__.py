"""The pure core: content model, loading, scoring, search, study data.

Nothing in this package imports Textual; ``tests/test_core_purity.py`` proves it.
"""
