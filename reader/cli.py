"""The ``reader`` command line.

``reader`` with no sub-command (or with one or two file paths) starts the window; the other
sub-commands live one per module in ``reader.commands`` and are listed in ``COMMANDS``.
Exit status: 0 success, 1 failure at run time, 2 bad arguments or bad input files.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: Sub-command modules under ``reader.commands``, in the order ``--help`` lists them.
COMMANDS = ("gui", "compare", "batch", "eval", "annotations", "screenshot", "scan", "sources", "library")


class ArgumentParser(argparse.ArgumentParser):
    """argparse that exits with status 2 and a one-line message, as every command promises."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse override
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> ArgumentParser:
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
    for name in COMMANDS:
        importlib.import_module(f"reader.commands.{name}").register(subparsers)
    for sub in subparsers.choices.values():  # --db may also follow the command name
        if "--db" not in sub._option_string_actions:
            sub.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the database file")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    # `reader`, `reader A B` and `reader --db X A B` all mean the window.
    skip = 2 if argv[:1] == ["--db"] else 1 if argv and argv[0].startswith("--db=") else 0
    rest = argv[skip:]
    if not rest or (rest[0] not in known and rest[0] not in ("-h", "--help", "--version")):
        argv = [*argv[:skip], "gui", *rest]
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
