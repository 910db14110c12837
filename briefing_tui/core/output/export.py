"""Export a briefing, optionally with the reader's study data, as Markdown, HTML or text.

- :func:`export_markdown`: one Markdown document. Markdown fields are copied
  as written (with ``#term:`` links pointing at the term's own anchor, and
  the pipes of tables lined up); plain-text fields are escaped so they read
  literally.
- :func:`export_html`: one standalone page that reads offline: inline CSS,
  no scripts, no external resources (a Content-Security-Policy forbids them
  and images become links), every piece of text HTML-escaped, Markdown
  rendered by markdown-it with raw HTML disabled, internal links turned into
  in-page anchors, each scoreboard a table with its balance.
- :func:`export_text`: the plain text of ``briefing print``.

With a :class:`~briefing_tui.core.study.store.StudyStore`, what the reader
wrote goes in, and nothing else of their study data: their notes follow the
items they are on, bookmarks are listed first, scoreboards use the reader's
weights, and notes on items no longer in the briefing close the document.
Anchors are the internal-link forms themselves (``section:ID``,
``actor:ID``, ``argument:BOARD/ID``), so a link ``#section:history`` in a
body needs no rewriting to work in the page; only ``#term:`` links, which
may name an alias in any case, are pointed at the term's one anchor.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import unquote

from markdown_it.token import Token

from briefing_tui.core.content.links import is_external, parse_internal_link
from briefing_tui.core.content.markdown import align_tables, markdown_parser
from briefing_tui.core.content.model import (
    Actor,
    Argument,
    Briefing,
    Scoreboard,
    term_key,
)
from briefing_tui.core.content.text import neutralise
from briefing_tui.core.output.plaintext import (
    argument_row,
    briefing_facts,
    render_plain,
    score_line,
    self_test,
    signed_weight,
)
from briefing_tui.core.study.progress import progress_rows, study_progress
from briefing_tui.core.study.scoring import Weighting, score, verdict
from briefing_tui.core.study.store import StudyStore, event_key, question_key

# Backslash-escaping these makes plain text read literally in Markdown.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
# At the start of a line these would begin a list.
_LIST_START = re.compile(r"^(\d{1,9})([.)])|^([-+])(?=\s|$)")
_TERM_LINK = re.compile(r"\]\(#term:((?:[^()\s]|\([^()\s]*\))+)\)")
_NOT_IN_ANCHOR = re.compile(r"[^\w-]+")


def _term_anchors(briefing: Briefing) -> dict[str, str]:
    """Term slug -> its anchor: ``term:`` and the slug with ``-`` for anything but letters.

    A term may hold quotes or brackets that would break an HTML attribute or a
    Markdown link, so only letters, digits and ``-`` are kept; the rare terms
    that end up alike get a number.
    """
    found: dict[str, str] = {}
    used: set[str] = set()
    for term in briefing.glossary:
        base = "term:" + (_NOT_IN_ANCHOR.sub("-", term.slug).strip("-") or "term")
        anchor, number = base, 2
        while anchor in used:
            anchor, number = f"{base}-{number}", number + 1
        used.add(anchor)
        found[term.slug] = anchor
    return found


def _term_href(briefing: Briefing, anchors: dict[str, str], target: str) -> str | None:
    """The in-page href of a ``#term:`` link, whatever alias or case it uses."""
    term = briefing.terms_by_key.get(term_key(target))
    return f"#{anchors[f'term:{term.slug}']}" if term is not None else None


def anchors(briefing: Briefing) -> dict[str, str]:
    """Study item key -> the anchor of that item in an export."""
    found: dict[str, str] = {}
    for section in briefing.sections:
        found[f"section:{section.id}"] = f"section:{section.id}"
    for actor in briefing.actors:
        found[f"actor:{actor.id}"] = f"actor:{actor.id}"
    for board in briefing.scoreboards:
        found[f"scoreboard:{board.id}"] = f"scoreboard:{board.id}"
        for argument in board.arguments:
            key = f"argument:{board.id}/{argument.id}"
            found[key] = key
    for index, event in enumerate(briefing.events_in_order):
        found.setdefault(event_key(event), f"event:{index}")
    for slug, anchor in _term_anchors(briefing).items():
        found[f"term:{slug}"] = anchor
    for index, question in enumerate(briefing.questions):
        found.setdefault(question_key(question), f"question:{index}")
    return found


def export_text(briefing: Briefing, study: StudyStore | None = None, width: int = 80) -> str:
    """The briefing as plain text (see :func:`~briefing_tui.core.output.plaintext.render_plain`)."""
    return render_plain(briefing, width, study)


# -- Markdown ------------------------------------------------------------------


def markdown_escape(text: str) -> str:
    """Plain *text* escaped so that Markdown shows it literally, on one line."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(neutralise(text).split()))
    return _LIST_START.sub(
        lambda match: f"{match[1]}\\{match[2]}" if match[1] else f"\\{match[3]}", text
    )


def _indented(markdown: str, indent: str) -> str:
    return "\n".join(
        indent + line if line.strip() else "" for line in markdown.strip("\n").split("\n")
    )


class _MarkdownExport:
    def __init__(self, briefing: Briefing, study: StudyStore | None) -> None:
        self.briefing = briefing
        self.study = study
        self.anchors = anchors(briefing)
        self.blocks: list[str] = []

    def add(self, *blocks: str) -> None:
        self.blocks.extend(blocks)

    def body(self, markdown: str, indent: str = "") -> str:
        """A Markdown field, with term links pointing at the terms' anchors."""

        def canonical(match: re.Match[str]) -> str:
            href = _term_href(self.briefing, self.anchors, match.group(1))
            return f"]({href})" if href else match.group(0)

        return _indented(align_tables(_TERM_LINK.sub(canonical, markdown)), indent)

    def note(self, key: str, indent: str = "") -> None:
        if self.study is None or not self.study.note(key):
            return
        lines = [markdown_escape(line) for line in self.study.note(key).splitlines()]
        quoted = "\n".join(f"{indent}> {line}" if line else f"{indent}>" for line in lines)
        self.add(f"{indent}> **Note:**\n{indent}>\n{quoted}")

    def build(self) -> str:
        briefing, study = self.briefing, self.study
        meta = briefing.briefing
        self.add(f"# {markdown_escape(meta.title)}")
        if meta.subtitle:
            self.add(f"*{markdown_escape(meta.subtitle)}*")
        facts = briefing_facts(briefing)
        if facts:
            self.add("  \n".join(f"**{name}:** {markdown_escape(value)}" for name, value in facts))
        if meta.summary:
            self.add(self.body(meta.summary))
        if study is not None and study.bookmarks:
            self.add("## Bookmarks")
            self.add("\n".join(self.bookmark_line(key) for key in study.bookmarks))
        self.add("## Contents")
        self.add(
            "\n".join(
                f"{number}. [{markdown_escape(section.title)}](#section:{section.id})"
                for number, section in enumerate(briefing.sections, 1)
            )
        )
        for number, section in enumerate(briefing.sections, 1):
            self.add(
                f'<a id="section:{section.id}"></a>\n\n'
                f"## {number}. {markdown_escape(section.title)}"
            )
            if section.actors:
                names = ", ".join(self.actor_link(briefing.actors_by_id[a]) for a in section.actors)
                self.add(f"**Actors:** {names}")
            if section.key_points:
                self.add(
                    "**Key points**",
                    "\n".join(f"- {markdown_escape(p)}" for p in section.key_points),
                )
            self.add(self.body(section.body))
            self.note(f"section:{section.id}")
        self.actors()
        self.scoreboards()
        self.timeline()
        self.glossary()
        self.self_test()
        self.progress()
        self.orphaned_notes()
        return "\n\n".join(self.blocks) + "\n"

    def bookmark_line(self, key: str) -> str:
        anchor = self.anchors.get(key)
        label = markdown_escape(self.study.items.get(key, key) if self.study else key)
        if anchor is None:
            return f"- {label} (no longer in the briefing)"
        return f"- [{label}](#{anchor})"

    def actor_link(self, actor: Actor) -> str:
        return f"[{markdown_escape(actor.name)}](#actor:{actor.id})"

    def actors(self) -> None:
        briefing = self.briefing
        if not briefing.actors:
            return
        self.add("## Actors")
        for actor in briefing.actors:
            self.add(f'<a id="actor:{actor.id}"></a>\n\n### {markdown_escape(actor.name)}')
            self.add(f"*{actor.kind}; stance: {actor.stance}*")
            if actor.role:
                self.add(f"**Role:** {markdown_escape(actor.role)}")
            if actor.summary:
                self.add(self.body(actor.summary))
            for label, items in (
                ("Interests", actor.interests),
                ("Concerns", actor.concerns),
            ):
                if items:
                    self.add(
                        f"**{label}**",
                        "\n".join(f"- {markdown_escape(item)}" for item in items),
                    )
            if actor.quotes:
                self.add(
                    "**Quotes**",
                    "\n".join(
                        f"- “{markdown_escape(quote.text)}” ({markdown_escape(quote.by)})"
                        for quote in actor.quotes
                    ),
                )
            self.note(f"actor:{actor.id}")
        if briefing.relations:
            self.add("### Relations")
            self.add(
                "\n".join(
                    f"- {self.actor_link(briefing.actors_by_id[relation.from_])} "
                    f"{markdown_escape(relation.kind)} "
                    f"{self.actor_link(briefing.actors_by_id[relation.to])}"
                    for relation in briefing.relations
                )
            )

    def scoreboards(self) -> None:
        if not self.briefing.scoreboards:
            return
        self.add("## Scoreboards")
        for board in self.briefing.scoreboards:
            weighting = self.study.weighting(board.id) if self.study else Weighting()
            self.add(f'<a id="scoreboard:{board.id}"></a>\n\n### {markdown_escape(board.title)}')
            if board.perspective:
                perspective = self.briefing.actors_by_id[board.perspective]
                self.add(f"**Perspective:** {self.actor_link(perspective)}")
            self.add(
                f"PRO arguments: {markdown_escape(board.pro_label)}. "
                f"CON arguments: {markdown_escape(board.con_label)}."
            )
            for argument in board.arguments:
                key = f"argument:{board.id}/{argument.id}"
                self.add(
                    f'- <a id="{key}"></a>**{markdown_escape(argument_row(argument, weighting))}**'
                )
                if argument.detail:
                    self.add(self.body(argument.detail, "  "))
                self.note(key, "  ")
            self.add(f"**{markdown_escape(score_line(board, weighting))}**")
            self.note(f"scoreboard:{board.id}")

    def timeline(self) -> None:
        if not self.briefing.timeline:
            return
        self.add("## Timeline")
        for index, event in enumerate(self.briefing.events_in_order):
            self.add(
                f'- <a id="event:{index}"></a>**{event.date}:** {markdown_escape(event.title)}'
            )
            if event.detail:
                self.add(self.body(event.detail, "  "))
            self.note(event_key(event), "  ")

    def glossary(self) -> None:
        if not self.briefing.glossary:
            return
        self.add("## Glossary")
        for term in self.briefing.glossary:
            also = f" (also: {markdown_escape(', '.join(term.aliases))})" if term.aliases else ""
            anchor = self.anchors[f"term:{term.slug}"]
            self.add(f'- <a id="{anchor}"></a>**{markdown_escape(term.term)}**{also}')
            self.add(self.body(term.definition, "  "))
            self.note(f"term:{term.slug}", "  ")

    def self_test(self) -> None:
        for _, heading, prompts in self_test(self.briefing):
            if not prompts:
                continue
            self.add(f"## {heading}")
            for number, prompt in enumerate(prompts, 1):
                anchor = f'<a id="{prompt.anchor}"></a>'
                self.add(f"{number}. {anchor}{markdown_escape(prompt.prompt)}")
                self.add("   **Answer:**", self.body(prompt.answer, "   "))
                if prompt.note_key is not None:
                    self.note(prompt.note_key, "   ")

    def progress(self) -> None:
        found = study_progress(self.briefing, self.study) if self.study is not None else None
        if found is None:
            return
        self.add("## Study progress")
        rows = [f"| {name} | {markdown_escape(value)} |" for name, value in progress_rows(found)]
        self.add("\n".join(["| measure | value |", "|---|---|", *rows]))

    def orphaned_notes(self) -> None:
        if self.study is None:
            return
        orphaned = self.study.orphaned_notes()
        if not orphaned:
            return
        self.add("## Notes on items no longer in the briefing")
        for key in orphaned:
            self.add(f"- {markdown_escape(key)}")
            self.note(key, "  ")


def export_markdown(briefing: Briefing, study: StudyStore | None = None) -> str:
    """The briefing (and the reader's study data, if given) as one Markdown document."""
    return _MarkdownExport(briefing, study).build()


# -- HTML ----------------------------------------------------------------------

_CSS = """
:root { color-scheme: light dark; --pro: #1a7f37; --con: #b3261e; --muted: #666; --line: #ccc; }
@media (prefers-color-scheme: dark) {
  :root { --pro: #4ac26b; --con: #ff7b72; --muted: #aaa; --line: #444; }
}
body {
  font: 1rem/1.55 system-ui, sans-serif;
  max-width: 46rem;
  margin: 2rem auto;
  padding: 0 1rem;
}
h1 { line-height: 1.2; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--line); }
.subtitle, .meta, .muted { color: var(--muted); }
nav ol { columns: 2; }
article { margin: 1.5rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td {
  border: 1px solid var(--line);
  padding: .35rem .5rem;
  text-align: left;
  vertical-align: top;
}
td.weight { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.pro td.side { color: var(--pro); }
tr.con td.side { color: var(--con); }
tr.off { opacity: .6; }
tfoot td { font-weight: bold; }
.wide { overflow-x: auto; }
.wide table { width: auto; }
.note {
  border-left: 4px solid var(--muted);
  padding: .25rem .75rem;
  margin: 1rem 0;
  white-space: pre-wrap;
}
.note strong { display: block; }
blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid var(--line); }
dt { font-weight: bold; margin-top: 1rem; }
time { font-variant-numeric: tabular-nums; font-weight: bold; }
"""

# Nothing may load from outside the page: no scripts, images, fonts or frames.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _escape(text: str) -> str:
    return html.escape(neutralise(text))


class _HtmlExport:
    def __init__(self, briefing: Briefing, study: StudyStore | None) -> None:
        self.briefing = briefing
        self.study = study
        self.anchors = anchors(briefing)
        self.parts: list[str] = []

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def markdown(self, markdown: str, under: int) -> str:
        """*markdown* as HTML: raw HTML escaped, internal links in-page, images as links.

        Its headings come under the page's heading of level *under*: the
        field's highest becomes one level lower, and the others follow in
        order, a level each, so that no level is skipped.
        """
        parser = markdown_parser()
        tokens = parser.parse(markdown)
        levels = sorted({token.tag for token in tokens if token.type == "heading_open"})
        new_tags = {tag: f"h{min(6, under + 1 + rank)}" for rank, tag in enumerate(levels)}
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = new_tags[token.tag]
            if token.children:
                token.children = [new for child in token.children for new in self.inline(child)]
        html: str = parser.renderer.render(tokens, parser.options, {})
        # A table wider than the page scrolls sideways on its own. Text is escaped,
        # so each "<table>" here is one markdown-it wrote.
        return html.replace("<table>", '<div class="wide"><table>').replace(
            "</table>", "</table></div>"
        )

    def inline(self, token: Token) -> list[Token]:
        if token.type == "link_open":
            self.link(token)
            return [token]
        if token.type == "image":
            # An image would load from outside the page: link to it instead.
            link = Token("link_open", "a", 1, attrs={"href": str(token.attrs.get("src", ""))})
            self.link(link)
            text = Token("text", "", 0, content=token.content or str(link.attrs.get("href", "")))
            return [link, text, Token("link_close", "a", -1)]
        return [token]

    def link(self, token: Token) -> None:
        href = str(token.attrs.get("href", ""))
        # markdown-it percent-encodes link targets; the content's own form is decoded.
        internal = parse_internal_link(unquote(href))
        if internal is not None and internal.kind == "term":
            term_href = _term_href(self.briefing, self.anchors, internal.target)
            token.attrs = {"href": term_href} if term_href else {}
        elif internal is not None:
            token.attrs = {"href": f"#{internal.kind}:{internal.target}"}
        elif is_external(href):
            token.attrs = {"href": href, "rel": "noopener noreferrer"}
        else:
            token.attrs = {}

    def note(self, key: str) -> None:
        if self.study is None or not self.study.note(key):
            return
        self.add(f'<div class="note"><strong>Note</strong>{_escape(self.study.note(key))}</div>')

    def items(self, label: str, items: Iterable[str], level: int) -> None:
        items = list(items)
        if items:
            self.add(
                f"<h{level}>{label}</h{level}>",
                "<ul>",
                *(f"<li>{_escape(item)}</li>" for item in items),
                "</ul>",
            )

    def actor_link(self, actor: Actor) -> str:
        return f'<a href="#actor:{actor.id}">{_escape(actor.name)}</a>'

    def build(self) -> str:
        briefing, study = self.briefing, self.study
        meta = briefing.briefing
        self.add(
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="briefing-tui">',
            f"<title>{_escape(meta.title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<header>",
            f"<h1>{_escape(meta.title)}</h1>",
        )
        if meta.subtitle:
            self.add(f'<p class="subtitle">{_escape(meta.subtitle)}</p>')
        facts = briefing_facts(briefing)
        if facts:
            self.add(
                '<p class="meta">'
                + "<br>".join(f"<strong>{name}:</strong> {_escape(value)}" for name, value in facts)
                + "</p>"
            )
        self.add("</header>")
        self.contents()
        self.add("<main>")
        if meta.summary:
            self.add('<section id="summary">', self.markdown(meta.summary, 1), "</section>")
        if study is not None and study.bookmarks:
            self.bookmarks(study)
        self.add('<section id="sections">')
        for number, section in enumerate(briefing.sections, 1):
            self.add(
                f'<article id="section:{section.id}">',
                f"<h2>{number}. {_escape(section.title)}</h2>",
            )
            if section.actors:
                names = ", ".join(self.actor_link(briefing.actors_by_id[a]) for a in section.actors)
                self.add(f"<p><strong>Actors:</strong> {names}</p>")
            self.items("Key points", section.key_points, 3)
            self.add(self.markdown(section.body, 2))
            self.note(f"section:{section.id}")
            self.add("</article>")
        self.add("</section>")
        self.actors()
        self.scoreboards()
        self.timeline()
        self.glossary()
        self.self_test()
        self.progress()
        self.orphaned_notes()
        self.add(
            "</main>",
            '<footer><p class="muted">Exported by briefing-tui.</p></footer>',
            "</body>",
            "</html>",
        )
        return "\n".join(self.parts) + "\n"

    def contents(self) -> None:
        briefing = self.briefing
        self.add('<nav aria-label="Contents">', "<h2>Contents</h2>", "<ol>")
        for section in briefing.sections:
            self.add(f'<li><a href="#section:{section.id}">{_escape(section.title)}</a></li>')
        self.add("</ol>", "<p>")
        parts = [
            ("actors", "Actors", briefing.actors),
            ("scoreboards", "Scoreboards", briefing.scoreboards),
            ("timeline", "Timeline", briefing.timeline),
            ("glossary", "Glossary", briefing.glossary),
            ("questions", "Questions", briefing.questions),
            ("cards", "Cards", briefing.cards),
        ]
        self.add(
            " · ".join(
                f'<a href="#{anchor}">{label}</a>' for anchor, label, items in parts if items
            )
        )
        self.add("</p>", "</nav>")

    def bookmarks(self, study: StudyStore) -> None:
        found = self.anchors
        self.add('<section id="bookmarks">', "<h2>Bookmarks</h2>", "<ul>")
        for key in study.bookmarks:
            label = _escape(study.items.get(key, key))
            if key in found:
                self.add(f'<li><a href="#{_escape(found[key])}">{label}</a></li>')
            else:
                self.add(f"<li>{label} (no longer in the briefing)</li>")
        self.add("</ul>", "</section>")

    def actors(self) -> None:
        briefing = self.briefing
        if not briefing.actors:
            return
        self.add('<section id="actors">', "<h2>Actors</h2>")
        for actor in briefing.actors:
            self.add(
                f'<article id="actor:{actor.id}">',
                f"<h3>{_escape(actor.name)}</h3>",
                f'<p class="muted">{actor.kind}; stance: {actor.stance}</p>',
            )
            if actor.role:
                self.add(f"<p><strong>Role:</strong> {_escape(actor.role)}</p>")
            if actor.summary:
                self.add(self.markdown(actor.summary, 3))
            self.items("Interests", actor.interests, 4)
            self.items("Concerns", actor.concerns, 4)
            if actor.quotes:
                self.add("<h4>Quotes</h4>")
                for quote in actor.quotes:
                    self.add(
                        f"<blockquote><p>“{_escape(quote.text)}”</p>"
                        f"<p>— {_escape(quote.by)}</p></blockquote>"
                    )
            self.note(f"actor:{actor.id}")
            self.add("</article>")
        if briefing.relations:
            self.add("<h3>Relations</h3>", "<ul>")
            for relation in briefing.relations:
                source = self.actor_link(briefing.actors_by_id[relation.from_])
                target = self.actor_link(briefing.actors_by_id[relation.to])
                self.add(f"<li>{source} {_escape(relation.kind)} {target}</li>")
            self.add("</ul>")
        self.add("</section>")

    def scoreboards(self) -> None:
        if not self.briefing.scoreboards:
            return
        self.add('<section id="scoreboards">', "<h2>Scoreboards</h2>")
        for board in self.briefing.scoreboards:
            self.scoreboard(board)
        self.add("</section>")

    def scoreboard(self, board: Scoreboard) -> None:
        weighting = self.study.weighting(board.id) if self.study else Weighting()
        result = score(board, weighting)
        self.add(f'<article id="scoreboard:{board.id}">', f"<h3>{_escape(board.title)}</h3>")
        if board.perspective:
            perspective = self.briefing.actors_by_id[board.perspective]
            self.add(f"<p><strong>Perspective:</strong> {self.actor_link(perspective)}</p>")
        self.add(
            "<table>",
            "<thead><tr><th>Side</th><th>Weight</th><th>Argument</th></tr></thead>",
            "<tbody>",
        )
        for argument in board.arguments:
            self.argument_row(board, argument, weighting)
        balance = f"+{result.balance}" if result.balance > 0 else str(result.balance)
        self.add(
            "</tbody>",
            "<tfoot>",
            f'<tr class="pro"><td class="side">{_escape(board.pro_label)}</td>'
            f'<td class="weight">{result.pro}</td><td>score of the PRO side</td></tr>',
            f'<tr class="con"><td class="side">{_escape(board.con_label)}</td>'
            f'<td class="weight">{result.con}</td><td>score of the CON side</td></tr>',
            f'<tr><td>Balance</td><td class="weight">{balance}</td>'
            f"<td>{_escape(verdict(board, result))}</td></tr>",
            "</tfoot>",
            "</table>",
        )
        self.note(f"scoreboard:{board.id}")
        self.add("</article>")

    def argument_row(self, board: Scoreboard, argument: Argument, weighting: Weighting) -> None:
        key = f"argument:{board.id}/{argument.id}"
        label = board.pro_label if argument.side == "pro" else board.con_label
        weight = weighting.weight_of(argument)
        classes = argument.side + ("" if weighting.is_on(argument.id) else " off")
        changes = weighting.changes_to(argument)
        changed = f' <span class="muted">({", ".join(changes)})</span>' if changes else ""
        self.add(
            f'<tr id="{key}" class="{classes}">',
            f'<td class="side">{argument.side.upper()}: {_escape(label)}</td>',
            f'<td class="weight">{signed_weight(argument, weight)}{changed}</td>',
            f"<td><strong>{_escape(argument.claim)}</strong>",
        )
        if argument.detail:
            self.add(self.markdown(argument.detail, 3))
        self.note(key)
        self.add("</td>", "</tr>")

    def timeline(self) -> None:
        if not self.briefing.timeline:
            return
        self.add('<section id="timeline">', "<h2>Timeline</h2>", "<ol>")
        for index, event in enumerate(self.briefing.events_in_order):
            self.add(f'<li id="event:{index}"><time>{event.date}</time> {_escape(event.title)}')
            if event.detail:
                self.add(self.markdown(event.detail, 2))
            self.note(event_key(event))
            self.add("</li>")
        self.add("</ol>", "</section>")

    def glossary(self) -> None:
        if not self.briefing.glossary:
            return
        self.add('<section id="glossary">', "<h2>Glossary</h2>", "<dl>")
        for term in self.briefing.glossary:
            self.add(
                f'<dt id="{self.anchors[f"term:{term.slug}"]}">{_escape(term.term)}</dt>',
                "<dd>",
            )
            if term.aliases:
                self.add(f'<p class="muted">Also: {_escape(", ".join(term.aliases))}</p>')
            self.add(self.markdown(term.definition, 2))
            self.note(f"term:{term.slug}")
            self.add("</dd>")
        self.add("</dl>", "</section>")

    def self_test(self) -> None:
        for anchor, heading, prompts in self_test(self.briefing):
            if not prompts:
                continue
            self.add(f'<section id="{anchor}">', f"<h2>{heading}</h2>", "<ol>")
            for prompt in prompts:
                self.add(
                    f'<li id="{prompt.anchor}"><p>{_escape(prompt.prompt)}</p>',
                    "<details><summary>Answer</summary>",
                    self.markdown(prompt.answer, 2),
                    "</details>",
                )
                if prompt.note_key is not None:
                    self.note(prompt.note_key)
                self.add("</li>")
            self.add("</ol>", "</section>")

    def progress(self) -> None:
        found = study_progress(self.briefing, self.study) if self.study is not None else None
        if found is None:
            return
        self.add('<section id="progress">', "<h2>Study progress</h2>", "<table>")
        for name, value in progress_rows(found):
            self.add(f"<tr><th>{_escape(name)}</th><td>{_escape(value)}</td></tr>")
        self.add("</table>", "</section>")

    def orphaned_notes(self) -> None:
        if self.study is None:
            return
        orphaned = self.study.orphaned_notes()
        if not orphaned:
            return
        self.add(
            '<section id="orphaned-notes">',
            "<h2>Notes on items no longer in the briefing</h2>",
        )
        for key in orphaned:
            self.add(f"<h3>{_escape(key)}</h3>")
            self.note(key)
        self.add("</section>")


def export_html(briefing: Briefing, study: StudyStore | None = None) -> str:
    """The briefing (and the reader's study data, if given) as one standalone HTML page."""
    return _HtmlExport(briefing, study).build()
