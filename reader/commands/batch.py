"""``reader batch PAIRS --root DIR --out FILE``: align many pairs and write a detections file.

PAIRS lists one ``a b`` pair of paths relative to DIR per line; with ``--pan`` it is a PAN ``pairs``
file of ``susp src`` lines, aligned with the source as side A and written as ``a = src/<src>``,
``b = susp/<susp>``. The output is the JSON ``shared/eval/score.py`` reads. The work is spread over
``--jobs`` processes (default: every core; see ``reader.core.batchrun``); a progress line is
shown on stderr only when stderr is a terminal. Bad lines, missing files and unreadable
documents exit with status 2 and a one-line message. Must not import Qt.
"""

from __future__ import annotations

import time

from reader.commands.common import add_run_options, engine_config, fail, progress_printer, workers_ignore_ctrl_c
from reader.core.batchrun import BatchError, check_files, check_output, read_pair_list, run_pairs, write_detections
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


def run(args) -> int:
    try:
        tasks = read_pair_list(args.pairs, pan=args.pan)
        check_files(args.root, tasks)
        check_output(args.out)
    except BatchError as exc:
        return fail(exc)
    config = engine_config(args, word_diff=False)  # word diffs are for the window; detections need spans
    workers_ignore_ctrl_c()
    started = time.monotonic()
    try:
        entries = run_pairs(args.root, tasks, config, args.jobs, progress_printer("batch"), unit=args.unit)
        write_detections(args.out, entries, config)
    except (BatchError, DocumentError) as exc:
        return fail(exc)
    except RuntimeError as exc:  # not a bad argument or file, so not status 2
        return fail(exc, 1)
    detections = sum(len(e["matches"]) for e in entries)
    print(f"{len(entries)} pairs aligned in {time.monotonic() - started:.1f} s, {detections} detections "
          f"written to {args.out}")
    return 0
