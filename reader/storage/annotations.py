"""The annotations table: add, get, list with filters and full-text search, edit, soft delete.

Rows map to ``reader.core.annotations.Annotation``: side A's target in ``document_id`` /
``start_offset`` … ``content_hash``, a pair's side B in the ``b_*`` columns, tags as a JSON
array. Deleting only sets ``deleted_at`` so it can be undone (``restore_annotation``);
``purge_deleted`` removes such rows for good. ``anchor_annotation`` re-finds the targets in
the documents' current texts. Every write is one ``write_transaction``.

``open_window_database(cli_path)`` opens the database for the window (``resolve_db_path``) and
purges annotations deleted more than ``KEEP_DELETED_DAYS`` ago: ``(database, None)``, or
``(None, message)`` when it cannot be used (the window then works without annotations). Must not
import Qt.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from reader.core.anchoring import Anchor, TextPositionSelector, TextQuoteSelector, anchor
from reader.core.annotations import Annotation, AnnotationError, Target, now_iso
from reader.storage.database import (
    StorageError,
    database_label,
    open_database,
    resolve_db_path,
    translated_errors,
    write_transaction,
)
from reader.storage.search import fts_query

_COLUMNS = ("id", "uuid", "document_id", "start_offset", "end_offset", "exact", "prefix", "suffix",
            "content_hash", "b_document_id", "b_start_offset", "b_end_offset", "b_exact", "b_prefix",
            "b_suffix", "b_content_hash", "note", "tags", "colour", "verdict", "author",
            "created_at", "updated_at", "deleted_at")
_SELECT = "SELECT " + ", ".join(f"a.{c}" for c in _COLUMNS) + " FROM annotations a"
_UNSET: Any = object()


def add_annotation(db: Database, annotation: Annotation) -> Annotation:
    """Store a new annotation and return it with its id (and times filled in when empty)."""
    now = now_iso()
    annotation = dataclasses.replace(annotation, id=None, created=annotation.created or now,
                                     updated=annotation.updated or annotation.created or now)
    with write_transaction(db):
        _check_documents(db, annotation)
        new_id = db.table("annotations").insert(_to_row(annotation)).last_pk
    return dataclasses.replace(annotation, id=new_id)


def get_annotation(db: Database, annotation_id: int) -> Annotation:
    """The annotation with this id, deleted or not; ``StorageError`` if there is none."""
    with translated_errors(db):
        row = db.execute(f"{_SELECT} WHERE a.id = ?", [annotation_id]).fetchone()
    if row is None:
        raise StorageError(f"{database_label(db)}: no annotation #{annotation_id}")
    return _from_row(db, row)


def find_by_uuid(db: Database, uuid: str) -> Annotation | None:
    with translated_errors(db):
        row = db.execute(f"{_SELECT} WHERE a.uuid = ?", [uuid]).fetchone()
    return None if row is None else _from_row(db, row)


def list_annotations(db: Database, *, document_id: int | None = None, tag: str | None = None,
                     colour: str | None = None, verdict: str | None = None, search: str | None = None,
                     include_deleted: bool = False) -> list[Annotation]:
    """Annotations matching every filter given, by document then position.

    ``document_id`` matches either side of a pair; ``search`` is full-text over the note, both
    quotes and the tags (every word, the last one as a prefix).
    """
    where: list[str] = []
    params: list[Any] = []
    sql = _SELECT
    match = fts_query(search or "")
    if match:  # a search without any word (only punctuation) filters nothing
        sql += " JOIN annotations_fts f ON f.rowid = a.id"
        where.append("annotations_fts MATCH ?")
        params.append(match)
    if not include_deleted:
        where.append("a.deleted_at IS NULL")
    if document_id is not None:
        where.append("(a.document_id = ? OR a.b_document_id = ?)")
        params += [document_id, document_id]
    if tag is not None:
        where.append("EXISTS (SELECT 1 FROM json_each(a.tags) WHERE json_each.value = ?)")
        params.append(tag)
    if colour is not None:
        where.append("a.colour = ?")
        params.append(colour)
    if verdict is not None:
        where.append("a.verdict = ?")
        params.append(verdict)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.document_id, a.start_offset, a.id"
    with translated_errors(db):
        rows = db.execute(sql, params).fetchall()
    return [_from_row(db, row) for row in rows]


def list_tags(db: Database) -> list[str]:
    """Every tag in use on an annotation that is not deleted, sorted case-insensitively."""
    with translated_errors(db):
        rows = db.execute("SELECT DISTINCT j.value FROM annotations a, json_each(a.tags) j "
                          "WHERE a.deleted_at IS NULL").fetchall()
    return sorted((r[0] for r in rows), key=lambda t: (t.casefold(), t))


def update_annotation(db: Database, annotation_id: int, *, note: str = _UNSET, tags: Sequence[str] = _UNSET,
                      colour: str = _UNSET, verdict: str | None = _UNSET) -> Annotation:
    """Change what a reader can edit; validates like ``Annotation`` and stamps ``updated``."""
    changes: dict[str, Any] = {}
    if note is not _UNSET:
        changes["note"] = note
    if tags is not _UNSET:
        changes["tags"] = tuple(tags)
    if colour is not _UNSET:
        changes["colour"] = colour
    if verdict is not _UNSET:
        changes["verdict"] = verdict
    with write_transaction(db):
        current = get_annotation(db, annotation_id)
        changed = dataclasses.replace(current, **changes)  # raises AnnotationError when invalid
        if changed == current:
            return current
        changed = dataclasses.replace(changed, updated=now_iso())
        db.table("annotations").update(annotation_id, _to_row(changed))
    return changed


def save_annotation(db: Database, annotation: Annotation) -> Annotation:
    """Write every field of an annotation that has an id (restoring an earlier state for undo)."""
    if annotation.id is None:
        raise ValueError("save_annotation needs an annotation with an id; use add_annotation")
    with write_transaction(db):
        get_annotation(db, annotation.id)
        _check_documents(db, annotation)
        db.table("annotations").update(annotation.id, _to_row(annotation))
    return annotation


def upsert_by_uuid(db: Database, annotation: Annotation) -> str:
    """Insert, or overwrite the annotation with the same uuid. Returns added/updated/unchanged."""
    with write_transaction(db):
        current = find_by_uuid(db, annotation.uuid)
        if current is None:
            add_annotation(db, annotation)
            return "added"
        incoming = dataclasses.replace(annotation, id=current.id)
        if incoming == current:
            return "unchanged"
        save_annotation(db, incoming)
        return "updated"


def delete_annotation(db: Database, annotation_id: int) -> Annotation:
    """Mark as deleted (undoable with ``restore_annotation``); returns the deleted annotation."""
    with write_transaction(db):
        current = get_annotation(db, annotation_id)
        if current.deleted is None:
            current = dataclasses.replace(current, deleted=now_iso())
            db.table("annotations").update(annotation_id, {"deleted_at": current.deleted})
    return current


def restore_annotation(db: Database, annotation_id: int) -> Annotation:
    """Undo ``delete_annotation``."""
    with write_transaction(db):
        current = get_annotation(db, annotation_id)
        if current.deleted is not None:
            db.table("annotations").update(annotation_id, {"deleted_at": None})
    return dataclasses.replace(current, deleted=None)


def purge_deleted(db: Database, before: str | None = None) -> int:
    """Remove deleted annotations for good (those deleted before ``before``, an ISO time, if given)."""
    sql, params = "DELETE FROM annotations WHERE deleted_at IS NOT NULL", []
    if before is not None:
        sql += " AND deleted_at < ?"
        params.append(before)
    with write_transaction(db):
        return db.execute(sql, params).rowcount


#: Deleted annotations are kept this long for undo (also by another window), then purged.
KEEP_DELETED_DAYS = 7


def open_window_database(cli_path: str | os.PathLike | None = None) -> tuple[Database | None, str | None]:
    """``(database, None)``, or ``(None, message)`` when it cannot be opened (the window still works)."""
    try:
        db = open_database(resolve_db_path(cli_path))
        cutoff = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=KEEP_DELETED_DAYS)
        purge_deleted(db, before=cutoff.isoformat(timespec="seconds").replace("+00:00", "Z"))
    except StorageError as error:
        return None, f"Annotations are off because the database cannot be used: {error}"
    return db, None


def anchor_annotation(db: Database, annotation: Annotation,
                      texts: dict[int, str] | None = None) -> tuple[Anchor, ...]:
    """Where each target lies in its document's current text (``orphan`` when not found).

    ``texts`` maps document id → text to avoid reading a document again and again.
    """
    texts = {} if texts is None else texts
    anchors = []
    for target in annotation.targets:
        if target.document_id not in texts:
            with translated_errors(db):
                row = db.execute("SELECT text FROM documents WHERE id = ?", [target.document_id]).fetchone()
            texts[target.document_id] = row[0] if row else ""
        anchors.append(anchor(texts[target.document_id], target.selectors, target.content_hash))
    return tuple(anchors)


def _check_documents(db: Database, annotation: Annotation) -> None:
    for document_id in annotation.document_ids():
        if db.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone() is None:
            raise StorageError(f"{database_label(db)}: no document #{document_id}")


def _to_row(annotation: Annotation) -> dict[str, Any]:
    a = annotation.targets[0]
    b = annotation.targets[1] if annotation.is_pair else None
    return {
        "uuid": annotation.uuid,
        "document_id": a.document_id,
        "start_offset": a.position.start,
        "end_offset": a.position.end,
        "exact": a.quote.exact,
        "prefix": a.quote.prefix,
        "suffix": a.quote.suffix,
        "content_hash": a.content_hash,
        "b_document_id": b.document_id if b else None,
        "b_start_offset": b.position.start if b else None,
        "b_end_offset": b.position.end if b else None,
        "b_exact": b.quote.exact if b else None,
        "b_prefix": b.quote.prefix if b else None,
        "b_suffix": b.quote.suffix if b else None,
        "b_content_hash": b.content_hash if b else None,
        "note": annotation.note,
        "tags": json.dumps(list(annotation.tags), ensure_ascii=False),
        "colour": annotation.colour,
        "verdict": annotation.verdict,
        "author": annotation.author,
        "created_at": annotation.created,
        "updated_at": annotation.updated,
        "deleted_at": annotation.deleted,
    }


def _from_row(db: Database, row: sqlite3.Row | tuple) -> Annotation:
    r = dict(zip(_COLUMNS, row))
    targets = [Target(r["document_id"], TextQuoteSelector(r["exact"], r["prefix"] or "", r["suffix"] or ""),
                      TextPositionSelector(r["start_offset"], r["end_offset"]), r["content_hash"])]
    if r["b_document_id"] is not None:
        targets.append(Target(r["b_document_id"],
                              TextQuoteSelector(r["b_exact"], r["b_prefix"] or "", r["b_suffix"] or ""),
                              TextPositionSelector(r["b_start_offset"], r["b_end_offset"]),
                              r["b_content_hash"]))
    try:
        tags = json.loads(r["tags"] or "[]")
        if not isinstance(tags, list):
            raise AnnotationError(f"tags are not a list: {r['tags']!r}")
        return Annotation(
            targets=tuple(targets), note=r["note"] or "", tags=tuple(tags),
            colour=r["colour"], verdict=r["verdict"], author=r["author"] or "",
            created=r["created_at"], updated=r["updated_at"], uuid=r["uuid"], id=r["id"],
            deleted=r["deleted_at"])
    except (AnnotationError, ValueError) as exc:
        raise StorageError(f"{database_label(db)}: annotation #{r['id']} is damaged: {exc}") from exc
