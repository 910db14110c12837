"""What a user would read: the text of a running app's screen, for Pilot tests.

A behaviour test asserts what the user sees. Internal state (the history's
current place, a widget's attribute) can say "section 2 is open" while the
pane shows nothing, or shows it under a view that still takes the keys.
These helpers read the frame the compositor would send to the terminal —
every visible widget, dialogs over the screens under them, styles stripped —
and compare text with it::

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert_on_screen(app, "Why Moscow and Pyongyang", within=main_pane(app))

Matching ignores how text is wrapped: runs of spaces and line ends count as
one space, so a sentence wrapped over three lines of a pane still matches.
Give ``within`` (a widget) to read only that widget's content region (less
any scrollbar, whose thumb would sit in the middle of a line of text), so
that a phrase cannot match in the outline when it should be in the text;
without it the whole screen is read, line by line as the terminal shows it.

On failure the message names the missing text and prints the screen.
"""

from __future__ import annotations

import re
from typing import Any

from rich.cells import cell_len
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget


def _region(within: Widget | Region | None) -> Region | None:
    """The part of the screen *within* names: a widget's content, less its scrollbars."""
    return within.scrollable_content_region if isinstance(within, Widget) else within


def screen_lines(app: App[Any], within: Widget | Region | None = None) -> list[str]:
    """The rows of the screen as text, cropped to *within* (a widget's content, or a region)."""
    compositor = app.screen._compositor
    # Reading the frame marks the screen clean; keep what the app still has to send.
    dirty = set(compositor._dirty_regions)
    update = compositor.render_update(full=True, screen_stack=app._background_screens)
    compositor._dirty_regions.update(dirty)
    rows = ["".join(strip.text for strip in line) for line in update.strips]
    region = _region(within)
    if region is None:
        return [row.rstrip() for row in rows]
    return [row[region.x : region.right].rstrip() for row in rows[region.y : region.bottom]]


_SCROLLBAR = re.compile(r"[\u2580-\u259f]+")


def reversed_text(app: App[Any], within: Widget | Region | None = None) -> list[str]:
    """The runs of text drawn in reverse video (a focused link, say), in reading order.

    A run is cut where a line ends: a link wrapped over two lines is two runs.
    """
    compositor = app.screen._compositor
    dirty = set(compositor._dirty_regions)
    update = compositor.render_update(full=True, screen_stack=app._background_screens)
    compositor._dirty_regions.update(dirty)
    region = _region(within)
    runs: list[str] = []
    for y, line in enumerate(update.strips):
        if region is not None and not region.y <= y < region.bottom:
            continue
        x = 0
        run = ""
        for segment in (segment for strip in line for segment in strip):
            text = segment.text
            inside = region is None or region.x <= x < region.right
            if inside and segment.style is not None and segment.style.reverse:
                run += text
            elif run:
                runs.append(run)
                run = ""
            x += cell_len(text)
        if run:
            runs.append(run)
    # Scrollbars draw their thumbs in reverse too: runs of block elements are left out.
    return [run.strip() for run in runs if run.strip() and not _SCROLLBAR.fullmatch(run.strip())]


def screen_text(app: App[Any], within: Widget | Region | None = None) -> str:
    """The screen (or the part *within*) as the user reads it: rows joined by newlines."""
    return "\n".join(screen_lines(app, within))


def _flat(text: str) -> str:
    return " ".join(text.split())


def shows(app: App[Any], text: str, within: Widget | Region | None = None) -> bool:
    """True when *text* can be read on the screen (or *within*), however it is wrapped."""
    return _flat(text) in _flat(screen_text(app, within))


def _framed(app: App[Any], within: Widget | Region | None) -> str:
    lines = screen_lines(app, within)
    width = max((len(line) for line in lines), default=0)
    rule = "+" + "-" * width + "+"
    return "\n".join([rule, *(f"|{line.ljust(width)}|" for line in lines), rule])


def assert_on_screen(app: App[Any], *texts: str, within: Widget | Region | None = None) -> None:
    """Fail unless every one of *texts* is on the screen (or *within*); show the screen if not."""
    missing = [text for text in texts if not shows(app, text, within)]
    where = "on the screen" if within is None else f"in {within!r}"
    assert not missing, f"expected {missing!r} {where}; it shows:\n{_framed(app, within)}"


def assert_not_on_screen(app: App[Any], *texts: str, within: Widget | Region | None = None) -> None:
    """Fail if any of *texts* is on the screen (or *within*); show the screen if so."""
    present = [text for text in texts if shows(app, text, within)]
    where = "on the screen" if within is None else f"in {within!r}"
    assert not present, f"did not expect {present!r} {where}; it shows:\n{_framed(app, within)}"


def assert_hangs(
    app: App[Any],
    label: str,
    text: str,
    within: Widget | Region | None = None,
    *,
    whole: tuple[str, ...] = (),
) -> None:
    """Fail unless *text* follows *label* on a row, and every row it wraps onto starts under it.

    A hanging indent: the text's later rows begin in the column where its
    first row began, none further left (under the label) and none further
    right. Spaces are ignored in matching the text, so that a long word may be
    broken over rows. Each of *whole* must not be broken: it is on one row.
    """
    rows = screen_lines(app, within)
    wanted = "".join(text.split())
    failure = f"expected {text!r} after {label!r}, hanging; it shows:\n{_framed(app, within)}"
    for number, row in enumerate(rows):
        at = row.find(label)
        if at == -1 or not row[at + len(label) :].strip():
            continue
        after = row[at + len(label) :]
        column = at + len(label) + len(after) - len(after.lstrip())
        if not wanted.startswith("".join(row[column:].split())):
            continue
        pieces = [row[column:].strip()]
        for later in rows[number + 1 :]:
            if len("".join("".join(pieces).split())) >= len(wanted):
                break
            assert later[:column].strip() == "", failure
            assert later[column : column + 1] not in ("", " "), failure
            pieces.append(later[column:].strip())
        assert "".join("".join(pieces).split()) == wanted, failure
        for part in whole:
            assert any(part in piece for piece in pieces), f"{part!r} is broken; {failure}"
        return
    raise AssertionError(failure)
