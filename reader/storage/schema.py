"""The database schema as numbered sqlite-utils migrations (``Migrations("reader")``).

Steps are applied in order and recorded in ``_sqlite_migrations``; a release only ever
*adds* a step, never edits one, so an old database is upgraded without loss.

* ``m001_initial`` – the first release: documents (FTS over title + text) and single-passage
  annotations (FTS over note + quote).
* ``m002_library_and_pairs`` – documents gain url, published, encoding (the library);
  annotations gain a stable uuid (export/import), a second target (pair annotations), a
  verdict, soft deletion (undo), and the search index also covers the second quote and tags.
* ``m003_web_pages`` – documents gain author, site, extractor (how a page's text was read) and
  captured (when a fetched page arrived, UTC); ``captures`` keeps every fetched page as evidence:
  the URL asked for, the URL that answered, the redirects (JSON list), the time, the content
  type and the HTML bytes as they arrived, so a comparison can be shown and cited again after the
  page has changed.

Must not import Qt.
"""

from __future__ import annotations

import uuid

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("reader")


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    db.table("documents").create(
        {
            "id": int,
            "title": str,
            "source": str,
            "path": str,
            "text": str,
            "content_hash": str,
            "format": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"title", "text", "content_hash", "imported_at"},
    )
    # Duplicates are recognised by their text, not stored twice.
    db.table("documents").create_index(["content_hash"], unique=True, index_name="documents_content_hash")
    db.table("documents").enable_fts(["title", "text"], create_triggers=True)

    db.table("annotations").create(
        {
            "id": int,
            "document_id": int,
            "start_offset": int,
            "end_offset": int,
            "exact": str,
            "prefix": str,
            "suffix": str,
            "content_hash": str,
            "note": str,
            "tags": str,  # JSON array of strings
            "colour": str,
            "author": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"document_id", "start_offset", "end_offset", "exact", "content_hash",
                  "note", "tags", "colour", "created_at", "updated_at"},
        defaults={"note": "", "tags": "[]", "colour": "yellow", "author": "", "prefix": "", "suffix": ""},
    )
    db.table("annotations").create_index(["document_id"], index_name="annotations_document")
    db.table("annotations").enable_fts(["note", "exact"], create_triggers=True)


@MIGRATIONS()
def m002_library_and_pairs(db: Database) -> None:
    documents = db.table("documents")
    for column in ("url", "published", "encoding"):
        documents.add_column(column, str)
    documents.create_index(["path"], index_name="documents_path")

    annotations = db.table("annotations")
    annotations.add_column("uuid", str)
    for (row_id,) in db.execute("SELECT id FROM annotations").fetchall():
        db.execute("UPDATE annotations SET uuid = ? WHERE id = ?", [str(uuid.uuid4()), row_id])
    annotations.create_index(["uuid"], unique=True, index_name="annotations_uuid")
    # A pair annotation's second passage (side B). REFERENCES with a NULL default is allowed
    # by ALTER TABLE, unlike a rebuild of the table, which would disturb the FTS triggers.
    db.execute("ALTER TABLE annotations ADD COLUMN b_document_id INTEGER REFERENCES documents(id)")
    for column, kind in (("b_start_offset", int), ("b_end_offset", int), ("b_exact", str),
                         ("b_prefix", str), ("b_suffix", str), ("b_content_hash", str),
                         ("verdict", str), ("deleted_at", str)):
        annotations.add_column(column, kind)
    annotations.create_index(["b_document_id"], index_name="annotations_b_document")
    annotations.enable_fts(["note", "exact", "b_exact", "tags"], create_triggers=True, replace=True)


@MIGRATIONS()
def m003_web_pages(db: Database) -> None:
    documents = db.table("documents")
    for column in ("author", "site", "extractor", "captured"):
        documents.add_column(column, str)
    db.table("captures").create(
        {
            "id": int,
            "document_id": int,
            "url": str,
            "final_url": str,
            "redirects": str,  # JSON array of URLs
            "captured_at": str,
            "content_type": str,
            "html": bytes,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"document_id", "url", "final_url", "redirects", "captured_at", "html"},
    )
    db.table("captures").create_index(["document_id"], index_name="captures_document")
