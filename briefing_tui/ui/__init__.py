"""The Textual layer: the app, its screens and widgets.

Widgets get data, post messages up, and never parse files or touch disk.
"""
