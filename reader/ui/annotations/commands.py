"""Undoable annotation changes (``QUndoCommand``): add, edit, delete.

The controller performs a change first (so a storage error is reported before anything is
pushed) and then pushes the command, whose first ``redo`` therefore does nothing. Later undo
and redo go through ``reader.storage.annotations``; deletion is soft, so undoing it restores
the very same row. If storage fails during undo/redo the error is reported and the command is
dropped from the stack rather than leaving the stack and the database out of step.

Imports reader.storage (the window's annotation layer does); the main window does not.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reader.core.annotations import Annotation, AnnotationError
from reader.storage.annotations import delete_annotation, restore_annotation, save_annotation
from reader.storage.database import StorageError


class StoredChange(QUndoCommand):
    """A change already made in the database, with how to make it again and how to revert it."""

    def __init__(self, text: str, apply: Callable[[], object], revert: Callable[[], object],
                 report: Callable[[str], None], refresh: Callable[[], None]) -> None:
        super().__init__(text)
        self._apply, self._revert = apply, revert
        self._report, self._refresh = report, refresh
        self._done_already = True

    def redo(self) -> None:
        if self._done_already:
            self._done_already = False
            return
        self._run(self._apply)

    def undo(self) -> None:
        self._run(self._revert)

    def _run(self, change: Callable[[], object]) -> None:
        try:
            change()
        except (StorageError, AnnotationError) as error:
            self.setObsolete(True)
            self._report(f"Could not {self.text().lower()}: {error}")
        self._refresh()


def added(db, annotation: Annotation, report, refresh) -> StoredChange:
    """Undo removes the new annotation (softly); redo brings the same row back."""
    return StoredChange("Add annotation", lambda: restore_annotation(db, annotation.id),
                        lambda: delete_annotation(db, annotation.id), report, refresh)


def edited(db, before: Annotation, after: Annotation, report, refresh) -> StoredChange:
    return StoredChange("Edit annotation", lambda: save_annotation(db, after),
                        lambda: save_annotation(db, before), report, refresh)


def deleted(db, annotation: Annotation, report, refresh) -> StoredChange:
    return StoredChange("Delete annotation", lambda: delete_annotation(db, annotation.id),
                        lambda: restore_annotation(db, annotation.id), report, refresh)
