"""The heat map's order (``reader.core.ordering.order_matrix``): related documents grouped,
strongest first, unrelated ones last or left out and counted."""

from reader.core.ordering import order_matrix


def _matrix(n: int, shares: dict[tuple[int, int], float]) -> list[list[float]]:
    m = [[0.0] * n for _ in range(n)]
    for (i, j), value in shares.items():
        m[i][j] = m[j][i] = value
    for i in range(n):
        m[i][i] = 1.0
    return m


def test_order_matrix_groups_related_documents_strongest_first():
    # 1-4 copied (0.8), 4-6 copied (0.6): one chain; 0-3 share a quotation (0.05); 2 and 5 nothing.
    m = _matrix(7, {(1, 4): 0.8, (4, 6): 0.6, (0, 3): 0.05})
    layout = order_matrix(m)
    assert layout.order == (1, 4, 6, 0, 3, 2, 5)
    assert layout.blocks == ((0, 3), (3, 5))
    assert layout.left_out == 0
    left_out = order_matrix(m, keep_unrelated=False)
    assert left_out.order == (1, 4, 6, 0, 3) and left_out.left_out == 2
    # A tight pair inside a group held by a weaker link stays adjacent, its ends facing the link.
    m = _matrix(5, {(0, 1): 0.9, (2, 3): 0.7, (1, 3): 0.1, (4, 0): 0.05})
    assert order_matrix(m).order == (4, 0, 1, 3, 2)


def test_an_empty_matrix_and_one_without_relations():
    assert order_matrix([]).order == ()
    layout = order_matrix(_matrix(3, {}), keep_unrelated=False)
    assert (layout.order, layout.blocks, layout.left_out) == ((), (), 3)
