"""What the sub-commands share: the error line, argument types, the progress line, the database.

- ``fail(message, status=2)`` prints ``reader: error: MESSAGE`` on stderr and returns the status.
- ``at_least_one(expected)`` and ``positive_digits(expected)`` build argparse types for counts
  and ids, with the one-line messages argparse prints after its usage lines.
- ``add_engine_options(parser)`` / ``engine_config(args)``: the options that map to ``AlignConfig``
  (compare, batch, eval); ``add_run_options(parser)`` adds those of many-pair runs (batch, eval).
- ``progress_printer(label, unit="pairs")`` draws one progress line on stderr when it is a terminal.
- ``with_database(args, action, usage_errors)`` opens the database of ``--db`` (or the default),
  runs ``action(db, args)``, turns storage and usage errors into an error line and exit status,
  and always closes the database.
- ``read_json_file(path, kind)`` reads a JSON file the user named, with one-line errors.
- ``check_writable(out)`` raises ``ValueError`` (one line) when an output file cannot be written,
  before any work is done.
- ``workers_ignore_ctrl_c()`` before a run in worker processes (scan, batch, eval), so Ctrl+C
  stops the run in the parent alone: one line, status 130, no worker tracebacks, no hang.
Must not import Qt.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import signal
import sys
import time
from collections.abc import Callable

from reader.core import inputfiles
from reader.core.config import AlignConfig

# ``reader.storage`` is imported by the functions that open the database, not here: it loads
# sqlite-utils (and with it numpy), a third of a second that ``compare``, ``batch`` and
# ``eval`` never use.


#: Seconds ``compare`` gives one alignment before refusing the pair (``AlignConfig.max_seconds``):
#: two different 1 MB articles take about 2 s, a 100 KB text compared with itself about 3 s, so
#: only texts that are both long and near-identical or repetitive (the work grows with the square
#: of what they share) reach it. An answer within some 20 s is the command line's promise.
COMPARE_SECONDS = 12.0
#: Seconds ``scan`` and ``sources`` give each pair of a folder or library before leaving it out
#: with a warning: those compare many pairs, so one pathological pair must not take the run's time.
PAIR_SECONDS = 3.0


def fail(message: object, status: int = 2) -> int:
    """Report a user-caused error in one line; 2 is the status of bad arguments and files.

    The line is cut to ``inputfiles.MAX_MESSAGE_CHARS``: a message may quote a bad input.
    """
    print(f"reader: error: {inputfiles.one_line(message)}", file=sys.stderr)
    return status


def at_least_one(expected: str) -> Callable[[str], int]:
    """An argparse type for a whole number >= 1; ``expected`` names it ("a number of processes")."""
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {value!r}") from None
        if number < 1:
            raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
        return number

    return parse


def positive_digits(expected: str) -> Callable[[str], int]:
    """An argparse type for an id or count written as plain digits (no sign, no spaces), >= 1."""
    def parse(value: str) -> int:
        if not value.isdigit() or int(value) < 1:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {value!r}")
        return int(value)

    return parse


def add_engine_options(p) -> None:
    """The options that map to ``AlignConfig`` (shared with other commands)."""
    defaults = AlignConfig()
    p.add_argument("--min-length", type=at_least_one("a whole number of characters"),
                   default=defaults.min_passage_chars, metavar="CHARS",
                   help=f"shortest passage reported, in characters (default {defaults.min_passage_chars})")
    p.add_argument("--no-paraphrase", action="store_true", help="report only verbatim and lightly edited text")
    p.add_argument("--looseness", type=_unit_float, default=defaults.looseness, metavar="X",
                   help=f"how loose a paraphrase may be, 0 (strict) to 1 (loose); default {defaults.looseness}")
    p.add_argument("--ignore-quotes", action="store_true", help="leave out quotations both texts carry")


def engine_config(args, **overrides) -> AlignConfig:
    return AlignConfig(min_passage_chars=args.min_length, paraphrase=not args.no_paraphrase,
                       looseness=args.looseness, ignore_quotes=args.ignore_quotes, **overrides)


def _unit_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {value!r}") from None
    if not 0.0 <= number <= 1.0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, got {value}")
    return number


def add_run_options(p) -> None:
    """Options shared by the commands that run the engine over many pairs."""
    p.add_argument("--jobs", type=at_least_one("a number of processes"), default=None, metavar="N",
                   help=f"worker processes (default: every core, here {os.cpu_count() or 1})")
    p.add_argument("--unit", choices=("regions", "passages"), default="regions",
                   help="write each reused region as one detection (default; what PAN calls a case) "
                        "or every passage the window shows")
    add_engine_options(p)


def progress_printer(label: str, unit: str | None = "pairs"):
    """A ``progress(done, total)`` callback drawing one line on stderr, or ``None`` when stderr is
    not a terminal (logs and pipes get no carriage-return noise). With ``unit`` the line counts
    ``done/total`` of it; without, the total may change during the run, so only the percentage."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        elapsed = time.monotonic() - started
        left = elapsed / done * (total - done) if done else 0.0
        percent = f"{done * 100 // max(1, total)}%"
        count = f"{done}/{total} {unit} ({percent})" if unit else percent
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r{label}: {count}, {_clock(elapsed)} elapsed, about {_clock(left)} left  {end}")
        sys.stderr.flush()

    return progress


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


def read_json_file(path: str, kind: str):
    """The JSON value in the UTF-8 file at ``path``; ``ValueError`` with one line naming it if not.
    ``kind`` says what the file should have been ("a detections file")."""
    return inputfiles.read_json_file(path, kind)


def check_writable(out: str) -> None:
    """Refuse, before the work, an output path that is a folder, in a missing folder, or not writable."""
    path = pathlib.Path(out)
    if path.is_dir():
        raise ValueError(f"{out}: is a folder, not a file")
    parent = path.parent if str(path.parent) else pathlib.Path(".")
    if not parent.is_dir():
        raise ValueError(f"{out}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValueError(f"{out}: permission denied")


def open_library(args):
    """The database of ``--db`` (or the default), migrated; raises ``StorageError``."""
    from reader.storage.database import open_database, resolve_db_path

    return open_database(resolve_db_path(getattr(args, "db", None)))


def with_database(args, action, usage_errors: tuple[type[Exception], ...] = (ValueError,)) -> int:
    """``action(db, args)`` on the open database; its errors become one line and an exit status."""
    from reader.storage.database import StorageError

    try:
        db = open_library(args)
    except StorageError as exc:
        return fail(exc, exc.exit_status)
    try:
        return action(db, args)
    except StorageError as exc:
        return fail(exc, exc.exit_status)
    except usage_errors as exc:
        return fail(exc, 2)
    finally:
        db.close()


def workers_ignore_ctrl_c() -> None:
    """Start multiprocessing's fork server with SIGINT ignored, so every worker it forks ignores it.

    Why: Ctrl+C in a terminal signals the whole process group. A pool worker interrupted while
    writing a result dies holding the result queue's lock; the parent's ``Pool.terminate()`` then
    waits for that lock forever, and every worker prints a traceback. With the workers deaf to
    SIGINT, only the parent raises ``KeyboardInterrupt`` and terminates them (SIGTERM). Python
    keeps an inherited SIG_IGN, and the fork server hands its own start-up disposition on to the
    processes it forks. Without a fork server (macOS, Windows: spawn) this does nothing.
    """
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    from multiprocessing import forkserver

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
