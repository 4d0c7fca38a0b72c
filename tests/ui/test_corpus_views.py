"""The corpus overview's pictures explain themselves: the heat map has a caption and a colour
scale, the graph a legend of its strokes, node labels stay inside the picture and a node's
full title shows on hover. The heat map stays usable for hundreds of documents: related
documents grouped, unrelated ones left out and counted, readable cells that scroll under fixed
titles, every cell reachable and clickable."""

from types import SimpleNamespace

from PySide6.QtGui import QColor

from reader.core.derivation import DERIVED, QUOTED, Edge
from reader.core.matches import VERBATIM
from reader.ui.corpus.matrix import CAPTION_HEIGHT, HeatMap, cell_colour
from reader.ui.corpus.views import DerivationGraphView
from reader.ui.reading import kind_style

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


def _graph(qtbot, keys, labels, edges=(), links=(), size=(700, 600), details=None):
    graph = DerivationGraphView()
    qtbot.addWidget(graph)
    graph.resize(*size)
    graph.set_graph(keys, labels, SimpleNamespace(edges=list(edges), links=list(links)), details)
    return graph


def test_graph_has_a_legend_labels_inside_and_titles_on_hover(qtbot):
    graph = _graph(qtbot, [1, 2, 3], TITLES)
    image = graph.grab().toImage()
    # The first legend entry is a sample of the "copied" arrow, in the verbatim mark colour.
    assert _close(image.pixelColor(30, 14), kind_style.mark_colour(VERBATIM), tolerance=30)
    # Documents sit below the legend, as boxes with their names inside the picture.
    rects = graph.node_rects()
    assert min(r.top() for r in rects) > 90
    assert all(graph.rect().contains(r.toRect()) for r in rects)
    point = graph.node_positions()[0]
    assert graph.node_at(point.x(), point.y()) == 0
    assert graph.node_at(point.x(), point.y() + 60) is None


def test_sources_sit_above_their_copies_with_the_share_on_each_arrow(qtbot):
    """002 → 003 → 004 and 002 → 004, as in the seeds: three layers, 002 marked original."""
    keys = ["002", "003", "004", "000"]
    edges = [Edge("002", "003", DERIVED, 0.61, 18, True, "quotations"),
             Edge("003", "004", DERIVED, 0.74, 20, True, "dates"),
             Edge("002", "004", DERIVED, 0.71, 16, True, "dates")]
    links = [Edge("000", "002", QUOTED, 0.04, 1, False)]
    graph = _graph(qtbot, keys, ["CNN report", "Rewrite", "Second rewrite", "Other report"], edges, links,
                   details=["002.txt · 2024-06-01", "003.txt", "004.txt", "000.txt"])
    rects = graph.node_rects()
    assert rects[0].bottom() < rects[1].top() and rects[1].bottom() < rects[2].top()
    assert graph.originals == {0}
    graph.grab()
    shown = sorted(text for _box, text in graph.share_labels)
    assert shown == ["61%", "71%", "74%"]
    for box, _text in graph.share_labels:  # no label hides a document
        assert not any(box.intersects(r) for r in rects)
    middle = graph.line_path(0, 1).pointAtPercent(0.5)
    assert graph.edge_at(middle.x(), middle.y()) == (0, 1)
    # 002 → 004 does not run through 003's box (it would read as the chain 002 → 003 → 004).
    skip = graph.line_path(0, 2)
    assert not any(rects[1].contains(skip.pointAtPercent(t / 20)) for t in range(21))


def test_thirty_documents_stay_readable_boxes(qtbot):
    """Thirty documents in a 1100 x 800 overview: named boxes, none overlapping, all inside."""
    keys = list(range(30))
    edges = [Edge(k, k + 10, DERIVED, 0.5, 9, True, "dates") for k in range(10)]
    links = [Edge(k, k + 1, QUOTED, 0.05, 1, False) for k in range(20, 28, 2)]
    graph = _graph(qtbot, keys, [f"Meta removes the accounts, version {k}" for k in keys], edges, links,
                   size=(1100, 800))
    rects = graph.node_rects()
    assert all(r is not None and r.width() >= 150 for r in rects)  # boxes with names, not dots
    assert all(graph.rect().contains(r.toRect()) for r in rects)
    for i in range(30):
        for j in range(i + 1, 30):
            assert not rects[i].intersects(rects[j]), (i, j)
    for k in range(10):
        assert rects[k].bottom() < rects[k + 10].top()
    graph.grab()


def test_a_large_library_draws_only_linked_documents(qtbot):
    """300 documents with three lines among them: the three pairs' six documents are drawn, the
    rest are left out and the legend says how many."""
    keys = list(range(300))
    edges = [Edge(10, 20, DERIVED, 0.5, 12, True, "dates")]
    links = [Edge(30, 40, DERIVED, 0.4, 8, False), Edge(50, 60, QUOTED, 0.05, 1, False)]
    graph = _graph(qtbot, keys, [f"Article {k}" for k in keys], edges, links, size=(800, 600))
    pos = graph.node_positions()
    assert sorted(k for k, p in enumerate(pos) if p is not None) == [10, 20, 30, 40, 50, 60]
    assert graph.node_at(pos[20].x(), pos[20].y()) == 20
    middle = graph.line_path(10, 20).pointAtPercent(0.5)
    assert graph.edge_at(middle.x(), middle.y()) == (10, 20)
    graph.grab()  # paints without touching the documents left out
    # Too many to draw as boxes: dots that do not overlap.
    many = list(range(200))
    ring = [Edge(k, k + 1, DERIVED, 0.3, 5, False) for k in range(0, 200, 2)]
    graph.set_graph(many, [f"Article {k}" for k in many], SimpleNamespace(edges=[], links=ring))
    rects = graph.node_rects()
    assert all(r.width() < 20 for r in rects)
    for i in range(0, 200, 7):
        assert not any(rects[i].intersects(rects[j]) for j in range(200) if j != i)
    graph.grab()
