"""spans_for_side: whole passages pale, identical word runs strong, per side."""

from reader.core.matches import Alignment, DiffOp, Match, Summary
from reader.ui.reading.highlight_spans import Span, spans_for_side

OPS = (DiffOp("equal", 0, 10, 100, 110), DiffOp("replace", 11, 15, 111, 118), DiffOp("equal", 16, 30, 119, 133),
       DiffOp("insert", 30, 30, 133, 140))
ALIGNMENT = Alignment((Match(0, 30, 100, 140, "edited", 0.8, OPS), Match(50, 60, 10, 20, "quote", 1.0)),
                      Summary(0.5, 0.5, 2, 3))


def test_side_a_passages_then_identical_runs():
    assert spans_for_side(ALIGNMENT, "a") == [
        Span(0, 30, "edited", False, 0), Span(50, 60, "quote", False, 1),
        Span(0, 10, "edited", True, 0), Span(16, 30, "edited", True, 0),
    ]


def test_side_b_uses_b_offsets():
    spans = spans_for_side(ALIGNMENT, "b")
    assert [(s.start, s.end, s.identical) for s in spans] == [(100, 140, False), (10, 20, False), (100, 110, True),
                                                             (119, 133, True)]
