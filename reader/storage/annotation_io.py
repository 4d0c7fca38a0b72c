"""Export stored annotations (JSON-LD, CSV, Markdown) and import JSON-LD back.

Import matches each target's document in this database by the text's content hash (the
document's at export time, then the one the selectors were made on), then by path, then by
url; failing that, if a ``load_document`` callable is given and the exported path exists, the
file is imported as a document. Annotations are matched by uuid: new ones are added, changed
ones overwritten, identical ones left alone. The whole import is one transaction: a bad
annotation leaves the database as it was. Must not import Qt.
"""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from reader.core.annotation_reports import to_csv, to_markdown
from reader.core.annotations import Annotation
from reader.core.inputfiles import one_line
from reader.core.webannotation import DocumentRef, ParsedTarget, WebAnnotationError, from_jsonld, to_jsonld
from reader.storage.annotations import anchor_annotation, list_annotations, upsert_by_uuid
from reader.storage.database import write_transaction
from reader.storage.documents import add_document, find_document, get_document

FORMATS = ("jsonld", "csv", "md")


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int
    updated: int
    unchanged: int
    documents_added: int

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


def document_refs(db: Database, annotations: Iterable[Annotation]) -> dict[int, DocumentRef]:
    """``DocumentRef`` of every document the annotations point at."""
    refs: dict[int, DocumentRef] = {}
    for annotation in annotations:
        for document_id in annotation.document_ids():
            if document_id not in refs:
                doc = get_document(db, document_id, with_text=False)
                refs[document_id] = DocumentRef(doc.title, doc.content_hash, doc.path, doc.url)
    return refs


def export_annotations(db: Database, fmt: str, **filters: Any) -> str:
    """The annotations matching ``filters`` (see ``list_annotations``) as ``jsonld``, ``csv`` or ``md``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    annotations = list_annotations(db, **filters)
    refs = document_refs(db, annotations)
    if fmt == "jsonld":
        # Creation order (uuid breaks ties) does not depend on local ids, so exporting an
        # imported copy gives the same file.
        ordered = sorted(annotations, key=lambda a: (a.created, a.uuid))
        return json.dumps(to_jsonld(ordered, refs), ensure_ascii=False, indent=2) + "\n"
    texts: dict[int, str] = {}
    statuses = {a.id: tuple(x.status for x in anchor_annotation(db, a, texts)) for a in annotations}
    if fmt == "csv":
        return to_csv(annotations, refs, statuses)
    return to_markdown(annotations, refs, statuses)


def import_annotations(db: Database, data: Any,
                       load_document: Callable[[pathlib.Path], Any] | None = None) -> ImportReport:
    """Import parsed JSON (``json.loads`` of an export), all or nothing.

    Raises ``WebAnnotationError`` (bad data, or a document not found), ``StorageError``, or
    whatever ``load_document`` raises for a file it cannot read (``DocumentError``); the
    database is then as it was, documents loaded for the import included.
    """
    parsed = from_jsonld(data)
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    documents_added = 0
    with write_transaction(db):
        for item in parsed:
            ids = []
            for target in item.targets:
                document_id, was_added = _resolve(db, target, load_document)
                if document_id is None:
                    where = target.document.path or target.document.url or "no path"
                    raise WebAnnotationError(one_line(
                        f"annotation urn:uuid:{item.uuid}: its document {one_line(target.document.title, 100)!r} "
                        f"({one_line(where, 150)}) is not in the database; import the document first"))
                documents_added += was_added
                ids.append(document_id)
            counts[upsert_by_uuid(db, item.to_annotation(ids))] += 1
    return ImportReport(counts["added"], counts["updated"], counts["unchanged"], documents_added)


def _resolve(db: Database, target: ParsedTarget,
             load_document: Callable[[pathlib.Path], Any] | None) -> tuple[int | None, bool]:
    ref = target.document
    for digest in (ref.content_hash, target.content_hash):
        found = find_document(db, content_hash=digest) if digest else None
        if found is not None:
            return found, False
    found = find_document(db, path=ref.path, url=ref.url)
    if found is not None:
        return found, False
    if load_document is not None and ref.path and pathlib.Path(ref.path).is_file():
        return add_document(db, load_document(pathlib.Path(ref.path))), True
    return None, False
