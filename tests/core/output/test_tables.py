"""Markdown tables in every output: aligned text columns, an HTML table, Markdown lined up."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.output.export import export_html, export_markdown
from briefing_tui.core.output.plaintext import render_plain

TABLES = Path(__file__).parents[2] / "data" / "good" / "tables.toml"


def pipe_columns(lines: list[str]) -> set[int]:
    return {index for line in lines for index, char in enumerate(line) if char in "|+"}


def test_print_lays_a_table_out_in_aligned_columns() -> None:
    text = render_plain(load_briefing(TABLES), 80)
    lines = text.split("\n")
    start = lines.index("Links go to these places.") + 2
    table = lines[start : lines.index("", start)]
    assert table[0].split() == ["link", "|", "goes", "to"]
    assert set(table[1]) <= {"-", "+"}
    assert len(pipe_columns(table)) == 1, "\n".join(table)
    assert any("#argument:BOARD/ID" in line for line in table)
    assert "| link | goes to |" not in text


def test_print_wraps_cells_of_a_wide_table_within_the_width() -> None:
    text = render_plain(load_briefing(TABLES), 60)
    lines = text.split("\n")
    start = next(number for number, line in enumerate(lines) if line.startswith("Year"))
    table = []
    for line in lines[start:]:
        if not line:
            break
        table.append(line)
    assert all(len(line) <= 60 for line in table), "\n".join(table)
    assert len(pipe_columns(table)) == 3, "\n".join(table)
    assert "Treaty of" in "\n".join(table)


def test_html_export_has_a_table_for_each_markdown_table() -> None:
    html = export_html(load_briefing(TABLES))
    assert html.count("<table") == 3 + 0  # summary, links, wide
    assert "<th>link</th>" in html
    assert "<td><code>#section:ID</code></td>" in html
    assert '<td style="text-align:right">3</td>' in html
    assert "| link |" not in html
    assert "|---|" not in html


def test_markdown_export_lines_the_pipes_up() -> None:
    markdown = export_markdown(load_briefing(TABLES))
    assert "| link                 | goes to" in markdown
    assert "| -------------------- | ------" in markdown
    assert "| `#section:ID`        | a section" in markdown
    assert "| Side | Weight |\n| ---- | -----: |\n| pro  |      3 |" in markdown
