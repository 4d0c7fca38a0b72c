"""``reader library import|list|edit``: the documents stored in the database.

* ``import PATH|URL...`` reads files, whole folders (sub-folders included) and web pages (an
  http(s) URL is fetched; the page as it arrived and the capture time are kept) into the database;
  a text already stored (same content hash) is recognised and not stored twice, and a file
  re-read from the same path with new text replaces the old version (its notes are re-anchored).
* ``list [--search WORDS]`` prints id, publication date, source, words and title.
* ``edit ID [--title T] [--source S] [--url U] [--published YYYY-MM-DD]`` changes metadata.

First run: while the library holds nothing but seed articles (or nothing at all), the seed
articles in ``seeds/`` are imported, so a new user has a library to explore.

The database is ``--db``, else ``$READER_DB``, else the platform data folder. Bad files are
skipped with a one-line message naming them (exit status 2 at the end); bad options, ids,
dates or databases exit with status 2 and one line. Must not import Qt.
"""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import positive_digits, with_database
from reader.core.documents import FORMATS_LABEL
from reader.core.text import word_count
from reader.storage.documents import (
    EDITABLE,
    StoredDocument,
    get_document,
    list_documents,
    search_documents,
    update_metadata,
)
from reader.storage.library import ensure_seed_library, import_paths

TITLE_CHARS = 60


def short(text: str, width: int = TITLE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# -- the command line ------------------------------------------------------------------------

def register(subparsers) -> None:
    p = subparsers.add_parser(
        "library", help="import, list or edit the documents of the library",
        description="Import files and folders into the library (the database), list its documents, "
                    "or edit a document's title, source, URL or publication date.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    importing = actions.add_parser("import", help="read files, folders and web pages into the library",
                                   description=f"Read files and whole folders ({FORMATS_LABEL}) and web pages "
                                               "(http(s) URLs; the fetched page is kept) into the library; texts "
                                               "already stored are recognised, not stored twice.")
    importing.add_argument("paths", nargs="+", metavar="PATH|URL", help="file, folder or http(s) URL")
    importing.set_defaults(func=run_import)
    listing = actions.add_parser("list", help="print the documents of the library",
                                 description="Print id, publication date, source, length and title of "
                                             "every document (on first run the seed articles are imported).")
    listing.add_argument("--search", metavar="WORDS", help="only documents whose title or text hold these words")
    listing.set_defaults(func=run_list)
    edit = actions.add_parser("edit", help="change a document's title, source, URL or date",
                              description="Change the title, source (outlet), URL or publication date of a document.")
    edit.add_argument("id", type=positive_digits("a document id (a positive number)"), metavar="ID",
                      help="document id (see `reader library list`)")
    edit.add_argument("--title")
    edit.add_argument("--source", help="outlet or author")
    edit.add_argument("--url")
    edit.add_argument("--published", metavar="YYYY-MM-DD", help="publication date ('' to clear)")
    edit.set_defaults(func=run_edit)
    for sub in (importing, listing, edit):
        sub.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the database file")


def run_import(args) -> int:
    return with_database(args, _import)


def run_list(args) -> int:
    return with_database(args, _list)


def run_edit(args) -> int:
    return with_database(args, _edit)


def _import(db, args) -> int:
    labels = {"added": "added", "same": "already in the library as", "updated": "new version of"}

    def on_file(path, doc_id, what):
        print(f"{labels[what]} #{doc_id}: {path}")

    report = import_paths(db, args.paths, warn=lambda m: print(f"reader: error: {m}", file=sys.stderr),
                          on_file=on_file)
    print(f"{len(report.added)} added, {len(report.same)} already stored, {len(report.updated)} updated, "
          f"{len(report.failed)} skipped")
    return 2 if report.failed else 0


def _list(db, args) -> int:
    ensure_seed_library(db)
    docs: list[StoredDocument]
    if args.search is not None:
        docs = sorted(search_documents(db, args.search, limit=10_000), key=lambda d: d.id)
    else:
        docs = list_documents(db)
    texts = {d.id: d.text for d in list_documents(db, with_text=True)} if docs else {}
    out = sys.stdout
    out.write(f"{'id':>4}  {'published':10}  {'source':24}  {'words':>6}  title\n")
    for d in docs:
        words = word_count(texts.get(d.id) or "")
        source = short(d.source or "-", 24)
        out.write(f"{d.id:>4}  {d.published or '-':10}  {source:24}  {words:>6}  {short(d.title)}\n")
    return 0


def _edit(db, args) -> int:
    fields = {k: getattr(args, k) for k in EDITABLE if getattr(args, k, None) is not None}
    if not fields:
        raise ValueError("nothing to change: give --title, --source, --url or --published")
    get_document(db, args.id, with_text=False)
    doc = update_metadata(db, args.id, **fields)
    print(f"#{doc.id}: {doc.title} | source {doc.source or '-'} | url {doc.url or '-'} | "
          f"published {doc.published or '-'}")
    return 0
