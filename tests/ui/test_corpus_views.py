"""The corpus overview's pictures explain themselves: the heat map has a caption and a colour
scale, the graph a legend of its strokes, node labels stay inside the picture and a node's
full title shows on hover. The heat map stays usable for hundreds of documents: related
documents grouped, unrelated ones left out and counted, readable cells that scroll under fixed
titles, every cell reachable and clickable."""

import math
from types import SimpleNamespace

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from reader.ui.corpus.matrix import CAPTION_HEIGHT, HeatMap, cell_colour
from reader.ui.corpus.views import DerivationGraphView

TITLES = ["Meta Takes Action Against Ayatollah Ali Khamenei’s Social Media Accounts",
          "Meta bans accounts of Iran’s supreme leader", "Meta removes Facebook and Instagram accounts"]


def _close(a: QColor, b: QColor, tolerance: int = 6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))


def test_heat_map_has_a_colour_scale_and_cells_below_it(qtbot):
    heat = HeatMap()
    qtbot.addWidget(heat)
    heat.resize(800, 600)
    heat.set_data(TITLES, [[0, 0.1, 0.9], [0.2, 0, 0.5], [0.8, 0.4, 0]])
    image = heat.grab().toImage()
    # The scale runs from white (0 %) to deep blue (100 %): its middle is the colour of a 50 % cell.
    assert _close(image.pixelColor(48 + 100, 34), cell_colour(0.5))
    assert _close(image.pixelColor(48 + 198, 34), cell_colour(1.0), tolerance=10)
    assert heat.cell_rect(0, 0).top() >= CAPTION_HEIGHT
    cell = heat.cell_rect(0, 2)
    assert _close(image.pixelColor(int(cell.left()) + 4, int(cell.top()) + 4), cell_colour(0.9))


def test_graph_has_a_legend_labels_inside_and_titles_on_hover(qtbot):
    graph = DerivationGraphView()
    qtbot.addWidget(graph)
    graph.resize(700, 600)
    graph.set_graph([1, 2, 3], TITLES, SimpleNamespace(edges=[], links=[]))
    image = graph.grab().toImage()
    # The first legend entry is a sample of the red "copied" arrow.
    assert _close(image.pixelColor(30, 14), QColor(180, 40, 40), tolerance=30)
    # Nodes sit below the legend.
    assert min(p.y() for p in graph.node_positions()) > 90
    point = graph.node_positions()[0]
    assert graph.node_at(point.x(), point.y()) == 0
    assert graph.node_at(point.x() + 40, point.y()) is None


def test_a_large_library_draws_only_linked_documents_without_a_ring_of_labels(qtbot):
    """300 documents with three lines among them: the three pairs' six circles are drawn (small
    enough not to overlap), the rest are left out and the legend says how many."""
    from reader.core.derivation import DERIVED, QUOTED, Edge

    keys = list(range(300))
    edges = [Edge(10, 20, DERIVED, 0.5, 12, True, "dates")]
    links = [Edge(30, 40, DERIVED, 0.4, 8, False), Edge(50, 60, QUOTED, 0.05, 1, False)]
    graph = DerivationGraphView()
    qtbot.addWidget(graph)
    graph.resize(800, 600)
    graph.set_graph(keys, [f"Article {k}" for k in keys], SimpleNamespace(edges=edges, links=links))
    pos = graph.node_positions()
    assert sorted(k for k, p in enumerate(pos) if p is not None) == [10, 20, 30, 40, 50, 60]
    assert graph.node_at(pos[20].x(), pos[20].y()) == 20
    a, b = pos[10], pos[20]
    assert graph.edge_at(((a + b) / 2).x(), ((a + b) / 2).y()) == (10, 20)
    graph.grab()  # paints without touching the documents left out
    many = list(range(40))
    ring = [Edge(k, k + 1, DERIVED, 0.3, 5, False) for k in range(0, 40, 2)]
    graph.set_graph(many, [f"Article {k}" for k in many], SimpleNamespace(edges=[], links=ring))
    pos = graph.node_positions()
    nearest = min(math.dist((pos[i].x(), pos[i].y()), (pos[j].x(), pos[j].y()))
                  for i in range(40) for j in range(i + 1, 40))
    assert nearest >= 2 * graph.node_radius()  # circles do not overlap
    graph.grab()


def _matrix(n: int, shares: dict[tuple[int, int], float]) -> list[list[float]]:
    m = [[0.0] * n for _ in range(n)]
    for (i, j), value in shares.items():
        m[i][j] = m[j][i] = value
    for i in range(n):
        m[i][i] = 1.0
    return m


def _help(widget, point: QPoint) -> str:
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point)))
    return QToolTip.text()


def test_a_small_library_fits_without_scrolling_with_every_document_shown(qtbot):
    """Five documents (one sharing nothing): all five rows, large cells, no scroll bars."""
    heat = HeatMap()
    qtbot.addWidget(heat)
    heat.resize(880, 560)
    heat.show()
    heat.set_data(TITLES + ["Unrelated weather report", "Meta, the parent company"],
                  _matrix(5, {(0, 1): 0.04, (2, 4): 0.45, (1, 2): 0.03}))
    assert sorted(heat.shown) == [0, 1, 2, 3, 4] and heat.left_out == 0
    assert abs(heat.shown.index(2) - heat.shown.index(4)) == 1 and heat.shown[-1] == 3
    assert heat.cell_size() >= 40
    grid = heat.grid
    assert grid.horizontalScrollBar().maximum() == 0 and grid.verticalScrollBar().maximum() == 0
    assert heat.left_out_note() == ""
    # The row title is cut to fit; its tooltip is the whole title.
    row = heat.shown.index(0)
    assert _help(grid.row_header, QPoint(10, int((row + 0.5) * heat.cell_size()))) == TITLES[0]
    rect = heat.cell_rect(2, 4)
    centre = grid.viewport().mapFrom(heat, rect.center().toPoint())
    assert "45% of “Meta removes" in _help(grid.viewport(), centre)


def test_a_large_library_shows_related_documents_in_readable_cells_all_reachable(qtbot):
    """300 documents, 40 of them in 20 copied pairs: the 260 others are left out and counted, the
    cells keep a readable size, and every cell can be scrolled into view and clicked."""
    n = 300
    pairs = {(k, k + 150): 0.3 + k / 100 for k in range(0, 200, 10) if k + 150 < n}
    pairs.update({(k, k + 7): 0.5 for k in range(5, 100, 10)})
    related = sorted({k for pair in pairs for k in pair})
    heat = HeatMap()
    qtbot.addWidget(heat)
    heat.resize(800, 600)
    heat.show()
    heat.set_data([f"Article {k} with a title much too long to fit beside its row" for k in range(n)],
                  _matrix(n, pairs))
    assert sorted(heat.shown) == related
    assert heat.left_out == n - len(related)
    assert f"{n - len(related)} that share nothing" in heat.left_out_note()
    assert heat.cell_size() >= 18  # readable, not the 6 px dots of before
    for i, j in pairs:
        assert abs(heat.shown.index(i) - heat.shown.index(j)) == 1  # each pair side by side
    grid = heat.grid
    viewport = grid.viewport().rect()
    header_at = grid.row_header.pos(), grid.column_header.pos()
    emitted = []
    heat.pair_activated.connect(lambda a, b: emitted.append((a, b)))
    for i in heat.shown:
        for j in heat.shown:
            heat.scroll_to_cell(i, j)
            rect = heat.cell_rect(i, j)
            centre = grid.viewport().mapFrom(heat, rect.center().toPoint())
            assert viewport.contains(centre), (i, j)
            # The titles stay where they are; the row title beside the cell is the cell's row.
            assert (grid.row_header.pos(), grid.column_header.pos()) == header_at
            assert heat.shown[grid.row_header.position_at(centre.y())] == i
            if (i, j) in pairs or (j, i) in pairs:
                qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
                assert emitted[-1] == (i, j)
    assert len(emitted) == 2 * len(pairs)
    assert grid.verticalScrollBar().maximum() > 0  # it did have to scroll
    heat.grab()


def test_a_large_library_with_no_shared_passage_says_so(qtbot):
    heat = HeatMap()
    qtbot.addWidget(heat)
    heat.resize(600, 400)
    heat.set_data([f"Article {k}" for k in range(40)], _matrix(40, {}))
    assert heat.shown == () and heat.left_out == 40
    heat.grab()


def test_clicking_a_matrix_cell_in_the_overview_compares_that_pair_source_first(qtbot, seeds):
    """The matrix shows the seeds in its own order; a click still names the right two documents."""
    from reader.core.corpus import CorpusDoc
    from reader.core.documents import load_document
    from reader.ui.corpus.overview import CorpusOverviewDialog

    docs = [CorpusDoc(n, load_document(seeds(n)).text, f"Seed {n:03d}") for n in range(5)]
    dialog = CorpusOverviewDialog(docs, workers=1)
    qtbot.addWidget(dialog)
    dialog.show()
    if dialog.result is None:
        with qtbot.waitSignal(dialog.scanned, timeout=60_000):
            pass
    dialog.tabs.setCurrentWidget(dialog.heat_map)
    heat, keys = dialog.heat_map, list(dialog.result.keys)
    assert heat.left_out == 0
    # Related documents are grouped: the three texts of the rewrite family 002-004 sit together.
    order = [keys[k] for k in heat.shown]
    family = sorted(order.index(k) for k in (2, 3, 4))
    assert family[-1] - family[0] == 2
    row, column = keys.index(3), keys.index(2)
    centre = heat.grid.viewport().mapFrom(heat, heat.cell_rect(row, column).center().toPoint())
    with qtbot.waitSignal(dialog.compare_requested) as requested:
        qtbot.mouseClick(heat.grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert requested.args == [2, 3]  # 002 is the source, so it comes first
    dialog.close()
