"""The look of each match kind: colour, underline style, label, explanation.

The one place that decides how verbatim / edited / paraphrase / quote passages look, shared by
the panes, the link map, the passage list and the legend. Colours come from the Okabe-Ito
palette (readable by most colour-blind readers) and every kind also has its own underline
style, so the marks stay distinguishable without colour. Identical words get a strong tint,
the rest of a passage a pale one.

Qt GUI classes only (no widgets); must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat

from reader.core.matches import EDITED, KINDS, PARAPHRASE, QUOTE, VERBATIM

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

# How much of the kind's colour is mixed into white: strong for identical words, pale for the
# reworded rest. Opaque colours, because a later format replaces an earlier background.
IDENTICAL_TINT = 0.42
CHANGED_TINT = 0.14


def base_colour(kind: str) -> QColor:
    return QColor(BASE_COLOURS.get(kind, "#777777"))


def tint(kind: str, amount: float) -> QColor:
    """The kind's colour mixed into white (``amount`` 0 = white, 1 = full colour)."""
    c = base_colour(kind)
    return QColor(
        round(255 + (c.red() - 255) * amount),
        round(255 + (c.green() - 255) * amount),
        round(255 + (c.blue() - 255) * amount),
    )


def passage_format(kind: str, identical: bool) -> QTextCharFormat:
    """Character format for a passage of ``kind``: identical words strong, the rest pale."""
    fmt = QTextCharFormat()
    fmt.setBackground(tint(kind, IDENTICAL_TINT if identical else CHANGED_TINT))
    fmt.setUnderlineStyle(UNDERLINES.get(kind, QTextCharFormat.UnderlineStyle.SingleUnderline))
    fmt.setUnderlineColor(base_colour(kind).darker(115))
    return fmt


def band_colours(kind: str, current: bool) -> tuple[QColor, QColor]:
    """Fill and outline of a link-map band."""
    fill = base_colour(kind)
    fill.setAlphaF(0.55 if current else 0.22)
    outline = base_colour(kind).darker(120)
    outline.setAlphaF(1.0 if current else 0.6)
    return fill, outline


def describe(kind: str) -> str:
    return f"{LABELS.get(kind, kind)}: {EXPLANATIONS.get(kind, '')} ({UNDERLINE_NAMES.get(kind, 'solid')} underline)"


__all__ = ["KINDS", "BASE_COLOURS", "LABELS", "EXPLANATIONS", "passage_format", "band_colours",
           "base_colour", "tint", "describe"]
