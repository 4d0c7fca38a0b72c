"""The documents table: add (deduplicated by content hash), get, find, list, search, edit;
and the captures of fetched web pages (``page_captures``).

Works on any object shaped like ``reader.core.documents.Document`` (text, title, source,
path, format, encoding, url, published, author, site, extractor, captured, page); the content
hash is recomputed from the text so the table can be trusted. A document that carries a fetched
``page`` (``reader.core.page_fetch.FetchedPage``) gets a row in ``captures`` each time it is
stored or imported with a page whose bytes differ from its last capture.
``StoredDocument.text`` is ``None`` when a listing did not load it. ``document_from_stored``
turns a stored document (read with its text) back into a ``Document``.
Every write is one ``write_transaction``. Must not import Qt.
"""

from __future__ import annotations

import datetime
import json
import pathlib
from dataclasses import dataclass
from typing import Any, cast

from sqlite_utils import Database

from reader.core.annotations import now_iso
from reader.core.documents import Document
from reader.core.documents import content_hash as hash_text
from reader.storage.database import StorageError, database_label, translated_errors, write_transaction
from reader.storage.search import fts_query

_LIST_COLUMNS = ("id", "title", "source", "path", "url", "published", "content_hash", "format",
                 "encoding", "imported_at", "author", "site", "extractor", "captured")
#: Columns ``update_metadata`` may change (the text changes only through ``replace_text``).
EDITABLE = ("title", "source", "path", "url", "published")


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: int
    title: str
    source: str | None
    path: str | None
    url: str | None
    published: str | None
    content_hash: str
    format: str | None
    encoding: str | None
    imported_at: str
    author: str | None = None
    site: str | None = None
    extractor: str | None = None
    captured: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class PageCapture:
    """A fetched page as it arrived: the evidence behind a document read from the web."""

    id: int
    document_id: int
    url: str
    final_url: str
    redirects: tuple[str, ...]
    captured_at: str
    content_type: str | None
    html: bytes


def document_from_stored(stored: StoredDocument) -> Document:
    """A window ``Document`` of a stored one (to open an annotation's document); ``stored`` must
    have been read with its text."""
    return Document(text=cast(str, stored.text), title=stored.title, path=stored.path, source=stored.source or "",
                    content_hash=stored.content_hash, format=stored.format or "text",
                    encoding=stored.encoding or "utf-8", url=stored.url, published=stored.published,
                    author=stored.author, site=stored.site, extractor=stored.extractor, captured=stored.captured)


def add_document(db: Database, document: Any) -> int:
    """Store ``document`` and return its id; a document with the same text returns the existing id."""
    text = document.text
    digest = hash_text(text)
    path = getattr(document, "path", None)
    row = {
        "title": (getattr(document, "title", None) or "").strip() or "Untitled",
        "source": getattr(document, "source", None),
        "path": str(path) if path is not None else None,
        "url": getattr(document, "url", None),
        "published": _check_published(getattr(document, "published", None)),
        "text": text,
        "content_hash": digest,
        "format": getattr(document, "format", None),
        "encoding": getattr(document, "encoding", None),
        "imported_at": now_iso(),
        "author": getattr(document, "author", None),
        "site": getattr(document, "site", None),
        "extractor": getattr(document, "extractor", None),
        "captured": getattr(document, "captured", None),
    }
    with write_transaction(db):
        existing = find_document(db, content_hash=digest)
        if existing is not None:
            _keep_capture(db, existing, document)
            return existing
        # sqlite-utils types ``last_pk`` as Optional[Any]; after an insert it is the new rowid.
        new_id = cast(int, db.table("documents").insert(row).last_pk)
        _keep_capture(db, new_id, document)
        return new_id


def import_document(db: Database, document: Any) -> tuple[int, str]:
    """Store a document that is being read and return ``(id, what happened)``.

    ``"same"``: this text is stored already. ``"updated"``: a document from the same path (or
    url) with another text is stored; its text is replaced, so its annotations are re-anchored
    to the new version rather than left on a copy nobody reads. ``"added"``: a new document.

    A content hash names a text, not a file: the same text read from another path is the same
    document, now read from there. Its ``path`` becomes that new path (the file the user works
    on), so when that file is edited and imported again it is a new version of the document,
    not a new document. A path names at most one document, the one whose text the file held
    last; keeping the old path too would let two diverging files take turns replacing one text.
    """
    digest = hash_text(document.text)
    path = getattr(document, "path", None)
    path = str(path) if path is not None else None
    url = getattr(document, "url", None)
    with write_transaction(db):
        existing = find_document(db, content_hash=digest)
        if existing is not None:
            _move_path(db, existing, path)
            _keep_capture(db, existing, document)
            return existing, "same"
        previous = find_document(db, path=path) if path else find_document(db, url=url) if url else None
        if previous is None:
            return add_document(db, document), "added"
        replace_text(db, previous, document.text)
        if getattr(document, "captured", None):
            db.table("documents").update(previous, {"captured": document.captured})
        _keep_capture(db, previous, document)
        return previous, "updated"


def _keep_capture(db: Database, document_id: int, document: Any) -> None:
    """Store the page ``document`` was read from, unless its last capture has the same bytes."""
    page = getattr(document, "page", None)
    if page is None:
        return
    last = db.execute("SELECT html FROM captures WHERE document_id = ? ORDER BY id DESC LIMIT 1",
                      [document_id]).fetchone()
    if last is not None and bytes(last[0]) == page.body:
        return
    db.table("captures").insert({
        "document_id": document_id, "url": page.url, "final_url": page.final_url,
        "redirects": json.dumps(list(page.redirects)), "captured_at": page.captured,
        "content_type": page.content_type, "html": page.body,
    })


def page_captures(db: Database, document_id: int) -> list[PageCapture]:
    """Every capture of a document's page, oldest first (none for a document read from a file)."""
    with translated_errors(db):
        rows = db.execute("SELECT id, document_id, url, final_url, redirects, captured_at, content_type, html "
                          "FROM captures WHERE document_id = ? ORDER BY id", [document_id]).fetchall()
    return [PageCapture(r[0], r[1], r[2], r[3], tuple(json.loads(r[4] or "[]")), r[5], r[6], bytes(r[7]))
            for r in rows]


def _move_path(db: Database, document_id: int, path: str | None) -> None:
    """Make ``path`` the current file of ``document_id`` and of no other document."""
    if not path:
        return  # pasted text says nothing about where the document lives
    db.execute("UPDATE documents SET path = NULL WHERE path = ? AND id != ?", [path, document_id])
    db.execute("UPDATE documents SET path = ? WHERE id = ? AND path IS NOT ?", [path, document_id, path])


def get_document(db: Database, document_id: int, *, with_text: bool = True) -> StoredDocument:
    """The document with this id; ``StorageError`` if there is none."""
    columns = ", ".join(_LIST_COLUMNS + (("text",) if with_text else ()))
    with translated_errors(db):
        row = db.execute(f"SELECT {columns} FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        raise StorageError(f"{database_label(db)}: no document #{document_id}")
    return StoredDocument(*row)


def find_document(db: Database, *, content_hash: str | None = None, path: str | pathlib.Path | None = None,
                  url: str | None = None) -> int | None:
    """Id of a document with this content hash, else this path, else this url; ``None`` if none."""
    with translated_errors(db):
        for column, value in (("content_hash", content_hash), ("path", path), ("url", url)):
            if value:
                row = db.execute(f"SELECT id FROM documents WHERE {column} = ? ORDER BY id DESC LIMIT 1",
                                 [str(value)]).fetchone()
                if row:
                    return row[0]
    return None


def list_documents(db: Database, *, with_text: bool = False) -> list[StoredDocument]:
    """Every document, oldest import first."""
    columns = ", ".join(_LIST_COLUMNS + (("text",) if with_text else ()))
    with translated_errors(db):
        rows = db.execute(f"SELECT {columns} FROM documents ORDER BY imported_at, id").fetchall()
    return [StoredDocument(*row) for row in rows]


def search_documents(db: Database, query: str, limit: int = 100) -> list[StoredDocument]:
    """Documents whose title or text contain every word of ``query`` (last word as a prefix), best first."""
    match = fts_query(query)
    if not match:
        return []
    columns = ", ".join(f"d.{c}" for c in _LIST_COLUMNS)
    with translated_errors(db):
        rows = db.execute(
            f"SELECT {columns} FROM documents d JOIN documents_fts f ON f.rowid = d.id "
            f"WHERE documents_fts MATCH ? ORDER BY f.rank LIMIT ?", [match, limit]).fetchall()
    return [StoredDocument(*row) for row in rows]


def update_metadata(db: Database, document_id: int, **fields: Any) -> StoredDocument:
    """Change title, source, path, url or published (ISO date) of a document.

    A path given here becomes this document's alone (see ``import_document``: a path names at
    most one document), so importing that file later updates this document.
    """
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown:
        raise ValueError(f"cannot change {', '.join(unknown)} (editable: {', '.join(EDITABLE)})")
    if "published" in fields:
        fields["published"] = _check_published(fields["published"])
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip() or "Untitled"
    if "path" in fields and fields["path"] is not None:
        fields["path"] = str(fields["path"])
    if fields:
        with write_transaction(db):
            get_document(db, document_id, with_text=False)
            if fields.get("path"):
                db.execute("UPDATE documents SET path = NULL WHERE path = ? AND id != ?",
                           [fields["path"], document_id])
            db.table("documents").update(document_id, fields)
    return get_document(db, document_id, with_text=False)


def replace_text(db: Database, document_id: int, text: str) -> str:
    """Give a document a new text (re-imported or edited) and return its new content hash.

    Annotations keep their selectors and are re-anchored against the new text when read.
    """
    digest = hash_text(text)
    with write_transaction(db):
        get_document(db, document_id, with_text=False)
        other = find_document(db, content_hash=digest)
        if other is not None and other != document_id:
            raise StorageError(f"{database_label(db)}: document #{other} already has exactly this text")
        db.table("documents").update(document_id, {"text": text, "content_hash": digest})
    return digest


def remove_document(db: Database, document_id: int) -> None:
    """Delete a document that no annotation refers to (notes are never lost silently)."""
    with write_transaction(db):
        get_document(db, document_id, with_text=False)
        (count,) = db.execute(
            "SELECT count(*) FROM annotations WHERE (document_id = ? OR b_document_id = ?) "
            "AND deleted_at IS NULL", [document_id, document_id]).fetchone()
        if count:
            raise StorageError(f"{database_label(db)}: document #{document_id} has {count} annotation(s); "
                               "delete them first")
        # Annotations deleted earlier (kept only for undo) go with their document, and so do the
        # captures of its page, which are evidence of nothing once the document is gone.
        db.execute("DELETE FROM annotations WHERE document_id = ? OR b_document_id = ?",
                   [document_id, document_id])
        db.execute("DELETE FROM captures WHERE document_id = ?", [document_id])
        db.table("documents").delete(document_id)


def _check_published(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value).strip()
    try:
        datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"published date {text!r} is not an ISO date (YYYY-MM-DD)") from None
    return text
