"""The look of each match kind: colour, underline style, label, explanation.

The one place that decides how verbatim / edited / paraphrase / quote passages look, shared by
the panes, the link map, the passage list and the legend. Colours come from the Okabe-Ito
palette (readable by most colour-blind readers) and every kind also has its own underline
style, so the marks stay distinguishable without colour. Identical words get a strong tint,
the rest of a passage a pale one. Tints are mixed into the palette's text background
(``reader.ui.theme``), so on a dark theme they are dark under light text; underlines are
darkened on a light background and lightened on a dark one. Formats are made at each call,
from the palette of that moment: a theme change re-marks the panes.

Qt GUI classes, and the palette through ``reader.ui.theme``; must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat

from reader.core.matches import EDITED, KINDS, PARAPHRASE, QUOTE, VERBATIM
from reader.ui import theme

#: The base colour of each kind (Okabe-Ito: vermillion, orange, blue, bluish green).
BASE_COLOURS = {
    VERBATIM: "#D55E00",
    EDITED: "#E69F00",
    PARAPHRASE: "#0072B2",
    QUOTE: "#009E73",
}

UNDERLINES = {
    VERBATIM: QTextCharFormat.UnderlineStyle.SingleUnderline,
    EDITED: QTextCharFormat.UnderlineStyle.DashUnderline,
    PARAPHRASE: QTextCharFormat.UnderlineStyle.WaveUnderline,
    QUOTE: QTextCharFormat.UnderlineStyle.DotLine,
}

UNDERLINE_NAMES = {VERBATIM: "solid", EDITED: "dashed", PARAPHRASE: "wavy", QUOTE: "dotted"}

LABELS = {VERBATIM: "Verbatim", EDITED: "Edited", PARAPHRASE: "Paraphrase", QUOTE: "Quote"}

EXPLANATIONS = {
    VERBATIM: "copied word for word",
    EDITED: "copied with small changes",
    PARAPHRASE: "the same content in other words",
    QUOTE: "a quotation both articles carry",
}

# How much of the kind's colour is mixed into the background: strong for identical words, pale
# for the reworded rest. Opaque colours, because a later format replaces an earlier background.
IDENTICAL_TINT = 0.42
CHANGED_TINT = 0.14


def base_colour(kind: str) -> QColor:
    return QColor(BASE_COLOURS.get(kind, "#777777"))


def tint(kind: str, amount: float) -> QColor:
    """The kind's colour mixed into the text background (``amount`` 0 = background, 1 = full colour)."""
    return theme.mix(base_colour(kind), theme.background(), amount)


def mark_colour(kind: str) -> QColor:
    """The kind's colour for lines (underlines), a little deeper than the background's contrast."""
    colour = base_colour(kind)
    return colour.lighter(125) if theme.is_dark() else colour.darker(115)


def passage_format(kind: str, identical: bool) -> QTextCharFormat:
    """Character format for a passage of ``kind``: identical words strong, the rest pale."""
    fmt = QTextCharFormat()
    fmt.setBackground(tint(kind, IDENTICAL_TINT if identical else CHANGED_TINT))
    fmt.setUnderlineStyle(UNDERLINES.get(kind, QTextCharFormat.UnderlineStyle.SingleUnderline))
    fmt.setUnderlineColor(mark_colour(kind))
    return fmt


def band_colours(kind: str, current: bool) -> tuple[QColor, QColor]:
    """Fill and outline of a link-map band."""
    fill = base_colour(kind)
    fill.setAlphaF(0.55 if current else 0.22)
    outline = mark_colour(kind)
    outline.setAlphaF(1.0 if current else 0.6)
    return fill, outline


def describe(kind: str) -> str:
    return f"{LABELS.get(kind, kind)}: {EXPLANATIONS.get(kind, '')} ({UNDERLINE_NAMES.get(kind, 'solid')} underline)"


__all__ = ["KINDS", "BASE_COLOURS", "LABELS", "EXPLANATIONS", "passage_format", "band_colours",
           "base_colour", "tint", "describe"]
