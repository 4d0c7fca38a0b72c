"""Where each document of the derivation graph goes: layers, sources above the documents that copy them.

``layer_graph(n, edges, links)`` takes node indices ``0..n-1``, directed edges ``(source, copy)``
and undirected links ``(a, b)`` and returns a ``GraphLayers``:
* ``layers``: the documents with an arrow (a source or a copy), top first. A node's layer is
  the longest chain of sources above it (so a copy of a copy sits two layers below the
  original). A cycle of directed edges (which the direction rules should never make) is broken
  at the edge that closes it.
* ``groups``: documents with lines but no arrow (copied, direction unknown; a shared quotation),
  group by group, drawn below the layers.
* ``originals``: nodes copied by others that copy nothing themselves (marked in the picture).
* ``isolated``: nodes with no edge and no link, kept apart (drawn in a last row, or counted).
Within a layer, nodes are ordered by the barycentre of their neighbours in the layers above
and below (a few sweeps of the Sugiyama heuristic), which keeps most edges from crossing.

``wrap_rows(layers, per_row)`` cuts a layer wider than the picture into several rows, one
under the other, so thirty documents stay readable instead of shrinking to dots.
Pure Python: must not import Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Down-and-up sweeps of the barycentre ordering: crossings stop falling after three or four.
ORDER_SWEEPS = 4


@dataclass(frozen=True)
class GraphLayers:
    layers: list[list[int]]
    originals: frozenset[int]
    #: Documents with lines but no arrow, each connected group (joined by those lines only) in
    #: node order: they have no place in a hierarchy of sources and copies.
    groups: list[list[int]]
    isolated: list[int]


def _longest_path_layers(n: int, edges: list[tuple[int, int]]) -> dict[int, int]:
    """Layer of each node touched by a directed edge: 0 for a root, else 1 + its deepest source."""
    children: dict[int, list[int]] = {}
    for source, copy in edges:
        children.setdefault(source, []).append(copy)
    # Depth-first: an edge back to a node on the current path closes a cycle and is ignored.
    state: dict[int, int] = {}  # 1 = on the path, 2 = done
    order: list[int] = []
    kept: list[tuple[int, int]] = []
    for root in range(n):
        if root in state:
            continue
        stack = [(root, iter(children.get(root, ())))]
        state[root] = 1
        while stack:
            node, rest = stack[-1]
            child = next(rest, None)
            if child is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif state.get(child) == 1:
                continue  # closes a cycle
            else:
                kept.append((node, child))
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(children.get(child, ()))))
    layer: dict[int, int] = {}
    touched = {k for e in edges for k in e}
    parents: dict[int, list[int]] = {}
    for source, copy in kept:
        parents.setdefault(copy, []).append(source)
    for node in reversed(order):  # reverse post-order: every source before its copies
        if node in touched:
            layer[node] = max((layer[p] + 1 for p in parents.get(node, ()) if p in layer), default=0)
    return layer


def layer_graph(n: int, edges: Iterable[tuple[int, int]], links: Iterable[tuple[int, int]]) -> GraphLayers:
    edges = [(s, c) for s, c in edges if s != c]
    links = [(a, b) for a, b in links if a != b]
    layer = _longest_path_layers(n, edges)
    neighbours: dict[int, set[int]] = {}
    for a, b in (*edges, *links):
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    # Nodes with lines but no arrow stay out of the layers: pulled in beside their neighbours
    # they made the top layer too wide for one row, and a layer in two rows reads as two.
    pending = [k for k in range(n) if k in neighbours and k not in layer]
    depth = max(layer.values(), default=-1) + 1
    layers: list[list[int]] = [[] for _ in range(depth)]
    for k in range(n):
        if k in layer:
            layers[layer[k]].append(k)
    _order(layers, neighbours)
    sources = {s for s, _c in edges}
    copies = {c for _s, c in edges}
    return GraphLayers(layers, frozenset(sources - copies), _groups(pending, neighbours),
                       [k for k in range(n) if k not in neighbours])


def _groups(nodes: list[int], neighbours: dict[int, set[int]]) -> list[list[int]]:
    """The connected groups among ``nodes`` (joined by undirected links only), each in node order."""
    left, groups = set(nodes), []
    for start in nodes:
        if start not in left:
            continue
        group, todo = {start}, [start]
        left.discard(start)
        while todo:
            for m in neighbours.get(todo.pop(), ()):
                if m in left:
                    left.discard(m)
                    group.add(m)
                    todo.append(m)
        groups.append(sorted(group))
    return groups


def _order(layers: list[list[int]], neighbours: dict[int, set[int]]) -> None:
    """Reorder each layer in place by the mean position of each node's neighbours."""
    for sweep in range(ORDER_SWEEPS):
        indices = range(1, len(layers)) if sweep % 2 == 0 else range(len(layers) - 2, -1, -1)
        for i in indices:
            position = {k: p for layer in layers for p, k in enumerate(layer)}
            reference = i - 1 if sweep % 2 == 0 else i + 1

            above = set(layers[reference])

            def barycentre(k: int, above: set[int] = above, position: dict[int, int] = position) -> float:
                around = [position[m] for m in neighbours.get(k, ()) if m in above]
                return sum(around) / len(around) if around else position[k]

            layers[i].sort(key=barycentre)


def wrap_rows(layers: list[list[int]], per_row: int) -> list[list[int]]:
    """Each layer as one or more rows of at most ``per_row`` nodes, top first."""
    per_row = max(1, per_row)
    rows: list[list[int]] = []
    for layer in layers:
        rows.extend(layer[k:k + per_row] for k in range(0, len(layer), per_row))
    return rows
