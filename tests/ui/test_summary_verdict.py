"""The summary bar's verdict line and the Score column's tooltip.

The verdict expected is the core's for the alignment on screen (``pair_verdict``), never a fixed
relation for the seed pair: the engine is being rebuilt and the verdict follows what it finds.
"""

import dataclasses

from PySide6.QtCore import Qt

from reader.core.corpus import pair_verdict
from reader.core.documents import load_document
from reader.ui.reading.passage_list import SCORE_TIP
from reader.ui.reading.summary_bar import summary_sentences


def wait_verdict(qtbot, window):
    qtbot.waitUntil(lambda: window.comparison.verdict is not None, timeout=20_000)
    return window.comparison.verdict


def test_the_summary_bar_leads_with_the_verdict(qtbot, seed_window):
    window = seed_window
    verdict = wait_verdict(qtbot, window)
    comparison = window.comparison
    text_a, text_b = (comparison.documents[s].text for s in "ab")
    assert verdict == pair_verdict(comparison.alignment, text_a, text_b)
    first, second = window.summary_bar.text().split("\n")
    assert first.startswith(verdict.describe())
    assert first.endswith(verdict.explain_direction() or verdict.describe())
    b_line, a_line = summary_sentences(comparison.alignment.summary)
    assert second == f"{b_line}.   {a_line}."
    rich = window.summary_bar.message.text()
    assert rich.startswith("<b>") and "<br>" in rich  # the verdict is bold, on its own line


def test_swapping_the_sides_judges_the_pair_again(qtbot, seed_window, wait_aligned):
    window = seed_window
    before = wait_verdict(qtbot, window)
    window.swap_sides()
    wait_aligned(window)
    after = wait_verdict(qtbot, window)
    assert after == before.swapped()
    assert window.summary_bar.text().startswith(after.describe())


def test_the_direction_comes_from_the_documents_dates(qtbot, make_window, seeds):
    # 003 dated before 002: the dates decide the direction (the evidence a library keeps),
    # whatever the quotations suggest.
    a = dataclasses.replace(load_document(seeds(2)), published="2024-02-10")
    b = dataclasses.replace(load_document(seeds(3)), published="2024-02-09")
    window = make_window([seeds(2), seeds(3)])
    window.compare(a, b)
    verdict = wait_verdict(qtbot, window)
    if verdict.relation in ("rewrite", "copies"):
        assert (verdict.source, verdict.evidence, verdict.later) == ("b", "dates", "a")
        assert "B was published first." in window.summary_bar.text()


def test_a_pair_with_nothing_in_common_says_so(qtbot, make_window, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Cats sleep most of the afternoon in warm places near windows.\n", encoding="utf-8")
    b.write_text("Quarterly revenue of the shipping firm rose by four percent.\n", encoding="utf-8")
    window = make_window([a, b])
    assert wait_verdict(qtbot, window).relation == "none"
    assert window.summary_bar.text().startswith("No shared text.\nB shares 0% of its text with A")


def test_the_score_column_says_what_a_score_means(seed_window):
    model = seed_window.passage_dock.table.model()
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Score"
    tip = model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == SCORE_TIP and "share of the passage's content" in tip
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole) == SCORE_TIP
