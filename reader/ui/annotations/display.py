"""Showing annotations: ``AnnotationDisplay``, a mixin of ``AnnotationController``.

Contract: ``refresh()`` redraws the marks in both panes and the sidebar list from the database
(orphans are listed, not painted); ``select(id)`` highlights one annotation in the sidebar and
the panes; ``jump_to(id)`` brings it into view, opening its documents from the database if
neither is on screen; a click on a mark selects the shortest annotation under it. Reads only:
it changes nothing stored. Every storage error goes to ``parts.show_error``. Needs on ``self``:
``db``, ``parts``, ``comparison``, ``document_ids``, ``sidebar``, ``overlays``. One of the
window modules allowed to import reader.storage.
"""

from __future__ import annotations

from reader.core.anchoring import FUZZY, anchor
from reader.core.annotations import COLOURS, Annotation
from reader.storage.annotations import anchor_annotation, get_annotation, list_annotations, list_tags
from reader.storage.database import StorageError
from reader.storage.documents import document_from_stored, get_document, list_documents
from reader.ui.annotations.overlay import Mark
from reader.ui.annotations.sidebar import ALL, SHOWN, SidebarRow
from reader.ui.reading.offsets import OffsetMap

SIDES = ("a", "b")


class AnnotationDisplay:
    """Mixed into ``AnnotationController`` (a ``QObject``); draws and finds annotations."""

    # Showing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw the marks in both panes and the sidebar list from the database."""
        try:
            self._refresh_marks()
            self._refresh_sidebar()
        except StorageError as error:
            self.parts.show_error(str(error))

    def _refresh_marks(self) -> None:
        for side in SIDES:
            document, document_id = self.comparison.documents[side], self.document_ids[side]
            marks = []
            if document is not None and document_id is not None:
                for a in list_annotations(self.db, document_id=document_id):
                    for t in a.targets:
                        if t.document_id != document_id:
                            continue
                        found = anchor(document.text, t.selectors, t.content_hash)
                        if not found.is_orphan:
                            marks.append(Mark(found.start, found.end, COLOURS[a.colour], a.id))
            self.overlays[side].set_marks(marks, document.text if document is not None else "")

    def _refresh_sidebar(self) -> None:
        every = list_annotations(self.db)
        annotated = {d for a in every for d in a.document_ids()}
        self.sidebar.set_documents([(d.id, d.title) for d in list_documents(self.db) if d.id in annotated])
        self.sidebar.set_tags(list_tags(self.db))
        f = self.sidebar.filters()
        chosen = f["document"]
        found = list_annotations(self.db, document_id=chosen if chosen not in (SHOWN, ALL) else None,
                                 tag=f["tag"], colour=f["colour"], verdict=f["verdict"], search=f["search"])
        shown = {i for i in self.document_ids.values() if i is not None}
        if chosen == SHOWN:
            found = [a for a in found if shown.intersection(a.document_ids())]
        texts = {self.document_ids[s]: self.comparison.documents[s].text for s in SIDES if self.document_ids[s]}
        rows = []
        for a in found:
            anchors = anchor_annotation(self.db, a, texts)
            rows.append(SidebarRow(a, " ↔ ".join(self._titles(a, short=True)), any(x.is_orphan for x in anchors),
                                   any(x.status == FUZZY for x in anchors)))
        if rows:
            empty = ""
        elif not every:
            empty = "No annotations yet. Select text in either document and press Ctrl+M."
        elif chosen == SHOWN and not any(f[k] for k in ("tag", "colour", "verdict", "search")):
            empty = "No annotations on these documents. Choose “All documents” to see the others."
        else:
            empty = "No annotation matches these filters."
        self.sidebar.set_rows(rows, empty)

    def _titles(self, annotation: Annotation, short: bool = False) -> list[str]:
        """Each target's document: "A"/"B" when on screen (short) or its title."""
        names = []
        for t in annotation.targets:
            side = next((s for s in SIDES if self.document_ids[s] == t.document_id), None)
            if short and side is not None:
                names.append(side.upper())
                continue
            title = get_document(self.db, t.document_id, with_text=False).title
            names.append(f"Document {side.upper()}: {title}" if side else title)
        return names

    def select(self, annotation_id: int | None) -> None:
        self.sidebar.select_id(annotation_id)
        for overlay in self.overlays.values():
            overlay.set_current(annotation_id)

    def jump_to(self, annotation_id: int) -> None:
        """Bring the annotation into view in every pane showing one of its passages.

        If neither of its documents is on screen, they are opened from the database first.
        """
        try:
            annotation = get_annotation(self.db, annotation_id)
            if not any(self.document_ids[s] in annotation.document_ids() for s in SIDES):
                stored = [document_from_stored(get_document(self.db, t.document_id)) for t in annotation.targets]
                if len(stored) == 2:
                    self.parts.compare(stored[0], stored[1])
                else:
                    self.comparison.set_document("a", stored[0])
        except StorageError as error:
            self.parts.show_error(str(error))
            return
        self.select(annotation_id)
        revealed = False
        with self.parts.scroll_sync.locked():
            for side in SIDES:
                document = self.comparison.documents[side]
                for t in annotation.targets:
                    if document is None or self.document_ids[side] != t.document_id:
                        continue
                    found = anchor(document.text, t.selectors, t.content_hash)
                    if not found.is_orphan:
                        self.parts.panes[side].reveal(found.start, found.end)
                        revealed = True
        if not revealed:
            self.parts.show_status(
                f"This annotation's passage is no longer in the text: “{annotation.targets[0].quote.exact[:80]}”", 8000)

    def _on_text_clicked(self, side: str, position: int) -> None:
        document = self.comparison.documents[side]
        if document is None:
            return
        marks = self.overlays[side].marks_at(OffsetMap(document.text).from_qt(position))
        if marks:
            self.select(min(marks, key=lambda m: m.end - m.start).annotation_id)
