"""A large, valid, synthetic briefing for benchmarks.

:func:`synthetic_toml` builds the text of a briefing that follows the content
format (``docs/content-format.md``) in every table it has: thousands of
sections with Markdown bodies full of internal links, hundreds of actors, and
relations, scoreboards, a timeline, a glossary and questions to match. The
output depends only on the arguments: the same seed gives the same bytes, so
figures from different runs measure the same file.

Run ``python -m benchmarks.synthetic OUT.toml`` to write one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

# Neutral filler vocabulary: the generator must not need any real text.
_WORDS = (
    "alignment",
    "arms",
    "balance",
    "border",
    "budget",
    "capacity",
    "channel",
    "coalition",
    "commitment",
    "concession",
    "conflict",
    "cooperation",
    "corridor",
    "council",
    "credibility",
    "deal",
    "defence",
    "deterrence",
    "diplomacy",
    "doctrine",
    "economy",
    "embargo",
    "energy",
    "envoy",
    "escalation",
    "exercise",
    "exports",
    "finance",
    "forum",
    "frontier",
    "grain",
    "guarantee",
    "influence",
    "initiative",
    "interest",
    "leverage",
    "logistics",
    "market",
    "mediation",
    "memorandum",
    "military",
    "ministry",
    "mission",
    "network",
    "neutrality",
    "observer",
    "outcome",
    "partnership",
    "patrol",
    "pipeline",
    "pledge",
    "policy",
    "port",
    "pressure",
    "programme",
    "proposal",
    "protocol",
    "reform",
    "region",
    "regime",
    "reserve",
    "resolution",
    "restraint",
    "review",
    "risk",
    "route",
    "sanction",
    "satellite",
    "security",
    "shipment",
    "signal",
    "strategy",
    "summit",
    "supply",
    "talks",
    "tariff",
    "technology",
    "tension",
    "territory",
    "threat",
    "trade",
    "treaty",
    "troops",
    "trust",
    "uncertainty",
    "union",
    "verification",
    "visit",
    "vote",
    "warning",
    "waters",
)

_VERBS = (
    "strengthens",
    "weakens",
    "signals",
    "delays",
    "accelerates",
    "complicates",
    "limits",
    "expands",
    "reshapes",
    "tests",
    "undermines",
    "supports",
    "questions",
    "exposes",
    "secures",
)

_ADJECTIVES = (
    "regional",
    "strategic",
    "economic",
    "limited",
    "formal",
    "informal",
    "bilateral",
    "multilateral",
    "uncertain",
    "growing",
    "fragile",
    "lasting",
    "quiet",
    "public",
    "costly",
    "immediate",
    "long-term",
)

_RELATION_KINDS = (
    "supplies arms to",
    "buys energy from",
    "sanctions",
    "mediates between",
    "trains forces of",
    "lends money to",
    "shares intelligence with",
    "competes with",
    "guarantees security of",
    "trades grain with",
)

_ACTOR_KINDS = ("state", "organisation", "alliance", "person", "group", "other")
_STANCES = ("supports", "opposes", "ambivalent", "neutral", "unknown")


def _quote(text: str) -> str:
    """*text* as a TOML string: multi-line for Markdown with line breaks, else basic.

    JSON string escapes are a subset of TOML basic-string escapes, so
    ``json.dumps`` writes a valid TOML basic string.
    """
    if "\n" in text and '"""' not in text and "\\" not in text and not text.endswith('"'):
        return '"""\n' + text + '"""'
    return json.dumps(text, ensure_ascii=False)


def _array(items: Sequence[str]) -> str:
    return "[" + ", ".join(_quote(item) for item in items) + "]"


class _Writer:
    """Builds the briefing's text from its ids, drawing all choices from one seeded RNG."""

    def __init__(
        self,
        *,
        seed: int,
        sections: int,
        actors: int,
        relations: int,
        scoreboards: int,
        arguments: int,
        events: int,
        terms: int,
        questions: int,
    ) -> None:
        self.random = random.Random(seed)
        self.relation_count = relations
        self.event_count = events
        self.question_count = questions
        self.section_ids = [f"{self._word()}-{self._word()}-{index}" for index in range(sections)]
        self.actor_ids = [f"actor-{self._word()}-{index}" for index in range(actors)]
        self.board_ids = [f"board-{self._word()}-{index}" for index in range(scoreboards)]
        # Spread the arguments as evenly as the numbers allow; every board needs one.
        per_board = [
            arguments // scoreboards + (index < arguments % scoreboards)
            for index in range(scoreboards)
        ]
        self.argument_ids = {
            board: [f"arg-{index}" for index in range(max(1, count))]
            for board, count in zip(self.board_ids, per_board, strict=True)
        }
        self.terms = [
            f"{self._word().capitalize()} {self._word()} {index}" for index in range(terms)
        ]

    def _word(self) -> str:
        return self.random.choice(_WORDS)

    def _sentence(self, words: tuple[int, int] = (8, 16)) -> str:
        count = self.random.randint(*words)
        text = " ".join(self._word() for _ in range(count))
        return text[0].upper() + text[1:] + "."

    def _claim(self) -> str:
        return (
            f"The {self.random.choice(_ADJECTIVES)} {self._word()} "
            f"{self.random.choice(_VERBS)} the {self._word()} of the {self._word()}."
        )

    def _claims(self, low: int, high: int) -> list[str]:
        return [self._claim() for _ in range(self.random.randint(low, high))]

    def _link(self) -> str:
        """One internal link of a random kind, with link text."""
        kind = self.random.random()
        if kind < 0.35:
            target = f"#section:{self.random.choice(self.section_ids)}"
        elif kind < 0.7:
            target = f"#actor:{self.random.choice(self.actor_ids)}"
        elif kind < 0.85:
            board = self.random.choice(self.board_ids)
            target = f"#argument:{board}/{self.random.choice(self.argument_ids[board])}"
        else:
            target = f"#term:{self.random.choice(self.terms).lower().replace(' ', '-')}"
        return f"[{self._word()} {self._word()}]({target})"

    def _paragraph(self, sentences: tuple[int, int] = (3, 6), links: int = 1) -> str:
        parts = [self._sentence() for _ in range(self.random.randint(*sentences))]
        for _ in range(links):
            index = self.random.randrange(len(parts))
            parts[index] = parts[index][:-1] + f", see {self._link()}."
        flourish = self.random.random()
        if flourish < 0.1:
            parts.append(f"It is **{self._word()}** rather than *{self._word()}*.")
        elif flourish < 0.15:
            parts.append(f"The file calls it `{self._word()}_{self._word()}`.")
        elif flourish < 0.2:
            parts.append(f"See [the source](https://example.org/{self._word()}/{self._word()}).")
        text = " ".join(parts)
        return "\n".join(_wrap(text))

    def _markdown(
        self,
        paragraphs: tuple[int, int],
        sentences: tuple[int, int] = (2, 4),
        links: int = 1,
    ) -> str:
        blocks = [
            self._paragraph(sentences, links=links) for _ in range(self.random.randint(*paragraphs))
        ]
        if self.random.random() < 0.2:
            blocks.append("\n".join(f"- {self._claim()}" for _ in range(3)))
        return "\n\n".join(blocks) + "\n"

    def _some(self, ids: Sequence[str], low: int, high: int) -> list[str]:
        return self.random.sample(ids, self.random.randint(low, min(high, len(ids))))

    def _partial_date(self) -> str:
        """A date value: a TOML date or a "YYYY", "YYYY-MM", "YYYY-MM-DD" string."""
        day = dt.date(1950, 1, 1) + dt.timedelta(days=self.random.randrange(27_000))
        form = self.random.randrange(4)
        if form == 0:
            return day.isoformat()
        if form == 1:
            return _quote(f"{day.year:04d}")
        if form == 2:
            return _quote(f"{day.year:04d}-{day.month:02d}")
        return _quote(day.isoformat())

    def lines(self) -> Iterator[str]:
        yield from self.header()
        yield from self.sections()
        yield from self.actors()
        yield from self.relations()
        yield from self.scoreboards()
        yield from self.timeline()
        yield from self.glossary()
        yield from self.questions()

    def header(self) -> Iterator[str]:
        yield "# Generated by benchmarks/synthetic.py: filler text only."
        yield "format = 1"
        yield ""
        yield "[briefing]"
        yield 'id = "synthetic"'
        yield f'title = "A synthetic briefing of {len(self.section_ids)} sections"'
        yield 'subtitle = "Generated for benchmarks"'
        yield f"subject = {_quote('the ' + self._word() + ' ' + self._word())}"
        yield f"summary = {_quote(self._markdown((2, 3), links=2))}"
        yield "published = 2024-05-01"
        yield f"tags = {_array([self._word() for _ in range(6)])}"
        yield ""
        yield "[briefing.source]"
        yield 'publication = "Synthetic Review"'
        yield 'url = "https://example.org/synthetic"'
        yield 'authors = ["A. Writer", "B. Editor"]'
        yield 'retrieved = "2024-06"'
        yield ""

    def sections(self) -> Iterator[str]:
        for section_id in self.section_ids:
            yield "[[sections]]"
            yield f"id = {_quote(section_id)}"
            yield f"title = {_quote(self._claim()[:-1])}"
            yield f"actors = {_array(self._some(self.actor_ids, 1, 4))}"
            yield f"key_points = {_array(self._claims(2, 5))}"
            body = self._markdown((2, 4), links=self.random.randint(1, 2))
            yield f"body = {_quote(body)}"
            if self.random.random() < 0.5:
                yield f"notes = {_quote(self._paragraph((1, 3)))}"
            yield ""

    def actors(self) -> Iterator[str]:
        for actor_id in self.actor_ids:
            yield "[[actors]]"
            yield f"id = {_quote(actor_id)}"
            _, word, number = actor_id.split("-")
            yield f'name = "{word.capitalize()} {number}"'
            yield f"kind = {_quote(self.random.choice(_ACTOR_KINDS))}"
            yield f"stance = {_quote(self.random.choice(_STANCES))}"
            yield f"role = {_quote(self._claim())}"
            yield f"summary = {_quote(self._markdown((1, 2)))}"
            yield f"interests = {_array(self._claims(2, 4))}"
            yield f"concerns = {_array(self._claims(2, 4))}"
            for _ in range(self.random.randint(1, 3)):
                quote = _quote(self._sentence((6, 12)))
                section = _quote(self.random.choice(self.section_ids))
                yield "[[actors.quotes]]"
                yield f"text = {quote}"
                yield 'by = "A spokesperson"'
                yield f"section = {section}"
            yield ""

    def relations(self) -> Iterator[str]:
        for _ in range(self.relation_count):
            source, target = self.random.sample(self.actor_ids, 2)
            yield "[[relations]]"
            yield f"from = {_quote(source)}"
            yield f"to = {_quote(target)}"
            yield f"kind = {_quote(self.random.choice(_RELATION_KINDS))}"
            yield f"detail = {_quote(self._paragraph((1, 3)))}"
            yield f"section = {_quote(self.random.choice(self.section_ids))}"
            yield ""

    def scoreboards(self) -> Iterator[str]:
        for board_id in self.board_ids:
            yield "[[scoreboards]]"
            yield f"id = {_quote(board_id)}"
            yield f'title = "Does the {self._word()} serve the {self._word()}?"'
            yield f"perspective = {_quote(self.random.choice(self.actor_ids))}"
            yield 'pro_label = "Gains"'
            yield 'con_label = "Costs"'
            yield ""
            for argument_id in self.argument_ids[board_id]:
                yield "[[scoreboards.arguments]]"
                yield f"id = {_quote(argument_id)}"
                yield f"side = {_quote(self.random.choice(('pro', 'con')))}"
                yield f"claim = {_quote(self._claim())}"
                yield f"detail = {_quote(self._paragraph((1, 3)))}"
                yield f"weight = {self.random.randint(1, 5)}"
                yield f"sections = {_array(self._some(self.section_ids, 1, 3))}"
                yield f"actors = {_array(self._some(self.actor_ids, 0, 3))}"
                yield ""

    def timeline(self) -> Iterator[str]:
        for _ in range(self.event_count):
            yield "[[timeline]]"
            yield f"date = {self._partial_date()}"
            yield f"title = {_quote(self._claim())}"
            yield f"detail = {_quote(self._paragraph((1, 2)))}"
            yield f"actors = {_array(self._some(self.actor_ids, 1, 3))}"
            yield f"section = {_quote(self.random.choice(self.section_ids))}"
            yield ""

    def glossary(self) -> Iterator[str]:
        for index, term in enumerate(self.terms):
            yield "[[glossary]]"
            yield f"term = {_quote(term)}"
            yield f"definition = {_quote(self._paragraph((1, 3)))}"
            if index % 3 == 0:
                aliases = [f"{term} alias", f"{term[:3].upper()}-{index}"]
                yield f"aliases = {_array(aliases)}"
            yield ""

    def questions(self) -> Iterator[str]:
        for _ in range(self.question_count):
            yield "[[questions]]"
            yield f'prompt = "Why does the {self._word()} matter to the {self._word()}?"'
            yield f"answer = {_quote(self._paragraph((1, 3)))}"
            yield f"section = {_quote(self.random.choice(self.section_ids))}"
            yield ""


def _wrap(text: str, width: int = 78) -> Iterator[str]:
    """Break *text* into lines of at most *width* characters, as an author would."""
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            yield line
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        yield line


def synthetic_toml(
    sections: int = 5000,
    *,
    actors: int = 500,
    relations: int = 1000,
    scoreboards: int = 20,
    arguments: int = 2000,
    events: int = 1000,
    terms: int = 300,
    questions: int = 300,
    seed: int = 0,
) -> str:
    """Return the text of a valid synthetic briefing with the given numbers of parts.

    The same arguments always give the same text. Every scoreboard gets at
    least one argument. The default file is about 11 MiB; past about 7,000
    sections it outgrows the loader's 16 MiB limit.
    """
    if sections < 1 or actors < 2 or scoreboards < 1 or terms < 1:
        raise ValueError(
            "a synthetic briefing needs at least 1 section, 2 actors, 1 scoreboard "
            "and 1 glossary term (links point at each kind)"
        )
    writer = _Writer(
        seed=seed,
        sections=sections,
        actors=actors,
        relations=relations,
        scoreboards=scoreboards,
        arguments=arguments,
        events=events,
        terms=terms,
        questions=questions,
    )
    return "\n".join(writer.lines()) + "\n"


def write_synthetic(path: str | Path, sections: int = 5000, **counts: int) -> Path:
    """Write a synthetic briefing to *path* and return the path.

    *counts* are passed on to :func:`synthetic_toml` (``actors``,
    ``relations``, ``scoreboards``, ``arguments``, ``events``, ``terms``,
    ``questions``, ``seed``).
    """
    target = Path(path)
    target.write_text(synthetic_toml(sections, **counts), encoding="utf-8")
    return target


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m benchmarks.synthetic OUT.toml [--sections N] [--seed S]``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synthetic",
        description="Write a large, valid, synthetic briefing for benchmarks.",
    )
    parser.add_argument("out", metavar="OUT.toml", help="file to write")
    parser.add_argument(
        "--sections", type=int, default=5000, help="number of sections (default 5000)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    path = write_synthetic(args.out, args.sections, seed=args.seed)
    print(f"wrote {path} ({path.stat().st_size / 1024 / 1024:.1f} MiB)")


if __name__ == "__main__":
    main()
