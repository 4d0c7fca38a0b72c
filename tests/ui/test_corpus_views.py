"""The corpus overview's pictures explain themselves: the heat map has a caption and a colour
scale, the graph a legend of its strokes, node labels stay inside the picture and a node's
full title shows on hover."""

import math
from types import SimpleNamespace

from PySide6.QtGui import QColor

from reader.ui.corpus_views import CAPTION_HEIGHT, DerivationGraphView, HeatMap, cell_colour

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
    assert _close(image.pixelColor(int(cell.left()) + 3, int(cell.top()) + 3), cell_colour(0.9))


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
