"""The panel that lists what is wrong with a watched briefing file after a save."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from briefing_tui.core.content.text import neutralise


class ErrorPanel(Static):
    """Problems of the last reload, docked at the bottom of the screen.

    The app keeps showing the last good version of the briefing while the
    file on disk is broken; this panel says so and lists each problem as
    ``FILE:LINE:COL: path: message``. The lines quote the author's input, so
    they are neutralised and shown as plain content, never as markup.
    """

    MAX_SHOWN = 8
    """Problems listed before the rest are summed up in one line."""

    def __init__(
        self, problems: Sequence[str], *, nothing_shown: bool = False, id: str | None = None
    ) -> None:
        """Create the panel.

        Args:
            problems: One line per problem, as ``str(Problem)`` gives it.
            nothing_shown: No version of the file has loaded yet, so none is shown.
            id: The widget's id.
        """
        super().__init__(
            self.describe(problems, nothing_shown),
            markup=False,
            id=id,
            classes="-nothing-shown" if nothing_shown else None,
        )
        self.problems = tuple(problems)
        self.nothing_shown = nothing_shown

    def show_problems(self, problems: Sequence[str]) -> None:
        """Replace the listed problems."""
        self.problems = tuple(problems)
        self.update(self.describe(problems, self.nothing_shown))

    @classmethod
    def describe(cls, problems: Sequence[str], nothing_shown: bool = False) -> Content:
        """The panel's text: a heading, then the problems, one a line."""
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        if nothing_shown:
            after = " — the briefing appears here as soon as it is fixed and saved"
        else:
            after = " — showing the last good version until it is fixed"
        lines = [
            Content.assemble(
                (f"The file has {count} {noun}", "bold $text-error"), (after, "$text-muted")
            )
        ]
        lines += [Content(neutralise(problem)) for problem in problems[: cls.MAX_SHOWN]]
        if count > cls.MAX_SHOWN:
            more = count - cls.MAX_SHOWN
            lines.append(
                Content.styled(f"… and {more} more (run 'briefing validate FILE')", "$text-muted")
            )
        return Content("\n").join(lines)
