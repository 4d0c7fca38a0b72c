"""The corpus overview dialog: scan the library in the background, then show the similarity
heat map, the derivation graph and the table of pairs.

``CorpusOverviewDialog(docs, parent, names=, details=)`` takes ``reader.core.corpus.CorpusDoc``
objects, with each one's name ("Title — file or site") and details ("file · date") by key to
label the pictures (their ``title`` when not given), and starts ``reader.core.corpus.scan`` on
a ``reader.ui.tasks.TaskRunner`` at once: the window stays responsive, a progress bar shows
how far it is, and Cancel stops it (the dialog then says so and offers to scan again).
Activating a pair (a heat-map cell, a graph edge, a table row) emits
``compare_requested(key_a, key_b)`` with the source first when the direction is known.
``CorpusOverviewDialog.for_result(scan_file)`` shows a scan result read from disk
(``reader.core.scan_output.ScanFile``) the same way, without scanning: the documents that share
something in the matrix and the graph, at most ``RESULT_DOCUMENTS`` of them (those of the
strongest pairs), and every pair in the table, at most ``RESULT_TABLE_PAIRS`` (the strongest).
Must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from reader.core.corpus import ScanResult, scan
from reader.core.coverage import percent
from reader.ui.corpus.matrix import HeatMap
from reader.ui.corpus.views import DerivationGraphView
from reader.ui.plain_text import plain_tooltip
from reader.ui.tasks import TaskRunner

#: Worker processes for the scan (the issue's target machine has two cores).
SCAN_WORKERS = 2
#: Documents of a scan result shown at most: the matrix is drawn cell by cell and the graph node
#: by node, and beyond a few hundred neither can be read (nor drawn quickly); a result of a big
#: archive shows the documents of its strongest pairs.
RESULT_DOCUMENTS = 150
#: Pairs of a scan result listed in the table at most, strongest first: a table of tens of
#: thousands of rows fills in a second or two and sorts and scrolls well; a result of millions
#: of pairs is for the result file itself (Parquet, CSV).
RESULT_TABLE_PAIRS = 50_000


class CorpusOverviewDialog(QDialog):
    compare_requested = Signal(object, object)
    #: Emitted with the ``ScanResult`` once the scan has finished (tests and callers).
    scanned = Signal(object)

    def __init__(self, docs, parent=None, *, workers: int = SCAN_WORKERS, scan_now: bool = True,
                 names: dict | None = None, details: dict | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("corpusOverview")
        self.setWindowTitle("Corpus Overview")
        self.docs = list(docs)
        self.workers = workers
        # One line per document ("Title — file or site") for the matrix and the table; the graph
        # shows the title with ``details`` (file or site, date) on a second line.
        self.short_titles = {d.key: d.title or str(d.key) for d in self.docs}
        self.titles = {d.key: (names or {}).get(d.key) or self.short_titles[d.key] for d in self.docs}
        self.details = {d.key: (details or {}).get(d.key) or (d.published or "") for d in self.docs}
        self.result: ScanResult | None = None
        self.runner = TaskRunner(self)
        self._generation = 0

        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages may name documents
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.cancel_button = QPushButton("Cancel Scan")
        self.rescan_button = QPushButton("Scan Again")
        self.heat_map = HeatMap()
        self.graph = DerivationGraphView()
        self.pairs = QTreeWidget()
        self.pairs.setRootIsDecorated(False)
        self.pairs.setHeaderLabels(["Document", "Other document", "Share", "Other's share", "Passages",
                                    "Relation", "Direction"])
        # The two titles get the width; figures and relation fit their contents.
        header = self.pairs.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate((QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Stretch)
                                      + (QHeaderView.ResizeMode.ResizeToContents,) * 5):
            header.setSectionResizeMode(column, mode)
        for column, tip in ((2, "How much of the document lies in the passages the two share"),
                            (3, "How much of the other document lies in them"),
                            (5, "derived: one was written from the other; shared: a few sentences in common; "
                                "quote: only a quotation in common"),
                            (6, "Which one is the copy, and the evidence for it (dates, containment)")):
            self.pairs.headerItem().setToolTip(column, tip)
        self.pairs.setToolTip("Double-click a pair to compare the two documents side by side.")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.graph, "Derivation Graph")
        self.tabs.addTab(self.heat_map, "Similarity Matrix")
        self.tabs.addTab(self.pairs, "Pairs")
        self.tabs.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        top.addWidget(self.rescan_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1100, 800)

        self.cancel_button.clicked.connect(self.cancel_scan)
        self.rescan_button.clicked.connect(self.start_scan)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.failed.connect(self._on_failed)
        self.heat_map.pair_activated.connect(lambda i, j: self._activate(self.result.keys[i], self.result.keys[j]))
        self.graph.pair_activated.connect(lambda i, j: self._activate(self.result.keys[i], self.result.keys[j]))
        self.pairs.itemActivated.connect(lambda item, _col: self._activate(*item.data(0, Qt.ItemDataRole.UserRole)))
        if scan_now:
            self.start_scan()

    @classmethod
    def for_result(cls, scan_file, parent=None) -> CorpusOverviewDialog:
        """A dialog showing a scan result read from disk (no scan; nothing to cancel)."""
        dialog = cls([], parent, scan_now=False)
        header = scan_file.header
        dialog.setWindowTitle(f"Scan Result — {header.source or 'unknown source'}")
        dialog.titles = scan_file.titles
        shown: dict = {}
        for pair in scan_file.pairs:  # most shared first, as written
            if len(shown) >= RESULT_DOCUMENTS and not (pair.a in shown and pair.b in shown):
                continue
            shown.setdefault(pair.a)
            shown.setdefault(pair.b)
        order = {str(d["key"]): i for i, d in enumerate(header.documents)}
        keys = tuple(sorted(shown, key=lambda k: (order.get(k, len(order)), k)))
        records = tuple(p for p in scan_file.pairs if p.a in shown and p.b in shown)
        listed = tuple(scan_file.pairs[:RESULT_TABLE_PAIRS])
        for button in (dialog.cancel_button, dialog.rescan_button):
            button.hide()
        dialog.show_result(ScanResult(keys, records, header.candidates_aligned, header.seconds), listed)
        scanned = f"{header.documents_scanned:,} documents scanned" if header.documents_scanned else "A scan"
        part = "" if len(records) == len(scan_file.pairs) else \
            f" The matrix and the graph show the {len(keys)} documents of the strongest pairs."
        if len(listed) < len(scan_file.pairs):
            part += f" The table lists the strongest {len(listed):,} pairs."
        dialog.status.setText(f"{scanned}: {len(scan_file.pairs):,} pairs share passages.{part} "
                              "Double-click a pair to read it; its texts are fetched from the source.")
        dialog.status.setWordWrap(True)
        return dialog

    @property
    def busy(self) -> bool:
        return self.cancel_button.isEnabled()

    def start_scan(self) -> None:
        docs, workers = self.docs, self.workers
        self._generation = self.runner.start(
            lambda should_cancel, progress: scan(docs, workers=workers, should_cancel=should_cancel,
                                                 progress=progress))
        self.status.setText(f"Scanning {len(docs)} documents for shared passages…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.rescan_button.setEnabled(False)

    def cancel_scan(self) -> None:
        self.runner.cancel()

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done)

    def _finish(self, message: str) -> None:
        self.status.setText(message)
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        self.rescan_button.setEnabled(True)

    def _on_cancelled(self, generation: int) -> None:
        if generation == self._generation:
            self._finish("Scan cancelled. Nothing was changed; scan again when you like.")

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._finish(f"The scan failed: {message}")

    def _on_finished(self, generation: int, result: ScanResult) -> None:
        if generation != self._generation:
            return
        graph = self.show_result(result)
        derived = sum(1 for r in result.records if r.relation == "derived")
        self._finish(f"{len(result.keys)} documents: {len(result.records)} pairs share passages, {derived} "
                     f"derived ({len(graph.edges)} with a known direction); {result.seconds:.1f} s.")
        self.scanned.emit(result)

    def show_result(self, result: ScanResult, listed=None):
        """Fill the matrix, the graph and the table from ``result`` (the table from ``listed``
        pair records instead, when given); return the derivation graph."""
        self.result = result
        self.listed = tuple(result.records if listed is None else listed)
        labels = [self.titles.get(k, str(k)) for k in result.keys]
        self.heat_map.set_data(labels, result.matrix())
        graph = result.graph()
        self.graph.set_graph(list(result.keys), [self.short_titles.get(k, str(k)) for k in result.keys], graph,
                             [self.details.get(k, "") for k in result.keys])
        self.pairs.clear()
        items = []
        for r in self.listed:
            item = QTreeWidgetItem([self.titles.get(r.a, str(r.a)), self.titles.get(r.b, str(r.b)),
                                    percent(r.share_a), percent(r.share_b), str(r.passages), r.relation,
                                    self._direction(r)])
            first, second = (r.source, r.copy) if r.source is not None else (r.a, r.b)
            item.setData(0, Qt.ItemDataRole.UserRole, (first, second))
            for column, key in ((0, r.a), (1, r.b)):
                item.setToolTip(column, plain_tooltip(self.titles.get(key, str(key))))
            if r.source is not None:
                item.setToolTip(6, plain_tooltip(f"{self.titles.get(r.source, r.source)} → "
                                                 f"{self.titles.get(r.copy, r.copy)}"))
            items.append(item)
        self.pairs.addTopLevelItems(items)
        self.tabs.setEnabled(True)
        self.progress.hide()
        return graph

    def _direction(self, record) -> str:
        if record.source is None:
            return "—"
        # Said relative to the row's two columns: full titles here would be cut to nothing.
        copy = "the other is the copy" if record.source == record.a else "this is the copy"
        return f"{copy} ({record.basis})"

    def _activate(self, key_a, key_b) -> None:
        record = next((r for r in (*self.result.records, *self.listed) if {r.a, r.b} == {key_a, key_b}), None)
        if record is not None and record.source is not None:
            key_a, key_b = record.source, record.copy
        self.compare_requested.emit(key_a, key_b)

    def done(self, code: int) -> None:  # noqa: D401 - Qt override: stop the scan with the dialog
        self.runner.shutdown()
        super().done(code)
