"""A key that fails is reported, and the talk goes on.

An exception in a Textual handler ends the app. For a presenter that ends
the presentation for every follower too, so the presenting apps catch an
exception raised by an action (every binding runs one, see
:meth:`~briefing_tui.ui.slide_app.SlideApp.run_action`) or by one of the
few handlers that are not actions (:func:`reports_failures`), log it with
its traceback, show it as a notification, and carry on. Only ``Exception``
is caught: cancellation and ``SystemExit`` still go through.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from textual.app import App
from textual.dom import DOMNode

from briefing_tui.core.content.text import neutralise

log = logging.getLogger(__name__)

FAILURE_TITLE = "That did not work"
"""The title of the notification that reports a failed key."""

Node = TypeVar("Node", bound=DOMNode)
Parameters = ParamSpec("Parameters")


def report_failure(app: App[Any], doing: str, error: Exception) -> None:
    """Log *error* (raised while *doing*) with its traceback, and show it on screen."""
    log.error("%s failed", doing, exc_info=error)
    app.log.error(f"{doing} failed: {error!r}")
    # The message may quote input: plain, neutralised text.
    message = neutralise(f"{doing} failed ({type(error).__name__}: {error}); the talk goes on.")
    app.notify(message, title=FAILURE_TITLE, severity="error", markup=False, timeout=8)


def reports_failures(
    doing: str,
) -> Callable[
    [Callable[Concatenate[Node, Parameters], None]],
    Callable[Concatenate[Node, Parameters], None],
]:
    """Decorate a handler that is not an action: an exception in it is reported, not fatal.

    *doing* names what the handler does, for the report ("Go to slide").
    """

    def decorate(
        handler: Callable[Concatenate[Node, Parameters], None],
    ) -> Callable[Concatenate[Node, Parameters], None]:
        @functools.wraps(handler)
        def guarded(node: Node, /, *args: Parameters.args, **kwargs: Parameters.kwargs) -> None:
            try:
                handler(node, *args, **kwargs)
            except Exception as error:
                report_failure(node.app, doing, error)

        return guarded

    return decorate
