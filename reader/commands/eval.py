"""``reader eval CORPUS_DIR [SUBSET ...]``: PAN figures of the engine on a PAN text-alignment corpus.

Runs the engine on every pair of the chosen subsets (all by default; a subset may be named by a
unique prefix such as ``02``) through the batch machinery of ``reader.core.batchrun``, or scores
an existing detections file (``--detections``), and prints precision, recall, granularity,
plagdet, micro P/R/F1, cases and detections per subset and overall, computed exactly as the
referee ``shared/eval/score.py`` computes them (``reader.core.evaluate``). ``--out`` saves the
engine's detections. Bad arguments or files exit with status 2 and a one-line message.
Must not import Qt.
"""

from __future__ import annotations

import sys
import time

from reader.commands.common import (
    add_run_options,
    engine_config,
    fail,
    progress_printer,
    read_json_file,
    workers_ignore_ctrl_c,
)
from reader.core.batchrun import BatchError, PairTask, check_files, check_output, run_pairs, write_detections
from reader.core.documents import DocumentError
from reader.core.evaluate import GoldPair, Scores, parse_detections, score
from reader.core.pan import PanError, read_gold

#: Table columns: heading, width, how to print a value of ``Scores`` (or of the row).
_COLUMNS = (
    ("pairs", 6, "{:d}"), ("cases", 6, "{:d}"), ("detections", 10, "{:d}"),
    ("precision", 9, "{:.3f}"), ("recall", 6, "{:.3f}"), ("granularity", 11, "{:.3f}"),
    ("plagdet", 7, "{:.3f}"), ("micro_P", 7, "{:.3f}"), ("micro_R", 7, "{:.3f}"), ("micro_F1", 8, "{:.3f}"),
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "eval", help="precision / recall / granularity / plagdet on a PAN corpus",
        description="Run the engine on a PAN 2013 text-alignment corpus (or score a detections file) "
                    "and print the PAN figures per subset and overall.")
    p.add_argument("corpus", metavar="CORPUS_DIR", help="PAN corpus folder (holds src/, susp/ and the subsets)")
    p.add_argument("subsets", nargs="*", metavar="SUBSET",
                   help="subsets to evaluate, by name or unique prefix (default: all)")
    p.add_argument("--detections", metavar="FILE", help="score this detections JSON instead of running the engine")
    p.add_argument("--out", metavar="FILE", help="also save the engine's detections to FILE")
    add_run_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    if args.detections and args.out:
        return fail(ValueError("--out saves the engine's detections; with --detections the engine does not run"))
    try:
        gold = read_gold(args.corpus, args.subsets)
    except PanError as exc:
        return fail(exc)
    started = time.monotonic()
    if args.detections:
        try:
            detections = parse_detections(read_json_file(args.detections, "a detections file"), args.detections)
        except ValueError as exc:
            return fail(exc)
        how = f"detections from {args.detections}"
    else:
        tasks = _tasks(gold)
        config = engine_config(args, word_diff=False)
        try:
            if args.out:
                check_output(args.out)
            check_files(args.corpus, tasks)
            workers_ignore_ctrl_c()
            entries = run_pairs(args.corpus, tasks, config, args.jobs, progress_printer("eval"), unit=args.unit)
            if args.out:
                write_detections(args.out, entries, config)
        except (BatchError, DocumentError) as exc:
            return fail(exc)
        except RuntimeError as exc:
            print(f"reader: error: {exc}", file=sys.stderr)
            return 1
        detections = parse_detections({"pairs": entries})
        how = (f"engine: {len(tasks)} pairs aligned in {time.monotonic() - started:.1f} s, "
               f"one detection per {args.unit[:-1]}")
    print(f"PAN evaluation of {args.corpus} ({how})")
    print()
    print(table(gold, detections))
    return 0


def table(gold: list[GoldPair], detections) -> str:
    """Figures per subset, then over all the gold pairs, as aligned text columns."""
    subsets: list[str] = []
    for p in gold:
        if p.subset not in subsets:
            subsets.append(p.subset)
    rows = [(name or "(no subset)", [p for p in gold if p.subset == name]) for name in subsets]
    if len(rows) != 1:
        rows.append(("all", gold))
    name_width = max(len("subset"), *(len(name) for name, _ in rows))
    lines = ["subset".ljust(name_width) + "".join(f"  {h:>{w}}" for h, w, _ in _COLUMNS)]
    for name, pairs in rows:
        values = _row(pairs, score(pairs, detections))
        lines.append(name.ljust(name_width) + "".join(
            f"  {fmt.format(values[h]):>{w}}" for h, w, fmt in _COLUMNS))
    return "\n".join(lines)


def _row(pairs: list[GoldPair], s: Scores) -> dict:
    return {"pairs": len(pairs), "cases": s.cases, "detections": s.detections, "precision": s.precision,
            "recall": s.recall, "granularity": s.granularity, "plagdet": s.plagdet,
            "micro_P": s.micro_precision, "micro_R": s.micro_recall, "micro_F1": s.micro_f1}


def _tasks(gold: list[GoldPair]) -> list[PairTask]:
    seen: set[tuple[str, str]] = set()
    tasks = []
    for p in gold:
        if (p.a, p.b) not in seen:  # a pair listed in two subsets is aligned once
            seen.add((p.a, p.b))
            tasks.append(PairTask(p.a, p.b, f"{p.subset}/pairs"))
    return tasks
