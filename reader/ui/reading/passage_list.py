"""The passage list: one row per match (number, kind, score, changed facts, both excerpts).

``PassageTableModel`` holds the matches, the two texts and each match's changed facts
(``reader.core.facts``; the Facts column counts them, its tooltip lists them);
``PassageFilterProxy`` sorts by each column's natural key (position for the excerpts) and hides
kinds the reader unticks, and with "Changed facts only" the passages without one;
``PassageListDock`` puts those check boxes above the table and reports the match of a clicked
row. Its context menu and Ctrl+C copy the passage pair or a citation of it (``copy_requested``).
Selecting a match elsewhere selects its row here without echoing back.

Must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.matches import KINDS
from reader.ui.reading import kind_style

COLUMNS = ("#", "Kind", "Score", "Facts", "In A", "In B")
FACTS_COLUMN = 3
FACTS_TIP = ("Changed facts: numbers, dates, names or quotations of this passage that the other text "
             "changed, dropped or added (boxed in the texts).")
#: What a score means, on the Score column (header and cells); docs/guide.md says the same.
SCORE_TIP = ("Score: the share of the passage's content that both sides share, from 0 to 1. "
             "1.00: they carry the same content words; a reworded passage scores lower the more "
             "it changes, leaves out or adds.")
EXCERPT_CHARS = 90
SORT_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
FACTS_ROLE = Qt.ItemDataRole.UserRole + 2


def excerpt(text: str, start: int, end: int, limit: int = EXCERPT_CHARS) -> str:
    """The span's text on one line, cut at a word boundary with an ellipsis if long."""
    words = " ".join(text[start:end].split())
    if len(words) <= limit:
        return words
    cut = words[:limit].rsplit(" ", 1)[0]
    return cut + " …"


class PassageTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._matches: tuple = ()
        self._texts = ("", "")
        self._facts: tuple = ()  # per match: its flagged FactChange tuple

    def set_alignment(self, alignment, text_a: str, text_b: str) -> None:
        self.beginResetModel()
        self._matches = alignment.matches if alignment is not None else ()
        self._texts = (text_a, text_b)
        self._facts = ()
        self.endResetModel()

    def set_facts(self, facts) -> None:
        """The fact changes of every match (``compare_facts``' result), or None while unknown."""
        self._facts = tuple(tuple(c for c in changes if c.flagged) for changes in facts) \
            if facts is not None and len(facts) == len(self._matches) else ()
        if self._matches:
            self.dataChanged.emit(self.index(0, FACTS_COLUMN), self.index(len(self._matches) - 1, FACTS_COLUMN))

    def changed_facts(self, row: int) -> tuple:
        return self._facts[row] if row < len(self._facts) else ()

    def with_facts(self) -> int:
        return sum(1 for changes in self._facts if changes)

    def kind_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(KINDS, 0)
        for m in self._matches:
            counts[m.kind] = counts.get(m.kind, 0) + 1
        return counts

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == 2:
            return SCORE_TIP
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and section == FACTS_COLUMN:
            return FACTS_TIP
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        m = self._matches[row]
        if role == KIND_ROLE:
            return m.kind
        facts = self.changed_facts(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(row + 1), kind_style.LABELS.get(m.kind, m.kind), f"{m.score:.2f}",
                    f"▣ {len(facts)}" if facts else "",
                    excerpt(self._texts[0], m.a_start, m.a_end), excerpt(self._texts[1], m.b_start, m.b_end))[column]
        if role == SORT_ROLE:
            return (row, KINDS.index(m.kind) if m.kind in KINDS else len(KINDS), m.score, len(facts),
                    m.a_start, m.b_start)[column]
        if role == FACTS_ROLE:
            return len(facts)
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return kind_style.base_colour(m.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return kind_style.describe(m.kind)
            if column == 2:
                return SCORE_TIP
            if column == FACTS_COLUMN:
                return "\n".join(c.describe() for c in facts) if facts else "No changed fact in this passage"
            if column in (4, 5):
                text = self._texts[column - 4]
                start, end = (m.a_start, m.a_end) if column == 4 else (m.b_start, m.b_end)
                return excerpt(text, start, end, 600)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PassageFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kinds = set(KINDS)
        self.facts_only = False
        self.setSortRole(SORT_ROLE)

    def set_kinds(self, kinds) -> None:
        self.set_filter(kinds, self.facts_only)

    def set_filter(self, kinds, facts_only: bool) -> None:
        """Show the passages of ``kinds``; with ``facts_only``, only those with a changed fact."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self.kinds, self.facts_only = set(kinds), facts_only
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.kinds, self.facts_only = set(kinds), facts_only
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self.facts_only and not self.sourceModel().data(index, FACTS_ROLE):
            return False
        return self.sourceModel().data(index, KIND_ROLE) in self.kinds


class PassageListDock(QDockWidget):
    """A dock with kind filters above the table of passages."""

    passage_activated = Signal(int)  # match index
    copy_requested = Signal(int, bool)  # match index, as a citation

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Passages", parent)
        self.setObjectName("passageDock")
        self.model = PassageTableModel(self)
        self.proxy = PassageFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._echo_guard = False

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, FACTS_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.table.clicked.connect(self._on_clicked)
        # Ctrl+C and the context menu copy the selected passage pair (both sides, with sources).
        self.copy_action = QAction("Copy Passage Pair", self.table)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(lambda: self._copy(citation=False))
        self.citation_action = QAction("Copy as Citation", self.table)
        self.citation_action.triggered.connect(lambda: self._copy(citation=True))
        self.table.addAction(self.copy_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)

        self.filters: dict[str, QCheckBox] = {}
        filter_row = QHBoxLayout()
        filter_row.setContentsMargins(6, 4, 6, 2)
        filter_row.addWidget(QLabel("Show:"))
        for kind in KINDS:
            box = QCheckBox(kind_style.LABELS[kind])
            box.setChecked(True)
            box.setToolTip(kind_style.describe(kind))
            box.toggled.connect(self._on_filter_toggled)
            self.filters[kind] = box
            filter_row.addWidget(box)
        filter_row.addSpacing(6)
        self.facts_filter = QCheckBox("Changed facts only")
        self.facts_filter.setToolTip("Show only the passages with a changed fact. " + FACTS_TIP)
        self.facts_filter.toggled.connect(self._on_filter_toggled)
        filter_row.addWidget(self.facts_filter)
        filter_row.addStretch(1)
        self.count_label = QLabel()
        # The count gives way first when the dock is narrow: with the facts filter the row
        # would otherwise hold a 900-pixel window wider than asked (its counts are in the boxes).
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        filter_row.addWidget(self.count_label)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        self.setWidget(body)
        self._update_counts()

    def set_alignment(self, alignment, text_a: str, text_b: str) -> None:
        self.model.set_alignment(alignment, text_a, text_b)
        self._update_counts()

    def set_facts(self, facts) -> None:
        self.model.set_facts(facts)
        self._on_filter_toggled(self.facts_filter.isChecked())

    def current_match(self) -> int | None:
        """The match of the selected row, or None."""
        index = self.table.currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else None

    def set_current(self, match_index: int | None) -> None:
        """Select the row of ``match_index`` without reporting it back."""
        self._echo_guard = True
        try:
            if match_index is None:
                self.table.clearSelection()
                return
            row = self.proxy.mapFromSource(self.model.index(match_index, 0))
            if row.isValid():
                self.table.setCurrentIndex(row)
                self.table.scrollTo(row)
            else:
                self.table.clearSelection()
        finally:
            self._echo_guard = False

    def visible_matches(self) -> list[int]:
        """Match indices of the rows shown, in their displayed order."""
        return [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount())]

    def _on_row_changed(self, current, _previous) -> None:
        if not self._echo_guard and current.isValid():
            self.passage_activated.emit(self.proxy.mapToSource(current).row())

    def _on_clicked(self, index) -> None:
        # A click on the row that is already current still means "show me this passage".
        if index.isValid():
            self.passage_activated.emit(self.proxy.mapToSource(index).row())

    def _copy(self, citation: bool) -> None:
        match = self.current_match()
        if match is not None:
            self.copy_requested.emit(match, citation)

    def context_menu(self) -> QMenu:
        """The passage list's menu: copy the selected pair, or a citation of it."""
        menu = QMenu(self.table)
        menu.addAction(self.copy_action)
        menu.addAction(self.citation_action)
        enabled = self.current_match() is not None
        self.copy_action.setEnabled(enabled)
        self.citation_action.setEnabled(enabled)
        return menu

    def _show_context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.setCurrentIndex(index)
        menu = self.context_menu()
        menu.aboutToHide.connect(lambda: self.copy_action.setEnabled(True))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _on_filter_toggled(self, _checked: bool) -> None:
        self.proxy.set_filter([k for k, box in self.filters.items() if box.isChecked()],
                              self.facts_filter.isChecked())
        self._update_counts()

    def _update_counts(self) -> None:
        counts = self.model.kind_counts()
        for kind, box in self.filters.items():
            box.setText(f"{kind_style.LABELS[kind]} ({counts.get(kind, 0)})")
        self.facts_filter.setText(f"Changed facts only ({self.model.with_facts()})")
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} passages" if shown != total else f"{total} passages")
