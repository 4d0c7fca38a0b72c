"""Themes: under a dark palette every tint, mark and bar is dark with light text; View ▸ Theme."""

import pytest
from PySide6.QtGui import QPalette, QTextCursor

from reader.core.matches import KINDS
from reader.ui import theme
from reader.ui.corpus.matrix_style import cell_colour
from reader.ui.reading import kind_style


@pytest.fixture
def dark_window(seed_window):
    seed_window.set_theme("dark")
    yield seed_window
    theme.apply_theme("system")


def _background_at(pane, offset):
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(offset + 1)
    return cursor.charFormat().background().color()


def _pixel(widget, x, y):
    return widget.grab().toImage().pixelColor(x, y)


def test_dark_theme_makes_passage_tints_dark_under_light_text(dark_window):
    window = dark_window
    text = window.palette().color(QPalette.ColorRole.Text)
    assert text.lightness() > 180
    for kind in KINDS:
        for amount in (kind_style.IDENTICAL_TINT, kind_style.CHANGED_TINT):
            assert kind_style.tint(kind, amount).lightness() < 110, kind
    match = window.comparison.alignment.matches[0]
    tint = _background_at(window.panes["a"], match.a_start)
    assert tint.isValid() and tint.lightness() < 110
    # The summary bar and the legend are painted dark too (they disappeared before).
    for widget in (window.summary_bar, window.legend):
        assert _pixel(widget, 3, 3).lightness() < 80
    assert cell_colour(0.0).lightness() < 80  # the corpus matrix starts from the dark background


def test_theme_choice_is_in_the_view_menu_and_remembered(dark_window, make_window, seeds):
    window = dark_window
    menu = window.menus["view"].findChild(type(window.menus["view"]), "themeMenu")
    checked = [a.data() for a in menu.actions() if a.isChecked()]
    assert checked == ["dark"]
    window.close()
    again = make_window([seeds(2), seeds(3)])
    assert again.theme == "dark" and theme.is_dark()
    light = [a for a in menu.actions() if a.data() == "light"]
    again.set_theme("light")
    assert not theme.is_dark()
    match = again.comparison.alignment.matches[0]
    assert _background_at(again.panes["a"], match.a_start).lightness() > 150
    assert light


def test_high_contrast_keeps_underlines_per_kind(seed_window):
    try:
        seed_window.set_theme("high-contrast")
        styles = {kind_style.passage_format(kind, True).underlineStyle() for kind in KINDS}
        assert len(styles) == len(KINDS)
        assert theme.background().lightness() == 0
    finally:
        theme.apply_theme("system")
