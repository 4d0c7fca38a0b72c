"""Annotations in the window: the glue between the panes, the dialog, the sidebar and storage.

``AnnotationController(parts, db)`` adds to a ``MainWindow`` (through its ``WindowParts``, the
only parts of the window it touches): the Annotations dock, an
Annotations menu, a toolbar button and Ctrl+M ("Annotate Selection…"), "Annotate selection…"
in each pane's context menu, Undo/Redo (Ctrl+Z / Ctrl+Shift+Z) of add, edit and delete, and
the annotation marks in both panes. Annotations are anchored to the text the pane shows, so a
document whose file changed shows them re-anchored, and orphans are listed, not painted.

A document is written to the database when it is first annotated (``import_document``: the
same text is recognised; a new version of the same file replaces the stored text). Every
storage error is shown in a dialog and leaves the stored data as it was.

Showing them (marks, sidebar rows, selecting and jumping to one) is ``AnnotationDisplay``
(``reader.ui.annotations.display``), a mixin of the controller; Export/Import is
``AnnotationTransfer`` (``transfer``); the undoable commands are in ``commands``.

The window's database is opened by ``reader.storage.annotations.open_window_database``.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu

from reader.core.annotations import Annotation, AnnotationError, Target
from reader.storage.annotations import (
    add_annotation,
    delete_annotation,
    get_annotation,
    list_tags,
    update_annotation,
)
from reader.storage.database import StorageError
from reader.storage.documents import find_document, import_document
from reader.ui.actions import add_action
from reader.ui.annotations import commands as annotation_commands
from reader.ui.annotations.dialog import AnnotationDialog
from reader.ui.annotations.display import SIDES, AnnotationDisplay
from reader.ui.annotations.overlay import AnnotationOverlay
from reader.ui.annotations.sidebar import AnnotationSidebar
from reader.ui.annotations.transfer import AnnotationTransfer
from reader.ui.reading.offsets import OffsetMap
from reader.ui.window_parts import WindowParts

__all__ = ["SIDES", "AnnotationController"]


class AnnotationController(AnnotationDisplay, QObject):
    #: Emitted when an import of annotations stored documents too (the library lists them).
    documents_imported = Signal()

    def __init__(self, parts: WindowParts, db) -> None:
        super().__init__(parts.parent)
        self.parts = parts
        self.db = db
        self.comparison = parts.comparison
        #: Database id of the document each pane shows (None: not stored yet, or no document).
        self.document_ids: dict[str, int | None] = {"a": None, "b": None}
        self.dialog: AnnotationDialog | None = None
        self.context_menu: QMenu | None = None
        self.undo_stack = QUndoStack(self)

        self.sidebar = AnnotationSidebar(parts.parent)
        parts.add_dock("annotations", self.sidebar)  # below the matching settings, both visible
        self.overlays = {side: AnnotationOverlay(parts.panes[side]) for side in SIDES}
        self._build_actions()
        self.transfer = AnnotationTransfer(self)
        self._connect()
        self.on_documents_changed()

    # Construction ----------------------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.parts.parent  # owns the actions, so their shortcuts work in the whole window
        self.annotate_action = add_action(w, "&Annotate Selection…", self.annotate_selection, "Ctrl+M",
                                          tip="Write a note on the selected text")
        self.edit_action = add_action(w, "&Edit Annotation…", self.edit_selected)
        self.delete_action = add_action(w, "&Delete Annotation", self.delete_selected)
        self.undo_action = self.undo_stack.createUndoAction(w, "&Undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(w, "&Redo")
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            w.addAction(action)
        self.sidebar.set_undo_actions(self.undo_action, self.redo_action)

        menu = self.menu = self.parts.add_menu("annotations", "A&nnotations")
        for action in (self.annotate_action, self.edit_action, self.delete_action, None, self.undo_action,
                       self.redo_action, None, self.sidebar.toggleViewAction()):
            menu.addSeparator() if action is None else menu.addAction(action)
        toolbar = self.parts.toolbar
        toolbar.addSeparator()
        toolbar.addAction(self.annotate_action)
        toolbar.widgetForAction(self.annotate_action).setText("Annotate")

    def _connect(self) -> None:
        self.comparison.documents_changed.connect(self.on_documents_changed)
        self.sidebar.filters_changed.connect(self.refresh)
        self.sidebar.jump_requested.connect(self.jump_to)
        self.sidebar.edit_requested.connect(self.edit)
        self.sidebar.delete_requested.connect(self.delete)
        for side in SIDES:
            view = self.parts.panes[side].view
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, side=side: self._show_context_menu(side, pos))
            view.clicked_at.connect(lambda position, side=side: self._on_text_clicked(side, position))

    # Reading the window ----------------------------------------------------------------
    def on_documents_changed(self) -> None:
        """Find the shown documents in the database (by text, else by path) and redraw."""
        for side in SIDES:
            document = self.comparison.documents[side]
            self.document_ids[side] = None
            if document is None:
                continue
            try:
                self.document_ids[side] = (find_document(self.db, content_hash=document.content_hash)
                                           or (find_document(self.db, path=document.path) if document.path else None))
            except StorageError as error:
                self.parts.show_error(str(error))
        self.refresh()

    def selection(self, side: str) -> tuple[int, int] | None:
        """The selected span of pane ``side`` in ``Document.text`` offsets, trimmed of spaces."""
        document = self.comparison.documents[side]
        cursor = self.parts.panes[side].view.textCursor()
        if document is None or not cursor.hasSelection():
            return None
        offsets = OffsetMap(document.text)
        start, end = offsets.from_qt(cursor.selectionStart()), offsets.from_qt(cursor.selectionEnd())
        while start < end and document.text[start].isspace():
            start += 1
        while end > start and document.text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def _selected_side(self) -> str | None:
        focused = [s for s in SIDES if self.parts.panes[s].view.hasFocus()]
        for side in focused + [s for s in SIDES if s not in focused]:
            if self.selection(side) is not None:
                return side
        return None

    def matched_passage(self, side: str, start: int, end: int) -> int | None:
        """The match overlapping the selection most, if the selection lies in one."""
        index = self.comparison.index
        if index is None:
            return None
        spans = {i: (m.a_start, m.a_end) if side == "a" else (m.b_start, m.b_end)
                 for i, m in ((i, index.matches[i]) for i in index.overlapping(side, start, end))}
        overlap = {i: min(end, e) - max(start, s) for i, (s, e) in spans.items()}
        best = max(overlap, key=lambda i: (overlap[i], -i), default=None)
        return best if best is not None and overlap[best] > 0 else None

    # Adding ----------------------------------------------------------------------------
    def annotate_selection(self, side: str | None = None) -> None:
        side = side or self._selected_side()
        span = self.selection(side) if side else None
        if span is None:
            self.parts.show_error("Select the text to annotate in document A or B first, then choose "
                                   "Annotate Selection (Ctrl+M).")
            return
        start, end = span
        document = self.comparison.documents[side]
        other = "b" if side == "a" else "a"
        match_index = self.matched_passage(side, start, end)
        counterpart = None
        if match_index is not None and self.comparison.documents[other] is not None:
            m = self.comparison.alignment.matches[match_index]
            o_start, o_end = (m.a_start, m.a_end) if other == "a" else (m.b_start, m.b_end)
            counterpart = (o_start, o_end)
        self._open_dialog(
            quote=document.text[start:end], where=f"Document {side.upper()}: {document.title}",
            counterpart=self.comparison.documents[other].text[slice(*counterpart)] if counterpart else None,
            counterpart_where=f"Matching passage in document {other.upper()}" if counterpart else "",
            known_tags=self._known_tags(),
            on_accept=lambda values: self._create(side, (start, end), counterpart, values))

    def _create(self, side: str, span: tuple[int, int], counterpart, values: dict) -> None:
        other = "b" if side == "a" else "a"
        try:
            targets = {side: self._target(side, *span)}
            if values["pair"] and counterpart is not None:
                targets[other] = self._target(other, *counterpart)
            annotation = Annotation(tuple(targets[s] for s in SIDES if s in targets), note=values["note"],
                                    tags=values["tags"], colour=values["colour"], verdict=values["verdict"],
                                    author=getpass.getuser())
            stored = add_annotation(self.db, annotation)
        except (StorageError, AnnotationError) as error:
            self.parts.show_error(f"The annotation was not saved: {error}")
            return
        self.undo_stack.push(annotation_commands.added(self.db, stored, self._report, self.refresh))
        self.refresh()
        self.select(stored.id)
        # The new note in front, even when the Library tab (or nothing) was there.
        self.sidebar.show()
        self.sidebar.raise_()
        self.parts.show_status("Annotation saved.", 4000)

    def _target(self, side: str, start: int, end: int) -> Target:
        """Target on the shown document of ``side``, storing the document first if needed."""
        document = self.comparison.documents[side]
        document_id, _status = import_document(self.db, document)
        self.document_ids[side] = document_id
        return Target.on_text(document_id, document.text, start, end, document.content_hash)

    # Editing and deleting --------------------------------------------------------------
    def edit_selected(self) -> None:
        if self.sidebar.selected_id() is None:
            self.parts.show_error("Choose an annotation in the Annotations list first.")
            return
        self.edit(self.sidebar.selected_id())

    def delete_selected(self) -> None:
        if self.sidebar.selected_id() is None:
            self.parts.show_error("Choose an annotation in the Annotations list first.")
            return
        self.delete(self.sidebar.selected_id())

    def edit(self, annotation_id: int) -> None:
        try:
            before = get_annotation(self.db, annotation_id)
        except StorageError as error:
            self.parts.show_error(str(error))
            return
        titles = self._titles(before)
        pair = before.targets[1] if before.is_pair else None
        self._open_dialog(
            quote=before.targets[0].quote.exact, where=titles[0],
            counterpart=pair.quote.exact if pair else None, counterpart_where=titles[1] if pair else "",
            annotation=before, known_tags=self._known_tags(),
            on_accept=lambda values: self._save_edit(before, values))

    def _save_edit(self, before: Annotation, values: dict) -> None:
        try:
            after = update_annotation(self.db, before.id, note=values["note"], tags=values["tags"],
                                      colour=values["colour"], verdict=values["verdict"] if before.is_pair else None)
        except (StorageError, AnnotationError) as error:
            self.parts.show_error(f"The change was not saved: {error}")
            return
        if after != before:
            self.undo_stack.push(annotation_commands.edited(self.db, before, after, self._report, self.refresh))
        self.refresh()
        self.select(after.id)

    def delete(self, annotation_id: int) -> None:
        try:
            gone = delete_annotation(self.db, annotation_id)
        except StorageError as error:
            self.parts.show_error(f"The annotation was not deleted: {error}")
            return
        self.undo_stack.push(annotation_commands.deleted(self.db, gone, self._report, self.refresh))
        self.refresh()
        self.parts.show_status("Annotation deleted. Undo with Ctrl+Z.", 6000)

    def _open_dialog(self, *, on_accept, **kwargs) -> None:
        if self.dialog is not None:
            self.dialog.close()
        dialog = AnnotationDialog(self.parts.parent, **kwargs)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: on_accept(dialog.values()))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _known_tags(self) -> list[str]:
        try:
            return list_tags(self.db)
        except StorageError:
            return []

    # Showing: AnnotationDisplay (reader.ui.annotations.display) ------------------------

    # Context menu ----------------------------------------------------------------------
    def build_context_menu(self, side: str, pos) -> QMenu:
        """The pane's standard menu (Copy, Select All) plus the annotation entries."""
        view = self.parts.panes[side].view
        menu = view.createStandardContextMenu(pos)
        menu.addSeparator()
        annotate = menu.addAction("Annotate selection…", lambda: self.annotate_selection(side))
        annotate.setShortcut(QKeySequence("Ctrl+M"))
        annotate.setEnabled(self.selection(side) is not None)
        document = self.comparison.documents[side]
        if document is not None:
            offset = OffsetMap(document.text).from_qt(view.cursorForPosition(pos).position())
            for mark in self.overlays[side].marks_at(offset):
                menu.addAction("Edit annotation…", lambda i=mark.annotation_id: self.edit(i))
                menu.addAction("Delete annotation", lambda i=mark.annotation_id: self.delete(i))
        return menu

    def _show_context_menu(self, side: str, pos) -> None:
        menu = self.build_context_menu(side, pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context_menu = menu
        menu.popup(self.parts.panes[side].view.viewport().mapToGlobal(pos))

    def _report(self, message: str) -> None:
        self.parts.show_error(message)
