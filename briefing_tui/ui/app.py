"""The briefing app."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.filter import LineFilter
from textual.screen import Screen
from textual.theme import Theme

from briefing_tui.core.config.themes import (
    DEFAULT_THEME,
    ThemeCatalog,
    discover_themes,
)
from briefing_tui.core.content.loader import BriefingError, load_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.text import neutralise
from briefing_tui.core.study.due import DEFAULT_NEW_PER_DAY
from briefing_tui.core.study.navigation import History, Place, resolve_place
from briefing_tui.core.study.store import StudyError, StudyStore
from briefing_tui.ui.job_control import resume_only_after_suspend
from briefing_tui.ui.screens.briefing_screen import BriefingScreen
from briefing_tui.ui.screens.explorer import ExplorerScreen
from briefing_tui.ui.terminal_guard import TerminalGuard

QUIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)
"""Signals that quit the app the way ``q`` does: saving what the reader wrote first."""


@runtime_checkable
class KeepsWork(Protocol):
    """A screen holding something the reader wrote that must not be lost at quit."""

    def keep_work(self) -> str | None:
        """Keep it; return why it could not be kept, or None."""


if TYPE_CHECKING:
    from textual.notifications import Notification

    from briefing_tui.core.config.settings import ReadingAlign
    from briefing_tui.core.content.watch import FileWatcher

ThemeRemembered = Callable[[str], None]
StudyFor = Callable[[Briefing], StudyStore]
OutlineRemembered = Callable[[int], None]


def briefing_commands() -> type[Provider]:
    """The palette's briefing commands, imported when the palette first opens."""
    from briefing_tui.ui.commands import BriefingCommands

    return BriefingCommands


class BriefingApp(App[None]):
    """Explore a briefing: sections, actors, scoreboards, timeline and glossary."""

    # The explorer's own CSS is read with the app's: a screen bringing a new CSS
    # file makes Textual parse every stylesheet again, in the middle of start-up.
    # The CSS of the views not on the first screen (widgets/views.tcss) is read by
    # the explorer when it first builds one of them.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "app.tcss",
        "widgets/widgets.tcss",
        "screens/explorer.tcss",
    ]
    COMMANDS = App.COMMANDS | {briefing_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+t", "cycle_theme", "Next theme", show=False, id="app.cycle-theme"),
    ]
    HELP_GROUP = "General"
    FIRST_SCREEN_IS_DEFAULT: ClassVar[bool] = True
    """Open on the first screen as Textual's default screen, not pushed over that one.

    Pushed, it sits on a screen that start-up builds, styles and lays out to
    stay unseen underneath.
    """

    def __init__(
        self,
        briefing: Briefing | None,
        *,
        theme: str = DEFAULT_THEME,
        themes: ThemeCatalog | None = None,
        keymap: Mapping[str, str] | None = None,
        notices: Sequence[str] = (),
        on_theme_chosen: ThemeRemembered | None = None,
        watch_path: str | os.PathLike[str] | None = None,
        watch_interval: float | None = None,
        study: StudyStore | None = None,
        problems: Sequence[str] = (),
        study_for: StudyFor | None = None,
        outline_share: int | None = None,
        on_outline_resized: OutlineRemembered | None = None,
        reading_width: int = 88,
        reading_align: ReadingAlign = "left",
        new_cards_per_day: int = DEFAULT_NEW_PER_DAY,
    ) -> None:
        """Create the app.

        Args:
            briefing: The briefing to show; None for a watched file that is not
                valid yet (its *problems* show until it is).
            theme: The theme to start with.
            themes: The themes to offer (default: the built-in ones).
            keymap: Binding id to keys, from the user's settings.
            notices: Messages to show once the app is up (bad theme files, say).
            on_theme_chosen: Called with the name of a theme the reader picks
                in the app, to remember it; not called for the starting theme.
            watch_path: The file *briefing* was loaded from, to reload on every
                save (``--watch``); None to never reload.
            watch_interval: Seconds between two looks at the watched file
                (default: the watcher's own).
            study: The reader's study data (notes, bookmarks, progress), saved
                as it changes; None to keep nothing.
            problems: Why the watched file could not be loaded, one line each,
                when *briefing* is None.
            study_for: Makes the study data of the briefing the watched file
                first loads as, when *briefing* is None (None to keep nothing).
            outline_share: The share of the width the outline takes, in per
                cent, as the reader last chose it (default: the explorer's).
            on_outline_resized: Called with the share the reader gives the
                outline with < or >, to remember it.
            reading_width: The longest line of text in the reading views, in
                columns; 0 for no limit.
            reading_align: Where text narrower than its pane sits: "left" or "centre".
            new_cards_per_day: New cards a review brings in per day.
        """
        # Before App.__init__, which asks for the theme variable defaults and the CSS variables.
        self._catalog = themes if themes is not None else discover_themes(None)
        self._reading_width = reading_width
        super().__init__()
        self.set_class(reading_align == "centre", "-reading-centre", update=False)
        self._terminal_guard = TerminalGuard()
        self._briefing = briefing
        self.title = (
            briefing.briefing.title if briefing is not None else os.fspath(watch_path or "")
        )
        self._notices = list(notices)
        self._on_theme_chosen = on_theme_chosen
        self._register_themes()
        self._start_with_theme(theme if theme in self.available_themes else DEFAULT_THEME)
        if keymap:
            self.set_keymap(dict(keymap))
        self._watcher: FileWatcher | None = None
        if watch_path is not None:
            # Imported here: only --watch needs it, and start-up does not.
            from briefing_tui.core.content.watch import POLL_INTERVAL, FileWatcher

            interval = POLL_INTERVAL if watch_interval is None else watch_interval
            self._watcher = FileWatcher(watch_path, interval=interval)
        self._watch_name = os.fspath(watch_path) if watch_path is not None else ""
        self._reload_wanted = False
        self._reloading = False
        self._reload_deferred = False
        self._problems = tuple(problems)
        self._study_for = study_for
        self.study = study
        self.new_cards_per_day = new_cards_per_day
        self._save_due = False
        self._outline_share = outline_share
        self._on_outline_resized = on_outline_resized
        self.problems_at_quit: list[str] = []
        """What could not be kept or saved when the app quit; reported by the command line."""
        self._theme_toast: Notification | None = None

    @property
    def briefing(self) -> Briefing:
        """The briefing shown (the last good version of a watched file).

        Only an app started on a watched file that is not valid yet has none,
        until the file is fixed: see :attr:`has_briefing`.
        """
        if self._briefing is None:
            raise LookupError("no valid version of the watched file has loaded yet")
        return self._briefing

    @briefing.setter
    def briefing(self, briefing: Briefing) -> None:
        self._briefing = briefing

    @property
    def has_briefing(self) -> bool:
        """False until a watched file that was broken at start is first valid."""
        return self._briefing is not None

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (colour depth, NO_COLOR), then the :class:`TerminalGuard`."""
        return [*super().get_line_filters(), self._terminal_guard]

    def _register_themes(self) -> None:
        # Each colour was read with Textual's own parser when the file was checked.
        for entry in self._catalog:
            self.register_theme(Theme(**entry.theme.to_textual_kwargs()))
        for error in self._catalog.errors:
            self._notices.append(f"Theme file skipped: {error}")

    def _start_with_theme(self, name: str) -> None:
        """Make *name* the theme before Textual has parsed any CSS.

        Setting :attr:`theme` here would make Textual parse every stylesheet a
        second time at start-up, without its cache (about 15 ms): its watcher
        asks for the CSS to be refreshed. This does what the watcher does for a
        theme chosen before the first parse; later changes go through
        :attr:`theme` as usual. A snapshot test in each theme checks the result.
        """
        self.set_reactive(App.theme, name)
        theme = self.current_theme
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)
        self.set_class(True, f"-theme-{name}", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return self._catalog.variable_defaults(self.current_theme.dark)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, and $reading-width: the widest a block of text gets.

        A block's left padding (2) comes on top of its longest line.
        """
        width = self._reading_width
        return {
            **super().get_css_variables(),
            "reading-width": str(width + 2) if width else "100%",
        }

    def first_screen(self) -> Screen[Any]:
        """The screen the app opens on: the explorer, where the reader left off.

        Without a briefing yet, the problems of the watched file, until it is fixed.
        """
        if self._briefing is None:
            from briefing_tui.ui.screens.broken_file import BrokenFileScreen

            return BrokenFileScreen(self._watch_name, self._problems)
        return self._new_explorer()

    def get_default_screen(self) -> Screen[Any]:
        """The first screen, at the bottom of the stack (see FIRST_SCREEN_IS_DEFAULT)."""
        if not self.FIRST_SCREEN_IS_DEFAULT:
            return super().get_default_screen()
        screen = self.first_screen()
        # Given a result callback, as push_screen gives one: switch_screen,
        # which replaces this screen on a reload, takes it off again.
        screen._push_result_callback(self, None)
        return screen

    def _end_batch(self) -> None:
        # Textual 8.2's end of a batch update (start-up, a recompose): a frame
        # the screen held back during it can go out now (see BriefingScreen).
        super()._end_batch()
        if not self._batch_count and self.screen_stack:
            screen = self.screen_stack[-1]
            if isinstance(screen, BriefingScreen):
                screen.paint_held_frame()

    def on_mount(self) -> None:
        resume_only_after_suspend(self)
        loop = asyncio.get_running_loop()
        for signum in QUIT_SIGNALS:
            # Not on every platform, nor outside the main thread.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._quit_on_signal)
        if not self.FIRST_SCREEN_IS_DEFAULT:
            self.push_screen(self.first_screen())
        self.call_after_refresh(self.resume_collector)
        if self.study is not None:
            self._notices.extend(self.study.take_messages())
        for notice in self._notices:
            self.notify(notice, severity="warning", markup=False, timeout=10)
        # Subscribe only now, so the starting theme is not "chosen".
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._watcher is not None:
            self.set_interval(self._watcher.interval, self._check_file)
            self.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in QUIT_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(signum)

    def resume_collector(self) -> None:
        """Resume the garbage collector the command line paused for start-up.

        What start-up made lives as long as the app, so it is frozen out of
        the collector's passes: they look only at what is made from now on.
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def _theme_changed(self, theme: Theme) -> None:
        if self._on_theme_chosen is None:
            return
        try:
            self._on_theme_chosen(theme.name)
        except OSError as error:
            self.notify(f"Could not remember the theme: {error}", severity="warning", markup=False)

    def _new_explorer(self) -> ExplorerScreen:
        """The explorer for the briefing, opened where the reader left off."""
        study = self.study
        weightings = {}
        history = None
        if study is not None:
            weightings = {
                board.id: study.weighting(board.id) for board in self.briefing.scoreboards
            }
            position = study.position
            if position is not None:
                saved = Place.from_key(":".join(p for p in (position.view, position.item) if p))
                # The file may have been edited since: the place as it is now, if any.
                place = resolve_place(self.briefing, saved) if saved is not None else None
                if place is not None:
                    history = History(place)
        explorer = ExplorerScreen(self.briefing, weightings, history)
        explorer.study = study
        if self._outline_share is not None and self._outline_share in explorer.OUTLINE_SHARES:
            explorer.set_reactive(ExplorerScreen.outline_share, self._outline_share)
        explorer.new_cards_per_day = self.new_cards_per_day
        return explorer

    @on(ExplorerScreen.OutlineResized)
    def _outline_resized(self, event: ExplorerScreen.OutlineResized) -> None:
        self._outline_share = event.share
        if self._on_outline_resized is None:
            return
        try:
            self._on_outline_resized(event.share)
        except OSError as error:
            self.notify(
                f"Could not remember the outline's width: {error}", severity="warning", markup=False
            )

    # Study data ----------------------------------------------------------

    @on(ExplorerScreen.StudyChanged)
    def _study_changed(self) -> None:
        # Many changes come in bursts (re-weighting with + + +): save once, shortly after.
        if not self._save_due:
            self._save_due = True
            self.set_timer(0.5, self._save_study)

    def _save_study(self) -> None:
        self._save_due = False
        self._write_study()

    @work(thread=True, exclusive=True, group="study-save")
    def _write_study(self) -> None:
        problems = self.save_study()
        if problems:
            self.call_from_thread(self._report, problems)

    def save_study(self) -> list[str]:
        """Save the study data now (a no-op without changes); returns what went wrong."""
        study = self.study
        if study is None or not study.dirty:
            return []
        problems = []
        try:
            study.save()
        except StudyError as error:
            problems.append(str(error))
        return problems + study.take_messages()

    def _report(self, problems: list[str]) -> None:
        for problem in problems:
            self.notify(problem, severity="warning", markup=False, timeout=10)

    async def action_quit(self) -> None:
        """Keep what the reader wrote and save it, then quit.

        Every way out comes here: ``q``, ``ctrl+q``, and SIGTERM, SIGHUP (the
        terminal closed) and SIGINT. What could not be saved is kept in
        :attr:`problems_at_quit` for the command line to report, and the app
        exits with status 1.
        """
        self.problems_at_quit = self.keep_work() + self.save_study()
        self.exit(return_code=1 if self.problems_at_quit else 0)

    def keep_work(self) -> list[str]:
        """Keep what open screens hold that the reader wrote (a note being typed)."""
        problems = []
        for screen in self.screen_stack:
            if isinstance(screen, KeepsWork):
                refused = screen.keep_work()
                if refused is not None:
                    problems.append(refused)
        return problems

    def _quit_on_signal(self) -> None:
        self.call_next(self.action_quit)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not self.has_briefing:
            return
        explorer = self.explorer
        yield SystemCommand("Search", "Search the whole briefing (/)", explorer.action_search)
        yield SystemCommand(
            "Quiz", "Test yourself on the briefing's questions (T)", explorer.action_quiz
        )
        yield SystemCommand("Flashcards", "Go through the glossary (F)", explorer.action_flashcards)
        if self.study is not None:
            yield SystemCommand(
                "My notes",
                "Every note you wrote, newest first, with its item (7)",
                partial(explorer.action_go, "notes"),
            )
        yield SystemCommand(
            "Review due cards",
            "Spaced repetition: the cards due now, and new ones (R)",
            explorer.action_review,
        )
        yield SystemCommand(
            "Progress",
            "Cards by state, reviews per day, retention, what falls due (P)",
            explorer.action_progress,
        )
        for name, extension in (("Markdown", "md"), ("HTML", "html"), ("plain text", "txt")):
            yield SystemCommand(
                f"Export as {name}",
                f"Write the briefing and your notes to a .{extension} file in the current folder",
                partial(self.export, extension),
            )
        card_exports = (("for Anki", "apkg"), ("as CSV", "csv")) if explorer.cards else ()
        for name, extension in card_exports:
            yield SystemCommand(
                f"Export cards {name}",
                f"Write the questions, glossary terms and cards to a .{extension} file in the "
                "current folder",
                partial(self.export, extension),
            )

    @work(thread=True, exclusive=True, group="export")
    def export(self, extension: str) -> None:
        """Write the briefing (with the reader's notes), or its cards, to the current folder."""
        data = self._exported(extension)
        stem = self.briefing.briefing.id
        path = Path.cwd() / f"{stem}.{extension}"
        number = 1
        try:
            while True:
                try:
                    # "x" mode: never overwrite a file the reader already has.
                    with path.open("xb") as file:
                        file.write(data)
                    break
                except FileExistsError:
                    number += 1
                    path = Path.cwd() / f"{stem}-{number}.{extension}"
        except OSError as error:
            self.call_from_thread(
                self.notify, neutralise(f"Export failed: {error}"), severity="error", markup=False
            )
            return
        self.call_from_thread(self.notify, neutralise(str(path)), title="Exported", markup=False)

    def _exported(self, extension: str) -> bytes:
        """The briefing as *extension* says: a document with the reader's notes, or the cards."""
        if extension == "apkg":
            from briefing_tui.core.output.cards import anki_package

            return anki_package(self.briefing)
        if extension == "csv":
            from briefing_tui.core.output.cards import cards_csv

            return cards_csv(self.briefing).encode("utf-8")
        from briefing_tui.core.output.export import export_html, export_markdown, export_text

        exporters = {"md": export_markdown, "html": export_html, "txt": export_text}
        return exporters[extension](self.briefing, self.study).encode("utf-8")

    @property
    def explorer(self) -> ExplorerScreen:
        """The explorer screen."""
        return next(screen for screen in self.screen_stack if isinstance(screen, ExplorerScreen))

    def navigate(self, place: Place) -> None:
        """Go to *place* in the explorer (used by the command palette)."""
        self.explorer.navigate(place)

    def action_help(self) -> None:
        """Show the keys in force."""
        from briefing_tui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    @property
    def theme_names(self) -> list[str]:
        """The themes the app offers: those ``briefing themes`` lists, built-in ones first.

        Textual's own themes can still be chosen by name (``--theme nord``),
        but are not offered: they were not made or checked for this app.
        """
        return self._catalog.names() or [DEFAULT_THEME]

    def action_cycle_theme(self) -> None:
        """Switch to the next of the app's own themes."""
        names = self.theme_names
        index = names.index(self.theme) + 1 if self.theme in names else 0
        self.theme = names[index % len(names)]
        self._say_theme()

    def _say_theme(self) -> None:
        """Name the theme in a toast that replaces the one the last change showed."""
        from textual.notifications import Notification, Notify

        # Textual 8.2's notifications (pinned in pyproject.toml): notify() gives
        # nothing to take a toast back by, so this makes its own.
        previous = self._theme_toast
        if previous is not None and previous in self._notifications:
            self._unnotify(previous, refresh=False)
        self._theme_toast = Notification(f"Theme: {self.theme}", timeout=2, markup=False)
        self.post_message(Notify(self._theme_toast))

    def search_themes(self) -> None:
        """The palette's theme picker, offering :attr:`theme_names`."""
        from textual.command import CommandPalette

        from briefing_tui.ui.commands import AppThemes

        self.push_screen(CommandPalette(providers=[AppThemes], placeholder="Search for themes…"))

    # Live reload (--watch) ----------------------------------------------

    def _check_file(self) -> None:
        """Look at the watched file (one stat, no repaint); reload when it has changed."""
        if self._watcher is not None and self._watcher.poll() is not None:
            self._request_reload()

    def _request_reload(self) -> None:
        # Reloads run one at a time: a save during a reload is picked up when it ends,
        # so a screen is never swapped while the previous swap is under way.
        self._reload_wanted = True
        if not self._reloading:
            self._reloading = True
            self._reload()

    @work(group="reload")
    async def _reload(self) -> None:
        """Reload the watched file until no newer save is waiting."""
        try:
            while self._reload_wanted:
                self._reload_wanted = False
                await self._reload_once()
        finally:
            self._reloading = False

    async def _reload_once(self) -> None:
        """Load the watched file in a thread; show the new version, or its problems."""
        watcher = self._watcher
        if watcher is None:
            return
        try:
            briefing = await asyncio.to_thread(load_briefing, self._watch_name)
        except BriefingError as error:
            # A save caught half-way fails to load: give the editor a moment to finish.
            await asyncio.sleep(watcher.settle)
            if watcher.unchanged():
                self._problems = tuple(str(problem) for problem in error.problems)
                self._show_problems()
            return
        if not watcher.unchanged():
            return  # Changed while being read; the next poll reloads the finished file.
        self._problems = ()
        if self._briefing is not None and briefing.content_hash == self._briefing.content_hash:
            # Saved without a change (or changed back): nothing to rebuild.
            self._show_problems()
            return
        if self.screen is not self.reloadable_screen():
            # Help or the palette is open over the screen: reload when it closes.
            self._reload_deferred = True
            self._show_problems()
            return
        self.briefing = briefing
        self.title = briefing.briefing.title
        await self.show_reloaded(briefing)
        self._show_problems()

    def reloadable_screen(self) -> Screen[Any]:
        """The screen a reload replaces and shows its problems on.

        The explorer; before the watched file was first valid, the screen of its problems.
        """
        if not self.has_briefing:
            return self.screen_stack[0]
        return self.explorer

    async def show_reloaded(self, briefing: Briefing) -> None:
        """Replace the explorer with one on the reloaded *briefing*, where the reader was."""
        if not any(isinstance(screen, ExplorerScreen) for screen in self.screen_stack):
            # The watched file is valid for the first time: the explorer opens on it.
            self.study = self._study_for(briefing) if self._study_for is not None else None
            if self.study is not None:
                self._report(self.study.take_messages())
            await self.switch_screen(self._new_explorer())
            return
        successor = self.explorer.reloaded(briefing)
        if self.study is not None:
            # Notes stay attached by id; items that went away keep theirs as orphans.
            self._report(self.save_study())
            self.study = StudyStore(
                briefing, read_only=self.study.read_only, directory=self.study.directory
            )
            successor.study = self.study
        await self.switch_screen(successor)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        if self._reload_deferred and screen is self.reloadable_screen():
            self._reload_deferred = False
            self._request_reload()

    def _show_problems(self) -> None:
        """Show the current reload problems in the screen's error panel, or remove it."""
        from briefing_tui.ui.widgets.error_panel import ErrorPanel

        screen = self.reloadable_screen()
        panels = screen.query(ErrorPanel)
        if not self._problems:
            panels.remove()
        elif panels:
            panels.first().show_problems(self._problems)
        else:
            screen.mount(ErrorPanel(self._problems))
