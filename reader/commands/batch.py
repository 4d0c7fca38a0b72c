"""``reader batch PAIRS --root DIR --out FILE``: align many pairs and write a detections file.

PAIRS lists one ``a b`` pair of paths relative to DIR per line; with ``--pan`` it is a PAN ``pairs``
file of ``susp src`` lines, aligned with the source as side A and written as ``a = src/<src>``,
``b = susp/<susp>``. The output is the JSON ``shared/eval/score.py`` reads. The work is spread over
``--jobs`` processes (default: every core; see ``reader.core.batchrun``); a progress line is
shown on stderr only when stderr is a terminal. Bad lines, missing files and unreadable
documents exit with status 2 and a one-line message. Must not import Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from reader.commands.compare import add_engine_options, engine_config
from reader.core.batchrun import (BatchError, check_files, check_output, read_pair_list, run_pairs,
                                  write_detections)
from reader.core.documents import DocumentError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "batch", help="align many pairs and write detections JSON",
        description="Align every pair listed in PAIRS (paths relative to --root) and write the "
                    "detections as JSON, the format shared/eval/score.py reads.")
    p.add_argument("pairs", metavar="PAIRS", help="file with one 'A B' pair per line (or a PAN pairs file with --pan)")
    p.add_argument("--root", required=True, metavar="DIR", help="folder the paths in PAIRS are relative to")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the detections JSON")
    p.add_argument("--pan", action="store_true",
                   help="PAIRS is a PAN 'pairs' file ('susp src' lines; documents in DIR/susp and DIR/src)")
    add_run_options(p)
    p.set_defaults(func=run)


def add_run_options(p) -> None:
    """Options shared by the commands that run the engine over many pairs."""
    p.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                   help=f"worker processes (default: every core, here {os.cpu_count() or 1})")
    p.add_argument("--unit", choices=("regions", "passages"), default="regions",
                   help="write each reused region as one detection (default; what PAN calls a case) "
                        "or every passage the window shows")
    add_engine_options(p)


def run(args) -> int:
    try:
        tasks = read_pair_list(args.pairs, pan=args.pan)
        check_files(args.root, tasks)
        check_output(args.out)
    except BatchError as exc:
        return fail(exc)
    config = engine_config(args, word_diff=False)  # word diffs are for the window; detections need spans
    started = time.monotonic()
    try:
        entries = run_pairs(args.root, tasks, config, args.jobs, progress_printer("batch"), unit=args.unit)
        write_detections(args.out, entries, config)
    except (BatchError, DocumentError) as exc:
        return fail(exc)
    except RuntimeError as exc:
        print(f"reader: error: {exc}", file=sys.stderr)
        return 1
    detections = sum(len(e["matches"]) for e in entries)
    print(f"{len(entries)} pairs aligned in {time.monotonic() - started:.1f} s, {detections} detections "
          f"written to {args.out}")
    return 0


def fail(exc: Exception) -> int:
    """Report a user-caused error in one line; exit status 2."""
    print(f"reader: error: {exc}", file=sys.stderr)
    return 2


def progress_printer(label: str):
    """A ``progress(done, total)`` callback drawing one line on stderr, or ``None`` when stderr is
    not a terminal (logs and pipes get no carriage-return noise)."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        elapsed = time.monotonic() - started
        left = elapsed / done * (total - done) if done else 0.0
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r{label}: {done}/{total} pairs ({done * 100 // max(1, total)}%), "
                         f"{_clock(elapsed)} elapsed, about {_clock(left)} left  {end}")
        sys.stderr.flush()

    return progress


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number
