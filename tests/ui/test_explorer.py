"""Pilot tests of the explorer: every view, every kind of cross-link, history, palette, help."""

from __future__ import annotations

import gc
import re
from typing import Any

import pytest
from textual.app import App
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from briefing_tui.core.content.model import Argument, Briefing, term_key
from briefing_tui.core.study.navigation import Place
from briefing_tui.core.study.scoring import MAX_WEIGHT
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.explorer import ExplorerScreen
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.widgets.actors_view import ActorCard
from briefing_tui.ui.widgets.briefing_header import BriefingHeader
from briefing_tui.ui.widgets.cross_link import CrossLink
from briefing_tui.ui.widgets.document_view import VIEWS_CSS
from briefing_tui.ui.widgets.key_footer import KeyFooter
from briefing_tui.ui.widgets.markdown_text import MarkdownText
from briefing_tui.ui.widgets.outline import Outline
from briefing_tui.ui.widgets.scoreboard_view import ArgumentRow, ScoreboardView
from tests.fresh_python import run_code
from tests.screen import assert_not_on_screen, assert_on_screen, screen_lines, shows
from tests.ui.explorer_parts import main_pane
from tests.waiting import palette_lists, until


def explorer(app: BriefingApp) -> ExplorerScreen:
    return app.explorer


def current_view(app: BriefingApp) -> str:
    return explorer(app).query_one(ContentSwitcher).current or ""


def first_words(markdown: str, count: int = 5) -> str:
    """The first *count* words of *markdown* as the screen shows them, without link or emphasis."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.sub(r"[*`]", "", text).split()[:count])


def place_name(briefing: Briefing, place: Place) -> str:
    """What the main pane shows as the title of a section or an actor."""
    if place.view == "section":
        return briefing.sections_by_id[place.item].title
    return briefing.actors_by_id[place.item].name


def weight_shown(argument: Argument, weight: int) -> str:
    """How an argument's row shows *weight*: the side's sign, the number and the bar."""
    sign = "+" if argument.side == "pro" else "−"
    return f"{sign}{weight} {'■' * weight}{'□' * (MAX_WEIGHT - weight)}"


def help_body(app: App[Any]) -> Widget:
    """The text of the open help, inside its frame."""
    return app.screen.query_one("#help-body")


async def scroll_help_to(pilot: Pilot[None], text: str) -> None:
    """Scroll the help down with j, as a reader would, until *text* is in it."""
    for _ in range(100):
        if shows(pilot.app, text, within=help_body(pilot.app)):
            return
        await pilot.press("j")
        await pilot.pause()


def view_texts(briefing: Briefing) -> dict[str, tuple[str, ...]]:
    """For each number key, texts the main pane shows at 80x24 once the key opens its view."""
    section = briefing.sections[0]
    actor = briefing.actors[0]
    board = briefing.scoreboards[0]
    event = briefing.events_in_order[0]
    term = min(briefing.glossary, key=lambda term: term.term.casefold())
    return {
        "2": (f"1. {section.title}", first_words(section.body)),
        "3": ("Actors", f"{actor.name} {actor.kind}"),
        "4": (board.title, f"+ {board.pro_label}", f"− {board.con_label}"),
        "5": ("Timeline", f"{event.date} {event.title}", first_words(event.detail or "")),
        "6": ("Glossary", term.term, first_words(term.definition)),
        "1": (briefing.briefing.title, briefing.briefing.subtitle or ""),
    }


async def test_starts_on_overview_with_outline_focused(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert current_view(app) == "overview"
        assert isinstance(app.focused, Outline)
        assert explorer(app).query_one(BriefingHeader).position == "Overview"
        assert_on_screen(app, *view_texts(bundled)["1"], within=main_pane(app))
        assert_on_screen(app, "Overview", within=explorer(app).query_one(BriefingHeader))
        assert_on_screen(app, "Overview", "▼ Sections", within=explorer(app).query_one(Outline))


@pytest.mark.parametrize("width", [40, 60])
async def test_the_header_cuts_the_title_before_the_position(bundled: Briefing, width: int) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(width, 24)) as pilot:
        header = explorer(app).query_one(BriefingHeader)
        position = header.query_one("#header-position", Static)
        for key in ("1", "2"):  # "Overview", then the wider "Section 1/9"
            await pilot.press(key)
            await pilot.pause()
            title = header.render().plain
            assert title.endswith("…")
            # A space between the two, then the position's own padding.
            assert len(title) == header.content_region.width - position.outer_size.width - 1
            assert str(position.render()) == header.position
            assert_on_screen(app, f"{title} {header.position}", within=header)


def test_the_first_screen_imports_no_other_view() -> None:
    # Each view's module is imported when the view is first built: start-up does not pay for them.
    # Nor for the file watcher or its error panel, which only --watch needs.
    code = """
        import asyncio, sys
        from briefing_tui.core.content.loader import load_briefing
        from briefing_tui.core.config.resources import default_briefing_path
        from briefing_tui.ui.app import BriefingApp
        async def start() -> None:
            app = BriefingApp(load_briefing(default_briefing_path()))
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                assert app.explorer.history.current.view == 'overview'
        asyncio.run(start())
        views = ['actors_view', 'glossary_view', 'list_detail_view', 'scoreboard_view',
                 'section_view', 'timeline_view']
        imported = [view for view in views if f'briefing_tui.ui.widgets.{view}' in sys.modules]
        assert imported == [], imported
        watching = ['briefing_tui.core.content.watch', 'briefing_tui.ui.widgets.error_panel']
        assert not set(watching) & set(sys.modules)
        # Nor Rich's emoji table, which parsing a str as markup loads.
        assert 'rich._emoji_codes' not in sys.modules
        """
    result = run_code(code)
    assert result.returncode == 0, result.stderr


async def test_the_starting_theme_costs_no_second_css_parse(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparses: list[Stylesheet] = []
    reparse = Stylesheet.reparse

    def counted(stylesheet: Stylesheet) -> None:
        reparses.append(stylesheet)
        reparse(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = BriefingApp(bundled, theme="briefing-light")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "briefing-light"
        assert {"-light-mode", "-theme-briefing-light"} <= set(app.classes)
        assert reparses == []
        app.theme = "briefing-dark"  # a theme chosen later refreshes the CSS as usual
        await pilot.pause()
        assert len(reparses) == 1
        assert "-dark-mode" in app.classes


async def test_the_explorer_is_the_first_screen_not_pushed_over_textual_s(
    bundled: Briefing,
) -> None:
    # Textual's default screen under it would be built, styled and laid out for nothing.
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [type(screen) for screen in app.screen_stack] == [ExplorerScreen]


async def test_the_first_screen_is_styled_once(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    styled: list[str] = []
    apply = Stylesheet.apply

    def counted(stylesheet: Stylesheet, node: DOMNode, *args: object, **kwargs: object) -> None:
        if isinstance(node, Widget) and node.id:
            styled.append(node.id)
        apply(stylesheet, node, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "apply", counted)
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The outline is styled again as it takes the focus; nothing else is.
        assert [name for name in set(styled) if styled.count(name) > 1] == ["outline"]
        await pilot.press("question_mark", "escape")
        await pilot.pause()
        # Coming back from the help, the screen is styled again: styles may have changed meanwhile.
        assert styled.count("overview") == 2


async def test_the_first_screen_parses_no_css_of_the_other_views(bundled: Briefing) -> None:
    views_css = str(VIEWS_CSS.resolve())
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.stylesheet.has_source(views_css)
        selectors = {name for rule in app.stylesheet.rules for name in rule.selector_names}
        other_views = {"ActorCard", "ArgumentRow", "ListDetailView", "NoteBlock", "ScoreboardView"}
        assert selectors.isdisjoint(other_views)
        await pilot.press("3")
        await pilot.pause()
        assert current_view(app) == "actors"
        assert app.stylesheet.has_source(views_css)
        assert_on_screen(app, *view_texts(bundled)["3"], within=main_pane(app))


async def test_the_views_read_after_start_up_follow_a_theme_change(bundled: Briefing) -> None:
    # A theme change parses every source again: views.tcss, read on the first visit, stays.
    app = BriefingApp(bundled, theme="briefing-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        focused, other = explorer(app).query(ActorCard)[:2]
        assert focused.has_focus
        assert_on_screen(app, *view_texts(bundled)["3"], within=main_pane(app))

        def borders() -> tuple[Color, Color]:
            return focused.styles.border_top[1], other.styles.border_top[1]

        def theme_colours() -> tuple[Color, Color]:
            variables = app.get_css_variables()
            return Color.parse(variables["accent"]), Color.parse(variables["panel"])

        dark = theme_colours()
        assert borders() == dark
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "briefing-light"
        assert theme_colours() != dark
        assert borders() == theme_colours()
        assert_on_screen(app, *view_texts(bundled)["3"], within=main_pane(app))


async def test_the_collector_paused_for_start_up_resumes_once_the_screen_is_up(
    bundled: Briefing,
) -> None:
    gc.disable()  # as the command line does (cli.pause_collector)
    try:
        app = BriefingApp(bundled)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


async def test_clicking_a_footer_key_presses_it(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert_on_screen(app, "? Help", within=footer)
        start = next(start for start, _end, key in footer._spans if key.description == "Help")
        await pilot.click(KeyFooter, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_on_screen(app, "Keys", "General ? / f1 Help", within=help_body(app))


@pytest.mark.parametrize(
    ("setup", "key"),
    [
        (
            ("2", "right_square_bracket"),
            "right_square_bracket",
        ),  # section change: scrollbar resized
        (("5", "3"), "5"),  # view switch: the list shown again and focused
    ],
)
async def test_a_key_repaints_in_one_frame(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch, setup: tuple[str, ...], key: str
) -> None:
    # Each frame is sent to the terminal whole: a second one for the same key
    # sends the cells it repaints again, later (over SSH, bytes and latency).
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        for setup_key in setup:
            await pilot.press(setup_key)
            await pilot.pause(0.2)  # fixed: the setup's frames all go out before counting
        frames = []
        display = app._display
        monkeypatch.setattr(
            app,
            "_display",
            lambda screen, update: (update and frames.append(update), display(screen, update)),
        )
        await pilot.press(key)
        await pilot.pause(0.3)  # fixed: a second frame must not come (polling would flush one)
        assert len(frames) == 1


async def test_number_keys_open_every_view(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        expected = {
            "2": "section",
            "3": "actors",
            "4": f"board-{bundled.scoreboards[0].id}",
            "5": "timeline",
            "6": "glossary",
            "1": "overview",
        }
        texts = view_texts(bundled)
        for key, view in expected.items():
            await pilot.press(key)
            await pilot.pause()
            assert current_view(app) == view, key
            assert_on_screen(app, *texts[key], within=main_pane(app))


async def test_outline_opens_a_section(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "j", "enter")
        await pilot.pause()
        assert explorer(app).history.current == Place("section", bundled.sections[1].id)
        assert (
            explorer(app).query_one(BriefingHeader).position == f"Section 2/{len(bundled.sections)}"
        )
        section = bundled.sections[1]
        assert_on_screen(
            app, f"2. {section.title}", first_words(section.body), within=main_pane(app)
        )
        assert_on_screen(
            app,
            f"Section 2/{len(bundled.sections)}",
            within=explorer(app).query_one(BriefingHeader),
        )


async def test_brackets_step_through_sections(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "right_square_bracket", "right_square_bracket")
        assert explorer(app).history.current == Place("section", bundled.sections[2].id)
        await pilot.pause()
        third = bundled.sections[2]
        assert_on_screen(app, f"3. {third.title}", first_words(third.body), within=main_pane(app))
        await pilot.press("left_square_bracket")
        assert explorer(app).history.current == Place("section", bundled.sections[1].id)
        await pilot.pause()
        second = bundled.sections[1]
        assert_on_screen(app, f"2. {second.title}", first_words(second.body), within=main_pane(app))
        assert_not_on_screen(app, third.title, within=main_pane(app))


async def test_actor_chip_link_opens_actor_panel(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        chips = explorer(app).query(".actor-chips CrossLink")
        first_actor = bundled.sections[0].actors[0]
        chips.first(CrossLink).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert explorer(app).history.current == Place("actor", first_actor)
        assert current_view(app) == "actor"
        actor = bundled.actors_by_id[first_actor]
        assert_on_screen(
            app, actor.name, actor.role or "", first_words(actor.summary), within=main_pane(app)
        )
        assert_not_on_screen(app, first_words(bundled.sections[0].body), within=main_pane(app))


async def test_markdown_internal_link_navigates_and_external_is_only_shown(
    bundled: Briefing,
) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("2")
        body = explorer(app).query_one("#section-body", MarkdownText)
        body.post_message(MarkdownText.LinkClicked(body, "#term:war-of-attrition"))
        await pilot.pause()
        assert explorer(app).history.current.view == "glossary"
        term = bundled.terms_by_key[term_key("war-of-attrition")]
        glossary = ("Glossary", term.term, first_words(term.definition))
        assert_on_screen(app, *glossary, within=main_pane(app))
        body.post_message(MarkdownText.LinkClicked(body, "https://example.org/x"))
        await pilot.pause()
        assert explorer(app).history.current.view == "glossary"
        assert any("https://example.org/x" in str(n.message) for n in app._notifications)
        assert_on_screen(app, "External link (not opened)", "https://example.org/x")
        assert_on_screen(app, *glossary, within=main_pane(app))


async def test_back_and_forward(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        texts = view_texts(bundled)
        await pilot.press("2", "3", "5")
        history = explorer(app).history
        assert history.current == Place("timeline")
        await pilot.pause()
        assert_on_screen(app, *texts["5"], within=main_pane(app))
        await pilot.press("backspace")
        assert history.current == Place("actors")
        await pilot.pause()
        assert_on_screen(app, *texts["3"], within=main_pane(app))
        await pilot.press("alt+left")
        assert history.current.view == "section"
        await pilot.pause()
        assert_on_screen(app, *texts["2"], within=main_pane(app))
        await pilot.press("alt+right")
        assert history.current == Place("actors")
        assert current_view(app) == "actors"
        await pilot.pause()
        assert_on_screen(app, *texts["3"], within=main_pane(app))


async def test_actor_card_opens_panel_with_relations(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        card = explorer(app).query(ActorCard).first()
        assert app.focused is card
        await pilot.press("enter")
        await pilot.pause()
        assert explorer(app).history.current == Place("actor", card.place.item)
        headings = [
            str(s.render()) for s in explorer(app).query("#actor-links .heading").results(Static)
        ]
        assert "Relations out" in headings or "Relations in" in headings
        actor = bundled.actors_by_id[card.place.item]
        assert_on_screen(app, actor.name, first_words(actor.summary), within=main_pane(app))
        relation_link = next(
            link
            for link in explorer(app).query("#actor-links CrossLink").results(CrossLink)
            if link.place.view == "actor"
        )
        relation_link.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert explorer(app).history.current == relation_link.place
        other = bundled.actors_by_id[relation_link.place.item]
        assert_on_screen(app, other.name, first_words(other.summary), within=main_pane(app))
        assert_not_on_screen(app, first_words(actor.summary), within=main_pane(app))


async def test_reweight_toggle_and_reset(bundled: Briefing) -> None:
    board = bundled.scoreboards[0]
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("4")
        await pilot.pause()
        view = explorer(app).query_one(ScoreboardView)
        row = app.focused
        assert isinstance(row, ArgumentRow)
        argument = row.argument
        verdict_before = str(view.query_one(".verdict", Static).render())
        assert_on_screen(app, weight_shown(argument, argument.weight), within=row)
        assert_on_screen(app, verdict_before, within=main_pane(app))
        footer = explorer(app).query_one(KeyFooter)
        # Nothing to reset yet: the author's weights.
        assert_on_screen(app, "+ Weight +1 - Weight −1 space On/off", within=footer)
        assert_not_on_screen(app, "Reset weights", within=footer)
        await pilot.press("plus")
        expected = min(5, argument.weight + 1)
        assert view.weighting.weight_of(argument) == expected
        assert row.has_class("-modified") == (expected != argument.weight)
        await pilot.pause()
        assert_on_screen(app, weight_shown(argument, expected), within=row)
        await pilot.press("minus", "minus")
        assert view.weighting.weight_of(argument) == max(1, expected - 2)
        await pilot.pause()
        assert_on_screen(app, f"{weight_shown(argument, max(1, expected - 2))} ±", within=row)
        # ✎ marks the reader's notes everywhere else: a weight changed is not a note.
        assert_not_on_screen(app, "✎", within=row)
        assert_on_screen(app, "(± changed by you)", within=main_pane(app))
        await pilot.press("space")
        assert not view.weighting.is_on(argument.id)
        assert row.has_class("-off")
        verdict_changed = str(view.query_one(".verdict", Static).render())
        assert verdict_changed != verdict_before
        await pilot.pause()
        assert_on_screen(app, "off ░░░░░ ±", within=row)
        assert_on_screen(app, verdict_changed, within=main_pane(app))
        await pilot.press("r")
        assert view.weighting.is_default
        assert str(view.query_one(".verdict", Static).render()) == verdict_before
        assert explorer(app).weightings[board.id].is_default
        await pilot.pause()
        assert_on_screen(app, weight_shown(argument, argument.weight), within=row)
        assert_not_on_screen(app, "±", within=row)
        assert_on_screen(app, verdict_before, within=main_pane(app))
        assert_not_on_screen(app, "(± changed by you)", within=main_pane(app))
        assert_on_screen(app, "Weights reset to the author's")


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40), (160, 50)])
async def test_the_scoreboard_rows_show_their_claims(
    bundled: Briefing, size: tuple[int, int]
) -> None:
    # The reader walks the board with j (and l to the other side): each claim reads in full.
    board = bundled.scoreboards[0]
    app = BriefingApp(bundled)
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await pilot.pause()
        seen = []
        for _ in range(len(board.arguments) + 2):
            row = app.focused
            assert isinstance(row, ArgumentRow)
            if row.argument.id not in seen:
                seen.append(row.argument.id)
                # In full, and in sight: within the part of the board that shows claims.
                assert_on_screen(app, row.argument.claim, within=row)
                assert row.region in explorer(app).query_one(".arguments").region
            await pilot.press("j")
            await pilot.pause()
            if app.focused is row:
                await pilot.press("l")
                await pilot.pause()
        assert sorted(seen) == sorted(argument.id for argument in board.arguments)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (160, 50)])
async def test_nothing_in_the_reading_views_is_cut_with_an_ellipsis(
    bundled: Briefing, size: tuple[int, int]
) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=size) as pilot:
        for key in ("1", "2", "3", "4", "5", "6", "3", "enter"):
            await pilot.press(key)
            await pilot.pause()
            cut = [line for line in screen_lines(app, within=main_pane(app)) if "…" in line]
            assert cut == [], f"after {key} at {size}"


async def test_argument_links_reach_sections_and_actors(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        links = list(explorer(app).query(".argument-detail CrossLink").results(CrossLink))
        views = {link.place.view for link in links}
        assert {"section", "actor"} <= views
        links[0].focus()
        await pilot.press("enter")
        assert explorer(app).history.current == links[0].place
        await pilot.pause()
        assert_on_screen(app, place_name(bundled, links[0].place), within=main_pane(app))
        assert_not_on_screen(app, bundled.scoreboards[0].title, within=main_pane(app))


async def test_timeline_event_links_to_actor(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        link = explorer(app).query("#timeline CrossLink").first(CrossLink)
        link.focus()
        await pilot.press("enter")
        assert explorer(app).history.current == link.place
        await pilot.pause()
        actor = bundled.actors_by_id[link.place.item]
        assert_on_screen(app, actor.name, first_words(actor.summary), within=main_pane(app))
        assert_not_on_screen(app, "Timeline", within=main_pane(app))


async def test_palette_jumps_to_an_actor_by_name(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Ukraine")
        await until(pilot, lambda: palette_lists(app, "Ukraine"), "Ukraine listed")
        await pilot.press("enter")
        await pilot.pause()
        assert explorer(app).history.current == Place("actor", "ukraine")
        ukraine = bundled.actors_by_id["ukraine"]
        assert_on_screen(app, ukraine.name, first_words(ukraine.summary), within=main_pane(app))


async def test_help_lists_real_bindings(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        # In a section, with a place to go back to: [ and backspace are in force.
        await pilot.press("2", "right_square_bracket", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        groups = dict(app.screen.groups)
        assert ("[", "Prev section") in groups["In a section"]
        assert ("backspace / alt+left", "Back") in groups["Explorer"]
        # Of views not built yet:
        assert ("j / down", "Down") in groups["Lists"]
        assert [description for _key, description in groups["Scoreboard"]][:2] == [
            "Weight +1",
            "Weight \u22121",
        ]
        assert_on_screen(app, "Explorer", within=help_body(app))
        for group in (
            "backspace / alt+left Back",
            "In a section [ Prev section",
            "Scoreboard + / = Weight +1 - / _ Weight \u22121",
            "Lists j / down Down",
        ):
            await scroll_help_to(pilot, group)
            assert_on_screen(app, group, within=help_body(app))
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen)
        await pilot.pause()
        assert_not_on_screen(app, "Prev section", "Weight +1")
        second = bundled.sections[1]
        assert_on_screen(app, f"2. {second.title}", within=main_pane(app))


async def test_outline_hides_on_narrow_terminals_and_toggles(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        outline = explorer(app).query_one(Outline)
        assert not outline.display
        assert_not_on_screen(app, "▼ Sections")
        assert_on_screen(app, *view_texts(bundled)["1"], within=main_pane(app))
        await pilot.press("o")
        assert outline.display
        await pilot.pause()
        assert_on_screen(app, "Overview", "▼ Sections", within=outline)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert outline.display
        assert_on_screen(app, "Overview", "▼ Sections", within=outline)
        assert_on_screen(app, *view_texts(bundled)["1"], within=main_pane(app))


async def test_resize_in_every_view_keeps_the_place(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        texts = view_texts(bundled)
        for key in "23456":
            await pilot.press(key)
            place = explorer(app).history.current
            for size in ((60, 20), (200, 60), (80, 24)):
                await pilot.resize_terminal(*size)
                await pilot.pause()
            assert explorer(app).history.current == place
            assert_on_screen(app, *texts[key], within=main_pane(app))


async def test_markup_in_content_shows_literally(hostile: Briefing) -> None:
    app = BriefingApp(hostile)
    async with app.run_test(size=(100, 40)) as pilot:
        literal = {
            "2": hostile.sections[0].title,
            "3": hostile.actors[0].name,
            "4": hostile.scoreboards[0].title,
            "5": hostile.timeline[0].title,
            "6": hostile.glossary[0].term,
            "1": hostile.briefing.title,
        }
        for key in "234561":
            await pilot.press(key)
            await pilot.pause()
            assert_on_screen(app, literal[key], within=main_pane(app))
        await pilot.press("2")
        await pilot.pause()
        title = str(explorer(app).query_one("#section-title", Static).render())
        assert "[@click=app.quit]Section[/]" in title
        assert_on_screen(
            app,
            "1. [@click=app.quit]Section[/]",
            first_words(hostile.sections[0].body, 6),
            within=main_pane(app),
        )
        claim = hostile.scoreboards[0].arguments[0].claim
        await pilot.press("ctrl+p")
        await pilot.press(*"claim")
        await until(pilot, lambda: palette_lists(app, claim), "the claim listed")
        await pilot.press("enter")
        await pilot.pause()
        assert explorer(app).history.current == Place("scoreboard", "board", "p")
        assert app.is_running
        assert_on_screen(app, f"+ {claim}", within=main_pane(app))


async def test_long_section_body_does_not_block_keys(bundled: Briefing) -> None:
    from briefing_tui.core.content.loader import parse_briefing

    paragraph = "A long paragraph of text with **bold** and [a link](#section:long). " * 20
    body = "\n\n".join(f"## Part {n}\n\n{paragraph}" for n in range(30))
    text = f'''format = 1
[briefing]
id = "long"
title = "Long"
[[sections]]
id = "long"
title = "Long"
body = """{body}"""
[[sections]]
id = "short"
title = "Short"
body = "Short."
'''
    briefing = parse_briefing(text)
    assert len(body) > 40_000
    app = BriefingApp(briefing)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "right_square_bracket")
        await pilot.pause()
        assert explorer(app).history.current == Place("section", "short")
        assert_on_screen(app, "2. Short", "Short.", within=main_pane(app))
        assert_not_on_screen(app, "Part 0", within=main_pane(app))
