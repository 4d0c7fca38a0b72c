"""The Library dock: the stored documents, a search field, and the chosen document's likely
sources and copies.

A widget only: it shows what ``LibraryController`` gives it and emits intent signals.
* ``search_changed(text)`` as the user types in the search field (titles and text);
* ``compare_requested(id_a, id_b)`` from "Compare" with two documents selected (the older
  import as A), or from a ranked row (source as A, copy as B);
* ``open_requested(id, side)`` from "Open as A" / "Open as B" (one selected);
* ``current_changed(id or None)`` when one document is selected: its ranking is wanted;
* ``edit_requested(id)`` on double-click or "Edit…".
Must not import reader.storage.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.coverage import percent
from reader.ui.library.naming import details
from reader.ui.plain_text import plain_tooltip

ROLE_LABELS = {"source": "Source", "copy": "Copy", "related": "Related", "quote": "Quotation"}


def _verdict_tip(ranked, chosen) -> str:
    """The pair's verdict in words, the selected document as "the selected document"."""
    record = ranked.record
    verdict = getattr(record, "verdict", None)
    if verdict is None:
        return f"{record.relation}; evidence: {record.basis or record.relation}"
    if record.a != chosen:
        verdict = verdict.swapped()
    names = ("the selected document", "this one")
    sentences = filter(None, (verdict.describe(names), verdict.explain_direction(names)))
    return " ".join(text[:1].upper() + text[1:] for text in sentences)


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _fit_title_column(tree: QTreeWidget) -> None:
    """First column takes the free width (elided), the others fit their contents; no side scrolling."""
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, tree.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


class LibraryDock(QDockWidget):
    search_changed = Signal(str)
    compare_requested = Signal(int, int)
    open_requested = Signal(int, str)
    current_changed = Signal(object)
    edit_requested = Signal(int)
    ranked_activated = Signal(object, object)  # source key, copy key

    def __init__(self, parent=None) -> None:
        super().__init__("Library", parent)
        self.setObjectName("libraryDock")
        body = QWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles and text…")
        self.search.setClearButtonEnabled(True)
        self.documents = QTreeWidget()
        self.documents.setObjectName("libraryDocuments")
        self.documents.setRootIsDecorated(False)
        # Two lines a document: its title, then where it came from (file or site) and its date,
        # since titles alone do not tell documents apart (the five seeds all start "Meta…").
        # Each line ends in "…" if it must (full title, source and path in the tooltip); no
        # horizontal scroll bar.
        self.documents.setHeaderLabels(["Document"])
        self.documents.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        _fit_title_column(self.documents)
        self.documents.setAlternatingRowColors(True)  # two lines a row: the shading keeps rows apart
        self.compare_button = QPushButton("Compare")
        self.compare_button.setToolTip("Select two documents, then compare them side by side")
        self.open_a_button = QPushButton("Open as A")
        self.open_b_button = QPushButton("Open as B")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Change the title, source, URL or publication date")
        self.count_label = QLabel()

        self.ranking_label = QLabel("Select one document to see its likely sources and copies.")
        self.ranking_label.setWordWrap(True)
        self.ranking_label.setTextFormat(Qt.TextFormat.RichText)
        self.ranking = QTreeWidget()
        self.ranking.setObjectName("libraryRanking")
        self.ranking.setRootIsDecorated(False)
        # Two columns, each row three lines (title, shares, passages in words): five narrow
        # columns of bare percentages left no room for the titles in a side panel.
        self.ranking.setHeaderLabels(["Document", "Role"])
        _fit_title_column(self.ranking)
        self.ranking.setAlternatingRowColors(True)
        self.ranking.headerItem().setToolTip(0, "“54% of this”: how much of the selected document lies in the "
                                                "passages it shares with that one; “37% of that”: how much of "
                                                "that document lies in them")
        self.ranking.headerItem().setToolTip(1, "Source: the selected document likely took from it. Copy: it "
                                                "likely took from the selected one. Related: shared passages, "
                                                "direction unclear. Quotation: only a shared quotation.")
        self.ranking.setToolTip("Double-click a row to compare the two documents side by side.")

        buttons = QGridLayout()  # two by two: the dock stays narrow beside the reading panes
        for k, b in enumerate((self.compare_button, self.edit_button, self.open_a_button, self.open_b_button)):
            buttons.addWidget(b, k // 2, k % 2)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.search)
        top_layout.addWidget(self.documents, 1)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.count_label)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.ranking_label)
        bottom_layout.addWidget(self.ranking, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        # An explicit minimum, lower than the layouts' sum: sharing the side area with other
        # docks, the library must not force the window taller or wider than the screen.
        body.setMinimumSize(170, 120)
        self.setWidget(body)

        self.search.textChanged.connect(self.search_changed)
        self.documents.itemSelectionChanged.connect(self._on_selection)
        self.documents.itemDoubleClicked.connect(lambda item, _c: self.edit_requested.emit(self._id(item)))
        self.compare_button.clicked.connect(self._compare)
        self.open_a_button.clicked.connect(lambda: self._open("a"))
        self.open_b_button.clicked.connect(lambda: self._open("b"))
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.selected_ids()[0]))
        self.ranking.itemActivated.connect(lambda item, _c: self.ranked_activated.emit(
            *item.data(0, Qt.ItemDataRole.UserRole)))
        self._on_selection()

    # What the controller calls ----------------------------------------------------------
    def set_documents(self, rows, total: int | None = None) -> None:
        """``rows``: objects with ``id``, ``title``, ``source``, ``site``, ``published`` (StoredDocument)."""
        selected = set(self.selected_ids())
        self.documents.blockSignals(True)
        self.documents.clear()
        for d in rows:
            second = details(d)
            item = QTreeWidgetItem([f"{d.title}\n{second}" if second else d.title])
            item.setData(0, Qt.ItemDataRole.UserRole, d.id)
            where = [p for p in (d.source, getattr(d, "path", None), getattr(d, "url", None)) if p]
            item.setToolTip(0, plain_tooltip("\n".join([d.title, *where, *([d.published] if d.published else [])])))
            self.documents.addTopLevelItem(item)
            item.setSelected(d.id in selected)
        self.documents.blockSignals(False)
        shown = self.documents.topLevelItemCount()
        self.count_label.setText(f"{shown} documents" if total is None or total == shown
                                 else f"{shown} of {total} documents")
        self._on_selection()

    def set_ranking_message(self, text: str) -> None:
        self.ranking_label.setText(html.escape(text))
        self.ranking.clear()

    def set_ranking(self, ranking, titles: dict) -> None:  # titles: one line per key ("Title — file")
        """Show a ``reader.core.corpus.Ranking``: sources first, then copies, then the rest."""
        self.ranking.clear()
        chosen = titles.get(ranking.key, str(ranking.key))
        found = len(ranking.sources) + len(ranking.copies) + len(ranking.related)
        self.ranking_label.setText(
            f"<b>{html.escape(chosen)}</b><br>{_count(len(ranking.sources), 'likely source')}, "
            f"{_count(len(ranking.copies), 'likely copy', 'likely copies')}, "
            f"{_count(len(ranking.related), 'other document')} sharing a passage "
            f"({ranking.compared} of {_count(ranking.library - 1, 'document')} compared, {ranking.seconds:.2f} s)."
            if found else
            f"<b>{html.escape(chosen)}</b><br>shares no passage with the "
            f"{_count(ranking.compared, 'document')} compared.")
        for r in (*ranking.sources, *ranking.copies, *ranking.related):
            # Shares and passages on lines of their own: one line of all three was cut to
            # "42% of this · 45% of that · 16 pa…" in the narrow panel.
            figures = f"{percent(r.share)} of this · {percent(r.other_share)} of that\n{_count(r.passages, 'passage')}"
            item = QTreeWidgetItem([f"{titles.get(r.key, str(r.key))}\n{figures}", ROLE_LABELS[r.role]])
            pair = (r.key, ranking.key) if r.role == "source" else (ranking.key, r.key)
            item.setData(0, Qt.ItemDataRole.UserRole, pair)
            item.setToolTip(1, plain_tooltip(_verdict_tip(r, ranking.key)))
            item.setToolTip(0, plain_tooltip(titles.get(r.key, str(r.key))))
            self.ranking.addTopLevelItem(item)

    def selected_ids(self) -> list[int]:
        return [self._id(item) for item in self.documents.selectedItems()]

    def select_ids(self, ids) -> None:
        wanted = set(ids)
        for k in range(self.documents.topLevelItemCount()):
            item = self.documents.topLevelItem(k)
            item.setSelected(self._id(item) in wanted)

    # Internals ---------------------------------------------------------------------------
    @staticmethod
    def _id(item) -> int:
        return item.data(0, Qt.ItemDataRole.UserRole)

    def _on_selection(self) -> None:
        ids = self.selected_ids()
        self.compare_button.setEnabled(len(ids) == 2)
        for b in (self.open_a_button, self.open_b_button, self.edit_button):
            b.setEnabled(len(ids) == 1)
        self.current_changed.emit(ids[0] if len(ids) == 1 else None)

    def _compare(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 2:
            a, b = sorted(ids)
            self.compare_requested.emit(a, b)

    def _open(self, side: str) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.open_requested.emit(ids[0], side)
