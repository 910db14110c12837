"""Pilot tests of the outline's own behaviour: groups, the cursor, clicks, marks, repaints."""

from __future__ import annotations

from rich.cells import cell_len
from textual.geometry import Region

from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.widgets.outline import CURRENT_MARK, GUTTER, Outline
from tests.screen import assert_not_on_screen, assert_on_screen, screen_lines
from tests.ui.explorer_parts import main_pane
from tests.waiting import until


def outline_of(app: BriefingApp) -> Outline:
    return app.explorer.query_one(Outline)


def lines(outline: Outline) -> list[str]:
    return [outline.line_text(line) for line in range(outline.line_count)]


def as_drawn(outline: Outline, line: str) -> str:
    """*line* as far as *outline* shows it: a line longer than the outline is cut at its edge.

    The first column is the mark of the place shown (GUTTER), left of every line.
    """
    return line[: outline.scrollable_content_region.width - GUTTER]


def drawn(outline: Outline, line: int) -> str:
    """Line *line* of *outline* as rendered, right of the mark of the place shown."""
    return outline.render_line(line).text[GUTTER:]


def record_repaints(outline: Outline) -> list[Region]:
    """The regions *outline* asks to repaint from now on (the whole widget for a plain refresh)."""
    repainted: list[Region] = []
    refresh = outline.refresh

    def counted(*regions: Region, **kwargs: object) -> Outline:
        repainted.extend(regions or [outline.size.region])
        return refresh(*regions, **kwargs)  # type: ignore[arg-type]

    outline.refresh = counted  # type: ignore[method-assign]
    return repainted


def many_sections(count: int) -> Briefing:
    sections = "".join(
        f'[[sections]]\nid = "s{number}"\ntitle = "Section {number}"\nbody = "Text."\n'
        for number in range(1, count + 1)
    )
    return parse_briefing(f'format = 1\n[briefing]\nid = "many"\ntitle = "Many"\n{sections}')


async def test_groups_close_and_open_with_h_l_and_space(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        outline = outline_of(app)
        first = bundled.sections[0]
        first_line = as_drawn(outline, f"├ 1 {first.title}")
        await pilot.press("j")
        assert outline.cursor_line == 1
        assert lines(outline)[1:3] == ["▼ Sections", f"├ 1 {bundled.sections[0].title}"]
        await pilot.pause()
        assert_on_screen(app, f"▼ Sections {first_line}", within=outline)
        await pilot.press("h")
        assert lines(outline)[1:3] == ["▶ Sections", "▶ Actors"]
        assert outline.cursor_line == 1
        await pilot.pause()
        assert_on_screen(app, "▶ Sections ▶ Actors", within=outline)
        assert_not_on_screen(app, first_line, within=outline)
        await pilot.press("space")
        assert outline.line_text(2) == f"├ 1 {bundled.sections[0].title}"
        await pilot.pause()
        assert_on_screen(app, f"▼ Sections {first_line}", within=outline)
        await pilot.press("space")
        assert outline.line_text(2) == "▶ Actors"
        # h only closes; the cursor moves and nothing opens.
        assert app.explorer.history.current == Place("overview")
        await pilot.pause()
        assert_on_screen(app, "▶ Sections ▶ Actors", within=outline)
        assert_on_screen(app, bundled.briefing.title, within=main_pane(app))
        await pilot.press("l")
        await pilot.pause()
        # l opens the group and its place: the first section, the cursor on its line.
        assert outline.line_text(1) == "▼ Sections"
        assert app.explorer.history.current == Place("section", bundled.sections[0].id)
        assert outline.cursor_line == 2
        # The section shown is marked left of its line.
        assert_on_screen(app, f"▼ Sections {CURRENT_MARK}{first_line}", within=outline)
        assert_on_screen(app, f"1. {first.title}", within=main_pane(app))
        await pilot.press("h")
        # On an item, h goes up to its group, which stays open.
        assert outline.cursor_line == 1
        assert outline.line_text(1) == "▼ Sections"
        await pilot.pause()
        assert_on_screen(app, f"▼ Sections {CURRENT_MARK}{first_line}", within=outline)
        assert_on_screen(app, f"1. {first.title}", within=main_pane(app))


async def test_enter_on_a_group_toggles_it_and_opens_its_place(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        outline = outline_of(app)
        actors = 2 + len(bundled.sections)
        await pilot.press(*["j"] * actors)
        assert outline.line_text(actors) == "▶ Actors"
        await pilot.press("enter")
        await pilot.pause()
        assert outline.line_text(actors) == "▼ Actors"
        assert outline.line_text(actors + 1) == f"├ {bundled.actors[0].name}"
        assert app.explorer.history.current == Place("actors")
        assert outline.cursor_line == actors
        first = bundled.actors[0]
        assert_on_screen(app, f"▼ Actors ├ {first.name}", within=outline)
        assert_on_screen(app, "Actors", f"{first.name} {first.kind}", within=main_pane(app))


async def test_a_click_opens_its_line_and_a_click_on_the_icon_only_toggles(
    bundled: Briefing,
) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        outline = outline_of(app)
        third = f"3. {bundled.sections[2].title}"
        first_actor = f"├ {bundled.actors[0].name}"
        await pilot.click(Outline, offset=(7, 4))  # the third section's line
        await pilot.pause()
        assert app.explorer.history.current == Place("section", bundled.sections[2].id)
        assert outline.cursor_line == 4
        assert_on_screen(app, third, within=main_pane(app))
        actors = 2 + len(bundled.sections)
        await pilot.click(Outline, offset=(GUTTER, actors))  # Actors' ▶
        await pilot.pause()
        assert outline.line_text(actors) == "▼ Actors"
        assert outline.cursor_line == 4
        assert app.explorer.history.current == Place("section", bundled.sections[2].id)
        assert_on_screen(app, f"▼ Actors {first_actor}", within=outline)
        assert_on_screen(app, third, within=main_pane(app))
        await pilot.click(Outline, offset=(GUTTER + 1, actors))  # its ▼
        await pilot.pause()
        assert outline.line_text(actors) == "▶ Actors"
        assert_on_screen(app, "▶ Actors", within=outline)
        assert_not_on_screen(app, first_actor, within=outline)
        await pilot.click(Outline, offset=(GUTTER + 4, actors))  # the label: open it and its place
        await pilot.pause()
        assert outline.line_text(actors) == "▼ Actors"
        assert app.explorer.history.current == Place("actors")
        assert outline.cursor_line == actors
        assert_on_screen(app, f"▼ Actors {first_actor}", within=outline)
        assert_on_screen(app, "Actors", bundled.actors[0].name, within=main_pane(app))
        assert_not_on_screen(app, third, within=main_pane(app))


async def test_the_cursor_stays_in_view_on_a_long_outline() -> None:
    briefing = many_sections(300)
    app = BriefingApp(briefing)
    async with app.run_test(size=(80, 12)) as pilot:
        outline = outline_of(app)
        height = outline.scrollable_content_region.height
        assert outline.line_count == 302
        await pilot.press("G")
        await until(  # g and G scroll smoothly, as in Textual's tree
            pilot,
            lambda: (outline.cursor_line, outline.scroll_y) == (301, 302 - height),
            "the outline scrolled to its end",
        )
        await pilot.pause()
        assert outline.cursor_line == 301
        assert outline.scroll_y == 302 - height
        assert outline.line_text(301) == "└ 300 Section 300"
        assert_on_screen(app, "└ 300 Section 300", within=outline)
        assert_not_on_screen(app, "Overview", within=outline)
        await pilot.press("g")
        await until(
            pilot,
            lambda: (outline.cursor_line, outline.scroll_y) == (0, 0),
            "the outline scrolled to its top",
        )
        await pilot.pause()
        assert (outline.cursor_line, outline.scroll_y) == (0, 0)
        assert_on_screen(app, "Overview ▼ Sections ├ 1 Section 1", within=outline)
        await pilot.press(*["j"] * (height + 5))
        await pilot.pause()
        assert outline.cursor_line == height + 5
        assert outline.scroll_y == 6
        # The screen shows the cursor's line at the bottom.
        assert drawn(outline, height - 1).startswith(f"├ {height + 4} Section {height + 4}")
        bottom = screen_lines(app, outline)[height - 1]
        assert bottom[GUTTER:].startswith(f"├ {height + 4} Section {height + 4}"), bottom
        assert_not_on_screen(app, "├ 4 Section 4", within=outline)
        # A place opened elsewhere brings its line into view.
        await pilot.press("2")  # into the section view, the last section visited
        app.explorer.navigate(Place("section", "s200"))
        await pilot.pause()
        assert outline.cursor_line == 201
        assert outline.scroll_y <= 201 < outline.scroll_y + height
        assert_on_screen(app, "├ 200 Section 200", within=outline)
        assert_on_screen(app, "200. Section 200", "Text.", within=main_pane(app))


async def test_marks_show_in_bold_before_the_label_and_repaint_only_their_line(
    bundled: Briefing,
) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        outline = outline_of(app)
        await pilot.pause()
        repainted = record_repaints(outline)
        second = Place("section", bundled.sections[1].id)
        outline.set_marks({second: "✎ ★"})
        assert outline.label_of(second) == f"✎ ★ 2 {bundled.sections[1].title}"
        assert repainted == [Region(0, 3, outline.size.width, 1)]
        strip = outline.render_line(3)
        assert strip.text[GUTTER:].startswith("├ ✎ ★ 2 ")
        mark = next(segment for segment in strip if segment.text.startswith("✎"))
        assert mark.text == "✎ ★ "
        assert mark.style is not None
        assert mark.style.bold
        await pilot.pause()
        marked = as_drawn(outline, f"├ ✎ ★ 2 {bundled.sections[1].title}")
        assert_on_screen(app, marked, within=outline)
        repainted.clear()
        outline.set_marks({second: "✎ ★"})  # unchanged: nothing to repaint
        assert repainted == []
        outline.set_marks({})
        assert repainted == [Region(0, 3, outline.size.width, 1)]
        assert drawn(outline, 3).startswith(f"├ 2 {bundled.sections[1].title[:10]}")
        await pilot.pause()
        assert_on_screen(app, as_drawn(outline, f"├ 2 {bundled.sections[1].title}"), within=outline)
        assert_not_on_screen(app, "✎", "★", within=outline)


async def test_a_cursor_step_repaints_only_the_two_lines(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        outline = outline_of(app)
        await pilot.press("j", "j")
        await pilot.pause()
        repainted = record_repaints(outline)
        await pilot.press("j")
        width = outline.size.width
        assert repainted == [Region(0, 2, width, 1), Region(0, 3, width, 1)]


async def test_labels_are_shown_as_text_never_as_markup(hostile: Briefing) -> None:
    app = BriefingApp(hostile)
    async with app.run_test(size=(120, 24)) as pilot:
        outline = outline_of(app)
        await pilot.pause()
        lines = [outline.render_line(line).text for line in range(outline.line_count)]
        assert lines[2][GUTTER:].startswith("├ 1 [@click=app.quit]Section[/] 中")
        assert all(cell_len(line) == outline.size.width for line in lines)  # cut at the edge
        assert any("[/b] crash?" in line for line in lines)
        assert_on_screen(
            app, "├ 1 [@click=app.quit]Section[/] 中", "└ 2 [/b] crash?", within=outline
        )


# Width, labels and the place shown ---------------------------------------------


def outline_row(app: BriefingApp, text: str) -> str:
    """The outline's row on screen that shows *text*."""
    rows = [row for row in screen_lines(app, outline_of(app)) if text in row]
    assert rows, f"no outline row shows {text!r}"
    return rows[0]


async def test_long_titles_that_begin_alike_show_their_distinguishing_end(
    bundled: Briefing,
) -> None:
    # Sections 6 to 8 all begin "The case against (": cut at the edge, they read alike.
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = [outline_row(app, f" {number} The") for number in (6, 7, 8)]
        endings = ("Pyongyang", "bloc", "merging")
        for row, ending in zip(rows, endings, strict=True):
            assert row.rstrip().endswith(ending), rows


async def test_the_outline_follows_the_terminal_s_width_and_the_reader_s_choice(
    bundled: Briefing,
) -> None:
    remembered: list[int] = []
    app = BriefingApp(bundled, on_outline_resized=remembered.append)
    sixth = bundled.sections[5].title
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        narrow = outline_of(app).size.width
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        wide = outline_of(app).size.width
        assert narrow < wide
        assert_not_on_screen(app, sixth, within=outline_of(app))
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert outline_of(app).size.width > wide
        assert_on_screen(app, sixth, within=outline_of(app))
        assert remembered
    again = BriefingApp(bundled, outline_share=remembered[-1])
    async with again.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert_on_screen(again, sixth, within=outline_of(again))
        await pilot.press("less_than_sign", "less_than_sign", "less_than_sign")
        await pilot.pause()
        assert_not_on_screen(again, sixth, within=outline_of(again))


async def test_the_place_shown_stays_marked_when_the_cursor_moves(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "right_square_bracket")
        await pilot.pause()
        second = f"2 {bundled.sections[1].title[:12]}"
        assert outline_row(app, second).startswith("▍")
        await pilot.press("shift+tab")
        while not outline_of(app).has_focus:
            await pilot.press("shift+tab")
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert outline_of(app).cursor_place == Place("section", bundled.sections[4].id)
        assert outline_row(app, second).startswith("▍")
        assert not outline_row(app, f"5 {bundled.sections[4].title[:12]}").startswith("▍")
        assert sum(row.startswith("▍") for row in screen_lines(app, outline_of(app))) == 1
