"""The ``reader`` command line.

``reader`` with no sub-command (or with one or two file paths) starts the window; the other
sub-commands live one per module in ``reader.commands`` and are listed in ``COMMANDS``.
Exit status: 0 success, 1 failure at run time, 2 bad arguments or bad input files.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import os
import sys

#: Sub-command modules under ``reader.commands``, in the order ``--help`` lists them.
COMMANDS = ("gui", "compare", "report", "batch", "eval", "annotations", "screenshot", "scan", "sources", "library",
            "extract")


class ArgumentParser(argparse.ArgumentParser):
    """argparse that exits with status 2 and a one-line message, as every command promises."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse override
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(only: str | None = None) -> ArgumentParser:
    """The parser of every sub-command, or of sub-command ``only`` alone.

    Each sub-command's module is imported to register it, with what it imports: a run of one
    command builds only that one, so ``reader compare`` does not load the database layer
    (sqlite-utils, which loads numpy) that ``library`` and ``annotations`` need.
    """
    parser = ArgumentParser(
        prog="reader",
        description="Compare two articles and see every passage one took from the other.",
        epilog="With no command, or with one or two files, the window opens.",
    )
    from reader import __version__

    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file (default: $READER_DB, else the "
                        "user data folder)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    for name in (only,) if only is not None else COMMANDS:
        importlib.import_module(f"reader.commands.{name}").register(subparsers)
    for sub in subparsers.choices.values():  # --db may also follow the command name
        if "--db" not in sub._option_string_actions:
            sub.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the database file")
    return parser


def _freeze_at_exit() -> None:
    """At exit, let the interpreter skip walking what is left for reference cycles.

    Python runs one last full garbage collection when it shuts down; after ``compare`` on two
    1 MB texts that walks millions of objects the engine's caches still hold (a quarter of a
    second) only for the operating system to free them all anyway. Frozen objects are not
    walked. Registered once per process, it runs after the command's own work is done.
    """
    global _freeze_registered
    if not _freeze_registered:
        atexit.register(gc.freeze)
        _freeze_registered = True


_freeze_registered = False


def _end_now(status: int) -> None:
    """End the process at once with ``status``: output flushed, nothing freed, no atexit handlers.

    After ``compare`` on two 1 MB texts the engine's caches hold about a million objects, and
    freeing them one by one as the interpreter shuts down took some 0.2 s of a 2.5 s run, for
    memory the operating system takes back anyway (mypy ends its runs the same way). Used only
    by a command that asks for it (``end_at_once``: one that starts no processes, threads or
    temporary files) and only when ``main`` runs the process's own command line.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # whoever read the output has gone (``| head``): nothing left to say
        pass
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    _freeze_at_exit()
    # No argv: the console script or ``python -m reader``, this process's own command line (the
    # tests pass one).
    as_program = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    # `reader`, `reader A B` and `reader --db X A B` all mean the window.
    skip = 2 if argv[:1] == ["--db"] else 1 if argv and argv[0].startswith("--db=") else 0
    rest = argv[skip:]
    if not rest or (rest[0] not in COMMANDS and rest[0] not in ("-h", "--help", "--version")):
        argv, rest = [*argv[:skip], "gui", *rest], ["gui", *rest]
    # The top-level help lists every command; a command's own run needs only its parser.
    parser = build_parser(rest[0] if rest[0] in COMMANDS else None)
    args, extra = parser.parse_known_args(argv)
    # A command may take more positional arguments after its options (`reader screenshot
    # OUT.png --size 1280x720 A B`), which argparse alone refuses once a list has been started:
    # its ``positional_tail`` default names the list they join. Unknown options stay errors.
    tail = getattr(args, "positional_tail", None)
    if extra and (tail is None or any(word.startswith("-") for word in extra)):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra:
        getattr(args, tail).extend(extra)
    try:
        status = int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    if as_program and getattr(args, "end_at_once", False):
        _end_now(status)
    return status


if __name__ == "__main__":
    sys.exit(main())
