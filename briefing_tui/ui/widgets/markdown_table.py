"""Markdown tables in the app: aligned columns whose cells wrap to the width of the pane.

A table laid out at a width gives lines of :class:`~textual.content.Content`,
which :class:`~briefing_tui.ui.widgets.markdown_text.MarkdownText` paints
like the lines of a paragraph. Columns share the width as
:func:`~briefing_tui.core.content.markdown.column_widths` says; a cell too
long for its column wraps within it, and rows of more than one line are
ruled off from each other. Where even narrowed columns do not fit, each row
is shown as "header: cell" lines, one row after another: a table is never
cut off or run together.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from briefing_tui.core.content.markdown import Table, column_widths, pad

RULE_STYLE = "$text-muted"
"""The style of the lines between columns and rows."""


def table_lines(table: Table[Content], width: int) -> list[Content]:
    """*table* laid out in *width* cells: one Content per line."""
    rows = [[cell.stylize("bold") for cell in table.header], *table.rows]
    columns = len(table.aligns)
    cells = [
        [row[column] if column < len(row) else Content("") for column in range(columns)]
        for row in rows
    ]
    natural = [max(row[column].cell_length for row in cells) for column in range(columns)]
    words = [
        max((cell_len(word) for row in cells for word in row[column].plain.split()), default=0)
        for column in range(columns)
    ]
    widths = column_widths(natural, words, width)
    if widths is None:
        return _one_row_after_another(cells, width)
    wrapped = [[cell.wrap(widths[column]) for column, cell in enumerate(row)] for row in cells]
    ruled = any(len(lines) > 1 for row in wrapped for lines in row)
    separator = Content.styled(" │ ", RULE_STYLE)
    rule = Content.styled("─┼─".join("─" * column_width for column_width in widths), RULE_STYLE)
    lines: list[Content] = []
    for number, row in enumerate(wrapped):
        if number == 1 or (number > 1 and ruled):
            lines.append(rule)
        for line in range(max(len(cell) for cell in row)):
            parts = []
            for column, cell in enumerate(row):
                text = cell[line] if line < len(cell) else Content("")
                before, after = pad(text.cell_length, widths[column], table.aligns[column])
                parts.append(Content.assemble(" " * before, text, " " * after))
            lines.append(separator.join(parts))
    return lines


def _one_row_after_another(cells: list[list[Content]], width: int) -> list[Content]:
    """Each body row as "header: cell" lines, a blank line between rows."""
    header, *rows = cells
    lines: list[Content] = []
    for row in rows:
        if lines:
            lines.append(Content(""))
        for name, cell in zip(header, row, strict=True):
            lines += Content.assemble(name, ": ", cell).wrap(max(1, width))
    return lines
