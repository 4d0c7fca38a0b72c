"""``reader gui [A [B]]``: open the window (the default command)."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("gui", help="open the reader window (default)",
                              description="Open the reader window, optionally on one or two files.")
    p.add_argument("files", nargs="*", metavar="FILE|URL",
                   help="document for side A, then side B (a file or a web page)")
    p.set_defaults(func=run)


def run(args) -> int:
    if len(args.files) > 2:
        print("reader: error: give at most two files (side A and side B)", file=sys.stderr)
        return 2
    from reader.ui.app import run_app  # Qt is imported only when the window is wanted

    return run_app(args)
