"""Speed of ``reader compare --json`` against a plain exact-phrase matcher, side by side.

    .venv/bin/python -m benchmarks.compare_speed [--repeat 3] [--pan /work/shared/pan13-train] [--json]

Contract (the speed issue): a seed pair aligns in under 10 ms, and two 1 MB texts go through
``reader compare A B --json`` in at most 3 times the time a plain exact-6-word-phrase matcher
(``benchmarks.phrase_matcher``, the WCopyfind kind) takes on the same pair.

The 1 MB pair is ``engine_speed``'s: PAN source documents as A and suspicious documents as B when
the corpus is there, else the seed articles shuffled by paragraph. Both are written to temporary
files; each repeat then runs, one right after the other, ``python -m reader compare A B --json``
and ``python -m benchmarks.phrase_matcher A B`` as subprocesses of the same interpreter (both pay
Python's start-up; Reader's own imports count against it), output to /dev/null, exit status
checked. Alternating the two in one run keeps a busy shared machine from favouring either.
Printed: the median seconds of each, their ratio (the contract: at most 3), and the seed figure:
the slowest seed pair's best time over ``--seed-repeat`` warm runs in this process
(``engine_speed.seed_pairs_ms``; the contract: under 10 ms). The median CPU seconds (user +
system) of each command and their ratio are printed too: on a shared machine they move less
than wall time, but the contract is on wall time.
Benchmark-only code: ``reader`` never imports it.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.engine_speed import ROOT, pan_megabyte_pair, seed_megabyte_pair, seed_pairs_ms

#: The contract's limits.
MAX_RATIO = 3.0
MAX_SEED_MS = 10.0


def megabyte_pair(pan: Path) -> tuple[str, str, str]:
    """``(source, A, B)``: the 1 MB pair of ``engine_speed``, from PAN when it is there."""
    if (pan / "02-no-obfuscation" / "pairs").exists():
        return ("pan", *pan_megabyte_pair(pan))
    return ("seeds", *seed_megabyte_pair())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    """``(wall, cpu)`` seconds of ``command`` (run from the repository root, output discarded).

    Raises ``RuntimeError`` when it exits with a non-zero status.
    """
    cpu0, t0 = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with status {done.returncode}:\n"
                           f"{done.stderr.decode(errors='replace')}")
    return wall, cpu


def measure(path_a: Path, path_b: Path, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """``(wall, cpu)`` seconds of ``reader compare --json`` and of the phrase matcher, ``repeat``
    times each, alternating; keys ``"reader"`` and ``"baseline"``."""
    commands = {
        "reader": [sys.executable, "-m", "reader", "compare", str(path_a), str(path_b), "--json"],
        "baseline": [sys.executable, "-m", "benchmarks.phrase_matcher", str(path_a), str(path_b)],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for k in range(repeat):
        # Swap which goes first every repeat, so neither always runs right after the other.
        for name in (("reader", "baseline") if k % 2 == 0 else ("baseline", "reader")):
            times[name].append(timed(commands[name]))
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pan", type=Path, default=Path("/work/shared/pan13-train"))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (default 3)")
    parser.add_argument("--seed-repeat", type=int, default=20, help="warm runs of each seed pair (default 20)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    seeds = seed_pairs_ms(args.seed_repeat)
    slowest = max(seeds, key=seeds.get)
    source, text_a, text_b = megabyte_pair(args.pan)
    with tempfile.TemporaryDirectory(prefix="compare_speed_") as tmp:
        path_a, path_b = Path(tmp) / "a.txt", Path(tmp) / "b.txt"
        # newline="": the bytes on disk are the text's, "\r\n" included, as the engine reads them.
        path_a.write_text(text_a, encoding="utf-8", newline="")
        path_b.write_text(text_b, encoding="utf-8", newline="")
        times = measure(path_a, path_b, args.repeat)

    reader_s, baseline_s = [w for w, _ in times["reader"]], [w for w, _ in times["baseline"]]
    reader_median = statistics.median(reader_s)
    baseline_median = statistics.median(baseline_s)
    ratio = reader_median / baseline_median
    # CPU seconds (user + system) are less at the mercy of other work on a shared machine.
    reader_cpu = statistics.median(c for _, c in times["reader"])
    baseline_cpu = statistics.median(c for _, c in times["baseline"])
    figures = {
        "megabyte_pair_source": source, "megabyte_chars": [len(text_a), len(text_b)], "repeat": args.repeat,
        "compare_seconds": [round(s, 3) for s in reader_s],
        "baseline_seconds": [round(s, 3) for s in baseline_s],
        "compare_median_seconds": round(reader_median, 3),
        "baseline_median_seconds": round(baseline_median, 3),
        "ratio": round(ratio, 2), "ratio_ok": ratio <= MAX_RATIO,
        "compare_median_cpu_seconds": round(reader_cpu, 3), "baseline_median_cpu_seconds": round(baseline_cpu, 3),
        "cpu_ratio": round(reader_cpu / baseline_cpu, 2),
        "seed_pairs_slowest_ms": round(seeds[slowest], 2), "seed_pairs_slowest": slowest,
        "seed_ok": seeds[slowest] < MAX_SEED_MS,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    verdict = {True: "ok", False: "over"}
    print(f"1 MB pair ({source}, {len(text_a):,} + {len(text_b):,} chars), {args.repeat} runs each, alternating")
    print(f"  reader compare --json   median {reader_median:7.2f} s   "
          f"({', '.join(f'{s:.2f}' for s in reader_s)})")
    print(f"  6-word phrase matcher   median {baseline_median:7.2f} s   "
          f"({', '.join(f'{s:.2f}' for s in baseline_s)})")
    print(f"  ratio {ratio:.2f} (limit {MAX_RATIO:g}: {verdict[ratio <= MAX_RATIO]}); "
          f"CPU seconds {reader_cpu:.2f} / {baseline_cpu:.2f} = {reader_cpu / baseline_cpu:.2f}")
    print(f"seed pairs: slowest {slowest} best of {args.seed_repeat} = {seeds[slowest]:.2f} ms "
          f"(limit {MAX_SEED_MS:g} ms: {verdict[seeds[slowest] < MAX_SEED_MS]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
