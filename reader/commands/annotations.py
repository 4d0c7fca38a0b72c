"""``reader annotations list|export|import``: the stored annotations, outside the window.

* ``list [--doc ID|PATH] [--tag T] [--colour C] [--verdict V] [--search Q]`` prints one line per
  annotation: id, document, verdict, colour, tags, the quote and the note; ``ORPHAN`` marks one
  whose passage is no longer found in its document's current text, ``FUZZY`` one found only
  approximately (the passage was edited).
* ``export --format jsonld|csv|md [--out FILE]`` (same filters) writes W3C Web Annotation
  JSON-LD (lossless), CSV or Markdown.
* ``import FILE`` reads JSON-LD back (matching documents by content hash, path or url).

The database is ``--db``, else ``$READER_DB``, else the platform data folder. Exit status 2
with a one-line message naming the file for bad options, files or databases; 1 for a busy
database. Must not import Qt.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

from reader.commands.common import read_json_file, with_database
from reader.core.anchoring import FUZZY
from reader.core.annotations import COLOURS, VERDICTS, AnnotationError
from reader.core.atomic import AtomicWriteError, write_atomic
from reader.core.webannotation import WebAnnotationError
from reader.storage.annotation_io import FORMATS, export_annotations, import_annotations
from reader.storage.annotations import anchor_annotation, list_annotations
from reader.storage.database import database_label
from reader.storage.documents import find_document, get_document

#: Characters of quote and note shown per line by ``list``.
EXCERPT_CHARS = 70


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "annotations", help="list, export or import stored annotations",
        description="List, export (JSON-LD, CSV, Markdown) or import (JSON-LD) the annotations "
                    "stored in the database.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True,
                               parser_class=type(p))
    listing = actions.add_parser("list", help="print the annotations, one per line",
                                 description="Print the annotations, one per line.")
    _add_filters(listing)
    listing.set_defaults(func=run_list)

    export = actions.add_parser("export", help="write annotations as JSON-LD, CSV or Markdown",
                                description="Write the annotations as W3C Web Annotation JSON-LD "
                                            "(lossless; import reads it back), CSV or Markdown.")
    export.add_argument("--format", choices=FORMATS, default="jsonld", help="output format (default jsonld)")
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    _add_filters(export)
    export.set_defaults(func=run_export)

    importing = actions.add_parser("import", help="read annotations from a JSON-LD export",
                                   description="Read annotations from a JSON-LD export. Each target's "
                                               "document must be in the database (matched by content, "
                                               "path or url) or readable at its exported path.")
    importing.add_argument("file", metavar="FILE", help="JSON-LD file written by `annotations export`")
    importing.set_defaults(func=run_import)
    for sub in (listing, export, importing):  # `reader annotations list --db X` works too
        sub.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the database file")


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--doc", metavar="ID|PATH", help="only annotations on this document (id or file path)")
    p.add_argument("--tag", help="only annotations with this tag")
    p.add_argument("--colour", "--color", dest="colour", choices=COLOURS, help="only this colour")
    p.add_argument("--verdict", choices=VERDICTS, help="only this verdict")
    p.add_argument("--search", metavar="WORDS", help="only annotations whose note, quotes or tags hold these words")


def run_list(args) -> int:
    return with_database(args, _list, usage_errors=(_UsageError,))


def run_export(args) -> int:
    return with_database(args, _export, usage_errors=(_UsageError,))


def run_import(args) -> int:
    return with_database(args, _import, usage_errors=(_UsageError,))


class _UsageError(Exception):
    pass


def _filters(db, args) -> dict:
    filters = {"tag": args.tag, "colour": args.colour, "verdict": args.verdict, "search": args.search}
    if args.doc is not None:
        filters["document_id"] = _document_id(db, args.doc)
    return filters


def _document_id(db, value: str) -> int:
    if value.isdigit():
        document_id = int(value)
        get_document(db, document_id, with_text=False)  # StorageError names a missing id
        return document_id
    path = pathlib.Path(value).expanduser()
    found = find_document(db, path=str(path.resolve())) or find_document(db, path=value)
    if found is None and path.is_file():
        # The same text imported from elsewhere is the same document.
        from reader.core.documents import DocumentError, load_document

        try:
            found = find_document(db, content_hash=load_document(path).content_hash)
        except DocumentError as exc:
            raise _UsageError(str(exc)) from exc
    if found is None:
        raise _UsageError(f"{value}: not a document in the database {database_label(db)}")
    return found


def _list(db, args) -> int:
    filters = _filters(db, args)
    annotations = list_annotations(db, **filters)
    if not annotations:  # said on stderr: stdout stays one line per annotation for scripts
        chosen = any(value not in (None, "", ()) for value in filters.values())
        print(f"no annotations{' match these filters' if chosen else ''} in {database_label(db)}",
              file=sys.stderr)
        return 0
    titles: dict[int, str] = {}
    texts: dict[int, str] = {}
    out = sys.stdout
    for a in annotations:
        for document_id in a.document_ids():
            if document_id not in titles:
                titles[document_id] = get_document(db, document_id, with_text=False).title
        anchors = anchor_annotation(db, a, texts)
        where = " ↔ ".join(_excerpt(titles[t.document_id], 30) for t in a.targets)
        parts = [f"#{a.id}", where]
        if a.verdict:
            parts.append(f"[{a.verdict_label}]")
        parts.append(a.colour)
        if a.tags:
            parts.append("tags: " + ", ".join(a.tags))
        if any(x.is_orphan for x in anchors):
            parts.append("ORPHAN")
        elif any(x.status == FUZZY for x in anchors):
            parts.append("FUZZY")  # placed by similarity: the text changed there
        parts.append(f"“{_excerpt(a.targets[0].quote.exact, EXCERPT_CHARS)}”")
        if a.note:
            parts.append("— " + _excerpt(a.note, EXCERPT_CHARS))
        print("  ".join(parts), file=out)
    return 0


def _export(db, args) -> int:
    filters = _filters(db, args)
    text = export_annotations(db, args.format, **filters)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    out = pathlib.Path(args.out).expanduser()
    try:
        write_atomic(out, text)  # a full disk leaves the old file whole, never a truncated one
    except OSError as exc:
        raise _UsageError(str(exc) if isinstance(exc, AtomicWriteError) else f"{args.out}: cannot write") from exc
    count = len(list_annotations(db, **filters))
    print(f"wrote {count} annotation(s) to {args.out}", file=sys.stderr)
    return 0


def _import(db, args) -> int:
    try:
        data = read_json_file(args.file, "a JSON-LD export")
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    from reader.core.documents import load_document

    try:
        report = import_annotations(db, data, load_document=load_document)
    except (WebAnnotationError, AnnotationError) as exc:
        raise _UsageError(f"{args.file}: {exc}") from exc
    except ValueError as exc:  # a document file named by the export could not be read
        raise _UsageError(f"{args.file}: {exc}") from exc
    print(f"imported {report.total} annotation(s) from {args.file}: {report.added} new, "
          f"{report.updated} updated, {report.unchanged} unchanged"
          + (f"; {report.documents_added} document(s) added" if report.documents_added else ""))
    return 0


def _excerpt(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
