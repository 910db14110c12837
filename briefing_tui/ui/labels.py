"""How briefing items are named on screen: labels, badges and symbols.

Every label is built as :class:`~textual.content.Content` from the content's
plain text, so nothing a content file says is ever parsed as markup. Stances
and sides carry a symbol as well as a colour, so they read in the
monochrome theme and for colour-blind readers.
"""

from __future__ import annotations

from textual.content import Content

from briefing_tui.core.content.model import Actor, Briefing, Stance
from briefing_tui.core.study.navigation import Place

STANCE_SYMBOLS: dict[Stance, str] = {
    "supports": "▲",
    "opposes": "▼",
    "ambivalent": "◆",
    "neutral": "●",
    "unknown": "?",
}

SIDE_SYMBOLS = {"pro": "+", "con": "−"}


def stance_badge(stance: Stance) -> Content:
    """The stance as a coloured badge with a symbol: ``▼ opposes``.

    A stance the briefing does not give is said in muted words, not as a badge.
    """
    if stance == "unknown":
        return Content.styled("stance not given", "$text-muted")
    return Content.styled(f"{STANCE_SYMBOLS[stance]} {stance}", f"$stance-{stance} bold")


def stance_label(actor: Actor) -> Content:
    """An actor's name followed by its stance badge; the name alone when it has no stance."""
    if actor.stance == "unknown":
        return Content(actor.name)
    return Content.assemble(actor.name, "  ", stance_badge(actor.stance))


def possessive(name: str) -> str:
    """*name*'s, or *name*' for a name that ends in s: "China's", "United States'"."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def place_label(briefing: Briefing, place: Place) -> Content:
    """A short human name for *place*, e.g. a section's title or an actor's name."""
    if place.view == "section":
        section = briefing.sections_by_id[place.item]
        return Content.assemble(("§ ", "$text-muted"), section.title)
    if place.view == "actor":
        return stance_label(briefing.actors_by_id[place.item])
    if place.view == "scoreboard":
        board = briefing.scoreboards_by_id[place.item]
        argument = next((arg for arg in board.arguments if arg.id == place.detail), None)
        if argument is not None:
            return Content.assemble(
                (f"{SIDE_SYMBOLS[argument.side]} ", f"${argument.side} bold"), argument.claim
            )
        return Content(board.title)
    if place.view == "glossary" and place.item:
        term = briefing.terms_by_key.get(place.item)
        return Content.assemble(("≡ ", "$text-muted"), term.term if term else place.item)
    return Content(place.view.capitalize())
