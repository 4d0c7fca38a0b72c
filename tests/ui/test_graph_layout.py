"""The derivation graph's layers and the names documents are shown by (pure Python, no Qt)."""

from types import SimpleNamespace

from reader.ui.corpus.graph_layout import layer_graph, wrap_rows
from reader.ui.library.naming import details, display_name, where


def test_sources_above_copies_copies_of_copies_lower_still():
    # 0 → 1 → 2 and 0 → 2 (the seeds 002 → 003 → 004); 3 → 4; 5 and 6 linked without direction;
    # 7 linked to the hierarchy without direction; 8 shares nothing.
    layers = layer_graph(9, [(0, 1), (1, 2), (0, 2), (3, 4)], [(5, 6), (7, 0)])
    depth = {k: i for i, layer in enumerate(layers.layers) for k in layer}
    assert depth[0] == 0 and depth[1] == 1 and depth[2] == 2
    assert depth[3] == 0 and depth[4] == 1
    assert layers.originals == {0, 3}
    assert layers.groups == [[5, 6], [7]]  # lines without an arrow: below the layers
    assert layers.isolated == [8]


def test_a_cycle_is_broken_not_looped():
    layers = layer_graph(3, [(0, 1), (1, 2), (2, 0)], [])
    assert sorted(k for layer in layers.layers for k in layer) == [0, 1, 2]
    assert len(layers.layers) == 3


def test_barycentre_order_keeps_copies_under_their_sources():
    # Two families: 0 → 2 and 1 → 3; listed crossed, the copies are reordered to follow their sources.
    layers = layer_graph(4, [(1, 2), (0, 3)], [])
    top, below = layers.layers
    assert (top.index(1) < top.index(0)) == (below.index(2) < below.index(3))


def test_a_wide_layer_wraps_into_rows():
    assert wrap_rows([[1, 2, 3, 4, 5], [6]], 2) == [[1, 2], [3, 4], [5], [6]]
    assert wrap_rows([[1]], 0) == [[1]]


def test_documents_are_named_by_title_and_file_or_site():
    from_file = SimpleNamespace(title="Meta removes  accounts", path="/x/seeds/002_7b9a.txt", url=None,
                                source="002_7b9a.txt", published="2024-02-08")
    from_web = SimpleNamespace(title="Meta bans", path=None, url="https://www.bbc.co.uk/news/1", source="bbc",
                               published=None)
    assert where(from_file) == "002_7b9a.txt" and where(from_web) == "bbc.co.uk"
    assert details(from_file) == "002_7b9a.txt · 2024-02-08" and details(from_web) == "bbc.co.uk"
    assert display_name(from_file) == "Meta removes accounts — 002_7b9a.txt"
