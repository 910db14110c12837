"""The ``briefing`` command.

``briefing [FILE]`` opens the explorer; everything else is a subcommand.
Imports are lazy: ``briefing validate`` must not pay for Textual, and the
app must not pay for export or share code it does not use.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from briefing_tui import __version__
from briefing_tui.core.content.text import neutralise

if TYPE_CHECKING:
    # Types only: the modules are imported by the commands that use them.
    from collections.abc import Coroutine
    from typing import Any

    from _typeshed import SupportsWrite

    from briefing_tui.core.config.cache import ValidationCache
    from briefing_tui.core.config.settings import EffectiveSettings
    from briefing_tui.core.config.themes import ThemeCatalog
    from briefing_tui.core.content.model import Briefing
    from briefing_tui.core.present.ssh_access import Access, ListenAddress, SshSettings

EXIT_OK = 0
EXIT_USAGE = 2

NEEDS_TERMINAL = "briefing needs a terminal; over SSH use ssh -t"
DUMB_TERMINAL = (
    "briefing: this terminal (TERM=dumb) cannot show the full-screen app; "
    "'briefing print' writes the briefing as plain text"
)


class ArgumentParser(argparse.ArgumentParser):
    """argparse with inert error output and the project's exit status."""

    def error(self, message: str) -> NoReturn:
        """Print usage and *message* (neutralised: it may quote input) and exit 2."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, neutralise(f"{self.prog}: error: {message}") + "\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse drops help it cannot write (a full disk): let main() say so.
        if message:
            (file or sys.stderr).write(message)


def print_error(message: str) -> None:
    """Print one line of error output, neutralised."""
    print(neutralise(message), file=sys.stderr)


def print_problems(problems: Iterable[object]) -> None:
    """Print each problem of a file on its own line of error output (they neutralise themselves)."""
    for problem in problems:
        print(str(problem), file=sys.stderr)


def _file_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=help_text + " (default: the bundled briefing)",
    )


def _briefing_path(file: str | None) -> Path:
    if file:
        return Path(file)
    from briefing_tui.core.config.resources import default_briefing_path

    return default_briefing_path()


def validation_cache(*, read_only: bool = False) -> ValidationCache:
    """The files the app has checked before (see :mod:`briefing_tui.core.config.cache`).

    Commands that open the app use it: checking a file again costs more than
    Textual's own start-up. *read_only* (``--no-save``, followers) reads it
    but never writes.
    """
    from briefing_tui.core.config.cache import ValidationCache

    return ValidationCache(read_only=read_only)


def load_or_exit(file: str | None, cache: ValidationCache | None = None) -> Briefing:
    """Load the briefing at *file* (or the bundled one); on problems print them and exit 2."""
    from briefing_tui.core.content.loader import BriefingError, load_briefing

    try:
        return load_briefing(_briefing_path(file), cache)
    except BriefingError as error:
        print_problems(error.problems)
        raise SystemExit(EXIT_USAGE) from None


def pause_collector() -> None:
    """Pause Python's cyclic garbage collector while an app starts.

    Start-up makes many objects (Textual's styles and widgets, the briefing)
    and next to no garbage, and the collector's passes over them took 40–80
    ms of a 0.6 s start. The app resumes it once its first screen is up
    (:meth:`~briefing_tui.ui.app.BriefingApp.resume_collector`).
    """
    gc.disable()


def start_app_command(
    args: argparse.Namespace, *, read_only: bool = False
) -> tuple[ValidationCache, EffectiveSettings, Briefing]:
    """What every command that opens an app does first: (cache, effective settings, briefing).

    The collector is paused for the start (:func:`pause_collector`); the
    cache of checked files is only read with *read_only*. Bad settings or a
    bad briefing are printed and exit 2.
    """
    pause_collector()
    cache = validation_cache(read_only=read_only)
    effective = effective_settings_or_exit(args, cli_briefing=args.file, cache=cache)
    return cache, effective, load_or_exit(effective.briefing.value, cache)


def _is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _terminal_or_exit() -> None:
    """Exit 2, saying why, unless the app can draw: a terminal that is not ``dumb``."""
    if not _is_terminal():
        print_error(NEEDS_TERMINAL)
        raise SystemExit(EXIT_USAGE)
    if os.environ.get("TERM") == "dumb":
        print_error(DUMB_TERMINAL)
        raise SystemExit(EXIT_USAGE)


def _start_watching(
    args: argparse.Namespace,
) -> tuple[ValidationCache, EffectiveSettings, Briefing | None, list[str]]:
    """:func:`start_app_command` for ``--watch``: a file with problems opens anyway.

    An author opens ``--watch`` to fix a file, so its problems are listed in
    the app until a save makes it valid: (cache, settings, None, problems).
    A file that is not there (or not a file) is an error, as without it.
    """
    from briefing_tui.core.content.loader import BriefingError, load_briefing

    pause_collector()
    cache = validation_cache(read_only=args.no_save)
    effective = effective_settings_or_exit(args, cli_briefing=args.file, cache=cache)
    path = _briefing_path(effective.briefing.value)
    if not path.is_file():
        return cache, effective, load_or_exit(effective.briefing.value, cache), []
    try:
        return cache, effective, load_briefing(path, cache), []
    except BriefingError as error:
        return cache, effective, None, [str(problem) for problem in error.problems]


def cmd_open(args: argparse.Namespace) -> int:
    """Open the explorer on a briefing."""
    if args.watch:
        cache, effective, briefing, problems = _start_watching(args)
    else:
        cache, effective, loaded = start_app_command(args, read_only=args.no_save)
        briefing, problems = loaded, []
    _terminal_or_exit()
    from briefing_tui.core.config.settings import remember_outline_share, remember_theme
    from briefing_tui.core.study.store import StudyStore
    from briefing_tui.ui.app import BriefingApp

    effective, catalog = themes_or_exit(args, effective, cache)
    notices = list(effective.warnings)
    if effective.keymap:
        from briefing_tui.ui.keymap import binding_ids

        known = binding_ids(wanted=effective.keymap)
        notices += [str(problem) for problem in effective.settings.keymap_problems(known)]
    app = BriefingApp(
        briefing,
        theme=effective.theme.value,
        themes=catalog,
        keymap=effective.keymap,
        notices=notices,
        on_theme_chosen=None
        if args.no_save
        else (lambda name: remember_theme(name, effective.state_path)),
        study=StudyStore(briefing, read_only=args.no_save, cache=cache) if briefing else None,
        watch_path=_briefing_path(effective.briefing.value) if args.watch else None,
        problems=problems,
        study_for=lambda loaded: StudyStore(loaded, read_only=args.no_save, cache=cache),
        new_cards_per_day=effective.new_cards_per_day,
        outline_share=effective.outline_share,
        on_outline_resized=None
        if args.no_save
        else (lambda share: remember_outline_share(share, effective.state_path)),
        reading_width=effective.settings.reading.width,
        reading_align=effective.settings.reading.align,
    )
    app.run()
    for problem in app.problems_at_quit:
        print_error(problem)
    return app.return_code or EXIT_OK


def _share_name_or_exit(name: str) -> None:
    from briefing_tui.core.present.share import ShareError, check_name

    try:
        check_name(name)
    except ShareError as error:
        print_error(error.message)
        raise SystemExit(EXIT_USAGE) from None


def _presenting_options(
    args: argparse.Namespace, effective: EffectiveSettings, cache: ValidationCache
) -> dict[str, Any]:
    """The app options of ``present``, ``notes`` and ``follow``: theme, themes, keymap, notices."""
    effective, catalog = themes_or_exit(args, effective, cache)
    return {
        "theme": effective.theme.value,
        "themes": catalog,
        "keymap": effective.keymap,
        "notices": effective.warnings,
    }


def _run_session(session: Coroutine[Any, Any, int | None]) -> int:
    """Run a presenting app; a share that cannot be opened or found is one line and exit 2."""
    import asyncio

    from briefing_tui.core.present.share import ShareError

    try:
        return asyncio.run(session) or EXIT_OK
    except ShareError as error:
        print_error(error.message)
        return EXIT_USAGE


def cmd_present(args: argparse.Namespace) -> int:
    """Present a briefing as slides, optionally shared with followers."""
    cache, effective, briefing = start_app_command(args)
    if args.share_group is not None and args.share is None:
        print_error("--share-group needs --share NAME")
        return EXIT_USAGE
    if args.share_per_user is not None and args.share is None:
        print_error("--share-per-user needs --share NAME")
        return EXIT_USAGE
    if args.share is not None:
        _share_name_or_exit(args.share)
    ssh = _ssh_settings_or_exit(args)
    _terminal_or_exit()
    from briefing_tui.core.config.settings import remember_theme
    from briefing_tui.core.present.share import DEFAULT_FOLLOWERS_PER_USER
    from briefing_tui.ui.present_app import present

    state_path = effective.state_path
    return _run_session(
        present(
            briefing,
            share=args.share,
            group=args.share_group,
            max_per_user=args.share_per_user or DEFAULT_FOLLOWERS_PER_USER,
            ssh=ssh,
            on_theme_chosen=lambda name: remember_theme(name, state_path),
            watch_path=_briefing_path(effective.briefing.value) if args.watch else None,
            **_presenting_options(args, effective, cache),
        )
    )


def _ssh_settings_or_exit(args: argparse.Namespace) -> SshSettings | None:
    """The ``--ssh*`` options of ``present``, checked; a problem is one line and exit 2."""
    from briefing_tui.core.present.ssh_access import (
        DEFAULT_MAX_BROWSING,
        DEFAULT_MAX_CONNECTIONS,
        SshSettings,
    )

    ssh_only = [
        option
        for option, given in (
            ("--ssh-keys", args.ssh_keys is not None),
            ("--ssh-open", args.ssh_open),
            ("--ssh-max", args.ssh_max is not None),
            ("--ssh-browsers", args.ssh_browsers is not None),
        )
        if given
    ]
    problem = None
    if args.ssh is not None and args.share is None:
        problem = "--ssh needs --share NAME: the SSH audience follows that share"
    elif ssh_only and args.ssh is None:
        problem = f"{ssh_only[0]} needs --ssh [ADDRESS:]PORT"
    elif args.ssh_keys is not None and args.ssh_open:
        problem = "--ssh-keys and --ssh-open cannot be used together: keys admit only their holders"
    elif args.ssh_keys is not None and not args.ssh_keys.is_file():
        problem = f"{args.ssh_keys}: no such authorized_keys file"
    if problem is not None:
        print_error(f"briefing present: {problem}")
        raise SystemExit(EXIT_USAGE)
    if args.ssh is None:
        return None
    access: Access = "keys" if args.ssh_keys is not None else "open" if args.ssh_open else "code"
    return SshSettings(
        address=args.ssh,
        access=access,
        authorized_keys=args.ssh_keys,
        max_connections=args.ssh_max or DEFAULT_MAX_CONNECTIONS,
        max_browsing=DEFAULT_MAX_BROWSING if args.ssh_browsers is None else args.ssh_browsers,
        theme_dirs=tuple(args.theme_dir),
    )


def cmd_notes(args: argparse.Namespace) -> int:
    """Show the speaker notes of this user's presentation, following it live."""
    pause_collector()
    cache = validation_cache()
    effective = effective_settings_or_exit(args, cache=cache)
    # Without FILE, the notes attach to whatever the user presents, and take its briefing.
    briefing = load_or_exit(args.file, cache) if args.file else None
    _terminal_or_exit()
    from briefing_tui.ui.notes_app import notes

    return _run_session(notes(briefing, **_presenting_options(args, effective, cache)))


def cmd_follow(args: argparse.Namespace) -> int:
    """Follow a shared presentation, read-only: the presenter's briefing, or your FILE."""
    _share_name_or_exit(args.name)
    pause_collector()
    # A follower writes no file, not even a cache entry.
    cache = validation_cache(read_only=True)
    effective = effective_settings_or_exit(args, cache=cache)
    # Only a FILE given here is the follower's own copy; else it shows what the presenter sends.
    briefing = load_or_exit(args.file, cache) if args.file else None
    _terminal_or_exit()
    from briefing_tui.ui.follow_app import follow

    return _run_session(
        follow(
            briefing,
            args.name,
            owner=args.owner,
            folder=args.folder,
            **_presenting_options(args, effective, cache),
        )
    )


def effective_settings_or_exit(
    args: argparse.Namespace,
    cli_briefing: str | None = None,
    cache: ValidationCache | None = None,
) -> EffectiveSettings:
    """The effective settings (flags, environment, settings file, state); exit 2 on a bad file."""
    from briefing_tui.core.config.settings import SettingsError, effective_settings

    try:
        return effective_settings(
            args.theme, os.environ, args.config, cli_briefing=cli_briefing, cache=cache
        )
    except SettingsError as error:
        print_problems(error.problems)
        raise SystemExit(EXIT_USAGE) from None


def themes_or_exit(
    args: argparse.Namespace, effective: EffectiveSettings, cache: ValidationCache | None = None
) -> tuple[EffectiveSettings, ThemeCatalog]:
    """Find every theme and check the chosen one exists; exit 2 when it does not."""
    from textual.theme import BUILTIN_THEMES

    from briefing_tui.core.config.settings import (
        SettingsError,
        check_theme_choice,
        user_themes_dir,
    )
    from briefing_tui.core.config.themes import discover_themes

    catalog = discover_themes(user_themes_dir(), args.theme_dir, cache=cache)
    try:
        effective = check_theme_choice(effective, {*catalog.names(), *BUILTIN_THEMES})
    except SettingsError as error:
        print_problems(error.problems)
        raise SystemExit(EXIT_USAGE) from None
    return effective, catalog


def cmd_themes(args: argparse.Namespace) -> int:
    """List every theme, or check theme files."""
    from briefing_tui.core.config.settings import user_themes_dir
    from briefing_tui.core.config.themes import (
        check_theme_files,
        discover_themes,
        format_theme_list,
    )

    if args.check:
        result = check_theme_files(args.check)
        for line in result.output:
            print(line)
        for line in result.errors:
            print(line, file=sys.stderr)
        return result.status
    effective = effective_settings_or_exit(args)
    catalog = discover_themes(user_themes_dir(), args.theme_dir)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    print(format_theme_list(catalog, color=color, current=effective.theme.value))
    for error in catalog.errors:
        print_problems(error.problems)
    return EXIT_USAGE if catalog.errors else EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    """Print the effective settings and where each came from."""
    from briefing_tui.core.config.settings import format_effective_settings

    print(format_effective_settings(effective_settings_or_exit(args)))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate briefing files; print a summary of each good one."""
    from briefing_tui.core.content.loader import BriefingError, load_briefing

    status = EXIT_OK
    for file in args.files:
        try:
            briefing = load_briefing(file)
        except BriefingError as error:
            print_problems(error.problems)
            status = EXIT_USAGE
            continue
        print(neutralise(f"ok {file}: {summary_line(briefing)}"))
    return status


def summary_line(briefing: Briefing) -> str:
    """Counts of a briefing's parts, as ``validate`` prints them."""
    return ", ".join(
        f"{number} {word}{'' if number == 1 else 's'}" for number, word in briefing.part_counts()
    )


def cmd_schema(args: argparse.Namespace) -> int:
    """Print (or write) the JSON Schema of the content format."""
    from briefing_tui.core.content.scaffold import schema_text

    text = schema_text()
    if args.output:
        from briefing_tui.core.config.atomic import write_atomically

        try:
            write_atomically(Path(args.output), text.encode("utf-8"), private=False)
        except OSError as error:
            print_error(f"{args.output}: cannot write: {error.strerror}")
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Write a commented starter briefing to a new file, and the schema beside it."""
    from briefing_tui.core.content.scaffold import (
        ScaffoldError,
        write_schema_beside,
        write_starter,
    )

    try:
        write_starter(args.path, args.title)
    except ScaffoldError as error:
        print_error(f"{args.path}: {error.message}")
        return EXIT_USAGE
    try:
        schema, outcome = write_schema_beside(Path(args.path))
    except ScaffoldError as error:
        # The briefing is written: say so, and why editors will not complete its keys.
        print(neutralise(f"wrote {args.path}; open it with: briefing --watch {args.path}"))
        print_error(f"{error.message} (editors will not complete keys until it is)")
        return EXIT_OK
    wrote = f"wrote {args.path}"
    if outcome == "written":
        wrote += f" and {schema} (for editors to complete keys)"
    print(neutralise(f"{wrote}; open it with: briefing --watch {args.path}"))
    if outcome == "kept":
        print(
            neutralise(
                f"kept the {schema} already there; if it is an older schema, "
                f"update it with: briefing schema -o {schema}"
            )
        )
    return EXIT_OK


HELP_TOPICS = {
    "format": ("content-format.md", "the content format: every table and key, by example"),
    "authoring": ("authoring.md", "writing a briefing: the loop, lint checks, every error"),
}
"""``briefing help TOPIC``: the documents installed with the app, and what each is about."""


def cmd_help(args: argparse.Namespace) -> int:
    """Print one of the documents installed with the app, or list them."""
    from briefing_tui.core.config.resources import bundled_dir

    if args.topic is None:
        for topic, (_, about) in HELP_TOPICS.items():
            print(f"briefing help {topic:<10} {about}")
        print(f"briefing --help {'':<8} every command and its options")
        return EXIT_OK
    if args.topic not in HELP_TOPICS:
        choices = ", ".join(HELP_TOPICS)
        print_error(f"unknown topic {args.topic!r} (choose from {choices})")
        return EXIT_USAGE
    document = bundled_dir("docs") / HELP_TOPICS[args.topic][0]
    try:
        sys.stdout.write(document.read_text(encoding="utf-8"))
    except OSError as error:
        print_error(f"{document}: cannot read: {error.strerror}")
        return EXIT_USAGE
    return EXIT_OK


EXIT_LINT_WARNINGS = 1


def cmd_lint(args: argparse.Namespace) -> int:
    """Warn about what is valid but weak in briefing files; errors as ``validate`` reports them."""
    from briefing_tui.core.content.lint import lint_file
    from briefing_tui.core.content.loader import BriefingError

    status = EXIT_OK
    for file in args.files:
        try:
            warnings = lint_file(file)
        except BriefingError as error:
            print_problems(error.problems)
            status = EXIT_USAGE
            continue
        for warning in warnings:
            print(str(warning))
        if not warnings:
            print(neutralise(f"ok {file}: no warnings"))
        elif args.strict and status == EXIT_OK:
            status = EXIT_LINT_WARNINGS
    return status


CARD_FORMATS = ("anki", "csv")
"""Export formats that hold the briefing's cards only."""


def cmd_export(args: argparse.Namespace) -> int:
    """Export a briefing (with the reader's study data on request), or its cards."""
    if args.format in CARD_FORMATS and args.with_notes:
        print_error(
            f"briefing export: --with-notes is for md, html and txt; "
            f"{args.format} exports hold the briefing's cards only"
        )
        return EXIT_USAGE
    briefing = load_or_exit(args.file)
    exported = os.fspath(_briefing_path(args.file))
    if args.format in CARD_FORMATS:
        data = _exported_cards(briefing, args.format, exported)
        if data is None:
            return EXIT_USAGE
    else:
        data = _exported_document(briefing, args.format, args.with_notes)
    to_stdout = not args.output or args.output == "-"
    if not to_stdout and _same_file(args.output, exported):
        print_error(f"{args.output}: is the briefing being exported; choose another output file")
        return EXIT_USAGE
    if to_stdout and args.format == "anki" and sys.stdout.isatty():
        print_error(
            "briefing export: an Anki package is not text for a terminal; "
            "write it to a file with -o FILE.apkg"
        )
        return EXIT_USAGE
    if not to_stdout:
        from briefing_tui.core.config.atomic import write_atomically

        try:
            write_atomically(Path(args.output), data, private=False)
        except OSError as error:
            print_error(f"{args.output}: cannot write: {error.strerror}")
            return EXIT_USAGE
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    return EXIT_OK


def _exported_document(briefing: Briefing, kind: str, with_notes: bool) -> bytes:
    """The briefing as Markdown, HTML or text; with the reader's own study data if asked."""
    from briefing_tui.core.output.export import export_html, export_markdown, export_text

    study = None
    if with_notes:
        from briefing_tui.core.study.store import StudyStore

        # Read-only: an export never writes study data, nor moves a damaged file aside.
        study = StudyStore(briefing, read_only=True)
        for message in study.take_messages():
            print_error(message)
    exporters = {"md": export_markdown, "html": export_html, "txt": export_text}
    return exporters[kind](briefing, study).encode("utf-8")


def _exported_cards(briefing: Briefing, kind: str, name: str) -> bytes | None:
    """The briefing's cards as an Anki package or CSV; None, said why, when it has none."""
    from briefing_tui.core.output.cards import anki_package, cards_csv
    from briefing_tui.core.study.practice import all_cards

    if not all_cards(briefing):
        print_error(f"briefing export: {name} has no questions, glossary terms or cards to export")
        return None
    return anki_package(briefing) if kind == "anki" else cards_csv(briefing).encode("utf-8")


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _print_width(value: str) -> int:
    from briefing_tui.core.output.plaintext import MIN_WIDTH

    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if width != 0 and not MIN_WIDTH <= width <= 10_000:
        raise argparse.ArgumentTypeError(
            f"must be 0 (no wrapping) or from {MIN_WIDTH} to 10000, got {width}"
        )
    return width


def _followers_per_user(value: str) -> int:
    from briefing_tui.core.present.share import MAX_FOLLOWERS

    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= count <= MAX_FOLLOWERS:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_FOLLOWERS}, got {count}")
    return count


def _listen_address(value: str) -> ListenAddress:
    from briefing_tui.core.present.ssh_access import SshOptionError, parse_listen_address

    try:
        return parse_listen_address(value)
    except SshOptionError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _whole_number(value: str, low: int, high: int) -> int:
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not low <= count <= high:
        raise argparse.ArgumentTypeError(f"must be from {low} to {high}, got {count}")
    return count


def _positive_count(value: str) -> int:
    return _whole_number(value, 1, 10_000)


def _browser_count(value: str) -> int:
    return _whole_number(value, 0, 1_000)


def cmd_print(args: argparse.Namespace) -> int:
    """Print a briefing as plain text for screen readers, grep and pipes."""
    from briefing_tui.core.output.plaintext import render_plain

    briefing = load_or_exit(args.file)
    width = args.width
    if width is None:
        width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    sys.stdout.write(render_plain(briefing, width))
    return EXIT_OK


Command = Callable[[argparse.Namespace], int]
if TYPE_CHECKING:
    # argparse's name for what add_subparsers returns.
    Subparsers = argparse._SubParsersAction[ArgumentParser]


def _settings_options() -> ArgumentParser:
    """Options every app-starting command shares: theme and settings."""
    common = ArgumentParser(add_help=False)
    group = common.add_argument_group("themes and settings")
    group.add_argument(
        "--theme",
        metavar="NAME",
        help="theme to use (beats NO_COLOR, BRIEFING_THEME and the settings file)",
    )
    group.add_argument(
        "--theme-dir",
        metavar="DIR",
        type=Path,
        action="append",
        default=[],
        help="also load theme files from DIR (repeatable)",
    )
    group.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        help="read this settings file instead of the default config.toml",
    )
    return common


def build_parser(command: str | None = None) -> ArgumentParser:
    """The argument parser of ``briefing`` and its subcommands, or of *command* alone.

    Building every subcommand's parser takes about 5 ms, a cost of every
    start of the app: ``main`` builds only the one it runs.
    """
    parser = ArgumentParser(
        prog="briefing",
        description=(
            "Explore, study and present a policy briefing in the terminal. "
            "With no command, open FILE (or the bundled briefing) in the explorer."
        ),
        epilog="Run 'briefing COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for name in COMMANDS if command is None else (command,):
        _SUBCOMMANDS[name](commands)
    return parser


def _open_command(commands: Subparsers) -> None:
    open_parser = commands.add_parser(
        "open",
        parents=[_settings_options()],
        help="open a briefing in the explorer (the default command)",
    )
    _file_argument(open_parser, "briefing file to open")
    open_parser.add_argument(
        "--no-save",
        action="store_true",
        help="write nothing: no notes, progress or theme choice are saved",
    )
    open_parser.add_argument(
        "--watch",
        action="store_true",
        help="reload FILE each time it is saved, keeping your place (for authors)",
    )
    open_parser.set_defaults(handler=cmd_open)


def _validate_command(commands: Subparsers) -> None:
    validate = commands.add_parser(
        "validate", help="check briefing files against the content format"
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="briefing files to check")
    validate.set_defaults(handler=cmd_validate)


def _schema_command(commands: Subparsers) -> None:
    schema = commands.add_parser("schema", help="print the JSON Schema of the content format")
    schema.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE")
    schema.set_defaults(handler=cmd_schema)


def _new_command(commands: Subparsers) -> None:
    new = commands.add_parser(
        "new",
        help="write a commented starter briefing to a new file, and the schema beside it",
    )
    new.add_argument("path", metavar="PATH", help="the file to create (never overwritten)")
    new.add_argument("--title", metavar="TEXT", help="the briefing's title (default: from PATH)")
    new.set_defaults(handler=cmd_new)


def _help_command(commands: Subparsers) -> None:
    help_parser = commands.add_parser(
        "help", help="print the documentation installed with the app (the content format...)"
    )
    help_parser.add_argument(
        "topic", nargs="?", metavar="TOPIC", help=f"one of {', '.join(HELP_TOPICS)}"
    )
    help_parser.set_defaults(handler=cmd_help)


def _lint_command(commands: Subparsers) -> None:
    lint = commands.add_parser("lint", help="warn about what is valid but weak in briefing files")
    lint.add_argument("files", nargs="+", metavar="FILE", help="briefing files to check")
    lint.add_argument(
        "--strict", action="store_true", help="exit with status 1 when there are warnings"
    )
    lint.set_defaults(handler=cmd_lint)


def _themes_command(commands: Subparsers) -> None:
    themes = commands.add_parser(
        "themes",
        parents=[_settings_options()],
        help="list the themes, or check theme files",
    )
    themes.add_argument(
        "--check", nargs="+", metavar="FILE", help="validate theme files (exit 2 on error)"
    )
    themes.set_defaults(handler=cmd_themes)


def _config_command(commands: Subparsers) -> None:
    config = commands.add_parser(
        "config",
        parents=[_settings_options()],
        help="show the effective settings and where each came from",
    )
    config.set_defaults(handler=cmd_config)


def _present_command(commands: Subparsers) -> None:
    present_parser = commands.add_parser(
        "present",
        parents=[_settings_options()],
        help="present a briefing as slides, optionally shared",
    )
    _file_argument(present_parser, "briefing file to present")
    present_parser.add_argument(
        "--share",
        metavar="NAME",
        help="let others follow with 'briefing follow NAME' (private to your user by default)",
    )
    present_parser.add_argument(
        "--share-group",
        metavar="GROUP",
        help="share with the members of GROUP, who follow with 'briefing follow NAME --from YOU'",
    )
    present_parser.add_argument(
        "--share-per-user",
        metavar="N",
        type=_followers_per_user,
        help="let any one other user follow with at most N terminals at once "
        "(default: 100; raise it for an audience sharing one account)",
    )
    present_parser.add_argument(
        "--watch",
        action="store_true",
        help="rebuild the slides each time FILE is saved, staying on the same slide",
    )
    _ssh_options(present_parser)
    present_parser.set_defaults(handler=cmd_present)


def _ssh_options(present_parser: ArgumentParser) -> None:
    from briefing_tui.core.present.ssh_access import host_key_path, known_fingerprint

    key = host_key_path()
    fingerprint = known_fingerprint(key)
    group = present_parser.add_argument_group(
        "serving over SSH",
        "An audience follows the share with nothing but ssh: 'ssh -p PORT HOST', any user "
        "name, the join code from your bar. The host key is made once, in "
        f"{neutralise(str(key))}; its fingerprint is printed when the server starts and "
        "shown with the key c"
        + (f": {fingerprint}" if fingerprint else "")
        + ". See docs/presenting.md.",
    )
    group.add_argument(
        "--ssh",
        metavar="[ADDR:]PORT",
        type=_listen_address,
        help="serve the share over SSH on PORT (address 127.0.0.1 unless given: "
        "0.0.0.0:2222 serves other machines)",
    )
    group.add_argument(
        "--ssh-keys",
        metavar="FILE",
        type=Path,
        help="admit only the keys in this authorized_keys file (no join code)",
    )
    group.add_argument(
        "--ssh-open",
        action="store_true",
        help="admit anyone, with no join code: for trusted networks only",
    )
    group.add_argument(
        "--ssh-max",
        metavar="N",
        type=_positive_count,
        help="at most N SSH connections at once (default: 500)",
    )
    group.add_argument(
        "--ssh-browsers",
        metavar="N",
        type=_browser_count,
        help="at most N SSH followers browsing on their own at once, each an app "
        "of its own of about 50 MiB (default: 8; 0: none)",
    )


def _notes_command(commands: Subparsers) -> None:
    notes_parser = commands.add_parser(
        "notes",
        parents=[_settings_options()],
        help="show the speaker notes of your presentation (waits for it to start)",
    )
    notes_parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="the briefing file being presented (default: whichever briefing you present)",
    )
    notes_parser.set_defaults(handler=cmd_notes)


def _follow_command(commands: Subparsers) -> None:
    follow_parser = commands.add_parser(
        "follow",
        parents=[_settings_options()],
        help="follow a shared presentation, read-only",
    )
    follow_parser.add_argument("name", metavar="NAME", help="the name the presenter shares as")
    follow_parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="your own copy of the briefing being presented "
        "(default: the briefing the presenter sends)",
    )
    follow_parser.add_argument(
        "--from",
        dest="owner",
        metavar="USER",
        help="follow USER's group share (presented with --share-group)",
    )
    follow_parser.add_argument(
        "--dir",
        dest="folder",
        metavar="DIR",
        type=Path,
        help="look for the share in DIR first: the directory a presenter shows when "
        "the usual one was taken",
    )
    follow_parser.set_defaults(handler=cmd_follow)


def _export_command(commands: Subparsers) -> None:
    export = commands.add_parser(
        "export", help="export a briefing as Markdown, HTML or plain text, or its cards"
    )
    _file_argument(export, "briefing file to export")
    export.add_argument(
        "--format",
        choices=("md", "html", "txt", *CARD_FORMATS),
        required=True,
        help="md, html or txt; or the cards (questions, glossary terms, [[cards]]) as an "
        "Anki package (anki) or as CSV for other flashcard tools (csv)",
    )
    export.add_argument(
        "--with-notes",
        action="store_true",
        help="include your own notes, bookmarks, scoreboard weights and study progress, as "
        "the app keeps them (these are not the speaker notes of the briefing, which are "
        "never exported); md, html and txt only",
    )
    export.add_argument("-o", "--output", metavar="OUT", help="write to OUT (default: stdout)")
    export.set_defaults(handler=cmd_export)


def _print_command(commands: Subparsers) -> None:
    print_parser = commands.add_parser(
        "print", help="print a briefing as plain text (for screen readers, grep, pipes)"
    )
    _file_argument(print_parser, "briefing file to print")
    print_parser.add_argument(
        "--width",
        type=_print_width,
        default=None,
        metavar="N",
        help="wrap lines to N columns (default: the terminal's width, or 80; 0: do not wrap)",
    )
    print_parser.set_defaults(handler=cmd_print)


_SUBCOMMANDS: dict[str, Callable[[Subparsers], None]] = {
    "open": _open_command,
    "validate": _validate_command,
    "schema": _schema_command,
    "new": _new_command,
    "lint": _lint_command,
    "themes": _themes_command,
    "config": _config_command,
    "present": _present_command,
    "notes": _notes_command,
    "follow": _follow_command,
    "export": _export_command,
    "print": _print_command,
    "help": _help_command,
}

COMMANDS: tuple[str, ...] = tuple(_SUBCOMMANDS)
"""The subcommands of ``briefing``, in the order ``--help`` lists them."""


def _looks_like_command(word: str, commands: frozenset[str]) -> bool:
    """True for a mistyped command ("exprot"), not a briefing file that happens to exist."""
    if word.startswith("-") or "/" in word or "." in word or os.path.exists(word):
        return False
    return bool(difflib.get_close_matches(word, sorted(commands), n=1))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``briefing`` command; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    first = next((arg for arg in arguments if arg != "--"), None)
    if first in ("-h", "--help", "--version"):
        parser = build_parser()
    elif first in COMMANDS:
        parser = build_parser(first)
    else:
        names = frozenset(COMMANDS)
        if first is not None and _looks_like_command(first, names):
            close = difflib.get_close_matches(first, sorted(names), n=1)
            build_parser().error(f"unknown command {first!r} (did you mean {close[0]!r}?)")
        arguments.insert(0, "open")
        parser = build_parser("open")
    if sys.stdout is None:
        print_error("briefing: cannot write the output: standard output is closed")
        return EXIT_USAGE
    try:
        status = _parse_and_run(parser, arguments)
        sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `briefing print | head`); that is not an error.
        _discard_output()
        return EXIT_OK
    except OSError as error:
        # The output cannot be written (a full disk, /dev/full): one line, not a traceback.
        _discard_output()
        print_error(f"briefing: cannot write the output: {error.strerror or error}")
        return EXIT_USAGE
    return status


def _parse_and_run(parser: ArgumentParser, arguments: list[str]) -> int:
    """Parse *arguments* and run their command; the exit status, argparse's exits included."""
    try:
        command = arguments[0] if arguments[0] in COMMANDS else None
        if command is None:
            args = parser.parse_args(arguments)
        else:
            # A command's own parser reads options anywhere among its positionals:
            # `follow talk --from root FILE` as well as `follow talk FILE --from root`.
            args = _command_parser(parser, command).parse_intermixed_args(arguments[1:])
        handler: Command = args.handler
        return handler(args)
    except SystemExit as leaving:
        # Help, --version, usage errors and load_or_exit end here, their output
        # written: the caller still makes sure it reached the reader.
        return leaving.code if isinstance(leaving.code, int) else EXIT_USAGE


def _discard_output() -> None:
    """Send what is still buffered for standard output nowhere, so that exit does not fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _command_parser(parser: ArgumentParser, command: str) -> argparse.ArgumentParser:
    """The parser of *command* within *parser* (built with it by :func:`build_parser`)."""
    subparsers = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    found: argparse.ArgumentParser = subparsers.choices[command]
    return found
