"""``reader screenshot OUT.png [A B]``: render the window on two files (default: the seed pair) to a PNG."""

from __future__ import annotations

import os
import re
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("screenshot", help="render the window to a PNG",
                              description="Open the window on two files (default: the seed pair 002 and 003), "
                                          "wait for the alignment and save a picture of it. Uses fresh settings; "
                                          "works without a display.")
    p.add_argument("out", metavar="OUT.png", help="the PNG file to write")
    p.add_argument("files", nargs="*", metavar="FILE|URL", help="document A, then document B (files or web pages)")
    p.add_argument("--size", default="1600x1000", help="window size as WIDTHxHEIGHT (default 1600x1000)")
    p.add_argument("--select", type=int, metavar="N", help="select passage N (1 = first) before the picture")
    p.add_argument("--theme", choices=("system", "light", "dark", "high-contrast"),
                   help="colours of the window (default: the saved choice's default, the system's)")
    p.set_defaults(func=run, positional_tail="files")  # files may also follow the options


def run(args) -> int:
    size = re.fullmatch(r"(\d{3,5})x(\d{3,5})", args.size)
    if not size:
        print(f"reader: error: --size {args.size}: expected WIDTHxHEIGHT, e.g. 1600x1000", file=sys.stderr)
        return 2
    if len(args.files) not in (0, 2):
        print("reader: error: give two files (A and B) or none for the seed pair", file=sys.stderr)
        return 2
    from reader.commands.common import check_writable

    try:
        check_writable(args.out)  # before the window is built and the pair aligned
    except ValueError as error:
        print(f"reader: error: {error}", file=sys.stderr)
        return 2
    from reader.ui.platform_check import display_problem

    # A picture needs no screen: without a display, or without the X11 libraries Qt needs
    # (which would abort the process), the window is rendered offscreen.
    if display_problem() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.theme:
        os.environ["READER_THEME"] = args.theme  # reader.ui.theme.THEME_ENV, read when the window is built
    from reader.core.documents import DocumentError
    from reader.ui.snapshot import SnapshotError, render_window

    try:
        count = render_window(args.out, args.files, int(size[1]), int(size[2]), args.select)
    except DocumentError as error:
        print(f"reader: error: {error}", file=sys.stderr)
        return 2
    except SnapshotError as error:
        print(f"reader: error: {error}", file=sys.stderr)
        return 1
    print(f"{args.out}: window with {count} passages")
    return 0
