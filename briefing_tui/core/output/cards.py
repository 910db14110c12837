"""Cards that travel: a briefing's cards as an Anki package, or as CSV for other tools.

Every card of the briefing (:func:`~briefing_tui.core.study.practice.all_cards`:
its questions, glossary terms and the author's ``[[cards]]``) becomes one
note, tagged with the briefing's id and, for a card on a section,
``BRIEFING::SECTION``.

- :func:`anki_package`: an ``.apkg`` written with the ``genanki`` package
  (imported only here). Each note's GUID is made from the briefing's id and
  the card's study key, so importing a newer export updates the notes
  already imported rather than adding copies; the answer is HTML (the
  Markdown rendered, raw HTML kept as text, links inside the briefing as
  their text).
- :func:`cards_csv`: ``front,back,tags`` rows quoted as RFC 4180 says, with
  CRLF line ends; the answer is plain text, as ``briefing print`` shows it.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import warnings
from typing import TYPE_CHECKING

from briefing_tui.core.content.links import is_external
from briefing_tui.core.content.markdown import markdown_parser
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.output.plaintext import markdown_lines
from briefing_tui.core.study.practice import Card, all_cards

if TYPE_CHECKING:
    from markdown_it.token import Token

NOTE_TYPE = "briefing-tui card"
"""The name of the Anki note type of every exported card: a front and a back."""
_CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; }
.also { color: #777; font-style: italic; }
"""


def _anki_id(name: str) -> int:
    """A stable Anki id for *name*, in the range Anki gives ids made by hand: [2**30, 2**31)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def card_tags(briefing: Briefing, card: Card) -> list[str]:
    """The tags of a card: the briefing's id, and ``BRIEFING::SECTION`` for a card on a section."""
    briefing_id = briefing.briefing.id
    tags = [briefing_id]
    if card.section is not None:
        tags.append(f"{briefing_id}::{card.section}")
    return tags


def anki_package(briefing: Briefing) -> bytes:
    """The briefing's cards as an Anki package (``.apkg``), one note per card, as bytes."""
    import genanki  # type: ignore[import-untyped]  # genanki ships no type hints

    note_type = genanki.Model(
        _anki_id(NOTE_TYPE),
        NOTE_TYPE,
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[
            {
                "name": "Card",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}\n\n<hr id="answer">\n\n{{Back}}',
            }
        ],
        css=_CSS,
    )
    meta = briefing.briefing
    # "::" in a deck's name makes a deck inside another in Anki: the title is one name.
    deck = genanki.Deck(_anki_id(f"deck:{meta.id}"), meta.title.replace("::", ":"))
    for position, card in enumerate(all_cards(briefing)):
        deck.add_note(
            genanki.Note(
                model=note_type,
                fields=[html.escape(card.prompt), _back_html(card)],
                tags=card_tags(briefing, card),
                guid=genanki.guid_for(meta.id, card.key),
                due=position,
            )
        )
    package = io.BytesIO()
    with warnings.catch_warnings():
        # genanki warns of HTML it does not know; every field is escaped or rendered here.
        warnings.simplefilter("ignore")
        genanki.Package(deck).write_to_file(package)
    return package.getvalue()


def _back_html(card: Card) -> str:
    """The answer as HTML, and a term's other names under it."""
    answer = _markdown_html(card.answer)
    if card.also:
        answer += f'\n<p class="also">Also: {html.escape(", ".join(card.also))}</p>'
    return answer


def _markdown_html(markdown: str) -> str:
    """*markdown* as HTML: raw HTML escaped, links inside the briefing as their text.

    An image becomes a link to it: Anki would otherwise look for it among
    the package's media, which holds none.
    """
    parser = markdown_parser()
    tokens = parser.parse(markdown)
    for token in tokens:
        if token.children:
            token.children = _links_outside_only(token.children)
    rendered: str = parser.renderer.render(tokens, parser.options, {})
    return rendered.strip()


def _links_outside_only(children: list[Token]) -> list[Token]:
    """Inline *children* with links inside the briefing unwrapped, and images as links."""
    from markdown_it.token import Token

    kept: list[Token] = []
    outside: list[bool] = []
    """For each link open at this point, whether it goes outside the briefing."""
    for token in children:
        if token.type == "link_open":
            outside.append(is_external(str(token.attrs.get("href", ""))))
            if outside[-1]:
                kept.append(token)
        elif token.type == "link_close":
            if outside.pop():
                kept.append(token)
        elif token.type == "image":
            source = str(token.attrs.get("src", ""))
            text = Token("text", "", 0, content=token.content or source)
            if is_external(source):
                kept += [Token("link_open", "a", 1, attrs={"href": source}), text]
                kept.append(Token("link_close", "a", -1))
            else:
                kept.append(text)
        else:
            kept.append(token)
    return kept


def cards_csv(briefing: Briefing) -> str:
    """The briefing's cards as CSV: a header, then ``front,back,tags`` for each card."""
    output = io.StringIO(newline="")
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(["front", "back", "tags"])
    for card in all_cards(briefing):
        back = "\n".join(markdown_lines(card.answer, 0, "")).strip("\n")
        if card.also:
            back += f"\n\nAlso: {', '.join(card.also)}"
        writer.writerow([card.prompt, back, " ".join(card_tags(briefing, card))])
    return output.getvalue()
