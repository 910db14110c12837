"""The briefing's Markdown: table columns, lining up table source, what lint calls unsupported."""

from __future__ import annotations

from briefing_tui.core.content.markdown import (
    COLUMN_GAP,
    align_tables,
    column_widths,
    unsupported_constructs,
)


def test_columns_that_fit_keep_their_width() -> None:
    assert column_widths([5, 10], [5, 4], 5 + 10 + COLUMN_GAP) == [5, 10]


def test_the_widest_columns_are_narrowed_first_down_to_their_longest_word() -> None:
    widths = column_widths([10, 40, 30], [6, 9, 7], 50)
    assert widths is not None
    assert sum(widths) + 2 * COLUMN_GAP == 50
    assert widths[0] == 10
    assert widths[1] >= widths[2] >= 9 - 2


def test_columns_that_cannot_fit_even_narrowed_say_so() -> None:
    assert column_widths([30, 30, 30], [10, 10, 10], 20) is None


def test_align_tables_lines_up_a_table_and_keeps_the_rest() -> None:
    source = "Before\n\n| a | bb |\n|:-:|--:|\n| ccc \\| d | e |\n\nAfter"
    assert align_tables(source) == (
        "Before\n\n|    a     |  bb |\n| :------: | --: |\n| ccc \\| d |   e |\n\nAfter"
    )
    quoted = "> | a | b |\n> |---|---|\n> | 1 | 2 |"
    assert align_tables(quoted) == quoted
    assert align_tables("no table | here") == "no table | here"


def test_unsupported_constructs_are_found_on_their_line() -> None:
    source = (
        "Text\n\n<div>\nraw\n</div>\n\nAn ![map](https://x.org/m.png)\nand a note[^1] and <b>x</b>."
    )
    found = [(item.line, item.message.split(" ")[0]) for item in unsupported_constructs(source)]
    assert found == [(2, "raw"), (6, "an"), (7, "footnotes"), (7, "raw"), (7, "raw")]
    assert unsupported_constructs("| a |\n|---|\n| b |\n\n**fine** [link](#section:x)") == []
