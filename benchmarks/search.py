"""Search as you type, one key at a time, on a large synthetic briefing.

The reader types queries key by key; each key press runs
``SearchIndex.search`` on what has been typed so far. The figure is the
median time per key press over a set of queries, on the 5,000-section
synthetic briefing (:mod:`benchmarks.synthetic`). Target: under 30 ms.

The baseline is the least any search must do: one ``str.find`` per searched
field of the briefing, lower-cased in advance, for every key press. The index
does more per key (every word of the query, ranking, snippets) and less
(it narrows the previous key's matches), so the ratio is judged loosely.
Also reported: building the index, against loading the briefing.

Run ``python -m benchmarks.search`` for this benchmark alone.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

from benchmarks import Result, format_table, median_times
from benchmarks.synthetic import synthetic_toml
from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.search import SearchIndex, fold_case

TARGET_MS = 30.0
TARGET_RATIO = 3.0
TARGET_BUILD_RATIO = 1.0

# Words of the synthetic vocabulary, a phrase, and one that matches nothing.
QUERIES = (
    "deterrence",
    "trade route",
    "strategic supply",
    "summit",
    "regional security",
    "pipeline",
    "arms",
    "verification",
    "the long-term",
    "qxz",
)


def searched_texts(briefing: Briefing) -> Iterator[str]:
    """The fields the index searches, as written in the file."""
    for section in briefing.sections:
        yield section.title
        yield from section.key_points
        yield section.body
    for actor in briefing.actors:
        yield actor.name
        yield actor.role or ""
        yield actor.summary or ""
        yield from actor.interests
        yield from actor.concerns
        yield from (quote.text for quote in actor.quotes)
    for board in briefing.scoreboards:
        for argument in board.arguments:
            yield argument.claim
            yield argument.detail or ""
    for event in briefing.timeline:
        yield event.title
        yield event.detail or ""
    for term in briefing.glossary:
        yield term.term
        yield from term.aliases
        yield term.definition
    for question in briefing.questions:
        yield question.prompt
        yield question.answer


def keystrokes() -> list[str]:
    """Every prefix of every query: what the index sees as the reader types."""
    return [query[:length] for query in QUERIES for length in range(1, len(query) + 1)]


def _time_typing(index: SearchIndex, prefixes: list[str]) -> list[float]:
    times = []
    for prefix in prefixes:
        start = time.perf_counter()
        index.search(prefix)
        times.append(time.perf_counter() - start)
    return times


def _time_find(corpus: list[str], prefixes: list[str]) -> list[float]:
    times = []
    for prefix in prefixes:
        start = time.perf_counter()
        needle = fold_case(prefix)
        [number for number, text in enumerate(corpus) if text.find(needle) != -1]
        times.append(time.perf_counter() - start)
    return times


def measure_typing(briefing: Briefing, runs: int) -> Result:
    """Median time per key press, index against a bare ``str.find`` loop."""
    prefixes = keystrokes()
    corpus = [fold_case(text) for text in searched_texts(briefing)]
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(runs):
        # A fresh index each run: its cache must not carry over.
        ours += _time_typing(SearchIndex(briefing), prefixes)
        bare += _time_find(corpus, prefixes)
    return Result(
        name=f"search per key press ({len(briefing.sections):,} sections, {len(prefixes)} keys)",
        value=statistics.median(ours) * 1000,
        unit="ms",
        baseline=statistics.median(bare) * 1000,
        baseline_name="str.find over each field",
        target=TARGET_RATIO,
    )


def run(runs: int = 3, sections: int = 5000) -> list[Result]:
    """Type the queries key by key on the synthetic briefing; time the index build too."""
    text = synthetic_toml(sections)
    briefing = parse_briefing(text)
    typing = measure_typing(briefing, runs)
    build = median_times(
        {"load": lambda: parse_briefing(text), "index": lambda: SearchIndex(briefing)},
        runs=runs,
    )
    return [
        typing,
        Result(
            name="search per key press, absolute",
            value=typing.value,
            unit="ms",
            target=TARGET_MS,
        ),
        Result(
            name=f"search index build ({sections:,} sections)",
            value=build["index"] * 1000,
            unit="ms",
            baseline=build["load"] * 1000,
            baseline_name="parse_briefing",
            target=TARGET_BUILD_RATIO,
        ),
    ]


if __name__ == "__main__":
    print(format_table(run()))
