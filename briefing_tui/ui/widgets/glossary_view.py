"""The glossary: terms with their definitions, aliases and where they are used."""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from briefing_tui.core.content.links import find_link_targets, parse_internal_link
from briefing_tui.core.content.model import term_key
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.labels import place_label
from briefing_tui.ui.widgets.link_list import LinkList
from briefing_tui.ui.widgets.list_detail_view import ListDetailView


class GlossaryView(ListDetailView):
    """Every glossary term in alphabetical order."""

    VIEW_TITLE = "Glossary"

    def options(self) -> list[Option]:
        """One option per term, keyed by the term's normalised form."""
        terms = sorted(self.briefing.glossary, key=lambda term: term.term.casefold())
        return [Option(Content(term.term), id=term_key(term.term)) for term in terms]

    def show_detail(self, item: str) -> None:
        """Show the term whose key is *item*."""
        briefing = self.briefing
        term = briefing.terms_by_key[item]
        names = {term_key(name) for name in (term.term, *term.aliases)}
        used_in = []
        for section in briefing.sections:
            for href in find_link_targets(section.body):
                link = parse_internal_link(href)
                if link is not None and link.kind == "term" and term_key(link.target) in names:
                    place = Place("section", section.id)
                    used_in.append((place_label(briefing, place), place))
                    break
        links = [LinkList("Used in", used_in)] if used_in else []
        title = Content.styled(term.term, "bold")
        if term.aliases:
            title = Content.assemble(title, ("  also: " + ", ".join(term.aliases), "$text-muted"))
        self.set_detail(title, term.definition, links)
