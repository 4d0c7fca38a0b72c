"""The notes a user wrote on one pair of documents, for the report (``reader.core.report``).

Contract: ``pair_notes(db, document_a, document_b) -> list[ReportNote]`` finds the two
documents in the library by content hash (a document not in it has no notes) and returns, in
the store's order, every live annotation on a passage of A, on a passage of B, and on a pair of
passages of A and B (with its verdict), each re-anchored in the current texts so that an
annotation whose text is gone is marked an orphan rather than left out. Annotations that pair
one of these documents with a third are not about this pair and are left out. Must not import Qt.
"""

from __future__ import annotations

from sqlite_utils import Database

from reader.core.report import ReportNote
from reader.storage.annotations import anchor_annotation, list_annotations
from reader.storage.documents import find_document


def pair_notes(db: Database, document_a, document_b) -> list[ReportNote]:
    ids = {"A": find_document(db, content_hash=document_a.content_hash),
           "B": find_document(db, content_hash=document_b.content_hash)}
    label = {document_id: side for side, document_id in ids.items() if document_id is not None}
    if not label:
        return []
    texts = {ids["A"]: document_a.text, ids["B"]: document_b.text}
    seen: set[int] = set()
    notes = []
    for document_id in label:
        for annotation in list_annotations(db, document_id=document_id):
            if annotation.id in seen:
                continue
            seen.add(annotation.id or 0)
            sides = [label.get(t.document_id) for t in annotation.targets]
            if None in sides:
                continue  # pairs this document with a third one
            quotes: dict[str | None, str] = {side: t.quote.exact for side, t in zip(sides, annotation.targets)}
            anchors = anchor_annotation(db, annotation, {k: v for k, v in texts.items() if k is not None})
            notes.append(ReportNote(
                sides=" and ".join(sorted(set(s for s in sides if s))), quote_a=quotes.get("A"),
                quote_b=quotes.get("B"), note=annotation.note, tags=annotation.tags,
                verdict=annotation.verdict_label, author=annotation.author, created=annotation.created,
                orphan=any(a.is_orphan for a in anchors)))
    return notes
