"""The glossary: terms with their definitions, aliases and where they are used."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets.option_list import Option

from briefing_tui.core.content.links import find_link_targets, parse_internal_link
from briefing_tui.core.content.model import Briefing, Term, term_key
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.widgets.cross_link import CrossLink
from briefing_tui.ui.widgets.link_list import LinkList, links_to
from briefing_tui.ui.widgets.list_detail_view import ListDetailView


class GlossaryView(ListDetailView):
    """Every glossary term in alphabetical order.

    Enter on a term takes the keys to the sections that use it.
    """

    # Before the list's own enter (priority), which only moves into the detail.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "show_uses", "Where it is used", priority=True, id="glossary.uses"),
    ]
    HELP_GROUP = "Glossary"
    VIEW_TITLE = "Glossary"

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(briefing, id=id)
        self._used_in: list[Place] = []
        """The sections that use the term shown."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter shows only for a term that some section uses, and only on the list."""
        if action == "show_uses":
            return self._on_the_list() and bool(self._used_in)
        return True

    def action_show_uses(self) -> None:
        """Focus the first section that uses the term, scrolled into view."""
        uses = self.query(".-used-in CrossLink").results(CrossLink)
        first = next((link for link in uses if link.display), None)
        if first is not None:
            first.focus()

    def options(self) -> list[Option]:
        """One option per term, keyed by the term's normalised form."""
        terms = sorted(self.briefing.glossary, key=lambda term: term.term.casefold())
        return [Option(Content(term.term), id=term_key(term.term)) for term in terms]

    def show_detail(self, item: str) -> None:
        """Show the term whose key is *item*."""
        briefing = self.briefing
        term = briefing.terms_by_key[item]
        self._used_in = sections_using(briefing, term)
        used_in = links_to(briefing, self._used_in)
        links = [LinkList("Used in", used_in, classes="-used-in")] if used_in else []
        title = Content.styled(term.term, "bold")
        if term.aliases:
            title = Content.assemble(title, ("  also: " + ", ".join(term.aliases), "$text-muted"))
        self.set_detail(title, term.definition, links)


def sections_using(briefing: Briefing, term: Term) -> list[Place]:
    """The sections whose text links to *term*, under its name or an alias."""
    names = {term_key(name) for name in (term.term, *term.aliases)}
    places = []
    for section in briefing.sections:
        for href in find_link_targets(section.body):
            link = parse_internal_link(href)
            if link is not None and link.kind == "term" and term_key(link.target) in names:
                places.append(Place("section", section.id))
                break
    return places
