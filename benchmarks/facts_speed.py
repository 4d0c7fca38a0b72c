"""The extra time changed facts add to a pair: ``compare_facts`` (both texts' facts extracted,
then every passage compared) on the seed pairs, after the alignment; with ``--megabyte``, also
on the 1 MB pair of ``benchmarks.engine_speed`` (from PAN when ``--pan`` is there).

Target (issue 11): under 10 ms per seed pair. Run: ``python -m benchmarks.facts_speed``.
Times are CPU time of this process (``time.process_time``), so other work on a shared machine
does not count; the best of ``RUNS`` runs is the figure.
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from reader import seeds_folder
from reader.core.align import align
from reader.core.config import AlignConfig
from reader.core.facts import compare_facts

#: Runs per pair; the best is reported (a warm-up run first loads the word-rarity table).
RUNS = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabyte", action="store_true", help="also time the 1 MB pair (3 runs)")
    parser.add_argument("--pan", type=Path, default=Path("/work/shared/pan13-train"))
    args = parser.parse_args()
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(seeds_folder().glob("*.txt"))}
    worst = 0.0
    for a, b in itertools.combinations(sorted(texts), 2):
        alignment = align(texts[a], texts[b], AlignConfig())
        compare_facts(alignment, texts[a], texts[b])  # warm: the rarity table, regex caches
        times = []
        for _ in range(RUNS):
            started = time.process_time()
            changes = compare_facts(alignment, texts[a], texts[b])
            times.append(time.process_time() - started)
        best = min(times) * 1000
        worst = max(worst, best)
        flagged = sum(c.flagged for passage in changes for c in passage)
        print(f"{a}/{b}: {len(alignment.matches):2d} passages, {flagged:2d} flagged facts, "
              f"{best:5.2f} ms (best of {RUNS})")
    print(f"slowest pair: {worst:.2f} ms")
    if args.megabyte:
        from benchmarks.compare_speed import megabyte_pair

        source, text_a, text_b = megabyte_pair(args.pan)
        alignment = align(text_a, text_b, AlignConfig())
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            compare_facts(alignment, text_a, text_b)
            best = min(best, time.process_time() - started)
        print(f"1 MB pair ({source}, {len(alignment.matches)} passages): {best:.2f} s CPU (best of 3)")


if __name__ == "__main__":
    main()
