"""PassageIndex: which match is where, range queries, counterpart offsets for scroll sync."""

from reader.core.matches import Match
from reader.ui.reading.passage_index import PassageIndex


def match(a0, a1, b0, b1, kind="verbatim"):
    return Match(a0, a1, b0, b1, kind, 1.0)


# A: [10,20) [30,40) [50,60)   B: [100,110) [5,15) [200,210)  (the second passage moved up in B)
MATCHES = [match(10, 20, 100, 110), match(30, 40, 5, 15), match(50, 60, 200, 210)]


def index():
    return PassageIndex(MATCHES, 100, 300)


def test_at_finds_the_containing_match_on_each_side():
    ix = index()
    assert ix.at("a", 10) == 0 and ix.at("a", 19) == 0 and ix.at("a", 20) is None
    assert ix.at("a", 35) == 1 and ix.at("a", 45) is None
    assert ix.at("b", 5) == 1 and ix.at("b", 105) == 0 and ix.at("b", 209) == 2 and ix.at("b", 50) is None


def test_at_prefers_the_shortest_of_nested_matches():
    ix = PassageIndex([match(0, 100, 0, 100), match(40, 50, 200, 210)], 100, 300)
    assert ix.at("a", 45) == 1
    assert ix.at("a", 10) == 0


def test_overlapping_returns_matches_touching_a_range_in_text_order():
    ix = index()
    assert ix.overlapping("a", 0, 10) == []
    assert ix.overlapping("a", 15, 35) == [0, 1]
    assert ix.overlapping("a", 0, 100) == [0, 1, 2]
    assert ix.overlapping("b", 0, 120) == [1, 0]


def test_overlapping_sees_a_long_span_that_starts_early():
    # A long match starting first must be found although later ones end before the range.
    ix = PassageIndex([match(0, 500, 0, 10), match(10, 20, 20, 30), match(30, 40, 40, 50)], 600, 100)
    assert ix.overlapping("a", 300, 310) == [0]


def test_counterpart_inside_a_match_is_proportional():
    ix = index()
    assert ix.counterpart_offset("a", 15) == 105
    assert ix.counterpart_offset("b", 10) == 35


def test_counterpart_between_matches_in_order_interpolates():
    ix = PassageIndex([match(10, 20, 110, 120), match(40, 50, 210, 220)], 100, 300)
    assert ix.counterpart_offset("a", 30) == 165  # halfway between B 120 and B 210


def test_counterpart_next_to_a_moved_match_follows_the_nearer_one():
    ix = index()
    # Between A [10,20) → B 110 and A [30,40) → B 5 (out of order): nearer neighbour wins.
    assert ix.counterpart_offset("a", 22) == 112
    assert ix.counterpart_offset("a", 28) == 3


def test_counterpart_without_matches_keeps_the_relative_position():
    ix = PassageIndex([], 100, 300)
    assert ix.counterpart_offset("a", 50) == 150
    assert ix.counterpart_offset("b", 300) == 100


def test_counterpart_is_clamped_to_the_other_text():
    ix = PassageIndex([match(10, 20, 0, 10)], 100, 30)
    assert ix.counterpart_offset("a", 99) == 30
    assert ix.counterpart_offset("a", 2) == 0


def test_step_walks_matches_and_stops_at_the_ends():
    ix = index()
    assert ix.step(None, True) == 0 and ix.step(None, False) == 2
    assert ix.step(0, True) == 1 and ix.step(2, True) is None and ix.step(0, False) is None
    assert PassageIndex([], 1, 1).step(None, True) is None
