"""``reader report A B --out FILE.html|FILE.pdf``: the report on a pair, to pass on or print.

The report (``reader.core.report``) holds the verdict and the evidence for its direction,
coverage each way, both texts side by side with their passages tinted and numbered, the passage
table with the changed facts, the user's notes on this pair from the annotation store (the
database of ``--db``, ``$READER_DB`` or the default, when it exists; it is never created here),
the documents' provenance and SHA-256, Reader's version and settings, and the report's date.
``.html`` is one self-contained file (``reader.core.report_html``); ``.pdf`` is paged by Qt's
own PDF writer (``reader.ui.report_pdf``, the one part of the window this command loads, on
the offscreen platform when there is no display). Exit status 2 with a one-line message for a
bad option, an unreadable input, an output that is neither .html nor .pdf or cannot be written.
"""

from __future__ import annotations

import os
import pathlib
import sys

from reader.commands.common import add_engine_options, check_writable, engine_config, fail
from reader.core.documents import FORMATS_LABEL, DocumentError, load_document

#: Output formats by file suffix.
OUTPUTS = (".html", ".htm", ".pdf")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help="write a report on two files (HTML or PDF)",
        description="Align two articles and write a report to pass on or print: the verdict, coverage, "
                    "both texts side by side with the shared passages, the changed facts, your notes on "
                    "the pair and the documents' provenance.")
    p.add_argument("a", metavar="A", help=f"first document ({FORMATS_LABEL})")
    p.add_argument("b", metavar="B", help="second document")
    p.add_argument("--out", required=True, metavar="FILE", help="the report to write: FILE.html or FILE.pdf")
    add_engine_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    suffix = pathlib.Path(args.out).suffix.lower()
    if suffix not in OUTPUTS:
        return fail(f"{args.out}: the report is written as .html or .pdf, not {suffix or 'a file without suffix'}")
    try:
        check_writable(args.out)
        doc_a, doc_b = load_document(args.a), load_document(args.b)
    except (DocumentError, ValueError) as exc:
        return fail(exc)
    from reader.core.align import align
    from reader.core.corpus import pair_verdict
    from reader.core.facts import compare_facts
    from reader.core.report import build_report

    config = engine_config(args)
    alignment = align(doc_a.text, doc_b.text, config)
    verdict = pair_verdict(alignment, doc_a.text, doc_b.text, doc_a.published, doc_b.published)
    facts = compare_facts(alignment, doc_a.text, doc_b.text)
    report = build_report(doc_a, doc_b, alignment, verdict, facts, config, _notes(args, doc_a, doc_b))
    if suffix == ".pdf":
        pages = _write_pdf(report, args.out)
        print(f"{args.out}: {pages} pages, {len(alignment.matches)} passages, {report.facts_total} changed facts")
    else:
        from reader.core.report_html import render_html

        pathlib.Path(args.out).write_text(render_html(report), encoding="utf-8")
        print(f"{args.out}: {len(alignment.matches)} passages, {report.facts_total} changed facts")
    return 0


def _notes(args, doc_a, doc_b) -> list:
    """The user's notes on this pair, from the database when there is one; [] otherwise."""
    from reader.storage.database import MEMORY, StorageError, open_database, resolve_db_path

    path = resolve_db_path(getattr(args, "db", None))
    if str(path) == MEMORY or not pathlib.Path(path).exists():
        return []
    from reader.storage.pair_notes import pair_notes

    try:
        db = open_database(path)
    except StorageError as exc:
        print(f"reader: warning: notes left out of the report: {exc}", file=sys.stderr)
        return []
    try:
        return pair_notes(db, doc_a, doc_b)
    except StorageError as exc:
        print(f"reader: warning: notes left out of the report: {exc}", file=sys.stderr)
        return []
    finally:
        db.close()


def _write_pdf(report, out: str) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reader.ui.report_pdf import write_pdf

    # Fonts need an application. A QApplication, not a QGuiApplication: there is one per process,
    # and one without widgets would make every later window in it (a test run's) abort.
    app = QApplication.instance() or QApplication([sys.argv[0]])
    try:
        return write_pdf(report, out)
    finally:
        del app
