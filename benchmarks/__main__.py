"""``python -m benchmarks [NAME ...]``: run benchmarks and print one table.

Every module of this package that defines ``run() -> list[Result]`` is a
benchmark, named after its module (``load`` for ``benchmarks/load.py``).
With no names, all of them run. The exit status is 0 when every figure meets
its target, 1 when one misses it, and 2 for an unknown name.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

import benchmarks
from benchmarks import Result, format_table

Benchmark = Callable[[], list[Result]]


def discover() -> dict[str, Benchmark]:
    """Every benchmark of the package, by name, in name order."""
    found: dict[str, Benchmark] = {}
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda info: info.name):
        if info.name.startswith("_"):
            continue
        module: ModuleType = importlib.import_module(f"benchmarks.{info.name}")
        run = getattr(module, "run", None)
        if callable(run):
            found[info.name] = run
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks named in *argv* (all by default); return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run benchmarks; each figure is judged as a ratio to a baseline "
        "measured side by side in the same run.",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    available = discover()
    if args.list:
        for name, run in available.items():
            summary = (sys.modules[run.__module__].__doc__ or "").strip().splitlines()
            print(f"{name:<16} {summary[0] if summary else ''}")
        return 0
    unknown = [name for name in args.names if name not in available]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)} (available: {', '.join(available)})")
    results: list[Result] = []
    for name in args.names or list(available):
        print(f"running {name}...", file=sys.stderr, flush=True)
        results.extend(available[name]())
    print(format_table(results))
    return 1 if any(result.passed is False for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
